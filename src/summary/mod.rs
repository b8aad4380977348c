//! Coverage summaries for promotion committees (`promolint summary`).
//!
//! Owns the summary model: one [`PacketRow`] per packet (counts, per-area
//! numbers, and the few texts the detailed formats quote), the [`LevelInfo`]
//! of each level packets target, sorting and anonymisation. [`collect`] builds
//! it from check runs a batch of files at a time, so memory holds what the
//! report shows, never the packets' whole text. One file per format renders
//! it: `table.rs`, `markdown.rs`, [`csv`], [`json`], `html.rs`, behind [`render`].
//!
//! It does not lint: every number comes from [`crate::check`].

pub mod anonymize;
pub mod collect;
pub mod csv;
mod grid;
mod html;
mod html_detail;
pub mod json;
mod markdown;
mod row;
mod table;
mod text;
mod totals;

use clap::ValueEnum;

use crate::analysis::Status;
use crate::check::Skipped;

pub use crate::report::round1;
pub use row::{
    ClaimNote, CoveringClaim, EvidenceNote, ExpectationInfo, LevelInfo, PacketCoverage, PacketRow,
    RedFlagNote, ScopeShare, Waiver,
};
pub use text::truncate;
pub use totals::{PacketCounts, Totals};

/// The longest quoted packet text kept per note, in characters.
pub const MAX_QUOTE_CHARS: usize = 300;
/// The most weak claims, and the most red flags, kept per packet for the
/// detailed formats; the counts always include the rest.
pub const MAX_NOTES: usize = 20;
/// The most covering claims kept per expectation for the detailed formats.
pub const MAX_COVERING: usize = 5;

/// `--format` of `summary`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// An aligned terminal table, coloured when stdout is a terminal.
    Table,
    /// GitHub-flavoured Markdown tables.
    Markdown,
    /// RFC 4180 CSV, one record per packet (or per expectation with `--by expectation`).
    Csv,
    /// One JSON object: the stable contract in docs/summary-json.md.
    Json,
    /// One self-contained HTML page: heat map, details, print stylesheet.
    Html,
}

impl Format {
    /// How much packet text this format shows, so the summary keeps no more.
    pub fn detail(self) -> Detail {
        match self {
            Format::Json | Format::Html => Detail::Quotes,
            Format::Table | Format::Markdown | Format::Csv => Detail::Counts,
        }
    }
}

/// How much of each packet a summary keeps beyond its numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detail {
    /// Counts only: no weak claims, red-flag quotes or waiver reasons.
    Counts,
    /// Also the first [`MAX_NOTES`] weak claims and red flags, and the waivers,
    /// quoted (at most [`MAX_QUOTE_CHARS`] characters each).
    Quotes,
}

/// `--sort` of `summary`. Packets that could not be summarised always come last.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SortKey {
    /// By candidate name (the file name when there is none); by pseudonym when anonymised.
    Name,
    /// Highest coverage first.
    Coverage,
    /// Most behaviour red flags first, then most writing smells.
    RedFlags,
}

/// `--by` of `summary`: what the rows of the main table are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum View {
    /// One row per packet.
    Packet,
    /// Per level targeted, one row per expectation, one column per packet.
    Expectation,
}

/// A whole summary.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    /// Every level some packet targets, in the order first seen.
    pub levels: Vec<LevelInfo>,
    /// One row per packet, including those that could not be summarised.
    pub packets: Vec<PacketRow>,
    /// Files found by walking folders and skipped, with the reason (no
    /// promolint front matter), as `check` skips them.
    pub skipped: Vec<Skipped>,
    /// Whether names and paths were replaced by pseudonyms.
    pub anonymized: bool,
}

impl Summary {
    /// Ties are broken by name, then path, so the order is deterministic.
    pub fn sort(&mut self, key: SortKey) {
        self.packets.sort_by(|a, b| {
            let by_key = match key {
                SortKey::Name => std::cmp::Ordering::Equal,
                SortKey::Coverage => b.percent().unwrap_or(-1.0).total_cmp(&a.percent().unwrap_or(-1.0)),
                SortKey::RedFlags => {
                    (b.behaviour_flags, b.writing_flags).cmp(&(a.behaviour_flags, a.writing_flags))
                }
            };
            a.coverage
                .is_none()
                .cmp(&b.coverage.is_none())
                .then(by_key)
                .then_with(|| name_key(a).cmp(&name_key(b)))
                .then_with(|| a.path.cmp(&b.path))
        });
    }
}

/// Name order: the name, case-insensitively (when anonymised, the pseudonym,
/// whose order owes nothing to the names).
fn name_key(row: &PacketRow) -> String {
    row.name().to_lowercase()
}

/// Writes `summary` in `format`: the one entry point the command and the
/// tests use. `color` and `width` (the terminal's, in columns) matter only to
/// the table.
///
/// # Errors
/// Writing failed.
pub fn render(
    summary: &Summary,
    format: Format,
    view: View,
    out: &mut dyn std::io::Write,
    color: bool,
    width: Option<usize>,
) -> std::io::Result<()> {
    match format {
        Format::Table => table::write(summary, view, out, color, width),
        Format::Markdown => markdown::write(summary, view, out),
        Format::Csv => csv::write(summary, view, out),
        Format::Json => json::write(summary, out),
        Format::Html => html::write(summary, view, out),
    }
}

/// The word every format uses for a status.
pub fn status_word(s: Status) -> &'static str {
    match s {
        Status::Covered => "covered",
        Status::Weak => "weak",
        Status::Uncovered => "uncovered",
        Status::Waived => "waived",
    }
}
