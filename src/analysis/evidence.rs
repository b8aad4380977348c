//! Evidence detection: which kinds of evidence (link, reference, metric, date,
//! attributed feedback) a claim carries, from the evidence kinds' patterns.

use regex::{RegexSet, RegexSetBuilder};

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

/// The evidence patterns of a rule set, compiled once per run.
#[derive(Debug, Clone)]
pub struct EvidenceMatcher {
    set: RegexSet,
    kinds: Vec<EvidenceKind>,
}

impl EvidenceMatcher {
    /// Compiles every evidence pattern into one set. Patterns were validated
    /// when the rules loaded; a set that still fails to build (size limits
    /// added up) matches nothing rather than stopping the run.
    pub fn new(rules: &[EvidenceRule]) -> Self {
        let mut patterns = Vec::new();
        let mut kinds = Vec::new();
        for rule in rules {
            for p in &rule.patterns {
                patterns.push(p.as_str());
                kinds.push(rule.kind);
            }
        }
        let set = RegexSetBuilder::new(&patterns)
            .case_insensitive(true)
            .size_limit(64 << 20)
            .dfa_size_limit(super::matcher::DFA_CACHE_LIMIT)
            .build()
            .unwrap_or_else(|_| RegexSet::empty());
        EvidenceMatcher { set, kinds }
    }

    /// The evidence kinds of one claim: its Markdown links (other than links
    /// to anchors in the same document) and every kind whose pattern matches
    /// its text.
    pub fn detect(&self, claim: &Claim) -> EvidenceSet {
        let mut found = EvidenceSet::default();
        if claim.links.iter().any(|l| !l.starts_with('#') && !l.is_empty()) {
            found.insert(EvidenceKind::Link);
        }
        for i in self.set.matches(&claim.text).iter() {
            found.insert(self.kinds[i]);
        }
        found
    }
}
