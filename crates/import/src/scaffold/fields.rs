//! The fields of each kind of record, read from the model's JSON Schema: their order,
//! descriptions, examples, shapes, what they name, and which kinds of claim need them.

use serde_json::Value;
use treatywatch_model::RecordKind;
use treatywatch_model::references::{Expected, expected_at};

/// What a field holds, as `new` writes and checks it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Shape {
    Id,
    Date,
    Period,
    Duration,
    Url,
    Text,
    Flag,
    /// One of these values.
    Choice(Vec<String>),
    /// A list of ids.
    Ids,
    /// A list of texts.
    Texts,
    /// A list of citations (`- source: ID`, with an optional `locator`).
    Citations,
    /// An object or a list of objects: written by hand (the data model documents it).
    Nested,
}

/// A field of a kind of record, from the model's schema.
#[derive(Debug, Clone)]
pub struct Field {
    pub name: String,
    /// The first sentence of its description.
    pub description: String,
    pub example: Option<String>,
    pub shape: Shape,
    /// What the field names, when it names a record (or each of its items does).
    pub expected: Option<Expected>,
    /// Whether every record of the kind has it.
    pub required: bool,
}

/// Every field of `kind`, in the model's order.
pub fn fields(kind: RecordKind) -> Vec<Field> {
    let schema = kind.json_schema();
    let required: Vec<&str> = names(schema.get("required"));
    let Some(properties) = schema.get("properties").and_then(Value::as_object) else {
        return Vec::new();
    };
    properties
        .iter()
        .map(|(name, property)| {
            let property = &non_null(property);
            let shape = shape(&schema, property);
            let path: Vec<&str> = match shape {
                Shape::Ids => vec![name, "*"],
                Shape::Citations => vec![name, "*", "source"],
                _ => vec![name],
            };
            Field {
                name: name.clone(),
                description: first_sentence(&description(&schema, property)),
                example: example(&schema, property),
                expected: expected_at(kind, &path),
                shape,
                required: required.contains(&name.as_str()),
            }
        })
        .collect()
}

/// An optional field's schema without its `null` alternative (the model's `Option`s):
/// `anyOf: [X, {type: null}]` becomes X (with the field's description), a type list loses
/// `"null"`.
pub(super) fn non_null(property: &Value) -> Value {
    let mut property = property.clone();
    let Some(object) = property.as_object_mut() else {
        return property;
    };
    for key in ["anyOf", "oneOf"] {
        let Some(Value::Array(alternatives)) = object.get(key) else {
            continue;
        };
        let kept: Vec<Value> = alternatives
            .iter()
            .filter(|a| a.get("type").and_then(Value::as_str) != Some("null"))
            .cloned()
            .collect();
        if kept.len() == 1 && kept.len() < alternatives.len() {
            object.remove(key);
            if let Some(Value::Object(only)) = kept.into_iter().next() {
                for (k, v) in only {
                    object.entry(k).or_insert(v);
                }
            }
        }
    }
    if let Some(Value::Array(types)) = object.get_mut("type") {
        types.retain(|t| t.as_str() != Some("null"));
        if types.len() == 1 {
            let only = types[0].clone();
            object.insert("type".into(), only);
        }
    }
    property
}

pub(super) fn names(list: Option<&Value>) -> Vec<&str> {
    list.and_then(Value::as_array)
        .map(|r| r.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default()
}

/// `node`, or the definition its `$ref` names.
pub(super) fn resolve<'a>(schema: &'a Value, node: &'a Value) -> &'a Value {
    node.get("$ref")
        .and_then(Value::as_str)
        .and_then(|r| r.strip_prefix('#'))
        .and_then(|r| schema.pointer(r))
        .unwrap_or(node)
}

fn definition_name(node: &Value) -> Option<&str> {
    node.get("$ref")?.as_str()?.rsplit('/').next()
}

pub(super) fn shape(schema: &Value, property: &Value) -> Shape {
    if property.get("type").and_then(Value::as_str) == Some("array") {
        let items = property.get("items").unwrap_or(&Value::Null);
        return match definition_name(items) {
            Some("Id") => Shape::Ids,
            Some("Citation") => Shape::Citations,
            _ if items.get("type").and_then(Value::as_str) == Some("string") => Shape::Texts,
            _ => Shape::Nested,
        };
    }
    match definition_name(property) {
        Some("Id") => return Shape::Id,
        Some("Date") => return Shape::Date,
        Some("Period") => return Shape::Period,
        Some("Duration") => return Shape::Duration,
        _ => {}
    }
    let resolved = resolve(schema, property);
    let choices = choices(resolved);
    if !choices.is_empty() {
        return Shape::Choice(choices);
    }
    match resolved.get("type").and_then(Value::as_str) {
        Some("boolean") => Shape::Flag,
        Some("string")
            if resolved
                .get("pattern")
                .and_then(Value::as_str)
                .is_some_and(|p| p.starts_with("^https?")) =>
        {
            Shape::Url
        }
        Some("string") => Shape::Text,
        _ => Shape::Nested,
    }
}

/// An enum's values: `enum`, or `oneOf` alternatives of `enum`s and `const`s.
fn choices(node: &Value) -> Vec<String> {
    let mut out: Vec<String> = names(node.get("enum"))
        .into_iter()
        .map(str::to_string)
        .collect();
    for alternative in node
        .get("oneOf")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        out.extend(
            names(alternative.get("enum"))
                .into_iter()
                .map(str::to_string),
        );
        out.extend(
            alternative
                .get("const")
                .and_then(Value::as_str)
                .map(str::to_string),
        );
    }
    out
}

fn description(schema: &Value, property: &Value) -> String {
    property
        .get("description")
        .or_else(|| resolve(schema, property).get("description"))
        .and_then(Value::as_str)
        .unwrap_or_default()
        .replace('\n', " ")
}

fn example(schema: &Value, property: &Value) -> Option<String> {
    let examples = property
        .get("examples")
        .or_else(|| resolve(schema, property).get("examples"))?;
    match examples.as_array()?.first()? {
        Value::String(s) => Some(s.clone()),
        Value::Array(items) => Some(format!(
            "[{}]",
            items
                .iter()
                .filter_map(Value::as_str)
                .collect::<Vec<_>>()
                .join(", ")
        )),
        other => Some(other.to_string()),
    }
}

/// A description cut to fit a comment beside the field: at most 60 characters, at a word.
pub(super) fn short(description: &str) -> String {
    if description.chars().count() <= 60 {
        return description.to_string();
    }
    let cut: String = description.chars().take(60).collect();
    let at = cut.rfind(' ').unwrap_or(cut.len());
    format!("{}…", cut[..at].trim_end_matches([',', ';', ':']))
}

/// The first sentence, for a comment beside the field.
fn first_sentence(text: &str) -> String {
    let end = text.find(". ").map_or(text.len(), |i| i + 1);
    text[..end].trim().to_string()
}

/// The fields a record of `kind` needs beyond the schema's `required`, given the value of its
/// `kind` field (a claim's kind decides `treaty`, `accused` and what a status claim asserts);
/// with no kind given, those every kind but a few needs.
pub(super) fn required_by_kind(kind: RecordKind, chosen: Option<&str>) -> Vec<String> {
    let schema = kind.json_schema();
    let mut out = Vec::new();
    for rule in schema
        .get("allOf")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let kinds = names(rule.pointer("/if/properties/kind/enum"));
        let applies = match chosen {
            Some(chosen) => kinds.contains(&chosen),
            // No kind yet: what most kinds need (a claim's treaty), not what one needs.
            None => kinds.len() > 2,
        };
        if !applies {
            continue;
        }
        let then = rule.get("then").unwrap_or(&Value::Null);
        out.extend(names(then.get("required")).into_iter().map(str::to_string));
        // One of several: the first is the usual one (a status claim's `asserted_status`).
        if let Some(first) = then
            .get("anyOf")
            .and_then(Value::as_array)
            .and_then(|a| a.first())
        {
            out.extend(names(first.get("required")).into_iter().map(str::to_string));
        }
    }
    out
}

/// The fields that only some kinds of record take (a claim's `accused`, a status claim's
/// assertions and the `party` they need), with those kinds: from the schema's `allOf` rules
/// on `kind` and its `dependentRequired`.
pub(super) fn kind_specific(kind: RecordKind) -> Vec<(String, Vec<String>)> {
    let schema = kind.json_schema();
    let mut out: Vec<(String, Vec<String>)> = Vec::new();
    for rule in schema
        .get("allOf")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let kinds: Vec<String> = names(rule.pointer("/if/properties/kind/enum"))
            .into_iter()
            .map(str::to_string)
            .collect();
        let then = rule.get("then").unwrap_or(&Value::Null);
        let mut fields: Vec<&str> = names(then.get("required"));
        for alternative in then
            .get("anyOf")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            fields.extend(names(alternative.get("required")));
        }
        out.extend(fields.into_iter().map(|f| (f.to_string(), kinds.clone())));
    }
    // A field another needs takes that one's kinds.
    if let Some(dependent) = schema.get("dependentRequired").and_then(Value::as_object) {
        for (field, needs) in dependent {
            let kinds = out.iter().find(|(f, _)| f == field).map(|(_, k)| k.clone());
            if let Some(kinds) = kinds {
                out.extend(
                    names(Some(needs))
                        .into_iter()
                        .map(|n| (n.to_string(), kinds.clone())),
                );
            }
        }
    }
    out
}
