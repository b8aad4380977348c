//! The JSON format: the stable contract for tools (DESIGN.md, "JSON output").
//! One object for the whole run, written as it goes: each packet as soon as
//! it is reported (see [`super::stream`]), the errors at the end. Fields may
//! be added; none may be renamed or removed without raising `version`.

use std::io::{self, Write};

use serde::Serialize;

use super::stream::{self, ArrayWriter, MARKER};
use super::{Failure, Reporter, RunSummary};
use crate::analysis::{CoverageCounts, Status, Via};
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

/// The whole output object.
#[derive(Debug, Default, Serialize, serde::Deserialize)]
pub struct JsonRun {
    /// Contract version, 1.
    pub version: u32,
    /// One entry per packet linted.
    pub packets: Vec<JsonPacket>,
    /// Files that could not be linted at all, and problems outside packets.
    pub errors: Vec<JsonError>,
}

/// One packet.
#[derive(Debug, Serialize, serde::Deserialize)]
pub struct JsonPacket {
    /// Path as given or found.
    pub path: String,
    /// Front matter `candidate`.
    pub candidate: Option<String>,
    /// Ladder id of the level checked against (front matter or command line).
    pub ladder: Option<String>,
    /// Level id checked against.
    pub level: Option<String>,
    /// Front matter `current`, when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current: Option<String>,
    /// The scope the level asks (`own`, `team`, `cross-team`, `organisation`,
    /// `company`); left out when the level states none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
    /// Counts by status; absent when no level was found.
    pub coverage: Option<JsonCoverage>,
    /// Every expectation of the level with its status.
    pub expectations: Vec<JsonExpectation>,
    /// Every claim found, in document order.
    pub claims: Vec<JsonClaim>,
    /// Diagnostics in document order.
    pub diagnostics: Vec<JsonDiagnostic>,
}

/// Coverage counts and percentage.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct JsonCoverage {
    /// Expectations of the level.
    pub total: usize,
    /// Covered with evidence.
    pub covered: usize,
    /// Claimed without evidence.
    pub weak: usize,
    /// Not claimed.
    pub uncovered: usize,
    /// Waived with a reason.
    pub waived: usize,
    /// covered / (total - waived), in 0..=100.
    pub percent: f32,
}

impl From<CoverageCounts> for JsonCoverage {
    fn from(c: CoverageCounts) -> Self {
        JsonCoverage {
            total: c.total,
            covered: c.covered,
            weak: c.weak,
            uncovered: c.uncovered,
            waived: c.waived,
            percent: crate::summary::round1(c.percent()),
        }
    }
}

/// One expectation's coverage.
#[derive(Debug, Serialize, serde::Deserialize)]
pub struct JsonExpectation {
    /// Expectation id.
    pub id: String,
    /// Area (heading path in the ladder).
    pub area: String,
    /// The ladder's wording.
    pub text: String,
    /// `covered`, `weak`, `uncovered` or `waived`.
    pub status: Status,
    /// The claims that map to it.
    pub claims: Vec<JsonClaimRef>,
    /// The waiver's reason, when waived.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub waiver: Option<String>,
    /// For an uncovered expectation, the claim that scored highest for it
    /// below the cutoff (left out when none did).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closest_claim: Option<JsonClosest>,
    /// The scope it asks (its own or its level's); left out when none is stated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
    /// The widest scope among the claims mapping to it (left out when none
    /// maps or none shows a scope).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub best_scope: Option<String>,
    /// Whether the packet's `current` level already asks it (left out when
    /// the packet names no other level of the ladder as `current`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at_current: Option<bool>,
}

/// A claim referred to from an expectation.
#[derive(Debug, Serialize, serde::Deserialize)]
pub struct JsonClaimRef {
    /// 1-based first line.
    pub line: usize,
    /// 1-based last line.
    pub end_line: usize,
    /// Evidence kinds of the claim (including items nested under it).
    pub evidence: Vec<String>,
}

/// One claim.
#[derive(Debug, Serialize, serde::Deserialize)]
pub struct JsonClaim {
    /// 1-based first line.
    pub line: usize,
    /// 1-based last line.
    pub end_line: usize,
    /// Plain text of the claim.
    pub text: String,
    /// Evidence kinds (including items nested under it).
    pub evidence: Vec<String>,
    /// Where each of those kinds comes from: `own` (the claim's text),
    /// `nested` (an item under it) or `section` (a neighbouring paragraph).
    #[serde(default)]
    pub evidence_from: Vec<JsonEvidenceFrom>,
    /// Expectations it maps to, best first.
    pub expectations: Vec<JsonMapping>,
    /// The best-scoring expectations below the cutoff, best first (at most
    /// three; left out when there are none).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ranked: Vec<JsonMapping>,
    /// How far the claim's work reached.
    #[serde(default)]
    pub scope: JsonScope,
}

/// A claim's scope and the words that decided it.
#[derive(Debug, Default, Serialize, serde::Deserialize)]
pub struct JsonScope {
    /// `own`, `team`, `cross-team`, `organisation`, `company` or `unknown`.
    pub value: String,
    /// `claim` (its own words), `parent` (the item it is nested in) or
    /// `own-work` (no scale words; told as the candidate's own work);
    /// left out when unknown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<crate::analysis::scope::ScopeFrom>,
    /// The words that decided it; left out when unknown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub words: Option<String>,
    /// 1-based line and column (characters) where those words start in the
    /// packet; left out for a heading.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// See `line`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
}

/// One evidence kind of a claim and where it comes from.
#[derive(Debug, Serialize, serde::Deserialize)]
pub struct JsonEvidenceFrom {
    /// The evidence kind.
    pub kind: String,
    /// `own`, `nested` or `section`.
    pub from: String,
}

/// The claim that came closest to covering an uncovered expectation.
#[derive(Debug, Serialize, serde::Deserialize)]
pub struct JsonClosest {
    /// 1-based first line of the claim.
    pub line: usize,
    /// Its score in 0..=1 (below the cutoff), two decimals.
    pub score: f32,
}

/// One claim → expectation mapping.
#[derive(Debug, Serialize, serde::Deserialize)]
pub struct JsonMapping {
    /// Expectation id.
    pub id: String,
    /// Confidence in 0..=1, two decimals.
    pub score: f32,
    /// `explicit`, `pattern` or `text`.
    pub via: Via,
}

/// One diagnostic. Lines and columns are 1-based; columns count characters;
/// the end is exclusive.
#[derive(Debug, Serialize, serde::Deserialize)]
pub struct JsonDiagnostic {
    /// Lint code.
    pub code: String,
    /// The code's kind: `behaviour` (a red flag about the person), `writing`
    /// (a packet-writing smell), `packet`, `rule-file` or `run`.
    #[serde(default)]
    pub kind: String,
    /// `error`, `warning` or `note`.
    pub severity: Severity,
    /// The message.
    pub message: String,
    /// Path of the file it points into (the packet, or a rule file).
    pub path: String,
    /// Start line.
    pub line: usize,
    /// Start column.
    pub column: usize,
    /// End line.
    pub end_line: usize,
    /// End column (exclusive).
    pub end_column: usize,
    /// Help text.
    pub help: Option<String>,
    /// Notes.
    #[serde(default)]
    pub notes: Vec<String>,
    /// The expectation or red flag concerned.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expectation: Option<String>,
}

/// A file that could not be linted.
#[derive(Debug, Serialize, serde::Deserialize)]
pub struct JsonError {
    /// The path.
    pub path: String,
    /// What went wrong.
    pub message: String,
    /// The lint code (`unreadable-file`, or a rule-file code).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// `error`, `warning` or `note`, after lint levels.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub severity: Option<Severity>,
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
        words: s.value.map(|_| s.words.clone()),
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
