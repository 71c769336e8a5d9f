//! The session (the language server's and `--watch`'s validation) gives what a whole run of
//! `validate` gives on the same files, after every kind of edit: a claim file's buffer, an
//! actor file's, a closed buffer, a file created on disk.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a failed unwrap is a failed test

use std::path::Path;

use treatywatch_loader::{Diagnostic, Limits};
use treatywatch_model::Date;
use treatywatch_validator::session::{Rechecked, Session};
use treatywatch_validator::{Batching, Options};

fn options() -> Options {
    Options {
        as_of: Date::parse("2026-01-01").unwrap(),
    }
}

/// What a whole run says of the folder as it is on disk.
fn whole(root: &Path) -> Vec<Diagnostic> {
    let listing = treatywatch_loader::list(root).unwrap();
    let checked = treatywatch_validator::validate_listing(
        &listing,
        Limits::default(),
        &options(),
        Batching::DEFAULT,
        None,
    );
    checked.outcome.diagnostics
}

fn comparable(d: &[Diagnostic]) -> Vec<(String, u32, u32, String)> {
    d.iter()
        .map(|d| {
            (
                d.rule.as_str().to_string(),
                d.span.start,
                d.span.end,
                d.message.clone(),
            )
        })
        .collect()
}

#[test]
fn every_edit_gives_what_a_whole_run_gives() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("data");
    std::fs::create_dir_all(&root).unwrap();
    treatywatch_testkit::copy_into(&treatywatch_testkit::fixture("valid"), &root, &[]);
    let mut session = Session::open(&root, Limits::default(), options()).unwrap();
    assert_eq!(
        comparable(&session.outcome().diagnostics),
        comparable(&whole(&root))
    );

    let claims = root.join("claims/claims.yaml");
    let text = std::fs::read_to_string(&claims).unwrap();
    // A claim file's buffer with a wrong id and a claim from the future: as if saved.
    let edited = text.replacen("accused: rus", "accused: rsu", 1).replacen(
        "date: 2019-02-02",
        "date: 2091-02-02",
        1,
    );
    assert_eq!(
        session.update(&claims, Some(edited.clone().into_bytes())),
        Rechecked::ClaimFile
    );
    std::fs::write(&claims, &edited).unwrap();
    let expected = whole(&root);
    assert!(expected.iter().any(|d| d.rule.as_str() == "future-date"));
    assert!(
        expected
            .iter()
            .any(|d| d.rule.as_str() == "unknown-reference")
    );
    assert_eq!(
        comparable(&session.outcome().diagnostics),
        comparable(&expected)
    );

    // An actor file's buffer: everything is checked again.
    let actors = root.join("actors/actors.yaml");
    let actors_text = std::fs::read_to_string(&actors).unwrap();
    let without_nato = actors_text.replace(
        "- id: nato\n  name: NATO\n  kind: organization\n  existed: 1949-04-04/..\n",
        "",
    );
    assert_ne!(without_nato, actors_text);
    assert_eq!(
        session.update(&actors, Some(without_nato.clone().into_bytes())),
        Rechecked::Everything
    );
    std::fs::write(&actors, &without_nato).unwrap();
    assert_eq!(
        comparable(&session.outcome().diagnostics),
        comparable(&whole(&root))
    );

    // The buffer closed: the disk again (restored).
    std::fs::write(&actors, &actors_text).unwrap();
    session.update(&actors, None);
    assert_eq!(
        comparable(&session.outcome().diagnostics),
        comparable(&whole(&root))
    );

    // A new claim file on disk, with an id already used: the listing is read again.
    let copy = root.join("claims/copy.yaml");
    std::fs::write(&copy, &edited).unwrap();
    assert_eq!(session.update(&copy, None), Rechecked::Everything);
    let expected = whole(&root);
    assert!(expected.iter().any(|d| d.rule.as_str() == "duplicate-id"));
    assert_eq!(
        comparable(&session.outcome().diagnostics),
        comparable(&expected)
    );

    // A buffer not saved yet, for a new claim file: checked; closed without saving: gone.
    let unsaved = root.join("claims/unsaved.yaml");
    let wrong = text
        .replacen("accused: rus", "accused: russa", 1)
        .replace("id: ", "id: new-");
    assert_eq!(
        session.update(&unsaved, Some(wrong.into_bytes())),
        Rechecked::Everything
    );
    let outcome = session.outcome();
    let shown = |d: &Diagnostic| session.data().files[d.file].path.clone();
    assert!(
        outcome
            .diagnostics
            .iter()
            .any(|d| d.rule.as_str() == "unknown-reference"
                && shown(d).ends_with("claims/unsaved.yaml")),
        "{:?}",
        outcome.diagnostics
    );
    session.update(&unsaved, None);
    assert_eq!(
        comparable(&session.outcome().diagnostics),
        comparable(&whole(&root))
    );

    // A file outside the data folder: nothing.
    assert_eq!(
        session.update(
            &dir.path().join("elsewhere.yaml"),
            Some(b"- id: x\n".to_vec())
        ),
        Rechecked::Nothing
    );
}

#[test]
fn a_cache_serves_another_as_of_date_and_not_another_build() {
    use treatywatch_validator::cache::{Cache, environment_of_build};
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("data");
    std::fs::create_dir_all(&root).unwrap();
    treatywatch_testkit::copy_into(&treatywatch_testkit::fixture("valid"), &root, &[]);
    let cache = dir.path().join("cache");
    let listing = treatywatch_loader::list(&root).unwrap();
    let run = |as_of: &str| {
        treatywatch_validator::validate_listing(
            &listing,
            Limits::default(),
            &Options {
                as_of: Date::parse(as_of).unwrap(),
            },
            Batching::DEFAULT,
            Some(&cache),
        )
    };
    let first = run("2026-01-01");
    assert_eq!(first.timings.cached_files, 0);
    // The next day, and a date before every claim: every claim file from the cache, and
    // `future-date` decided for the new date all the same.
    let next_day = run("2026-01-02");
    assert_eq!(next_day.timings.cached_files, 1);
    assert_eq!(
        comparable(&next_day.outcome.diagnostics),
        comparable(&first.outcome.diagnostics)
    );
    let before = run("2019-01-01");
    assert_eq!(before.timings.cached_files, 1);
    let future: Vec<_> = before
        .outcome
        .diagnostics
        .iter()
        .filter(|d| d.rule.as_str() == "future-date")
        .collect();
    let uncached = treatywatch_validator::validate_listing(
        &listing,
        Limits::default(),
        &Options {
            as_of: Date::parse("2019-01-01").unwrap(),
        },
        Batching::DEFAULT,
        None,
    );
    assert!(!future.is_empty());
    assert_eq!(
        comparable(&before.outcome.diagnostics),
        comparable(&uncached.outcome.diagnostics)
    );
    // Another build of the rules is another environment: nothing of this one's is used.
    let fetched: Vec<_> = (0..listing.len())
        .filter(|&i| listing.kind(i) != Some(treatywatch_model::RecordKind::Claim))
        .map(|i| (i, listing.fetch(i, Limits::default())))
        .collect();
    let ours = treatywatch_validator::cache::environment(&listing, &fetched, Limits::default());
    let theirs = environment_of_build("another build", &listing, &fetched, Limits::default());
    assert_ne!(ours, theirs);
    let (_, note) = Cache::open(&cache, theirs);
    assert!(note.unwrap().contains("another build"));
}
