//! Levels of an imported document: selecting one (`--level`), all of them
//! (`--all-levels`, with `extends`), and building the rule files, with ids
//! numbered in linear time.

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use super::{Document, Entry, Problem, SourceLevel};

/// The rule file `import` writes (the serializable twin of [`crate::rules::model::LevelFile`]).
#[derive(Debug, Serialize, PartialEq)]
#[serde(rename_all = "kebab-case")]
pub struct ImportedLevel {
    /// Ladder id.
    pub ladder: String,
    /// Ladder name (the id, until someone edits it).
    pub ladder_name: String,
    /// Level id.
    pub level: String,
    /// Title: the level's name, or the document's first heading.
    pub title: String,
    /// Summary, if the document has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// The level this one includes, when the ladder says so and it is imported too.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub extends: Option<String>,
    /// Where the text came from: the source file and the importing command.
    pub source: String,
    /// Informational lines.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    /// The scope the level asks, as proposed from the ladder's scope words
    /// ([`crate::rules::scope::propose_for_import`]); `build` leaves it empty.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scope: Option<crate::rules::scope::LevelScopeDef>,
    /// One per bullet, table cell, YAML competency or CSV row.
    pub expectations: Vec<ImportedItem>,
    /// One per bullet under a "Red flags" heading.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub red_flags: Vec<ImportedItem>,
}

/// An imported expectation or red flag.
#[derive(Debug, Serialize, PartialEq)]
pub struct ImportedItem {
    /// Generated kebab-case id.
    pub id: String,
    /// Heading path (expectations only).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub area: String,
    /// The ladder's wording, encoding damage repaired.
    pub text: String,
    /// Examples the ladder gives (expectations only).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub examples: Vec<String>,
}

/// What to build.
#[derive(Debug, Clone, Copy)]
pub struct Request<'a> {
    /// Ladder id for the rule files.
    pub ladder: &'a str,
    /// `--level`: the level to select, or the id to give a document without levels.
    pub level: Option<&'a str>,
    /// `--all-levels`.
    pub all: bool,
    /// The source, as the `source` field names it (a path).
    pub source: &'a str,
    /// The importing command line, as the `source` field quotes it.
    pub command: &'a str,
}

/// The index in `doc.levels` of the level `wanted` names: its id, or its id
/// or name compared on letters and digits alone, a leading "level" ignored
/// (`IC4`, `ic-4`, `4` for `level-4`).
///
/// # Errors
/// No level or more than one matches; the message lists the levels.
pub fn find(doc: &Document, wanted: &str) -> Result<usize, Problem> {
    if let Some(i) = doc.levels.iter().position(|l| l.id.eq_ignore_ascii_case(wanted)) {
        return Ok(i);
    }
    let key = squash(wanted);
    let hits: Vec<usize> = (0..doc.levels.len())
        .filter(|&i| squash(&doc.levels[i].id) == key || squash(&doc.levels[i].name) == key)
        .collect();
    match hits[..] {
        [one] => Ok(one),
        [] => Err(Problem::new(format!("the document has no level `{wanted}`"), 0..0)
            .with_help(format!("its levels: {}", level_list(doc)))),
        _ => {
            let names: Vec<&str> = hits.iter().map(|&i| doc.levels[i].id.as_str()).collect();
            Err(Problem::new(
                format!("`{wanted}` is ambiguous: {}", names.join(", ")),
                doc.levels[hits[0]].at.clone(),
            )
            .with_help("name the level by its id"))
        }
    }
}

fn squash(s: &str) -> String {
    let s: String = s.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect();
    match s.strip_prefix("level") {
        Some(rest) if !rest.is_empty() => rest.to_owned(),
        _ => s,
    }
}

/// `ic1, ic2, ic3`: the ids of the document's levels.
pub fn level_list(doc: &Document) -> String {
    doc.levels.iter().map(|l| l.id.as_str()).collect::<Vec<_>>().join(", ")
}

/// Builds the rule files `request` asks for. Levels without expectations
/// are skipped by `--all-levels` (their ids are returned beside the files)
/// and refused when selected.
///
/// # Errors
/// No level named where the document has several, an unknown or ambiguous
/// level, a level (or a whole document) without expectations.
pub fn build(doc: &Document, request: &Request<'_>) -> Result<(Vec<ImportedLevel>, Vec<String>), Problem> {
    let mut ids = Ids::default();
    if !doc.leveled {
        let level = &doc.levels[0];
        let Some(id) = request.level else {
            return Err(Problem::new("the document names no levels; give the level's id", 0..0)
                .with_help("pass --level ID"));
        };
        let title = doc.title.clone().unwrap_or_else(|| id.to_owned());
        return Ok((vec![one(level, id, title, None, request, &mut ids)?], Vec::new()));
    }
    if request.all {
        let written: HashSet<&str> = doc.levels.iter().filter(|l| usable(l)).map(|l| l.id.as_str()).collect();
        let mut out = Vec::new();
        let mut skipped = Vec::new();
        for level in &doc.levels {
            if !usable(level) {
                skipped.push(level.id.clone());
                continue;
            }
            let base = level.base.as_deref().filter(|b| written.contains(b));
            out.push(one(level, &level.id, level.name.clone(), base, request, &mut ids)?);
        }
        if out.is_empty() {
            return Err(Problem::new("no level of the document has expectations", 0..0));
        }
        return Ok((out, skipped));
    }
    let Some(wanted) = request.level else {
        return Err(Problem::new("the document holds several levels; choose one", 0..0)
            .with_help(format!("pass --level ID (one of {}) or --all-levels -o DIR", level_list(doc))));
    };
    let level = &doc.levels[find(doc, wanted)?];
    Ok((vec![one(level, &level.id, level.name.clone(), None, request, &mut ids)?], Vec::new()))
}

fn usable(level: &SourceLevel) -> bool {
    !level.expectations.is_empty()
}

fn one(
    level: &SourceLevel,
    id: &str,
    title: String,
    extends: Option<&str>,
    request: &Request<'_>,
    ids: &mut Ids,
) -> Result<ImportedLevel, Problem> {
    if level.expectations.is_empty() {
        let what =
            if level.id.is_empty() { "the document".to_owned() } else { format!("level `{}`", level.id) };
        return Err(Problem::new(format!("{what} has no expectations"), level.at.clone()).with_help(
            "promolint reads headings as areas and bullets, table cells, YAML competencies or CSV rows as expectations",
        ));
    }
    let mut source = format!("Imported from {} by `{}`.", request.source, request.command);
    if let Some(same) = &level.same_as {
        source.push_str(&format!(
            " The ladder says \"{}\"; that base level is not part of this file, so the level is checked on its own expectations (add `extends` once the base exists).",
            same.trim_end_matches('.').trim_end_matches('…')
        ));
    }
    if let (Some(base), None) = (&level.base, extends) {
        source.push_str(&format!(
            " The ladder says this level includes `{base}`; import with --all-levels to get `extends: {base}`."
        ));
    }
    let area_of = |e: &Entry| if e.area.is_empty() { strip_symbols(&title) } else { e.area.clone() };
    let expectations = level
        .expectations
        .iter()
        .map(|e| ImportedItem {
            id: ids.unique(base_id(&e.text)),
            area: area_of(e),
            text: e.text.clone(),
            examples: e.examples.clone(),
        })
        .collect();
    // Red flag ids live apart from expectation ids.
    let mut flag_ids = Ids::default();
    let red_flags = level
        .red_flags
        .iter()
        .map(|e| ImportedItem {
            id: flag_ids.unique(base_id(&e.text)),
            area: String::new(),
            text: e.text.clone(),
            examples: Vec::new(),
        })
        .collect();
    Ok(ImportedLevel {
        ladder: request.ladder.to_owned(),
        ladder_name: request.ladder.to_owned(),
        level: id.to_owned(),
        title,
        summary: level.summary.clone(),
        extends: extends.map(str::to_owned),
        source,
        notes: level.notes.clone(),
        scope: None,
        expectations,
        red_flags,
    })
}

/// Drops leading emoji and symbols from a heading used as an area.
pub(crate) fn strip_symbols(heading: &str) -> String {
    heading.trim_start_matches(|c: char| !c.is_alphanumeric()).trim().to_owned()
}

/// A kebab-case id from the first content words of `text`.
fn base_id(text: &str) -> String {
    const SKIP: &[&str] = &[
        "a", "an", "the", "i", "my", "of", "to", "and", "for", "in", "on", "with", "is", "am", "be", "by",
        "or", "at", "as",
    ];
    // "team's" is one word, not "team" and "s".
    let text = text.replace(['\'', '\u{2019}'], "");
    let words: Vec<String> = text
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .filter(|w| !SKIP.contains(&w.as_str()))
        .take(4)
        .collect();
    if words.is_empty() { "item".to_owned() } else { words.join("-") }
}

/// Ids handed out so far. Each base remembers the next suffix to try, so
/// numbering n copies of one text takes O(n), not O(n²).
#[derive(Default)]
struct Ids {
    taken: HashSet<String>,
    next: HashMap<String, usize>,
}

impl Ids {
    fn unique(&mut self, base: String) -> String {
        if self.taken.insert(base.clone()) {
            return base;
        }
        let n = self.next.entry(base.clone()).or_insert(2);
        loop {
            let id = format!("{base}-{n}");
            *n += 1;
            if self.taken.insert(id.clone()) {
                return id;
            }
        }
    }
}

/// The imported level as YAML text, with a header comment.
///
/// # Errors
/// Serialization failure (not expected for these plain types).
pub fn to_yaml(level: &ImportedLevel) -> Result<String, serde_saphyr::SerializeError> {
    let body = serde_saphyr::to_string(level)?;
    Ok(format!(
        "# Rule file made by `promolint rules import`; see docs/rule-files.md.\n# Add `patterns` to sharpen mapping; without them claims map by similarity to `text`.\n{body}"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn duplicate_texts_get_numbered_ids_without_clashing() {
        let mut ids = Ids::default();
        let got: Vec<String> =
            ["x-2", "x", "x", "x", "y"].iter().map(|b| ids.unique((*b).to_owned())).collect();
        assert_eq!(got, ["x-2", "x", "x-3", "x-4", "y"]);
    }

    #[test]
    fn levels_are_found_by_id_or_name() {
        let level =
            |id: &str, name: &str| SourceLevel { id: id.into(), name: name.into(), ..Default::default() };
        let doc = Document {
            leveled: true,
            levels: vec![level("level-1", "Level 1"), level("ic4", "IC4"), level("ic-4", "IC 4")],
            ..Default::default()
        };
        assert_eq!(find(&doc, "1").unwrap(), 0);
        assert_eq!(find(&doc, "IC4").unwrap(), 1);
        assert!(find(&doc, "ic 4").unwrap_err().message.contains("ambiguous"));
        assert!(find(&doc, "l9").unwrap_err().help.unwrap().contains("level-1, ic4, ic-4"));
    }
}
