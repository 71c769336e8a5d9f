//! The rule that turns every kind of JSON Schema error into a contributor's words (an unknown
//! field, a missing one, a kind's alternatives, a record in another kind's folder, an `allow`
//! of an error); one `match` over the error kinds, read as one. What it looks up in the schema
//! and the record is in `schema_lookup.rs`.

use jsonschema::error::{TypeKind, ValidationErrorKind};
use serde_json::Value;
use treatywatch_loader::{Diagnostic, LoadedRecord, NodeValue, Severity};

use treatywatch_model::{RecordKind, RuleName};

use super::schema_lookup::{
    article, claim_kind, closest, first_key_span, known_properties, one_of_fields,
    property_description, slug,
};
use super::{Rule, per_record_in_parallel};
use crate::context::Context;
use crate::schema::Compiled;

pub(super) const RULE: Rule = Rule {
    name: RuleName::Schema,
    severity: Severity::Error,
    summary: "a record breaks its JSON Schema (missing field, wrong type, unknown field, bad pattern)",
    docs: r#"## What it checks
Every record against its kind's JSON Schema in `schemas/` (generated from the model): required
fields, types, allowed values, id patterns, no unknown fields, and the kind-specific
requirements — a `status` claim needs `asserted_status`, a `violation` or `compliance` claim
an `accused`, every claim but `other` a `treaty`.

## Why it matters
Every other rule and every report reads these fields. A misspelt field name is not an optional
field left out: it is data the contributor meant to give that would be silently dropped.

## Example
```yaml
- id: lavrov-2019-02-02-inf
  sumary: The US has violated the INF Treaty since 1999.   # did you mean `summary`?
  kind: violation                                           # missing `accused`
```

## Fix
Follow the hint: rename the field, add the missing one, or use one of the allowed values.
`treatywatch explain schema` and the descriptions in `schemas/` say what each field means.
"#,
    check,
    check_files: None,
    check_facts: None,
};

/// Keys whose values the `invalid-date` rule checks; their pattern errors are its to report.
const DATE_LIKE: &[&str] = &[
    "date",
    "opened",
    "entry_into_force",
    "published",
    "until",
    "period",
    "existed",
    "term",
    "withdrawal_notice",
];

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let compiled = Compiled::get();
    // The most expensive rule: records are checked on every core; a valid record (the common
    // case) takes the fast `is_valid` path, which builds no error.
    per_record_in_parallel(ctx, out, |index, record, out| {
        let Some((schema, validator)) = compiled.for_kind(record.kind) else {
            return;
        };
        // `allow` silences warnings and notes: an error's entry would silence nothing.
        if let Some(typed) = &record.record {
            for (i, allow) in typed.allow().iter().enumerate() {
                let rule = super::rule(allow.rule);
                if rule.severity == Severity::Error {
                    out.push(
                        ctx.report(
                            &RULE,
                            index,
                            &format!("/allow/{i}/rule"),
                            format!(
                                "`{}` is an error, and errors cannot be allowed: this entry silences nothing",
                                allow.rule
                            ),
                        )
                        .with_help(format!(
                            "fix what `{}` reports, and delete this entry; `allow` is for warnings and notes",
                            allow.rule
                        )),
                    );
                }
            }
        }
        // Checked on the tree itself (see `tree_json`): no JSON copy of the record.
        if !validator.is_valid(&record.node) {
            // A record in the wrong folder: one error saying so, not one per field.
            if let Some(d) = in_another_kinds_folder(ctx, index, record, compiled) {
                out.push(d);
                return;
            }
            for error in validator.iter_errors(&record.node) {
                let pointer = error.instance_path().to_string();
                let schema_path = error.schema_path().to_string();
                out.extend(describe(
                    ctx,
                    index,
                    record,
                    schema,
                    &pointer,
                    &schema_path,
                    error.kind(),
                ));
            }
        }
    });
}

/// When a record that does not fit its folder's kind has fields that are another kind's and
/// not its own (a claim under `sources/`), and fits that kind better: the error that says so.
fn in_another_kinds_folder(
    ctx: &Context,
    index: usize,
    record: &LoadedRecord,
    compiled: &Compiled,
) -> Option<Diagnostic> {
    let NodeValue::Map(entries) = &record.node.value else {
        return None;
    };
    let keys: Vec<&str> = entries.iter().map(|e| e.key.as_str()).collect();
    let fields_of = |kind: RecordKind| -> Vec<String> {
        compiled
            .for_kind(kind)
            .and_then(|(s, _)| {
                s.get("properties")?
                    .as_object()
                    .map(|p| p.keys().cloned().collect())
            })
            .unwrap_or_default()
    };
    let own = fields_of(record.kind);
    let foreign: Vec<&str> = keys
        .iter()
        .copied()
        .filter(|k| !own.iter().any(|f| f == k))
        .collect();
    if foreign.len() < 2 {
        return None;
    }
    let (other, fits) = RecordKind::ALL
        .into_iter()
        .filter(|k| *k != record.kind)
        .map(|k| {
            let fields = fields_of(k);
            (
                k,
                keys.iter()
                    .filter(|key| fields.iter().any(|f| f == *key))
                    .count(),
            )
        })
        .max_by_key(|(_, fits)| *fits)?;
    if fits != keys.len() {
        return None;
    }
    let listed: Vec<String> = foreign.iter().map(|k| format!("`{k}`")).collect();
    Some(
        ctx.report_at(
            &RULE,
            index,
            "",
            record.span_of("/id"),
            format!(
                "this looks like a {} in the {}s' folder: {} are a {}'s fields, not a {}'s",
                other.name(),
                record.kind.name(),
                listed.join(", "),
                other.name(),
                record.kind.name()
            ),
        )
        .with_help(format!(
            "move it to `{}/` (its file, or this record into a file there)",
            other.folder()
        )),
    )
}

fn last_key(pointer: &str) -> &str {
    pointer.rsplit('/').next().unwrap_or("")
}

fn describe(
    ctx: &Context,
    index: usize,
    record: &LoadedRecord,
    schema: &Value,
    pointer: &str,
    schema_path: &str,
    kind: &ValidationErrorKind,
) -> Vec<Diagnostic> {
    let what = if pointer.is_empty() {
        format!("this {}", record.kind.name())
    } else {
        format!("`{}`", pointer.trim_start_matches('/'))
    };
    let one = |message: String| vec![ctx.report(&RULE, index, pointer, message)];
    match kind {
        ValidationErrorKind::AdditionalProperties { unexpected } => {
            let known = known_properties(schema, schema_path);
            unexpected
                .iter()
                .map(|key| {
                    let key_pointer =
                        format!("{pointer}/{}", treatywatch_loader::pointer_token(key));
                    let span = record
                        .node
                        .key_span(&key_pointer)
                        .unwrap_or_else(|| record.span_of(pointer));
                    let mut d = ctx.report_at(
                        &RULE,
                        index,
                        &key_pointer,
                        span,
                        format!("unknown field `{key}` in {what}"),
                    );
                    d.help = Some(match closest(key, &known) {
                        Some(near) => format!("did you mean `{near}`?"),
                        None => format!("known fields: {}", known.join(", ")),
                    });
                    d
                })
                .collect()
        }
        ValidationErrorKind::AnyOf { .. } if !one_of_fields(schema, schema_path).is_empty() => {
            // A claim of a kind that asserts something (`status`, …) asserts nothing: name
            // the fields it may use, and what the first one holds.
            let fields = one_of_fields(schema, schema_path);
            let kind = claim_kind(record, pointer);
            let listed: Vec<String> = fields.iter().map(|f| format!("`{f}`")).collect();
            let mut d = ctx.report_at(
                &RULE,
                index,
                pointer,
                first_key_span(record, pointer),
                format!(
                    "{what} asserts nothing: a `{kind}` claim needs one of {}",
                    listed.join(", ")
                ),
            );
            d.help = fields.first().and_then(|f| {
                property_description(schema, schema_path, f).map(|desc| format!("`{f}`: {desc}"))
            });
            vec![d]
        }
        ValidationErrorKind::Required { property } => {
            let name = property.as_str().unwrap_or("?");
            let span = first_key_span(record, pointer);
            let because = if schema_path.contains("/then") {
                format!(" (a `{}` claim needs it)", claim_kind(record, pointer))
            } else {
                String::new()
            };
            let mut d = ctx.report_at(
                &RULE,
                index,
                pointer,
                span,
                format!("missing field `{name}` in {what}{because}"),
            );
            d.help = property_description(schema, schema_path, name)
                .map(|desc| format!("`{name}`: {desc}"));
            vec![d]
        }
        ValidationErrorKind::Enum { options } => {
            let allowed: Vec<&str> = options
                .as_array()
                .map(|a| a.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            let given = record
                .node
                .pointer(pointer)
                .and_then(|n| n.as_str())
                .unwrap_or("");
            // `allow` names a rule: the list is long, and `treatywatch rules` explains each.
            let message = if pointer.contains("/allow/") && last_key(pointer) == "rule" {
                format!(
                    "`{given}` is not a rule, so this `allow` silences nothing (`treatywatch rules` lists them)"
                )
            } else {
                format!("{what} must be one of: {}", allowed.join(", "))
            };
            let mut d = ctx.report(&RULE, index, pointer, message);
            d.help = closest(given, &allowed).map(|near| format!("did you mean `{near}`?"));
            vec![d]
        }
        ValidationErrorKind::Pattern { .. } => {
            if DATE_LIKE.contains(&last_key(pointer)) {
                return Vec::new(); // reported by invalid-date
            }
            let given = record
                .node
                .pointer(pointer)
                .and_then(|n| n.as_str())
                .unwrap_or("");
            // Every id and reference is of the model's `Id` type.
            if schema_path.contains("Id") {
                let suggestion = slug(given);
                let mut d = ctx.report(
                    &RULE,
                    index,
                    pointer,
                    format!("`{given}` is not a valid id: ids are lower-case letters and digits in dash-separated groups"),
                );
                if !suggestion.is_empty() && suggestion != given {
                    d.help = Some(format!("did you mean `{suggestion}`?"));
                }
                vec![d]
            } else if last_key(pointer).ends_with("url") {
                one(format!("`{given}` is not an absolute http(s) URL"))
            } else {
                one(format!(
                    "{what} does not have the expected form (`{given}`)"
                ))
            }
        }
        ValidationErrorKind::Type { kind } => {
            let key = last_key(pointer);
            if let Some(value) = record.node.pointer(pointer)
                && super::invalid_date::reports(key, value)
            {
                return Vec::new(); // reported by invalid-date
            }
            let expected = match kind {
                TypeKind::Single(t) => t.to_string(),
                TypeKind::Multiple(set) => set
                    .iter()
                    .map(|t| t.to_string())
                    .collect::<Vec<_>>()
                    .join(" or "),
            };
            let found = record
                .node
                .pointer(pointer)
                .map_or("nothing", |n| match &n.value {
                    treatywatch_loader::NodeValue::Null => "nothing (null)",
                    treatywatch_loader::NodeValue::Bool(_) => "a boolean",
                    treatywatch_loader::NodeValue::Int(_) => "an integer",
                    treatywatch_loader::NodeValue::Float(_) => "a number",
                    treatywatch_loader::NodeValue::Str(_) => "a string",
                    treatywatch_loader::NodeValue::Seq(_) => "a list",
                    treatywatch_loader::NodeValue::Map(_) => "a mapping",
                });
            let mut d = ctx.report(
                &RULE,
                index,
                pointer,
                format!("{what} must be {}, not {found}", article(&expected)),
            );
            if expected.contains("array") {
                d.help = Some("write a list: `- item` on its own line, or `[item]`".into());
            }
            vec![d]
        }
        ValidationErrorKind::MinItems { limit } => {
            one(format!("{what} needs at least {limit} item(s)"))
        }
        ValidationErrorKind::MinLength { .. } => one(format!("{what} must not be empty")),
        ValidationErrorKind::MaxLength { limit } => {
            one(format!("{what} is longer than {limit} characters"))
        }
        ValidationErrorKind::Minimum { .. } | ValidationErrorKind::Maximum { .. } => {
            if DATE_LIKE.contains(&last_key(pointer)) {
                return Vec::new();
            }
            one(format!("{what} is out of range"))
        }
        _ => one(format!(
            "{what} does not fit the schema ({})",
            kind.keyword()
        )),
    }
}
