//! Each rule's cases beyond its fixture (`tests/rules/<rule>/`, run by `fixtures.rs`): the
//! boundaries, reduced-precision dates and near misses, each asserting rule, severity, file,
//! line and column on a small dataset written inline.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a failed unwrap is a failed test

use std::path::Path;
use std::sync::LazyLock;

use treatywatch_loader::{Diagnostic, Limits, Severity};
use treatywatch_model::Date;
use treatywatch_validator::{Options, validate};

mod findings;
mod records;

/// A file of the shared base dataset (`tests/base/`, also under every rule's fixture).
fn base(path: &str) -> String {
    let full = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/base")
        .join(path);
    std::fs::read_to_string(full).unwrap()
}

static ACTORS: LazyLock<String> = LazyLock::new(|| base("actors/actors.yaml"));
static INF: LazyLock<String> = LazyLock::new(|| base("treaties/inf.yaml"));
static SOURCES: LazyLock<String> = LazyLock::new(|| base("sources/sources.yaml"));
static CLAIMS: LazyLock<String> = LazyLock::new(|| base("claims/claims.yaml"));

/// A dataset: the base files, with some replaced or added.
fn dataset(changes: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let base = [
        ("actors/actors.yaml", ACTORS.as_str()),
        ("treaties/inf.yaml", INF.as_str()),
        ("sources/sources.yaml", SOURCES.as_str()),
        ("claims/claims.yaml", CLAIMS.as_str()),
    ];
    for (path, text) in base.iter().chain(changes) {
        let full = dir.path().join(path);
        std::fs::create_dir_all(full.parent().unwrap()).unwrap();
        std::fs::write(full, text).unwrap();
    }
    dir
}

/// (rule, severity, file relative to the data folder, line, column) of every diagnostic.
fn check_at(dir: &Path, as_of: &str) -> Vec<(String, Severity, String, u32, u32)> {
    let data = treatywatch_loader::load(dir, Limits::default()).unwrap();
    let outcome = validate(
        &data,
        &Options {
            as_of: Date::parse(as_of).unwrap(),
        },
    );
    let root = treatywatch_loader::display_path(dir);
    outcome
        .diagnostics
        .iter()
        .map(|d| {
            let path = &data.files[d.file].path;
            let rel = path
                .strip_prefix(&root)
                .unwrap_or(path)
                .trim_start_matches('/');
            (
                d.rule.to_string(),
                d.severity,
                rel.to_string(),
                d.span.line,
                d.span.column,
            )
        })
        .collect()
}

/// The messages of `rule`'s diagnostics on the base dataset with `changes`.
/// Every diagnostic of the dataset in `dir`, as of 2026-11-27, with its help and pointer.
fn diagnostics(dir: &Path) -> Vec<Diagnostic> {
    let data = treatywatch_loader::load(dir, Limits::default()).unwrap();
    let as_of = Date::parse("2026-11-27").unwrap();
    validate(&data, &Options { as_of }).diagnostics
}

fn messages(changes: &[(&str, &str)], rule: &str) -> Vec<String> {
    let dir = dataset(changes);
    diagnostics(dir.path())
        .into_iter()
        .filter(|d| d.rule == rule)
        .map(|d| d.message)
        .collect()
}

fn check(changes: &[(&str, &str)]) -> Vec<(String, Severity, String, u32, u32)> {
    let dir = dataset(changes);
    check_at(dir.path(), "2026-11-27")
}

fn fired(
    found: &[(String, Severity, String, u32, u32)],
    rule: &str,
) -> Vec<(Severity, String, u32, u32)> {
    found
        .iter()
        .filter(|d| d.0 == rule)
        .map(|d| (d.1, d.2.clone(), d.3, d.4))
        .collect()
}

fn e(file: &str, line: u32, col: u32) -> (Severity, String, u32, u32) {
    (Severity::Error, file.to_string(), line, col)
}
