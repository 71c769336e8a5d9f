//! `treatywatch site`: the record as a static website.

use std::path::PathBuf;
use std::process::ExitCode;

use treatywatch_model::Date;

use super::{print, progress};
use crate::args::{DataArgs, date};

#[derive(clap::Args)]
pub(crate) struct Args {
    /// Where to write the site (a new or empty folder, or one written before).
    #[arg(long, default_value = "site")]
    out: PathBuf,
    /// The date the pages show statuses on. Default: the latest event in the data, never
    /// after today, as for `report`.
    #[arg(long, value_parser = date)]
    as_of: Option<Date>,
    /// Where the site is published (e.g. https://ORG.github.io/treatywatch/): pages carry
    /// their canonical URL and assessed claims their ClaimReview. Default: `site.base_url`
    /// in `treatywatch.toml` beside the data folder; without either, links are relative and
    /// no page has a ClaimReview.
    #[arg(long)]
    base_url: Option<String>,
    /// A folder of templates overriding the built-in ones, file by file.
    #[arg(long)]
    templates: Option<PathBuf>,
    #[command(flatten)]
    data: DataArgs,
}

pub(crate) fn run(args: Args) -> Result<ExitCode, String> {
    let started = std::time::Instant::now();
    progress("reading and validating the data…");
    args.data.refuse_inside(&args.out)?;
    let base_url = match args.base_url {
        Some(url) => Some(crate::settings::checked_base_url(&url, "--base-url")?),
        None => args.data.settings()?.site_base_url,
    };
    let super::Valid {
        data,
        outcome,
        today,
    } = match super::load_valid(&args.data, "site")? {
        Ok(loaded) => loaded,
        Err(code) => return Ok(code),
    };
    let as_of = (args.as_of).unwrap_or_else(|| treatywatch_reporting::default_as_of(&data, today));
    let options = treatywatch_reporting::site::SiteOptions {
        as_of,
        templates: args.templates,
        base_url: base_url.clone(),
    };
    let files =
        treatywatch_reporting::site::build(&data, &outcome, &options).map_err(|e| e.to_string())?;
    treatywatch_reporting::site::write(&args.out, &files).map_err(|e| e.to_string())?;
    let pages = files.iter().filter(|f| f.path.ends_with(".html")).count();
    print(&format!(
        "wrote the site to {} ({pages} pages, {} files; as of {as_of}) in {:.2} s\n",
        args.out.display(),
        files.len(),
        started.elapsed().as_secs_f64()
    ));
    match &base_url {
        Some(url) => print(&format!(
            "its canonical address is {url}; assessed claims carry their ClaimReview\n"
        )),
        None => eprintln!(
            "note: no base URL (--base-url, or site.base_url in treatywatch.toml beside the data folder): \
             links are relative and no page carries a ClaimReview, whose url must be absolute"
        ),
    }
    print(&format!(
        "to read it: python3 -m http.server -d {} and open http://localhost:8000/\n",
        args.out.display()
    ));
    Ok(ExitCode::SUCCESS)
}
