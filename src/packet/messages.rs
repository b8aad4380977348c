//! Wording of the diagnostics about a packet's front matter, which packet
//! parsing reports (one function per situation).

use crate::diagnostic::{Diagnostic, Label};
use crate::lint::Code;

/// Front matter opened with `fence` but never closed.
pub(crate) fn unterminated_front_matter(at: Label, fence: &str) -> Diagnostic {
    Diagnostic::new(
        Code::InvalidFrontMatter,
        format!("front matter opened with `{fence}` is never closed"),
        at,
    )
    .with_help(format!("end the front matter with a line holding only `{fence}`"))
}

/// Front matter that is not a YAML mapping or has a bad value.
pub(crate) fn invalid_front_matter(at: Label, detail: &str) -> Diagnostic {
    Diagnostic::new(Code::InvalidFrontMatter, format!("invalid front matter: {detail}"), at)
        .with_help("front matter is a YAML mapping: `ladder: ...`, `target: ...`, `candidate: ...`")
}

/// A packet with no ladder or target from front matter or the command line.
pub(crate) fn missing_front_matter(at: Label, missing: &[&str]) -> Diagnostic {
    Diagnostic::new(
        Code::MissingFrontMatter,
        format!("packet does not say which level it is for (no {})", missing.join(" and no ")),
        at,
    )
    .with_help("start the packet with front matter such as\n---\nladder: socialbakers\ntarget: L4\n---\nor pass --ladder and --target")
}
