//! A packet parsed once: front matter, sections, claims with byte ranges, and
//! promolint comments (`covers`, suppressions, waivers).
//!
//! This module reads Markdown (through pulldown-cmark) and YAML front matter
//! (through serde-saphyr); later stages read a [`Packet`], never raw Markdown.

pub mod directives;
pub mod front_matter;
pub(crate) mod messages;
mod parse;

use std::ops::Range;

pub use directives::{Directive, DirectiveKind};
pub use front_matter::{FrontMatter, Value};

use crate::diagnostic::Diagnostic;
use crate::source::FileId;

/// What kind of block a claim is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ClaimKind {
    /// A list item (its own text, without nested lists).
    ListItem,
    /// A paragraph outside lists and block quotes.
    Paragraph,
    /// A paragraph inside a block quote.
    Quote,
    /// A table body row, cells joined with ` | `.
    TableRow,
}

/// One statement of the packet.
#[derive(Debug, Clone)]
pub struct Claim {
    /// Byte range into the packet source: the item, paragraph or row, without
    /// nested lists and trailing white space.
    pub range: Range<usize>,
    /// Plain text: Markdown markup removed, links reduced to their text,
    /// breaks turned into spaces.
    pub text: String,
    /// Link targets inside the claim (Markdown links and autolinks).
    pub links: Vec<String>,
    /// What kind of block it is.
    pub kind: ClaimKind,
    /// Index into [`Packet::sections`] of the section it sits in.
    pub section: usize,
    /// Index into [`Packet::claims`] of the list item it is nested in.
    pub parent: Option<usize>,
    /// Expectation ids named by `<!-- covers: ... -->` in or right after it.
    pub covers: Vec<CoversRef>,
    /// Byte ranges into `text` of inline code (`` `TODO` ``), which red flags skip.
    pub code: Vec<Range<usize>>,
    /// For each byte of `text`, the byte offset in the packet source it came
    /// from (`text.len()` entries): spans found in the plain text map back to
    /// the source exactly, through any markup ([`Claim::source_range`]).
    pub origins: Vec<usize>,
    /// Byte ranges into the packet source of raw HTML in the claim that is
    /// not a promolint directive (`<!-- TODO: ... -->`, `<insert link>`):
    /// not part of `text`, but placeholder text may hide there.
    pub html: Vec<Range<usize>>,
}

impl Claim {
    /// The byte range in the packet source of `r`, a byte range into
    /// [`Claim::text`]: from where its first byte came from to just past where
    /// its last byte came from (text that markup produced, such as an entity,
    /// maps to where that markup starts). `None` for an empty or out-of-range `r`.
    pub fn source_range(&self, r: Range<usize>) -> Option<Range<usize>> {
        if r.is_empty() {
            return None;
        }
        let start = *self.origins.get(r.start)?;
        let end = *self.origins.get(r.end - 1)? + 1;
        (start < end).then_some(start..end)
    }
}

/// One id named in a `covers` comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CoversRef {
    /// The id as written.
    pub id: String,
    /// Byte range of the id in the packet source.
    pub range: Range<usize>,
}

/// A heading path; the part of the packet before any heading has an empty one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// Heading texts from the outermost to this section's own.
    pub path: Vec<String>,
}

/// A parsed packet.
#[derive(Debug, Clone)]
pub struct Packet {
    /// The source file.
    pub file: FileId,
    /// promolint's front matter keys, when the file has YAML front matter.
    pub front_matter: Option<FrontMatter>,
    /// Sections, in document order; index 0 is the part before any heading.
    pub sections: Vec<Section>,
    /// Claims, in document order.
    pub claims: Vec<Claim>,
    /// promolint comments other than `covers`, in document order.
    pub directives: Vec<Directive>,
}

impl Packet {
    /// Parses a packet's text. Problems with the front matter come back as
    /// diagnostics (`invalid-front-matter`); the Markdown itself always parses.
    pub fn parse(file: FileId, text: &str) -> (Packet, Vec<Diagnostic>) {
        let (front_matter, body_start, diagnostics) = front_matter::split(file, text);
        let body = parse::parse_body(text, body_start);
        let packet = Packet {
            file,
            front_matter,
            sections: body.sections,
            claims: body.claims,
            directives: body.directives,
        };
        (packet, diagnostics)
    }

    /// Whether the front matter has one of promolint's keys (`candidate`,
    /// `ladder`, `target`, `current`): what makes a Markdown file a packet
    /// when walking a folder.
    pub fn has_promolint_front_matter(&self) -> bool {
        self.front_matter.as_ref().is_some_and(|f| {
            f.candidate.is_some() || f.ladder.is_some() || f.target.is_some() || f.current.is_some()
        })
    }

    /// The heading path of a claim joined with ` / `.
    pub fn heading(&self, claim: &Claim) -> String {
        self.sections[claim.section].path.join(" / ")
    }
}
