//! HTML ladders (a page, or an HTML block inside Markdown), through
//! html5ever (the `scraper` crate): headings, lists, paragraphs and tables
//! follow the same outline rules as Markdown; `<script>`, `<style>`, `<nav>`
//! and the like are skipped; text in other elements is dropped with a warning.
//!
//! html5ever keeps no source positions, so a block's position is found by
//! looking for the start of its text in the source after the previous
//! block's; a block not found there points at the previous one.

use std::ops::Range;

use scraper::{ElementRef, Html, Node, Selector};

use super::outline::Outline;
use super::table::{self, Cell, Table};
use super::{Columns, Document, clean};

/// Reads an HTML page.
pub fn parse(text: &str, columns: &Columns) -> Document {
    let html = Html::parse_document(text);
    let headings = headings(&html);
    let mut outline = Outline::new(&headings, columns);
    let mut walker = Walker { source: text, base: 0, cursor: 0 };
    walker.children(html.root_element(), &mut outline, false);
    outline.finish()
}

/// Walks an HTML fragment that starts at byte `base` of the document into `outline`.
pub(super) fn fragment(html: &str, base: usize, outline: &mut Outline<'_>) {
    let parsed = Html::parse_fragment(html);
    let mut walker = Walker { source: html, base, cursor: 0 };
    walker.children(parsed.root_element(), outline, false);
}

fn headings(html: &Html) -> Vec<(u8, String)> {
    let Ok(selector) = Selector::parse("h1, h2, h3, h4, h5, h6") else { return Vec::new() };
    html.select(&selector).filter_map(|h| Some((depth(h.value().name())?, clean(&text_of(h))))).collect()
}

fn depth(name: &str) -> Option<u8> {
    match name {
        "h1" => Some(1),
        "h2" => Some(2),
        "h3" => Some(3),
        "h4" => Some(4),
        "h5" => Some(5),
        "h6" => Some(6),
        _ => None,
    }
}

fn text_of(el: ElementRef<'_>) -> String {
    el.text().collect::<Vec<_>>().join("")
}

/// The text of `el` without its nested lists.
fn own_text(el: ElementRef<'_>, out: &mut String) {
    for child in el.children() {
        match child.value() {
            Node::Text(t) => out.push_str(t),
            Node::Element(e) if matches!(e.name(), "ul" | "ol") => {}
            Node::Element(e) if e.name() == "br" => out.push(' '),
            Node::Element(_) => {
                if let Some(c) = ElementRef::wrap(child) {
                    own_text(c, out);
                }
            }
            _ => {}
        }
    }
}

/// Whether all of the text of `el` is inside `<strong>` or `<b>`.
fn all_bold(el: ElementRef<'_>) -> bool {
    fn walk(el: ElementRef<'_>, bold: bool, plain: &mut bool) {
        for child in el.children() {
            match child.value() {
                Node::Text(t) if !bold && !t.trim().is_empty() => *plain = true,
                Node::Element(e) if matches!(e.name(), "ul" | "ol") => {}
                Node::Element(e) => {
                    if let Some(c) = ElementRef::wrap(child) {
                        walk(c, bold || matches!(e.name(), "strong" | "b"), plain);
                    }
                }
                _ => {}
            }
        }
    }
    let mut plain = false;
    walk(el, false, &mut plain);
    !plain
}

struct Walker<'s> {
    source: &'s str,
    base: usize,
    cursor: usize,
}

impl Walker<'_> {
    /// Where `text` is in the source, looked for after the previous find.
    fn locate(&mut self, text: &str) -> Range<usize> {
        let probe: String = text.split_whitespace().next().unwrap_or_default().chars().take(40).collect();
        let rest = self.source.get(self.cursor..).unwrap_or_default();
        if !probe.is_empty()
            && let Some(i) = rest.find(&probe)
        {
            let start = self.cursor + i;
            self.cursor = start + probe.len();
            return self.base + start..self.base + self.cursor;
        }
        self.base + self.cursor..self.base + self.cursor
    }

    fn children(&mut self, el: ElementRef<'_>, out: &mut Outline<'_>, quote: bool) {
        for child in el.children() {
            match child.value() {
                Node::Text(t) if !t.trim().is_empty() => {
                    let at = self.locate(t);
                    out.drop(format!("text in unsupported HTML <{}>", el.value().name()), at);
                }
                Node::Element(_) => {
                    if let Some(c) = ElementRef::wrap(child) {
                        self.element(c, out, quote);
                    }
                }
                _ => {}
            }
        }
    }

    fn element(&mut self, el: ElementRef<'_>, out: &mut Outline<'_>, quote: bool) {
        let name = el.value().name();
        if let Some(d) = depth(name) {
            let text = clean(&text_of(el));
            let at = self.locate(&text);
            out.heading(d, text, at);
            return;
        }
        match name {
            "html" | "body" | "main" | "article" | "section" | "div" | "header" | "span" | "center" => {
                self.children(el, out, quote)
            }
            "blockquote" => self.children(el, out, true),
            "head" | "script" | "style" | "template" | "noscript" | "nav" | "footer" | "svg" | "img"
            | "br" | "hr" | "link" | "meta" | "button" | "form" | "input" | "iframe" => {}
            "ul" | "ol" => self.list(el, out),
            "p" => {
                let text = clean(&text_of(el));
                let at = self.locate(&text);
                let label = (all_bold(el) && !text.is_empty()).then(|| text.clone());
                out.paragraph(text, label, quote, at);
            }
            "table" => {
                let table = self.table(el);
                out.table(&table);
            }
            other => {
                let text = clean(&text_of(el));
                if !text.is_empty() {
                    let at = self.locate(&text);
                    out.drop(format!("unsupported HTML <{other}>"), at);
                }
            }
        }
    }

    fn list(&mut self, el: ElementRef<'_>, out: &mut Outline<'_>) {
        for li in el.child_elements() {
            if li.value().name() != "li" {
                self.element(li, out, false);
                continue;
            }
            let mut text = String::new();
            own_text(li, &mut text);
            let text = clean(&text);
            let nested: Vec<ElementRef<'_>> =
                li.child_elements().filter(|c| matches!(c.value().name(), "ul" | "ol")).collect();
            out.start_item();
            let at = self.locate(&text);
            out.item(text, at, !nested.is_empty(), all_bold(li));
            for list in nested {
                self.list(list, out);
            }
            out.end_item();
        }
    }

    fn table(&mut self, el: ElementRef<'_>) -> Table {
        let start = self.locate("<table");
        let mut header: Vec<String> = Vec::new();
        let mut rows = Vec::new();
        let mut row_at: Vec<Range<usize>> = Vec::new();
        for tr in el.descendent_elements().filter(|e| e.value().name() == "tr") {
            let at = self.locate("<tr");
            let cells: Vec<ElementRef<'_>> =
                tr.child_elements().filter(|c| matches!(c.value().name(), "td" | "th")).collect();
            let in_head =
                tr.ancestors().any(|a| ElementRef::wrap(a).is_some_and(|e| e.value().name() == "thead"));
            let all_th = !cells.is_empty() && cells.iter().all(|c| c.value().name() == "th");
            if header.is_empty() && rows.is_empty() && (in_head || all_th && cells.len() > 1) {
                header = cells.iter().map(|c| clean(&text_of(*c))).collect();
                continue;
            }
            row_at.push(at);
            rows.push(cells.into_iter().map(|c| (cell(c), span(c, "rowspan"), span(c, "colspan"))).collect());
        }
        let end = self.base + self.cursor;
        Table {
            header,
            rows: table::grid(rows),
            row_at,
            at: start.start..end.max(start.end),
            value_place: "table cell",
        }
    }
}

fn span(el: ElementRef<'_>, attr: &str) -> usize {
    el.attr(attr).and_then(|v| v.trim().parse().ok()).unwrap_or(1)
}

fn cell(el: ElementRef<'_>) -> Cell {
    let by_name = |name: &str| -> Vec<String> {
        el.descendent_elements()
            .filter(|e| e.value().name() == name)
            .map(|e| clean(&text_of(e)))
            .filter(|t| !t.is_empty())
            .collect()
    };
    Cell { text: clean(&text_of(el)), paragraphs: by_name("p"), items: by_name("li"), span: 1, copy: false }
}
