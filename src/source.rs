//! Source texts that diagnostics point into: packets, rule files, config files.
//!
//! Owns the text of every file a run reads and turns byte offsets into 1-based
//! line and column numbers for the reporters that print them. It does not read
//! files from disk (see [`crate::input`]).

use std::ops::Range;

/// The name a file is shown under in diagnostics: the path's text, with
/// each byte that is not UTF-8 (a Unix file name may hold any byte but `/`
/// and NUL) written as `\xHH`, so that two names differing in such bytes
/// never show, or fingerprint, alike. Elsewhere, the path as displayed.
pub fn path_name(path: &std::path::Path) -> String {
    #[cfg(unix)]
    {
        use std::fmt::Write;
        use std::os::unix::ffi::OsStrExt;
        let bytes = path.as_os_str().as_bytes();
        let mut name = String::with_capacity(bytes.len());
        for chunk in bytes.utf8_chunks() {
            name.push_str(chunk.valid());
            for byte in chunk.invalid() {
                let _ = write!(name, "\\x{byte:02X}");
            }
        }
        name
    }
    #[cfg(not(unix))]
    {
        path.display().to_string()
    }
}

/// Index of a file in a [`Sources`] store.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FileId(pub usize);

/// One source text and the name it is shown under.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Name shown in diagnostics: the path as given on the command line, or
    /// `<built-in>/rules/...` for embedded rule files.
    pub name: String,
    /// The text, as decoded; byte ranges in diagnostics index into it.
    pub text: String,
    /// Byte offset of the start of each line in `text`.
    line_starts: Vec<usize>,
}

/// A 1-based position: `line` counts lines, `column` counts Unicode scalar
/// values (characters) from the start of the line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    /// 1-based line number.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
}

impl SourceFile {
    /// Makes a source file, indexing its line starts. A line ends at `\n`, at a
    /// `\r\n` pair, or at a lone `\r`.
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        let text = text.into();
        let line_starts = line_starts(&text);
        SourceFile { name: name.into(), text, line_starts }
    }

    /// Byte offsets at which each line starts (the first is always 0).
    pub fn line_starts(&self) -> &[usize] {
        &self.line_starts
    }

    /// The 1-based line and character column of a byte offset. An offset past
    /// the end, or inside a multi-byte character, is clamped to the nearest
    /// earlier character boundary.
    pub fn position(&self, offset: usize) -> Position {
        let offset = floor_char_boundary(&self.text, offset);
        let line_index = match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let start = self.line_starts[line_index];
        let column = self.text[start..offset].chars().count() + 1;
        Position { line: line_index + 1, column }
    }

    /// Start and end positions of a byte range; the end is exclusive, as the
    /// range is (an empty range starts and ends at the same position).
    pub fn span(&self, range: &Range<usize>) -> (Position, Position) {
        (self.position(range.start), self.position(range.end))
    }
}

fn line_starts(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut starts = vec![0];
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => starts.push(i + 1),
            b'\r' if bytes.get(i + 1) != Some(&b'\n') => starts.push(i + 1),
            _ => {}
        }
        i += 1;
    }
    starts
}

/// The largest character boundary of `text` that is `<= offset`.
pub fn floor_char_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// All source texts of one run, addressed by [`FileId`].
#[derive(Debug, Default, Clone)]
pub struct Sources {
    files: Vec<SourceFile>,
}

impl Sources {
    /// An empty store.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a file and returns its id.
    pub fn add(&mut self, name: impl Into<String>, text: impl Into<String>) -> FileId {
        self.files.push(SourceFile::new(name, text));
        FileId(self.files.len() - 1)
    }

    /// The file with this id. Panics only on an id from another store, which is
    /// a programming error.
    pub fn get(&self, id: FileId) -> &SourceFile {
        &self.files[id.0]
    }

    /// Every file, in the order added, with its id.
    pub fn iter(&self) -> impl Iterator<Item = (FileId, &SourceFile)> {
        self.files.iter().enumerate().map(|(i, f)| (FileId(i), f))
    }

    /// How many files the store holds.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// Drops every file after the first `len` (ids from `len` on become
    /// invalid and are given again by [`Sources::add`]).
    pub fn truncate(&mut self, len: usize) {
        self.files.truncate(len);
    }

    /// Whether the store holds no file.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_characters_and_all_line_endings() {
        let file = SourceFile::new("p.md", "ab\r\ncé\rx\ny");
        assert_eq!(file.position(0), Position { line: 1, column: 1 });
        assert_eq!(file.position(4), Position { line: 2, column: 1 });
        // 'é' is two bytes: the 'x' after the lone CR is on line 3.
        assert_eq!(file.position(8), Position { line: 3, column: 1 });
        assert_eq!(file.position(10), Position { line: 4, column: 1 });
        // Inside a multi-byte character: clamped to its start.
        assert_eq!(file.position(6), Position { line: 2, column: 2 });
        assert_eq!(file.position(999), Position { line: 4, column: 2 });
    }
}
