//! Stable fingerprints of diagnostics, for SARIF `partialFingerprints` and
//! GitLab `fingerprint`: they name the file, the lint code, the expectation
//! or red flag concerned and the text the diagnostic points at, not its line,
//! so an alert keeps its identity when lines above it move.

use sha2::{Digest, Sha256};

use crate::diagnostic::Diagnostic;
use crate::source::Sources;

/// A hex SHA-256 over (path, code, subject, the primary span's text with white
/// space collapsed). `path` is the repository-relative path.
pub(super) fn fingerprint(sources: &Sources, path: &str, d: &Diagnostic) -> String {
    let file = sources.get(d.primary.file);
    let text = file.text.get(d.primary.range.clone()).unwrap_or("");
    let text: Vec<&str> = text.split_whitespace().collect();
    let mut hasher = Sha256::new();
    for part in [path, d.code.name(), d.subject.as_deref().unwrap_or(""), &text.join(" ")] {
        hasher.update(part.as_bytes());
        hasher.update([0u8]);
    }
    hasher.finalize().iter().map(|b| format!("{b:02x}")).collect()
}
