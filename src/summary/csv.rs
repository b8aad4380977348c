//! `summary --format csv`: RFC 4180 records written by the `csv` crate (which
//! quotes and escapes; lines end in CRLF), one header record first.
//!
//! `--by packet`: one record per packet, then one column per area of every
//! level targeted (`ladder/level: Area (of N)`, the number of the area's N
//! expectations the packet covers; empty for packets of other levels).
//! `--by expectation`: one record per expectation of every level targeted,
//! with counts of packets by status, then one column per summarised packet
//! (headed by its path) holding its status, empty for packets of other levels.
//!
//! Text that came from a packet and starts with `=`, `+`, `-`, `@`, a tab or a
//! carriage return gets a leading `'`, so a spreadsheet shows it instead of
//! running it as a formula (CSV injection).

use std::io::{self, Write};

use super::{Summary, View, status_word};

/// Writes the summary as CSV.
///
/// # Errors
/// Writing failed.
pub fn write(summary: &Summary, view: View, out: &mut dyn Write) -> io::Result<()> {
    let mut w = ::csv::WriterBuilder::new().terminator(::csv::Terminator::CRLF).from_writer(out);
    match view {
        View::Packet => by_packet(summary, &mut w)?,
        View::Expectation => by_expectation(summary, &mut w)?,
    }
    w.flush()
}

fn by_packet(summary: &Summary, w: &mut ::csv::Writer<&mut dyn Write>) -> io::Result<()> {
    let mut header: Vec<String> = [
        "path",
        "candidate",
        "ladder",
        "level",
        "total",
        "covered",
        "weak",
        "uncovered",
        "waived",
        "coverage_percent",
        "behaviour_red_flags",
        "writing_smells",
        "claims_without_evidence",
        "level_scope",
        "claims_at_level_scope",
        "mapped_claims",
        "error",
    ]
    .map(String::from)
    .to_vec();
    for level in &summary.levels {
        for (area, n) in level.areas.iter().zip(level.area_totals()) {
            header.push(format!("{}: {area} (of {n})", level.qualified_id()));
        }
    }
    w.write_record(&header)?;
    for row in &summary.packets {
        let mut record: Vec<String> = vec![
            defuse(&row.path),
            defuse(row.candidate.as_deref().unwrap_or("")),
            defuse(row.ladder.as_deref().unwrap_or("")),
            defuse(row.level.as_deref().unwrap_or("")),
        ];
        match &row.coverage {
            Some(c) => {
                let n = c.counts;
                record.extend([n.total, n.covered, n.weak, n.uncovered, n.waived].map(|x| x.to_string()));
                record.push(format!("{:.1}", c.counts.percent()));
                record.push(row.behaviour_flags.to_string());
                record.push(row.writing_flags.to_string());
                record.push(c.claims_without_evidence.to_string());
                match &c.at_scope {
                    Some(s) => {
                        record.extend([s.scope.to_string(), s.at_or_above.to_string(), s.claims.to_string()])
                    }
                    None => record.extend(std::iter::repeat_n(String::new(), 3)),
                }
            }
            None => {
                record.extend(std::iter::repeat_n(String::new(), 6));
                record.push(row.behaviour_flags.to_string());
                record.push(row.writing_flags.to_string());
                record.extend(std::iter::repeat_n(String::new(), 4));
            }
        }
        record.push(defuse(row.error.as_deref().unwrap_or("")));
        for (i, level) in summary.levels.iter().enumerate() {
            match row.coverage.as_ref().filter(|c| c.level == i) {
                Some(c) => record.extend(c.areas.iter().map(|a| a.covered.to_string())),
                None => record.extend(std::iter::repeat_n(String::new(), level.areas.len())),
            }
        }
        w.write_record(&record)?;
    }
    Ok(())
}

fn by_expectation(summary: &Summary, w: &mut ::csv::Writer<&mut dyn Write>) -> io::Result<()> {
    let packets: Vec<_> =
        summary.packets.iter().filter_map(|r| r.coverage.as_ref().map(|c| (r, c))).collect();
    let mut header: Vec<String> =
        ["ladder", "level", "expectation", "area", "text", "covered", "weak", "uncovered", "waived"]
            .map(String::from)
            .to_vec();
    header.extend(packets.iter().map(|(r, _)| defuse(&r.path)));
    w.write_record(&header)?;
    for (i, level) in summary.levels.iter().enumerate() {
        for (j, e) in level.expectations.iter().enumerate() {
            let n = summary.packet_counts(i, j);
            let mut record = vec![
                level.ladder.clone(),
                level.id.clone(),
                e.id.clone(),
                level.areas[e.area].clone(),
                e.text.clone(),
            ];
            record.extend([n.covered, n.weak, n.uncovered, n.waived].map(|x| x.to_string()));
            record.extend(packets.iter().map(|(_, c)| {
                if c.level == i { status_word(c.statuses[j]).to_owned() } else { String::new() }
            }));
            w.write_record(&record)?;
        }
    }
    Ok(())
}

/// Packet text made safe for spreadsheets: a leading `'` before a character
/// that would start a formula.
pub fn defuse(s: &str) -> String {
    match s.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{s}"),
        _ => s.to_owned(),
    }
}
