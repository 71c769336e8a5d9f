//! What the tests of every crate share (ruff's `test.rs`, ripgrep's `testutil.rs`): the fixed
//! as-of date the fixtures are checked on, the repository's folders, loading and validating a
//! data folder, datasets built as a base with changes, and diagnostics written out in full
//! for snapshots. A dev-dependency only: nothing here reaches the command.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test support: a failed unwrap is a failed test

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use treatywatch_loader::{Dataset, Diagnostic, Limits};
use treatywatch_model::Date;
use treatywatch_validator::{Options, Outcome};

/// The date the fixtures and the bundled data are checked on: fixed, so that no test changes
/// with the day it runs (`future-date` compares with it).
pub const AS_OF: &str = "2026-11-27";

/// [`AS_OF`] as a date.
pub fn as_of() -> Date {
    Date::parse(AS_OF).expect("AS_OF is a date")
}

/// The repository's root folder.
pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A dataset under `tests/fixtures/` (`valid`, `problems`, …).
pub fn fixture(name: &str) -> PathBuf {
    repo().join("tests/fixtures").join(name)
}

/// The bundled data folder.
pub fn bundled() -> PathBuf {
    repo().join("data")
}

/// Loads a data folder with the default limits.
pub fn load(dir: &Path) -> Dataset {
    treatywatch_loader::load(dir, Limits::default())
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
}

/// Loads and validates a data folder as of `as_of`.
pub fn validate_on(dir: &Path, as_of: Date) -> (Dataset, Outcome) {
    let data = load(dir);
    let outcome = treatywatch_validator::validate(&data, &Options { as_of });
    (data, outcome)
}

/// Loads and validates a data folder as of [`AS_OF`].
pub fn validate(dir: &Path) -> (Dataset, Outcome) {
    validate_on(dir, as_of())
}

/// Loads and validates a data folder that must have no error (a fixture for the reports).
pub fn validate_clean(dir: &Path) -> (Dataset, Outcome) {
    let (data, outcome) = validate(dir);
    assert!(
        !outcome.has_errors(),
        "{}: {}",
        dir.display(),
        describe(&data, &outcome.diagnostics)
    );
    (data, outcome)
}

/// Copies the folder `from` into `to`, recursively, leaving out the files named in `skip`.
pub fn copy_into(from: &Path, to: &Path, skip: &[&str]) {
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap();
        if skip.iter().any(|s| name == *s) {
            continue;
        }
        let target = to.join(name);
        if path.is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            copy_into(&path, &target, skip);
        } else {
            std::fs::copy(&path, &target).unwrap();
        }
    }
}

/// A temporary copy of the folder `base` with `changes` written over it (path relative to the
/// folder, and the file's whole new content).
pub fn dataset(base: &Path, changes: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_into(base, dir.path(), &[]);
    write_all(dir.path(), changes);
    dir
}

/// A temporary folder holding only `files`.
pub fn files(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write_all(dir.path(), files);
    dir
}

fn write_all(dir: &Path, files: &[(&str, &[u8])]) {
    for (path, bytes) in files {
        let full = dir.join(path);
        std::fs::create_dir_all(full.parent().unwrap()).unwrap();
        std::fs::write(full, bytes).unwrap();
    }
}

/// A file's path relative to the data folder `data` was loaded from.
pub fn relative_path(data: &Dataset, file: usize) -> String {
    let root = treatywatch_loader::display_path(&data.root);
    let path = data.files.get(file).map_or("?", |f| f.path.as_str());
    path.strip_prefix(&root)
        .unwrap_or(path)
        .trim_start_matches('/')
        .to_string()
}

/// Every diagnostic in full, one block each, for snapshots: severity, rule, place (file
/// relative to the data folder, line:column to where the validator says it ends), record, JSON pointer,
/// message, help and evidence. Whatever a contributor or a program reads of a diagnostic is
/// here, so a snapshot shows every change to it.
pub fn describe(data: &Dataset, diagnostics: &[Diagnostic]) -> String {
    // Paths inside messages and hints (a temporary folder's) read as the data folder's.
    let root = format!("{}/", treatywatch_loader::display_path(&data.root));
    let relative = |text: &str| text.replace(&root, "data/");
    let mut out = String::new();
    for d in diagnostics {
        // Where it ends as the validator worked it out (every diagnostic of a run has it):
        // `-?` would show one that lacks it.
        let end = d.end.map_or_else(
            || "-?".to_string(),
            |(line, column)| format!("-{line}:{column}"),
        );
        let _ = writeln!(
            out,
            "{}[{}] {}:{}:{}{end}",
            d.severity.as_str(),
            d.rule,
            relative_path(data, d.file),
            d.span.line,
            d.span.column
        );
        if let Some(record) = &d.record {
            let _ = writeln!(out, "  record: {record}");
        }
        if let Some(pointer) = &d.pointer {
            let _ = writeln!(out, "  pointer: {pointer:?}");
        }
        let _ = writeln!(out, "  message: {}", relative(&d.message));
        if let Some(help) = &d.help {
            let _ = writeln!(out, "  help: {}", relative(help));
        }
        for e in &d.evidence {
            let _ = writeln!(
                out,
                "  evidence: {} {} {}{} · {}",
                e.date.as_deref().unwrap_or("(no date)"),
                e.event,
                e.treaty,
                e.actor
                    .as_deref()
                    .map(|a| format!(" {a}"))
                    .unwrap_or_default(),
                e.text
            );
            if !e.sources.is_empty() {
                let _ = writeln!(out, "    sources: {}", e.sources.join(", "));
            }
        }
    }
    if out.is_empty() {
        out.push_str("(no diagnostics)\n");
    }
    out
}
