//! A treaty's entry-into-force condition on a date, and a party's standing as a reader means
//! it: the cases the record must get right, at their edges.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a failed unwrap is a failed test

use serde_json::json;
use treatywatch_model::*;

fn d(s: &str) -> Date {
    Date::parse(s).unwrap()
}

fn day(s: &str) -> DayNumber {
    d(s).first_day()
}

/// A CTBT-like treaty: two listed states, one of them ratifying and revoking, a third that
/// is not listed; 180 days after the last deposit, not before two years after opening.
fn ctbt() -> Treaty {
    let value = json!({
        "id": "ctbt", "name": "CTBT", "short_name": "CTBT", "kind": "multilateral",
        "opened": "1996-09-24",
        "entry_into_force_condition": {
            "ratified_by": ["usa", "rus"], "list_name": "Annex 2",
            "delay": "P180D", "not_before": "P2Y", "source": "text-ctbt"
        },
        "parties": [
            {"actor": "usa", "actions": [{"action": "signature", "date": "1996-09-24"}]},
            {"actor": "rus", "actions": [
                {"action": "signature", "date": "1996-09-24"},
                {"action": "ratification", "date": "2000-06-30"},
                {"action": "ratification-revoked", "date": "2023-11-03"}]},
            {"actor": "fra", "actions": [{"action": "ratification", "date": "1998-04-06"}]}
        ]
    });
    serde_json::from_value(value).unwrap()
}

fn missing(t: &Treaty, on: &str) -> Vec<String> {
    t.condition_on(&d(on))
        .unwrap()
        .missing()
        .map(|s| s.actor.to_string())
        .collect()
}

#[test]
fn the_listed_states_that_had_not_ratified_on_each_day() {
    let t = ctbt();
    assert_eq!(missing(&t, "1996-09-24"), ["usa", "rus"]);
    assert_eq!(missing(&t, "2000-06-29"), ["usa", "rus"]);
    assert_eq!(
        missing(&t, "2000-06-30"),
        ["usa"],
        "a deposit counts on its day"
    );
    assert_eq!(missing(&t, "2023-11-02"), ["usa"]);
    assert_eq!(
        missing(&t, "2023-11-03"),
        ["usa", "rus"],
        "a revocation counts as none"
    );
    let on = t.condition_on(&d("2024-01-01")).unwrap();
    let rus = on
        .states
        .iter()
        .find(|s| s.actor.as_str() == "rus")
        .unwrap();
    assert_eq!(rus.revoked, Some(d("2023-11-03")));
    assert_eq!(rus.status, Status::Certain(PartyStatus::Signatory));
    let usa = on
        .states
        .iter()
        .find(|s| s.actor.as_str() == "usa")
        .unwrap();
    assert_eq!(
        usa.revoked, None,
        "a signatory that never ratified revoked nothing"
    );
    assert_eq!(on.ratified_count(), 0);
    assert_eq!(on.met_from, None);
    // A state outside the list is not counted.
    assert_eq!(on.states.len(), 2);
}

#[test]
fn a_treaty_without_a_condition_has_none() {
    let mut t = ctbt();
    t.entry_into_force_condition = None;
    assert!(t.condition_on(&d("2020-01-01")).is_none());
}

/// A treaty opened on 1996-09-24 whose condition lists the United States and Russia (180
/// days after the last deposit, not before two years after opening), with their acts.
fn usa_and_russia(usa: serde_json::Value, rus: serde_json::Value) -> Treaty {
    serde_json::from_value(json!({
        "id": "t", "name": "T", "short_name": "T", "kind": "multilateral",
        "opened": "1996-09-24",
        "entry_into_force_condition": {
            "ratified_by": ["usa", "rus"], "delay": "P180D", "not_before": "P2Y",
            "source": "s"
        },
        "parties": [{"actor": "usa", "actions": usa}, {"actor": "rus", "actions": rus}]
    }))
    .unwrap()
}

#[test]
fn once_every_listed_state_has_ratified_the_condition_says_from_when() {
    let treaty = |revoked: bool| -> Treaty {
        let mut rus = vec![json!({"action": "ratification", "date": "2000-06-30"})];
        if revoked {
            rus.push(json!({"action": "ratification-revoked", "date": "2023-11-03"}));
        }
        usa_and_russia(
            json!([{"action": "ratification", "date": "2030-01-10"}]),
            json!(rus),
        )
    };
    let ratified = treaty(false);
    let on = ratified.condition_on(&d("2030-01-10")).unwrap();
    assert_eq!(on.ratified_count(), 2);
    assert_eq!(on.missing().count(), 0);
    assert_eq!(
        on.met_from,
        Some(day("2030-07-09")),
        "2030-01-10 plus 180 days"
    );
    // The day before the last deposit, it was not met.
    assert_eq!(
        ratified.condition_on(&d("2030-01-09")).unwrap().met_from,
        None
    );
    // Acts after joining (a suspension) do not move the day the condition was met.
    let mut suspended = treaty(false);
    suspended.parties[1].actions.push(
        serde_json::from_value(json!({"action": "suspension", "date": "2031-01-01"})).unwrap(),
    );
    let later = suspended.condition_on(&d("2032-01-01")).unwrap();
    assert_eq!(later.ratified_count(), 2, "a suspended party has ratified");
    assert_eq!(later.met_from, Some(day("2030-07-09")));
    // With the revocation, Russia is missing again and nothing is met.
    let revoked = treaty(true);
    assert_eq!(missing(&revoked, "2030-01-10"), ["rus"]);
    assert_eq!(
        revoked.condition_on(&d("2030-01-10")).unwrap().met_from,
        None
    );
}

#[test]
fn the_condition_is_not_met_before_its_earliest_date() {
    // Both ratify in the first year: the two years after opening decide.
    let t = usa_and_russia(
        json!([{"action": "ratification", "date": "1996-10-01"}]),
        json!([{"action": "accession", "date": "1996-11-01"}]),
    );
    let on = t.condition_on(&d("1997-01-01")).unwrap();
    assert_eq!(on.met_from, Some(day("1998-09-24")));
}

#[test]
fn a_reduced_precision_deposit_leaves_the_state_undecided() {
    let t: Treaty = serde_json::from_value(json!({
        "id": "t", "name": "T", "short_name": "T", "kind": "multilateral",
        "opened": "1996-09-24",
        "entry_into_force_condition": {"ratified_by": ["usa"], "source": "s"},
        "parties": [{"actor": "usa", "actions": [{"action": "ratification", "date": "2001"}]}]
    }))
    .unwrap();
    let on = t.condition_on(&d("2001-06-01")).unwrap();
    assert_eq!(on.undecided().count(), 1);
    assert_eq!(on.missing().count(), 0);
    assert_eq!(on.met_from, None);
    let after = t.condition_on(&d("2002-01-01")).unwrap();
    assert_eq!(after.ratified_count(), 1);
    // Counted at the last day the year may stand for, without a delay.
    assert_eq!(after.met_from, Some(day("2001-12-31")));
}

fn actor(id: &str, existed: Option<&str>) -> Actor {
    let mut value = json!({"id": id, "name": id.to_uppercase(), "kind": "state"});
    if let Some(p) = existed {
        value["existed"] = json!(p);
    }
    serde_json::from_value(value).unwrap()
}

fn inf() -> Treaty {
    serde_json::from_value(json!({
        "id": "inf", "name": "INF", "short_name": "INF Treaty", "kind": "bilateral",
        "opened": "1987-12-08", "entry_into_force": "1988-06-01",
        "end": {"date": "2019-08-02", "reason": "withdrawal"},
        "parties": [
            {"actor": "usa", "actions": [
                {"action": "ratification", "date": "1988-06-01"},
                {"action": "withdrawal-notice", "date": "2019-02-02"},
                {"action": "withdrawal", "date": "2019-08-02"}]},
            {"actor": "sun", "actions": [{"action": "ratification", "date": "1988-06-01"}]},
            {"actor": "rus", "actions": [
                {"action": "succession", "date": "1991-12", "from": "sun"},
                {"action": "suspension", "date": "2019-03-04"}]},
            {"actor": "ukr", "actions": [
                {"action": "succession", "date": "1991-12", "from": "sun"}]},
            {"actor": "cze", "actions": [
                {"action": "succession", "date": "1993-01-01", "from": "csk"}]},
            {"actor": "xyz", "actions": [{"action": "signature", "date": "1987-12-08"}]}
        ]
    }))
    .unwrap()
}

#[test]
fn a_state_that_ceased_to_exist_is_shown_as_such_with_its_successors() {
    let t = inf();
    let sun = actor("sun", Some("1922-12-30/1991-12-26"));
    let ceased = Standing::Ceased {
        on: d("1991-12-26"),
        successors: vec![Id("rus".into()), Id("ukr".into())],
    };
    assert_eq!(t.standing_on("sun", Some(&sun), &d("1992-01-01")), ceased);
    assert_eq!(
        ceased.words(|id| id.to_uppercase()),
        "ceased to exist 1991-12-26; succeeded by RUS, UKR"
    );
    assert_eq!(ceased.name(), "ceased");
    assert_eq!(t.successors_of("csk"), vec![Id("cze".into())]);
    assert!(t.successors_of("rus").is_empty());
    // On its last day it still existed; without its record, its acts decide.
    assert_eq!(
        t.standing_on("sun", Some(&sun), &d("1991-12-26")).name(),
        "uncertain",
        "Russia's succession of 1991-12 may or may not have happened by then"
    );
    assert_eq!(
        t.standing_on("sun", None, &d("1992-01-01")),
        Standing::Status(Status::Certain(PartyStatus::Succeeded))
    );
    let alone = Standing::Ceased {
        on: d("1990-10-03"),
        successors: Vec::new(),
    };
    assert_eq!(alone.to_string(), "ceased to exist 1990-10-03");
}

#[test]
fn the_parties_of_an_ended_treaty_are_former_parties() {
    let t = inf();
    let rus = actor("rus", Some("1991-12-25/.."));
    let former = t.standing_on("rus", Some(&rus), &d("2019-08-02"));
    assert_eq!(
        former,
        Standing::FormerParty {
            ended: d("2019-08-02")
        }
    );
    assert_eq!(former.to_string(), "former party (treaty ended 2019-08-02)");
    assert_eq!(former.name(), "former-party");
    // The day before the end, Russia's suspension is what it was.
    assert_eq!(
        t.standing_on("rus", Some(&rus), &d("2019-08-01")),
        Standing::Status(Status::Certain(PartyStatus::Suspended))
    );
    // A party that withdrew stays withdrawn; a signatory stays a signatory.
    assert_eq!(
        t.standing_on("usa", None, &d("2020-01-01")).to_string(),
        "withdrawn"
    );
    assert_eq!(
        t.standing_on("xyz", None, &d("2020-01-01")).to_string(),
        "signatory"
    );
    assert_eq!(
        t.standing_on("ukr", None, &d("2020-01-01")).name(),
        "former-party"
    );
    // While the end itself is uncertain (some day of 2019), no one is called a former party:
    // its acts' status stands.
    assert_eq!(t.standing_on("ukr", None, &d("2019")).name(), "party");
}
