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
