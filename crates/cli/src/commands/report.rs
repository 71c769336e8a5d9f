//! `treatywatch report`: the briefing and the summaries, written or checked.

use std::path::PathBuf;
use std::process::ExitCode;

use treatywatch_model::Date;

use super::{print, progress};
use crate::args::{DataArgs, date};

#[derive(clap::Args)]
pub(crate) struct Args {
    /// Where to write the reports.
    #[arg(long, default_value = "reports")]
    out: PathBuf,
    /// The date of the briefing. Default: the latest event in the data, never after today —
    /// unlike `validate` and `status` (today), so that the committed reports change when the
    /// data does, not every day.
    #[arg(long, value_parser = date)]
    as_of: Option<Date>,
    /// A folder of templates overriding the built-in ones, file by file.
    #[arg(long)]
    templates: Option<PathBuf>,
    /// Check that the reports in --out are current instead of writing them (exit 1 if not).
    #[arg(long)]
    check: bool,
    #[command(flatten)]
    data: DataArgs,
}

pub(crate) fn run(args: Args) -> Result<ExitCode, String> {
    let started = std::time::Instant::now();
    progress("reading and validating the data…");
    args.data.refuse_inside(&args.out)?;
    let super::Valid {
        data,
        outcome,
        today,
    } = match super::load_valid(&args.data, "report")? {
        Ok(loaded) => loaded,
        Err(code) => return Ok(code),
    };
    let as_of = (args.as_of).unwrap_or_else(|| treatywatch_reporting::default_as_of(&data, today));
    let options = treatywatch_reporting::ReportOptions {
        as_of,
        templates: args.templates,
        base_url: args.data.settings()?.site_base_url,
    };
    let out = args.out;
    if args.check {
        // Only the text outputs are compared: they determine the PDF, which Typst does not
        // promise to typeset byte for byte alike on every machine, and which the light build
        // cannot make at all.
        let files = treatywatch_reporting::build_sources(&data, &outcome, &options)
            .map_err(|e| e.to_string())?;
        let stale = treatywatch_reporting::stale_files(&out, &files);
        if stale.is_empty() {
            print(&format!(
                "reports in {} are current (as of {as_of}; {} is made from {} and {} and not compared)\n",
                out.display(),
                treatywatch_reporting::BRIEFING_PDF,
                treatywatch_reporting::BRIEFING_TYP,
                treatywatch_reporting::BRIEFING_JSON,
            ));
            return Ok(ExitCode::SUCCESS);
        }
        for f in &stale {
            eprintln!("stale: {}", out.join(f).display());
        }
        eprintln!(
            "error: the reports are not current; run `treatywatch report --out {}`",
            out.display()
        );
        return Ok(ExitCode::from(1));
    }
    progress(&if treatywatch_reporting::PDF_SUPPORTED {
        format!("typesetting the briefing as of {as_of}…")
    } else {
        format!("writing the reports as of {as_of}…")
    });
    let files =
        treatywatch_reporting::build(&data, &outcome, &options).map_err(|e| e.to_string())?;
    treatywatch_reporting::write_all(&out, &files).map_err(|e| e.to_string())?;
    print(&format!(
        "wrote {} files to {} (as of {as_of}) in {:.2} s\n",
        files.len(),
        out.display(),
        started.elapsed().as_secs_f64()
    ));
    if !treatywatch_reporting::PDF_SUPPORTED {
        let typ = out.join(treatywatch_reporting::BRIEFING_TYP);
        let mut note = format!(
            "note: this treatywatch was built without the PDF (the light build). To get {pdf}: \
             `typst compile {typ}` (Typst 0.15), or install the full build: \
             `cargo install --locked --path crates/cli`.\n",
            pdf = treatywatch_reporting::BRIEFING_PDF,
            typ = typ.display(),
        );
        let old_pdf = out.join(treatywatch_reporting::BRIEFING_PDF);
        if old_pdf.exists() {
            note.push_str(&format!(
                "note: {} is left from an earlier run and may not match these reports.\n",
                old_pdf.display()
            ));
        }
        eprint!("{note}");
    }
    Ok(ExitCode::SUCCESS)
}
