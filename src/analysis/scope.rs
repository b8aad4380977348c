//! Claim scope: where each claim sits on the scale own < team < cross-team <
//! organisation < company, read from the scope words of `scope.yaml`, with the
//! span of the words that decided it.
//!
//! Owns reading claims against the words; the words, the scale and the
//! scope a level asks are [`crate::rules::scope`]'s. Diagnostics are
//! [`crate::check`]'s.

use std::ops::Range;

use super::matcher::PatternSet;

use crate::packet::Packet;
use crate::rules::scope::{ScopeValue, ScopeWords};

/// The scope words of one ladder, compiled: the five scale values' lists,
/// then `own-work` and `not-work`, each read as one alternation of its words
/// ([`PatternSet::alternation`]), behind the set's required-literal
/// prefilter: a word that cannot occur in a text is not run on it. Each word
/// is compiled on its own the first time it is a candidate, with the small
/// per-pattern scratch space and the narrow form of `boundary` for texts with
/// ASCII words; a list compiled as one alternation took megabytes of lazy-DFA
/// scratch space and was the largest part of a run's memory.
#[derive(Debug, Clone)]
pub struct ScopeMatcher {
    /// The words, owned by list index.
    words: PatternSet,
}

/// The five scale values' lists, then `own-work` and `not-work`.
const LISTS: usize = 7;
/// Index of the `own-work` list in [`ScopeMatcher::lists`].
const OWN_WORK: usize = 5;
/// Index of the `not-work` list in [`ScopeMatcher::lists`].
const NOT_WORK: usize = 6;

/// For each list, the words that may match a text (pattern indexes).
type Candidates = [Vec<usize>; LISTS];

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
    /// Nothing on the scale and no `own-work` words, in a packet that tells
    /// most of its work as the candidate's own ([`OWN_PACKET_SHARE`],
    /// [`OWN_TOLD_SHARE`]): an item there that says nothing of who took part
    /// is theirs too. Always a default ([`ClaimScope::by_default`]).
    Packet,
}

/// The share of a packet's claims, in 0..=1, read as own work from
/// `own-work` words ([`ScopeFrom::OwnWork`]) at and above which a claim of
/// it that says nothing of who took part is `own` ([`ScopeFrom::Packet`]).
/// Chosen on the 34 development documents of `fixtures/scope-labels/` (33 of
/// 34 leave-one-document-out folds chose it from 0.1..=0.5); see
/// `docs/rule-files.md`.
pub const OWN_PACKET_SHARE: f64 = 0.35;

/// The share, in 0..=1, of a packet's claims that say who took part (read
/// as `own` from `own-work` words, or on the scale from scale words) that
/// are `own` from `own-work` words, at and above which a claim of it that
/// says nothing of who took part is `own` too ([`ScopeFrom::Packet`]), whatever
/// [`OWN_PACKET_SHARE`] says: a report by one person (a mentee's project
/// report, a maintainer's status update) lists its work as terse items ("DCGAN",
/// "Search in names only") and tells nearly all the rest as "I". Chosen on the
/// 41 development documents of `fixtures/scope-labels/` (40 of 41
/// leave-one-document-out folds chose it from 0.5..=0.95); see
/// `docs/mapping.md`, "Session 13".
pub const OWN_TOLD_SHARE: f64 = 0.85;

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
    /// Byte range of those words in the packet source, through any markup
    /// inside them ([`crate::packet::Claim::source_range`]); a scope taken
    /// from the parent item keeps the parent's words and range; `None` for
    /// `unknown`.
    pub range: Option<Range<usize>>,
    /// Whether the value is a default rather than read from scale words:
    /// `own` from `own-work`, or taken from a parent item whose value was a
    /// default. `scope-below-level` does not fire on a default.
    pub by_default: bool,
}

impl ClaimScope {
    /// An `unknown` scope.
    pub fn unknown() -> Self {
        ClaimScope { value: None, from: None, words: String::new(), range: None, by_default: false }
    }

    /// `unknown` or the value's name.
    pub fn name(&self) -> &'static str {
        self.value.map_or("unknown", ScopeValue::as_str)
    }
}

impl ScopeMatcher {
    /// Compiles the words in force for one ladder.
    pub fn new(words: &ScopeWords) -> Self {
        let list = |i: usize| match i {
            OWN_WORK => &words.own_work,
            NOT_WORK => &words.not_work,
            _ => &words.scale[i],
        };
        ScopeMatcher { words: PatternSet::new((0..LISTS).map(|i| list(i).as_slice())) }
    }

    /// For each list, the indexes of its words that may match `text`, in
    /// list order.
    fn may_match(&self, text: &str) -> Candidates {
        let mut out: Candidates = std::array::from_fn(|_| Vec::new());
        for (list, p) in self.words.candidate_patterns(text) {
            out[list].push(p);
        }
        out
    }

    /// The scale value `text` shows and the byte range (in `text`) of the
    /// words that decided it: of all matches, one inside a longer match of
    /// another value is dropped, and the widest value of the rest wins (its
    /// first match).
    pub fn classify(&self, text: &str) -> Option<(ScopeValue, Range<usize>)> {
        self.classify_among(text, &self.may_match(text))
    }

    /// [`Self::classify`] with the lists that may match `text` already known.
    fn classify_among(&self, text: &str, may: &Candidates) -> Option<(ScopeValue, Range<usize>)> {
        let mut found: Vec<(ScopeValue, Range<usize>)> = Vec::new();
        for value in ScopeValue::ALL.into_iter().filter(|v| !may[v.rank()].is_empty()) {
            let matches = self.words.alternation(text, &may[value.rank()], false);
            found.extend(matches.into_iter().filter(|m| !m.is_empty()).map(|m| (value, m)));
        }
        let inside_longer = |(v, r): &(ScopeValue, Range<usize>)| {
            found.iter().any(|(w, s)| w != v && s.start <= r.start && r.end <= s.end && s.len() > r.len())
        };
        let kept: Vec<&(ScopeValue, Range<usize>)> = found.iter().filter(|f| !inside_longer(f)).collect();
        let widest = kept.iter().map(|(v, _)| *v).max()?;
        kept.iter().filter(|(v, _)| *v == widest).min_by_key(|(_, r)| r.start).map(|(v, r)| (*v, r.clone()))
    }

    /// The `own-work` words in `text`, if any; `may` as for [`Self::classify_among`].
    fn own_work(&self, text: &str, may: &Candidates) -> Option<Range<usize>> {
        self.first(OWN_WORK, text, may)
    }

    /// Whether `text` tells no work (`not-work` words, or a question).
    fn not_work(&self, text: &str, may: &Candidates) -> bool {
        text.trim_end().ends_with('?') || self.first(NOT_WORK, text, may).is_some()
    }

    /// The first match in `text` of list `list`, if the prefilter lets it run.
    fn first(&self, list: usize, text: &str, may: &Candidates) -> Option<Range<usize>> {
        if may[list].is_empty() {
            return None;
        }
        self.words.alternation(text, &may[list], true).into_iter().next()
    }

    /// The scope of every claim of `packet`, parallel to `packet.claims`. A
    /// claim that tells no work is `unknown`, whatever scale words it has: a
    /// question (it ends with `?`: it asks, as an interviewer does), or one
    /// with `not-work` words (an opinion, advice to the reader, thanks).
    /// Else the widest scale value its words show decides; else it takes its
    /// parent item's scope when the parent has one (from words, or `own` from
    /// `own-work`: the items of an entry the candidate tells as their own
    /// work are theirs too); else it is `own` from `own-work`; else, in a
    /// packet where at least [`OWN_PACKET_SHARE`] of the claims are `own`
    /// from `own-work`, a default `own` from the packet
    /// ([`ScopeFrom::Packet`]); else `unknown`. Section headings lend no
    /// scope: a heading titles a section, it does not say who took part in
    /// each item under it.
    pub fn claims(&self, packet: &Packet) -> Vec<ClaimScope> {
        let mut out: Vec<ClaimScope> = Vec::with_capacity(packet.claims.len());
        // Claims that tell work but say nothing of who took part.
        let mut silent: Vec<usize> = Vec::new();
        for claim in &packet.claims {
            let locate = |r: Range<usize>| -> (String, Option<Range<usize>>) {
                (claim.text[r.clone()].to_owned(), claim.source_range(r))
            };
            // One prefilter pass per claim, for the scale and `own-work` alike.
            let may = self.may_match(&claim.text);
            let scope = if self.not_work(&claim.text, &may) {
                // A question asks, an opinion or advice tells no work done.
                ClaimScope::unknown()
            } else if let Some((value, r)) = self.classify_among(&claim.text, &may) {
                let (words, range) = locate(r);
                ClaimScope {
                    value: Some(value),
                    from: Some(ScopeFrom::Claim),
                    words,
                    range,
                    by_default: false,
                }
            } else if let Some(parent) = claim.parent.and_then(|p| out.get(p)).filter(|p| p.value.is_some()) {
                ClaimScope { from: Some(ScopeFrom::Parent), ..parent.clone() }
            } else if let Some(r) = self.own_work(&claim.text, &may) {
                // Told from its first word ("Fixed three flaky tests", "I wrote the
                // parser"), the claim says itself that the work was the candidate's:
                // the scope guide's own examples. Own-work words further in (a
                // passive, a first person in passing) are a default.
                let by_default = claim.text[..r.start].chars().any(char::is_alphanumeric);
                let (words, range) = locate(r);
                let from = Some(ScopeFrom::OwnWork);
                ClaimScope { value: Some(ScopeValue::Own), from, words, range, by_default }
            } else {
                silent.push(out.len());
                ClaimScope::unknown()
            };
            out.push(scope);
        }
        let count = |from: ScopeFrom| out.iter().filter(|s| s.from == Some(from)).count();
        let own = count(ScopeFrom::OwnWork);
        let told = own + count(ScopeFrom::Claim);
        let mostly_own = |share: f64, of: usize| of > 0 && own as f64 >= share * of as f64;
        if mostly_own(OWN_PACKET_SHARE, out.len()) || mostly_own(OWN_TOLD_SHARE, told) {
            for i in silent {
                out[i] = ClaimScope {
                    value: Some(ScopeValue::Own),
                    from: Some(ScopeFrom::Packet),
                    words: String::new(),
                    range: None,
                    by_default: true,
                };
            }
        }
        out
    }
}

/// The best (widest) known scope among `scopes`, and whether every one of
/// them is read from scale words (its own or its parent's): not `unknown`
/// and not a default ([`ClaimScope::by_default`]).
pub fn best<'a>(scopes: impl Iterator<Item = &'a ClaimScope>) -> (Option<ScopeValue>, bool) {
    scopes.fold((None, true), |(best, known), s| {
        (best.max(s.value), known && s.value.is_some() && !s.by_default)
    })
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

    /// Each list's words run one by one behind the prefilter give the
    /// matches one alternation of them gives, for every built-in ladder's
    /// words, on English (with typographic punctuation), accented Latin,
    /// Cyrillic and CJK text.
    #[test]
    fn words_run_one_by_one_match_as_their_alternation() {
        let (rules, _) =
            crate::rules::load(&[] as &[&str], true, &mut crate::source::Sources::new()).unwrap();
        let texts = [
            "With my team and two other teams, shipped the company-wide rollout to 2,000 customers.",
            "Led the platform org’s migration — across the organization, for all 200 engineers…",
            "Worked with Lucía’s team on the café’s naïve rollout for our users at large",
            "Провёл миграцию для three teams и всей компании; we shipped it",
            "主导了搜索服务的重构，for the open source community and my team",
            "Fixed three flaky unit tests in my own service. I think it helped?",
        ];
        let mut compared = 0;
        for ladder in ["generic", "joe-and-the-juice", "meetup", "socialbakers"] {
            let words = rules.scope.for_ladder(ladder);
            let m = ScopeMatcher::new(&words);
            for list in 0..LISTS {
                let patterns = match list {
                    OWN_WORK => &words.own_work,
                    NOT_WORK => &words.not_work,
                    _ => &words.scale[list],
                };
                let Some(whole) = crate::rules::scope::alternation(patterns) else { continue };
                for text in texts {
                    let expected: Vec<Range<usize>> = whole.find_iter(text).map(|m| m.range()).collect();
                    compared += expected.len();
                    let got = m.words.alternation(text, &m.may_match(text)[list], false);
                    assert_eq!(got, expected, "{ladder}, list {list}: {text}");
                    let first = m.words.alternation(text, &m.may_match(text)[list], true);
                    assert_eq!(
                        first,
                        expected.into_iter().take(1).collect::<Vec<_>>(),
                        "{ladder}, list {list}: {text}"
                    );
                }
            }
        }
        assert!(compared >= 40, "only {compared} matches compared");
    }

    /// Lists skipped by the prefilter change nothing: words in another
    /// script around an English scope word still find it, with its span, and
    /// a text with none of the words (any script) is `unknown`.
    #[test]
    fn the_prefilter_only_skips_lists_that_cannot_match() {
        let mut w = words();
        w.scale[ScopeValue::Organisation.rank()] = vec![r"\bвсей компании\b".into()];
        w.own_work = vec![r"^\w+ed\b".into()];
        let m = ScopeMatcher::new(&w);
        let text = "Провёл миграцию для three teams";
        let (v, r) = m.classify(text).unwrap();
        assert_eq!((v, &text[r]), (ScopeValue::CrossTeam, "three teams"));
        assert_eq!(
            m.classify("Провёл миграцию для всей компании").map(|(v, _)| v),
            Some(ScopeValue::Organisation)
        );
        assert_eq!(m.classify("Провёл миграцию базы данных"), None);
        let own = |text: &str| m.own_work(text, &m.may_match(text));
        assert_eq!(own("Migrated the queue"), Some(0..8));
        assert_eq!(own("Провёл миграцию"), None);
    }
}
