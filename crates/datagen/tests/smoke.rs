//! The generator's output is what the benchmarks measure: it must be a dataset the validator
//! finds clean, or the benchmarks time error reporting instead of checking.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::process::Command;

use treatywatch_loader::{Limits, Severity};
use treatywatch_model::{Date, RecordKind};
use treatywatch_validator::{Options, validate};

fn generate(out: &Path, claims: usize, seed: u64) {
    let status = Command::new(env!("CARGO_BIN_EXE_treatywatch-datagen"))
        .args(["--claims", &claims.to_string(), "--per-file", "40"])
        .args(["--seed", &seed.to_string()])
        .arg("--out")
        .arg(out)
        .status()
        .unwrap();
    assert!(status.success());
}

/// Every file's path (relative) and bytes, sorted.
fn files(root: &Path) -> Vec<(String, Vec<u8>)> {
    let mut found = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path
                    .strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                found.push((rel, std::fs::read(&path).unwrap()));
            }
        }
    }
    found.sort();
    found
}

#[test]
fn generated_data_validates_with_no_error_and_no_warning() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("data");
    generate(&out, 250, 7);
    let data = treatywatch_loader::load(&out, Limits::default()).unwrap();
    let claims = data
        .records
        .iter()
        .filter(|r| r.kind == RecordKind::Claim)
        .count();
    assert_eq!(claims, 250);
    // Every record is typed: none fell to the schema check.
    assert!(data.records.iter().all(|r| r.record.is_some()));
    let outcome = validate(
        &data,
        &Options {
            as_of: Date::parse("2026-11-28").unwrap(),
        },
    );
    let bad: Vec<_> = outcome
        .diagnostics
        .iter()
        .filter(|d| d.severity != Severity::Note)
        .map(|d| format!("{} {}: {}", d.rule, data.files[d.file].path, d.message))
        .collect();
    assert!(bad.is_empty(), "{bad:#?}");
}

#[test]
fn the_same_seed_gives_the_same_bytes_and_another_seed_other_data() {
    let dir = tempfile::tempdir().unwrap();
    generate(&dir.path().join("a"), 120, 3);
    generate(&dir.path().join("b"), 120, 3);
    generate(&dir.path().join("c"), 120, 4);
    let a = files(&dir.path().join("a"));
    assert!(a.len() > 3, "{} files", a.len());
    assert_eq!(a, files(&dir.path().join("b")));
    assert_ne!(a, files(&dir.path().join("c")));
}
