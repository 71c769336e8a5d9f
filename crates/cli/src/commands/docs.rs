//! `treatywatch docs`: the generated parts of `docs/`, written or checked.

use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub(crate) struct Args {
    /// Fail (exit 1) when the files differ from the code instead of writing them.
    #[arg(long)]
    check: bool,
    /// The docs folder.
    #[arg(long, default_value = "docs")]
    dir: PathBuf,
}

/// `docs/rules.md` and `docs/export.md` are generated whole; `docs/data-model.md` is written
/// by hand but for its field tables, which are filled between their markers.
pub(crate) fn run(args: Args) -> Result<ExitCode, String> {
    let model_path = args.dir.join("data-model.md");
    let model = std::fs::read_to_string(&model_path)
        .map_err(|e| format!("cannot read {}: {e}", model_path.display()))?;
    let filled = treatywatch_validator::docs::fill_field_tables(&model)
        .map_err(|e| format!("{}: {e}", model_path.display()))?;
    let files = vec![
        (
            args.dir.join("rules.md"),
            treatywatch_validator::docs::rules_markdown(),
        ),
        (model_path, filled),
        (
            args.dir.join("export.md"),
            treatywatch_reporting::export::tables_markdown(),
        ),
    ];
    super::sync_generated(&files, args.check, "docs", "treatywatch docs")
}
