//! The GitHub Actions format: one workflow command per diagnostic,
//! `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`,
//! which GitHub shows as an annotation on the pull request's diff.
//!
//! Escaping follows GitHub's toolkit (`@actions/core` `command.ts`): in the
//! message `%`, `\r`, `\n` become `%25`, `%0D`, `%0A`; in properties `:` and
//! `,` also become `%3A` and `%2C`. There is no maintained crate for this.

use std::io::{self, Write};

use super::location::RepoPaths;
use super::{Reporter, RunSummary};
use crate::check::PacketReport;
use crate::diagnostic::{Diagnostic, Severity};
use crate::source::Sources;

/// Writes one workflow command per diagnostic.
pub(crate) struct GithubReporter<W: Write> {
    out: W,
    paths: RepoPaths,
}

impl<W: Write> GithubReporter<W> {
    /// A reporter writing to `out`, with paths relative to `paths.root`.
    pub(crate) fn new(out: W, paths: RepoPaths) -> Self {
        GithubReporter { out, paths }
    }

    fn command(&mut self, sources: &Sources, d: &Diagnostic) -> io::Result<()> {
        let file = sources.get(d.primary.file);
        let (start, end) = file.span(&d.primary.range);
        let kind = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "notice",
        };
        let title = format!("promolint {}", d.code);
        let mut message = d.message.clone();
        if let Some(help) = &d.help {
            message.push_str("\nhelp: ");
            message.push_str(help);
        }
        writeln!(
            self.out,
            "::{kind} file={},line={},col={},endLine={},endColumn={},title={}::{}",
            escape_property(&self.paths.relative(&file.name)),
            start.line,
            start.column,
            end.line,
            end.column,
            escape_property(&title),
            escape_data(&message)
        )
    }
}

/// Escapes a command's message.
pub(crate) fn escape_data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escapes a command's property value.
pub(crate) fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

impl<W: Write> Reporter for GithubReporter<W> {
    fn packet(&mut self, sources: &Sources, report: &PacketReport<'_>) -> io::Result<()> {
        report.diagnostics.iter().try_for_each(|d| self.command(sources, d))
    }

    fn diagnostics(&mut self, sources: &Sources, diagnostics: &[Diagnostic]) -> io::Result<()> {
        diagnostics.iter().try_for_each(|d| self.command(sources, d))
    }

    fn finish(&mut self, _sources: &Sources, _summary: &RunSummary) -> io::Result<()> {
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_as_github_requires() {
        assert_eq!(escape_data("50% done\r\nnext"), "50%25 done%0D%0Anext");
        assert_eq!(escape_property("a:b,c%"), "a%3Ab%2Cc%25");
    }
}
