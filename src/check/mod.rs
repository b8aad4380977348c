//! `promolint check`: the whole pipeline over many files.
//!
//! Files are found and read ([`crate::input`]), parsed ([`crate::packet`]),
//! matched to their target level, analysed ([`crate::analysis`]) and turned
//! into diagnostics (`diagnose`). Reading, parsing and analysis run in
//! parallel, in bounded batches ([`check_each`]); reports come back in input
//! order so output is stable.

mod diagnose;
mod suppress;
mod target;

use std::path::PathBuf;
use std::sync::OnceLock;

use rayon::prelude::*;

use crate::analysis::{self, Analysis, CommonMatcher, EvidenceMatcher, LevelMatcher, RunMatchers};
use crate::config::Config;
use crate::diagnostic::{Diagnostic, Label, Severity};
use crate::input::{self, Unreadable};
use crate::lint::{self, LintLevels};
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
    /// The config file, for `exclude`.
    pub config: Option<Config>,
    /// `--force-exclude`: files named on the command line are treated as if
    /// found by walking (`exclude` applies; no front matter means skipped).
    pub force_exclude: bool,
    /// `--new-only`: leave out the per-expectation findings of expectations
    /// the packet's `current` level already asks.
    pub new_only: bool,
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
}

impl PacketReport<'_> {
    /// Whether any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(|d| d.severity == Severity::Error)
    }
}

/// A file found by walking that was not linted, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// The file.
    pub path: PathBuf,
    /// Why, e.g. "no promolint front matter".
    pub reason: String,
}

/// The outcome of a check run.
#[derive(Debug)]
pub struct CheckRun<'r> {
    /// One report per file linted (or unreadable), in input order.
    pub reports: Vec<PacketReport<'r>>,
    /// Files skipped silently while walking.
    pub skipped: Vec<Skipped>,
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
        let run = RunMatchers { evidence: &self.evidence, common: &self.common };
        let analysis = level.and_then(|level| {
            let matcher = self.matcher(level)?;
            let analysis = analysis::analyze(&packet, text, level, matcher, &run);
            findings.extend(diagnose::diagnose(&packet, text, level, &analysis, self.rules, self.options));
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
        Some(PacketReport { file, packet: Some(packet), level, current, analysis, diagnostics })
    }
}

/// Files read and linted together by [`check_each`]: enough to keep both
/// threads busy, few enough that one batch's texts and reports stay small.
pub const BATCH: usize = 64;

/// Checks every packet under `paths` against `rules`; packet texts are added
/// to `sources`. Files are read and linted in parallel; reports come back in
/// the order the files were named and found.
pub fn check<'r>(
    paths: &[PathBuf],
    rules: &'r RuleSet,
    options: &CheckOptions,
    sources: &mut Sources,
) -> CheckRun<'r> {
    let mut run = CheckRun { reports: Vec::new(), skipped: Vec::new() };
    let kept = each(paths, rules, options, sources, true, |_, result| {
        match result {
            Ok(report) => run.reports.push(report),
            Err(skipped) => run.skipped.push(skipped),
        }
        Ok::<(), std::convert::Infallible>(())
    });
    match kept {
        Ok(()) => run,
        Err(never) => match never {},
    }
}

/// Checks every packet under `paths` as [`check`] does, in batches of
/// [`BATCH`] files, and hands each file's report (or the reason it was
/// skipped) to `each`, in input order, as soon as its batch is linted. The
/// batch's texts are in `sources` while `each` runs and are dropped from it
/// after the batch, so memory does not grow with the number of files.
///
/// # Errors
/// The first error `each` returns; no file after it is linted.
pub fn check_each<'r, E>(
    paths: &[PathBuf],
    rules: &'r RuleSet,
    options: &CheckOptions,
    sources: &mut Sources,
    each: impl FnMut(&Sources, Result<PacketReport<'r>, Skipped>) -> Result<(), E>,
) -> Result<(), E> {
    self::each(paths, rules, options, sources, false, each)
}

fn each<'r, E>(
    paths: &[PathBuf],
    rules: &'r RuleSet,
    options: &CheckOptions,
    sources: &mut Sources,
    keep: bool,
    mut each: impl FnMut(&Sources, Result<PacketReport<'r>, Skipped>) -> Result<(), E>,
) -> Result<(), E> {
    let mut found = input::discover(paths);
    if options.force_exclude {
        found.inputs.iter_mut().for_each(|i| i.explicit = false);
    }
    if let Some(config) = &options.config {
        found.inputs.retain(|i| i.explicit || !config.excludes(&i.path));
    }
    let linter = Linter::new(rules, options);
    let base = sources.len();
    // Files that could not even be listed come first, each with an empty
    // source to point at.
    for problem in found.problems {
        let file = sources.add(crate::source::path_name(&problem.path), String::new());
        each(sources, Ok(unreadable_report(file, &problem, options)))?;
        if !keep {
            sources.truncate(base);
        }
    }
    let batch = if keep { usize::MAX } else { BATCH };
    for inputs in found.inputs.chunks(batch) {
        let texts: Vec<Result<String, Unreadable>> =
            inputs.par_iter().map(|i| input::read(&i.path)).collect();
        let entries: Vec<Result<(FileId, bool), (FileId, Unreadable)>> = inputs
            .iter()
            .zip(texts)
            .map(|(inp, text)| match text {
                Ok(text) => Ok((sources.add(crate::source::path_name(&inp.path), text), inp.explicit)),
                Err(problem) => {
                    Err((sources.add(crate::source::path_name(&problem.path), String::new()), problem))
                }
            })
            .collect();
        let shared: &Sources = sources;
        let results: Vec<Result<PacketReport<'r>, Skipped>> = entries
            .into_par_iter()
            .map(|entry| match entry {
                Ok((file, explicit)) => linter.lint(file, shared, explicit).ok_or_else(|| Skipped {
                    path: shared.get(file).name.clone().into(),
                    reason: "no promolint front matter".into(),
                }),
                Err((file, problem)) => Ok(unreadable_report(file, &problem, options)),
            })
            .collect();
        for result in results {
            each(shared, result)?;
        }
        if !keep {
            sources.truncate(base);
        }
    }
    Ok(())
}

/// Checks one packet given as text (standard input, an editor's buffer),
/// shown as `name`; `path` is where it would live, for `exclude` under
/// `--force-exclude`. The text is added to `sources`.
pub fn check_text<'r>(
    name: &str,
    path: Option<&std::path::Path>,
    text: String,
    rules: &'r RuleSet,
    options: &CheckOptions,
    sources: &mut Sources,
) -> CheckRun<'r> {
    let mut run = CheckRun { reports: Vec::new(), skipped: Vec::new() };
    let excluded = options.force_exclude
        && path.zip(options.config.as_ref()).is_some_and(|(path, config)| config.excludes(path));
    if excluded {
        run.skipped.push(Skipped { path: name.into(), reason: "excluded".into() });
        return run;
    }
    let file = sources.add(name.to_owned(), text);
    match Linter::new(rules, options).lint(file, sources, !options.force_exclude) {
        Some(report) => run.reports.push(report),
        None => run.skipped.push(Skipped { path: name.into(), reason: "no promolint front matter".into() }),
    }
    run
}

fn unreadable_report<'r>(file: FileId, problem: &Unreadable, options: &CheckOptions) -> PacketReport<'r> {
    let mut d = lint::packet::unreadable_file(Label::new(file, 0..0, ""), &problem.reason);
    if let Some(at) = problem.offset {
        d = d.with_note(format!("at byte offset {at}"));
    }
    let diagnostics = match options.levels.severity(d.code, None) {
        Some(s) => vec![d.with_severity(s)],
        None => Vec::new(),
    };
    PacketReport { file, packet: None, level: None, current: None, analysis: None, diagnostics }
}
