//! What `check` does before linting the first packet, beyond the session
//! every command opens ([`super::Session`]: the config file and the rule
//! files, in one [`Sources`] so a problem in any of them points into its
//! file): the lint levels and the config's default ladder and target;
//! and, when one fails, the output of the failed run (exit 2) in the chosen
//! format, so that CI reading `--format sarif`/`json`/`gitlab` still gets a
//! valid document (see [`crate::report::Reporter::failed`]).

use super::Failed;
use crate::cli::{CheckArgs, GlobalArgs, Io, Outcome};
use crate::config::Config;
use crate::lint::{Code, LintLevel, LintLevels};
use crate::report::Failure;
use crate::rules::RuleSet;
use crate::source::Sources;
use crate::suggest::did_you_mean;

/// Everything a run needs, loaded without a problem.
pub(super) struct Ready {
    pub(super) config: Config,
    pub(super) levels: LintLevels,
    pub(super) rules: RuleSet,
    /// The config and rule files' texts; packets are added after them.
    pub(super) sources: Sources,
}

/// Opens the session (the config from `start`, a folder, when given, and the
/// rules), applies `-A/-W/-D` and checks the config's defaults against the
/// rules. Every
/// problem is rendered on standard error as it is found.
///
/// # Errors
/// Standard error cannot be written.
pub(super) fn setup(
    global: &GlobalArgs,
    args: &CheckArgs,
    start: Option<&std::path::Path>,
    io: &mut Io<'_>,
) -> anyhow::Result<Result<Ready, Failed>> {
    let super::Session { config, rules, sources } = match super::Session::open(global, start, io)? {
        Ok(session) => session,
        Err(failed) => return Ok(Err(failed)),
    };
    let levels = match lint_levels(config.lint_levels(), &args.lint_flags) {
        Ok(levels) => levels,
        Err(messages) => {
            for m in &messages {
                writeln!(io.err, "error: {m}")?;
            }
            return Ok(Err(Failed { sources, diagnostics: Vec::new(), messages }));
        }
    };
    let problems = crate::config::check_defaults(&config, &rules);
    if !problems.is_empty() {
        let name = config.path.as_ref().map_or_else(String::new, |p| p.display().to_string());
        let closing = format!("{name} has {} problem(s)", problems.len());
        return Ok(Err(Failed::diagnostics(sources, problems, &closing, io)?));
    }
    Ok(Ok(Ready { config, levels, rules, sources }))
}

/// The output of a failed run in the chosen format, on standard output or
/// in `--output` (never replacing a file without `--force`); nothing for
/// the formats that have no document. Always [`Outcome::Failed`].
///
/// # Errors
/// The output file cannot be written.
pub(super) fn failed_run(args: &CheckArgs, failed: &Failed, io: &mut Io<'_>) -> anyhow::Result<Outcome> {
    let mut buffer = Vec::new();
    {
        let mut reporter = super::check::reporter(args, &mut buffer, false);
        let failure = Failure { diagnostics: &failed.diagnostics, messages: &failed.messages };
        reporter.failed(&failed.sources, &failure)?;
    }
    if buffer.is_empty() {
        return Ok(Outcome::Failed);
    }
    match &args.output {
        Some(path) => {
            if super::write_output(path, &buffer, args.force, io)? && !args.quiet {
                writeln!(io.err, "wrote {}", path.display())?;
            }
        }
        None => match io.out.write_all(&buffer).and_then(|()| io.out.flush()) {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
            other => other?,
        },
    }
    Ok(Outcome::Failed)
}

/// Lint levels from the config file, then -A/-W/-D in order; `-D warnings`
/// escalates warnings. An unknown code fails the run (exit 2), with "did you
/// mean": `Err` holds one message per bad flag.
fn lint_levels(mut levels: LintLevels, flags: &[(LintLevel, String)]) -> Result<LintLevels, Vec<String>> {
    let mut problems = Vec::new();
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
            Ok(code) => problems.push(format!("`{code}` is always an error and cannot be set with -A/-W/-D")),
            Err(_) => {
                let names = Code::ALL.iter().map(|c| c.name()).chain(["warnings"]);
                problems.push(match did_you_mean(name, names) {
                    Some(s) => format!("unknown lint code `{name}`; did you mean `{s}`?"),
                    None => format!("unknown lint code `{name}`; `promolint explain CODE` lists codes"),
                });
            }
        }
    }
    if problems.is_empty() { Ok(levels) } else { Err(problems) }
}
