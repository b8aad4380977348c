//! Red flags of a packet: which claims show a ladder's red flag or a common
//! one, each span once.
//!
//! Owns what decides a red flag beyond its patterns:
//! - inline code is masked before any pattern runs (`` `TODO` `` names a
//!   marker, it is not one);
//! - a behaviour flag (the ladder's, blame, overwork) is dropped when its
//!   clause negates or reduces it: a cue such as "nobody has to", "without",
//!   "reduced" a few words before the match in the same clause ("Automated
//!   the release so nobody has to work weekends", "Reduced overtime by 30%"),
//!   or "dropped", "went down" right after it ("overtime dropped 30%");
//! - a vague opener ("worked on", "helped with") followed by what was done
//!   (a colon, "by writing...", a figure) is not a vague claim, and a
//!   placeholder the clause says was removed ("Replaced the lorem ipsum") is
//!   not placeholder text;
//! - hedging is also found spread over a sentence: two or more hedges in one
//!   sentence ("I think I've probably become more of a leader, maybe.");
//! - where two flags match overlapping text only the most specific is kept (a
//!   ladder's own red flag before a common behaviour flag, behaviour before
//!   writing), so "worked through the weekend" is one finding, not two.
//!
//! The cues are code, not rule data: they are how red flags are read, the
//! same for every ladder. It does not word diagnostics ([`crate::lint::packet`] does).

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::RedFlagHit;
use super::matcher::{CommonMatcher, FlagSource, PatternSet};
use crate::lint::{Code, Kind};
use crate::packet::{Claim, Packet};

/// Every red flag the claims of `packet` show, in document order, one per
/// span. `text` is the packet source; `ladder` the level's red-flag patterns.
pub fn detect(packet: &Packet, text: &str, ladder: &PatternSet, common: &CommonMatcher) -> Vec<RedFlagHit> {
    let mut out = Vec::new();
    for (i, claim) in packet.claims.iter().enumerate() {
        let masked = mask_code(claim);
        let mut hits: Vec<(u8, FlagSource, Range<usize>)> = Vec::new();
        for (f, r) in ladder.all_matches(&masked) {
            if !negated(&masked, &r) {
                hits.push((0, FlagSource::Ladder(f), r));
            }
        }
        for (f, r) in common.patterns.all_matches(&masked) {
            let code = common.codes.get(f).copied();
            let rank = match code.map(Code::kind) {
                Some(Kind::Behaviour) if negated(&masked, &r) => continue,
                Some(Kind::Behaviour) => 1,
                _ => 2,
            };
            // "Replaced the lorem ipsum fixtures" names a placeholder it removed.
            if code == Some(Code::PlaceholderText) && negated_within(&masked, &r, 2) {
                continue;
            }
            // "Worked on the billing migration: moved 40 services" says what was done.
            if code == Some(Code::VagueClaim) && SPECIFIC.is_match(&masked) {
                continue;
            }
            hits.push((rank, FlagSource::Common(f), r));
        }
        if let Some(f) = common.codes.iter().position(|c| *c == Code::Hedging) {
            hits.extend(spread_hedges(&masked).into_iter().map(|r| (2, FlagSource::Common(f), r)));
        }
        for (_, flag, r) in
            most_specific(hits.into_iter().map(|(k, f, r)| (k, f, trim(&masked, r))).collect())
        {
            out.push(RedFlagHit { claim: i, flag, range: locate(claim, text, r) });
        }
    }
    out
}

/// Words between a negating cue and the flag it negates, at most.
const NEGATION_REACH: usize = 8;
/// Hedges in one sentence that make it hedging, at least.
const MIN_HEDGES: usize = 2;

/// Cues that negate or reduce what follows them in a clause.
const NEGATIONS: &[&str] = &[
    r"\b(?:nobody|no one|no-one|noone|none of us)\b",
    r"\bno (?:longer|more|need|one)\b",
    r"\bnever (?:again|had to|have to|needs? to|needed to)\b",
    r"\bwithout\b",
    r"\b(?:reduc|cut|cutting|eliminat|avoid|prevent|remov|lower|minimi[sz]|replac|stopp?)\w*\b",
    r"\b(?:fewer|less|zero|instead of|rather than|put an end to|get rid of|got rid of)\b",
    r"\b(?:don['’]t|do not|doesn['’]t|does not|didn['’]t|did not|won['’]t|wouldn['’]t|isn['’]t|aren['’]t|needn['’]t)\b",
    r"\bnot (?:have|need|required|asked|expected) to\b",
    r"\bso (?:that )?(?:we|they|the team|people|engineers) (?:can )?(?:stop|skip)\b",
];
/// Cues right after a flag (at most three words after it, in its clause)
/// that say it went down ("overtime dropped 30%").
const REDUCTIONS: &[&str] = &[
    r"^\W*(?:\w+\W+){0,3}?(?:dropped|fell|went down|decreased|declined|is gone|are gone|disappeared|ended|down by|no longer)\b",
];
/// Hedges; [`MIN_HEDGES`] different ones in a sentence make it hedging.
const HEDGES: &[&str] = &[
    r"\bi (?:think|guess|believe|feel|suppose|hope)\b",
    r"\bprobably\b",
    r"\bmaybe\b",
    r"\bperhaps\b",
    r"\bpossibly\b",
    r"\b(?:kind|sort) of\b|\b(?:kinda|sorta)\b",
    r"\bsomewhat\b",
    r"\b(?:might|may|could) have\b",
    r"\bhopefully\b",
    r"\barguably\b",
    r"\bmore or less\b",
    r"\bto (?:some|a certain) (?:extent|degree)\b",
    r"\bnot (?:really |totally |entirely |completely |100% )?sure\b",
    r"\b(?:it'?s |it is )?possible that\b",
    r"\bhard to say\b",
    r"\bsee?m(?:s|ed)? to\b",
    r"\ba (?:bit|little)\b",
];

fn set(patterns: &[&str]) -> Vec<Regex> {
    patterns.iter().filter_map(|p| regex::RegexBuilder::new(p).case_insensitive(true).build().ok()).collect()
}

static NEGATION_RE: LazyLock<Vec<Regex>> = LazyLock::new(|| set(NEGATIONS));
static REDUCTION_RE: LazyLock<Vec<Regex>> = LazyLock::new(|| set(REDUCTIONS));
static HEDGE_RE: LazyLock<Vec<Regex>> = LazyLock::new(|| set(HEDGES));
/// What makes a claim with a vague opener specific after all: a colon or
/// "by ...ing" followed by what was done, a participle clause, or a figure.
static SPECIFIC: LazyLock<Regex> = LazyLock::new(|| {
    // Counts, not years: "40 services", "2,300 strings", "31%"; "in 2024" is not specific.
    Regex::new(r"(?i):\s+\w+|\bby (?:\w+ing)\b|,\s+\w+ing\b|\b(?:\d{1,3}(?:,\d{3})+|\d{1,3}(?:\.\d+)?)\s*(?:%|x\b|ms\b|[a-z]+)")
        .unwrap_or_else(|e| unreachable!("constant regex: {e}"))
});
/// Where a clause ends: punctuation, and the words that join clauses.
static CLAUSE_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)[.;:!?,()]|\s(?:and|but|while|although|though|whereas|then)\s")
        .unwrap_or_else(|e| unreachable!("constant regex: {e}"))
});

/// Whether the clause around `r` in `text` negates or reduces it.
fn negated(text: &str, r: &Range<usize>) -> bool {
    negated_within(text, r, NEGATION_REACH)
}

/// [`negated`], with the cue at most `reach` words before the match.
fn negated_within(text: &str, r: &Range<usize>, reach: usize) -> bool {
    let before = &text[..r.start];
    let start = CLAUSE_END.find_iter(before).last().map_or(0, |m| m.end());
    let clause = &before[start..];
    // The last few words of the clause before the match.
    let starts: Vec<usize> = clause
        .char_indices()
        .filter(|&(i, c)| !c.is_whitespace() && (i == 0 || clause[..i].ends_with(char::is_whitespace)))
        .map(|(i, _)| i)
        .collect();
    let reach_start = starts.len().checked_sub(reach).map_or(0, |k| starts[k]);
    let window = &clause[reach_start..];
    if NEGATION_RE.iter().any(|re| re.is_match(window)) {
        return true;
    }
    let after = &text[r.end..];
    let end = CLAUSE_END.find(after).map_or(after.len(), |m| m.start());
    let after = &after[..end];
    REDUCTION_RE.iter().any(|re| re.is_match(after))
}

/// Sentences of `text` holding [`MIN_HEDGES`] or more different hedges: the
/// range from the first hedge to the end of the last.
fn spread_hedges(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for end in text.match_indices(['.', '!', '?', ';']).map(|(i, _)| i + 1).chain([text.len()]) {
        if end <= start {
            continue;
        }
        let sentence = &text[start..end];
        let found: Vec<Range<usize>> =
            HEDGE_RE.iter().filter_map(|re| re.find(sentence)).map(|m| m.range()).collect();
        if found.len() >= MIN_HEDGES {
            let first = found.iter().map(|r| r.start).min().unwrap_or(0);
            let last = found.iter().map(|r| r.end).max().unwrap_or(sentence.len());
            out.push(start + first..start + last);
        }
        start = end;
    }
    out
}

/// The claim's text with each inline code span replaced by spaces of the
/// same length, so byte offsets still point into `claim.text`.
pub fn mask_code(claim: &Claim) -> String {
    let mut bytes = claim.text.clone().into_bytes();
    for r in &claim.code {
        if let Some(span) = bytes.get_mut(r.clone()) {
            span.fill(b' ');
        }
    }
    // Only whole UTF-8 sequences were replaced (ranges fall on char
    // boundaries), so this never fails; fall back to the text if it did.
    String::from_utf8(bytes).unwrap_or_else(|_| claim.text.clone())
}

/// One hit per flag: its earliest match that overlaps no match kept for a
/// more specific flag (lower rank: ladder, then behaviour, then writing; in
/// a rank, flags in rule order). Sorted by start.
fn most_specific(mut hits: Vec<(u8, FlagSource, Range<usize>)>) -> Vec<(u8, FlagSource, Range<usize>)> {
    let order = |f: &FlagSource| match f {
        FlagSource::Ladder(i) | FlagSource::Common(i) => *i,
    };
    hits.sort_by_key(|(rank, f, r)| (*rank, order(f), r.start, std::cmp::Reverse(r.end)));
    let mut kept: Vec<(u8, FlagSource, Range<usize>)> = Vec::new();
    for hit in hits {
        let done = kept.iter().any(|(_, f, _)| *f == hit.1);
        let overlaps = kept.iter().any(|(_, _, k)| hit.2.start < k.end && k.start < hit.2.end);
        if !done && !overlaps && !hit.2.is_empty() {
            kept.push(hit);
        }
    }
    kept.sort_by_key(|(_, _, r)| r.start);
    kept
}

/// `r` without the white space and punctuation that patterns match around
/// their words (`(?:^|[\s(:])TODO` takes the bracket).
fn trim(text: &str, r: Range<usize>) -> Range<usize> {
    let Some(found) = text.get(r.clone()) else { return r };
    let edge = |c: char| c.is_whitespace() || "([{:;,.!?)]}".contains(c);
    let start = r.start + (found.len() - found.trim_start_matches(edge).len());
    let end = r.start + found.trim_end_matches(edge).len();
    if start < end { start..end } else { r }
}

/// The byte range in the packet source of `r`, a range of `claim.text`: the
/// first place the source spells the matched text, else the whole claim.
fn locate(claim: &Claim, text: &str, r: Range<usize>) -> Range<usize> {
    let source = &text[claim.range.clone()];
    let found = claim.text.get(r).unwrap_or_default();
    match source.find(found) {
        Some(at) if !found.is_empty() => claim.range.start + at..claim.range.start + at + found.len(),
        _ => claim.range.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_cue_compiles() {
        assert_eq!(NEGATION_RE.len(), NEGATIONS.len());
        assert_eq!(REDUCTION_RE.len(), REDUCTIONS.len());
        assert_eq!(HEDGE_RE.len(), HEDGES.len());
    }

    #[test]
    fn negation_and_reduction_in_the_clause_only() {
        let at = |text: &str, word: &str| {
            let s = text.find(word).unwrap();
            negated(text, &(s..s + word.len()))
        };
        assert!(at("Automated the release so nobody has to work weekends", "work weekends"));
        assert!(at("Reduced overtime on the support team by 30%", "overtime"));
        assert!(at("Weekend work dropped to zero", "Weekend work"));
        assert!(!at("Reduced latency by 30%, while I worked every weekend", "worked every weekend"));
        assert!(!at("Had to stay late most nights in February", "stay late"));
    }

    #[test]
    fn hedges_spread_over_a_sentence() {
        assert_eq!(spread_hedges("I think I've probably become more of a leader, maybe.").len(), 1);
        assert!(spread_hedges("I think the cache is faster. It is probably right.").is_empty());
    }
}
