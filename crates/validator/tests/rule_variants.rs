//! Each rule's cases beyond its fixture (`tests/rules/<rule>/`, run by `fixtures.rs`): the
//! boundaries, reduced-precision dates and near misses, each asserting rule, severity, file,
//! line and column on a small dataset written inline.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a failed unwrap is a failed test

use std::path::Path;

use treatywatch_loader::{Limits, Severity};
use treatywatch_model::Date;
use treatywatch_validator::{Options, validate};

const ACTORS: &str = "\
- id: usa
  name: United States
  kind: state
  existed: 1776-07-04/..
- id: sun
  name: Soviet Union
  kind: state
  existed: 1922-12-30/1991-12-26
- id: rus
  name: Russia
  kind: state
  existed: 1991-12-25/..
- id: sergey-lavrov
  name: Sergey Lavrov
  kind: person
  roles:
    - title: Minister of Foreign Affairs
      of: rus
      period: 2004-03-09/..
";

const INF: &str = "\
id: inf
name: Treaty on the Elimination of Intermediate-Range and Shorter-Range Missiles
short_name: INF Treaty
kind: bilateral
opened: 1987-12-08
entry_into_force: 1988-06-01
end: {date: 2019-08-02, reason: withdrawal}
withdrawal_notice: P6M
parties:
  - actor: usa
    actions:
      - {action: signature, date: 1987-12-08}
      - {action: ratification, date: 1988-06-01}
      - {action: withdrawal-notice, date: 2019-02-02}
      - {action: withdrawal, date: 2019-08-02}
  - actor: sun
    actions:
      - {action: signature, date: 1987-12-08}
      - {action: ratification, date: 1988-06-01}
  - actor: rus
    actions:
      - {action: succession, date: 1991-12, from: sun}
      - {action: suspension, date: 2019-03-04}
";

const SOURCES: &str = "\
- id: kremlin-2019-02-02
  title: Meeting with Sergei Lavrov and Sergei Shoigu
  kind: transcript
  publisher: Kremlin
  published: 2019-02-02
  url: https://example.org/kremlin
- id: article-2019-02-03
  title: Russian Foreign and Defense Ministers on US Treaty Breaches
  kind: opinion
  publisher: Global Research
  published: 2019-02-03
  url: https://example.org/article
";

const CLAIMS: &str = "\
- id: lavrov-inf-since-1999
  date: 2019-02-02
  claimant: sergey-lavrov
  on_behalf_of: rus
  kind: violation
  treaty: inf
  accused: usa
  period: 1999/..
  summary: The US has violated the INF Treaty since 1999.
  sources:
    - source: kremlin-2019-02-02
";

/// A dataset: the base files, with some replaced or added.
fn dataset(changes: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let base = [
        ("actors/actors.yaml", ACTORS),
        ("treaties/inf.yaml", INF),
        ("sources/sources.yaml", SOURCES),
        ("claims/claims.yaml", CLAIMS),
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

#[test]
fn schema_unknown_field_with_did_you_mean_and_missing_field() {
    let text = CLAIMS.replace("  summary:", "  sumary:");
    let dir = dataset(&[("claims/claims.yaml", &text)]);
    let data = treatywatch_loader::load(dir.path(), Limits::default()).unwrap();
    let outcome = validate(
        &data,
        &Options {
            as_of: Date::parse("2026-11-27").unwrap(),
        },
    );
    let schema: Vec<_> = outcome
        .diagnostics
        .iter()
        .filter(|d| d.rule == "schema")
        .collect();
    assert_eq!(schema.len(), 2, "{schema:?}");
    let unknown = schema
        .iter()
        .find(|d| d.message.contains("unknown field"))
        .unwrap();
    assert_eq!((unknown.span.line, unknown.span.column), (9, 3));
    assert_eq!(unknown.help.as_deref(), Some("did you mean `summary`?"));
    assert_eq!(unknown.pointer.as_deref(), Some("/sumary"));
    assert_eq!(unknown.record.as_deref(), Some("lavrov-inf-since-1999"));
    let missing = schema
        .iter()
        .find(|d| d.message.contains("missing field `summary`"))
        .unwrap();
    assert_eq!((missing.span.line, missing.span.column), (1, 3));
}

#[test]
fn schema_kind_specific_requirements() {
    let text = CLAIMS.replace("  accused: usa\n", "");
    let found = check(&[("claims/claims.yaml", &text)]);
    assert_eq!(fired(&found, "schema"), vec![e("claims/claims.yaml", 1, 3)]);
    let status = CLAIMS.replace("kind: violation", "kind: status");
    let found = check(&[("claims/claims.yaml", &status)]);
    assert_eq!(
        fired(&found, "schema").len(),
        1,
        "a status claim needs asserted_status: {found:?}"
    );
    let ok = status.replace("  accused: usa\n", "  asserted_status: in-force\n");
    assert!(fired(&check(&[("claims/claims.yaml", &ok)]), "schema").is_empty());
}

#[test]
fn invalid_date() {
    let text = CLAIMS.replace("date: 2019-02-02", "date: 2019-02-30");
    let found = check(&[("claims/claims.yaml", &text)]);
    assert_eq!(
        fired(&found, "invalid-date"),
        vec![e("claims/claims.yaml", 2, 9)]
    );
    assert!(
        fired(&found, "schema").is_empty(),
        "reported once, by invalid-date: {found:?}"
    );
    let period = CLAIMS.replace("period: 1999/..", "period: 1999-13/..");
    assert_eq!(
        fired(&check(&[("claims/claims.yaml", &period)]), "invalid-date"),
        vec![e("claims/claims.yaml", 8, 11)]
    );
    let leap = CLAIMS.replace("date: 2019-02-02", "date: 2016-02-29");
    assert!(fired(&check(&[("claims/claims.yaml", &leap)]), "invalid-date").is_empty());
}

#[test]
fn unknown_reference_with_a_hint() {
    let text = CLAIMS.replace("claimant: sergey-lavrov", "claimant: sergei-lavrov");
    let dir = dataset(&[("claims/claims.yaml", &text)]);
    let found = check_at(dir.path(), "2026-11-27");
    assert_eq!(
        fired(&found, "unknown-reference"),
        vec![e("claims/claims.yaml", 3, 13)]
    );
    let data = treatywatch_loader::load(dir.path(), Limits::default()).unwrap();
    let outcome = validate(
        &data,
        &Options {
            as_of: Date::parse("2026-11-27").unwrap(),
        },
    );
    let d = outcome
        .diagnostics
        .iter()
        .find(|d| d.rule == "unknown-reference")
        .unwrap();
    assert_eq!(d.help.as_deref(), Some("did you mean `sergey-lavrov`?"));
}

#[test]
fn wrong_reference_kind() {
    let text = CLAIMS.replace("accused: usa", "accused: sergey-lavrov");
    assert_eq!(
        fired(
            &check(&[("claims/claims.yaml", &text)]),
            "wrong-reference-kind"
        ),
        vec![e("claims/claims.yaml", 7, 12)]
    );
    let text = CLAIMS.replace("treaty: inf", "treaty: usa");
    assert_eq!(
        fired(
            &check(&[("claims/claims.yaml", &text)]),
            "wrong-reference-kind"
        ),
        vec![e("claims/claims.yaml", 6, 11)]
    );
    let text = CLAIMS.replace("claimant: sergey-lavrov", "claimant: rus");
    assert!(
        fired(
            &check(&[("claims/claims.yaml", &text)]),
            "wrong-reference-kind"
        )
        .is_empty(),
        "a state may be a claimant"
    );
}

#[test]
fn date_order() {
    let text = INF.replace(
        "entry_into_force: 1988-06-01",
        "entry_into_force: 1987-06-01",
    );
    let found = check(&[("treaties/inf.yaml", &text)]);
    assert_eq!(
        fired(&found, "date-order"),
        vec![e("treaties/inf.yaml", 6, 19)]
    );
    let text = INF.replace(
        "{action: withdrawal, date: 2019-08-02}",
        "{action: withdrawal, date: 2019-01-02}",
    );
    assert!(
        fired(&check(&[("treaties/inf.yaml", &text)]), "date-order").contains(&e(
            "treaties/inf.yaml",
            15,
            36
        ))
    );
    // A year-precision notice in the withdrawal's year is not certainly after it.
    let text = INF.replace(
        "{action: withdrawal-notice, date: 2019-02-02}",
        "{action: withdrawal-notice, date: 2019}",
    );
    assert!(fired(&check(&[("treaties/inf.yaml", &text)]), "date-order").is_empty());
}

#[test]
fn action_outside_treaty() {
    let text = INF.replace(
        "- {action: suspension, date: 2019-03-04}",
        "- {action: suspension, date: 2020-03-04}",
    );
    assert_eq!(
        fired(
            &check(&[("treaties/inf.yaml", &text)]),
            "action-outside-treaty"
        ),
        vec![e("treaties/inf.yaml", 23, 36)]
    );
    let text = INF.replace(
        "- {action: suspension, date: 2019-03-04}",
        "- {action: suspension, date: 2019}",
    );
    assert!(
        fired(
            &check(&[("treaties/inf.yaml", &text)]),
            "action-outside-treaty"
        )
        .is_empty()
    );
}

#[test]
fn actor_not_existing() {
    let text = INF.replace(
        "{action: succession, date: 1991-12, from: sun}",
        "{action: succession, date: 1990-12-01, from: sun}",
    );
    assert_eq!(
        fired(
            &check(&[("treaties/inf.yaml", &text)]),
            "actor-not-existing"
        ),
        vec![e("treaties/inf.yaml", 22, 36)]
    );
    // `1991-12` straddles Russia's start (1991-12-25): not certain, so no error.
    assert!(fired(&check(&[]), "actor-not-existing").is_empty());
}

#[test]
fn not_a_party() {
    let start_ii = "\
id: start-ii
name: START II
short_name: START II
kind: bilateral
opened: 1993-01-03
parties:
  - actor: usa
    actions: [{action: signature, date: 1993-01-03}]
  - actor: rus
    actions:
      - {action: signature, date: 1993-01-03}
      - {action: withdrawal, date: 2002-06-14}
";
    assert_eq!(
        fired(
            &check(&[("treaties/start-ii.yaml", start_ii)]),
            "not-a-party"
        ),
        vec![e("treaties/start-ii.yaml", 12, 18)]
    );
    let ratified = start_ii.replace(
        "      - {action: withdrawal",
        "      - {action: ratification, date: 2000}\n      - {action: withdrawal",
    );
    assert!(
        fired(
            &check(&[("treaties/start-ii.yaml", &ratified)]),
            "not-a-party"
        )
        .is_empty()
    );
}

#[test]
fn claim_after_source() {
    let text = CLAIMS.replace("date: 2019-02-02", "date: 2019-02-05");
    assert_eq!(
        fired(
            &check(&[("claims/claims.yaml", &text)]),
            "claim-after-source"
        ),
        vec![e("claims/claims.yaml", 11, 15)]
    );
    let text = CLAIMS.replace("date: 2019-02-02", "date: 2019-02");
    assert!(
        fired(
            &check(&[("claims/claims.yaml", &text)]),
            "claim-after-source"
        )
        .is_empty()
    );
}

#[test]
fn future_date() {
    let dir = dataset(&[]);
    let found = check_at(dir.path(), "2019-02-02");
    // The INF withdrawal took effect after 2019-02-02; the article was published after it.
    let hits = fired(&found, "future-date");
    assert!(hits.contains(&e("treaties/inf.yaml", 15, 36)), "{hits:?}");
    assert!(
        hits.contains(&e("sources/sources.yaml", 11, 14)),
        "{hits:?}"
    );
    assert!(fired(&check_at(dir.path(), "2019-12-31"), "future-date").is_empty());
    // A scheduled expiry may lie ahead.
    let text = INF.replace(
        "end: {date: 2019-08-02, reason: withdrawal}",
        "end: {date: 2031-08-02, reason: expiry}",
    );
    let dir = dataset(&[("treaties/inf.yaml", &text)]);
    assert!(fired(&check_at(dir.path(), "2026-01-01"), "future-date").is_empty());
}

#[test]
fn reference_cycle() {
    let two = format!(
        "{CLAIMS}  responds_to: [other]\n- id: other\n  date: 2019-02-02\n  claimant: usa\n  kind: other\n  summary: x\n  sources: [{{source: kremlin-2019-02-02}}]\n  responds_to: [lavrov-inf-since-1999]\n"
    );
    let found = check(&[("claims/claims.yaml", &two)]);
    assert_eq!(
        fired(&found, "reference-cycle"),
        vec![
            e("claims/claims.yaml", 12, 17),
            e("claims/claims.yaml", 19, 17)
        ]
    );
    let one = format!("{CLAIMS}  responds_to: [lavrov-inf-since-1999]\n");
    assert_eq!(
        fired(&check(&[("claims/claims.yaml", &one)]), "reference-cycle").len(),
        1
    );
    let chain = two.replace("  responds_to: [lavrov-inf-since-1999]\n", "");
    assert!(fired(&check(&[("claims/claims.yaml", &chain)]), "reference-cycle").is_empty());
}

#[test]
fn notice_period() {
    let text = INF.replace(
        "{action: withdrawal, date: 2019-08-02}",
        "{action: withdrawal, date: 2019-05-02}",
    );
    assert_eq!(
        fired(&check(&[("treaties/inf.yaml", &text)]), "notice-period"),
        vec![(Severity::Warning, "treaties/inf.yaml".into(), 15, 36)]
    );
    // A notice known only to the year may have been given early enough.
    let text = INF.replace(
        "{action: withdrawal-notice, date: 2019-02-02}",
        "{action: withdrawal-notice, date: 2019}",
    );
    assert!(fired(&check(&[("treaties/inf.yaml", &text)]), "notice-period").is_empty());
    // Silenced by `allow` on the treaty, with a reason.
    let allowed = INF.replace(
        "{action: withdrawal, date: 2019-08-02}",
        "{action: withdrawal, date: 2019-05-02}",
    ) + "allow:\n  - {rule: notice-period, reason: counted an earlier notice}\n";
    assert!(fired(&check(&[("treaties/inf.yaml", &allowed)]), "notice-period").is_empty());
}

#[test]
fn errors_cannot_be_allowed() {
    let text = INF.replace(
        "entry_into_force: 1988-06-01",
        "entry_into_force: 1987-06-01",
    ) + "allow:\n  - {rule: date-order, reason: no}\n";
    assert_eq!(
        fired(&check(&[("treaties/inf.yaml", &text)]), "date-order").len(),
        1
    );
}

#[test]
fn role_mismatch() {
    let text = CLAIMS
        .replace("date: 2019-02-02", "date: 2003-02-02")
        .replace("period: 1999/..", "period: 1999/2003");
    assert_eq!(
        fired(&check(&[("claims/claims.yaml", &text)]), "role-mismatch"),
        vec![(Severity::Warning, "claims/claims.yaml".into(), 4, 17)]
    );
    let text = CLAIMS.replace("date: 2019-02-02", "date: 2004-03");
    assert!(fired(&check(&[("claims/claims.yaml", &text)]), "role-mismatch").is_empty());
}

#[test]
fn status_contradiction() {
    let claim = "\
- id: start-claim
  date: 2019-02-03
  claimant: usa
  kind: status
  treaty: inf
  asserted_status: ended
  summary: The INF Treaty has ended.
  sources: [{source: article-2019-02-03}]
";
    assert_eq!(
        fired(
            &check(&[("claims/status.yaml", claim)]),
            "status-contradiction"
        ),
        vec![(Severity::Note, "claims/status.yaml".into(), 6, 20)]
    );
    let right = claim.replace("asserted_status: ended", "asserted_status: in-force");
    assert!(
        fired(
            &check(&[("claims/status.yaml", &right)]),
            "status-contradiction"
        )
        .is_empty()
    );
    // A claim dated only to 2019 straddles the end: not certainly wrong either way.
    let year = claim.replace("date: 2019-02-03", "date: 2019");
    assert!(
        fired(
            &check(&[("claims/status.yaml", &year)]),
            "status-contradiction"
        )
        .is_empty()
    );
}

#[test]
fn accused_not_bound() {
    let claim = "\
- id: after-the-end
  date: 2019-02-03
  claimant: sergey-lavrov
  kind: violation
  treaty: inf
  accused: sun
  period: 2014/..
  summary: The USSR violated the INF Treaty since 2014.
  sources: [{source: article-2019-02-03}]
";
    assert_eq!(
        fired(&check(&[("claims/more.yaml", claim)]), "accused-not-bound"),
        vec![(Severity::Note, "claims/more.yaml".into(), 6, 12)]
    );
    let bound = claim.replace("accused: sun", "accused: usa");
    assert!(fired(&check(&[("claims/more.yaml", &bound)]), "accused-not-bound").is_empty());
    // A suspended party is not bound: Russia after 2019-03-04.
    let suspended = claim
        .replace("accused: sun", "accused: rus")
        .replace("period: 2014/..", "period: 2019-04/2019-07");
    assert_eq!(
        fired(
            &check(&[("claims/more.yaml", &suspended)]),
            "accused-not-bound"
        )
        .len(),
        1
    );
}

#[test]
fn every_problem_in_every_file_in_one_run() {
    let found = check(&[
        ("claims/bad.yaml", "- id: [\n"),
        (
            "claims/claims.yaml",
            &CLAIMS.replace("claimant: sergey-lavrov", "claimant: nobody"),
        ),
        (
            "treaties/inf.yaml",
            &INF.replace("opened: 1987-12-08", "opened: 1987-12-32"),
        ),
    ]);
    let rules: std::collections::BTreeSet<_> = found.iter().map(|d| d.0.as_str()).collect();
    for r in ["parse-error", "unknown-reference", "invalid-date"] {
        assert!(rules.contains(r), "{r} missing from {found:?}");
    }
}

#[test]
fn quote_not_in_source() {
    const TEXT: &str = "According to Lavrov, the US has been violating the treaty at least since \
        1999 \u{2013} by \u{201c}testing combat unmanned aerial vehicles that have the same \
        characteristics as land-based cruise missiles banned by the treaty,\u{201d} adding:\n\n\
        Another paragraph.\n";
    let quoted = |quote: &str| {
        CLAIMS
            .replace(
                "  summary: The US",
                &format!("  quote: \"{quote}\"\n  summary: The US"),
            )
            .replace("source: kremlin-2019-02-02", "source: article-2019-02-03")
    };
    // Verbatim, across typography: silent.
    let exact =
        quoted("testing combat unmanned aerial vehicles that have the same characteristics");
    let found = check(&[
        ("claims/claims.yaml", &exact),
        ("texts/article-2019-02-03.txt", TEXT),
    ]);
    assert!(fired(&found, "quote-not-in-source").is_empty(), "{found:?}");
    // With an omission marked: silent.
    let omitted = quoted("testing combat ... vehicles that have the same characteristics");
    let found = check(&[
        ("claims/claims.yaml", &omitted),
        ("texts/article-2019-02-03.txt", TEXT),
    ]);
    assert!(fired(&found, "quote-not-in-source").is_empty(), "{found:?}");
    // One word changed: an error on the quote's line.
    let changed =
        quoted("testing combat unmanned aerial vehicles that have similar characteristics");
    let found = check(&[
        ("claims/claims.yaml", &changed),
        ("texts/article-2019-02-03.txt", TEXT),
    ]);
    assert_eq!(
        fired(&found, "quote-not-in-source"),
        vec![(Severity::Error, "claims/claims.yaml".into(), 9, 10)]
    );
    // No archived text for the cited source: not checked.
    let found = check(&[("claims/claims.yaml", &changed)]);
    assert!(fired(&found, "quote-not-in-source").is_empty(), "{found:?}");
    // A text no source record claims is a stray file.
    let found = check(&[("texts/nobody.txt", TEXT)]);
    assert_eq!(
        fired(&found, "ignored-file"),
        vec![(Severity::Warning, "texts/nobody.txt".into(), 1, 1)]
    );
}

#[test]
fn end_contradiction() {
    const NEW_START: &str = "\
id: new-start
name: Treaty on Measures for the Further Reduction and Limitation of Strategic Offensive Arms
short_name: New START
kind: bilateral
opened: 2010-04-08
entry_into_force: 2011-02-05
term: P10Y
extensions:
  - {date: 2021-02-03, until: 2026-02-05}
end: {date: 2026-02-05, reason: expiry}
parties:
  - actor: usa
    actions:
      - {action: signature, date: 2010-04-08}
      - {action: ratification, date: 2011-02-05}
  - actor: rus
    actions:
      - {action: signature, date: 2010-04-08}
      - {action: ratification, date: 2011-02-05}
";
    let claim = |date: &str, end: &str| {
        format!(
            "\
- id: lavrov-new-start-expires
  date: {date}
  claimant: sergey-lavrov
  on_behalf_of: rus
  kind: status
  treaty: new-start
  asserted_end: {end}
  summary: New START expires.
  sources:
    - source: article-2019-02-03
"
        )
    };
    let run = |date: &str, end: &str| {
        let text = claim(date, end);
        fired(
            &check(&[
                ("treaties/new-start.yaml", NEW_START),
                ("claims/claims.yaml", &text),
            ]),
            "end-contradiction",
        )
    };
    // Said in 2019: the record of 2019 had it expiring on 2021-02-05 (the extension came later).
    assert!(run("2019-02-03", "2021").is_empty());
    assert!(run("2019-02-03", "2021-02").is_empty());
    assert_eq!(
        run("2019-02-03", "2020"),
        vec![(Severity::Note, "claims/claims.yaml".into(), 7, 17)]
    );
    // Said after the extension of 2021-02-03: 2026-02-05, so "2021" is a finding.
    assert_eq!(
        run("2022-03-01", "2021"),
        vec![(Severity::Note, "claims/claims.yaml".into(), 7, 17)]
    );
    assert!(run("2022-03-01", "2026").is_empty());
    // Said some day in February 2021: before or after the extension, the record cannot tell.
    assert!(run("2021-02", "2021").is_empty());
}

/// `status-contradiction` with each asserted value as people use it, on the INF Treaty of the
/// base dataset (in force 1988-06-01, ended by withdrawal 2019-08-02) and on a treaty that was
/// opened, never entered into force and was abandoned (START II's story).
#[test]
fn status_contradiction_speaks_as_people_do() {
    const NEVER: &str = "\
id: start-ii
name: Treaty on Further Reduction and Limitation of Strategic Offensive Arms
short_name: START II
kind: bilateral
opened: 1993-01-03
end: {date: 2002-06-14, reason: withdrawal}
parties:
  - actor: usa
    actions:
      - {action: signature, date: 1993-01-03}
  - actor: rus
    actions:
      - {action: signature, date: 1993-01-03}
";
    let claim = |treaty: &str, date: &str, status: &str| {
        format!(
            "- id: c\n  date: {date}\n  claimant: usa\n  kind: status\n  treaty: {treaty}\n  asserted_status: {status}\n  summary: x\n  sources: [{{source: article-2019-02-03}}]\n"
        )
    };
    let fires = |treaty: &str, date: &str, status: &str| {
        let text = claim(treaty, date, status);
        !fired(
            &check(&[("treaties/start-ii.yaml", NEVER), ("claims/c.yaml", &text)]),
            "status-contradiction",
        )
        .is_empty()
    };
    // not-in-force: binds no one, whether not yet in force or ended.
    assert!(
        !fires("inf", "2019-08-02", "not-in-force"),
        "ended is not in force"
    );
    assert!(
        !fires("inf", "1988-01-01", "not-in-force"),
        "signed, not yet in force"
    );
    assert!(fires("inf", "2019-02-03", "not-in-force"));
    assert!(!fires("start-ii", "2019-02-03", "not-in-force"));
    // never-in-force: opened and never in force up to then, whatever happened since.
    assert!(
        !fires("start-ii", "2019-02-03", "never-in-force"),
        "abandoned, never in force"
    );
    assert!(!fires("start-ii", "1995-01-01", "never-in-force"));
    assert!(!fires("inf", "1988-01-01", "never-in-force"));
    assert!(
        fires("inf", "2019-08-02", "never-in-force"),
        "it was in force until 2019"
    );
    assert!(fires("inf", "2019-02-03", "never-in-force"));
    // ended: on or before the claim's date.
    assert!(!fires("start-ii", "2019-02-03", "ended"));
    assert!(fires("start-ii", "2002-06-13", "ended"));
    assert!(
        !fires("start-ii", "2002-06-14", "ended"),
        "on the end day itself"
    );
    // in-force.
    assert!(fires("start-ii", "2019-02-03", "in-force"));
    assert!(!fires("inf", "1988-06-01", "in-force"));
    // Reduced precision: 2019 straddles the INF Treaty's end, so neither reading is certain.
    assert!(!fires("inf", "2019", "not-in-force"));
    assert!(!fires("inf", "2019", "in-force"));
}

/// `party-status-contradiction` on the base INF Treaty: the United States signed, ratified,
/// gave notice on 2019-02-02 and withdrew on 2019-08-02; the USSR signed and ratified; Russia
/// succeeded it in 1991-12 and suspended the Treaty on 2019-03-04.
#[test]
fn party_status_contradiction() {
    let fires_with = |treaty: &str, date: &str, kind: &str, extra: &str| {
        let claim = format!(
            "- id: c\n  date: {date}\n  claimant: usa\n  kind: {kind}\n  treaty: inf\n{extra}  summary: x\n  sources: [{{source: article-2019-02-03}}]\n"
        );
        let found = check(&[("treaties/inf.yaml", treaty), ("claims/c.yaml", &claim)]);
        fired(&found, "party-status-contradiction")
    };
    let fires = |date: &str, party: &str, status: &str| {
        !fires_with(
            INF,
            date,
            "status",
            &format!("  party: {party}\n  asserted_party_status: {status}\n"),
        )
        .is_empty()
    };
    // A successor is a party, and counts as having signed.
    assert!(!fires("2019-02-03", "rus", "party"));
    assert!(!fires("2019-02-03", "rus", "signatory"));
    assert!(
        fires("2019-02-03", "sun", "party"),
        "the USSR was succeeded"
    );
    // Suspended: still a party, not bound.
    assert!(!fires("2019-03-05", "rus", "suspended"));
    assert!(!fires("2019-03-05", "rus", "party"));
    assert!(!fires("2019-03-05", "rus", "not-bound"));
    assert!(fires("2019-03-05", "rus", "bound"));
    assert!(fires("2019-02-03", "rus", "suspended"));
    // Withdrawing: still a party and bound until the withdrawal takes effect.
    assert!(!fires("2019-02-03", "usa", "bound"));
    assert!(!fires("2019-02-03", "usa", "party"));
    assert!(fires("2019-02-03", "usa", "not-bound"));
    assert!(fires("2019-02-03", "usa", "withdrawn"));
    assert!(fires("2019-02-03", "usa", "non-party"));
    // Withdrawn: a non-party, no longer a signatory.
    assert!(!fires("2019-08-02", "usa", "withdrawn"));
    assert!(!fires("2019-08-02", "usa", "non-party"));
    assert!(fires("2019-08-02", "usa", "signatory"));
    assert!(fires("2019-08-02", "usa", "party"));
    // Before it ratified, the United States was a signatory and not bound.
    assert!(!fires("1988-01-01", "usa", "signatory"));
    assert!(!fires("1988-01-01", "usa", "not-bound"));
    assert!(fires("1988-01-01", "usa", "party"));
    // Reduced precision: Russia's succession "1991-12" and a claim of "1991" may fall either way.
    assert!(!fires("1991", "rus", "party"));
    assert!(!fires("1991", "rus", "non-party"));
    assert!(fires("1990", "rus", "party"));

    // A withdrawal claim: the notice of 2019-02-02 and the withdrawal of 2019-08-02.
    let withdrawal = |period: &str, accused: &str| {
        fires_with(
            INF,
            "2019-12-01",
            "withdrawal",
            &format!("  accused: {accused}\n{period}"),
        )
    };
    assert!(withdrawal("  period: 2019/2019\n", "usa").is_empty());
    assert!(withdrawal("", "usa").is_empty(), "by the claim's date");
    assert_eq!(
        withdrawal("  period: 2018/2018\n", "usa"),
        vec![(Severity::Note, "claims/c.yaml".into(), 6, 12)]
    );
    assert!(
        !withdrawal("", "rus").is_empty(),
        "Russia suspended, it did not withdraw"
    );

    // A list of non-parties.
    let listed = |date: &str, list: &str, treaty: &str| {
        fires_with(
            treaty,
            date,
            "status",
            &format!("  asserted_non_parties: [{list}]\n"),
        )
    };
    assert_eq!(
        listed("2019-02-03", "usa", INF),
        vec![(Severity::Note, "claims/c.yaml".into(), 6, 26)],
        "the United States was still a party"
    );
    assert_eq!(
        listed("2019-08-03", "rus", INF),
        vec![(Severity::Note, "claims/c.yaml".into(), 6, 26)],
        "a suspended party is still a party"
    );
    assert!(listed("2019-08-03", "usa", INF).is_empty());
    // Leaving a recorded non-party out is a finding only where the record holds every party
    // (the USSR, succeeded, is no nation a list could name).
    assert!(listed("2019-08-03", "sun", INF).is_empty());
    let complete = INF.replace("parties:\n", "parties_complete: true\nparties:\n");
    assert_eq!(
        listed("2019-08-03", "sun", &complete),
        vec![(Severity::Note, "claims/c.yaml".into(), 6, 25)],
        "the United States had withdrawn and is not listed"
    );
    assert!(listed("2019-08-03", "usa", &complete).is_empty());
}
