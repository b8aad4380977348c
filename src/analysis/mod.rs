//! Analysis of one packet against its level: which expectations each claim
//! maps to (explicitly, by pattern, or by text similarity), what evidence each
//! claim has, the coverage of each expectation, and the red flags shown.
//!
//! Reads a parsed [`Packet`] and a resolved [`Level`]; produces data, not
//! diagnostics (see [`crate::check`] for those).

pub mod blame;
pub mod boundary;
pub mod consistency;
pub mod cues;
pub mod evidence;
pub mod fixed;
pub mod flags;
pub mod imported;
pub mod intent;
pub mod lexical;
pub mod literals;
pub mod matcher;
pub mod meaning;
pub mod prefilter;
pub mod scope;
pub mod score;
pub mod semantic;
pub mod shapes;
pub mod shared;
pub mod smells;
pub mod terms;

use std::ops::Range;

use serde::{Deserialize, Serialize};

pub use evidence::{EvidenceMatcher, EvidenceSet};
pub use matcher::{CommonMatcher, FlagSource, LevelMatcher};

use crate::packet::{ClaimKind, DirectiveKind, Packet};
use crate::rules::Level;

/// How many expectations below the cutoff a claim keeps, ranked: what the
/// JSON shows and what names the closest claim of an uncovered expectation.
pub const RANKED_BELOW: usize = 3;
/// The least score at which a claim below the cutoff is named as the
/// closest claim of an uncovered expectation (lower ones share a word or two
/// by chance).
pub const CLOSEST_MIN: f32 = 0.3;

/// How a mapping was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Via {
    /// A `<!-- covers: ID -->` comment.
    Explicit,
    /// One of the expectation's patterns matched the claim (or its heading or parent).
    Pattern,
    /// The claim's words are similar to the expectation's own wording, its
    /// examples' or its patterns' (no pattern matched).
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
    /// For [`Via::Text`]: whether the claim's meaning (the static-embedding
    /// similarity) weighed more in the score than its shared words did.
    pub meaning: bool,
}

/// What the analysis found about one claim.
#[derive(Debug, Clone, Default)]
pub struct ClaimAnalysis {
    /// Evidence kinds in the claim's own text.
    pub evidence: EvidenceSet,
    /// Evidence kinds lent by the items nested under it.
    pub evidence_nested: EvidenceSet,
    /// Evidence kinds lent by the neighbouring paragraphs of its section (a
    /// paragraph only: "Tracking issue: <link>" right above the narrative).
    pub evidence_section: EvidenceSet,
    /// All of the above: what counts for coverage.
    pub evidence_in_scope: EvidenceSet,
    /// The expectations it maps to, best first.
    pub mappings: Vec<Mapping>,
    /// The best-scoring expectations below the cutoff, best first, at most
    /// [`RANKED_BELOW`].
    pub ranked: Vec<Mapping>,
    /// How far the claim's work reached, with the words that say so.
    pub scope: scope::ClaimScope,
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
    /// For an uncovered expectation, the claim that scored highest for it
    /// below the cutoff: (index into `packet.claims`, score in 0..=1).
    pub closest: Option<(usize, f32)>,
    /// The widest known scope among the claims mapping to it (`None` when
    /// none maps or none of them shows a scope).
    pub best_scope: Option<crate::rules::scope::ScopeValue>,
    /// Whether every claim mapping to it has a scope read from scale words
    /// (not `unknown`, not a default: see [`scope::best`]).
    pub scopes_known: bool,
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
    /// `Some(p)` when no pattern found it and the flag's meaning model did
    /// ([`meaning`]), with its probability in 0..=1; the range is then the
    /// whole claim.
    pub meaning: Option<f32>,
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
    /// The common red flags' meaning models, when they are in use
    /// (`check --red-flags-by-meaning`).
    pub meaning: Option<&'a meaning::MeaningModel>,
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
            ClaimAnalysis { evidence: e, evidence_in_scope: e, ..Default::default() }
        })
        .collect();
    // Nested items lend their evidence to the items they sit in (children come
    // after their parents, so one backwards pass carries it all the way up).
    for i in (0..packet.claims.len()).rev() {
        if let Some(p) = packet.claims[i].parent {
            let e = claims[i].evidence.union(claims[i].evidence_nested);
            claims[p].evidence_nested = claims[p].evidence_nested.union(e);
        }
    }
    // A paragraph borrows from the paragraphs right before and after it in
    // its section ("Tracking issue: <link>" above the narrative), not from the
    // whole section: one link must not cover every paragraph of a long story.
    // List items and table rows stand alone.
    let is_prose = |k: ClaimKind| matches!(k, ClaimKind::Paragraph | ClaimKind::Quote);
    let prose: Vec<usize> = (0..packet.claims.len()).filter(|&i| is_prose(packet.claims[i].kind)).collect();
    for (n, &i) in prose.iter().enumerate() {
        let section = packet.claims[i].section;
        let neighbours = [n.checked_sub(1).map(|m| prose[m]), prose.get(n + 1).copied()];
        for j in neighbours.into_iter().flatten().filter(|&j| packet.claims[j].section == section) {
            claims[i].evidence_section = claims[i].evidence_section.union(claims[j].evidence);
        }
    }
    for a in &mut claims {
        a.evidence_in_scope = a.evidence.union(a.evidence_nested).union(a.evidence_section);
    }
    for (i, m) in map_claims(packet, level, matcher).into_iter().enumerate() {
        (claims[i].mappings, claims[i].ranked) = m;
    }
    for (a, s) in claims.iter_mut().zip(matcher.scope.claims(packet)) {
        a.scope = s;
    }
    let red_flags = flags::detect(packet, text, &matcher.red_flags, run.common, run.meaning);
    let expectations = coverage(packet, level, &claims);
    Analysis { claims, expectations, red_flags }
}

/// The signals of every claim against every expectation of the level
/// (`None` for a claim that names its expectations in `covers`, is not a
/// claim at all, see [`score::is_claim`], or is a plan or a thank-you rather
/// than work done, see [`intent`]), parallel to `packet.claims`.
pub fn claim_signals(
    packet: &Packet,
    level: &Level,
    matcher: &LevelMatcher,
) -> Vec<Option<Vec<score::Signals>>> {
    let n = matcher.lexical.len();
    let headings: Vec<(Vec<bool>, Vec<f32>)> = packet
        .sections
        .iter()
        .map(|s| {
            let path = s.path.join(" / ");
            let matched: Vec<bool> =
                score::pattern_counts(matcher, &path).iter().map(|c| c.is_some_and(|c| c > 0)).collect();
            let terms = matcher.lexical.claim_terms(&path);
            (matched, matcher.lexical.score_all(&terms).iter().map(|l| l.cosine).collect())
        })
        .collect();
    let counts: Vec<Vec<Option<usize>>> =
        packet.claims.iter().map(|c| score::pattern_counts(matcher, &c.text)).collect();
    // Plans and thanks are not work done (see `intent`).
    let plans: Vec<bool> = packet.sections.iter().map(|s| intent::plan_heading(&s.path)).collect();
    // Each section read as one text (the dated entries of one project, a
    // project with its impact): only when the model weighs that signal.
    let sections: Vec<Vec<f32>> = if matcher.model.weights.section == 0.0 {
        vec![Vec::new(); packet.sections.len()]
    } else {
        let mut section_text = vec![String::new(); packet.sections.len()];
        for c in &packet.claims {
            let t = &mut section_text[c.section];
            t.push_str(&c.text);
            t.push('\n');
        }
        section_text
            .iter()
            .map(|t| {
                matcher.lexical.score_all(&matcher.lexical.claim_terms(t)).iter().map(|l| l.cosine).collect()
            })
            .collect()
    };
    let scored: Vec<bool> = packet
        .claims
        .iter()
        .map(|claim| {
            let explicit = claim
                .covers
                .iter()
                .any(|c| level.expectations.iter().any(|e| e.id.eq_ignore_ascii_case(&c.id)));
            !explicit
                && score::is_claim(&claim.text, claim.kind)
                && !plans[claim.section]
                && !intent::plan_opening(&claim.text)
        })
        .collect();
    packet
        .claims
        .iter()
        .enumerate()
        .map(|(i, claim)| {
            if !scored[i] {
                return None;
            }
            let (heading_match, heading) = &headings[claim.section];
            let context_match: Vec<bool> = (0..n)
                .map(|e| {
                    heading_match[e] || claim.parent.is_some_and(|p| counts[p][e].is_some_and(|c| c > 0))
                })
                .collect();
            let terms = matcher.lexical.claim_terms(&claim.text);
            let lexical = matcher.lexical.score_all(&terms);
            let semantic = matcher.semantic(&claim.text);
            let context = score::ClaimContext {
                context_match: &context_match,
                heading,
                paragraph: matches!(claim.kind, ClaimKind::Paragraph | ClaimKind::Quote),
                section: &sections[claim.section],
                semantic: &semantic,
                base_rate: &matcher.base_rates,
            };
            Some(score::signals(&counts[i], &lexical, terms.count, context))
        })
        .collect()
}

/// Each claim's mappings and its ranked expectations below the cutoff.
fn map_claims(packet: &Packet, level: &Level, matcher: &LevelMatcher) -> Vec<(Vec<Mapping>, Vec<Mapping>)> {
    let signals = claim_signals(packet, level, matcher);
    packet
        .claims
        .iter()
        .zip(signals)
        .map(|(claim, signals)| {
            let Some(signals) = signals else {
                // Explicit names win over inferred mapping. (Unknown ids are
                // reported elsewhere; a comment naming only unknown ids leaves
                // the claim to inferred mapping, and a non-claim maps nowhere.)
                let mut explicit: Vec<Mapping> = claim
                    .covers
                    .iter()
                    .filter_map(|c| level.expectations.iter().position(|e| e.id.eq_ignore_ascii_case(&c.id)))
                    .map(|e| Mapping { expectation: e, score: 1.0, via: Via::Explicit, meaning: false })
                    .collect();
                explicit.sort_by_key(|m| m.expectation);
                explicit.dedup_by_key(|m| m.expectation);
                return (explicit, Vec::new());
            };
            let (maps, below) = match &matcher.imported {
                // An imported ladder: its own score and cutoff (`imported.rs`).
                Some(imported) => imported.decide(&claim.text, matcher.model.max_per_claim),
                None => score::decide(&matcher.model, matcher.cutoff, &signals),
            };
            let mapping = |(e, score): (usize, f32)| {
                let via = if signals[e].pattern > 0.0 { Via::Pattern } else { Via::Text };
                let meaning = via == Via::Text && by_meaning(&matcher.model.weights, &signals[e]);
                Mapping { expectation: e, score, via, meaning }
            };
            let ranked =
                below.into_iter().take(RANKED_BELOW).filter(|(_, s)| *s > 0.05).map(mapping).collect();
            (maps.into_iter().map(mapping).collect(), ranked)
        })
        .collect()
}

/// Whether the semantic signal adds more to a score than the lexical ones
/// (the claim's own words shared with the expectation's profile and text).
fn by_meaning(w: &crate::rules::vocabulary::Weights, s: &score::Signals) -> bool {
    let words = w.lexical * s.lexical
        + w.lexical_rank * s.lexical_rank
        + w.text_share * s.text_share
        + w.two_shared * s.two_shared;
    w.semantic * s.semantic > words.max(0.0)
}

fn coverage(packet: &Packet, level: &Level, claims: &[ClaimAnalysis]) -> Vec<ExpectationCoverage> {
    let mut out: Vec<ExpectationCoverage> = level
        .expectations
        .iter()
        .map(|_| ExpectationCoverage {
            status: Status::Uncovered,
            claims: Vec::new(),
            waiver: None,
            closest: None,
            best_scope: None,
            scopes_known: true,
        })
        .collect();
    for (i, c) in claims.iter().enumerate() {
        for m in &c.mappings {
            out[m.expectation].claims.push(i);
        }
        for m in c.ranked.iter().filter(|m| m.score >= CLOSEST_MIN) {
            let closest = &mut out[m.expectation].closest;
            if closest.is_none_or(|(_, s)| m.score > s) {
                *closest = Some((i, m.score));
            }
        }
    }
    for cov in &mut out {
        if !cov.claims.is_empty() {
            cov.closest = None;
        }
        (cov.best_scope, cov.scopes_known) = scope::best(cov.claims.iter().map(|&i| &claims[i].scope));
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::vocabulary::Weights;

    fn weights() -> Weights {
        Weights { lexical: 2.0, text_share: 1.0, semantic: 2.0, ..score::HAND_SET.weights }
    }

    #[test]
    fn a_text_mapping_is_by_meaning_only_when_meaning_outweighs_the_shared_words() {
        let few_words = score::Signals { lexical: 0.1, semantic: 0.6, ..score::Signals::default() };
        assert!(by_meaning(&weights(), &few_words));
        let many_words =
            score::Signals { lexical: 0.5, text_share: 0.4, semantic: 0.6, ..score::Signals::default() };
        assert!(!by_meaning(&weights(), &many_words));
        let no_meaning = score::Signals { lexical: 0.0, semantic: 0.0, ..score::Signals::default() };
        assert!(!by_meaning(&weights(), &no_meaning), "nothing seen is not meaning");
    }
}
