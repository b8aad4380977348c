//! Markdown ladders, through pulldown-cmark with byte offsets.
//!
//! Headings (ATX or setext) become areas, bullets (`*` or `-`) become
//! expectations, a paragraph that is only bold text ("**Impact**", or
//! "**Scope** _its gloss_") or a bullet that is only a label with children
//! (`Scope:`, `**Execution**`) is a sub-area, and bullets under a "Red flags"
//! heading become red flags. Headings that name levels (`## IC4`) start
//! levels. Tables are read by [`super::table`]; HTML blocks (an HTML table in
//! a handbook page) are handed to html5ever by [`super::html`]; YAML front
//! matter with `topics` (Monzo-style) is read by [`super::yaml`]. Links keep
//! their Markdown form. The first heading is the level's title when it is a
//! level-1 heading or outranks all others; a block quote or a paragraph
//! before the first area is the summary; a section that is a single paragraph
//! (a "Scope" statement) is one expectation; bullets that are only an
//! activity share ("60% - ...") are kept as notes; "Same as L3 and..." goes
//! into `source`. Encoding damage is repaired.

use std::ops::Range;

use pulldown_cmark::{Event, MetadataBlockKind, Options, Parser, Tag, TagEnd};

use super::outline::Outline;
use super::table::{Cell, Table};
use super::{Columns, Document, Problem, clean};

/// Group of the levels from front matter (apart from headings' and tables').
const FRONT_MATTER_GROUP: usize = 10_000;

fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
}

/// Reads a Markdown ladder.
///
/// # Errors
/// Front matter with `topics` that does not follow the Monzo shape.
pub fn parse(markdown: &str, columns: &Columns) -> Result<Document, Problem> {
    let headings = headings(markdown);
    let mut im = Outline::new(&headings, columns);
    let mut text = String::new();
    let mut collecting = false;
    let mut item_starts: Vec<usize> = Vec::new();
    let mut in_heading = false;
    let mut in_quote = 0usize;
    let mut in_code = false;
    // A paragraph that opens with bold text and has no plain text besides
    // (an emphasised gloss may follow) is a label: this is its bold text.
    let mut label: Option<String> = None;
    let mut plain = false;
    let mut strong_depth = 0usize;
    let mut emphasis_depth = 0usize;
    let mut para_start = 0usize;
    // The `](url)` closing each open link: links keep their Markdown form.
    let mut link_ends: Vec<String> = Vec::new();
    let mut table: Option<Table> = None;
    let mut row: Vec<Cell> = Vec::new();
    let mut front = String::new();
    let mut in_front = false;
    // Events inside an HTML region already handed to the HTML parser.
    let mut skip = 0..0;
    for (event, range) in Parser::new_ext(markdown, options()).into_offset_iter() {
        if skip.contains(&range.start) {
            continue;
        }
        match event {
            Event::Start(Tag::MetadataBlock(MetadataBlockKind::YamlStyle)) => in_front = true,
            Event::End(TagEnd::MetadataBlock(_)) => {
                in_front = false;
                if let Some(levels) = super::yaml::front_matter(&front, range.start + 4)? {
                    im.add_levels(levels, FRONT_MATTER_GROUP);
                }
            }
            Event::Text(t) if in_front => front.push_str(&t),
            Event::Start(Tag::HtmlBlock) => {
                let region = html_region(markdown, range.clone());
                let html = &markdown[region.clone()];
                let head = html.trim_start().to_ascii_lowercase();
                if !(head.starts_with("<!--") || head.starts_with("<style") || head.starts_with("<script")) {
                    super::html::fragment(html, region.start, &mut im);
                }
                skip = region;
            }
            Event::Start(Tag::CodeBlock(_)) => {
                in_code = true;
                im.drop("a code block", range);
            }
            Event::End(TagEnd::CodeBlock) => in_code = false,
            Event::Start(Tag::Heading { .. }) => {
                in_heading = true;
                text.clear();
            }
            Event::End(TagEnd::Heading(level)) => {
                in_heading = false;
                im.heading(level as u8, clean(&text), range);
            }
            Event::Start(Tag::BlockQuote(_)) => in_quote += 1,
            Event::End(TagEnd::BlockQuote(_)) => in_quote -= 1,
            Event::Start(Tag::List(_)) if collecting => {
                // The parent item's own text ends where its nested list starts.
                let start = item_starts.last().copied().unwrap_or(range.start);
                im.item(clean(&text), start..range.start, true, !plain);
                collecting = false;
                text.clear();
            }
            Event::Start(Tag::Item) => {
                im.start_item();
                item_starts.push(range.start);
                collecting = true;
                plain = false;
                text.clear();
            }
            Event::End(TagEnd::Item) => {
                if collecting {
                    im.item(clean(&text), range.clone(), false, !plain);
                }
                im.end_item();
                item_starts.pop();
                collecting = false;
                text.clear();
            }
            Event::Start(Tag::Paragraph) if item_starts.is_empty() && table.is_none() => {
                text.clear();
                label = None;
                plain = false;
                para_start = range.start;
            }
            Event::End(TagEnd::Paragraph) if item_starts.is_empty() && table.is_none() => {
                let para = clean(&text);
                let label = label.take().filter(|_| !plain).map(|l| clean(&l));
                im.paragraph(para, label, in_quote > 0, para_start..range.end);
                text.clear();
            }
            Event::Start(Tag::Table(_)) => {
                table = Some(Table { at: range, value_place: "table cell", ..Table::default() });
            }
            Event::Start(Tag::TableCell) => text.clear(),
            Event::End(TagEnd::TableCell) => row.push(Cell::plain(clean(&text))),
            Event::End(TagEnd::TableHead) => {
                if let Some(t) = table.as_mut() {
                    t.header = row.drain(..).map(|c| c.text).collect();
                }
            }
            Event::End(TagEnd::TableRow) => {
                if let Some(t) = table.as_mut() {
                    t.rows.push(std::mem::take(&mut row));
                    t.row_at.push(range);
                }
            }
            Event::End(TagEnd::Table) => {
                if let Some(t) = table.take() {
                    im.table(&t);
                }
                row.clear();
            }
            Event::Start(Tag::Strong) => strong_depth += 1,
            Event::End(TagEnd::Strong) => strong_depth = strong_depth.saturating_sub(1),
            Event::Start(Tag::Emphasis) => emphasis_depth += 1,
            Event::End(TagEnd::Emphasis) => emphasis_depth = emphasis_depth.saturating_sub(1),
            Event::Start(Tag::Link { dest_url, .. }) => {
                text.push('[');
                link_ends.push(format!("]({dest_url})"));
            }
            Event::End(TagEnd::Link) => text.push_str(&link_ends.pop().unwrap_or_default()),
            Event::Text(t) | Event::Code(t) if !in_code => {
                if !in_heading && !t.trim().is_empty() {
                    if strong_depth > 0 && (label.is_some() || text.trim().is_empty()) {
                        label.get_or_insert_with(String::new).push_str(&t);
                    } else if strong_depth == 0 && (emphasis_depth == 0 || !item_starts.is_empty()) {
                        plain = true;
                    }
                }
                text.push_str(&t);
            }
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            _ => {}
        }
    }
    Ok(im.finish())
}

/// The headings of `markdown` (depth, text), to find the title and the level headings.
fn headings(markdown: &str) -> Vec<(u8, String)> {
    let mut out = Vec::new();
    let mut text = String::new();
    let mut inside = false;
    for event in Parser::new_ext(markdown, options()) {
        match event {
            Event::Start(Tag::Heading { .. }) => {
                inside = true;
                text.clear();
            }
            Event::End(TagEnd::Heading(level)) => {
                inside = false;
                out.push((level as u8, clean(&text)));
            }
            Event::Text(t) | Event::Code(t) if inside => text.push_str(&t),
            _ => {}
        }
    }
    out
}

/// The source of an HTML block, extended to the end of the table it opens:
/// CommonMark ends an HTML block at a blank line, so a table written with
/// blank lines inside comes as several blocks (and indented code) that only
/// make sense together.
fn html_region(markdown: &str, block: Range<usize>) -> Range<usize> {
    let rest = &markdown[block.start..];
    let lower_head: String = rest.trim_start().chars().take(6).collect::<String>().to_ascii_lowercase();
    if lower_head != "<table" {
        return block;
    }
    let lower = rest.to_ascii_lowercase();
    match lower.find("</table>") {
        Some(end) => block.start..(block.start + end + "</table>".len()).max(block.end),
        None => block,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn import(md: &str) -> Document {
        parse(md, &Columns::default()).unwrap()
    }

    #[test]
    fn headings_bullets_labels_and_red_flags() {
        let md = "Level Title\n===\n\n> The summary.\n\n*Same as L3 and...*\n\n## Technical\n**Craft**\n\n* Writes code\n- Reviews code\n\n### Red flags\n* Blames others\n\n## Scope\nI own things across teams.\n\n## Breakdown\n- 60% - coding\n";
        let doc = import(md);
        assert_eq!(doc.title.as_deref(), Some("Level Title"));
        assert!(!doc.leveled);
        let level = &doc.levels[0];
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
        assert!(level.same_as.as_deref().is_some_and(|s| s.contains("Same as L3")));
    }

    #[test]
    fn level_headings_and_label_bullets() {
        let md = "# Ladder\n\nIntro.\n\nEach level builds on the expectations of the previous level.\n\n## L1\n- Impact: Ships tasks.\n- Scope:\n  - Own code\n  - **Team code**\n\n## L2\n- **Execution**\n  - Plans work\n";
        let doc = import(md);
        assert!(doc.leveled);
        let ids: Vec<&str> = doc.levels.iter().map(|l| l.id.as_str()).collect();
        assert_eq!(ids, ["l1", "l2"]);
        let l1: Vec<(&str, &str)> =
            doc.levels[0].expectations.iter().map(|e| (e.area.as_str(), e.text.as_str())).collect();
        assert_eq!(l1, [("Impact", "Ships tasks."), ("Scope", "Own code"), ("Scope", "Team code")]);
        assert_eq!(doc.levels[1].expectations[0].area, "Execution");
        assert_eq!(doc.levels[1].base.as_deref(), Some("l1"));
    }

    #[test]
    fn tables_with_a_column_per_level() {
        let md = "# Ladder\n\n| Competency | L1 | L2 |\n| --- | --- | --- |\n| Code | Writes code | Reviews code |\n| | | |\n";
        let doc = import(md);
        assert_eq!(doc.levels.len(), 2);
        assert_eq!(doc.levels[1].expectations[0].text, "Reviews code");
        assert_eq!(doc.levels[1].expectations[0].area, "Code");
        assert_eq!(doc.dropped.len(), 1, "{:?}", doc.dropped);
    }
}
