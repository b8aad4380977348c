//! Tables, from Markdown, HTML or CSV, read in one of three shapes:
//!
//! - **one row per expectation**: a text column (`Expectation`, `Behaviour`,
//!   `Description`, ... or `--columns text=NAME`), optionally area, level and
//!   examples columns;
//! - **one row per level**: the first column is `Level` (or holds level
//!   names); the other columns are areas, a cell's bullets its expectations, a
//!   cell spanning every area column the level's summary, a `Notes` column notes;
//! - **one column per level**: the first column is the area (competency),
//!   the other columns are levels.

use std::collections::HashMap;
use std::ops::Range;

use super::outline::is_level_name;
use super::{Columns, Dropped, Entry, SourceLevel, slug};

/// One cell: its text, and its paragraphs and bullets when it has blocks (HTML).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Cell {
    /// All its text, white space collapsed.
    pub text: String,
    /// Its paragraphs (HTML `<p>`), if any.
    pub paragraphs: Vec<String>,
    /// Its bullets (HTML `<li>`), if any.
    pub items: Vec<String>,
    /// How many columns it spans (1 for most).
    pub span: usize,
    /// A copy standing in for a cell that spans into this row or column.
    pub copy: bool,
}

impl Cell {
    /// A plain cell holding `text`.
    pub fn plain(text: String) -> Self {
        Cell { text, span: 1, ..Cell::default() }
    }

    fn is_empty(&self) -> bool {
        self.text.is_empty() && self.items.is_empty()
    }

    /// Its expectations: one per bullet, or the whole text.
    fn texts(&self) -> Vec<String> {
        if self.items.is_empty() {
            if self.text.is_empty() { Vec::new() } else { vec![self.text.clone()] }
        } else {
            self.items.clone()
        }
    }
}

/// A table with its header and rows, every row as wide as the grid.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Table {
    /// Header cells' text.
    pub header: Vec<String>,
    /// Body rows.
    pub rows: Vec<Vec<Cell>>,
    /// Byte range of each body row in the source.
    pub row_at: Vec<Range<usize>>,
    /// Byte range of the whole table.
    pub at: Range<usize>,
    /// What a level found in a cell is called: `table cell` or `CSV value`.
    pub value_place: &'static str,
}

/// What a table holds.
#[derive(Debug)]
pub enum Reading {
    /// Expectations of the level the table is in.
    Entries(Vec<Entry>),
    /// Levels of its own.
    Levels(Vec<SourceLevel>),
}

/// Lays rows of (cell, rowspan, colspan) out on a grid: a spanned position
/// gets a copy of the cell, marked [`Cell::copy`].
pub fn grid(rows: Vec<Vec<(Cell, usize, usize)>>) -> Vec<Vec<Cell>> {
    let mut out: Vec<Vec<Option<Cell>>> = Vec::new();
    for (r, row) in rows.into_iter().enumerate() {
        if out.len() <= r {
            out.push(Vec::new());
        }
        let mut c = 0;
        for (cell, rowspan, colspan) in row {
            while out[r].get(c).is_some_and(Option::is_some) {
                c += 1;
            }
            let (rowspan, colspan) = (rowspan.clamp(1, 64), colspan.clamp(1, 64));
            for dr in 0..rowspan {
                while out.len() <= r + dr {
                    out.push(Vec::new());
                }
                for dc in 0..colspan {
                    let line = &mut out[r + dr];
                    if line.len() <= c + dc {
                        line.resize(c + dc + 1, None);
                    }
                    let mut placed = cell.clone();
                    placed.span = colspan;
                    placed.copy = dr > 0 || dc > 0;
                    line[c + dc] = Some(placed);
                }
            }
            c += colspan;
        }
    }
    out.into_iter().map(|row| row.into_iter().map(Option::unwrap_or_default).collect()).collect()
}

const TEXT: &[&str] = &[
    "text",
    "expectation",
    "expectations",
    "behaviour",
    "behaviours",
    "behavior",
    "behaviors",
    "description",
    "criteria",
    "criterion",
    "statement",
    "summary",
];
const AREA: &[&str] =
    &["area", "competency", "competencies", "theme", "category", "topic", "skill", "dimension", "pillar"];
const LEVEL: &[&str] = &["level", "levels", "grade", "band"];
const EXAMPLES: &[&str] = &["examples", "example"];
const NOTES: &[&str] = &["note", "notes", "analogy", "comment", "comments"];

fn column(header: &[String], chosen: Option<&String>, defaults: &[&str]) -> Option<usize> {
    let key = |s: &str| s.trim().to_lowercase();
    match chosen {
        Some(name) => header.iter().position(|h| key(h) == key(name)),
        None => header.iter().position(|h| defaults.contains(&key(h).as_str())),
    }
}

fn is_notes(header: &str) -> bool {
    let h = header.to_lowercase();
    NOTES.iter().any(|n| h.split(|c: char| !c.is_alphanumeric()).any(|w| w == *n)) || h.contains("key point")
}

/// Reads `table` in the shape its header shows; `context` is the area of the
/// section it is in. Empty rows are reported in `dropped`.
pub fn read(table: &Table, columns: &Columns, context: &str, dropped: &mut Vec<Dropped>) -> Reading {
    let h = &table.header;
    let width = h.len().max(table.rows.iter().map(Vec::len).max().unwrap_or(0));
    if let Some(text) = column(h, columns.text.as_ref(), TEXT) {
        let area = column(h, columns.area.as_ref(), AREA);
        let level = column(h, columns.level.as_ref(), LEVEL);
        let examples = column(h, columns.examples.as_ref(), EXAMPLES);
        return by_entry(table, [Some(text), area, level, examples], context, dropped);
    }
    let first_is_level = h.first().is_some_and(|f| LEVEL.contains(&f.trim().to_lowercase().as_str()))
        || (!table.rows.is_empty()
            && table.rows.iter().all(|r| r.first().is_some_and(|c| is_level_name(&c.text))));
    if width >= 2 && first_is_level {
        return by_row(table, dropped);
    }
    if width >= 3 || h.iter().skip(1).any(|n| is_level_name(n)) {
        return by_column(table, context, dropped);
    }
    let (area, text) = if width == 2 { (Some(0), 1) } else { (None, 0) };
    by_entry(table, [Some(text), area, None, None], context, dropped)
}

fn empty_row(table: &Table, r: usize, dropped: &mut Vec<Dropped>, what: &str) {
    let at = table.row_at.get(r).cloned().unwrap_or(table.at.clone());
    dropped.push(Dropped { at, what: what.to_owned() });
}

fn by_entry(table: &Table, cols: [Option<usize>; 4], context: &str, dropped: &mut Vec<Dropped>) -> Reading {
    let [text, area, level, examples] = cols;
    let cell = |row: &[Cell], c: Option<usize>| {
        c.and_then(|c| row.get(c)).map(|c| c.text.clone()).unwrap_or_default()
    };
    let mut entries = Vec::new();
    let mut levels: Vec<SourceLevel> = Vec::new();
    for (r, row) in table.rows.iter().enumerate() {
        let at = table.row_at.get(r).cloned().unwrap_or(table.at.clone());
        let texts = text.and_then(|c| row.get(c)).map(Cell::texts).unwrap_or_default();
        if texts.is_empty() {
            let what = if row.iter().all(Cell::is_empty) { "an empty row" } else { "a row without text" };
            empty_row(table, r, dropped, what);
            continue;
        }
        let area = Some(cell(row, area)).filter(|a| !a.is_empty()).unwrap_or_else(|| context.to_owned());
        let examples: Vec<String> = examples
            .and_then(|c| row.get(c))
            .map(|c| {
                if c.items.is_empty() { c.text.lines().map(str::to_owned).collect() } else { c.items.clone() }
            })
            .unwrap_or_default();
        let examples: Vec<String> =
            examples.into_iter().map(|e| e.trim().to_owned()).filter(|e| !e.is_empty()).collect();
        let new: Vec<Entry> = texts
            .into_iter()
            .map(|text| Entry { area: area.clone(), text, examples: examples.clone(), at: at.clone() })
            .collect();
        match level.map(|c| cell(row, Some(c))) {
            None => entries.extend(new),
            Some(name) if name.is_empty() => empty_row(table, r, dropped, "a row without a level"),
            Some(name) => {
                let id = slug(&name);
                let i = match levels.iter().position(|l| l.id == id) {
                    Some(i) => i,
                    None => {
                        let place = table.value_place;
                        levels.push(SourceLevel {
                            id,
                            name,
                            at: at.clone(),
                            place,
                            ..SourceLevel::default()
                        });
                        levels.len() - 1
                    }
                };
                levels[i].expectations.extend(new);
            }
        }
    }
    if level.is_some() { Reading::Levels(levels) } else { Reading::Entries(entries) }
}

fn by_row(table: &Table, dropped: &mut Vec<Dropped>) -> Reading {
    let mut levels: Vec<SourceLevel> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    let areas = table.header.len().max(2) - 1;
    for (r, row) in table.rows.iter().enumerate() {
        let at = table.row_at.get(r).cloned().unwrap_or(table.at.clone());
        let Some(name) = row.first().map(|c| c.text.clone()).filter(|n| !n.is_empty()) else {
            if !row.iter().all(Cell::is_empty) {
                empty_row(table, r, dropped, "a row without a level");
            }
            continue;
        };
        let id = slug(&name);
        let i = *index.entry(id.clone()).or_insert_with(|| {
            levels.push(SourceLevel {
                id,
                name,
                at: at.clone(),
                place: "table row",
                ..SourceLevel::default()
            });
            levels.len() - 1
        });
        let level = &mut levels[i];
        for (c, cell) in row.iter().enumerate().skip(1) {
            if cell.copy || cell.is_empty() {
                continue;
            }
            let header = table.header.get(c).map(String::as_str).unwrap_or_default();
            if cell.span >= areas && areas > 1 {
                let summary =
                    if cell.paragraphs.is_empty() { cell.text.clone() } else { cell.paragraphs.join(" ") };
                level.summary.get_or_insert(summary);
                level.notes.extend(cell.items.iter().cloned());
            } else if is_notes(header) {
                level.notes.extend(cell.texts());
            } else {
                for text in cell.texts() {
                    level.expectations.push(Entry {
                        area: header.to_owned(),
                        text,
                        examples: Vec::new(),
                        at: at.clone(),
                    });
                }
            }
        }
    }
    Reading::Levels(levels)
}

fn by_column(table: &Table, context: &str, dropped: &mut Vec<Dropped>) -> Reading {
    let mut levels: Vec<SourceLevel> = table
        .header
        .iter()
        .skip(1)
        .map(|name| SourceLevel {
            id: slug(name),
            name: name.clone(),
            at: table.at.clone(),
            place: "table column",
            ..SourceLevel::default()
        })
        .collect();
    for (r, row) in table.rows.iter().enumerate() {
        let at = table.row_at.get(r).cloned().unwrap_or(table.at.clone());
        if row.iter().all(Cell::is_empty) {
            empty_row(table, r, dropped, "an empty row");
            continue;
        }
        let area = row
            .first()
            .map(|c| c.text.clone())
            .filter(|a| !a.is_empty())
            .unwrap_or_else(|| context.to_owned());
        for (c, cell) in row.iter().enumerate().skip(1) {
            let Some(level) = levels.get_mut(c - 1) else { break };
            if cell.copy {
                continue;
            }
            for text in cell.texts() {
                level.expectations.push(Entry {
                    area: area.clone(),
                    text,
                    examples: Vec::new(),
                    at: at.clone(),
                });
            }
        }
    }
    levels.retain(|l| !l.id.is_empty());
    Reading::Levels(levels)
}
