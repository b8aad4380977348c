//! The SARIF 2.1.0 format, for GitHub code scanning and other SARIF viewers:
//! one run, the tool's rules (one per lint code, with its explanation),
//! one result per diagnostic with a repository-relative physical location,
//! a stable partial fingerprint and the expectation id in its properties.
//! One JSON document, typed (`sarif/log.rs`) and printed by serde_json, whose
//! results are written as soon as their packet is reported (see
//! [`super::stream`]).

mod log;

use std::io::{self, Write};

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde::Serialize;

use self::log::{
    ArtifactLocation, BaseIds, Configuration, Driver, Fingerprints, Invocation, Location, Log, Message,
    Notification, PhysicalLocation, Region, ResultProperties, Rule, RuleProperties, RuleReference, Run,
    SarifResult, Tool, Uri,
};
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
pub(crate) const SRCROOT: &str = "SRCROOT";

/// Writes one SARIF log, each result as it comes.
pub(crate) struct SarifReporter<W: Write> {
    out: W,
    paths: RepoPaths,
    results: ArrayWriter,
    /// The log split around its results, once needed.
    split: Option<stream::Split>,
}

impl<W: Write> SarifReporter<W> {
    /// A reporter writing to `out`, with paths relative to `paths.root`.
    pub(crate) fn new(out: W, paths: RepoPaths) -> Self {
        SarifReporter { out, paths, results: ArrayWriter::default(), split: None }
    }

    /// The log with the marker as its one result, split there.
    fn split(&mut self) -> io::Result<stream::Split> {
        if let Some(split) = &self.split {
            return Ok(split.clone());
        }
        let split = stream::split(&self.log([MARKER], None))?;
        self.split = Some(split.clone());
        Ok(split)
    }

    /// The log around `results`, with `invocation` when the run failed.
    fn log<R: Serialize>(&self, results: R, invocation: Option<Invocation>) -> Log<R> {
        let root = format!("{}/", file_uri(&self.paths.root.to_string_lossy().replace('\\', "/")));
        Log {
            schema: log::SCHEMA,
            runs: [Run {
                column_kind: "unicodeCodePoints",
                invocations: invocation.map(|i| [i]),
                original_uri_base_ids: BaseIds { srcroot: Uri { uri: root } },
                results,
                tool: Tool {
                    driver: Driver {
                        information_uri: "https://github.com/promolint/promolint",
                        name: "promolint",
                        rules: rules(),
                        version: env!("CARGO_PKG_VERSION"),
                    },
                },
            }],
            version: "2.1.0",
        }
    }

    /// A diagnostic's message with its help, and its one location.
    fn message_and_location(&self, sources: &Sources, d: &Diagnostic) -> (Message, Location) {
        let file = sources.get(d.primary.file);
        let path = self.paths.relative(&file.name);
        let (start, end) = file.span(&d.primary.range);
        let mut text = d.message.clone();
        if let Some(help) = &d.help {
            text.push_str("\nhelp: ");
            text.push_str(help);
        }
        let artifact_location = if path.starts_with('/') {
            // Outside the repository: an absolute `file:` URI, with no base.
            ArtifactLocation { uri: file_uri(&path), uri_base_id: None }
        } else {
            ArtifactLocation { uri: uri(&path), uri_base_id: Some(SRCROOT) }
        };
        let region = Region {
            end_column: end.column,
            end_line: end.line,
            start_column: start.column,
            start_line: start.line,
        };
        (Message { text }, Location { physical_location: PhysicalLocation { artifact_location, region } })
    }

    fn result(&mut self, sources: &Sources, d: &Diagnostic) -> io::Result<()> {
        let file = sources.get(d.primary.file);
        let path = self.paths.relative(&file.name);
        let (message, location) = self.message_and_location(sources, d);
        let result = SarifResult {
            level: d.severity.as_str(),
            locations: [location],
            message,
            partial_fingerprints: Fingerprints { v1: fingerprint(sources, &path, d) },
            properties: d.subject.as_ref().map(|subject| ResultProperties { expectation: subject.clone() }),
            rule_id: d.code.name(),
            rule_index: rule_index(d.code),
        };
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

fn rules() -> Vec<Rule> {
    Code::ALL
        .iter()
        .map(|code| Rule {
            // SARIF's word for a rule that is off is `none`.
            default_configuration: Configuration {
                level: code.default_level().severity().map_or("none", Severity::as_str),
            },
            full_description: Message { text: code.explanation().to_owned() },
            help: Message { text: code.explanation().to_owned() },
            id: code.name(),
            properties: RuleProperties { kind: code.kind().as_str(), tags: [code.kind().as_str()] },
            short_description: Message { text: code.name().replace('-', " ") },
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
        let mut notifications: Vec<Notification> = failure
            .diagnostics
            .iter()
            .map(|d| {
                let (message, location) = self.message_and_location(sources, d);
                Notification {
                    associated_rule: Some(RuleReference { id: d.code.name(), index: rule_index(d.code) }),
                    level: d.severity.as_str(),
                    locations: Some([location]),
                    message,
                }
            })
            .collect();
        notifications.extend(failure.messages.iter().map(|m| Notification {
            associated_rule: None,
            level: "error",
            locations: None,
            message: Message { text: m.clone() },
        }));
        let invocation = Invocation {
            execution_successful: false,
            exit_code: 2,
            tool_execution_notifications: notifications,
        };
        let log = self.log(Vec::<SarifResult>::new(), Some(invocation));
        serde_json::to_writer_pretty(&mut self.out, &log)?;
        writeln!(self.out)?;
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text, parsed and printed again by serde_json, whose maps sort
    /// their keys: equal only if the typed log lists its fields in that order.
    fn reprinted(text: &[u8]) -> String {
        let value: serde_json::Value = serde_json::from_slice(text).unwrap();
        format!("{}\n", serde_json::to_string_pretty(&value).unwrap())
    }

    #[test]
    fn logs_print_their_keys_sorted_as_they_always_have() {
        let mut sources = Sources::new();
        let file = sources.add("team/p.md", "---\ntarget: L4\n---\n- Shipped it.\n");
        let label = crate::diagnostic::Label::new(file, 21..33, "");
        let mut with_subject = Diagnostic::new(Code::ALL[0], "no claim covers `x`", label.clone());
        with_subject.subject = Some("x".to_owned());
        with_subject.help = Some("cover it".to_owned());
        let plain = Diagnostic::new(Code::ALL[1], "something else", label);
        let paths = RepoPaths::from_cwd(std::env::temp_dir());

        let mut out = Vec::new();
        let mut reporter = SarifReporter::new(&mut out, paths.clone());
        reporter.diagnostics(&sources, &[with_subject.clone(), plain.clone()]).unwrap();
        reporter.finish(&sources, &RunSummary::default()).unwrap();
        let text = String::from_utf8(out.clone()).unwrap();
        assert!(text.contains("\"expectation\": \"x\"") && text.contains(r"\nhelp: cover it"), "{text}");
        assert_eq!(reprinted(&out), text);

        let mut out = Vec::new();
        let messages = ["no such folder".to_owned()];
        let failure = Failure { diagnostics: &[with_subject, plain], messages: &messages };
        SarifReporter::new(&mut out, paths).failed(&sources, &failure).unwrap();
        let text = String::from_utf8(out.clone()).unwrap();
        assert!(text.contains("\"associatedRule\"") && text.contains("no such folder"), "{text}");
        assert_eq!(reprinted(&out), text);
    }

    #[test]
    fn uris_are_percent_encoded_and_a_colon_never_reads_as_a_scheme() {
        assert_eq!(uri("a:b/c d%#?.md"), "a%3Ab/c%20d%25%23%3F.md");
        assert_eq!(uri("team/ü~x_y-z.md"), "team/%C3%BC~x_y-z.md");
        assert_eq!(file_uri("/x y/a:b.md"), "file:///x%20y/a:b.md");
        assert_eq!(file_uri("C:/x/p.md"), "file:///C:/x/p.md");
    }
}
