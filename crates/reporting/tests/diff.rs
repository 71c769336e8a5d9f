//! `diff`'s comparison and its markdown, on two small datasets that differ in every way the
//! summary reports: a record added, one removed, fields changed (a string with markup, a long
//! list), the treaty's and a party's status, a finding that appears and one that goes, and a
//! new error.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a failed unwrap is a failed test

use treatywatch_model::Date;
use treatywatch_reporting::diff::{compare, markdown};
use treatywatch_testkit as testkit;

const ACTORS: &str = "\
- {id: usa, name: United States, kind: state}
- {id: rus, name: Russia, kind: state}
";

const TREATY: &str = "\
id: inf
name: Treaty on the Elimination of Intermediate-Range and Shorter-Range Missiles
short_name: INF Treaty
kind: bilateral
opened: 1987-12-08
entry_into_force: 1988-06-01
parties:
  - actor: usa
    actions:
      - {action: signature, date: 1987-12-08}
      - {action: ratification, date: 1988-06-01}
  - actor: rus
    actions:
      - {action: signature, date: 1987-12-08}
      - {action: ratification, date: 1988-06-01}
";

const SOURCES: &str = "\
- {id: s, title: A source, kind: news, publisher: P, published: 2019-12-31, url: 'https://example.org/s'}
";

fn claim(id: &str, status: &str, summary: &str) -> String {
    format!(
        "- id: {id}\n  date: 2019-10-01\n  claimant: usa\n  kind: status\n  treaty: inf\n  asserted_status: {status}\n  summary: '{summary}'\n  sources: [{{source: s}}]\n"
    )
}

/// A data folder of these files (path, text).
fn dataset(files: &[(&str, &str)]) -> tempfile::TempDir {
    let files: Vec<(&str, &[u8])> = files.iter().map(|(p, t)| (*p, t.as_bytes())).collect();
    testkit::files(&files)
}

#[test]
fn every_kind_of_change_is_summarised() {
    let base = dataset(&[
        ("actors/actors.yaml", ACTORS),
        ("treaties/inf.yaml", TREATY),
        ("sources/s.yaml", SOURCES),
        (
            "claims/c.yaml",
            &(claim("ended-claim", "ended", "It has ended.")
                + &claim("gone", "in-force", "Removed later.")),
        ),
    ]);
    // The head: the treaty ended by withdrawal (its status and the US's change), the first
    // claim now right and reworded with markup, a claim removed and one added that is wrong,
    // and a source with an error.
    let ended = TREATY.replace(
        "      - {action: ratification, date: 1988-06-01}\n  - actor: rus",
        "      - {action: ratification, date: 1988-06-01}\n      - {action: withdrawal-notice, date: 2019-02-02}\n      - {action: withdrawal, date: 2019-08-02}\n  - actor: rus",
    ) + "end: {date: 2019-08-02, reason: withdrawal}\nwithdrawal_notice: P6M\n";
    let head = dataset(&[
        ("actors/actors.yaml", ACTORS),
        ("treaties/inf.yaml", &ended),
        (
            "sources/s.yaml",
            &SOURCES.replace("published: 2019-12-31", "published: 2019-13-01"),
        ),
        (
            "claims/c.yaml",
            &(claim("ended-claim", "ended", "It has *ended* | [see](x).")
                + &claim("new", "in-force", "Still in force.")),
        ),
    ]);
    let (old, new) = (testkit::load(base.path()), testkit::load(head.path()));
    let as_of = Date::parse("2019-10-01").unwrap();
    let changes = compare(
        "main",
        &old,
        &new,
        as_of,
        Date::parse("2026-11-28").unwrap(),
    );
    insta::assert_json_snapshot!("diff_json", changes);
    insta::assert_snapshot!("diff_markdown", markdown(&changes, None).unwrap());
}

#[test]
fn no_change_says_so() {
    let base = dataset(&[
        ("actors/actors.yaml", ACTORS),
        ("treaties/inf.yaml", TREATY),
    ]);
    let data = testkit::load(base.path());
    let as_of = Date::parse("2019-10-01").unwrap();
    let changes = compare("HEAD", &data, &data, as_of, as_of);
    assert_eq!(
        markdown(&changes, None).unwrap(),
        "## What this change does to the record\n\nCompared with `HEAD`, as of 2019-10-01.\n\nNo record is added, removed or changed.\n\n"
    );
}

/// A new file reusing an id (and sorting before the record that had it) is a record added,
/// whichever of the two a reference would name; one removed of two that share an id is a
/// record removed; an identical copy is added all the same.
#[test]
fn a_record_under_a_used_id_is_added() {
    let base_files = [
        ("actors/actors.yaml", ACTORS),
        ("treaties/inf.yaml", TREATY),
        ("sources/s.yaml", SOURCES),
    ];
    let old_claim = claim("c", "in-force", "In force.");
    let with = |claims: &[(&'static str, &str)]| {
        let mut files: Vec<(&str, &str)> = base_files.to_vec();
        files.extend_from_slice(claims);
        dataset(&files)
    };
    let base = with(&[("claims/old.yaml", &old_claim)]);
    let as_of = Date::parse("2019-10-01").unwrap();
    let compared = |base: &tempfile::TempDir, head: &tempfile::TempDir| {
        let (old, new) = (testkit::load(base.path()), testkit::load(head.path()));
        let changes = compare("HEAD", &old, &new, as_of, as_of);
        let ids = |r: &[treatywatch_reporting::diff::RecordRef]| -> Vec<String> {
            r.iter().map(|r| format!("{} {}", r.kind, r.id)).collect()
        };
        (
            ids(&changes.added),
            ids(&changes.removed),
            changes.changed.len(),
            changes.new_errors,
        )
    };

    let other = claim("c", "ended", "Ended.");
    let head = with(&[("claims/aaa.yaml", &other), ("claims/old.yaml", &old_claim)]);
    let (added, removed, changed, errors) = compared(&base, &head);
    assert_eq!(
        (added, removed, changed),
        (vec!["claim c".into()], vec![], 0)
    );
    assert_eq!(
        errors
            .iter()
            .filter(|e| e.starts_with("duplicate-id"))
            .count(),
        2,
        "{errors:?}"
    );

    let copy = with(&[
        ("claims/aaa.yaml", &old_claim),
        ("claims/old.yaml", &old_claim),
    ]);
    let (added, removed, changed, _) = compared(&base, &copy);
    assert_eq!(
        (added, removed, changed),
        (vec!["claim c".into()], vec![], 0)
    );

    let (added, removed, changed, _) = compared(&head, &base);
    assert_eq!(
        (added, removed, changed),
        (vec![], vec!["claim c".into()], 0)
    );
}
