//! Every rule against its fixtures: `tests/rules/<rule-name>/fires/` must make it fire, and
//! `…/passes/`, a close variant, must not. Each fixture folder holds only the files that
//! differ from the shared dataset in `tests/base/` (a valid INF Treaty record: its parties,
//! two sources, one claim); the test lays the fixture over a copy of the base and validates
//! it. A fixture folder may hold `AS-OF` (one date) to validate as of another date than
//! 2026-11-27.
//!
//! Everything the `fires` case reports is snapshot (`snapshots/fixtures__<rule-name>.snap`),
//! as `treatywatch validate` prints it: a rule that fires at a new place, or makes another
//! rule fire, shows up in review.
//!
//! Adding a rule: its file, its line in the registry, and its folder here.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a failed unwrap is a failed test

use std::path::{Path, PathBuf};

use treatywatch_loader::{Diagnostic, Limits};
use treatywatch_model::Date;
use treatywatch_validator::{Batching, Options, RULES, render, validate, validate_listing};

/// Rules that cannot have a fixture folder, and why.
const NO_FIXTURE: &[(&str, &str)] = &[(
    "unreadable-file",
    "git cannot store a file the reader has no permission to read; \
     crates/cli/tests/hostile/ makes one at run time",
)];

const DEFAULT_AS_OF: &str = "2026-11-27";

fn here() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests")
}

fn copy_into(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap();
        if name == "AS-OF" || name == ".keep" {
            continue;
        }
        let target = to.join(name);
        if path.is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            copy_into(&path, &target);
        } else {
            std::fs::copy(&path, &target).unwrap();
        }
    }
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

/// Validates the base dataset with `fixture` laid over it: what `treatywatch validate` would
/// print (paths relative to the data folder), and the diagnostics.
fn run(fixture: Option<&Path>) -> (String, Vec<Diagnostic>) {
    let dir = tempfile::tempdir().unwrap();
    copy_into(&here().join("base"), dir.path());
    let mut as_of = DEFAULT_AS_OF.to_string();
    if let Some(fixture) = fixture {
        copy_into(fixture, dir.path());
        if let Ok(text) = std::fs::read_to_string(fixture.join("AS-OF")) {
            as_of = text.trim().to_string();
        }
    }
    let data = treatywatch_loader::load(dir.path(), Limits::default()).unwrap();
    let as_of = Date::parse(&as_of).unwrap();
    let outcome = validate(&data, &Options { as_of });
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
    let root = treatywatch_loader::display_path(dir.path());
    let text = text.replace(&format!("{root}/"), "data/");
    (text, outcome.diagnostics)
}

#[test]
fn the_base_dataset_is_clean() {
    let (text, diagnostics) = run(None);
    assert!(diagnostics.is_empty(), "{text}");
}

#[test]
fn every_rule_fires_on_its_fixture_and_not_on_its_near_miss() {
    let mut failures = Vec::new();
    for rule in RULES {
        let folder = here().join("rules").join(rule.name);
        if NO_FIXTURE.iter().any(|(name, _)| *name == rule.name) {
            assert!(
                !folder.exists(),
                "{} has a fixture: remove it from NO_FIXTURE",
                rule.name
            );
            continue;
        }
        assert!(
            folder.join("fires").is_dir() && folder.join("passes").is_dir(),
            "{} has no fixture: add {}/fires/ and passes/",
            rule.name,
            folder.display()
        );
        let (fires_text, fires) = run(Some(&folder.join("fires")));
        if !fires.iter().any(|d| d.rule == rule.name) {
            failures.push(format!(
                "{} does not fire on fires/:\n{fires_text}",
                rule.name
            ));
        }
        let (passes_text, passes) = run(Some(&folder.join("passes")));
        if passes.iter().any(|d| d.rule == rule.name) {
            failures.push(format!("{} fires on passes/:\n{passes_text}", rule.name));
        }
        insta::assert_snapshot!(rule.name, fires_text);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_fixture_folder_names_a_rule() {
    for entry in std::fs::read_dir(here().join("rules")).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        assert!(
            RULES.iter().any(|r| r.name == name),
            "tests/rules/{name} is not a rule's name"
        );
    }
}

/// The repository's dataset of problems and the bundled data, with the rules over one record
/// at a time, two, the default and a whole batch, in batches of a file and in one: the same
/// diagnostics in the same order.
#[test]
fn chunks_and_batches_do_not_change_the_result() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    for data in ["tests/fixtures/problems", "data"] {
        let listing = treatywatch_loader::list(&repo.join(data)).unwrap();
        let as_of = Date::parse(DEFAULT_AS_OF).unwrap();
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
