//! The one diagnostic type every check reports with, and the typed problems the loader finds.
//! The loader names no rule and decides no severity: the validator's registry maps each
//! [`ProblemKind`] to its rule. Renderers live in the validator.

use treatywatch_model::RuleName;

use crate::tree::Span;

#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    serde::Serialize,
    serde::Deserialize,
    strum::IntoStaticStr,
)]
#[serde(rename_all = "lowercase")]
#[strum(serialize_all = "lowercase")]
pub enum Severity {
    /// The data is wrong: blocks a merge.
    Error,
    /// The data is suspicious.
    Warning,
    /// The data is fine, but a claim conflicts with the record: a finding.
    Note,
}

impl Severity {
    /// The name output uses (`error`), serde's too.
    pub fn as_str(&self) -> &'static str {
        self.into()
    }
}

/// One dated act of the record that decides a finding: what happened, when, to which treaty,
/// by which actor, and the sources that say so. `text` says it in words, with names.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Evidence {
    /// The date as recorded (EDTF); `None` for what the record lacks ("never in force").
    pub date: Option<String>,
    /// What happened: `opened`, `entry-into-force`, `extension`, `end`, `term`, or a party's
    /// act (`signature`, `ratification`, `withdrawal-notice`, …), or `none-recorded`.
    pub event: String,
    /// The treaty's id.
    pub treaty: String,
    /// The actor's id, for a party's act.
    pub actor: Option<String>,
    /// Ids of the sources that record it.
    pub sources: Vec<String>,
    /// The act in words, with names: "START I ended on 2009-12-05 (expiry)".
    pub text: String,
}

/// A problem found at one place in one file.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Diagnostic {
    /// The rule that reports it.
    pub rule: RuleName,
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
    /// For a finding: the dated acts of the record that decide it.
    pub evidence: Vec<Evidence>,
    /// A hint on how to fix it.
    pub help: Option<String>,
    /// Where the span ends (line, column), once worked out from the file's text
    /// ([`Diagnostic::with_end_from`]): then the text is not needed to show it.
    pub end: Option<(u32, u32)>,
}

impl Diagnostic {
    /// Works out where the span ends from `text`, its file's text.
    pub fn with_end_from(mut self, text: &str) -> Diagnostic {
        self.end = Some(self.span.end_position(text));
        self
    }

    pub fn new(
        rule: RuleName,
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
            evidence: Vec::new(),
            end: None,
        }
    }

    /// Attaches the acts of the record that decide a finding.
    pub fn with_evidence(mut self, evidence: Vec<Evidence>) -> Diagnostic {
        self.evidence = evidence;
        self
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

/// What kind of problem reading a file ran into. The validator's registry maps each kind to
/// the rule that reports it (and that rule's severity).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ProblemKind {
    /// Not UTF-8, not valid YAML or JSON, or over a reading limit.
    Syntax,
    /// A mapping states one key twice.
    DuplicateKey,
    /// A file or folder that could not be read.
    Unreadable,
    /// A file that is not a record file (or holds no record).
    Ignored,
    /// A record file whose top level is not a record or a list of records.
    NotARecord,
}

/// A problem found while reading: its kind, and where it is.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub kind: ProblemKind,
    /// Index into [`crate::Dataset::files`].
    pub file: usize,
    pub span: Span,
    pub message: String,
    /// A hint on how to fix it.
    pub help: Option<String>,
    /// The JSON Pointer of the value, for an item of a list file (`""`: the item itself).
    pub pointer: Option<String>,
}

impl Problem {
    pub fn new(kind: ProblemKind, file: usize, span: Span, message: impl Into<String>) -> Problem {
        Problem {
            kind,
            file,
            span,
            message: message.into(),
            help: None,
            pointer: None,
        }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Problem {
        self.help = Some(help.into());
        self
    }
}
