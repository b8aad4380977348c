//! Red flags of a packet: which claims show a ladder's red flag or a common
//! one, each span once.
//!
//! Owns what decides a red flag beyond its patterns (the cues themselves
//! are in [`super::cues`]):
//! - inline code is masked before any pattern runs (`` `TODO` `` names a
//!   marker, it is not one); raw HTML in a claim is read for placeholders
//!   only (`<!-- TODO: add figures -->`, `<insert link>`);
//! - a behaviour flag (the ladder's, blame, overwork) is dropped when its
//!   clause negates or reduces it ("Automated the release so nobody has to
//!   work weekends", "Reduced overtime by 30%", "overtime dropped 30%"), or
//!   when it is one capitalised word inside a sentence, a name ("Ran
//!   Project Crunch");
//! - `overwork` is the candidate's: the same words said of a team or of
//!   everyone ("The whole squad worked through the holidays") are the team's
//!   crunch, which a ladder may list, not the candidate's overwork;
//! - a vague opener ("worked on", "helped with") followed by what was done
//!   (a colon, a participle clause, a figure, a reference) is not a vague
//!   claim; a placeholder the clause says was removed ("Replaced the lorem
//!   ipsum") or a marker named rather than standing for text ("the TBD
//!   items", "a TODO-list app") is not placeholder text;
//! - with the meaning models in use (`check --red-flags-by-meaning`), a
//!   common flag whose patterns find nothing in a claim is found by meaning
//!   when its model says so ([`super::meaning`]), on the whole claim;
//! - hedging is also found spread over a sentence: two or more hedges in one
//!   sentence ("I think I've probably become more of a leader, maybe.");
//! - a match inside the span of a more specific flag's match is the same
//!   finding (a ladder's own red flag before a common behaviour flag,
//!   behaviour before writing), so "The team worked through the weekend" is
//!   one finding, not two; matches that say more than it are kept.
//!
//! It does not word diagnostics (`check::messages` does).

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::RedFlagHit;
use super::blame;
use super::cues;
use super::matcher::{CommonMatcher, FlagSource, PatternSet};
use super::meaning::MeaningModel;
use super::shapes;
use crate::lint::{Code, Kind};
use crate::packet::{Claim, Packet};

/// Every red flag the claims of `packet` show, in document order, one per
/// span. `text` is the packet source (read only for the raw HTML in a claim,
/// which is not part of its text); `ladder` the level's red-flag patterns;
/// `meaning` the common flags' meaning models, when in use.
pub fn detect(
    packet: &Packet,
    text: &str,
    ladder: &PatternSet,
    common: &CommonMatcher,
    meaning: Option<&MeaningModel>,
) -> Vec<RedFlagHit> {
    let mut out = Vec::new();
    let placeholder = common.codes.iter().position(|c| *c == Code::PlaceholderText);
    for (i, claim) in packet.claims.iter().enumerate() {
        let masked = mask_code(claim);
        let mut hits: Vec<(u8, FlagSource, Range<usize>)> = Vec::new();
        // Read once per claim, not once per vague phrase in it.
        let says_what = std::cell::LazyCell::new(|| specific(&masked));
        for (f, r) in ladder.all_matches(&masked) {
            let r = trim(&masked, r);
            if !negated(&masked, &r) && !cues::is_name(&masked, &r) && !cues::names_thing(&masked, &r) {
                hits.push((0, FlagSource::Ladder(f), r));
            }
        }
        // The rule file's patterns, then the shapes of a sentence (`shapes`).
        let shaped = shapes::find(&masked)
            .into_iter()
            .filter_map(|(code, r)| Some((common.codes.iter().position(|c| *c == code)?, r)));
        for (f, r) in common.patterns.all_matches(&masked).into_iter().chain(shaped) {
            let r = trim(&masked, r);
            let code = common.codes.get(f).copied();
            let rank = match code.map(Code::kind) {
                Some(Kind::Behaviour)
                    if negated(&masked, &r)
                        || cues::is_name(&masked, &r)
                        || cues::quoted(&masked, &r)
                        || cues::to_the_reader(&masked, &r) =>
                {
                    continue;
                }
                Some(Kind::Behaviour) => 1,
                _ => 2,
            };
            let keep = match code {
                // The candidate's overwork, not the team's crunch.
                Some(Code::Overwork) => {
                    (!cues::done_by_others(&masked, &r) || shapes::is_burnout(&masked, &r))
                        && !shapes::by_machine(&masked, &r)
                }
                // "The vendor's outage cost us four days, so I added a circuit breaker" answers it.
                Some(Code::BlamingOthers) => !blame::answered(&masked, &r),
                // "Replaced the lorem ipsum fixtures" names a placeholder it removed.
                Some(Code::PlaceholderText) => {
                    !cues::negated_within(&masked, &r, 2) && !names_marker(&masked, &r)
                }
                // "Worked on the billing migration: moved 40 services" says what was done.
                // "(JupyterHub version, binder code, etc)" ends a list; advice to the reader is no claim.
                Some(Code::VagueClaim) => {
                    !*says_what
                        && !listed_etc(&masked, &r)
                        && !cues::to_the_reader(&masked, &r)
                        && !cues::about_someone_else(&masked, &r)
                }
                _ => true,
            };
            if keep {
                hits.push((rank, FlagSource::Common(f), r));
            }
        }
        if let Some(f) = common.codes.iter().position(|c| *c == Code::Hedging) {
            hits.extend(cues::spread_hedges(&masked).into_iter().map(|r| (2, FlagSource::Common(f), r)));
        }
        let mut found: Vec<RedFlagHit> = most_specific(hits)
            .into_iter()
            .map(|(_, flag, r)| RedFlagHit { claim: i, flag, range: locate(claim, r), meaning: None })
            .collect();
        // Placeholders in the claim's raw HTML, if its text showed none.
        if let Some(f) = placeholder
            && !found.iter().any(|h| h.flag == FlagSource::Common(f))
            && let Some(range) = claim.html.iter().find_map(|h| html_placeholder(text, h))
        {
            found.push(RedFlagHit { claim: i, flag: FlagSource::Common(f), range, meaning: None });
        }
        // What the patterns of a common flag missed, by meaning: the whole claim.
        for (code, p) in meaning.map(|m| m.find(&masked)).unwrap_or_default() {
            let Some(f) = common.codes.iter().position(|c| *c == code) else { continue };
            if found.iter().any(|h| h.flag == FlagSource::Common(f)) {
                continue;
            }
            let range = locate(claim, trim(&masked, 0..masked.len()));
            found.push(RedFlagHit { claim: i, flag: FlagSource::Common(f), range, meaning: Some(p) });
        }
        found.sort_by_key(|h| h.range.start);
        out.extend(found);
    }
    out
}

/// Whether the match at `r` is an "etc" that closes a list: in parentheses
/// ("(JupyterHub version, binder code, etc)"), or after two commas in its
/// sentence ("a TODO that can go, a comment against the change, etc."):
/// the list says what it was.
fn listed_etc(text: &str, r: &Range<usize>) -> bool {
    let found = text.get(r.clone()).unwrap_or("");
    if !found.eq_ignore_ascii_case("etc") {
        return false;
    }
    let before = &text[..r.start];
    let sentence = before.rsplit(['.', '!', '?', ';']).next().unwrap_or(before);
    sentence.matches(',').count() >= 2
        || before.rfind('(').is_some_and(|open| !before[open..].contains(')') && before[open..].contains(','))
}

/// Whether the clause around `r` in `text` negates or reduces it.
fn negated(text: &str, r: &Range<usize>) -> bool {
    cues::negated_within(text, r, cues::NEGATION_REACH)
}

/// What makes a claim with a vague opener specific after all: a colon
/// followed by what was done, a participle clause, a figure or a count, a
/// reference (PR #812, BILL-17).
static SPECIFIC: LazyLock<Regex> = LazyLock::new(|| {
    // Counts, not years or names: "40 services", "2,300 strings", "31%", "3.1s";
    // "in 2024" and "18F" are not specific.
    Regex::new(concat!(
        r"(?i):\s+\w+|,\s+\w+ing\s+[\w$]",
        r"|\b(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*(?:%|x\b|ms\b|s\b|k\b)",
        r"|\b(?:\d{1,3}(?:,\d{3})+|\d{1,3}(?:\.\d+)?)\+?\s+[a-z]+",
        r"|\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens?|hundreds?) [a-z]+s\b",
        r"|#\d+|(?-i:\b[A-Z]{2,}-\d+\b)",
    ))
    .unwrap_or_else(|e| unreachable!("constant regex: {e}"))
});
/// Whether `text` says something specific ([`SPECIFIC`]); a participle
/// that only announces an outcome (", resulting in significant gains") is not.
fn specific(text: &str) -> bool {
    const OUTCOME: &[&str] = &["resulting", "leading", "making", "helping", "enabling", "allowing"];
    SPECIFIC.find_iter(text).any(|m| {
        let word = m.as_str().trim_start_matches([',', ' ']);
        !OUTCOME.iter().any(|o| word.starts_with(o))
    })
}

/// A placeholder in raw HTML: a marker in a comment, an "insert" tag.
static HTML_PLACEHOLDER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?s)<!--.*?(?-i:\b(?:TODO|TBD|FIXME|XXX|TKTK)\b).*?(?:-->|$)|(?i)<(?:insert|add|link|metric|tbd|todo|name|number|date|team|project|url|amount|customer|quote|describe|explain|fill|write|list|summari[sz]e|give|enter|include|your|placeholder|example|tbc)\b[^>]*>")
        .unwrap_or_else(|e| unreachable!("constant regex: {e}"))
});
/// A "tag" of plain words that is no HTML element: a prompt to the writer
/// ("<conference name>", "<Describe a time you showed leadership>").
static PROMPT_TAG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^<(?:[A-Za-z][a-z]*)(?: [A-Za-z][a-z']*){1,8}>$")
        .unwrap_or_else(|e| unreachable!("constant regex: {e}"))
});
/// HTML elements that take bare attributes (`<details open>`, `<input disabled>`): markup, not a prompt.
const HTML_ELEMENTS: &[&str] = &[
    "details", "input", "option", "select", "textarea", "button", "video", "audio", "script", "iframe",
    "dialog", "img", "a", "b", "i", "p", "div", "span", "table", "td", "th", "tr", "ol", "ul", "li",
    "summary", "track",
];
/// Words after a marker that make it named, not standing for text ("TODO comments").
static MARKER_NOUN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:comments?|items?|lists?|markers?|columns?|checkers?|apps?|lines?|tags?|fields?|entries|notes?|tickets?|labels?|widgets?|env|vars?|variables?|flags?|settings?|constants?|keys?|tokens?|placeholders?|slots?)\b")
        .unwrap_or_else(|e| unreachable!("constant regex: {e}"))
});
/// Another marker after it: a list of markers named ("flags TODO and FIXME markers").
static MARKER_LIST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?:,|/|and|or)\s*(?:TODO|TBD|FIXME|XXX|TKTK)\b")
        .unwrap_or_else(|e| unreachable!("constant regex: {e}"))
});
/// Words before a marker that name it ("the TBD items", "a TODO checker").
const DETERMINERS: &[&str] = &[
    "the",
    "a",
    "an",
    "every",
    "each",
    "all",
    "any",
    "those",
    "these",
    "stale",
    "remaining",
    "our",
    "its",
    "their",
    "no",
];

/// Whether the marker at `r` (`TODO`, `TBD`, `$XXX`) is named rather than
/// standing for missing text: after a determiner, in quotes, joined by a
/// hyphen, or before a noun such as "comments" or "items".
fn names_marker(text: &str, r: &Range<usize>) -> bool {
    let Some(found) = text.get(r.clone()) else { return false };
    let before = text[..r.start].trim_end();
    // Inside quotes in its sentence: "rejects \"TBD\" and \"lorem ipsum\"".
    let sentence = before.rsplit(['.', '!', '?', ';']).next().unwrap_or(before);
    if sentence.chars().filter(|c| matches!(c, '"' | '“' | '”')).count() % 2 == 1 {
        return true;
    }
    let word = found.trim_start_matches('$');
    let after = cues::ahead(text, r.end);
    let previous = before.rsplit(|c: char| !c.is_alphanumeric()).next().unwrap_or("").to_lowercase();
    // A status, not a gap: "which is still TBD"; the text named: "the famous Lorem Ipsum text",
    // "the word TODO"; a name as a subject: "TODO is an open community".
    let subject = after.trim_start().to_lowercase();
    if [
        "still", "remains", "remain", "word", "string", "keyword", "marker", "says", "said", "reads",
        "contains",
    ]
    .contains(&previous.as_str())
        || ["is a ", "is an ", "is the ", "group"].iter().any(|s| subject.starts_with(s))
        || (found.eq_ignore_ascii_case("lorem ipsum")
            && (after.trim_start().to_lowercase().starts_with("text")
                || before.to_lowercase().ends_with("famous")))
    {
        return true;
    }
    // A template slot before "tokens", "placeholders": the engine's syntax ("fills {{name}} tokens").
    let opened = text[..r.start].ends_with(['{', '$', '[']) || found.starts_with(['{', '$', '[']);
    if opened && MARKER_NOUN.is_match(after.trim_start_matches(['}', ']'])) {
        return true;
    }
    // A template-looking name before "env var", "flag": a setting ("the XX_TIMEOUT env var").
    if word.chars().all(|c| c.is_ascii_uppercase() || c == '_') && MARKER_NOUN.is_match(after) {
        return true;
    }
    if word.is_empty() || !word.chars().all(|c| c.is_ascii_uppercase()) {
        return false;
    }
    // A comment marker before it: code, not prose ("// TODO: assert").
    if before.ends_with("//") || before.ends_with("/*") || before.ends_with('#') {
        return true;
    }
    DETERMINERS.contains(&previous.as_str())
        || before.ends_with(['"', '\'', '“', '‘'])
        || after.starts_with(['-', '"', '\'', '”', '’'])
        || MARKER_NOUN.is_match(after)
        || MARKER_LIST.is_match(after)
}

/// The source range of the first placeholder in the raw HTML at `range` of `text`.
fn html_placeholder(text: &str, range: &Range<usize>) -> Option<Range<usize>> {
    let html = text.get(range.clone())?;
    let prompt = || {
        let m = PROMPT_TAG.find(html)?;
        let name = m.as_str()[1..].split(' ').next().unwrap_or("").to_lowercase();
        (!HTML_ELEMENTS.contains(&name.as_str())).then_some(m)
    };
    let m = HTML_PLACEHOLDER.find(html).or_else(prompt)?;
    let trimmed = m.as_str().trim_end();
    Some(range.start + m.start()..range.start + m.start() + trimmed.len())
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

/// One hit per flag: its earliest match that lies inside no match kept for
/// a more specific flag (lower rank: ladder, then behaviour, then writing;
/// in a rank, flags in rule order); a match that reaches beyond it says
/// more and is kept. Sorted by start.
fn most_specific(mut hits: Vec<(u8, FlagSource, Range<usize>)>) -> Vec<(u8, FlagSource, Range<usize>)> {
    let order = |f: &FlagSource| match f {
        FlagSource::Ladder(i) | FlagSource::Common(i) => *i,
    };
    hits.sort_by_key(|(rank, f, r)| (*rank, order(f), r.start, std::cmp::Reverse(r.end)));
    let mut kept: Vec<(u8, FlagSource, Range<usize>)> = Vec::new();
    for hit in hits {
        let done = kept.iter().any(|(_, f, _)| *f == hit.1);
        let inside = kept.iter().any(|(_, _, k)| k.start <= hit.2.start && hit.2.end <= k.end);
        if !done && !inside && !hit.2.is_empty() {
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

/// The byte range in the packet source of `r`, a range of `claim.text`
/// ([`Claim::source_range`]), else the whole claim.
fn locate(claim: &Claim, r: Range<usize>) -> Range<usize> {
    claim.source_range(r).unwrap_or_else(|| claim.range.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(text: &str, word: &str) -> bool {
        let s = text.find(word).unwrap();
        names_marker(text, &(s..s + word.len()))
    }

    #[test]
    fn a_marker_named_is_not_a_placeholder() {
        assert!(named("Filed the TBD items as tickets", "TBD"));
        assert!(named("Shipped the TODO-list widget", "TODO"));
        assert!(named("Added TODO comments to the parser", "TODO"));
        assert!(named("Built a linter that flags TODO and FIXME markers", "TODO"));
        assert!(named("Built the engine that fills {{name}} tokens", "name"));
        assert!(!named("Mentored TBD engineers", "TBD"));
        assert!(!named("Saved the company $XXX per month", "$XXX"));
    }

    #[test]
    fn placeholders_in_raw_html() {
        let text = "Design doc: <insert link> and <b>bold</b>";
        assert_eq!(html_placeholder(text, &(12..25)), Some(12..25));
        assert_eq!(html_placeholder(text, &(30..33)), None);
        let comment = "<!-- TODO: add the numbers -->";
        assert_eq!(html_placeholder(comment, &(0..comment.len())), Some(0..comment.len()));
        // A "tag" of plain words is a prompt to the writer; an element with a bare attribute is markup.
        let prompt = "<Describe a time you showed leadership>";
        assert_eq!(html_placeholder(prompt, &(0..prompt.len())), Some(0..prompt.len()));
        assert_eq!(html_placeholder("<details open>", &(0..14)), None);
    }

    #[test]
    fn a_figure_or_a_reference_is_specific_a_year_or_a_name_is_not() {
        assert!(specific("Worked on the billing migration: moved 40 services"));
        assert!(specific("Helped with the audit, writing 2,300 strings"));
        assert!(specific("Helped three interns ship their projects"));
        assert!(!specific("I worked on various data tools in 2011 for 18F"));
        assert!(!specific("I helped initiate the transformation by introducing a work system"));
    }
}
