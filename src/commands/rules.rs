//! `promolint rules check` (`rules import` is in [`super::import`]).

use std::path::{Path, PathBuf};

use crate::cli::{GlobalArgs, Io, Outcome, RulesCheckArgs, RulesFormat};
use crate::report::Reporter;
use crate::report::short::ShortReporter;
use crate::source::Sources;

/// Runs `rules check`: loads the built-in rules with the given folders (so
/// `extends` may name a built-in level) and reports every problem.
///
/// # Errors
/// Unreadable folders or files; failed writes.
pub(crate) fn check(global: &GlobalArgs, args: &RulesCheckArgs, io: &mut Io<'_>) -> anyhow::Result<Outcome> {
    let mut dirs: Vec<PathBuf> = global.rules.clone();
    dirs.extend(args.dirs.iter().cloned());
    // The same folder named twice (with --rules and as an argument) is read once.
    let mut seen = Vec::new();
    dirs.retain(|d| {
        let key = std::fs::canonicalize(d).unwrap_or_else(|_| d.clone());
        let new = !seen.contains(&key);
        seen.push(key);
        new
    });
    if dirs.is_empty() && Path::new("rules").is_dir() {
        dirs.push(PathBuf::from("rules"));
    }
    for d in &dirs {
        if !d.is_dir() {
            writeln!(io.err, "error: {} is not a folder of rule files", d.display())?;
            return Ok(Outcome::Failed);
        }
    }
    let mut sources = Sources::new();
    let (rules, mut diagnostics) = crate::rules::load(&dirs, true, &mut sources)?;
    let errors = diagnostics.len();
    // Only when every file is valid: each example of each level, linted as a
    // claim, should map to its own expectation (warnings, not failures).
    if errors == 0 {
        diagnostics.extend(example_warnings(&rules));
    }
    {
        let mut reporter: Box<dyn Reporter + '_> = match args.format {
            RulesFormat::Human => super::human_reporter(&mut *io.out, io.color),
            RulesFormat::Short => Box::new(ShortReporter::new(&mut *io.out)),
        };
        reporter.diagnostics(&sources, &diagnostics)?;
    }
    let files = sources.len();
    let levels = rules.levels().count();
    let warnings = diagnostics.len() - errors;
    if errors == 0 {
        let tail = if warnings == 0 { "no problems".to_owned() } else { format!("{warnings} warning(s)") };
        writeln!(io.err, "checked {files} rule files ({levels} levels): {tail}")?;
        Ok(Outcome::Clean)
    } else {
        writeln!(io.err, "checked {files} rule files: {errors} problem(s)")?;
        Ok(Outcome::Failed)
    }
}

/// An `example-does-not-map` warning for every example of every level that,
/// linted as a claim, does not map to its own expectation.
fn example_warnings(rules: &crate::rules::RuleSet) -> Vec<crate::diagnostic::Diagnostic> {
    let mut out = Vec::new();
    for level in rules.levels() {
        let matcher = crate::analysis::LevelMatcher::new(level, rules);
        for u in crate::analysis::consistency::unmapped_examples(level, &matcher) {
            let e = &level.expectations[u.expectation];
            if e.inherited_from.is_some() {
                continue; // reported once, for the level that defines it
            }
            let at = crate::diagnostic::Label::new(e.origin.file, e.origin.range.clone(), "");
            let maps_to: Vec<&str> =
                u.maps_to.iter().map(|(m, _)| level.expectations[*m].id.as_str()).collect();
            out.push(crate::rules::messages::example_does_not_map(
                at,
                &e.id,
                u.example + 1,
                u.score,
                &maps_to,
            ));
        }
    }
    out
}
