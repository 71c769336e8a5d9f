//! `treatywatch status`: one treaty on one date.

use super::*;

pub(crate) fn status(
    data_dir: &Path,
    treaty_id: &str,
    as_of: Option<String>,
    json: bool,
) -> Result<ExitCode, String> {
    let on = parse_as_of(as_of, today())?;
    let data = load(data_dir, Limits::default())?;
    let index = data.index();
    let Some(treaty) = index.treaty(treaty_id) else {
        // A treaty whose record is there but does not fit the model (an impossible date, a
        // misspelt field) is not "missing": say where it is and what to run.
        if let Some(record) = data.records.iter().find(|r| {
            r.kind == RecordKind::Treaty && r.id() == Some(treaty_id) && r.record.is_none()
        }) {
            return Err(format!(
                "the treaty `{}` in {} has errors, so its status cannot be computed; run `treatywatch validate` to see them",
                printable(treaty_id),
                data.files[record.file].path
            ));
        }
        let known: Vec<String> = index
            .treaties()
            .map(|(_, t)| printable(t.id.as_str()))
            .collect();
        return Err(format!(
            "no treaty `{}` in {} (known: {})",
            printable(treaty_id),
            data_dir.display(),
            known.join(", ")
        ));
    };
    let view = treatywatch_reporting::status::status_view(&data.index(), treaty, on);
    let text = if json {
        serde_json::to_string_pretty(&view).map_err(|e| e.to_string())? + "\n"
    } else {
        view.to_text()
    };
    print(&text);
    Ok(ExitCode::SUCCESS)
}
