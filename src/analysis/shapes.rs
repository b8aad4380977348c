//! Red flags read as the shape of a sentence rather than as fixed phrases:
//! a word class joined to another in one sentence, so that wordings the
//! rule files never listed are found. Used by [`super::flags`], which reads
//! each hit in context (negation, who does it) like any pattern match; all
//! ranges are byte ranges into one claim's (code-masked) text.
//!
//! - overwork: a time off work (a weekend, a night, 2am, a holiday, leave,
//!   "70-hour weeks", "three weekends straight") in a sentence where someone
//!   works, or time off given up ("gave up most of my vacation");
//!   burnout a piece of work left behind ("were left burnt out");
//! - heroics: a rescue ("came to the rescue", "saves the day", "the hero
//!   of", "the single point of knowledge"), or doing it alone ("myself",
//!   "solo", "personally", "single-handedly") with the whole of it ("all 14
//!   pages", "the whole sync layer");
//! - blame: another party (a team, a vendor, contractors, QA, a PM, "their",
//!   a named person's) and a fault ("dropped the ball", "gave up on",
//!   "ruined", "incompetence", "left it in a mess", "was wrong"), either
//!   order, unless the sentence goes on to what the candidate did about it
//!   ("…; I added a circuit breaker");
//! - vague claims: a vague amount of an abstract thing ("a lot of progress",
//!   "various tests", "significant gains") or a comparative with no measure
//!   ("made the codebase a bit easier"); the caller drops them when the
//!   claim says something specific (a figure, a reference);
//! - placeholder text: a template variable ("N customers across M
//!   regions"), bare question marks ("from ?? minutes"), a note to the
//!   writer ("(fill in details later)").
//!
//! The word classes are code, the same for every ladder: they describe how
//! the flags are said, not one ladder's wording.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::cues::one;
use crate::lint::Code;

/// Time off work: evenings, nights, small hours, weekends, holidays, leave.
const OFF_HOURS: &str = concat!(
    r"\b(?:(?:the|this|that|our|my|over|during|through)\s+)?(?:easter|christmas|winter|spring|holiday|thanksgiving|new year['’]?s?|year-end|festive) (?:break|shutdown|vacation|period)\b|",
    r"\b(?:(?:this|that|every|each|most|many|all|multiple|several|the|an?|my|our|on|at|during|over|through|two|three|four|five|\d+)\s+)",
    r"(?:(?:upcoming|entire|whole|long|late|single|few|other|consecutive|successive|straight|back-to-back|\w+giving|christmas|easter|bank|public|summer|winter)\s+)?",
    r"(?:weekends?|saturdays?|sundays?|nights?|evenings?|holidays?|days? off|christmas|new year'?s?(?: eve| day)?|thanksgiving|easter)\b",
    r"|\b(?:the |an? )?overnight\b",
    r"|\bwork(?:s|ed|ing)? (?:on )?(?:weekends|nights|evenings|holidays|saturdays|sundays)\b",
    r"|\b(?:at|until|till|past|after|around) (?:midnight|dawn|sunrise|(?:1[2]|[1-5])(?::\d\d)?\s?(?:am|a\.m\.)|(?:1[01])(?::\d\d)?\s?(?:pm|p\.m\.))",
    r"|\b(?:the|an?|every|those) (?:1[2]|[1-5])(?::\d\d)?\s?(?:am|a\.m\.)",
    r"|\ball[- ]nighters?\b|\bduring the night\b|\bround the clock\b|\baround the clock\b|\b24/7\b",
    r"|\b(?:during|on|while on|from) (?:my |our )?(?:honeymoon|vacation|holiday|pto|(?:parental|paternity|maternity|sick) leave)\b",
    r"|\bon (?:parental|paternity|maternity|sick) leave\b|\bwhile (?:i was )?(?:sick|ill)\b",
    r"|\b(?:[5-9]\d|1[0-4]\d|sixty|seventy|eighty|ninety)\+?[- ]hours?(?:[- ](?:work ?)?weeks?| (?:a|per|each) week)\b",
    r"|\b(?:1[2-9]|2[0-4]|twelve|fourteen|sixteen|eighteen)[- ]hour (?:days?|shifts?)\b",
    r"|\b(?:weeks?|days|nights|weekends|months) (?:straight|on end|in a row)\b",
    r"|\b(?:long|late|extra|crazy|insane) hours\b|\blate (?:nights?|evenings?)\b|\blate into the (?:night|evening)\b",
    r"|\bstay(?:s|ed|ing)? (?:up )?late\b|\bwork(?:s|ed|ing)? late\b",
);
/// Someone working: the verbs of doing work, and being at it.
const WORK: &str = concat!(
    r"\b(?:work|spen[dt]|stay|cod(?:ed|ing)\b|debug|answer|repl(?:y|ied)|review|fix|patch|ship|deploy|handl|help|",
    r"writ|wrote|rewr|rebuil|built|finish|dedicat|devot|put in|putting in|pull|carr|cover|test|migrat|respond|pag(?:e|es|ed|ing)\b|on[- ]call|online|awake|in the office|at my desk|firefight|come back|came back|grind|hack|push|sprint|implement|deliver|prepar|land|cut over|roll)\w*",
);
/// Time off given up for work.
const GIVEN_UP: &str = r"\b(?:skipp|cancel|gave up|giv(?:e|ing) up|postpon|sacrific|lost|lose|losing|cut short)\w*\s+(?:\w+\s+){0,3}?(?:vacations?|holidays?|pto|leave|weekends?|evenings?|nights?|sleep|days off|family time|time off)\b|\bburn(?:ed|t|ing)? the midnight oil\b";
/// Burnout that a piece of work left behind.
const BURNOUT: &str = r"\bover-?work(?:ed|ing)?\b|\b(?:left|were|became|become|got|been) (?:\w+ )?burn(?:ed|t)[- ]out\b|\bburn(?:ed|t)[- ]out (?:by|from|after)\b";

/// A rescue or being the one everything rests on.
const RESCUE: &str = concat!(
    r"\bto the rescue\b|\brescu(?:e|ed|es|ing)\b|\bsav(?:e|es|ed|ing) the (?:day|launch|release|project|quarter|deal|account|demo)\b",
    r"|\b(?:the )?hero of\b|\bfirefighter\b|\bdropped everything\b|\bover the (?:finish )?line\b|\bacross the finish line\b",
    r"|\bsingle point of (?:knowledge|failure|contact)\b|\b(?:relies|relied|rely|depends|depended) on (?:me|her|him) (?:to|for)\b",
    r"|\b(?:carried|carries|carry|carrying) the (?:team|project|org|release)\b|\bturned (?:it|the \w+) around (?:almost )?overnight\b",
    r"|\bsingle[- ]?handed(?:ly)?\b|\bon my own back\b|\b(?:can['’]t|cannot|couldn['’]t|won['’]t) (?:run|ship|work|function|survive) without me\b",
);
/// Doing it alone.
const SOLO: &str = r"\b(?:myself|by myself|alone|solo|personally|on my own)\b";
/// The whole of something.
const WHOLE: &str = r"\b(?:all|every|everything|the whole|the entire|entire|whole)\b";

/// Another party: a team, a role, an outside company, "they".
const PARTY: &str = concat!(
    r"(?:\b(?:the|another|other|two other|several other|their|that|those|these|a|an|our|my|his|her)\s+",
    r"(?:[\w&-]+\s+){0,3}?",
    r"(?:teams?|engineers?|developers?|designers?|vendors?|contractors?|suppliers?|consultants?|agency|department|management|managers?|pms?|product managers?|leads?|architects?|teammates?|colleagues?|peers?|co-?workers?|qa|sre|ops|devops|security|sales|marketing|legal|infra|partners?|providers?)",
    r"|\b(?:other teams|contractors|vendors|qa|sales|marketing|security|management|legal|product|design|ops|infra|devops|sre|finance|procurement|they)\b",
    r"|(?-i:\b[A-Z][a-z]+)['’]s\b)",
);
/// A fault: a failure of conduct, not an outage or a bug.
const FAULT: &str = concat!(
    r"\b(?:dropped the ball|screwed up|messed up|failed to|fail(?:s|ed)? to|gave up|give up|given up|ruined|botched|broke\b|broken|ignored|refused|refuses|neglected",
    r"|never (?:delivered|gave|responded|replied|showed|bothered)|sat on|took forever|(?:days|weeks|months) late|(?:was|were) (?:so |really |just )?(?:bad|terrible|awful|garbage|a mess|a disaster|unusable)|kept \w+ing (?:\w+ ){0,3}?without\b|never told|overpromised|over-promised|left (?:us|me) to (?:pick up|clean up|deal with|fix)|delivered nothing|dragg(?:ed|ing) (?:their|its|his|her) feet|mov(?:ed|ing) the goal ?posts|unmaintainable|unreadable|half-baked|(?:didn['’]t|did not|couldn['’]t|wouldn['’]t) (?:bother|deliver|respond|reply|test|read|do (?:their|his|her) job)",
    r"|kept (?:missing|breaking|changing|moving|slipping|ignoring|pushing back|dropping|delaying|cancell?ing|blocking|reopening)|keeps (?:missing|breaking|changing|slipping|ignoring)",
    r"|missed (?:their|its|the|every|all|multiple|several|two|three) \w+|left (?:\w+ ){0,3}in (?:a mess|pieces|shambles|ruins)",
    r"|incompeten\w*|sloppy|careless\w*|lazy|laziness|shoddy|poor (?:support|planning|communication|work|quality|estimates|decisions)|unresponsive|constant delays",
    r"|(?:was|were) (?:just |simply |completely |totally )?wrong|(?:had|has|have) done (?:their|his|her) job|out of (?:his|her|their) depth",
    r"|(?:was|were|is|are) (?:really |all |entirely )?on them|fault)\b",
);
/// The candidate's own fault, or the candidate cleared: "through no fault of mine".
const NOT_MY_FAULT: &str =
    r"\b(?:(?:through )?no fault of (?:mine|my own)|(?:was|is) not my fault|wasn['’]t my fault)\b";
/// What the candidate did about it, after it in the sentence.
const RESPONSE: &str = r"(?:[;,.]|\bso\b|\band\b|\bmeanwhile\b)\s*(?:so |and |then |meanwhile,? )?(?:i|we) (?:then )?(?:added|built|wrote|worked|led|kept|ran|set|moved|fixed|shipped|made|created|designed|drafted|proposed|negotiated|paired|partnered|rebuilt|rewrote|automated|introduced|turned|organi[sz]ed|escalated)\b";

/// A vague amount of an abstract thing.
const VAGUE_AMOUNT: &str = concat!(
    r"\b(?:a lot of|lots of|a (?:great |good )?(?:deal|number|variety|bunch) of|various|numerous|significant|substantial|tremendous|huge)\s+",
    r"(?:[\w-]+\s+){0,2}?",
    r"(?:progress|improvements?|gains|impact|things|stuff|tasks|tests|efforts|initiatives|projects|areas|changes|tinkering|housekeeping|decisions|value|contributions|enhancements|fixes|work)\b",
    r"|\b(?:many|several|various|a (?:wide )?range of) (?:[\w-]+\s+)?(?:priorities|topics|matters|areas|initiatives|efforts|projects|improvements|things|ways|fronts|aspects|workstreams|discussions|conversations|meetings)\b",
    r"|\bbits and pieces\b|\befforts were made\b|\bplayed an? (?:key|major|important|big|central|pivotal|critical|vital) role\b|\bwas instrumental in\b|\b(?:wherever|where|as|when) needed\b|\badded value\b",
);
/// A comparative with no measure: "made the codebase a bit easier".
const VAGUE_BETTER: &str = r"\bmade (?:the |our |my |it |them )?(?:[\w-]+ ){0,3}?(?:a (?:little|tiny bit|bit|lot) |somewhat |much |slightly |far )?(?:better|easier|faster|simpler|smoother|cleaner|nicer)\b(?: (?:to|for) [\w ]+)?\s*[.!?]*$";

/// A template variable, bare question marks, a note to the writer.
const PLACEHOLDER: &str = concat!(
    r"(?-i:(?:^|[\s(~$])[NMXY](?:\s+[a-z]+s|%)\b|\$[NMXY]\b)",
    r"|(?:^|\s)\?{2,}(?:\s|$|[.,;:)])|(?-i:\bXX+%?)|_{3,}",
    r"|(?-i:\[(?:[A-Z]{3,}(?:[ _][A-Z]+)*)\])",
    r"|[(\[]\s*(?:fill in|add|insert|put|include|update|confirm|ask \w+ for)\b[^)\]]*(?:details|numbers?|figures?|links?|metrics?|later|here|name|data)\b[^)\]]*[)\]]",
);

static OFF_HOURS_RE: LazyLock<Regex> = LazyLock::new(|| one(&format!("(?i){OFF_HOURS}")));
static WORK_RE: LazyLock<Regex> = LazyLock::new(|| one(&format!("(?i){WORK}")));
static GIVEN_UP_RE: LazyLock<Regex> = LazyLock::new(|| one(&format!("(?i){GIVEN_UP}")));
static BURNOUT_RE: LazyLock<Regex> = LazyLock::new(|| one(&format!("(?i){BURNOUT}")));
static RESCUE_RE: LazyLock<Regex> = LazyLock::new(|| one(&format!("(?i){RESCUE}")));
static SOLO_RE: LazyLock<Regex> = LazyLock::new(|| one(&format!("(?i){SOLO}")));
static WHOLE_RE: LazyLock<Regex> = LazyLock::new(|| one(&format!("(?i){WHOLE}")));
/// A party, then (in its clause, no "I" between) a fault.
static PARTY_FAULT_RE: LazyLock<Regex> =
    LazyLock::new(|| one(&format!(r"(?i)(?:{PARTY})(?:['’]s|['’])?(?:[^.;:]{{0,60}}?){FAULT}")));
/// A fault of conduct, then the party it is put on ("poor support from the
/// vendor"); "a bad deploy from another team" describes a cause, not conduct.
static FAULT_PARTY_RE: LazyLock<Regex> = LazyLock::new(|| {
    one(&format!(
        r"(?i)\b(?:poor|sloppy|careless|lazy|incompetent|unresponsive|shoddy)\s+(?:[\w-]+\s+){{0,2}}?(?:(?:from|by|of)\s+)?(?:{PARTY})"
    ))
});
static NOT_MY_FAULT_RE: LazyLock<Regex> = LazyLock::new(|| one(&format!("(?i){NOT_MY_FAULT}")));
static RESPONSE_RE: LazyLock<Regex> = LazyLock::new(|| one(&format!("(?i){RESPONSE}")));
/// The candidate, between a party and its fault: then the fault is theirs.
static SELF_RE: LazyLock<Regex> = LazyLock::new(|| one(r"(?i)\b(?:i|we|i['’]d|i['’]ve|i['’]m)\b"));
/// The candidate's own team or role: ownership, not blame.
static OWN_PARTY_RE: LazyLock<Regex> =
    LazyLock::new(|| one(r"(?i)^(?:our|my)\s+(?:[\w&-]+\s+){0,3}?(?:teams?|org|department)\b|^we\b"));
static VAGUE_AMOUNT_RE: LazyLock<Regex> = LazyLock::new(|| one(&format!("(?i){VAGUE_AMOUNT}")));
static VAGUE_BETTER_RE: LazyLock<Regex> = LazyLock::new(|| one(&format!("(?i){VAGUE_BETTER}")));
static PLACEHOLDER_RE: LazyLock<Regex> = LazyLock::new(|| one(&format!("(?i){PLACEHOLDER}")));
/// A scene set at the start of a sentence ("One weekend I decided"), not working time.
static SCENE_RE: LazyLock<Regex> =
    LazyLock::new(|| one(r"(?i)^\W*(?:one|this|last|that) (?:weekend|night|evening|saturday|sunday)\b"));

/// Off hours arranged for others ("Instituted war-room evenings", "scheduled
/// weekend sprints"): the team's crunch, which a ladder may list, not the
/// candidate's overwork.
static ARRANGED_RE: LazyLock<Regex> = LazyLock::new(|| {
    one(
        r"(?i)\b(?:instituted|scheduled|mandated|organi[sz]ed|booked|called|asked (?:the team|everyone|people|them) (?:to|for))\b[^.;,]*$",
    )
});

/// Whether the blame at `r` of `text` is followed by what the candidate did
/// about it ("…; I worked with them on a migration guide").
pub fn answered(text: &str, r: &Range<usize>) -> bool {
    text.get(r.end..).is_some_and(|after| RESPONSE_RE.is_match(after))
}

/// The sentences of `text` as byte ranges.
fn sentences(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        let next = text[i + c.len_utf8()..].chars().next();
        if matches!(c, '.' | '!' | '?' | ';') && next.is_none_or(char::is_whitespace) {
            out.push(start..i + 1);
            start = i + 1;
        }
    }
    if start < text.len() {
        out.push(start..text.len());
    }
    out
}

/// Every shape of a red flag in `text`: (its code, its range).
pub fn find(text: &str) -> Vec<(Code, Range<usize>)> {
    let mut out = Vec::new();
    for s in sentences(text) {
        let sentence = &text[s.clone()];
        let at = |r: Range<usize>| s.start + r.start..s.start + r.end;
        let works = WORK_RE.is_match(sentence);
        for m in OFF_HOURS_RE.find_iter(sentence) {
            let before = &sentence[..m.start()];
            if works
                && !SCENE_RE.is_match(&sentence[..m.end()])
                && !modifier(m.as_str(), &sentence[m.end()..])
                && !ARRANGED_RE.is_match(before)
            {
                out.push((Code::Overwork, at(m.range())));
            }
        }
        for re in [&*GIVEN_UP_RE, &*BURNOUT_RE, &*RESCUE_RE] {
            out.extend(re.find_iter(sentence).map(|m| (Code::Overwork, at(m.range()))));
        }
        if let Some(solo) = SOLO_RE.find(sentence)
            && WHOLE_RE.is_match(sentence)
            && works
        {
            out.push((Code::Overwork, at(solo.range())));
        }
        out.extend(blame(sentence, &text[s.end..]).into_iter().map(|r| (Code::BlamingOthers, at(r))));
        for re in [&*VAGUE_AMOUNT_RE, &*VAGUE_BETTER_RE] {
            out.extend(re.find_iter(sentence).map(|m| (Code::VagueClaim, at(m.range()))));
        }
        out.extend(PLACEHOLDER_RE.find_iter(sentence).map(|m| (Code::PlaceholderText, at(m.range()))));
    }
    out
}

/// Whether a time off work (`found`, then `after`) names a thing, not a
/// time: a noun after it ("the weekend deploys", "the holiday code-freeze
/// policy"), or a deadline ("the night before the review" is a rush, which
/// a ladder may list as crunch).
fn modifier(found: &str, after: &str) -> bool {
    const FUNCTION: &[&str] = &[
        "in",
        "on",
        "at",
        "to",
        "for",
        "of",
        "that",
        "this",
        "and",
        "or",
        "until",
        "till",
        "so",
        "while",
        "when",
        "with",
        "straight",
        "during",
        "too",
        "again",
        "alone",
        "as",
        "by",
        "from",
        "the",
        "a",
        "an",
        "every",
        "i",
        "we",
        "but",
        "then",
        "into",
        "over",
        "through",
        "after",
        "instead",
        "just",
        "working",
        "shifts",
        "on-call",
        "night",
        "nights",
        "morning",
        "mornings",
        "evening",
        "evenings",
        "afternoon",
        "afternoons",
    ];
    // "the 2am pages" are pages at 2am ("the 2024 holiday traffic peak" is a thing).
    let lower_found = found.to_lowercase();
    if found.chars().any(|c| c.is_ascii_digit())
        && (lower_found.ends_with("am") || lower_found.ends_with("a.m."))
    {
        return false;
    }
    let next: String = after.trim_start().chars().take_while(|c| c.is_alphanumeric() || *c == '-').collect();
    if next.eq_ignore_ascii_case("before") {
        return true;
    }
    // "the holiday-season plan": a compound, a thing.
    if after.starts_with('-') {
        return true;
    }
    // After a determiner, a number or nothing ("the weekend deploys", "the
    // 2024 holiday peak", "overnight failures"), not after a preposition
    // ("on weekends").
    let first = found.split_whitespace().next().unwrap_or("").to_lowercase();
    let determiner = !["on", "at", "during", "over", "through", "past", "until", "till", "around", "after"]
        .contains(&first.as_str());
    let lower = next.to_lowercase();
    let noun = after.starts_with(' ')
        && next.chars().all(|c| c.is_alphabetic() || c == '-')
        && !next.is_empty()
        && !lower.ends_with("ing")
        && !FUNCTION.contains(&lower.as_str());
    determiner && noun
}

/// Burnout words at `r` of `text`: overwork whoever it happened to.
pub fn is_burnout(text: &str, r: &Range<usize>) -> bool {
    text.get(r.clone()).is_some_and(|found| BURNOUT_RE.is_match(found))
}

/// Blame in one sentence: a party and its fault, with no response in the
/// sentence or in `rest`, the claim's text after it.
fn blame(sentence: &str, rest: &str) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = NOT_MY_FAULT_RE.find_iter(sentence).map(|m| m.range()).collect();
    for m in PARTY_FAULT_RE.find_iter(sentence).chain(FAULT_PARTY_RE.find_iter(sentence)) {
        let found = m.as_str();
        let own = OWN_PARTY_RE.is_match(found);
        // "their" after "I" ("I missed their ...") or an "I" between party and fault: not theirs.
        let between = found.split_once(char::is_whitespace).map_or("", |(_, rest)| rest);
        let mine = SELF_RE.is_match(between);
        let after = format!("{}{rest}", &sentence[m.end()..]);
        if !own && !mine && !bare_team(found) && !RESPONSE_RE.is_match(&after) {
            out.push(m.range());
        }
    }
    out
}

/// "the team" with nothing to say which: most often the candidate's own.
fn bare_team(found: &str) -> bool {
    let lower = found.to_lowercase();
    lower.starts_with("the team") || lower.starts_with("the teams")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(text: &str) -> Vec<Code> {
        let mut c: Vec<Code> = find(text).into_iter().map(|(c, _)| c).collect();
        c.dedup();
        c
    }

    #[test]
    fn off_hours_where_someone_works_is_overwork() {
        assert_eq!(codes("I will be reviewing the existing PR this weekend."), [Code::Overwork]);
        assert_eq!(codes("Answering Slack at midnight and on Sundays"), [Code::Overwork]);
        assert_eq!(codes("Regularly worked 70-hour weeks during the migration"), [Code::Overwork]);
        assert_eq!(codes("Gave up most of my vacation this year"), [Code::Overwork]);
        assert_eq!(
            codes("Was on the laptop every Sunday night clearing the review backlog"),
            [Code::Overwork]
        );
        assert!(codes("This weekend we celebrate the 10th anniversary").is_empty());
        // A time naming a thing: "the weekend deploys", "the 2024 holiday traffic peak".
        assert!(codes("Automated the weekend deploys with a canary check").is_empty());
        assert!(codes("Anticipating the 2024 holiday traffic peak, I ran load tests").is_empty());
        assert!(codes("Participants had standup around 9:30am and left at 5:00pm").is_empty());
    }

    #[test]
    fn a_rescue_or_doing_all_of_it_alone_is_heroics() {
        assert_eq!(codes("Came to the rescue on the data-pipeline rewrite"), [Code::Overwork]);
        assert_eq!(codes("Rewrote the whole sync layer myself in four days"), [Code::Overwork]);
        assert!(codes("I've been working mostly solo on the plugin").is_empty());
    }

    #[test]
    fn a_party_and_its_fault_is_blame_unless_the_candidate_answers_it() {
        assert_eq!(
            codes("Inherited a service that the contractors had basically ruined."),
            [Code::BlamingOthers]
        );
        assert_eq!(codes("Missed the milestone due to poor support from the vendor"), [Code::BlamingOthers]);
        assert_eq!(codes("Our PM failed to gather requirements"), [Code::BlamingOthers]);
        assert!(codes("Our team missed the deadline").is_empty());
        assert!(codes("The platform team's change broke our jobs; I worked with them on a guide").is_empty());
        assert!(codes("It turned out to be a bad deploy from another team").is_empty());
    }

    #[test]
    fn vague_amounts_and_placeholders() {
        assert_eq!(codes("We made a lot of progress with the benchmark suite."), [Code::VagueClaim]);
        assert_eq!(codes("Owned the rollout to N customers across M regions."), [Code::PlaceholderText]);
        assert_eq!(codes("Cut build times from ?? minutes"), [Code::PlaceholderText]);
        assert!(codes("Added 300 regression tests to the nightly suite").is_empty());
    }
}
