//! Every rule against its cases: each folder `tests/rules/<rule-name>/fires-<case>/` must make
//! the rule fire, and each `…/passes-<case>/` (a near miss, a boundary that holds) must not.
//! A case folder holds only the files that differ from the shared dataset in `tests/base/` (a
//! valid INF Treaty record: its parties, two sources, one claim), each in full; the test lays
//! it over a copy of the base and validates it, in memory and in batches of every size. A case
//! folder may hold `AS-OF` (one date) to validate as of another date than the test kit's.
//!
//! Every diagnostic of every case, of any rule, is snapshot in full
//! (`snapshots/fixtures__<rule-name>__<case>.snap`: place, record, pointer, message, help,
//! evidence): a rule that fires at a new place, says something else, or makes another rule
//! fire (a problem reported twice) shows up in review.
//!
//! Adding a rule: its file, its name in the registry, and its folder here with at least one
//! `fires-` and one `passes-` case.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a failed unwrap is a failed test

use std::path::{Path, PathBuf};

use treatywatch_loader::{Diagnostic, Limits};
use treatywatch_model::{Date, RuleName};
use treatywatch_testkit as testkit;
use treatywatch_validator::{Batching, Options, RULES, render, validate_listing};

/// Rules that cannot have a fixture folder, and why.
const NO_FIXTURE: &[(RuleName, &str)] = &[(
    RuleName::UnreadableFile,
    "git cannot store a file the reader has no permission to read; \
     crates/cli/tests/hostile/ makes one at run time",
)];

fn here() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests")
}

/// Validates `listing` as `treatywatch validate` does, without a cache.
fn in_batches(
    listing: &treatywatch_loader::Listing,
    as_of: Date,
    batching: Batching,
) -> treatywatch_validator::Checked {
    validate_listing(
        listing,
        Limits::default(),
        &Options { as_of },
        batching,
        None,
    )
}

/// Validates the base dataset with `fixture` laid over it: every diagnostic described in full
/// (paths relative to the data folder), and the diagnostics.
fn run(fixture: Option<&Path>) -> (String, Vec<Diagnostic>) {
    let dir = tempfile::tempdir().unwrap();
    testkit::copy_into(&here().join("base"), dir.path(), &[]);
    let mut as_of = testkit::as_of();
    if let Some(fixture) = fixture {
        testkit::copy_into(fixture, dir.path(), &["AS-OF", ".keep"]);
        if let Ok(text) = std::fs::read_to_string(fixture.join("AS-OF")) {
            as_of = Date::parse(text.trim()).unwrap();
        }
    }
    let (data, outcome) = testkit::validate_on(dir.path(), as_of);
    let summary = outcome.summary(&data);
    let text = render::human::render(&data, &outcome.diagnostics, &summary, false);
    // The same in batches: one for every claim file, and one for all of them, as
    // `treatywatch validate` reads them.
    let listing = treatywatch_loader::list(dir.path()).unwrap();
    for (max_bytes, chunk_records) in [(Some(1), 1), (None, 1), (None, 64)] {
        let batching = Batching {
            max_bytes,
            chunk_records,
        };
        let mut checked = in_batches(&listing, as_of, batching);
        let summary = checked.outcome.summary(&checked.data);
        // Machine formats need no file text (where a span ends is kept); the human one
        // reads the texts again for its snippets.
        assert_eq!(
            render::json::render(&checked.data, &checked.outcome.diagnostics, &summary),
            render::json::render(&data, &outcome.diagnostics, &outcome.summary(&data)),
        );
        checked.read_texts(&listing, Limits::default());
        let batched =
            render::human::render(&checked.data, &checked.outcome.diagnostics, &summary, false);
        assert_eq!(batched, text, "{batching:?}");
        assert_eq!(checked.outcome.diagnostics, outcome.diagnostics);
    }
    (
        testkit::describe(&data, &outcome.diagnostics),
        outcome.diagnostics,
    )
}

#[test]
fn the_base_dataset_is_clean() {
    let (text, diagnostics) = run(None);
    assert!(diagnostics.is_empty(), "{text}");
}

/// A rule's case folders, by name (`fires-…`, `passes-…`).
fn cases(folder: &Path) -> Vec<(String, PathBuf)> {
    let mut cases: Vec<(String, PathBuf)> = std::fs::read_dir(folder)
        .unwrap()
        .map(|e| {
            let path = e.unwrap().path();
            (
                path.file_name().unwrap().to_string_lossy().into_owned(),
                path,
            )
        })
        .collect();
    cases.sort();
    cases
}

#[test]
fn every_rule_fires_on_its_cases_and_not_on_its_near_misses() {
    let mut failures = Vec::new();
    for rule in RULES {
        let folder = here().join("rules").join(rule.name.as_str());
        if NO_FIXTURE.iter().any(|(name, _)| *name == rule.name) {
            assert!(
                !folder.exists(),
                "{} has a fixture: remove it from NO_FIXTURE",
                rule.name
            );
            continue;
        }
        assert!(
            folder.is_dir(),
            "{} has no folder {}",
            rule.name,
            folder.display()
        );
        let cases = cases(&folder);
        for prefix in ["fires-", "passes-"] {
            assert!(
                cases.iter().any(|(name, _)| name.starts_with(prefix)),
                "{} has no {prefix}… case in {}",
                rule.name,
                folder.display()
            );
        }
        for (case, path) in cases {
            let (text, found) = run(Some(&path));
            let fired = found.iter().any(|d| d.rule == rule.name);
            if case.starts_with("fires-") && !fired {
                failures.push(format!("{} does not fire on {case}:\n{text}", rule.name));
            } else if case.starts_with("passes-") && fired {
                failures.push(format!("{} fires on {case}:\n{text}", rule.name));
            } else if !case.starts_with("fires-") && !case.starts_with("passes-") {
                failures.push(format!(
                    "{}/{case}: a case's name starts with fires- or passes-",
                    rule.name
                ));
            }
            insta::assert_snapshot!(format!("{}__{case}", rule.name), text);
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_fixture_folder_names_a_rule() {
    for entry in std::fs::read_dir(here().join("rules")).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        assert!(
            RuleName::parse(&name).is_some(),
            "tests/rules/{name} is not a rule's name"
        );
    }
}

/// The repository's dataset of problems and the bundled data, with the rules over one record
/// at a time, two, the default and a whole batch, in batches of a file and in one: the same
/// diagnostics in the same order.
#[test]
fn chunks_and_batches_do_not_change_the_result() {
    let repo = testkit::repo();
    for data in ["tests/fixtures/problems", "data"] {
        let listing = treatywatch_loader::list(&repo.join(data)).unwrap();
        let as_of = testkit::as_of();
        let outcome = |max_bytes, chunk_records| {
            let batching = Batching {
                max_bytes,
                chunk_records,
            };
            let checked = in_batches(&listing, as_of, batching);
            let summary = checked.outcome.summary(&checked.data);
            (
                checked.outcome.diagnostics.clone(),
                render::json::render(&checked.data, &checked.outcome.diagnostics, &summary),
            )
        };
        let whole = outcome(None, usize::MAX);
        // The problems have diagnostics in several records of one file; the bundled data's
        // findings (notes) are spread over its claims.
        assert!(whole.0.len() >= 2, "{data}: {} diagnostics", whole.0.len());
        for (max_bytes, chunk_records) in [(None, 1), (None, 2), (Some(1), 1), (Some(1), 64)] {
            assert_eq!(
                outcome(max_bytes, chunk_records),
                whole,
                "{data}: batches of {max_bytes:?} bytes, {chunk_records} records at a time"
            );
        }
    }
}
