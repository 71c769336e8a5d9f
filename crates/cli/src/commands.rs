//! One function per command. Each returns the exit code, or a message for exit 2.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Instant, SystemTime, UNIX_EPOCH};
use treatywatch_validator::render::printable;

use treatywatch_loader::{Dataset, Limits, ProblemKind, Severity};
use treatywatch_model::{Date, RecordKind};
use treatywatch_validator::{Options, Outcome, render, schema};

use crate::Format;

/// Today's date (UTC).
fn today() -> Date {
    let days = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() / 86_400);
    Date::from_day_number(i64::try_from(days).unwrap_or(0)).unwrap_or(Date::EPOCH)
}

fn parse_as_of(text: Option<String>, default: Date) -> Result<Date, String> {
    match text {
        None => Ok(default),
        Some(t) => Date::parse(&t).map_err(|e| format!("--as-of: {e}")),
    }
}

fn load(data: &Path, limits: Limits) -> Result<Dataset, String> {
    treatywatch_loader::load(data, limits).map_err(|e| e.to_string())
}

/// A line on stderr for a person watching a terminal; nothing in pipelines and logs.
fn progress(message: &str) {
    if std::io::stderr().is_terminal() {
        eprintln!("{message}");
    }
}

/// Colour only on a terminal, and never when NO_COLOR is set.
fn use_color() -> bool {
    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

fn print(text: &str) {
    let mut out = std::io::stdout().lock();
    // A closed pipe (`| head`) is not an error worth a message.
    let _ = out.write_all(text.as_bytes());
    let _ = out.flush();
}

pub(crate) struct ValidateArgs {
    pub data: PathBuf,
    pub format: Format,
    pub as_of: Option<String>,
    pub deny_warnings: bool,
    pub show_allowed: bool,
    pub limits: Limits,
}

/// The process's peak resident memory so far (Linux: `VmHWM`), for the timings line.
fn peak_memory_mib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024)
}

pub(crate) fn validate(args: ValidateArgs) -> Result<ExitCode, String> {
    let as_of = parse_as_of(args.as_of, today())?;
    let started = Instant::now();
    let data = load(&args.data, args.limits)?;
    let loaded = started.elapsed();
    let peak_after_load = peak_memory_mib();
    let (outcome, rule_timings) = treatywatch_validator::validate_timed(&data, &Options { as_of });
    let validated = started.elapsed();
    let summary = outcome.summary(&data);
    let text = match args.format {
        Format::Human => {
            let mut text =
                render::human::render(&data, &outcome.diagnostics, &summary, use_color());
            if args.show_allowed {
                text.push_str(&render::human::render_allowed(&data, &outcome.allowed));
            }
            text
        }
        Format::Json => render::json::render(&data, &outcome.diagnostics, &summary),
        Format::Github => render::github::render(&data, &outcome.diagnostics, &summary),
        Format::Sarif => render::sarif::render(&data, &outcome.diagnostics),
    };
    print(&text);
    if std::env::var_os("TREATYWATCH_TIMINGS").is_some() {
        // Where the time goes, for BENCHMARKS.md (stderr, so the output stays clean).
        let mut slowest = rule_timings;
        slowest.sort_by_key(|t| std::cmp::Reverse(t.1));
        let top: Vec<String> = slowest
            .iter()
            .take(4)
            .map(|(name, took)| format!("{name} {:.3}s", took.as_secs_f64()))
            .collect();
        eprintln!(
            "timings: load {:.3}s · rules {:.3}s (slowest: {}) · render {:.3}s · {} records in {} files · peak memory {} MiB after load, {} MiB at the end",
            loaded.as_secs_f64(),
            (validated - loaded).as_secs_f64(),
            top.join(", "),
            (started.elapsed() - validated).as_secs_f64(),
            summary.records,
            summary.files,
            peak_after_load.map_or("?".into(), |m| m.to_string()),
            peak_memory_mib().map_or("?".into(), |m| m.to_string()),
        );
    }
    let code = exit_code(&data, &outcome, args.deny_warnings);
    // The process ends here: freeing millions of values one by one would only delay the exit
    // (a second at a million records); the operating system takes the memory back at once.
    std::mem::forget(outcome);
    std::mem::forget(data);
    Ok(code)
}

fn exit_code(data: &Dataset, outcome: &Outcome, deny_warnings: bool) -> ExitCode {
    if data
        .problems
        .iter()
        .any(|p| p.kind == ProblemKind::Unreadable)
    {
        return ExitCode::from(2);
    }
    let warnings = outcome
        .diagnostics
        .iter()
        .any(|d| d.severity == Severity::Warning);
    if outcome.has_errors() || (deny_warnings && warnings) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// A briefing's date when none is given: the latest event recorded in the data, so that the
/// same data always gives the same bytes — but never after today, so that a scheduled expiry
/// recorded ahead of time does not date a briefing in the future.
fn default_as_of(data: &Dataset, today: Date) -> Date {
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

pub(crate) fn status(
    data_dir: &Path,
    treaty_id: &str,
    as_of: Option<String>,
    json: bool,
) -> Result<ExitCode, String> {
    let on = parse_as_of(as_of, today())?;
    let data = load(data_dir, Limits::default())?;
    let index = data.index();
    let Some(treaty) = index.treaty(treaty_id) else {
        let known: Vec<String> = index
            .treaties()
            .map(|(_, t)| printable(t.id.as_str()))
            .collect();
        return Err(format!(
            "no treaty `{}` in {} (known: {})",
            printable(treaty_id),
            data_dir.display(),
            known.join(", ")
        ));
    };
    let view = treatywatch_reporting::status::status_view(&data.index(), treaty, on);
    let text = if json {
        serde_json::to_string_pretty(&view).map_err(|e| e.to_string())? + "\n"
    } else {
        view.to_text()
    };
    print(&text);
    Ok(ExitCode::SUCCESS)
}

pub(crate) fn diff(
    base: &str,
    data_dir: &Path,
    as_of: Option<String>,
    format: crate::DiffFormat,
) -> Result<ExitCode, String> {
    let as_of = parse_as_of(as_of, today())?;
    let head = load(data_dir, Limits::default())?;
    let (old, _keep) = crate::diff::load_base(base, data_dir, Limits::default())?;
    let changes = crate::diff::compare(base, &old, &head, as_of, today());
    let text = match format {
        crate::DiffFormat::Markdown => crate::diff::markdown(&changes),
        crate::DiffFormat::Json => {
            serde_json::to_string_pretty(&changes).map_err(|e| e.to_string())? + "\n"
        }
    };
    print(&text);
    Ok(if changes.new_errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

pub(crate) fn fmt(data_dir: &Path, check: bool) -> Result<ExitCode, String> {
    let data = load(data_dir, Limits::default())?;
    let mut changed = Vec::new();
    for (index, file) in data.files.iter().enumerate() {
        let Some(kind) = file.kind else { continue };
        let yaml = file.path.ends_with(".yaml") || file.path.ends_with(".yml");
        let unreadable = data.problems.iter().any(|p| {
            p.file == index
                && matches!(
                    p.kind,
                    ProblemKind::Syntax | ProblemKind::DuplicateKey | ProblemKind::Unreadable
                )
        });
        if !yaml || unreadable {
            if unreadable {
                eprintln!(
                    "skipped {}: fix its parse errors first (`treatywatch validate`)",
                    file.path
                );
            }
            continue;
        }
        let order: Vec<String> = schema::generate(kind)["properties"]
            .as_object()
            .map(|p| p.keys().cloned().collect())
            .unwrap_or_default();
        let order: Vec<&str> = order.iter().map(String::as_str).collect();
        let records: Vec<&treatywatch_loader::Node> = data
            .records
            .iter()
            .filter(|r| r.file == index)
            .map(|r| &r.node)
            .collect();
        let formatted = treatywatch_loader::format::format_file(&file.text, &records, &order);
        if formatted != file.text {
            changed.push(file.path.clone());
            if !check {
                treatywatch_reporting::write_atomic(Path::new(&file.path), formatted.as_bytes())
                    .map_err(|e| format!("cannot write {}: {e}", file.path))?;
            }
        }
    }
    for path in &changed {
        println!(
            "{}{path}",
            if check {
                "would reformat "
            } else {
                "reformatted "
            }
        );
    }
    if check && !changed.is_empty() {
        eprintln!(
            "error: {} file(s) not in the canonical layout; run `treatywatch fmt`",
            changed.len()
        );
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

pub(crate) fn rules(markdown: bool) -> Result<ExitCode, String> {
    if markdown {
        print(&treatywatch_validator::docs::rules_markdown());
        return Ok(ExitCode::SUCCESS);
    }
    let mut text = String::new();
    let width = treatywatch_validator::RULES
        .iter()
        .map(|r| r.name.len())
        .max()
        .unwrap_or(0);
    for rule in treatywatch_validator::RULES {
        text.push_str(&format!(
            "{:<width$}  {:<7}  {}\n",
            rule.name,
            rule.severity.as_str(),
            rule.summary
        ));
    }
    print(&text);
    Ok(ExitCode::SUCCESS)
}

pub(crate) fn explain(name: &str) -> Result<ExitCode, String> {
    let Some(rule) = treatywatch_validator::find_rule(name) else {
        let names: Vec<&str> = treatywatch_validator::RULES
            .iter()
            .map(|r| r.name)
            .collect();
        return Err(format!(
            "no rule `{name}`; the rules are: {}",
            names.join(", ")
        ));
    };
    print(&format!(
        "# {} ({})\n\n{}\n\n{}",
        rule.name,
        rule.severity.as_str(),
        rule.summary,
        rule.docs
    ));
    Ok(ExitCode::SUCCESS)
}

/// `docs/rules.md` is generated whole; `docs/data-model.md` is written by hand but for its
/// field tables, which are filled between their markers.
pub(crate) fn docs(dir: &Path, check: bool) -> Result<ExitCode, String> {
    let model_path = dir.join("data-model.md");
    let model = std::fs::read_to_string(&model_path)
        .map_err(|e| format!("cannot read {}: {e}", model_path.display()))?;
    let filled = treatywatch_validator::docs::fill_field_tables(&model)
        .map_err(|e| format!("{}: {e}", model_path.display()))?;
    let files = vec![
        (
            dir.join("rules.md"),
            treatywatch_validator::docs::rules_markdown(),
        ),
        (model_path, filled),
    ];
    sync_generated(&files, check, "docs", "treatywatch docs")
}

pub(crate) fn schema(dir: &Path, check: bool) -> Result<ExitCode, String> {
    let files: Vec<(PathBuf, String)> = RecordKind::ALL
        .into_iter()
        .map(|kind| (dir.join(schema::file_name(kind)), schema::render(kind)))
        .collect();
    sync_generated(&files, check, "schemas", "treatywatch schema")
}

/// Writes generated files that differ from what the code generates (atomically), or with
/// `check` lists them and fails: `what` names them, `command` regenerates them.
fn sync_generated(
    files: &[(PathBuf, String)],
    check: bool,
    what: &str,
    command: &str,
) -> Result<ExitCode, String> {
    let mut stale = Vec::new();
    for (path, expected) in files {
        if std::fs::read_to_string(path).ok().as_deref() == Some(expected.as_str()) {
            continue;
        }
        if check {
            stale.push(path.display().to_string());
        } else {
            treatywatch_reporting::write_atomic(path, expected.as_bytes())
                .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        }
    }
    if !stale.is_empty() {
        for s in &stale {
            eprintln!("out of date: {s}");
        }
        eprintln!("error: the {what} differ from the code; run `{command}` and commit them");
        return Ok(ExitCode::from(1));
    }
    print(&if check {
        format!("{what} are current\n")
    } else {
        format!("wrote {what}\n")
    });
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
