//! Completion inside promolint's comments: expectation ids of the packet's
//! level after `<!-- covers:` and `<!-- promolint-waive`, lint codes after
//! `<!-- promolint-disable…` / `<!-- promolint-enable`. Uncovered
//! expectations come first: they are what a writer is looking for.

use lsp_types::{CompletionItem, CompletionItemKind, CompletionTextEdit, Documentation, TextEdit};

use super::document::{Linted, range};
use crate::analysis::Status;
use crate::lint::Code;

/// What the comment around the cursor asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Wanted {
    Expectation,
    Code,
}

/// The keyword of the promolint comment the cursor (byte `at`) is in, if any.
fn wanted(text: &str, at: usize) -> Option<Wanted> {
    let before = text.get(..at)?;
    let open = before.rfind("<!--")?;
    let inside = &before[open + 4..];
    if inside.contains("-->") {
        return None;
    }
    let inside = inside.trim_start();
    if let Some(rest) = inside.strip_prefix("covers") {
        return rest.trim_start().starts_with(':').then_some(Wanted::Expectation);
    }
    if let Some(rest) = inside.strip_prefix("promolint-waive") {
        // The id comes before the `:`; after it, the reason is free text.
        return (!rest.contains(':')).then_some(Wanted::Expectation);
    }
    ["promolint-disable", "promolint-enable"].iter().any(|k| inside.starts_with(k)).then_some(Wanted::Code)
}

/// The completions at byte `at`.
pub(super) fn complete(linted: &Linted<'_>, at: usize) -> Vec<CompletionItem> {
    let file = linted.file();
    let Some(wanted) = wanted(&file.text, at) else { return Vec::new() };
    // The word being typed, replaced by the completion.
    let start = file.text[..at]
        .rfind(|c: char| !(c.is_ascii_alphanumeric() || "_./-".contains(c)))
        .map_or(0, |i| i + 1);
    let edit_range = range(file, &(start..at));
    let item = |label: String, detail: String, doc: String, sort: String, kind| CompletionItem {
        text_edit: Some(CompletionTextEdit::Edit(TextEdit { range: edit_range, new_text: label.clone() })),
        label,
        kind: Some(kind),
        detail: Some(detail),
        documentation: Some(Documentation::String(doc)),
        sort_text: Some(sort),
        ..CompletionItem::default()
    };
    match wanted {
        Wanted::Code => Code::ALL
            .iter()
            .filter(|c| c.is_configurable())
            .enumerate()
            .map(|(i, c)| {
                let detail = format!("lint code ({:?} by default)", c.default_level()).to_lowercase();
                item(
                    c.name().to_owned(),
                    detail,
                    c.explanation().to_owned(),
                    format!("{i:03}"),
                    CompletionItemKind::KEYWORD,
                )
            })
            .collect(),
        Wanted::Expectation => {
            let Some(report) = &linted.report else { return Vec::new() };
            let Some(level) = report.level else { return Vec::new() };
            level
                .expectations
                .iter()
                .enumerate()
                .map(|(i, e)| {
                    let status = report.analysis.as_ref().map(|a| a.expectations[i].status);
                    let (rank, word) = match status {
                        Some(Status::Uncovered) => (0, "uncovered"),
                        Some(Status::Weak) => (1, "weak"),
                        Some(Status::Covered) => (2, "covered"),
                        Some(Status::Waived) => (3, "waived"),
                        None => (0, ""),
                    };
                    let detail = format!("{} · {word}", e.area);
                    item(
                        e.id.clone(),
                        detail,
                        e.text.clone(),
                        format!("{rank}{i:04}"),
                        CompletionItemKind::VALUE,
                    )
                })
                .collect()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn knows_which_comment_the_cursor_is_in() {
        let t = "- Did it. <!-- covers: men";
        assert_eq!(wanted(t, t.len()), Some(Wanted::Expectation));
        let t = "<!-- covers: a --> text";
        assert_eq!(wanted(t, t.len()), None);
        let t = "<!-- promolint-waive hir";
        assert_eq!(wanted(t, t.len()), Some(Wanted::Expectation));
        let t = "<!-- promolint-waive hiring: no hir";
        assert_eq!(wanted(t, t.len()), None);
        let t = "<!-- promolint-disable-line vag";
        assert_eq!(wanted(t, t.len()), Some(Wanted::Code));
        let t = "<!-- a note: cov";
        assert_eq!(wanted(t, t.len()), None);
    }
}
