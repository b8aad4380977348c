//! The rows of a summary: one [`PacketRow`] per packet with what the
//! detailed formats quote of it, and the [`LevelInfo`] of each level packets
//! target.

use super::round1;
use crate::analysis::{CoverageCounts, Status};
use crate::lint::Kind;

/// A level that packets target: what the report needs of the ladder.
#[derive(Debug, Clone)]
pub struct LevelInfo {
    /// Ladder id.
    pub ladder: String,
    /// Level id.
    pub id: String,
    /// Display title.
    pub title: String,
    /// Areas in ladder order (first appearance among the expectations).
    pub areas: Vec<String>,
    /// Expectations in ladder order.
    pub expectations: Vec<ExpectationInfo>,
}

/// One expectation of a [`LevelInfo`].
#[derive(Debug, Clone)]
pub struct ExpectationInfo {
    /// Expectation id.
    pub id: String,
    /// Index into the level's `areas`.
    pub area: usize,
    /// The ladder's wording.
    pub text: String,
}

impl LevelInfo {
    /// `ladder/level`.
    pub fn qualified_id(&self) -> String {
        format!("{}/{}", self.ladder, self.id)
    }

    /// Number of expectations in each area, parallel to `areas`.
    pub fn area_totals(&self) -> Vec<usize> {
        let mut totals = vec![0; self.areas.len()];
        for e in &self.expectations {
            totals[e.area] += 1;
        }
        totals
    }
}

/// One packet of the summary.
#[derive(Debug, Clone)]
pub struct PacketRow {
    /// Path as given or found (a pseudonymous file name when anonymised).
    pub path: String,
    /// Front matter `candidate` (a pseudonym when anonymised).
    pub candidate: Option<String>,
    /// Ladder id, from the level found or else the front matter.
    pub ladder: Option<String>,
    /// Level id, from the level found or else the front matter's `target`.
    pub level: Option<String>,
    /// Other names of the candidate (front matter `aliases`), masked when anonymised.
    pub aliases: Vec<String>,
    /// The pseudonym's code when anonymised (`Candidate K7QF2` has `K7QF2`).
    pub pseudonym: Option<String>,
    /// Coverage, when the packet was checked against a level.
    pub coverage: Option<PacketCoverage>,
    /// Why the packet could not be summarised, when it could not.
    pub error: Option<String>,
    /// Behaviour red flags (`red-flag`, `blaming-others`, `overwork`): what a
    /// committee reads as a concern about the person; after lint levels and
    /// suppressions, one per span.
    pub behaviour_flags: usize,
    /// Writing smells (`vague-claim`, `placeholder-text`, `hedging`): how the
    /// packet is written, counted apart from behaviour.
    pub writing_flags: usize,
    /// The first [`MAX_NOTES`](super::MAX_NOTES) findings of either kind ([`Detail::Quotes`](super::Detail::Quotes) only).
    pub red_flags: Vec<RedFlagNote>,
}

/// How one packet covers its level.
#[derive(Debug, Clone)]
pub struct PacketCoverage {
    /// Index into [`Summary::levels`](super::Summary::levels).
    pub level: usize,
    /// Expectations by status.
    pub counts: CoverageCounts,
    /// Status per expectation, parallel to the level's `expectations`.
    pub statuses: Vec<Status>,
    /// Per area, parallel to the level's `areas`.
    pub areas: Vec<CoverageCounts>,
    /// Claims that map to an expectation but have no evidence.
    pub claims_without_evidence: usize,
    /// The first [`MAX_NOTES`](super::MAX_NOTES) of them ([`Detail::Quotes`](super::Detail::Quotes) only).
    pub weak_claims: Vec<ClaimNote>,
    /// Waived expectations with the candidate's reason ([`Detail::Quotes`](super::Detail::Quotes) only).
    pub waivers: Vec<Waiver>,
    /// The claims that map to some expectation, in document order
    /// ([`Detail::Quotes`](super::Detail::Quotes) only; at most [`MAX_COVERING`](super::MAX_COVERING) per expectation).
    pub claims: Vec<CoveringClaim>,
    /// Per expectation (parallel to the level's `expectations`), indexes into
    /// `claims` of those mapping to it, in document order (empty with [`Detail::Counts`](super::Detail::Counts)).
    pub covering: Vec<Vec<usize>>,
    /// How many of the claims that map to an expectation show the scope the
    /// level asks or wider; `None` when the level states no scope.
    pub at_scope: Option<ScopeShare>,
}

/// The share of a packet's claims at or above its level's scope.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScopeShare {
    /// The scope the level asks.
    pub scope: crate::rules::scope::ScopeValue,
    /// Claims that map to an expectation and whose scope is at or above it.
    pub at_or_above: usize,
    /// Claims that map to an expectation (unknown scope counts as not at it).
    pub claims: usize,
}

impl ScopeShare {
    /// `at_or_above` as a percentage of `claims`, in 0..=100 (0 with no claims).
    pub fn percent(&self) -> f32 {
        if self.claims == 0 { 0.0 } else { self.at_or_above as f32 * 100.0 / self.claims as f32 }
    }

    /// `4/10 (40%)`, as the text formats print it.
    pub fn cell(share: Option<&ScopeShare>) -> String {
        share.map_or_else(
            || "-".to_owned(),
            |s| format!("{}/{} ({:.0}%)", s.at_or_above, s.claims, s.percent()),
        )
    }
}

/// A claim quoted in the report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimNote {
    /// 1-based first line.
    pub line: usize,
    /// The claim's plain text, at most [`MAX_QUOTE_CHARS`](super::MAX_QUOTE_CHARS) characters.
    pub text: String,
    /// Indexes into the level's expectations it maps to, best first.
    pub expectations: Vec<usize>,
}

/// A claim that maps to an expectation, as the HTML report shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CoveringClaim {
    /// 1-based first line.
    pub line: usize,
    /// The claim's plain text, at most [`MAX_QUOTE_CHARS`](super::MAX_QUOTE_CHARS) characters.
    pub text: String,
    /// Its evidence kinds (`link`, `metric`, ...) with where each comes from.
    pub evidence: Vec<EvidenceNote>,
}

/// One evidence kind of a claim and where it comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EvidenceNote {
    /// `link`, `reference`, `metric`, `date` or `feedback`.
    pub kind: &'static str,
    /// `own` (the claim's own text), `nested` (borrowed from items nested
    /// under it) or `section` (borrowed from a neighbouring paragraph).
    pub from: &'static str,
}

/// A waived expectation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Waiver {
    /// Index into the level's expectations.
    pub expectation: usize,
    /// The candidate's reason, at most [`MAX_QUOTE_CHARS`](super::MAX_QUOTE_CHARS) characters.
    pub reason: String,
}

/// A red flag quoted in the report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RedFlagNote {
    /// Lint code (`red-flag`, `vague-claim`, ...).
    pub code: String,
    /// The code's kind: [`Kind::Behaviour`] or [`Kind::Writing`].
    pub kind: Kind,
    /// The red flag's id, when the diagnostic names one.
    pub flag: Option<String>,
    /// The diagnostic's message.
    pub message: String,
    /// 1-based line of the text that shows it.
    pub line: usize,
    /// That text, at most [`MAX_QUOTE_CHARS`](super::MAX_QUOTE_CHARS) characters.
    pub quote: String,
    /// The plain text of the claim it is in, at most [`MAX_QUOTE_CHARS`](super::MAX_QUOTE_CHARS) characters.
    pub claim: Option<String>,
}

impl PacketRow {
    /// The name a report shows: the candidate, or else the path.
    pub fn name(&self) -> &str {
        self.candidate.as_deref().unwrap_or(&self.path)
    }

    /// `ladder/level` as far as known, or `-`.
    pub fn level_label(&self) -> String {
        match (&self.ladder, &self.level) {
            (Some(ladder), Some(level)) => format!("{ladder}/{level}"),
            (None, Some(level)) => level.clone(),
            (Some(ladder), None) => format!("{ladder}/?"),
            (None, None) => "-".to_owned(),
        }
    }

    /// Coverage percentage rounded to one decimal, when summarised.
    pub fn percent(&self) -> Option<f32> {
        self.coverage.as_ref().map(|c| round1(c.counts.percent()))
    }
}
