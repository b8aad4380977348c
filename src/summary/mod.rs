//! Coverage summaries for promotion committees (`promolint summary`).
//!
//! Owns the summary model: one [`PacketRow`] per packet (counts, per-area
//! numbers, and the few texts the detailed formats quote), the [`LevelInfo`]
//! of each level packets target, sorting and anonymisation. [`collect`] builds
//! it from check runs a batch of files at a time, so memory holds what the
//! report shows, never the packets' whole text. One file per format renders
//! it: [`table`], [`markdown`], [`csv`], [`json`], [`html`].
//!
//! It does not lint: every number comes from [`crate::check`].

pub mod anonymize;
pub mod collect;
pub mod csv;
mod grid;
pub mod html;
mod html_detail;
pub mod json;
pub mod markdown;
pub mod table;
mod text;

use clap::ValueEnum;

use crate::analysis::{CoverageCounts, Status};
use crate::check::Skipped;
use crate::lint::Kind;

pub use text::truncate;

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

/// A level that packets target: what the report needs of the ladder.
#[derive(Debug, Clone)]
pub struct LevelInfo {
    /// Ladder id.
    pub ladder: String,
    /// Level id.
    pub id: String,
    /// Display title.
    pub title: String,
    /// Areas in ladder order (first appearance among the expectations).
    pub areas: Vec<String>,
    /// Expectations in ladder order.
    pub expectations: Vec<ExpectationInfo>,
}

/// One expectation of a [`LevelInfo`].
#[derive(Debug, Clone)]
pub struct ExpectationInfo {
    /// Expectation id.
    pub id: String,
    /// Index into the level's `areas`.
    pub area: usize,
    /// The ladder's wording.
    pub text: String,
}

impl LevelInfo {
    /// `ladder/level`.
    pub fn qualified_id(&self) -> String {
        format!("{}/{}", self.ladder, self.id)
    }

    /// Number of expectations in each area, parallel to `areas`.
    pub fn area_totals(&self) -> Vec<usize> {
        let mut totals = vec![0; self.areas.len()];
        for e in &self.expectations {
            totals[e.area] += 1;
        }
        totals
    }
}

/// One packet of the summary.
#[derive(Debug, Clone)]
pub struct PacketRow {
    /// Path as given or found (a pseudonymous file name when anonymised).
    pub path: String,
    /// Front matter `candidate` (a pseudonym when anonymised).
    pub candidate: Option<String>,
    /// Ladder id, from the level found or else the front matter.
    pub ladder: Option<String>,
    /// Level id, from the level found or else the front matter's `target`.
    pub level: Option<String>,
    /// Other names of the candidate (front matter `aliases`), masked when anonymised.
    pub aliases: Vec<String>,
    /// The pseudonym's code when anonymised (`Candidate K7QF2` has `K7QF2`).
    pub pseudonym: Option<String>,
    /// Coverage, when the packet was checked against a level.
    pub coverage: Option<PacketCoverage>,
    /// Why the packet could not be summarised, when it could not.
    pub error: Option<String>,
    /// Behaviour red flags (`red-flag`, `blaming-others`, `overwork`): what a
    /// committee reads as a concern about the person; after lint levels and
    /// suppressions, one per span.
    pub behaviour_flags: usize,
    /// Writing smells (`vague-claim`, `placeholder-text`, `hedging`): how the
    /// packet is written, counted apart from behaviour.
    pub writing_flags: usize,
    /// The first [`MAX_NOTES`] findings of either kind ([`Detail::Quotes`] only).
    pub red_flags: Vec<RedFlagNote>,
}

/// How one packet covers its level.
#[derive(Debug, Clone)]
pub struct PacketCoverage {
    /// Index into [`Summary::levels`].
    pub level: usize,
    /// Expectations by status.
    pub counts: CoverageCounts,
    /// Status per expectation, parallel to the level's `expectations`.
    pub statuses: Vec<Status>,
    /// Per area, parallel to the level's `areas`.
    pub areas: Vec<CoverageCounts>,
    /// Claims that map to an expectation but have no evidence.
    pub claims_without_evidence: usize,
    /// The first [`MAX_NOTES`] of them ([`Detail::Quotes`] only).
    pub weak_claims: Vec<ClaimNote>,
    /// Waived expectations with the candidate's reason ([`Detail::Quotes`] only).
    pub waivers: Vec<Waiver>,
    /// The claims that map to some expectation, in document order
    /// ([`Detail::Quotes`] only; at most [`MAX_COVERING`] per expectation).
    pub claims: Vec<CoveringClaim>,
    /// Per expectation (parallel to the level's `expectations`), indexes into
    /// `claims` of those mapping to it, in document order (empty with [`Detail::Counts`]).
    pub covering: Vec<Vec<usize>>,
    /// How many of the claims that map to an expectation show the scope the
    /// level asks or wider; `None` when the level states no scope.
    pub at_scope: Option<ScopeShare>,
}

/// The share of a packet's claims at or above its level's scope.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScopeShare {
    /// The scope the level asks.
    pub scope: crate::rules::scope::ScopeValue,
    /// Claims that map to an expectation and whose scope is at or above it.
    pub at_or_above: usize,
    /// Claims that map to an expectation (unknown scope counts as not at it).
    pub claims: usize,
}

impl ScopeShare {
    /// `at_or_above` as a percentage of `claims`, in 0..=100 (0 with no claims).
    pub fn percent(&self) -> f32 {
        if self.claims == 0 { 0.0 } else { self.at_or_above as f32 * 100.0 / self.claims as f32 }
    }

    /// `4/10 (40%)`, as the text formats print it.
    pub fn cell(share: Option<&ScopeShare>) -> String {
        share.map_or_else(
            || "-".to_owned(),
            |s| format!("{}/{} ({:.0}%)", s.at_or_above, s.claims, s.percent()),
        )
    }
}

/// A claim quoted in the report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimNote {
    /// 1-based first line.
    pub line: usize,
    /// The claim's plain text, at most [`MAX_QUOTE_CHARS`] characters.
    pub text: String,
    /// Indexes into the level's expectations it maps to, best first.
    pub expectations: Vec<usize>,
}

/// A claim that maps to an expectation, as the HTML report shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CoveringClaim {
    /// 1-based first line.
    pub line: usize,
    /// The claim's plain text, at most [`MAX_QUOTE_CHARS`] characters.
    pub text: String,
    /// Its evidence kinds (`link`, `metric`, ...) with where each comes from.
    pub evidence: Vec<EvidenceNote>,
}

/// One evidence kind of a claim and where it comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EvidenceNote {
    /// `link`, `reference`, `metric`, `date` or `feedback`.
    pub kind: &'static str,
    /// `own` (the claim's own text), `nested` (borrowed from items nested
    /// under it) or `section` (borrowed from a neighbouring paragraph).
    pub from: &'static str,
}

/// A waived expectation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Waiver {
    /// Index into the level's expectations.
    pub expectation: usize,
    /// The candidate's reason, at most [`MAX_QUOTE_CHARS`] characters.
    pub reason: String,
}

/// A red flag quoted in the report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RedFlagNote {
    /// Lint code (`red-flag`, `vague-claim`, ...).
    pub code: String,
    /// The code's kind: [`Kind::Behaviour`] or [`Kind::Writing`].
    pub kind: Kind,
    /// The red flag's id, when the diagnostic names one.
    pub flag: Option<String>,
    /// The diagnostic's message.
    pub message: String,
    /// 1-based line of the text that shows it.
    pub line: usize,
    /// That text, at most [`MAX_QUOTE_CHARS`] characters.
    pub quote: String,
    /// The plain text of the claim it is in, at most [`MAX_QUOTE_CHARS`] characters.
    pub claim: Option<String>,
}

impl PacketRow {
    /// The name a report shows: the candidate, or else the path.
    pub fn name(&self) -> &str {
        self.candidate.as_deref().unwrap_or(&self.path)
    }

    /// `ladder/level` as far as known, or `-`.
    pub fn level_label(&self) -> String {
        match (&self.ladder, &self.level) {
            (Some(ladder), Some(level)) => format!("{ladder}/{level}"),
            (None, Some(level)) => level.clone(),
            (Some(ladder), None) => format!("{ladder}/?"),
            (None, None) => "-".to_owned(),
        }
    }

    /// Coverage percentage rounded to one decimal, when summarised.
    pub fn percent(&self) -> Option<f32> {
        self.coverage.as_ref().map(|c| round1(c.counts.percent()))
    }
}

/// Totals over every summarised packet.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Totals {
    /// Packets in the summary.
    pub packets: usize,
    /// Packets checked against a level.
    pub summarised: usize,
    /// Packets that could not be summarised.
    pub failed: usize,
    /// Expectation counts added over summarised packets.
    pub counts: CoverageCounts,
    /// Mean of the summarised packets' coverage percentages, one decimal.
    pub mean_percent: Option<f32>,
    /// Behaviour red flags over all packets.
    pub behaviour_flags: usize,
    /// Writing smells over all packets.
    pub writing_flags: usize,
    /// Claims without evidence over all packets.
    pub claims_without_evidence: usize,
}

/// Counts of packets by their status on one expectation.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PacketCounts {
    /// Packets covering it with evidence.
    pub covered: usize,
    /// Packets claiming it without evidence.
    pub weak: usize,
    /// Packets not claiming it.
    pub uncovered: usize,
    /// Packets waiving it.
    pub waived: usize,
}

impl Summary {
    /// Totals over every packet.
    pub fn totals(&self) -> Totals {
        let mut t = Totals { packets: self.packets.len(), ..Totals::default() };
        let mut percent_sum = 0.0f64;
        for row in &self.packets {
            t.behaviour_flags += row.behaviour_flags;
            t.writing_flags += row.writing_flags;
            match &row.coverage {
                Some(c) => {
                    t.summarised += 1;
                    add_counts(&mut t.counts, &c.counts);
                    t.claims_without_evidence += c.claims_without_evidence;
                    percent_sum += f64::from(c.counts.percent());
                }
                None => t.failed += 1,
            }
        }
        if t.summarised > 0 {
            t.mean_percent = Some(round1((percent_sum / t.summarised as f64) as f32));
        }
        t
    }

    /// The summarised packets that target level `level` (an index into `levels`), in row order.
    pub fn packets_of(&self, level: usize) -> impl Iterator<Item = (&PacketRow, &PacketCoverage)> {
        self.packets
            .iter()
            .filter_map(move |r| r.coverage.as_ref().filter(|c| c.level == level).map(|c| (r, c)))
    }

    /// For expectation `expectation` of level `level`, how many of its packets stand how.
    pub fn packet_counts(&self, level: usize, expectation: usize) -> PacketCounts {
        let mut n = PacketCounts::default();
        for (_, c) in self.packets_of(level) {
            match c.statuses[expectation] {
                Status::Covered => n.covered += 1,
                Status::Weak => n.weak += 1,
                Status::Uncovered => n.uncovered += 1,
                Status::Waived => n.waived += 1,
            }
        }
        n
    }

    /// Mean coverage percentage of the packets targeting `level`, one decimal.
    pub fn mean_percent_of(&self, level: usize) -> Option<f32> {
        let percents: Vec<f32> = self.packets_of(level).map(|(_, c)| c.counts.percent()).collect();
        (!percents.is_empty()).then(|| round1(percents.iter().sum::<f32>() / percents.len() as f32))
    }

    /// Sorts the rows; packets that could not be summarised come last, by path.
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

    /// Replaces candidate names and paths with pseudonyms, `Candidate CODE`
    /// and `candidate-code.md`, CODE from a keyed hash of the candidate's
    /// folded name (of the path when there is none), so a candidate keeps a
    /// pseudonym when packets are added and in every format run with the same
    /// key. Every part of the name, each alias, e-mail addresses and handles
    /// are masked in all quoted packet text ([`anonymize::Masker`]).
    /// Returns who is who, for the key file.
    pub fn anonymize(&mut self, key: &anonymize::Key) -> Vec<anonymize::KeyEntry> {
        let identities: Vec<String> = self
            .packets
            .iter()
            .map(|row| match row.candidate.as_deref().map(anonymize::fold).filter(|n| !n.is_empty()) {
                Some(name) => format!("candidate:{name}"),
                None => format!("path:{}", row.path),
            })
            .collect();
        let codes = anonymize::pseudonyms(key, &identities);
        let mut entries = Vec::new();
        for (row, code) in self.packets.iter_mut().zip(codes) {
            let pseudonym = format!("Candidate {code}");
            entries.push(anonymize::KeyEntry {
                pseudonym: pseudonym.clone(),
                candidate: row.candidate.clone(),
                path: row.path.clone(),
            });
            let masker = anonymize::Masker::new(row.candidate.as_deref(), &row.aliases, &pseudonym);
            let mask = |s: &mut String| *s = masker.mask(s);
            for flag in &mut row.red_flags {
                mask(&mut flag.quote);
                mask(&mut flag.message);
                flag.claim.as_mut().map(mask);
            }
            if let Some(c) = &mut row.coverage {
                c.weak_claims.iter_mut().for_each(|claim| mask(&mut claim.text));
                c.waivers.iter_mut().for_each(|w| mask(&mut w.reason));
                c.claims.iter_mut().for_each(|claim| mask(&mut claim.text));
            }
            row.error.as_mut().map(mask);
            row.candidate = Some(pseudonym);
            row.aliases.clear();
            row.path = format!("candidate-{}.md", code.to_lowercase());
            row.pseudonym = Some(code);
        }
        entries.sort_by(|a, b| a.pseudonym.cmp(&b.pseudonym).then_with(|| a.path.cmp(&b.path)));
        self.anonymized = true;
        entries
    }
}

/// Name order: the name, case-insensitively (when anonymised, the pseudonym,
/// whose order owes nothing to the names).
fn name_key(row: &PacketRow) -> String {
    row.name().to_lowercase()
}

fn add_counts(into: &mut CoverageCounts, c: &CoverageCounts) {
    into.total += c.total;
    into.covered += c.covered;
    into.weak += c.weak;
    into.uncovered += c.uncovered;
    into.waived += c.waived;
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

/// Rounds to one decimal, as every format prints percentages.
pub fn round1(x: f32) -> f32 {
    (x * 10.0).round() / 10.0
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
