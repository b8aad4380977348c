//! Figures of the accuracy harness: tallies, the readers' agreement, the
//! previous method and the baselines, the per-row table, and writing the
//! shipped weights.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use promolint::check::{self, CheckOptions};
use promolint::rules::RuleSet;
use promolint::rules::vocabulary::{MappingFile, Weights};
use promolint::source::Sources;

use crate::data::{self, Label, Row};

/// Per row, per expectation of its level: (addressed, covered).
pub(crate) type Decisions = Vec<Vec<(bool, bool)>>;

/// Counts of "addressed" decisions against the agreed labels.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct Tally {
    tp: usize,
    fp: usize,
    fn_: usize,
    both_addressed: usize,
    kind_agrees: usize,
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}

impl Tally {
    /// The tally of one row's predictions, per expectation (addressed, covered).
    pub(crate) fn of(row: &Row, predicted: &[(bool, bool)]) -> Tally {
        let mut t = Tally::default();
        for ((_, agreed, _), (addressed, covered)) in row.labels.iter().zip(predicted) {
            let Some(label) = agreed else { continue };
            match (label.addressed(), *addressed) {
                (true, true) => {
                    t.tp += 1;
                    t.both_addressed += 1;
                    if (*label == Label::Covered) == *covered {
                        t.kind_agrees += 1;
                    }
                }
                (false, true) => t.fp += 1,
                (true, false) => t.fn_ += 1,
                (false, false) => {}
            }
        }
        t
    }

    pub(crate) fn add(&mut self, o: Tally) {
        self.tp += o.tp;
        self.fp += o.fp;
        self.fn_ += o.fn_;
        self.both_addressed += o.both_addressed;
        self.kind_agrees += o.kind_agrees;
    }

    pub(crate) fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }

    pub(crate) fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }

    pub(crate) fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) }
    }

    /// `P R F1 covered-vs-weak (tp fp fn)`.
    pub(crate) fn line(&self) -> String {
        format!(
            "{:>5.2} {:>6.2} {:>5.2} {:>9.2}  (tp {} fp {} fn {})",
            self.precision(),
            self.recall(),
            self.f1(),
            ratio(self.kind_agrees, self.both_addressed),
            self.tp,
            self.fp,
            self.fn_
        )
    }
}

/// Prints the two readers' agreement over the two-reader rows.
pub(crate) fn readers(rows: &[Row]) {
    let pairs: Vec<(Label, Label)> = rows
        .iter()
        .filter(|r| r.two_readers)
        .flat_map(|r| &r.labels)
        .filter_map(|(_, _, both)| *both)
        .collect();
    let agreed = pairs.iter().filter(|(a, b)| a.addressed() == b.addressed()).count();
    let two = rows.iter().filter(|r| r.two_readers).count();
    let documents: BTreeSet<&str> =
        rows.iter().filter(|r| r.two_readers).map(|r| r.document.as_str()).collect();
    println!(
        "\nreaders: {two} packet x level rows from {} outside-author documents, {} labels; Cohen's kappa {:.2} \
         (addressed or not), {:.2} (covered / weak / none); {agreed} labels agree on addressed and are scored",
        documents.len(),
        pairs.len(),
        data::kappa(&pairs, true),
        data::kappa(&pairs, false)
    );
}

/// The previous method's decisions, from `fixtures/labelled/previous-method.json`.
pub(crate) fn previous(rows: &[Row]) -> Decisions {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/labelled/previous-method.json");
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("previous-method.json"))
            .expect("previous-method.json parses");
    rows.iter()
        .map(|row| {
            let statuses = &json["packets"][&row.name];
            assert!(statuses.is_object(), "previous-method.json has no packet {}", row.name);
            row.labels
                .iter()
                .map(|(id, _, _)| match statuses[id].as_str() {
                    Some("covered") => (true, true),
                    Some("weak") => (true, false),
                    _ => (false, false),
                })
                .collect()
        })
        .collect()
}

/// The baselines, computed on the rows of an imported ladder (no patterns,
/// no examples: each expectation's profile is its own text).
pub(crate) fn baselines(rows: &[Row], plain: &[Row]) -> Vec<(&'static str, Decisions)> {
    let say_all: Decisions = rows.iter().map(|r| vec![(true, false); r.labels.len()]).collect();
    let by_claims =
        |row: &Row, hit: &dyn Fn(&promolint::analysis::score::Signals) -> bool| -> Vec<(bool, bool)> {
            (0..row.labels.len())
                .map(|e| {
                    let hits = row.claims.iter().filter(|(s, _)| s.as_ref().is_some_and(|s| hit(&s[e])));
                    let mut out = (false, false);
                    for (_, evidence) in hits {
                        out = (true, out.1 || *evidence);
                    }
                    out
                })
                .collect()
        };
    let two_shared: Decisions = plain.iter().map(|r| by_claims(r, &|s| s.two_shared > 0.0)).collect();
    // TF-IDF: the best claim's cosine against a threshold chosen on the other
    // documents (the F1-best of a grid).
    let documents: BTreeSet<&str> = plain.iter().map(|r| r.document.as_str()).collect();
    let mut tfidf: Decisions = vec![Vec::new(); plain.len()];
    for held_out in documents {
        let threshold = (1..60)
            .map(|i| i as f32 / 100.0)
            .max_by(|&a, &b| {
                let f = |t: f32| {
                    let mut tally = Tally::default();
                    for (row, r) in rows.iter().zip(plain).filter(|(_, r)| r.document != held_out) {
                        tally.add(Tally::of(row, &by_claims(r, &|s| s.lexical >= t)));
                    }
                    tally.f1()
                };
                f(a).total_cmp(&f(b))
            })
            .unwrap_or(0.2);
        for (i, r) in plain.iter().enumerate().filter(|(_, r)| r.document == held_out) {
            tfidf[i] = by_claims(r, &|s| s.lexical >= threshold);
        }
    }
    vec![
        ("say addressed to all", say_all),
        ("TF-IDF cosine, LODO threshold", tfidf),
        ("two shared words", two_shared),
    ]
}

/// Prints each row's figures, new method beside the previous.
pub(crate) fn per_row(
    rows: &[Row],
    new: &[Vec<(bool, bool)>],
    previous: &[Vec<(bool, bool)>],
    shown: &dyn Fn(&Row) -> bool,
) {
    println!("\n{:<72} {:>6} {:>11} {:>11}", "row (packet x level)", "labels", "new P/R", "previous P/R");
    for ((row, n), p) in rows.iter().zip(new).zip(previous).filter(|((r, _), _)| shown(r)) {
        let (tn, tp) = (Tally::of(row, n), Tally::of(row, p));
        let labelled = row.labels.iter().filter(|(_, a, _)| a.is_some()).count();
        println!(
            "{:<72} {labelled:>6} {:>5.2}/{:<5.2} {:>5.2}/{:<5.2}",
            row.name,
            tn.precision(),
            tn.recall(),
            tp.precision(),
            tp.recall()
        );
    }
}

/// Writes `rules/FILE` (`mapping.yaml` or `mapping-imported.yaml`) with
/// `model`'s weights; `rows` says which rows they were fitted on.
pub(crate) fn write_weights(model: &MappingFile, file: &str, rows: &str) {
    let header = "# The weights of the mapping score (docs/mapping.md says what each means).\n\
         # Fitted by `WEIGHTS=overwrite cargo test --release --test accuracy` on every\n\
         # agreed label of fixtures/labelled/ (logistic regression, multiple-instance:\n\
         # a packet's best claim per expectation). Do not edit by hand.\n";
    let round = |x: f32, places: i32| {
        let f = 10f32.powi(places);
        (x * f).round() / f
    };
    let w = model.weights.to_array().map(|w| round(w, 4));
    let shipped = MappingFile {
        source: Some(format!("fitted on fixtures/labelled ({rows})")),
        cutoff: round(model.cutoff, 3),
        intercept: round(model.intercept, 4),
        weights: Weights::from_array(w),
        ..model.clone()
    };
    let body = serde_saphyr::to_string(&shipped).expect("the model serialises");
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules").join(file);
    std::fs::write(&path, format!("{header}{body}")).expect("write the weights file");
    println!("\nwrote {}", path.display());
}

/// The status `check` gives each expectation of a row's packet.
pub(crate) fn check_statuses(row: &Row, rules: &RuleSet) -> BTreeMap<String, String> {
    let dir = tempfile::TempDir::new().expect("temp dir");
    let text = match row.name.split_once("--") {
        Some((doc, level)) => {
            let (ladder, target) = row.level.split_once('/').expect("ladder/level");
            assert!(level.ends_with(target));
            data::packet_text(doc, ladder, target)
        }
        None => std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("fixtures/labelled/{}.md", row.name)),
        )
        .expect("packet"),
    };
    let path = dir.path().join("packet.md");
    std::fs::write(&path, text).expect("write packet");
    let mut sources = Sources::new();
    let run = check::check(std::slice::from_ref(&path), rules, &CheckOptions::default(), &mut sources);
    let report = &run.reports[0];
    let (level, analysis) = (report.level.expect("level"), report.analysis.as_ref().expect("analysis"));
    level
        .expectations
        .iter()
        .zip(&analysis.expectations)
        .map(|(e, c)| (e.id.clone(), format!("{:?}", c.status).to_lowercase()))
        .collect()
}

/// The 95% interval of precision, recall and F1 over `rows` when the
/// documents are resampled with replacement (2,000 resamples, a fixed seed):
/// how far the figures could move on another set of documents like these,
/// so that a change smaller than the interval is read as noise.
pub(crate) fn interval(rows: &[Row], predicted: &[Vec<(bool, bool)>]) -> String {
    let mut by_document: std::collections::BTreeMap<&str, Tally> = std::collections::BTreeMap::new();
    for (row, p) in rows.iter().zip(predicted) {
        by_document.entry(row.document.as_str()).or_default().add(Tally::of(row, p));
    }
    let documents: Vec<Tally> = by_document.into_values().collect();
    // xorshift64: a fixed, dependency-free stream; only its spread matters.
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let (mut p, mut r, mut f) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..2000 {
        let mut t = Tally::default();
        for _ in 0..documents.len() {
            t.add(documents[(next() % documents.len() as u64) as usize]);
        }
        p.push(t.precision());
        r.push(t.recall());
        f.push(t.f1());
    }
    let range = |v: &mut Vec<f64>| {
        v.sort_by(f64::total_cmp);
        let at = |q: f64| v[((v.len() - 1) as f64 * q).round() as usize];
        format!("{:.2}-{:.2}", at(0.025), at(0.975))
    };
    format!(
        "95% interval over {} documents resampled: P {}  R {}  F1 {}",
        documents.len(),
        range(&mut p),
        range(&mut r),
        range(&mut f)
    )
}
