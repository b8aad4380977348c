//! The GitLab Code Quality format: a JSON array of issues with
//! `description`, `check_name`, `fingerprint`, `severity` and
//! `location.path` / `location.lines.begin`, which GitLab shows in merge
//! requests. Written at the end with serde_json.

use std::io::{self, Write};

use serde::Serialize;

use super::fingerprint::fingerprint;
use super::location::RepoPaths;
use super::{Reporter, RunSummary};
use crate::check::PacketReport;
use crate::diagnostic::{Diagnostic, Severity};
use crate::source::Sources;

/// One Code Quality issue.
#[derive(Debug, Serialize)]
pub struct Issue {
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
pub struct IssueLocation {
    /// Repository-relative path.
    pub path: String,
    /// The first line.
    pub lines: Lines,
}

/// An issue's lines.
#[derive(Debug, Serialize)]
pub struct Lines {
    /// 1-based first line.
    pub begin: usize,
}

/// Collects issues and writes the report at the end.
pub struct GitlabReporter<W: Write> {
    out: W,
    paths: RepoPaths,
    issues: Vec<Issue>,
}

impl<W: Write> GitlabReporter<W> {
    /// A reporter writing to `out`, with paths relative to `paths.root`.
    pub fn new(out: W, paths: RepoPaths) -> Self {
        GitlabReporter { out, paths, issues: Vec::new() }
    }

    fn issue(&mut self, sources: &Sources, d: &Diagnostic) {
        let file = sources.get(d.primary.file);
        let path = self.paths.relative(&file.name);
        let severity = match d.severity {
            Severity::Error => "major",
            Severity::Warning => "minor",
            Severity::Note => "info",
        };
        self.issues.push(Issue {
            description: d.message.clone(),
            check_name: d.code.name().to_owned(),
            fingerprint: fingerprint(sources, &path, d),
            severity,
            location: IssueLocation {
                lines: Lines { begin: file.position(d.primary.range.start).line },
                path,
            },
        });
    }
}

impl<W: Write> Reporter for GitlabReporter<W> {
    fn packet(&mut self, sources: &Sources, report: &PacketReport<'_>) -> io::Result<()> {
        report.diagnostics.iter().for_each(|d| self.issue(sources, d));
        Ok(())
    }

    fn diagnostics(&mut self, sources: &Sources, diagnostics: &[Diagnostic]) -> io::Result<()> {
        diagnostics.iter().for_each(|d| self.issue(sources, d));
        Ok(())
    }

    fn finish(&mut self, _sources: &Sources, _summary: &RunSummary) -> io::Result<()> {
        serde_json::to_writer_pretty(&mut self.out, &self.issues)?;
        writeln!(self.out)?;
        self.out.flush()
    }
}
