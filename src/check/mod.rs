//! `promolint check`: the whole pipeline over many files.
//!
//! Files are found and read ([`crate::input`]), parsed ([`crate::packet`]),
//! matched to their target level, analysed ([`crate::analysis`]) and turned
//! into diagnostics (`diagnose`). Reading, parsing and analysis run in
//! parallel, in bounded batches ([`check_each`], the driver `summary` uses
//! too); reports come back in input order so output is stable.

mod diagnose;
mod driver;
pub(crate) mod messages;
mod suppress;
mod target;

use std::sync::OnceLock;

pub use diagnose::SCOPE_GAP;
pub use driver::{BATCH, CheckRun, Skipped, batch_size, check, check_each, check_text};

use crate::analysis::{self, Analysis, CommonMatcher, EvidenceMatcher, LevelMatcher, RunMatchers};
use crate::config::Config;
use crate::diagnostic::{Diagnostic, Severity};
use crate::lint::LintLevels;
use crate::packet::Packet;
use crate::rules::{Level, RuleSet};
use crate::source::{FileId, Sources};

/// What the command line (or config) says about a check run.
#[derive(Debug, Clone, Default)]
pub struct CheckOptions {
    /// `--ladder`: supplies or overrides the packets' `ladder`.
    pub ladder: Option<String>,
    /// `--target`: supplies or overrides the packets' `target`.
    pub target: Option<String>,
    /// The config file's `ladder`: used when a packet names none.
    pub default_ladder: Option<String>,
    /// The config file's `target`: used when a packet names none.
    pub default_target: Option<String>,
    /// Lint levels in force.
    pub levels: LintLevels,
    /// `min-coverage` in percent: below it, `coverage-below-minimum`.
    pub min_coverage: Option<f32>,
    /// `scope-gap`: scale steps below the level's scope that
    /// `scope-below-level` needs; `None` is [`SCOPE_GAP`].
    pub scope_gap: Option<usize>,
    /// The config file, for `exclude`.
    pub config: Option<Config>,
    /// `--force-exclude`: files named on the command line are treated as if
    /// found by walking (`exclude` applies; no front matter means skipped).
    pub force_exclude: bool,
    /// `--new-only`: leave out the per-expectation findings of expectations
    /// the packet's `current` level already asks.
    pub new_only: bool,
    /// `--red-flags-by-meaning`: a common red flag that has a meaning model
    /// ([`crate::analysis::meaning`]) is also found on a claim its patterns
    /// miss. Off by default: it costs about 14% more CPU and 7 MiB of memory
    /// and trades precision for recall (`docs/mapping.md`, "Session 9").
    pub red_flags_by_meaning: bool,
}

impl CheckOptions {
    /// The options of a run under `config` with `levels` in force: the
    /// config's default ladder and target and its minimum coverage, the
    /// config itself (for `exclude`), and nothing from the command line.
    pub fn from_config(config: Config, levels: LintLevels) -> Self {
        CheckOptions {
            default_ladder: config.ladder.clone(),
            default_target: config.target.clone(),
            levels,
            min_coverage: config.min_coverage,
            scope_gap: config.scope_gap,
            config: Some(config),
            ..CheckOptions::default()
        }
    }
}

/// The result for one file.
#[derive(Debug)]
pub struct PacketReport<'r> {
    /// The file's text in the run's sources.
    pub file: FileId,
    /// The parsed packet, if the file could be read.
    pub packet: Option<Packet>,
    /// The level it was checked against, if one was found.
    pub level: Option<&'r Level>,
    /// The packet's `current` level, when it names another level of the
    /// target's ladder.
    pub current: Option<&'r Level>,
    /// The analysis, if a level was found.
    pub analysis: Option<Analysis>,
    /// Diagnostics after lint levels, in document order.
    pub diagnostics: Vec<Diagnostic>,
    /// Why the file could not be read, when it could not (whatever the level
    /// of `unreadable-file`, which may have left no diagnostic).
    pub unreadable: Option<String>,
}

impl PacketReport<'_> {
    /// Whether any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(|d| d.severity == Severity::Error)
    }
}

/// Lints packets one at a time against a rule set, compiling each level's
/// patterns once, on first use, and sharing them across threads.
#[derive(Debug)]
pub struct Linter<'r, 'o> {
    rules: &'r RuleSet,
    options: &'o CheckOptions,
    evidence: EvidenceMatcher,
    common: CommonMatcher,
    matchers: Vec<(&'r Level, OnceLock<LevelMatcher>)>,
}

impl<'r, 'o> Linter<'r, 'o> {
    /// A linter for `rules` with `options`; compiles the evidence kinds and
    /// common red flags now, each level's patterns when first needed.
    pub fn new(rules: &'r RuleSet, options: &'o CheckOptions) -> Self {
        Linter {
            rules,
            options,
            evidence: EvidenceMatcher::new(&rules.evidence),
            common: CommonMatcher::new(&rules.common_red_flags),
            matchers: rules.levels().map(|l| (l, OnceLock::new())).collect(),
        }
    }

    fn matcher(&self, level: &Level) -> Option<&LevelMatcher> {
        let (_, cell) = self.matchers.iter().find(|(l, _)| std::ptr::eq(*l, level))?;
        Some(cell.get_or_init(|| LevelMatcher::new(level, self.rules)))
    }

    /// Lints the text of `file` (already in `sources`). Returns `None` when a
    /// file found by walking (`explicit` false) is not a packet: it has no
    /// promolint front matter (whether the ladder comes from the command
    /// line, the config file or nowhere: a README is never a packet).
    pub fn lint(&self, file: FileId, sources: &Sources, explicit: bool) -> Option<PacketReport<'r>> {
        let text = &sources.get(file).text;
        let (packet, diagnostics) = Packet::parse(file, text);
        if !explicit && !packet.has_promolint_front_matter() && diagnostics.is_empty() {
            return None;
        }
        let (level, mut more) = target::resolve(&packet, self.rules, self.options);
        // Front matter that does not parse is reported once, not again as missing.
        if !diagnostics.is_empty() {
            more.retain(|d| d.code != crate::lint::Code::MissingFrontMatter);
        }
        let mut findings: Vec<diagnose::Finding> =
            diagnostics.into_iter().chain(more).map(|d| (d, None)).collect();
        let meaning = self.options.red_flags_by_meaning.then(analysis::meaning::MeaningModel::builtin);
        let run = RunMatchers { evidence: &self.evidence, common: &self.common, meaning };
        let analysis = level.and_then(|level| {
            let matcher = self.matcher(level)?;
            let analysis = analysis::analyze(&packet, text, level, matcher, &run);
            findings.extend(diagnose::diagnose(&packet, level, &analysis, self.rules, self.options));
            Some(analysis)
        });
        let diagnostics = diagnose::finish(
            findings,
            &self.options.levels,
            &packet,
            sources.get(file),
            level,
            analysis.as_ref(),
        );
        let current = level.and_then(|l| diagnose::current_level(&packet, l, self.rules));
        Some(PacketReport {
            file,
            packet: Some(packet),
            level,
            current,
            analysis,
            diagnostics,
            unreadable: None,
        })
    }
}
