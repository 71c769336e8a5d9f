//! Variants of the findings (notes): every value they compare, reduced precision, boundaries.

use super::*;

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
    // Conduct entirely before the treaty existed: nobody was bound.
    let before = claim.replace("period: 2014/..", "period: 1970/1980");
    assert_eq!(
        fired(
            &check(&[("claims/more.yaml", &before)]),
            "accused-not-bound"
        ),
        vec![(Severity::Note, "claims/more.yaml".into(), 6, 12)]
    );
    let until_force = claim
        .replace("accused: sun", "accused: usa")
        .replace("period: 2014/..", "period: ../1988-06-01");
    assert!(
        fired(
            &check(&[("claims/more.yaml", &until_force)]),
            "accused-not-bound"
        )
        .is_empty(),
        "bound on the period's last day, the day the treaty entered into force"
    );
    let until_before = until_force.replace("../1988-06-01", "../1988-05-31");
    assert_eq!(
        fired(
            &check(&[("claims/more.yaml", &until_before)]),
            "accused-not-bound"
        )
        .len(),
        1,
        "not yet in force on any day of it"
    );
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
            INF.as_str(),
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
    // Before it signed, it was no signatory; in the year it signed, it may have been.
    assert!(fires("1987-01-01", "usa", "signatory"), "not yet signed");
    assert!(
        !fires("1987", "usa", "signatory"),
        "signed some day in 1987"
    );
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
            INF.as_str(),
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
        listed("2019-02-03", "usa", INF.as_str()),
        vec![(Severity::Note, "claims/c.yaml".into(), 6, 26)],
        "the United States was still a party"
    );
    assert_eq!(
        listed("2019-08-03", "rus", INF.as_str()),
        vec![(Severity::Note, "claims/c.yaml".into(), 6, 26)],
        "a suspended party is still a party"
    );
    assert!(listed("2019-08-03", "usa", INF.as_str()).is_empty());
    // Leaving a recorded non-party out is a finding only where the record holds every party
    // (the USSR, succeeded, is no nation a list could name).
    assert!(listed("2019-08-03", "sun", INF.as_str()).is_empty());
    let complete = INF.replace("parties:\n", "parties_complete: true\nparties:\n");
    assert_eq!(
        listed("2019-08-03", "sun", &complete),
        vec![(Severity::Note, "claims/c.yaml".into(), 6, 25)],
        "the United States had withdrawn and is not listed"
    );
    assert!(listed("2019-08-03", "usa", &complete).is_empty());
}
