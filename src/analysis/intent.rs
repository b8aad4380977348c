//! Claims that are not the author's work done, and so must not map: plans
//! and goals ("What's next", "Goals for next year", "I would like to…") and
//! thanks to other people ("Special thanks to…", an "Acknowledgements"
//! section). A committee reads a plan as a plan, not as evidence that the
//! candidate already does what an expectation asks; a thank-you names other
//! people's work.
//!
//! Two cues, each a fixed English regex: the claim's heading path (any
//! heading of it) and the claim's own opening words. They are deliberately
//! narrow: "Plans and reality", "What was planned for 2023 - a
//! retrospective" and "Goals for this year" are looked-back-on work and do
//! not match.

use std::sync::LazyLock;

use regex::Regex;

/// A heading under which claims are plans or thanks.
static HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(what'?s next|what'?s planned for|next (year|quarter|half|month|sprint|steps?|\d+ months|six months|twelve months)|(goals?|plans?|objectives?) for (the )?(next|coming|upcoming)|looking ahead|future (plans|goals|work)|acknowledge?ments?|special thanks|thank you|credits|shout-?outs?)\b",
    )
    .expect("the plan heading regex compiles")
});

/// A claim's opening words that make it a plan or a thank-you.
static OPENING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^\W*((i|we)( would|'d)( like| love)? to|(i|we)( will|'ll| am going to| are going to)|(i|we) (want|hope|plan|aim|intend) to|in the (future|coming (year|months|weeks))|next (year|quarter|half|month)|(special |huge |many |big )?thanks (to|go)|thank you)\b",
    )
    .expect("the plan opening regex compiles")
});

/// Whether a section whose heading path is `path` (outermost first) holds
/// plans or thanks rather than work done.
pub fn plan_heading(path: &[String]) -> bool {
    path.iter().any(|h| HEADING.is_match(h))
}

/// Whether a claim's `text` opens as a plan or a thank-you ("I would like
/// to…", "In the future…", "Thanks to…").
pub fn plan_opening(text: &str) -> bool {
    OPENING.is_match(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path(h: &str) -> Vec<String> {
        vec!["Review".to_owned(), h.to_owned()]
    }

    #[test]
    fn plans_and_thanks_are_recognised() {
        for h in [
            "What's next",
            "Goals for Next Year",
            "2. Next 6 months: what goals am I setting myself?",
            "What's planned for 2024",
            "Acknowledgements",
            "Next steps",
        ] {
            assert!(plan_heading(&path(h)), "{h}");
        }
        for t in [
            "In the future we would like to tackle the onboarding of new contributors.",
            "I would like to run the design review next quarter.",
            "Special thanks to Niko and TC for setting me up.",
            "We will migrate the remaining services in Q3.",
        ] {
            assert!(plan_opening(t), "{t}");
        }
    }

    #[test]
    fn work_looked_back_on_is_not_a_plan() {
        for h in [
            "Plans and reality",
            "What was planned for 2023 - a retrospective",
            "Goals for This Year",
            "Projects",
        ] {
            assert!(!plan_heading(&path(h)), "{h}");
        }
        for t in [
            "Planned and ran the migration of 40 services.",
            "Led the next-generation billing rewrite.",
            "I wanted to learn Rust, so I rewrote the parser in it.",
            "Thanked by the SRE team for the runbook (link).",
        ] {
            assert!(!plan_opening(t), "{t}");
        }
    }
}
