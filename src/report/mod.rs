//! Reporters: one per output format, one file each, behind [`Reporter`].
//!
//! Every format writes as reports arrive; the whole-document formats (JSON,
//! SARIF, GitLab) write each packet's part of the document as it comes
//! (`stream.rs`) and close the document in [`Reporter::finish`]. Reporters are the
//! only place byte ranges become lines and columns.

pub(crate) mod escape;
mod fingerprint;
pub(crate) mod github;
pub(crate) mod gitlab;
pub mod human;
pub mod json;
pub(crate) mod location;
pub(crate) mod sarif;
pub mod short;
mod snippet;
pub(crate) mod statistics;
mod stream;

use std::io;

use crate::check::{PacketReport, Skipped};
use crate::diagnostic::{Diagnostic, Severity};
use crate::source::Sources;

/// Totals of a run, for the closing line.
#[derive(Debug, Clone, Default)]
pub struct RunSummary {
    /// Files linted.
    pub checked: usize,
    /// Files skipped while walking, with the reason.
    pub skipped: Vec<Skipped>,
    /// Error-level diagnostics.
    pub errors: usize,
    /// Warnings.
    pub warnings: usize,
}

impl RunSummary {
    /// Counts one packet's diagnostics in.
    pub fn add(&mut self, diagnostics: &[Diagnostic]) {
        for d in diagnostics {
            match d.severity {
                Severity::Error => self.errors += 1,
                Severity::Warning => self.warnings += 1,
                Severity::Note => {}
            }
        }
    }
}

/// Something that writes results in one format.
pub trait Reporter {
    /// One packet's results (or an unreadable file's diagnostic).
    ///
    /// # Errors
    /// Writing failed.
    fn packet(&mut self, sources: &Sources, report: &PacketReport<'_>) -> io::Result<()>;

    /// Diagnostics not tied to a packet, such as rule-file problems.
    ///
    /// # Errors
    /// Writing failed.
    fn diagnostics(&mut self, sources: &Sources, diagnostics: &[Diagnostic]) -> io::Result<()>;

    /// The end of the run.
    ///
    /// # Errors
    /// Writing failed.
    fn finish(&mut self, sources: &Sources, summary: &RunSummary) -> io::Result<()>;

    /// The whole output of a run that failed before any packet was linted
    /// (exit 2), called instead of [`Reporter::packet`] and
    /// [`Reporter::finish`]. The document formats write a valid document
    /// saying so, so that CI never reads a broken or empty file; the others
    /// write nothing (the problems are on standard error).
    ///
    /// # Errors
    /// Writing failed.
    fn failed(&mut self, sources: &Sources, failure: &Failure<'_>) -> io::Result<()> {
        let _ = (sources, failure);
        Ok(())
    }
}

/// Why a run failed before any packet was linted.
#[derive(Debug, Clone, Copy, Default)]
pub struct Failure<'a> {
    /// Problems pointing into the config or rule files (in `sources`).
    pub diagnostics: &'a [Diagnostic],
    /// Problems with no place in a file: the command line, a folder that
    /// cannot be read. One sentence each, without the `error: ` prefix.
    pub messages: &'a [String],
}

/// Rounds to one decimal, as every format (of `check` and `summary`) prints percentages.
pub fn round1(x: f32) -> f32 {
    (x * 10.0).round() / 10.0
}

/// The closing line of a run over files: how many were checked and skipped, and why.
pub fn closing_line(summary: &RunSummary) -> String {
    let mut line = format!(
        "checked {} file{}: {} error{}, {} warning{}",
        summary.checked,
        plural(summary.checked),
        summary.errors,
        plural(summary.errors),
        summary.warnings,
        plural(summary.warnings)
    );
    if !summary.skipped.is_empty() {
        let mut reasons: Vec<(&str, usize)> = Vec::new();
        for s in &summary.skipped {
            match reasons.iter_mut().find(|(r, _)| *r == s.reason) {
                Some((_, n)) => *n += 1,
                None => reasons.push((&s.reason, 1)),
            }
        }
        let reasons: Vec<String> = reasons.iter().map(|(r, n)| format!("{n} {r}")).collect();
        line.push_str(&format!("; skipped {} ({})", summary.skipped.len(), reasons.join(", ")));
    }
    line
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// The one-line coverage summary of a packet, e.g.
/// `coverage of socialbakers/L4: 12 covered, 4 weak, 6 uncovered of 22 (55%)`.
pub fn coverage_line(report: &PacketReport<'_>) -> Option<String> {
    let (level, analysis) = (report.level?, report.analysis.as_ref()?);
    let c = analysis.counts();
    let mut line = format!(
        "coverage of {}: {} covered, {} weak, {} uncovered",
        level.qualified_id(),
        c.covered,
        c.weak,
        c.uncovered
    );
    if c.waived > 0 {
        line.push_str(&format!(", {} waived", c.waived));
    }
    line.push_str(&format!(" of {} ({:.0}%)", c.total, c.percent()));
    Some(line)
}
