//! Finding and reading packet files: folders are walked for `.md` and
//! `.markdown` files; each file is read once and decoded (UTF-8 with or
//! without BOM, UTF-16 with BOM). A file that cannot be read or is not text
//! yields a reason, never a panic or a stopped run. [`read_file`] is the one
//! way promolint opens a file it reads, whatever the file is for.

use std::fs;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

/// A file to lint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    /// The path to read.
    pub path: PathBuf,
    /// Whether it was named on the command line (rather than found in a folder).
    pub explicit: bool,
}

/// A path that could not be walked or read, with the reason in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unreadable {
    /// The path, as shown to the user.
    pub path: PathBuf,
    /// What went wrong, e.g. "permission denied" or "not valid UTF-8 (first bad byte at offset 12)".
    pub reason: String,
    /// Byte offset in the file the reason points at, if any.
    pub offset: Option<usize>,
}

/// Whether a path names a Markdown file by its extension.
pub fn is_markdown(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"))
}

/// Finds the packets named by `paths`, lazily, in order: files as given,
/// folders walked in file-name order (following symlinks, with loop
/// detection; hidden folders skipped), and, where they are met, the paths
/// that could not be walked (missing, symlink loops, permissions). The same
/// file named twice (or found twice) comes once. Files are not read here;
/// what this keeps grows with the number of files by about 16 bytes a file
/// (the device and inode that tell a file found twice) and, while a folder
/// named is walked, by its Markdown files' relative paths (walked whole and
/// sorted before the first is yielded, about 45 bytes a file: see `walk`).
pub fn discover(paths: &[PathBuf]) -> impl Iterator<Item = Result<Input, Unreadable>> + '_ {
    let mut seen = Seen::default();
    paths
        .iter()
        .flat_map(|path| -> Box<dyn Iterator<Item = Result<Input, Unreadable>>> {
            match fs::metadata(path) {
                Ok(meta) if meta.is_dir() => Box::new(walk(path)),
                Ok(_) => Box::new(std::iter::once(Ok(Input { path: path.clone(), explicit: true }))),
                Err(e) => Box::new(std::iter::once(Err(Unreadable {
                    path: path.clone(),
                    reason: io_reason(&e),
                    offset: None,
                }))),
            }
        })
        .filter(move |found| found.as_ref().map_or(true, |i| seen.insert(&i.path)))
}

/// The Markdown files under `root` and the paths that could not be walked,
/// in the order walkdir's `sort_by_file_name` would give them (depth first,
/// each folder's entries by name).
///
/// walkdir's own sort reads a folder's every entry, a `DirEntry` with its
/// full path (about 130 bytes), before it yields the first: 13 MB for a
/// folder of 100,000 packets. So walkdir walks unsorted here (it still
/// follows links, detects loops and skips hidden folders), and only each
/// Markdown file's path relative to `root` is kept (about 45 bytes), sorted
/// at the end by its components: depth-first order with each folder's
/// entries by name is exactly the order of the component lists.
fn walk(root: &Path) -> impl Iterator<Item = Result<Input, Unreadable>> + use<> {
    let root = root.to_path_buf();
    let mut found: Vec<(Box<Path>, Option<Unreadable>)> = Vec::new();
    let entries = WalkDir::new(&root)
        .follow_links(true)
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_str().is_some_and(|n| n.starts_with('.')));
    for entry in entries {
        match entry {
            Ok(entry) => {
                if !entry.file_type().is_dir() && is_markdown(entry.path()) {
                    found.push((relative(&root, entry.path()), None));
                }
            }
            Err(e) => {
                let path = e.path().map(Path::to_path_buf).unwrap_or_else(|| root.clone());
                let reason = if e.loop_ancestor().is_some() {
                    "symbolic link loop".to_owned()
                } else if let Some(io) = e.io_error() {
                    io_reason(io)
                } else {
                    e.to_string()
                };
                found.push((relative(&root, &path), Some(Unreadable { path, reason, offset: None })));
            }
        }
    }
    // A stable sort: an error and a file of one path keep walkdir's order.
    found.sort_by(|a, b| a.0.cmp(&b.0));
    found.into_iter().map(move |(rel, error)| match error {
        Some(error) => Err(error),
        None => Ok(Input { path: root.join(rel), explicit: false }),
    })
}

/// `path` relative to `root` (the whole path when it is not under it).
fn relative(root: &Path, path: &Path) -> Box<Path> {
    path.strip_prefix(root).unwrap_or(path).into()
}

/// The files met so far, to tell a file found twice: on Unix by device and
/// inode (16 bytes a file in the set, where a canonical path took about 80
/// at 100,000 packets, and a `stat` where canonicalising took one per path
/// component); elsewhere, and for a path that cannot be examined, by its
/// canonical path (or the path itself).
#[derive(Debug, Default)]
struct Seen {
    inodes: std::collections::HashSet<(u64, u64)>,
    paths: std::collections::HashSet<PathBuf>,
}

impl Seen {
    /// Whether `path` is met for the first time (and it is now seen).
    fn insert(&mut self, path: &Path) -> bool {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            if let Ok(meta) = fs::metadata(path) {
                return self.inodes.insert((meta.dev(), meta.ino()));
            }
        }
        self.paths.insert(fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf()))
    }
}

/// Largest packet promolint reads, in bytes (64 MiB); a larger file is an
/// `unreadable-file` diagnostic, read no further than the limit.
pub const PACKET_LIMIT: u64 = 64 << 20;
/// Largest config file (`promolint.yaml`) promolint reads, in bytes (1 MiB).
pub const CONFIG_LIMIT: u64 = 1 << 20;
/// Largest rule file promolint reads, in bytes (16 MiB).
pub const RULE_FILE_LIMIT: u64 = 16 << 20;
/// Largest ladder document `rules import` reads, in bytes (16 MiB).
pub const IMPORT_LIMIT: u64 = 16 << 20;

/// Reads and decodes one packet (at most [`PACKET_LIMIT`] bytes); see [`read_file`].
///
/// # Errors
/// As [`read_file`].
pub fn read(path: &Path) -> Result<String, Unreadable> {
    read_file(path, PACKET_LIMIT)
}

/// Reads one file as text: the one way promolint opens a file it reads
/// (packets, `promolint.yaml`, rule files, `rules import` input).
///
/// Symbolic links are followed and the target must be a regular file: a
/// folder, FIFO, socket or device is refused before it is opened (so a FIFO
/// never blocks a run and `/dev/zero` is never read), the open itself cannot
/// block (`O_NONBLOCK` on Unix), and the opened file is checked again. At most
/// `limit` bytes are read (a file growing meanwhile is cut off with the same
/// error). The bytes are decoded by [`decode`].
///
/// # Errors
/// An [`Unreadable`] naming `path` with the reason in words: missing, a
/// dangling symbolic link, not a regular file (which kind), larger than
/// `limit` (both sizes in the message), permission denied, binary (NUL byte)
/// or not valid UTF-8 (with the byte offset).
pub fn read_file(path: &Path, limit: u64) -> Result<String, Unreadable> {
    let bytes = read_bytes(path, limit)?;
    decode(&bytes).map_err(|(reason, offset)| Unreadable { path: path.to_path_buf(), reason, offset })
}

/// The bytes of one regular file, with the checks of [`read_file`] but no decoding.
///
/// # Errors
/// As [`read_file`], but for decoding.
pub fn read_bytes(path: &Path, limit: u64) -> Result<Vec<u8>, Unreadable> {
    use std::io::Read;
    let fail = |reason: String| Unreadable { path: path.to_path_buf(), reason, offset: None };
    let meta = fs::metadata(path).map_err(|e| {
        let dangling = e.kind() == std::io::ErrorKind::NotFound
            && fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
        fail(if dangling {
            "a symbolic link to a file that does not exist".to_owned()
        } else {
            io_reason(&e)
        })
    })?;
    check_regular(&meta, limit).map_err(fail)?;
    let file = open_nonblocking(path).map_err(|e| fail(io_reason(&e)))?;
    // The path may have been swapped between the two looks: check what was opened.
    let meta = file.metadata().map_err(|e| fail(io_reason(&e)))?;
    check_regular(&meta, limit).map_err(fail)?;
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0).min(1 << 20));
    file.take(limit + 1).read_to_end(&mut bytes).map_err(|e| fail(io_reason(&e)))?;
    if bytes.len() as u64 > limit {
        return Err(fail(format!("larger than the limit of {}", size(limit))));
    }
    Ok(bytes)
}

fn check_regular(meta: &fs::Metadata, limit: u64) -> Result<(), String> {
    let kind = meta.file_type();
    if !kind.is_file() {
        return Err(format!("not a regular file: {}", kind_name(&kind)));
    }
    if meta.len() > limit {
        return Err(format!("larger than the limit of {} ({})", size(limit), size(meta.len())));
    }
    Ok(())
}

/// What a file that is not a regular file is, in words.
fn kind_name(kind: &fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if kind.is_socket() {
            return "a socket";
        }
        if kind.is_char_device() || kind.is_block_device() {
            return "a device";
        }
    }
    if kind.is_dir() { "a folder" } else { "not a file" }
}

/// A byte count in words: `64 MiB`, `1.5 KiB`, `12 bytes`.
fn size(bytes: u64) -> String {
    const UNITS: [(u64, &str); 3] = [(1 << 30, "GiB"), (1 << 20, "MiB"), (1 << 10, "KiB")];
    for (unit, name) in UNITS {
        if bytes >= unit {
            let whole = bytes / unit;
            let tenth = (bytes % unit) * 10 / unit;
            return if tenth == 0 { format!("{whole} {name}") } else { format!("{whole}.{tenth} {name}") };
        }
    }
    format!("{bytes} bytes")
}

#[cfg(unix)]
fn open_nonblocking(path: &Path) -> std::io::Result<fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    fs::OpenOptions::new().read(true).custom_flags(libc::O_NONBLOCK).open(path)
}

#[cfg(not(unix))]
fn open_nonblocking(path: &Path) -> std::io::Result<fs::File> {
    fs::File::open(path)
}

/// Decodes file contents: UTF-8 (a BOM is dropped) or UTF-16 with a BOM.
///
/// # Errors
/// A reason and the byte offset it concerns: NUL bytes (a binary file) or
/// invalid UTF-8.
pub fn decode(bytes: &[u8]) -> Result<String, (String, Option<usize>)> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        let (text, _, malformed) = encoding_rs::UTF_16LE.decode(bytes);
        if malformed {
            return Err(("malformed UTF-16".to_owned(), None));
        }
        return Ok(text.into_owned());
    }
    let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    if let Some(at) = bytes.iter().position(|&b| b == 0) {
        return Err((format!("binary file (NUL byte at offset {at})"), Some(at)));
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.to_owned()),
        Err(e) => {
            let at = e.valid_up_to();
            Err((format!("not valid UTF-8 (first bad byte at offset {at})"), Some(at)))
        }
    }
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or folder".to_owned(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        _ => e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_boms_and_rejects_binary_and_bad_utf8() {
        assert_eq!(decode(b"\xEF\xBB\xBFhi").unwrap(), "hi");
        assert_eq!(decode(b"\xFF\xFEh\0i\0").unwrap(), "hi");
        assert_eq!(decode(b"\xFE\xFF\0h\0i").unwrap(), "hi");
        assert_eq!(decode(b"ab\0c").unwrap_err().1, Some(2));
        assert_eq!(
            decode(b"abc\xFFd").unwrap_err(),
            ("not valid UTF-8 (first bad byte at offset 3)".to_owned(), Some(3))
        );
    }

    #[test]
    fn sizes_read_as_words() {
        assert_eq!(size(64 << 20), "64 MiB");
        assert_eq!(size(1536), "1.5 KiB");
        assert_eq!(size(12), "12 bytes");
    }
}
