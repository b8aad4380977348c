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

/// Loads the built-in rules and `--rules` folders. Problems in rule files are
/// rendered to standard error (they are about the run, not the packets) and
/// give `Err(Outcome::Failed)`.
///
/// # Errors
/// A rule folder or file that cannot be read.
pub(crate) fn load_rules(
    global: &GlobalArgs,
    config: &Config,
    io: &mut Io<'_>,
) -> anyhow::Result<Result<(RuleSet, Sources), Outcome>> {
    let mut sources = Sources::new();
    let (rules, diagnostics) = crate::rules::load(&rule_dirs(global, config), true, &mut sources)?;
    if diagnostics.is_empty() {
        return Ok(Ok((rules, sources)));
    }
    human_reporter(&mut *io.err, io.color).diagnostics(&sources, &diagnostics)?;
    writeln!(
        io.err,
        "error: the rule files have {} problem(s); fix them first (`promolint rules check`)",
        diagnostics.len()
    )?;
    Ok(Err(Outcome::Failed))
}

/// The rule folders of a run: the config file's `rules`, then `--rules`.
pub(crate) fn rule_dirs<'a>(global: &'a GlobalArgs, config: &'a Config) -> Vec<&'a std::path::Path> {
    config.rules.iter().map(|p| p.as_path()).chain(global.rules.iter().map(|p| p.as_path())).collect()
}

/// The config file of a run, if any: `--config FILE`, else promolint.yaml
/// found from `start` (a folder; the current folder when `None`) up.
pub(crate) fn config_path(
    global: &GlobalArgs,
    start: Option<&std::path::Path>,
) -> Option<std::path::PathBuf> {
    match (&global.config, start) {
        (Some(path), _) => Some(path.clone()),
        (None, Some(start)) => crate::config::discover(start),
        (None, None) => std::env::current_dir().ok().and_then(|cwd| crate::config::discover(&cwd)),
    }
}

/// What a command that reads rules starts from: the configuration and the
/// rules it and `--rules` name, loaded once.
pub(crate) struct Session {
    /// `--config FILE`, or promolint.yaml found from the current folder up.
    pub config: Config,
    /// The built-in rules and every rule folder of the run.
    pub rules: RuleSet,
    /// The rule files' texts, for diagnostics that point into them.
    pub sources: Sources,
}

impl Session {
    /// Loads the configuration, then the rules. Problems in either are
    /// rendered to standard error and give `Err(Outcome::Failed)`.
    ///
    /// # Errors
    /// Unreadable rule folders; failed writes.
    pub(crate) fn load(global: &GlobalArgs, io: &mut Io<'_>) -> anyhow::Result<Result<Session, Outcome>> {
        let config = match load_config(global, io)? {
            Ok(config) => config,
            Err(outcome) => return Ok(Err(outcome)),
        };
        Ok(load_rules(global, &config, io)?.map(|(rules, sources)| Session { config, rules, sources }))
    }
}

/// The configuration: `--config FILE`, or promolint.yaml found from the
/// current folder up, or none. Problems in it are rendered to standard error
/// and give `Err(Outcome::Failed)`.
///
/// # Errors
/// Failed writes.
pub(crate) fn load_config(global: &GlobalArgs, io: &mut Io<'_>) -> anyhow::Result<Result<Config, Outcome>> {
    load_config_from(global, None, io)
}

/// [`load_config`], looking for promolint.yaml from `start` (a folder)
/// instead of the current folder when given.
///
/// # Errors
/// Failed writes.
pub(crate) fn load_config_from(
    global: &GlobalArgs,
    start: Option<&std::path::Path>,
    io: &mut Io<'_>,
) -> anyhow::Result<Result<Config, Outcome>> {
    let Some(path) = config_path(global, start) else { return Ok(Ok(Config::default())) };
    let mut sources = Sources::new();
    match crate::config::load(&path, &mut sources) {
        Ok(config) => Ok(Ok(config)),
        Err(diagnostics) => {
            human_reporter(&mut *io.err, io.color).diagnostics(&sources, &diagnostics)?;
            writeln!(io.err, "error: {} has {} problem(s)", path.display(), diagnostics.len())?;
            Ok(Err(Outcome::Failed))
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
