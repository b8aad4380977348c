//! The SARIF 2.1.0 format, for GitHub code scanning and other SARIF viewers:
//! one run, the tool's rules (one per lint code, with its explanation),
//! one result per diagnostic with a repository-relative physical location,
//! a stable partial fingerprint and the expectation id in its properties.
//! One JSON document (serde_json, no hand-written JSON) whose results are
//! written as soon as their packet is reported (see [`super::stream`]).

use std::io::{self, Write};

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde_json::{Value, json};

use super::fingerprint::fingerprint;
use super::location::RepoPaths;
use super::stream::{self, ArrayWriter, MARKER};
use super::{Failure, Reporter, RunSummary};
use crate::check::PacketReport;
use crate::diagnostic::{Diagnostic, Severity};
use crate::lint::Code;
use crate::source::Sources;

/// Characters escaped in artifact URIs: everything but RFC 3986's
/// unreserved characters (§2.3) and the `/` between segments. A `:` is
/// escaped too, so a relative path whose first segment holds one is not read
/// as a scheme (§4.2).
const URI: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~').remove(b'/');

/// [`URI`] keeping `:`, for the path of a `file:` URI, where it cannot be
/// read as a scheme.
const ABSOLUTE: &AsciiSet = &URI.remove(b':');

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
        let root = format!("{}/", file_uri(&self.paths.root.to_string_lossy().replace('\\', "/")));
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

    /// A diagnostic's message with its help, and its one location.
    fn message_and_location(&self, sources: &Sources, d: &Diagnostic) -> (String, Value) {
        let file = sources.get(d.primary.file);
        let path = self.paths.relative(&file.name);
        let (start, end) = file.span(&d.primary.range);
        let mut message = d.message.clone();
        if let Some(help) = &d.help {
            message.push_str("\nhelp: ");
            message.push_str(help);
        }
        let artifact = if path.starts_with('/') {
            // Outside the repository: an absolute `file:` URI, with no base.
            json!({ "uri": file_uri(&path) })
        } else {
            json!({ "uri": uri(&path), "uriBaseId": SRCROOT })
        };
        let location = json!({
            "physicalLocation": {
                "artifactLocation": artifact,
                "region": {
                    "startLine": start.line,
                    "startColumn": start.column,
                    "endLine": end.line,
                    "endColumn": end.column,
                }
            }
        });
        (message, location)
    }

    fn result(&mut self, sources: &Sources, d: &Diagnostic) -> io::Result<()> {
        let file = sources.get(d.primary.file);
        let path = self.paths.relative(&file.name);
        let (message, location) = self.message_and_location(sources, d);
        let mut result = json!({
            "ruleId": d.code.name(),
            "ruleIndex": rule_index(d.code),
            "level": d.severity.as_str(),
            "message": { "text": message },
            "locations": [location],
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

fn rule_index(code: Code) -> Option<usize> {
    Code::ALL.iter().position(|c| *c == code)
}

/// A relative reference to a repository-relative path (`/` separators).
fn uri(path: &str) -> String {
    utf8_percent_encode(path, URI).to_string()
}

/// A `file:` URI for an absolute path (`/` separators; a Windows drive
/// letter keeps its `:`).
fn file_uri(path: &str) -> String {
    let encoded = utf8_percent_encode(path, ABSOLUTE).to_string();
    if encoded.starts_with('/') { format!("file://{encoded}") } else { format!("file:///{encoded}") }
}

fn rules() -> Vec<Value> {
    Code::ALL
        .iter()
        .map(|code| {
            // SARIF's word for a rule that is off is `none`.
            let level = code.default_level().severity().map_or("none", Severity::as_str);
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

    /// A log with no results whose one invocation says the run failed
    /// (`executionSuccessful: false`, exit code 2), each problem as a tool
    /// execution notification: at its place in a config or rule file, with
    /// its lint code as the associated rule.
    fn failed(&mut self, sources: &Sources, failure: &Failure<'_>) -> io::Result<()> {
        let mut notifications: Vec<Value> = failure
            .diagnostics
            .iter()
            .map(|d| {
                let (message, location) = self.message_and_location(sources, d);
                json!({
                    "level": d.severity.as_str(),
                    "message": { "text": message },
                    "locations": [location],
                    "associatedRule": { "id": d.code.name(), "index": rule_index(d.code) },
                })
            })
            .collect();
        notifications
            .extend(failure.messages.iter().map(|m| json!({ "level": "error", "message": { "text": m } })));
        let mut log = self.log(json!([]));
        log["runs"][0]["invocations"] = json!([{
            "executionSuccessful": false,
            "exitCode": 2,
            "toolExecutionNotifications": notifications,
        }]);
        serde_json::to_writer_pretty(&mut self.out, &log)?;
        writeln!(self.out)?;
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_percent_encoded_and_a_colon_never_reads_as_a_scheme() {
        assert_eq!(uri("a:b/c d%#?.md"), "a%3Ab/c%20d%25%23%3F.md");
        assert_eq!(uri("team/ü~x_y-z.md"), "team/%C3%BC~x_y-z.md");
        assert_eq!(file_uri("/x y/a:b.md"), "file:///x%20y/a:b.md");
        assert_eq!(file_uri("C:/x/p.md"), "file:///C:/x/p.md");
    }
}
