//! The Markdown walk: pulldown-cmark events with byte offsets → sections,
//! claims and directives.

use std::ops::Range;

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::directives::{self, DirectiveKind};
use super::{Claim, ClaimKind, CoversRef, Directive, Section};

pub(super) struct Body {
    pub(super) sections: Vec<Section>,
    pub(super) claims: Vec<Claim>,
    pub(super) directives: Vec<Directive>,
}

/// What an open block contributes text to.
enum Open {
    /// A list item whose claim is `claims[.0]`; `.1` is where its first nested
    /// list starts, which ends its own range.
    Item(usize, Option<usize>),
    /// A paragraph that is a claim of its own.
    Claim(usize),
    /// A paragraph inside an item or a table row: its text goes to the claim below.
    Passthrough,
}

struct Walk<'a> {
    body: &'a str,
    offset: usize,
    sections: Vec<Section>,
    headings: Vec<(HeadingLevel, String)>,
    heading: Option<String>,
    claims: Vec<Claim>,
    open: Vec<Open>,
    directives: Vec<Directive>,
    in_code: usize,
    in_table_head: bool,
    blockquotes: usize,
    /// A list item whose range still starts at its marker: the first event
    /// inside it moves the start to its own text.
    fresh_item: Option<usize>,
}

/// Parses the Markdown body that starts at byte `start` of `text`.
pub(super) fn parse_body(text: &str, start: usize) -> Body {
    let body = &text[start..];
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES;
    let mut walk = Walk {
        body,
        offset: start,
        sections: vec![Section { path: Vec::new() }],
        headings: Vec::new(),
        heading: None,
        claims: Vec::new(),
        open: Vec::new(),
        directives: Vec::new(),
        in_code: 0,
        in_table_head: false,
        blockquotes: 0,
        fresh_item: None,
    };
    for (event, range) in Parser::new_ext(body, options).into_offset_iter() {
        walk.event(event, range);
    }
    walk.finish(text)
}

impl Walk<'_> {
    fn abs(&self, range: &Range<usize>) -> Range<usize> {
        range.start + self.offset..range.end + self.offset
    }

    /// The claim that text currently goes to.
    fn current(&self) -> Option<usize> {
        self.open.iter().rev().find_map(|o| match o {
            Open::Item(c, _) | Open::Claim(c) => Some(*c),
            Open::Passthrough => None,
        })
    }

    fn new_claim(&mut self, range: Range<usize>, kind: ClaimKind, parent: Option<usize>) -> usize {
        self.claims.push(Claim {
            range: self.abs(&range),
            text: String::new(),
            links: Vec::new(),
            kind,
            section: self.sections.len() - 1,
            parent,
            covers: Vec::new(),
            code: Vec::new(),
            origins: Vec::new(),
            html: Vec::new(),
        });
        self.claims.len() - 1
    }

    /// Appends `s`, which came from `range` of the body, to the open claim's
    /// (or heading's) text, recording where each of its bytes came from.
    fn push_text(&mut self, s: &str, range: Range<usize>) {
        if self.in_code > 0 || self.in_table_head {
            return;
        }
        if let Some(h) = &mut self.heading {
            h.push_str(s);
            return;
        }
        let Some(c) = self.current() else { return };
        let source = self.body.get(range.clone()).unwrap_or_default();
        let start = range.start + self.offset;
        // The text as written (a plain run, or inline code inside its
        // backticks) maps byte for byte; what markup turned into other text
        // (an entity, a break's space, a cell's " | ") maps to where it starts.
        let verbatim = if source == s { Some(0) } else { source.find(s).filter(|_| !s.is_empty()) };
        let claim = &mut self.claims[c];
        claim.text.push_str(s);
        match verbatim {
            Some(at) => claim.origins.extend((0..s.len()).map(|i| start + at + i)),
            None => claim.origins.extend(std::iter::repeat_n(start, s.len())),
        }
    }

    fn event(&mut self, event: Event<'_>, range: Range<usize>) {
        if let Some(c) = self.fresh_item.take()
            && !matches!(event, Event::End(_))
        {
            self.claims[c].range.start = range.start + self.offset;
        }
        match event {
            Event::Start(tag) => self.start(tag, range),
            Event::End(tag) => self.end(tag, range),
            Event::Text(s) => self.push_text(&s, range),
            Event::Code(s) => {
                // Remember where inline code sits in the text, so red flags can skip it.
                let at = self
                    .current()
                    .filter(|_| self.in_code == 0 && !self.in_table_head && self.heading.is_none());
                let start = at.map(|c| self.claims[c].text.len());
                self.push_text(&s, range);
                if let (Some(c), Some(start)) = (at, start) {
                    let end = self.claims[c].text.len();
                    self.claims[c].code.push(start..end);
                }
            }
            Event::SoftBreak | Event::HardBreak => self.push_text(" ", range),
            Event::InlineHtml(_) | Event::Html(_) if self.in_code == 0 => {
                // Html events inside an HtmlBlock are handled at its start.
                if matches!(event, Event::InlineHtml(_)) {
                    let html = &self.body[range.clone()];
                    if self.directives_in(html, range.start + self.offset) {
                        self.html_in(range);
                    }
                }
            }
            _ => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>, range: Range<usize>) {
        match tag {
            Tag::Heading { .. } => self.heading = Some(String::new()),
            Tag::CodeBlock(_) => self.in_code += 1,
            Tag::HtmlBlock => {
                let html = &self.body[range.clone()];
                if self.directives_in(html, range.start + self.offset) {
                    self.html_in(range);
                }
            }
            Tag::BlockQuote(_) => self.blockquotes += 1,
            Tag::List(_) => {
                if let Some(Open::Item(_, nested @ None)) = self.open.last_mut() {
                    *nested = Some(range.start + self.offset);
                }
            }
            Tag::Item => {
                let parent = self.open.iter().rev().find_map(|o| match o {
                    Open::Item(c, _) => Some(*c),
                    _ => None,
                });
                let c = self.new_claim(range, ClaimKind::ListItem, parent);
                self.open.push(Open::Item(c, None));
                self.fresh_item = Some(c);
            }
            Tag::Paragraph => {
                if self.current().is_some() {
                    self.open.push(Open::Passthrough);
                } else {
                    let kind = if self.blockquotes > 0 { ClaimKind::Quote } else { ClaimKind::Paragraph };
                    let c = self.new_claim(range, kind, None);
                    self.open.push(Open::Claim(c));
                }
            }
            Tag::TableHead => self.in_table_head = true,
            Tag::TableRow => {
                let c = self.new_claim(range, ClaimKind::TableRow, None);
                self.open.push(Open::Claim(c));
            }
            Tag::TableCell => {
                if let Some(c) = self.current()
                    && !self.in_table_head
                    && !self.claims[c].text.is_empty()
                {
                    self.push_text(" | ", range);
                }
            }
            Tag::Link { dest_url, .. } => {
                if let Some(c) = self.current() {
                    self.claims[c].links.push(dest_url.into_string());
                }
            }
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd, _range: Range<usize>) {
        match tag {
            TagEnd::Heading(level) => {
                let text = self.heading.take().unwrap_or_default();
                let text = collapse_whitespace(&text);
                self.headings.retain(|(l, _)| *l < level);
                self.headings.push((level, text));
                let path = self.headings.iter().map(|(_, t)| t.clone()).collect();
                self.sections.push(Section { path });
            }
            TagEnd::CodeBlock => self.in_code = self.in_code.saturating_sub(1),
            TagEnd::BlockQuote(_) => self.blockquotes = self.blockquotes.saturating_sub(1),
            TagEnd::Item => {
                if let Some(Open::Item(c, nested)) = self.open.pop()
                    && let Some(n) = nested
                {
                    self.claims[c].range.end = n;
                }
            }
            TagEnd::Paragraph | TagEnd::TableRow => {
                self.open.pop();
            }
            TagEnd::TableHead => self.in_table_head = false,
            _ => {}
        }
    }

    /// Takes the promolint directives in raw HTML at `offset`; true when
    /// there were none (the HTML is the claim's own).
    fn directives_in(&mut self, html: &str, offset: usize) -> bool {
        let found = directives::parse(html, offset);
        let none = found.is_empty();
        for d in found {
            match d.kind {
                DirectiveKind::Covers(ids) => {
                    // In the claim being read, else the one it follows.
                    let target = self.current().or(self.claims.len().checked_sub(1));
                    if let Some(c) = target {
                        let covers = ids.into_iter().map(|w| CoversRef { id: w.text, range: w.range });
                        self.claims[c].covers.extend(covers);
                    }
                }
                _ => self.directives.push(d),
            }
        }
        none
    }

    /// Records raw HTML at `range` (of the body), which holds no promolint
    /// directive, in the claim being read.
    fn html_in(&mut self, range: Range<usize>) {
        if let Some(c) = self.current() {
            let abs = self.abs(&range);
            self.claims[c].html.push(abs);
        }
    }

    fn finish(mut self, text: &str) -> Body {
        for claim in &mut self.claims {
            let (collapsed, map, origins) = collapse_with_map(&claim.text, &claim.origins);
            for r in &mut claim.code {
                *r = map[r.start]..map[r.end];
            }
            claim.code.retain(|r| !r.is_empty());
            claim.text = collapsed;
            claim.origins = origins;
            // Trim trailing white space (and a directive-only tail) from the range.
            let slice = &text[claim.range.clone()];
            claim.range.end = claim.range.start + slice.trim_end().len();
        }
        // Drop claims with no text of their own (an item holding only a nested
        // list); one holding only HTML (`- <!-- TODO: add figures -->`) stays,
        // for red flags to read.
        let keep: Vec<bool> = self
            .claims
            .iter()
            .map(|c| !c.text.is_empty() || !c.covers.is_empty() || !c.html.is_empty())
            .collect();
        let mut new_index = vec![None; self.claims.len()];
        let mut next = 0;
        for (i, k) in keep.iter().enumerate() {
            if *k {
                new_index[i] = Some(next);
                next += 1;
            }
        }
        let mut claims = Vec::with_capacity(next);
        let old = std::mem::take(&mut self.claims);
        let parents: Vec<Option<usize>> = old.iter().map(|c| c.parent).collect();
        for (i, mut claim) in old.into_iter().enumerate() {
            if !keep[i] {
                continue;
            }
            // The nearest kept ancestor.
            let mut p = claim.parent;
            while let Some(pi) = p {
                if keep[pi] {
                    break;
                }
                p = parents[pi];
            }
            claim.parent = p.and_then(|pi| new_index[pi]);
            claims.push(claim);
        }
        Body { sections: self.sections, claims, directives: self.directives }
    }
}

/// [`collapse_whitespace`], with each byte offset of `s` (0..=len) mapped to
/// its offset in the result, and `origins` (one source offset per byte of
/// `s`) carried over to the bytes of the result (a collapsed run of white
/// space takes the origin of its first character).
fn collapse_with_map(s: &str, origins: &[usize]) -> (String, Vec<usize>, Vec<usize>) {
    let mut out = String::with_capacity(s.len());
    let mut map = vec![0; s.len() + 1];
    let mut out_origins = Vec::with_capacity(s.len());
    let origin = |i: usize| origins.get(i).copied().unwrap_or_default();
    let mut pending_space: Option<usize> = None;
    for (i, ch) in s.char_indices() {
        let space = ch.is_whitespace();
        if space {
            if !out.is_empty() && pending_space.is_none() {
                pending_space = Some(i);
            }
        } else if let Some(at) = pending_space.take() {
            out.push(' ');
            out_origins.push(origin(at));
        }
        map[i..i + ch.len_utf8()].fill(out.len());
        if !space {
            out.push(ch);
            out_origins.extend((i..i + ch.len_utf8()).map(origin));
        }
    }
    map[s.len()] = out.len();
    (out, map, out_origins)
}

/// Collapses runs of white space into one space and trims the ends.
pub(super) fn collapse_whitespace(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::super::Packet;
    use super::*;
    use crate::source::FileId;

    #[test]
    fn claims_are_items_paragraphs_and_rows_with_context() {
        let text = "---\nladder: generic\n---\n# Work\n\nIntro paragraph.\n\n## Mentoring\n- Mentored **two** [new hires](https://x.io)\n  - Both shipped in Q1\n<!-- covers: mentor -->\n\n| What | When |\n| --- | --- |\n| Led RFC | 2024 |\n\n```\ncode - not a claim\n```\n";
        let (p, d) = Packet::parse(FileId(0), text);
        assert!(d.is_empty());
        let texts: Vec<&str> = p.claims.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(
            texts,
            ["Intro paragraph.", "Mentored two new hires", "Both shipped in Q1", "Led RFC | 2024"]
        );
        let item = &p.claims[1];
        assert_eq!(&text[item.range.clone()], "Mentored **two** [new hires](https://x.io)");
        assert_eq!(item.links, ["https://x.io"]);
        assert_eq!(p.claims[2].parent, Some(1));
        assert_eq!(p.heading(item), "Work / Mentoring");
        // The comment follows the nested item, the last claim before it.
        assert_eq!(p.claims[2].covers[0].id, "mentor");
        assert_eq!(p.claims[3].kind, ClaimKind::TableRow);
    }

    /// Every byte of a claim's plain text knows where it came from, so a
    /// span found in the text maps back through markup, escapes, entities,
    /// inline code and line breaks, and never to an earlier look-alike.
    #[test]
    fn spans_in_the_plain_text_map_back_to_the_source() {
        let text = "---\nladder: generic\n---\n- Fixed (INC-311): **two** [new\n  hires](https://x.io) &amp; `I`\n  and I \\*led\\* it\n";
        let (p, _) = Packet::parse(FileId(0), text);
        let claim = &p.claims[0];
        assert_eq!(claim.text, "Fixed (INC-311): two new hires & I and I *led* it");
        assert_eq!(claim.origins.len(), claim.text.len());
        let span = |words: &str| {
            let at = claim.text.rfind(words).unwrap();
            &text[claim.source_range(at..at + words.len()).unwrap()]
        };
        assert_eq!(span("two new hires"), "two** [new\n  hires");
        assert_eq!(span("and I"), "and I");
        assert_eq!(span("I *led"), "I \\*led");
        assert_eq!(span("&"), "&");
        // The last "I", not the "I" of "INC" that the source spells first.
        let at = claim.text.rfind('I').unwrap();
        assert_eq!(claim.source_range(at..at + 1).map(|r| r.start), text.find("I \\*led"));
        assert_eq!(claim.source_range(0..0), None);
        assert_eq!(claim.source_range(0..999), None);
    }
}
