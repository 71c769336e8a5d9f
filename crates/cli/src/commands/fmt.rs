//! `treatywatch fmt`: rewrites data files in the canonical layout, or checks them.

use super::*;

pub(crate) fn fmt(data_dir: &Path, check: bool) -> Result<ExitCode, String> {
    let data = load(data_dir, Limits::default())?;
    let mut changed = Vec::new();
    for (index, file) in data.files.iter().enumerate() {
        let Some(kind) = file.kind else { continue };
        let yaml = file.path.ends_with(".yaml") || file.path.ends_with(".yml");
        let unreadable = data.problems.iter().any(|p| {
            p.file == index
                && matches!(
                    p.kind,
                    ProblemKind::Syntax | ProblemKind::DuplicateKey | ProblemKind::Unreadable
                )
        });
        if !yaml || unreadable {
            if unreadable {
                eprintln!(
                    "skipped {}: fix its parse errors first (`treatywatch validate`)",
                    file.path
                );
            }
            continue;
        }
        let order = kind.field_order();
        let order: Vec<&str> = order.iter().map(String::as_str).collect();
        let records: Vec<&treatywatch_loader::Node> = data
            .records
            .iter()
            .filter(|r| r.file == index)
            .map(|r| &r.node)
            .collect();
        let formatted = treatywatch_loader::format::format_file(&file.text, &records, &order);
        if formatted != file.text {
            changed.push(file.path.clone());
            if !check {
                treatywatch_reporting::write_atomic(Path::new(&file.path), formatted.as_bytes())
                    .map_err(|e| format!("cannot write {}: {e}", file.path))?;
            }
        }
    }
    for path in &changed {
        println!(
            "{}{path}",
            if check {
                "would reformat "
            } else {
                "reformatted "
            }
        );
    }
    if check && !changed.is_empty() {
        eprintln!(
            "error: {} file(s) not in the canonical layout; run `treatywatch fmt`",
            changed.len()
        );
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}
