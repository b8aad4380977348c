//! promolint's own diagnostic: one finding with a code, a severity, a message
//! and labelled byte ranges.
//!
//! Every stage produces these; only the human reporter turns them into
//! codespan-reporting diagnostics, and only reporters turn byte ranges into
//! lines and columns.

use std::ops::Range;

use crate::lint::Code;
pub use crate::lint::Severity;
use crate::source::FileId;

/// A byte range in one source file with a short message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    /// The file the range points into.
    pub file: FileId,
    /// Byte range into that file's text; may be empty (a point).
    pub range: Range<usize>,
    /// What this range shows; may be empty.
    pub message: String,
}

impl Label {
    /// A label over `range` in `file`.
    pub fn new(file: FileId, range: Range<usize>, message: impl Into<String>) -> Self {
        Label { file, range, message: message.into() }
    }
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// What kind of finding this is (a lint code such as `uncovered-expectation`).
    pub code: Code,
    /// The severity after lint levels were applied.
    pub severity: Severity,
    /// One sentence, lowercase start, no trailing period, as rustc writes them.
    pub message: String,
    /// Where the finding is.
    pub primary: Label,
    /// Other places that explain it (a first definition, the expectation named).
    pub secondary: Vec<Label>,
    /// Extra facts, each printed as `= note: ...`.
    pub notes: Vec<String>,
    /// What to do about it, printed as `= help: ...`.
    pub help: Option<String>,
    /// The expectation or red flag id this finding is about, if any; carried
    /// into machine-readable outputs.
    pub subject: Option<String>,
}

impl Diagnostic {
    /// A diagnostic with the code's default severity and no extras.
    pub fn new(code: Code, message: impl Into<String>, primary: Label) -> Self {
        Diagnostic {
            code,
            severity: code.default_level().severity().unwrap_or(Severity::Note),
            message: message.into(),
            primary,
            secondary: Vec::new(),
            notes: Vec::new(),
            help: None,
            subject: None,
        }
    }

    /// Adds a secondary label.
    pub fn with_secondary(mut self, label: Label) -> Self {
        self.secondary.push(label);
        self
    }

    /// Adds a note.
    pub fn with_note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }

    /// Sets the help text.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Sets the expectation or red flag id this finding is about.
    pub fn with_subject(mut self, subject: impl Into<String>) -> Self {
        self.subject = Some(subject.into());
        self
    }

    /// Sets the severity explicitly.
    pub fn with_severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }
}
