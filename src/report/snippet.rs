//! The snippet the human reporter shows for one diagnostic: only the lines
//! its labels start or end on, each cut to a window around the labels when
//! longer than [`MAX_LINE`] bytes (marked `…`), with unsafe characters
//! escaped ([`super::escape`]). Line and column numbers stay those of the
//! source file. So a 1 MB line with 5,000 diagnostics prints 5,000 short
//! snippets, not the line 5,000 times.

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;

use codespan_reporting::files::{Error as FilesError, Files};

use super::escape::{escape_line, is_unsafe};
use crate::diagnostic::Label;
use crate::source::{FileId, Sources, floor_char_boundary};

/// Lines up to this many bytes are shown whole.
pub(super) const MAX_LINE: usize = 300;
/// Bytes of context kept on each side of the labels in a longer line.
const CONTEXT: usize = 60;

/// One shown line: its text in the view and where each character came from.
struct ViewLine {
    /// Original 0-based line index.
    index: usize,
    /// Byte range in the view's text (with its `\n`).
    range: Range<usize>,
    /// (original byte, view byte, 1-based original column) per character, and one past the last.
    chars: Vec<(usize, usize, usize)>,
}

struct ViewFile {
    name: String,
    text: String,
    lines: Vec<ViewLine>,
}

/// The files a diagnostic's labels point into, cut down to what it shows.
pub(super) struct View {
    files: Vec<ViewFile>,
    ids: HashMap<FileId, usize>,
}

impl View {
    /// The view for `labels` (primary first); returns each label's range in
    /// the view as (view file index, range).
    pub(super) fn new(sources: &Sources, labels: &[&Label]) -> (View, Vec<(usize, Range<usize>)>) {
        // Per file, per line, the label offsets on it.
        let mut points: BTreeMap<FileId, BTreeMap<usize, Vec<usize>>> = BTreeMap::new();
        for l in labels {
            let file = sources.get(l.file);
            let start = floor_char_boundary(&file.text, l.range.start);
            let end = floor_char_boundary(&file.text, l.range.end.max(start));
            for at in [start, end] {
                let line = file.position(at).line - 1;
                points.entry(l.file).or_default().entry(line).or_default().push(at);
            }
        }
        // codespan shows a single line between two labelled lines rather than a
        // gap marker: keep each labelled line's neighbours too.
        for (id, lines) in &mut points {
            let count = sources.get(*id).line_starts().len();
            let labelled: Vec<usize> = lines.keys().copied().collect();
            for line in labelled {
                for near in [line.wrapping_sub(1), line + 1] {
                    if near < count {
                        lines.entry(near).or_default();
                    }
                }
            }
        }
        let mut view = View { files: Vec::new(), ids: HashMap::new() };
        for (id, lines) in &points {
            let file = sources.get(*id);
            let mut out = ViewFile {
                name: escape_line(&file.name).into_owned(),
                text: String::new(),
                lines: Vec::new(),
            };
            for (&index, offsets) in lines {
                out.lines.push(view_line(&file.text, file.line_starts(), index, offsets, &mut out.text));
            }
            view.ids.insert(*id, view.files.len());
            view.files.push(out);
        }
        let ranges = labels
            .iter()
            .map(|l| {
                let f = view.ids[&l.file];
                let file = &view.files[f];
                let src = sources.get(l.file);
                let start = floor_char_boundary(&src.text, l.range.start);
                let end = floor_char_boundary(&src.text, l.range.end.max(start));
                let (ls, le) = (src.position(start).line - 1, src.position(end).line - 1);
                (f, file.to_view(ls, start)..file.to_view(le, end))
            })
            .collect();
        (view, ranges)
    }
}

/// Appends the shown part of line `index` to `text`.
fn view_line(source: &str, starts: &[usize], index: usize, offsets: &[usize], text: &mut String) -> ViewLine {
    let line_start = starts[index];
    let next = starts.get(index + 1).copied().unwrap_or(source.len());
    let line_end = line_start + source[line_start..next].trim_end_matches(['\n', '\r']).len();
    let (lo, hi) = offsets.iter().fold((usize::MAX, 0), |(lo, hi), &o| (lo.min(o), hi.max(o)));
    let (mut from, mut to) = (line_start, line_end);
    if offsets.is_empty() {
        to = ceil(source, line_end.min(line_start + MAX_LINE));
    } else if line_end - line_start > MAX_LINE {
        from = floor_char_boundary(source, lo.saturating_sub(CONTEXT).max(line_start));
        to = ceil(source, (hi + CONTEXT).min(line_end).min(from + MAX_LINE).max(from));
    }
    let view_start = text.len();
    if from > line_start {
        text.push('…');
    }
    let mut column = source[line_start..from].chars().count() + 1;
    let mut chars = Vec::new();
    for (i, c) in source[from..to].char_indices() {
        chars.push((from + i, text.len(), column));
        if is_unsafe(c) {
            text.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            text.push(c);
        }
        column += 1;
    }
    chars.push((to, text.len(), column));
    if to < line_end {
        text.push('…');
    }
    text.push('\n');
    ViewLine { index, range: view_start..text.len(), chars }
}

fn ceil(s: &str, mut at: usize) -> usize {
    while at < s.len() && !s.is_char_boundary(at) {
        at += 1;
    }
    at.min(s.len())
}

impl ViewFile {
    fn line(&self, index: usize) -> Option<&ViewLine> {
        self.lines.binary_search_by_key(&index, |l| l.index).ok().map(|i| &self.lines[i])
    }

    /// An original byte on line `index` as a view byte (clamped into the window).
    fn to_view(&self, index: usize, at: usize) -> usize {
        let Some(line) = self.line(index) else { return 0 };
        let i = line.chars.partition_point(|(orig, _, _)| *orig < at);
        line.chars[i.min(line.chars.len() - 1)].1
    }
}

impl<'a> Files<'a> for View {
    type FileId = usize;
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, id: usize) -> Result<&'a str, FilesError> {
        Ok(&self.files.get(id).ok_or(FilesError::FileMissing)?.name)
    }

    fn source(&'a self, id: usize) -> Result<&'a str, FilesError> {
        Ok(&self.files.get(id).ok_or(FilesError::FileMissing)?.text)
    }

    fn line_index(&'a self, id: usize, byte_index: usize) -> Result<usize, FilesError> {
        let file = self.files.get(id).ok_or(FilesError::FileMissing)?;
        let i = file.lines.partition_point(|l| l.range.start <= byte_index).saturating_sub(1);
        file.lines.get(i).map(|l| l.index).ok_or(FilesError::FileMissing)
    }

    fn line_range(&'a self, id: usize, line_index: usize) -> Result<Range<usize>, FilesError> {
        let file = self.files.get(id).ok_or(FilesError::FileMissing)?;
        // A line the view does not hold (codespan asking for context) shows empty.
        Ok(file.line(line_index).map_or(file.text.len()..file.text.len(), |l| l.range.clone()))
    }

    fn column_number(&'a self, id: usize, line_index: usize, byte_index: usize) -> Result<usize, FilesError> {
        let file = self.files.get(id).ok_or(FilesError::FileMissing)?;
        let Some(line) = file.line(line_index) else { return Ok(1) };
        let i = line.chars.partition_point(|(_, view, _)| *view <= byte_index).saturating_sub(1);
        Ok(line.chars.get(i).map_or(1, |c| c.2))
    }
}
