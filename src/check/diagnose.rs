//! From an analysis to diagnostics: which findings a packet gets, and the
//! lint levels applied to them. Wording is [`super::messages`]'s.

use crate::analysis::scope::ScopeFrom;
use crate::analysis::{Analysis, FlagSource, Status, matcher};
use crate::diagnostic::{Diagnostic, Label, Severity};
use crate::lint::{Code, LintLevels};
use crate::packet::{DirectiveKind, Packet};
use crate::rules::{Level, RuleSet, delta};
use crate::source::SourceFile;
use crate::suggest::did_you_mean;

use super::suppress;

/// How many steps of the scope scale the widest covering claim must be
/// below the scope a level asks for `scope-below-level` to fire, unless
/// `scope-gap` in promolint.yaml says otherwise. On the 48
/// development documents of `fixtures/scope-labels/`, a lint on a one-step
/// gap (one team's work where cross-team reach is asked) was right 90 of
/// 143 times (0.63), on two steps or more 170 of 215 (0.79), higher on
/// each of the six batches; see `docs/mapping.md`, "Session 15, scope".
pub const SCOPE_GAP: usize = 2;

/// A diagnostic with the severity its rule file gave the item concerned.
pub(super) type Finding = (Diagnostic, Option<Severity>);

/// The findings of an analysed packet, before lint levels.
pub(super) fn diagnose(
    packet: &Packet,
    level: &Level,
    analysis: &Analysis,
    rules: &RuleSet,
    options: &super::CheckOptions,
) -> Vec<Finding> {
    let min_coverage = options.min_coverage;
    let scope_gap = options.scope_gap.unwrap_or(SCOPE_GAP);
    let current = current_level(packet, level, rules);
    let file = packet.file;
    let mut out: Vec<Finding> = Vec::new();
    let ids = || level.expectations.iter().map(|e| e.id.as_str());
    // Ids named in comments must exist.
    let named = packet.claims.iter().flat_map(|c| c.covers.iter().map(|r| (r.id.as_str(), r.range.clone())));
    let waived = packet.directives.iter().filter_map(|d| match &d.kind {
        DirectiveKind::Waive { id, .. } => Some((id.text.as_str(), id.range.clone())),
        _ => None,
    });
    for (id, range) in named.chain(waived) {
        if level.expectation(id).is_none() {
            let at = Label::new(file, range, "unknown expectation");
            out.push((super::messages::unknown_expectation(at, id, level, did_you_mean(id, ids())), None));
        }
    }
    // Uncovered expectations point at the packet's target.
    let target_at = packet
        .front_matter
        .as_ref()
        .and_then(|f| f.target.as_ref().map(|t| t.range.clone()).or(Some(f.range.start..f.range.start + 3)))
        .unwrap_or(0..0);
    for (e, cov) in level.expectations.iter().zip(&analysis.expectations) {
        let at_current = current.filter(|c| delta::already_at(c, e));
        if at_current.is_some() && options.new_only {
            continue;
        }
        match (cov.status, &cov.waiver) {
            (Status::Uncovered, _) => {
                let at = Label::new(file, target_at.clone(), "");
                let closest = cov
                    .closest
                    .map(|(c, score)| (Label::new(file, packet.claims[c].range.clone(), ""), score));
                let mut d = super::messages::uncovered_expectation(at, e, closest);
                if let Some(c) = at_current {
                    d = d.with_note(super::messages::at_current_note(c));
                }
                out.push((d, e.severity));
            }
            (Status::Covered | Status::Weak, _) => {
                if let (Some(asked), Some(best), true) = (level.scope_of(e), cov.best_scope, cov.scopes_known)
                    && best.steps_below(asked) >= scope_gap
                {
                    // Each covering claim, at the words that decided its scope when they are
                    // in it; first the one whose scope is the best, which the message names.
                    let mut claims = cov.claims.clone();
                    claims.sort_by_key(|&c| analysis.claims[c].scope.value != Some(best));
                    let mut labels = claims.iter().map(|&c| {
                        let scope = &analysis.claims[c].scope;
                        let own_words = matches!(scope.from, Some(ScopeFrom::Claim | ScopeFrom::OwnWork));
                        let range = scope.range.clone().filter(|_| own_words);
                        Label::new(file, range.unwrap_or_else(|| packet.claims[c].range.clone()), "")
                    });
                    let Some(first) = labels.next() else { continue };
                    let words =
                        level.scope.as_ref().filter(|s| s.value == asked).map_or(&[][..], |s| &s.words[..]);
                    let d = super::messages::scope_below_level(
                        first,
                        labels.collect(),
                        e,
                        best,
                        asked,
                        words,
                        level,
                    );
                    out.push((d, None));
                }
            }
            (Status::Waived, Some(reason)) => {
                let at = packet
                    .directives
                    .iter()
                    .find_map(|d| match &d.kind {
                        DirectiveKind::Waive { id, .. } if id.text.eq_ignore_ascii_case(&e.id) => {
                            Some(id.range.clone())
                        }
                        _ => None,
                    })
                    .unwrap_or_else(|| target_at.clone());
                let d = super::messages::waived_expectation(Label::new(file, at, ""), e, reason);
                out.push((d, None));
            }
            _ => {}
        }
    }
    for (claim, ca) in packet.claims.iter().zip(&analysis.claims) {
        let at = Label::new(file, claim.range.clone(), "");
        if ca.mappings.is_empty() {
            out.push((super::messages::unmapped_claim(at), None));
        } else if ca.evidence_in_scope.is_empty() {
            let expectations: Vec<_> =
                ca.mappings.iter().map(|m| &level.expectations[m.expectation]).collect();
            out.push((super::messages::claim_without_evidence(at, &expectations), None));
        }
    }
    for hit in &analysis.red_flags {
        let flag = matcher::flag(hit.flag, level, &rules.common_red_flags);
        let at = Label::new(file, hit.range.clone(), "");
        let mut d = match hit.flag {
            FlagSource::Ladder(_) => super::messages::red_flag(at, flag, level),
            FlagSource::Common(i) => {
                super::messages::common_red_flag(rules.common_red_flags[i].code, at, flag)
            }
        };
        if let Some(p) = hit.meaning {
            d = d.with_note(super::messages::by_meaning_note(p));
        }
        out.push((d, flag.severity));
    }
    if let Some(min) = min_coverage {
        let percent = analysis.counts().percent();
        if percent < min {
            let at = Label::new(file, target_at.clone(), "");
            out.push((super::messages::coverage_below_minimum(at, percent, min), None));
        }
    }
    out
}

/// The packet's `current` level, when it names another level of the target's ladder.
pub(super) fn current_level<'r>(packet: &Packet, level: &Level, rules: &'r RuleSet) -> Option<&'r Level> {
    let name = packet.front_matter.as_ref()?.current.as_ref()?;
    let current = rules.ladder(&level.ladder)?.level(&name.text)?;
    (!current.id.eq_ignore_ascii_case(&level.id)).then_some(current)
}

/// Applies lint levels (and item severities) and suppressions, and sorts
/// into document order.
pub(super) fn finish(
    findings: Vec<Finding>,
    levels: &LintLevels,
    packet: &Packet,
    file: &SourceFile,
    level: Option<&Level>,
    analysis: Option<&Analysis>,
) -> Vec<Diagnostic> {
    let apply = |(d, item): Finding| {
        let severity = levels.severity(d.code, item)?;
        Some(d.with_severity(severity))
    };
    let levelled: Vec<Diagnostic> = findings.into_iter().filter_map(apply).collect();
    let (mut out, added) = suppress::apply(levelled, packet, file, level, analysis);
    out.extend(added.into_iter().map(|d| (d, None)).filter_map(apply));
    out.sort_by(|a, b| {
        (a.primary.range.start, a.primary.range.end, order(a.code)).cmp(&(
            b.primary.range.start,
            b.primary.range.end,
            order(b.code),
        ))
    });
    out
}

fn order(code: Code) -> usize {
    Code::ALL.iter().position(|c| *c == code).unwrap_or(usize::MAX)
}
