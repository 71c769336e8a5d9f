//! One module per command: its arguments and its `run`, which returns the exit code, or a
//! message for exit 2 (the command could not run). What they share is here: printing.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

pub(crate) mod diff;
pub(crate) mod docs;
pub(crate) mod explain;
pub(crate) mod export;
pub(crate) mod fix;
pub(crate) mod fmt;
pub(crate) mod import;
pub(crate) mod lsp;
pub(crate) mod new;
pub(crate) mod report;
pub(crate) mod rules;
pub(crate) mod schema;
pub(crate) mod site;
pub(crate) mod status;
pub(crate) mod validate;
pub(crate) mod watch;

/// A line on stderr for a person watching a terminal; nothing in pipelines and logs.
pub(crate) fn progress(message: &str) {
    if std::io::stderr().is_terminal() {
        eprintln!("{message}");
    }
}

/// Colour only on a terminal, and never when NO_COLOR is set.
pub(crate) fn use_color() -> bool {
    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

pub(crate) fn print(text: &str) {
    let mut out = std::io::stdout().lock();
    // A closed pipe (`| head`) is not an error worth a message.
    let _ = out.write_all(text.as_bytes());
    let _ = out.flush();
}

/// A data folder with no error, its validation, and the day it was checked on.
pub(crate) struct Valid {
    pub(crate) data: treatywatch_loader::Dataset,
    pub(crate) outcome: treatywatch_validator::Outcome,
    pub(crate) today: treatywatch_model::Date,
}

/// The data folder loaded and validated as of today (`future-date` is about today, whatever
/// date the output is for), for a command that writes `what` from it: `Err(exit 1)` after
/// printing the errors when the data has any, since nothing is written from wrong data.
pub(crate) fn load_valid(
    data: &crate::args::DataArgs,
    what: &str,
) -> Result<Result<Valid, ExitCode>, String> {
    use treatywatch_loader::Severity;
    let dataset = data.load()?;
    let today = treatywatch_model::Date::today();
    let options = treatywatch_validator::Options { as_of: today };
    let outcome = treatywatch_validator::validate(&dataset, &options);
    if !outcome.has_errors() {
        return Ok(Ok(Valid {
            data: dataset,
            outcome,
            today,
        }));
    }
    let summary = outcome.summary(&dataset);
    let errors: Vec<_> = outcome
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .cloned()
        .collect();
    let shown = treatywatch_validator::render::human::render(&dataset, &errors, &summary, false);
    eprint!("{shown}");
    eprintln!("error: the data has errors; no {what} was written (run `treatywatch validate`)");
    Ok(Err(ExitCode::from(1)))
}

/// Writes generated files that differ from what the code generates (atomically), or with
/// `check` lists them and fails: `what` names them, `command` regenerates them.
pub(crate) fn sync_generated(
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
