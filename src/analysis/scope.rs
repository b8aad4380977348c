//! Claim scope: where each claim sits on the scale own < team < cross-team <
//! organisation < company, read from the scope words of `scope.yaml`, with the
//! span of the words that decided it.
//!
//! Owns reading claims against the words; the words, the scale and the
//! scope a level asks are [`crate::rules::scope`]'s. Diagnostics are
//! [`crate::check`]'s.

use std::ops::Range;

use regex::{Regex, RegexBuilder};

use crate::packet::Packet;
use crate::rules::scope::{ScopeValue, ScopeWords};
use crate::rules::validate::PATTERN_SIZE_LIMIT;

/// One regex matching any of `patterns` (case-insensitive), or `None` when
/// there are none or they do not compile together (each was checked alone
/// when its file was loaded).
pub fn alternation(patterns: &[String]) -> Option<Regex> {
    if patterns.is_empty() {
        return None;
    }
    let joined = patterns.iter().map(|p| format!("(?:{p})")).collect::<Vec<_>>().join("|");
    RegexBuilder::new(&joined).case_insensitive(true).size_limit(PATTERN_SIZE_LIMIT * 4).build().ok()
}

/// The scope words of one ladder, compiled.
#[derive(Debug, Clone)]
pub struct ScopeMatcher {
    scale: [Option<Regex>; 5],
    own_work: Option<Regex>,
}

/// Where a claim's scope comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ScopeFrom {
    /// Words in the claim itself.
    Claim,
    /// The list item it is nested in (the claim says nothing itself).
    Parent,
    /// Nothing on the scale, but the claim is told as the candidate's own
    /// work (first person, an action verb at the start).
    OwnWork,
}

/// The scope of one claim (the default is `unknown`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ClaimScope {
    /// The scale value; `None` is `unknown`: the claim says nothing of who
    /// took part or was affected.
    pub value: Option<ScopeValue>,
    /// Where it comes from.
    pub from: Option<ScopeFrom>,
    /// The words that decided it, as written.
    pub words: String,
    /// Byte range of those words in the packet source (`None` for a heading,
    /// or when the words cannot be found in the source verbatim).
    pub range: Option<Range<usize>>,
}

impl ClaimScope {
    /// An `unknown` scope.
    pub fn unknown() -> Self {
        ClaimScope { value: None, from: None, words: String::new(), range: None }
    }

    /// `unknown` or the value's name.
    pub fn name(&self) -> &'static str {
        self.value.map_or("unknown", ScopeValue::as_str)
    }
}

impl ScopeMatcher {
    /// Compiles the words in force for one ladder.
    pub fn new(words: &ScopeWords) -> Self {
        ScopeMatcher {
            scale: std::array::from_fn(|i| alternation(&words.scale[i])),
            own_work: alternation(&words.own_work),
        }
    }

    /// The scale value `text` shows and the byte range (in `text`) of the
    /// words that decided it: of all matches, one inside a longer match of
    /// another value is dropped, and the widest value of the rest wins (its
    /// first match).
    pub fn classify(&self, text: &str) -> Option<(ScopeValue, Range<usize>)> {
        let mut found: Vec<(ScopeValue, Range<usize>)> = Vec::new();
        for value in ScopeValue::ALL {
            if let Some(re) = &self.scale[value.rank()] {
                found.extend(re.find_iter(text).filter(|m| !m.is_empty()).map(|m| (value, m.range())));
            }
        }
        let inside_longer = |(v, r): &(ScopeValue, Range<usize>)| {
            found.iter().any(|(w, s)| w != v && s.start <= r.start && r.end <= s.end && s.len() > r.len())
        };
        let kept: Vec<&(ScopeValue, Range<usize>)> = found.iter().filter(|f| !inside_longer(f)).collect();
        let widest = kept.iter().map(|(v, _)| *v).max()?;
        kept.iter().filter(|(v, _)| *v == widest).min_by_key(|(_, r)| r.start).map(|(v, r)| (*v, r.clone()))
    }

    /// The `own-work` words in `text`, if any.
    fn own_work(&self, text: &str) -> Option<Range<usize>> {
        self.own_work.as_ref()?.find(text).map(|m| m.range())
    }

    /// The scope of every claim of `packet` (whose source is `text`),
    /// parallel to `packet.claims`. A claim that shows no scale value is
    /// `unknown` when it is a question (it ends with `?`); else it takes its
    /// parent item's scope when the parent has one (from words, or `own`
    /// from `own-work`: the items of an entry the candidate tells as their
    /// own work are theirs too); else it is `own` from `own-work`, else
    /// `unknown`. Section headings lend no scope: a heading titles a section,
    /// it does not say who took part in each item under it.
    pub fn claims(&self, packet: &Packet, text: &str) -> Vec<ClaimScope> {
        let mut out: Vec<ClaimScope> = Vec::with_capacity(packet.claims.len());
        for claim in &packet.claims {
            let locate = |r: Range<usize>| -> (String, Option<Range<usize>>) {
                (claim.text[r.clone()].to_owned(), super::source_range(claim, text, r))
            };
            let scope = if let Some((value, r)) = self.classify(&claim.text) {
                let (words, range) = locate(r);
                ClaimScope { value: Some(value), from: Some(ScopeFrom::Claim), words, range }
            } else if claim.text.trim_end().ends_with('?') {
                // A question asks; it tells of no work done.
                ClaimScope::unknown()
            } else if let Some(parent) = claim.parent.and_then(|p| out.get(p)).filter(|p| p.value.is_some()) {
                ClaimScope { from: Some(ScopeFrom::Parent), ..parent.clone() }
            } else if let Some(r) = self.own_work(&claim.text) {
                let (words, range) = locate(r);
                ClaimScope { value: Some(ScopeValue::Own), from: Some(ScopeFrom::OwnWork), words, range }
            } else {
                ClaimScope::unknown()
            };
            out.push(scope);
        }
        out
    }
}

/// The best (widest) known scope among `scopes`, and whether every one of
/// them is known.
pub fn best<'a>(scopes: impl Iterator<Item = &'a ClaimScope>) -> (Option<ScopeValue>, bool) {
    scopes.fold((None, true), |(best, known), s| (best.max(s.value), known && s.value.is_some()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words() -> ScopeWords {
        let mut w = ScopeWords::default();
        w.scale[ScopeValue::Team.rank()] = vec![r"\bmy team\b".into()];
        w.scale[ScopeValue::CrossTeam.rank()] = vec![r"\bthree teams\b".into()];
        w.scale[ScopeValue::Company.rank()] = vec![r"\bcustomers\b".into()];
        w.scale[ScopeValue::CrossTeam.rank()].push(r"\binternal customers\b".into());
        w
    }

    #[test]
    fn widest_value_wins_and_a_longer_phrase_beats_the_word_inside_it() {
        let m = ScopeMatcher::new(&words());
        let (v, r) = m.classify("With my team, shipped it to customers").unwrap();
        assert_eq!((v, &"With my team, shipped it to customers"[r]), (ScopeValue::Company, "customers"));
        let (v, _) = m.classify("Built it for internal customers in three teams").unwrap();
        assert_eq!(v, ScopeValue::CrossTeam);
        assert_eq!(m.classify("Wrote the parser"), None);
    }
}
