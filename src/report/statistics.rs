//! `check --statistics`: how many diagnostics each lint code gave over the
//! run, most frequent first, as ruff's `--statistics` prints them:
//! `  12  error    uncovered-expectation`.

use std::collections::BTreeMap;
use std::io::{self, Write};

use super::{Reporter, RunSummary};
use crate::check::PacketReport;
use crate::diagnostic::{Diagnostic, Severity};
use crate::lint::Code;
use crate::source::Sources;

/// Counts diagnostics per (code, severity) and writes the table in `finish`.
pub(crate) struct StatisticsReporter<W: Write> {
    out: W,
    counts: BTreeMap<(Code, SeverityKey), usize>,
}

/// Severity ordered for the table: errors first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct SeverityKey(u8, Severity);

impl<W: Write> StatisticsReporter<W> {
    /// A reporter writing the table to `out` at the end of the run.
    pub(crate) fn new(out: W) -> Self {
        StatisticsReporter { out, counts: BTreeMap::new() }
    }

    fn count(&mut self, diagnostics: &[Diagnostic]) {
        for d in diagnostics {
            let rank = match d.severity {
                Severity::Error => 0,
                Severity::Warning => 1,
                Severity::Note => 2,
            };
            *self.counts.entry((d.code, SeverityKey(rank, d.severity))).or_default() += 1;
        }
    }
}

impl<W: Write> Reporter for StatisticsReporter<W> {
    fn packet(&mut self, _sources: &Sources, report: &PacketReport<'_>) -> io::Result<()> {
        self.count(&report.diagnostics);
        Ok(())
    }

    fn diagnostics(&mut self, _sources: &Sources, diagnostics: &[Diagnostic]) -> io::Result<()> {
        self.count(diagnostics);
        Ok(())
    }

    fn finish(&mut self, _sources: &Sources, _summary: &RunSummary) -> io::Result<()> {
        let mut rows: Vec<(&(Code, SeverityKey), &usize)> = self.counts.iter().collect();
        // Most frequent first; ties by severity, then code name.
        rows.sort_by(|(a, n), (b, m)| m.cmp(n).then(a.1.cmp(&b.1)).then(a.0.name().cmp(b.0.name())));
        let width = rows.iter().map(|(_, n)| n.to_string().len()).max().unwrap_or(1);
        for ((code, severity), n) in rows {
            writeln!(self.out, "{n:>width$}  {:<8} {}", severity.1.as_str(), code.name())?;
        }
        self.out.flush()
    }
}
