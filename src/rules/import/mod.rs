//! `rules import`: rule files from the ladders companies publish.
//!
//! Each input format has one file that turns a document into a
//! [`Document`]: the levels it holds, each with its expectations, red flags,
//! examples and the byte range it came from, plus what had to be dropped.
//! [`markdown`] (headings, bullets, label bullets, tables, HTML blocks),
//! [`html`] (through html5ever), [`yaml`] (FT-style job families and
//! Monzo-style front matter), [`csv`] (a spreadsheet export). Tables from any
//! of them are read by [`table`]; the Markdown and HTML walkers share the
//! outline rules of `outline`. [`levels`] lists and selects levels and
//! builds the rule files ([`ImportedLevel`]), numbering ids in linear time.
//!
//! This module never prints and never writes files: the command
//! (`commands::rules::import`) validates what it builds and writes it.

pub mod csv;
pub mod html;
pub mod levels;
pub mod markdown;
mod outline;
pub mod table;
pub mod yaml;

use std::io::Read;
use std::ops::Range;
use std::path::Path;

pub use levels::{ImportedItem, ImportedLevel, to_yaml};

/// The largest ladder document `rules import` reads, in bytes (8 MiB; the
/// largest public ladder we know is under 100 KiB).
pub const MAX_BYTES: u64 = 8 * 1024 * 1024;

/// An input format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Markdown, optionally with YAML front matter (Monzo-style) and HTML blocks.
    Markdown,
    /// An HTML page.
    Html,
    /// Structured YAML (FT-style job family).
    Yaml,
    /// A spreadsheet export with a header row.
    Csv,
}

impl Format {
    /// `markdown`, `html`, `yaml` or `csv`.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Markdown => "markdown",
            Format::Html => "html",
            Format::Yaml => "yaml",
            Format::Csv => "csv",
        }
    }
}

/// One expectation or red flag found in the source.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// Heading path (areas joined with " / "); may be empty.
    pub area: String,
    /// The ladder's wording, white space collapsed, encoding damage repaired.
    pub text: String,
    /// Examples the ladder gives for it.
    pub examples: Vec<String>,
    /// Byte range in the source.
    pub at: Range<usize>,
}

/// One level found in the source (or the whole document, when it has none).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SourceLevel {
    /// Kebab-case id (`ic4`, `senior-1`, `level-3`); empty for a whole
    /// document that names no level.
    pub id: String,
    /// The name as the source writes it (`IC4`, `Senior Engineer 1`).
    pub name: String,
    /// Where the level is defined: a byte range in the source.
    pub at: Range<usize>,
    /// What defines it: `heading`, `table row`, `table column`, `YAML level`, `CSV value`.
    pub place: &'static str,
    /// The level's summary, if the source gives one.
    pub summary: Option<String>,
    /// Informational text (activity shares, prerequisites).
    pub notes: Vec<String>,
    /// A "Same as L3 and..." statement.
    pub same_as: Option<String>,
    /// Id of the level this one includes, when the ladder says so.
    pub base: Option<String>,
    /// The expectations, in source order.
    pub expectations: Vec<Entry>,
    /// The red flags, in source order.
    pub red_flags: Vec<Entry>,
}

/// Text the importer left out, with where it is.
#[derive(Debug, Clone, PartialEq)]
pub struct Dropped {
    /// Byte range in the source.
    pub at: Range<usize>,
    /// What it is, for the warning: `a paragraph`, `unsupported HTML <div>`, `an empty row`.
    pub what: String,
}

/// A ladder document, read.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Document {
    /// The document's title (its first, top-ranking heading), if any.
    pub title: Option<String>,
    /// Whether the source names its levels. When false, `levels` holds one
    /// level with an empty id: the whole document.
    pub leveled: bool,
    /// The levels, in source order.
    pub levels: Vec<SourceLevel>,
    /// What was left out.
    pub dropped: Vec<Dropped>,
}

/// Which CSV (or table) columns hold what: header names, matched
/// case-insensitively. `None` means the default names are tried.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Columns {
    /// The area column (default: area, competency, theme, category, topic, skill).
    pub area: Option<String>,
    /// The text column (default: text, expectation, behaviour, behavior, description, criteria, summary).
    pub text: Option<String>,
    /// The level column (default: level, grade, band).
    pub level: Option<String>,
    /// The examples column (default: examples, example).
    pub examples: Option<String>,
}

impl Columns {
    /// Parses `area=Competency,text=Behaviour,level=Level`.
    ///
    /// # Errors
    /// A part without `=` or with an unknown role; the message says which.
    pub fn parse(spec: &str) -> Result<Self, String> {
        let mut columns = Columns::default();
        for part in spec.split(',').filter(|p| !p.trim().is_empty()) {
            let (role, name) =
                part.split_once('=').ok_or_else(|| format!("`{part}`: expected ROLE=COLUMN"))?;
            let name = Some(name.trim().to_owned());
            match role.trim().to_ascii_lowercase().as_str() {
                "area" => columns.area = name,
                "text" => columns.text = name,
                "level" => columns.level = name,
                "examples" | "example" => columns.examples = name,
                other => return Err(format!("`{other}`: the roles are area, text, level, examples")),
            }
        }
        Ok(columns)
    }
}

/// Why a document could not be imported; `at` points into the source.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// What is wrong, as a sentence.
    pub message: String,
    /// Where, in the source (0..0 when the whole document is meant).
    pub at: Range<usize>,
    /// What to do about it.
    pub help: Option<String>,
}

impl Problem {
    /// A problem at `at`.
    pub fn new(message: impl Into<String>, at: Range<usize>) -> Self {
        Problem { message: message.into(), at, help: None }
    }

    /// With help text.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

/// Reads a ladder document: a regular file only (a FIFO or device is refused
/// before it is opened), at most [`MAX_BYTES`], decoded as text.
///
/// # Errors
/// A reason, as a sentence: not a regular file, too large, unreadable, not text.
pub fn read(path: &Path) -> Result<String, String> {
    let meta = std::fs::metadata(path).map_err(|e| e.to_string())?;
    if !meta.is_file() {
        return Err("not a regular file".to_owned());
    }
    if meta.len() > MAX_BYTES {
        return Err(format!("{} bytes, more than the limit of {MAX_BYTES}", meta.len()));
    }
    let file = std::fs::File::open(path).map_err(|e| e.to_string())?;
    let mut bytes = Vec::new();
    // The file may grow between the check and the read: never read past the cap.
    file.take(MAX_BYTES + 1).read_to_end(&mut bytes).map_err(|e| e.to_string())?;
    if bytes.len() as u64 > MAX_BYTES {
        return Err(format!("more than the limit of {MAX_BYTES} bytes"));
    }
    crate::input::decode(&bytes).map_err(|(reason, _)| reason)
}

/// The format of a document named `name` holding `text`: by extension, then
/// by content for names without a known extension.
///
/// # Errors
/// The format cannot be told (the message names the extension); `--from` decides it.
pub fn detect(name: &str, text: &str) -> Result<Format, String> {
    let ext = Path::new(name).extension().map(|e| e.to_string_lossy().to_ascii_lowercase());
    match ext.as_deref() {
        Some("md" | "markdown" | "mdown" | "mkd") => Ok(Format::Markdown),
        Some("html" | "htm" | "xhtml") => Ok(Format::Html),
        Some("yaml" | "yml") => Ok(Format::Yaml),
        Some("csv" | "tsv") => Ok(Format::Csv),
        Some(other) if !matches!(other, "txt" | "text") => {
            Err(format!("`.{other}` is not a ladder format promolint reads"))
        }
        _ => {
            let head = text.trim_start_matches('\u{feff}').trim_start();
            let lower: String = head.chars().take(64).collect::<String>().to_ascii_lowercase();
            if lower.starts_with("<!doctype html") || lower.starts_with("<html") {
                Ok(Format::Html)
            } else if yaml::is_ladder(text) {
                // A YAML ladder may open with a `# source` comment or `---`: not Markdown.
                Ok(Format::Yaml)
            } else if head.starts_with('#') || head.starts_with("---") || head.starts_with("- ") {
                Ok(Format::Markdown)
            } else {
                Err("the file has no known extension and does not start like Markdown or HTML".to_owned())
            }
        }
    }
}

/// Reads `text` in `format` into a [`Document`].
///
/// # Errors
/// The text is not in that format (bad YAML or CSV, YAML of another shape).
pub fn parse(text: &str, format: Format, columns: &Columns) -> Result<Document, Problem> {
    match format {
        Format::Markdown => markdown::parse(text, columns),
        Format::Html => Ok(html::parse(text, columns)),
        Format::Yaml => yaml::parse(text),
        Format::Csv => csv::parse(text, columns),
    }
}

/// A kebab-case level id from a level's name: `IC4` → `ic4`, `Senior Engineer 1` → `senior-engineer-1`.
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    for word in name.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push('-');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
    out
}

/// Collapses white space and repairs encoding damage.
pub(crate) fn clean(text: &str) -> String {
    super::repair::repair(&text.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// Imports a Markdown ladder as level `level` of ladder `ladder` (the level
/// the document names `level`, or the whole document when it names none);
/// `source_name` is recorded in the file's `source`.
///
/// # Errors
/// As [`levels::build`]: an absent level, a level without expectations.
pub fn import(
    markdown: &str,
    ladder: &str,
    level: &str,
    source_name: &str,
) -> Result<ImportedLevel, Problem> {
    let doc = markdown::parse(markdown, &Columns::default())?;
    let command = format!("promolint rules import {source_name} --ladder {ladder} --level {level}");
    let request =
        levels::Request { ladder, level: Some(level), all: false, source: source_name, command: &command };
    let (mut built, _) = levels::build(&doc, &request)?;
    Ok(built.remove(0))
}
