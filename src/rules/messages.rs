//! Wording of every diagnostic about rule files and ladder imports. All are
//! errors but `example-does-not-map` and `dropped-ladder-text`.

use std::ops::Range;

use crate::diagnostic::{Diagnostic, Label};
use crate::lint::Code;
use crate::source::FileId;

/// A rule file that cannot be read or is not text; `reason` in words (e.g. "not
/// valid UTF-8 (first bad byte at offset 12)", "not a regular file (a named
/// pipe (FIFO))"), `at` the byte offset it concerns (0 when none).
pub fn unreadable(file: FileId, at: usize, reason: &str) -> Diagnostic {
    Diagnostic::new(
        Code::InvalidRuleFile,
        format!("cannot read rule file: {reason}"),
        Label::new(file, at..at, ""),
    )
}

/// What kind of thing an id names, for messages.
#[derive(Debug, Clone, Copy)]
pub enum IdKind {
    /// An expectation id.
    Expectation,
    /// A red flag id.
    RedFlag,
    /// An evidence kind id.
    EvidenceKind,
    /// A level id.
    Level,
    /// A ladder id.
    Ladder,
}

impl IdKind {
    fn noun(self) -> &'static str {
        match self {
            IdKind::Expectation => "expectation",
            IdKind::RedFlag => "red flag",
            IdKind::EvidenceKind => "evidence kind",
            IdKind::Level => "level",
            IdKind::Ladder => "ladder",
        }
    }
}

/// An id defined twice; `first` is its first definition.
pub fn duplicate_id(kind: IdKind, id: &str, here: Label, first: Label) -> Diagnostic {
    Diagnostic::new(Code::DuplicateId, format!("{} `{id}` is defined more than once", kind.noun()), here)
        .with_secondary(first)
        .with_help(format!("give each {} a unique id", kind.noun()))
        .with_subject(id)
}

/// An id that is not kebab-case (ASCII letters and digits joined by single hyphens).
pub fn id_not_kebab_case(kind: IdKind, id: &str, at: Label) -> Diagnostic {
    let what = if id.is_empty() {
        format!("{} id is empty", kind.noun())
    } else {
        format!("{} id `{id}` is not kebab-case", kind.noun())
    };
    Diagnostic::new(Code::InvalidRuleFile, what, at.with_message("not kebab-case"))
        .with_note("an id is ASCII letters and digits in words joined by single hyphens, e.g. `teach-and-mentor` or `L4`: no spaces, slashes, dots, underscores or control characters")
        .with_help("rename it; ids appear in `covers:` comments, `promolint explain LADDER/LEVEL/ID` and every output")
}

/// A pattern that does not compile.
pub fn invalid_pattern(at: Label, error: &regex::Error) -> Diagnostic {
    let detail = match error {
        regex::Error::CompiledTooBig(limit) => {
            format!("the compiled pattern exceeds the size limit of {limit} bytes")
        }
        other => other.to_string(),
    };
    Diagnostic::new(Code::InvalidPattern, "pattern is not a valid regex", at)
        .with_note(detail)
        .with_help("patterns use the syntax of Rust's `regex` crate: no look-around, no backreferences")
}

/// A pattern past a budget on compiled size: `whose` says which
/// ("this rule file's", "all rule files'"), `mib` the budget in MiB.
pub fn pattern_budget(at: Label, whose: &str, mib: usize) -> Diagnostic {
    Diagnostic::new(
        Code::InvalidPattern,
        format!("{whose} patterns compile to more than {mib} MiB"),
        at.with_message("over the budget from here on"),
    )
    .with_note("this pattern and the rest of the rule file's patterns are left out")
    .with_help("use fewer or simpler patterns (large counted repetitions such as `\\w{500}` compile big)")
}

/// `extends` names an unknown level.
pub fn unknown_base(at: Label, base: &str, ladder: &str, suggestion: Option<&str>) -> Diagnostic {
    let d = Diagnostic::new(
        Code::UnknownBase,
        format!("`extends: {base}` names no level of ladder `{ladder}`"),
        at,
    );
    match suggestion {
        Some(s) => d.with_help(format!("did you mean `{s}`?")),
        None => d.with_help(format!("`promolint ladders` lists the levels of `{ladder}`")),
    }
}

/// `extends` forms a cycle; `path` lists the levels in it.
pub fn extends_cycle(at: Label, path: &[String]) -> Diagnostic {
    Diagnostic::new(Code::ExtendsCycle, format!("`extends` forms a cycle: {}", path.join(" → ")), at)
        .with_help("remove `extends` from one of these levels")
}

/// An `extends` chain longer than `max` levels; `at` is the `extends` that goes one too far.
pub fn extends_too_deep(at: Label, max: usize) -> Diagnostic {
    Diagnostic::new(
        Code::InvalidRuleFile,
        format!("`extends` chain is more than {max} levels deep"),
        at.with_message("one level too many"),
    )
    .with_help(format!("a level may have at most {max} bases above it; extend a level nearer the top"))
}

/// A shared file names an id promolint has no code for.
pub fn unknown_rule_id(at: Label, id: &str, expected: &[&str], suggestion: Option<&str>) -> Diagnostic {
    let d = Diagnostic::new(Code::UnknownRuleId, format!("unknown id `{id}`"), at)
        .with_note(format!("expected one of: {}", expected.join(", ")));
    match suggestion {
        Some(s) => d.with_help(format!("did you mean `{s}`?")),
        None => d,
    }
}

/// A level without expectations and without a base.
pub fn no_expectations(at: Label) -> Diagnostic {
    Diagnostic::new(Code::InvalidRuleFile, "level has no expectations and extends no level", at)
        .with_help("add `expectations`, or `extends` a level of the same ladder")
}

/// A word of `vocabulary.yaml` that can never match; `why` says what is wrong.
pub fn invalid_vocabulary(at: Label, word: &str, why: &str) -> Diagnostic {
    Diagnostic::new(Code::InvalidRuleFile, format!("vocabulary word `{word}` {why}"), at)
        .with_help("words are matched after the tokenizer lowercases the text and joins hyphenated compounds")
}

/// A `mapping.yaml` whose numbers cannot be used; `why` says which.
pub fn invalid_mapping(file: FileId, range: Range<usize>, why: &str) -> Diagnostic {
    Diagnostic::new(
        Code::InvalidRuleFile,
        format!("invalid mapping weights: {why}"),
        Label::new(file, range, why),
    )
    .with_help("the built-in weights are kept; docs/mapping.md says what each weight means")
}

/// An expectation's example that, linted as a claim, does not map to the
/// expectation. `at` points at the expectation's id; `maps_to` names what it
/// maps to instead, best first.
pub fn example_does_not_map(at: Label, id: &str, number: usize, score: f32, maps_to: &[&str]) -> Diagnostic {
    let instead = if maps_to.is_empty() {
        "it maps to no expectation".to_owned()
    } else {
        let ids: Vec<String> = maps_to.iter().map(|m| format!("`{m}`")).collect();
        format!("it maps to {} instead", ids.join(", "))
    };
    Diagnostic::new(
        Code::ExampleDoesNotMap,
        format!("example {number} of `{id}` does not map to `{id}`"),
        at.with_message(format!("scores {score:.2} here")),
    )
    .with_note(instead)
    .with_help("add a pattern that recognises the example, or reword the expectation's example")
    .with_subject(id)
}

/// A ladder document `rules import` cannot turn into a valid rule file.
pub fn unusable_ladder(at: Label, message: &str, help: Option<&str>) -> Diagnostic {
    let d = Diagnostic::new(Code::UnusableLadder, format!("cannot import: {message}"), at);
    match help {
        Some(help) => d.with_help(help),
        None => d,
    }
}

/// Text `rules import` left out; `what` says what it is ("a paragraph beside bullets").
pub fn dropped_ladder_text(at: Label, what: &str) -> Diagnostic {
    Diagnostic::new(Code::DroppedLadderText, format!("left out {what}"), at.with_message("not imported"))
}

/// A level `rules import --all-levels` skipped because it holds no expectations.
pub fn empty_level(at: Label, id: &str) -> Diagnostic {
    Diagnostic::new(Code::DroppedLadderText, format!("left out level `{id}`: it holds no expectations"), at)
}
