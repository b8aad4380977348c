//! Wording of every diagnostic about packets, one function per situation.
//!
//! Checking code decides *that* something is wrong; these functions decide
//! how it is said.

use crate::diagnostic::{Diagnostic, Label};
use crate::lint::Code;
use crate::rules::scope::ScopeValue;
use crate::rules::{Expectation, Level, RedFlag};
use crate::suggest::Unknown;

/// A ladder id that names no ladder.
pub(crate) fn unknown_ladder(at: Label, ladder: &str, unknown: &Unknown<'_>) -> Diagnostic {
    Diagnostic::new(Code::UnknownLadder, format!("unknown ladder `{ladder}`"), at)
        .with_note(format!("known ladders: {}", unknown.known.join(", ")))
        .with_help(unknown.help().unwrap_or_else(|| {
            "`promolint ladders` lists the ladders; `--rules DIR` adds your own".to_owned()
        }))
}

/// A target that names no level of the ladder.
pub(crate) fn unknown_level(at: Label, ladder: &str, level: &str, unknown: &Unknown<'_>) -> Diagnostic {
    let mut d = Diagnostic::new(Code::UnknownLevel, format!("ladder `{ladder}` has no level `{level}`"), at)
        .with_note(format!("levels of `{ladder}`: {}", unknown.known.join(", ")));
    d.help = unknown.help();
    d
}

/// A `covers` or waiver comment naming an id the level does not have.
pub(crate) fn unknown_expectation(
    at: Label,
    id: &str,
    level: &Level,
    suggestion: Option<&str>,
) -> Diagnostic {
    let d = Diagnostic::new(
        Code::UnknownExpectation,
        format!("`{id}` is not an expectation of {}", level.qualified_id()),
        at,
    )
    .with_subject(id);
    match suggestion {
        Some(s) => d.with_help(format!("did you mean `{s}`?")),
        None => {
            d.with_help(format!("`promolint explain {}` lists the expectation ids", level.qualified_id()))
        }
    }
}

/// An expectation no claim covers. `at` is the packet's front matter target
/// (or the start of the file).
///
/// `closest` is the claim that scored highest for it below the cutoff, with
/// its score in 0..=1: shown as a secondary label, with the `covers` comment
/// that would map it.
pub(crate) fn uncovered_expectation(at: Label, e: &Expectation, closest: Option<(Label, f32)>) -> Diagnostic {
    let mut help = format!("the ladder expects: \"{}\"", e.text);
    if closest.is_some() {
        help.push_str(&format!("\nif the closest claim is about this, add <!-- covers: {} --> to it", e.id));
    }
    match e.examples.first() {
        Some(example) => help.push_str(&format!("\nevidence could be: {example}")),
        None => help
            .push_str("\nback a claim with a link, a PR or ticket, a metric, a date, or attributed feedback"),
    }
    help.push_str(&format!("\nif you leave it out on purpose: <!-- promolint-waive {}: reason -->", e.id));
    let d = Diagnostic::new(
        Code::UncoveredExpectation,
        format!("no claim covers `{}` ({})", e.id, e.area),
        at.with_message(format!("{} expects `{}`", "this level", e.id)),
    )
    .with_help(help)
    .with_subject(&e.id);
    match closest {
        Some((label, score)) => {
            d.with_secondary(label.with_message(format!("closest claim (score {score:.2})")))
        }
        None => d,
    }
}

/// An expectation covered only by claims below the level's scope.
///
/// `at` is the first covering claim; `others` the other covering claims;
/// `best` the widest scope among them; `asked` the scope the level asks,
/// with the ladder's words for it.
pub(crate) fn scope_below_level(
    at: Label,
    others: Vec<Label>,
    e: &Expectation,
    best: ScopeValue,
    asked: ScopeValue,
    words: &[String],
    level: &Level,
) -> Diagnostic {
    let quoted = match words.first() {
        Some(w) => format!(" (\"{w}\")"),
        None => String::new(),
    };
    let mut d = Diagnostic::new(
        Code::ScopeBelowLevel,
        format!(
            "`{}` is covered only by {}; {} asks for {} scope{quoted}",
            e.id,
            scope_work(best),
            level.qualified_id(),
            asked
        ),
        at.with_message(format!("{best} scope")),
    )
    .with_help(format!("next-level evidence for `{}` shows {}", e.id, scope_hint(asked)))
    .with_subject(&e.id);
    for other in others {
        d = d.with_secondary(other.with_message("also covers it, also below"));
    }
    d
}

/// "one team's work" and the like: work at scope `v`.
fn scope_work(v: ScopeValue) -> &'static str {
    match v {
        ScopeValue::Own => "the candidate's own work",
        ScopeValue::Team => "one team's work",
        ScopeValue::CrossTeam => "cross-team work",
        ScopeValue::Organisation => "organisation-wide work",
        ScopeValue::Company => "company-wide work",
    }
}

/// What work at scope `v` looks like in a claim.
fn scope_hint(v: ScopeValue) -> &'static str {
    match v {
        ScopeValue::Own => "what you did yourself",
        ScopeValue::Team => {
            "work with or for your team: who in the team took part, what changed for the team (\"with my team\", \"onboarded two new team members\")"
        }
        ScopeValue::CrossTeam => {
            "work beyond your own team: which other teams took part, adopted or depended on it (\"with the infra and data teams\", \"adopted by three teams\")"
        }
        ScopeValue::Organisation => {
            "work across a whole group: a department, the engineering organisation, a whole project (\"rolled out to all 40 engineering teams\", \"engineering-wide\")"
        }
        ScopeValue::Company => {
            "work whose reach is the company, its customers or the industry (\"company-wide\", \"for all customers\", \"a conference talk\")"
        }
    }
}

/// The note on an expectation the candidate's current level already asks.
pub(crate) fn at_current_note(current: &Level) -> String {
    format!(
        "your current level `{}` already asks this; `check --new-only` leaves such expectations out",
        current.qualified_id()
    )
}

/// A claim that maps to expectations but has no evidence.
pub(crate) fn claim_without_evidence(at: Label, expectations: &[&Expectation]) -> Diagnostic {
    let ids: Vec<String> = expectations.iter().map(|e| format!("`{}`", e.id)).collect();
    Diagnostic::new(Code::ClaimWithoutEvidence, "claim has no evidence", at.with_message(format!("claims {}", ids.join(", "))))
        .with_help("add what a reviewer could check: a link, a PR or ticket (#123, ABC-123), a metric (40%, 2x, 200 ms), a date (Q3 2024), or quoted feedback with its author")
        .with_subject(expectations.first().map(|e| e.id.clone()).unwrap_or_default())
}

/// Text that shows one of the ladder's red flags.
pub(crate) fn red_flag(at: Label, flag: &RedFlag, level: &Level) -> Diagnostic {
    Diagnostic::new(
        Code::RedFlag,
        format!("behaviour red flag `{}`: \"{}\"", flag.id, flag.text),
        at.with_message("this reads as a red flag"),
    )
    .with_note(format!("{} lists \"{}\" among its red flags", level.qualified_id(), flag.text))
    .with_help("say what was achieved and how the risk was handled, not the red flag itself")
    .with_subject(&flag.id)
}

/// Text that shows a common red flag (vague claim, placeholder, ...).
pub(crate) fn common_red_flag(code: Code, at: Label, flag: &RedFlag) -> Diagnostic {
    let (message, help) = match code {
        Code::VagueClaim => (
            "writing: vague claim: it does not say what you did",
            "say what you did, decided or changed, and show the result",
        ),
        Code::PlaceholderText => {
            ("writing: placeholder text left in the packet", "finish or remove it before submitting")
        }
        Code::BlamingOthers => {
            ("behaviour red flag: claim blames others", "say what you did about the problem")
        }
        Code::Overwork => (
            "behaviour red flag: overwork presented as achievement",
            "show sustainable delivery: planning, delegation, what changed so it is not needed again",
        ),
        _ => ("writing: hedging undercuts the claim", "state what happened"),
    };
    Diagnostic::new(code, message, at.with_message(flag.text.clone())).with_help(help).with_subject(&flag.id)
}

/// How a red flag found by meaning, not by a pattern, was found; `p` is
/// the model's probability in 0..=1.
pub(crate) fn by_meaning_note(p: f32) -> String {
    format!(
        "found by meaning (probability {p:.2}), not by a pattern: the whole claim reads like this flag's labelled examples"
    )
}

/// A claim that maps to no expectation.
pub(crate) fn unmapped_claim(at: Label) -> Diagnostic {
    Diagnostic::new(Code::UnmappedClaim, "claim maps to no expectation of the target level", at)
        .with_help("name the expectation with <!-- covers: ID -->, or cut text that does not serve the case")
}

/// A file that could not be read or is not text.
pub(crate) fn unreadable_file(at: Label, reason: &str) -> Diagnostic {
    Diagnostic::new(Code::UnreadableFile, format!("cannot lint this file: {reason}"), at)
}

impl Label {
    /// The same range with another message.
    pub fn with_message(mut self, message: impl Into<String>) -> Self {
        self.message = message.into();
        self
    }
}

/// A suppression comment (or one code in it) that suppressed nothing.
pub(crate) fn unused_suppression(at: Label, code: Option<&str>) -> Diagnostic {
    let message = match code {
        Some(code) => format!("suppression of `{code}` matches no diagnostic"),
        None => "suppression matches no diagnostic".to_owned(),
    };
    Diagnostic::new(Code::UnusedSuppression, message, at.with_message("unused"))
        .with_help("remove it, so that the remaining suppressions keep meaning something")
}

/// A suppression naming a code promolint does not have.
pub(crate) fn unknown_code_in_suppression(at: Label, code: &str, suggestion: Option<&str>) -> Diagnostic {
    let d = Diagnostic::new(
        Code::UnusedSuppression,
        format!("unknown lint code `{code}` in suppression"),
        at.with_message("unknown code"),
    );
    match suggestion {
        Some(s) => d.with_help(format!("did you mean `{s}`?")),
        None => d.with_help("`promolint explain CODE` explains each code"),
    }
}

/// A waiver for an expectation that claims already address.
pub(crate) fn unneeded_waiver(at: Label, id: &str, status: &str) -> Diagnostic {
    Diagnostic::new(
        Code::UnusedSuppression,
        format!("waiver for `{id}` is not needed: the packet's claims make it {status}"),
        at.with_message("unused waiver"),
    )
    .with_help("remove the waiver")
    .with_subject(id)
}

/// A waiver without a reason.
pub(crate) fn waiver_without_reason(at: Label, id: &str) -> Diagnostic {
    Diagnostic::new(
        Code::WaiverWithoutReason,
        format!("waiver for `{id}` gives no reason"),
        at.with_message("no reason"),
    )
    .with_help(format!("say why the packet leaves it out: <!-- promolint-waive {id}: reason -->"))
    .with_subject(id)
}

/// Coverage under the configured minimum.
pub(crate) fn coverage_below_minimum(at: Label, percent: f32, minimum: f32) -> Diagnostic {
    Diagnostic::new(
        Code::CoverageBelowMinimum,
        format!("coverage {percent:.0}% is below the minimum of {minimum:.0}%"),
        at.with_message("this level"),
    )
    .with_help("cover more expectations with evidenced claims, or waive those you leave out on purpose")
}

/// An expectation waived with a reason: a note that carries the reason.
pub(crate) fn waived_expectation(at: Label, e: &Expectation, reason: &str) -> Diagnostic {
    Diagnostic::new(
        Code::WaivedExpectation,
        format!("`{}` waived: {reason}", e.id),
        at.with_message("waived here"),
    )
    .with_note(format!("the ladder expects: \"{}\"", e.text))
    .with_subject(&e.id)
}
