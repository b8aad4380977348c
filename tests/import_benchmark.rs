//! Import benchmark: how well a company's imported ladder (expectations with
//! their wording only: no patterns, no guards, no examples) maps a piece of
//! text to the right part of the ladder, printed beside a plain TF-IDF
//! baseline computed in the same run.
//!
//! The data are two public ladders vendored in `fixtures/corpus/B/`, each with
//! its source and licence on line 1, read here as they are:
//!
//! - Sourcegraph's engineering career framework
//!   (`sourcegraph-eng-career-framework-ic1-ic5-behaviors.md`, Apache-2.0):
//!   the example behaviours of IC1 to IC5, the bullets of the first three
//!   columns of the "IC Levels" HTML table, whose headings are the areas
//!   (Proficiency, Execution, Teamwork). The fourth column (notes and
//!   analogies), the level summaries and the management levels are left out.
//! - The Financial Times' engineering progression
//!   (`ft-engineering-progression-engineering.yml`, MIT): one competency
//!   summary per level and theme, 8 levels by 9 themes. A summary written as
//!   a numbered list is one text, its list numbers removed (they would tell
//!   the plain baseline which theme is Technical).
//!
//! Each task leaves one level out at a time: every behaviour (competency) of
//! that level is a query, and the ladder is a [`Level`] built here with one
//! expectation per behaviour of every other level, its area the behaviour's
//! area (theme). A query is predicted to the area of the expectation it
//! scores highest against, ties going to ladder order (the other levels'
//! behaviours in the source's order); top-3 counts it right
//! when its area is among the distinct areas of its three best-scoring
//! expectations. The scorers, on the same folds:
//!
//! - new: the imported-ladder score that `check` maps such a level with
//!   (`analysis::imported`, the [`LevelMatcher`]'s `imported` model; its mix
//!   chosen on other data, see `import_design.rs`);
//! - before session 16: the same score with the mix shipped from session 8
//!   to session 15 (no area-name parts);
//! - before session 8: the same score with the mix shipped from session 4
//!   to session 7 (no area-semantic part), chosen on the design tasks
//!   before they gained the Snowflake task;
//! - previous: the logistic score with the weights fitted for imported
//!   ladders (`rules/mapping-imported.yaml`), the signals computed by the
//!   functions the check path uses (see `analysis::claim_signals`) for a list
//!   item with no heading or parent;
//! - promolint's lexical signal alone: TF-IDF cosine over stemmed terms,
//!   stop words out, concept groups joined;
//! - plain TF-IDF cosine: lowercase tokens split at every character that is
//!   not a letter or digit, no stemming, no stop words, smooth IDF over the
//!   ladder's expectations;
//! - chance: what a random ranking scores on average, for scale.
//!
//! Below the table: how many levels, areas and queries each task has, how
//! many queries have a verbatim twin at another level, on how many queries
//! each promolint scorer's top-1 is right where the baseline's is wrong and
//! the reverse, and how many top-1s ladder order decided (a best score shared
//! by expectations of different areas).
//!
//! Below that: at the level's cutoff, how many queries the new and previous
//! score map to nothing and to how many expectations; and a cross-task check
//! of the design rule (the candidate mix of `mixes/` with the best top-1 on
//! one task, scored on the other).
//!
//! The figures are reported, not asserted: the test checks only what cannot
//! change from run to run (how many queries each source gives, that each is
//! a claim the check path would score, and that every scorer's top-3 is at
//! least its top-1).
//!
//! Run: `cargo test --release --test import_benchmark -- --nocapture`.

#![allow(clippy::disallowed_macros, clippy::print_stdout)] // this test reports figures

mod mixes;

use std::collections::HashMap;
use std::path::Path;

use promolint::analysis::imported::{ImportedModel, ImportedWeights, Parts6, SHIPPED};
use promolint::analysis::matcher::LevelMatcher;
use promolint::analysis::score::{self, ClaimContext};
use promolint::analysis::terms::Terms;
use promolint::packet::ClaimKind;
use promolint::rules::{Expectation, Level, Origin, RuleSet};
use promolint::source::{FileId, Sources};
use regex::Regex;
use serde::Deserialize;

/// One behaviour (competency) of a ladder.
struct Item {
    level: String,
    area: String,
    text: String,
}

/// One benchmark: its name and its items in ladder order.
struct Task {
    name: &'static str,
    items: Vec<Item>,
}

fn corpus(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/corpus/B").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The behaviours of IC1 to IC5, from the HTML table under "## IC Levels".
fn sourcegraph() -> Task {
    let text = corpus("sourcegraph-eng-career-framework-ic1-ic5-behaviors.md");
    let start = text.find("## IC Levels").expect("an IC Levels section");
    let end = start + text[start..].find("</table>").expect("the end of the IC table");
    let table = &text[start..end];
    let header = Regex::new(r#"<th scope="col" class="category-title">([^<]+)</th>"#).unwrap();
    let areas: Vec<&str> = header.captures_iter(table).map(|c| c.get(1).unwrap().as_str()).collect();
    assert_eq!(areas[..3], ["Proficiency", "Execution", "Teamwork"], "the table's columns");
    let marker = Regex::new(r"<!-- (IC\d) -->").unwrap();
    let cell = Regex::new(r#"(?s)<td class="behaviors">(.*?)</td>"#).unwrap();
    let bullet = Regex::new(r"(?s)<li>(.*?)</li>").unwrap();
    let tag = Regex::new(r"<[^>]+>").unwrap();
    let marks: Vec<(usize, usize, &str)> = marker
        .captures_iter(table)
        .map(|c| {
            let m = c.get(0).unwrap();
            (m.start(), m.end(), c.get(1).unwrap().as_str())
        })
        .collect();
    let mut items = Vec::new();
    for (i, &(_, at, level)) in marks.iter().enumerate() {
        let block = &table[at..marks.get(i + 1).map_or(table.len(), |m| m.0)];
        // The first three cells are the areas; the fourth holds notes, not behaviours.
        for (c, area) in cell.captures_iter(block).zip(&areas[..3]) {
            for b in bullet.captures_iter(&c[1]) {
                let text = squash(&tag.replace_all(&b[1], ""));
                items.push(Item { level: level.to_owned(), area: (*area).to_owned(), text });
            }
        }
    }
    Task { name: "Sourcegraph IC1-IC5 (area)", items }
}

#[derive(Deserialize)]
struct FtFile {
    levels: Vec<FtNamed>,
    themes: Vec<FtNamed>,
    competencies: Vec<FtCompetency>,
}

#[derive(Deserialize)]
struct FtNamed {
    id: String,
    name: String,
}

#[derive(Deserialize)]
struct FtCompetency {
    level: String,
    theme: String,
    summary: String,
}

/// The competencies of every level, in the order of `levels`, each with its theme's name.
fn ft() -> Task {
    let file: FtFile = serde_saphyr::from_str(&corpus("ft-engineering-progression-engineering.yml"))
        .expect("the FT progression parses");
    let themes: HashMap<&str, &str> = file.themes.iter().map(|t| (t.id.as_str(), t.name.as_str())).collect();
    let numbering = Regex::new(r"(?m)^\s*\d+\.\s+").unwrap();
    let mut items = Vec::new();
    for level in &file.levels {
        for c in file.competencies.iter().filter(|c| c.level == level.id) {
            let area = themes.get(c.theme.as_str()).unwrap_or_else(|| panic!("unknown theme {}", c.theme));
            let text = squash(&numbering.replace_all(&c.summary, ""));
            items.push(Item { level: level.id.clone(), area: (*area).to_owned(), text });
        }
    }
    Task { name: "FT engineering (theme)", items }
}

/// A level with one expectation per item: its text and area, nothing else,
/// as `rules import` would give a company's ladder.
fn ladder(items: &[&Item]) -> Level {
    let origin = Origin { file: FileId(0), range: 0..0 };
    let expectations = items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            Expectation::plain(format!("e{i}"), item.area.clone(), item.text.clone(), origin.clone())
        })
        .collect();
    Level {
        ladder: "import-benchmark".to_owned(),
        ladder_name: "Import benchmark".to_owned(),
        id: "held-out".to_owned(),
        title: "Every other level".to_owned(),
        summary: None,
        extends: None,
        source_note: None,
        notes: Vec::new(),
        scope: None,
        expectations,
        red_flags: Vec::new(),
        origin,
        builtin: false,
    }
}

/// The previous method's signals of `text` (a list item with no heading or parent).
fn previous_signals(matcher: &LevelMatcher, text: &str) -> Vec<score::Signals> {
    let counts = score::pattern_counts(matcher, text);
    let terms = matcher.lexical.claim_terms(text);
    let lexical = matcher.lexical.score_all(&terms);
    let semantic = matcher.semantic(text);
    let context = ClaimContext { semantic: &semantic, ..ClaimContext::default() };
    score::signals(&counts, &lexical, terms.count, context)
}

/// promolint's score and lexical cosine of `text` against every expectation,
/// as the check path computes them for a list item with no heading or parent.
fn promolint_scores(matcher: &LevelMatcher, text: &str) -> (Vec<f32>, Vec<f32>) {
    let signals = previous_signals(matcher, text);
    let scores = signals.iter().map(|s| score::score(&matcher.model, s)).collect();
    let terms = matcher.lexical.claim_terms(text);
    (scores, matcher.lexical.score_all(&terms).iter().map(|l| l.cosine).collect())
}

fn tokens(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase)
}

/// Plain TF-IDF: raw term counts, IDF `ln((1 + n) / (1 + df)) + 1` over the
/// ladder's expectations, cosine; query words the ladder never uses are left out.
struct PlainTfidf {
    idf: HashMap<String, f32>,
    docs: Vec<(HashMap<String, f32>, f32)>,
}

impl PlainTfidf {
    fn counts(text: &str) -> HashMap<String, f32> {
        let mut c = HashMap::new();
        for t in tokens(text) {
            *c.entry(t).or_insert(0.0) += 1.0;
        }
        c
    }

    fn new(texts: &[&str]) -> Self {
        let counts: Vec<HashMap<String, f32>> = texts.iter().map(|t| Self::counts(t)).collect();
        let mut df: HashMap<String, f32> = HashMap::new();
        for c in &counts {
            for t in c.keys() {
                *df.entry(t.clone()).or_insert(0.0) += 1.0;
            }
        }
        let n = texts.len() as f32;
        let idf: HashMap<String, f32> =
            df.into_iter().map(|(t, d)| (t, ((1.0 + n) / (1.0 + d)).ln() + 1.0)).collect();
        let docs = counts
            .into_iter()
            .map(|c| {
                let v: HashMap<String, f32> = c.into_iter().map(|(t, n)| (t.clone(), n * idf[&t])).collect();
                let norm = v.values().map(|w| w * w).sum::<f32>().sqrt();
                (v, norm)
            })
            .collect();
        PlainTfidf { idf, docs }
    }

    fn scores(&self, text: &str) -> Vec<f32> {
        let q: HashMap<String, f32> = Self::counts(text)
            .into_iter()
            .filter_map(|(t, n)| self.idf.get(&t).map(|idf| (t, n * idf)))
            .collect();
        let q_norm = q.values().map(|w| w * w).sum::<f32>().sqrt();
        self.docs
            .iter()
            .map(|(d, norm)| {
                let dot: f32 = q.iter().map(|(t, w)| w * d.get(t).copied().unwrap_or(0.0)).sum();
                if q_norm > 0.0 && *norm > 0.0 { dot / (q_norm * norm) } else { 0.0 }
            })
            .collect()
    }
}

/// One scorer's results over a task.
#[derive(Default, Clone)]
struct Tally {
    /// Per query, in task order: whether its top-1 was right (empty for chance).
    right: Vec<bool>,
    /// Right answers (expected ones, for chance) at top-1 and top-3.
    top1: f64,
    top3: f64,
    queries: usize,
    /// Queries whose best score is shared by expectations of different
    /// areas, so that ladder order decided the top-1.
    tied: usize,
    /// At the level's cutoff (new and previous score only): queries that map
    /// to nothing, mappings in all, queries that map to an expectation of their area.
    none: usize,
    mapped: usize,
    area_mapped: usize,
}

impl Tally {
    /// Counts one query scored by `scores` against a ladder whose areas are `areas`.
    fn add(&mut self, scores: &[f32], areas: &[&str], truth: &str) {
        assert!(scores.iter().all(|s| s.is_finite()), "a score is not finite");
        let mut order: Vec<usize> = (0..scores.len()).collect();
        // A stable sort: ties stay in ladder order.
        order.sort_by(|&a, &b| scores[b].total_cmp(&scores[a]));
        let mut top: Vec<&str> = Vec::new();
        for &e in order.iter().take(3) {
            if !top.contains(&areas[e]) {
                top.push(areas[e]);
            }
        }
        self.right.push(top[0] == truth);
        self.top1 += f64::from(u8::from(top[0] == truth));
        self.top3 += f64::from(u8::from(top.contains(&truth)));
        let best = scores[order[0]];
        self.tied += usize::from(order.iter().any(|&e| scores[e] == best && areas[e] != areas[order[0]]));
        self.queries += 1;
    }

    /// Counts what a claim maps to at the level's cutoff: `maps` as
    /// (expectation, score), best first.
    fn decided(&mut self, maps: &[(usize, f32)], areas: &[&str], truth: &str) {
        self.none += usize::from(maps.is_empty());
        self.mapped += maps.len();
        self.area_mapped += usize::from(maps.iter().any(|(e, _)| areas[*e] == truth));
    }

    /// Adds what a random ranking of `areas` scores on average for a query of area `truth`.
    fn add_chance(&mut self, areas: &[&str], truth: &str) {
        let n = areas.len() as f64;
        let k = areas.iter().filter(|a| **a == truth).count() as f64;
        let miss3 = (n - k) * (n - k - 1.0) * (n - k - 2.0) / (n * (n - 1.0) * (n - 2.0));
        self.top1 += k / n;
        self.top3 += 1.0 - miss3;
        self.queries += 1;
    }

    /// `0.68 (66)`: the share and the count (expected count, for chance).
    fn cell(&self, hits: f64) -> String {
        let q = self.queries as f64;
        if self.right.is_empty() {
            format!("{:.2} ({hits:.1})", hits / q)
        } else {
            format!("{:.2} ({hits})", hits / q)
        }
    }
}

/// The imported-ladder mix shipped from session 8 to session 15, before the
/// areas' names were a part of the score.
const SESSION_8_MIX: ImportedWeights = ImportedWeights {
    own_lexical: 1.0,
    area_lexical: 1.0,
    own_semantic: 0.5,
    area_semantic: 0.5,
    name_lexical: 0.0,
    name_semantic: 0.0,
    bigrams: true,
    area_idf: false,
};

/// The imported-ladder mix shipped from session 4 to session 7, before the
/// design tasks gained the Snowflake task (`import_design.rs`).
const SESSION_4_MIX: ImportedWeights = ImportedWeights {
    own_lexical: 1.0,
    area_lexical: 1.0,
    own_semantic: 0.5,
    area_semantic: 0.0,
    name_lexical: 0.0,
    name_semantic: 0.0,
    bigrams: true,
    area_idf: false,
};

/// Index of the plain TF-IDF baseline in [`SCORERS`].
const BASELINE: usize = 6;

/// Index of the logistic score in [`SCORERS`].
const LOGISTIC: usize = 3;

const SCORERS: [&str; 8] = [
    "new: imported-ladder score",
    "before session 16: imported-ladder score, session 8's mix",
    "before session 8: imported-ladder score, session 4's mix",
    "previous: logistic score (mapping-imported.yaml)",
    "promolint lexical cosine",
    "promolint semantic cosine",
    "plain TF-IDF cosine (baseline)",
    "chance (random ranking)",
];

/// The tallies of every scorer over `task`, leaving one level out at a time.
fn run(task: &Task, rules: &RuleSet) -> [Tally; 8] {
    let mut tallies: [Tally; 8] = Default::default();
    let mut levels: Vec<&str> = task.items.iter().map(|i| i.level.as_str()).collect();
    levels.dedup();
    for held_out in levels {
        let rest: Vec<&Item> = task.items.iter().filter(|i| i.level != held_out).collect();
        let level = ladder(&rest);
        let matcher = LevelMatcher::new(&level, rules);
        let new = matcher.imported.as_ref().expect("a level with no patterns gets the imported-ladder score");
        let texts: Vec<&str> = rest.iter().map(|i| i.text.as_str()).collect();
        let plain = PlainTfidf::new(&texts);
        let before = [SESSION_8_MIX, SESSION_4_MIX]
            .map(|w| ImportedModel::uncalibrated(&level.expectations, Terms::new(&rules.vocabulary), w));
        let areas: Vec<&str> = rest.iter().map(|i| i.area.as_str()).collect();
        for query in task.items.iter().filter(|i| i.level == held_out) {
            let (mapped, cosine) = promolint_scores(&matcher, &query.text);
            let (maps, _) = new.decide(&query.text, matcher.model.max_per_claim);
            tallies[0].decided(&maps, &areas, &query.area);
            let (maps, _) =
                score::decide(&matcher.model, matcher.cutoff, &previous_signals(&matcher, &query.text));
            tallies[LOGISTIC].decided(&maps, &areas, &query.area);
            tallies[0].add(&new.scores(&query.text), &areas, &query.area);
            tallies[1].add(&before[0].scores(&query.text), &areas, &query.area);
            tallies[2].add(&before[1].scores(&query.text), &areas, &query.area);
            tallies[LOGISTIC].add(&mapped, &areas, &query.area);
            tallies[4].add(&cosine, &areas, &query.area);
            tallies[5].add(&matcher.semantic(&query.text), &areas, &query.area);
            tallies[BASELINE].add(&plain.scores(&query.text), &areas, &query.area);
            tallies[7].add_chance(&areas, &query.area);
        }
    }
    tallies
}

/// Every weight on, so that every part is computed, with the bigram and
/// area-IDF settings of `w`.
fn all_parts(w: &ImportedWeights) -> ImportedWeights {
    ImportedWeights {
        own_lexical: 1.0,
        area_lexical: 1.0,
        own_semantic: 1.0,
        area_semantic: 1.0,
        name_lexical: 1.0,
        name_semantic: 1.0,
        ..*w
    }
}

/// One query's score parts against every expectation, the expectations'
/// areas, and the query's own area.
type Weighable<'a> = (Vec<Parts6>, Vec<&'a str>, &'a str);

/// Per query of `task` (leaving one level out at a time), the score parts
/// against every expectation under the settings of `w`, the expectations'
/// areas and the query's area: computed once per setting, weighed per mix.
fn parts<'a>(task: &'a Task, rules: &RuleSet, w: ImportedWeights) -> Vec<Weighable<'a>> {
    let mut out = Vec::new();
    let mut levels: Vec<&str> = task.items.iter().map(|i| i.level.as_str()).collect();
    levels.dedup();
    for held_out in levels {
        let rest: Vec<&Item> = task.items.iter().filter(|i| i.level != held_out).collect();
        let level = ladder(&rest);
        let model = ImportedModel::uncalibrated(&level.expectations, Terms::new(&rules.vocabulary), w);
        let areas: Vec<&str> = rest.iter().map(|i| i.area.as_str()).collect();
        for query in task.items.iter().filter(|i| i.level == held_out) {
            out.push((model.components(&query.text), areas.clone(), query.area.as_str()));
        }
    }
    out
}

/// Top-1 and top-3 (shares) of the mix `w` over the queries of [`parts`].
fn with_mix(queries: &[Weighable<'_>], w: ImportedWeights) -> (f64, f64) {
    let mut tally = Tally::default();
    for (parts, areas, truth) in queries {
        let scores: Vec<f32> = parts.iter().map(|p| w.combine(p)).collect();
        tally.add(&scores, areas, truth);
    }
    let q = tally.queries as f64;
    (tally.top1 / q, tally.top3 / q)
}

/// Cross-task check of the design rule: the mix with the best top-1 on one
/// task (the first listed among equals), scored on the other, beside the
/// shipped mix (chosen on neither).
fn cross_task(tasks: &[Task; 2], rules: &RuleSet, baselines: [f64; 2]) {
    let candidates = mixes::candidates();
    // The parts of each task under each bigram and area-IDF setting.
    let settings: Vec<ImportedWeights> = [false, true]
        .iter()
        .flat_map(|&bigrams| {
            [false, true].map(|area_idf| all_parts(&ImportedWeights { bigrams, area_idf, ..SHIPPED }))
        })
        .collect();
    let by_setting: Vec<[Vec<Weighable<'_>>; 2]> =
        settings.iter().map(|s| [parts(&tasks[0], rules, *s), parts(&tasks[1], rules, *s)]).collect();
    let setting = |w: &ImportedWeights| usize::from(w.bigrams) * 2 + usize::from(w.area_idf);
    let figures: Vec<[(f64, f64); 2]> = candidates
        .iter()
        .map(|(_, w)| {
            let p = &by_setting[setting(w)];
            [with_mix(&p[0], *w), with_mix(&p[1], *w)]
        })
        .collect();
    println!("\n| reported on | mix chosen on | mix | top-1 | top-3 | plain TF-IDF top-1 |");
    println!("| --- | --- | --- | --- | --- | --- |");
    for (report, choose) in [(1usize, 0usize), (0, 1)] {
        let best = figures.iter().map(|f| f[choose].0).fold(0.0f64, f64::max);
        let chosen = figures.iter().position(|f| f[choose].0 == best).unwrap_or(0);
        let (top1, top3) = figures[chosen][report];
        println!(
            "| {} | {} (top-1 {best:.2} there) | {} | {top1:.2} | {top3:.2} | {:.2} |",
            tasks[report].name, tasks[choose].name, candidates[chosen].0, baselines[report]
        );
    }
}

/// Queries per level, in ladder order.
fn per_level(task: &Task) -> Vec<(&str, usize)> {
    let mut out: Vec<(&str, usize)> = Vec::new();
    for item in &task.items {
        match out.last_mut() {
            Some((level, n)) if *level == item.level => *n += 1,
            _ => out.push((&item.level, 1)),
        }
    }
    out
}

#[test]
fn import_benchmark() {
    let mut sources = Sources::new();
    let (rules, problems) = promolint::rules::load(&[] as &[&str], true, &mut sources).unwrap();
    assert!(problems.is_empty(), "{problems:?}");
    assert!(rules.mapping.is_some(), "the built-in rules ship fitted mapping weights");

    let tasks = [sourcegraph(), ft()];
    // Queries per level, in level order: the vendored data give exactly
    // these, so a change means the extraction changed.
    let expected: [&[usize]; 2] = [&[18, 21, 20, 19, 19], &[9; 8]];
    println!("| task | scorer | top-1 | top-3 | queries |");
    println!("| --- | --- | --- | --- | --- |");
    let mut notes = Vec::new();
    let mut baselines = Vec::new();
    for (task, expected) in tasks.iter().zip(expected) {
        let counts: Vec<usize> = per_level(task).iter().map(|(_, n)| *n).collect();
        assert_eq!(counts, expected, "{}: queries per level", task.name);
        assert!(task.items.len() >= 30, "{}: {} queries", task.name, task.items.len());
        for item in &task.items {
            assert!(!item.text.is_empty(), "{}: an empty behaviour", task.name);
            // The check path scores only claims; every query must be one.
            assert!(score::is_claim(&item.text, ClaimKind::ListItem), "not a claim: {}", item.text);
        }
        let tallies = run(task, &rules);
        baselines.push(tallies[BASELINE].top1 / tallies[BASELINE].queries as f64);
        for (name, t) in SCORERS.iter().zip(&tallies) {
            assert_eq!(t.queries, task.items.len());
            assert!(t.top3 >= t.top1, "{}: {name}: top-3 below top-1", task.name);
            println!("| {} | {name} | {} | {} | {} |", task.name, t.cell(t.top1), t.cell(t.top3), t.queries);
        }
        let mut areas: Vec<&str> = task.items.iter().map(|i| i.area.as_str()).collect();
        areas.sort_unstable();
        areas.dedup();
        let largest = areas.iter().map(|a| task.items.iter().filter(|i| i.area == *a).count()).max();
        let twins = task
            .items
            .iter()
            .filter(|q| task.items.iter().any(|o| o.level != q.level && o.text == q.text))
            .count();
        notes.push(format!(
            "{}: {} levels, {} areas, the largest with {} of {} queries; {twins} queries with a verbatim \
             twin at another level",
            task.name,
            expected.len(),
            areas.len(),
            largest.unwrap_or(0),
            task.items.len(),
        ));
        // Paired: on how many queries one scorer's top-1 is right and the other's wrong.
        let only = |a: &Tally, b: &Tally| a.right.iter().zip(&b.right).filter(|(x, y)| **x && !**y).count();
        for (i, t) in tallies[..BASELINE].iter().enumerate() {
            let base = &tallies[BASELINE];
            notes.push(format!(
                "  top-1, {} against the baseline: right only with it {}, only with the baseline {}",
                SCORERS[i],
                only(t, base),
                only(base, t),
            ));
        }
        let tied: Vec<String> =
            SCORERS[..=BASELINE].iter().zip(&tallies).map(|(s, t)| format!("{s} {}", t.tied)).collect();
        notes.push(format!(
            "  top-1 left to ladder order (best score shared across areas): {}",
            tied.join(", ")
        ));
        // Only these two decide at a calibrated cutoff.
        for (name, t) in [0, LOGISTIC].map(|i| (SCORERS[i], &tallies[i])) {
            notes.push(format!(
                "  at the level's cutoff, {name}: {} of {} queries map to nothing, {:.1} expectations per \
                 query, {} map to an expectation of their own area",
                t.none,
                t.queries,
                t.mapped as f64 / t.queries as f64,
                t.area_mapped,
            ));
        }
    }
    println!();
    for note in notes {
        println!("{note}");
    }
    cross_task(&tasks, &rules, [baselines[0], baselines[1]]);
}
