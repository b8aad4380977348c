//! Mapping accuracy against the labelled set, leave-one-document-out.
//!
//! For each source document, the mapping weights are fitted on the labels of
//! every *other* document and on the built-in examples, each a positive for
//! its own expectation (see `fit.rs`), and the held-out document's packets
//! are scored at the cutoff with the best F1 on the other documents (a fixed
//! 0.5 and a cutoff calibrated from each level's examples are ablation rows:
//! both lost recall). Nothing a document's labels say takes part in choosing the
//! weights or cutoffs it is scored with. Printed beside the new method, on
//! the same rows: session 13's method (the fit on labels alone), the
//! previous method (promolint 0.1's mapping, frozen in
//! `fixtures/labelled/previous-method.json`), three baselines computed in the
//! same run (say "addressed" to everything; TF-IDF cosine of the claim and
//! the expectation's text with a leave-one-document-out threshold; some
//! claim shares two stemmed content words with the expectation's text), and
//! an ablation with each signal removed in turn.
//!
//! Run: `cargo test --release --test accuracy -- --nocapture`.
//! Refit the shipped weights (`rules/mapping.yaml`, see [`shipped_rows`]):
//! `WEIGHTS=overwrite cargo test --release --test accuracy`.
//! `ACCURACY_SETS=first` prints only the first (design) set's figures.

#![allow(clippy::disallowed_macros, clippy::print_stdout)] // this test reports figures

mod data;
mod errors;
mod fit;
#[path = "../support/held_out.rs"]
mod held_out;
mod report;

use std::collections::{BTreeMap, BTreeSet};

use data::Row;
use fit::{ALL, Bag, Mask};
use promolint::analysis::matcher::LevelMatcher;
use promolint::analysis::score::{self, HAND_SET, Signals};
use promolint::rules::RuleSet;
use promolint::rules::vocabulary::MappingFile;
use promolint::source::Sources;
use report::{Decisions, Tally};

fn load_rules() -> RuleSet {
    let mut sources = Sources::new();
    let (rules, problems) = promolint::rules::load(&[] as &[&str], true, &mut sources).unwrap();
    assert!(problems.is_empty(), "{problems:?}");
    rules
}

/// The rules as a company's imported ladder would have them: no patterns, no
/// guards, no examples.
fn imported(rules: &RuleSet) -> RuleSet {
    let mut plain = rules.clone();
    for level in plain.ladders.iter_mut().flat_map(|l| l.levels.iter_mut()) {
        for e in &mut level.expectations {
            e.patterns.clear();
            e.guards.clear();
            e.examples.clear();
        }
    }
    plain
}

fn apply(mask: &Mask, s: &Signals) -> Signals {
    let a = s.to_array();
    Signals::from_array(std::array::from_fn(|i| if mask[i] { a[i] } else { 0.0 }))
}

/// How a method decides, for the held-out rows of one fold.
#[derive(Clone, Copy)]
struct Method {
    mask: Mask,
    learned: bool,
    calibrated: bool,
    /// The cutoff is the F1-best one on the training documents' labels.
    train_cutoff: bool,
    /// Overrides the model's `max-per-claim`.
    per_claim: Option<usize>,
    /// A cutoff fixed in advance (when `train_cutoff` is off; else 0.5).
    fixed_cutoff: Option<f32>,
    /// Each built-in example, scored left out of its own profile, is one
    /// more positive of the fit for its own expectation (since session 14).
    examples_in_fit: bool,
}

/// The share of `rows` whose agreed label says expectation `e` is addressed,
/// Laplace-smoothed: (addressed + 1) / (labelled + 2), so 0.5 with no rows.
fn base_rate(rows: &[&Row], e: usize) -> f32 {
    let (mut yes, mut n) = (1.0f32, 2.0f32);
    for row in rows {
        if let Some(label) = row.labels[e].1 {
            n += 1.0;
            yes += f32::from(u8::from(label.addressed()));
        }
    }
    yes / n
}

/// Every level's base rates on all of `rows`, as `mapping.yaml` ships them.
fn base_rates(rows: &[Row]) -> BTreeMap<String, BTreeMap<String, f32>> {
    let mut out: BTreeMap<String, BTreeMap<String, f32>> = BTreeMap::new();
    for row in rows {
        if out.contains_key(&row.level) {
            continue;
        }
        let same: Vec<&Row> = rows.iter().filter(|r| r.level == row.level).collect();
        let rates = row.labels.iter().enumerate().map(|(e, (id, _, _))| {
            // Two decimals: the file stays readable and the fit does not move.
            (id.clone(), (base_rate(&same, e) * 100.0).round() / 100.0)
        });
        out.insert(row.level.clone(), rates.collect());
    }
    out
}

/// `rows` with each claim's `base-rate` signal replaced by the expectation's
/// share of "addressed" labels among the `train` rows of the same level,
/// counting only other documents that `keep` accepts (see [`base_rate`]).
fn with_prior(rows: &[Row], train: &[Row], keep: &dyn Fn(&str) -> bool) -> Vec<Row> {
    rows.iter()
        .map(|row| {
            let same: Vec<&Row> = train
                .iter()
                .filter(|t| t.level == row.level && t.document != row.document && keep(&t.document))
                .collect();
            let prior: Vec<f32> = (0..row.labels.len()).map(|e| base_rate(&same, e)).collect();
            Row {
                name: row.name.clone(),
                document: row.document.clone(),
                two_readers: row.two_readers,
                level: row.level.clone(),
                labels: row.labels.clone(),
                texts: row.texts.clone(),
                packet: row.packet.clone(),
                claims: row
                    .claims
                    .iter()
                    .map(|(s, ev)| {
                        let s = s.as_ref().map(|s| {
                            s.iter().enumerate().map(|(e, x)| score::with_base_rate(*x, prior[e])).collect()
                        });
                        (s, *ev)
                    })
                    .collect(),
            }
        })
        .collect()
}

const SHIPPED: Method = Method {
    mask: SHIPPED_SIGNALS,
    learned: true,
    calibrated: false,
    train_cutoff: true,
    per_claim: None,
    fixed_cutoff: None,
    examples_in_fit: true,
};
/// Session 13's method, the previous one: the fit on the labelled rows only.
const BEFORE_SESSION_14: Method = Method { examples_in_fit: false, ..SHIPPED };
/// The signals the shipped model uses: all but the claim's shape (paragraph,
/// length), which lowered F1 on the design set, and the section signal, which
/// added nothing to F1 and lent a section's expectations to every claim in it
/// ("I like long walks." beside two mentoring claims mapped to mentoring).
/// The semantic signal is off for packets (issue 11: it stays on only where it
/// earns its place): after it was centred on the level (session 4) the
/// ablation shows the same F1 with and without it on all rows (0.73), on the
/// rows held out in session 4 (0.64) and on the session-3 rows (0.49 with,
/// 0.50 without). It stays on for imported ladders (`analysis::imported`).
/// The expectation's base rate is on (added in session 3: F1 +0.04 on all
/// rows, chosen while those rows' figures were visible; the documents
/// labelled after that are the held-out check). A level with no labelled
/// packets, such as an imported ladder, has no base rates: the imported
/// model leaves the signal out.
const SHIPPED_SIGNALS: Mask =
    [true, true, true, true, true, true, true, true, false, false, false, false, true];
/// The logistic model for imported ladders (`rules/mapping-imported.yaml`,
/// now only an ablation row: `check` scores such ladders with
/// `analysis::imported`): the shipped signals with the semantic one, without
/// the base rate.
const IMPORTED: Method = Method { mask: without_base_rate(with_semantic(SHIPPED_SIGNALS)), ..SHIPPED };

const fn with_semantic(mut mask: Mask) -> Mask {
    mask[11] = true;
    mask
}

const fn without_base_rate(mut mask: Mask) -> Mask {
    mask[12] = false;
    mask
}

fn bags<'a>(rows: impl Iterator<Item = &'a Row>) -> Vec<Bag<'a>> {
    let mut out = Vec::new();
    for row in rows {
        for (e, (_, agreed, _)) in row.labels.iter().enumerate() {
            let Some(label) = agreed else { continue };
            let claims: Vec<&Signals> =
                row.claims.iter().filter_map(|(s, _)| s.as_ref().map(|s| &s[e])).collect();
            out.push(Bag { claims, addressed: label.addressed() });
        }
    }
    out
}

/// Per expectation of `row`: (addressed, covered) under `model` at `cutoff`.
fn predict(row: &Row, model: &MappingFile, cutoff: f32, mask: &Mask) -> Vec<(bool, bool)> {
    let mut out = vec![(false, false); row.labels.len()];
    for (signals, evidence) in &row.claims {
        let Some(signals) = signals else { continue };
        let masked: Vec<Signals> = signals.iter().map(|s| apply(mask, s)).collect();
        let (maps, _) = score::decide(model, cutoff, &masked);
        for (e, _) in maps {
            out[e].0 = true;
            out[e].1 |= evidence;
        }
    }
    out
}

fn cutoff(matcher: &LevelMatcher, model: &MappingFile, method: Method) -> f32 {
    let model = &MappingFile { calibrate: method.calibrated, ..model.clone() };
    let examples: Vec<(usize, Vec<Signals>)> = matcher
        .example_signals
        .iter()
        .map(|(e, s)| (*e, s.iter().map(|s| apply(&method.mask, s)).collect()))
        .collect();
    score::calibrate(model, &examples)
}

/// Leave-one-document-out predictions of `method` for every row.
fn lodo(rows: &[Row], matchers: &BTreeMap<String, LevelMatcher>, method: Method) -> Decisions {
    lodo_from(rows, rows, matchers, method)
}

/// Leave-one-document-out predictions for `rows`, with the model fitted on
/// `train` (the same rows, or the same packets under other rules).
fn lodo_from(
    train: &[Row],
    rows: &[Row],
    matchers: &BTreeMap<String, LevelMatcher>,
    method: Method,
) -> Decisions {
    let documents: BTreeSet<&str> = rows.iter().map(|r| r.document.as_str()).collect();
    let mut out: Decisions = vec![Vec::new(); rows.len()];
    for held_out in documents {
        // Base rates from the training documents only (and, for a training
        // row, from the training documents other than its own).
        let keep = |d: &str| d != held_out;
        let (train, rows) = (&with_prior(train, train, &keep)[..], &with_prior(rows, train, &keep)[..]);
        let training = || train.iter().filter(|r| r.document != held_out);
        // Only a learned fit with examples reads them: the ablations that
        // leave them out skip scoring them.
        let examples = if method.learned && method.examples_in_fit {
            example_instances(&training().collect::<Vec<_>>(), matchers, &method.mask)
        } else {
            Vec::new()
        };
        let mut model = if method.learned {
            fit::fit(&training_bags(training(), &examples, method), &HAND_SET, &method.mask)
        } else {
            HAND_SET
        };
        if let Some(k) = method.per_claim {
            model.max_per_claim = k;
        }
        if method.train_cutoff {
            model.cutoff = f1_best_cutoff(training(), &model, &method.mask);
        } else if let Some(c) = method.fixed_cutoff {
            model.cutoff = c;
        }
        for (i, row) in rows.iter().enumerate().filter(|(_, r)| r.document == held_out) {
            let cut = cutoff(&matchers[&row.level], &model, method);
            out[i] = predict(row, &model, cut, &method.mask);
        }
    }
    out
}

/// The fit's bags: one per agreed label of `rows`, and with
/// `method.examples_in_fit` one more positive per example of `examples`
/// (from [`example_instances`]), its own expectation's signals alone.
fn training_bags<'a>(
    rows: impl Iterator<Item = &'a Row>,
    examples: &'a [(usize, Vec<Signals>)],
    method: Method,
) -> Vec<Bag<'a>> {
    let mut out = bags(rows);
    if method.examples_in_fit {
        out.extend(examples.iter().map(|(own, s)| Bag { claims: vec![&s[*own]], addressed: true }));
    }
    out
}

/// Every built-in example's signals against every expectation of its level
/// (the example left out of its own expectation's profile, as
/// `consistency::unmapped_examples` scores it), with base rates from the
/// `train` rows only: (own expectation index, signals per expectation).
/// Levels with no training rows are left out.
fn example_instances(
    train: &[&Row],
    matchers: &BTreeMap<String, LevelMatcher>,
    mask: &Mask,
) -> Vec<(usize, Vec<Signals>)> {
    let mut out = Vec::new();
    for (level, matcher) in matchers {
        let same: Vec<&Row> = train.iter().filter(|r| &r.level == level).copied().collect();
        if same.is_empty() {
            continue;
        }
        let prior: Vec<f32> = (0..same[0].labels.len()).map(|e| base_rate(&same, e)).collect();
        for (own, signals) in &matcher.example_signals {
            let s = signals
                .iter()
                .enumerate()
                .map(|(e, x)| apply(mask, &score::with_base_rate(*x, prior.get(e).copied().unwrap_or(0.5))))
                .collect();
            out.push((*own, s));
        }
    }
    out
}

/// The cutoff in 0.20..=0.80 (steps of 0.025) with the best F1 of
/// "addressed" on `rows` under `model`.
fn f1_best_cutoff<'a>(rows: impl Iterator<Item = &'a Row>, model: &MappingFile, mask: &Mask) -> f32 {
    // Each claim's scores, best first, computed once.
    // Per row, per claim: its expectations ranked by score, and whether it has evidence.
    type ClaimScores = Vec<(score::Scored, bool)>;
    let scored: Vec<(&Row, ClaimScores)> = rows
        .map(|row| {
            let claims = row
                .claims
                .iter()
                .filter_map(|(signals, evidence)| {
                    let masked: Vec<Signals> = signals.as_ref()?.iter().map(|s| apply(mask, s)).collect();
                    Some((score::decide(model, 0.0, &masked).0, *evidence))
                })
                .collect();
            (row, claims)
        })
        .collect();
    let f1_at = |cutoff: f32| {
        let mut t = Tally::default();
        for (row, claims) in &scored {
            let mut p = vec![(false, false); row.labels.len()];
            for (ranked, evidence) in claims {
                for (e, _) in ranked.iter().take(model.max_per_claim).take_while(|(_, s)| *s >= cutoff) {
                    p[*e].0 = true;
                    p[*e].1 |= evidence;
                }
            }
            t.add(Tally::of(row, &p));
        }
        t.f1()
    };
    (0..=24).map(|i| 0.2 + i as f32 * 0.025).max_by(|a, b| f1_at(*a).total_cmp(&f1_at(*b))).unwrap_or(0.5)
}

fn tally(rows: &[Row], predicted: &[Vec<(bool, bool)>], keep: impl Fn(&Row) -> bool) -> Tally {
    let mut t = Tally::default();
    for (row, p) in rows.iter().zip(predicted).filter(|(r, _)| keep(r)) {
        t.add(Tally::of(row, p));
    }
    t
}

#[test]
fn mapping_accuracy_leave_one_document_out() {
    let rules = load_rules();
    let matchers = data::matchers(&rules);
    let rows = data::rows(&rules, &matchers);
    let mut unguarded_rules = rules.clone();
    for e in unguarded_rules
        .ladders
        .iter_mut()
        .flat_map(|l| l.levels.iter_mut())
        .flat_map(|l| l.expectations.iter_mut())
    {
        e.guards.clear();
    }
    let unguarded_matchers = data::matchers(&unguarded_rules);
    let unguarded_rows = data::rows(&unguarded_rules, &unguarded_matchers);
    let plain_rules = imported(&rules);
    let plain_matchers = data::matchers(&plain_rules);
    let plain_rows = data::rows(&plain_rules, &plain_matchers);
    let only_first = std::env::var("ACCURACY_SETS").is_ok_and(|v| v == "first");
    let shown = |r: &Row| !only_first || !r.two_readers;

    report::readers(&rows);
    let shipped = lodo(&rows, &matchers, SHIPPED);
    let before = lodo(&rows, &matchers, BEFORE_SESSION_14);
    let previous = report::previous(&rows);
    let baselines = report::baselines(&rows, &plain_rows);
    report::per_row(&rows, &shipped, &previous, &shown);
    if std::env::var("ACCURACY_ERRORS").is_ok_and(|v| v == "1") {
        errors::list(&rows, &shipped, &rules.mapping.clone().unwrap_or(HAND_SET), &shown);
    }
    if let Ok(path) = std::env::var("ACCURACY_DUMP") {
        errors::dump(&rows, &path);
    }
    let fresh = |r: &Row| LABELLED_AFTER_FREEZE.contains(&r.document.as_str());
    let newest = |r: &Row| LABELLED_AFTER_BASE_RATE.contains(&r.document.as_str());
    let held_out = |r: &Row| held_out::SESSION_4.contains(&r.document.as_str());
    let held_out_5 = |r: &Row| held_out::SESSION_5.contains(&r.document.as_str());
    let held_out_6 = |r: &Row| held_out::SESSION_6.contains(&r.document.as_str());
    let held_out_8 = |r: &Row| held_out::SESSION_8.contains(&r.document.as_str());
    let held_out_10 = |r: &Row| held_out::SESSION_10.contains(&r.document.as_str());
    type Keep<'a> = &'a dyn Fn(&Row) -> bool;
    let sets: [(&str, Keep<'_>); 10] = [
        ("held out in session 10", &held_out_10),
        ("held out in session 8", &held_out_8),
        ("held out in session 6", &held_out_6),
        ("held out in session 5", &held_out_5),
        ("held out in session 4", &held_out),
        ("labelled after the base rate was fixed", &newest),
        ("labelled after the method was fixed", &fresh),
        ("outside authors, two readers", &|r: &Row| r.two_readers),
        ("first set (design set)", &|r: &Row| !r.two_readers),
        ("all rows", &|_: &Row| true),
    ];
    println!("\n{:<34} {:<44} {:>5} {:>6} {:>5} {:>9}", "rows", "method", "P", "R", "F1", "cov/weak");
    for (set, keep) in sets {
        if only_first && set != "first set (design set)" {
            continue;
        }
        let mut lines: Vec<(String, Tally)> = vec![
            ("new: learned score and cutoff".into(), tally(&rows, &shipped, keep)),
            ("before: session 13 (no examples in the fit)".into(), tally(&rows, &before, keep)),
            ("previous: promolint 0.1".into(), tally(&rows, &previous, keep)),
        ];
        for (name, predicted) in &baselines {
            lines.push((format!("baseline: {name}"), tally(&rows, predicted, keep)));
        }
        for (name, t) in lines {
            println!("{set:<34} {name:<44} {}", t.line());
        }
    }
    println!("\nnew method, all rows: {}", report::interval(&rows, &shipped));

    // The ablation refits every model once per document and signal set: a
    // few seconds in a release build, many minutes in a debug one, so the
    // plain `cargo test` run skips it (ACCURACY_ABLATION=1 forces it).
    // ACCURACY_ABLATION=0 skips it in a release build too (quicker while developing).
    let ablate = match std::env::var("ACCURACY_ABLATION").as_deref() {
        Ok("1") => true,
        Ok("0") => false,
        _ => !cfg!(debug_assertions),
    };
    if !ablate {
        println!("\nablation: run with --release (or ACCURACY_ABLATION=1) to print it");
    } else {
        println!("\nablation (all rows shown; each refitted leave-one-document-out)");
        let mut ablations: Vec<(String, Decisions)> = vec![("shipped".into(), shipped.clone())];
        // Each row changes the shipped signals only where it says (before
        // session 4 the "- patterns", "- lexical" and "- heading" rows also
        // switched on the claim-shape and section signals).
        let minus =
            |names: &[usize]| -> Mask { std::array::from_fn(|i| SHIPPED_SIGNALS[i] && !names.contains(&i)) };
        let plus =
            |names: &[usize]| -> Mask { std::array::from_fn(|i| SHIPPED_SIGNALS[i] || names.contains(&i)) };
        for (name, method) in [
            ("- patterns (pattern, more-patterns, context)", Method { mask: minus(&[0, 1, 2]), ..SHIPPED }),
            (
                "- lexical (lexical, rank, text-share, two-shared)",
                Method { mask: minus(&[3, 4, 5, 6]), ..SHIPPED },
            ),
            ("- heading (heading, context)", Method { mask: minus(&[2, 7]), ..SHIPPED }),
            ("+ section (the whole section read together)", Method { mask: plus(&[10]), ..SHIPPED }),
            ("+ semantic (static MiniLM embedding cosine)", Method { mask: plus(&[11]), ..SHIPPED }),
            (
                "- base rate (expectation's share of addressed labels)",
                Method { mask: minus(&[12]), ..SHIPPED },
            ),
            ("+ claim shape (paragraph, length)", Method { mask: plus(&[8, 9]), ..SHIPPED }),
            ("hand-set weights instead of learned", Method { learned: false, ..SHIPPED }),
            (
                "cutoff calibrated from the level's examples",
                Method { calibrated: true, train_cutoff: false, ..SHIPPED },
            ),
            ("fixed cutoff 0.5 instead of F1-best on training", Method { train_cutoff: false, ..SHIPPED }),
            // Precision-first operating points: what recall a cutoff chosen
            // for precision leaves (the aim is P 0.85 at R 0.80).
            ("fixed cutoff 0.6", Method { train_cutoff: false, fixed_cutoff: Some(0.6), ..SHIPPED }),
            ("fixed cutoff 0.7", Method { train_cutoff: false, fixed_cutoff: Some(0.7), ..SHIPPED }),
            ("- examples in the fit (session 13's method)", BEFORE_SESSION_14),
        ] {
            ablations.push((name.into(), lodo(&rows, &matchers, method)));
        }
        for k in [1usize, 2, 3] {
            let method = Method { per_claim: Some(k), ..SHIPPED };
            ablations.push((
                format!("at most {k} expectations per claim (not 5)"),
                lodo(&rows, &matchers, method),
            ));
        }
        ablations.push(("- guards".into(), lodo(&unguarded_rows, &unguarded_matchers, SHIPPED)));
        ablations.push((
            "imported ladder, scored with the weights fitted on built-in rules".into(),
            lodo_from(&rows, &plain_rows, &plain_matchers, IMPORTED),
        ));
        ablations.push((
            "imported ladder: no patterns, guards, examples".into(),
            lodo(&plain_rows, &plain_matchers, IMPORTED),
        ));
        ablations.push((
            "imported ladder, its own score (what check uses)".into(),
            data::imported_check(&plain_rules, &rows),
        ));
        for (name, predicted) in &ablations {
            let t = tally(&rows, predicted, |r| shown(r));
            println!("  {name:<52} {}", t.line());
        }
        println!("\nthe same ablation on the rows labelled after the base rate was fixed");
        for (name, predicted) in &ablations {
            let t = tally(&rows, predicted, |r| shown(r) && newest(r));
            println!("  {name:<52} {}", t.line());
        }
        println!("\nthe same ablation on the rows held out in session 4");
        for (name, predicted) in &ablations {
            let t = tally(&rows, predicted, |r| shown(r) && held_out(r));
            println!("  {name:<52} {}", t.line());
        }
        println!("\nthe same ablation on the rows held out in session 5");
        for (name, predicted) in &ablations {
            let t = tally(&rows, predicted, |r| shown(r) && held_out_5(r));
            println!("  {name:<52} {}", t.line());
        }
        println!("\nthe same ablation on the rows held out in session 6");
        for (name, predicted) in &ablations {
            let t = tally(&rows, predicted, |r| shown(r) && held_out_6(r));
            println!("  {name:<52} {}", t.line());
        }
    }

    if std::env::var("WEIGHTS").is_ok_and(|v| v == "overwrite") {
        report::write_weights(&shipped_fit(&rows, &matchers, SHIPPED), "mapping.yaml", "all rows");
        report::write_weights(
            &shipped_fit(&plain_rows, &plain_matchers, IMPORTED),
            "mapping-imported.yaml",
            "all rows, every pattern, guard and example removed: the weights for imported ladders",
        );
    }

    // Floors: a regression below these fails the build. They sit a little
    // under the figures measured when they were set (see the README), and the
    // method must stay above the previous one and every baseline on F1 over
    // all rows. The aim (precision 0.85 at recall 0.80) is not met.
    let all = tally(&rows, &shipped, |_| true);
    assert!(all.precision() >= FLOOR_PRECISION, "precision fell below {FLOOR_PRECISION}");
    assert!(all.recall() >= FLOOR_RECALL, "recall fell below {FLOOR_RECALL}");
    let previous_f1 = tally(&rows, &previous, |_| true).f1();
    assert!(all.f1() > previous_f1, "F1 is not above the previous method's on all rows");
    for (name, predicted) in &baselines {
        assert!(
            all.f1() > tally(&rows, predicted, |_| true).f1(),
            "F1 is not above baseline `{name}` on all rows"
        );
    }
}

/// The documents labelled after the shipped method (signals, fit, cutoff
/// rule) was fixed: nothing about the method was chosen while their figures
/// could be seen, so they are the cleanest held-out rows.
const LABELLED_AFTER_FREEZE: [&str; 4] = [
    "rubycentral-giddins-haught-work-log-2025-04",
    "rafaelgss-nodejs-security-work-log-2023-10",
    "staffeng-story-duretti-hirpa",
    "choojiaxin-cs2103t-project-portfolio",
];

/// The documents added in session 3, after the base-rate signal and its
/// gating were fixed (commit 353c908): eight more outside authors, each
/// against two levels, labelled by two new readers working independently.
const LABELLED_AFTER_BASE_RATE: [&str; 8] = [
    "apiraino-rust-compiler-team-operations",
    "ashfurrow-one-year-at-float",
    "facutuesca-pyca-asn1-update-2025-06",
    "kittygiraudel-2019-in-review",
    "maennchen-eef-hexpm-security-update-2026-02",
    "thespi-brain-pypi-support-specialist-year-and-a-half",
    "tomassedovic-rust-program-management-update-2025-06",
    "woodruffw-homebrew-build-provenance-update-2024-04",
];

/// All-rows precision: 0.70 until the session-6 batch joined the rows. With
/// its 16 rows in every fold's training and in the tally, main's method
/// (unchanged) measures 0.68 on all rows (0.72 before; 0.70 on the rows
/// that were there, whose folds now fit on more documents): the floor sits
/// just under that for the lead to set again.
const FLOOR_PRECISION: f64 = 0.66;
const FLOOR_RECALL: f64 = 0.70;

/// The rows the shipped weights (`rules/mapping.yaml`) are fitted on, with
/// every built-in example as one more positive (since session 14), and
/// whose F1-best cutoff and base rates they ship: every row but those of the
/// batches held out in sessions 5, 6, 8 and 10. Session 5 changed no mapping
/// signal, so its shipped model stayed as it was; refitting it on the new
/// rows too moved the cutoff (0.375 -> 0.40) enough that five built-in
/// examples of joe-and-the-juice/IC4 stopped covering their own expectation.
/// The later batches were added without a refit on them: fitted on every
/// row, with or without the examples, three joe-and-the-juice/IC4 examples
/// rank their own expectation below five others (session 14). The
/// leave-one-document-out figures do not depend on this choice: every fold
/// refits on its own training documents.
fn shipped_rows(rows: &[Row]) -> Vec<Row> {
    let later = |d: &str| {
        held_out::SESSION_5.contains(&d)
            || held_out::SESSION_6.contains(&d)
            || held_out::SESSION_8.contains(&d)
            || held_out::SESSION_10.contains(&d)
    };
    rows.iter().filter(|r| !later(&r.document)).cloned().collect()
}

fn shipped_fit(rows: &[Row], matchers: &BTreeMap<String, LevelMatcher>, method: Method) -> MappingFile {
    let rows = &shipped_rows(rows)[..];
    let primed = with_prior(rows, rows, &|_| true);
    let examples = example_instances(&rows.iter().collect::<Vec<_>>(), matchers, &method.mask);
    let mut model = fit::fit(&training_bags(primed.iter(), &examples, method), &HAND_SET, &method.mask);
    model.cutoff = f1_best_cutoff(primed.iter(), &model, &method.mask);
    if method.mask[12] {
        model.base_rates = base_rates(rows);
    }
    model
}

/// The shipped `rules/mapping.yaml` is the fit on the labelled rows
/// ([`shipped_rows`]): a change to the signals or the labels must be
/// followed by a refit.
#[test]
fn shipped_weights_are_the_fit_on_every_row() {
    let rules = load_rules();
    let matchers = data::matchers(&rules);
    let rows = data::rows(&rules, &matchers);
    let plain_rules = imported(&rules);
    let plain_matchers = data::matchers(&plain_rules);
    let plain_rows = data::rows(&plain_rules, &plain_matchers);
    for (fitted, shipped, file) in [
        (shipped_fit(&rows, &matchers, SHIPPED), rules.mapping.clone(), "mapping.yaml"),
        (
            shipped_fit(&plain_rows, &plain_matchers, IMPORTED),
            rules.mapping_imported.clone(),
            "mapping-imported.yaml",
        ),
    ] {
        let shipped = shipped.unwrap_or_else(|| panic!("rules/{file} is built in"));
        let close = |a: f32, b: f32| (a - b).abs() < 0.01;
        let same = close(fitted.intercept, shipped.intercept)
            && close(fitted.cutoff, shipped.cutoff)
            && fitted.weights.to_array().iter().zip(shipped.weights.to_array()).all(|(a, b)| close(*a, b))
            && fitted.base_rates == shipped.base_rates;
        assert!(
            same,
            "rules/{file} is stale; refit with `WEIGHTS=overwrite cargo test --release --test accuracy`\nfitted: {fitted:?}"
        );
    }
}

/// What `check` reports is what the accuracy harness simulates: the same
/// signals, weights, cutoff and decision.
#[test]
fn check_decides_as_the_harness_simulates() {
    let rules = load_rules();
    let matchers = data::matchers(&rules);
    let rows = data::rows(&rules, &matchers);
    let model = rules.mapping.clone().unwrap_or(HAND_SET);
    for row in rows.iter().take(12) {
        let level = rules.levels().find(|l| format!("{}/{}", l.ladder, l.id) == row.level).expect("level");
        let real = LevelMatcher::new(level, &rules);
        let simulated = predict(row, &model, cutoff(&matchers[&row.level], &model, SHIPPED), &ALL);
        let statuses = report::check_statuses(row, &rules);
        assert_eq!(real.cutoff, cutoff(&matchers[&row.level], &model, SHIPPED), "{}", row.name);
        for ((id, _, _), (addressed, covered)) in row.labels.iter().zip(simulated) {
            let expected = if covered {
                "covered"
            } else if addressed {
                "weak"
            } else {
                "uncovered"
            };
            assert_eq!(statuses[id], expected, "{}: {id}", row.name);
        }
    }
}

/// The set is large enough for its figures to mean something.
#[test]
fn labelled_set_is_large_enough() {
    let rules = load_rules();
    let matchers = data::matchers(&rules);
    let rows = data::rows(&rules, &matchers);
    assert!(rows.iter().filter(|r| r.two_readers).count() >= 6, "the two-reader set needs at least six rows");
    let agreed = rows.iter().flat_map(|r| &r.labels).filter(|(_, a, _)| a.is_some()).count();
    assert!(agreed >= 500, "only {agreed} agreed labels");
}
