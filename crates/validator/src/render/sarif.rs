//! The `sarif` format: SARIF 2.1.0, one run, one rule entry per rule used.

use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};
use serde_json::{Value, json};
use treatywatch_loader::{Dataset, Diagnostic, Severity};
use treatywatch_model::RuleName;

use crate::rules;

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "note",
    }
}

/// What a relative path's URI reference must escape (RFC 3986): everything but unreserved
/// characters, `/`, and sub-delimiters that cannot change its meaning. `:` is escaped so that
/// a first segment never reads as a scheme; `%` so that a name is never decoded as something
/// else.
const URI_ESCAPED: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'[')
    .add(b'\\')
    .add(b']')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}')
    .add(b':');

/// A file's path as a SARIF `uri` (a relative URI reference, UTF-8 percent-encoded).
pub fn uri_of(path: &str) -> String {
    utf8_percent_encode(path, URI_ESCAPED).to_string()
}

/// Where a SARIF viewer sends a reader who wants to know the tool: the project's repository.
pub const INFORMATION_URI: &str = env!("CARGO_PKG_REPOSITORY");

/// A rule's readable name, distinct from its id — even ignoring case — as SARIF tools ask
/// (`parse-error` → `ParseError`, `schema` → `SchemaCheck`).
pub fn readable_name(id: &str) -> String {
    let name = pascal_case(id);
    if name.eq_ignore_ascii_case(id) {
        name + "Check"
    } else {
        name
    }
}

fn pascal_case(id: &str) -> String {
    id.split('-')
        .map(|word| {
            let mut chars = word.chars();
            match chars.next() {
                Some(first) => first.to_ascii_uppercase().to_string() + chars.as_str(),
                None => String::new(),
            }
        })
        .collect()
}

pub fn render(data: &Dataset, diagnostics: &[Diagnostic]) -> String {
    // Each rule used, in the order it is first used: results point at it by index.
    let mut used: Vec<RuleName> = Vec::new();
    for d in diagnostics {
        if !used.contains(&d.rule) {
            used.push(d.rule);
        }
    }
    let rules: Vec<Value> = used
        .iter()
        .map(|&name| {
            let rule = rules::rule(name);
            json!({
                "id": rule.name.as_str(),
                "name": readable_name(rule.name.as_str()),
                "shortDescription": {"text": rule.summary},
                "fullDescription": {"text": rule.summary},
                "help": {"text": rule.docs, "markdown": rule.docs},
                "defaultConfiguration": {"level": level(rule.severity)},
            })
        })
        .collect();
    let results: Vec<Value> = diagnostics
        .iter()
        .map(|d| {
            let mut message = d.message.clone();
            if let Some(help) = &d.help {
                message.push_str(" (help: ");
                message.push_str(help);
                message.push(')');
            }
            let (end_line, end_column) = super::end_of(data, d);
            let mut result = json!({
                "ruleId": d.rule.as_str(),
                "ruleIndex": used.iter().position(|&r| r == d.rule),
                "level": level(d.severity),
                "message": {"text": message},
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": {"uri": uri_of(super::path_of(data, d))},
                        "region": {
                            "startLine": d.span.line.max(1),
                            "startColumn": d.span.column.max(1),
                            "endLine": end_line.max(d.span.line).max(1),
                            "endColumn": end_column.max(1),
                        }
                    }
                }],
            });
            if let Some(id) = crate::fixes::replacement(d) {
                // The fix `validate --fix` applies, for code-review tools to offer.
                let location = result["locations"][0]["physicalLocation"].clone();
                result["fixes"] = json!([{
                    "description": {"text": format!("Replace with `{id}`")},
                    "artifactChanges": [{
                        "artifactLocation": location["artifactLocation"],
                        "replacements": [{
                            "deletedRegion": location["region"],
                            "insertedContent": {"text": id},
                        }],
                    }],
                }]);
            }
            if let (Some(record), Some(pointer)) = (&d.record, &d.pointer) {
                result["properties"] = json!({"record": record, "pointer": pointer});
            }
            if !d.evidence.is_empty() {
                result["properties"]["evidence"] = json!(d.evidence);
            }
            result
        })
        .collect();
    let sarif = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "treatywatch",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": INFORMATION_URI,
                "rules": rules,
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    let mut text = serde_json::to_string_pretty(&sarif).unwrap_or_else(|_| "{}".into());
    text.push('\n');
    text
}
