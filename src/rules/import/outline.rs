//! The outline rules the Markdown and HTML walkers share: headings are
//! areas, bullets are expectations, a bullet or bold paragraph that is only a
//! label (`Scope:`, `**Execution**`) is a sub-area, bullets under "Red flags"
//! are red flags, headings that name levels (`IC4`, `Level 3`, `Senior
//! Engineer`) start levels, and an "All levels" section is a level the others
//! include. A walker reports blocks in document order; [`Outline::finish`]
//! gives the [`Document`].

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::levels::strip_symbols;
use super::table::{self, Reading, Table};
use super::{Columns, Document, Dropped, Entry, SourceLevel, slug};

/// A heading that names a level: a short code (`IC4`, `L5`, `E-3`), `Level 3`,
/// or a short title with a role word.
static LEVEL_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^(?: [a-z]{1,4}\s?-?\s?\d{1,2}[a-z]? | level\s+\d{1,2}[a-z]? | (?:\w+\s+){0,3}(?:engineer|developer|manager|architect|director|fellow)(?:\s+(?:[ivx]+|\d{1,2}))?(?:\s*\([^)]*\))? )$",
    )
    .expect("a valid regex")
});

/// A heading for what every level shares.
static ALL_LEVELS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^(?:all|every|each)\s+levels?$").expect("a valid regex"));

/// A sentence saying each level includes the previous one.
static CUMULATIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:adds?\s+to|builds?\s+on|includes?|on\s+top\s+of)\b[^.]{0,60}\b(?:earlier|previous|preceding|lower|prior)\s+levels?\b")
        .expect("a valid regex")
});

/// Whether a heading or table header names a level.
pub(super) fn is_level_name(text: &str) -> bool {
    let t = strip_symbols(text.trim());
    !t.is_empty() && t.split_whitespace().count() <= 6 && (LEVEL_NAME.is_match(&t) || ALL_LEVELS.is_match(&t))
}

/// The heading depth whose headings are levels: the shallowest depth with
/// at least two level names ("All levels" aside).
pub(super) fn level_depth(headings: &[(u8, String)]) -> Option<u8> {
    (1..=6u8).find(|d| {
        headings.iter().filter(|(h, t)| h == d && is_level_name(t) && !ALL_LEVELS.is_match(t.trim())).count()
            >= 2
    })
}

/// The depth of the heading that is the document's title: the first heading,
/// when it is a level-1 heading or ranks above every other heading.
pub(super) fn title_depth(headings: &[(u8, String)]) -> Option<u8> {
    let (first, _) = headings.first()?;
    let top = *first == 1 || headings[1..].iter().all(|(l, _)| l > first);
    top.then_some(*first)
}

/// A level being filled, with the group it belongs to (a heading depth or a table).
struct Filling {
    level: SourceLevel,
    group: usize,
}

/// Builds a [`Document`] from blocks reported in order.
pub(super) struct Outline<'c> {
    columns: &'c Columns,
    title_depth: Option<u8>,
    level_depth: Option<u8>,
    first_heading: bool,
    title: Option<String>,
    headings: Vec<(u8, String)>,
    sub_area: Option<String>,
    /// Per open list item: the label it pushed, if it is a label bullet.
    item_labels: Vec<Option<String>>,
    /// Content outside any named level (the whole document when it names none).
    whole: SourceLevel,
    /// Where the whole document's own content is (to warn when it is dropped).
    whole_at: Vec<(Range<usize>, &'static str)>,
    levels: Vec<Filling>,
    /// Index into `levels` of the level being filled, if any.
    current: Option<usize>,
    tables: usize,
    cumulative: bool,
    shared: Option<String>,
    loose: Vec<(String, Range<usize>)>,
    section_had_items: bool,
    dropped: Vec<Dropped>,
}

impl<'c> Outline<'c> {
    /// An outline for a document with these headings (depth, text), in order.
    pub(super) fn new(headings: &[(u8, String)], columns: &'c Columns) -> Self {
        let title_depth = title_depth(headings);
        Outline {
            columns,
            title_depth,
            level_depth: level_depth(headings),
            first_heading: true,
            title: None,
            headings: Vec::new(),
            sub_area: None,
            item_labels: Vec::new(),
            whole: SourceLevel::default(),
            whole_at: Vec::new(),
            levels: Vec::new(),
            current: None,
            tables: 0,
            cumulative: false,
            shared: None,
            loose: Vec::new(),
            section_had_items: false,
            dropped: Vec::new(),
        }
    }

    fn target(&mut self) -> &mut SourceLevel {
        match self.current {
            Some(i) => &mut self.levels[i].level,
            None => &mut self.whole,
        }
    }

    fn note_whole(&mut self, at: Range<usize>, what: &'static str) {
        if self.current.is_none() {
            self.whole_at.push((at, what));
        }
    }

    fn area(&self) -> String {
        let mut parts: Vec<String> = self.headings.iter().map(|(_, h)| strip_symbols(h)).collect();
        parts.extend(self.sub_area.clone());
        parts.extend(self.item_labels.iter().flatten().cloned());
        parts.retain(|p| !p.is_empty());
        parts.join(" / ")
    }

    fn in_red_flags(&self) -> bool {
        let last = self.item_labels.iter().flatten().last().or(self.headings.last().map(|(_, h)| h));
        last.is_some_and(|h| strip_symbols(h).trim_end_matches(':').eq_ignore_ascii_case("red flags"))
    }

    /// A heading of `depth` (1 to 6).
    pub(super) fn heading(&mut self, depth: u8, text: String, at: Range<usize>) {
        self.end_section();
        if std::mem::take(&mut self.first_heading) && Some(depth) == self.title_depth {
            self.title = Some(text);
            return;
        }
        if let Some(level_depth) = self.level_depth
            && depth <= level_depth
        {
            self.headings.clear();
            self.sub_area = None;
            self.current = None;
            if depth == level_depth && is_level_name(&text) {
                self.start_level(&text, at, 0, "heading");
                return;
            }
        }
        self.headings.retain(|(l, _)| *l < depth);
        self.headings.push((depth, text));
        self.sub_area = None;
    }

    fn start_level(&mut self, name: &str, at: Range<usize>, group: usize, place: &'static str) -> usize {
        let name = strip_symbols(name);
        let id = slug(&name);
        if ALL_LEVELS.is_match(&name) {
            self.shared = Some(id.clone());
        }
        let index = match self.levels.iter().position(|f| f.level.id == id) {
            Some(i) => i,
            None => {
                let level = SourceLevel { id, name, at, place, ..SourceLevel::default() };
                self.levels.push(Filling { level, group });
                self.levels.len() - 1
            }
        };
        if place == "heading" {
            self.current = Some(index);
        }
        index
    }

    /// A list item opens.
    pub(super) fn start_item(&mut self) {
        self.item_labels.push(None);
    }

    /// A list item closes.
    pub(super) fn end_item(&mut self) {
        self.item_labels.pop();
    }

    /// An item's own text; `has_children` when a nested list follows it;
    /// `bold` when all of it is bold.
    pub(super) fn item(&mut self, text: String, at: Range<usize>, has_children: bool, bold: bool) {
        if text.is_empty() {
            return;
        }
        let words = text.split_whitespace().count();
        if has_children && (text.ends_with(':') || bold) && words <= 6 {
            let label = text.trim_end_matches(':').trim().to_owned();
            if let Some(slot) = self.item_labels.last_mut() {
                *slot = Some(label);
            }
            return;
        }
        self.section_had_items = true;
        self.note_whole(at.clone(), "a bullet");
        if self.in_red_flags() {
            let area = String::new();
            self.target().red_flags.push(Entry { area, text, examples: Vec::new(), at });
        } else if is_share(&text) {
            let heading = self.headings.last().map(|(_, h)| h.clone()).unwrap_or_default();
            let note = if heading.is_empty() { text } else { format!("{heading}: {text}") };
            self.target().notes.push(note);
        } else {
            let mut area = self.area();
            let mut text = text;
            // "Scope: Primarily focuses on ...": in a level, a short label is the area.
            if self.current.is_some()
                && let Some((label, rest)) = text.split_once(": ")
                && label.split_whitespace().count() <= 3
                && label.starts_with(char::is_uppercase)
                && !rest.trim().is_empty()
            {
                area = if area.is_empty() { label.to_owned() } else { format!("{area} / {label}") };
                text = rest.trim().to_owned();
            }
            self.target().expectations.push(Entry { area, text, examples: Vec::new(), at });
        }
    }

    /// A paragraph outside lists; `label` is its bold text when it is only
    /// bold text, optionally followed by an emphasised gloss; `quote` when it
    /// is in a block quote.
    pub(super) fn paragraph(&mut self, para: String, label: Option<String>, quote: bool, at: Range<usize>) {
        if para.is_empty() {
            return;
        }
        if CUMULATIVE.is_match(&para) {
            self.cumulative = true;
        }
        if quote {
            self.note_whole(at, "a quoted paragraph");
            let target = self.target();
            target.summary.get_or_insert(para);
            return;
        }
        if para.to_lowercase().starts_with("same as ") {
            self.target().same_as = Some(para);
        } else if let Some(label) = label.filter(|l| l.split_whitespace().count() <= 6) {
            // "**Scope** _Area of ownership ..._": a sub-area; the gloss is not an expectation.
            self.end_section();
            self.sub_area = Some(label);
        } else if self.headings.is_empty() && self.sub_area.is_none() {
            self.note_whole(at, "a paragraph");
            let target = self.target();
            if target.summary.is_none() {
                target.summary = Some(para);
            } else {
                target.notes.push(para);
            }
        } else if self.sub_area.is_some() && is_description(&para) {
            // "**Scope** _Area of ownership ..._": the label's own gloss.
        } else {
            self.loose.push((para, at));
        }
    }

    /// A table (Markdown, HTML or CSV).
    pub(super) fn table(&mut self, table: &Table) {
        self.end_section();
        self.tables += 1;
        let context = self.area();
        match table::read(table, self.columns, &context, &mut self.dropped) {
            Reading::Entries(entries) => {
                if !entries.is_empty() {
                    self.section_had_items = true;
                    self.note_whole(table.at.clone(), "a table");
                }
                self.target().expectations.extend(entries);
            }
            Reading::Levels(levels) => {
                let group = self.tables;
                self.add_levels(levels, group);
            }
        }
    }

    /// Levels found by a table or front matter; `group` tells which levels
    /// may include each other.
    pub(super) fn add_levels(&mut self, levels: Vec<SourceLevel>, group: usize) {
        for found in levels {
            let i = self.start_level(&found.name, found.at.clone(), group + 1, found.place);
            let level = &mut self.levels[i].level;
            level.summary = level.summary.take().or(found.summary);
            level.notes.extend(found.notes);
            level.expectations.extend(found.expectations);
            level.red_flags.extend(found.red_flags);
        }
    }

    /// Something left out, with where it is.
    pub(super) fn drop(&mut self, what: impl Into<String>, at: Range<usize>) {
        self.dropped.push(Dropped { at, what: what.into() });
    }

    /// A section that holds paragraphs but no bullets states one expectation;
    /// paragraphs beside bullets are dropped.
    fn end_section(&mut self) {
        let loose = std::mem::take(&mut self.loose);
        if !self.section_had_items && !loose.is_empty() {
            let at = loose[0].1.start..loose[loose.len() - 1].1.end;
            let text = loose.into_iter().map(|(p, _)| p).collect::<Vec<_>>().join(" ");
            self.note_whole(at.clone(), "a statement");
            let area = self.area();
            self.target().expectations.push(Entry { area, text, examples: Vec::new(), at });
        } else {
            for (_, at) in loose {
                self.drop("a paragraph beside bullets", at);
            }
        }
        self.section_had_items = false;
    }

    /// The document.
    pub(super) fn finish(mut self) -> Document {
        self.end_section();
        let leveled = !self.levels.is_empty();
        let mut dropped = std::mem::take(&mut self.dropped);
        if leveled {
            for (at, what) in std::mem::take(&mut self.whole_at) {
                dropped.push(Dropped { at, what: format!("{what} outside any level") });
            }
            let shared = self.shared.clone();
            let mut previous: Option<(usize, String)> = None;
            for f in &mut self.levels {
                if shared.as_deref() == Some(f.level.id.as_str()) {
                    continue;
                }
                f.level.base = match &previous {
                    Some((group, id)) if self.cumulative && *group == f.group => Some(id.clone()),
                    _ => shared.clone(),
                };
                previous = Some((f.group, f.level.id.clone()));
            }
        }
        dropped.sort_by_key(|d| d.at.start);
        let levels = if leveled {
            self.levels.into_iter().map(|f| f.level).collect()
        } else {
            let mut whole = self.whole;
            whole.place = "document";
            vec![whole]
        };
        Document { title: self.title, leveled, levels, dropped }
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn level_names_are_told_from_areas() {
        for name in
            ["IC4", "L5", "E-3", "Level 3", "Senior Engineer", "Staff Engineer II", "M3", "All levels"]
        {
            assert!(is_level_name(name), "{name}");
        }
        for name in
            ["Technical", "Red flags", "IC Levels", "When do I get promoted?", "Engineering excellence"]
        {
            assert!(!is_level_name(name), "{name}");
        }
    }
}
