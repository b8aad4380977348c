//! Writing files safely: every file promolint writes (only where asked) goes
//! through [`write_file`]. The contents go to a randomly named temporary file
//! created exclusively in the target's folder (never following a symbolic
//! link planted at its name), which is then renamed onto the target: a reader
//! never sees half a file, a failed write leaves nothing behind, and without
//! `force` an existing target, even one created a moment before the rename or
//! a dangling symbolic link, is never replaced. A run stopped by SIGINT or
//! SIGTERM while a temporary file exists removes it before exiting.

use std::fmt;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, Once};

/// Temporary files being written, which the signal handler removes.
static PENDING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// The SIGINT/SIGTERM handler is installed once, by the first write.
static HANDLER: Once = Once::new();

/// Exit code after SIGINT or SIGTERM during a write (128 + SIGINT).
const SIGNAL_EXIT: i32 = 130;

fn install_handler() {
    HANDLER.call_once(|| {
        // ctrlc runs the handler on a thread of its own, not in signal
        // context, so taking the lock is allowed. Another handler already
        // installed (by a program embedding the library) is left in place.
        let _ = ctrlc::set_handler(|| {
            remove_pending();
            std::process::exit(SIGNAL_EXIT);
        });
    });
}

/// Removes every temporary file [`write_file`] is writing and returns how
/// many were removed; called by the signal handler before it exits.
pub(crate) fn remove_pending() -> usize {
    remove_files(&PENDING.lock().unwrap_or_else(std::sync::PoisonError::into_inner))
}

fn remove_files(paths: &[PathBuf]) -> usize {
    paths.iter().filter(|p| std::fs::remove_file(p).is_ok()).count()
}

/// A temporary file's path in [`PENDING`] while it lives.
struct Pending(PathBuf);

impl Pending {
    fn register(path: &Path) -> Self {
        PENDING.lock().unwrap_or_else(std::sync::PoisonError::into_inner).push(path.to_path_buf());
        Pending(path.to_path_buf())
    }
}

impl Drop for Pending {
    fn drop(&mut self) {
        let mut pending = PENDING.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(i) = pending.iter().position(|p| *p == self.0) {
            pending.swap_remove(i);
        }
    }
}

/// Why [`write_file`] wrote nothing.
#[derive(Debug)]
pub(crate) enum WriteError {
    /// Something is already at the path (a file, a folder or a symbolic link,
    /// dangling or not) and `force` was not given.
    Exists(PathBuf),
    /// The folder cannot be written to, the disk is full, the rename failed.
    Io {
        /// The target path.
        path: PathBuf,
        /// What the system said.
        source: io::Error,
    },
}

impl fmt::Display for WriteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WriteError::Exists(path) => write!(f, "{} exists; pass --force to replace it", path.display()),
            WriteError::Io { path, source } => write!(f, "cannot write {}: {source}", path.display()),
        }
    }
}

impl std::error::Error for WriteError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            WriteError::Exists(_) => None,
            WriteError::Io { source, .. } => Some(source),
        }
    }
}

/// Whether anything is at `path`: a file, a folder, or a symbolic link even
/// when it dangles. What [`write_file`] refuses to replace without `force`.
pub(crate) fn occupied(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok()
}

/// Writes `contents` to `path` atomically: a temporary file beside it
/// (`tempfile`: random name, `O_EXCL`, removed on any error), flushed to disk,
/// then renamed onto `path`. Without `force` the rename is
/// `persist_noclobber`, which fails if anything appeared at `path`
/// meanwhile; with `force` an existing file (or the symbolic link itself,
/// never its target) is replaced.
///
/// # Errors
/// [`WriteError::Exists`] when `path` is occupied and `force` is false;
/// [`WriteError::Io`] naming `path` for any other failure. Nothing is left
/// behind in either case.
pub(crate) fn write_file(path: &Path, contents: &[u8], force: bool) -> Result<(), WriteError> {
    let io_error = |source: io::Error| WriteError::Io { path: path.to_path_buf(), source };
    if !force && occupied(path) {
        return Err(WriteError::Exists(path.to_path_buf()));
    }
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    install_handler();
    let mut tmp =
        tempfile::Builder::new().prefix(".promolint-").suffix(".tmp").tempfile_in(dir).map_err(io_error)?;
    // Dropped after the rename (or the removal on error): until then a
    // signal removes the file.
    let _pending = Pending::register(tmp.path());
    tmp.write_all(contents).map_err(io_error)?;
    tmp.as_file().sync_all().map_err(io_error)?;
    let persisted = if force { tmp.persist(path) } else { tmp.persist_noclobber(path) };
    // On failure the temporary file is dropped with the error, which removes it.
    persisted.map(drop).map_err(|e| match e.error.kind() {
        io::ErrorKind::AlreadyExists if !force => WriteError::Exists(path.to_path_buf()),
        _ => io_error(e.error),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leftovers(dir: &Path) -> Vec<String> {
        std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with(".promolint-"))
            .collect()
    }

    #[test]
    fn never_replaces_without_force_and_leaves_nothing_behind() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("out.html");
        write_file(&target, b"one", false).unwrap();
        assert!(matches!(write_file(&target, b"two", false), Err(WriteError::Exists(_))));
        assert_eq!(std::fs::read(&target).unwrap(), b"one");
        write_file(&target, b"three", true).unwrap();
        assert_eq!(std::fs::read(&target).unwrap(), b"three");
        assert!(leftovers(dir.path()).is_empty());
    }

    #[cfg(unix)]
    #[test]
    fn a_dangling_link_needs_force_and_its_target_is_never_written() {
        let dir = tempfile::tempdir().unwrap();
        let link = dir.path().join("out.csv");
        std::os::unix::fs::symlink(dir.path().join("victim"), &link).unwrap();
        assert!(matches!(write_file(&link, b"x", false), Err(WriteError::Exists(_))));
        write_file(&link, b"x", true).unwrap();
        assert!(!dir.path().join("victim").exists(), "the link is replaced, not followed");
        assert_eq!(std::fs::read(&link).unwrap(), b"x");
        assert!(leftovers(dir.path()).is_empty());
    }

    #[test]
    fn files_being_written_are_removed_by_the_signal_cleanup_and_only_those() {
        let dir = tempfile::tempdir().unwrap();
        let tmp = tempfile::Builder::new().prefix(".promolint-").tempfile_in(dir.path()).unwrap();
        let path = tmp.path().to_path_buf();
        let pending = Pending::register(&path);
        write_file(&dir.path().join("done.json"), b"{}", false).unwrap();
        let registered = PENDING.lock().unwrap().clone();
        assert!(registered.contains(&path), "registered while it lives");
        assert!(
            !registered.iter().any(|p| p.starts_with(dir.path()) && *p != path),
            "a finished file is not pending"
        );
        // Other tests may be writing too: their files are left alone here.
        assert_eq!(remove_files(std::slice::from_ref(&path)), 1);
        assert!(!path.exists(), "the pending temporary file is removed");
        drop(pending);
        assert!(!PENDING.lock().unwrap().contains(&path), "unregistered when dropped");
        drop(tmp);
    }

    #[test]
    fn a_failed_write_names_the_path() {
        let err = write_file(Path::new("/nonexistent-folder/x.json"), b"{}", false).unwrap_err();
        assert!(err.to_string().starts_with("cannot write /nonexistent-folder/x.json"), "{err}");
    }
}
