//! `summary --format table` (the default): aligned terminal tables, coloured
//! when asked, cut to the terminal's width.
//!
//! `--by packet`: the packets, a totals line, the packets that could not be
//! summarised, then per level a table of covered-of-total per area.
//! `--by expectation`: per level, one row per expectation with the number of
//! packets covering it and one narrow column per packet (numbered, with a key).

use std::io::{self, Write};

use termcolor::{Color, ColorSpec, WriteColor};

use super::grid::{Cell, Column, Grid};
use super::{PacketRow, Summary, View, truncate};
use crate::analysis::Status;

/// Writes the summary as terminal tables; `width` is the terminal's, if known.
///
/// # Errors
/// Writing failed.
pub(super) fn write(
    summary: &Summary,
    view: View,
    out: &mut dyn Write,
    color: bool,
    width: Option<usize>,
) -> io::Result<()> {
    // Names and texts come from packets: no control character reaches the terminal.
    use crate::report::escape::EscapingWriter;
    if color {
        render(summary, view, &mut EscapingWriter(termcolor::Ansi::new(out)), width)
    } else {
        render(summary, view, &mut EscapingWriter(termcolor::NoColor::new(out)), width)
    }
}

fn render(summary: &Summary, view: View, out: &mut dyn WriteColor, width: Option<usize>) -> io::Result<()> {
    if summary.packets.is_empty() {
        return writeln!(out, "no packets to summarise");
    }
    match view {
        View::Packet => by_packet(summary, out, width)?,
        View::Expectation => by_expectation(summary, out, width)?,
    }
    let failed: Vec<&PacketRow> = summary.packets.iter().filter(|r| r.coverage.is_none()).collect();
    if !failed.is_empty() {
        writeln!(out)?;
        writeln!(out, "not summarised:")?;
        for row in failed {
            let who = match &row.candidate {
                Some(name) => format!("{name} ({}):", row.path),
                None => format!("{}:", row.path),
            };
            out.set_color(&fg(Color::Red))?;
            write!(out, "  {}", truncate(&who, width.map_or(usize::MAX, |w| w.saturating_sub(2))))?;
            out.reset()?;
            writeln!(out)?;
            for line in wrap(row.error.as_deref().unwrap_or("no level"), width.map(|w| w.saturating_sub(4))) {
                writeln!(out, "    {line}")?;
            }
        }
    }
    Ok(())
}

fn by_packet(summary: &Summary, out: &mut dyn WriteColor, width: Option<usize>) -> io::Result<()> {
    let mut grid = Grid {
        columns: vec![
            Column::left("Candidate", true),
            Column::left("File", true).optional(),
            Column::left("Level", true),
            Column::right("Covered"),
            Column::right("Weak"),
            Column::right("Uncovered"),
            Column::right("Waived"),
            Column::right("Coverage"),
            Column::right("Behaviour flags"),
            Column::right("Writing"),
            Column::right("No evidence"),
            Column::right("At scope"),
        ],
        rows: Vec::new(),
    };
    for row in &summary.packets {
        let mut cells =
            vec![Cell::plain(row.name()), Cell::plain(row.path.clone()), Cell::plain(row.level_label())];
        match &row.coverage {
            Some(c) => {
                let n = c.counts;
                cells.extend([n.covered, n.weak, n.uncovered, n.waived].map(|x| Cell::plain(x.to_string())));
                let percent = c.counts.percent();
                cells.push(Cell::colored(format!("{percent:.1}%"), percent_color(percent)));
                cells.push(count_cell(row.behaviour_flags));
                cells.push(count_cell(row.writing_flags));
                cells.push(count_cell(c.claims_without_evidence));
                cells.push(Cell::plain(crate::summary::ScopeShare::cell(c.at_scope.as_ref())));
            }
            None => {
                cells.extend((0..5).map(|_| Cell::plain("-")));
                cells.push(count_cell(row.behaviour_flags));
                cells.push(count_cell(row.writing_flags));
                cells.push(Cell::colored("error", fg(Color::Red)));
                cells.push(Cell::plain("-"));
            }
        }
        grid.rows.push(cells);
    }
    let t = summary.totals();
    let mut bold = ColorSpec::new();
    bold.set_bold(true);
    let mut total = vec![Cell::colored("Total", bold.clone()), Cell::plain(""), Cell::plain("")];
    let n = t.counts;
    total.extend(
        [n.covered, n.weak, n.uncovered, n.waived].map(|x| Cell::colored(x.to_string(), bold.clone())),
    );
    total.push(Cell::colored(
        t.mean_percent.map(|p| format!("{p:.1}%")).unwrap_or_else(|| "-".into()),
        bold.clone(),
    ));
    total.push(Cell::colored(t.behaviour_flags.to_string(), bold.clone()));
    total.push(Cell::colored(t.writing_flags.to_string(), bold.clone()));
    total.push(Cell::colored(t.claims_without_evidence.to_string(), bold));
    total.push(Cell::plain("-"));
    grid.rows.push(total);
    let left_out = grid.write(out, width)?;
    note_left_out(out, left_out, "columns")?;
    if t.summarised > 0 {
        writeln!(out, "Coverage = covered / (expectations - waived); the total is the mean.")?;
        writeln!(out, "Behaviour flags: the ladder's red flags, blame, overwork (about the person).")?;
        writeln!(out, "Writing: vague claims, placeholders, hedging (about the text).")?;
    }

    for (i, level) in summary.levels.iter().enumerate() {
        writeln!(out)?;
        heading(out, &format!("{}, {}: covered of total per area", level.qualified_id(), level.title))?;
        let totals = level.area_totals();
        let mut grid = Grid { columns: vec![Column::left("Candidate", true)], rows: Vec::new() };
        grid.columns.extend(level.areas.iter().map(|a| Column::left(a.clone(), true)));
        for (row, c) in summary.packets_of(i) {
            let mut cells = vec![Cell::plain(row.name())];
            cells.extend(c.areas.iter().zip(&totals).map(|(a, &n)| {
                let percent = if n == 0 { 100.0 } else { a.covered as f32 * 100.0 / n as f32 };
                Cell::colored(format!("{}/{n}", a.covered), percent_color(percent))
            }));
            grid.rows.push(cells);
        }
        let left_out = grid.write(out, width)?;
        note_left_out(out, left_out, "areas")?;
    }
    Ok(())
}

fn by_expectation(summary: &Summary, out: &mut dyn WriteColor, width: Option<usize>) -> io::Result<()> {
    for (i, level) in summary.levels.iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        let packets: Vec<_> = summary.packets_of(i).collect();
        heading(out, &format!("{}, {}: {} packet(s)", level.qualified_id(), level.title, packets.len()))?;
        let mut grid = Grid {
            columns: vec![
                Column::left("Expectation", true),
                Column::left("Area", true),
                Column::right("Covering"),
            ],
            rows: Vec::new(),
        };
        grid.columns.extend((1..=packets.len()).map(|n| Column::right(format!("#{n}"))));
        for (j, e) in level.expectations.iter().enumerate() {
            let n = summary.packet_counts(i, j);
            let mut cells = vec![
                Cell::plain(e.id.clone()),
                Cell::plain(level.areas[e.area].clone()),
                Cell::colored(
                    format!("{}/{}", n.covered, packets.len()),
                    percent_color(n.covered as f32 * 100.0 / packets.len().max(1) as f32),
                ),
            ];
            cells.extend(packets.iter().map(|(_, c)| status_cell(c.statuses[j])));
            grid.rows.push(cells);
        }
        let left_out = grid.write(out, width)?;
        note_left_out(out, left_out, "packet columns")?;
        writeln!(out, "✓ covered, ~ weak (no evidence), ✗ uncovered, w waived")?;
        for (n, (row, _)) in packets.iter().enumerate() {
            writeln!(out, "#{}: {} ({})", n + 1, row.name(), row.path)?;
        }
    }
    Ok(())
}

/// `text` broken into lines of at most `width` characters at spaces (a word
/// longer than that gets a line of its own).
fn wrap(text: &str, width: Option<usize>) -> Vec<String> {
    let Some(width) = width.filter(|w| *w >= 20) else { return vec![text.to_owned()] };
    let mut lines = vec![String::new()];
    for word in text.split(' ') {
        let line = lines.last_mut().expect("at least one line");
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(word.to_owned());
        } else {
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
    }
    lines
}

fn heading(out: &mut dyn WriteColor, text: &str) -> io::Result<()> {
    let mut bold = ColorSpec::new();
    bold.set_bold(true).set_underline(true);
    out.set_color(&bold)?;
    write!(out, "{text}")?;
    out.reset()?;
    writeln!(out)
}

fn note_left_out(out: &mut dyn WriteColor, n: usize, what: &str) -> io::Result<()> {
    if n > 0 {
        let what = if n == 1 { what.trim_end_matches('s') } else { what };
        writeln!(out, "({n} more {what} left out to fit; see --format markdown, csv or html)")?;
    }
    Ok(())
}

fn fg(color: Color) -> ColorSpec {
    let mut spec = ColorSpec::new();
    spec.set_fg(Some(color));
    spec
}

fn percent_color(percent: f32) -> ColorSpec {
    fg(if percent >= 80.0 {
        Color::Green
    } else if percent >= 50.0 {
        Color::Yellow
    } else {
        Color::Red
    })
}

fn count_cell(n: usize) -> Cell {
    if n == 0 { Cell::plain("0") } else { Cell::colored(n.to_string(), fg(Color::Yellow)) }
}

fn status_cell(s: Status) -> Cell {
    match s {
        Status::Covered => Cell::colored("✓", fg(Color::Green)),
        Status::Weak => Cell::colored("~", fg(Color::Yellow)),
        Status::Uncovered => Cell::colored("✗", fg(Color::Red)),
        Status::Waived => Cell::colored("w", fg(Color::Blue)),
    }
}
