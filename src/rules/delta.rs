//! What is new at a target level against a current one: the expectations the
//! current level already asks (same id, or the same wording) and those it does
//! not, and the scope each asks. Used by `check --new-only` and
//! `explain ladder/current..target`.

use crate::rules::scope::ScopeValue;
use crate::rules::{Expectation, Level};

/// Whether `current` already asks `e` (an expectation of another level of
/// the same ladder): it has an expectation with the same id, or with the
/// same text once case and white space are ignored.
pub fn already_at(current: &Level, e: &Expectation) -> bool {
    let text = normalise(&e.text);
    current.expectations.iter().any(|c| c.id.eq_ignore_ascii_case(&e.id) || normalise(&c.text) == text)
}

fn normalise(text: &str) -> String {
    text.split_whitespace().map(str::to_lowercase).collect::<Vec<_>>().join(" ")
}

/// The difference between two levels of one ladder.
#[derive(Debug)]
pub struct Delta<'r> {
    /// Expectations of the target that the current level does not ask, in target order.
    pub new: Vec<&'r Expectation>,
    /// Expectations of the target that the current level already asks.
    pub kept: Vec<&'r Expectation>,
    /// Expectations of the current level that the target does not list.
    pub dropped: Vec<&'r Expectation>,
    /// The scope each level asks: (current, target).
    pub scope: (Option<ScopeValue>, Option<ScopeValue>),
}

/// What `target` asks beyond `current`.
pub fn difference<'r>(current: &'r Level, target: &'r Level) -> Delta<'r> {
    let (kept, new) = target.expectations.iter().partition(|e| already_at(current, e));
    let dropped = current.expectations.iter().filter(|c| !already_at(target, c)).collect();
    Delta {
        new,
        kept,
        dropped,
        scope: (current.scope.as_ref().map(|s| s.value), target.scope.as_ref().map(|s| s.value)),
    }
}
