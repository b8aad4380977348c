//! Structured ladders in YAML, through serde-saphyr:
//!
//! - **FT-style** job families (the Financial Times' engineering
//!   progression, `data/job-families/*.yml`): `levels` (id, name), `themes`
//!   or `areas` (id, name), and `competencies`, each with a `level`, a
//!   `theme` or `area`, a `summary` (the expectation) and optional `examples`;
//! - **Monzo-style** `topics` (in a Markdown file's front matter or a YAML
//!   file): each topic has a `title` (the area) and `content`, one entry per
//!   `level` (a number) with `criteria` and `exampleCriteria` (a criterion
//!   with its `examples`).
//!
//! Other keys (`googleSheetId`, `proficiency`, `sidebarTitle`) are ignored.

use std::collections::HashMap;
use std::ops::Range;

use serde::Deserialize;
use serde::de::IgnoredAny;
use serde_saphyr::Spanned;

use super::{Document, Dropped, Entry, Problem, SourceLevel, clean, slug};
use crate::yaml::{error_range, range_of, yaml_message};

/// The keys that make a YAML file a ladder, without reading the rest.
#[derive(Deserialize)]
struct Shape {
    #[serde(default)]
    topics: Option<IgnoredAny>,
    #[serde(default)]
    competencies: Option<IgnoredAny>,
}

/// Whether `text` is YAML holding FT-style `competencies` or Monzo-style `topics`.
pub fn is_ladder(text: &str) -> bool {
    serde_saphyr::from_str::<Shape>(text).is_ok_and(|s| s.topics.is_some() || s.competencies.is_some())
}

#[derive(Deserialize)]
struct Ft {
    levels: Vec<FtLevel>,
    #[serde(default)]
    themes: Vec<FtNamed>,
    #[serde(default)]
    areas: Vec<FtNamed>,
    competencies: Vec<FtCompetency>,
}

#[derive(Deserialize)]
struct FtLevel {
    id: Spanned<String>,
    #[serde(default)]
    name: Option<String>,
}

#[derive(Deserialize)]
struct FtNamed {
    id: String,
    name: String,
}

#[derive(Deserialize)]
struct FtCompetency {
    level: Spanned<String>,
    #[serde(default)]
    theme: Option<String>,
    #[serde(default)]
    area: Option<String>,
    summary: Spanned<String>,
    #[serde(default)]
    examples: Vec<String>,
}

#[derive(Deserialize)]
struct Monzo {
    topics: Vec<Topic>,
}

#[derive(Deserialize)]
struct Topic {
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    content: Vec<Content>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum LevelKey {
    Number(u32),
    Text(String),
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Content {
    level: LevelKey,
    #[serde(default)]
    criteria: Vec<Spanned<String>>,
    #[serde(default)]
    example_criteria: Vec<ExampleCriterion>,
}

#[derive(Deserialize)]
struct ExampleCriterion {
    criteria: Spanned<String>,
    #[serde(default)]
    examples: Vec<String>,
}

fn problem(text: &str, offset: usize, error: &serde_saphyr::Error, shape: &str) -> Problem {
    let at = error.location().and_then(|l| error_range(&l, text)).unwrap_or(0..0);
    Problem::new(format!("not {shape}: {}", yaml_message(error)), offset + at.start..offset + at.end)
        .with_help("pass --from to read it as another format")
}

fn shift(r: Range<usize>, offset: usize) -> Range<usize> {
    r.start + offset..r.end + offset
}

/// Reads a YAML ladder (FT-style, or Monzo-style `topics`).
///
/// # Errors
/// Not YAML, or YAML of neither shape; the problem points at the YAML error.
pub fn parse(text: &str) -> Result<Document, Problem> {
    let probe: Shape = serde_saphyr::from_str(text).map_err(|e| problem(text, 0, &e, "YAML"))?;
    if probe.topics.is_some() {
        let levels = monzo(text, 0)?;
        return Ok(Document { title: None, leveled: true, levels, dropped: Vec::new() });
    }
    let ft: Ft = serde_saphyr::from_str(text)
        .map_err(|e| problem(text, 0, &e, "an FT-style ladder (levels, themes, competencies)"))?;
    let names: HashMap<&str, &str> =
        ft.themes.iter().chain(&ft.areas).map(|t| (t.id.as_str(), t.name.as_str())).collect();
    let mut levels: Vec<SourceLevel> = ft
        .levels
        .iter()
        .map(|l| SourceLevel {
            id: slug(&l.id.value),
            name: l.name.clone().unwrap_or_else(|| l.id.value.clone()),
            at: range_of(&l.id, text),
            place: "YAML level",
            ..SourceLevel::default()
        })
        .collect();
    let index: HashMap<String, usize> =
        ft.levels.iter().enumerate().map(|(i, l)| (l.id.value.clone(), i)).collect();
    let mut dropped = Vec::new();
    for c in &ft.competencies {
        let at = range_of(&c.summary, text);
        let Some(&i) = index.get(&c.level.value) else {
            let what = format!("a competency of level `{}`, which `levels` does not list", c.level.value);
            dropped.push(Dropped { at: range_of(&c.level, text), what });
            continue;
        };
        let theme = c.theme.as_deref().or(c.area.as_deref()).unwrap_or_default();
        let area = names.get(theme).map_or_else(|| theme.to_owned(), |n| (*n).to_owned());
        let text = clean(&c.summary.value);
        if text.is_empty() {
            dropped.push(Dropped { at, what: "a competency without a summary".to_owned() });
            continue;
        }
        let examples = c.examples.iter().map(|e| clean(e)).filter(|e| !e.is_empty()).collect();
        levels[i].expectations.push(Entry { area, text, examples, at });
    }
    Ok(Document { title: None, leveled: true, levels, dropped })
}

/// The levels of Markdown front matter (its YAML text starting at byte
/// `offset` of the document) when it holds Monzo-style `topics`; `None` when
/// it holds none, or is not YAML (then it is not ours to judge).
///
/// # Errors
/// `topics` that do not follow the Monzo shape.
pub fn front_matter(text: &str, offset: usize) -> Result<Option<Vec<SourceLevel>>, Problem> {
    match serde_saphyr::from_str::<Shape>(text) {
        Ok(Shape { topics: Some(_), .. }) => monzo(text, offset).map(Some),
        _ => Ok(None),
    }
}

fn monzo(text: &str, offset: usize) -> Result<Vec<SourceLevel>, Problem> {
    let monzo: Monzo = serde_saphyr::from_str(text)
        .map_err(|e| problem(text, offset, &e, "Monzo-style topics (title, content, level, criteria)"))?;
    let mut levels: Vec<SourceLevel> = Vec::new();
    for topic in &monzo.topics {
        let area = clean(topic.title.as_deref().or(topic.name.as_deref()).unwrap_or_default());
        for content in &topic.content {
            let name = match &content.level {
                LevelKey::Number(n) => format!("Level {n}"),
                LevelKey::Text(t) if t.chars().all(|c| c.is_ascii_digit()) => format!("Level {t}"),
                LevelKey::Text(t) => t.clone(),
            };
            let id = slug(&name);
            let items = content
                .criteria
                .iter()
                .map(|c| (c, &[][..]))
                .chain(content.example_criteria.iter().map(|e| (&e.criteria, e.examples.as_slice())));
            let mut entries = Vec::new();
            for (criterion, examples) in items {
                let text_ = clean(&criterion.value);
                if text_.is_empty() {
                    continue;
                }
                let examples = examples.iter().map(|e| clean(e)).filter(|e| !e.is_empty()).collect();
                let at = shift(range_of(criterion, text), offset);
                entries.push(Entry { area: area.clone(), text: text_, examples, at });
            }
            let at = entries.first().map(|e| e.at.clone()).unwrap_or(offset..offset);
            match levels.iter_mut().find(|l| l.id == id) {
                Some(level) => level.expectations.extend(entries),
                None => levels.push(SourceLevel {
                    id,
                    name,
                    at,
                    place: "YAML level",
                    expectations: entries,
                    ..SourceLevel::default()
                }),
            }
        }
    }
    // Levels in order of their number where they are numbered.
    levels.sort_by_key(|l| {
        l.name.strip_prefix("Level ").and_then(|n| n.parse::<u32>().ok()).unwrap_or(u32::MAX)
    });
    Ok(levels)
}
