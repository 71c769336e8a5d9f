//! `treatywatch diff --base DIR_OR_GIT_REV`: what a change does to the record — records added,
//! removed and changed (field by field), treaty and party statuses that change on the as-of
//! date, findings that appear or disappear, errors that are new — as markdown or JSON.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde::Serialize;
use serde_json::Value;
use treatywatch_loader::{Dataset, Limits, Severity};
use treatywatch_model::Date;
use treatywatch_validator::{Context, Options};

#[derive(Debug, Default, Serialize)]
pub(crate) struct Changes {
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
pub(crate) struct RecordRef {
    pub kind: String,
    pub id: String,
}

#[derive(Debug, Serialize)]
pub(crate) struct ChangedRecord {
    pub kind: String,
    pub id: String,
    pub fields: Vec<FieldChange>,
}

#[derive(Debug, Serialize)]
pub(crate) struct FieldChange {
    pub field: String,
    pub before: Option<Value>,
    pub after: Option<Value>,
}

#[derive(Debug, Serialize)]
pub(crate) struct StatusChange {
    pub treaty: String,
    /// `None` for the treaty itself, else the party.
    pub party: Option<String>,
    pub before: String,
    pub after: String,
}

/// Reads the base: a folder, or the `data/` of a git revision (without a checkout).
pub(crate) fn load_base(
    base: &str,
    data: &Path,
    limits: Limits,
) -> Result<(Dataset, Option<tempfile::TempDir>), String> {
    let as_dir = PathBuf::from(base);
    if as_dir.is_dir() {
        return treatywatch_loader::load(&as_dir, limits)
            .map(|d| (d, None))
            .map_err(|e| e.to_string());
    }
    let dir = tempfile::tempdir().map_err(|e| format!("cannot make a temporary folder: {e}"))?;
    export_revision(base, data, dir.path())?;
    let loaded = treatywatch_loader::load(dir.path(), limits).map_err(|e| e.to_string())?;
    Ok((loaded, Some(dir)))
}

/// Copies `<rev>:<data>` into `into` with `git ls-tree` and one `git cat-file --batch`.
fn export_revision(rev: &str, data: &Path, into: &Path) -> Result<(), String> {
    let prefix = data.to_string_lossy().trim_end_matches('/').to_string();
    let listing = Command::new("git")
        .args([
            "ls-tree",
            "-r",
            "--name-only",
            "--full-tree",
            rev,
            "--",
            &prefix,
        ])
        .output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if !listing.status.success() {
        return Err(format!(
            "`{rev}` is neither a folder nor a git revision: {}",
            String::from_utf8_lossy(&listing.stderr).trim()
        ));
    }
    let names: Vec<String> = String::from_utf8_lossy(&listing.stdout)
        .lines()
        .map(str::to_string)
        .collect();
    let mut child = Command::new("git")
        .args(["cat-file", "--batch"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run git: {e}"))?;
    let mut stdin = child.stdin.take().ok_or("git: no stdin")?;
    let requests: String = names.iter().map(|n| format!("{rev}:{n}\n")).collect();
    let writer = std::thread::spawn(move || stdin.write_all(requests.as_bytes()));
    let mut reader = BufReader::new(child.stdout.take().ok_or("git: no stdout")?);
    for name in &names {
        let mut header = String::new();
        reader.read_line(&mut header).map_err(|e| e.to_string())?;
        let size: usize = header
            .split_whitespace()
            .nth(2)
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| format!("git cat-file: unexpected answer `{}`", header.trim()))?;
        let mut bytes = vec![0; size + 1];
        reader.read_exact(&mut bytes).map_err(|e| e.to_string())?;
        bytes.truncate(size);
        let relative = Path::new(name)
            .strip_prefix(&prefix)
            .unwrap_or(Path::new(name));
        let target = into.join(relative);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).map_err(|e| e.to_string())?;
        }
        std::fs::write(&target, bytes).map_err(|e| e.to_string())?;
    }
    let _ = writer.join();
    let _ = child.wait();
    Ok(())
}

fn by_id(data: &Dataset) -> BTreeMap<String, (String, Value)> {
    data.records
        .iter()
        .filter_map(|r| {
            r.id().map(|id| {
                (
                    id.to_string(),
                    (r.kind.name().to_string(), r.node.to_json()),
                )
            })
        })
        .collect()
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

/// Compares two datasets: statuses on `as_of`; errors and findings as validation on `today`
/// reports them.
pub(crate) fn compare(
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
    for (id, (kind, value)) in &new {
        match old.get(id) {
            None => changes.added.push(RecordRef {
                kind: kind.clone(),
                id: id.clone(),
            }),
            Some((_, before)) if *before != *value => {
                let empty = serde_json::Map::new();
                let (b, a) = (
                    before.as_object().unwrap_or(&empty),
                    value.as_object().unwrap_or(&empty),
                );
                let keys: BTreeSet<&String> = b.keys().chain(a.keys()).collect();
                let fields = keys
                    .into_iter()
                    .filter(|k| b.get(*k) != a.get(*k))
                    .map(|k| FieldChange {
                        field: k.clone(),
                        before: b.get(k).cloned(),
                        after: a.get(k).cloned(),
                    })
                    .collect();
                changes.changed.push(ChangedRecord {
                    kind: kind.clone(),
                    id: id.clone(),
                    fields,
                });
            }
            Some(_) => {}
        }
    }
    for (id, (kind, _)) in &old {
        if !new.contains_key(id) {
            changes.removed.push(RecordRef {
                kind: kind.clone(),
                id: id.clone(),
            });
        }
    }
    let options = Options { as_of: today };
    let (before, after) = (
        treatywatch_validator::validate(base, &options),
        treatywatch_validator::validate(head, &options),
    );
    let (old_ctx, new_ctx) = (Context::new(base, as_of), Context::new(head, as_of));
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

fn short(v: &Option<Value>) -> String {
    match v {
        None => "—".into(),
        Some(Value::String(s)) => treatywatch_reporting::templates::escape_markdown(s),
        Some(other) => {
            let text = other.to_string();
            let text = if text.chars().count() > 80 {
                format!("{}…", text.chars().take(80).collect::<String>())
            } else {
                text
            };
            treatywatch_reporting::templates::escape_markdown(&text)
        }
    }
}

/// The change summary as markdown (for a pull request's job summary).
pub(crate) fn markdown(c: &Changes) -> String {
    let md = treatywatch_reporting::templates::escape_markdown;
    let mut out = format!(
        "## What this change does to the record\n\nCompared with `{}`, as of {}.\n\n",
        md(&c.base),
        c.as_of
    );
    if c.added.is_empty() && c.removed.is_empty() && c.changed.is_empty() {
        out.push_str("No record is added, removed or changed.\n\n");
    }
    let list = |title: &str, items: &[RecordRef], out: &mut String| {
        if !items.is_empty() {
            out.push_str(&format!("### {title} ({})\n\n", items.len()));
            for r in items {
                out.push_str(&format!("- {} `{}`\n", r.kind, r.id));
            }
            out.push('\n');
        }
    };
    list("Added", &c.added, &mut out);
    list("Removed", &c.removed, &mut out);
    if !c.changed.is_empty() {
        out.push_str(&format!(
            "### Changed ({})\n\n| record | field | before | after |\n|---|---|---|---|\n",
            c.changed.len()
        ));
        for r in &c.changed {
            for f in &r.fields {
                out.push_str(&format!(
                    "| {} `{}` | `{}` | {} | {} |\n",
                    r.kind,
                    r.id,
                    f.field,
                    short(&f.before),
                    short(&f.after)
                ));
            }
        }
        out.push('\n');
    }
    if !c.statuses.is_empty() {
        out.push_str(
            "### Statuses that change\n\n| treaty | party | before | after |\n|---|---|---|---|\n",
        );
        for s in &c.statuses {
            out.push_str(&format!(
                "| `{}` | {} | {} | {} |\n",
                s.treaty,
                s.party
                    .as_deref()
                    .map_or("(the treaty)".to_string(), |p| format!("`{p}`")),
                s.before,
                s.after
            ));
        }
        out.push('\n');
    }
    for (title, items) in [
        ("New findings", &c.findings_added),
        ("Findings that disappear", &c.findings_removed),
        ("New errors", &c.new_errors),
    ] {
        if !items.is_empty() {
            out.push_str(&format!("### {title} ({})\n\n", items.len()));
            for i in items {
                out.push_str(&format!("- {}\n", md(i)));
            }
            out.push('\n');
        }
    }
    out
}
