//! YAML front matter: finding it between `---` lines and reading promolint's
//! keys from it (other keys, such as a blog's `title`, are ignored).
//!
//! Leading blank lines and HTML comments (such as a source note) may come
//! before it. TOML front matter between `+++` lines is recognised and skipped,
//! so blog posts can be linted with `--ladder`/`--target`.

use std::ops::Range;

use serde::Deserialize;
use serde::de::{self, Visitor};
use serde_saphyr::Spanned;

use crate::diagnostic::{Diagnostic, Label};
use crate::source::FileId;
use crate::yaml::{range_of, yaml_message};

/// A front matter value with its byte range in the packet source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Value {
    /// The value as text (numbers and booleans are turned into text).
    pub text: String,
    /// Byte range into the packet source.
    pub range: Range<usize>,
}

/// promolint's front matter keys.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FrontMatter {
    /// `candidate`: the candidate's name.
    pub candidate: Option<Value>,
    /// `ladder`: ladder id.
    pub ladder: Option<Value>,
    /// `target`: the level the packet is for.
    pub target: Option<Value>,
    /// `current`: the candidate's current level.
    pub current: Option<Value>,
    /// `aliases`: other names the candidate goes by (a nickname, a maiden
    /// name, a handle), one string or a list; `summary --anonymize` masks them.
    pub aliases: Vec<String>,
    /// Byte range of the whole front matter block, `---` lines included.
    pub range: Range<usize>,
}

#[derive(Deserialize)]
struct Raw {
    #[serde(default)]
    candidate: Option<Spanned<Scalar>>,
    #[serde(default)]
    ladder: Option<Spanned<Scalar>>,
    #[serde(default)]
    target: Option<Spanned<Scalar>>,
    #[serde(default)]
    current: Option<Spanned<Scalar>>,
    #[serde(default)]
    aliases: Option<Aliases>,
}

/// `aliases:` as one scalar or a list of scalars.
struct Aliases(Vec<String>);

impl<'de> Deserialize<'de> for Aliases {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Aliases;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a name or a list of names")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Aliases, E> {
                Ok(Aliases(vec![v.trim().to_owned()]))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Aliases, E> {
                Ok(Aliases(Vec::new()))
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Aliases, A::Error> {
                let mut out = Vec::new();
                while let Some(Scalar(s, _)) = seq.next_element()? {
                    out.push(s.trim().to_owned());
                }
                Ok(Aliases(out))
            }
        }
        d.deserialize_any(V)
    }
}

/// Any YAML scalar, as text; `true` when it was read as a number or a
/// boolean, whose source text is then what the author wrote (`1.10`, not
/// the `1.1` the number prints as).
struct Scalar(String, bool);

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Scalar;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a string")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Scalar, E> {
                Ok(Scalar(v.to_owned(), false))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Scalar, E> {
                Ok(Scalar(v.to_string(), true))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Scalar, E> {
                Ok(Scalar(v.to_string(), true))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Scalar, E> {
                Ok(Scalar(v.to_string(), true))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Scalar, E> {
                Ok(Scalar(v.to_string(), true))
            }
        }
        d.deserialize_any(V)
    }
}

/// Finds and reads the front matter of `text`. Returns promolint's keys (if
/// the file has YAML front matter that parses), the byte offset where the
/// Markdown body starts, and diagnostics for front matter that is unterminated
/// or not a YAML mapping.
pub fn split(file: FileId, text: &str) -> (Option<FrontMatter>, usize, Vec<Diagnostic>) {
    let mut lines = Lines { text, pos: 0 };
    // Skip leading blank lines and whole-line HTML comments.
    let mut in_comment = false;
    let (open, open_range) = loop {
        let Some((line, range)) = lines.next() else { return (None, 0, Vec::new()) };
        let t = line.trim();
        if in_comment {
            in_comment = !t.contains("-->");
            continue;
        }
        if t.is_empty() {
            continue;
        }
        if t.starts_with("<!--") {
            in_comment = !t.contains("-->");
            continue;
        }
        break (t.to_owned(), range);
    };
    let fence = match open.as_str() {
        "---" => "---",
        "+++" => "+++",
        _ => return (None, 0, Vec::new()),
    };
    let yaml_start = open_range.end;
    let close = loop {
        match lines.next() {
            None => {
                let d = crate::packet::messages::unterminated_front_matter(
                    Label::new(file, open_range.start..open_range.start + 3, "opened here"),
                    fence,
                );
                return (None, 0, vec![d]);
            }
            Some((line, range)) => {
                let t = line.trim_end();
                if t == fence || (fence == "---" && t == "...") {
                    break range;
                }
            }
        }
    };
    let block = open_range.start..close.end;
    if fence == "+++" {
        return (None, close.end, Vec::new());
    }
    let yaml = &text[yaml_start..close.start];
    if yaml.trim().is_empty() {
        return (Some(FrontMatter { range: block, ..FrontMatter::default() }), close.end, Vec::new());
    }
    match serde_saphyr::from_str::<Raw>(yaml) {
        Ok(raw) => {
            let value = |v: Option<Spanned<Scalar>>| {
                v.map(|v| {
                    let r = range_of(&v, yaml);
                    let Scalar(decoded, typed) = v.value;
                    let source = yaml[r.clone()].trim();
                    Value {
                        text: if typed && !source.is_empty() {
                            source.to_owned()
                        } else {
                            decoded.trim().to_owned()
                        },
                        range: r.start + yaml_start..r.end + yaml_start,
                    }
                })
            };
            let fm = FrontMatter {
                candidate: value(raw.candidate),
                ladder: value(raw.ladder),
                target: value(raw.target),
                current: value(raw.current),
                aliases: raw.aliases.map(|a| a.0).unwrap_or_default(),
                range: block,
            };
            (Some(fm), close.end, Vec::new())
        }
        Err(e) => {
            let range = e
                .location()
                .and_then(|l| {
                    let s = l.span();
                    Some(s.byte_offset()? as usize..(s.byte_offset()? + s.byte_len()?) as usize)
                })
                .map(|r| {
                    let start = crate::source::floor_char_boundary(yaml, r.start);
                    let end = crate::source::floor_char_boundary(yaml, r.end.max(start));
                    start + yaml_start..end + yaml_start
                })
                .unwrap_or(block.start..block.start + 3);
            let d = crate::packet::messages::invalid_front_matter(
                Label::new(file, range, "here"),
                &yaml_message(&e),
            );
            (None, close.end, vec![d])
        }
    }
}

/// Lines with their byte ranges (without the line ending).
struct Lines<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Iterator for Lines<'a> {
    type Item = (&'a str, Range<usize>);

    fn next(&mut self) -> Option<Self::Item> {
        if self.pos >= self.text.len() {
            return None;
        }
        let rest = &self.text[self.pos..];
        let (len, ending) = match rest.find(['\n', '\r']) {
            Some(i) if rest[i..].starts_with("\r\n") => (i, 2),
            Some(i) => (i, 1),
            None => (rest.len(), 0),
        };
        let start = self.pos;
        self.pos += len + ending;
        Some((&rest[..len], start..start + len))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fm(text: &str) -> (Option<FrontMatter>, usize, usize) {
        let (fm, body, d) = split(FileId(0), text);
        (fm, body, d.len())
    }

    #[test]
    fn reads_keys_with_ranges_and_ignores_others() {
        let text = "---\ntitle: Blog\nladder: socialbakers\ntarget: L4\n---\n# Hi\n";
        let (fm, body, errors) = fm(text);
        let fm = fm.unwrap();
        assert_eq!(errors, 0);
        let ladder = fm.ladder.unwrap();
        assert_eq!(ladder.text, "socialbakers");
        assert_eq!(&text[ladder.range], "socialbakers");
        assert_eq!(&text[body..], "\n# Hi\n");
    }

    #[test]
    fn numbers_are_text_and_comments_may_come_first() {
        let text = "<!-- source: x -->\n\n---\nladder: generic\ntarget: 4\n---\n";
        let (fm, _, errors) = fm(text);
        assert_eq!(errors, 0);
        assert_eq!(fm.unwrap().target.unwrap().text, "4");
    }

    #[test]
    fn numbers_and_booleans_keep_their_source_text() {
        let text = "---\nladder: 2024\ntarget: 1.10\ncurrent: 0x1F\ncandidate: yes\n---\n";
        let (fm, _, errors) = fm(text);
        assert_eq!(errors, 0);
        let fm = fm.unwrap();
        assert_eq!(fm.target.unwrap().text, "1.10");
        assert_eq!(fm.ladder.unwrap().text, "2024");
        assert_eq!(fm.current.unwrap().text, "0x1F");
        assert_eq!(fm.candidate.unwrap().text, "yes");
    }

    #[test]
    fn unterminated_and_non_mapping_front_matter_are_diagnostics() {
        assert_eq!(fm("---\nladder: x\n# no end\n").2, 1);
        assert_eq!(fm("---\n- a\n- b\n---\n").2, 1);
        assert!(fm("+++\ntitle = 'x'\n+++\nbody").0.is_none());
    }
}
