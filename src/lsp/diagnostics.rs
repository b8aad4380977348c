//! The check pipeline's diagnostics as LSP diagnostics: the same code,
//! severity, span and message as `check` (help and notes on the lines after
//! the message), secondary labels in the document as related information.

use lsp_types::{
    Diagnostic as LspDiagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString,
    Uri,
};

use super::document::{Linted, range};
use crate::diagnostic::{Diagnostic, Severity};
use crate::source::FileId;

/// Every diagnostic `check` gives the document, converted.
pub(super) fn diagnostics(uri: &Uri, linted: &Linted<'_>) -> Vec<LspDiagnostic> {
    let Some(report) = &linted.report else { return Vec::new() };
    report.diagnostics.iter().map(|d| convert(uri, linted, d)).collect()
}

fn convert(uri: &Uri, linted: &Linted<'_>, d: &Diagnostic) -> LspDiagnostic {
    let file = linted.file();
    let mut message = d.message.clone();
    for note in &d.notes {
        message.push_str(&format!("\nnote: {note}"));
    }
    if let Some(help) = &d.help {
        message.push_str(&format!("\nhelp: {help}"));
    }
    let related: Vec<DiagnosticRelatedInformation> = d
        .secondary
        .iter()
        // Labels in rule files are not part of the document's sources.
        .filter(|l| l.file == FileId(0))
        .map(|l| DiagnosticRelatedInformation {
            location: Location { uri: uri.clone(), range: range(file, &l.range) },
            message: if l.message.is_empty() { d.message.clone() } else { l.message.clone() },
        })
        .collect();
    LspDiagnostic {
        range: range(file, &d.primary.range),
        severity: Some(match d.severity {
            Severity::Error => DiagnosticSeverity::ERROR,
            Severity::Warning => DiagnosticSeverity::WARNING,
            Severity::Note => DiagnosticSeverity::INFORMATION,
        }),
        code: Some(NumberOrString::String(d.code.name().to_owned())),
        source: Some("promolint".to_owned()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        ..LspDiagnostic::default()
    }
}
