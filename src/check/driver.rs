//! The one driver of `check` and `summary` (and of the library's
//! [`check`]): find the files ([`crate::input::discover`]), leave out what
//! the config excludes, read them, lint them with one [`Linter`], and hand
//! each file's report, or the reason it was skipped, to the caller in input
//! order. Reading and linting run in parallel, a batch of [`batch_size`] files at
//! a time, so memory holds one batch whatever the number of files.

use std::path::PathBuf;

use rayon::prelude::*;

use super::{CheckOptions, Linter, PacketReport};
use crate::diagnostic::Label;
use crate::input::{self, Input, Unreadable};
use crate::rules::RuleSet;
use crate::source::{FileId, Sources};

/// A file found by walking that was not linted, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// The file.
    pub path: PathBuf,
    /// Why, e.g. "no promolint front matter", "excluded".
    pub reason: String,
}

impl Skipped {
    fn no_front_matter(path: PathBuf) -> Self {
        Skipped { path, reason: "no promolint front matter".into() }
    }
}

/// The outcome of a check run.
#[derive(Debug)]
pub struct CheckRun<'r> {
    /// One report per file linted (or unreadable), in input order.
    pub reports: Vec<PacketReport<'r>>,
    /// Files skipped silently while walking.
    pub skipped: Vec<Skipped>,
}

/// Files read and linted together by [`check_each`] with one thread: the
/// batch is this many files per thread ([`batch_size`]), enough to keep every
/// thread busy, few enough that one batch's texts and reports stay small
/// (with two threads, 64 files per batch held 7 MiB more at the peak than 16,
/// for the same CPU time over 1,000 packets; 8 is what keeps 100,000 packets
/// in one folder under 64 MiB).
pub const BATCH: usize = 4;

/// How many files [`check_each`] reads and lints at a time: [`BATCH`] per
/// thread of the pool, at least 8 and at most 256.
pub fn batch_size() -> usize {
    (BATCH * rayon::current_num_threads()).clamp(8, 256)
}

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
/// [`batch_size`] files, and hands each file's report (or the reason it was
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
    let force_exclude = options.force_exclude;
    let config = options.config.as_ref();
    let mut found = input::discover(paths)
        .map(|found| found.map(|i| Input { explicit: i.explicit && !force_exclude, ..i }))
        .filter(|found| {
            found.as_ref().map_or(true, |i| i.explicit || !config.is_some_and(|c| c.excludes(&i.path)))
        });
    let linter = Linter::new(rules, options);
    let base = sources.len();
    let batch = if keep { usize::MAX } else { batch_size() };
    loop {
        // A path that could not be walked is reported where it was met,
        // with an empty source to point at, as a file that cannot be read.
        let inputs: Vec<Result<Input, Unreadable>> = found.by_ref().take(batch).collect();
        if inputs.is_empty() {
            break;
        }
        let read: Vec<Result<(Input, String), Unreadable>> = inputs
            .into_par_iter()
            .map(|found| {
                let found = found?;
                let text = input::read(&found.path)?;
                Ok((found, text))
            })
            .collect();
        let entries: Vec<Result<(FileId, bool), (FileId, Unreadable)>> = read
            .into_iter()
            .map(|read| match read {
                Ok((found, text)) => {
                    Ok((sources.add(crate::source::path_name(&found.path), text), found.explicit))
                }
                Err(problem) => {
                    Err((sources.add(crate::source::path_name(&problem.path), String::new()), problem))
                }
            })
            .collect();
        let shared: &Sources = sources;
        let results: Vec<Result<PacketReport<'r>, Skipped>> = entries
            .into_par_iter()
            .map(|entry| match entry {
                Ok((file, explicit)) => linter
                    .lint(file, shared, explicit)
                    .ok_or_else(|| Skipped::no_front_matter(shared.get(file).name.clone().into())),
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
        None => run.skipped.push(Skipped::no_front_matter(name.into())),
    }
    run
}

fn unreadable_report<'r>(file: FileId, problem: &Unreadable, options: &CheckOptions) -> PacketReport<'r> {
    let mut d = super::messages::unreadable_file(Label::new(file, 0..0, ""), &problem.reason);
    if let Some(at) = problem.offset {
        d = d.with_note(format!("at byte offset {at}"));
    }
    let diagnostics = match options.levels.severity(d.code, None) {
        Some(s) => vec![d.with_severity(s)],
        None => Vec::new(),
    };
    PacketReport {
        file,
        packet: None,
        level: None,
        current: None,
        analysis: None,
        diagnostics,
        unreadable: Some(problem.reason.clone()),
    }
}
