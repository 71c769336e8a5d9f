//! What the `schema` rule looks up to put an error in words: where a diagnostic about a whole
//! mapping points, a claim's kind, the fields a schema knows and their descriptions, the
//! closest known field, and the article and slug of a name.

use serde_json::Value;
use treatywatch_loader::LoadedRecord;

/// Where a diagnostic about a whole mapping points: its first key (the record, or entry, that
/// lacks a field).
pub(super) fn first_key_span(record: &LoadedRecord, pointer: &str) -> treatywatch_loader::Span {
    let node = record.node.pointer(pointer).unwrap_or(&record.node);
    match &node.value {
        treatywatch_loader::NodeValue::Map(entries) if !entries.is_empty() => entries[0].key_span,
        _ => node.span,
    }
}

/// The claim's `kind`, as written.
pub(super) fn claim_kind<'a>(record: &'a LoadedRecord, pointer: &str) -> &'a str {
    record
        .node
        .pointer(&format!("{pointer}/kind"))
        .and_then(|n| n.as_str())
        .unwrap_or("?")
}

/// The fields of an `anyOf` whose every alternative requires one field (`asserted_status`,
/// `asserted_end`, …), in order; empty for any other `anyOf`.
pub(super) fn one_of_fields<'a>(schema: &'a Value, schema_path: &str) -> Vec<&'a str> {
    let Some(Value::Array(alternatives)) = schema.pointer(schema_path) else {
        return Vec::new();
    };
    let fields: Option<Vec<&str>> = alternatives
        .iter()
        .map(|a| match a.get("required") {
            Some(Value::Array(required)) if required.len() == 1 && a.as_object()?.len() == 1 => {
                required[0].as_str()
            }
            _ => None,
        })
        .collect();
    fields.unwrap_or_default()
}

pub(super) fn article(type_name: &str) -> String {
    let word = match type_name {
        "array" => "a list",
        "object" => "a mapping",
        "string" => "a string",
        "integer" => "an integer",
        "number" => "a number",
        "boolean" => "a boolean",
        other => {
            return other
                .replace("array", "a list")
                .replace("object", "a mapping");
        }
    };
    word.to_string()
}

/// Lower-case, dash-separated: what an id written as a name would be.
pub(super) fn slug(text: &str) -> String {
    let lowered: String = text
        .to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    lowered
        .split('-')
        .filter(|g| !g.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

/// The schema object a keyword location points into (`…/additionalProperties` → its parent).
fn schema_object<'a>(schema: &'a Value, schema_path: &str) -> Option<&'a Value> {
    let parent = schema_path.rsplit_once('/').map_or("", |(p, _)| p);
    let parent = parent.strip_suffix("/then").unwrap_or(parent);
    schema.pointer(parent)
}

pub(super) fn known_properties(schema: &Value, schema_path: &str) -> Vec<String> {
    schema_object(schema, schema_path)
        .and_then(|o| o.get("properties"))
        .and_then(Value::as_object)
        .map(|p| p.keys().cloned().collect())
        .unwrap_or_default()
}

pub(super) fn property_description(
    schema: &Value,
    schema_path: &str,
    name: &str,
) -> Option<String> {
    let object = schema_object(schema, schema_path)?;
    let object = if object.get("properties").is_some() {
        object
    } else {
        // Inside `allOf/N/then`: the properties are on the record's schema.
        schema
    };
    let property = object.get("properties")?.get(name)?;
    let description = property.get("description").or_else(|| {
        let reference = property.get("$ref")?.as_str()?;
        schema
            .pointer(reference.strip_prefix('#')?)?
            .get("description")
    })?;
    description
        .as_str()
        .map(|d| d.split("\n\n").next().unwrap_or(d).replace('\n', " "))
}

pub(super) fn closest<'a, S: AsRef<str>>(given: &str, known: &'a [S]) -> Option<&'a str> {
    known
        .iter()
        .map(|k| (strsim::jaro_winkler(given, k.as_ref()), k.as_ref()))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, k)| k)
}
