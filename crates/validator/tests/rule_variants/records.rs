//! Variants of the rules about the record itself: shape, dates, references, parties, quotes.

use super::*;

#[test]
fn schema_unknown_field_with_did_you_mean_and_missing_field() {
    let text = CLAIMS.replace("  summary:", "  sumary:");
    let dir = dataset(&[("claims/claims.yaml", &text)]);
    let diagnostics = diagnostics(dir.path());
    let schema: Vec<_> = diagnostics.iter().filter(|d| d.rule == "schema").collect();
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

/// Dates inside lists, and values YAML reads as numbers: each found where it is, with a
/// message that says what to write.
#[test]
fn invalid_date_in_lists_and_as_numbers() {
    let act = INF.replacen(
        "{action: ratification, date: 1988-06-01}",
        "{action: ratification, date: 1988-02-30}",
        1,
    );
    assert_eq!(
        fired(&check(&[("treaties/inf.yaml", &act)]), "invalid-date"),
        vec![e("treaties/inf.yaml", 13, 38)]
    );
    let cases = [
        (
            "date: 2019-02-02",
            "date: 20190",
            "`20190` is not a date: a year has four digits",
        ),
        ("date: 2019-02-02", "date: 2019.5", "`2019.5` is not a date"),
        (
            "period: 1999/..",
            "period: 1999",
            "`1999` is not a period: write `1999/1999` or `1999/..`",
        ),
    ];
    for (from, to, message) in cases {
        let text = CLAIMS.replace(from, to);
        assert_eq!(
            messages(&[("claims/claims.yaml", &text)], "invalid-date"),
            [message],
            "{to}"
        );
        assert!(
            messages(&[("claims/claims.yaml", &text)], "schema").is_empty(),
            "{to}: reported once, by invalid-date"
        );
    }
    // A date of the wrong shape is invalid-date's alone, not also the schema's.
    for (from, to) in [
        ("date: 2019-02-02", "date: 2019-2-2"),
        ("period: 1999/..", "period: 1999-1/.."),
    ] {
        let text = CLAIMS.replace(from, to);
        let found = check(&[("claims/claims.yaml", &text)]);
        assert_eq!(fired(&found, "invalid-date").len(), 1, "{to}: {found:?}");
        assert!(fired(&found, "schema").is_empty(), "{to}: {found:?}");
    }
    // A year written as a number is a year.
    let year = CLAIMS.replace("date: 2019-02-02", "date: 2019");
    assert!(messages(&[("claims/claims.yaml", &year)], "invalid-date").is_empty());
    let notice = INF.replace("withdrawal_notice: P6M", "withdrawal_notice: 6 months");
    assert_eq!(
        fired(&check(&[("treaties/inf.yaml", &notice)]), "invalid-date"),
        vec![e("treaties/inf.yaml", 8, 20)]
    );
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
    let diagnostics = diagnostics(dir.path());
    let d = diagnostics
        .iter()
        .find(|d| d.rule == "unknown-reference")
        .unwrap();
    assert_eq!(d.help.as_deref(), Some("did you mean `sergey-lavrov`?"));
}

/// "Did you mean" names an id of the kind the field expects: `inff` as a treaty is a typo of
/// the treaty `inf`, but as the accused it is no typo of any state.
#[test]
fn unknown_reference_hints_name_the_kind_the_field_expects() {
    let text = CLAIMS
        .replace("  treaty: inf\n", "  treaty: inff\n")
        .replace("  accused: usa\n", "  accused: inff\n");
    let dir = dataset(&[("claims/claims.yaml", &text)]);
    let diagnostics = diagnostics(dir.path());
    let hints: Vec<(Option<&str>, Option<&str>)> = diagnostics
        .iter()
        .filter(|d| d.rule == "unknown-reference")
        .map(|d| (d.pointer.as_deref(), d.help.as_deref()))
        .collect();
    assert_eq!(
        hints,
        vec![
            (Some("/treaty"), Some("did you mean `inf`?")),
            (Some("/accused"), None)
        ]
    );
}

/// References inside lists: the second citation of a claim, a party of a treaty.
#[test]
fn unknown_references_in_lists_are_found_where_they_are() {
    let text = CLAIMS.replace(
        "    - source: kremlin-2019-02-02\n",
        "    - source: kremlin-2019-02-02\n    - source: nope\n",
    );
    assert_eq!(
        fired(
            &check(&[("claims/claims.yaml", &text)]),
            "unknown-reference"
        ),
        vec![e("claims/claims.yaml", 12, 15)]
    );
    let text = INF.replace("  - actor: sun\n", "  - actor: ussr\n");
    assert_eq!(
        fired(&check(&[("treaties/inf.yaml", &text)]), "unknown-reference"),
        vec![e("treaties/inf.yaml", 16, 12)]
    );
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
    // An id that names a claim, checked once every claim is read.
    let text = CLAIMS.replace("treaty: inf", "treaty: lavrov-inf-since-1999");
    assert_eq!(
        messages(&[("claims/claims.yaml", &text)], "wrong-reference-kind"),
        vec!["`lavrov-inf-since-1999` is a claim, but this field expects a treaty"]
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
        "{}  responds_to: [other]\n- id: other\n  date: 2019-02-02\n  claimant: usa\n  kind: other\n  summary: x\n  sources: [{{source: kremlin-2019-02-02}}]\n  responds_to: [lavrov-inf-since-1999]\n",
        *CLAIMS
    );
    let found = check(&[("claims/claims.yaml", &two)]);
    assert_eq!(
        fired(&found, "reference-cycle"),
        vec![
            e("claims/claims.yaml", 12, 17),
            e("claims/claims.yaml", 19, 17)
        ]
    );
    let one = format!("{}  responds_to: [lavrov-inf-since-1999]\n", *CLAIMS);
    assert_eq!(
        fired(&check(&[("claims/claims.yaml", &one)]), "reference-cycle").len(),
        1
    );
    let chain = two.replace("  responds_to: [lavrov-inf-since-1999]\n", "");
    assert!(fired(&check(&[("claims/claims.yaml", &chain)]), "reference-cycle").is_empty());
    // A loop through a claim that does not fit the model (no summary) is not reported: the
    // schema error is, and the loop once it is fixed.
    let untyped = two.replace("  summary: x\n", "");
    let found = check(&[("claims/claims.yaml", &untyped)]);
    assert!(fired(&found, "reference-cycle").is_empty(), "{found:?}");
    assert!(!fired(&found, "schema").is_empty(), "{found:?}");
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
