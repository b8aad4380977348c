//! Red flags of a packet: which claims show a ladder's red flag or a common
//! one, each span once.
//!
//! Owns what decides a red flag beyond its patterns: inline code is masked
//! before any pattern runs (`` `TODO` `` names a marker, it is not one), and
//! where two flags match overlapping text only the most specific is kept (a
//! ladder's own red flag before a common behaviour flag, behaviour before
//! writing), so "worked through the weekend" is one finding, not two.
//! It does not word diagnostics ([`crate::lint::packet`] does).

use std::ops::Range;

use super::RedFlagHit;
use super::matcher::{CommonMatcher, FlagSource, PatternSet};
use crate::lint::Kind;
use crate::packet::{Claim, Packet};

/// Every red flag the claims of `packet` show, in document order, one per
/// span. `text` is the packet source; `ladder` the level's red-flag patterns.
pub fn detect(packet: &Packet, text: &str, ladder: &PatternSet, common: &CommonMatcher) -> Vec<RedFlagHit> {
    let mut out = Vec::new();
    for (i, claim) in packet.claims.iter().enumerate() {
        let masked = mask_code(claim);
        let mut hits: Vec<(u8, FlagSource, Range<usize>)> = Vec::new();
        for (f, r) in ladder.all_matches(&masked) {
            hits.push((0, FlagSource::Ladder(f), r));
        }
        for (f, r) in common.patterns.all_matches(&masked) {
            let rank = match common.codes.get(f).map(|c| c.kind()) {
                Some(Kind::Behaviour) => 1,
                _ => 2,
            };
            hits.push((rank, FlagSource::Common(f), r));
        }
        for (_, flag, r) in most_specific(hits) {
            out.push(RedFlagHit { claim: i, flag, range: locate(claim, text, r) });
        }
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
