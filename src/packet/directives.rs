//! promolint's comments inside packets: `covers`, suppressions and waivers.
//!
//! ```markdown
//! <!-- covers: teach-and-mentor, plan-and-track -->
//! <!-- promolint-disable vague-claim -->  …  <!-- promolint-enable vague-claim -->
//! <!-- promolint-disable-next-line claim-without-evidence -->
//! - Helped with the launch. <!-- promolint-disable-line vague-claim -->
//! <!-- promolint-disable-file uncovered-expectation -->
//! <!-- promolint-waive interview-assessments: not part of my team's hiring this cycle -->
//! ```
//!
//! Ordinary HTML comments are ignored.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

/// A word in a directive with its byte range in the packet source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    /// The text.
    pub text: String,
    /// Byte range into the packet source.
    pub range: Range<usize>,
}

/// What a promolint comment says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DirectiveKind {
    /// `covers: ID, ID`: the claim it sits in or follows shows these expectations.
    Covers(Vec<Word>),
    /// `promolint-disable [CODE, ...]`: no codes means every code.
    Disable(Vec<Word>),
    /// `promolint-enable [CODE, ...]`.
    Enable(Vec<Word>),
    /// `promolint-disable-next-line [CODE, ...]`.
    DisableNextLine(Vec<Word>),
    /// `promolint-disable-line [CODE, ...]`: the line(s) the comment itself sits on.
    DisableLine(Vec<Word>),
    /// `promolint-disable-file [CODE, ...]`: the whole file, front matter included.
    DisableFile(Vec<Word>),
    /// `promolint-waive ID: reason`; the reason is `None` when missing or empty.
    Waive {
        /// The expectation waived.
        id: Word,
        /// Why the candidate leaves it uncovered.
        reason: Option<String>,
    },
}

/// One promolint comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Directive {
    /// What it says.
    pub kind: DirectiveKind,
    /// Byte range of the whole comment in the packet source.
    pub range: Range<usize>,
}

static COMMENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?s)<!--\s*(covers|promolint-disable-next-line|promolint-disable-line|promolint-disable-file|promolint-disable|promolint-enable|promolint-waive)\b(.*?)-->")
        .expect("static regex")
});
static WORD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[A-Za-z0-9][A-Za-z0-9_./-]*").expect("static regex"));

/// Every promolint comment in `html`, which starts at byte `offset` of the
/// packet source.
pub fn parse(html: &str, offset: usize) -> Vec<Directive> {
    let mut out = Vec::new();
    for caps in COMMENT.captures_iter(html) {
        let (Some(all), Some(name), Some(rest)) = (caps.get(0), caps.get(1), caps.get(2)) else {
            continue;
        };
        let words = |s: &str, base: usize| -> Vec<Word> {
            WORD.find_iter(s)
                .map(|m| Word { text: m.as_str().to_owned(), range: base + m.start()..base + m.end() })
                .collect()
        };
        let base = offset + rest.start();
        let body = rest.as_str();
        let kind = match name.as_str() {
            "covers" => {
                let body_trim = body.trim_start();
                let Some(list) = body_trim.strip_prefix(':') else { continue };
                let skip = body.len() - body_trim.len() + 1;
                DirectiveKind::Covers(words(list, base + skip))
            }
            "promolint-disable" => DirectiveKind::Disable(words(body, base)),
            "promolint-enable" => DirectiveKind::Enable(words(body, base)),
            "promolint-disable-next-line" => DirectiveKind::DisableNextLine(words(body, base)),
            "promolint-disable-line" => DirectiveKind::DisableLine(words(body, base)),
            "promolint-disable-file" => DirectiveKind::DisableFile(words(body, base)),
            _ => {
                let (id_part, reason) = match body.find(':') {
                    Some(i) => (&body[..i], Some(body[i + 1..].trim())),
                    None => (body, None),
                };
                let Some(id) = words(id_part, base).into_iter().next() else { continue };
                let reason = reason.filter(|r| !r.is_empty()).map(str::to_owned);
                DirectiveKind::Waive { id, reason }
            }
        };
        out.push(Directive { kind, range: offset + all.start()..offset + all.end() });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn covers_ids_keep_their_ranges() {
        let html = "<!-- covers: teach-and-mentor, plan -->";
        let d = parse(html, 10);
        let DirectiveKind::Covers(ids) = &d[0].kind else { panic!("{d:?}") };
        assert_eq!(ids.len(), 2);
        assert_eq!(&html[ids[0].range.start - 10..ids[0].range.end - 10], "teach-and-mentor");
        assert_eq!(d[0].range, 10..10 + html.len());
    }

    #[test]
    fn waivers_need_a_reason_and_ordinary_comments_are_ignored() {
        let d = parse("<!-- promolint-waive hiring: no hiring this year --><!-- a note -->", 0);
        assert_eq!(d.len(), 1);
        assert!(
            matches!(&d[0].kind, DirectiveKind::Waive { reason: Some(r), .. } if r == "no hiring this year")
        );
        let d = parse("<!-- promolint-disable-line vague-claim -->", 0);
        assert!(
            matches!(&d[0].kind, DirectiveKind::DisableLine(w) if w.len() == 1 && w[0].text == "vague-claim")
        );
        let d = parse("<!-- promolint-waive hiring -->", 0);
        assert!(matches!(&d[0].kind, DirectiveKind::Waive { reason: None, .. }));
    }
}
