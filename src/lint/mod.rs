//! Lint codes and lint levels: the closed set of things promolint reports.
//!
//! Ladders are data (rule files); lints are code: each [`Code`] has a
//! kebab-case name, a default [`LintLevel`] and a paragraph that `promolint
//! explain CODE` prints. The bottom of the crate: it depends on nothing
//! else here. Message wording for each situation lives with the stage that
//! reports it (`check::messages`, `packet::messages`, `rules::messages`),
//! one function per situation, not in the checking code.

use std::collections::HashMap;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// How serious a diagnostic is, as printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Informational; never fails a run.
    Note,
    /// Worth fixing; fails a run only under `-D warnings`.
    Warning,
    /// Fails the run (exit code 1 for packets, 2 for rule and config files).
    Error,
}

impl Severity {
    /// The lowercase word used in every output format (`error`, `warning`, `note`).
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Note => "note",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

macro_rules! codes {
    ($( $(#[$doc:meta])* $variant:ident = $name:literal, $kind:ident, $level:ident, $configurable:literal, $explain:literal; )*) => {
        /// A lint code. Its kebab-case name is what users write in `-A`, `-W`,
        /// `-D`, `promolint.yaml` and suppression comments.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Code {
            $( $(#[$doc])* $variant, )*
        }

        impl Code {
            /// Every code, in the order `explain` lists them.
            pub const ALL: &'static [Code] = &[$(Code::$variant),*];

            /// The kebab-case name.
            pub fn name(self) -> &'static str {
                match self { $(Code::$variant => $name,)* }
            }

            /// What kind of finding it is.
            pub fn kind(self) -> Kind {
                match self { $(Code::$variant => Kind::$kind,)* }
            }

            /// The level the code has when nothing overrides it.
            pub fn default_level(self) -> LintLevel {
                match self { $(Code::$variant => LintLevel::$level,)* }
            }

            /// Whether `-A`/`-W`/`-D`, the config file and suppressions may change
            /// it. Problems in rule and config files are always errors.
            pub fn is_configurable(self) -> bool {
                match self { $(Code::$variant => $configurable,)* }
            }

            /// One paragraph on what the code flags and what to do about it.
            pub fn explanation(self) -> &'static str {
                match self { $(Code::$variant => $explain,)* }
            }
        }
    };
}

/// What kind of finding a code is. Outputs keep red flags of behaviour apart
/// from writing smells: a committee reads "red flag" as a concern about the
/// person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// A finding about a packet's coverage, evidence, front matter or comments.
    Packet,
    /// A red flag of behaviour: what the ladder warns against, blame, overwork.
    Behaviour,
    /// A packet-writing smell: vague, placeholder, hedging.
    Writing,
    /// A problem in a rule file or the config file.
    RuleFile,
    /// Information about the run or a file (an unreadable file, a waiver's reason).
    RunNote,
}

impl Kind {
    /// Whether findings of this kind are red flags (of behaviour or writing).
    pub fn is_red_flag(self) -> bool {
        matches!(self, Kind::Behaviour | Kind::Writing)
    }

    /// The kebab-case name every output uses: `packet`, `behaviour`,
    /// `writing`, `rule-file` or `run`.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Packet => "packet",
            Kind::Behaviour => "behaviour",
            Kind::Writing => "writing",
            Kind::RuleFile => "rule-file",
            Kind::RunNote => "run",
        }
    }

    /// How a reader should take a finding of this kind, in a few words
    /// ("behaviour red flag: a concern about the person").
    pub fn description(self) -> &'static str {
        match self {
            Kind::Packet => "packet finding: coverage, evidence, front matter or comments",
            Kind::Behaviour => "behaviour red flag: what the ladder warns against, blame, overwork, heroics",
            Kind::Writing => "writing smell: how the packet is written, not a concern about the person",
            Kind::RuleFile => "rule-file problem",
            Kind::RunNote => "note about the run or a file",
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

codes! {
    /// An expectation of the target level that no claim covers.
    UncoveredExpectation = "uncovered-expectation", Packet, Deny, true,
        "An expectation of the target level that no claim in the packet maps to. Committees read a packet against the ladder; an expectation nobody addressed reads as a gap. Add a claim that shows it, with evidence (a link, a PR or ticket, a metric, a date, attributed feedback), name it explicitly with `<!-- covers: ID -->`, or, if you knowingly leave it out, waive it with `<!-- promolint-waive ID: reason -->`.";
    /// A claim that maps to an expectation but has no evidence.
    ClaimWithoutEvidence = "claim-without-evidence", Packet, Warn, true,
        "A claim that maps to an expectation but carries no evidence: no link, no reference (PR #123, ABC-123, an RFC or design doc, a commit), no metric (a number with a unit or %), no date or period, no attributed feedback. Such a claim makes its expectations `weak` instead of `covered`. Add what a reviewer could check.";
    /// An expectation covered only by claims whose scope is below the level's.
    ScopeBelowLevel = "scope-below-level", Packet, Warn, true,
        "An expectation that claims cover, but only claims whose scope is two or more steps below the scope the level asks (own < team < cross-team < organisation < company): the candidate's own work for a level that asks cross-team reach, one team's work for an organisation-level expectation. One step (one team's work where cross-team reach is asked) is within what reading scope from words gets wrong, and is not flagged unless `scope-gap: 1` in promolint.yaml asks for it. Scope is read from who took part and who was affected (\"my team\", \"three teams\", \"the platform org\", \"all 200 engineers\", \"customers\"; the words are in `scope.yaml`), and the level's scope from `scope:` in its rule file. Committees ask whether the work is at the next level: show a claim where the work reached as far as the level asks (who else used, adopted or depended on it, which teams or groups you led or aligned), name that reach in words, or accept the warning when the expectation needs no such reach. Claims whose scope is unknown never trigger it.";
    /// Text that shows a red flag the ladder warns against.
    RedFlag = "red-flag", Behaviour, Warn, true,
        "The packet shows a behaviour that the target level's ladder lists as a red flag (for example \"Crunch time in the team\"). Even when meant as praise, a committee reads it against the candidate. Rephrase to what was achieved and how the risk was handled.";
    /// A claim that does not say what the candidate did.
    VagueClaim = "vague-claim", Writing, Warn, true,
        "A claim that hides what the candidate did: \"helped with\", \"was involved in\", \"contributed to\", \"worked on\". Committees cannot credit what they cannot attribute. Say what you did, decided or changed, and show the result.";
    /// Placeholder text left in the packet.
    PlaceholderText = "placeholder-text", Writing, Warn, true,
        "Placeholder text left in the packet: TODO, TBD, FIXME, XXX, lorem ipsum, [link], [insert ...]. Finish or remove it before submitting.";
    /// Blaming other people or teams.
    BlamingOthers = "blaming-others", Behaviour, Warn, true,
        "The claim blames other people or teams (\"because the other team failed to\", \"due to their incompetence\"). Committees look for ownership: say what you did about the problem.";
    /// Overwork or heroics presented as achievement.
    Overwork = "overwork", Behaviour, Warn, true,
        "Overwork or heroics presented as achievement (\"worked every weekend\", \"pulled all-nighters\", \"single-handedly\"). At senior levels committees look for sustainable delivery through others; heroics read as a planning or delegation gap.";
    /// Hedging language that undercuts a claim.
    Hedging = "hedging", Writing, Warn, true,
        "Hedging language that undercuts the claim (\"I think I maybe\", \"sort of\", \"tried to\"). State what happened.";
    /// A suppression or waiver that matches nothing.
    UnusedSuppression = "unused-suppression", Packet, Warn, true,
        "A `promolint-disable…` comment that suppresses no diagnostic, a waiver for an expectation that is covered anyway, or a suppression naming an unknown lint code (like ruff's RUF100). Remove it, so that suppressions keep meaning something.";
    /// A waiver without a reason.
    WaiverWithoutReason = "waiver-without-reason", Packet, Deny, true,
        "`<!-- promolint-waive ID -->` without a reason. A waiver tells the committee you leave an expectation uncovered on purpose; say why: `<!-- promolint-waive ID: reason -->`. The reason travels into every output.";
    /// An expectation the candidate waived, with the reason.
    WaivedExpectation = "waived-expectation", RunNote, Note, true,
        "A note (never an error) on each `<!-- promolint-waive ID: reason -->` that took effect, so that the reason travels into every output: the terminal, SARIF and GitHub annotations, GitLab reports and JSON. Allow it (`-A waived-expectation`) to hide the notes.";
    /// Coverage below the configured minimum.
    CoverageBelowMinimum = "coverage-below-minimum", Packet, Deny, true,
        "The packet's coverage (covered expectations as a share of those not waived) is below `min-coverage` in promolint.yaml.";
    /// A claim that maps to no expectation.
    UnmappedClaim = "unmapped-claim", Packet, Allow, true,
        "A claim that maps to no expectation of the target level. Allowed by default: context and narrative are normal. Enable it (`-W unmapped-claim`) to find text that does not serve the case.";
    /// The packet names a ladder that does not exist.
    UnknownLadder = "unknown-ladder", Packet, Deny, true,
        "The packet's `ladder` (front matter or --ladder) names no known ladder. `promolint ladders` lists them; `--rules DIR` adds your own.";
    /// The packet names a level that its ladder does not have.
    UnknownLevel = "unknown-level", Packet, Deny, true,
        "The packet's `target` (front matter or --target) names no level of its ladder. `promolint ladders` lists the levels.";
    /// A packet without promolint front matter.
    MissingFrontMatter = "missing-front-matter", Packet, Deny, true,
        "The file has no promolint front matter (`ladder` and `target` between `---` lines at the top), so promolint cannot tell which level to check it against. Add front matter, or pass --ladder and --target.";
    /// Front matter that is not valid YAML or not a mapping.
    InvalidFrontMatter = "invalid-front-matter", Packet, Deny, true,
        "The front matter between the `---` lines is not a valid YAML mapping, or a value has the wrong type.";
    /// A `covers` or `promolint-waive` comment names an unknown expectation.
    UnknownExpectation = "unknown-expectation", Packet, Deny, true,
        "A `<!-- covers: ID -->` or `<!-- promolint-waive ID: ... -->` comment names an expectation that the target level does not have. `promolint explain LADDER/LEVEL` lists the ids.";
    /// A file that could not be read or is not text.
    UnreadableFile = "unreadable-file", RunNote, Deny, true,
        "The file could not be read (permissions, removed, not a regular file) or is not text (invalid UTF-8, NUL bytes). It is skipped; the other files are still linted.";
    /// A rule file that is not valid YAML or does not follow the format.
    InvalidRuleFile = "invalid-rule-file", RuleFile, Deny, false,
        "A rule file that is not valid YAML, has an unknown key, lacks a required field, or has a value of the wrong type. docs/rule-files.md gives the format; schemas/rule-file.schema.json lets editors check it as you type.";
    /// An id defined twice.
    DuplicateId = "duplicate-id", RuleFile, Deny, false,
        "An expectation, red flag, evidence kind or level id is defined twice where it must be unique. The diagnostic points at both definitions.";
    /// A pattern that is not a valid regex.
    InvalidPattern = "invalid-pattern", RuleFile, Deny, false,
        "A pattern is not a valid Rust regex, or compiles to more than the size limit. Patterns use the syntax of the `regex` crate (no look-around, no backreferences).";
    /// `extends` names a level that does not exist.
    UnknownBase = "unknown-base", RuleFile, Deny, false,
        "`extends` names a level that the ladder does not have (in the built-in rules or any --rules folder).";
    /// `extends` forms a cycle.
    ExtendsCycle = "extends-cycle", RuleFile, Deny, false,
        "Levels extend each other in a cycle, so no level in it has a base to start from.";
    /// A config file that is not valid or names unknown things.
    InvalidConfig = "invalid-config", RuleFile, Deny, false,
        "promolint.yaml is not valid YAML, has an unknown key, or names an unknown lint code or level, a missing rule folder, a bad glob, a `min-coverage` outside 0..=100, or a `scope-gap` outside 1..=4.";
    /// An expectation's own example does not map to it.
    ExampleDoesNotMap = "example-does-not-map", RuleFile, Warn, false,
        "`promolint rules check` lints each expectation's `examples` as if they were claims in a packet for that level. An example that does not map to its own expectation shows where the ladder is ambiguous (another expectation shares its words) or where the expectation's wording and patterns miss how people describe that work: add a pattern, reword the example, or accept it. A warning: it does not fail the run.";
    /// A ladder document `rules import` cannot make a valid rule file from.
    UnusableLadder = "unusable-ladder", RuleFile, Deny, false,
        "`promolint rules import` could not make a rule file that `rules check` accepts from the document: its format cannot be told (pass `--from`), it is not the format it claims (bad YAML or CSV), the level named with `--level` is absent or ambiguous, or the level holds no expectations (headings only, prose only, an empty file). Nothing is written. `--list-levels` shows what the document holds.";
    /// Text of a ladder document that `rules import` left out.
    DroppedLadderText = "dropped-ladder-text", RuleFile, Warn, false,
        "`promolint rules import` left out part of the ladder document: a paragraph beside bullets, text outside any level of a multi-level document, unsupported HTML, a code block, an empty or textless table row, a competency of an unknown level. The rule file is still written; check that nothing you need is in what was dropped, and add it by hand if it is.";
    /// A shared file names an id promolint does not know.
    UnknownRuleId = "unknown-rule-id", RuleFile, Deny, false,
        "A shared rule file names an id that promolint has no code for: evidence kinds must be one of link, reference, metric, date, feedback; common red flags must be one of the common red-flag lint codes.";
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Code {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Code::ALL
            .iter()
            .copied()
            .find(|code| code.name().eq_ignore_ascii_case(s))
            .ok_or_else(|| format!("unknown lint code `{s}`"))
    }
}

/// A lint level, as clippy has them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LintLevel {
    /// Not reported.
    Allow,
    /// Reported as a note: information that never fails a run (a default
    /// only; `-W`/`-D` can still raise it).
    Note,
    /// Reported as a warning.
    Warn,
    /// Reported as an error.
    Deny,
}

impl LintLevel {
    /// The severity a diagnostic at this level is printed with; `None` for allow.
    pub fn severity(self) -> Option<Severity> {
        match self {
            LintLevel::Allow => None,
            LintLevel::Note => Some(Severity::Note),
            LintLevel::Warn => Some(Severity::Warning),
            LintLevel::Deny => Some(Severity::Error),
        }
    }

    /// `allow`, `note`, `warn` or `deny`.
    pub fn as_str(self) -> &'static str {
        match self {
            LintLevel::Allow => "allow",
            LintLevel::Note => "note",
            LintLevel::Warn => "warn",
            LintLevel::Deny => "deny",
        }
    }
}

/// The lint levels in force for a run: each code's default, overridden by the
/// config file and then by `-A`/`-W`/`-D` in the order given.
#[derive(Debug, Clone, Default)]
pub struct LintLevels {
    overrides: HashMap<Code, LintLevel>,
    deny_warnings: bool,
    allow_warnings: bool,
}

impl LintLevels {
    /// Sets the level of one code; later calls win, as later flags do in clippy.
    pub fn set(&mut self, code: Code, level: LintLevel) {
        self.overrides.insert(code, level);
    }

    /// `-D warnings`: every diagnostic that would be a warning becomes an error.
    pub fn deny_warnings(&mut self) {
        self.deny_warnings = true;
        self.allow_warnings = false;
    }

    /// `-A warnings`: every diagnostic that would be a warning is dropped.
    pub fn allow_warnings(&mut self) {
        self.allow_warnings = true;
        self.deny_warnings = false;
    }

    /// `-W warnings`: warnings stay warnings (undoes `-D warnings` / `-A warnings`).
    pub fn warn_warnings(&mut self) {
        self.allow_warnings = false;
        self.deny_warnings = false;
    }

    /// The severity a diagnostic of `code` gets, or `None` if it is allowed.
    /// `item` is the severity a rule file gave the expectation or red flag
    /// concerned; an explicit level for the code overrides it.
    pub fn severity(&self, code: Code, item: Option<Severity>) -> Option<Severity> {
        let severity = match self.overrides.get(&code) {
            Some(level) => level.severity()?,
            None => match item {
                Some(severity) => {
                    code.default_level().severity()?;
                    severity
                }
                None => code.default_level().severity()?,
            },
        };
        match severity {
            Severity::Warning if self.deny_warnings => Some(Severity::Error),
            Severity::Warning if self.allow_warnings => None,
            other => Some(other),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_kebab_case_and_explained() {
        let mut seen = std::collections::HashSet::new();
        for code in Code::ALL {
            assert!(seen.insert(code.name()), "duplicate code {code}");
            assert!(code.name().chars().all(|c| c.is_ascii_lowercase() || c == '-'));
            assert!(code.explanation().len() > 40, "{code} needs an explanation");
            assert_eq!(code.name().parse::<Code>(), Ok(*code));
        }
    }

    #[test]
    fn later_overrides_win_and_deny_warnings_escalates() {
        let mut levels = LintLevels::default();
        assert_eq!(levels.severity(Code::UnmappedClaim, None), None);
        levels.set(Code::UnmappedClaim, LintLevel::Warn);
        assert_eq!(levels.severity(Code::UnmappedClaim, None), Some(Severity::Warning));
        levels.deny_warnings();
        assert_eq!(levels.severity(Code::UnmappedClaim, None), Some(Severity::Error));
        levels.set(Code::UncoveredExpectation, LintLevel::Allow);
        assert_eq!(levels.severity(Code::UncoveredExpectation, Some(Severity::Error)), None);
    }
}
