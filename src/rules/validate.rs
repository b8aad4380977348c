//! Checks over deserialized rule files and `extends` resolution.
//!
//! Every problem becomes a diagnostic pointing into the rule file (the
//! duplicate id and its first definition, the pattern that does not compile,
//! the unknown or cyclic `extends`), and checking goes on after each, so one
//! run reports all of them. What survives is resolved into a [`RuleSet`].

use std::collections::HashMap;

use regex::{Regex, RegexBuilder};

use crate::diagnostic::{Diagnostic, Label, Severity};
use crate::lint::Code;
use crate::rules::budget::Budget;
use crate::rules::load::{LoadedFile, RuleFile};
use crate::rules::messages::{self as msg, IdKind};
use crate::rules::model::{LevelFile, Located, RedFlagDef, RuleSeverity};
use crate::rules::vocabulary;
use crate::rules::{CommonRedFlag, EvidenceKind, EvidenceRule, Expectation, Level, Origin, RedFlag, RuleSet};
use crate::source::{FileId, Sources};
use crate::suggest::did_you_mean;
use crate::yaml::{label, range_of};

/// Largest compiled size of one pattern, in bytes (the `regex` crate's size
/// limit); a larger one is an `invalid-pattern` diagnostic rather than a slow run.
pub const PATTERN_SIZE_LIMIT: usize = 1 << 20;

/// The common red flags' lint codes: the ids `red-flags.yaml` may use (every
/// red-flag code of the registry but the ladders' own `red-flag`).
pub fn common_red_flag_codes() -> Vec<Code> {
    Code::ALL.iter().copied().filter(|c| c.kind().is_red_flag() && *c != Code::RedFlag).collect()
}

/// Compiles one rule pattern as every stage does: case-insensitive, within
/// [`PATTERN_SIZE_LIMIT`].
///
/// # Errors
/// The regex syntax error, or `CompiledTooBig`.
pub fn compile_pattern(pattern: &str) -> Result<Regex, regex::Error> {
    RegexBuilder::new(pattern).case_insensitive(true).size_limit(PATTERN_SIZE_LIMIT).build()
}

impl From<RuleSeverity> for Severity {
    fn from(s: RuleSeverity) -> Self {
        match s {
            RuleSeverity::Error => Severity::Error,
            RuleSeverity::Warning => Severity::Warning,
            RuleSeverity::Note => Severity::Note,
        }
    }
}

/// A level as one file defines it, before `extends` is applied.
pub(crate) struct OwnLevel {
    /// The level with its own expectations and red flags only.
    pub(crate) level: Level,
    /// The base it names, with the `extends` value's label.
    pub(crate) extends: Option<(String, Label)>,
}

/// Validates loaded rule files and resolves them into a [`RuleSet`]. Files
/// from `--rules` folders replace built-in files of the same level (and the
/// built-in `evidence.yaml` / `red-flags.yaml`). Returns the rule set built
/// from everything valid and a diagnostic for every problem found.
pub fn build(files: Vec<LoadedFile>, sources: &Sources) -> (RuleSet, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let mut rules = RuleSet::default();
    let mut own_levels: Vec<(OwnLevel, bool)> = Vec::new();
    let mut budget = Budget::new();
    for loaded in files {
        let text = &sources.get(loaded.file).text;
        let file = loaded.file;
        match loaded.contents {
            RuleFile::Evidence(evidence) => {
                let mut seen = HashMap::new();
                let mut kinds = Vec::new();
                for def in evidence.evidence_kinds {
                    let ids: Vec<&str> = EvidenceKind::ALL.iter().map(|k| k.as_str()).collect();
                    let Some(kind) = EvidenceKind::from_id(&def.id.value) else {
                        let suggestion = did_you_mean(&def.id.value, ids.iter().copied());
                        diagnostics.push(msg::unknown_rule_id(
                            label(file, &def.id, text, "not an evidence kind"),
                            &def.id.value,
                            &ids,
                            suggestion,
                        ));
                        continue;
                    };
                    check_unique(&mut seen, IdKind::EvidenceKind, &def.id, file, text, &mut diagnostics);
                    let patterns = check_patterns(
                        &def.patterns,
                        file,
                        text,
                        &mut diagnostics,
                        &mut budget,
                        loaded.builtin,
                    );
                    kinds.push(EvidenceRule { kind, name: def.name, description: def.description, patterns });
                }
                rules.evidence = kinds;
            }
            RuleFile::CommonRedFlags(common) => {
                let mut seen = HashMap::new();
                let mut flags = Vec::new();
                for def in common.red_flags {
                    let names: Vec<&str> = common_red_flag_codes().iter().map(|c| c.name()).collect();
                    let code = common_red_flag_codes().into_iter().find(|c| c.name() == def.id.value);
                    let Some(code) = code else {
                        let suggestion = did_you_mean(&def.id.value, names.iter().copied());
                        diagnostics.push(msg::unknown_rule_id(
                            label(file, &def.id, text, "not a common red-flag lint code"),
                            &def.id.value,
                            &names,
                            suggestion,
                        ));
                        continue;
                    };
                    check_unique(&mut seen, IdKind::RedFlag, &def.id, file, text, &mut diagnostics);
                    let flag = red_flag(def, file, text, &mut diagnostics, &mut budget, loaded.builtin);
                    flags.push(CommonRedFlag { code, flag });
                }
                rules.common_red_flags = flags;
            }
            RuleFile::Vocabulary(def) => {
                rules.vocabulary = vocabulary::vocabulary(def, file, text, &mut diagnostics)
            }
            RuleFile::Mapping(def) => {
                if let Some(m) = vocabulary::mapping(def, file, text, &mut diagnostics) {
                    rules.mapping = Some(m);
                }
            }
            RuleFile::MappingImported(def) => {
                if let Some(m) = vocabulary::mapping(def, file, text, &mut diagnostics) {
                    rules.mapping_imported = Some(m);
                }
            }
            RuleFile::Scope(def) => {
                let builtin = loaded.builtin;
                crate::rules::scope::add_file(def, &mut rules.scope, |patterns| {
                    check_patterns(patterns, file, text, &mut diagnostics, &mut budget, builtin)
                });
            }
            RuleFile::Level(level) => {
                let own = own_level(*level, file, text, loaded.builtin, &mut diagnostics, &mut budget);
                own_levels.push((own, loaded.builtin));
            }
        }
    }
    let own_levels = replace_builtin_levels(own_levels, &mut diagnostics);
    rules.ladders = crate::rules::extends::resolve(own_levels, &mut diagnostics);
    (rules, diagnostics)
}

fn own_level(
    def: LevelFile,
    file: FileId,
    text: &str,
    builtin: bool,
    diagnostics: &mut Vec<Diagnostic>,
    budget: &mut Budget,
) -> OwnLevel {
    check_kebab(IdKind::Ladder, &def.ladder, file, text, diagnostics);
    check_kebab(IdKind::Level, &def.level, file, text, diagnostics);
    let mut seen = HashMap::new();
    let mut expectations = Vec::new();
    for e in def.expectations {
        check_kebab(IdKind::Expectation, &e.id, file, text, diagnostics);
        check_unique(&mut seen, IdKind::Expectation, &e.id, file, text, diagnostics);
        let patterns = check_patterns(&e.patterns, file, text, diagnostics, budget, builtin);
        let guards = check_patterns(&e.guards, file, text, diagnostics, budget, builtin);
        expectations.push(Expectation {
            guards,
            origin: Origin { file, range: range_of(&e.id, text) },
            id: e.id.value,
            area: e.area,
            text: e.text,
            patterns,
            examples: e.examples,
            severity: e.severity.map(Severity::from),
            inherited_from: None,
            scope: e.scope,
        });
    }
    let mut seen = HashMap::new();
    let mut red_flags = Vec::new();
    for r in def.red_flags {
        check_kebab(IdKind::RedFlag, &r.id, file, text, diagnostics);
        check_unique(&mut seen, IdKind::RedFlag, &r.id, file, text, diagnostics);
        red_flags.push(red_flag(r, file, text, diagnostics, budget, builtin));
    }
    let origin = Origin { file, range: range_of(&def.level, text) };
    if expectations.is_empty() && def.extends.is_none() {
        diagnostics.push(msg::no_expectations(Label::new(file, origin.range.clone(), "this level")));
    }
    OwnLevel {
        extends: def.extends.map(|e| (e.value.clone(), label(file, &e, text, "extended here"))),
        level: Level {
            ladder: def.ladder.value,
            ladder_name: def.ladder_name,
            id: def.level.value,
            title: def.title,
            summary: def.summary,
            extends: None,
            source_note: def.source,
            notes: def.notes,
            scope: def.scope.map(Into::into),
            expectations,
            red_flags,
            origin,
            builtin,
        },
    }
}

fn red_flag(
    def: RedFlagDef,
    file: FileId,
    text: &str,
    diagnostics: &mut Vec<Diagnostic>,
    budget: &mut Budget,
    builtin: bool,
) -> RedFlag {
    let patterns = check_patterns(&def.patterns, file, text, diagnostics, budget, builtin);
    RedFlag {
        origin: Origin { file, range: range_of(&def.id, text) },
        id: def.id.value,
        text: def.text,
        patterns,
        severity: def.severity.map(Severity::from),
    }
}

/// Whether `id` is kebab-case: ASCII letters and digits in words joined by single hyphens.
pub fn is_kebab_case(id: &str) -> bool {
    !id.is_empty() && id.split('-').all(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_alphanumeric()))
}

fn check_kebab(
    kind: IdKind,
    id: &Located<String>,
    file: FileId,
    text: &str,
    diagnostics: &mut Vec<Diagnostic>,
) {
    if !is_kebab_case(&id.value) {
        diagnostics.push(msg::id_not_kebab_case(kind, &id.value, label(file, id, text, "")));
    }
}

fn check_unique(
    seen: &mut HashMap<String, Label>,
    kind: IdKind,
    id: &Located<String>,
    file: FileId,
    text: &str,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let key = id.value.to_lowercase();
    let here = label(file, id, text, "defined again here");
    match seen.get(&key) {
        Some(first) => diagnostics.push(msg::duplicate_id(kind, &id.value, here, first.clone())),
        None => {
            seen.insert(key, label(file, id, text, "first defined here"));
        }
    }
}

/// The patterns' sources, with a diagnostic for each that does not compile
/// or goes over the [`Budget`]. Built-in patterns are trusted (a meta-test
/// compiles every one), which keeps start-up fast: they are compiled once,
/// together, when a level is first used.
fn check_patterns(
    patterns: &[Located<String>],
    file: FileId,
    text: &str,
    diagnostics: &mut Vec<Diagnostic>,
    budget: &mut Budget,
    trusted: bool,
) -> Vec<String> {
    if trusted {
        return patterns.iter().map(|p| p.value.clone()).collect();
    }
    let mut ok = Vec::new();
    for p in patterns {
        match budget.check(p, file, text) {
            Ok(()) => ok.push(p.value.clone()),
            Err(d) => diagnostics.extend(d.map(|d| *d)),
        }
    }
    ok
}

/// Keeps one definition per (ladder, level): a `--rules` level replaces a
/// built-in one; two definitions from the same side are a duplicate.
fn replace_builtin_levels(levels: Vec<(OwnLevel, bool)>, diagnostics: &mut Vec<Diagnostic>) -> Vec<OwnLevel> {
    let mut kept: Vec<OwnLevel> = Vec::new();
    let mut index: HashMap<(String, String), usize> = HashMap::new();
    for (own, builtin) in levels {
        let key = (own.level.ladder.to_lowercase(), own.level.id.to_lowercase());
        match index.get(&key) {
            Some(&i) if kept[i].level.builtin && !builtin => kept[i] = own,
            Some(&i) => {
                let first = &kept[i].level.origin;
                let here = &own.level.origin;
                diagnostics.push(msg::duplicate_id(
                    IdKind::Level,
                    &own.level.qualified_id(),
                    Label::new(here.file, here.range.clone(), "defined again here"),
                    Label::new(first.file, first.range.clone(), "first defined here"),
                ));
            }
            None => {
                index.insert(key, kept.len());
                kept.push(own);
            }
        }
    }
    kept
}
