//! The `github` format: workflow commands that annotate each problem on its line, then the
//! full human report (GitHub shows only ten annotations of a kind per step) with command
//! processing stopped, so that no data echoed in it can forge an annotation.

use std::hash::{BuildHasher, RandomState};

use treatywatch_loader::{Dataset, Diagnostic, Severity};

use crate::Summary;

/// Escapes a workflow command's message (data part).
pub fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a workflow command's property value.
pub fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

pub fn render(data: &Dataset, diagnostics: &[Diagnostic], summary: &Summary) -> String {
    let mut out = String::new();
    for d in diagnostics {
        let (end_line, end_column) = super::end_of(data, d);
        let command = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "notice",
        };
        let mut message = d.message.clone();
        if let Some(help) = &d.help {
            message.push_str("\nhelp: ");
            message.push_str(help);
        }
        out.push_str(&format!(
            "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}\n",
            escape_property(super::path_of(data, d)),
            d.span.line,
            d.span.column,
            end_line,
            end_column,
            escape_property(d.rule.as_str()),
            escape_data(&message)
        ));
    }
    let token = format!(
        "treatywatch-{:016x}",
        RandomState::new().hash_one(std::process::id())
    );
    out.push_str(&format!("::stop-commands::{token}\n"));
    out.push_str(&super::human::render(data, diagnostics, summary, false));
    out.push_str(&format!("::{token}::\n"));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_cannot_forge_a_second_command() {
        let forged = "bad\n::error file=x::forged";
        let escaped = escape_data(forged);
        assert!(!escaped.contains('\n'));
        assert_eq!(escape_data("100%"), "100%25");
        assert_eq!(escape_property("a:b,c"), "a%3Ab%2Cc");
        assert_eq!(escape_data("a\r\nb"), "a%0D%0Ab");
    }
}
