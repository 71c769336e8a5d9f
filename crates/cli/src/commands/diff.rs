//! `treatywatch diff`: what a change to the data changes.

use super::*;

pub(crate) fn diff(
    base: &str,
    data_dir: &Path,
    as_of: Option<String>,
    format: crate::DiffFormat,
) -> Result<ExitCode, String> {
    let as_of = parse_as_of(as_of, today())?;
    let head = load(data_dir, Limits::default())?;
    let (old, _keep) = crate::diff::load_base(base, data_dir, Limits::default())?;
    let changes = treatywatch_reporting::diff::compare(base, &old, &head, as_of, today());
    let text = match format {
        crate::DiffFormat::Markdown => {
            treatywatch_reporting::diff::markdown(&changes, None).map_err(|e| format!("{e:#}"))?
        }
        crate::DiffFormat::Json => {
            serde_json::to_string_pretty(&changes).map_err(|e| e.to_string())? + "\n"
        }
    };
    print(&text);
    Ok(if changes.new_errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
