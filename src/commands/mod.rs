//! One module per command. Each takes parsed arguments and an [`Io`], writes
//! through it, and returns an [`Outcome`].

pub(crate) mod check;
mod check_setup;
pub(crate) mod completions;
pub(crate) mod config;
pub(crate) mod explain;
pub(crate) mod import;
pub(crate) mod init;
pub(crate) mod ladders;
pub(crate) mod lsp;
pub(crate) mod rules;
pub(crate) mod summary;

use crate::cli::{Cli, Command, GlobalArgs, Io, Outcome, RulesCommand};
use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::report::Reporter;
use crate::report::human::{HumanReporter, HumanStyle};
use crate::rules::RuleSet;
use crate::source::Sources;

/// Runs a parsed command line.
///
/// # Errors
/// Environment failures (unreadable paths, failed writes) with context.
pub fn run(cli: Cli, io: &mut Io<'_>) -> anyhow::Result<Outcome> {
    match cli.command {
        Command::Check(args) => check::run(&cli.global, args, io),
        Command::Summary(args) => summary::run(&cli.global, args, io),
        Command::Ladders(args) => ladders::run(&cli.global, &args, io),
        Command::Explain(args) => explain::run(&cli.global, &args, io),
        Command::Rules(RulesCommand::Check(args)) => rules::check(&cli.global, &args, io),
        Command::Rules(RulesCommand::Import(args)) => import::run(&args, io),
        Command::Config => config::run(&cli.global, io),
        Command::Init(args) => init::run(&cli.global, &args, io),
        Command::Lsp => lsp::run(&cli.global, io),
        Command::Completions(args) => completions::completions(&args, io),
        Command::Man(args) => completions::man(&args, io),
    }
}

/// The rule folders of a run: the config file's `rules`, then `--rules`.
pub(crate) fn rule_dirs<'a>(global: &'a GlobalArgs, config: &'a Config) -> Vec<&'a std::path::Path> {
    config.rules.iter().map(|p| p.as_path()).chain(global.rules.iter().map(|p| p.as_path())).collect()
}

/// The config file of a run, if any: `--config FILE`, else promolint.yaml
/// found from `start` (a folder; the current folder when `None`) up. Found
/// in the current folder itself, it is named relative to it.
pub(crate) fn config_path(
    global: &GlobalArgs,
    start: Option<&std::path::Path>,
) -> Option<std::path::PathBuf> {
    match (&global.config, start) {
        (Some(path), _) => Some(path.clone()),
        (None, Some(start)) => crate::config::discover(start),
        // Found from the current folder: named relative to it when it is
        // there (`promolint.yaml:1:9`, as the user would type it), else
        // absolute (a parent's).
        (None, None) => {
            let cwd = std::env::current_dir().ok()?;
            let found = crate::config::discover(&cwd)?;
            Some(found.strip_prefix(&cwd).map_or_else(|_| found.clone(), std::path::Path::to_path_buf))
        }
    }
}

/// What every command loads before it starts, once: the configuration and
/// the rules (built-in, the config's rule folders, `--rules`), with the
/// texts of the config and rule files in one [`Sources`] so that a problem in
/// any of them points into its file.
pub(crate) struct Session {
    /// `--config FILE`, or promolint.yaml found from the current folder up.
    pub config: Config,
    /// The built-in rules and every rule folder of the run.
    pub rules: RuleSet,
    /// The config and rule files' texts, for diagnostics that point into them.
    pub sources: Sources,
}

/// Why a run failed before it started, already told on standard error, with
/// what the document formats need to say so (`check`'s failed-run output).
#[derive(Default)]
pub(crate) struct Failed {
    pub(crate) sources: Sources,
    pub(crate) diagnostics: Vec<Diagnostic>,
    pub(crate) messages: Vec<String>,
}

impl Failed {
    /// A failure with no place in a file (a usage error), told on standard error.
    ///
    /// # Errors
    /// Failed writes.
    pub(crate) fn message(message: String, io: &mut Io<'_>) -> anyhow::Result<Self> {
        writeln!(io.err, "error: {message}")?;
        Ok(Failed { messages: vec![message], ..Failed::default() })
    }

    /// Renders `diagnostics` (in `sources`) on standard error, then `closing`.
    ///
    /// # Errors
    /// Failed writes.
    pub(crate) fn diagnostics(
        sources: Sources,
        diagnostics: Vec<Diagnostic>,
        closing: &str,
        io: &mut Io<'_>,
    ) -> anyhow::Result<Self> {
        human_reporter(&mut *io.err, io.color).diagnostics(&sources, &diagnostics)?;
        writeln!(io.err, "error: {closing}")?;
        Ok(Failed { sources, diagnostics, messages: Vec::new() })
    }
}

impl Session {
    /// Loads the configuration (`--config`, else promolint.yaml found from
    /// `start`, the current folder when `None`), then the rules. Problems in
    /// either are rendered to standard error and returned as [`Failed`].
    ///
    /// # Errors
    /// Failed writes.
    pub(crate) fn open(
        global: &GlobalArgs,
        start: Option<&std::path::Path>,
        io: &mut Io<'_>,
    ) -> anyhow::Result<Result<Session, Failed>> {
        let (config, mut sources) = match load_config_file(config_path(global, start), io)? {
            Ok(loaded) => loaded,
            Err(failed) => return Ok(Err(failed)),
        };
        let rules = match crate::rules::load(&rule_dirs(global, &config), true, &mut sources) {
            Ok((rules, problems)) if problems.is_empty() => rules,
            Ok((_, problems)) => {
                let closing = format!(
                    "the rule files have {} problem(s); fix them first (`promolint rules check`)",
                    problems.len()
                );
                return Ok(Err(Failed::diagnostics(sources, problems, &closing, io)?));
            }
            Err(e) => return Ok(Err(Failed::message(format!("{e:#}"), io)?)),
        };
        Ok(Ok(Session { config, rules, sources }))
    }

    /// [`Session::open`] from the current folder, for the commands whose
    /// failure is only the exit code (`Err(Outcome::Failed)`).
    ///
    /// # Errors
    /// Failed writes.
    pub(crate) fn load(global: &GlobalArgs, io: &mut Io<'_>) -> anyhow::Result<Result<Session, Outcome>> {
        Ok(Session::open(global, None, io)?.map_err(|_| Outcome::Failed))
    }
}

/// The configuration alone (`promolint config`): `--config FILE`, or
/// promolint.yaml found from the current folder up, or none. Problems in it
/// are rendered to standard error and give `Err(Outcome::Failed)`.
///
/// # Errors
/// Failed writes.
pub(crate) fn load_config(global: &GlobalArgs, io: &mut Io<'_>) -> anyhow::Result<Result<Config, Outcome>> {
    Ok(load_config_file(config_path(global, None), io)?
        .map(|(config, _)| config)
        .map_err(|_| Outcome::Failed))
}

/// The config at `path` (the defaults when `None`), with its text in a new
/// [`Sources`]; problems are rendered on standard error and returned as
/// [`Failed`].
///
/// # Errors
/// Failed writes.
fn load_config_file(
    path: Option<std::path::PathBuf>,
    io: &mut Io<'_>,
) -> anyhow::Result<Result<(Config, Sources), Failed>> {
    let mut sources = Sources::new();
    let Some(path) = path else { return Ok(Ok((Config::default(), sources))) };
    match crate::config::load(&path, &mut sources) {
        Ok(config) => Ok(Ok((config, sources))),
        Err(problems) => {
            let closing = format!("{} has {} problem(s)", path.display(), problems.len());
            Ok(Err(Failed::diagnostics(sources, problems, &closing, io)?))
        }
    }
}

/// A human reporter over a plain writer, coloured or not.
pub(crate) fn human_reporter<'w>(out: &'w mut dyn std::io::Write, color: bool) -> Box<dyn Reporter + 'w> {
    human_reporter_with(out, color, HumanStyle::default())
}

/// A human reporter with `check`'s `--quiet` / `--verbose` choices.
pub(crate) fn human_reporter_with<'w>(
    out: &'w mut dyn std::io::Write,
    color: bool,
    style: HumanStyle,
) -> Box<dyn Reporter + 'w> {
    if color {
        Box::new(HumanReporter::new(termcolor::Ansi::new(out)).with_style(style))
    } else {
        Box::new(HumanReporter::new(termcolor::NoColor::new(out)).with_style(style))
    }
}

/// Writes `contents` to `path` as every command that was asked for a file
/// does ([`crate::fsutil::write_file`]): `Ok(false)`, after telling the user
/// on standard error, when the file exists and `force` is not given.
///
/// # Errors
/// The file cannot be written; standard error cannot be written.
pub(crate) fn write_output(
    path: &std::path::Path,
    contents: &[u8],
    force: bool,
    io: &mut crate::cli::Io<'_>,
) -> anyhow::Result<bool> {
    match crate::fsutil::write_file(path, contents, force) {
        Ok(()) => Ok(true),
        Err(e @ crate::fsutil::WriteError::Exists(_)) => {
            writeln!(io.err, "error: {e}")?;
            Ok(false)
        }
        Err(e) => Err(e.into()),
    }
}
