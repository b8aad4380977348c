//! `summary --format json`: the stable contract for tools, documented in
//! docs/summary-json.md. One object, pretty-printed. Fields may be added;
//! none may be renamed or removed without raising `version`. `--by` does not
//! change it: it always carries both the per-packet and per-expectation views.

use std::io::{self, Write};

use serde::{Deserialize, Serialize};

use super::{PacketRow, Summary};
use crate::analysis::Status;
/// A packet's counts of expectations by status: the same object as in `check --format json`.
pub use crate::report::json::JsonCoverage;

/// The contract's version.
pub const VERSION: u32 = 1;

/// The whole output object.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JsonSummary {
    /// Contract version, 1.
    pub version: u32,
    /// Whether candidate names and paths are pseudonyms.
    pub anonymized: bool,
    /// Every level some packet targets.
    pub levels: Vec<JsonLevel>,
    /// One entry per packet, in the order of `--sort`.
    pub packets: Vec<JsonPacket>,
    /// Totals over all packets.
    pub totals: JsonTotals,
    /// Markdown files skipped while walking folders (no promolint front matter).
    pub skipped: usize,
}

/// A level that packets target, with how its packets stand on each expectation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JsonLevel {
    /// Ladder id.
    pub ladder: String,
    /// Level id.
    pub level: String,
    /// Display title.
    pub title: String,
    /// Areas in ladder order, with their number of expectations.
    pub areas: Vec<JsonArea>,
    /// Expectations in ladder order.
    pub expectations: Vec<JsonLevelExpectation>,
    /// Packets summarised against this level.
    pub packets: usize,
    /// Their mean coverage percentage, one decimal; null when none.
    pub mean_percent: Option<f32>,
}

/// An area of a level.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JsonArea {
    /// Heading path in the ladder.
    pub name: String,
    /// Number of expectations in it.
    pub expectations: usize,
}

/// An expectation of a level and how many of the level's packets stand how on it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JsonLevelExpectation {
    /// Expectation id.
    pub id: String,
    /// Its area.
    pub area: String,
    /// The ladder's wording.
    pub text: String,
    /// Packets covering it with evidence.
    pub covered: usize,
    /// Packets claiming it without evidence.
    pub weak: usize,
    /// Packets not claiming it.
    pub uncovered: usize,
    /// Packets waiving it.
    pub waived: usize,
}

/// One packet.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JsonPacket {
    /// Path as given or found (`candidate-N.md` when anonymised).
    pub path: String,
    /// Front matter `candidate` (`Candidate N` when anonymised).
    pub candidate: Option<String>,
    /// Ladder id.
    pub ladder: Option<String>,
    /// Level id.
    pub level: Option<String>,
    /// Counts by status; null when the packet could not be summarised.
    pub coverage: Option<JsonCoverage>,
    /// Per area of the level, in ladder order.
    pub areas: Vec<JsonAreaCoverage>,
    /// Every expectation of the level with the packet's status on it.
    pub expectations: Vec<JsonStatus>,
    /// Claims that map to an expectation but have no evidence.
    pub claims_without_evidence: usize,
    /// The first 20 of them.
    pub weak_claims: Vec<JsonClaim>,
    /// The claims that map to an expectation and show the level's scope or
    /// wider; left out when the level states no scope or the packet could not
    /// be summarised.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level_scope: Option<JsonScopeShare>,
    /// Red-flag diagnostics of both kinds (`behaviour_red_flags` + `writing_smells`),
    /// as before the two were counted apart.
    pub red_flags: usize,
    /// Behaviour red flags (`red-flag`, `blaming-others`, `overwork`): concerns about the person.
    #[serde(default)]
    pub behaviour_red_flags: usize,
    /// Writing smells (`vague-claim`, `placeholder-text`, `hedging`): how the packet is written.
    #[serde(default)]
    pub writing_smells: usize,
    /// The first 20 of them.
    pub red_flag_findings: Vec<JsonRedFlag>,
    /// Why the packet could not be summarised; null when it was.
    pub error: Option<String>,
}

/// Coverage of one area by one packet.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JsonAreaCoverage {
    /// Area name.
    pub area: String,
    /// Expectations in the area.
    pub total: usize,
    /// Covered with evidence.
    pub covered: usize,
    /// Claimed without evidence.
    pub weak: usize,
    /// Not claimed.
    pub uncovered: usize,
    /// Waived.
    pub waived: usize,
}

/// A packet's status on one expectation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JsonStatus {
    /// Expectation id.
    pub id: String,
    /// `covered`, `weak`, `uncovered` or `waived`.
    pub status: Status,
    /// The candidate's reason, when waived.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub waiver: Option<String>,
}

/// A claim without evidence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JsonClaim {
    /// 1-based line where it starts.
    pub line: usize,
    /// Its plain text, at most 300 characters.
    pub text: String,
    /// Expectation ids it maps to, best first.
    pub expectations: Vec<String>,
}

/// A red flag found in a packet.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JsonRedFlag {
    /// Lint code.
    pub code: String,
    /// `behaviour` or `writing`.
    #[serde(default)]
    pub kind: String,
    /// The red flag's id, when known.
    pub flag: Option<String>,
    /// The diagnostic's message.
    pub message: String,
    /// 1-based line.
    pub line: usize,
    /// The text that shows it, at most 300 characters.
    pub quote: String,
    /// The claim it is in, at most 300 characters.
    pub claim: Option<String>,
}

/// Totals over all packets.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JsonTotals {
    /// Packets in the summary.
    pub packets: usize,
    /// Packets checked against a level.
    pub summarised: usize,
    /// Packets that could not be summarised.
    pub failed: usize,
    /// Expectations added over summarised packets.
    pub total: usize,
    /// Covered, added.
    pub covered: usize,
    /// Weak, added.
    pub weak: usize,
    /// Uncovered, added.
    pub uncovered: usize,
    /// Waived, added.
    pub waived: usize,
    /// Mean coverage percentage of summarised packets; null when none.
    pub mean_percent: Option<f32>,
    /// Red flags of both kinds, added.
    pub red_flags: usize,
    /// Behaviour red flags, added.
    #[serde(default)]
    pub behaviour_red_flags: usize,
    /// Writing smells, added.
    #[serde(default)]
    pub writing_smells: usize,
    /// Claims without evidence, added.
    pub claims_without_evidence: usize,
}

/// The summary in the contract's shape.
pub fn to_json(summary: &Summary) -> JsonSummary {
    let levels = summary
        .levels
        .iter()
        .enumerate()
        .map(|(i, level)| JsonLevel {
            ladder: level.ladder.clone(),
            level: level.id.clone(),
            title: level.title.clone(),
            areas: level
                .areas
                .iter()
                .zip(level.area_totals())
                .map(|(name, expectations)| JsonArea { name: name.clone(), expectations })
                .collect(),
            expectations: level
                .expectations
                .iter()
                .enumerate()
                .map(|(j, e)| {
                    let n = summary.packet_counts(i, j);
                    JsonLevelExpectation {
                        id: e.id.clone(),
                        area: level.areas[e.area].clone(),
                        text: e.text.clone(),
                        covered: n.covered,
                        weak: n.weak,
                        uncovered: n.uncovered,
                        waived: n.waived,
                    }
                })
                .collect(),
            packets: summary.packets_of(i).count(),
            mean_percent: summary.mean_percent_of(i),
        })
        .collect();
    let t = summary.totals();
    JsonSummary {
        version: VERSION,
        anonymized: summary.anonymized,
        levels,
        packets: summary.packets.iter().map(|row| packet(summary, row)).collect(),
        totals: JsonTotals {
            packets: t.packets,
            summarised: t.summarised,
            failed: t.failed,
            total: t.counts.total,
            covered: t.counts.covered,
            weak: t.counts.weak,
            uncovered: t.counts.uncovered,
            waived: t.counts.waived,
            mean_percent: t.mean_percent,
            red_flags: t.behaviour_flags + t.writing_flags,
            behaviour_red_flags: t.behaviour_flags,
            writing_smells: t.writing_flags,
            claims_without_evidence: t.claims_without_evidence,
        },
        skipped: summary.skipped.len(),
    }
}

/// The share of a packet's mapped claims at or above its level's scope.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JsonScopeShare {
    /// The scope the level asks.
    pub scope: String,
    /// Mapped claims whose scope is at or above it.
    pub at_or_above: usize,
    /// Claims that map to an expectation.
    pub claims: usize,
    /// `at_or_above` / `claims`, in 0..=100, one decimal.
    pub percent: f32,
}

fn packet(summary: &Summary, row: &PacketRow) -> JsonPacket {
    let mut out = JsonPacket {
        path: row.path.clone(),
        candidate: row.candidate.clone(),
        ladder: row.ladder.clone(),
        level: row.level.clone(),
        coverage: None,
        areas: Vec::new(),
        expectations: Vec::new(),
        claims_without_evidence: 0,
        weak_claims: Vec::new(),
        level_scope: None,
        red_flags: row.behaviour_flags + row.writing_flags,
        behaviour_red_flags: row.behaviour_flags,
        writing_smells: row.writing_flags,
        red_flag_findings: row
            .red_flags
            .iter()
            .map(|f| JsonRedFlag {
                code: f.code.clone(),
                kind: f.kind.as_str().to_owned(),
                flag: f.flag.clone(),
                message: f.message.clone(),
                line: f.line,
                quote: f.quote.clone(),
                claim: f.claim.clone(),
            })
            .collect(),
        error: row.error.clone(),
    };
    if let Some(c) = &row.coverage {
        let level = &summary.levels[c.level];
        out.coverage = Some(c.counts.into());
        out.areas = level
            .areas
            .iter()
            .zip(&c.areas)
            .map(|(name, a)| JsonAreaCoverage {
                area: name.clone(),
                total: a.total,
                covered: a.covered,
                weak: a.weak,
                uncovered: a.uncovered,
                waived: a.waived,
            })
            .collect();
        out.expectations = level
            .expectations
            .iter()
            .zip(&c.statuses)
            .enumerate()
            .map(|(j, (e, status))| JsonStatus {
                id: e.id.clone(),
                status: *status,
                waiver: c.waivers.iter().find(|w| w.expectation == j).map(|w| w.reason.clone()),
            })
            .collect();
        out.claims_without_evidence = c.claims_without_evidence;
        out.level_scope = c.at_scope.map(|s| JsonScopeShare {
            scope: s.scope.to_string(),
            at_or_above: s.at_or_above,
            claims: s.claims,
            percent: super::round1(s.percent()),
        });
        out.weak_claims = c
            .weak_claims
            .iter()
            .map(|claim| JsonClaim {
                line: claim.line,
                text: claim.text.clone(),
                expectations: claim.expectations.iter().map(|&j| level.expectations[j].id.clone()).collect(),
            })
            .collect();
    }
    out
}

/// Writes the summary as one pretty-printed JSON object and a newline.
///
/// # Errors
/// Writing failed.
pub fn write(summary: &Summary, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &to_json(summary))?;
    writeln!(out)
}
