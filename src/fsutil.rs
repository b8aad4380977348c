//! Writing files safely: every file promolint writes (only where asked) is
//! written to a temporary file beside the target and renamed over it, so a
//! reader never sees half a file and a failed write leaves nothing behind.

use std::io::Write;
use std::path::Path;

use anyhow::Context;

/// Writes `contents` to `path` atomically (temporary file + rename).
///
/// # Errors
/// The folder cannot be written to, or the rename fails; the message names the path.
pub fn write_atomically(path: &Path, contents: &[u8]) -> anyhow::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "output".into());
    let tmp = dir.join(format!(".{name}.promolint-{}.tmp", std::process::id()));
    let result = (|| -> std::io::Result<()> {
        let mut file = std::fs::File::create(&tmp)?;
        file.write_all(contents)?;
        file.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result.with_context(|| format!("cannot write {}", path.display()))
}

/// Writes `contents` to `path` through a temporary file in the same folder
/// (`tempfile`), then moves it into place: over an existing file only when
/// `replace` is true, else refusing to clobber one that appeared meanwhile.
///
/// # Errors
/// The folder cannot be written to; `path` exists and `replace` is false (an
/// error of kind [`std::io::ErrorKind::AlreadyExists`] in the chain); the
/// message names the path.
pub fn write_file(path: &Path, contents: &[u8], replace: bool) -> anyhow::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let result = (|| -> std::io::Result<()> {
        let mut tmp = tempfile::Builder::new().prefix(".promolint-").suffix(".tmp").tempfile_in(dir)?;
        tmp.write_all(contents)?;
        tmp.as_file().sync_all()?;
        if replace {
            tmp.persist(path).map_err(|e| e.error)?;
        } else {
            tmp.persist_noclobber(path).map_err(|e| e.error)?;
        }
        Ok(())
    })();
    result.with_context(|| format!("cannot write {}", path.display()))
}

/// Whether an error from [`write_file`] says the file already exists.
pub fn is_already_exists(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::AlreadyExists)
    })
}
