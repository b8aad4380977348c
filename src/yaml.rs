//! The YAML adapter: serde-saphyr's spans and errors in promolint's terms.
//! Byte ranges of spanned values, labels over them, and parse errors turned
//! into one `invalid-rule-file`/`invalid-config`-style diagnostic at the
//! position the parser reports, worded for the file's author rather than in
//! the library's terms. Foundation: rule files, promolint.yaml, front matter
//! and imported YAML ladders all read YAML through it.

use std::ops::Range;

use serde_saphyr::Spanned;

use crate::diagnostic::{Diagnostic, Label};
use crate::lint::Code;
use crate::source::FileId;

/// Turns a serde-saphyr error into a diagnostic at the position it reports.
///
/// A missing field is reported by serde-saphyr at the last key of the mapping
/// that lacks it; the diagnostic points at the mapping's first entry instead,
/// so it does not blame an unrelated key.
pub fn yaml_error(file: FileId, text: &str, error: &serde_saphyr::Error) -> Diagnostic {
    let range = error.location().and_then(|l| error_range(&l, text)).unwrap_or(0..0);
    let message = yaml_message(error);
    let range = match error.without_snippet() {
        serde_saphyr::Error::SerdeMissingField { .. } => {
            let start = mapping_start(text, range.start);
            let line_end = text[start..].find(['\n', '\r']).map_or(text.len(), |i| start + i);
            let entry = text[start..line_end].split(" #").next().unwrap_or_default().trim_end();
            start..start + entry.len()
        }
        _ => range,
    };
    invalid_yaml(file, range, &message)
}

/// YAML that does not parse or does not fit the format.
fn invalid_yaml(file: FileId, range: Range<usize>, message: &str) -> Diagnostic {
    Diagnostic::new(
        Code::InvalidRuleFile,
        format!("invalid rule file: {message}"),
        Label::new(file, range, message),
    )
    .with_help(
        "docs/rule-files.md describes the format; schemas/rule-file.schema.json lets an editor check it",
    )
}

/// The byte range of an error's location in `text`. Values carry byte
/// offsets; syntax errors from the parser carry only a line and a character
/// column (and a length in characters), which are converted here.
pub fn error_range(location: &serde_saphyr::Location, text: &str) -> Option<Range<usize>> {
    let span = location.span();
    if let (Some(start), Some(len)) = (span.byte_offset(), span.byte_len()) {
        return Some(clamp(start as usize..(start + len) as usize, text));
    }
    let line = usize::try_from(location.line()).ok()?.checked_sub(1)?;
    let column = usize::try_from(location.column()).ok()?.checked_sub(1)?;
    let line_start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
    let rest = text.get(line_start..)?;
    let line_text = rest.split(['\n', '\r']).next().unwrap_or("");
    let start = line_start + line_text.char_indices().nth(column).map_or(line_text.len(), |(i, _)| i);
    let chars = if span == serde_saphyr::Span::UNKNOWN { 1 } else { span.len().max(1) as usize };
    let len: usize = text[start..].chars().take_while(|c| *c != '\n').take(chars).map(char::len_utf8).sum();
    Some(start..start + len)
}

/// For a key at byte `at` of a block mapping, the byte offset of the mapping's
/// first key (or of the `{` of a flow mapping). Lines holding nested values,
/// blank lines and comments are skipped; a line indented less ends the search.
fn mapping_start(text: &str, at: usize) -> usize {
    let at = crate::source::floor_char_boundary(text, at.min(text.len()));
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let prefix = &text[line_start..at];
    if !prefix.bytes().all(|b| b == b' ' || b == b'-') {
        // A flow mapping, `{id: a, area: b}`: it starts at its brace.
        return prefix.rfind('{').map_or(at, |i| line_start + i);
    }
    if prefix.contains('-') {
        // `- key:`: the key is the first of a sequence item's mapping.
        return at;
    }
    let column = prefix.len();
    let mut first = at;
    let mut cursor = line_start;
    while cursor > 0 {
        let end = cursor - 1;
        let start = text[..end].rfind('\n').map_or(0, |i| i + 1);
        let line = text[start..end].trim_end_matches('\r');
        let content = line.trim_start_matches(' ');
        let indent = line.len() - content.len();
        cursor = start;
        if content.is_empty() || content.starts_with('#') || indent > column {
            continue;
        }
        if indent == column {
            if content.starts_with("- ") || content == "-" {
                continue; // an item of a sequence that is the value of a sibling key
            }
            first = start + indent;
            continue;
        }
        // Less indented: the mapping begins here only as `- key:` with the key at our column.
        if line.get(..column).is_some_and(|head| head.bytes().all(|b| b == b' ' || b == b'-')) {
            first = start + column;
        }
        break;
    }
    first
}

/// The error's message without the snippet and the trailing position, which
/// our own rendering shows; the parser's wording for a value of the wrong
/// shape is put in the rule file's terms.
pub fn yaml_message(error: &serde_saphyr::Error) -> String {
    match error.without_snippet() {
        serde_saphyr::Error::Unexpected { expected, .. } => match *expected {
            "sequence start" => return "expected a list here".to_owned(),
            "mapping start" => return "expected a mapping (`key: value` lines) here".to_owned(),
            "string scalar" | "scalar" => return "expected a single value (a string) here".to_owned(),
            _ => {}
        },
        serde_saphyr::Error::SerdeUnknownField { field, expected, .. } => {
            if let Some(s) = crate::suggest::did_you_mean(field, expected.iter().copied()) {
                return format!("unknown field `{field}`; did you mean `{s}`?");
            }
        }
        // serde-saphyr's own wording advises a library option, which means nothing to a user.
        serde_saphyr::Error::DuplicateMappingKey { key: Some(key), .. } => {
            return format!("duplicate key `{key}`");
        }
        // The wording below would name library types and functions
        // (`Depth { depth: 65 }`, `from_str_multiple`): said in the file's terms.
        serde_saphyr::Error::Budget { breach, .. } => return budget_message(breach),
        serde_saphyr::Error::MultipleDocuments { .. } => {
            return "a second YAML document (after a `---` line); a file holds one document".to_owned();
        }
        serde_saphyr::Error::AliasReplayCounterOverflow { .. }
        | serde_saphyr::Error::AliasReplayLimitExceeded { .. }
        | serde_saphyr::Error::AliasExpansionLimitExceeded { .. }
        | serde_saphyr::Error::AliasReplayStackDepthExceeded { .. } => {
            return "aliases (`*name`) expand to more than promolint reads; write the values out".to_owned();
        }
        serde_saphyr::Error::UnknownAnchor { .. } => {
            return "an alias (`*name`) names no anchor (`&name`) defined before it".to_owned();
        }
        serde_saphyr::Error::Eof { .. } => return "the file ends in the middle of a value".to_owned(),
        serde_saphyr::Error::InvalidUtf8Input => return "the file is not UTF-8 text".to_owned(),
        _ => {}
    }
    let message = error.without_snippet().to_string();
    let message = match message.rfind(" at line ") {
        Some(i) if message[i..].contains(", column ") => message[..i].to_owned(),
        _ => message,
    };
    message.trim().to_owned()
}

/// A YAML size limit that was reached, in the file's terms.
fn budget_message(breach: &serde_saphyr::budget::BudgetBreach) -> String {
    use serde_saphyr::budget::BudgetBreach as B;
    match breach {
        B::Depth { depth } => {
            format!("lists and mappings nested {depth} deep; promolint reads less deeply nested YAML")
        }
        B::Aliases { .. } | B::Anchors { .. } | B::AliasAnchorRatio { .. } | B::MergeKeys { .. } => {
            "too many anchors or aliases (`&name`, `*name`); write the values out".to_owned()
        }
        B::Documents { .. } => {
            "a second YAML document (after a `---` line); a file holds one document".to_owned()
        }
        _ => "the YAML is larger than promolint reads (too many values or too much text)".to_owned(),
    }
}

/// The byte range of a spanned YAML value, clamped to `text`.
pub fn range_of<T>(value: &Spanned<T>, text: &str) -> Range<usize> {
    let span = value.referenced.span();
    match (span.byte_offset(), span.byte_len()) {
        (Some(start), Some(len)) => clamp(start as usize..(start + len) as usize, text),
        _ => 0..0,
    }
}

fn clamp(range: Range<usize>, text: &str) -> Range<usize> {
    let start = crate::source::floor_char_boundary(text, range.start);
    let end = crate::source::floor_char_boundary(text, range.end.max(start));
    start..end
}

/// A label over a spanned value.
pub fn label<T>(file: FileId, value: &Spanned<T>, text: &str, message: impl Into<String>) -> Label {
    Label::new(file, range_of(value, text), message)
}
