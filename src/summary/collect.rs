//! Building a [`Summary`] from linted packets, one batch of files at a time.
//!
//! The files go through `check`'s own driver ([`crate::check::check_each`]):
//! the same discovery, `exclude`s, reading and linting, the same skipped
//! files (walked Markdown without promolint front matter). Each report is
//! boiled down to a [`PacketRow`] (counts, per-area numbers, a few truncated
//! quotes) and dropped with its batch's texts, so memory holds one batch plus
//! the rows, whatever the corpus' size.

use std::collections::HashMap;
use std::path::PathBuf;

use super::{
    ClaimNote, CoveringClaim, Detail, EvidenceNote, ExpectationInfo, LevelInfo, MAX_COVERING, MAX_NOTES,
    MAX_QUOTE_CHARS, PacketCoverage, PacketRow, RedFlagNote, Summary, Waiver, truncate,
};
use crate::analysis::{Analysis, CoverageCounts, Status};
use crate::check::{self, CheckOptions, PacketReport};
use crate::diagnostic::{Label, Severity};
use crate::lint;
use crate::packet::Packet;
use crate::rules::{Level, RuleSet};
use crate::source::{SourceFile, Sources};

/// Lints every packet under `paths` and summarises each, keeping quotes only
/// with [`Detail::Quotes`]; rows are in input order (unsorted). `sources`
/// holds the rule files `rules` were loaded from; each batch's packets are
/// added to it while the batch is summarised and removed after.
pub fn summarize(
    paths: &[PathBuf],
    rules: &RuleSet,
    options: &CheckOptions,
    sources: &mut Sources,
    detail: Detail,
) -> Summary {
    let mut builder = Builder::default();
    let done = check::check_each(paths, rules, options, sources, |sources, result| {
        match result {
            Ok(report) => {
                let (row, level) = row(&report, sources.get(report.file), detail);
                builder.add(row, level);
            }
            Err(skipped) => builder.summary.skipped.push(skipped),
        }
        Ok::<(), std::convert::Infallible>(())
    });
    match done {
        Ok(()) => builder.summary,
        Err(never) => match never {},
    }
}

#[derive(Default)]
struct Builder {
    summary: Summary,
    /// Lowercased `ladder/level` → index into `summary.levels`.
    level_index: HashMap<String, usize>,
}

impl Builder {
    fn add(&mut self, mut row: PacketRow, level: Option<&Level>) {
        if let (Some(level), Some(c)) = (level, &mut row.coverage) {
            c.level = self.level(level);
        }
        self.summary.packets.push(row);
    }

    /// The index of `level` in the summary's levels, adding it on first sight.
    fn level(&mut self, level: &Level) -> usize {
        let key = level.qualified_id().to_lowercase();
        if let Some(&i) = self.level_index.get(&key) {
            return i;
        }
        let mut areas: Vec<String> = Vec::new();
        let expectations = level
            .expectations
            .iter()
            .map(|e| {
                let area = areas.iter().position(|a| *a == e.area).unwrap_or_else(|| {
                    areas.push(e.area.clone());
                    areas.len() - 1
                });
                ExpectationInfo { id: e.id.clone(), area, text: e.text.clone() }
            })
            .collect();
        self.summary.levels.push(LevelInfo {
            ladder: level.ladder.clone(),
            id: level.id.clone(),
            title: level.title.clone(),
            areas,
            expectations,
        });
        self.level_index.insert(key, self.summary.levels.len() - 1);
        self.summary.levels.len() - 1
    }
}

/// One packet's row, and its level (whose index the builder fills in).
fn row<'r>(report: &PacketReport<'r>, file: &SourceFile, detail: Detail) -> (PacketRow, Option<&'r Level>) {
    let max_notes = if detail == Detail::Quotes { MAX_NOTES } else { 0 };
    let packet = report.packet.as_ref();
    let fm = packet.and_then(|p| p.front_matter.as_ref());
    let front = |pick: fn(&crate::packet::FrontMatter) -> Option<&crate::packet::Value>| {
        fm.and_then(pick).map(|v| v.text.clone())
    };
    let mut row = PacketRow {
        path: file.name.clone(),
        candidate: front(|f| f.candidate.as_ref()),
        ladder: report.level.map(|l| l.ladder.clone()).or_else(|| front(|f| f.ladder.as_ref())),
        level: report.level.map(|l| l.id.clone()).or_else(|| front(|f| f.target.as_ref())),
        aliases: fm.map(|f| f.aliases.clone()).unwrap_or_default(),
        pseudonym: None,
        coverage: None,
        error: None,
        behaviour_flags: 0,
        writing_flags: 0,
        red_flags: Vec::new(),
    };
    match (report.level, &report.analysis, packet) {
        (Some(level), Some(analysis), Some(packet)) => {
            row.coverage = Some(coverage(level, analysis, packet, file, max_notes))
        }
        _ => row.error = Some(error_note(report)),
    }
    for d in report.diagnostics.iter().filter(|d| d.code.kind().is_red_flag()) {
        match d.code.kind() {
            lint::Kind::Behaviour => row.behaviour_flags += 1,
            _ => row.writing_flags += 1,
        }
        if row.red_flags.len() < max_notes && d.primary.file == report.file {
            let range = d.primary.range.clone();
            let claim = packet.and_then(|p| p.claims.iter().find(|c| c.range.contains(&range.start)));
            row.red_flags.push(RedFlagNote {
                code: d.code.name().to_owned(),
                kind: d.code.kind(),
                flag: d.subject.clone(),
                message: d.message.clone(),
                line: file.position(range.start).line,
                quote: truncate(file.text.get(range).unwrap_or_default().trim(), MAX_QUOTE_CHARS),
                claim: claim.map(|c| truncate(&c.text, MAX_QUOTE_CHARS)),
            });
        }
    }
    (row, report.level.filter(|_| report.analysis.is_some()))
}

/// Coverage of a packet; `level` (the index) is filled in by the builder.
fn coverage(
    level: &Level,
    analysis: &Analysis,
    packet: &Packet,
    file: &SourceFile,
    max_notes: usize,
) -> PacketCoverage {
    let mut area_names: Vec<&str> = Vec::new();
    let mut areas: Vec<CoverageCounts> = Vec::new();
    let mut waivers = Vec::new();
    for (i, (e, cov)) in level.expectations.iter().zip(&analysis.expectations).enumerate() {
        let a = area_names.iter().position(|a| *a == e.area).unwrap_or_else(|| {
            area_names.push(&e.area);
            areas.push(CoverageCounts::default());
            areas.len() - 1
        });
        let c = &mut areas[a];
        c.total += 1;
        match cov.status {
            Status::Covered => c.covered += 1,
            Status::Weak => c.weak += 1,
            Status::Uncovered => c.uncovered += 1,
            Status::Waived => c.waived += 1,
        }
        if let Some(reason) = cov.waiver.as_ref().filter(|_| max_notes > 0) {
            waivers.push(Waiver { expectation: i, reason: truncate(reason, MAX_QUOTE_CHARS) });
        }
    }
    let mut claims_without_evidence = 0;
    let mut weak_claims = Vec::new();
    for (claim, ca) in packet.claims.iter().zip(&analysis.claims) {
        if ca.mappings.is_empty() || !ca.evidence_in_scope.is_empty() {
            continue;
        }
        claims_without_evidence += 1;
        if weak_claims.len() < max_notes {
            weak_claims.push(ClaimNote {
                line: file.position(claim.range.start).line,
                text: truncate(&claim.text, MAX_QUOTE_CHARS),
                expectations: ca.mappings.iter().map(|m| m.expectation).collect(),
            });
        }
    }
    let at_scope = level.scope.as_ref().map(|s| {
        let mapped = analysis.claims.iter().filter(|c| !c.mappings.is_empty());
        let (claims, at_or_above) = mapped
            .fold((0, 0), |(n, k), c| (n + 1, k + usize::from(c.scope.value.is_some_and(|v| v >= s.value))));
        super::ScopeShare { scope: s.value, at_or_above, claims }
    });
    let (claims, covering) = if max_notes > 0 {
        covering_claims(analysis, packet, file)
    } else {
        (Vec::new(), vec![Vec::new(); analysis.expectations.len()])
    };
    PacketCoverage {
        claims,
        covering,
        at_scope,
        level: 0,
        counts: analysis.counts(),
        statuses: analysis.expectations.iter().map(|e| e.status).collect(),
        areas,
        claims_without_evidence,
        weak_claims,
        waivers,
    }
}

/// The claims covering each expectation (the first [`MAX_COVERING`] of
/// each), with their evidence and where it comes from.
fn covering_claims(
    analysis: &Analysis,
    packet: &Packet,
    file: &SourceFile,
) -> (Vec<CoveringClaim>, Vec<Vec<usize>>) {
    let mut index: HashMap<usize, usize> = HashMap::new();
    let mut claims = Vec::new();
    let mut covering = Vec::with_capacity(analysis.expectations.len());
    for cov in &analysis.expectations {
        let mut mine = Vec::new();
        for &c in cov.claims.iter().take(MAX_COVERING) {
            let at = *index.entry(c).or_insert_with(|| {
                let ca = &analysis.claims[c];
                let evidence = ca
                    .evidence_in_scope
                    .kinds()
                    .map(|k| EvidenceNote {
                        kind: k.as_str(),
                        from: if ca.evidence.contains(k) {
                            "own"
                        } else if ca.evidence_nested.contains(k) {
                            "nested"
                        } else {
                            "section"
                        },
                    })
                    .collect();
                let claim = &packet.claims[c];
                claims.push(CoveringClaim {
                    line: file.position(claim.range.start).line,
                    text: truncate(&claim.text, MAX_QUOTE_CHARS),
                    evidence,
                });
                claims.len() - 1
            });
            mine.push(at);
        }
        covering.push(mine);
    }
    (claims, covering)
}

/// Why a packet has no level: why it could not be read, its first error
/// (with a "did you mean"), or its first diagnostic.
fn error_note(report: &PacketReport<'_>) -> String {
    if let Some(reason) = &report.unreadable {
        // Whatever the level of `unreadable-file`: the row says why it is empty.
        return crate::check::messages::unreadable_file(Label::new(report.file, 0..0, ""), reason).message;
    }
    let first = report
        .diagnostics
        .iter()
        .find(|d| d.severity == Severity::Error)
        .or_else(|| report.diagnostics.first());
    match first {
        Some(d) => match d.help.as_deref() {
            Some(help) if help.starts_with("did you mean") => format!("{} ({help})", d.message),
            _ => d.message.clone(),
        },
        None => "no level to check it against".to_owned(),
    }
}
