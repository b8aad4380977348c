//! Analysis of one packet against its level: which expectations each claim
//! maps to (explicitly, by pattern, or by text similarity), what evidence each
//! claim has, the coverage of each expectation, and the red flags shown.
//!
//! Reads a parsed [`Packet`] and a resolved [`Level`]; produces data, not
//! diagnostics (see [`crate::check`] for those).

pub mod evidence;
pub mod matcher;
pub mod similarity;

use std::ops::Range;

use serde::{Deserialize, Serialize};

pub use evidence::{EvidenceMatcher, EvidenceSet};
pub use matcher::{CommonMatcher, FlagSource, LevelMatcher};

use crate::packet::{ClaimKind, DirectiveKind, Packet};
use crate::rules::Level;

/// The lowest score at which a claim counts as mapping to an expectation.
pub const MIN_SCORE: f32 = 0.5;
/// Score of a claim matching one of an expectation's patterns; each further
/// distinct pattern adds [`PATTERN_STEP`].
pub const PATTERN_SCORE: f32 = 0.7;
/// What each further matching pattern adds, up to 0.95.
pub const PATTERN_STEP: f32 = 0.1;
/// Score of a claim whose heading or parent item matches an expectation's
/// patterns when the claim itself does not.
pub const CONTEXT_SCORE: f32 = 0.5;
/// The least text similarity (share of the expectation's term weight) that
/// maps a claim to an expectation without patterns.
pub const TEXT_MIN: f32 = 0.3;
/// Or the least shared term weight (sum of inverse document frequencies,
/// about two rare words) that does.
pub const TEXT_MIN_WEIGHT: f32 = 4.5;
/// The least text similarity that maps a claim to an expectation that has
/// patterns (its patterns carry the vocabulary; its text must match closely).
pub const TEXT_MIN_PATTERNED: f32 = 0.5;
/// The most expectations one claim maps to (the best-scoring ones).
pub const MAX_PER_CLAIM: usize = 5;

/// How a mapping was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Via {
    /// A `<!-- covers: ID -->` comment.
    Explicit,
    /// One of the expectation's patterns matched the claim (or its heading or parent).
    Pattern,
    /// The claim's words are similar to the expectation's own wording.
    Text,
}

/// One claim → expectation mapping.
#[derive(Debug, Clone, PartialEq)]
pub struct Mapping {
    /// Index into `level.expectations`.
    pub expectation: usize,
    /// Confidence in 0..=1.
    pub score: f32,
    /// How it was made.
    pub via: Via,
}

/// What the analysis found about one claim.
#[derive(Debug, Clone, Default)]
pub struct ClaimAnalysis {
    /// Evidence kinds in the claim's own text.
    pub evidence: EvidenceSet,
    /// Evidence kinds in the claim and the items nested under it: what counts
    /// for coverage.
    pub evidence_in_scope: EvidenceSet,
    /// The expectations it maps to, best first.
    pub mappings: Vec<Mapping>,
}

/// Coverage of one expectation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// At least one claim maps to it and one of those has evidence.
    Covered,
    /// Claims map to it; none has evidence.
    Weak,
    /// No claim maps to it.
    Uncovered,
    /// The candidate waived it with a reason.
    Waived,
}

/// The coverage of one expectation of the level.
#[derive(Debug, Clone)]
pub struct ExpectationCoverage {
    /// Its status.
    pub status: Status,
    /// Indexes into `packet.claims` of the claims mapping to it, in document order.
    pub claims: Vec<usize>,
    /// The waiver's reason, when waived.
    pub waiver: Option<String>,
}

/// A red flag shown by a claim.
#[derive(Debug, Clone)]
pub struct RedFlagHit {
    /// Index into `packet.claims`.
    pub claim: usize,
    /// Which red flag.
    pub flag: FlagSource,
    /// Byte range into the packet source of the text that shows it.
    pub range: Range<usize>,
}

/// Counts of expectations by status.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct CoverageCounts {
    /// Number of expectations.
    pub total: usize,
    /// Covered with evidence.
    pub covered: usize,
    /// Claimed without evidence.
    pub weak: usize,
    /// Not claimed.
    pub uncovered: usize,
    /// Waived with a reason.
    pub waived: usize,
}

impl CoverageCounts {
    /// Covered expectations as a percentage of those not waived, in 0..=100.
    pub fn percent(&self) -> f32 {
        let denominator = self.total - self.waived;
        if denominator == 0 { 100.0 } else { self.covered as f32 * 100.0 / denominator as f32 }
    }
}

/// The analysis of one packet.
#[derive(Debug, Clone)]
pub struct Analysis {
    /// Per claim, parallel to `packet.claims`.
    pub claims: Vec<ClaimAnalysis>,
    /// Per expectation, parallel to `level.expectations`.
    pub expectations: Vec<ExpectationCoverage>,
    /// Red flags, in document order.
    pub red_flags: Vec<RedFlagHit>,
}

impl Analysis {
    /// Counts of expectations by status.
    pub fn counts(&self) -> CoverageCounts {
        let mut c = CoverageCounts { total: self.expectations.len(), ..Default::default() };
        for e in &self.expectations {
            match e.status {
                Status::Covered => c.covered += 1,
                Status::Weak => c.weak += 1,
                Status::Uncovered => c.uncovered += 1,
                Status::Waived => c.waived += 1,
            }
        }
        c
    }
}

/// The compiled matchers a run shares across packets.
#[derive(Debug)]
pub struct RunMatchers<'a> {
    /// Evidence kinds.
    pub evidence: &'a EvidenceMatcher,
    /// Common red flags.
    pub common: &'a CommonMatcher,
}

/// Analyses `packet` against `level`, whose compiled patterns are `matcher`.
pub fn analyze(
    packet: &Packet,
    text: &str,
    level: &Level,
    matcher: &LevelMatcher,
    run: &RunMatchers<'_>,
) -> Analysis {
    let mut claims: Vec<ClaimAnalysis> = packet
        .claims
        .iter()
        .map(|c| {
            let e = run.evidence.detect(c);
            ClaimAnalysis { evidence: e, evidence_in_scope: e, mappings: Vec::new() }
        })
        .collect();
    // Nested items lend their evidence to the items they sit in (children come
    // after their parents, so one backwards pass carries it all the way up).
    for i in (0..packet.claims.len()).rev() {
        if let Some(p) = packet.claims[i].parent {
            let e = claims[i].evidence_in_scope;
            claims[p].evidence_in_scope = claims[p].evidence_in_scope.union(e);
        }
    }
    // Prose tells one story per section: the paragraphs of a section share
    // their evidence ("Tracking issue: <link>" above the narrative). List
    // items and table rows stand alone.
    let is_prose = |k: ClaimKind| matches!(k, ClaimKind::Paragraph | ClaimKind::Quote);
    let mut section_evidence = vec![EvidenceSet::default(); packet.sections.len()];
    for (c, a) in packet.claims.iter().zip(&claims) {
        if is_prose(c.kind) {
            section_evidence[c.section] = section_evidence[c.section].union(a.evidence);
        }
    }
    for (c, a) in packet.claims.iter().zip(claims.iter_mut()) {
        if is_prose(c.kind) {
            a.evidence_in_scope = a.evidence_in_scope.union(section_evidence[c.section]);
        }
    }
    let heading_matches: Vec<Vec<(usize, usize)>> =
        packet.sections.iter().map(|s| matcher.expectations.counts(&s.path.join(" / "))).collect();
    for (i, claim) in packet.claims.iter().enumerate() {
        claims[i].mappings = map_claim(packet, i, level, matcher, &heading_matches[claim.section]);
    }
    let mut red_flags = Vec::new();
    for (i, claim) in packet.claims.iter().enumerate() {
        let source = &text[claim.range.clone()];
        let locate = |r: Range<usize>| -> Range<usize> {
            let found = &claim.text[r];
            match source.find(found) {
                Some(at) if !found.is_empty() => claim.range.start + at..claim.range.start + at + found.len(),
                _ => claim.range.clone(),
            }
        };
        for (f, r) in matcher.red_flags.first_matches(&claim.text) {
            red_flags.push(RedFlagHit { claim: i, flag: FlagSource::Ladder(f), range: locate(r) });
        }
        for (f, r) in run.common.patterns.first_matches(&claim.text) {
            red_flags.push(RedFlagHit { claim: i, flag: FlagSource::Common(f), range: locate(r) });
        }
    }
    let expectations = coverage(packet, level, &claims);
    Analysis { claims, expectations, red_flags }
}

fn map_claim(
    packet: &Packet,
    index: usize,
    level: &Level,
    matcher: &LevelMatcher,
    heading: &[(usize, usize)],
) -> Vec<Mapping> {
    let claim = &packet.claims[index];
    // Explicit names win over inferred mapping.
    let explicit: Vec<Mapping> = claim
        .covers
        .iter()
        .filter_map(|c| level.expectations.iter().position(|e| e.id.eq_ignore_ascii_case(&c.id)))
        .map(|e| Mapping { expectation: e, score: 1.0, via: Via::Explicit })
        .collect();
    // (Unknown ids are reported elsewhere; a comment naming only unknown ids
    // leaves the claim to inferred mapping.)
    if !explicit.is_empty() {
        let mut explicit = explicit;
        explicit.sort_by_key(|m| m.expectation);
        explicit.dedup_by_key(|m| m.expectation);
        return explicit;
    }
    let n = level.expectations.len();
    let mut best: Vec<Option<Mapping>> = vec![None; n];
    let mut offer = |m: Mapping| {
        let slot = &mut best[m.expectation];
        if slot.as_ref().is_none_or(|b| m.score > b.score) {
            *slot = Some(m);
        }
    };
    for (e, count) in matcher.expectations.counts(&claim.text) {
        let score = (PATTERN_SCORE + PATTERN_STEP * (count - 1) as f32).min(0.95);
        offer(Mapping { expectation: e, score, via: Via::Pattern });
    }
    let parent_matches =
        claim.parent.map(|p| matcher.expectations.counts(&packet.claims[p].text)).unwrap_or_default();
    for &(e, _) in heading.iter().chain(parent_matches.iter()) {
        offer(Mapping { expectation: e, score: CONTEXT_SCORE, via: Via::Pattern });
    }
    let terms = matcher.text.terms(&claim.text);
    for e in 0..matcher.text.len() {
        let o = matcher.text.score(e, &terms);
        // An expectation with patterns has curated vocabulary: its own words
        // must match closely. One without (an imported ladder) relies on them.
        let maps = if level.expectations[e].patterns.is_empty() {
            o.shared >= 2 && (o.share >= TEXT_MIN || o.weight >= TEXT_MIN_WEIGHT)
        } else {
            o.shared >= 2 && o.share >= TEXT_MIN_PATTERNED
        };
        if maps {
            offer(Mapping { expectation: e, score: (0.5 + o.share / 2.0).min(1.0), via: Via::Text });
        }
    }
    let mut mappings: Vec<Mapping> = best.into_iter().flatten().filter(|m| m.score >= MIN_SCORE).collect();
    mappings.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.expectation.cmp(&b.expectation)));
    mappings.truncate(MAX_PER_CLAIM);
    mappings
}

fn coverage(packet: &Packet, level: &Level, claims: &[ClaimAnalysis]) -> Vec<ExpectationCoverage> {
    let mut out: Vec<ExpectationCoverage> = level
        .expectations
        .iter()
        .map(|_| ExpectationCoverage { status: Status::Uncovered, claims: Vec::new(), waiver: None })
        .collect();
    for (i, c) in claims.iter().enumerate() {
        for m in &c.mappings {
            out[m.expectation].claims.push(i);
        }
    }
    for cov in &mut out {
        cov.status = if cov.claims.is_empty() {
            Status::Uncovered
        } else if cov.claims.iter().any(|&i| !claims[i].evidence_in_scope.is_empty()) {
            Status::Covered
        } else {
            Status::Weak
        };
    }
    for d in &packet.directives {
        if let DirectiveKind::Waive { id, reason: Some(reason) } = &d.kind
            && let Some(e) = level.expectations.iter().position(|e| e.id.eq_ignore_ascii_case(&id.text))
            && out[e].status == Status::Uncovered
        {
            out[e].status = Status::Waived;
            out[e].waiver = Some(reason.clone());
        }
    }
    out
}
