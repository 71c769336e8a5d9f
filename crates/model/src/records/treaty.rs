//! Treaties: their dates, term and end, and every party's acts.

use super::*;

#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Serialize,
    Deserialize,
    JsonSchema,
    strum::IntoStaticStr,
    strum::VariantNames,
    strum::EnumIter,
)]
#[serde(rename_all = "kebab-case")]
#[strum(serialize_all = "kebab-case")]
pub enum TreatyKind {
    Bilateral,
    Multilateral,
}

impl TreatyKind {
    /// The name the data uses (serde's), from the same derive as every other enum's.
    pub fn as_str(&self) -> &'static str {
        self.into()
    }
}

#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Serialize,
    Deserialize,
    JsonSchema,
    strum::IntoStaticStr,
    strum::VariantNames,
    strum::EnumIter,
)]
#[serde(rename_all = "kebab-case")]
#[strum(serialize_all = "kebab-case")]
pub enum EndReason {
    Expiry,
    Withdrawal,
    Superseded,
    Termination,
}

impl EndReason {
    /// The name the data uses (serde's), from the same derive as every other enum's.
    pub fn as_str(&self) -> &'static str {
        self.into()
    }
}

/// When and why a treaty ended (or, for `expiry`, is scheduled to).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TreatyEnd {
    /// The day the treaty ended or ends.
    #[schemars(example = &"2019-08-02")]
    pub date: Date,
    /// `expiry`, `withdrawal`, `superseded` or `termination`.
    pub reason: EndReason,
    /// The source for the end.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(example = &"text-inf")]
    pub source: Option<Id>,
    /// Anything a reader should know about the end.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// An extension of a treaty's term.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Extension {
    /// The day the extension took effect.
    #[schemars(example = &"2021-02-03")]
    pub date: Date,
    /// The day the extended term runs to.
    #[schemars(example = &"2026-02-05")]
    pub until: Date,
    /// The source for the extension.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(example = &"state-2021-02-03-new-start-extension")]
    pub source: Option<Id>,
    /// Anything a reader should know about the extension.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// What a party did, as the depositary records it.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    JsonSchema,
    strum::IntoStaticStr,
    strum::VariantNames,
    strum::EnumIter,
)]
#[serde(rename_all = "kebab-case")]
#[strum(serialize_all = "kebab-case")]
pub enum ActionKind {
    Signature,
    Ratification,
    Accession,
    Succession,
    Suspension,
    Resumption,
    WithdrawalNotice,
    Withdrawal,
    RatificationRevoked,
}

impl ActionKind {
    /// The name the data uses (serde's), from the same derive as every other enum's.
    pub fn as_str(&self) -> &'static str {
        self.into()
    }

    /// Acts on the same day are taken in the order they must have happened: signature; then
    /// ratification, accession or succession; resumption; withdrawal notice; suspension;
    /// ratification revoked; withdrawal.
    pub fn same_day_rank(self) -> u8 {
        match self {
            ActionKind::Signature => 0,
            ActionKind::Ratification | ActionKind::Accession | ActionKind::Succession => 1,
            ActionKind::Resumption => 2,
            ActionKind::WithdrawalNotice => 3,
            ActionKind::Suspension => 4,
            ActionKind::RatificationRevoked => 5,
            ActionKind::Withdrawal => 6,
        }
    }
}

/// One act of a party, dated when it took effect internationally.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Action {
    /// `signature`, `ratification` (also acceptance, approval), `accession`, `succession`,
    /// `suspension`, `resumption`, `withdrawal-notice`, `withdrawal` (effective date),
    /// `ratification-revoked`.
    pub action: ActionKind,
    /// The day the act took effect internationally, as the depositary records it (deposit,
    /// delivery of a notice, the day a withdrawal took effect), not a domestic vote.
    #[schemars(example = &"1988-06-01")]
    pub date: Date,
    /// For `succession`: the predecessor actor.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(example = &"sun")]
    pub from: Option<Id>,
    /// The source for this act.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(example = &"un-treaty-collection-npt")]
    pub source: Option<Id>,
    /// Anything a reader should know: domestic votes, disputed effect, conflicting dates.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Where a treaty has several depositaries, each deposit of this act's instrument: the
    /// act is dated by the earliest (rule `deposit-date`). Written by `treatywatch import
    /// depositary`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub deposits: Vec<Deposit>,
}

/// One deposit of an instrument with one depositary.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Deposit {
    /// The depositary, as the depositary list names it (a government or an office). Absent
    /// when the source gives the date of a deposit without naming where it was made (UNODA's
    /// database keeps one date per act): then another depositary may have received the
    /// instrument earlier, and this date is one deposit among possibly several.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(schema_with = "non_empty_string")]
    #[schemars(example = &"United Kingdom")]
    pub depositary: Option<String>,
    /// The day it was deposited there.
    #[schemars(example = &"1968-11-27")]
    pub date: Date,
}

/// What a treaty needs to enter into force, where it names the states that must ratify it
/// (the CTBT's Article XIV and Annex 2). The status computation uses it to say why a treaty
/// is not in force on a date; the treaty's `entry_into_force` stays the recorded fact.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EntryIntoForceCondition {
    /// The states (or organizations) every one of which must have deposited its
    /// ratification (or accession), as the treaty lists them.
    #[schemars(length(min = 1))]
    #[schemars(example = &"usa")]
    pub ratified_by: Vec<Id>,
    /// What the treaty calls that list, as reports name it (`Annex 2`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(example = &"Annex 2")]
    pub list_name: Option<String>,
    /// How long after the last of those deposits the treaty enters into force.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(example = &"P180D")]
    pub delay: Option<Duration>,
    /// The earliest it may enter into force, counted from `opened`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(example = &"P2Y")]
    pub not_before: Option<Duration>,
    /// Where the condition and the list are written.
    pub source: Id,
    /// Where in the source: the article and the annex.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(example = &"Article XIV.1; Annex 2")]
    pub locator: Option<String>,
    /// Anything a reader should know about the condition.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// An actor and its acts under a treaty. An empty `actions` list records a named non-party.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Party {
    /// The state or organization.
    #[schemars(example = &"usa")]
    pub actor: Id,
    /// Its acts under the treaty, in any order.
    #[serde(default)]
    pub actions: Vec<Action>,
    /// Anything a reader should know about this party.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A treaty with every party's actions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Treaty {
    /// Unique id (`inf`, `new-start`).
    #[schemars(example = &"inf")]
    pub id: Id,
    /// The full official name.
    #[schemars(schema_with = "non_empty_string")]
    #[schemars(example = &"Treaty between the United States of America and the Union of Soviet Socialist Republics on the Elimination of Their Intermediate-Range and Shorter-Range Missiles")]
    pub name: String,
    /// The short name used in reports (`INF Treaty`).
    #[schemars(schema_with = "non_empty_string")]
    #[schemars(example = &"INF Treaty")]
    pub short_name: String,
    /// `bilateral` or `multilateral`.
    pub kind: TreatyKind,
    /// The day it was signed (bilateral) or opened for signature (multilateral).
    pub opened: Date,
    /// The day it entered into force; absent when it never has.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entry_into_force: Option<Date>,
    /// What it needs to enter into force, where the treaty names the states that must
    /// ratify (the CTBT's Annex 2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entry_into_force_condition: Option<EntryIntoForceCondition>,
    /// When and why it ended (or is scheduled to expire).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<TreatyEnd>,
    /// Its term; absent means unlimited.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(example = &"P10Y")]
    pub term: Option<Duration>,
    /// Extensions of its term.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub extensions: Vec<Extension>,
    /// The notice a party must give before its withdrawal takes effect.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(example = &"P6M")]
    pub withdrawal_notice: Option<Duration>,
    /// The treaty text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(schema_with = "url_schema")]
    #[schemars(example = &"https://2009-2017.state.gov/t/avc/trty/102360.htm")]
    pub text_url: Option<String>,
    /// Where the facts in this record come from.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<Citation>,
    /// Anything a reader should know about this treaty.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Every party (and named non-party) with its actions.
    pub parties: Vec<Party>,
    /// `true` only when `parties` holds every party the treaty has had (checked against the
    /// depositary's list, cited in `sources`): then a claim listing the non-parties ("all
    /// except …") that leaves out a recorded non-party is a finding.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub parties_complete: bool,
    /// Rules silenced for this record, each with a reason.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub allow: Vec<Allow>,
}
