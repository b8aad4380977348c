//! The human format: rustc-style diagnostics rendered by codespan-reporting,
//! a coverage line after each packet, and a closing line. Snippets are cut to
//! the labelled lines, clipped on long lines and escaped (`snippet.rs`).

use std::io;
use std::ops::Range;

use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label as CsLabel, Severity as CsSeverity};
use codespan_reporting::files::Error as FilesError;
use codespan_reporting::term::{self, Config};
use termcolor::WriteColor;

use super::escape::{escape_controls, escape_line};
use super::snippet::View;
use super::{Reporter, RunSummary, coverage_line};
use crate::check::PacketReport;
use crate::diagnostic::{Diagnostic, Severity};
use crate::source::Sources;

/// Writes diagnostics for people, in colour when the writer supports it.
pub struct HumanReporter<W: WriteColor> {
    out: W,
    config: Config,
}

impl<W: WriteColor> HumanReporter<W> {
    /// A reporter writing to `out` (a `termcolor::Ansi` for colour, `NoColor` for none).
    pub fn new(out: W) -> Self {
        HumanReporter { out, config: Config::default() }
    }

    fn emit(&mut self, sources: &Sources, d: &Diagnostic) -> io::Result<()> {
        let labels: Vec<&crate::diagnostic::Label> =
            std::iter::once(&d.primary).chain(&d.secondary).collect();
        let (view, ranges) = View::new(sources, &labels);
        let mut diagnostic = to_codespan(d, &ranges);
        // A file with no text (unreadable) has no snippet to show: name it instead.
        let file = sources.get(d.primary.file);
        if file.text.is_empty() {
            diagnostic.labels.clear();
            diagnostic.message = format!("{}: {}", escape_line(&file.name), diagnostic.message);
        }
        term::emit_to_write_style(&mut self.out, &self.config, &view, &diagnostic).map_err(|e| match e {
            FilesError::Io(io) => io,
            other => io::Error::other(other.to_string()),
        })
    }
}

impl From<Severity> for CsSeverity {
    fn from(s: Severity) -> Self {
        match s {
            Severity::Error => CsSeverity::Error,
            Severity::Warning => CsSeverity::Warning,
            Severity::Note => CsSeverity::Note,
        }
    }
}

/// `d` for codespan-reporting, its labels at `ranges` in the [`View`]; every
/// text escaped for the terminal.
fn to_codespan(d: &Diagnostic, ranges: &[(usize, Range<usize>)]) -> CsDiagnostic<usize> {
    let messages = std::iter::once(&d.primary.message).chain(d.secondary.iter().map(|l| &l.message));
    let labels = ranges
        .iter()
        .zip(messages)
        .enumerate()
        .map(|(i, ((file, range), message))| {
            let label = if i == 0 {
                CsLabel::primary(*file, range.clone())
            } else {
                CsLabel::secondary(*file, range.clone())
            };
            label.with_message(escape_line(message))
        })
        .collect();
    let mut notes: Vec<String> = d.notes.iter().map(|n| format!("note: {}", escape_controls(n))).collect();
    if let Some(help) = &d.help {
        notes.push(format!("help: {}", escape_controls(help)));
    }
    CsDiagnostic::new(d.severity.into())
        .with_code(d.code.name())
        .with_message(escape_line(&d.message))
        .with_labels(labels)
        .with_notes(notes)
}

impl<W: WriteColor> Reporter for HumanReporter<W> {
    fn packet(&mut self, sources: &Sources, report: &PacketReport<'_>) -> io::Result<()> {
        for d in &report.diagnostics {
            self.emit(sources, d)?;
        }
        if let Some(line) = coverage_line(report) {
            writeln!(self.out, "{}: {line}", escape_line(&sources.get(report.file).name))?;
            writeln!(self.out)?;
        }
        Ok(())
    }

    fn diagnostics(&mut self, sources: &Sources, diagnostics: &[Diagnostic]) -> io::Result<()> {
        diagnostics.iter().try_for_each(|d| self.emit(sources, d))
    }

    fn finish(&mut self, _sources: &Sources, _summary: &RunSummary) -> io::Result<()> {
        self.out.flush()
    }
}
