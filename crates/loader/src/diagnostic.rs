//! The one diagnostic type every check reports with; renderers live in the validator.

use crate::tree::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The data is wrong: blocks a merge.
    Error,
    /// The data is suspicious.
    Warning,
    /// The data is fine, but a claim conflicts with the record: a finding.
    Note,
}

impl Severity {
    pub fn as_str(&self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        }
    }
}

/// A problem found at one place in one file.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    /// The rule's name (`duplicate-key`).
    pub rule: &'static str,
    pub severity: Severity,
    pub message: String,
    /// Index into [`crate::Dataset::files`].
    pub file: usize,
    /// Where the offending value is.
    pub span: Span,
    /// The id of the record it concerns, if known.
    pub record: Option<String>,
    /// The JSON Pointer of the value inside its record.
    pub pointer: Option<String>,
    /// A hint on how to fix it.
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn new(
        rule: &'static str,
        severity: Severity,
        file: usize,
        span: Span,
        message: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic {
            rule,
            severity,
            message: message.into(),
            file,
            span,
            record: None,
            pointer: None,
            help: None,
        }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    pub fn with_record(mut self, record: Option<String>, pointer: Option<String>) -> Diagnostic {
        self.record = record;
        self.pointer = pointer;
        self
    }
}
