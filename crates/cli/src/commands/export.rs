//! `treatywatch export`: the record as CSV tables with a Frictionless Data Package, and the
//! verdicts as schema.org ClaimReview.

use super::*;

pub(crate) fn export(
    data_dir: PathBuf,
    out: PathBuf,
    as_of: Option<String>,
    base_url: String,
    limits: Limits,
) -> Result<ExitCode, String> {
    let started = std::time::Instant::now();
    let data = load(&data_dir, limits)?;
    let outcome = treatywatch_validator::validate(&data, &Options { as_of: today() });
    if outcome.has_errors() {
        eprintln!("error: the data has errors; nothing was exported (run `treatywatch validate`)");
        return Ok(ExitCode::from(1));
    }
    let as_of = parse_as_of(as_of, report::default_as_of(&data, today()))?;
    let options = treatywatch_reporting::export::ExportOptions { as_of, base_url };
    let files = treatywatch_reporting::export::export(&data, &outcome, &options)?;
    for f in &files {
        treatywatch_reporting::write_atomic(&out.join(&f.path), &f.bytes)
            .map_err(|e| format!("cannot write {}: {e}", out.join(&f.path).display()))?;
    }
    print(&format!(
        "wrote {} files to {} (as of {as_of}) in {:.2} s\n",
        files.len(),
        out.display(),
        started.elapsed().as_secs_f64()
    ));
    Ok(ExitCode::SUCCESS)
}
