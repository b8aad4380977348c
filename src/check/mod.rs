//! `promolint check`: the whole pipeline over many files.
//!
//! Files are found and read ([`crate::input`]), parsed ([`crate::packet`]),
//! matched to their target level, analysed ([`crate::analysis`]) and turned
//! into diagnostics ([`diagnose`]). Reading, parsing and analysis run in
//! parallel; reports come back in input order so output is stable.

mod diagnose;
mod suppress;
mod target;

use std::collections::HashMap;
use std::path::PathBuf;

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

/// Checks every packet under `paths` against `rules`; packet texts are added
/// to `sources`.
pub fn check<'r>(
    paths: &[PathBuf],
    rules: &'r RuleSet,
    options: &CheckOptions,
    sources: &mut Sources,
) -> CheckRun<'r> {
    let mut found = input::discover(paths);
    if let Some(config) = &options.config {
        found.inputs.retain(|i| i.explicit || !config.excludes(&i.path));
    }
    let mut reports = Vec::new();
    for problem in &found.problems {
        reports.push(unreadable_report(problem, sources, options));
    }
    let texts: Vec<Result<String, Unreadable>> =
        found.inputs.par_iter().map(|i| input::read(&i.path)).collect();
    let mut files: Vec<(FileId, bool)> = Vec::new();
    for (inp, text) in found.inputs.iter().zip(texts) {
        match text {
            Ok(text) => files.push((sources.add(inp.path.display().to_string(), text), inp.explicit)),
            Err(problem) => reports.push(unreadable_report(&problem, sources, options)),
        }
    }
    let sources: &Sources = sources;
    let parsed: Vec<(Packet, Vec<Diagnostic>)> =
        files.par_iter().map(|(file, _)| Packet::parse(*file, &sources.get(*file).text)).collect();

    let cli_selects = options.ladder.is_some() || options.target.is_some();
    let mut skipped = Vec::new();
    let mut work = Vec::new();
    for ((file, explicit), (packet, diagnostics)) in files.into_iter().zip(parsed) {
        if !explicit && !cli_selects && !packet.has_promolint_front_matter() && diagnostics.is_empty() {
            skipped.push(Skipped {
                path: sources.get(file).name.clone().into(),
                reason: "no promolint front matter".into(),
            });
            continue;
        }
        let (level, more) = target::resolve(&packet, rules, options);
        work.push((file, packet, level, diagnostics.into_iter().chain(more).collect::<Vec<_>>()));
    }

    // Compile each level needed once.
    let mut needed: Vec<&Level> = Vec::new();
    let mut matcher_of: HashMap<String, usize> = HashMap::new();
    for (_, _, level, _) in &work {
        if let Some(level) = level {
            matcher_of.entry(level.qualified_id().to_lowercase()).or_insert_with(|| {
                needed.push(level);
                needed.len() - 1
            });
        }
    }
    let compiled: Vec<LevelMatcher> = needed.par_iter().map(|l| LevelMatcher::new(l)).collect();
    let evidence = EvidenceMatcher::new(&rules.evidence);
    let common = CommonMatcher::new(&rules.common_red_flags);
    let run = RunMatchers { evidence: &evidence, common: &common };

    let analysed: Vec<PacketReport<'r>> = work
        .into_par_iter()
        .map(|(file, packet, level, mut diagnostics)| {
            let text = &sources.get(file).text;
            let mut findings: Vec<diagnose::Finding> = diagnostics.drain(..).map(|d| (d, None)).collect();
            let analysis = level.map(|level| {
                let matcher = &compiled[matcher_of[&level.qualified_id().to_lowercase()]];
                let analysis = analysis::analyze(&packet, text, level, matcher, &run);
                findings.extend(diagnose::diagnose(
                    &packet,
                    text,
                    level,
                    &analysis,
                    rules,
                    options.min_coverage,
                ));
                analysis
            });
            let diagnostics = diagnose::finish(
                findings,
                &options.levels,
                &packet,
                sources.get(file),
                level,
                analysis.as_ref(),
            );
            PacketReport { file, packet: Some(packet), level, analysis, diagnostics }
        })
        .collect();
    reports.extend(analysed);
    CheckRun { reports, skipped }
}

fn unreadable_report<'r>(
    problem: &Unreadable,
    sources: &mut Sources,
    options: &CheckOptions,
) -> PacketReport<'r> {
    let file = sources.add(problem.path.display().to_string(), String::new());
    let mut d = lint::packet::unreadable_file(Label::new(file, 0..0, ""), &problem.reason);
    if let Some(at) = problem.offset {
        d = d.with_note(format!("at byte offset {at}"));
    }
    let diagnostics = match options.levels.severity(d.code, None) {
        Some(s) => vec![d.with_severity(s)],
        None => Vec::new(),
    };
    PacketReport { file, packet: None, level: None, analysis: None, diagnostics }
}
