//! Evidence detection: which kinds of evidence (link, reference, metric, date,
//! attributed feedback) a claim carries, from the evidence kinds' patterns.

use super::matcher::PatternSet;

use crate::packet::Claim;
use crate::rules::{EvidenceKind, EvidenceRule};

/// A set of evidence kinds (a small bit set).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct EvidenceSet(u8);

impl EvidenceSet {
    fn bit(kind: EvidenceKind) -> u8 {
        1 << (kind as u8)
    }

    /// Adds a kind.
    pub fn insert(&mut self, kind: EvidenceKind) {
        self.0 |= Self::bit(kind);
    }

    /// Whether the set holds `kind`.
    pub fn contains(self, kind: EvidenceKind) -> bool {
        self.0 & Self::bit(kind) != 0
    }

    /// Whether the set is empty (no evidence).
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The kinds in both sets.
    pub fn union(self, other: EvidenceSet) -> EvidenceSet {
        EvidenceSet(self.0 | other.0)
    }

    /// The kinds held, in [`EvidenceKind::ALL`] order.
    pub fn kinds(self) -> impl Iterator<Item = EvidenceKind> {
        EvidenceKind::ALL.into_iter().filter(move |k| self.contains(*k))
    }
}

/// The evidence patterns of a rule set, prepared once per run.
#[derive(Debug, Clone)]
pub struct EvidenceMatcher {
    /// Patterns owned by rule index.
    set: PatternSet,
    /// Each rule's kind.
    kinds: Vec<EvidenceKind>,
}

impl EvidenceMatcher {
    /// Prepares every evidence pattern. Patterns were validated when the
    /// rules loaded; one that still fails to compile matches nothing rather
    /// than stopping the run.
    pub fn new(rules: &[EvidenceRule]) -> Self {
        let set = PatternSet::new(rules.iter().map(|r| r.patterns.as_slice()));
        EvidenceMatcher { set, kinds: rules.iter().map(|r| r.kind).collect() }
    }

    /// The evidence kinds of one claim: its Markdown links (other than links
    /// to anchors in the same document) and every kind whose pattern matches
    /// its text.
    pub fn detect(&self, claim: &Claim) -> EvidenceSet {
        let mut found = EvidenceSet::default();
        if claim.links.iter().any(|l| !l.starts_with('#') && !l.is_empty()) {
            found.insert(EvidenceKind::Link);
        }
        for (rule, _) in self.set.counts(&claim.text) {
            found.insert(self.kinds[rule]);
        }
        found
    }
}
