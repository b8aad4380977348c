//! One JSON array of a pretty-printed document written item by item, so that
//! the JSON, SARIF and GitLab reporters hold one packet's results at a time
//! and still print exactly what `serde_json::to_writer_pretty` prints for
//! the whole document.
//!
//! serde_json writes the document; this module only finds, in the document
//! printed with a marker string as the array's one item, where the array
//! opens and closes and how deep its items are indented. Items are printed
//! by serde_json on their own and indented to that depth (a pretty-printed
//! JSON value has line breaks only between tokens, never inside a string).

use std::io::{self, Write};

use serde::Serialize;

/// The array's one item in the document printed to find its place.
pub(super) const MARKER: &str = "\u{1}promolint-streamed-array\u{1}";

/// A document split around one of its arrays.
#[derive(Debug, Clone)]
pub(super) struct Split {
    /// The document up to and including the array's `[`.
    pub head: String,
    /// The indentation of the array's items.
    pub indent: String,
    /// The rest of the document after the array's last item: a line break,
    /// the indentation of the array's `]`, the `]` and what follows.
    pub tail: String,
}

/// Prints `document` (which holds [`MARKER`] as the only item of the array
/// to stream; the first such array when there are several) and splits it.
///
/// # Errors
/// The document does not serialize, or holds no marker (a programming error).
pub(super) fn split(document: &impl Serialize) -> io::Result<Split> {
    let text = serde_json::to_string_pretty(document)?;
    let marker = serde_json::to_string(MARKER)?;
    let at = text.find(&marker).ok_or_else(|| io::Error::other("streamed array marker not found"))?;
    let before = &text[..at];
    let open = before.trim_end().len();
    Ok(Split {
        head: before[..open].to_owned(),
        indent: before[open..].trim_start_matches('\n').to_owned(),
        tail: text[at + marker.len()..].to_owned(),
    })
}

/// Writes the items of one array between its document's head and tail.
#[derive(Debug, Default)]
pub(super) struct ArrayWriter {
    indent: String,
    items: usize,
    /// Whether the head was written.
    pub started: bool,
}

impl ArrayWriter {
    /// Writes the document's head (once): everything up to the array's `[`.
    ///
    /// # Errors
    /// Writing failed.
    pub(super) fn start(&mut self, out: &mut impl Write, split: &Split) -> io::Result<()> {
        if !self.started {
            out.write_all(split.head.as_bytes())?;
            self.indent = split.indent.clone();
            self.started = true;
        }
        Ok(())
    }

    /// Writes one item of the array, pretty-printed at the array's depth.
    /// [`ArrayWriter::start`] must have been called.
    ///
    /// # Errors
    /// The item does not serialize, or writing failed.
    pub(super) fn item(&mut self, out: &mut impl Write, item: &impl Serialize) -> io::Result<()> {
        let text = serde_json::to_string_pretty(item)?;
        out.write_all(if self.items == 0 { b"\n" } else { b",\n" })?;
        out.write_all(self.indent.as_bytes())?;
        let mut lines = text.split('\n');
        if let Some(first) = lines.next() {
            out.write_all(first.as_bytes())?;
        }
        for line in lines {
            out.write_all(b"\n")?;
            out.write_all(self.indent.as_bytes())?;
            out.write_all(line.as_bytes())?;
        }
        self.items += 1;
        Ok(())
    }

    /// Closes the array and writes the rest of the document, `split.tail`
    /// (from a split of the finished document: what follows the array may
    /// depend on the whole run). Writes the head first if no item came.
    ///
    /// # Errors
    /// Writing failed.
    pub(super) fn finish(&mut self, out: &mut impl Write, split: &Split) -> io::Result<()> {
        self.start(out, split)?;
        // serde_json prints an empty array as `[]`, a full one with the `]`
        // on a line of its own.
        let tail = if self.items == 0 { split.tail.trim_start() } else { split.tail.as_str() };
        out.write_all(tail.as_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{Value, json};

    /// The document printed whole, and streamed with `items` in its array.
    fn both(doc: impl Fn(Value) -> Value, items: &[Value]) -> (String, String) {
        let whole = serde_json::to_string_pretty(&doc(Value::Array(items.to_vec()))).unwrap();
        let split = split(&doc(json!([MARKER]))).unwrap();
        let mut out = Vec::new();
        let mut array = ArrayWriter::default();
        array.start(&mut out, &split).unwrap();
        for item in items {
            array.item(&mut out, item).unwrap();
        }
        array.finish(&mut out, &split).unwrap();
        (whole, String::from_utf8(out).unwrap())
    }

    #[test]
    fn streamed_documents_equal_the_whole_document_printed() {
        let nested = |a: Value| json!({"a": 1, "runs": [{"b": {"c": [1, 2]}, "results": a, "z": "x\ny"}]});
        let top = |a: Value| a;
        let items =
            [json!({"k": "line\nbreak", "v": [1, {"w": []}], "e": {}}), json!("two"), json!([[], [3]])];
        for n in 0..=items.len() {
            let (whole, streamed) = both(nested, &items[..n]);
            assert_eq!(whole, streamed, "{n} items, nested");
            let (whole, streamed) = both(top, &items[..n]);
            assert_eq!(whole, streamed, "{n} items, top level");
        }
    }
}
