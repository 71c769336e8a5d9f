//! A pull request touches the report files of what it changes, and little else: adding one
//! claim and its source to the bundled data changes the pages of that claim's treaty and
//! actors, the index, the briefing and the export tables — and no other page, because each
//! markdown page numbers its own citations.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a failed unwrap is a failed test

use std::collections::BTreeMap;
use std::path::Path;

use treatywatch_reporting::{ReportOptions, build_sources};
use treatywatch_testkit::{as_of, bundled, dataset, validate};

/// Every text output of the data folder `dir`, by path.
fn outputs(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let (data, outcome) = validate(dir);
    let options = ReportOptions {
        as_of: as_of(),
        templates: None,
        base_url: None,
    };
    build_sources(&data, &outcome, &options)
        .unwrap()
        .into_iter()
        .map(|f| (f.path, f.bytes))
        .collect()
}

const SOURCE: &str = "\
id: a-new-source-2019-02-02
title: Lavrov on the INF Treaty
kind: news
publisher: A news agency
published: 2019-02-02
url: https://example.org/lavrov-inf
";

/// Dated among the INF claims, so the briefing's numbering of every later source moves.
const CLAIM: &str = "\
id: lavrov-2019-02-02-new
date: 2019-02-02
claimant: sergey-lavrov
on_behalf_of: rus
kind: violation
treaty: inf
accused: usa
summary: The US violated the INF Treaty.
sources:
  - source: a-new-source-2019-02-02
";

#[test]
fn a_claim_and_its_source_change_only_their_pages() {
    let before = outputs(&bundled());
    let head = dataset(
        &bundled(),
        &[
            ("sources/a-new-source-2019-02-02.yaml", SOURCE.as_bytes()),
            ("claims/lavrov-2019-02-02-new.yaml", CLAIM.as_bytes()),
        ],
    );
    let after = outputs(head.path());
    assert_eq!(
        before.keys().collect::<Vec<_>>(),
        after.keys().collect::<Vec<_>>(),
        "no page added or removed"
    );
    let changed: Vec<&str> = after
        .iter()
        .filter(|(path, bytes)| before.get(*path) != Some(bytes))
        .map(|(path, _)| path.as_str())
        .collect();
    let pages: Vec<&str> = changed
        .iter()
        .copied()
        .filter(|p| p.ends_with(".md"))
        .collect();
    assert_eq!(
        pages,
        [
            "README.md",
            "actors/rus.md",
            "actors/sergey-lavrov.md",
            "actors/usa.md",
            "treaties/inf.md"
        ],
        "the markdown pages that change"
    );
    // The rest: the briefing (one document, numbered throughout) and the export's tables.
    let rest: Vec<&str> = changed
        .iter()
        .copied()
        .filter(|p| !p.ends_with(".md"))
        .filter(|p| !p.starts_with("briefing.") && !p.starts_with("data/"))
        .collect();
    assert!(rest.is_empty(), "{rest:?}");
    // The new source is the treaty page's, under a number of that page.
    let inf = String::from_utf8(after["treaties/inf.md"].clone()).unwrap();
    assert!(inf.contains(". A news agency, “Lavrov on the INF Treaty”, 2019-02-02."));
}
