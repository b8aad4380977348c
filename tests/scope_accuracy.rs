//! How well promolint reads claim scope, against two readers.
//!
//! Data: `fixtures/scope-labels/reader-a/` and `reader-b/`, one file per
//! document of `fixtures/corpus/A-filled/` (58 real documents by outside
//! authors: 12 of the design set, 7 held out in session 4, 7 in session 5,
//! 8 in session 6, 7 in session 8, 7 in session 10, 7 in session 14, 3 in
//! session 15), `labels: {line: scope}` for every claim listed in
//! `fixtures/scope-labels/claims.md`, each value one of `own`, `team`,
//! `cross-team`, `organisation`, `company` or `unknown`. The two readers were
//! briefed separately with `fixtures/scope-labels/GUIDE.md` and did not see
//! each other's labels or promolint's output. The scope words
//! (`rules/scope.yaml`) and the levels' `scope:` were written and committed
//! before any label was read; nothing is fitted on the labels (no weight,
//! ranked cue or cutoff), so there is nothing to leave out per document.
//!
//! ALL 26 DOCUMENTS ARE DEVELOPMENT DATA NOW. The words and the reading
//! rules were revised by hand after reading promolint's errors: on the 12
//! design documents (issue 15), on those and the session-4 batch (session
//! 5), and on all 26 (session 6: claims that tell no work, a question, an
//! opinion, advice to the reader, thanks, are `unknown` whatever their words;
//! `scope-below-level` fires only on scopes read from words; `community` and
//! industry bodies as company; learning words as own-work). Every figure
//! below is contaminated by those revisions; each is printed beside the
//! figure of main before session 6 (f0584ac) on the same rows, and a fresh
//! held-out set (new documents, new readers) scores the method blind. The
//! session-8 batch did: labelled in session 8, it was scored once in session
//! 9, after that session's packet default was written down
//! (`docs/mapping.md`, "Session 9") and with the method before it beside;
//! it is development data from then on. The session-10 batch, likewise, was
//! scored once in session 13 (`docs/mapping.md`, "Session 13"), and the
//! session-14 and -15 batches together in session 15 ("Session 15, scope").
//!
//! Each document is read as a packet by prepending promolint front matter (4
//! lines) to it unchanged, so a label's line is the claim's first line minus 4.
//!
//! Printed (`cargo test --release --test scope_accuracy -- --nocapture`;
//! `SCOPE_ERRORS=1` lists the disagreements, `=all` every agreed line, `=tsv`
//! every claim and every possible lint as tab-separated rows for study):
//!
//! - **κ**: Cohen's kappa between the readers over every line both labelled,
//!   six classes (the five scale values and `unknown`).
//! - **claim-scope accuracy**: on the lines where the readers agree, the share
//!   where promolint's scope equals theirs (`unknown` is a class like the
//!   others). Also: the same on agreed lines whose label is not `unknown`.
//! - **`scope-below-level` precision and recall**: every document is checked
//!   against each of the five built-in levels. A fired lint is *scored* when
//!   every claim that covers its expectation has an agreed label; it is
//!   *correct* when each of those labels is a scale value (not `unknown`)
//!   below the scope the expectation asks. Precision = correct / scored.
//!   Recall: of the covered or weak expectations whose covering claims all
//!   have agreed labels that are scale values below the scope asked, the share
//!   on which the lint fired. The same precision with each reader's own labels
//!   as the truth (lints whose covering claims that reader labelled) is
//!   printed beside it.

#![allow(clippy::disallowed_macros, clippy::print_stdout)] // this test reports figures

#[path = "support/held_out.rs"]
mod held_out;
#[path = "support/scope_labels.rs"]
mod scope_labels;

use std::collections::BTreeMap;
use std::path::PathBuf;

use promolint::rules::RuleSet;
use promolint::rules::scope::ScopeValue;
use promolint::source::Sources;
use scope_labels::{Labels, Scope, check, kappa, name, read_labels};

/// What one batch of documents shows, printed with the confusion table, the
/// lint figures per level and, beside today's, the batch's `before`.
fn figures(batch: &Batch, (a, b): (&Labels, &Labels), rules: &RuleSet) -> Figures {
    let set = batch.name;
    let keep = |d: &str| batch.documents.keep(d);
    let levels: Vec<(String, String)> = rules.levels().map(|l| (l.ladder.clone(), l.id.clone())).collect();
    let mut pairs = Vec::new();
    let (mut agreed, mut right, mut agreed_known, mut right_known, mut unmatched) = (0, 0, 0, 0, 0);
    let mut confusion: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    // Lint figures: (scored, correct) by consensus, reader a, reader b; recall.
    let (mut scored, mut correct, mut truly_below, mut found) = (0, 0, 0, 0);
    let mut unscored = 0;
    let mut per_reader = [(0, 0); 2];
    let mut per_level: BTreeMap<String, (usize, usize, usize)> = BTreeMap::new();
    for (doc, la) in a.iter().filter(|(d, _)| keep(d)) {
        let lb = &b[doc];
        let consensus: BTreeMap<usize, Scope> =
            la.iter().filter(|(l, v)| lb.get(l) == Some(v)).map(|(l, v)| (*l, *v)).collect();
        for (l, x) in la {
            if let Some(y) = lb.get(l) {
                pairs.push((*x, *y));
            }
        }
        for (ladder, level) in &levels {
            let checked = check(rules, doc, ladder, level);
            if (ladder, level) == (&levels[0].0, &levels[0].1) {
                let predicted: BTreeMap<usize, Scope> = checked.claims.iter().copied().collect();
                // SCOPE_ERRORS=1 lists the disagreements; =all every agreed line.
                let listing = std::env::var("SCOPE_ERRORS").unwrap_or_default();
                if listing == "tsv" {
                    for (((l, p), (text, words)), (from, heading, parent, kind)) in
                        checked.claims.iter().zip(&checked.texts).zip(&checked.context)
                    {
                        let label = |m: &BTreeMap<usize, Scope>| m.get(l).map_or("-", |s| name(*s));
                        let clean = |s: &str| s.replace(['\t', '\n'], " ");
                        println!(
                            "TSV\t{set}\t{doc}\t{l}\t{}\t{}\t{}\t{from}\t{}\t{}\t{kind}\t{}\t{}",
                            label(la),
                            label(lb),
                            name(*p),
                            clean(words),
                            parent.map_or("-".to_owned(), |p| p.to_string()),
                            clean(heading),
                            clean(text)
                        );
                    }
                }
                if listing == "1" || listing == "all" {
                    for ((l, p), (text, words)) in checked.claims.iter().zip(&checked.texts) {
                        match consensus.get(l) {
                            Some(truth) if truth != p || listing == "all" => {
                                let text: String = text.chars().take(160).collect();
                                let mark = if truth == p { "ok" } else { "  " };
                                println!(
                                    "{mark} {doc}:{l}: readers {} promolint {} ({words:?}): {text}",
                                    name(*truth),
                                    name(*p)
                                );
                            }
                            _ => {}
                        }
                    }
                }
                for (l, truth) in &consensus {
                    let Some(p) = predicted.get(l) else {
                        unmatched += 1;
                        continue;
                    };
                    agreed += 1;
                    right += usize::from(p == truth);
                    if truth.is_some() {
                        agreed_known += 1;
                        right_known += usize::from(p == truth);
                    }
                    *confusion.entry((name(*truth), name(*p))).or_default() += 1;
                }
            }
            let below =
                |labels: &BTreeMap<usize, Scope>, asked: ScopeValue, lines: &[usize]| -> Option<bool> {
                    let mut all = true;
                    for l in lines {
                        let s = labels.get(l)?;
                        all &= s.is_some_and(|s| s < asked);
                    }
                    Some(all)
                };
            let entry = per_level.entry(format!("{ladder}/{level}")).or_default();
            for (asked, lines, fired) in &checked.expectations {
                let truth = below(&consensus, *asked, lines);
                if std::env::var("SCOPE_ERRORS").is_ok_and(|v| v == "tsv") {
                    let predicted: BTreeMap<usize, Scope> = checked.claims.iter().copied().collect();
                    let claims: Vec<String> = lines
                        .iter()
                        .map(|l| {
                            let label = consensus.get(l).map_or("-", |s| name(*s));
                            format!("{l}:{label}/{}", predicted.get(l).map_or("-", |s| name(*s)))
                        })
                        .collect();
                    println!(
                        "LINT\t{set}\t{doc}\t{ladder}/{level}\t{asked}\t{fired}\t{truth:?}\t{}",
                        claims.join(" ")
                    );
                }
                if *fired {
                    match truth {
                        Some(t) => {
                            scored += 1;
                            correct += usize::from(t);
                            entry.0 += 1;
                            entry.1 += usize::from(t);
                        }
                        None => unscored += 1,
                    }
                    for (i, labels) in [la, lb].into_iter().enumerate() {
                        if let Some(t) = below(labels, *asked, lines) {
                            per_reader[i].0 += 1;
                            per_reader[i].1 += usize::from(t);
                        }
                    }
                }
                if truth == Some(true) {
                    truly_below += 1;
                    found += usize::from(*fired);
                    entry.2 += 1;
                }
            }
        }
    }
    let ratio = |x: usize, n: usize| if n == 0 { 0.0 } else { x as f64 / n as f64 };
    let k = kappa(&pairs);
    let accuracy = ratio(right, agreed);
    let precision = ratio(correct, scored);
    let recall = ratio(found, truly_below);
    let documents = a.keys().filter(|d| keep(d)).count();
    println!("\n{set}: {documents} documents, {} lines labelled by both readers", pairs.len());
    println!(
        "Cohen's kappa (6 classes): {k:.2}; readers agree on {agreed} lines ({unmatched} agreed lines are not a claim's first line)"
    );
    let before = &batch.before;
    let (was_right, was_agreed) = before.accuracy;
    println!(
        "claim-scope accuracy on agreed lines: {accuracy:.2} ({right}/{agreed}); {}: {:.2} ({was_right}/{was_agreed})",
        before.label,
        ratio(was_right, was_agreed)
    );
    println!(
        "  on agreed lines not labelled unknown: {:.2} ({right_known}/{agreed_known})",
        ratio(right_known, agreed_known)
    );
    println!("  confusion (readers -> promolint): ");
    for ((t, p), n) in &confusion {
        println!("    {t:>12} -> {p:<12} {n}");
    }
    println!(
        "scope-below-level over {} levels: precision {precision:.2} ({correct}/{scored} scored; {unscored} fired lints not scored: a covering claim without agreed label), recall {recall:.2} ({found}/{truly_below})",
        levels.len()
    );
    let ((was_correct, was_scored), (was_found, was_below)) = (before.precision, before.recall);
    println!(
        "  {}: precision {:.2} ({was_correct}/{was_scored}), recall {:.2} ({was_found}/{was_below})",
        before.label,
        ratio(was_correct, was_scored),
        ratio(was_found, was_below)
    );
    for (i, r) in ["reader-a", "reader-b"].iter().enumerate() {
        println!(
            "  precision with {r}'s labels: {:.2} ({}/{})",
            ratio(per_reader[i].1, per_reader[i].0),
            per_reader[i].1,
            per_reader[i].0
        );
    }
    for (level, (s, c, t)) in &per_level {
        println!("  {level}: precision {:.2} ({c}/{s}), expectations truly below {t}", ratio(*c, *s));
    }
    Figures { kappa: k, accuracy, precision, recall, agreed }
}

/// A batch of labelled documents: one row of [`BATCHES`].
struct Batch {
    /// Printed above its figures.
    name: &'static str,
    /// Named in a floor that fails: "design", "session-4", ...
    short: &'static str,
    /// Which of the labelled documents it holds.
    documents: Documents,
    /// The figures of main before a revision, on the same rows.
    before: Before,
    /// The figures below which the test fails.
    floors: Floors,
}

/// Which of the labelled documents a batch holds.
enum Documents {
    /// Those of these batches.
    Only(&'static [&'static [&'static str]]),
    /// All but those of these batches.
    AllBut(&'static [&'static [&'static str]]),
}

impl Documents {
    fn keep(&self, document: &str) -> bool {
        let listed = |batches: &[&[&str]]| batches.iter().any(|b| b.contains(&document));
        match self {
            Documents::Only(batches) => listed(batches),
            Documents::AllBut(batches) => !listed(batches),
        }
    }
}

/// A batch's figures at an earlier commit, printed beside today's as
/// "LABEL: ratio (x/n)".
struct Before {
    label: &'static str,
    /// Claim-scope accuracy: (right, agreed lines).
    accuracy: (usize, usize),
    /// `scope-below-level` precision: (correct, scored).
    precision: (usize, usize),
    /// `scope-below-level` recall: (found, truly below).
    recall: (usize, usize),
}

/// The floors of a batch's figures. The readers' kappa must also be at
/// least 0.8, the bar it is held to, on every batch.
struct Floors {
    /// Claim-scope accuracy.
    accuracy: f64,
    /// `scope-below-level` precision.
    precision: f64,
    /// `scope-below-level` recall, where it is checked.
    recall: Option<f64>,
    /// The fewest agreed lines that match a claim's first line.
    agreed: usize,
    /// The readers' kappa.
    kappa: f64,
}

/// What one batch shows (see the top): the readers' kappa, claim-scope
/// accuracy, lint precision and recall, agreed lines matched to claims.
struct Figures {
    kappa: f64,
    accuracy: f64,
    precision: f64,
    recall: f64,
    agreed: usize,
}

/// The figures of main before session 6 (f0584ac), on the same rows.
const F0584AC: &str = "before session 6 (f0584ac)";

/// The batches, printed in this order. Floors are just under the figures
/// measured after session 6 (contaminated, see the top). The bar
/// (accuracy and precision 0.8) is NOT met on accuracy anywhere, nor on
/// precision on the session-4 batch: these guard against regressions and do
/// not claim the bar.
const BATCHES: [Batch; 8] = [
    Batch {
        name: "design set (12 documents)",
        short: "design",
        documents: Documents::AllBut(&[
            &held_out::SESSION_4,
            &held_out::SESSION_5,
            &held_out::SESSION_6,
            &held_out::SESSION_8,
            &held_out::SESSION_10,
            &held_out::SESSION_14,
            &held_out::SESSION_15,
        ]),
        before: Before { label: F0584AC, accuracy: (309, 496), precision: (142, 197), recall: (142, 195) },
        // Measured: accuracy 0.65, precision 0.85 (0.63 before session 9's packet default).
        floors: Floors { accuracy: 0.63, precision: 0.83, recall: None, agreed: 200, kappa: 0.8 },
    },
    Batch {
        name: "session-4 batch (7 documents, two other readers)",
        short: "session-4",
        documents: Documents::Only(&[&held_out::SESSION_4]),
        before: Before { label: F0584AC, accuracy: (107, 234), precision: (47, 98), recall: (47, 97) },
        // Measured: accuracy 0.59, precision 0.52 (0.52 before session 9's packet default).
        floors: Floors { accuracy: 0.56, precision: 0.50, recall: None, agreed: 0, kappa: 0.8 },
    },
    Batch {
        name: "session-5 batch (7 documents, two more readers)",
        short: "session-5",
        documents: Documents::Only(&[&held_out::SESSION_5]),
        before: Before { label: F0584AC, accuracy: (106, 231), precision: (72, 104), recall: (72, 119) },
        // Measured: accuracy 0.54, precision 0.79; 0.74 with session 14's
        // mapping weights (examples in the fit), which change what covers.
        floors: Floors { accuracy: 0.52, precision: 0.72, recall: None, agreed: 0, kappa: 0.8 },
    },
    Batch {
        name: "all 26 documents before session 6",
        short: "all-26",
        documents: Documents::AllBut(&[
            &held_out::SESSION_6,
            &held_out::SESSION_8,
            &held_out::SESSION_10,
            &held_out::SESSION_14,
            &held_out::SESSION_15,
        ]),
        before: Before { label: F0584AC, accuracy: (522, 961), precision: (261, 399), recall: (261, 411) },
        // Measured: accuracy 0.61 (0.58 before session 9's packet default),
        // precision 0.77, recall 0.43 (before session 6: 0.54, 0.65, 0.64);
        // precision 0.84, recall 0.26 since session 15 fires only two scale
        // steps below the level's scope (`SCOPE_GAP`).
        floors: Floors { accuracy: 0.59, precision: 0.75, recall: Some(0.24), agreed: 0, kappa: 0.8 },
    },
    // Session 6: a fresh batch, scored once on main before that session's
    // scope changes and once after them (accuracy 0.53 -> 0.55, lint
    // precision 0.68 -> 0.83, recall 0.54 -> 0.33); development data from then on.
    Batch {
        name: "held out in session 6 (8 documents, two more readers; scored once before that session's scope changes)",
        short: "session-6",
        documents: Documents::Only(&[&held_out::SESSION_6]),
        before: Before {
            label: "main at the start of session 6 (f0584ac)",
            accuracy: (154, 291),
            precision: (63, 93),
            recall: (63, 116),
        },
        // Measured: accuracy 0.61 (0.55 before session 9's packet default),
        // precision 0.83; 0.75 with session 14's mapping weights.
        floors: Floors { accuracy: 0.59, precision: 0.73, recall: None, agreed: 0, kappa: 0.8 },
    },
    // Session 8: a fresh batch (labelled then, sealed until session 9), scored
    // once in session 9 with that session's packet default written down first
    // (docs/mapping.md, "Session 9"), and once without it; development data from then on.
    Batch {
        name: "held out in session 8 (7 documents, two more readers; scored once, in session 9)",
        short: "session-8",
        documents: Documents::Only(&[&held_out::SESSION_8]),
        before: Before {
            label: "main before session 9's packet default (f6eba69)",
            accuracy: (148, 288),
            precision: (26, 37),
            recall: (26, 126),
        },
        // Measured once: accuracy 0.51 -> 0.68, lint precision 0.70 and recall
        // 0.21 both unchanged. The readers agree at kappa 0.76 (below the 0.8
        // of the other batches: they differ most on users as `company` and on
        // mentors as `team`); scored all the same, as the batch's README said.
        // Lint precision 0.67, recall 0.24 with session 14's mapping weights.
        floors: Floors { accuracy: 0.66, precision: 0.65, recall: None, agreed: 0, kappa: 0.75 },
    },
    // Session 10: a fresh batch (labelled then, sealed until session 13),
    // scored once in session 13 with that session's change to the packet
    // default written down first (docs/mapping.md, "Session 13"), and once
    // without it; development data from then on.
    Batch {
        name: "held out in session 10 (7 documents, two more readers; scored once, in session 13)",
        short: "session-10",
        documents: Documents::Only(&[&held_out::SESSION_10]),
        before: Before {
            label: "main before session 13's packet default (9708d28)",
            accuracy: (118, 307),
            precision: (14, 30),
            recall: (14, 48),
        },
        // Measured once: accuracy 0.38 before and after (the change applies
        // to none of the seven documents), lint precision 0.47 and recall
        // 0.29 unchanged: far below every earlier batch. Most misses are
        // organisation-wide work read as `unknown` or `own` (a steering
        // candidacy, a project's year in review) and company reach (users of
        // an open-source project) read lower. Lint precision 0.43, recall
        // 0.32 with session 14's mapping weights.
        floors: Floors { accuracy: 0.36, precision: 0.41, recall: None, agreed: 250, kappa: 0.78 },
    },
    // Sessions 14 and 15: two fresh batches (labelled then, sealed until
    // session 15), scored together once in session 15 with that session's
    // two-step gap written down first (docs/mapping.md, "Session 15, scope"),
    // and once without it; development data from then on.
    Batch {
        name: "held out in sessions 14 and 15 (10 documents, four more readers; scored once, in session 15)",
        short: "session-14-15",
        documents: Documents::Only(&[&held_out::SESSION_14, &held_out::SESSION_15]),
        before: Before {
            label: "main before session 15's two-step gap (4c02b80)",
            accuracy: (265, 478),
            precision: (62, 78),
            recall: (62, 201),
        },
        // Measured once: accuracy 0.55 (the change does not touch it), lint
        // precision 0.79 -> 0.86, recall 0.31 -> 0.19. The readers agree at
        // kappa 0.70 (0.69 on session 14's seven documents: they differ most
        // on a maintainer's changelog items, `own` or `unknown`); scored all
        // the same, as the batches' READMEs said.
        floors: Floors { accuracy: 0.53, precision: 0.84, recall: None, agreed: 450, kappa: 0.68 },
    },
];

#[test]
fn scope_accuracy() {
    let a = read_labels("reader-a");
    let b = read_labels("reader-b");
    assert_eq!(
        a.keys().collect::<Vec<_>>(),
        b.keys().collect::<Vec<_>>(),
        "both readers label the same documents"
    );
    assert!(a.len() >= 48, "expected the 48 labelled documents");
    let mut sources = Sources::new();
    let (rules, problems) =
        promolint::rules::load(&[] as &[PathBuf], true, &mut sources).expect("built-in rules");
    assert!(problems.is_empty(), "built-in rules load cleanly");
    // Every batch is printed before any floor is checked.
    let figures: Vec<Figures> = BATCHES.iter().map(|batch| figures(batch, (&a, &b), &rules)).collect();
    let mut failures = Vec::new();
    for (batch, got) in BATCHES.iter().zip(&figures) {
        let (set, floors) = (batch.short, &batch.floors);
        if got.agreed < floors.agreed {
            failures.push(format!("{set}: too few agreed lines matched claims: {}", got.agreed));
        }
        if got.kappa < floors.kappa {
            failures.push(format!("{set} readers' kappa {:.2} below {:.2}", got.kappa, floors.kappa));
        }
        let recall = floors.recall.map(|floor| ("recall", got.recall, floor));
        for (what, measured, floor) in
            [("accuracy", got.accuracy, floors.accuracy), ("precision", got.precision, floors.precision)]
                .into_iter()
                .chain(recall)
        {
            if measured < floor {
                failures.push(format!("{set} {what} {measured:.2} fell below its floor {floor:.2}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
