//! The GitLab Code Quality format: a JSON array of issues with
//! `description`, `check_name`, `fingerprint`, `severity` and
//! `location.path` / `location.lines.begin`, which GitLab shows in merge
//! requests. Each issue is written as soon as its packet is reported
//! (serde_json, see [`super::stream`]).

use std::io::{self, Write};

use serde::Serialize;

use super::fingerprint::fingerprint;
use super::location::RepoPaths;
use super::stream::{self, ArrayWriter, MARKER};
use super::{Failure, Reporter, RunSummary};
use crate::check::PacketReport;
use crate::diagnostic::{Diagnostic, Severity};
use crate::source::Sources;

/// One Code Quality issue.
#[derive(Debug, Serialize)]
pub(crate) struct Issue {
    /// The message.
    pub description: String,
    /// The lint code.
    pub check_name: String,
    /// Stable identity across pushes.
    pub fingerprint: String,
    /// `major` for errors, `minor` for warnings, `info` for notes.
    pub severity: &'static str,
    /// Where.
    pub location: IssueLocation,
}

/// An issue's location.
#[derive(Debug, Serialize)]
pub(crate) struct IssueLocation {
    /// Repository-relative path.
    pub path: String,
    /// The first line.
    pub lines: Lines,
}

/// An issue's lines.
#[derive(Debug, Serialize)]
pub(crate) struct Lines {
    /// 1-based first line.
    pub begin: usize,
}

/// Writes the report's issues as they come.
pub(crate) struct GitlabReporter<W: Write> {
    out: W,
    paths: RepoPaths,
    issues: ArrayWriter,
}

fn split() -> io::Result<stream::Split> {
    stream::split(&[MARKER])
}

impl<W: Write> GitlabReporter<W> {
    /// A reporter writing to `out`, with paths relative to `paths.root`.
    pub(crate) fn new(out: W, paths: RepoPaths) -> Self {
        GitlabReporter { out, paths, issues: ArrayWriter::default() }
    }

    fn issue(&mut self, sources: &Sources, d: &Diagnostic) -> io::Result<()> {
        let file = sources.get(d.primary.file);
        let path = self.paths.relative(&file.name);
        let severity = match d.severity {
            Severity::Error => "major",
            Severity::Warning => "minor",
            Severity::Note => "info",
        };
        let issue = Issue {
            description: d.message.clone(),
            check_name: d.code.name().to_owned(),
            fingerprint: fingerprint(sources, &path, d),
            severity,
            location: IssueLocation {
                lines: Lines { begin: file.position(d.primary.range.start).line },
                path,
            },
        };
        if !self.issues.started {
            self.issues.start(&mut self.out, &split()?)?;
        }
        self.issues.item(&mut self.out, &issue)
    }
}

impl<W: Write> Reporter for GitlabReporter<W> {
    fn packet(&mut self, sources: &Sources, report: &PacketReport<'_>) -> io::Result<()> {
        report.diagnostics.iter().try_for_each(|d| self.issue(sources, d))
    }

    fn diagnostics(&mut self, sources: &Sources, diagnostics: &[Diagnostic]) -> io::Result<()> {
        diagnostics.iter().try_for_each(|d| self.issue(sources, d))
    }

    fn finish(&mut self, _sources: &Sources, _summary: &RunSummary) -> io::Result<()> {
        self.issues.finish(&mut self.out, &split()?)?;
        writeln!(self.out)?;
        self.out.flush()
    }

    /// An empty report, `[]`: Code Quality reports are about the code, and
    /// GitLab has no place for a failed run (the job fails on exit code 2).
    fn failed(&mut self, sources: &Sources, _failure: &Failure<'_>) -> io::Result<()> {
        self.finish(sources, &RunSummary::default())
    }
}
