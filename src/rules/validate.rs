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
use crate::lint::rules::{self as msg, IdKind};
use crate::rules::load::{LoadedFile, RuleFile, label, range_of};
use crate::rules::model::{LevelFile, Located, RedFlagDef, RuleSeverity};
use crate::rules::vocabulary;
use crate::rules::{
    CommonRedFlag, EvidenceKind, EvidenceRule, Expectation, Ladder, Level, Origin, RedFlag, RuleSet,
    did_you_mean,
};
use crate::source::{FileId, Sources};

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
struct OwnLevel {
    level: Level,
    extends: Option<(String, Label)>,
}

/// Validates loaded rule files and resolves them into a [`RuleSet`]. Files
/// from `--rules` folders replace built-in files of the same level (and the
/// built-in `evidence.yaml` / `red-flags.yaml`). Returns the rule set built
/// from everything valid and a diagnostic for every problem found.
pub fn build(files: Vec<LoadedFile>, sources: &Sources) -> (RuleSet, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let mut rules = RuleSet::default();
    let mut own_levels: Vec<(OwnLevel, bool)> = Vec::new();
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
                    let patterns =
                        check_patterns(&def.patterns, file, text, &mut diagnostics, loaded.builtin);
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
                    let flag = red_flag(def, file, text, &mut diagnostics, loaded.builtin);
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
                    check_patterns(patterns, file, text, &mut diagnostics, builtin)
                });
            }
            RuleFile::Level(level) => {
                let own = own_level(*level, file, text, loaded.builtin, &mut diagnostics);
                own_levels.push((own, loaded.builtin));
            }
        }
    }
    let own_levels = replace_builtin_levels(own_levels, &mut diagnostics);
    rules.ladders = resolve(own_levels, &mut diagnostics);
    (rules, diagnostics)
}

fn own_level(
    def: LevelFile,
    file: FileId,
    text: &str,
    builtin: bool,
    diagnostics: &mut Vec<Diagnostic>,
) -> OwnLevel {
    let mut seen = HashMap::new();
    let mut expectations = Vec::new();
    for e in def.expectations {
        check_unique(&mut seen, IdKind::Expectation, &e.id, file, text, diagnostics);
        let patterns = check_patterns(&e.patterns, file, text, diagnostics, builtin);
        let guards = check_patterns(&e.guards, file, text, diagnostics, builtin);
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
        check_unique(&mut seen, IdKind::RedFlag, &r.id, file, text, diagnostics);
        red_flags.push(red_flag(r, file, text, diagnostics, builtin));
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
    builtin: bool,
) -> RedFlag {
    let patterns = check_patterns(&def.patterns, file, text, diagnostics, builtin);
    RedFlag {
        origin: Origin { file, range: range_of(&def.id, text) },
        id: def.id.value,
        text: def.text,
        patterns,
        severity: def.severity.map(Severity::from),
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

/// The patterns' sources, with a diagnostic for each that does not compile.
/// Built-in patterns are trusted (a meta-test compiles every one), which keeps
/// start-up fast: they are compiled once, together, when a level is first used.
fn check_patterns(
    patterns: &[Located<String>],
    file: FileId,
    text: &str,
    diagnostics: &mut Vec<Diagnostic>,
    trusted: bool,
) -> Vec<String> {
    if trusted {
        return patterns.iter().map(|p| p.value.clone()).collect();
    }
    let mut ok = Vec::new();
    for p in patterns {
        match compile_pattern(&p.value) {
            Ok(_) => ok.push(p.value.clone()),
            Err(e) => diagnostics.push(msg::invalid_pattern(label(file, p, text, "this pattern"), &e)),
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

/// Applies `extends`: each level gets its bases' expectations and red flags
/// first, its own replacing any with the same id.
fn resolve(levels: Vec<OwnLevel>, diagnostics: &mut Vec<Diagnostic>) -> Vec<Ladder> {
    let key = |l: &Level| (l.ladder.to_lowercase(), l.id.to_lowercase());
    let index: HashMap<(String, String), usize> =
        levels.iter().enumerate().map(|(i, o)| (key(&o.level), i)).collect();
    // The base of each level, as an index, once known to exist.
    let mut base: Vec<Option<usize>> = vec![None; levels.len()];
    let mut broken = vec![false; levels.len()];
    for (i, own) in levels.iter().enumerate() {
        if let Some((name, at)) = &own.extends {
            match index.get(&(own.level.ladder.to_lowercase(), name.to_lowercase())) {
                Some(&b) => base[i] = Some(b),
                None => {
                    let siblings = levels
                        .iter()
                        .filter(|o| o.level.ladder.eq_ignore_ascii_case(&own.level.ladder))
                        .map(|o| o.level.id.as_str());
                    let suggestion = did_you_mean(name, siblings);
                    diagnostics.push(msg::unknown_base(at.clone(), name, &own.level.ladder, suggestion));
                    broken[i] = true;
                }
            }
        }
    }
    // Cycles: follow each chain; a chain that comes back to a level on it is a cycle.
    let mut reported = vec![false; levels.len()];
    for start in 0..levels.len() {
        let mut path = vec![start];
        let mut current = start;
        while let Some(next) = base[current] {
            if let Some(pos) = path.iter().position(|&p| p == next) {
                let cycle = &path[pos..];
                for &c in cycle {
                    broken[c] = true;
                }
                if !cycle.iter().any(|&c| reported[c]) {
                    let first = *cycle.iter().min().unwrap_or(&next);
                    let mut names: Vec<String> = Vec::new();
                    let mut c = first;
                    loop {
                        names.push(levels[c].level.id.clone());
                        c = base[c].unwrap_or(first);
                        if c == first {
                            break;
                        }
                    }
                    names.push(levels[first].level.id.clone());
                    let at = levels[first].extends.as_ref().map(|(_, l)| l.clone());
                    if let Some(at) = at {
                        diagnostics.push(msg::extends_cycle(at, &names));
                    }
                    for &c in cycle {
                        reported[c] = true;
                    }
                }
                break;
            }
            path.push(next);
            current = next;
        }
        if path.iter().any(|&p| broken[p]) {
            broken[start] = true;
        }
    }
    let mut resolved: Vec<Level> = Vec::with_capacity(levels.len());
    for (i, own) in levels.iter().enumerate() {
        let mut level = own.level.clone();
        level.extends = own.extends.as_ref().map(|(name, _)| name.clone());
        if !broken[i] {
            let mut chain = Vec::new();
            let mut current = base[i];
            while let Some(b) = current {
                chain.push(b);
                current = base[b];
            }
            let mut expectations: Vec<Expectation> = Vec::new();
            let mut red_flags: Vec<RedFlag> = Vec::new();
            for &b in chain.iter().rev() {
                let from = &levels[b].level;
                merge(&mut expectations, &from.expectations, Some(&from.id), |e| &e.id);
                merge(&mut red_flags, &from.red_flags, None, |r| &r.id);
            }
            merge(&mut expectations, &level.expectations, None, |e| &e.id);
            if level.scope.is_none() {
                level.scope = chain.iter().find_map(|&b| levels[b].level.scope.clone());
            }
            merge(&mut red_flags, &level.red_flags, None, |r| &r.id);
            // Only inherited expectations keep `inherited_from`.
            level.expectations = expectations;
            level.red_flags = red_flags;
        }
        resolved.push(level);
    }
    let mut ladders: Vec<Ladder> = Vec::new();
    for level in resolved {
        match ladders.iter_mut().find(|l| l.id.eq_ignore_ascii_case(&level.ladder)) {
            Some(ladder) => ladder.levels.push(level),
            None => ladders.push(Ladder {
                id: level.ladder.clone(),
                name: level.ladder_name.clone(),
                levels: vec![level],
            }),
        }
    }
    ladders.sort_by_key(|l| l.id.to_lowercase());
    ladders
}

/// Appends `items` to `into`, an item replacing one already there with the
/// same id (case-insensitive). Linear in the items: an imported level may
/// hold tens of thousands.
fn merge<T: Clone + Inherit>(into: &mut Vec<T>, items: &[T], from: Option<&str>, id: impl Fn(&T) -> &String) {
    let mut index: HashMap<String, usize> =
        into.iter().enumerate().map(|(i, x)| (id(x).to_lowercase(), i)).collect();
    for item in items {
        let mut item = item.clone();
        if let Some(from) = from {
            item.set_inherited(from);
        }
        match index.get(&id(&item).to_lowercase()) {
            Some(&i) => into[i] = item,
            None => {
                index.insert(id(&item).to_lowercase(), into.len());
                into.push(item);
            }
        }
    }
}

trait Inherit {
    fn set_inherited(&mut self, from: &str);
}

impl Inherit for Expectation {
    fn set_inherited(&mut self, from: &str) {
        if self.inherited_from.is_none() {
            self.inherited_from = Some(from.to_owned());
        }
    }
}

impl Inherit for RedFlag {
    fn set_inherited(&mut self, _from: &str) {}
}
