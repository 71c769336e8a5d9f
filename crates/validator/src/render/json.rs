//! The `json` format: one object with every diagnostic and a summary.

use serde::Serialize;
use treatywatch_loader::{Dataset, Diagnostic, Evidence};

use crate::Summary;

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    rule: &'a str,
    severity: &'a str,
    message: &'a str,
    file: &'a str,
    line: u32,
    column: u32,
    end_line: u32,
    end_column: u32,
    record: Option<&'a str>,
    pointer: Option<&'a str>,
    help: Option<&'a str>,
    /// For findings: the dated acts of the record that decide them.
    #[serde(skip_serializing_if = "<[Evidence]>::is_empty")]
    evidence: &'a [Evidence],
}

#[derive(Serialize)]
struct Output<'a> {
    diagnostics: Vec<JsonDiagnostic<'a>>,
    summary: &'a Summary,
}

pub fn render(data: &Dataset, diagnostics: &[Diagnostic], summary: &Summary) -> String {
    let output = Output {
        diagnostics: diagnostics
            .iter()
            .map(|d| (d, super::end_of(data, d)))
            .map(|(d, (end_line, end_column))| JsonDiagnostic {
                rule: d.rule.as_str(),
                severity: d.severity.as_str(),
                message: &d.message,
                file: super::path_of(data, d),
                line: d.span.line,
                column: d.span.column,
                end_line,
                end_column,
                record: d.record.as_deref(),
                pointer: d.pointer.as_deref(),
                help: d.help.as_deref(),
                evidence: &d.evidence,
            })
            .collect(),
        summary,
    };
    let mut text = serde_json::to_string_pretty(&output).unwrap_or_else(|_| "{}".into());
    text.push('\n');
    text
}
