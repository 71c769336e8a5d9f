//! `treatywatch diff`: what a change to the data changes.

use std::process::ExitCode;

use treatywatch_model::Date;

use super::print;
use crate::args::{DataArgs, date};

#[derive(clap::Args)]
pub(crate) struct Args {
    /// The base: a data folder, or a git revision whose `--data` folder is read without a
    /// checkout (e.g. origin/main).
    #[arg(long)]
    base: String,
    /// The date statuses are compared on (default today, as `validate` and `status`: a pull
    /// request is judged as of now).
    #[arg(long, value_parser = date)]
    as_of: Option<Date>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Markdown)]
    format: Format,
    /// The data folder (and its path inside the git repository).
    #[command(flatten)]
    data: DataArgs,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Format {
    Markdown,
    Json,
}

pub(crate) fn run(args: Args) -> Result<ExitCode, String> {
    let today = Date::today();
    let as_of = args.as_of.unwrap_or(today);
    let head = args.data.load()?;
    let (old, _keep) =
        treatywatch_loader::revision::load_base(&args.base, &args.data.data, args.data.limits())?;
    let changes = treatywatch_reporting::diff::compare(&args.base, &old, &head, as_of, today);
    let text = match args.format {
        Format::Markdown => {
            treatywatch_reporting::diff::markdown(&changes, None).map_err(|e| format!("{e:#}"))?
        }
        Format::Json => serde_json::to_string_pretty(&changes).map_err(|e| e.to_string())? + "\n",
    };
    print(&text);
    Ok(if changes.new_errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
