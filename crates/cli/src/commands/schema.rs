//! `treatywatch schema`: `schemas/*.schema.json` from the model, written or checked.

use std::path::PathBuf;
use std::process::ExitCode;

use treatywatch_model::RecordKind;
use treatywatch_validator::schema;

#[derive(clap::Args)]
pub(crate) struct Args {
    /// Fail (exit 1) when the files differ from the model instead of writing them.
    #[arg(long)]
    check: bool,
    /// The schemas folder.
    #[arg(long, default_value = "schemas")]
    dir: PathBuf,
}

pub(crate) fn run(args: Args) -> Result<ExitCode, String> {
    let files: Vec<(PathBuf, String)> = RecordKind::ALL
        .into_iter()
        .map(|kind| (args.dir.join(schema::file_name(kind)), schema::render(kind)))
        .collect();
    super::sync_generated(&files, args.check, "schemas", "treatywatch schema")
}
