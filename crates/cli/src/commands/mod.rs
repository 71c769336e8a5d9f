//! One module per command; each command returns the exit code, or a message for exit 2.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use treatywatch_loader::{Dataset, Limits, ProblemKind, Severity};
use treatywatch_model::{Date, RecordKind};
use treatywatch_validator::render::printable;
use treatywatch_validator::{Options, Outcome, render, schema};

use crate::Format;

mod diff;
mod export;
mod fmt;
mod generated;
mod import;
mod report;
mod rules;
mod status;
mod validate;

pub(crate) use diff::diff;
pub(crate) use export::export;
pub(crate) use fmt::fmt;
pub(crate) use generated::{docs, schema};
pub(crate) use import::{DepositaryArgs, depositary};
pub(crate) use report::report;
pub(crate) use rules::{explain, rules};
pub(crate) use status::status;
pub(crate) use validate::{ValidateArgs, validate};

/// Today's date (UTC).
pub(super) fn today() -> Date {
    let days = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() / 86_400);
    Date::from_day_number(i64::try_from(days).unwrap_or(0)).unwrap_or(Date::EPOCH)
}

pub(super) fn parse_as_of(text: Option<String>, default: Date) -> Result<Date, String> {
    match text {
        None => Ok(default),
        Some(t) => Date::parse(&t).map_err(|e| format!("--as-of: {e}")),
    }
}

pub(super) fn load(data: &Path, limits: Limits) -> Result<Dataset, String> {
    treatywatch_loader::load(data, limits).map_err(|e| e.to_string())
}

/// A line on stderr for a person watching a terminal; nothing in pipelines and logs.
pub(super) fn progress(message: &str) {
    if std::io::stderr().is_terminal() {
        eprintln!("{message}");
    }
}

/// Colour only on a terminal, and never when NO_COLOR is set.
pub(super) fn use_color() -> bool {
    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

pub(super) fn print(text: &str) {
    let mut out = std::io::stdout().lock();
    // A closed pipe (`| head`) is not an error worth a message.
    let _ = out.write_all(text.as_bytes());
    let _ = out.flush();
}
