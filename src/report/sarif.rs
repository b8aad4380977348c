//! The SARIF 2.1.0 format, for GitHub code scanning and other SARIF viewers:
//! one run, the tool's rules (one per lint code, with its explanation),
//! one result per diagnostic with a repository-relative physical location,
//! a stable partial fingerprint and the expectation id in its properties.
//! One JSON document (serde_json, no hand-written JSON) whose results are
//! written as soon as their packet is reported (see [`super::stream`]).

use std::io::{self, Write};

use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};
use serde_json::{Value, json};

use super::fingerprint::fingerprint;
use super::location::RepoPaths;
use super::stream::{self, ArrayWriter, MARKER};
use super::{Reporter, RunSummary};
use crate::check::PacketReport;
use crate::diagnostic::{Diagnostic, Severity};
use crate::lint::{Code, LintLevel};
use crate::source::Sources;

/// Characters escaped in artifact URIs: controls, space and URI delimiters
/// other than `/`.
const URI: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'[')
    .add(b']')
    .add(b'`')
    .add(b'{')
    .add(b'}')
    .add(b'|')
    .add(b'\\')
    .add(b'^');

/// The `uriBaseId` artifact locations are relative to.
pub const SRCROOT: &str = "SRCROOT";

/// Writes one SARIF log, each result as it comes.
pub struct SarifReporter<W: Write> {
    out: W,
    paths: RepoPaths,
    results: ArrayWriter,
    /// The log split around its results, once needed.
    split: Option<stream::Split>,
}

impl<W: Write> SarifReporter<W> {
    /// A reporter writing to `out`, with paths relative to `paths.root`.
    pub fn new(out: W, paths: RepoPaths) -> Self {
        SarifReporter { out, paths, results: ArrayWriter::default(), split: None }
    }

    /// The log with the marker as its one result, split there.
    fn split(&mut self) -> io::Result<stream::Split> {
        if let Some(split) = &self.split {
            return Ok(split.clone());
        }
        let split = stream::split(&self.log(json!([MARKER])))?;
        self.split = Some(split.clone());
        Ok(split)
    }

    fn log(&self, results: Value) -> Value {
        let root = uri(&self.paths.root.to_string_lossy().replace('\\', "/"));
        let root = if root.starts_with('/') { format!("file://{root}/") } else { format!("file:///{root}/") };
        json!({
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "version": "2.1.0",
            "runs": [{
                "tool": { "driver": {
                    "name": "promolint",
                    "version": env!("CARGO_PKG_VERSION"),
                    "informationUri": "https://github.com/promolint/promolint",
                    "rules": rules(),
                }},
                "originalUriBaseIds": { SRCROOT: { "uri": root } },
                "columnKind": "unicodeCodePoints",
                "results": results,
            }]
        })
    }

    fn result(&mut self, sources: &Sources, d: &Diagnostic) -> io::Result<()> {
        let file = sources.get(d.primary.file);
        let path = self.paths.relative(&file.name);
        let (start, end) = file.span(&d.primary.range);
        let mut message = d.message.clone();
        if let Some(help) = &d.help {
            message.push_str("\nhelp: ");
            message.push_str(help);
        }
        let mut result = json!({
            "ruleId": d.code.name(),
            "ruleIndex": Code::ALL.iter().position(|c| *c == d.code),
            "level": level(d.severity),
            "message": { "text": message },
            "locations": [{
                "physicalLocation": {
                    "artifactLocation": { "uri": uri(&path), "uriBaseId": SRCROOT },
                    "region": {
                        "startLine": start.line,
                        "startColumn": start.column,
                        "endLine": end.line,
                        "endColumn": end.column,
                    }
                }
            }],
            "partialFingerprints": { "promolint/v1": fingerprint(sources, &path, d) },
        });
        if let Some(subject) = &d.subject {
            result["properties"] = json!({ "expectation": subject });
        }
        if !self.results.started {
            let split = self.split()?;
            self.results.start(&mut self.out, &split)?;
        }
        self.results.item(&mut self.out, &result)
    }
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "note",
    }
}

fn uri(path: &str) -> String {
    utf8_percent_encode(path, URI).to_string()
}

fn rules() -> Vec<Value> {
    Code::ALL
        .iter()
        .map(|code| {
            let level = match code.default_level() {
                LintLevel::Allow => "none",
                LintLevel::Note => "note",
                LintLevel::Warn => "warning",
                LintLevel::Deny => "error",
            };
            json!({
                "id": code.name(),
                "shortDescription": { "text": code.name().replace('-', " ") },
                "fullDescription": { "text": code.explanation() },
                "help": { "text": code.explanation() },
                "defaultConfiguration": { "level": level },
                "properties": {
                    "kind": code.kind().as_str(),
                    "tags": [code.kind().as_str()],
                },
            })
        })
        .collect()
}

impl<W: Write> Reporter for SarifReporter<W> {
    fn packet(&mut self, sources: &Sources, report: &PacketReport<'_>) -> io::Result<()> {
        report.diagnostics.iter().try_for_each(|d| self.result(sources, d))
    }

    fn diagnostics(&mut self, sources: &Sources, diagnostics: &[Diagnostic]) -> io::Result<()> {
        diagnostics.iter().try_for_each(|d| self.result(sources, d))
    }

    fn finish(&mut self, _sources: &Sources, _summary: &RunSummary) -> io::Result<()> {
        let split = self.split()?;
        self.results.finish(&mut self.out, &split)?;
        writeln!(self.out)?;
        self.out.flush()
    }
}
