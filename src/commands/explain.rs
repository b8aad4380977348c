//! `promolint explain ID`: an expectation, a red flag, a level or a lint code,
//! in full.

use std::io::Write;

use crate::cli::{ExplainArgs, GlobalArgs, Io, Outcome};
use crate::lint::Code;
use crate::rules::{Expectation, Level, RedFlag, RuleSet, delta};
use crate::suggest::did_you_mean;

enum Found<'r> {
    Expectation(&'r Level, &'r Expectation),
    RedFlag(&'r Level, &'r RedFlag),
    Level(&'r Level),
}

/// Runs `explain`.
///
/// # Errors
/// Unreadable rule folders; failed writes.
pub(crate) fn run(global: &GlobalArgs, args: &ExplainArgs, io: &mut Io<'_>) -> anyhow::Result<Outcome> {
    let super::Session { rules, .. } = match super::Session::load(global, io)? {
        Ok(session) => session,
        Err(outcome) => return Ok(outcome),
    };
    let id = args.id.trim();
    let out = &mut *io.out;
    if let Ok(code) = id.parse::<Code>() {
        explain_code(out, &rules, code)?;
        return Ok(Outcome::Clean);
    }
    if let Some((from, to)) = id.split_once("..") {
        return explain_difference(out, &mut *io.err, &rules, from, to);
    }
    let found = find(&rules, id);
    match found.as_slice() {
        [Found::Expectation(level, e)] => explain_expectation(out, level, e)?,
        [Found::RedFlag(level, r)] => explain_red_flag(out, level, r)?,
        [Found::Level(level)] => explain_level(out, level)?,
        [] => {
            let all = all_ids(&rules);
            match did_you_mean(id, all.iter().map(String::as_str)) {
                Some(s) => writeln!(io.err, "error: nothing is called `{id}`; did you mean `{s}`?")?,
                None => writeln!(
                    io.err,
                    "error: nothing is called `{id}`; try a lint code ({}), `ladder/level` or `ladder/level/id`",
                    Code::ALL
                        .iter()
                        .filter(|c| c.is_configurable())
                        .map(|c| c.name())
                        .collect::<Vec<_>>()
                        .join(", ")
                )?,
            }
            return Ok(Outcome::Failed);
        }
        many => {
            writeln!(io.err, "error: `{id}` is ambiguous; it could be:")?;
            for f in many {
                let name = match f {
                    Found::Expectation(l, e) => format!("{}/{}", l.qualified_id(), e.id),
                    Found::RedFlag(l, r) => format!("{}/{}", l.qualified_id(), r.id),
                    Found::Level(l) => l.qualified_id(),
                };
                writeln!(io.err, "  {name}")?;
            }
            return Ok(Outcome::Failed);
        }
    }
    Ok(Outcome::Clean)
}

fn find<'r>(rules: &'r RuleSet, id: &str) -> Vec<Found<'r>> {
    let parts: Vec<&str> = id.split('/').collect();
    let mut found = Vec::new();
    match parts.as_slice() {
        [ladder, level, item] => {
            if let Some(level) = rules.ladder(ladder).and_then(|l| l.level(level)) {
                found.extend(level.expectation(item).map(|e| Found::Expectation(level, e)));
                let flag = level.red_flags.iter().find(|r| r.id.eq_ignore_ascii_case(item));
                found.extend(flag.map(|r| Found::RedFlag(level, r)));
            }
        }
        [ladder, level] => {
            found.extend(rules.ladder(ladder).and_then(|l| l.level(level)).map(Found::Level));
        }
        [short] => {
            for level in rules.levels() {
                // Only a level's own expectations: an inherited one is reported once, at its base.
                for e in level.expectations.iter().filter(|e| e.inherited_from.is_none()) {
                    if e.id.eq_ignore_ascii_case(short) {
                        found.push(Found::Expectation(level, e));
                    }
                }
                for r in &level.red_flags {
                    if r.id.eq_ignore_ascii_case(short) {
                        found.push(Found::RedFlag(level, r));
                    }
                }
            }
        }
        _ => {}
    }
    found
}

fn all_ids(rules: &RuleSet) -> Vec<String> {
    let mut ids: Vec<String> = Code::ALL.iter().map(|c| c.name().to_owned()).collect();
    for level in rules.levels() {
        ids.push(level.qualified_id());
        for e in &level.expectations {
            ids.push(e.id.clone());
            ids.push(format!("{}/{}", level.qualified_id(), e.id));
        }
        for r in &level.red_flags {
            ids.push(r.id.clone());
        }
    }
    ids
}

fn explain_code(out: &mut dyn Write, rules: &RuleSet, code: Code) -> std::io::Result<()> {
    writeln!(out, "{code}  (lint code; default level: {})", code.default_level().as_str())?;
    writeln!(out, "kind: {} ({})", code.kind(), code.kind().description())?;
    if !code.is_configurable() {
        writeln!(out, "always an error; cannot be allowed")?;
    }
    writeln!(out)?;
    writeln!(out, "{}", code.explanation())?;
    if let Some(common) = rules.common_red_flags.iter().find(|c| c.code == code) {
        writeln!(out)?;
        writeln!(out, "Recognised by these patterns (case-insensitive):")?;
        for p in &common.flag.patterns {
            writeln!(out, "  {p}")?;
        }
        let meaning = crate::analysis::meaning::MeaningModel::builtin();
        if meaning.has(code) {
            writeln!(out)?;
            writeln!(
                out,
                "With `--red-flags-by-meaning`, also by meaning on a claim no pattern matches: a logistic model over the claim's embedding, fitted on labelled lines (data/red-flags/meaning.json), flags the whole claim when its probability is at least {:.2}; the finding's note says so.",
                meaning.cutoff()
            )?;
        }
    }
    Ok(())
}

fn explain_expectation(out: &mut dyn Write, level: &Level, e: &Expectation) -> std::io::Result<()> {
    writeln!(
        out,
        "{}/{}  (expectation of {}: {})",
        level.qualified_id(),
        e.id,
        level.ladder_name,
        level.title
    )?;
    writeln!(out, "area: {}", e.area)?;
    if let Some(base) = &e.inherited_from {
        writeln!(out, "inherited from: {}/{base}", level.ladder)?;
    }
    writeln!(out)?;
    writeln!(out, "  {}", e.text)?;
    writeln!(out)?;
    if e.patterns.is_empty() {
        writeln!(out, "No patterns: claims map to it by similarity to its text.")?;
    } else {
        writeln!(out, "Claims that match any of these patterns (case-insensitive) map to it:")?;
        for p in &e.patterns {
            writeln!(out, "  {p}")?;
        }
    }
    if !e.examples.is_empty() {
        writeln!(out)?;
        writeln!(out, "Good evidence looks like:")?;
        for x in &e.examples {
            writeln!(out, "  - {x}")?;
        }
    }
    writeln!(out)?;
    writeln!(
        out,
        "Name it in a packet with <!-- covers: {} -->; waive it with <!-- promolint-waive {}: reason -->.",
        e.id, e.id
    )
}

fn explain_red_flag(out: &mut dyn Write, level: &Level, r: &RedFlag) -> std::io::Result<()> {
    writeln!(out, "{}/{}  (red flag of {}: {})", level.qualified_id(), r.id, level.ladder_name, level.title)?;
    writeln!(out)?;
    writeln!(out, "  {}", r.text)?;
    writeln!(out)?;
    writeln!(out, "Reported as `red-flag` on text that matches any of these patterns (case-insensitive):")?;
    for p in &r.patterns {
        writeln!(out, "  {p}")?;
    }
    Ok(())
}

fn quoted_words(words: &[String]) -> String {
    if words.is_empty() {
        return String::new();
    }
    let quoted: Vec<String> = words.iter().map(|w| format!("\"{w}\"")).collect();
    format!(" ({})", quoted.join(", "))
}

/// `explain ladder/current..target` (or `ladder/current..ladder/target`):
/// what the target asks that the current level does not.
fn explain_difference(
    out: &mut dyn Write,
    err: &mut dyn Write,
    rules: &RuleSet,
    from: &str,
    to: &str,
) -> anyhow::Result<Outcome> {
    let Some((ladder_id, current)) = from.split_once('/') else {
        writeln!(
            err,
            "error: write the difference as `ladder/current..target`, e.g. `socialbakers/L4..value-stream-architect`"
        )?;
        return Ok(Outcome::Failed);
    };
    let target = match to.split_once('/') {
        Some((l, t)) if l.eq_ignore_ascii_case(ladder_id) => t,
        Some(_) => {
            writeln!(err, "error: both levels must be of the same ladder (`{ladder_id}`)")?;
            return Ok(Outcome::Failed);
        }
        None => to,
    };
    let hint =
        |unknown: crate::suggest::Unknown<'_>| unknown.help().map(|h| format!("; {h}")).unwrap_or_default();
    let ladder = match rules.find_ladder(ladder_id) {
        Ok(ladder) => ladder,
        Err(unknown) => {
            writeln!(err, "error: unknown ladder `{ladder_id}`{}", hint(unknown))?;
            return Ok(Outcome::Failed);
        }
    };
    let mut levels = Vec::new();
    for name in [current, target] {
        match ladder.find_level(name) {
            Ok(l) => levels.push(l),
            Err(unknown) => {
                writeln!(err, "error: ladder `{}` has no level `{name}`{}", ladder.id, hint(unknown))?;
                return Ok(Outcome::Failed);
            }
        }
    }
    let (current, target) = (levels[0], levels[1]);
    let d = delta::difference(current, target);
    writeln!(
        out,
        "{}..{}  (what {} asks beyond {})",
        current.qualified_id(),
        target.id,
        target.title,
        current.title
    )?;
    let scope = |s: Option<crate::rules::scope::ScopeValue>| s.map_or("not stated", |s| s.as_str());
    writeln!(out)?;
    writeln!(out, "scope: {} -> {}", scope(d.scope.0), scope(d.scope.1))?;
    writeln!(out)?;
    writeln!(out, "New at {} ({} of {}):", target.id, d.new.len(), target.expectations.len())?;
    for e in &d.new {
        writeln!(out, "  + {:<34} {}", e.id, e.text)?;
    }
    writeln!(out)?;
    writeln!(out, "Already asked at {} ({}):", current.id, d.kept.len())?;
    for e in &d.kept {
        writeln!(out, "  = {:<34} {}", e.id, e.text)?;
    }
    writeln!(out)?;
    writeln!(out, "Asked at {} but not listed at {} ({}):", current.id, target.id, d.dropped.len())?;
    for e in &d.dropped {
        writeln!(out, "  - {:<34} {}", e.id, e.text)?;
    }
    Ok(Outcome::Clean)
}

fn explain_level(out: &mut dyn Write, level: &Level) -> std::io::Result<()> {
    writeln!(out, "{}  ({}: {})", level.qualified_id(), level.ladder_name, level.title)?;
    if let Some(base) = &level.extends {
        writeln!(out, "extends: {}/{base}", level.ladder)?;
    }
    if let Some(summary) = &level.summary {
        writeln!(out)?;
        writeln!(out, "  {summary}")?;
    }
    if let Some(source) = &level.source_note {
        writeln!(out)?;
        writeln!(out, "source: {source}")?;
    }
    if let Some(scope) = &level.scope {
        writeln!(out)?;
        writeln!(out, "scope: {}{}", scope.value, quoted_words(&scope.words))?;
    }
    let mut area = None;
    for e in &level.expectations {
        if area != Some(&e.area) {
            writeln!(out)?;
            writeln!(out, "{}", e.area)?;
            area = Some(&e.area);
        }
        writeln!(out, "  {:<34} {}", e.id, e.text)?;
    }
    if !level.red_flags.is_empty() {
        writeln!(out)?;
        writeln!(out, "Red flags")?;
        for r in &level.red_flags {
            writeln!(out, "  {:<34} {}", r.id, r.text)?;
        }
    }
    if !level.notes.is_empty() {
        writeln!(out)?;
        writeln!(out, "Notes")?;
        for n in &level.notes {
            writeln!(out, "  {n}")?;
        }
    }
    Ok(())
}
