//! Every input the date fuzzer (`fuzz/`, target `dates`) ever failed on, kept in
//! `tests/fuzz-regressions/dates/`, and the fuzzer's seed corpus (every date, period and
//! duration written in `data/`), checked against the fuzzer's properties on every test run.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a failed unwrap is a failed test

use std::path::Path;

fn check_folder(dir: &Path) -> usize {
    let mut seen = 0;
    for entry in std::fs::read_dir(dir).expect("the folder exists") {
        let path = entry.expect("readable entry").path();
        let bytes = std::fs::read(&path).expect("readable file");
        if let Ok(text) = std::str::from_utf8(&bytes) {
            eprintln!("checking {}: {text:?}", path.display());
            treatywatch_model::fuzzing::check_dates(text);
            seen += 1;
        }
    }
    seen
}

#[test]
fn every_saved_fuzz_failure_now_passes() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    assert!(check_folder(&root.join("tests/fuzz-regressions/dates")) >= 1);
}

#[test]
fn the_seed_corpus_holds_the_properties() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    assert!(check_folder(&root.join("fuzz/seeds/dates")) >= 100);
}
