//! Which of a few long constant patterns may match a text: one Aho-Corasick
//! pass over the literals each of them requires, found inside alternations
//! too. Used by [`super::fixed`].
//!
//! Like [`super::prefilter`] (which serves the rule patterns and whose rules
//! it follows: literals lower-cased and folded for ASCII case only, used only
//! when ASCII or made of characters with no other case, every pattern a
//! candidate in a text with U+017F or U+212A), but it looks deeper: a
//! pattern such as "a party, then within 60 characters a fault", each an
//! alternation of dozens of words with a class or two among them, has no
//! prefix or suffix set the extractor keeps; its parts do. A part's literals
//! are required when the part is: each part of a concatenation, the body of
//! a repetition of at least one, and an alternation when each branch has
//! literals (their union).

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use regex_syntax::hir::literal::{ExtractKind, Extractor};
use regex_syntax::hir::{Hir, HirKind};

use super::prefilter::foldable;

/// Candidate patterns of a list, by pattern index.
#[derive(Debug)]
pub struct Literals {
    /// `None` when no pattern has literals.
    automaton: Option<AhoCorasick>,
    /// For literal `l`, the patterns needing it.
    owners: Vec<Vec<u32>>,
    /// Whether pattern `p` has no literal and is always a candidate.
    always: Vec<bool>,
}

impl Literals {
    /// Over `patterns`, each parsed case-sensitively (a pattern matched
    /// case-insensitively needs the same literals up to case).
    pub fn new(patterns: &[&Hir]) -> Self {
        let mut literals: Vec<Vec<u8>> = Vec::new();
        let mut owners: Vec<Vec<u32>> = Vec::new();
        let mut always = vec![true; patterns.len()];
        for (p, hir) in patterns.iter().enumerate() {
            let Some(set) = required(hir) else { continue };
            always[p] = false;
            for lit in set {
                let at = literals.iter().position(|l| *l == lit).unwrap_or_else(|| {
                    literals.push(lit);
                    owners.push(Vec::new());
                    literals.len() - 1
                });
                if owners[at].last() != Some(&(p as u32)) {
                    owners[at].push(p as u32);
                }
            }
        }
        let automaton = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .kind(Some(AhoCorasickKind::ContiguousNFA))
            .build(&literals)
            .ok()
            .filter(|_| !literals.is_empty());
        if automaton.is_none() {
            always.iter_mut().for_each(|a| *a = true);
        }
        Literals { automaton, owners, always }
    }

    /// Whether each pattern may match `text`: `false` only where it certainly does not.
    pub fn candidates(&self, text: &str) -> Vec<bool> {
        let Some(automaton) = &self.automaton else { return self.always.clone() };
        if !text.is_ascii() && text.contains(['\u{17f}', '\u{212a}']) {
            return vec![true; self.always.len()];
        }
        let mut out = self.always.clone();
        for m in automaton.find_overlapping_iter(text) {
            for &p in &self.owners[m.pattern().as_usize()] {
                out[p as usize] = true;
            }
        }
        out
    }
}

/// Literals (lower-cased, deduplicated) one of which occurs in every match
/// of `hir`, or `None`.
fn required(hir: &Hir) -> Option<Vec<Vec<u8>>> {
    let mut options: Vec<Vec<Vec<u8>>> = [ExtractKind::Prefix, ExtractKind::Suffix]
        .into_iter()
        .filter_map(|kind| extracted(hir, kind))
        .collect();
    match hir.kind() {
        HirKind::Capture(c) => options.extend(required(&c.sub)),
        HirKind::Repetition(r) if r.min >= 1 => options.extend(required(&r.sub)),
        HirKind::Concat(parts) => options.extend(parts.iter().filter_map(required)),
        HirKind::Alternation(branches) => {
            let sets: Option<Vec<Vec<Vec<u8>>>> = branches.iter().map(required).collect();
            if let Some(sets) = sets {
                let mut union: Vec<Vec<u8>> = sets.into_iter().flatten().collect();
                union.sort();
                union.dedup();
                options.push(union);
            }
        }
        _ => {}
    }
    // Longer literals give fewer false candidates; at equal length, fewer literals.
    options.into_iter().max_by_key(|set| (set.iter().map(Vec::len).min(), std::cmp::Reverse(set.len())))
}

/// The extractor's prefix or suffix literals of `hir`, when they are a
/// finite set of non-empty literals ASCII case folding finds.
fn extracted(hir: &Hir, kind: ExtractKind) -> Option<Vec<Vec<u8>>> {
    let mut extractor = Extractor::new();
    extractor.kind(kind).limit_class(8).limit_total(64);
    let seq = extractor.extract(hir);
    let lits = seq.literals()?;
    if lits.is_empty() || lits.iter().any(|l| l.is_empty() || !foldable(l.as_bytes())) {
        return None;
    }
    let mut set: Vec<Vec<u8>> = lits.iter().map(|l| l.as_bytes().to_ascii_lowercase()).collect();
    set.sort();
    set.dedup();
    Some(set)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lits(pattern: &str) -> Option<Vec<String>> {
        let hir = regex_syntax::parse(pattern).unwrap();
        required(&hir).map(|s| s.into_iter().map(|l| String::from_utf8(l).unwrap()).collect())
    }

    #[test]
    fn literals_are_found_inside_alternations_and_concatenations() {
        // Each branch has some: their union.
        assert_eq!(
            lits(r"\b[A-Z][a-z]+['’]s\b|\bthe team\b"),
            Some(vec!["'s".into(), "the team".into(), "’s".into()])
        );
        // A part of a concatenation is required.
        assert_eq!(lits(r"\w+ (?:led|drove) \w+"), Some(vec!["drove".into(), "led".into()]));
        // A branch with none: none.
        assert_eq!(lits(r"\bfoo\b|\w+"), None);
        assert_eq!(lits("équipe"), None);
    }

    #[test]
    fn a_pattern_is_a_candidate_whenever_it_could_match() {
        let hirs: Vec<Hir> = [r"\bmentor", r"\d+", r"(?:x|[A-Z]\w+)['’]s"]
            .iter()
            .map(|p| regex_syntax::parse(p).unwrap())
            .collect();
        let set = Literals::new(&hirs.iter().collect::<Vec<_>>());
        assert_eq!(set.candidates("Nothing here."), [false, true, false]);
        assert_eq!(set.candidates("MENTORED Tom’s"), [true, true, true]);
        assert_eq!(set.candidates("ſ"), [true, true, true]);
    }
}
