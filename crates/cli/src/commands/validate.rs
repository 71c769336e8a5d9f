//! `treatywatch validate`: load, check, print in the chosen format, and the exit code.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use treatywatch_loader::Severity;
use treatywatch_model::{Date, RuleName};
use treatywatch_validator::{Batching, Options, Outcome, render};

use super::{print, use_color};
use crate::args::{DataArgs, date};

#[derive(clap::Args)]
pub(crate) struct Args {
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// The date "now" (YYYY-MM-DD; default today): nothing may be dated after it.
    #[arg(long, value_parser = date)]
    as_of: Option<Date>,
    /// Exit 1 on warnings too.
    #[arg(long)]
    deny_warnings: bool,
    /// Also list warnings and notes silenced by `allow`, with their reasons.
    #[arg(long)]
    show_allowed: bool,
    /// Keep each claim file's results in DIR (`validate.cache`) and reuse them while the
    /// file, the build of the rules, the limits and every file other than claim files are
    /// unchanged (--as-of may change). The output is the same as without it.
    #[arg(long, value_name = "DIR")]
    cache: Option<PathBuf>,
    /// Read claim files in batches of at most this many bytes (at least one file each;
    /// 0: all at once). Bounds the memory; the output is the same for every size.
    #[arg(long, value_name = "BYTES", default_value_t = Batching::DEFAULT.max_bytes.unwrap_or(0))]
    batch_bytes: u64,
    /// First apply the unambiguous fixes: the id a "did you mean" hint names, and the
    /// canonical layout (never a placeholder, never a renamed file); then validate.
    #[arg(long)]
    fix: bool,
    /// Check, then check again on every save (until interrupted), re-reading only what changed.
    #[arg(long, conflicts_with_all = ["fix", "cache"])]
    watch: bool,
    #[command(flatten)]
    data: DataArgs,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Format {
    Human,
    Json,
    Github,
    Sarif,
}

/// The process's peak resident memory so far (Linux: `VmHWM`), for the timings line.
fn peak_memory_mib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024)
}

pub(crate) fn run(args: Args) -> Result<ExitCode, String> {
    let as_of = args.as_of.unwrap_or_else(Date::today);
    if args.watch {
        super::watch::run(&args.data, Options { as_of })?;
        return Ok(ExitCode::SUCCESS);
    }
    if args.fix {
        let changes = super::fix::apply(&args.data, as_of)?;
        for change in &changes {
            eprintln!("fixed: {change}");
        }
        eprintln!("fixed {} thing(s); validating the result", changes.len());
    }
    let started = Instant::now();
    let listing = args.data.list()?;
    let limits = args.data.limits();
    let mut checked = treatywatch_validator::validate_listing(
        &listing,
        limits,
        &Options { as_of },
        Batching::of_bytes(args.batch_bytes),
        args.cache.as_deref(),
    );
    if matches!(args.format, Format::Human) {
        checked.read_texts(&listing, limits);
    }
    for note in &checked.notes {
        eprintln!("note: {note}");
    }
    let validated = started.elapsed();
    let (data, outcome, timings) = (checked.data, checked.outcome, checked.timings);
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
        let mut slowest = timings.rules;
        slowest.sort_by_key(|t| std::cmp::Reverse(t.1));
        let top: Vec<String> = slowest
            .iter()
            .take(4)
            .map(|(name, took)| format!("{name} {:.3}s", took.as_secs_f64()))
            .collect();
        let total: f64 = slowest.iter().map(|(_, took)| took.as_secs_f64()).sum();
        eprintln!(
            "timings: other files read {:.3}s, checked {:.3}s · claim files {:.3}s in {} batches, {} files from the cache · end {:.3}s · rules {total:.3}s on all cores (slowest: {}) · render {:.3}s · {} records in {} files · peak memory {} MiB",
            timings.others_read.as_secs_f64(),
            timings.others_checked.as_secs_f64(),
            timings.claims.as_secs_f64(),
            timings.batches,
            timings.cached_files,
            timings.finish.as_secs_f64(),
            top.join(", "),
            (started.elapsed() - validated).as_secs_f64(),
            summary.records,
            summary.files,
            peak_memory_mib().map_or("?".into(), |m| m.to_string()),
        );
    }
    let code = exit_code(&outcome, args.deny_warnings);
    // The process ends here: freeing millions of values one by one would only delay the exit
    // (a second at a million records); the operating system takes the memory back at once.
    std::mem::forget(outcome);
    std::mem::forget(data);
    Ok(code)
}

fn exit_code(outcome: &Outcome, deny_warnings: bool) -> ExitCode {
    // A file that could not be read (its problem is always reported: errors are never
    // silenced) means the data was not checked whole.
    if outcome
        .diagnostics
        .iter()
        .any(|d| d.rule == RuleName::UnreadableFile)
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
