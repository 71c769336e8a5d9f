//! The pipeline's own promises, beyond what each rule finds: the counts of a run, whether it
//! found errors, and how claim files are batched (`--batch-bytes`).

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a failed unwrap is a failed test

use treatywatch_loader::{Limits, Severity};
use treatywatch_testkit as testkit;
use treatywatch_validator::{Batching, Options, validate_listing};

/// The problems fixture has errors, warnings and a note; the valid one a note only.
#[test]
fn the_summary_counts_each_severity_and_errors_are_errors() {
    let (data, outcome) = testkit::validate(&testkit::fixture("problems"));
    let summary = outcome.summary(&data);
    let count = |s| {
        outcome
            .diagnostics
            .iter()
            .filter(|d| d.severity == s)
            .count()
    };
    assert_eq!(
        (summary.errors, summary.warnings, summary.notes),
        (
            count(Severity::Error),
            count(Severity::Warning),
            count(Severity::Note)
        )
    );
    assert!(
        summary.errors > 0 && summary.warnings > 0 && summary.notes > 0,
        "{summary:?}"
    );
    assert_ne!(summary.errors, summary.warnings);
    assert_eq!(summary.files, data.files.len());
    assert_eq!(summary.records, data.records.len());
    assert!(outcome.has_errors());

    let (data, outcome) = testkit::validate(&testkit::fixture("valid"));
    let summary = outcome.summary(&data);
    assert_eq!((summary.errors, summary.warnings), (0, 0));
    assert!(summary.notes > 0, "a finding is not an error");
    assert!(!outcome.has_errors());
}

/// A claim file of about `bytes` bytes: one claim, its summary padded.
fn claim_file(id: &str, bytes: usize) -> Vec<u8> {
    let head = format!(
        "- id: {id}\n  date: 2019-02-02\n  claimant: sergey-lavrov\n  kind: other\n  treaty: inf\n  sources:\n    - source: kremlin-2019-02-02\n  summary: "
    );
    let mut text = head.into_bytes();
    text.resize(bytes.max(text.len() + 2), b'x');
    text.push(b'\n');
    text
}

/// Claim files are read in consecutive batches of about a megabyte by default (at least one
/// file each), one batch with `--batch-bytes 0`, and a file each with a size smaller than
/// every file; the output is the same for all.
#[test]
fn claim_files_are_batched_by_size() {
    let files: Vec<(String, Vec<u8>)> = (0..4)
        .map(|i| {
            (
                format!("claims/c{i}.yaml"),
                claim_file(&format!("c{i}"), 300_000),
            )
        })
        .collect();
    let changes: Vec<(&str, &[u8])> = files
        .iter()
        .map(|(p, b)| (p.as_str(), b.as_slice()))
        .collect();
    let base = testkit::repo().join("crates/validator/tests/base");
    let dir = testkit::dataset(&base, &changes);
    let listing = treatywatch_loader::list(dir.path()).unwrap();
    let options = Options {
        as_of: testkit::as_of(),
    };
    let run = |batching| validate_listing(&listing, Limits::default(), &options, batching, None);
    // The base's claim file (a few hundred bytes) and three of these fit in a megabyte; the
    // fourth starts the next batch.
    let default = run(Batching::DEFAULT);
    assert_eq!(default.timings.batches, 2);
    let all = run(Batching::of_bytes(0));
    assert_eq!(all.timings.batches, 1);
    let each = run(Batching::of_bytes(1000));
    assert_eq!(each.timings.batches, 5);
    // c0 | c1 | c2 | c3 and the base's file.
    assert_eq!(run(Batching::of_bytes(500_000)).timings.batches, 4);
    // A batch may hold exactly its size: c0 c1 | c2 c3 | the base's file.
    let two = claim_file("c0", 300_000).len() * 2;
    assert_eq!(run(Batching::of_bytes(two as u64)).timings.batches, 3);
    for checked in [&all, &each] {
        assert_eq!(checked.outcome.diagnostics, default.outcome.diagnostics);
    }
    assert_eq!(
        default.outcome.records,
        testkit::load(&base).records.len() + 4
    );
    // Where the time went (`TREATYWATCH_TIMINGS`): every rule once, summed over the batches.
    for checked in [&default, &each] {
        let mut names: Vec<&str> = checked
            .timings
            .rules
            .iter()
            .map(|(n, _)| n.as_str())
            .collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), treatywatch_validator::RULES.len());
        assert_eq!(checked.timings.rules.len(), names.len());
    }
}

/// With a cache, a second run takes every unchanged claim file's results from it and reports
/// exactly what a run without it reports; a changed file is checked again, and an entry that
/// is damaged is ignored with a note, never trusted.
#[test]
fn the_cache_gives_the_same_results_and_is_used_for_unchanged_files_only() {
    let base = testkit::repo().join("crates/validator/tests/base");
    let claim = |id: &str, claimant: &str| {
        format!(
            "- id: {id}\n  date: 2019-02-02\n  claimant: {claimant}\n  kind: other\n  treaty: inf\n  summary: s\n  sources:\n    - source: kremlin-2019-02-02\n"
        )
    };
    let (a, b) = (claim("a", "sergey-lavrov"), claim("b", "nobody"));
    let dir = testkit::dataset(
        &base,
        &[
            ("claims/a.yaml", a.as_bytes()),
            ("claims/b.yaml", b.as_bytes()),
        ],
    );
    let cache = tempfile::tempdir().unwrap();
    let options = Options {
        as_of: testkit::as_of(),
    };
    let run = |cached: bool| {
        let listing = treatywatch_loader::list(dir.path()).unwrap();
        let cache = cached.then_some(cache.path());
        validate_listing(
            &listing,
            Limits::default(),
            &options,
            Batching::DEFAULT,
            cache,
        )
    };
    let cold = run(false);
    assert!(
        cold.outcome
            .diagnostics
            .iter()
            .any(|d| d.record.as_deref() == Some("b")),
        "the unknown claimant is reported: {:?}",
        cold.outcome.diagnostics
    );
    let filling = run(true);
    assert_eq!(filling.timings.cached_files, 0);
    let warm = run(true);
    // The base's claim file and the two added.
    assert_eq!(warm.timings.cached_files, 3);
    assert!(warm.notes.is_empty(), "{:?}", warm.notes);
    for checked in [&filling, &warm] {
        assert_eq!(checked.outcome.diagnostics, cold.outcome.diagnostics);
        assert_eq!(checked.outcome.records, cold.outcome.records);
    }

    // One file changed: the others from the cache, the result a cold run's.
    std::fs::write(
        dir.path().join("claims/b.yaml"),
        claim("b", "sergey-lavrov"),
    )
    .unwrap();
    let changed = run(true);
    assert_eq!(changed.timings.cached_files, 2);
    assert_eq!(changed.outcome.diagnostics, run(false).outcome.diagnostics);

    // Every entry damaged: each ignored with a note, and the results still a cold run's.
    for folder in std::fs::read_dir(cache.path()).unwrap() {
        for entry in std::fs::read_dir(folder.unwrap().path()).unwrap() {
            let path = entry.unwrap().path();
            let mut bytes = std::fs::read(&path).unwrap();
            let last = bytes.len() - 1;
            bytes[last] ^= 0xff;
            std::fs::write(&path, bytes).unwrap();
        }
    }
    let damaged = run(true);
    assert_eq!(damaged.timings.cached_files, 0);
    assert_eq!(damaged.notes.len(), 3, "{:?}", damaged.notes);
    assert!(
        damaged.notes.iter().all(|n| n.contains("damaged")),
        "{:?}",
        damaged.notes
    );
    assert_eq!(damaged.outcome.diagnostics, changed.outcome.diagnostics);
}
