//! `promolint init --ladder L --target T [FILE]`: a packet skeleton for a
//! level. Front matter, then one section per area of the level and, under
//! it, each expectation as an HTML comment with its id, its text and the
//! evidence that would cover it, ready to be replaced by claims. The
//! skeleton has no claims, so it lints with `uncovered-expectation` only.
//!
//! Written to standard output, or atomically to FILE, which is never
//! replaced without `--force`.

use crate::cli::{GlobalArgs, InitArgs, Io, Outcome};
use crate::rules::{Level, RuleSet};

/// Runs `init`.
///
/// # Errors
/// Unreadable rule folders; failed writes.
pub(crate) fn run(global: &GlobalArgs, args: &InitArgs, io: &mut Io<'_>) -> anyhow::Result<Outcome> {
    if let Some(path) = &args.file
        && crate::fsutil::occupied(path)
        && !args.force
    {
        writeln!(io.err, "error: {} exists; pass --force to replace it", path.display())?;
        return Ok(Outcome::Failed);
    }
    let super::Session { rules, .. } = match super::Session::load(global, io)? {
        Ok(session) => session,
        Err(outcome) => return Ok(outcome),
    };
    let Some(level) = find_level(&rules, &args.ladder, &args.target, io)? else {
        return Ok(Outcome::Failed);
    };
    let text = skeleton(level, args.candidate.as_deref());
    match &args.file {
        None => io.out.write_all(text.as_bytes())?,
        Some(path) => {
            if !super::write_output(path, text.as_bytes(), args.force, io)? {
                return Ok(Outcome::Failed);
            }
            writeln!(
                io.err,
                "wrote {}: {} expectations of {} in {} areas; `promolint check {}` lists what is left",
                path.display(),
                level.expectations.len(),
                level.qualified_id(),
                areas(level).len(),
                path.display()
            )?;
        }
    }
    Ok(Outcome::Clean)
}

/// The level `ladder`/`target` names, or an error about the run with "did you mean".
fn find_level<'r>(
    rules: &'r RuleSet,
    ladder: &str,
    target: &str,
    io: &mut Io<'_>,
) -> anyhow::Result<Option<&'r Level>> {
    let hint = |unknown: crate::suggest::Unknown<'_>| {
        unknown.help().unwrap_or_else(|| "`promolint ladders` lists them".to_owned())
    };
    let found = match rules.find_ladder(ladder) {
        Ok(found) => found,
        Err(unknown) => {
            writeln!(io.err, "error: unknown ladder `{ladder}`; {}", hint(unknown))?;
            return Ok(None);
        }
    };
    match found.find_level(target) {
        Ok(level) => Ok(Some(level)),
        Err(unknown) => {
            writeln!(io.err, "error: `{target}` is not a level of `{}`; {}", found.id, hint(unknown))?;
            Ok(None)
        }
    }
}

/// The areas of a level in ladder order, each once.
fn areas(level: &Level) -> Vec<&str> {
    let mut areas: Vec<&str> = Vec::new();
    for e in &level.expectations {
        if !areas.contains(&e.area.as_str()) {
            areas.push(&e.area);
        }
    }
    areas
}

/// Text safe inside an HTML comment: no `-->` that would end it early, and
/// on one line.
fn in_comment(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ").replace("-->", "-- >").replace("<!--", "< !--")
}

/// YAML scalar for the front matter (quoted by serde-saphyr when needed).
fn yaml_scalar(value: &str) -> String {
    serde_saphyr::to_string(&value).map(|s| s.trim_end().to_owned()).unwrap_or_else(|_| "''".to_owned())
}

/// The skeleton of a packet for `level`.
pub(crate) fn skeleton(level: &Level, candidate: Option<&str>) -> String {
    let mut out = String::new();
    out.push_str("---\n");
    out.push_str(&format!("candidate: {}\n", yaml_scalar(candidate.unwrap_or("Your Name"))));
    out.push_str(&format!("ladder: {}\n", yaml_scalar(&level.ladder)));
    out.push_str(&format!("target: {}\n", yaml_scalar(&level.id)));
    out.push_str("---\n");
    out.push_str(&format!(
        "# Promotion to {} ({})\n\n",
        in_comment(&level.title),
        in_comment(&level.ladder_name)
    ));
    out.push_str(
        "<!-- Under each area, replace each expectation comment with claims: one list item per thing\n     \
         you did, with what a reviewer could check (a link, a PR or ticket, a metric, a date, quoted\n     \
         feedback with its author). Name the expectation a claim shows by ending it with a covers\n     \
         comment (covers: ID). Leave one out on purpose with a promolint-waive comment (ID: reason).\n     \
         `promolint check` lists what is still uncovered; `promolint explain ID` says more. -->\n",
    );
    for area in areas(level) {
        out.push_str(&format!("\n## {}\n", in_comment(area)));
        for e in level.expectations.iter().filter(|e| e.area == area) {
            out.push_str(&format!("\n<!-- {}: {}\n", e.id, in_comment(&e.text)));
            if e.examples.is_empty() {
                out.push_str(
                    "     evidence: a link, a PR or ticket, a metric, a date, or attributed feedback\n",
                );
            } else {
                for example in &e.examples {
                    out.push_str(&format!("     evidence could be: {}\n", in_comment(example)));
                }
            }
            out.push_str(&format!("     a claim about it ends with: covers: {} -->\n", e.id));
        }
    }
    out
}
