//! The SARIF 2.1.0 format, for GitHub code scanning and other SARIF viewers:
//! one run, the tool's rules (one per lint code, with its explanation),
//! one result per diagnostic with a repository-relative physical location,
//! a stable partial fingerprint and the expectation id in its properties.
//! Written at the end, as one JSON document (serde_json, no hand-written JSON).

use std::io::{self, Write};

use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};
use serde_json::{Value, json};

use super::fingerprint::fingerprint;
use super::location::RepoPaths;
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

/// Collects results and writes one SARIF log at the end.
pub struct SarifReporter<W: Write> {
    out: W,
    paths: RepoPaths,
    results: Vec<Value>,
}

impl<W: Write> SarifReporter<W> {
    /// A reporter writing to `out`, with paths relative to `paths.root`.
    pub fn new(out: W, paths: RepoPaths) -> Self {
        SarifReporter { out, paths, results: Vec::new() }
    }

    fn result(&mut self, sources: &Sources, d: &Diagnostic) {
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
        self.results.push(result);
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
        for d in &report.diagnostics {
            self.result(sources, d);
        }
        Ok(())
    }

    fn diagnostics(&mut self, sources: &Sources, diagnostics: &[Diagnostic]) -> io::Result<()> {
        for d in diagnostics {
            self.result(sources, d);
        }
        Ok(())
    }

    fn finish(&mut self, _sources: &Sources, _summary: &RunSummary) -> io::Result<()> {
        let root = uri(&self.paths.root.to_string_lossy().replace('\\', "/"));
        let root = if root.starts_with('/') { format!("file://{root}/") } else { format!("file:///{root}/") };
        let log = json!({
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
                "results": std::mem::take(&mut self.results),
            }]
        });
        serde_json::to_writer_pretty(&mut self.out, &log)?;
        writeln!(self.out)?;
        self.out.flush()
    }
}
