//! The types of the JSON contract (DESIGN.md, "JSON output"): what
//! `check --format json` prints, field by field, and what a tool reading it
//! can deserialize it into. Fields may be added; none may be renamed or
//! removed without raising [`super::VERSION`].

use serde::Serialize;

use crate::analysis::{CoverageCounts, Status, Via};
use crate::diagnostic::Severity;

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
            percent: super::super::round1(c.percent()),
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
    /// `claim` (its own words), `parent` (the item it is nested in),
    /// `own-work` (no scale words; told as the candidate's own work) or
    /// `packet` (no words at all, in a packet told as the candidate's own work);
    /// left out when unknown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<crate::analysis::scope::ScopeFrom>,
    /// The words that decided it; left out when unknown or from the packet.
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
