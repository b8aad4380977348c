//! Required-literal prefilters: which patterns of a set can possibly match a
//! text, found with one Aho-Corasick pass over the literals every match of a
//! pattern must contain, so that only those patterns are run.
//!
//! Owns the literal extraction (regex-syntax's `Extractor`, prefix, suffix or
//! one part of a top-level concatenation) and the automaton. It does not
//! compile or run the patterns themselves (see `matcher`).
//!
//! Patterns match case-insensitively with Unicode simple case folding; the
//! automaton folds ASCII case only. The two agree because a literal is used
//! only when it is ASCII or made of characters with no other case, and
//! because a text holding one of the two non-ASCII characters that fold to
//! ASCII letters (U+017F LATIN SMALL LETTER LONG S, U+212A KELVIN SIGN) skips
//! the prefilter: every pattern is a candidate.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use regex_syntax::hir::literal::{ExtractKind, Extractor, Seq};
use regex_syntax::hir::{ClassUnicode, ClassUnicodeRange, Hir, HirKind};

/// Candidate patterns of a set, by pattern index.
#[derive(Debug, Clone)]
pub struct Prefilter {
    /// The literals of every pattern that has some; `None` when none has.
    automaton: Option<AhoCorasick>,
    /// For literal `l` of the automaton, the patterns needing it:
    /// `owners[starts[l]..starts[l + 1]]`.
    starts: Vec<u32>,
    owners: Vec<u32>,
    /// Whether pattern `p` has no literal and is always a candidate.
    always: Vec<bool>,
}

impl Prefilter {
    /// A prefilter over `patterns` (regex-crate syntax, matched
    /// case-insensitively). A pattern that does not parse is always a candidate.
    pub fn new<S: AsRef<str>>(patterns: &[S]) -> Self {
        let mut literals: Vec<Vec<u8>> = Vec::new();
        let mut needed_by: Vec<Vec<u32>> = Vec::new();
        let mut always = vec![true; patterns.len()];
        for (p, pattern) in patterns.iter().enumerate() {
            let Some(lits) = required_literals(pattern.as_ref()) else { continue };
            always[p] = false;
            for lit in lits {
                let at = match literals.iter().position(|l| *l == lit) {
                    Some(at) => at,
                    None => {
                        literals.push(lit);
                        needed_by.push(Vec::new());
                        literals.len() - 1
                    }
                };
                if needed_by[at].last() != Some(&(p as u32)) {
                    needed_by[at].push(p as u32);
                }
            }
        }
        let automaton = if literals.is_empty() {
            None
        } else {
            AhoCorasickBuilder::new()
                .ascii_case_insensitive(true)
                .match_kind(MatchKind::Standard)
                // A contiguous NFA, not the DFA the builder picks for a few
                // hundred literals: several times smaller, and as fast here.
                .kind(Some(AhoCorasickKind::ContiguousNFA))
                .build(&literals)
                .ok()
        };
        if automaton.is_none() {
            always.iter_mut().for_each(|a| *a = true);
        }
        let mut starts = Vec::with_capacity(needed_by.len() + 1);
        let mut owners = Vec::new();
        for n in &needed_by {
            starts.push(owners.len() as u32);
            owners.extend_from_slice(n);
        }
        starts.push(owners.len() as u32);
        Prefilter { automaton, starts, owners, always }
    }

    /// How many patterns the prefilter was built over.
    pub fn len(&self) -> usize {
        self.always.len()
    }

    /// Whether it was built over no pattern.
    pub fn is_empty(&self) -> bool {
        self.always.is_empty()
    }

    /// Whether each pattern may match `text`, by pattern index: `false` only
    /// where the pattern certainly does not match.
    pub fn candidates(&self, text: &str) -> Vec<bool> {
        let Some(automaton) = &self.automaton else { return vec![true; self.len()] };
        if !text.is_ascii() && text.contains(['\u{17f}', '\u{212a}']) {
            return vec![true; self.len()];
        }
        let mut out = self.always.clone();
        for m in automaton.find_overlapping_iter(text) {
            let l = m.pattern().as_usize();
            for &p in &self.owners[self.starts[l] as usize..self.starts[l + 1] as usize] {
                out[p as usize] = true;
            }
        }
        out
    }
}

/// Literals (lower-cased, deduplicated) one of which occurs in any text the
/// pattern matches, or `None` when no such finite set of non-empty literals
/// that ASCII case folding can find was extracted.
fn required_literals(pattern: &str) -> Option<Vec<Vec<u8>>> {
    // Parsed case-sensitively: the automaton adds the ASCII case variants,
    // which keeps the sets small. Every match of the case-insensitive pattern
    // contains one of these literals up to case.
    let hir = regex_syntax::ParserBuilder::new().build().parse(pattern).ok()?;
    let mut options: Vec<Seq> = vec![extract(&hir, ExtractKind::Prefix), extract(&hir, ExtractKind::Suffix)];
    // Any match of a concatenation contains a match of each of its parts.
    let mut top = &hir;
    while let HirKind::Capture(c) = top.kind() {
        top = &c.sub;
    }
    if let HirKind::Concat(parts) = top.kind() {
        options.extend(parts.iter().map(|part| extract(part, ExtractKind::Prefix)));
    }
    let mut best: Option<(usize, Vec<Vec<u8>>)> = None;
    for seq in options {
        let Some(lits) = seq.literals() else { continue };
        if lits.is_empty() || lits.iter().any(|l| l.is_empty() || !foldable(l.as_bytes())) {
            continue;
        }
        let mut set: Vec<Vec<u8>> = lits.iter().map(|l| l.as_bytes().to_ascii_lowercase()).collect();
        set.sort();
        set.dedup();
        let shortest = set.iter().map(Vec::len).min().unwrap_or(0);
        // Longer literals give fewer false candidates; at equal length, fewer literals.
        let better = match &best {
            None => true,
            Some((len, b)) => shortest > *len || shortest == *len && set.len() < b.len(),
        };
        if better {
            best = Some((shortest, set));
        }
    }
    best.map(|(_, set)| set)
}

fn extract(hir: &Hir, kind: ExtractKind) -> Seq {
    let mut extractor = Extractor::new();
    extractor.kind(kind).limit_class(8).limit_total(64);
    extractor.extract(hir)
}

/// Whether ASCII case folding finds every case variant of `literal`: it is
/// UTF-8 whose non-ASCII characters have no other case. Also the rule of
/// [`super::literals`].
pub(super) fn foldable(literal: &[u8]) -> bool {
    if literal.is_ascii() {
        return true;
    }
    let Ok(text) = std::str::from_utf8(literal) else { return false };
    text.chars().filter(|c| !c.is_ascii()).all(|c| {
        let mut class = ClassUnicode::new([ClassUnicodeRange::new(c, c)]);
        class.case_fold_simple();
        class.ranges().len() == 1 && class.ranges()[0].start() == class.ranges()[0].end()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn candidates(patterns: &[&str], text: &str) -> Vec<bool> {
        Prefilter::new(patterns).candidates(text)
    }

    #[test]
    fn literals_come_from_prefix_suffix_or_a_required_part() {
        assert_eq!(required_literals(r"\bmentor(?:ed|ing)?\b"), Some(vec![b"mentor".to_vec()]));
        assert_eq!(required_literals(r"\w+ing the team"), Some(vec![b"ing the team".to_vec()]));
        assert_eq!(
            required_literals(r"\w+ (?:led|drove) \w+"),
            Some(vec![b"drove".to_vec(), b"led".to_vec()])
        );
        // No literal every match must contain.
        assert_eq!(required_literals(r"\d+\s*%|\w+"), None);
        assert_eq!(required_literals(r"(?-i)\b[A-Z][A-Z0-9]{1,9}-\d{1,6}\b").map(|l| l.len()), Some(1));
    }

    #[test]
    fn a_pattern_is_a_candidate_whenever_it_could_match() {
        let patterns = [r"\bmentor", r"\bon[- ]call\b", r"\d+", r"(?-i)Kubernetes"];
        assert_eq!(candidates(&patterns, "Nothing here."), [false, false, true, false]);
        // ASCII case folding, and the case-sensitive pattern stays a candidate.
        assert_eq!(candidates(&patterns, "MENTORED; On-Call; kubernetes"), [true, true, true, true]);
        // Long s and the Kelvin sign fold to ASCII letters: everything is a candidate.
        assert_eq!(candidates(&patterns, "ſ"), [true, true, true, true]);
        assert_eq!(candidates(&patterns, "\u{212a}ubernetes"), [true, true, true, true]);
    }

    #[test]
    fn non_ascii_literals_are_used_only_when_they_have_no_other_case() {
        // "“" has no case: a literal. "É" has one ("é"): not a literal, so the
        // pattern is always confirmed and "ÉQUIPE" still matches it.
        assert_eq!(required_literals("“[^”]+”"), Some(vec!["“".as_bytes().to_vec()]));
        assert_eq!(required_literals("équipe"), None);
        assert_eq!(candidates(&["équipe"], "ÉQUIPE"), [true]);
    }
}
