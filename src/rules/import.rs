//! `rules import`: a rule file from a ladder written in Markdown.
//!
//! Headings (ATX or setext) become areas, bullets (`*` or `-`) become
//! expectations with generated kebab-case ids, a paragraph that is only bold
//! text ("**Impact**", or "**Scope** _its gloss_") is a sub-area, and bullets
//! under a "Red flags" heading become red flags. Links keep their Markdown
//! form. The first heading is the level's title when it is a level-1 heading
//! or outranks all others (else it is an area, and the title is the level id); a block quote or
//! a long bold paragraph before the first area is its summary; a section that
//! is a single paragraph (a "Scope" statement) is one expectation; bullets
//! that are only an activity share ("60% - ...") are kept as notes; "Same as
//! L3 and..." goes into `source`. Encoding damage is repaired. The result
//! needs no patterns to work: mapping falls back on the expectations' text.

use std::collections::HashSet;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use serde::Serialize;

use super::repair::repair;

/// The rule file `import` writes (the serializable twin of [`super::model::LevelFile`]).
#[derive(Debug, Serialize, PartialEq)]
#[serde(rename_all = "kebab-case")]
pub struct ImportedLevel {
    /// Ladder id.
    pub ladder: String,
    /// Ladder name (the id, until someone edits it).
    pub ladder_name: String,
    /// Level id.
    pub level: String,
    /// Title: the document's first heading.
    pub title: String,
    /// Summary, if the document has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// Where the text came from.
    pub source: String,
    /// Informational lines.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    /// The scope the level asks, as proposed from the ladder's scope words
    /// ([`crate::rules::scope::propose`]); `import` leaves it empty.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scope: Option<crate::rules::scope::LevelScopeDef>,
    /// One per bullet or stand-alone statement.
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
}

#[derive(Default)]
struct Importer {
    title: Option<String>,
    headings: Vec<(pulldown_cmark::HeadingLevel, String)>,
    sub_area: Option<String>,
    summary: Option<String>,
    same_as: Option<String>,
    notes: Vec<String>,
    expectations: Vec<(String, String)>,
    red_flags: Vec<String>,
    /// Paragraphs of the current section that were not bold labels.
    loose: Vec<String>,
    section_had_items: bool,
}

/// Imports `markdown` as level `level` of ladder `ladder`; `source_name` is
/// recorded in the file's `source`.
pub fn import(markdown: &str, ladder: &str, level: &str, source_name: &str) -> ImportedLevel {
    let mut im = Importer::default();
    let mut text = String::new();
    let mut collecting = false;
    let mut item_depth = 0usize;
    let mut in_heading = false;
    let mut in_quote = 0usize;
    // A paragraph that opens with bold text and has no plain text besides
    // (an emphasised gloss may follow) is a label: this is its bold text.
    let mut label: Option<String> = None;
    let mut plain = false;
    let mut strong_depth = 0usize;
    let mut emphasis_depth = 0usize;
    // The `](url)` closing each open link: links keep their Markdown form,
    // as the ladder writes them.
    let mut link_ends: Vec<String> = Vec::new();
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let title_level = title_level(markdown, options);
    let mut first_heading = true;
    for event in Parser::new_ext(markdown, options) {
        match event {
            Event::Start(Tag::Heading { .. }) => {
                im.end_section();
                in_heading = true;
                text.clear();
            }
            Event::End(TagEnd::Heading(level)) => {
                in_heading = false;
                let heading = clean(&text);
                if std::mem::take(&mut first_heading) && Some(level) == title_level {
                    im.title = Some(heading);
                } else {
                    im.headings.retain(|(l, _)| *l < level);
                    im.headings.push((level, heading));
                    im.sub_area = None;
                }
            }
            Event::Start(Tag::BlockQuote(_)) => in_quote += 1,
            Event::End(TagEnd::BlockQuote(_)) => in_quote -= 1,
            Event::Start(Tag::Item) => {
                if item_depth > 0 && collecting {
                    im.item(&clean(&text));
                }
                item_depth += 1;
                collecting = true;
                text.clear();
            }
            Event::End(TagEnd::Item) => {
                if collecting {
                    im.item(&clean(&text));
                }
                collecting = false;
                item_depth -= 1;
                text.clear();
            }
            Event::Start(Tag::Paragraph) if item_depth == 0 => {
                text.clear();
                label = None;
                plain = false;
            }
            Event::End(TagEnd::Paragraph) if item_depth == 0 => {
                let para = clean(&text);
                if in_quote > 0 {
                    im.summary.get_or_insert(para);
                } else {
                    let label = label.take().filter(|_| !plain).map(|l| clean(&l));
                    im.paragraph(para, label);
                }
                text.clear();
            }
            Event::Start(Tag::Strong) => strong_depth += 1,
            Event::End(TagEnd::Strong) => strong_depth -= 1,
            Event::Start(Tag::Emphasis) => emphasis_depth += 1,
            Event::End(TagEnd::Emphasis) => emphasis_depth -= 1,
            Event::Start(Tag::Link { dest_url, .. }) => {
                text.push('[');
                link_ends.push(format!("]({dest_url})"));
            }
            Event::End(TagEnd::Link) => text.push_str(&link_ends.pop().unwrap_or_default()),
            Event::Text(t) | Event::Code(t) => {
                if item_depth == 0 && !in_heading && !t.trim().is_empty() {
                    if strong_depth > 0 && (label.is_some() || text.trim().is_empty()) {
                        label.get_or_insert_with(String::new).push_str(&t);
                    } else if strong_depth == 0 && emphasis_depth == 0 {
                        plain = true;
                    }
                }
                text.push_str(&t);
            }
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            _ => {}
        }
    }
    im.end_section();
    im.finish(ladder, level, source_name, markdown)
}

impl Importer {
    fn area(&self) -> String {
        let mut parts: Vec<String> = self.headings.iter().map(|(_, h)| strip_symbols(h)).collect();
        parts.extend(self.sub_area.clone());
        parts.join(" / ")
    }

    fn in_red_flags(&self) -> bool {
        self.headings.last().is_some_and(|(_, h)| h.trim().eq_ignore_ascii_case("red flags"))
    }

    fn item(&mut self, text: &str) {
        if text.is_empty() {
            return;
        }
        self.section_had_items = true;
        if self.in_red_flags() {
            self.red_flags.push(text.to_owned());
        } else if is_share(text) {
            let heading = self.headings.last().map(|(_, h)| h.clone()).unwrap_or_default();
            self.notes.push(if heading.is_empty() { text.to_owned() } else { format!("{heading}: {text}") });
        } else {
            self.expectations.push((self.area(), text.to_owned()));
        }
    }

    /// A paragraph outside lists; `label` is its bold text when it is only
    /// bold text, optionally followed by an emphasised gloss.
    fn paragraph(&mut self, para: String, label: Option<String>) {
        if para.is_empty() {
            return;
        }
        let lower = para.to_lowercase();
        if lower.starts_with("same as ") {
            self.same_as = Some(para);
        } else if let Some(label) = label.filter(|l| l.split_whitespace().count() <= 6) {
            // "**Scope** _Area of ownership ..._": a sub-area; the gloss is not an expectation.
            self.end_section();
            self.sub_area = Some(label);
        } else if self.headings.is_empty() && self.sub_area.is_none() {
            if self.summary.is_none() {
                self.summary = Some(para);
            } else {
                self.notes.push(para);
            }
        } else if self.sub_area.is_some() && is_description(&para) {
            // "**Scope** _Area of ownership ..._": the label's own gloss.
        } else {
            self.loose.push(para);
        }
    }

    /// A section that holds paragraphs but no bullets states one expectation.
    fn end_section(&mut self) {
        if !self.section_had_items {
            let loose = std::mem::take(&mut self.loose);
            if !loose.is_empty() {
                self.expectations.push((self.area(), loose.join(" ")));
            }
        }
        self.loose.clear();
        self.section_had_items = false;
    }

    fn finish(self, ladder: &str, level: &str, source_name: &str, markdown: &str) -> ImportedLevel {
        let title = self.title.unwrap_or_else(|| level.to_owned());
        let mut ids = HashSet::new();
        let expectations = self
            .expectations
            .into_iter()
            .map(|(area, text)| {
                // `area` is required: bullets before any heading or label belong to the level itself.
                let area = if area.is_empty() { strip_symbols(&title) } else { area };
                ImportedItem { id: unique_id(&text, &mut ids), area, text }
            })
            .collect();
        let mut flag_ids = HashSet::new();
        let red_flags = self
            .red_flags
            .into_iter()
            .map(|text| ImportedItem { id: unique_id(&text, &mut flag_ids), area: String::new(), text })
            .collect();
        let mut source = format!("Imported from {source_name} by `promolint rules import`.");
        if let Some(same) = &self.same_as {
            source.push_str(&format!(
                " The ladder says \"{}\"; that base level is not part of this file, so the level is checked on its own expectations (add `extends` once the base exists).",
                same.trim_end_matches('.').trim_end_matches('…')
            ));
        }
        let _ = markdown;
        ImportedLevel {
            ladder: ladder.to_owned(),
            ladder_name: ladder.to_owned(),
            level: level.to_owned(),
            title,
            summary: self.summary,
            source,
            notes: self.notes,
            scope: None,
            expectations,
            red_flags,
        }
    }
}

/// The level of the heading that is the document's title: the first heading,
/// when it is a level-1 heading or ranks above every other heading. A document
/// that starts with `## Scope` among other `##` headings has no title; its
/// first heading is an area.
fn title_level(markdown: &str, options: Options) -> Option<pulldown_cmark::HeadingLevel> {
    let mut levels = Parser::new_ext(markdown, options).filter_map(|e| match e {
        Event::Start(Tag::Heading { level, .. }) => Some(level),
        _ => None,
    });
    let first = levels.next()?;
    let top = first == pulldown_cmark::HeadingLevel::H1 || levels.all(|l| l > first);
    top.then_some(first)
}

/// Collapses white space and repairs encoding damage.
fn clean(text: &str) -> String {
    repair(&text.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// Drops leading emoji and symbols from a heading used as an area.
fn strip_symbols(heading: &str) -> String {
    heading.trim_start_matches(|c: char| !c.is_alphanumeric()).trim().to_owned()
}

/// "60% - Facilitate ...": an activity share, not an expectation.
fn is_share(text: &str) -> bool {
    let t = text.trim_start();
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    digits > 0 && t[digits..].starts_with('%')
}

/// An emphasised gloss after a bold label, such as "Area of ownership and level of autonomy".
fn is_description(para: &str) -> bool {
    para.split_whitespace().count() <= 12 && !para.ends_with('.')
}

/// A kebab-case id from the first content words of `text`, unique in `taken`.
fn unique_id(text: &str, taken: &mut HashSet<String>) -> String {
    const SKIP: &[&str] = &[
        "a", "an", "the", "i", "my", "of", "to", "and", "for", "in", "on", "with", "is", "am", "be", "by",
        "or", "at", "as",
    ];
    let words: Vec<String> = text
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .filter(|w| !SKIP.contains(&w.as_str()))
        .take(4)
        .collect();
    let base = if words.is_empty() { "item".to_owned() } else { words.join("-") };
    let mut id = base.clone();
    let mut n = 2;
    while !taken.insert(id.clone()) {
        id = format!("{base}-{n}");
        n += 1;
    }
    id
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
    fn headings_bullets_labels_and_red_flags() {
        let md = "Level Title\n===\n\n> The summary.\n\n*Same as L3 and...*\n\n## Technical\n**Craft**\n\n* Writes code\n- Reviews code\n\n### Red flags\n* Blames others\n\n## Scope\nI own things across teams.\n\n## Breakdown\n- 60% - coding\n";
        let level = import(md, "acme", "l4", "ladder.md");
        assert_eq!(level.title, "Level Title");
        assert_eq!(level.summary.as_deref(), Some("The summary."));
        let got: Vec<(&str, &str)> =
            level.expectations.iter().map(|e| (e.area.as_str(), e.text.as_str())).collect();
        assert_eq!(
            got,
            [
                ("Technical / Craft", "Writes code"),
                ("Technical / Craft", "Reviews code"),
                ("Scope", "I own things across teams.")
            ]
        );
        assert_eq!(level.red_flags[0].text, "Blames others");
        assert_eq!(level.notes, ["Breakdown: 60% - coding"]);
        assert!(level.source.contains("Same as L3"));
        assert_eq!(level.expectations[0].id, "writes-code");
    }
}
