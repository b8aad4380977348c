//! The JSON format: the stable contract for tools (DESIGN.md, "JSON output").
//! One object for the whole run, written as it goes: each packet as soon as
//! it is reported (see `report/stream.rs`), the errors at the end. Fields may
//! be added; none may be renamed or removed without raising `version`.
//! The contract's types are in `json/contract.rs`; this file fills them.

mod contract;

use std::io::{self, Write};

use serde::Serialize;

pub use contract::{
    JsonClaim, JsonClaimRef, JsonClosest, JsonCoverage, JsonDiagnostic, JsonError, JsonEvidenceFrom,
    JsonExpectation, JsonMapping, JsonPacket, JsonRun, JsonScope,
};

use super::stream::{self, ArrayWriter, MARKER};
use super::{Failure, Reporter, RunSummary};
use crate::check::PacketReport;
use crate::diagnostic::{Diagnostic, Severity};
use crate::source::Sources;

/// The contract's version.
pub const VERSION: u32 = 1;

/// Writes one JSON object: each packet as it comes, the errors at the end.
pub struct JsonReporter<W: Write> {
    out: W,
    packets: ArrayWriter,
    errors: Vec<JsonError>,
}

/// [`JsonRun`] with the marker in place of its packets, to find where they go.
#[derive(Serialize)]
struct Skeleton<'a> {
    version: u32,
    packets: [&'static str; 1],
    errors: &'a [JsonError],
}

impl<W: Write> JsonReporter<W> {
    fn split(&self) -> io::Result<stream::Split> {
        stream::split(&Skeleton { version: VERSION, packets: [MARKER], errors: &self.errors })
    }
}

impl<W: Write> JsonReporter<W> {
    /// A reporter writing to `out`.
    pub fn new(out: W) -> Self {
        JsonReporter { out, packets: ArrayWriter::default(), errors: Vec::new() }
    }
}

/// A diagnostic in the contract's shape.
pub fn json_diagnostic(sources: &Sources, d: &Diagnostic) -> JsonDiagnostic {
    let file = sources.get(d.primary.file);
    let (start, end) = file.span(&d.primary.range);
    JsonDiagnostic {
        code: d.code.name().to_owned(),
        kind: d.code.kind().as_str().to_owned(),
        severity: d.severity,
        message: d.message.clone(),
        path: file.name.clone(),
        line: start.line,
        column: start.column,
        end_line: end.line,
        end_column: end.column,
        help: d.help.clone(),
        notes: d.notes.clone(),
        expectation: d.subject.clone(),
    }
}

fn kinds(e: crate::analysis::EvidenceSet) -> Vec<String> {
    e.kinds().map(|k| k.as_str().to_owned()).collect()
}

impl<W: Write> Reporter for JsonReporter<W> {
    fn packet(&mut self, sources: &Sources, report: &PacketReport<'_>) -> io::Result<()> {
        let file = sources.get(report.file);
        let Some(packet) = &report.packet else {
            for d in &report.diagnostics {
                self.errors.push(JsonError {
                    path: file.name.clone(),
                    message: d.message.clone(),
                    code: Some(d.code.name().to_owned()),
                    severity: Some(d.severity),
                });
            }
            return Ok(());
        };
        let fm = packet.front_matter.as_ref();
        let lines = |r: &std::ops::Range<usize>| {
            let (s, e) = file.span(r);
            (s.line, e.line)
        };
        let mut out = JsonPacket {
            path: file.name.clone(),
            candidate: fm.and_then(|f| f.candidate.as_ref()).map(|v| v.text.clone()),
            ladder: report
                .level
                .map(|l| l.ladder.clone())
                .or_else(|| fm.and_then(|f| f.ladder.as_ref()).map(|v| v.text.clone())),
            level: report
                .level
                .map(|l| l.id.clone())
                .or_else(|| fm.and_then(|f| f.target.as_ref()).map(|v| v.text.clone())),
            current: fm.and_then(|f| f.current.as_ref()).map(|v| v.text.clone()),
            scope: report.level.and_then(|l| l.scope.as_ref()).map(|s| s.value.as_str().to_owned()),
            coverage: None,
            expectations: Vec::new(),
            claims: Vec::new(),
            diagnostics: report.diagnostics.iter().map(|d| json_diagnostic(sources, d)).collect(),
        };
        if let (Some(level), Some(analysis)) = (report.level, &report.analysis) {
            out.coverage = Some(analysis.counts().into());
            let current = report.current;
            for (e, cov) in level.expectations.iter().zip(&analysis.expectations) {
                out.expectations.push(JsonExpectation {
                    id: e.id.clone(),
                    area: e.area.clone(),
                    text: e.text.clone(),
                    status: cov.status,
                    claims: cov
                        .claims
                        .iter()
                        .map(|&i| {
                            let (line, end_line) = lines(&packet.claims[i].range);
                            JsonClaimRef {
                                line,
                                end_line,
                                evidence: kinds(analysis.claims[i].evidence_in_scope),
                            }
                        })
                        .collect(),
                    waiver: cov.waiver.clone(),
                    closest_claim: cov.closest.map(|(c, score)| JsonClosest {
                        line: lines(&packet.claims[c].range).0,
                        score: (score * 100.0).round() / 100.0,
                    }),
                    scope: level.scope_of(e).map(|s| s.as_str().to_owned()),
                    best_scope: cov.best_scope.map(|s| s.as_str().to_owned()),
                    at_current: current.map(|c| crate::rules::delta::already_at(c, e)),
                });
            }
            let mapping = |m: &crate::analysis::Mapping| JsonMapping {
                id: level.expectations[m.expectation].id.clone(),
                score: (m.score * 100.0).round() / 100.0,
                via: m.via,
            };
            for (claim, ca) in packet.claims.iter().zip(&analysis.claims) {
                let (line, end_line) = lines(&claim.range);
                out.claims.push(JsonClaim {
                    line,
                    end_line,
                    text: claim.text.clone(),
                    evidence: kinds(ca.evidence_in_scope),
                    evidence_from: evidence_from(ca),
                    expectations: ca.mappings.iter().map(mapping).collect(),
                    ranked: ca.ranked.iter().map(mapping).collect(),
                    scope: json_scope(file, &ca.scope),
                });
            }
        }
        if !self.packets.started {
            // The head does not depend on the errors, which come after the packets.
            let split = self.split()?;
            self.packets.start(&mut self.out, &split)?;
        }
        self.packets.item(&mut self.out, &out)
    }

    fn diagnostics(&mut self, sources: &Sources, diagnostics: &[Diagnostic]) -> io::Result<()> {
        for d in diagnostics {
            let file = sources.get(d.primary.file);
            let pos = file.position(d.primary.range.start);
            self.errors.push(JsonError {
                path: file.name.clone(),
                message: format!("{}:{}: {}", pos.line, pos.column, d.message),
                code: Some(d.code.name().to_owned()),
                severity: Some(d.severity),
            });
        }
        Ok(())
    }

    fn finish(&mut self, _sources: &Sources, _summary: &RunSummary) -> io::Result<()> {
        let split = self.split()?;
        self.packets.finish(&mut self.out, &split)?;
        writeln!(self.out)?;
        self.out.flush()
    }

    /// No packets; every problem in `errors`, a problem with no file with an
    /// empty `path`.
    fn failed(&mut self, sources: &Sources, failure: &Failure<'_>) -> io::Result<()> {
        self.diagnostics(sources, failure.diagnostics)?;
        for message in failure.messages {
            self.errors.push(JsonError {
                path: String::new(),
                message: message.clone(),
                code: None,
                severity: Some(Severity::Error),
            });
        }
        self.finish(sources, &RunSummary::default())
    }
}

fn json_scope(file: &crate::source::SourceFile, s: &crate::analysis::scope::ClaimScope) -> JsonScope {
    let at = s.range.as_ref().map(|r| file.position(r.start));
    JsonScope {
        value: s.name().to_owned(),
        from: s.from,
        words: s.value.filter(|_| !s.words.is_empty()).map(|_| s.words.clone()),
        line: at.map(|p| p.line),
        column: at.map(|p| p.column),
    }
}

/// Each evidence kind of a claim with where it comes from (its own text first).
fn evidence_from(ca: &crate::analysis::ClaimAnalysis) -> Vec<JsonEvidenceFrom> {
    ca.evidence_in_scope
        .kinds()
        .map(|k| {
            let from = if ca.evidence.contains(k) {
                "own"
            } else if ca.evidence_nested.contains(k) {
                "nested"
            } else {
                "section"
            };
            JsonEvidenceFrom { kind: k.as_str().to_owned(), from: from.to_owned() }
        })
        .collect()
}
