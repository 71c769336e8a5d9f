//! `treatywatch fmt`: data files in the canonical layout (`treatywatch_loader::format`),
//! written or checked.

use std::path::Path;
use std::process::ExitCode;

use crate::args::DataArgs;

#[derive(clap::Args)]
pub(crate) struct Args {
    /// Change nothing; exit 1 if a file is not in the canonical layout.
    #[arg(long)]
    check: bool,
    #[command(flatten)]
    data: DataArgs,
}

pub(crate) fn run(args: Args) -> Result<ExitCode, String> {
    let data = args.data.load()?;
    let layout = treatywatch_loader::format::layout(&data);
    for &index in &layout.skipped {
        eprintln!(
            "skipped {}: fix its parse errors first (`treatywatch validate`)",
            data.files[index].path
        );
    }
    for (index, text) in &layout.changed {
        let path = &data.files[*index].path;
        if args.check {
            println!("would reformat {path}");
        } else {
            treatywatch_reporting::write_atomic(Path::new(path), text.as_bytes())
                .map_err(|e| format!("cannot write {path}: {e}"))?;
            println!("reformatted {path}");
        }
    }
    if args.check && !layout.changed.is_empty() {
        eprintln!(
            "error: {} file(s) not in the canonical layout; run `treatywatch fmt`",
            layout.changed.len()
        );
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}
