//! `promolint rules import`: reads a ladder document, builds its rule files,
//! checks them as `rules check` would, and only then writes them (to
//! standard output, a file, or one file per level in a folder). Diagnostics
//! about the document go to standard error: standard output may be the rule file.

use std::path::{Path, PathBuf};

use anyhow::Context;

use crate::cli::{ImportArgs, Io, Outcome};
use crate::diagnostic::{Diagnostic, Label};
use crate::rules::import::{self, Columns, Document, levels};
use crate::rules::messages as msg;
use crate::source::{FileId, Sources};

/// Runs `rules import`.
///
/// # Errors
/// Failed writes of the output or of the messages.
pub(crate) fn run(args: &ImportArgs, io: &mut Io<'_>) -> anyhow::Result<Outcome> {
    let name = args.file.display().to_string();
    let text = match import::read(&args.file) {
        Ok(text) => text,
        Err(reason) => {
            writeln!(io.err, "error: cannot import {name}: {reason}")?;
            return Ok(Outcome::Failed);
        }
    };
    let mut sources = Sources::new();
    let file = sources.add(name.clone(), text);
    let text = sources.get(file).text.clone();
    let fail = |sources: &Sources, io: &mut Io<'_>, d: Diagnostic| -> anyhow::Result<Outcome> {
        super::human_reporter(&mut *io.err, io.color).diagnostics(sources, &[d])?;
        writeln!(io.err, "error: nothing written")?;
        Ok(Outcome::Failed)
    };
    let format = match args.from {
        Some(f) => f.into(),
        None => match import::detect(&name, &text) {
            Ok(f) => f,
            Err(reason) => {
                let help = "pass --from markdown, html, yaml or csv";
                return fail(
                    &sources,
                    io,
                    msg::unusable_ladder(Label::new(file, 0..0, ""), &reason, Some(help)),
                );
            }
        },
    };
    let columns = match args.columns.as_deref().map(Columns::parse).transpose() {
        Ok(c) => c.unwrap_or_default(),
        Err(e) => {
            writeln!(io.err, "error: --columns {e}")?;
            return Ok(Outcome::Failed);
        }
    };
    let doc = match import::parse(&text, format, &columns) {
        Ok(doc) => doc,
        Err(p) => return fail(&sources, io, problem(file, &p)),
    };
    if args.list_levels {
        list(&doc, &sources, file, io)?;
        return Ok(Outcome::Clean);
    }
    let command = command_line(args, format);
    let request = levels::Request {
        ladder: args.ladder.as_deref().unwrap_or_default(),
        level: args.level.as_deref(),
        all: args.all_levels,
        source: &name,
        command: &command,
    };
    let (mut built, skipped) = match levels::build(&doc, &request) {
        Ok(b) => b,
        Err(p) => return fail(&sources, io, problem(file, &p)),
    };
    // The built-in scope words propose each level's scope: only the embedded
    // scope file is read here (every built-in file is loaded once, below, to
    // validate the output).
    let scope_file =
        crate::rules::builtin::file("scope.yaml").map(String::from_utf8_lossy).unwrap_or_default();
    let scope_file =
        [(format!("{}/scope.yaml", crate::rules::builtin::BUILTIN_PREFIX), scope_file.into_owned())];
    let (scope, _) = crate::rules::load_texts(&scope_file, false, &mut Sources::new());
    for level in &mut built {
        level.scope = crate::rules::scope::propose_for_import(&scope.scope.shared, level);
    }
    // The start of the block is enough to find it: its first line, at most 40 bytes.
    let trim = |at: &std::ops::Range<usize>| {
        let start = crate::source::floor_char_boundary(&text, at.start.min(text.len()));
        let line = text[start..].find(['\n', '\r']).map_or(text.len(), |i| start + i);
        let end = crate::source::floor_char_boundary(&text, at.end.min(line).min(start + 40));
        start..end.max(start)
    };
    let mut warnings: Vec<Diagnostic> = doc
        .dropped
        .iter()
        .map(|d| msg::dropped_ladder_text(Label::new(file, trim(&d.at), ""), &d.what))
        .collect();
    for id in &skipped {
        let at = doc.levels.iter().find(|l| &l.id == id).map(|l| l.at.clone()).unwrap_or(0..0);
        warnings.push(msg::empty_level(Label::new(file, at, "no expectations"), id));
    }
    let mut files: Vec<(String, String)> = Vec::new();
    for level in &built {
        let yaml = import::to_yaml(level).context("cannot write the rule file as YAML")?;
        files.push((format!("{}.yaml", level.level.to_lowercase()), yaml));
    }
    // Always valid: what would be written must pass `rules check`.
    let (_, problems) = crate::rules::load_texts(&files, true, &mut sources);
    if !problems.is_empty() {
        super::human_reporter(&mut *io.err, io.color).diagnostics(&sources, &problems)?;
        writeln!(io.err, "error: the imported rule file would not pass `rules check`; nothing written")?;
        return Ok(Outcome::Failed);
    }
    super::human_reporter(&mut *io.err, io.color).diagnostics(&sources, &warnings)?;
    let targets: Vec<PathBuf> = match (&args.output, args.all_levels) {
        (None, _) => {
            for (_, yaml) in &files {
                io.out.write_all(yaml.as_bytes())?;
            }
            return Ok(Outcome::Clean);
        }
        (Some(dir), true) => files.iter().map(|(n, _)| dir.join(n)).collect(),
        (Some(path), false) => vec![path.clone()],
    };
    if let Some(taken) = targets.iter().find(|t| crate::fsutil::occupied(t) && !args.force) {
        writeln!(io.err, "error: {} exists; pass --force to replace it; nothing written", taken.display())?;
        return Ok(Outcome::Failed);
    }
    if let (Some(dir), true) = (&args.output, args.all_levels) {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    }
    for ((target, (_, yaml)), level) in targets.iter().zip(&files).zip(&built) {
        if !super::write_output(target, yaml.as_bytes(), args.force, io)? {
            return Ok(Outcome::Failed);
        }
        writeln!(
            io.err,
            "wrote {} ({} expectations, {} red flags)",
            target.display(),
            level.expectations.len(),
            level.red_flags.len()
        )?;
    }
    Ok(Outcome::Clean)
}

fn problem(file: FileId, p: &import::Problem) -> Diagnostic {
    msg::unusable_ladder(Label::new(file, p.at.clone(), ""), &p.message, p.help.as_deref())
}

/// `--list-levels`: one line per level: id, name, where, expectations.
fn list(doc: &Document, sources: &Sources, file: FileId, io: &mut Io<'_>) -> anyhow::Result<()> {
    let source = sources.get(file);
    if !doc.leveled {
        let n = doc.levels.first().map_or(0, |l| l.expectations.len());
        writeln!(
            io.out,
            "the document names no levels: it is one level of {n} expectations (give it an id with --level)"
        )?;
        return Ok(());
    }
    let width = doc.levels.iter().map(|l| l.id.len()).max().unwrap_or(0);
    for level in &doc.levels {
        let line = source.position(level.at.start).line;
        let base = level.base.as_deref().map(|b| format!(", includes {b}")).unwrap_or_default();
        writeln!(
            io.out,
            "{:width$}  {}  ({} at line {line}, {} expectations{base})",
            level.id,
            level.name,
            level.place,
            level.expectations.len()
        )?;
    }
    Ok(())
}

/// The command as recorded in `source`: what was run, in a form that can be run again.
fn command_line(args: &ImportArgs, format: import::Format) -> String {
    let file =
        Path::new(&args.file).file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let mut parts = vec!["promolint rules import".to_owned(), file];
    parts.push(format!("--from {}", format.as_str()));
    if let Some(ladder) = &args.ladder {
        parts.push(format!("--ladder {ladder}"));
    }
    if let Some(level) = &args.level {
        parts.push(format!("--level {level}"));
    }
    if args.all_levels {
        parts.push("--all-levels".to_owned());
    }
    if let Some(columns) = &args.columns {
        parts.push(format!("--columns {columns}"));
    }
    parts.join(" ")
}
