//! The command line: argument definitions (clap derive), parsed into a
//! [`Cli`] that [`crate::run`] dispatches to the commands.

use std::io::Write;
use std::path::PathBuf;

use clap::{ArgMatches, Args, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};

use crate::lint::LintLevel;

mod rules;

pub use rules::{ImportArgs, ImportFormat, RulesCheckArgs, RulesCommand, RulesFormat};

/// promolint: lint promotion packets against career-ladder expectations.
#[derive(Debug, Parser)]
#[command(name = "promolint", version, about, max_term_width = 100)]
pub struct Cli {
    /// Options every command takes.
    #[command(flatten)]
    pub global: GlobalArgs,
    /// The command.
    #[command(subcommand)]
    pub command: Command,
}

/// Options every command takes.
#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// Add a folder of rule files (repeatable); its levels replace built-in levels with the same ids.
    #[arg(long = "rules", value_name = "DIR", global = true)]
    pub rules: Vec<PathBuf>,
    /// Read this config file instead of looking for promolint.yaml in this folder and its parents.
    #[arg(long, value_name = "FILE", global = true)]
    pub config: Option<PathBuf>,
    /// When to use colour in human output; `auto` means when stdout is a terminal and NO_COLOR is unset.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, global = true)]
    pub color: ColorChoice,
}

/// `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour when stdout is a terminal and NO_COLOR is not set.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Lint packets (files or folders; default: the current folder).
    Check(CheckArgs),
    /// Coverage summary of many packets for promotion committees.
    Summary(SummaryArgs),
    /// List the ladders and levels available, with expectation and red-flag counts.
    Ladders(LaddersArgs),
    /// Explain an expectation (`ladder/level/id` or a unique short id), a red flag, a level (`ladder/level`) or a lint code.
    Explain(ExplainArgs),
    /// Validate and import rule files.
    #[command(subcommand)]
    Rules(RulesCommand),
    /// Print the configuration in effect and where each value comes from.
    Config,
    /// Write a packet skeleton for a level: front matter, a section per area, each expectation as a comment.
    Init(InitArgs),
    /// Run the language server over standard input and output, for editors (never writes files).
    Lsp,
    /// Print shell completions: `promolint completions bash > ~/.local/share/bash-completion/completions/promolint`.
    Completions(CompletionsArgs),
    /// Print the man page (roff): `promolint man > promolint.1; man ./promolint.1`; `promolint man check`: promolint-check(1).
    Man(ManArgs),
}

/// `promolint init`.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// The ladder of the level (`promolint ladders` lists them).
    #[arg(long)]
    pub ladder: String,
    /// The level the packet is for.
    #[arg(long)]
    pub target: String,
    /// The candidate's name for the front matter.
    #[arg(long)]
    pub candidate: Option<String>,
    /// Write the skeleton here (atomically) instead of standard output.
    pub file: Option<PathBuf>,
    /// Replace FILE if it exists.
    #[arg(long)]
    pub force: bool,
}

/// `promolint man`.
#[derive(Debug, Args)]
pub struct ManArgs {
    /// A command's own page (`check` gives promolint-check(1)); without it, promolint(1).
    pub command: Option<String>,
}

/// `promolint completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete in.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// `promolint check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Packet files or folders to walk for `.md` / `.markdown` files; `-` reads one packet from standard input.
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, visible_alias = "output-format", value_enum, default_value_t = CheckFormat::Human)]
    pub format: CheckFormat,
    /// With `-`: the packet's path, shown in messages and used to find promolint.yaml and apply `exclude`.
    #[arg(long, value_name = "PATH")]
    pub stdin_filename: Option<PathBuf>,
    /// Print diagnostics only: no coverage lines, no closing line.
    #[arg(short, long)]
    pub quiet: bool,
    /// Human output: every uncovered expectation in full, instead of one checklist per area.
    #[arg(short, long)]
    pub verbose: bool,
    /// Print how many diagnostics each lint code gave, instead of the diagnostics.
    #[arg(long)]
    pub statistics: bool,
    /// Exit with 0 even when there are error-level diagnostics (2 still means the run failed).
    #[arg(long)]
    pub exit_zero: bool,
    /// Write the report to this file (atomically) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Replace the output file if it exists.
    #[arg(long)]
    pub force: bool,
    /// Treat files named on the command line as if found by walking: `exclude` applies and Markdown
    /// without promolint front matter is skipped (for pre-commit, which names every staged file).
    #[arg(long)]
    pub force_exclude: bool,
    /// Ladder to check against, supplying or overriding the front matter's `ladder`.
    #[arg(long)]
    pub ladder: Option<String>,
    /// Level to check against, supplying or overriding the front matter's `target`.
    #[arg(long)]
    pub target: Option<String>,
    /// Report only what is new at the target: leave out the findings about
    /// expectations the packet's `current` level already asks.
    #[arg(long)]
    pub new_only: bool,
    /// Also find vague claims by meaning (a model over the claim's embedding)
    /// where no pattern matches: more found, more false alarms, and slower.
    #[arg(long)]
    pub red_flags_by_meaning: bool,
    /// Allow a lint (report nothing for it). Repeatable.
    #[arg(short = 'A', long = "allow", value_name = "CODE")]
    pub allow: Vec<String>,
    /// Warn on a lint. Repeatable.
    #[arg(short = 'W', long = "warn", value_name = "CODE")]
    pub warn: Vec<String>,
    /// Deny a lint (make it an error); `-D warnings` makes every warning an error. Repeatable.
    #[arg(short = 'D', long = "deny", value_name = "CODE")]
    pub deny: Vec<String>,
    /// The -A/-W/-D flags in the order given (later ones win), filled in by [`parse`].
    #[arg(skip)]
    pub lint_flags: Vec<(LintLevel, String)>,
}

/// `promolint summary`.
#[derive(Debug, Args)]
pub struct SummaryArgs {
    /// Packet files or folders to walk for `.md` / `.markdown` files.
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = crate::summary::Format::Table)]
    pub format: crate::summary::Format,
    /// Order of the packets.
    #[arg(long, value_enum, default_value_t = crate::summary::SortKey::Name)]
    pub sort: crate::summary::SortKey,
    /// Rows of the main table: one per packet, or per expectation of each level (with a column per packet).
    #[arg(long, value_enum, default_value_t = crate::summary::View::Packet)]
    pub by: crate::summary::View,
    /// Ladder to check against, supplying or overriding the front matter's `ladder`.
    #[arg(long)]
    pub ladder: Option<String>,
    /// Level to check against, supplying or overriding the front matter's `target`.
    #[arg(long)]
    pub target: Option<String>,
    /// Also find vague claims by meaning (a model over the claim's embedding)
    /// where no pattern matches: more found, more false alarms, and slower.
    #[arg(long)]
    pub red_flags_by_meaning: bool,
    /// Replace candidate names and file names with pseudonyms from a keyed hash
    /// of each candidate, and mask every part of their names, aliases, e-mail
    /// addresses and @handles in quoted text.
    #[arg(long)]
    pub anonymize: bool,
    /// Key file for --anonymize (implies it): read the key from FILE when it
    /// exists (pseudonyms then stay the same across runs and when packets are
    /// added); when it does not, write a new key and who is who to it. An
    /// existing FILE is rewritten only with --force. Without it each run draws
    /// a fresh key.
    #[arg(long, value_name = "FILE")]
    pub anonymize_key: Option<PathBuf>,
    /// Write the report to this file (atomically) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Replace the output file (and the --anonymize-key file) if it exists.
    #[arg(long)]
    pub force: bool,
}

/// `--format` of `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// rustc-style diagnostics with source snippets.
    Human,
    /// One line per diagnostic: `path:line:col: severity[code]: message`.
    Short,
    /// One JSON object (the stable contract for tools).
    Json,
    /// SARIF 2.1.0, for GitHub code scanning.
    Sarif,
    /// GitHub Actions workflow commands (annotations on the diff).
    Github,
    /// GitLab Code Quality report.
    Gitlab,
}

/// `promolint ladders`.
#[derive(Debug, Args)]
pub struct LaddersArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = ListFormat::Human)]
    pub format: ListFormat,
}

/// `--format` of listing commands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    /// An aligned table.
    Human,
    /// JSON.
    Json,
}

/// `promolint explain`.
#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// `ladder/level/id`, a unique short id, `ladder/level`, or a lint code.
    pub id: String,
}

/// Parses the command line, keeping the order of `-A`/`-W`/`-D` flags.
///
/// # Errors
/// clap's error for bad arguments (it prints usage and exits with code 2).
pub fn parse(args: impl IntoIterator<Item = std::ffi::OsString>) -> Result<Cli, clap::Error> {
    let matches = Cli::command().try_get_matches_from(args)?;
    let mut cli = Cli::from_arg_matches(&matches)?;
    if let (Command::Check(check), Some(("check", sub))) = (&mut cli.command, matches.subcommand()) {
        check.lint_flags = ordered_lint_flags(sub);
    }
    Ok(cli)
}

fn ordered_lint_flags(m: &ArgMatches) -> Vec<(LintLevel, String)> {
    let mut flags: Vec<(usize, LintLevel, String)> = Vec::new();
    for (id, level) in [("allow", LintLevel::Allow), ("warn", LintLevel::Warn), ("deny", LintLevel::Deny)] {
        if let (Some(values), Some(indices)) = (m.get_many::<String>(id), m.indices_of(id)) {
            for (v, i) in values.zip(indices) {
                flags.push((i, level, v.clone()));
            }
        }
    }
    flags.sort_by_key(|(i, _, _)| *i);
    flags.into_iter().map(|(_, l, v)| (l, v)).collect()
}

/// How a run ended, as an exit code: 0 clean, 1 an error-level diagnostic, 2
/// the run itself failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// No error-level diagnostic.
    Clean = 0,
    /// At least one error-level diagnostic.
    Errors = 1,
    /// Bad arguments, unreadable or invalid config or rule files.
    Failed = 2,
}

/// Where a command writes: diagnostics and results to `out`, messages about
/// the run itself to `err`.
pub struct Io<'a> {
    /// Standard output.
    pub out: &'a mut dyn Write,
    /// Standard error.
    pub err: &'a mut dyn Write,
    /// Whether human output should be coloured.
    pub color: bool,
}

/// Whether to colour, from `--color`, whether stdout is a terminal and NO_COLOR.
pub fn use_color(choice: ColorChoice, stdout_is_terminal: bool, no_color: Option<&std::ffi::OsStr>) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => stdout_is_terminal && no_color.is_none_or(|v| v.is_empty()),
    }
}
