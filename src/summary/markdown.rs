//! `summary --format markdown`: GitHub-flavoured Markdown tables to paste
//! into a document.
//!
//! `--by packet`: the packets with a totals row, the packets that could not be
//! summarised, and per level a table of covered-of-total per area.
//! `--by expectation`: per level, one row per expectation with the number of
//! packets covering it and one column per packet.
//!
//! Every cell is escaped with CommonMark backslash escapes, so packet text
//! (`|`, `<script>`, `*`, links) shows as written and cannot break the table
//! or inject HTML.

use std::io::{self, Write};

use super::{Summary, View, status_word};

/// Writes the summary as Markdown.
///
/// # Errors
/// Writing failed.
pub(super) fn write(summary: &Summary, view: View, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "# Coverage summary")?;
    writeln!(out)?;
    let t = summary.totals();
    write!(out, "{} packet(s): {} summarised, {} not summarised", t.packets, t.summarised, t.failed)?;
    match t.mean_percent {
        Some(p) => writeln!(out, "; mean coverage {p:.1}%.")?,
        None => writeln!(out, ".")?,
    }
    match view {
        View::Packet => by_packet(summary, out)?,
        View::Expectation => by_expectation(summary, out)?,
    }
    let failed: Vec<_> = summary.packets.iter().filter(|r| r.coverage.is_none()).collect();
    if !failed.is_empty() {
        writeln!(out)?;
        writeln!(out, "## Not summarised")?;
        writeln!(out)?;
        table_head(out, &["File", "Candidate", "Why"], &[false, false, false])?;
        for row in failed {
            let candidate = row.candidate.as_deref().unwrap_or("");
            table_row(out, &[&row.path, candidate, row.error.as_deref().unwrap_or("no level")])?;
        }
    }
    Ok(())
}

fn by_packet(summary: &Summary, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out)?;
    writeln!(out, "## Packets")?;
    writeln!(out)?;
    let headers = [
        "Candidate",
        "File",
        "Level",
        "Covered",
        "Weak",
        "Uncovered",
        "Waived",
        "Coverage",
        "Behaviour red flags",
        "Writing",
        "Claims without evidence",
        "Claims at level scope",
    ];
    let numeric = [false, false, false, true, true, true, true, true, true, true, true, true];
    table_head(out, &headers, &numeric)?;
    for row in &summary.packets {
        let mut cells: Vec<String> = vec![row.name().to_owned(), row.path.clone(), row.level_label()];
        match &row.coverage {
            Some(c) => {
                let n = c.counts;
                cells.extend([n.covered, n.weak, n.uncovered, n.waived].map(|x| x.to_string()));
                cells.push(format!("{:.1}%", n.percent()));
                cells.push(row.behaviour_flags.to_string());
                cells.push(row.writing_flags.to_string());
                cells.push(c.claims_without_evidence.to_string());
                cells.push(crate::summary::ScopeShare::cell(c.at_scope.as_ref()));
            }
            None => {
                cells.extend(std::iter::repeat_n("-".to_owned(), 5));
                cells.push(row.behaviour_flags.to_string());
                cells.push(row.writing_flags.to_string());
                cells.push("-".to_owned());
                cells.push("-".to_owned());
            }
        }
        table_row(out, &cells.iter().map(String::as_str).collect::<Vec<_>>())?;
    }
    let t = summary.totals();
    let n = t.counts;
    writeln!(
        out,
        "| **Total** | | | **{}** | **{}** | **{}** | **{}** | **{}** | **{}** | **{}** | **{}** | |",
        n.covered,
        n.weak,
        n.uncovered,
        n.waived,
        t.mean_percent.map(|p| format!("{p:.1}%")).unwrap_or_else(|| "-".into()),
        t.behaviour_flags,
        t.writing_flags,
        t.claims_without_evidence
    )?;
    for (i, level) in summary.levels.iter().enumerate() {
        writeln!(out)?;
        writeln!(out, "## Coverage by area: {}, {}", escape(&level.qualified_id()), escape(&level.title))?;
        writeln!(out)?;
        writeln!(out, "Covered expectations of each area's total.")?;
        writeln!(out)?;
        let totals = level.area_totals();
        let mut headers = vec!["Candidate".to_owned()];
        headers.extend(level.areas.iter().zip(&totals).map(|(a, n)| format!("{a} ({n})")));
        let mut numeric = vec![false];
        numeric.extend(level.areas.iter().map(|_| true));
        table_head(out, &headers.iter().map(String::as_str).collect::<Vec<_>>(), &numeric)?;
        for (row, c) in summary.packets_of(i) {
            let mut cells = vec![row.name().to_owned()];
            cells.extend(c.areas.iter().zip(&totals).map(|(a, n)| format!("{}/{n}", a.covered)));
            table_row(out, &cells.iter().map(String::as_str).collect::<Vec<_>>())?;
        }
    }
    Ok(())
}

fn by_expectation(summary: &Summary, out: &mut dyn Write) -> io::Result<()> {
    for (i, level) in summary.levels.iter().enumerate() {
        let packets: Vec<_> = summary.packets_of(i).collect();
        writeln!(out)?;
        writeln!(out, "## Expectations: {}, {}", escape(&level.qualified_id()), escape(&level.title))?;
        writeln!(out)?;
        writeln!(
            out,
            "{} packet(s). \"Covering\" counts the packets that cover the expectation with evidence.",
            packets.len()
        )?;
        writeln!(out)?;
        let mut headers = vec!["Expectation", "Area", "Covering"];
        headers.extend(packets.iter().map(|(r, _)| r.name()));
        let mut numeric = vec![false, false, true];
        numeric.extend(packets.iter().map(|_| false));
        table_head(out, &headers, &numeric)?;
        for (j, e) in level.expectations.iter().enumerate() {
            let n = summary.packet_counts(i, j);
            let mut cells = vec![
                e.id.clone(),
                level.areas[e.area].clone(),
                format!("{} of {}", n.covered, packets.len()),
            ];
            cells.extend(packets.iter().map(|(_, c)| status_word(c.statuses[j]).to_owned()));
            table_row(out, &cells.iter().map(String::as_str).collect::<Vec<_>>())?;
        }
    }
    Ok(())
}

fn table_head(out: &mut dyn Write, headers: &[&str], numeric: &[bool]) -> io::Result<()> {
    table_row(out, headers)?;
    let rule: Vec<&str> = numeric.iter().map(|&n| if n { "---:" } else { "---" }).collect();
    writeln!(out, "| {} |", rule.join(" | "))
}

fn table_row(out: &mut dyn Write, cells: &[&str]) -> io::Result<()> {
    let cells: Vec<String> = cells.iter().map(|c| escape(c)).collect();
    writeln!(out, "| {} |", cells.join(" | "))
}

/// Text made literal in a Markdown table cell: ASCII punctuation that
/// Markdown, GFM tables or inline HTML give meaning to is backslash-escaped,
/// and line breaks become spaces.
pub(super) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '&' | '~' | '!' | '#' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' | '\t' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}
