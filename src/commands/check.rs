//! `promolint check`: lint packets and report in the chosen format.

use std::io::Write as _;

use crate::check::{self, CheckOptions};
use crate::cli::{CheckArgs, CheckFormat, GlobalArgs, Io, Outcome};
use crate::lint::{Code, LintLevel, LintLevels};
use crate::report::github::GithubReporter;
use crate::report::gitlab::GitlabReporter;
use crate::report::json::JsonReporter;
use crate::report::location::RepoPaths;
use crate::report::sarif::SarifReporter;
use crate::report::short::ShortReporter;
use crate::report::{Reporter, RunSummary, closing_line};
use crate::rules::did_you_mean;

/// Runs `check`.
///
/// # Errors
/// Unreadable rule folders; failed writes.
pub fn run(global: &GlobalArgs, args: CheckArgs, io: &mut Io<'_>) -> anyhow::Result<Outcome> {
    let config = match super::load_config(global, io)? {
        Ok(config) => config,
        Err(outcome) => return Ok(outcome),
    };
    let Some(levels) = lint_levels(config.lint_levels(), &args.lint_flags, io)? else {
        return Ok(Outcome::Failed);
    };
    let (rules, mut sources) = match super::load_rules(global, &config, io)? {
        Ok(loaded) => loaded,
        Err(outcome) => return Ok(outcome),
    };
    let options = CheckOptions {
        ladder: args.ladder,
        target: args.target,
        default_ladder: config.ladder.clone(),
        default_target: config.target.clone(),
        levels,
        min_coverage: config.min_coverage,
        config: Some(config),
        new_only: args.new_only,
    };
    let mut summary = RunSummary::default();
    let mut errors = false;
    {
        // Packets are written as their batch is done: one write(2) per
        // buffer, not per line.
        let mut out = std::io::BufWriter::with_capacity(64 << 10, &mut *io.out);
        let mut reporter: Box<dyn Reporter + '_> = match args.format {
            CheckFormat::Human => super::human_reporter(&mut out, io.color),
            CheckFormat::Short => Box::new(ShortReporter::new(&mut out)),
            CheckFormat::Json => Box::new(JsonReporter::new(&mut out)),
            CheckFormat::Sarif => Box::new(SarifReporter::new(&mut out, RepoPaths::discover())),
            CheckFormat::Github => Box::new(GithubReporter::new(&mut out, RepoPaths::discover())),
            CheckFormat::Gitlab => Box::new(GitlabReporter::new(&mut out, RepoPaths::discover())),
        };
        check::check_each(&args.paths, &rules, &options, &mut sources, |sources, result| match result {
            Ok(report) => {
                summary.checked += 1;
                summary.add(&report.diagnostics);
                errors |= report.has_errors();
                reporter.packet(sources, &report)
            }
            Err(skipped) => {
                summary.skipped.push(skipped);
                Ok(())
            }
        })?;
        reporter.finish(&sources, &summary)?;
        drop(reporter);
        out.flush()?;
    }
    if summary.checked == 0 && summary.skipped.is_empty() {
        writeln!(io.err, "warning: no Markdown files found in {}", describe(&args.paths))?;
    } else {
        writeln!(io.err, "{}", closing_line(&summary))?;
    }
    Ok(if errors { Outcome::Errors } else { Outcome::Clean })
}

fn describe(paths: &[std::path::PathBuf]) -> String {
    paths.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", ")
}

/// Lint levels from the config file, then -A/-W/-D in order; `-D warnings` escalates warnings. An
/// unknown code is an error about the run (exit 2), with "did you mean".
fn lint_levels(
    mut levels: LintLevels,
    flags: &[(LintLevel, String)],
    io: &mut Io<'_>,
) -> anyhow::Result<Option<LintLevels>> {
    let mut ok = true;
    for (level, name) in flags {
        if name == "warnings" {
            match level {
                LintLevel::Deny => levels.deny_warnings(),
                LintLevel::Allow => levels.allow_warnings(),
                // No flag spells `note`: only a code's default can be one.
                LintLevel::Warn | LintLevel::Note => levels.warn_warnings(),
            }
            continue;
        }
        match name.parse::<Code>() {
            Ok(code) if code.is_configurable() => levels.set(code, *level),
            Ok(code) => {
                writeln!(io.err, "error: `{code}` is always an error and cannot be set with -A/-W/-D")?;
                ok = false;
            }
            Err(_) => {
                let names = Code::ALL.iter().map(|c| c.name()).chain(["warnings"]);
                match did_you_mean(name, names) {
                    Some(s) => writeln!(io.err, "error: unknown lint code `{name}`; did you mean `{s}`?")?,
                    None => writeln!(
                        io.err,
                        "error: unknown lint code `{name}`; `promolint explain CODE` lists codes"
                    )?,
                }
                ok = false;
            }
        }
    }
    Ok(ok.then_some(levels))
}
