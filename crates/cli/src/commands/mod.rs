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
