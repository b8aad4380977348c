//! How the imported-ladder score's mix (`analysis::imported::SHIPPED`) was
//! chosen: on ladder-only data that the import benchmark does not use, the
//! built-in rule files' own levels with every pattern, guard and example
//! taken out of the ladder, so that they read like an imported ladder.
//!
//! Two design tasks, over every built-in level:
//!
//! - text → area: each expectation's text, left out of the ladder, is
//!   mapped to the area of the expectation it scores highest against (the
//!   import benchmark's task, on other ladders);
//! - example → expectation: each "evidence could be" example is mapped to
//!   the expectation it scores highest against (the ladder has every
//!   expectation's text, no examples).
//!
//! And, since session 8, one public ladder that the import benchmark does not
//! use, Medium's Snowflake growth framework
//! (`fixtures/corpus/B/medium-snowflake-tracks.yml`, Apache-2.0): 16 tracks
//! of 5 milestones, each milestone a summary, signals and examples.
//!
//! - example → track: leaving one milestone out at a time, the ladder holds
//!   every other milestone's summary and signals, each an expectation whose
//!   area is its track, and each example of the held-out milestone (a
//!   claim-like line: "Designed iOS caching strategy for product search") is
//!   mapped to the track of the expectation it scores highest against.
//!
//! The rule, fixed before any figure was seen (the third task and the
//! areas' own IDF were added in session 8 by a rule written down before
//! either was scored): the mix with the best mean of the tasks' top-1 wins,
//! each task counting equally; among mixes within one query of it, the one
//! listed first (the simpler: fewer signals). The figures are printed, and
//! the test fails if the shipped mix is not that winner, so the choice can be
//! rechecked by anyone.
//!
//! Run: `cargo test --release --test import_design -- --nocapture`.

#![allow(clippy::disallowed_macros, clippy::print_stdout)] // this test reports figures

mod mixes;

use mixes::candidates;
use promolint::analysis::imported::{ImportedModel, ImportedWeights, Parts6, SHIPPED};
use promolint::analysis::terms::Terms;
use promolint::rules::{Expectation, RuleSet};
use promolint::source::Sources;
use serde::Deserialize;

fn rules() -> RuleSet {
    let mut sources = Sources::new();
    let (rules, problems) = promolint::rules::load(&[] as &[&str], true, &mut sources).unwrap();
    assert!(problems.is_empty(), "{problems:?}");
    rules
}

/// Index of the highest score; ties go to ladder order.
fn order(scores: &[f32]) -> Vec<usize> {
    let mut o: Vec<usize> = (0..scores.len()).collect();
    o.sort_by(|&a, &b| scores[b].total_cmp(&scores[a]));
    o
}

/// The design tasks, in the order they are printed.
const TASKS: [&str; 3] = ["text → area", "example → expectation", "Snowflake example → track"];

/// Every query of the design tasks: for each, the four score parts against
/// each expectation of its ladder ([`ImportedModel::components`]), under
/// every setting of bigrams and the areas' own IDF, and the index of the
/// right answer's group.
struct Query {
    /// Parts per expectation, indexed by [`setting`].
    parts: [Vec<Parts6>; 4],
    /// Which group each expectation is in (its area, or itself).
    group: Vec<usize>,
    /// The right group.
    right: usize,
    /// Index into [`TASKS`].
    task: usize,
}

/// Index into [`Query::parts`] of a mix's bigram and area-IDF settings.
fn setting(w: &ImportedWeights) -> usize {
    usize::from(w.bigrams) * 2 + usize::from(w.area_idf)
}

/// Every weight on, so that every part is computed, under setting `i`.
fn all_parts(i: usize) -> ImportedWeights {
    ImportedWeights {
        own_lexical: 1.0,
        area_lexical: 1.0,
        own_semantic: 1.0,
        area_semantic: 1.0,
        name_lexical: 1.0,
        name_semantic: 1.0,
        bigrams: i / 2 == 1,
        area_idf: i % 2 == 1,
    }
}

/// The four score parts of `text` against `expectations`, under every setting.
fn parts_of(rules: &RuleSet, expectations: &[Expectation], text: &str) -> [Vec<Parts6>; 4] {
    [0, 1, 2, 3].map(|i| {
        ImportedModel::uncalibrated(expectations, Terms::new(&rules.vocabulary), all_parts(i))
            .components(text)
    })
}

#[derive(Deserialize)]
struct SnowflakeFile {
    tracks: Vec<SnowflakeTrack>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct SnowflakeTrack {
    display_name: String,
    milestones: Vec<SnowflakeMilestone>,
}

#[derive(Deserialize)]
struct SnowflakeMilestone {
    summary: String,
    signals: Vec<String>,
    examples: Vec<String>,
}

/// The Snowflake task's queries (see the module's doc).
fn snowflake(rules: &RuleSet) -> Vec<Query> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/corpus/B/medium-snowflake-tracks.yml");
    let text =
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let file: SnowflakeFile = serde_saphyr::from_str(&text).expect("the Snowflake tracks parse");
    assert_eq!(file.tracks.len(), 16, "Snowflake has 16 tracks");
    assert!(file.tracks.iter().all(|t| t.milestones.len() == 5), "each track has 5 milestones");
    let mut out = Vec::new();
    for held_out in 0..5 {
        let mut ladder: Vec<Expectation> = Vec::new();
        let mut group: Vec<usize> = Vec::new();
        for (t, track) in file.tracks.iter().enumerate() {
            for (_, milestone) in track.milestones.iter().enumerate().filter(|(m, _)| *m != held_out) {
                for line in std::iter::once(&milestone.summary).chain(&milestone.signals) {
                    let origin = promolint::rules::Origin { file: promolint::source::FileId(0), range: 0..0 };
                    let id = format!("e{}", ladder.len());
                    ladder.push(Expectation::plain(id, track.display_name.clone(), line.clone(), origin));
                    group.push(t);
                }
            }
        }
        // One ladder for every query of this fold: its models are built once.
        let models = [0, 1, 2, 3]
            .map(|i| ImportedModel::uncalibrated(&ladder, Terms::new(&rules.vocabulary), all_parts(i)));
        for (t, track) in file.tracks.iter().enumerate() {
            for example in &track.milestones[held_out].examples {
                out.push(Query {
                    parts: [0, 1, 2, 3].map(|i| models[i].components(example)),
                    group: group.clone(),
                    right: t,
                    task: 2,
                });
            }
        }
    }
    out
}

/// The design tasks' queries, each scored once per bigram setting; a mix is
/// then weighed on the parts, so that the models are built once, not once
/// per mix.
fn queries(rules: &RuleSet) -> Vec<Query> {
    let mut out = Vec::new();
    for level in rules.levels() {
        let plain: Vec<Expectation> = level
            .expectations
            .iter()
            .map(|e| Expectation {
                patterns: Vec::new(),
                guards: Vec::new(),
                examples: Vec::new(),
                ..e.clone()
            })
            .collect();
        let areas: Vec<&str> = plain.iter().map(|e| e.area.as_str()).collect();
        let area_index = |name: &str| areas.iter().position(|a| *a == name).unwrap_or(0);
        for (i, held_out) in plain.iter().enumerate() {
            let rest: Vec<Expectation> =
                plain.iter().enumerate().filter(|(j, _)| *j != i).map(|(_, e)| e.clone()).collect();
            if !rest.iter().any(|e| e.area == held_out.area) {
                continue; // an area of one: no answer can be right
            }
            out.push(Query {
                parts: parts_of(rules, &rest, &held_out.text),
                group: rest.iter().map(|e| area_index(&e.area)).collect(),
                right: area_index(&held_out.area),
                task: 0,
            });
        }
        let models = [0, 1, 2, 3]
            .map(|i| ImportedModel::uncalibrated(&plain, Terms::new(&rules.vocabulary), all_parts(i)));
        for (own, e) in level.expectations.iter().enumerate() {
            for example in &e.examples {
                out.push(Query {
                    parts: [0, 1, 2, 3].map(|i| models[i].components(example)),
                    group: (0..plain.len()).collect(),
                    right: own,
                    task: 1,
                });
            }
        }
    }
    out.extend(snowflake(rules));
    out
}

/// Per task of [`TASKS`]: (right top-1s, queries) under `w`.
fn evaluate(queries: &[Query], w: ImportedWeights) -> [(usize, usize); 3] {
    let mut out = [(0, 0); 3];
    for q in queries {
        let scores: Vec<f32> = q.parts[setting(&w)].iter().map(|p| w.combine(p)).collect();
        out[q.task].0 += usize::from(q.group[order(&scores)[0]] == q.right);
        out[q.task].1 += 1;
    }
    out
}

#[test]
fn shipped_mix_is_the_design_tasks_choice() {
    let rules = rules();
    let queries = queries(&rules);
    println!("| mix | {} top-1 | mean |", TASKS.join(" top-1 | "));
    println!("| --- |{} --- |", " --- |".repeat(TASKS.len()));
    let mut results = Vec::new();
    for (name, w) in candidates() {
        let figures = evaluate(&queries, w);
        assert!(figures.iter().all(|(_, n)| *n > 0), "a design task has no query");
        let mean = figures.iter().map(|(r, n)| *r as f64 / *n as f64).sum::<f64>() / TASKS.len() as f64;
        let cells: Vec<String> =
            figures.iter().map(|(r, n)| format!("{:.3} ({r}/{n})", *r as f64 / *n as f64)).collect();
        println!("| {name} | {} | {mean:.3} |", cells.join(" | "));
        results.push((name, w, mean, figures.iter().map(|f| f.1).sum::<usize>()));
    }
    let best = results.iter().map(|r| r.2).fold(0.0f64, f64::max);
    let queries = results[0].3 as f64;
    // Within one query (of the tasks' mean) of the best: the first listed.
    let chosen = results.iter().find(|r| r.2 >= best - 1.0 / queries).unwrap();
    println!("\nchosen: {} (mean top-1 {:.3}; best {best:.3})", chosen.0, chosen.2);
    assert_eq!(chosen.1, SHIPPED, "analysis::imported::SHIPPED is not the design tasks' choice");
}
