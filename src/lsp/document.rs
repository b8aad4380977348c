//! One open document and what the check pipeline says about it: the text
//! as the editor has it, linted by the same [`Linter`] as `check`, and the
//! conversion between byte offsets and LSP positions (UTF-16 code units,
//! the protocol's default; lines end at `\n`, `\r\n` or `\r` on both sides).

use std::ops::Range;

use lsp_types::{Position, Range as LspRange};

use crate::check::{Linter, PacketReport};
use crate::source::{FileId, SourceFile, Sources};

/// A document linted once for one request: its sources (the document alone)
/// and the check pipeline's report, when the file is a packet.
pub(super) struct Linted<'r> {
    /// Holds the document's text as file 0.
    pub(super) sources: Sources,
    /// The report; `None` for Markdown without promolint front matter (as
    /// when `check` walks a folder: a README gets no diagnostics).
    pub(super) report: Option<PacketReport<'r>>,
}

impl<'r> Linted<'r> {
    /// Lints `text`, shown as `name`.
    pub(super) fn new(linter: &Linter<'r, '_>, name: &str, text: &str) -> Self {
        let mut sources = Sources::new();
        let file = sources.add(name.to_owned(), text.to_owned());
        let report = linter.lint(file, &sources, false);
        Linted { sources, report }
    }

    /// The document's source file.
    pub(super) fn file(&self) -> &SourceFile {
        self.sources.get(FileId(0))
    }
}

/// The LSP position of a byte offset (clamped to the text).
pub(super) fn position(file: &SourceFile, offset: usize) -> Position {
    let p = file.position(offset);
    let start = file.line_starts()[p.line - 1];
    let character: usize = file.text[start..].chars().take(p.column - 1).map(char::len_utf16).sum();
    Position { line: to_u32(p.line - 1), character: to_u32(character) }
}

/// The LSP range of a byte range.
pub(super) fn range(file: &SourceFile, r: &Range<usize>) -> LspRange {
    LspRange { start: position(file, r.start), end: position(file, r.end) }
}

/// The byte offset of an LSP position; a line past the end gives the end of
/// the text, a character past the end of its line gives the line's end.
pub(super) fn offset(file: &SourceFile, p: Position) -> usize {
    let starts = file.line_starts();
    let Some(&start) = starts.get(p.line as usize) else { return file.text.len() };
    let end = line_end(file, start);
    let mut units = 0usize;
    for (i, c) in file.text[start..end].char_indices() {
        if units >= p.character as usize {
            return start + i;
        }
        units += c.len_utf16();
    }
    end
}

/// The end of the line starting at `start`, before its line break.
pub(super) fn line_end(file: &SourceFile, start: usize) -> usize {
    let rest = &file.text[start..];
    start + rest.find(['\n', '\r']).unwrap_or(rest.len())
}

/// The byte range of the line holding `offset`, without its line break.
pub(super) fn line_of(file: &SourceFile, offset: usize) -> Range<usize> {
    let line = file.position(offset).line;
    let start = file.line_starts()[line - 1];
    start..line_end(file, start)
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_utf16_units_and_round_trip() {
        let file = SourceFile::new("p.md", "a\r\né😀x\nlast");
        let x = file.text.find('x').unwrap();
        assert_eq!(position(&file, x), Position { line: 1, character: 3 });
        assert_eq!(offset(&file, Position { line: 1, character: 3 }), x);
        assert_eq!(offset(&file, Position { line: 1, character: 99 }), x + 1);
        assert_eq!(offset(&file, Position { line: 9, character: 0 }), file.text.len());
        assert_eq!(line_of(&file, x), 3..x + 1);
    }
}
