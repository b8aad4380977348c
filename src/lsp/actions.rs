//! Code actions and code lenses. Actions only propose edits (the editor
//! applies them; the server never writes a file): "this claim covers `ID`"
//! (a `covers` comment for the claim's closest expectation), "waive `ID`"
//! (a `promolint-waive` comment after the front matter), "suppress `CODE` on
//! this line" (`promolint-disable-line`). A lens above each section's first
//! claim says what the section covers; one on the front matter gives the
//! packet's coverage line, as `check` prints it.

use std::collections::HashMap;
use std::ops::Range;

use lsp_types::{CodeAction, CodeActionKind, CodeLens, Command, TextEdit, Uri, WorkspaceEdit};

use super::document::{Linted, line_end, line_of, position};
use super::hover::first_words;
use crate::analysis::{Status, Via};
use crate::lint::Code;
use crate::report::coverage_line;

/// The actions for the lines of `at` (a byte range the editor selected).
pub(super) fn actions(uri: &Uri, linted: &Linted<'_>, at: Range<usize>) -> Vec<CodeAction> {
    let Some(report) = &linted.report else { return Vec::new() };
    let file = linted.file();
    let lines = line_of(file, at.start).start..line_of(file, at.end).end;
    let mut out = Vec::new();
    let edit = |title: String, offset: usize, text: String, preferred: bool| {
        let pos = position(file, offset);
        let edits = vec![TextEdit { range: lsp_types::Range { start: pos, end: pos }, new_text: text }];
        CodeAction {
            title,
            kind: Some(CodeActionKind::QUICKFIX),
            edit: Some(WorkspaceEdit {
                changes: Some(HashMap::from([(uri.clone(), edits)])),
                ..WorkspaceEdit::default()
            }),
            is_preferred: preferred.then_some(true),
            ..CodeAction::default()
        }
    };
    if let (Some(packet), Some(level), Some(analysis)) = (&report.packet, report.level, &report.analysis) {
        // The innermost claim on the selected lines.
        let claim = packet
            .claims
            .iter()
            .enumerate()
            .rev()
            .find(|(_, c)| c.range.start < lines.end && lines.start < c.range.end);
        if let Some((index, claim)) = claim {
            let named =
                |e: usize| claim.covers.iter().any(|r| r.id.eq_ignore_ascii_case(&level.expectations[e].id));
            let ca = &analysis.claims[index];
            // At most two, best first: an uncovered expectation this claim is
            // closest to; its best expectation below the cutoff; a mapping
            // made without `covers`, to make it explicit.
            let mut closest: Vec<(usize, f32)> = analysis
                .expectations
                .iter()
                .enumerate()
                .filter(|(_, cov)| cov.status == Status::Uncovered)
                .filter_map(|(e, cov)| cov.closest.filter(|(c, _)| *c == index).map(|(_, s)| (e, s)))
                .collect();
            closest.sort_by(|a, b| b.1.total_cmp(&a.1));
            let mut candidates: Vec<usize> = Vec::new();
            let best = [
                closest.first().map(|(e, _)| *e),
                ca.ranked.first().map(|m| m.expectation),
                ca.mappings.iter().find(|m| m.via != Via::Explicit).map(|m| m.expectation),
            ];
            for e in best.into_iter().flatten() {
                if !named(e) && !candidates.contains(&e) {
                    candidates.push(e);
                }
            }
            for (i, e) in candidates.into_iter().take(2).enumerate() {
                let e = &level.expectations[e];
                let title = format!("this claim covers `{}`: {}", e.id, first_words(&e.text, 8));
                out.push(edit(title, claim.range.end, format!(" <!-- covers: {} -->", e.id), i == 0));
            }
        }
        // Waivers for the uncovered expectations reported on these lines.
        let after_front_matter = packet.front_matter.as_ref().map_or(0, |f| {
            let end = line_of(file, f.range.end.saturating_sub(1)).end;
            file.line_starts().iter().copied().find(|&s| s > end).unwrap_or(file.text.len())
        });
        for d in report.diagnostics.iter().filter(|d| d.code == Code::UncoveredExpectation) {
            if !(lines.start <= d.primary.range.start && d.primary.range.start <= lines.end) {
                continue;
            }
            let Some(id) = &d.subject else { continue };
            let text = format!("<!-- promolint-waive {id}: reason -->\n");
            out.push(edit(format!("waive `{id}` (say why in the comment)"), after_front_matter, text, false));
        }
    }
    // Suppressions, for diagnostics that start on these lines outside the
    // front matter (a comment inside YAML would change a value).
    let front_matter = report.packet.as_ref().and_then(|p| p.front_matter.as_ref()).map(|f| f.range.clone());
    let mut codes: Vec<(Code, usize)> = Vec::new();
    for d in &report.diagnostics {
        let x = d.primary.range.start;
        let in_front_matter = front_matter.as_ref().is_some_and(|f| f.contains(&x));
        if d.code.is_configurable()
            && !in_front_matter
            && lines.start <= x
            && x <= lines.end
            && !codes.iter().any(|(c, _)| *c == d.code)
        {
            codes.push((d.code, line_end(file, line_of(file, x).start)));
        }
    }
    for (code, end) in codes {
        let text = format!(" <!-- promolint-disable-line {code} -->");
        out.push(edit(format!("suppress `{code}` on this line"), end, text, false));
    }
    out
}

/// The lenses of the document: the packet's coverage on its front matter,
/// and per section what its claims cover.
pub(super) fn lenses(linted: &Linted<'_>) -> Vec<CodeLens> {
    let Some(report) = &linted.report else { return Vec::new() };
    let (Some(packet), Some(level), Some(analysis)) = (&report.packet, report.level, &report.analysis) else {
        return Vec::new();
    };
    let file = linted.file();
    let lens = |offset: usize, title: String| {
        let start = position(file, line_of(file, offset).start);
        CodeLens {
            range: lsp_types::Range { start, end: start },
            command: Some(Command { title, command: String::new(), arguments: None }),
            data: None,
        }
    };
    let mut out = Vec::new();
    if let Some(line) = coverage_line(report) {
        out.push(lens(packet.front_matter.as_ref().map_or(0, |f| f.range.start), line));
    }
    for section in 0..packet.sections.len() {
        let claims: Vec<usize> =
            (0..packet.claims.len()).filter(|&c| packet.claims[c].section == section).collect();
        let Some(&first) = claims.first() else { continue };
        let mut shown: Vec<usize> = Vec::new();
        for &c in &claims {
            for m in &analysis.claims[c].mappings {
                if !shown.contains(&m.expectation) {
                    shown.push(m.expectation);
                }
            }
        }
        let title = if shown.is_empty() {
            format!("{} claim(s), none maps to an expectation of {}", claims.len(), level.qualified_id())
        } else {
            let (mut covered, mut weak) = (Vec::new(), Vec::new());
            for e in shown {
                let id = level.expectations[e].id.as_str();
                match analysis.expectations[e].status {
                    Status::Covered => covered.push(id),
                    _ => weak.push(id),
                }
            }
            let mut parts = Vec::new();
            if !covered.is_empty() {
                parts.push(format!("covers {}", covered.join(", ")));
            }
            if !weak.is_empty() {
                parts.push(format!("weak {}", weak.join(", ")));
            }
            format!("{} claim(s): {}", claims.len(), parts.join("; "))
        };
        out.push(lens(packet.claims[first].range.start, title));
    }
    out
}
