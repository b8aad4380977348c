//! Finding and reading packet files: folders are walked for `.md` and
//! `.markdown` files; each file is read once and decoded (UTF-8 with or
//! without BOM, UTF-16 with BOM). A file that cannot be read or is not text
//! yields a reason, never a panic or a stopped run.

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

/// The result of looking for packets under some paths.
#[derive(Debug, Default)]
pub struct Discovered {
    /// Files to read, in the order found (folders walked in file-name order).
    pub inputs: Vec<Input>,
    /// Paths that could not be walked (missing, symlink loops, permissions).
    pub problems: Vec<Unreadable>,
}

/// Whether a path names a Markdown file by its extension.
pub fn is_markdown(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"))
}

/// Finds the packets named by `paths`: files as given, folders walked
/// (following symlinks, with loop detection; hidden folders skipped).
pub fn discover(paths: &[PathBuf]) -> Discovered {
    let mut found = Discovered::default();
    for path in paths {
        match fs::metadata(path) {
            Ok(meta) if meta.is_dir() => walk(path, &mut found),
            Ok(_) => found.inputs.push(Input { path: path.clone(), explicit: true }),
            Err(e) => {
                found.problems.push(Unreadable { path: path.clone(), reason: io_reason(&e), offset: None })
            }
        }
    }
    found
}

fn walk(root: &Path, found: &mut Discovered) {
    let walker = WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_str().is_some_and(|n| n.starts_with('.')));
    for entry in walker {
        match entry {
            Ok(entry) => {
                if !entry.file_type().is_dir() && is_markdown(entry.path()) {
                    found.inputs.push(Input { path: entry.into_path(), explicit: false });
                }
            }
            Err(e) => {
                let path = e.path().map(Path::to_path_buf).unwrap_or_else(|| root.to_path_buf());
                let reason = if e.loop_ancestor().is_some() {
                    "symbolic link loop".to_owned()
                } else if let Some(io) = e.io_error() {
                    io_reason(io)
                } else {
                    e.to_string()
                };
                found.problems.push(Unreadable { path, reason, offset: None });
            }
        }
    }
}

/// Reads and decodes one file. Never blocks on a FIFO or device: anything
/// but a regular file is refused before it is opened.
///
/// # Errors
/// The file is not a regular file, cannot be read, or is not text.
pub fn read(path: &Path) -> Result<String, Unreadable> {
    let fail =
        |reason: String, offset: Option<usize>| Unreadable { path: path.to_path_buf(), reason, offset };
    let meta = fs::metadata(path).map_err(|e| fail(io_reason(&e), None))?;
    if !meta.is_file() {
        return Err(fail("not a regular file".to_owned(), None));
    }
    let bytes = fs::read(path).map_err(|e| fail(io_reason(&e), None))?;
    decode(&bytes).map_err(|(reason, offset)| fail(reason, offset))
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
}
