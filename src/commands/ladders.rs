//! `promolint ladders`: the ladders and levels available.

use serde::Serialize;

use crate::cli::{GlobalArgs, Io, LaddersArgs, ListFormat, Outcome};

/// One level, as `ladders --format json` prints it.
#[derive(Debug, Serialize)]
struct LevelRow<'a> {
    ladder: &'a str,
    ladder_name: &'a str,
    level: &'a str,
    title: &'a str,
    extends: Option<&'a str>,
    expectations: usize,
    red_flags: usize,
    builtin: bool,
    file: &'a str,
}

/// Runs `ladders`.
///
/// # Errors
/// Unreadable rule folders; failed writes.
pub(crate) fn run(global: &GlobalArgs, args: &LaddersArgs, io: &mut Io<'_>) -> anyhow::Result<Outcome> {
    let super::Session { rules, sources, .. } = match super::Session::load(global, io)? {
        Ok(session) => session,
        Err(outcome) => return Ok(outcome),
    };
    let rows: Vec<LevelRow<'_>> = rules
        .levels()
        .map(|l| LevelRow {
            ladder: &l.ladder,
            ladder_name: &l.ladder_name,
            level: &l.id,
            title: &l.title,
            extends: l.extends.as_deref(),
            expectations: l.expectations.len(),
            red_flags: l.red_flags.len(),
            builtin: l.builtin,
            file: &sources.get(l.origin.file).name,
        })
        .collect();
    match args.format {
        ListFormat::Json => {
            serde_json::to_writer_pretty(&mut *io.out, &rows)?;
            writeln!(io.out)?;
        }
        ListFormat::Human => {
            let header = ["LADDER", "LEVEL", "TITLE", "EXPECTATIONS", "RED FLAGS", "SOURCE"];
            let cells: Vec<[String; 6]> = rows
                .iter()
                .map(|r| {
                    [
                        r.ladder.to_owned(),
                        r.level.to_owned(),
                        r.title.to_owned(),
                        r.expectations.to_string(),
                        r.red_flags.to_string(),
                        if r.builtin { "built-in".to_owned() } else { r.file.to_owned() },
                    ]
                })
                .collect();
            let mut widths = header.map(|h| h.chars().count());
            for row in &cells {
                for (w, c) in widths.iter_mut().zip(row) {
                    *w = (*w).max(c.chars().count());
                }
            }
            let line = |cols: &[String]| {
                let padded: Vec<String> = cols.iter().zip(widths).map(|(c, w)| format!("{c:<w$}")).collect();
                padded.join("  ").trim_end().to_owned()
            };
            writeln!(io.out, "{}", line(&header.map(str::to_owned)))?;
            for row in &cells {
                writeln!(io.out, "{}", line(row))?;
            }
        }
    }
    Ok(Outcome::Clean)
}
