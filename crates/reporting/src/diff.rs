//! What a change does to the record — records added, removed and changed (field by field),
//! treaty and party statuses that change on the as-of date, findings that appear or
//! disappear, errors that are new — computed here, rendered as JSON or by the `diff.md`
//! template.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;
use serde_json::Value;
use treatywatch_loader::{Dataset, Severity};
use treatywatch_model::Date;
use treatywatch_validator::Options;

use crate::templates;

#[derive(Debug, Default, Serialize)]
pub struct Changes {
    pub base: String,
    pub as_of: String,
    pub added: Vec<RecordRef>,
    pub removed: Vec<RecordRef>,
    pub changed: Vec<ChangedRecord>,
    pub statuses: Vec<StatusChange>,
    pub findings_added: Vec<String>,
    pub findings_removed: Vec<String>,
    pub new_errors: Vec<String>,
}

#[derive(Debug, Serialize, PartialEq, Eq, PartialOrd, Ord)]
pub struct RecordRef {
    pub kind: String,
    pub id: String,
}

#[derive(Debug, Serialize)]
pub struct ChangedRecord {
    pub kind: String,
    pub id: String,
    pub fields: Vec<FieldChange>,
}

#[derive(Debug, Serialize)]
pub struct FieldChange {
    pub field: String,
    pub before: Option<Value>,
    pub after: Option<Value>,
}

#[derive(Debug, Serialize)]
pub struct StatusChange {
    pub treaty: String,
    /// `None` for the treaty itself, else the party.
    pub party: Option<String>,
    pub before: String,
    pub after: String,
}

/// Every record by id; an id that two records share keeps both, in file order.
fn by_id(data: &Dataset) -> BTreeMap<String, Vec<(String, Value)>> {
    let mut records: BTreeMap<String, Vec<(String, Value)>> = BTreeMap::new();
    for r in &data.records {
        if let Some(id) = r.id() {
            records
                .entry(id.to_string())
                .or_default()
                .push((r.kind.name().to_string(), r.node.to_json()));
        }
    }
    records
}

fn summarize(
    data: &Dataset,
    outcome: &treatywatch_validator::Outcome,
    severity: Severity,
) -> BTreeSet<String> {
    outcome
        .diagnostics
        .iter()
        .filter(|d| d.severity == severity)
        .map(|d| {
            let file = data.files.get(d.file).map_or("", |f| f.path.as_str());
            let place = d
                .record
                .clone()
                .unwrap_or_else(|| file.rsplit('/').next().unwrap_or(file).to_string());
            format!("{} ({}): {}", d.rule, place, d.message)
        })
        .collect()
}

/// The kinds of the records of `side` that `other` lacks, each record of `other` matching
/// one of `side` at most (two identical records where there was one: one is added).
fn unmatched<'a>(
    side: &'a [(String, Value)],
    other: &[(String, Value)],
) -> impl Iterator<Item = &'a String> {
    let mut left: Vec<&(String, Value)> = other.iter().collect();
    side.iter()
        .filter_map(move |record| match left.iter().position(|r| *r == record) {
            Some(at) => {
                left.swap_remove(at);
                None
            }
            None => Some(&record.0),
        })
}

/// The fields whose values differ between two versions of a record.
fn field_changes(before: &Value, after: &Value) -> Vec<FieldChange> {
    let empty = serde_json::Map::new();
    let (b, a) = (
        before.as_object().unwrap_or(&empty),
        after.as_object().unwrap_or(&empty),
    );
    let keys: BTreeSet<&String> = b.keys().chain(a.keys()).collect();
    keys.into_iter()
        .filter(|k| b.get(*k) != a.get(*k))
        .map(|k| FieldChange {
            field: k.clone(),
            before: b.get(k).cloned(),
            after: a.get(k).cloned(),
        })
        .collect()
}

/// Compares two datasets: statuses on `as_of`; errors and findings as validation on `today`
/// reports them.
pub fn compare(
    base_name: &str,
    base: &Dataset,
    head: &Dataset,
    as_of: Date,
    today: Date,
) -> Changes {
    let mut changes = Changes {
        base: base_name.to_string(),
        as_of: as_of.to_string(),
        ..Changes::default()
    };
    let (old, new) = (by_id(base), by_id(head));
    let none = Vec::new();
    for (id, records) in &new {
        let before = old.get(id).unwrap_or(&none);
        match (before.as_slice(), records.as_slice()) {
            ([(_, before)], [(kind, value)]) if before != value => {
                changes.changed.push(ChangedRecord {
                    kind: kind.clone(),
                    id: id.clone(),
                    fields: field_changes(before, value),
                });
            }
            ([_], [_]) => {}
            // No record had the id, or several have it on one side: each record that is not
            // on the other side is added (a second record under a used id is one).
            _ => changes
                .added
                .extend(unmatched(records, before).map(|kind| RecordRef {
                    kind: kind.clone(),
                    id: id.clone(),
                })),
        }
    }
    for (id, records) in &old {
        let after = new.get(id).unwrap_or(&none);
        if after.len() == 1 && records.len() == 1 {
            continue;
        }
        changes
            .removed
            .extend(unmatched(records, after).map(|kind| RecordRef {
                kind: kind.clone(),
                id: id.clone(),
            }));
    }
    let options = Options { as_of: today };
    let (before, after) = (
        treatywatch_validator::validate(base, &options),
        treatywatch_validator::validate(head, &options),
    );
    let (old_ctx, new_ctx) = (base.index(), head.index());
    let mut treaties: BTreeSet<String> =
        old_ctx.treaties().map(|(_, t)| t.id.to_string()).collect();
    treaties.extend(new_ctx.treaties().map(|(_, t)| t.id.to_string()));
    for id in treaties {
        let (o, n) = (old_ctx.treaty(&id), new_ctx.treaty(&id));
        let label = |t: Option<&treatywatch_model::Treaty>| {
            t.map_or("absent".to_string(), |t| t.status_on(&as_of).to_string())
        };
        if label(o) != label(n) {
            changes.statuses.push(StatusChange {
                treaty: id.clone(),
                party: None,
                before: label(o),
                after: label(n),
            });
        }
        let mut parties: BTreeSet<String> = BTreeSet::new();
        for t in [o, n].into_iter().flatten() {
            parties.extend(t.parties.iter().map(|p| p.actor.to_string()));
        }
        for party in parties {
            let status = |t: Option<&treatywatch_model::Treaty>| {
                t.map_or("absent".to_string(), |t| {
                    t.party_status_on(&party, &as_of).to_string()
                })
            };
            if status(o) != status(n) {
                changes.statuses.push(StatusChange {
                    treaty: id.clone(),
                    party: Some(party.clone()),
                    before: status(o),
                    after: status(n),
                });
            }
        }
    }
    let (old_notes, new_notes) = (
        summarize(base, &before, Severity::Note),
        summarize(head, &after, Severity::Note),
    );
    changes.findings_added = new_notes.difference(&old_notes).cloned().collect();
    changes.findings_removed = old_notes.difference(&new_notes).cloned().collect();
    let old_errors = summarize(base, &before, Severity::Error);
    changes.new_errors = summarize(head, &after, Severity::Error)
        .difference(&old_errors)
        .cloned()
        .collect();
    changes
}

/// A field's value in one table cell: a string as written, anything else as JSON cut at 80
/// characters (escaped by the template).
fn short(v: &Option<Value>) -> String {
    match v {
        None => "—".into(),
        Some(Value::String(s)) => s.clone(),
        Some(other) => {
            let text = other.to_string();
            if text.chars().count() > 80 {
                format!("{}…", text.chars().take(80).collect::<String>())
            } else {
                text
            }
        }
    }
}

/// One row of the markdown table of changed fields.
#[derive(Serialize)]
struct FieldRow<'a> {
    kind: &'a str,
    id: &'a str,
    field: &'a str,
    before: String,
    after: String,
}

/// The change summary as markdown (for a pull request's job summary), from the `diff.md`
/// template (`templates` overrides it as for `report`).
pub fn markdown(
    changes: &Changes,
    templates: Option<&std::path::Path>,
) -> Result<String, minijinja::Error> {
    let rows: Vec<FieldRow<'_>> = changes
        .changed
        .iter()
        .flat_map(|r| {
            r.fields.iter().map(|f| FieldRow {
                kind: &r.kind,
                id: &r.id,
                field: &f.field,
                before: short(&f.before),
                after: short(&f.after),
            })
        })
        .collect();
    let env = templates::environment(templates);
    env.get_template("diff.md")?.render(minijinja::context! {
        c => minijinja::Value::from(minijinja::value::Serde(changes)),
        rows => minijinja::Value::from(minijinja::value::Serde(&rows)),
    })
}
