use serde_json::Value;
use treatywatch_loader::{Diagnostic, Node, NodeValue, Severity};
use treatywatch_model::RuleName;

use super::{Rule, Step, pointer};
use crate::context::Context;
use crate::schema::Compiled;

pub(super) const RULE: Rule = Rule {
    name: RuleName::Placeholder,
    severity: Severity::Error,
    summary: "a placeholder (`TODO`, `todo-…`) left where a real value belongs",
    docs: r#"## What it checks
That no value is still a placeholder: a text that is `TODO` or starts with `TODO:`, or an id
that starts with `todo-`. `treatywatch new` writes these where only the contributor knows the
value (the quote, the summary, who said it, the source).

## Why it matters
A placeholder has the right shape, so without this rule a record fresh from `new` would be
published with "TODO: the exact words" as its quote. Each placeholder is reported once, here:
the rules that would also trip over it (an unknown id, a date that is not one) stay silent
about that value.

## Example
```yaml
- id: pompeo-2019-02-01-inf
  claimant: todo-actor
  quote: "TODO: the exact words, short"
```

## Fix
Write the real value, or delete the line when the field is optional. The help under each
diagnostic says what the field holds.
"#,
    check,
    check_files: None,
    check_facts: None,
};

/// Whether `text` is a placeholder that `treatywatch new` writes.
fn is_placeholder(text: &str) -> bool {
    text == "TODO"
        || text.starts_with("TODO:")
        || text.starts_with("TODO ")
        || text.starts_with("todo-")
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for (index, record) in ctx.iterated() {
        let schema = Compiled::get().for_kind(record.kind).map(|(s, _)| s);
        let mut path = Vec::new();
        walk(&record.node, &mut path, &mut |path, text| {
            let pointer = pointer(path);
            let field = path.iter().rev().find_map(|s| match s {
                Step::Key(k) => Some(*k),
                Step::Index(_) => None,
            });
            let what = match field {
                Some(field) => format!("`{field}` is still the placeholder `{text}`"),
                None => format!("a placeholder, `{text}`, is left here"),
            };
            let help = schema.and_then(|s| describe(s, path)).map_or_else(
                || "write the real value, or delete the line if the field is optional".into(),
                |d| format!("replace it with the real value. {d}"),
            );
            out.push(ctx.report(&RULE, index, &pointer, what).with_help(help));
        });
    }
}

/// Depth-first over the record (the loader bounds its depth), calling `found` on each text
/// that is a placeholder.
fn walk<'a>(node: &'a Node, path: &mut Vec<Step<'a>>, found: &mut impl FnMut(&[Step], &str)) {
    match &node.value {
        NodeValue::Str(s) if is_placeholder(s) => found(path, s),
        NodeValue::Map(entries) => {
            for e in entries {
                path.push(Step::Key(&e.key));
                walk(&e.value, path, found);
                path.pop();
            }
        }
        NodeValue::Seq(items) => {
            for (i, item) in items.iter().enumerate() {
                path.push(Step::Index(i));
                walk(item, path, found);
                path.pop();
            }
        }
        _ => {}
    }
}

/// The first paragraph of the description of the field at `path`, followed through the
/// schema's properties, list items and references.
fn describe(schema: &Value, path: &[Step]) -> Option<String> {
    let mut node = schema;
    let mut description = None;
    for step in path {
        let here = match step {
            Step::Key(k) => resolve(schema, node)?.get("properties")?.get(*k)?,
            Step::Index(_) => resolve(schema, node)?.get("items")?,
        };
        description = here
            .get("description")
            .or_else(|| resolve(schema, here)?.get("description"))
            .or(description);
        node = here;
    }
    let text = description?.as_str()?;
    Some(text.split("\n\n").next().unwrap_or(text).replace('\n', " "))
}

/// `node`, or what its `$ref` (and theirs) names in `schema`.
fn resolve<'a>(schema: &'a Value, mut node: &'a Value) -> Option<&'a Value> {
    for _ in 0..8 {
        let Some(reference) = node.get("$ref").and_then(Value::as_str) else {
            break;
        };
        node = schema.pointer(reference.strip_prefix('#')?)?;
    }
    Some(node)
}
