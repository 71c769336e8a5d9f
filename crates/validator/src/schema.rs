//! The JSON Schemas of the four record kinds, generated from the model's types (their doc
//! comments become descriptions), so `schemas/` can never drift from the code:
//! `treatywatch schema` writes them, `treatywatch schema --check` compares.

use crate::tree_json::TreeJson;
use std::sync::OnceLock;

use schemars::generate::SchemaSettings;
use serde_json::{Map, Value};
use treatywatch_model::{Actor, Claim, RecordKind, Source, Treaty};

/// The base of every schema's `$id`.
pub const ID_BASE: &str = "urn:treatywatch:schema:";

/// The file name of a kind's schema under `schemas/`.
pub fn file_name(kind: RecordKind) -> String {
    format!("{}.schema.json", kind.name())
}

/// The schema of one kind of record, as JSON.
pub fn generate(kind: RecordKind) -> Value {
    let generator = SchemaSettings::draft2020_12().into_generator();
    let schema = match kind {
        RecordKind::Actor => generator.into_root_schema_for::<Actor>(),
        RecordKind::Treaty => generator.into_root_schema_for::<Treaty>(),
        RecordKind::Source => generator.into_root_schema_for::<Source>(),
        RecordKind::Claim => generator.into_root_schema_for::<Claim>(),
    };
    let mut value = schema.to_value();
    strip_null(&mut value);
    add_titles(&mut value);
    add_length_limits(&mut value);
    if let Value::Object(map) = &mut value {
        let mut ordered = Map::new();
        for key in ["$schema"] {
            if let Some(v) = map.remove(key) {
                ordered.insert(key.into(), v);
            }
        }
        ordered.insert(
            "$id".into(),
            Value::String(format!("{ID_BASE}{}", kind.name())),
        );
        ordered.append(map);
        value = Value::Object(ordered);
    }
    value
}

/// The schema as written to `schemas/<kind>.schema.json`: pretty, with a final newline.
pub fn render(kind: RecordKind) -> String {
    let mut text = serde_json::to_string_pretty(&generate(kind)).unwrap_or_default();
    text.push('\n');
    text
}

/// Optional fields are left out, never `null`: remove the null alternatives schemars adds for
/// `Option<T>`.
fn strip_null(value: &mut Value) {
    match value {
        Value::Object(map) => {
            if let Some(Value::Array(types)) = map.get_mut("type") {
                types.retain(|t| t != "null");
                if types.len() == 1 {
                    let only = types.remove(0);
                    map.insert("type".into(), only);
                }
            }
            if let Some(Value::Array(alternatives)) = map.get("anyOf") {
                let kept: Vec<Value> = alternatives
                    .iter()
                    .filter(|a| a.get("type") != Some(&Value::String("null".into())))
                    .cloned()
                    .collect();
                if kept.len() == 1
                    && let Some(Value::Object(only)) = kept.into_iter().next()
                {
                    map.remove("anyOf");
                    for (k, v) in only {
                        map.entry(k).or_insert(v);
                    }
                }
            }
            if let Some(Value::Array(options)) = map.get_mut("enum") {
                options.retain(|o| !o.is_null());
            }
            for v in map.values_mut() {
                strip_null(v);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(strip_null),
        _ => {}
    }
}

/// The longest text each field may hold, by field name; every other text field holds at most
/// [`DEFAULT_MAX_LENGTH`] characters. Ids (100), URLs (2048) and dates carry their own limits.
/// Generous for real records — the longest assessment note in the bundled data is under 1 000
/// characters — and small enough that a pasted book or a 60 MB name is a `schema` error on
/// its line instead of a briefing that silently carries it.
pub const MAX_LENGTHS: &[(&str, u64)] = &[
    ("name", 300),
    ("short_name", 100),
    ("title", 500),
    ("publisher", 300),
    ("authors", 300),
    ("aliases", 300),
    ("locator", 500),
    ("summary", 2_000),
    ("quote", 5_000),
    ("reason", 2_000),
    ("note", 10_000),
];

/// The limit of a text field not named in [`MAX_LENGTHS`].
pub const DEFAULT_MAX_LENGTH: u64 = 1_000;

/// Gives every text property (and every text item of a list property) a `maxLength`, from
/// [`MAX_LENGTHS`], unless its type sets one already.
fn add_length_limits(value: &mut Value) {
    fn limit(schema: &mut Value, max: u64) {
        let Value::Object(map) = schema else { return };
        let is_text = map.get("type") == Some(&Value::String("string".into()));
        // A pattern without `*` or `+` (`^[A-Z]{3}$`) bounds the length already.
        let bounded_pattern = map
            .get("pattern")
            .and_then(Value::as_str)
            .is_some_and(|p| !p.contains(['*', '+']));
        if is_text
            && !bounded_pattern
            && !map.contains_key("maxLength")
            && !map.contains_key("enum")
        {
            map.insert("maxLength".into(), Value::from(max));
        }
        if let Some(items) = map.get_mut("items") {
            limit(items, max);
        }
    }
    match value {
        Value::Object(map) => {
            if let Some(Value::Object(properties)) = map.get_mut("properties") {
                for (name, property) in properties.iter_mut() {
                    let max = MAX_LENGTHS
                        .iter()
                        .find(|(n, _)| n == name)
                        .map_or(DEFAULT_MAX_LENGTH, |(_, m)| *m);
                    limit(property, max);
                }
            }
            for v in map.values_mut() {
                add_length_limits(v);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(add_length_limits),
        _ => {}
    }
}

/// Gives every property a `title` (its name in words) so editors show a label.
fn add_titles(value: &mut Value) {
    match value {
        Value::Object(map) => {
            if let Some(Value::Object(properties)) = map.get_mut("properties") {
                for (name, property) in properties.iter_mut() {
                    if let Value::Object(p) = property
                        && !p.contains_key("title")
                    {
                        let mut title = name.replace('_', " ");
                        if let Some(first) = title.get_mut(0..1) {
                            first.make_ascii_uppercase();
                        }
                        p.insert("title".into(), Value::String(title));
                    }
                }
            }
            for v in map.values_mut() {
                add_titles(v);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(add_titles),
        _ => {}
    }
}

/// Compiled validators for the four kinds, built once.
pub struct Compiled {
    pub schemas: Vec<(RecordKind, Value, jsonschema::Validator<TreeJson>)>,
}

impl Compiled {
    pub fn get() -> &'static Compiled {
        static COMPILED: OnceLock<Compiled> = OnceLock::new();
        COMPILED.get_or_init(|| Compiled {
            schemas: RecordKind::ALL
                .into_iter()
                .filter_map(|kind| {
                    let schema = generate(kind);
                    let validator = jsonschema::options_for::<TreeJson>()
                        .with_draft(jsonschema::Draft::Draft202012)
                        .build(&schema)
                        .ok()?;
                    Some((kind, schema, validator))
                })
                .collect(),
        })
    }

    pub fn for_kind(&self, kind: RecordKind) -> Option<(&Value, &jsonschema::Validator<TreeJson>)> {
        self.schemas
            .iter()
            .find(|(k, _, _)| *k == kind)
            .map(|(_, s, v)| (s, v))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_compiles_and_forbids_unknown_fields() {
        for kind in RecordKind::ALL {
            assert!(Compiled::get().for_kind(kind).is_some(), "{kind:?}");
            let schema = generate(kind);
            assert_eq!(
                schema["additionalProperties"],
                Value::Bool(false),
                "{kind:?}"
            );
            assert_eq!(
                schema["$schema"],
                "https://json-schema.org/draft/2020-12/schema"
            );
            for (name, property) in schema["properties"].as_object().unwrap() {
                assert!(
                    property.get("title").is_some(),
                    "{kind:?}.{name} lacks a title"
                );
                assert!(
                    property.get("description").is_some() || property.get("$ref").is_some(),
                    "{kind:?}.{name} lacks a description"
                );
            }
        }
    }

    /// Checks a JSON value as the schema rule checks a record: read into the loader's tree
    /// (JSON is YAML), validated on the tree.
    fn is_valid(validator: &jsonschema::Validator<TreeJson>, value: &Value) -> bool {
        let text = value.to_string();
        let limits = treatywatch_loader::Limits::default();
        let index = treatywatch_loader::LineIndex::new(&text);
        let root = treatywatch_loader::yaml::parse(&text, &index, limits)
            .root
            .expect("JSON reads as YAML");
        validator.is_valid(&root)
    }

    #[test]
    fn a_status_claim_needs_asserted_status_and_a_violation_an_accused() {
        let (_, validator) = Compiled::get().for_kind(RecordKind::Claim).unwrap();
        let base = serde_json::json!({
            "id": "c", "date": "2019-02-03", "claimant": "x", "kind": "status", "treaty": "inf",
            "summary": "s", "sources": [{"source": "src"}]
        });
        assert!(!is_valid(validator, &base));
        let mut ok = base.clone();
        ok["asserted_status"] = "in-force".into();
        assert!(is_valid(validator, &ok));
        let mut violation = base.clone();
        violation["kind"] = "violation".into();
        assert!(!is_valid(validator, &violation));
        violation["accused"] = "usa".into();
        assert!(is_valid(validator, &violation));
        let mut other = base;
        other["kind"] = "other".into();
        other.as_object_mut().unwrap().remove("treaty");
        assert!(is_valid(validator, &other));
    }

    #[test]
    fn unquoted_years_are_dates_and_nulls_are_not_values() {
        let (_, validator) = Compiled::get().for_kind(RecordKind::Source).unwrap();
        let mut source = serde_json::json!({
            "id": "s", "title": "t", "kind": "news", "publisher": "p", "published": 1999,
            "url": "https://example.org/a"
        });
        assert!(is_valid(validator, &source));
        source["published"] = 19999.into();
        assert!(!is_valid(validator, &source));
        source["published"] = "1999".into();
        source["language"] = Value::Null;
        assert!(!is_valid(validator, &source));
    }
}
