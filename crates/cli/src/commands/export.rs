//! `treatywatch export`: the record as CSV tables with a Frictionless Data Package, and the
//! verdicts as schema.org ClaimReview.

use std::path::PathBuf;
use std::process::ExitCode;

use treatywatch_model::Date;
use treatywatch_validator::Options;

use super::print;
use crate::args::{DataArgs, date};

#[derive(clap::Args)]
pub(crate) struct Args {
    /// Where to write the export.
    #[arg(long, default_value = "export")]
    out: PathBuf,
    /// The date statuses are computed for. Default: the latest event in the data, never after
    /// today, as for `report` (and unlike `validate` and `status`, today): the committed
    /// export changes when the data does, not every day.
    #[arg(long, value_parser = date)]
    as_of: Option<Date>,
    /// Where the site (`treatywatch site`) is published: each ClaimReview is about its
    /// claim's page there. Default: `site.base_url` in `treatywatch.toml` beside the data
    /// folder; without either, claimreview.jsonld holds no review (a review's url must be
    /// absolute).
    #[arg(long)]
    base_url: Option<String>,
    #[command(flatten)]
    data: DataArgs,
}

pub(crate) fn run(args: Args) -> Result<ExitCode, String> {
    let started = std::time::Instant::now();
    args.data.refuse_inside(&args.out)?;
    let data = args.data.load()?;
    // Checked as of today: `future-date` is about today, whatever date the export is for.
    let today = Date::today();
    let outcome = treatywatch_validator::validate(&data, &Options { as_of: today });
    if outcome.has_errors() {
        eprintln!("error: the data has errors; nothing was exported (run `treatywatch validate`)");
        return Ok(ExitCode::from(1));
    }
    let as_of = (args.as_of).unwrap_or_else(|| treatywatch_reporting::default_as_of(&data, today));
    let base_url = match &args.base_url {
        Some(url) => Some(crate::settings::checked_base_url(url, "--base-url")?),
        None => args.data.settings()?.site_base_url,
    };
    if base_url.is_none() {
        eprintln!(
            "note: no base URL (--base-url, or site.base_url in treatywatch.toml): claimreview.jsonld holds no review"
        );
    }
    let options = treatywatch_reporting::export::ExportOptions { as_of, base_url };
    let files = treatywatch_reporting::export::export(&data, &outcome, &options)?;
    for f in &files {
        let path = args.out.join(&f.path);
        treatywatch_reporting::write_atomic(&path, &f.bytes)
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    print(&format!(
        "wrote {} files to {} (as of {as_of}) in {:.2} s\n",
        files.len(),
        args.out.display(),
        started.elapsed().as_secs_f64()
    ));
    Ok(ExitCode::SUCCESS)
}
