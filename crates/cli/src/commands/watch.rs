//! `validate --watch`: the data folder checked, then checked again on every save, from the
//! results kept in memory (a claim file saved is the only file read again; see
//! `treatywatch_validator::session`). Saves are noticed by polling the files' modification
//! times twice a second: no file-system notification library, and the same on every system.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

use treatywatch_validator::session::{Rechecked, Session};
use treatywatch_validator::{Options, render};

use super::{print, use_color};
use crate::args::DataArgs;

/// Every file under `root` with its modification time.
fn stamps(root: &Path, out: &mut BTreeMap<PathBuf, SystemTime>) {
    let Ok(entries) = std::fs::read_dir(root) else {
        return;
    };
    for entry in entries.flatten() {
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            stamps(&entry.path(), out);
        } else if kind.is_file()
            && let Ok(modified) = entry.metadata().and_then(|m| m.modified())
        {
            out.insert(entry.path(), modified);
        }
    }
}

fn report(session: &Session, why: &str, took: Duration) {
    let (data, outcome) = session.checked();
    let summary = outcome.summary(&data);
    let text = render::human::render(&data, &outcome.diagnostics, &summary, use_color());
    print(&format!(
        "── {why} ({:.0} ms)\n{text}",
        took.as_secs_f64() * 1000.0
    ));
}

/// Watches until interrupted.
pub(crate) fn run(data: &DataArgs, options: Options) -> Result<(), String> {
    let started = Instant::now();
    let mut session =
        Session::open(&data.data, data.limits(), options).map_err(|e| e.to_string())?;
    report(&session, "checked", started.elapsed());
    let mut seen = BTreeMap::new();
    stamps(&data.data, &mut seen);
    loop {
        std::thread::sleep(Duration::from_millis(500));
        let mut now = BTreeMap::new();
        stamps(&data.data, &mut now);
        if now == seen {
            continue;
        }
        let started = Instant::now();
        let came_or_went = now.keys().ne(seen.keys());
        let changed: Vec<PathBuf> = now
            .iter()
            .filter(|(p, t)| seen.get(*p).is_some_and(|old| old != *t))
            .map(|(p, _)| p.clone())
            .collect();
        let mut what = Rechecked::Nothing;
        if came_or_went {
            what = session.relist();
        } else {
            for path in &changed {
                if session.update(path, None) == Rechecked::Everything {
                    what = Rechecked::Everything;
                } else if what == Rechecked::Nothing {
                    what = Rechecked::ClaimFile;
                }
            }
        }
        seen = now;
        let why = match (what, changed.as_slice()) {
            (Rechecked::ClaimFile, [one]) => format!("{} saved: checked it again", one.display()),
            (Rechecked::Nothing, _) => continue,
            _ => "files changed: checked everything again".to_string(),
        };
        report(&session, &why, started.elapsed());
    }
}
