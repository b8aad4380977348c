//! Suppressions and waivers in packets, in markdownlint's manner:
//! `promolint-disable` … `promolint-enable`, `promolint-disable-next-line`,
//! `promolint-disable-line`, `promolint-disable-file`, and `promolint-waive ID: reason`. A suppression
//! or waiver that matches nothing is itself reported (`unused-suppression`,
//! like ruff's RUF100).

use std::ops::Range;

use crate::analysis::{Analysis, Status};
use crate::diagnostic::{Diagnostic, Label};
use crate::lint::{self, Code};
use crate::packet::directives::Word;
use crate::packet::{DirectiveKind, Packet};
use crate::rules::{Level, did_you_mean};
use crate::source::SourceFile;

/// The codes a suppression names; `None` means every code.
type Codes = Option<Vec<(Code, Word)>>;

struct Suppressor {
    /// Byte range of the packet it applies to.
    region: Range<usize>,
    /// Where an enable ends a `disable` region: the directive index it starts at.
    from_directive: Option<usize>,
    codes: Codes,
    comment: Range<usize>,
    /// Per named code (or one entry for "every code"): whether it suppressed anything.
    used: Vec<bool>,
}

/// Drops the diagnostics that suppressions cover, and adds findings about
/// the suppressions and waivers themselves (unused, unknown code, waiver
/// without a reason). The added findings are not yet levelled.
pub(super) fn apply(
    diagnostics: Vec<Diagnostic>,
    packet: &Packet,
    file: &SourceFile,
    level: Option<&Level>,
    analysis: Option<&Analysis>,
) -> (Vec<Diagnostic>, Vec<Diagnostic>) {
    let mut added = Vec::new();
    let mut suppressors = Vec::new();
    let at = |r: Range<usize>| Label::new(packet.file, r, "");
    for (i, d) in packet.directives.iter().enumerate() {
        let (words, region, from) = match &d.kind {
            DirectiveKind::Disable(w) => (w, d.range.start..file.text.len(), Some(i)),
            DirectiveKind::DisableNextLine(w) => (w, next_line(file, d.range.end), None),
            DirectiveKind::DisableLine(w) => (w, lines_of(file, d.range.clone()), None),
            DirectiveKind::DisableFile(w) => (w, 0..file.text.len(), None),
            DirectiveKind::Waive { id, reason } => {
                waiver(&mut added, packet, level, analysis, id, reason.as_deref());
                continue;
            }
            _ => continue,
        };
        let codes = codes(words, &mut added, &at);
        let used = vec![false; codes.as_ref().map_or(1, Vec::len)];
        suppressors.push(Suppressor { region, from_directive: from, codes, comment: d.range.clone(), used });
    }
    let mut kept = Vec::new();
    for d in diagnostics {
        let mut suppressed = false;
        if d.code.is_configurable() {
            let x = d.primary.range.start;
            for s in &mut suppressors {
                if !(s.region.contains(&x) || s.region.is_empty() && s.region.start == x) {
                    continue;
                }
                let slot = match &s.codes {
                    None => Some(0),
                    Some(codes) => codes.iter().position(|(c, _)| *c == d.code),
                };
                let Some(slot) = slot else { continue };
                if let Some(start) = s.from_directive
                    && enabled_between(packet, start, x, d.code)
                {
                    continue;
                }
                s.used[slot] = true;
                suppressed = true;
            }
        }
        if !suppressed {
            kept.push(d);
        }
    }
    for s in &suppressors {
        match &s.codes {
            None if !s.used[0] => added.push(lint::packet::unused_suppression(at(s.comment.clone()), None)),
            None => {}
            Some(codes) => {
                for ((code, word), used) in codes.iter().zip(&s.used) {
                    if !used {
                        added.push(lint::packet::unused_suppression(
                            at(word.range.clone()),
                            Some(code.name()),
                        ));
                    }
                }
            }
        }
    }
    (kept, added)
}

/// Whether a `promolint-enable` for `code` comes after directive `start` and before byte `x`.
fn enabled_between(packet: &Packet, start: usize, x: usize, code: Code) -> bool {
    packet.directives[start + 1..].iter().take_while(|d| d.range.start < x).any(|d| match &d.kind {
        DirectiveKind::Enable(words) => {
            words.is_empty() || words.iter().any(|w| w.text.parse::<Code>().is_ok_and(|c| c == code))
        }
        _ => false,
    })
}

fn codes(words: &[Word], added: &mut Vec<Diagnostic>, at: &dyn Fn(Range<usize>) -> Label) -> Codes {
    if words.is_empty() {
        return None;
    }
    let mut codes = Vec::new();
    for w in words {
        match w.text.parse::<Code>() {
            Ok(code) if code.is_configurable() => codes.push((code, w.clone())),
            _ => {
                let names = Code::ALL.iter().filter(|c| c.is_configurable()).map(|c| c.name());
                let suggestion = did_you_mean(&w.text, names);
                added.push(lint::packet::unknown_code_in_suppression(
                    at(w.range.clone()),
                    &w.text,
                    suggestion,
                ));
            }
        }
    }
    Some(codes)
}

fn waiver(
    added: &mut Vec<Diagnostic>,
    packet: &Packet,
    level: Option<&Level>,
    analysis: Option<&Analysis>,
    id: &Word,
    reason: Option<&str>,
) {
    let label = Label::new(packet.file, id.range.clone(), "");
    if reason.is_none() {
        added.push(lint::packet::waiver_without_reason(label, &id.text));
        return;
    }
    let (Some(level), Some(analysis)) = (level, analysis) else { return };
    let Some(index) = level.expectations.iter().position(|e| e.id.eq_ignore_ascii_case(&id.text)) else {
        return; // reported as unknown-expectation
    };
    match analysis.expectations[index].status {
        Status::Covered => added.push(lint::packet::unneeded_waiver(label, &id.text, "covered")),
        Status::Weak => added.push(lint::packet::unneeded_waiver(label, &id.text, "weak")),
        Status::Uncovered | Status::Waived => {}
    }
}

/// The byte range of the line after the one holding byte `offset`.
fn next_line(file: &SourceFile, offset: usize) -> Range<usize> {
    let line = file.position(offset.saturating_sub(1)).line; // 1-based line of the comment's end
    let starts = file.line_starts();
    let start = starts.get(line).copied().unwrap_or(file.text.len());
    let end = starts.get(line + 1).copied().unwrap_or(file.text.len());
    start..end
}

/// The byte range of the whole lines that `range` (a comment) touches.
fn lines_of(file: &SourceFile, range: Range<usize>) -> Range<usize> {
    let starts = file.line_starts();
    let first = file.position(range.start).line; // 1-based
    let last = file.position(range.end.saturating_sub(1).max(range.start)).line;
    let start = starts.get(first - 1).copied().unwrap_or(0);
    let end = starts.get(last).copied().unwrap_or(file.text.len());
    start..end
}
