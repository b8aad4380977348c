//! `promolint summary`: check packets and write a coverage summary in the
//! chosen format, to standard output or atomically to `--output`.
//!
//! The exit code does not gate on packets (a committee report is not a lint
//! run): 0, or 2 when the run itself fails (bad config or rule files, an
//! output file that exists without `--force`, a failed write).

use std::io::IsTerminal;

use crate::check::CheckOptions;
use crate::cli::{ColorChoice, GlobalArgs, Io, Outcome, SummaryArgs};
use crate::summary::anonymize::{Key, KeyFile};
use crate::summary::{self, Summary};

/// Runs `summary`.
///
/// # Errors
/// Unreadable rule folders; failed writes.
pub(crate) fn run(global: &GlobalArgs, args: SummaryArgs, io: &mut Io<'_>) -> anyhow::Result<Outcome> {
    // Checked again, atomically, when the file is written; this saves the work.
    if let Some(path) = &args.output
        && crate::fsutil::occupied(path)
        && !args.force
    {
        writeln!(io.err, "error: {} exists; pass --force to replace it", path.display())?;
        return Ok(Outcome::Failed);
    }
    let key = match anonymize_key(&args, io)? {
        Ok(key) => key,
        Err(outcome) => return Ok(outcome),
    };
    let super::Session { config, rules, mut sources } = match super::Session::load(global, io)? {
        Ok(session) => session,
        Err(outcome) => return Ok(outcome),
    };
    let levels = config.lint_levels();
    let options = CheckOptions {
        ladder: args.ladder.clone(),
        target: args.target.clone(),
        red_flags_by_meaning: args.red_flags_by_meaning,
        ..CheckOptions::from_config(config, levels)
    };
    let mut summary =
        summary::collect::summarize(&args.paths, &rules, &options, &mut sources, args.format.detail());
    if let Some((key, write)) = key {
        let entries = summary.anonymize(&key);
        if let Some(path) = write {
            let file = KeyFile { version: 1, key: key.to_hex(), pseudonyms: entries };
            let mut text = serde_json::to_vec_pretty(&file)?;
            text.push(b'\n');
            if !super::write_output(&path, &text, args.force, io)? {
                return Ok(Outcome::Failed);
            }
            writeln!(
                io.err,
                "wrote the pseudonym key and who is who to {} (keep it private)",
                path.display()
            )?;
        }
    }
    summary.sort(args.sort);

    match &args.output {
        None => {
            let width = terminal_width(std::io::stdout().is_terminal());
            summary::render(&summary, args.format, args.by, &mut *io.out, io.color, width)?;
            io.out.flush()?;
        }
        Some(path) => {
            let mut buffer = Vec::new();
            let color = global.color == ColorChoice::Always;
            summary::render(&summary, args.format, args.by, &mut buffer, color, None)?;
            if !super::write_output(path, &buffer, args.force, io)? {
                return Ok(Outcome::Failed);
            }
            writeln!(io.err, "wrote {}", path.display())?;
        }
    }
    closing_line(&summary, &args, io)?;
    Ok(Outcome::Clean)
}

/// The key for `--anonymize`, and the key file to write after the run:
/// `None` when not anonymising; `Err` (after saying why) when the key file
/// cannot be used.
///
/// # Errors
/// Writing to standard error failed, or the system gave no random bytes.
#[allow(clippy::type_complexity)]
fn anonymize_key(
    args: &SummaryArgs,
    io: &mut Io<'_>,
) -> anyhow::Result<Result<Option<(Key, Option<std::path::PathBuf>)>, Outcome>> {
    let fresh = || Key::random().map_err(|e| anyhow::anyhow!("no random bytes for the pseudonym key: {e}"));
    match &args.anonymize_key {
        None if !args.anonymize => Ok(Ok(None)),
        None => Ok(Ok(Some((fresh()?, None)))),
        Some(path) if !path.exists() => Ok(Ok(Some((fresh()?, Some(path.clone()))))),
        Some(path) => {
            let read = std::fs::read_to_string(path)
                .map_err(|e| e.to_string())
                .and_then(|text| serde_json::from_str::<KeyFile>(&text).map_err(|e| e.to_string()))
                .and_then(|file| {
                    Key::from_hex(&file.key).ok_or_else(|| "`key` is not 64 hex digits".to_owned())
                });
            match read {
                Ok(key) => Ok(Ok(Some((key, args.force.then(|| path.clone()))))),
                Err(why) => {
                    writeln!(io.err, "error: cannot use {} as a pseudonym key file: {why}", path.display())?;
                    Ok(Err(Outcome::Failed))
                }
            }
        }
    }
}

/// The width the table must fit: `COLUMNS` when set, else the terminal's when
/// stdout is one, else none (no cutting when piped).
fn terminal_width(stdout_is_terminal: bool) -> Option<usize> {
    if let Some(columns) = std::env::var("COLUMNS").ok().and_then(|c| c.trim().parse::<usize>().ok()) {
        return Some(columns.max(20));
    }
    if stdout_is_terminal {
        return terminal_size::terminal_size().map(|(w, _)| usize::from(w.0));
    }
    None
}

fn closing_line(summary: &Summary, args: &SummaryArgs, io: &mut Io<'_>) -> anyhow::Result<()> {
    let t = summary.totals();
    if t.packets == 0 {
        let paths: Vec<String> = args.paths.iter().map(|p| p.display().to_string()).collect();
        writeln!(io.err, "warning: no packets found in {}", paths.join(", "))?;
        return Ok(());
    }
    let mut line = format!("summarised {} of {} packet(s)", t.summarised, t.packets);
    if t.failed > 0 {
        line.push_str(&format!("; {} could not be summarised", t.failed));
    }
    if !summary.skipped.is_empty() {
        line.push_str(&format!(
            "; skipped {} Markdown file(s) without promolint front matter",
            summary.skipped.len()
        ));
    }
    writeln!(io.err, "{line}")?;
    Ok(())
}
