//! `treatywatch report`: the briefing and the summaries, written or checked.

use super::*;

/// A briefing's date when none is given: the latest event recorded in the data, so that the
/// same data always gives the same bytes — but never after today, so that a scheduled expiry
/// recorded ahead of time does not date a briefing in the future.
pub(super) fn default_as_of(data: &Dataset, today: Date) -> Date {
    let latest = treatywatch_reporting::latest_event(data);
    if latest.first_day() > today.last_day() {
        today
    } else {
        latest
    }
}

pub(crate) fn report(
    data_dir: PathBuf,
    out: PathBuf,
    as_of: Option<String>,
    templates: Option<PathBuf>,
    check: bool,
    limits: Limits,
) -> Result<ExitCode, String> {
    let started = std::time::Instant::now();
    progress("reading and validating the data…");
    let data = load(&data_dir, limits)?;
    let outcome = treatywatch_validator::validate(&data, &Options { as_of: today() });
    if outcome.has_errors() {
        let summary = outcome.summary(&data);
        let errors: Vec<_> = outcome
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .cloned()
            .collect();
        eprint!("{}", render::human::render(&data, &errors, &summary, false));
        eprintln!("error: the data has errors; no report was written (run `treatywatch validate`)");
        return Ok(ExitCode::from(1));
    }
    let as_of = parse_as_of(as_of, default_as_of(&data, today()))?;
    let options = treatywatch_reporting::ReportOptions { as_of, templates };
    if check {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn dataset(treaty: &str) -> (tempfile::TempDir, Dataset) {
        let dir = tempfile::tempdir().expect("a scratch folder");
        std::fs::create_dir_all(dir.path().join("treaties")).expect("a kind folder");
        std::fs::write(dir.path().join("treaties/t.yaml"), treaty).expect("a treaty file");
        let data = treatywatch_loader::load(dir.path(), Limits::default()).expect("loads");
        (dir, data)
    }

    const TREATY: &str = "id: t\nname: T\nshort_name: T\nkind: bilateral\nopened: 2010-04-08\nparties:\n  - actor: usa\n    actions: [{action: signature, date: 2010-04-08}]\n";

    #[test]
    fn the_default_briefing_date_is_the_latest_event_but_never_after_today() {
        let today = Date::parse("2026-11-28").expect("a date");
        let (_dir, data) = dataset(TREATY);
        assert_eq!(default_as_of(&data, today).to_string(), "2010-04-08");
        let scheduled = format!("{TREATY}end: {{date: 2099-02-05, reason: expiry}}\n");
        let (_dir, data) = dataset(&scheduled);
        assert_eq!(
            treatywatch_reporting::latest_event(&data).to_string(),
            "2099-02-05"
        );
        assert_eq!(default_as_of(&data, today), today);
    }
}
