//! Red flags read as the shape of a sentence rather than as fixed phrases:
//! a word class joined to another in one sentence, so that wordings the
//! rule files never listed are found. Used by [`super::flags`], which reads
//! each hit in context (negation, who does it) like any pattern match; all
//! ranges are byte ranges into one claim's (code-masked) text.
//!
//! - overwork: a time off work (a weekend, a night, "between 10pm and 2am",
//!   a named holiday, leave, a honeymoon, a wedding, a hospital bed, a fever,
//!   "70-hour weeks", "19 hours straight") in a sentence where someone
//!   works, unless a rule about it ("the on-call compensation policy");
//!   time off given up or never taken ("skipped lunch and the team offsite",
//!   "has not taken a day of PTO"), sleep cut short, the work of several
//!   people, always there first and last; burnout a piece of work left
//!   behind ("were left burnt out");
//! - heroics: a rescue ("came to the rescue", "saves the day", "the last
//!   line of defence"), doing it alone ("myself", "on my own") with the
//!   whole of it ("the whole sync layer"), or the candidate set against
//!   everyone else ("everyone looked to me", "stuck for a week until I
//!   joined", "Without my intervention, … would have", "when three previous
//!   owners could not");
//! - blame ([`super::blame`]) and writing smells ([`super::smells`]) are
//!   read per sentence by their own modules.
//!
//! The word classes are code, the same for every ladder: they describe how
//! the flags are said, not one ladder's wording.

use std::ops::Range;
use std::sync::LazyLock;

use super::blame;
use super::cues;
use super::fixed::{Family, Fixed};
use super::smells;
use crate::lint::Code;

/// Time off work: evenings, nights, small hours, weekends, holidays, leave.
const OFF_HOURS: &str = concat!(
    r"\b(?:(?:the|this|that|our|my|over|during|through)\s+)?(?:easter|christmas|winter|spring|holiday|thanksgiving|new year['’]?s?|year-end|festive) (?:break|shutdown|vacation|period)\b|",
    r"\b(?:(?:this|that|every|each|most|many|all|multiple|several|the|an?|my|our|on|at|during|over|through|two|three|four|five|\d+)\s+)",
    r"(?:(?:upcoming|entire|whole|long|late|single|few|other|consecutive|successive|straight|back-to-back|\w+giving|christmas|easter|bank|public|summer|winter)\s+)?",
    r"(?:weekends?|saturdays?|sundays?|nights?|evenings?|holidays?|vacations?|days? off|christmas|new year'?s?(?: eve| day)?|thanksgiving|easter)\b",
    r"|\b(?:the |an? )?overnight\b",
    // A holiday by name: "Spent Christmas Eve on a bridge call".
    r"|\b(?:christmas|new year['’]?s|thanksgiving|easter|boxing day)(?: eve| day| weekend| morning| night| sunday| monday)\b",
    r"|\bwork(?:s|ed|ing)? (?:on )?(?:weekends|nights|evenings|holidays|saturdays|sundays)\b",
    // Small hours and late evening on the clock: "until 2am", "between 10pm and 2am", "stand-ups at 9pm".
    r"|\b(?:at|until|till|past|after|around|between|from|and|to) (?:well past |gone )?(?:midnight|dawn|sunrise|(?:1[2]|[1-5])(?::\d\d)?\s?(?:am|a\.m\.)|(?:9|1[01])(?::\d\d)?\s?(?:pm|p\.m\.))",
    r"|\b(?:the|an?|every|those) (?:1[2]|[1-5])(?::\d\d)?\s?(?:am|a\.m\.)",
    r"|\b(?:until|till|past) (?:well )?(?:past |after )?midnight\b",
    r"|\ball[- ]nighters?\b|\bduring the night\b|\bround the clock\b|\baround the clock\b|\b24/7\b",
    // Life outside work: leave, a honeymoon, a wedding, a hospital bed, a fever.
    r"|\b(?:during|on|while on|from|throughout|through|over|at|in) (?:my |our |the |a |(?:my |our )?[\w-]+['’]s )?(?:(?:own|annual|planned|whole|entire) )?(?:honeymoon|vacations?|holidays?|pto|(?:parental|paternity|maternity|sick|annual|family) leave|wedding|funeral|hospital(?: bed| stay)?|surgery|sabbatical|time off|days? off)\b",
    r"|\bon (?:parental|paternity|maternity|sick) leave\b|\bwhile (?:i was )?(?:sick|ill|in hospital|in the hospital)\b",
    r"|\bthrough (?:a |the |my )?(?:[\d.]+°?[fc]? )?(?:fever|flu|covid|illness|migraine)\b",
    r"|\b(?:maternity|labou?r|delivery|hospital) (?:ward|room|bed)\b|\bthe (?:day|night|week) (?:my|our) (?:[\w-]+ )?(?:was born|were born|got married|died|passed away)\b",
    r"|\b(?:[5-9]\d|1[0-4]\d|sixty|seventy|eighty|ninety)\+?[- ]hours?(?:[- ](?:work ?)?weeks?| (?:a|per|each) week)\b",
    r"|\b(?:1[2-9]|2[0-4]|twelve|fourteen|sixteen|eighteen)[- ]hour (?:days?|shifts?)\b",
    r"|\b(?:weeks?|days|nights|weekends|months) (?:straight|on end|in a row)\b",
    // Hours at a stretch, sleep cut short: "19 hours straight", "six hours of sleep".
    r"|\b(?:1\d|2\d|3\d|twelve|fourteen|sixteen|eighteen|twenty|thirty)(?:\+)?[- ]hours? (?:straight|on end|in a row|without (?:a )?(?:break|sleep|rest)|(?:shift|stretch|session)s?)\b",
    r"|\b(?:\d|one|two|three|four|five|six)(?:\.\d)? hours of sleep\b|\b(?:no|little|barely any|hardly any|without) sleep\b|\bsleepless\b|\bslept (?:at|in|under) (?:the|my) (?:office|desk)\b",
    r"|\b(?:double|back-to-back|extra) shifts\b",
    r"|\b(?:long|late|extra|crazy|insane) hours\b|\blate (?:nights?|evenings?)\b|\blate into the (?:night|evening)\b",
    r"|\bstay(?:s|ed|ing)? (?:up )?late\b|\bwork(?:s|ed|ing)? late\b",
    // Time that was not work time: "on lunch breaks and after the kids were asleep".
    r"|\b(?:weekends|holidays|nights) included\b|\bincluding (?:weekends|holidays|nights)\b|\bon (?:my |our )?lunch breaks?\b|\bafter (?:the|my|our) (?:kids|children|family) (?:were|was|went|had gone) (?:asleep|to bed|to sleep)\b",
);
/// Someone working: the verbs of doing work, and being at it.
const WORK: &str = concat!(
    r"\b(?:work|spen[dt]|stay|cod(?:ed|ing)\b|debug|answer|repl(?:y|ied)|review|fix|patch|ship|deploy|handl|help|",
    r"writ|wrote|rewr|rebuil|built|finish|program|upload|draft|dedicat|devot|put in|putting in|pull|carr|cover|test|migrat|respond|pag(?:e|es|ed|ing)\b|on[- ]call|online|awake|in the office|at my desk|firefight|come back|came back|grind|hack|push|sprint|implement|deliver|prepar|land|cut over|roll|reachable|available|laptop|slack|e-?mail|phone|done\b|did\b|log(?:ged|ging|s)? (?:in|on)\b|bridge call|juggl|resolv|restor|monitor|watch|run\b|ran\b|took\b|take\b|taking\b)\w*",
);
/// Time off given up for work.
const GIVEN_UP: &str = concat!(
    r"\b(?:skipp|cancel|gave up|giv(?:e|ing) up|postpon|sacrific|lost|lose|losing|cut short)\w*\s+(?:\w+\s+){0,4}?(?:vacations?|holidays?|pto|leave|weekends?|evenings?|nights?|sleep|days off|family time|time off|lunch(?:es)?|meals?|dinners?|breaks|(?:the |a )?(?:team )?offsite|birthday|wedding|anniversary)\b|\bburn(?:ed|t|ing)? the midnight oil\b",
    // No time off taken: "has not taken a day of PTO this year".
    r"|(?:\bnot|\bnever|n['’]t) (?:taken|took|take|had|used) (?:a |any |one |a single )?(?:single |proper |real |full |whole )?(?:day|days|week|weeks|vacation|pto|holiday|break|time) (?:of (?:pto|vacation|leave|holiday)|off)\b",
    r"|(?:\bnot|\bnever|n['’]t) (?:taken|took|take|had|used) (?:a |any |one |a single )?(?:single )?(?:vacation|pto|holiday|leave)\b",
    // Always there: "the first one online and the last one to log off".
    r"|\b(?:the )?first (?:one |person |to arrive |in )?(?:online|in the office|to log on|in)\b[^.;]{0,20}\blast (?:one |person )?(?:to (?:log off|leave|go home)|offline|out)\b",
    // More work than one person's: "doing the job of multiple people".
    r"|\b(?:the )?(?:jobs?|work|roles?) of (?:two|three|four|multiple|several|\d) (?:people|persons|engineers|roles|full-time)\b|\bmore than one (?:person )?should\b",
);
/// Burnout that a piece of work left behind.
const BURNOUT: &str = r"\bover-?work(?:ed|ing)?\b|\b(?:left|were|became|become|got|been) (?:\w+ )?burn(?:ed|t)[- ]out\b|\bburn(?:ed|t)[- ]out (?:by|from|after)\b";

/// A rescue or being the one everything rests on.
const RESCUE: &str = concat!(
    r"\bto the rescue\b|\brescu(?:e|ed|es|ing)\b|\bsav(?:e|es|ed|ing) the (?:day|launch|release|project|quarter|deal|account|demo)\b",
    r"|\b(?:the )?hero of\b|\bfirefighter\b|\bdropped everything\b|\bover the (?:finish )?line\b|\bacross the finish line\b",
    // A person as the single point of failure; "snapshots become a single point of failure" is a system's.
    r"|\bsingle point of (?:knowledge|contact)\b|\b(?:i was|i am|i['’]m|i became|i['’]ve become|me as|was) (?:the |a )?single point of failure\b|\b(?:relies|relied|rely|depends|depended) on (?:me|her|him) (?:to|for)\b",
    r"|\b(?:carried|carries|carry|carrying) the (?:team|project|org|release)\b|\bturned (?:it|the \w+) around (?:almost )?overnight\b",
    r"|\bsingle[- ]?handed(?:ly)?\b|\bon my own back\b|\b(?:can['’]t|cannot|couldn['’]t|won['’]t) (?:run|ship|work|function|survive) without me\b",
    r"|\blast line of defen[cs]e\b|\b(?:it )?(?:came|comes) down to me\b",
);
/// The candidate set against everyone else, or the counterfactual without
/// them: "everyone looked to me", "before anyone else had joined", "stuck
/// for a week until I joined", "Without my intervention, ... would have".
/// Heroics whoever else the sentence names.
const CONTRAST: &str = concat!(
    r"\b(?:everyone|everybody|the (?:whole )?(?:team|org|company)) (?:looked|turned|came|was looking|were looking) to me\b",
    r"|\bbefore (?:anyone|anybody|everyone|the rest of (?:the|us)|the others?) (?:else )?(?:had )?(?:even )?(?:joined|arrived|noticed|woke|logged|got|was|were|knew)\b",
    r"|\b(?:stuck|blocked|spinning|struggling|stalled)\b[^.;]{0,40}\buntil i (?:joined|stepped in|took over|got involved|arrived|looked|jumped in|came in|picked it up)\b",
    r"|\b(?:without|but for) (?:me|my (?:[\w-]+ ){0,2}?(?:intervention|help|work|fix|effort|efforts|involvement))\b[^.;]{0,80}?\bwould(?:n['’]t| not)? (?:have|be)\b",
    r"|\bif i had(?:n['’]t| not)\b[^.;]{0,80}?\bwould(?:n['’]t| not)? have\b|\bhad i not\b",
    r"|\b(?:everyone|everybody) else (?:had )?(?:gone home|left|logged off|given up|was asleep)\b",
    // Others failed where the candidate did not: "when three previous owners could not".
    r"|\b(?:when|where|after)\b[^.;]{0,40}\b(?:others|owners|leads|teams|engineers|people|everyone else|nobody else|no one else)\b[^.;]{0,10}?\b(?:could ?not|couldn['’]t|had failed|failed|gave up|had given up)\b",
);
/// People described after a burnout word ("overworked maintainers"): others, not the candidate.
const GROUPS: &[&str] = &[
    "maintainers",
    "engineers",
    "developers",
    "people",
    "staff",
    "teams",
    "folks",
    "colleagues",
    "teammates",
];
/// Doing it alone.
const SOLO: &str = r"\b(?:myself|by myself|alone|solo|personally|on my own)\b";
/// Keeping something going ("Held the whole service together on my own"), with [`SOLO`] and [`WHOLE`].
static KEPT_RE: LazyLock<Fixed> = LazyLock::new(|| {
    Fixed::new(r"(?i)\b(?:held|holding|kept|keeping|owned|maintained|supported|ran|running)\b")
});
/// The whole of something.
const WHOLE: &str = r"\b(?:all|every|everything|the whole|the entire|entire|whole)\b";

static OFF_HOURS_RE: LazyLock<Fixed> = LazyLock::new(|| Fixed::new(format!("(?i){OFF_HOURS}")));
static WORK_RE: LazyLock<Fixed> = LazyLock::new(|| Fixed::new(format!("(?i){WORK}")));
static GIVEN_UP_RE: LazyLock<Fixed> = LazyLock::new(|| Fixed::new(format!("(?i){GIVEN_UP}")));
static BURNOUT_RE: LazyLock<Fixed> = LazyLock::new(|| Fixed::new(format!("(?i){BURNOUT}")));
static RESCUE_RE: LazyLock<Fixed> = LazyLock::new(|| Fixed::new(format!("(?i){RESCUE}")));
static CONTRAST_RE: LazyLock<Fixed> = LazyLock::new(|| Fixed::new(format!("(?i){CONTRAST}")));
static SOLO_RE: LazyLock<Fixed> = LazyLock::new(|| Fixed::new(format!("(?i){SOLO}")));
static WHOLE_RE: LazyLock<Fixed> = LazyLock::new(|| Fixed::new(format!("(?i){WHOLE}")));
/// A scene set at the start of a sentence ("One weekend I decided"), not working time.
static SCENE_RE: LazyLock<Fixed> = LazyLock::new(|| {
    Fixed::new(r"(?i)^\W*(?:one|this|last|that) (?:weekend|night|evening|saturday|sunday)\b")
});

/// A machine's time, not a person's: "Moved the batch window from 1am to
/// 6am", "the scheduler skipped jobs on public holidays".
static MACHINE_RE: LazyLock<Fixed> = LazyLock::new(|| {
    Fixed::new(
        r"(?i)\b(?:cron(?:job)?s?|jobs?|batch|scheduler|backups?|(?:batch|maintenance|backup|deploy|release) windows?|etl|bots?|timers?|(?:quiet-hours|notification) settings?|notifications|(?:soak|load|stress|nightly|integration|canary) (?:tests?|runs?)|test suites?)\b",
    )
});

/// A rule about off hours, not working them: "the on-call compensation
/// policy: any page between 10pm and 7am earns the next morning off".
static POLICY_RE: LazyLock<Fixed> = LazyLock::new(|| {
    Fixed::new(r"(?i)\b(?:polic(?:y|ies)|rules?|guidelines?|compensation|charter|handbook)\b")
});

/// Off hours arranged for others ("Instituted war-room evenings", "scheduled
/// weekend sprints"): the team's crunch, which a ladder may list, not the
/// candidate's overwork.
static ARRANGED_RE: LazyLock<Fixed> = LazyLock::new(|| {
    Fixed::new(
        r"(?i)\b(?:instituted|scheduled|mandated|organi[sz]ed|booked|called|(?:asked|rallied|pushed|got|had) (?:the (?:whole )?team|everyone|people|them) (?:to|for))\b[^.;,]*$",
    )
});

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

/// The patterns [`find`] reads a claim with: these, [`blame`]'s and
/// [`smells`]'s, one prefilter pass over the claim for all of them.
static READERS: LazyLock<Family> = LazyLock::new(|| {
    let own = [
        &*OFF_HOURS_RE,
        &*WORK_RE,
        &*GIVEN_UP_RE,
        &*BURNOUT_RE,
        &*RESCUE_RE,
        &*CONTRAST_RE,
        &*SOLO_RE,
        &*WHOLE_RE,
        &*KEPT_RE,
        &*SCENE_RE,
        &*POLICY_RE,
        &*ARRANGED_RE,
        &*MACHINE_RE,
    ];
    Family::new(own.into_iter().chain(blame::patterns()).chain(smells::patterns()))
});

/// Every shape of a red flag in `text`: (its code, its range).
pub fn find(text: &str) -> Vec<(Code, Range<usize>)> {
    let mut out = Vec::new();
    let scan = READERS.scan(text);
    for s in sentences(text) {
        let sentence = &text[s.clone()];
        let at = |r: Range<usize>| s.start + r.start..s.start + r.end;
        let works = scan.is_match(&WORK_RE, sentence);
        for m in scan.find_iter(&OFF_HOURS_RE, sentence) {
            let before = &sentence[..m.start()];
            if works
                && !scan.is_match(&SCENE_RE, &sentence[..m.end()])
                && !modifier(&sentence[m.range()], &sentence[m.end()..])
                && !scan.is_match(&ARRANGED_RE, before)
                && !scan.is_match(&POLICY_RE, sentence)
                && !scan.is_match(&MACHINE_RE, clause_before(before))
                // "helped me sleep at night": rest, not work.
                && !ends_with_ignore_case(before.trim_end(), "sleep")
            {
                out.push((Code::Overwork, at(m.range())));
            }
        }
        // "the scheduler skipped jobs on public holidays": a machine's, not a person's.
        let given_up = scan
            .find_iter(&GIVEN_UP_RE, sentence)
            .into_iter()
            .filter(|m| !scan.is_match(&MACHINE_RE, clause_before(&sentence[..m.start()])));
        out.extend(given_up.map(|m| (Code::Overwork, at(m.range()))));
        // "already overworked maintainers": other people described, not the candidate's burnout.
        let burnout = scan.find_iter(&BURNOUT_RE, sentence).into_iter().filter(|m| {
            let next = sentence[m.end()..].trim_start().to_lowercase();
            !GROUPS.iter().any(|g| next.starts_with(g))
        });
        out.extend(burnout.map(|m| (Code::Overwork, at(m.range()))));
        for re in [&*RESCUE_RE, &*CONTRAST_RE] {
            out.extend(scan.find_iter(re, sentence).into_iter().map(|m| (Code::Overwork, at(m.range()))));
        }
        if let Some(solo) = scan.find(&SOLO_RE, sentence)
            && scan.is_match(&WHOLE_RE, sentence)
            && (works || scan.is_match(&KEPT_RE, sentence))
        {
            out.push((Code::Overwork, at(solo.range())));
        }
        let blamed = blame::find(&scan, sentence, &text[s.end..]);
        out.extend(blamed.into_iter().map(|r| (Code::BlamingOthers, at(r))));
        out.extend(smells::find(&scan, sentence).into_iter().map(|(code, r)| (code, at(r))));
    }
    out
}

/// The clause that ends `before`: from its last comma, semicolon or colon.
fn clause_before(before: &str) -> &str {
    before.rfind([',', ';', ':', '—', '–']).map_or(before, |i| {
        let width = before[i..].chars().next().map_or(1, char::len_utf8);
        &before[i + width..]
    })
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

/// Whether `text` ends with `suffix` (ASCII), ignoring ASCII case.
fn ends_with_ignore_case(text: &str, suffix: &str) -> bool {
    text.len()
        .checked_sub(suffix.len())
        .and_then(|from| text.get(from..))
        .is_some_and(|end| end.eq_ignore_ascii_case(suffix))
}

/// Whether the clause before `r` in `text` (within its sentence) names a
/// machine ("Bot drains backlog over the weekend", "The soak test runs
/// overnight"): the time at `r` is the machine's, not a person's.
pub fn by_machine(text: &str, r: &Range<usize>) -> bool {
    MACHINE_RE.is_match(clause_before(cues::sentence_before(text, r.start)))
}

/// Burnout words at `r` of `text`, or the candidate set against the others
/// (`CONTRAST`): overwork or heroics whoever else the sentence names.
pub fn is_burnout(text: &str, r: &Range<usize>) -> bool {
    text.get(r.clone()).is_some_and(|found| BURNOUT_RE.is_match(found) || CONTRAST_RE.is_match(found))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_machine_s_time_is_not_a_person_s() {
        let at = |text: &str, word: &str| {
            let start = text.find(word).expect("word");
            by_machine(text, &(start..start + word.len()))
        };
        assert!(at("Remove the restriction. Bot drains backlog over the weekend.", "over the weekend"));
        assert!(at("The soak test runs overnight on spot instances", "overnight"));
        assert!(!at("I fixed the builds over the weekend", "over the weekend"));
    }

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
    fn clock_times_life_events_and_time_off_not_taken() {
        assert_eq!(codes("Most of the migration got done between 10pm and 2am."), [Code::Overwork]);
        assert_eq!(codes("Answered pages from my phone throughout my honeymoon."), [Code::Overwork]);
        assert_eq!(codes("She has not taken a day of PTO this year."), [Code::Overwork]);
        assert_eq!(codes("Was online for 19 hours straight during the data-center move."), [Code::Overwork]);
        assert_eq!(
            codes("Skipped lunch and the team offsite to finish the schema migration"),
            [Code::Overwork]
        );
        assert!(
            codes("Set the on-call policy: any page between 10pm and 7am earns the next morning off.")
                .is_empty()
        );
        assert!(codes("Rewrote the overnight ETL so it finishes by 4am instead of 9am.").is_empty());
        // A machine's time, not a person's.
        assert!(codes("Moved the batch window from 1am to 6am once the job ran faster.").is_empty());
        assert!(codes("Fixed the bug where the scheduler skipped jobs on public holidays.").is_empty());
        assert_eq!(codes("Was paged on weekends because the batch job failed."), [Code::Overwork]);
        assert_eq!(
            codes("Coded on lunch breaks and after the kids were asleep to ship the demo."),
            [Code::Overwork]
        );
    }

    #[test]
    fn the_candidate_against_everyone_else_is_heroics() {
        assert_eq!(codes("Everyone looked to me, and I had it back up in an hour."), [Code::Overwork]);
        assert_eq!(codes("The team was stuck for a week until I joined the thread."), [Code::Overwork]);
        assert_eq!(
            codes("Without my intervention, the upgrade would have taken down production."),
            [Code::Overwork]
        );
        assert!(codes("Wrote a runbook so that anyone on the rotation can handle the failover.").is_empty());
    }

    #[test]
    fn a_rescue_or_doing_all_of_it_alone_is_heroics() {
        assert_eq!(codes("Came to the rescue on the data-pipeline rewrite"), [Code::Overwork]);
        assert_eq!(codes("Rewrote the whole sync layer myself in four days"), [Code::Overwork]);
        assert!(codes("I've been working mostly solo on the plugin").is_empty());
        // A system as the single point of failure; people described as overworked.
        assert!(codes("Snapshots stored on the primary system become a single point of failure.").is_empty());
        assert_eq!(codes("For a year I was the single point of failure for billing."), [Code::Overwork]);
        assert!(codes("It is hard for already overworked maintainers to plan ahead.").is_empty());
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
}
