use treatywatch_loader::{Diagnostic, Node, NodeValue, Severity};
use treatywatch_model::{Date, Duration, Period};

use super::{Rule, Step, pointer};
use crate::context::Context;
use treatywatch_model::RuleName;

pub(super) const RULE: Rule = Rule {
    name: RuleName::InvalidDate,
    severity: Severity::Error,
    summary: "a date, period or duration that is not EDTF level 0 / ISO 8601, or not a real day",
    docs: r#"## What it checks
Every date (`date`, `opened`, `entry_into_force`, `published`, `until`) is `YYYY`, `YYYY-MM` or
`YYYY-MM-DD` and names a real day; every period (`period`, `existed`) is `START/END` with each
side a date or `..`, and does not end before it starts; every duration (`term`,
`withdrawal_notice`) is ISO 8601 such as `P6M`.

## Why it matters
Status on a date, notice periods and every ordering rule compute with these values. An
impossible day like `2019-02-30` would otherwise be silently rounded by some tool downstream.

## Example
```yaml
date: 2019-02-30
period: 2019/2014
```

## Fix
Write the day as the depositary records it. If you only know the month or the year, write
`2019-02` or `2019`: reduced precision is honest, a guessed day is not.
"#,
    check,
    check_files: None,
    check_facts: None,
};

const DATE_KEYS: &[&str] = &["date", "opened", "entry_into_force", "published", "until"];
const PERIOD_KEYS: &[&str] = &["period", "existed"];
const DURATION_KEYS: &[&str] = &["term", "withdrawal_notice"];

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for (index, record) in ctx.iterated() {
        let mut path = Vec::new();
        walk(ctx, index, &record.node, &mut path, out);
    }
}

/// Depth-first over the record (the loader bounds its depth).
fn walk<'a>(
    ctx: &Context,
    index: usize,
    node: &'a Node,
    path: &mut Vec<Step<'a>>,
    out: &mut Vec<Diagnostic>,
) {
    match &node.value {
        NodeValue::Map(entries) => {
            for e in entries {
                path.push(Step::Key(&e.key));
                if let Some(message) = problem(&e.key, &e.value) {
                    out.push(
                        ctx.report(&RULE, index, &pointer(path), message)
                            .with_help(help(&e.key)),
                    );
                }
                walk(ctx, index, &e.value, path, out);
                path.pop();
            }
        }
        NodeValue::Seq(items) => {
            for (i, item) in items.iter().enumerate() {
                path.push(Step::Index(i));
                walk(ctx, index, item, path, out);
                path.pop();
            }
        }
        _ => {}
    }
}

fn help(key: &str) -> &'static str {
    if PERIOD_KEYS.contains(&key) {
        "write START/END, each side YYYY, YYYY-MM, YYYY-MM-DD or `..` (open), e.g. `1999/..`"
    } else if DURATION_KEYS.contains(&key) {
        "write an ISO 8601 duration such as P6M (six months), P3M or P15Y"
    } else {
        "write YYYY, YYYY-MM or YYYY-MM-DD; if the day is not known, leave it out rather than guess"
    }
}

/// Whether this rule reports `value` under `key` (then the schema rule does not).
pub(super) fn reports(key: &str, value: &Node) -> bool {
    problem(key, value).is_some()
}

/// The message for an invalid value under a date-, period- or duration-valued key.
/// Values of the wrong type (lists, mappings, booleans) are the schema rule's to report.
fn problem(key: &str, value: &Node) -> Option<String> {
    if DATE_KEYS.contains(&key) {
        match &value.value {
            NodeValue::Str(s) => Date::parse(s).err().map(|e| e.to_string()),
            NodeValue::Int(i) => (!(0..=9999).contains(i))
                .then(|| format!("`{i}` is not a date: a year has four digits")),
            NodeValue::Float(f) => Some(format!("`{f}` is not a date")),
            _ => None,
        }
    } else if PERIOD_KEYS.contains(&key) {
        match &value.value {
            NodeValue::Str(s) => Period::parse(s).err().map(|e| e.to_string()),
            NodeValue::Int(i) => Some(format!(
                "`{i}` is not a period: write `{i}/{i}` or `{i}/..`"
            )),
            _ => None,
        }
    } else if DURATION_KEYS.contains(&key) {
        match &value.value {
            NodeValue::Str(s) => Duration::parse(s).err().map(|e| e.to_string()),
            _ => None,
        }
    } else {
        None
    }
}
