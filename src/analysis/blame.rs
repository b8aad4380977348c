//! Blame read as the shape of a sentence: another party (a team, a role, a
//! vendor, "they", a named person's work) joined to a fault of conduct or
//! made the cause of a setback. Used by [`super::shapes`]; all ranges are
//! byte ranges into one sentence.
//!
//! - a party and a fault, either order: "the contractors had basically
//!   ruined", "poor support from the vendor", "QA let the regression
//!   through", "the previous owner left the service in such a state";
//! - a setback put down to a party: "Missed the OKR because of the
//!   contractors", "slipped a week because the design agency delivered
//!   late", "Priya's schema design caused the outage", "was caused by Tom's
//!   untested config push", "which is why the hotfix fell to me";
//! - the candidate set against the others: "Unlike the rest of the team, I
//!   actually read the design doc";
//! - a party as the sentence's problem: "Mobile was, as usual, the
//!   bottleneck".
//!
//! Not blame: the candidate's own team ("Our team missed the deadline"),
//! an "I" between party and fault ("I missed their review"), "the team"
//! with nothing to say which, and a setback the sentence goes on to answer
//! ("The vendor's outage delayed us a week, so I built a fallback path"),
//! unless a named person is made its cause.

use std::ops::Range;
use std::sync::LazyLock;

use super::fixed::{Fixed, Scan};

/// Another party: a team, a role, an outside company, "they", a named person's.
const PARTY: &str = concat!(
    r"(?:\b(?:the|another|other|two other|several other|their|that|those|these|a|an|our|my|his|her)\s+",
    r"(?:[\w&-]+\s+){0,3}?",
    r"(?:teams?|engineers?|developers?|designers?|vendors?|contractors?|suppliers?|consultants?|agency|agencies|department|management|managers?|pms?|product managers?|leads?|architects?|teammates?|colleagues?|peers?|co-?workers?|qa|sre|ops|devops|security|sales|marketing|legal|infra|partners?|providers?|owners?|predecessors?|maintainers?|freelancers?|outsourcers?|guys|folks|devs|crew|people|squad)",
    r"|\b(?:other teams|contractors|vendors|qa|sales|marketing|security|management|legal|product|design|ops|infra|devops|sre|finance|procurement|they|leadership)\b",
    r"|(?-i:\b[A-Z][a-z]+)['’]s\b)",
);
/// A fault: a failure of conduct, not an outage or a bug.
const FAULT: &str = concat!(
    r"\b(?:dropped the ball|screwed up|messed up|failed to|fail(?:s|ed)? to|gave up|give up|given up|ruined|botched|broke\b|broken|ignored|refused|refuses|refuse\b|refusal|neglected",
    r"|never (?:delivered|gave|responded|replied|showed|bothered|ran|tested|tried|checked|read|documented)|sat on|took forever|(?:days|weeks|months) late|(?:was|were) (?:so |really |just )?(?:bad|terrible|awful|garbage|a mess|a disaster|unusable)|kept \w+ing (?:\w+ ){0,3}?without\b|never told|overpromised|over-promised|left (?:us|me) to (?:pick up|clean up|deal with|fix)|delivered nothing|dragg(?:ed|ing) (?:their|its|his|her) feet|mov(?:ed|ing) the goal ?posts|unmaintainable|unreadable|half-baked|(?:didn['’]t|did not|couldn['’]t|wouldn['’]t) (?:bother|deliver|respond|reply|test|read|do (?:their|his|her) job)",
    r"|kept (?:missing|breaking|changing|moving|slipping|ignoring|pushing back|dropping|delaying|cancell?ing|blocking|reopening)|keeps (?:missing|breaking|changing|slipping|ignoring)",
    r"|missed (?:their|its|the|every|all|multiple|several|two|three) \w+|left (?:\w+ ){0,3}in (?:a mess|pieces|shambles|ruins|such a (?:state|mess)|a (?:terrible|bad|sorry|poor) state)",
    r"|let (?:\w+ ){0,2}(?:through|slip)|untested|unreviewed|buggy|delivered (?:\w+ ){0,3}late|(?:was|were) (?:always |again |once again )?late",
    r"|incompeten\w*|sloppy|careless\w*|lazy|laziness|shoddy|poor (?:support|planning|communication|work|quality|estimates|decisions|requirements)|unresponsive|constant (?:delays|changes|scope changes|reprioriti[sz]\w*|churn|interruptions|pushback)",
    r"|(?:was|were) (?:just |simply |completely |totally )?wrong|(?:had|has|have) done (?:their|his|her) job|out of (?:his|her|their) depth",
    r"|(?:was|were|is|are) (?:really |all |entirely )?on them|fault)\b",
);
/// A setback the sentence puts down to a cause.
const SETBACK: &str = r"\b(?:miss(?:ed|ing)|slip(?:ped|s)?|slid|delay(?:ed|s)?|late|lost|los(?:e|ing)|fail(?:ed|ure)|broke|outages?|incidents?|stall(?:ed)?|block(?:ed)?|dipp(?:ed)?|regress\w*|wasted|rewritten|redo(?:ne)?|rework|fell to me|fall to me|bottleneck|behind|none of|impossible|unachievable|not achievable)\b";
/// Putting it down to a party: "because of the contractors", "thanks to the infra team's".
const CAUSE: &str =
    r"\b(?:because of|due to|thanks to|owing to|on account of|caused by|blame (?:on|for)|all because)\s+";
/// A party's work made the cause: "Priya's schema design caused the outage".
const CAUSED: &str = r"\b(?:caused|led to|resulted in|triggered|meant|is why|was why|(?:is|was) the reason|made it impossible)\b";
/// The candidate set against the others: "Unlike the rest of the team, I".
const UNLIKE: &str = r"\bunlike (?:the rest of (?:the |my |our )?[\w-]+|(?:my|the|our|other|most) (?:[\w-]+ ){0,2}?(?:teammates|colleagues|peers|engineers|developers|team|teams|people)|everyone(?: else)?|anyone else|others)\b";
/// A team named by its platform, as a subject: "Mobile was, as usual, the bottleneck".
const TEAM_AS_PROBLEM: &str = r"^\W*(?:mobile|web|backend|frontend|android|ios|platform|infra|data|qa|ops|design|product|security|legal|finance)\s+(?:was|were|is|are),?\s+(?:as usual,?\s+|again,?\s+|always\s+|once again,?\s+)?(?:the |a )?(?:bottleneck|blocker|weak link|problem|holdup|hold-up|late|behind)\b";
/// The candidate's own fault, or the candidate cleared: "through no fault of mine".
const NOT_MY_FAULT: &str =
    r"\b(?:(?:through )?no fault of (?:mine|my own)|(?:was|is) not my fault|wasn['’]t my fault)\b";
/// What the candidate did about it, after it in the sentence.
const RESPONSE: &str = r"(?:[;,.]|\bso\b|\band\b|\bmeanwhile\b)\s*(?:so |and |then |meanwhile,? )?(?:i|we) (?:then )?(?:added|built|wrote|worked|led|kept|ran|set|moved|fixed|shipped|made|created|designed|drafted|proposed|negotiated|paired|partnered|rebuilt|rewrote|automated|introduced|turned|organi[sz]ed|escalated)\b";

/// A party, then (in its clause, no "I" between) a fault.
static PARTY_FAULT_RE: LazyLock<Fixed> =
    LazyLock::new(|| Fixed::new(format!(r"(?i)(?:{PARTY})(?:['’]s|['’])?(?:[^.;:]{{0,60}}?){FAULT}")));
/// A fault of conduct, then the party it is put on ("poor support from the
/// vendor"); "a bad deploy from another team" describes a cause, not conduct.
static FAULT_PARTY_RE: LazyLock<Fixed> = LazyLock::new(|| {
    Fixed::new(format!(
        r"(?i)\b(?:poor|sloppy|careless|lazy|incompetent|unresponsive|shoddy)\s+(?:[\w-]+\s+){{0,2}}?(?:(?:from|by|of)\s+)?(?:{PARTY})"
    ))
});
/// A cause, then the party: "because of the contractors".
static CAUSE_PARTY_RE: LazyLock<Fixed> =
    LazyLock::new(|| Fixed::new(format!(r"(?i){CAUSE}(?:[\w-]+\s+){{0,2}}?(?:{PARTY})")));
/// "because" and a party that did something late or badly (a fault in its clause).
static BECAUSE_RE: LazyLock<Fixed> = LazyLock::new(|| {
    Fixed::new(format!(
        r"(?i)\b(?:because|since|after|when)\s+(?:{PARTY})(?:['’]s)?(?:[^.;:,]{{0,60}}?){FAULT}"
    ))
});
/// A party's work, then "caused" and a setback.
static PARTY_CAUSED_RE: LazyLock<Fixed> = LazyLock::new(|| {
    Fixed::new(format!(r"(?i)(?:{PARTY})(?:[^.;:,]{{0,40}}?){CAUSED}(?:[^.;:]{{0,40}}?){SETBACK}"))
});
static SETBACK_RE: LazyLock<Fixed> = LazyLock::new(|| Fixed::new(format!("(?i){SETBACK}")));
static UNLIKE_RE: LazyLock<Fixed> = LazyLock::new(|| Fixed::new(format!("(?i){UNLIKE}")));
static TEAM_AS_PROBLEM_RE: LazyLock<Fixed> = LazyLock::new(|| Fixed::new(format!("(?i){TEAM_AS_PROBLEM}")));
static NOT_MY_FAULT_RE: LazyLock<Fixed> = LazyLock::new(|| Fixed::new(format!("(?i){NOT_MY_FAULT}")));
static RESPONSE_RE: LazyLock<Fixed> = LazyLock::new(|| Fixed::new(format!("(?i){RESPONSE}")));
/// The candidate, between a party and its fault: then the fault is theirs.
static SELF_RE: LazyLock<Fixed> = LazyLock::new(|| Fixed::new(r"(?i)\b(?:i|we|i['’]d|i['’]ve|i['’]m)\b"));
/// The candidate's own team or role: ownership, not blame.
static OWN_PARTY_RE: LazyLock<Fixed> = LazyLock::new(|| {
    Fixed::new(
        r"(?i)^(?:(?:[\w-]+\s+){0,2})?(?:our|my)\s+(?:[\w&-]+\s+){0,3}?(?:teams?|org|department)\b|^we\b",
    )
});
/// A named person's, in the found text: "Tom's", "Priya's".
static NAMED_RE: LazyLock<Fixed> = LazyLock::new(|| Fixed::new(r"(?-i:\b[A-Z][a-z]+)['’]s\b"));

/// Whether the blame at `r` of `text` is followed by what the candidate did
/// about it ("…; I worked with them on a migration guide"). A named person
/// made the cause ("caused by Tom's untested push; I led the recovery") is
/// blame whatever follows.
pub fn answered(text: &str, r: &Range<usize>) -> bool {
    // A named person as the subject mid-sentence ("a config change Dana pushed without review").
    let mid_sentence = text[..r.start].trim_end().ends_with(|c: char| c.is_alphanumeric());
    let named_subject = mid_sentence && text[r.start..].starts_with(|c: char| c.is_uppercase());
    let named = named_subject || text.get(r.clone()).is_some_and(|found| NAMED_RE.is_match(found));
    !named && RESPONSE_RE.is_match(super::cues::ahead(text, r.end))
}

/// The patterns [`find`] reads a sentence with, for the [`super::fixed::Family`] that scans its claim.
pub(super) fn patterns() -> [&'static Fixed; 13] {
    [
        &*NOT_MY_FAULT_RE,
        &*UNLIKE_RE,
        &*TEAM_AS_PROBLEM_RE,
        &*SETBACK_RE,
        &*CAUSE_PARTY_RE,
        &*PARTY_FAULT_RE,
        &*FAULT_PARTY_RE,
        &*BECAUSE_RE,
        &*PARTY_CAUSED_RE,
        &*OWN_PARTY_RE,
        &*SELF_RE,
        &*NAMED_RE,
        &*RESPONSE_RE,
    ]
}

/// Blame in one sentence: a party and its fault, or a setback put down to
/// a party, with no response in the sentence or in `rest`, the claim's text
/// after it; `scan` is the claim's (with `patterns`).
pub fn find(scan: &Scan, sentence: &str, rest: &str) -> Vec<Range<usize>> {
    let ranges = |re: &Fixed| scan.find_iter(re, sentence).into_iter().map(|m| m.range());
    let mut out: Vec<Range<usize>> = ranges(&NOT_MY_FAULT_RE).collect();
    out.extend(ranges(&UNLIKE_RE));
    out.extend(ranges(&TEAM_AS_PROBLEM_RE));
    let setback = scan.is_match(&SETBACK_RE, sentence);
    let caused = ranges(&CAUSE_PARTY_RE).filter(|_| setback);
    let found = ranges(&PARTY_FAULT_RE)
        .chain(ranges(&FAULT_PARTY_RE))
        .chain(ranges(&BECAUSE_RE))
        .chain(ranges(&PARTY_CAUSED_RE))
        .chain(caused);
    for m in found {
        let text = &sentence[m.clone()];
        // The party begins after a cue ("because", "due to"): read it from there.
        let party = party_start(text);
        let own = scan.is_match(&OWN_PARTY_RE, party);
        // "their" after "I" ("I missed their ...") or an "I" between party and fault: not theirs.
        let between = party.split_once(char::is_whitespace).map_or("", |(_, rest)| rest);
        let mine = scan.is_match(&SELF_RE, between);
        let after = format!("{}{rest}", &sentence[m.end..]);
        let named = scan.is_match(&NAMED_RE, text);
        if !own && !mine && !bare_team(party) && (named || !scan.is_match(&RESPONSE_RE, &after)) {
            out.push(m);
        }
    }
    out
}

/// The found text from its party on: without a leading cue ("because",
/// "due to", "thanks to").
fn party_start(found: &str) -> &str {
    const CUES: &[&str] = &[
        "because of ",
        "due to ",
        "thanks to ",
        "owing to ",
        "on account of ",
        "caused by ",
        "all because ",
        "because ",
        "since ",
        "after ",
        "when ",
    ];
    let lower = found.to_lowercase();
    CUES.iter()
        .find(|c| lower.starts_with(*c))
        .and_then(|c| found.get(c.len()..))
        .map_or(found, str::trim_start)
}

/// "the team" with nothing to say which: most often the candidate's own.
fn bare_team(found: &str) -> bool {
    let lower = found.to_lowercase();
    lower.starts_with("the team") || lower.starts_with("the teams")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::fixed::Family;

    static READERS: LazyLock<Family> = LazyLock::new(|| Family::new(patterns()));

    #[test]
    fn every_pattern_compiles() {
        patterns().into_iter().for_each(crate::analysis::fixed::compile_all);
    }

    fn blamed(text: &str) -> bool {
        !find(&READERS.scan(text), text, "").is_empty()
    }

    #[test]
    fn a_party_and_its_fault() {
        assert!(blamed("Inherited a service that the contractors had basically ruined."));
        assert!(blamed("Missed the milestone due to poor support from the vendor"));
        assert!(blamed("Our PM failed to gather requirements"));
        assert!(blamed("QA let the regression through, which is why the hotfix fell to me."));
        assert!(!blamed("Our team missed the deadline"));
        assert!(!blamed("The platform team's change broke our jobs; I worked with them on a guide"));
        assert!(!blamed("It turned out to be a bad deploy from another team"));
    }

    #[test]
    fn a_setback_put_down_to_a_party() {
        assert!(blamed("Missed the Q3 OKR because of the contractors, whose code had to be rewritten"));
        assert!(blamed("Priya's schema design caused the outage, and I spent Q2 cleaning up after it."));
        assert!(blamed("The incident was caused by Tom's untested config push; I led the recovery."));
        assert!(!blamed("The vendor's outage delayed us a week, so I built a fallback path."));
        assert!(!blamed("Shipped on time thanks to the design team's early mockups"));
    }

    #[test]
    fn the_candidate_against_the_others() {
        assert!(blamed("Unlike the rest of the team, I actually read the design doc."));
        assert!(blamed("Mobile was, as usual, the bottleneck; web finished on day one."));
        assert!(!blamed("Unlike last year, the release went out on time."));
    }
}
