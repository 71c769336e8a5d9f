//! `treatywatch status`: one treaty on one date.

use std::process::ExitCode;

use treatywatch_model::{Date, RecordKind};
use treatywatch_validator::render::printable;

use super::print;
use crate::args::{DataArgs, date};

#[derive(clap::Args)]
pub(crate) struct Args {
    /// The treaty's id (e.g. inf).
    treaty: String,
    /// The date (YYYY-MM-DD, YYYY-MM or YYYY; default today).
    #[arg(long, value_parser = date)]
    as_of: Option<Date>,
    /// `text` (a table) or `json` (the same facts, for programs).
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    #[command(flatten)]
    data: DataArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    Text,
    Json,
}

pub(crate) fn run(args: Args) -> Result<ExitCode, String> {
    let on = args.as_of.unwrap_or_else(Date::today);
    let treaty_id = args.treaty.as_str();
    let data = args.data.load()?;
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
            args.data.data.display(),
            known.join(", ")
        ));
    };
    let view = treatywatch_reporting::status::status_view(&index, treaty, on);
    let text = match args.format {
        Format::Json => serde_json::to_string_pretty(&view).map_err(|e| e.to_string())? + "\n",
        Format::Text => view.to_text(),
    };
    print(&text);
    Ok(ExitCode::SUCCESS)
}
