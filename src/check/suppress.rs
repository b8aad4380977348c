//! Suppressions and waivers in packets, in markdownlint's manner:
//! `promolint-disable` … `promolint-enable`, `promolint-disable-next-line`,
//! `promolint-disable-line`, `promolint-disable-file`, and `promolint-waive ID: reason`. A suppression
//! or waiver that matches nothing is itself reported (`unused-suppression`,
//! like ruff's RUF100).

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use crate::analysis::{Analysis, Status};
use crate::diagnostic::{Diagnostic, Label};
use crate::lint::Code;
use crate::packet::directives::Word;
use crate::packet::{DirectiveKind, Packet};
use crate::rules::Level;
use crate::source::SourceFile;
use crate::suggest::did_you_mean;

/// The codes a suppression names; `None` means every code.
type Codes = Option<Vec<(Code, Word)>>;

struct Suppressor {
    codes: Codes,
    comment: Range<usize>,
    /// Per named code (or one entry for "every code"): whether it suppressed anything.
    used: Vec<bool>,
}

/// A code a suppression names, or `None` for one that names none (every code).
type Key = Option<Code>;

/// Per key, the (suppressor, slot) pairs a suppression marks.
type Slots = HashMap<Key, Vec<(usize, usize)>>;

/// A `promolint-disable` naming a code (or every code): where it starts and
/// which suppressor slot it marks.
struct Disable {
    directive: usize,
    start: usize,
    suppressor: usize,
    slot: usize,
}

/// The suppressions of one packet, indexed so that finding those that cover
/// a diagnostic is a few binary searches, whatever their number: the run is
/// O((diagnostics + directives) · log directives).
#[derive(Default)]
struct Index {
    /// `promolint-disable`s by the code they name, in document order.
    disables: HashMap<Key, Vec<Disable>>,
    /// Per key, marks over `disables` as (start, end) index ranges, applied at the end.
    disabled_marks: HashMap<Key, Vec<(usize, usize)>>,
    /// `promolint-enable`s by the code they name (`None`: every code): (directive index, start).
    enables: HashMap<Key, Vec<(usize, usize)>>,
    /// `promolint-disable-next-line`s: the line they cover, sorted by start, with
    /// their (suppressor, slot) per key; identical lines share one entry.
    lines: Vec<(Range<usize>, Slots)>,
    /// `promolint-disable-file`s, per key.
    file_wide: Slots,
    /// (line group or `usize::MAX` for the file, key) already marked used.
    marked: HashSet<(usize, Key)>,
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
    let mut suppressors: Vec<Suppressor> = Vec::new();
    let mut index = Index::default();
    let mut line_groups: HashMap<(usize, usize), usize> = HashMap::new();
    let at = |r: Range<usize>| Label::new(packet.file, r, "");
    for (i, d) in packet.directives.iter().enumerate() {
        let words = match &d.kind {
            DirectiveKind::Disable(w)
            | DirectiveKind::DisableNextLine(w)
            | DirectiveKind::DisableLine(w)
            | DirectiveKind::DisableFile(w) => w,
            DirectiveKind::Enable(words) => {
                let keys: Vec<Key> = if words.is_empty() {
                    vec![None]
                } else {
                    words.iter().filter_map(|w| w.text.parse::<Code>().ok()).map(Some).collect()
                };
                for key in dedup(keys) {
                    index.enables.entry(key).or_default().push((i, d.range.start));
                }
                continue;
            }
            DirectiveKind::Waive { id, reason } => {
                waiver(&mut added, packet, level, analysis, id, reason.as_deref());
                continue;
            }
            DirectiveKind::Covers(_) => continue,
        };
        let codes = codes(words, &mut added, &at);
        let n = suppressors.len();
        // Each key with the slot of its first mention.
        let keys: Vec<(Key, usize)> = match &codes {
            None => vec![(None, 0)],
            Some(codes) => {
                let mut seen = HashSet::new();
                codes
                    .iter()
                    .enumerate()
                    .filter(|(_, (c, _))| seen.insert(*c))
                    .map(|(s, (c, _))| (Some(*c), s))
                    .collect()
            }
        };
        match &d.kind {
            DirectiveKind::Disable(_) => {
                for (key, slot) in keys {
                    let entry = Disable { directive: i, start: d.range.start, suppressor: n, slot };
                    index.disables.entry(key).or_default().push(entry);
                }
            }
            DirectiveKind::DisableNextLine(_) | DirectiveKind::DisableLine(_) => {
                let region = if matches!(d.kind, DirectiveKind::DisableLine(_)) {
                    lines_of(file, d.range.clone())
                } else {
                    next_line(file, d.range.end)
                };
                let group = *line_groups.entry((region.start, region.end)).or_insert_with(|| {
                    index.lines.push((region, HashMap::new()));
                    index.lines.len() - 1
                });
                for (key, slot) in keys {
                    index.lines[group].1.entry(key).or_default().push((n, slot));
                }
            }
            _ => {
                for (key, slot) in keys {
                    index.file_wide.entry(key).or_default().push((n, slot));
                }
            }
        }
        let used = vec![false; codes.as_ref().map_or(1, Vec::len)];
        suppressors.push(Suppressor { codes, comment: d.range.clone(), used });
    }
    index.lines.sort_by_key(|(r, _)| (r.start, r.end));
    let len = file.text.len();
    let mut kept = Vec::new();
    for d in diagnostics {
        if !(d.code.is_configurable() && index.covers(d.code, d.primary.range.start, len, &mut suppressors)) {
            kept.push(d);
        }
    }
    index.apply_disabled_marks(&mut suppressors);
    for s in &suppressors {
        match &s.codes {
            None if !s.used[0] => {
                added.push(super::messages::unused_suppression(at(s.comment.clone()), None))
            }
            None => {}
            Some(codes) => {
                for ((code, word), used) in codes.iter().zip(&s.used) {
                    if !used {
                        added.push(super::messages::unused_suppression(
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

fn dedup(mut keys: Vec<Key>) -> Vec<Key> {
    let mut seen = HashSet::new();
    keys.retain(|k| seen.insert(*k));
    keys
}

impl Index {
    /// Whether a diagnostic of `code` at byte `x` is suppressed; marks every
    /// suppression that covers it as used.
    fn covers(&mut self, code: Code, x: usize, len: usize, suppressors: &mut [Suppressor]) -> bool {
        let mut suppressed = false;
        // The last `promolint-enable` for this code (or every code) before x ends earlier disables.
        let last_enable = [Some(code), None]
            .iter()
            .filter_map(|k| {
                let list = self.enables.get(k)?;
                let n = list.partition_point(|(_, start)| *start < x);
                n.checked_sub(1).map(|i| list[i].0)
            })
            .max();
        for key in [Some(code), None] {
            let Some(list) = self.disables.get(&key) else { continue };
            let mut lo = last_enable.map_or(0, |e| list.partition_point(|d| d.directive <= e));
            let hi = list.partition_point(|d| d.start <= x);
            if x >= len {
                // A region that ends at the end of the text holds x only when empty.
                lo = lo.max(list.partition_point(|d| d.start < x));
            }
            if lo < hi {
                suppressed = true;
                self.disabled_marks.entry(key).or_default().push((lo, hi));
            }
        }
        let group = self.lines.partition_point(|(r, _)| r.start <= x).checked_sub(1);
        if let Some(g) = group {
            let (region, by_key) = &self.lines[g];
            if region.contains(&x) || region.is_empty() && region.start == x {
                for key in [Some(code), None] {
                    let Some(entries) = by_key.get(&key) else { continue };
                    suppressed = true;
                    if self.marked.insert((g, key)) {
                        entries.iter().for_each(|&(s, slot)| suppressors[s].used[slot] = true);
                    }
                }
            }
        }
        for key in [Some(code), None] {
            let Some(entries) = self.file_wide.get(&key) else { continue };
            suppressed = true;
            if self.marked.insert((usize::MAX, key)) {
                entries.iter().for_each(|&(s, slot)| suppressors[s].used[slot] = true);
            }
        }
        suppressed
    }

    /// Marks the `promolint-disable`s that suppressed something, in one sweep per key.
    fn apply_disabled_marks(&self, suppressors: &mut [Suppressor]) {
        for (key, marks) in &self.disabled_marks {
            let list = &self.disables[key];
            let mut delta = vec![0i64; list.len() + 1];
            for &(lo, hi) in marks {
                delta[lo] += 1;
                delta[hi] -= 1;
            }
            let mut depth = 0;
            for (d, change) in list.iter().zip(&delta) {
                depth += change;
                if depth > 0 {
                    suppressors[d.suppressor].used[d.slot] = true;
                }
            }
        }
    }
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
                added.push(super::messages::unknown_code_in_suppression(
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
        added.push(super::messages::waiver_without_reason(label, &id.text));
        return;
    }
    let (Some(level), Some(analysis)) = (level, analysis) else { return };
    let Some(index) = level.expectations.iter().position(|e| e.id.eq_ignore_ascii_case(&id.text)) else {
        return; // reported as unknown-expectation
    };
    match analysis.expectations[index].status {
        Status::Covered => added.push(super::messages::unneeded_waiver(label, &id.text, "covered")),
        Status::Weak => added.push(super::messages::unneeded_waiver(label, &id.text, "weak")),
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
