//! The rule-file format as serde types: what a YAML rule file may contain.
//!
//! These types are deserialized with `deny_unknown_fields` and carry the spans
//! of the values that later validation points at (ids, patterns, `extends`).
//! The JSON Schema in `schemas/rule-file.schema.json` is generated from them
//! (see [`crate::rules::schema`]). Validation lives in [`crate::rules::validate`].

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_saphyr::Spanned;

/// A value with the byte range it came from in its YAML file.
pub type Located<T> = Spanned<T>;

/// One level of a ladder: the contents of `rules/<ladder>/<level>.yaml`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
#[schemars(title = "promolint level rule file")]
pub struct LevelFile {
    /// Ladder id, kebab-case; matched case-insensitively.
    #[schemars(with = "String")]
    pub ladder: Located<String>,
    /// Display name of the ladder.
    pub ladder_name: String,
    /// Level id; matched case-insensitively.
    #[schemars(with = "String")]
    pub level: Located<String>,
    /// Display title of the level.
    pub title: String,
    /// The level's summary, as the ladder states it.
    #[serde(default)]
    pub summary: Option<String>,
    /// Id of a level of the same ladder whose expectations and red flags this
    /// level inherits.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub extends: Option<Located<String>>,
    /// Where the text comes from; say here when a base level is unavailable.
    #[serde(default)]
    pub source: Option<String>,
    /// Informational text from the ladder that is never linted.
    #[serde(default)]
    pub notes: Vec<String>,
    /// The scope the level asks of a candidate's work, with the ladder's own
    /// words for it; a level that extends another inherits the base's when absent.
    #[serde(default)]
    pub scope: Option<crate::rules::scope::LevelScopeDef>,
    /// The expectations of the level, one per ladder bullet.
    #[serde(default)]
    pub expectations: Vec<ExpectationDef>,
    /// The ladder's red flags.
    #[serde(default)]
    pub red_flags: Vec<RedFlagDef>,
}

/// One expectation of a level.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ExpectationDef {
    /// Kebab-case id, unique within the level and its bases.
    #[schemars(with = "String")]
    pub id: Located<String>,
    /// Heading path in the ladder, joined with " / ".
    pub area: String,
    /// The ladder's wording, verbatim.
    pub text: String,
    /// Rust regexes, matched case-insensitively against a claim's plain text.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub patterns: Vec<Located<String>>,
    /// Rust regexes that veto the patterns: a claim matching one of these is
    /// not mapped by pattern to this expectation (a keyword's other sense).
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub guards: Vec<Located<String>>,
    /// What good evidence for this expectation looks like.
    #[serde(default)]
    pub examples: Vec<String>,
    /// Severity of `uncovered-expectation` for this expectation.
    #[serde(default)]
    pub severity: Option<RuleSeverity>,
    /// The scope this expectation asks when it differs from the level's
    /// (`own` for craft that needs no reach beyond the candidate's work).
    #[serde(default)]
    pub scope: Option<crate::rules::scope::ScopeValue>,
}

/// One red flag of a ladder, or a common red flag of `red-flags.yaml`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RedFlagDef {
    /// Kebab-case id; in `red-flags.yaml`, a common red-flag lint code.
    #[schemars(with = "String")]
    pub id: Located<String>,
    /// The ladder's wording, verbatim.
    pub text: String,
    /// Rust regexes, matched case-insensitively against a claim's plain text.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub patterns: Vec<Located<String>>,
    /// Severity of the diagnostic (default: the lint's level, a warning).
    #[serde(default)]
    pub severity: Option<RuleSeverity>,
}

/// The severity a rule file may give an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum RuleSeverity {
    /// Fails the run.
    Error,
    /// Reported, does not fail the run.
    Warning,
    /// Informational.
    Note,
}

/// `evidence.yaml`: the evidence kinds.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
#[schemars(title = "promolint evidence kinds file")]
pub struct EvidenceFile {
    /// The kinds; each id one of link, reference, metric, date, feedback.
    pub evidence_kinds: Vec<EvidenceKindDef>,
}

/// One evidence kind with the patterns that recognise it.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct EvidenceKindDef {
    /// One of link, reference, metric, date, feedback.
    #[schemars(with = "String")]
    pub id: Located<String>,
    /// Display name.
    pub name: String,
    /// What counts as this kind of evidence.
    pub description: String,
    /// Rust regexes, matched against a claim's text with its link targets.
    #[schemars(with = "Vec<String>")]
    pub patterns: Vec<Located<String>>,
}

/// `red-flags.yaml`: the packet-writing smells common to all ladders.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
#[schemars(title = "promolint common red flags file")]
pub struct CommonRedFlagsFile {
    /// The common red flags; each id a lint code.
    pub red_flags: Vec<RedFlagDef>,
}
