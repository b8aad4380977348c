//! Mapping accuracy against the labelled set in `fixtures/labelled/`.
//!
//! Each packet there has a labels file saying, for every expectation of its
//! level, what a careful human reader judges: covered, weak or none. This test
//! prints precision and recall of "addressed" (covered + weak) and the
//! accuracy of covered-vs-weak, for the `tune` half (patterns and scores were
//! tuned on it) and the `measure` half (held out), and fails if either falls
//! below the floors recorded here.
//!
//! Run: `cargo test --test accuracy -- --nocapture`

#![allow(clippy::disallowed_macros, clippy::print_stdout)] // this test reports figures

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use promolint::analysis::Status;
use promolint::check::{self, CheckOptions};
use promolint::rules::RuleSet;
use promolint::source::Sources;
use serde::Deserialize;

#[derive(Deserialize)]
struct Labels {
    split: String,
    #[allow(dead_code)]
    source: Option<String>,
    labels: BTreeMap<String, String>,
}

#[derive(Default, Debug, Clone, Copy)]
struct Tally {
    tp: usize,
    fp: usize,
    fn_: usize,
    both_addressed: usize,
    kind_agrees: usize,
}

impl Tally {
    fn add(&mut self, o: Tally) {
        self.tp += o.tp;
        self.fp += o.fp;
        self.fn_ += o.fn_;
        self.both_addressed += o.both_addressed;
        self.kind_agrees += o.kind_agrees;
    }
    fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    fn kind_accuracy(&self) -> f64 {
        ratio(self.kind_agrees, self.both_addressed)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}

fn labelled_packets() -> Vec<(PathBuf, Labels)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/labelled");
    let mut out = Vec::new();
    let mut entries: Vec<PathBuf> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    entries.sort();
    for path in entries {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if let Some(stem) = name.strip_suffix(".labels.yaml") {
            let labels: Labels = serde_saphyr::from_str(&std::fs::read_to_string(&path).unwrap())
                .unwrap_or_else(|e| panic!("{name}: {e}"));
            out.push((dir.join(format!("{stem}.md")), labels));
        }
    }
    out
}

fn load_rules(sources: &mut Sources) -> RuleSet {
    let (rules, problems) = promolint::rules::load(&[] as &[&str], true, sources).unwrap();
    assert!(problems.is_empty());
    rules
}

#[test]
fn mapping_accuracy_on_the_labelled_set() {
    let mut sources = Sources::new();
    let rules = load_rules(&mut sources);
    let by_split = measure(&rules, &mut sources, "built-in rules");
    assert!(by_split.contains_key("tune") && by_split.contains_key("measure"), "both halves must be present");
    // Floors: a regression below these fails the build. They sit a little
    // under the figures measured when they were set (see the README).
    let measure = by_split["measure"];
    assert!(measure.precision() >= FLOOR_PRECISION, "measure precision {:.2}", measure.precision());
    assert!(measure.recall() >= FLOOR_RECALL, "measure recall {:.2}", measure.recall());
}

/// The same set with every pattern removed: how well a ladder imported from
/// Markdown (no patterns) maps on text similarity alone.
#[test]
fn text_similarity_alone_still_maps_sensibly() {
    let mut sources = Sources::new();
    let mut rules = load_rules(&mut sources);
    for ladder in &mut rules.ladders {
        for level in &mut ladder.levels {
            for e in &mut level.expectations {
                e.patterns.clear();
            }
        }
    }
    let by_split = measure(&rules, &mut sources, "patterns removed (text similarity only)");
    let all = by_split.values().fold(Tally::default(), |mut a, t| {
        a.add(*t);
        a
    });
    assert!(all.precision() >= FLOOR_TEXT_PRECISION, "text-only precision {:.2}", all.precision());
    assert!(all.recall() >= FLOOR_TEXT_RECALL, "text-only recall {:.2}", all.recall());
}

fn measure(rules: &RuleSet, sources: &mut Sources, title: &str) -> BTreeMap<String, Tally> {
    let packets = labelled_packets();
    assert!(packets.len() >= 8, "the labelled set needs at least eight packets");
    let mut by_split: BTreeMap<String, Tally> = BTreeMap::new();
    println!("\n{title}");
    println!("{:<50} {:>7} {:>9} {:>6} {:>11}", "packet", "split", "precision", "recall", "cov-vs-weak");
    for (path, labels) in &packets {
        let run = check::check(std::slice::from_ref(path), rules, &CheckOptions::default(), sources);
        let report = &run.reports[0];
        let (level, analysis) = (report.level.expect("level"), report.analysis.as_ref().expect("analysis"));
        let mut tally = Tally::default();
        for (e, cov) in level.expectations.iter().zip(&analysis.expectations) {
            let label = labels
                .labels
                .get(&e.id)
                .unwrap_or_else(|| panic!("{}: no label for expectation `{}`", path.display(), e.id));
            let truth_addressed = matches!(label.as_str(), "covered" | "weak");
            let predicted_addressed = matches!(cov.status, Status::Covered | Status::Weak);
            match (truth_addressed, predicted_addressed) {
                (true, true) => {
                    tally.tp += 1;
                    tally.both_addressed += 1;
                    let predicted = if cov.status == Status::Covered { "covered" } else { "weak" };
                    if predicted == label {
                        tally.kind_agrees += 1;
                    }
                }
                (false, true) => tally.fp += 1,
                (true, false) => tally.fn_ += 1,
                (false, false) => {}
            }
        }
        for id in labels.labels.keys() {
            assert!(
                level.expectation(id).is_some(),
                "{}: label for unknown expectation `{id}`",
                path.display()
            );
        }
        println!(
            "{:<50} {:>7} {:>9.2} {:>6.2} {:>11.2}",
            path.file_stem().unwrap().to_string_lossy(),
            labels.split,
            tally.precision(),
            tally.recall(),
            tally.kind_accuracy()
        );
        by_split.entry(labels.split.clone()).or_default().add(tally);
    }
    for (split, t) in &by_split {
        println!(
            "{split:<8} precision {:.2}  recall {:.2}  covered-vs-weak accuracy {:.2}  (tp {} fp {} fn {})",
            t.precision(),
            t.recall(),
            t.kind_accuracy(),
            t.tp,
            t.fp,
            t.fn_
        );
    }
    by_split
}

const FLOOR_TEXT_PRECISION: f64 = 0.6;
const FLOOR_TEXT_RECALL: f64 = 0.75;
const FLOOR_PRECISION: f64 = 0.85;
const FLOOR_RECALL: f64 = 0.55;
