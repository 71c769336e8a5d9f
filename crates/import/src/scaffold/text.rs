//! A draft's text: every field in the model's order, set ones with their values, needed
//! ones with placeholders, the others as comments; a treaty's parties as a nested skeleton.

use serde_json::Value;
use treatywatch_model::RecordKind;
use treatywatch_model::references::expected_at;

use super::Draft;
use super::fields::{Field, Shape, kind_specific, names, non_null, resolve, shape, short};

impl Draft {
    /// The record's text: a comment, then every field in the model's order: set ones with
    /// their values, needed ones with placeholders, the others as comments with an example.
    pub fn text(&self) -> String {
        let needed: Vec<String> = self.needed().iter().map(|f| f.name.clone()).collect();
        // Fields of other kinds than the one chosen are left out.
        let chosen = self.value("kind");
        let other_kinds: Vec<String> = kind_specific(self.kind)
            .into_iter()
            .filter(|(_, kinds)| chosen.as_ref().is_some_and(|c| !kinds.contains(c)))
            .map(|(f, _)| f)
            .collect();
        let mut out = format!(
            "# A new {}: fill in every TODO (`treatywatch validate` points at each).\n",
            self.kind.name()
        );
        for field in &self.fields {
            let note = match &field.shape {
                Shape::Choice(choices) => choices.join(" | "),
                _ => short(&field.description),
            };
            let described = |line: String| -> String {
                if note.is_empty() {
                    return format!("{line}\n");
                }
                format!("{line:<31} # {note}\n")
            };
            if field.name == "id" {
                out.push_str(&format!("id: {}\n", self.id));
                continue;
            }
            let given = self.has(&field.name);
            if !given && other_kinds.contains(&field.name) {
                continue;
            }
            if !given && !needed.contains(&field.name) {
                let example = match (&field.shape, &field.example) {
                    (Shape::Nested, _) => "… (see docs/data-model.md)".to_string(),
                    (Shape::Choice(choices), None) => choices.first().cloned().unwrap_or_default(),
                    (_, Some(example)) => example.clone(),
                    (_, None) => "…".to_string(),
                };
                out.push_str(&described(format!("# {}: {example}", field.name)));
                continue;
            }
            let values = self
                .values
                .iter()
                .find(|(k, _)| *k == field.name)
                .map(|(_, v)| v.clone())
                .unwrap_or_default();
            match &field.shape {
                Shape::Citations => {
                    out.push_str(&described(format!("{}:", field.name)));
                    out.push_str(&self.citations(field, &values));
                }
                Shape::Nested => {
                    out.push_str(&described(format!("{}:", field.name)));
                    out.push_str(&nested(self.kind, field));
                }
                Shape::Ids | Shape::Texts if values.is_empty() => {
                    out.push_str(&described(format!(
                        "{}: [{}]",
                        field.name,
                        placeholder(field, &field.shape)
                    )));
                }
                Shape::Ids | Shape::Texts => {
                    let items: Vec<String> = values
                        .iter()
                        .map(|v| rendered(&self.shape_of(&field.name), v))
                        .collect();
                    out.push_str(&format!("{}: [{}]\n", field.name, items.join(", ")));
                }
                shape => match values.first() {
                    Some(v) => out.push_str(&format!("{}: {}\n", field.name, rendered(shape, v))),
                    None => out.push_str(&described(format!(
                        "{}: {}",
                        field.name,
                        placeholder(field, shape)
                    ))),
                },
            }
        }
        out
    }

    /// The citation list: a `- source:` per source given (the first with the locator given),
    /// else one placeholder.
    fn citations(&self, field: &Field, values: &[String]) -> String {
        let mut sources: Vec<String> = values.to_vec();
        sources.extend(
            self.values
                .iter()
                .filter(|(k, _)| k == "source")
                .flat_map(|(_, v)| v.iter().cloned()),
        );
        let locator = self.value("locator");
        if sources.is_empty() {
            let mut out = format!("  - source: {}\n", placeholder(field, &Shape::Id));
            out.push_str(&match locator {
                Some(l) => format!("    locator: {}\n", rendered(&Shape::Text, &l)),
                None => "    # locator: paragraph 3          # where in the source\n".into(),
            });
            return out;
        }
        let mut out = String::new();
        for (i, source) in sources.iter().enumerate() {
            out.push_str(&format!("  - source: {source}\n"));
            if i == 0
                && let Some(l) = &locator
            {
                out.push_str(&format!("    locator: {}\n", rendered(&Shape::Text, l)));
            }
        }
        out
    }
}

/// The placeholder of a needed field with no value: `todo-<kind>` where an id goes (what the
/// `placeholder` rule reports, and unknown-id rules leave to it), else `TODO`.
fn placeholder(field: &Field, shape: &Shape) -> String {
    match shape {
        Shape::Id | Shape::Ids | Shape::Citations => {
            format!("todo-{}", field.expected.map_or("id", |e| e.noun()))
        }
        _ => "TODO".into(),
    }
}

/// A value as YAML: plain where it cannot be misread (ids, dates, URLs, the model's words),
/// else a double-quoted string.
fn rendered(shape: &Shape, value: &str) -> String {
    let plain = match shape {
        Shape::Id | Shape::Date | Shape::Period | Shape::Duration | Shape::Choice(_) => true,
        Shape::Flag => true,
        Shape::Url => !value.contains([' ', '#']),
        _ => false,
    };
    if plain {
        value.to_string()
    } else {
        serde_json::to_string(value).unwrap_or_else(|_| "\"\"".into())
    }
}

/// The skeleton of a needed field written by hand (a treaty's parties): one item with its
/// required fields as placeholders, recursively.
fn nested(kind: RecordKind, field: &Field) -> String {
    let schema = kind.json_schema();
    let Some(property) = schema.pointer(&format!("/properties/{}", field.name)) else {
        return String::new();
    };
    let mut out = String::new();
    item(
        &schema,
        kind,
        property,
        &mut vec![field.name.clone()],
        1,
        &mut out,
    );
    out
}

fn item(
    schema: &Value,
    kind: RecordKind,
    node: &Value,
    path: &mut Vec<String>,
    depth: usize,
    out: &mut String,
) {
    if depth > 6 {
        return;
    }
    let list = node.get("type").and_then(Value::as_str) == Some("array");
    let object = resolve(
        schema,
        if list {
            node.get("items").unwrap_or(&Value::Null)
        } else {
            node
        },
    );
    if list {
        path.push("*".into());
    }
    // A list item's keys sit two spaces past its dash.
    let keys = depth + usize::from(list);
    let required = names(object.get("required"));
    let mut first = true;
    for (name, property) in object
        .get("properties")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
    {
        let property = &non_null(property);
        let shape = shape(schema, property);
        // The required fields, and (in a list's items) the lists that hold what the item is
        // about: a party's actions.
        let listed = property.get("type").and_then(Value::as_str) == Some("array");
        let about = list && listed && shape == Shape::Nested && depth == 1;
        if !(required.contains(&name.as_str()) || about) {
            continue;
        }
        let lead = if list && first {
            format!("{}- ", "  ".repeat(depth))
        } else {
            "  ".repeat(keys)
        };
        first = false;
        path.push(name.clone());
        let steps: Vec<&str> = path.iter().map(String::as_str).collect();
        let field = Field {
            name: name.clone(),
            description: String::new(),
            example: None,
            expected: expected_at(kind, &steps),
            shape: shape.clone(),
            required: true,
        };
        if shape == Shape::Nested {
            out.push_str(&format!("{lead}{name}:\n"));
            item(schema, kind, property, path, keys + 1, out);
        } else {
            out.push_str(&format!("{lead}{name}: {}\n", placeholder(&field, &shape)));
        }
        path.pop();
    }
    if list {
        path.pop();
    }
}
