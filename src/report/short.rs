//! The short format: one line per diagnostic,
//! `path:line:col: severity[code]: message`, for editors and grep.

use std::io::{self, Write};

use super::{Reporter, RunSummary, coverage_line};
use crate::check::PacketReport;
use crate::diagnostic::Diagnostic;
use crate::source::Sources;

/// Writes one line per diagnostic.
pub struct ShortReporter<W: Write> {
    out: W,
    quiet: bool,
}

impl<W: Write> ShortReporter<W> {
    /// A reporter writing to `out`.
    pub fn new(out: W) -> Self {
        ShortReporter { out, quiet: false }
    }

    /// With `quiet`, diagnostic lines only: no coverage line per packet.
    pub fn quiet(mut self, quiet: bool) -> Self {
        self.quiet = quiet;
        self
    }

    fn line(&mut self, sources: &Sources, d: &Diagnostic) -> io::Result<()> {
        let file = sources.get(d.primary.file);
        let pos = file.position(d.primary.range.start);
        // The one line keeps a suggestion, the part of the help a reader acts on at once.
        let mut message = d.message.clone();
        if let Some(suggestion) = d.help.as_deref().filter(|h| h.starts_with("did you mean")) {
            message.push_str("; ");
            message.push_str(suggestion.lines().next().unwrap_or(suggestion));
        }
        writeln!(
            self.out,
            "{}:{}:{}: {}[{}]: {}",
            escape_newlines(&file.name),
            pos.line,
            pos.column,
            d.severity.as_str(),
            d.code,
            escape_newlines(&message)
        )
    }
}

/// Paths and messages may not break the one-line-per-diagnostic contract, nor
/// send control characters to a terminal.
fn escape_newlines(s: &str) -> String {
    let s = s.replace('\\', "\\\\").replace('\n', "\\n").replace('\r', "\\r");
    super::escape::escape_controls(&s).into_owned()
}

impl<W: Write> Reporter for ShortReporter<W> {
    fn packet(&mut self, sources: &Sources, report: &PacketReport<'_>) -> io::Result<()> {
        for d in &report.diagnostics {
            self.line(sources, d)?;
        }
        if let Some(line) = coverage_line(report).filter(|_| !self.quiet) {
            writeln!(self.out, "{}: {line}", escape_newlines(&sources.get(report.file).name))?;
        }
        Ok(())
    }

    fn diagnostics(&mut self, sources: &Sources, diagnostics: &[Diagnostic]) -> io::Result<()> {
        diagnostics.iter().try_for_each(|d| self.line(sources, d))
    }

    fn finish(&mut self, _sources: &Sources, _summary: &RunSummary) -> io::Result<()> {
        self.out.flush()
    }
}
