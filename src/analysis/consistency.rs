//! Self-consistency of a level: does each expectation's own example, written
//! as a claim in a packet, map to that expectation? An example that does not
//! tells the ladder owner where the ladder is ambiguous (two expectations
//! share its words) or where an example promises evidence that promolint
//! would not recognise.

use super::matcher::LevelMatcher;
use super::score;
use crate::rules::Level;

/// An example that does not map to its own expectation.
#[derive(Debug, Clone, PartialEq)]
pub struct UnmappedExample {
    /// Index into `level.expectations` of the expectation it belongs to.
    pub expectation: usize,
    /// Index into that expectation's `examples`.
    pub example: usize,
    /// Its score against its own expectation, in 0..=1.
    pub score: f32,
    /// The expectations it maps to instead, best first (index, score).
    pub maps_to: Vec<(usize, f32)>,
}

/// Every example of `level` that, linted as a list item of a packet for that
/// level (no heading, no parent) and left out of its own expectation's
/// profile (an example always resembles the profile it helped build), does
/// not map to its own expectation.
///
/// A level with no patterns (an imported ladder) is asked with the score that
/// maps its claims, [`super::imported`] (its profiles are the expectation
/// texts alone, so no example needs leaving out).
pub fn unmapped_examples(level: &Level, matcher: &LevelMatcher) -> Vec<UnmappedExample> {
    let mut out = Vec::new();
    if let Some(model) = &matcher.imported {
        for (own, e) in level.expectations.iter().enumerate() {
            for (i, example) in e.examples.iter().enumerate() {
                let (maps, _) = model.decide(example, matcher.model.max_per_claim);
                if !maps.iter().any(|(m, _)| *m == own) {
                    let score = model.scores(example).get(own).copied().unwrap_or(0.0);
                    out.push(UnmappedExample { expectation: own, example: i, score, maps_to: maps });
                }
            }
        }
        return out;
    }
    let mut next = matcher.example_signals.iter();
    for (own, e) in level.expectations.iter().enumerate() {
        for i in 0..e.examples.len() {
            let Some((of, signals)) = next.next() else { return out };
            debug_assert_eq!(*of, own);
            let (maps, _) = score::decide(&matcher.model, matcher.cutoff, signals);
            if !maps.iter().any(|(m, _)| *m == own) {
                out.push(UnmappedExample {
                    expectation: own,
                    example: i,
                    score: score::score(&matcher.model, &signals[own]),
                    maps_to: maps,
                });
            }
        }
    }
    out
}
