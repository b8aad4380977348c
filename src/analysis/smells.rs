//! Writing smells read as the shape of a sentence: vague claims,
//! placeholder text and a hedge on the claim itself. Used by
//! [`super::shapes`]; all ranges are byte ranges into one sentence.
//!
//! - vague claims: a vague amount of anything but time ("a lot of
//!   features", "massive amounts of tests", "significant progress"), an
//!   evaluation with no object to measure ("very good and timely
//!   communication", "Better quality of the release", "Doc's update is
//!   AMAZING"), hype with no content ("a game-changer", "pushed the
//!   boundaries", "moved the needle", "made a real difference"), "more" of
//!   something with no figure or comparison ("engaged more contributors"), a
//!   reach with no count ("across the platform", "everyone now relies on");
//!   the caller drops them when the claim says something specific (a figure,
//!   a reference);
//! - placeholder text: a template variable ("N customers", "{{mentee}}",
//!   "INC-####"), a slot in brackets ("\[region\]", "\[PROJECT NAME\]"), bare
//!   question marks, a note to the writer ("(add quote from their VP)",
//!   "Placeholder: …", "… goes here");
//! - hedging: one hedge that qualifies the claim itself, not what the claim
//!   is about: an adverb before what the candidate did or claims ("probably
//!   can improve", "is possibly going to", "maybe difficult"), "I think" /
//!   "I feel that" before a claim or a figure ("I feel that this work has
//!   brought", "I think 1-2wks"), "might become" / "may have increased" said
//!   of the candidate's work. Not a hedge: a forecast or a quote the claim
//!   reports ("Estimated the rewrite would probably take two sprints",
//!   "Documented which alerts might fire"), a suggestion ("maybe check"),
//!   a phrase before a noun ("Maybe the most useful thing I did"), words in
//!   parentheses or quotes, and advice to "you".

use std::ops::Range;
use std::sync::LazyLock;

use super::fixed::{Fixed, Scan};
use crate::lint::Code;

/// A vague amount of an abstract thing.
const VAGUE_AMOUNT: &str = concat!(
    r"\b(?:various|numerous|significant|substantial|tremendous|huge|meaningful|considerable|massive)\s+",
    r"(?:[\w-]+\s+){0,2}?",
    r"(?:progress|improvements?|gains|impact|things|stuff|tasks|tests|efforts|initiatives|projects|areas|changes|tinkering|housekeeping|decisions|value|contributions|enhancements|fixes|work|features|difference)\b",
    r"|\b(?:many|several|various|a (?:wide )?range of) (?:[\w-]+\s+)?(?:priorities|topics|matters|areas|initiatives|efforts|projects|improvements|things|ways|fronts|aspects|workstreams|discussions|conversations|meetings)\b",
    r"|\bbits and pieces\b|\befforts were made\b|\bplayed an? (?:key|major|important|big|central|pivotal|critical|vital) role\b|\bwas instrumental in\b|\b(?:wherever|where|as|when) needed\b|\badded value\b",
);
/// A vague quantity of anything ("a lot of features") and the two words after it.
const QUANTITY: &str = r"\b(?:a lot of|lots of|tons of|a ton of|loads of|plenty of|a (?:great |good )?(?:deal|number|variety|bunch) of|(?:massive|huge|vast|large) (?:amounts?|numbers?) of|countless)\s+[\w-]+(?:\s+[\w-]+)?";
/// After a vague quantity: time, drink, people, a pronoun; not a claim ("a lot of quality time").
const NOT_AN_AMOUNT: &[&str] = &[
    "time",
    "hours",
    "days",
    "weeks",
    "months",
    "years",
    "coffee",
    "tea",
    "fun",
    "luck",
    "people",
    "folks",
    "this",
    "that",
    "it",
    "them",
    "us",
    "you",
    "questions",
    "feedback",
    "help",
    "support",
    "pressure",
    "stress",
    "sense",
];
/// An evaluation with nothing to measure: "very good and timely communication".
const EVALUATION: &str = concat!(
    r"\b(?:very |really |extremely |much |overall |generally )?(?:good|great|excellent|strong|better|improved|enhanced|amazing|awesome|outstanding|smooth|solid|effective|stronger|higher|increased)",
    r"(?: and (?:timely|effective|clear|consistent|better|good|great|open))?",
    r"(?: (?:overall|general|team|developer|engineering|cross-team|user|customer))? ",
    r"(?:communications?|quality|collaboration|teamwork|coordination|processes|culture|ownership|visibility|alignment|outcomes|experience|engagement|practices|morale|velocity|productivity|reliability|stability)\b",
    r"|\b(?:is|was|are|were|has been|have been) (?:really |truly |absolutely |just |simply )?(?:amazing|awesome|incredible|fantastic|outstanding|phenomenal|stellar|superb)\b",
);
/// Hype that says no more than that it was good.
const HYPE: &str = concat!(
    r"\bgame[- ]?chang(?:er|ing)\b|\bnext level\b|\bmov(?:ed|e|ing) the needle\b|\bpush(?:ed|ing)? the (?:boundaries|envelope|limits)\b",
    r"|\breshap(?:ed|ing) (?:them|it|the)\b|\brevolutioni[sz](?:ed|ing)\b|\bparadigm shift\b|\bworld[- ]class\b|\bbest[- ]in[- ]class\b",
    r"|\b(?:made|make|makes|making) (?:a |an )?(?:real |big |huge |significant |positive |meaningful |tangible )?(?:difference|impact)\b",
    r"|\belevat(?:ed|ing) (?:the |our |my )?(?:[\w'’-]+ ){0,2}?(?:culture|game|bar|standards?|practices)\b|\bsupercharg(?:ed|ing)\b|\braised the bar\b",
    r"|\b(?:improved|enhanced|boosted|strengthened|elevated|raised) (?:the )?(?:overall|general) [\w-]+\b",
    r"|\b(?:drove|driving|delivered|drive|made|shipped) [\w\s-]{0,30}? across (?:the |our )?(?:whole |entire )?(?:org|organi[sz]ation|company|platform|board|stack|product)\b",
    r"|\b(?:everyone|everybody|every team|all (?:the )?teams) (?:now |here )?(?:relies|rely|depends|uses|use|loves)\b",
    // Reach with no count, weight with no content: "across multiple domains", "high-impact work", "a key contributor".
    r"|\bacross (?:multiple|many|several|various|numerous|all|different) [\w-]+s\b|\b(?:high[- ]impact|impactful|high[- ]value|strategic|mission[- ]critical) (?:work|projects|initiatives|contributions|features|efforts|deliverables)\b",
    r"|\b(?:a |the )?key (?:contributor|player|member|driver|part)\b",
    // An intensifier on a verb of change, with no figure: "Significantly boosted team productivity".
    r"|\b(?:significantly|greatly|vastly|dramatically|substantially|massively|hugely|considerably|tremendously|drastically) \w+ed\b",
);
/// "More" of something with no figure; the caller drops it when "than" follows.
const MORE: &str = r"\b(?:engaged|added|onboarded|brought in|attracted|got|gained|shipped|migrated|moved|delivered|converted|launched|automated|wrote|built|closed|resolved|fixed) more (?:[\w-]+ )?[\w-]+s\b";
/// A comparative with no measure: "made the codebase a bit easier".
const VAGUE_BETTER: &str = r"\bmade (?:the |our |my |it |them )?(?:[\w-]+ ){0,3}?(?:a (?:little|tiny bit|bit|lot) |somewhat |much |slightly |far )?(?:better|easier|faster|simpler|smoother|cleaner|nicer)\b(?: (?:to|for) [\w ]+)?\s*[.!?]*$";

/// A template variable, a slot, bare question marks, a note to the writer.
const PLACEHOLDER: &str = concat!(
    r"(?-i:(?:^|[\s(~$])[NMXY](?:\s+[a-z]+s|%)\b|\$[NMXY]\b)",
    r"|(?:^|\s)\?{2,}(?:\s|$|[.,;:)])|(?-i:\bXX+%?)|_{3,}|#{3,}",
    r"|(?-i:\[(?:[A-Z]{3,}(?:[ _][A-Z]+)*)\])",
    // A slot in brackets: "[region]", "[team]", "[customer name]".
    r"|(?-i:\[[a-z][a-z-]*(?: [a-z-]+){0,2}\])",
    r"|\{\{\s*[\w. -]+\s*\}\}|\$\{[\w.]+\}|\{[a-z_]+\}",
    // A note to the writer: "(add quote from their VP)", "(fill in details later)".
    r"|[(\[]\s*(?:fill in|add|insert|put|include|update|confirm|ask \w+ for|get|link to|attach|cite|paste|need|needs|check)\s[^)\]]*[)\]]",
    r"|(?-i:^\W*(?:Placeholder|PLACEHOLDER|Template|TEMPLATE)\s*:)|\bgoes here\b|\b(?:add|insert|put|paste) [^.;]{0,40}? here\b",
);
/// Words in brackets that are not a slot: "[sic]", a checkbox, editorial words.
const NOT_A_SLOT: &[&str] =
    &["[sic]", "[x]", "[ ]", "[and]", "[of]", "[the]", "[emphasis mine]", "[emphasis added]"];

/// A hedge adverb; what follows decides whether it qualifies the claim.
static HEDGE_ADVERB: LazyLock<Fixed> = LazyLock::new(|| {
    Fixed::new(
        r"(?i)\b(?:maybe|perhaps|probably|possibly|potentially|arguably|presumably|conceivably|hopefully)\b",
    )
});
/// After a hedge adverb: a predicate (a modal, a form of "be" or "have", a
/// past tense, a subject pronoun, an evaluation), so the hedge qualifies the
/// claim. A base verb after it is a suggestion ("maybe check").
static PREDICATE: LazyLock<Fixed> = LazyLock::new(|| {
    Fixed::new(concat!(
        r"(?i)^\W*(?:even )?(?:can|could|will|would|should|might|may|is|was|are|were|be|been|going|have|has|had|did|i|we|it|this|that|my|our",
        r"|\w+ed|made|led|ran|built|wrote|grew|became|become|brought|drove|got|took|gave|saved|cut|won|kept",
        r"|difficult|hard|useful|helpful|fine|ok|okay|enough|too|more|less|one of)\b",
    ))
});
/// "I think" and its kin before a claim: a subject and a verb in the past,
/// perfect or a modal, or a figure.
static I_THINK: LazyLock<Fixed> = LazyLock::new(|| {
    Fixed::new(concat!(
        r"(?i)\bi (?:think|feel|believe|guess|suppose|reckon)(?: that| like)?,?\s+",
        r"(?:(?:i|we|it|this|that|they|my|our)(?:['’](?:ve|m|s|d))?(?:\s+[\w-]+){0,2}?\s+(?:(?:has|have|had)(?:\s+\w+)?\s+(?:\w+ed|been|become|brought|made|led|grown|done|got|gotten|taken|built)|was|were|did|is|am|should|could|would|might|may|\w+ed|made|led|ran|built|brought|became|become|grew|got|took|drove|wrote|kept)\b",
        r"|(?:about |around |roughly |maybe |like )?\d)",
    ))
});
/// "might become", "may have increased": said of the candidate's work.
static MODAL_HEDGE: LazyLock<Fixed> = LazyLock::new(|| {
    Fixed::new(
        r"(?i)\b(?:this|that|it|i|we|my|our)\b(?:\s+[\w-]+){0,3}?\s+(?:might|may|could) (?:have (?:\w+ed|been|become|helped|made|brought|led|grown)|become|help|prove|turn out|end up|be (?:considered|seen|argued|said|one of))\b",
    )
});
/// An outcome judged only by how it looks: "quality seemed good".
static SEEMS: LazyLock<Fixed> = LazyLock::new(|| {
    Fixed::new(
        r"(?i)\b(?:seem|seems|seemed|appears?|appeared) (?:to be )?(?:good|fine|ok|okay|better|positive|solid|successful|to (?:have|work|help))\b(?: to (?:us|me|them))?",
    )
});
/// Before a hedge in its clause: it reports a forecast or a quote, not the claim.
static REPORTED: LazyLock<Fixed> = LazyLock::new(|| {
    Fixed::new(
        r#"(?i)\b(?:estimat\w*|predict\w*|forecast\w*|said|says|saying|stat(?:ed|ing)|document\w*|expect\w*|which|whether|how likely|warn\w*|announc\w*|wrote that|claim\w*|if)\b|["“”]"#,
    )
});
/// After a hedge: the reader addressed ("Perhaps you're feeling"), a plan.
static NOT_A_CLAIM: LazyLock<Fixed> = LazyLock::new(|| {
    Fixed::new(
        r"(?i)^\W*(?:even )?(?:you|you['’]re|you['’]ll|i['’]ll|we['’]ll|i will|we will|i['’]m going|we['’]re going|i am going)\b",
    )
});

static VAGUE_AMOUNT_RE: LazyLock<Fixed> = LazyLock::new(|| Fixed::new(format!("(?i){VAGUE_AMOUNT}")));
static QUANTITY_RE: LazyLock<Fixed> = LazyLock::new(|| Fixed::new(format!("(?i){QUANTITY}")));
static EVALUATION_RE: LazyLock<Fixed> = LazyLock::new(|| Fixed::new(format!("(?i){EVALUATION}")));
static HYPE_RE: LazyLock<Fixed> = LazyLock::new(|| Fixed::new(format!("(?i){HYPE}")));
static MORE_RE: LazyLock<Fixed> = LazyLock::new(|| Fixed::new(format!("(?i){MORE}")));
static VAGUE_BETTER_RE: LazyLock<Fixed> = LazyLock::new(|| Fixed::new(format!("(?i){VAGUE_BETTER}")));
static PLACEHOLDER_RE: LazyLock<Fixed> = LazyLock::new(|| Fixed::new(format!("(?i){PLACEHOLDER}")));

/// The patterns [`find`] reads a sentence with, for the [`super::fixed::Family`] that scans its claim.
pub(super) fn patterns() -> [&'static Fixed; 14] {
    [
        &*VAGUE_AMOUNT_RE,
        &*QUANTITY_RE,
        &*EVALUATION_RE,
        &*HYPE_RE,
        &*MORE_RE,
        &*VAGUE_BETTER_RE,
        &*PLACEHOLDER_RE,
        &*HEDGE_ADVERB,
        &*PREDICATE,
        &*I_THINK,
        &*MODAL_HEDGE,
        &*SEEMS,
        &*REPORTED,
        &*NOT_A_CLAIM,
    ]
}

/// Every writing smell in one sentence: (its code, its range); `scan` is
/// its claim's (with `patterns`).
pub fn find(scan: &Scan, sentence: &str) -> Vec<(Code, Range<usize>)> {
    let mut out = Vec::new();
    let ranges = |re: &Fixed| scan.find_iter(re, sentence).into_iter().map(|m| m.range());
    let vague = [&*VAGUE_AMOUNT_RE, &*EVALUATION_RE, &*HYPE_RE, &*VAGUE_BETTER_RE];
    out.extend(vague.into_iter().flat_map(ranges).map(|r| (Code::VagueClaim, r)));
    let quantities = ranges(&QUANTITY_RE).filter(|r| {
        let words =
            sentence[r.clone()].split_whitespace().rev().take(2).map(str::to_lowercase).collect::<Vec<_>>();
        !words.iter().any(|w| NOT_AN_AMOUNT.contains(&w.as_str()))
    });
    out.extend(quantities.map(|r| (Code::VagueClaim, r)));
    if !sentence.to_lowercase().contains(" than ") {
        out.extend(ranges(&MORE_RE).map(|r| (Code::VagueClaim, r)));
    }
    let slots = ranges(&PLACEHOLDER_RE)
        .filter(|r| !NOT_A_SLOT.contains(&sentence[r.clone()].to_lowercase().as_str()));
    out.extend(slots.map(|r| (Code::PlaceholderText, r)));
    out.extend(hedge(scan, sentence).map(|r| (Code::Hedging, r)));
    out
}

/// The first hedge in `sentence` that qualifies its claim, if any.
fn hedge(scan: &Scan, sentence: &str) -> Option<Range<usize>> {
    let ranges = |re: &Fixed| scan.find_iter(re, sentence).into_iter().map(|m| m.range());
    let adverbs = ranges(&HEDGE_ADVERB).filter(|r| {
        let (before, after) = (sentence[..r.start].trim(), &sentence[r.end..]);
        // "Arguably, the new cache…" hedges the whole sentence; "to potentially reduce" the verb.
        let sentence_adverb = before.chars().all(|c| !c.is_alphanumeric()) && after.starts_with(',');
        scan.is_match(&PREDICATE, after) || sentence_adverb || before.to_lowercase().ends_with(" to")
    });
    // "seemed successful to us": a perception said as one, not a hedge.
    let seems = ranges(&SEEMS).filter(|r| {
        let lower = sentence[r.clone()].to_lowercase();
        ![" to us", " to me", " to them"].iter().any(|p| lower.ends_with(p))
    });
    let frames = ranges(&I_THINK).chain(ranges(&MODAL_HEDGE)).chain(seems);
    adverbs.chain(frames).filter(|r| qualifies(scan, sentence, r)).min_by_key(|r| r.start)
}

/// Whether the hedge at `r` qualifies the sentence's own claim: not in
/// parentheses, not after a verb that reports a forecast or a quote in its
/// clause, not before advice to "you" or a plan.
fn qualifies(scan: &Scan, sentence: &str, r: &Range<usize>) -> bool {
    let before = &sentence[..r.start];
    let open = before.matches('(').count() > before.matches(')').count();
    let clause_start = before.rfind([',', ';', ':', '(', '—']).map_or(0, |i| i + 1);
    let reported =
        scan.is_match(&REPORTED, &before[clause_start..]) || scan.is_match(&REPORTED, &sentence[r.clone()]);
    let word_end = sentence[r.start..].find(char::is_whitespace).map_or(r.end, |i| r.start + i);
    !open && !reported && !scan.is_match(&NOT_A_CLAIM, &sentence[word_end..])
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

    fn codes(text: &str) -> Vec<Code> {
        let mut c: Vec<Code> = find(&READERS.scan(text), text).into_iter().map(|(c, _)| c).collect();
        c.sort_by_key(|c| format!("{c:?}"));
        c.dedup();
        c
    }

    #[test]
    fn vague_amounts_evaluations_and_hype() {
        assert_eq!(codes("We made a lot of progress with the benchmark suite."), [Code::VagueClaim]);
        assert_eq!(codes("Major release with a lot of features across Working Groups."), [Code::VagueClaim]);
        assert_eq!(codes("Very good and timely communication with all WG leads"), [Code::VagueClaim]);
        assert_eq!(codes("This is a game-changer for runtime type-checkers."), [Code::VagueClaim]);
        assert_eq!(codes("We already engaged more contributors during the release"), [Code::VagueClaim]);
        assert!(codes("After spending a lot of quality time, we found the bug.").is_empty());
        assert!(codes("Added more integration tests than the other two teams combined.").is_empty());
        assert!(codes("Added 300 regression tests to the nightly suite").is_empty());
    }

    #[test]
    fn slots_and_notes_to_the_writer_are_placeholders() {
        assert_eq!(codes("Owned the rollout to N customers across M regions."), [Code::PlaceholderText]);
        assert_eq!(codes("Cut build times from ?? minutes"), [Code::PlaceholderText]);
        assert_eq!(codes("Owned the rollout to [region] with [team]."), [Code::PlaceholderText]);
        assert_eq!(
            codes("Ran the incident review for INC-#### and its follow-ups."),
            [Code::PlaceholderText]
        );
        assert_eq!(codes("Placeholder: summary of the Q4 roadmap work goes here"), [Code::PlaceholderText]);
        assert_eq!(codes("Unblocked [customer] (add quote from their VP)"), [Code::PlaceholderText]);
        assert!(codes("[I would like to have] more financial support, so that I can focus.").is_empty());
    }

    #[test]
    fn one_hedge_on_the_claim_itself() {
        assert_eq!(codes("probably can improve announcements, blog was long"), [Code::Hedging]);
        assert_eq!(codes("The time between cut and support was too short, I think 1-2wks"), [Code::Hedging]);
        assert_eq!(codes("This might become a reference for other implementations."), [Code::Hedging]);
        assert_eq!(codes("I feel that this work has brought the two communities closer."), [Code::Hedging]);
        assert!(codes("Estimated the rewrite would probably take two sprints, and it took two.").is_empty());
        assert!(codes("Documented which alerts might fire during a failover.").is_empty());
        assert!(codes("Maybe the most useful thing I did was the onboarding doc.").is_empty());
        assert!(codes("Perhaps you're feeling overwhelmed by your projects.").is_empty());
        assert!(codes("todo: maybe check this twice just to make sure").is_empty());
        assert!(codes("I think in systems: my first step is to draw the graph.").is_empty());
    }
}
