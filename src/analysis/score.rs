//! One score per (claim, expectation) in 0..=1, from signals that each say
//! what they saw, combined by a logistic model whose weights are data
//! (`rules/mapping.yaml`, fitted on the labelled set; `docs/mapping.md` says
//! what each weight means).
//!
//! The signals are computed here from the compiled patterns and the lexical
//! model of a [`LevelMatcher`]; which claims are worth scoring at all is
//! [`is_claim`]'s. The decision cutoff of a level comes from its own rule
//! file ([`calibrate`]): its examples are positives for their expectation
//! and negatives for the others.

use super::lexical::Lexical;
use super::matcher::LevelMatcher;
use crate::packet::ClaimKind;
use crate::rules::vocabulary::{MappingFile, PerSignal, Weights};

/// The signals of one (claim, expectation) pair, each in 0..=1: one value
/// per signal, in the same shape as the weights that combine them (see
/// [`PerSignal`] for what each field saw).
pub type Signals = PerSignal;

/// The hand-set weights used when no `mapping.yaml` is loaded (and the
/// "hand-set" row of the accuracy ablation): a pattern alone maps, lexical
/// overlap maps when it is strong, heading context only adds to overlap.
pub const HAND_SET: MappingFile = MappingFile {
    source: None,
    cutoff: 0.5,
    calibrate: false,
    max_per_claim: 5,
    intercept: -3.5,
    weights: Weights {
        pattern: 4.0,
        more_patterns: 1.0,
        context: 1.0,
        lexical: 4.0,
        lexical_rank: 1.0,
        text_share: 2.0,
        two_shared: 1.0,
        heading: 0.5,
        paragraph: -0.3,
        length: 0.0,
        section: 0.5,
        semantic: 0.0,
        base_rate: 0.0,
    },
    base_rates: std::collections::BTreeMap::new(),
};

/// The score of `signals` under `model`, in 0..=1.
pub fn score(model: &MappingFile, signals: &Signals) -> f32 {
    let z: f32 = model.intercept
        + model.weights.to_array().iter().zip(signals.to_array()).map(|(w, s)| w * s).sum::<f32>();
    1.0 / (1.0 + (-z).exp())
}

/// What a claim gives the scorer besides its text's signals.
#[derive(Debug, Clone, Copy, Default)]
pub struct ClaimContext<'a> {
    /// Per expectation, whether the heading path or parent item matches one of its patterns.
    pub context_match: &'a [bool],
    /// Per expectation, the heading path's TF-IDF cosine with its profile.
    pub heading: &'a [f32],
    /// Whether the claim is a paragraph or quote.
    pub paragraph: bool,
    /// Per expectation, the claim's whole section's TF-IDF cosine with its profile.
    pub section: &'a [f32],
    /// Per expectation, the cosine of the claim's and the expectation text's embeddings.
    pub semantic: &'a [f32],
    /// Per expectation, its base rate in 0..=1 (0.5 where the slice is short).
    pub base_rate: &'a [f32],
}

/// For each expectation of `matcher`'s level, how many of its patterns match
/// `text`; `None` where one of its guards matches (the claim then does not
/// map to it at all).
pub fn pattern_counts(matcher: &LevelMatcher, text: &str) -> Vec<Option<usize>> {
    let mut counts = vec![Some(0usize); matcher.lexical.len()];
    for (e, c) in matcher.expectations.counts(text) {
        counts[e] = Some(c);
    }
    for (e, _) in matcher.guards.counts(text) {
        counts[e] = None;
    }
    counts
}

/// The signals of one claim against every expectation of the level, in
/// expectation order. `counts` is [`pattern_counts`] of its text (a guarded
/// expectation gets no signal at all), `lexical` the lexical model's output
/// for it (see [`super::lexical::LexicalModel::score_all`]), `terms` its
/// number of distinct terms.
pub fn signals(
    counts: &[Option<usize>],
    lexical: &[Lexical],
    terms: usize,
    context: ClaimContext<'_>,
) -> Vec<Signals> {
    let n = lexical.len();
    // One shared word is chance: lexical signals count from two on.
    let lexical: Vec<Lexical> = lexical
        .iter()
        .map(|l| if l.profile_shared >= 2 { *l } else { Lexical { cosine: 0.0, text_share: 0.0, ..*l } })
        .collect();
    let best = lexical.iter().map(|l| l.cosine).fold(0.0f32, f32::max);
    // A rank is only a rank when the best is a real overlap: below
    // `RANK_FLOOR` no expectation stands out, however the weak ones compare.
    let rank_of = best.max(RANK_FLOOR);
    // Static embeddings give every pair of texts a sizeable cosine (0.3–0.6
    // between unrelated work sentences), so what says something is how far
    // an expectation stands above the claim's mean over the level.
    let semantic = centred(context.semantic, n);
    (0..n)
        .map(|e| {
            let Some(count) = counts[e] else { return Signals::default() };
            let l = lexical[e];
            let shares_a_term = l.profile_shared > 0;
            let signals = Signals {
                pattern: f32::from(u8::from(count > 0)),
                more_patterns: match count {
                    0 | 1 => 0.0,
                    2 => 0.5,
                    _ => 1.0,
                },
                context: f32::from(u8::from(
                    count == 0 && shares_a_term && context.context_match.get(e).copied().unwrap_or(false),
                )),
                lexical: l.cosine,
                lexical_rank: l.cosine / rank_of,
                // One shared word of a short text is a large share by chance.
                text_share: if l.text_shared >= 2 { l.text_share } else { 0.0 },
                two_shared: f32::from(u8::from(l.text_shared >= 2)),
                heading: context.heading.get(e).copied().unwrap_or(0.0),
                paragraph: f32::from(u8::from(context.paragraph)),
                length: (terms as f32 / 40.0).min(1.0),
                section: context.section.get(e).copied().unwrap_or(0.0),
                semantic: semantic.get(e).copied().unwrap_or(0.0),
                base_rate: 0.0,
            };
            with_base_rate(signals, context.base_rate.get(e).copied().unwrap_or(0.5))
        })
        .collect()
}

/// Below this best TF-IDF cosine a claim has no best expectation: its
/// `lexical-rank` is its cosine over this, not over its best.
pub const RANK_FLOOR: f32 = 0.2;

/// Each of the first `n` cosines in `cosines` as its distance above their
/// mean, over what is left above the mean: `(c - mean) / (1 - mean)`,
/// clamped to 0..=1 (0 for a cosine at or below the mean; empty in, empty out).
pub fn centred(cosines: &[f32], n: usize) -> Vec<f32> {
    let c = &cosines[..cosines.len().min(n)];
    if c.is_empty() {
        return Vec::new();
    }
    let mean = c.iter().sum::<f32>() / c.len() as f32;
    let room = (1.0 - mean).max(f32::EPSILON);
    c.iter().map(|x| ((x - mean) / room).clamp(0.0, 1.0)).collect()
}

/// `signals` with the base-rate signal set from the expectation's base rate
/// `rate` (in 0..=1), but only where the claim itself says something about
/// the expectation (a pattern, two terms of the expectation's own text, or a
/// matching heading or parent): a common expectation must not map from a
/// claim that shares nothing with it ("Fixed the bugs." is not
/// organisation-wide communication, however often packets address that),
/// nor from two words it shares with the expectation's examples or pattern
/// words only ("Added Dependabot for automated dependency updates" is not
/// research and prototyping).
pub fn with_base_rate(signals: Signals, rate: f32) -> Signals {
    let says_something = signals.pattern > 0.0 || signals.lexical > 0.0 || signals.context > 0.0;
    Signals { base_rate: if says_something { rate } else { 0.0 }, ..signals }
}

/// (expectation index, score in 0..=1) pairs, best first.
pub type Scored = Vec<(usize, f32)>;

/// The expectations a claim maps to under `model` at `cutoff`: every score at
/// or above it, best first, at most `model.max_per_claim`; ties go to the
/// higher lexical signal, then to ladder order. The rest, best first, are the
/// claim's ranked expectations below the cutoff.
pub fn decide(model: &MappingFile, cutoff: f32, signals: &[Signals]) -> (Scored, Scored) {
    let mut scored: Vec<(usize, f32)> = signals.iter().map(|s| score(model, s)).enumerate().collect();
    scored.sort_by(|a, b| {
        b.1.total_cmp(&a.1).then(signals[b.0].lexical.total_cmp(&signals[a.0].lexical)).then(a.0.cmp(&b.0))
    });
    let split = scored.iter().take(model.max_per_claim).take_while(|(_, s)| *s >= cutoff).count();
    let below = scored.split_off(split);
    (scored, below)
}

/// The cutoff of a level from its own rule file: each example of an
/// expectation is scored (as a list item, with itself left out of the
/// profile) against its own expectation (a positive) and every other (a
/// negative), and the cutoff is the score that best separates them (highest
/// F1 of "maps to its own expectation", halfway between the last score it
/// keeps and the next lower one), clamped to 0.2..=0.8. Unless
/// `model.calibrate` is set, and for a level with fewer than five examples,
/// the cutoff is `model.cutoff`.
pub fn calibrate(model: &MappingFile, example_signals: &[(usize, Vec<Signals>)]) -> f32 {
    if !model.calibrate || example_signals.len() < 5 {
        return model.cutoff;
    }
    let mut points: Vec<(f32, bool)> = Vec::new();
    for (own, signals) in example_signals {
        for (e, s) in signals.iter().enumerate() {
            points.push((score(model, s), e == *own));
        }
    }
    f1_best_cutoff(&mut points, model.cutoff).clamp(0.2, 0.8)
}

/// The cutoff that best separates (score, positive) points: the highest F1
/// of "positive", halfway between the last score it keeps and the next lower
/// one (the widest margin on both sides); `default` when no cutoff gives an
/// F1 above 0. Sorts `points`, best first.
pub fn f1_best_cutoff(points: &mut [(f32, bool)], default: f32) -> f32 {
    points.sort_by(|a, b| b.0.total_cmp(&a.0));
    let positives = points.iter().filter(|p| p.1).count() as f32;
    let (mut tp, mut fp) = (0.0f32, 0.0f32);
    let mut best = (0.0f32, default);
    for (i, (s, positive)) in points.iter().enumerate() {
        if *positive {
            tp += 1.0;
        } else {
            fp += 1.0;
        }
        // Only between distinct scores can a cutoff fall.
        if points.get(i + 1).is_some_and(|next| next.0 == *s) {
            continue;
        }
        let f1 = 2.0 * tp / (tp + fp + positives);
        if f1 > best.0 {
            let next = points.get(i + 1).map_or(0.0, |p| p.0);
            best = (f1, (s + next) / 2.0);
        }
    }
    best.1
}

/// Whether a claim's text says something that can map: not a placeholder
/// ("—", "TODO", "TBD", "N/A", "..."), not a question (an interviewer's, a
/// template's), not a bare name or two in a list or table ("Prometheus",
/// "Go, Kafka"), not a short lead-in ending in a colon ("Pull requests
/// created for the release:", whose list items are the claims).
pub fn is_claim(text: &str, kind: ClaimKind) -> bool {
    let t = text.trim();
    let words: Vec<&str> = t.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    let Some(first) = words.first() else { return false };
    let placeholder = ["todo", "tbd", "tbc", "n/a", "na", "xxx", "fixme", "lorem"];
    if placeholder.contains(&first.to_lowercase().as_str()) && words.len() <= 4 {
        return false;
    }
    if t.ends_with('?') {
        return false;
    }
    // "Pull requests created to the Node.js 21 release:": a lead-in to the
    // list below it, whose items are the claims.
    if t.ends_with(':') && words.len() <= 12 {
        return false;
    }
    let listed = matches!(kind, ClaimKind::ListItem | ClaimKind::TableRow);
    let names_only =
        words.iter().all(|w| w.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit()));
    // "Mentored Alice", "Led Kafka": a verb first makes it a statement.
    let lower = first.to_lowercase();
    let verb_first = lower.ends_with("ed")
        || ["led", "ran", "built", "wrote", "drove", "taught", "grew", "won", "set", "took", "made"]
            .contains(&lower.as_str());
    !(listed && words.len() <= 3 && names_only && !verb_first)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_questions_and_bare_names_are_not_claims() {
        for (text, kind) in [
            ("—", ClaimKind::ListItem),
            ("TODO", ClaimKind::ListItem),
            ("TBD: fill in", ClaimKind::Paragraph),
            ("How did you get your staff role?", ClaimKind::Paragraph),
            ("Prometheus", ClaimKind::ListItem),
            ("Go, Kafka", ClaimKind::TableRow),
            ("Pull requests created to the Node.js 21 release:", ClaimKind::Paragraph),
        ] {
            assert!(!is_claim(text, kind), "{text}");
        }
        for (text, kind) in [
            ("Mentored Alice", ClaimKind::ListItem),
            ("Led the Kafka migration", ClaimKind::ListItem),
            ("Prometheus", ClaimKind::Paragraph),
        ] {
            assert!(is_claim(text, kind), "{text}");
        }
    }

    #[test]
    fn calibration_separates_own_from_other_expectations() {
        let own = Signals { pattern: 1.0, lexical: 0.6, lexical_rank: 1.0, ..Default::default() };
        let other = Signals { lexical: 0.1, lexical_rank: 0.2, ..Default::default() };
        let examples: Vec<(usize, Vec<Signals>)> =
            (0..6).map(|i| (i % 2, if i % 2 == 0 { vec![own, other] } else { vec![other, own] })).collect();
        let model = MappingFile { calibrate: true, ..HAND_SET };
        let cutoff = calibrate(&model, &examples);
        assert!(cutoff <= score(&model, &own) && cutoff > score(&model, &other), "{cutoff}");
        assert_eq!(calibrate(&HAND_SET, &examples), HAND_SET.cutoff);
    }
}
