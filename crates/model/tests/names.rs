//! Every enum's name in output (`as_str`, from strum's derive) is the name the data uses
//! (serde's): one spelling, checked for every variant.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a failed unwrap is a failed test

use serde::Serialize;
use strum::IntoEnumIterator;
use treatywatch_model::{
    ActionKind, ActorKind, AssertedPartyStatus, AssertedStatus, ClaimKind, EndReason, SourceKind,
    TreatyKind, Verdict,
};

fn same<T: IntoEnumIterator + Serialize + std::fmt::Debug>(as_str: impl Fn(&T) -> &'static str) {
    let mut count = 0;
    for variant in T::iter() {
        let serde = serde_json::to_value(&variant).unwrap();
        assert_eq!(serde.as_str(), Some(as_str(&variant)), "{variant:?}");
        count += 1;
    }
    assert!(count > 1);
}

#[test]
fn names_in_output_are_the_names_in_the_data() {
    same::<ActorKind>(ActorKind::as_str);
    same::<TreatyKind>(TreatyKind::as_str);
    same::<EndReason>(EndReason::as_str);
    same::<ActionKind>(ActionKind::as_str);
    same::<SourceKind>(SourceKind::as_str);
    same::<ClaimKind>(ClaimKind::as_str);
    same::<AssertedStatus>(AssertedStatus::as_str);
    same::<AssertedPartyStatus>(AssertedPartyStatus::as_str);
    same::<Verdict>(Verdict::as_str);
    // Multi-word names are kebab-case, as the schemas say.
    assert_eq!(ActionKind::WithdrawalNotice.as_str(), "withdrawal-notice");
    assert_eq!(SourceKind::TreatyText.as_str(), "treaty-text");
}

#[test]
fn truth_reads_as_the_reports_write_it() {
    use treatywatch_model::Truth;
    let names: Vec<&str> = Truth::iter().map(Truth::as_str).collect();
    assert_eq!(names, ["yes", "no", "uncertain"]);
}

#[test]
fn field_order_is_the_models_declaration_order() {
    use treatywatch_model::RecordKind;
    let claim = RecordKind::Claim.field_order();
    assert_eq!(
        claim[..6],
        ["id", "date", "claimant", "on_behalf_of", "kind", "treaty"].map(String::from)
    );
    assert_eq!(claim.last().map(String::as_str), Some("allow"));
    for kind in RecordKind::ALL {
        let order = kind.field_order();
        assert_eq!(order.first().map(String::as_str), Some("id"), "{kind:?}");
        assert!(order.len() >= 5, "{kind:?}: {order:?}");
    }
}

#[test]
fn statuses_read_as_the_contract_names_them() {
    use treatywatch_model::{EndReason, PartyStatus, TreatyStatus};
    let treaty: Vec<&str> = [
        TreatyStatus::NotOpen,
        TreatyStatus::NotInForce,
        TreatyStatus::InForce,
        TreatyStatus::Ended(EndReason::Withdrawal),
    ]
    .iter()
    .map(TreatyStatus::as_str)
    .collect();
    assert_eq!(treaty, ["not-open", "not-in-force", "in-force", "ended"]);
    let party: Vec<&str> = [
        PartyStatus::None,
        PartyStatus::Signatory,
        PartyStatus::Party,
        PartyStatus::Withdrawing,
        PartyStatus::Suspended,
        PartyStatus::Withdrawn,
        PartyStatus::Succeeded,
    ]
    .iter()
    .map(PartyStatus::as_str)
    .collect();
    assert_eq!(
        party,
        [
            "none",
            "signatory",
            "party",
            "withdrawing",
            "suspended",
            "withdrawn",
            "succeeded"
        ]
    );
}
