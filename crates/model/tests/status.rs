//! Status computation on the real cases the record must get right.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a failed unwrap is a failed test

use serde_json::json;
use treatywatch_model::*;

fn d(s: &str) -> Date {
    Date::parse(s).unwrap()
}

fn treaty(value: serde_json::Value) -> Treaty {
    serde_json::from_value(value).unwrap()
}

fn inf() -> Treaty {
    treaty(json!({
        "id": "inf", "name": "INF", "short_name": "INF Treaty", "kind": "bilateral",
        "opened": "1987-12-08", "entry_into_force": "1988-06-01",
        "end": {"date": "2019-08-02", "reason": "withdrawal"},
        "withdrawal_notice": "P6M",
        "parties": [
            {"actor": "usa", "actions": [
                {"action": "signature", "date": "1987-12-08"},
                {"action": "ratification", "date": "1988-06-01"},
                {"action": "suspension", "date": "2019-02-02"},
                {"action": "withdrawal-notice", "date": "2019-02-02"},
                {"action": "withdrawal", "date": "2019-08-02"}]},
            {"actor": "sun", "actions": [
                {"action": "signature", "date": "1987-12-08"},
                {"action": "ratification", "date": "1988-06-01"}]},
            {"actor": "rus", "actions": [
                {"action": "succession", "date": "1991-12", "from": "sun"},
                {"action": "suspension", "date": "2019-03-04"}]}
        ]
    }))
}

#[test]
fn inf_in_force_until_the_us_withdrawal_took_effect() {
    let inf = inf();
    assert_eq!(
        inf.status_on(&d("1987-12-07")),
        Status::Certain(TreatyStatus::NotOpen)
    );
    assert_eq!(
        inf.status_on(&d("1988-01-01")),
        Status::Certain(TreatyStatus::NotInForce)
    );
    assert_eq!(
        inf.status_on(&d("2019-03-01")),
        Status::Certain(TreatyStatus::InForce)
    );
    assert_eq!(
        inf.status_on(&d("2019-08-02")),
        Status::Certain(TreatyStatus::Ended(EndReason::Withdrawal))
    );
    // A year-precision as-of date straddling the end is uncertain, not guessed.
    assert_eq!(
        inf.status_on(&d("2019")),
        Status::Uncertain(vec![
            TreatyStatus::InForce,
            TreatyStatus::Ended(EndReason::Withdrawal)
        ])
    );
}

#[test]
fn inf_parties_through_succession_and_the_2019_suspensions() {
    let inf = inf();
    let status = |actor: &str, on: &str| inf.party(actor).unwrap().status_on(&d(on));
    assert_eq!(
        status("usa", "1988-05-31"),
        Status::Certain(PartyStatus::Signatory)
    );
    assert_eq!(
        status("usa", "1999-01-01"),
        Status::Certain(PartyStatus::Party)
    );
    assert_eq!(
        status("usa", "2019-03-01"),
        Status::Certain(PartyStatus::Suspended)
    );
    assert_eq!(
        status("usa", "2019-08-02"),
        Status::Certain(PartyStatus::Withdrawn)
    );
    assert_eq!(
        status("rus", "1991-11-30"),
        Status::Certain(PartyStatus::None)
    );
    // Succession dated only to the month: a day inside it is uncertain.
    assert_eq!(
        status("rus", "1991-12-10"),
        Status::Uncertain(vec![PartyStatus::None, PartyStatus::Party])
    );
    assert_eq!(
        status("rus", "2019-03-01"),
        Status::Certain(PartyStatus::Party)
    );
    assert_eq!(
        status("rus", "2019-03-04"),
        Status::Certain(PartyStatus::Suspended)
    );

    // The USSR's participation ends when its successors' succession takes effect.
    assert_eq!(
        inf.party_status_on("sun", &d("1990-01-01")),
        Status::Certain(PartyStatus::Party)
    );
    assert_eq!(
        inf.party_status_on("sun", &d("1999-01-01")),
        Status::Certain(PartyStatus::Succeeded)
    );
    assert_eq!(
        inf.party_status_on("sun", &d("1991-12-10")),
        Status::Uncertain(vec![PartyStatus::Party, PartyStatus::Succeeded])
    );
    assert_eq!(inf.is_bound_on("sun", &d("1999-01-01")), Truth::No);
    assert_eq!(inf.is_bound_on("rus", &d("2019-03-01")), Truth::Yes);
    assert_eq!(
        inf.is_bound_on("rus", &d("2019-03-05")),
        Truth::No,
        "suspended is not bound"
    );
    assert_eq!(inf.is_bound_on("usa", &d("2019-02-02")), Truth::No);
    assert_eq!(inf.is_bound_on("usa", &d("2019-02-01")), Truth::Yes);
    assert_eq!(
        inf.is_bound_on("fra", &d("2000-01-01")),
        Truth::No,
        "never a party"
    );
}

#[test]
fn withdrawing_party_is_still_bound() {
    let abm = treaty(json!({
        "id": "abm", "name": "ABM", "short_name": "ABM Treaty", "kind": "bilateral",
        "opened": "1972-05-26", "entry_into_force": "1972-10-03",
        "end": {"date": "2002-06-13", "reason": "withdrawal"},
        "parties": [{"actor": "usa", "actions": [
            {"action": "signature", "date": "1972-05-26"},
            {"action": "ratification", "date": "1972-10-03"},
            {"action": "withdrawal-notice", "date": "2001-12-13"},
            {"action": "withdrawal", "date": "2002-06-13"}]}]
    }));
    let usa = abm.party("usa").unwrap();
    assert_eq!(
        usa.status_on(&d("2002-01-01")),
        Status::Certain(PartyStatus::Withdrawing)
    );
    assert_eq!(abm.is_bound_on("usa", &d("2002-01-01")), Truth::Yes);
    assert_eq!(abm.is_bound_on("usa", &d("2002-06-13")), Truth::No);
    let after = d("2014-01-01").first_day();
    assert_eq!(abm.was_bound_during("usa", after, after + 365), Truth::No);
    let across = d("2002-01-01").first_day();
    assert_eq!(abm.was_bound_during("usa", across, after), Truth::Yes);
}

#[test]
fn ctbt_revocation_returns_russia_to_signatory_and_the_treaty_never_entered_into_force() {
    let ctbt = treaty(json!({
        "id": "ctbt", "name": "CTBT", "short_name": "CTBT", "kind": "multilateral",
        "opened": "1996-09-24",
        "parties": [{"actor": "rus", "actions": [
            {"action": "signature", "date": "1996-09-24"},
            {"action": "ratification", "date": "2000"},
            {"action": "ratification-revoked", "date": "2023-11-02"}]}]
    }));
    let rus = ctbt.party("rus").unwrap();
    assert_eq!(
        rus.status_on(&d("1999-12-31")),
        Status::Certain(PartyStatus::Signatory)
    );
    assert_eq!(
        rus.status_on(&d("2000-06-15")),
        Status::Uncertain(vec![PartyStatus::Signatory, PartyStatus::Party])
    );
    assert_eq!(
        rus.status_on(&d("2010-01-01")),
        Status::Certain(PartyStatus::Party)
    );
    assert_eq!(
        rus.status_on(&d("2023-11-02")),
        Status::Certain(PartyStatus::Signatory)
    );
    assert_eq!(
        ctbt.status_on(&d("2026-01-01")),
        Status::Certain(TreatyStatus::NotInForce)
    );
    assert_eq!(
        ctbt.is_bound_on("rus", &d("2010-01-01")),
        Truth::No,
        "not in force: nobody is bound"
    );
}

#[test]
fn start_ii_was_never_in_force() {
    let start_ii = treaty(json!({
        "id": "start-ii", "name": "START II", "short_name": "START II", "kind": "bilateral",
        "opened": "1993-01-03",
        "parties": [
            {"actor": "usa", "actions": [{"action": "signature", "date": "1993-01-03"}]},
            {"actor": "rus", "actions": [{"action": "signature", "date": "1993-01-03"}]}]
    }));
    for on in ["1993-01-03", "2000-05-04", "2019-02-03", "2026"] {
        assert_eq!(
            start_ii.status_on(&d(on)),
            Status::Certain(TreatyStatus::NotInForce),
            "{on}"
        );
    }
    assert_eq!(
        start_ii.status_on(&d("1993-01-02")),
        Status::Certain(TreatyStatus::NotOpen)
    );
    assert_eq!(start_ii.is_bound_on("usa", &d("1999-01-01")), Truth::No);
}

#[test]
fn uncertain_statuses_render_their_possibilities() {
    let s: Status<PartyStatus> = Status::Uncertain(vec![PartyStatus::None, PartyStatus::Party]);
    assert_eq!(s.to_string(), "uncertain (none or party)");
    assert_eq!(
        Status::Certain(TreatyStatus::Ended(EndReason::Expiry)).to_string(),
        "ended (expiry)"
    );
}
