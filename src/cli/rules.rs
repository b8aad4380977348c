//! The arguments of `promolint rules check` and `promolint rules import`.

use std::path::PathBuf;

use clap::{Args, Subcommand, ValueEnum};

/// `promolint rules ...`.
#[derive(Debug, Subcommand)]
pub enum RulesCommand {
    /// Validate rule folders (default: ./rules if it exists, else the built-in rules).
    Check(RulesCheckArgs),
    /// Make rule files from a ladder: Markdown, HTML, FT- or Monzo-style YAML, CSV.
    Import(ImportArgs),
}

/// `promolint rules check`.
#[derive(Debug, Args)]
pub struct RulesCheckArgs {
    /// Rule folders to validate.
    pub dirs: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = RulesFormat::Human)]
    pub format: RulesFormat,
}

/// `--format` of `rules check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RulesFormat {
    /// rustc-style diagnostics.
    Human,
    /// One line per diagnostic.
    Short,
}

/// `promolint rules import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The ladder document: Markdown (with HTML tables or Monzo-style front matter), HTML, FT-style YAML or CSV.
    pub file: PathBuf,
    /// Ladder id for the rule files.
    #[arg(long, required_unless_present = "list_levels")]
    pub ladder: Option<String>,
    /// The level to import (a heading, table row or column, YAML level or CSV value); for a
    /// document that names no levels, the id to give it.
    #[arg(long)]
    pub level: Option<String>,
    /// Write one rule file per level into the folder given with -o, with `extends` where the
    /// ladder says a level includes the previous one.
    #[arg(long, conflicts_with = "level", requires = "output")]
    pub all_levels: bool,
    /// List the levels the document holds, and where, and write nothing.
    #[arg(long)]
    pub list_levels: bool,
    /// Read the document as this format instead of telling it from its name and content.
    #[arg(long, value_enum)]
    pub from: Option<ImportFormat>,
    /// Which columns hold what, for CSV and tables: `area=Competency,text=Behaviour,level=Level,examples=Examples`.
    #[arg(long, value_name = "ROLE=COLUMN,...")]
    pub columns: Option<String>,
    /// Write the rule file here instead of standard output (with --all-levels: a folder).
    #[arg(short, long, value_name = "PATH")]
    pub output: Option<PathBuf>,
    /// Replace output files that exist.
    #[arg(long)]
    pub force: bool,
}

/// `rules import --from`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ImportFormat {
    /// Markdown, optionally with HTML blocks and YAML front matter.
    Markdown,
    /// An HTML page.
    Html,
    /// FT-style job family, or Monzo-style topics.
    Yaml,
    /// A spreadsheet export with a header row.
    Csv,
}

impl From<ImportFormat> for crate::rules::import::Format {
    fn from(f: ImportFormat) -> Self {
        match f {
            ImportFormat::Markdown => Self::Markdown,
            ImportFormat::Html => Self::Html,
            ImportFormat::Yaml => Self::Yaml,
            ImportFormat::Csv => Self::Csv,
        }
    }
}
