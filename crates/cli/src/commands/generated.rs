//! `treatywatch docs` and `treatywatch schema`: files generated from the code.

use super::*;

/// `docs/rules.md` and `docs/export.md` are generated whole; `docs/data-model.md` is written
/// by hand but for its field tables, which are filled between their markers.
pub(crate) fn docs(dir: &Path, check: bool) -> Result<ExitCode, String> {
    let model_path = dir.join("data-model.md");
    let model = std::fs::read_to_string(&model_path)
        .map_err(|e| format!("cannot read {}: {e}", model_path.display()))?;
    let filled = treatywatch_validator::docs::fill_field_tables(&model)
        .map_err(|e| format!("{}: {e}", model_path.display()))?;
    let files = vec![
        (
            dir.join("rules.md"),
            treatywatch_validator::docs::rules_markdown(),
        ),
        (model_path, filled),
        (
            dir.join("export.md"),
            treatywatch_reporting::export::tables_markdown(),
        ),
    ];
    sync_generated(&files, check, "docs", "treatywatch docs")
}

pub(crate) fn schema(dir: &Path, check: bool) -> Result<ExitCode, String> {
    let files: Vec<(PathBuf, String)> = RecordKind::ALL
        .into_iter()
        .map(|kind| (dir.join(schema::file_name(kind)), schema::render(kind)))
        .collect();
    sync_generated(&files, check, "schemas", "treatywatch schema")
}

/// Writes generated files that differ from what the code generates (atomically), or with
/// `check` lists them and fails: `what` names them, `command` regenerates them.
fn sync_generated(
    files: &[(PathBuf, String)],
    check: bool,
    what: &str,
    command: &str,
) -> Result<ExitCode, String> {
    let mut stale = Vec::new();
    for (path, expected) in files {
        if std::fs::read_to_string(path).ok().as_deref() == Some(expected.as_str()) {
            continue;
        }
        if check {
            stale.push(path.display().to_string());
        } else {
            treatywatch_reporting::write_atomic(path, expected.as_bytes())
                .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        }
    }
    if !stale.is_empty() {
        for s in &stale {
            eprintln!("out of date: {s}");
        }
        eprintln!("error: the {what} differ from the code; run `{command}` and commit them");
        return Ok(ExitCode::from(1));
    }
    print(&if check {
        format!("{what} are current\n")
    } else {
        format!("wrote {what}\n")
    });
    Ok(ExitCode::SUCCESS)
}
