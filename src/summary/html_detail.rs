//! The per-packet part of `summary --format html`: one `<article>` per
//! packet that shows the report's working. Every expectation of the level is
//! a row with its id, its text (visible on screen and in print, never only
//! in a tooltip), its status coloured as a heat map, the waiver's reason, and
//! the claims that cover it (text, line, each evidence kind and whether it is
//! the claim's own or borrowed) in a `<details>` section that opens without
//! script. Red flags of behaviour, writing smells and claims without
//! evidence follow, each in its own `<details>`.
//!
//! All text goes through maud's `html!`, which escapes it.

use maud::{Markup, html};

use super::html::{pct_class, symbol};
use super::{LevelInfo, PacketCoverage, PacketRow, RedFlagNote, Summary, status_word};
use crate::analysis::Status;
use crate::lint::Kind;

/// The article of packet `n` (0-based) of the summary.
pub(super) fn packet(summary: &Summary, n: usize, row: &PacketRow) -> Markup {
    html! {
        article.packet id=(format!("packet-{}", n + 1)) {
            h3 {
                (row.name())
                @if let Some(p) = row.percent() { " " span class=(pct_class(p)) { (format!("{p:.1}%")) } }
            }
            p.meta {
                code { (row.path) } " · " (row.level_label())
                @if let Some(c) = &row.coverage {
                    " · " (c.counts.covered) " covered, " (c.counts.weak) " weak, "
                    (c.counts.uncovered) " uncovered, " (c.counts.waived) " waived"
                }
                " · behaviour red flags " (row.behaviour_flags) " · writing " (row.writing_flags)
            }
            @match &row.coverage {
                None => p.error { "Not summarised: " (row.error.as_deref().unwrap_or("no level")) },
                Some(c) => {
                    (expectations(&summary.levels[c.level], c))
                    (weak_claims(&summary.levels[c.level], c))
                }
            }
            (findings(row, Kind::Behaviour, "Behaviour red flags", row.behaviour_flags))
            (findings(row, Kind::Writing, "Writing", row.writing_flags))
        }
    }
}

/// Every expectation of the level: a heat map by status, with the claims behind it.
fn expectations(level: &LevelInfo, c: &PacketCoverage) -> Markup {
    html! {
        table.expectations {
            thead { tr { th { "Area" } th { "Expectation" } th { "Status" } th { "Claims that cover it" } } }
            tbody {
                @for (j, e) in level.expectations.iter().enumerate() {
                    @let s = c.statuses[j];
                    @let covering = c.covering.get(j).map_or(&[][..], Vec::as_slice);
                    @let first_of_area = j == 0 || level.expectations[j - 1].area != e.area;
                    tr.first-of-area[first_of_area] {
                        td.area { @if first_of_area { (level.areas[e.area]) } }
                        td.expectation { code { (e.id) } " " span.text { (e.text) } }
                        td class=(format!("status s-{}", status_word(s))) {
                            (symbol(s)) " " (status_word(s))
                        }
                        td.claims {
                            @if s == Status::Waived {
                                @for w in c.waivers.iter().filter(|w| w.expectation == j) {
                                    span.reason { "waived: " (w.reason) }
                                }
                            } @else if covering.is_empty() {
                                span.muted { "none" }
                            } @else {
                                details {
                                    summary {
                                        (covering.len()) @if covering.len() == 1 { " claim" } @else { " claims" }
                                        ", first at line " (c.claims[covering[0]].line)
                                    }
                                    ol.claims { @for &k in covering {
                                        @let claim = &c.claims[k];
                                        li {
                                            span.line { "line " (claim.line) } " · "
                                            @if claim.evidence.is_empty() { span.no-evidence { "no evidence" } }
                                            @for (i, ev) in claim.evidence.iter().enumerate() {
                                                @if i > 0 { ", " }
                                                span class=(format!("ev ev-{}", ev.from)) { (ev.kind) " (" (from_word(ev.from)) ")" }
                                            }
                                            blockquote { (claim.text) }
                                        }
                                    } }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// "own", "borrowed from nested items", "borrowed from a neighbouring paragraph".
fn from_word(from: &str) -> &'static str {
    match from {
        "own" => "own",
        "nested" => "borrowed from nested items",
        _ => "borrowed from a neighbouring paragraph",
    }
}

fn weak_claims(level: &LevelInfo, c: &PacketCoverage) -> Markup {
    html! {
        details.notes {
            summary { "Claims without evidence (" (c.claims_without_evidence) ")" }
            @if c.weak_claims.is_empty() { p.muted { "None." } }
            ul.notes { @for claim in &c.weak_claims {
                li {
                    span.line { "line " (claim.line) } ", claims "
                    @for (k, j) in claim.expectations.iter().enumerate() {
                        @if k > 0 { ", " }
                        code { (level.expectations[*j].id) }
                    }
                    blockquote { (claim.text) }
                }
            } }
            @if c.claims_without_evidence > c.weak_claims.len() {
                p.muted { "… and " (c.claims_without_evidence - c.weak_claims.len()) " more." }
            }
        }
    }
}

/// The quoted findings of one kind, with their count (which includes those not quoted).
fn findings(row: &PacketRow, kind: Kind, title: &str, count: usize) -> Markup {
    let notes: Vec<&RedFlagNote> = row.red_flags.iter().filter(|f| f.kind == kind).collect();
    html! {
        details class=(format!("notes kind-{}", kind.as_str())) {
            summary { (title) " (" (count) ")" }
            @if notes.is_empty() { p.muted { "None." } }
            ul.notes { @for f in &notes {
                li {
                    span.line { "line " (f.line) } " " code { (f.code) } ": " (f.message)
                    blockquote { mark { (f.quote) } @if let Some(claim) = &f.claim { @if *claim != f.quote { br; (claim) } } }
                }
            } }
            @if count > notes.len() {
                p.muted { "… and " (count - notes.len()) " more." }
            }
        }
    }
}
