//! Hover: on an id in `covers` or `promolint-waive`, the expectation in
//! full; on a claim, the expectations it maps to (score and how) and its
//! evidence, own or borrowed.

use std::fmt::Write as _;

use super::document::Linted;
use crate::analysis::{Mapping, Status, Via};
use crate::check::PacketReport;
use crate::packet::DirectiveKind;
use crate::rules::Level;

/// The hover text (Markdown) for byte `at`, and the range it is about.
pub(super) fn hover(linted: &Linted<'_>, at: usize) -> Option<(String, std::ops::Range<usize>)> {
    let report = linted.report.as_ref()?;
    let (packet, level, analysis) = (report.packet.as_ref()?, report.level?, report.analysis.as_ref()?);
    let covers = packet.claims.iter().flat_map(|c| c.covers.iter().map(|r| (r.id.as_str(), r.range.clone())));
    let waived = packet.directives.iter().filter_map(|d| match &d.kind {
        DirectiveKind::Waive { id, .. } => Some((id.text.as_str(), id.range.clone())),
        _ => None,
    });
    for (id, range) in covers.chain(waived) {
        if range.start <= at && at <= range.end {
            let text = match level.expectations.iter().position(|e| e.id.eq_ignore_ascii_case(id)) {
                Some(i) => expectation(linted, report, level, i),
                None => format!("`{id}` is not an expectation of {}", level.qualified_id()),
            };
            return Some((text, range));
        }
    }
    let (index, claim) =
        packet.claims.iter().enumerate().rev().find(|(_, c)| c.range.start <= at && at < c.range.end)?;
    let ca = &analysis.claims[index];
    let mut out = String::new();
    let _ = writeln!(out, "**promolint** · claim in *{}*\n", heading(&packet.heading(claim)));
    if ca.mappings.is_empty() {
        out.push_str("Maps to no expectation of ");
        let _ = writeln!(out, "{}.", level.qualified_id());
    } else {
        let _ = writeln!(out, "Maps to ({}):", level.qualified_id());
        for m in &ca.mappings {
            mapping_line(&mut out, level, m);
        }
    }
    if !ca.ranked.is_empty() {
        out.push_str("\nClosest below the cutoff:\n");
        for m in &ca.ranked {
            mapping_line(&mut out, level, m);
        }
    }
    out.push_str("\nEvidence: ");
    let mut parts: Vec<String> = Vec::new();
    for (set, whose) in [
        (ca.evidence, "own"),
        (ca.evidence_nested, "borrowed from nested items"),
        (ca.evidence_section, "borrowed from its section"),
    ] {
        let kinds: Vec<&str> = set.kinds().map(|k| k.as_str()).collect();
        if !kinds.is_empty() {
            parts.push(format!("{} ({whose})", kinds.join(", ")));
        }
    }
    if parts.is_empty() {
        out.push_str("none; add a link, a PR or ticket, a metric, a date, or attributed feedback");
    } else {
        out.push_str(&parts.join("; "));
    }
    out.push('\n');
    Some((out, claim.range.clone()))
}

fn heading(h: &str) -> &str {
    if h.is_empty() { "(before any heading)" } else { h }
}

fn mapping_line(out: &mut String, level: &Level, m: &Mapping) {
    let e = &level.expectations[m.expectation];
    let via = match m.via {
        Via::Explicit => "explicit `covers`",
        Via::Pattern => "pattern",
        Via::Text if m.meaning => "meaning (similar sense, few shared words)",
        Via::Text => "text similarity (shared words)",
    };
    let _ = writeln!(out, "- `{}` (score {:.2}, {via}): {}", e.id, m.score, first_words(&e.text, 12));
}

/// The expectation `i` of the level in full, with its status in the packet.
fn expectation(linted: &Linted<'_>, report: &PacketReport<'_>, level: &Level, i: usize) -> String {
    let e = &level.expectations[i];
    let mut out = format!("**`{}`** · {} · {}\n\n> {}\n\n", e.id, e.area, level.qualified_id(), e.text);
    if let (Some(analysis), Some(packet)) = (&report.analysis, &report.packet) {
        let cov = &analysis.expectations[i];
        let status = match cov.status {
            Status::Covered => "covered",
            Status::Weak => "weak (claimed, no evidence)",
            Status::Uncovered => "uncovered",
            Status::Waived => "waived",
        };
        let file_lines: Vec<String> = cov
            .claims
            .iter()
            .map(|&c| format!("line {}", linted.file().position(packet.claims[c].range.start).line))
            .collect();
        let _ = write!(out, "In this packet: {status}");
        if !file_lines.is_empty() {
            let _ = write!(out, " by the claim(s) at {}", file_lines.join(", "));
        }
        out.push_str("\n\n");
    }
    for example in &e.examples {
        let _ = writeln!(out, "Evidence could be: {example}\n");
    }
    out
}

/// The first `n` words of a text, with an ellipsis when cut.
pub(super) fn first_words(text: &str, n: usize) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.len() <= n { words.join(" ") } else { format!("{} …", words[..n].join(" ")) }
}
