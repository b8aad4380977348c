//! How a red flag's words are read in their sentence: whether the clause
//! negates or reduces them, who does what they describe, whether a word is a
//! name, and hedges spread over a sentence. Used by [`super::flags`]; all
//! ranges are byte ranges into one claim's (code-masked) text.
//!
//! The cues are code, not rule data: they are how red flags are read, the
//! same for every ladder.

use std::ops::Range;
use std::sync::LazyLock;

use super::fixed::{Family, Fixed};

/// Words between a negating cue and the flag it negates, at most.
pub const NEGATION_REACH: usize = 8;
/// Hedges in one sentence that make it hedging, at least.
const MIN_HEDGES: usize = 2;

/// Cues that negate or reduce what follows them in a clause, or say it is
/// talked about rather than done (a policy, a retro on it).
const NEGATIONS: &[&str] = &[
    r"\b(?:nobody|no one|no-one|noone|none of us)\b",
    r"\bno (?:longer|more|need|one)\b",
    // "never needed a last-minute push" (session 18), "never had to".
    r"\bnever (?:again|had to|have to|needs?|needed)\b",
    r"\bwithout\b",
    // "cut" and not "cutover": a cutover is work, not a reduction.
    r"\b(?:(?:reduc|eliminat|avoid|prevent|remov|lower|minimi[sz]|replac|stopp?|limit)\w*|cut|cuts|cutting)\b",
    r"\b(?:fewer|less|zero|instead of|rather than|put an end to|get rid of|got rid of)\b",
    r"\b(?:don['’]t|do not|doesn['’]t|does not|didn['’]t|did not|won['’]t|wouldn['’]t|isn['’]t|aren['’]t|needn['’]t|wasn['’]t|weren['’]t|was not|were not)\b",
    r"\bno (?:single )?(?:person|engineer|individual)\b",
    r"\bnot (?:have|need|required|asked|expected) to\b|\bnot (?:a|an|the) (?:reason|excuse|substitute) for\b",
    r"\bso (?:that )?(?:we|they|the team|people|engineers) (?:can )?(?:stop|skip)\b",
    r"\b(?:polic(?:y|ies)|charter|guidelines?|(?:working|team) agreements?|norms)\b",
    // Ahead of it, or talked about ("getting ahead on ATOs before it's a time crunch", "Interviewed developers about crunch culture").
    r"\b(?:get|getting|got|stay|staying|stayed) ahead\b|\b(?:interview|survey|research|stud(?:y|ied)|talk|spoke|wrote|writing)\w* (?:\w+ ){0,3}about\b",
    r"\b(?:retro(?:spective)?s?|post-?mortems?|lessons learned) (?:on|of|about|for|from)\b",
    // A habit given up ("I used to handle every sev-1 myself"), work kept away ("kept the team off").
    r"\bused to\b|\b(?:kept|keep|keeps|keeping) (?:\w+ ){0,3}(?:off|out of)\b|\bsaid no to\b",
];
/// A clause that opens with what is avoided: "Instead of having an engineer work alone".
static OPENS_AS_AVOIDED: LazyLock<Fixed> =
    LazyLock::new(|| Fixed::new(r"(?i)^\W*(?:instead of|rather than)\b"));
/// A rule against it in the sentence: "We are not expected to answer emails past 6PM".
static NOT_EXPECTED: LazyLock<Fixed> = LazyLock::new(|| {
    Fixed::new(
        r"(?i)\b(?:(?:are|is|am|were|was)(?:n['’]t| not) (?:expected|required|asked|supposed) to|no (?:one|body) is expected to|no expectation)\b",
    )
});
/// Words right before a flag that negate it ("not crunch", "No heroics").
static NEGATED_WORD: LazyLock<Fixed> =
    LazyLock::new(|| Fixed::new(r"(?i)\b(?:no|not|never|nothing|zero|without)\s*$"));
/// Cues right after a flag (at most three words after it, in its clause)
/// that say it went down ("overtime dropped 30%").
const REDUCTIONS: &[&str] = &[
    r"^\W*(?:\w+\W+){0,5}?(?:dropped|fell|went down|decreased|declined|is gone|are gone|disappeared|ended|down by|no longer)\b",
    // "the pre-tax-season crunch has not come back since 2022".
    r"^\W*(?:\w+\W+){0,3}?(?:has not|have not|hasn['’]t|haven['’]t|never) (?:come|came) back\b",
    // "Overtime on the ops team went from 120 hours a month to under 20".
    r"^\W*(?:\w+\W+){0,5}?went from\b[^.;]{0,30}?\bto (?:under|below|less than|zero|nothing|almost none|near zero)\b",
    // "Overtime is generally not an option" (session 18).
    r"^\W*(?:\w+\W+){0,2}?(?:is|are|was|were) (?:generally |usually |simply )?not an option\b",
];
/// Hedges; [`MIN_HEDGES`] different ones in a sentence make it hedging.
const HEDGES: &[&str] = &[
    r"\bi (?:think|guess|believe|feel|suppose|hope)\b",
    r"\bprobably\b",
    r"\bmaybe\b",
    r"\bperhaps\b",
    r"\bpossibly\b|\bpotentially\b|\bpresumably\b",
    r"\b(?:kind|sort) of\b|\b(?:kinda|sorta)\b",
    r"\bsomewhat\b",
    r"\b(?:might|may|could) have\b",
    r"\bhopefully\b|\bi would say\b|\bi['’]d say\b|\bas far as i (?:can tell|know)\b",
    r"\barguably\b",
    r"\bmore or less\b",
    r"\bto (?:some|a certain) (?:extent|degree)\b",
    r"\bnot (?:really |totally |entirely |completely |100% )?sure\b",
    r"\b(?:it'?s |it is )?possible that\b|\b(?:it['’]s|it is) possible\b",
    r"\bhard to (?:say|tell|know)\b",
    r"\b(?:seems?|seemed) like\b|\bapparently\b|\bi suppose\b|\bi['’]?d like to (?:think|believe)\b",
    r"\bsee?m(?:s|ed)? to\b",
    r"\ba (?:tiny |little )?(?:bit|little)\b",
    r"\b(?:some|anecdotal) evidence (?:that|of)\b",
];

fn set(patterns: &[&str]) -> Vec<Fixed> {
    patterns.iter().map(|p| Fixed::case_insensitive(*p)).collect()
}

static NEGATION_RE: LazyLock<Vec<Fixed>> = LazyLock::new(|| set(NEGATIONS));
static REDUCTION_RE: LazyLock<Vec<Fixed>> = LazyLock::new(|| set(REDUCTIONS));
static HEDGE_RE: LazyLock<Vec<Fixed>> = LazyLock::new(|| set(HEDGES));
/// What [`negated_within`] reads the words before a match with.
static NEGATION: LazyLock<Family> =
    LazyLock::new(|| Family::new(std::iter::once(&*NEGATED_WORD).chain(NEGATION_RE.iter())));
/// What [`spread_hedges`] reads a claim with.
static HEDGING: LazyLock<Family> =
    LazyLock::new(|| Family::new(HEDGE_RE.iter().chain(std::iter::once(&*NOT_A_CLAIM))));
/// Where a clause ends: punctuation, and the words that join clauses.
static CLAUSE_END: LazyLock<Fixed> =
    LazyLock::new(|| Fixed::new(r"(?i)[.;:!?,()]|\s(?:and|but|while|although|though|whereas|then)\s"));
/// Where a sentence ends.
static SENTENCE_END: LazyLock<Fixed> = LazyLock::new(|| Fixed::new(r"[.;!?]\s"));
/// Other people as the ones doing something: a team, everyone, the others.
static OTHERS: LazyLock<Fixed> = LazyLock::new(|| {
    Fixed::new(
        r"(?i)\b(?:(?:the|my|our|their|his|her|whole|entire) (?:whole |entire )?(?:[\w&-]+ ){0,4}?(?:team|teams|squad|pod|tribe|org|department|staff|crew|rotation|group|engineers|reports)|(?:a|my|our|the) (?:colleague|teammate|co-?worker|peer|manager|contributor|maintainer|volunteer)s?|you|everyone|everybody|anyone|anybody|all of them|the others|the rest of (?:the|us|them)|people|they)\b",
    )
});
/// After a party in object position, words that make it the one doing it:
/// "thanks to the team for putting in long hours", "the engineers who stayed".
static AGENT_AFTER: LazyLock<Fixed> = LazyLock::new(|| {
    Fixed::new(
        r"(?i)^(?:,[^,.;]{1,30},)?,?\s+(?:for \w+ing|who|that (?:stayed|worked|put|pulled|spent|gave)|was|were|kept|worked|pulled|put|spent|stayed|merged|pushed|shipped|deployed|changed|broke|made|did|had)\b",
    )
});
/// The candidate (alone or with others) as the one doing it.
static SELF: LazyLock<Fixed> = LazyLock::new(|| {
    Fixed::new(r"(?i)\b(?:i|i['’]m|i['’]ve|i['’]d|me|my|myself|we|we['’]re|we['’]ve|us|our|ourselves)\b")
});
/// The words of `text` (runs of letters and digits) with their byte
/// offsets, for the cues that look for a word rather than a pattern.
fn words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(move |w| (w.as_ptr() as usize - text.as_ptr() as usize, w))
}
/// After a hedge: a plan or a wish, not a claim ("I think I'm going to").
static NOT_A_CLAIM: LazyLock<Fixed> = LazyLock::new(|| {
    Fixed::new(
        r"(?i)^\W*(?:i['’]m |we['’]re |i am |we are |i |we )?(?:going to|gonna|will|['’]ll|wish|want|would like|['’]d like|should)\b",
    )
});

/// Where the sentence that `before` ends in starts: a byte offset into
/// `before` (0 when no sentence ends in it).
fn sentence_start(before: &str) -> usize {
    last_end(&SENTENCE_END, before)
}

/// The sentence of `text` that ends at byte offset `at` (a sentence ends
/// at `.`, `;`, `!` or `?` followed by whitespace), at most
/// `SENTENCE_REACH` (1,000) bytes of it: the words before a match that a
/// cue reads. Empty when `at` is past the end or inside a character.
pub fn sentence_before(text: &str, at: usize) -> &str {
    let Some(before) = text.get(..at) else { return "" };
    &before[sentence_start(before)..]
}

/// The end of the last match of `re` in the last [`SENTENCE_REACH`] bytes
/// of `before` (a byte offset into `before`), or where those bytes start
/// when there is none: a cue reads its sentence or clause at most that far
/// back, so a line with no full stop costs its length, not its square.
fn last_end(re: &Fixed, before: &str) -> usize {
    let mut from = before.len().saturating_sub(SENTENCE_REACH);
    while !before.is_char_boundary(from) {
        from -= 1;
    }
    re.find_iter(&before[from..]).last().map_or(from, |m| from + m.end())
}

/// How far, in bytes, a word test looks from a match for the words of its
/// sentence. A "sentence" longer than this (a page with no full stop) is
/// no sentence a reader reads, and scanning all of it for every match would
/// make one long line cost its length squared.
const SENTENCE_REACH: usize = 1_000;

/// At most `SENTENCE_REACH` (1,000) bytes of `text` from byte offset `from` (cut
/// on a character boundary): the words after a match that a cue reads.
/// Empty when `from` is past the end or inside a character.
pub fn ahead(text: &str, from: usize) -> &str {
    let Some(rest) = text.get(from..) else { return "" };
    let mut to = SENTENCE_REACH.min(rest.len());
    while !rest.is_char_boundary(to) {
        to += 1;
    }
    &rest[..to]
}

/// `start..end` (a sentence around `r`, byte offsets into `text`) cut to at
/// most [`SENTENCE_REACH`] bytes before `r` and after it, on character
/// boundaries.
fn within_reach(text: &str, r: &Range<usize>, start: usize, end: usize) -> Range<usize> {
    let mut from = start.max(r.start.saturating_sub(SENTENCE_REACH));
    while !text.is_char_boundary(from) {
        from -= 1;
    }
    let mut to = end.min(r.end.saturating_add(SENTENCE_REACH)).max(from);
    while !text.is_char_boundary(to) {
        to += 1;
    }
    from..to
}

/// Whether the clause around `r` in `text` negates or reduces it, with the
/// cue at most `reach` words before the match or just after it.
pub fn negated_within(text: &str, r: &Range<usize>, reach: usize) -> bool {
    let before = &text[..r.start];
    let start = last_end(&CLAUSE_END, before);
    let clause = &before[start..];
    // The last few words of the clause before the match.
    let starts: Vec<usize> = clause
        .char_indices()
        .filter(|&(i, c)| !c.is_whitespace() && (i == 0 || clause[..i].ends_with(char::is_whitespace)))
        .map(|(i, _)| i)
        .collect();
    // "Instead of having an engineer work alone on a task for long hours": the clause is what is avoided.
    if OPENS_AS_AVOIDED.is_match(clause) {
        return true;
    }
    // "We are not expected to answer emails past 6PM, on weekends": the sentence is a rule.
    let sentence_start = sentence_start(before);
    if NOT_EXPECTED.is_match(&before[sentence_start..]) {
        return true;
    }
    let reach_start = starts.len().checked_sub(reach).map_or(0, |k| starts[k]);
    let window = &clause[reach_start..];
    let scan = NEGATION.scan(window);
    if scan.is_match(&NEGATED_WORD, window) || NEGATION_RE.iter().any(|re| scan.is_match(re, window)) {
        return true;
    }
    let after = ahead(text, r.end);
    let end = CLAUSE_END.find(after).map_or(after.len(), |m| m.start());
    REDUCTION_RE.iter().any(|re| re.is_match(&after[..end]))
}

/// Whether, in its sentence, the last party named before `r` is someone
/// else (a team, everyone, "the others") rather than the candidate ("I",
/// "we", or nobody: a bullet's subject is the candidate). "The whole squad
/// worked through the holidays" is the team's crunch, not the candidate's
/// overwork; "Nobody else could fix it, so I stayed up" is the candidate's.
pub fn done_by_others(text: &str, r: &Range<usize>) -> bool {
    let before = &text[..r.start];
    let start = sentence_start(before);
    let sentence = &before[start..];
    // "a colleague on holiday": the time off right after a party is theirs.
    let state = text[r.clone()].to_lowercase();
    let theirs = (state.starts_with("on ") || state.starts_with("while "))
        && OTHERS.find_iter(sentence).into_iter().any(|m| {
            let between = sentence[m.end()..].trim().to_lowercase();
            ["", "who was", "who were", "was", "were", "while"].contains(&between.as_str())
        });
    if theirs {
        return true;
    }
    // The candidate opens the match: "I alone kept the pipeline alive".
    if SELF.find(&text[r.clone()]).is_some_and(|m| m.start() == 0) {
        return false;
    }
    // "with the team" counts the candidate in; "Took the whole rotation" is
    // the candidate's object, not someone else doing it. A party that is the
    // subject of a clause closed before the match ("While the rest of the
    // team was away, I…", "after the original team had let it drift, and
    // worked nights") is not the subject of the match.
    let others: Vec<Range<usize>> = OTHERS
        .find_iter(sentence)
        .into_iter()
        .filter(|m| {
            subject_position(&sentence[..m.start()]) || AGENT_AFTER.is_match(ahead(text, start + m.end()))
        })
        .filter(|m| !(subordinate(&sentence[..m.start()]) && sentence[m.end()..].contains(',')))
        .map(|m| m.range())
        .collect();
    let Some(last_other) = others.iter().map(|o| o.end).max() else { return false };
    // "my team" is the team, not the candidate: its "my" does not count.
    let last_self = SELF
        .find_iter(sentence)
        .into_iter()
        .filter(|m| !others.iter().any(|o| o.start <= m.start() && m.end() <= o.end))
        .map(|m| m.start())
        .max();
    last_self.is_none_or(|s| s < last_other)
}

/// Words that open a subordinate clause ("while", "after", "because"): a
/// party right after one is the subject of that clause only.
const SUBORDINATORS: &[&str] = &[
    "because", "while", "when", "as", "since", "after", "before", "until", "whereas", "although", "though",
    "if", "once",
];

/// The last word of `before` (a run of letters and digits), lowercased;
/// empty when `before` ends in none.
fn last_word(before: &str) -> String {
    before.trim_end().rsplit(|c: char| !c.is_alphanumeric()).next().unwrap_or("").to_lowercase()
}

/// Whether a party after `before` (its sentence so far) opens a
/// subordinate clause: right after one of [`SUBORDINATORS`].
fn subordinate(before: &str) -> bool {
    SUBORDINATORS.contains(&last_word(before).as_str())
}

/// Whether a party after `before` (its sentence so far) is where a subject
/// goes: at the start, after a clause boundary or a word that opens a
/// clause ("because", "while", "so"), not after a verb or a preposition
/// ("Took the whole rotation", "with the team").
fn subject_position(before: &str) -> bool {
    // Besides the subordinators: words that join or open a clause.
    const OPENERS: &[&str] =
        &["and", "but", "so", "then", "that", "who", "where", "whole", "entire", "even", "all", "both"];
    let trimmed = before.trim_end();
    if trimmed.is_empty() || trimmed.ends_with(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’') {
        return true;
    }
    let previous = last_word(trimmed);
    // A few words opening the sentence ("In Q3 my team worked"): a subject after them.
    let words = trimmed.split_whitespace().count();
    OPENERS.contains(&previous.as_str())
        || SUBORDINATORS.contains(&previous.as_str())
        || (words <= 3
            && trimmed.split_whitespace().next().is_some_and(|w| {
                ["in", "during", "over", "for", "by", "on", "at", "last", "this", "that"]
                    .contains(&w.to_lowercase().as_str())
            }))
}

/// A thing named after the words before it: "a crunch-time bug", "the overtime report".
static THING_AFTER: LazyLock<Fixed> = LazyLock::new(|| {
    Fixed::new(
        r"(?i)^(?:-\w+)?\s+(?:bugs?|issues?|features?|tools?|reports?|dashboards?|views?|settings?|calculators?|trackers?|planners?|widgets?|fields?|columns?|tickets?|labels?)\b",
    )
});

/// Whether the words at `r` of `text` name a thing that follows them ("a
/// crunch-time bug in the planning tool"), not what they describe.
pub fn names_thing(text: &str, r: &Range<usize>) -> bool {
    THING_AFTER.is_match(ahead(text, r.end))
}

/// Whether `r` is one capitalised word inside a sentence: a name ("Ran
/// Project Crunch", "Added a Weekend mode"), not the thing it names. Words
/// in capitals only (`TODO`) are not names.
pub fn is_name(text: &str, r: &Range<usize>) -> bool {
    let Some(word) = text.get(r.clone()) else { return false };
    let mut chars = word.chars();
    let capitalised = chars.next().is_some_and(char::is_uppercase)
        && word.chars().all(char::is_alphabetic)
        && chars.any(char::is_lowercase);
    let previous = text[..r.start].trim_end().chars().last();
    // A word in single quotes names a thing: "Our 'firefighter' rotation".
    let quoted = text[..r.start].ends_with(['\'', '‘']) && text[r.end..].starts_with(['\'', '’']);
    quoted || (capitalised && previous.is_some_and(|c| c.is_alphanumeric() || ",(".contains(c)))
}

/// Whether `r` is inside double quotes in its sentence: words quoted (a
/// rule, a saying, someone's words: "no expectation of replies on
/// weekends"), not the candidate's own account.
pub fn quoted(text: &str, r: &Range<usize>) -> bool {
    let before = &text[..r.start];
    let start = sentence_start(before);
    let sentence = &before[start..];
    let straight = sentence.matches('"').count();
    let opened = sentence.matches('“').count();
    let closed = sentence.matches('”').count();
    straight % 2 == 1 || opened > closed
}

/// Whether the sentence of `r` is about someone else ("Amongst the many
/// things he has done, Niko has been part of the Core Team"): "he" or
/// "she" in it and no "I" or "we". A smell in another person's story is
/// not the candidate's writing about their own work.
pub fn about_someone_else(text: &str, r: &Range<usize>) -> bool {
    let before = &text[..r.start];
    let start = sentence_start(before);
    let after = ahead(text, r.end);
    let end = SENTENCE_END.find(after).map_or(r.end + after.len(), |m| r.end + m.start());
    let sentence = &text[within_reach(text, r, start, end)];
    // "he" or "she" as a word: a plain word test, no pattern to compile and cache.
    let third_person =
        words(sentence).any(|(_, w)| w.eq_ignore_ascii_case("he") || w.eq_ignore_ascii_case("she"));
    third_person && !SELF.is_match(sentence)
}

/// Whether the sentence of `r` speaks to the reader ("You shouldn't have
/// to wait until you feel burned out", "Maybe at one point you put a lot of
/// time into your project"): advice, not the candidate's account.
pub fn to_the_reader(text: &str, r: &Range<usize>) -> bool {
    let before = &text[..r.start];
    let start = sentence_start(before);
    let sentence = &text[within_reach(text, r, start, text.len().min(r.end.max(start)))];
    // "you", "you're": the word "you" (an apostrophe ends a word).
    let you = words(sentence).filter(|(_, w)| w.eq_ignore_ascii_case("you")).map(|(i, _)| i).last();
    let me = SELF.find_iter(sentence).into_iter().map(|m| m.start()).max();
    you.is_some_and(|y| me.is_none_or(|m| m < y))
}

/// Sentences of `text` holding two or more different hedges: the
/// range from the first hedge to the end of the last. A hedge before a plan
/// or a wish ("I think I'm going to", "I kinda wish") does not count.
pub fn spread_hedges(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let scan = HEDGING.scan(text);
    for end in text.match_indices(['.', '!', '?', ';']).map(|(i, _)| i + 1).chain([text.len()]) {
        if end <= start {
            continue;
        }
        let sentence = &text[start..end];
        let found: Vec<Range<usize>> = HEDGE_RE
            .iter()
            .filter_map(|re| scan.find(re, sentence))
            .filter(|m| !scan.is_match(&NOT_A_CLAIM, &sentence[m.end()..]))
            .map(|m| m.range())
            .collect();
        if found.len() >= MIN_HEDGES {
            let first = found.iter().map(|r| r.start).min().unwrap_or(0);
            let last = found.iter().map(|r| r.end).max().unwrap_or(sentence.len());
            out.push(start + first..start + last);
        }
        start = end;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str, word: &str) -> Range<usize> {
        let s = text.find(word).unwrap();
        s..s + word.len()
    }

    #[test]
    fn every_cue_compiles() {
        let singles = [
            &*NEGATED_WORD,
            &*CLAUSE_END,
            &*SENTENCE_END,
            &*OTHERS,
            &*AGENT_AFTER,
            &*SELF,
            &*OPENS_AS_AVOIDED,
            &*NOT_EXPECTED,
        ];
        let all = NEGATION_RE.iter().chain(&*REDUCTION_RE).chain(&*HEDGE_RE).chain(singles);
        all.chain([&*NOT_A_CLAIM, &*THING_AFTER]).for_each(crate::analysis::fixed::compile_all);
    }

    #[test]
    fn negation_and_reduction_in_the_clause_only() {
        let neg = |text: &str, word: &str| negated_within(text, &at(text, word), NEGATION_REACH);
        assert!(neg("Automated the release so nobody has to work weekends", "work weekends"));
        assert!(neg("Reduced overtime on the support team by 30%", "overtime"));
        assert!(neg("Weekend work dropped to zero", "Weekend work"));
        assert!(neg("The team was allowed a limited amount of overtime", "overtime"));
        assert!(neg("Ran the retro on the death-march launch", "death-march"));
        assert!(!neg("Reduced latency by 30%, while I worked every weekend", "worked every weekend"));
        assert!(!neg("Had to stay late most nights in February", "stay late"));
    }

    #[test]
    fn who_does_it() {
        let others = |text: &str, word: &str| done_by_others(text, &at(text, word));
        assert!(others("The whole squad pulled together and worked through the holidays", "worked through"));
        assert!(others("Everyone put in 60-hour weeks before GA", "60-hour weeks"));
        assert!(others("My team worked every weekend", "worked every weekend"));
        assert!(!others("Worked every weekend in Q4", "Worked every weekend"));
        assert!(!others("Nobody else could fix it, so I spent every evening on it", "spent every evening"));
        assert!(!others("The team was blocked. I worked every weekend", "worked every weekend"));
        // A party in object position is not the one doing it; a party "on holiday" is the one away.
        assert!(!others("Took the whole on-call rotation for December myself", "myself"));
        assert!(!others("Covered for the team overnight during the migration", "overnight"));
        assert!(others("Covered for a colleague on holiday by reviewing her PRs", "on holiday"));
        assert!(others("Thanks to the data team for putting in long hours", "putting in long hours"));
        // A party followed by its verb is the subject, after an opening phrase too.
        let pod = "During tax season the whole payments pod, Jamal included, was working evenings";
        assert!(others(pod, "working evenings"));
        // A party of a clause closed before the match; a party and its verb.
        let away = "While the rest of the team was away for the holidays, I alone kept the pipeline alive";
        assert!(!others(away, "I alone kept"));
        let drift =
            "I was pulled in late, after the original team had let it drift, and worked nights for a month";
        assert!(!others(drift, "worked nights"));
        assert!(others("Because the team worked all weekend, we shipped", "worked all weekend"));
        let leave = "Some regressions came from changes the EMEA team merged while I was on leave";
        assert!(others(leave, "while I was on leave"));
    }

    #[test]
    fn a_capitalised_word_inside_a_sentence_is_a_name() {
        assert!(is_name("Ran Project Crunch, the compaction effort", &at("Ran Project Crunch", "Crunch")));
        assert!(!is_name("Crunch is how we ship", &(0..6)));
        assert!(!is_name("Mentored TBD engineers", &at("Mentored TBD engineers", "TBD")));
    }

    #[test]
    fn quoted_words_advice_and_other_people_are_not_the_candidate_s_account() {
        let agreement = "Wrote the team's working agreement: \"no replies expected on weekends\".";
        assert!(quoted(agreement, &at(agreement, "on weekends")));
        assert!(!quoted("Answered pages on weekends", &at("Answered pages on weekends", "on weekends")));
        let advice = "You shouldn't have to wait until you burn out to take a vacation.";
        assert!(to_the_reader(advice, &at(advice, "a vacation")));
        let own = "When you are on call, I take the weekend pages.";
        assert!(!to_the_reader(own, &at(own, "weekend pages")));
        let story = "Amongst the many things he has done, Niko has been part of the Core Team.";
        assert!(about_someone_else(story, &at(story, "many things")));
        let mine = "He asked, and I worked on various things.";
        assert!(!about_someone_else(mine, &at(mine, "various things")));
        let role = "Our 'firefighter' rotation changes weekly";
        assert!(is_name(role, &at(role, "firefighter")));
    }

    #[test]
    fn a_sentence_is_read_only_within_reach_of_the_match() {
        // "he" 1,500 bytes after the match in one endless sentence is out of reach.
        let far = format!("Worked on stuff {} and he said so", "and more ".repeat(170));
        assert!(!about_someone_else(&far, &at(&far, "Worked on")));
        let near = "He worked on stuff and so on";
        assert!(about_someone_else(near, &at(near, "worked on")));
        // Cuts land on character boundaries, never inside one.
        let accents = "é".repeat(800);
        assert_eq!(ahead(&accents, 1), "");
        assert!(ahead(&accents, 0).len() >= SENTENCE_REACH && ahead(&accents, 0).len() <= SENTENCE_REACH + 1);
        assert_eq!(within_reach(&accents, &(800..802), 0, accents.len()).start, 0);
    }

    #[test]
    fn a_cutover_is_work_not_a_reduction() {
        let text = "Did the whole cutover myself";
        assert!(!negated_within(text, &at(text, "myself"), NEGATION_REACH));
        let cut = "Cut weekend pages by half";
        assert!(negated_within(cut, &at(cut, "weekend pages"), NEGATION_REACH));
        let fell = "Overtime on the ops team went from 120 hours to under 20";
        assert!(negated_within(fell, &at(fell, "Overtime"), NEGATION_REACH));
        // What is avoided, and a rule against it, however far from the words.
        let instead = "Instead of having an engineer work alone on a task for long hours, we pair";
        assert!(negated_within(instead, &at(instead, "long hours"), NEGATION_REACH));
        let rule = "We are not expected to answer emails past 6PM, on weekends or on holidays.";
        assert!(negated_within(rule, &at(rule, "on holidays"), NEGATION_REACH));
    }

    #[test]
    fn hedges_spread_over_a_sentence() {
        assert_eq!(spread_hedges("I think I've probably become more of a leader, maybe.").len(), 1);
        assert!(spread_hedges("I think the cache is faster. It is probably right.").is_empty());
        assert!(spread_hedges("I think I'm going to do it again, I kinda wish we had more.").is_empty());
    }
}
