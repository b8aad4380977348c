//! The human format's checklist of uncovered expectations: one diagnostic
//! per area instead of one nine-line block per expectation, each line an
//! expectation's id, its first words and its closest claim. `--verbose`
//! shows the full blocks; machine formats always keep one diagnostic per
//! expectation.

use crate::check::PacketReport;
use crate::diagnostic::{Diagnostic, Label, Severity};
use crate::lint::Code;
use crate::source::Sources;

/// Words of an expectation's text shown in the checklist.
const FIRST_WORDS: usize = 10;

/// One area's uncovered expectations, as one diagnostic.
pub(super) struct Group {
    /// Indexes into the report's diagnostics that the group replaces.
    pub members: Vec<usize>,
    /// What is shown instead: rendered, clipped and escaped like any other
    /// diagnostic, with [`Group::checklist`] as its first note.
    pub diagnostic: Diagnostic,
    /// One line per uncovered expectation (`[ ] `id`: first words …`),
    /// shown bare (without `note:`) before the help.
    pub checklist: String,
}

/// The groups of a packet's `uncovered-expectation` diagnostics, by area in
/// ladder order. An area with a single uncovered expectation is still a
/// group: the checklist reads the same whatever the count.
pub(super) fn uncovered_by_area(sources: &Sources, report: &PacketReport<'_>) -> Vec<Group> {
    let Some(level) = report.level else { return Vec::new() };
    let file = sources.get(report.file);
    let mut areas: Vec<(&str, Vec<usize>)> = Vec::new();
    for (i, d) in report.diagnostics.iter().enumerate() {
        if d.code != Code::UncoveredExpectation {
            continue;
        }
        let Some(e) = d.subject.as_deref().and_then(|id| level.expectation(id)) else { continue };
        match areas.iter_mut().find(|(a, _)| *a == e.area) {
            Some((_, members)) => members.push(i),
            None => areas.push((&e.area, vec![i])),
        }
    }
    let order = |area: &str| level.expectations.iter().position(|e| e.area == area).unwrap_or(usize::MAX);
    areas.sort_by_key(|(a, _)| order(a));
    areas
        .into_iter()
        .map(|(area, members)| {
            let ds: Vec<_> = members.iter().map(|&i| &report.diagnostics[i]).collect();
            let severity = ds.iter().map(|d| d.severity).max().unwrap_or(Severity::Error);
            let mut checklist = Vec::new();
            for d in &ds {
                let Some(e) = d.subject.as_deref().and_then(|id| level.expectation(id)) else { continue };
                let mut line = format!("[ ] `{}`: {}", e.id, first_words(&e.text));
                if let Some(closest) = d.secondary.iter().find(|l| l.file == report.file) {
                    line.push_str(&format!(
                        " (closest claim: line {})",
                        file.position(closest.range.start).line
                    ));
                }
                checklist.push(line);
            }
            let n = ds.len();
            let message = if n == 1 {
                format!("no claim covers this expectation ({area})")
            } else {
                format!("no claim covers these {n} expectations ({area})")
            };
            let primary = &ds[0].primary;
            let label = Label::new(
                primary.file,
                primary.range.clone(),
                format!("{} expects them", level.qualified_id()),
            );
            let diagnostic = Diagnostic::new(Code::UncoveredExpectation, message, label)
                .with_severity(severity)
                .with_help(
                    "add a claim with evidence for each, or name one with <!-- covers: ID -->; \
                     waive one with <!-- promolint-waive ID: reason -->; `promolint explain ID` says more",
                );
            Group { members, diagnostic, checklist: checklist.join("\n") }
        })
        .collect()
}

/// For each diagnostic, the index of a ladder `red-flag` diagnostic that says
/// the same thing about the same text (a common behaviour red flag such as
/// `overwork` on "worked every weekend" where the ladder warns of "Crunch
/// time"): the human format shows the ladder's, the more specific one, and
/// names the other in a note. Machine formats keep both.
pub(super) fn said_by_a_ladder_red_flag(report: &PacketReport<'_>) -> Vec<Option<usize>> {
    let ds = &report.diagnostics;
    ds.iter()
        .map(|d| {
            if d.code == Code::RedFlag || d.code.kind() != crate::lint::Kind::Behaviour {
                return None;
            }
            ds.iter().position(|o| {
                o.code == Code::RedFlag
                    && o.primary.range.start < d.primary.range.end
                    && d.primary.range.start < o.primary.range.end
            })
        })
        .collect()
}

fn first_words(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.len() <= FIRST_WORDS {
        words.join(" ")
    } else {
        format!("{} …", words[..FIRST_WORDS].join(" "))
    }
}
