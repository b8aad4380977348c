//! Ladders as data: loading, validating and resolving rule files.
//!
//! The pipeline here is: rule texts ([`load`](mod@load): built-in files embedded at
//! build time plus `--rules` folders) → serde types ([`model`]) → checks and
//! `extends` resolution ([`validate`]) → a [`RuleSet`] of resolved [`Level`]s.
//! This module owns the resolved types; it knows nothing of packets.

pub mod budget;
pub mod builtin;
pub mod delta;
pub mod extends;
pub mod import;
pub mod load;
pub mod messages;
pub mod model;
pub mod repair;
pub mod schema;
pub mod scope;
pub mod validate;
pub mod vocabulary;

use std::ops::Range;

use crate::diagnostic::Severity;
use crate::lint::Code;
use crate::source::{FileId, Sources};
use crate::suggest::{self, Unknown};

/// Where a rule came from: a byte range in a rule file held in the run's
/// [`crate::source::Sources`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    /// The rule file.
    pub file: FileId,
    /// Byte range of the id (or the level's `level:` value) in that file.
    pub range: Range<usize>,
}

/// One expectation of a resolved level.
#[derive(Debug, Clone)]
pub struct Expectation {
    /// Kebab-case id, unique within the level.
    pub id: String,
    /// Heading path in the ladder, e.g. `Craft / Code Fluency`.
    pub area: String,
    /// The ladder's wording, verbatim.
    pub text: String,
    /// Regex sources, matched case-insensitively; may be empty.
    pub patterns: Vec<String>,
    /// Regex sources that veto the patterns: a claim matching one of these
    /// gets no pattern signal for this expectation (a tool name in a stack
    /// list, someone else's behaviour).
    pub guards: Vec<String>,
    /// What good evidence looks like.
    pub examples: Vec<String>,
    /// Severity of `uncovered-expectation` for it, when the rule file sets one.
    pub severity: Option<Severity>,
    /// Where it is defined.
    pub origin: Origin,
    /// The level it was inherited from through `extends`, if not this one.
    pub inherited_from: Option<String>,
    /// The scope this expectation asks, when it differs from its level's
    /// (`scope:` on the expectation); `None` means the level's.
    pub scope: Option<scope::ScopeValue>,
}

impl Expectation {
    /// An expectation with its id, area and wording and nothing else (no
    /// patterns, guards, examples, severity or scope of its own), as a ladder
    /// brought in by `rules import` has them; `origin` says where it is
    /// defined.
    pub fn plain(id: String, area: String, text: String, origin: Origin) -> Self {
        Expectation {
            id,
            area,
            text,
            patterns: Vec::new(),
            guards: Vec::new(),
            examples: Vec::new(),
            severity: None,
            origin,
            inherited_from: None,
            scope: None,
        }
    }
}

/// One red flag of a resolved level, or a common red flag.
#[derive(Debug, Clone)]
pub struct RedFlag {
    /// Kebab-case id.
    pub id: String,
    /// The ladder's wording.
    pub text: String,
    /// Regex sources, matched case-insensitively.
    pub patterns: Vec<String>,
    /// Severity set by the rule file, if any.
    pub severity: Option<Severity>,
    /// Where it is defined.
    pub origin: Origin,
}

/// A common red flag: a red flag whose id is one of promolint's lint codes.
#[derive(Debug, Clone)]
pub struct CommonRedFlag {
    /// The lint code it is reported under.
    pub code: Code,
    /// Its wording and patterns.
    pub flag: RedFlag,
}

/// The kinds of evidence promolint recognises in a claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EvidenceKind {
    /// A URL, Markdown link or autolink.
    Link,
    /// A PR, issue, ticket, RFC, design doc or commit reference.
    Reference,
    /// A number with a unit, `%`, `x`, a currency or a duration.
    Metric,
    /// A date or a period (`2024-01-07`, `Q3 2024`, `March 2024`).
    Date,
    /// Quoted feedback with a named source.
    Feedback,
}

impl EvidenceKind {
    /// Every kind, in output order.
    pub const ALL: [EvidenceKind; 5] = [
        EvidenceKind::Link,
        EvidenceKind::Reference,
        EvidenceKind::Metric,
        EvidenceKind::Date,
        EvidenceKind::Feedback,
    ];

    /// The id used in rule files and outputs.
    pub fn as_str(self) -> &'static str {
        match self {
            EvidenceKind::Link => "link",
            EvidenceKind::Reference => "reference",
            EvidenceKind::Metric => "metric",
            EvidenceKind::Date => "date",
            EvidenceKind::Feedback => "feedback",
        }
    }

    /// The kind with this id.
    pub fn from_id(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == id)
    }
}

/// An evidence kind with the patterns that recognise it.
#[derive(Debug, Clone)]
pub struct EvidenceRule {
    /// Which kind.
    pub kind: EvidenceKind,
    /// Display name.
    pub name: String,
    /// What counts as this kind.
    pub description: String,
    /// Regex sources (case-insensitive).
    pub patterns: Vec<String>,
}

/// One resolved level: its own expectations and red flags plus those of its
/// bases (`extends`), an expectation here replacing an inherited one with the
/// same id.
#[derive(Debug, Clone)]
pub struct Level {
    /// Ladder id as written in the rule file.
    pub ladder: String,
    /// Ladder display name.
    pub ladder_name: String,
    /// Level id as written in the rule file.
    pub id: String,
    /// Display title.
    pub title: String,
    /// The ladder's summary of the level.
    pub summary: Option<String>,
    /// The base level's id, if it extends one.
    pub extends: Option<String>,
    /// Where the text comes from.
    pub source_note: Option<String>,
    /// Informational notes from the ladder.
    pub notes: Vec<String>,
    /// The scope the level asks (`scope:`; inherited from its base when the
    /// file gives none).
    pub scope: Option<scope::LevelScope>,
    /// All expectations, bases first, in ladder order.
    pub expectations: Vec<Expectation>,
    /// All red flags, bases first.
    pub red_flags: Vec<RedFlag>,
    /// Where the level is defined (its `level:` value).
    pub origin: Origin,
    /// Whether the level comes from the embedded built-in rules.
    pub builtin: bool,
}

impl Level {
    /// `ladder/level`, the level's full name.
    pub fn qualified_id(&self) -> String {
        format!("{}/{}", self.ladder, self.id)
    }

    /// The expectation with this id (case-insensitive).
    pub fn expectation(&self, id: &str) -> Option<&Expectation> {
        self.expectations.iter().find(|e| e.id.eq_ignore_ascii_case(id))
    }

    /// The scope `e` (an expectation of this level) asks: its own, else the level's.
    pub fn scope_of(&self, e: &Expectation) -> Option<scope::ScopeValue> {
        e.scope.or(self.scope.as_ref().map(|s| s.value))
    }
}

/// A ladder: its levels in the order their files were loaded.
#[derive(Debug, Clone)]
pub struct Ladder {
    /// Ladder id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Its levels.
    pub levels: Vec<Level>,
}

impl Ladder {
    /// The level with this id (case-insensitive).
    pub fn level(&self, id: &str) -> Option<&Level> {
        self.find_level(id).ok()
    }

    /// [`Ladder::level`], or the ladder's level ids and the closest of them.
    ///
    /// # Errors
    /// The ladder has no level with that id.
    pub fn find_level(&self, id: &str) -> Result<&Level, Unknown<'_>> {
        suggest::lookup(id, &self.levels, |l| &l.id)
    }
}

/// Every ladder, evidence kind and common red flag available to a run.
#[derive(Debug, Clone, Default)]
pub struct RuleSet {
    /// The ladders, sorted by id.
    pub ladders: Vec<Ladder>,
    /// The evidence kinds.
    pub evidence: Vec<EvidenceRule>,
    /// The red flags common to all ladders.
    pub common_red_flags: Vec<CommonRedFlag>,
    /// Stop words and concept groups of the lexical mapping signal
    /// (`vocabulary.yaml`; the built-in one when no file gives it).
    pub vocabulary: vocabulary::Vocabulary,
    /// The weights of the mapping score (`mapping.yaml`); `None` means the
    /// hand-set weights of [`crate::analysis::score::HAND_SET`].
    pub mapping: Option<vocabulary::MappingFile>,
    /// The weights for a level none of whose expectations has patterns (a
    /// ladder imported from Markdown): `mapping-imported.yaml`, fitted on the
    /// labelled set with every pattern removed; `mapping` when absent.
    pub mapping_imported: Option<vocabulary::MappingFile>,
    /// The words that place a claim on the scope scale (`scope.yaml`, shared
    /// and per ladder).
    pub scope: scope::ScopeRules,
}

impl RuleSet {
    /// The ladder with this id (case-insensitive).
    pub fn ladder(&self, id: &str) -> Option<&Ladder> {
        self.find_ladder(id).ok()
    }

    /// [`RuleSet::ladder`], or the known ladder ids and the closest of them.
    ///
    /// # Errors
    /// No ladder has that id.
    pub fn find_ladder(&self, id: &str) -> Result<&Ladder, Unknown<'_>> {
        suggest::lookup(id, &self.ladders, |l| &l.id)
    }

    /// Every level of every ladder.
    pub fn levels(&self) -> impl Iterator<Item = &Level> {
        self.ladders.iter().flat_map(|l| l.levels.iter())
    }
}

/// Loads the built-in rules (unless `builtin` is false) and the rule folders
/// `dirs`, validates them and resolves `extends`.
///
/// Returns the rule set built from everything valid, and a diagnostic for
/// every problem in a rule file; any diagnostic means the run should exit 2.
///
/// # Errors
/// A rule folder or file that cannot be read.
pub fn load(
    dirs: &[impl AsRef<std::path::Path>],
    builtin: bool,
    sources: &mut Sources,
) -> anyhow::Result<(RuleSet, Vec<crate::diagnostic::Diagnostic>)> {
    let (files, mut diagnostics) = load::load_files(dirs, builtin, sources)?;
    let (rules, more) = validate::build(files, sources);
    diagnostics.extend(more);
    // Report in file order, and in each file from top to bottom.
    diagnostics.sort_by_key(|d| (d.primary.file, d.primary.range.start));
    Ok((rules, diagnostics))
}

/// Loads the built-in rules (unless `builtin` is false) and rule files given
/// as (name, text) pairs, and validates them as [`load()`] does.
pub fn load_texts(
    texts: &[(String, String)],
    builtin: bool,
    sources: &mut Sources,
) -> (RuleSet, Vec<crate::diagnostic::Diagnostic>) {
    let (files, mut diagnostics) = load::load_texts(texts, builtin, sources);
    let (rules, more) = validate::build(files, sources);
    diagnostics.extend(more);
    diagnostics.sort_by_key(|d| (d.primary.file, d.primary.range.start));
    (rules, diagnostics)
}
