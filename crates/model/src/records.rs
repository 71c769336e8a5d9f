//! The four kinds of record — actors, treaties, sources, claims — exactly as
//! `DATA-MODEL.md` names them. Doc comments here are the descriptions in `schemas/`.

use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Serialize};

use crate::date::Date;
use crate::duration::Duration;
use crate::period::Period;

/// The pattern every id follows.
pub const ID_PATTERN: &str = "^[a-z0-9]+(-[a-z0-9]+)*$";
/// The longest an id may be.
pub const ID_MAX_LEN: usize = 100;
/// The JSON Schema pattern of a date (its shape; real days are checked by `invalid-date`).
pub const DATE_PATTERN: &str = r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$";
/// The JSON Schema pattern of a period.
pub const PERIOD_PATTERN: &str =
    r"^([0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?|\.\.)/([0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?|\.\.)$";
/// The JSON Schema pattern of a duration.
pub const DURATION_PATTERN: &str = r"^P(?=[0-9])([0-9]+Y)?([0-9]+M)?([0-9]+W)?([0-9]+D)?$";

/// An identifier: lower-case letters and digits in dash-separated groups, unique across the
/// whole dataset.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Id(pub String);

impl Id {
    pub fn as_str(&self) -> &str {
        &self.0
    }
    /// Whether `text` is a well-formed id.
    pub fn is_valid(text: &str) -> bool {
        !text.is_empty()
            && text.len() <= ID_MAX_LEN
            && text.split('-').all(|group| {
                !group.is_empty()
                    && group
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
            })
    }
}

impl std::fmt::Display for Id {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl JsonSchema for Id {
    fn schema_name() -> Cow<'static, str> {
        "Id".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "pattern": ID_PATTERN,
            "maxLength": ID_MAX_LEN,
            "description": "An id: lower-case letters and digits in dash-separated groups (`sergey-lavrov`, `inf`), at most 100 characters.",
        })
    }
}

impl JsonSchema for Date {
    fn schema_name() -> Cow<'static, str> {
        "Date".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": ["string", "integer"],
            "pattern": DATE_PATTERN,
            "minimum": 0,
            "maximum": 9999,
            "description": "An EDTF level 0 date: YYYY, YYYY-MM or YYYY-MM-DD. A reduced-precision date means some day within it. An unquoted year (1968) is accepted.",
            "examples": ["1987-12-08", "1999", "2019-02"],
        })
    }
}

impl JsonSchema for Period {
    fn schema_name() -> Cow<'static, str> {
        "Period".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "pattern": PERIOD_PATTERN,
            "description": "A period START/END, each side a date or `..` (open): `1999/..` is since 1999.",
            "examples": ["1999/..", "2014/2019-08-02"],
        })
    }
}

impl JsonSchema for Duration {
    fn schema_name() -> Cow<'static, str> {
        "Duration".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "pattern": DURATION_PATTERN,
            "description": "An ISO 8601 duration of years, months, weeks or days: P6M, P3M, P15Y.",
            "examples": ["P6M", "P15Y"],
        })
    }
}

/// A string that holds an absolute http(s) URL.
fn url_schema(_: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "type": "string",
        "pattern": "^https?://[^\\s/$.?#][^\\s]*$",
        "maxLength": 2048,
        "description": "An absolute http(s) URL, at most 2048 characters.",
    })
}

fn non_empty_string(_: &mut SchemaGenerator) -> Schema {
    json_schema!({ "type": "string", "minLength": 1 })
}

/// Silences one rule's warnings and notes for this record (errors cannot be silenced).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Allow {
    /// The rule to silence, by name (`treatywatch rules` lists them).
    #[schemars(example = &"notice-period")]
    pub rule: String,
    /// Why the rule's assumption does not hold for this record; shown by `validate --show-allowed`.
    #[schemars(schema_with = "non_empty_string")]
    #[schemars(example = &"North Korea counted its 1993 notice; the effect is disputed")]
    pub reason: String,
}

/// A citation of a source, optionally pointing inside it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Citation {
    /// The id of a source record.
    pub source: Id,
    /// Where in the source: a page, paragraph, section or timestamp.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(example = &"paragraph 3")]
    pub locator: Option<String>,
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
    strum::EnumIter,
)]
#[serde(rename_all = "kebab-case")]
#[strum(serialize_all = "kebab-case")]
pub enum ActorKind {
    State,
    Organization,
    Person,
}

impl ActorKind {
    /// The name the data uses (serde's), from the same derive as every other enum's.
    pub fn as_str(&self) -> &'static str {
        self.into()
    }
}

/// An office a person held.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Role {
    /// The office, e.g. `Minister of Foreign Affairs`.
    #[schemars(example = &"Minister of Foreign Affairs")]
    pub title: String,
    /// The state or organization the office belongs to.
    #[schemars(example = &"rus")]
    pub of: Id,
    /// When the office was held.
    #[schemars(example = &"2004-03-09/..")]
    pub period: Period,
    /// The source for the office and its dates.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(example = &"tass-2014-03-09-lavrov-65")]
    pub source: Option<Id>,
}

/// A state, organization or person.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Actor {
    /// Unique id. States: ISO 3166-1 alpha-3 in lower case (`usa`); persons: `given-family`.
    #[schemars(example = &"sergey-lavrov")]
    pub id: Id,
    /// Common English name.
    #[schemars(schema_with = "non_empty_string")]
    #[schemars(example = &"Sergey Lavrov")]
    pub name: String,
    /// `state`, `organization` or `person`.
    pub kind: ActorKind,
    /// Other names the actor is known by.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// States: the ISO 3166-1 alpha-3 code (`RUS`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = "^[A-Z]{3}$"))]
    #[schemars(example = &"RUS")]
    pub iso3166: Option<String>,
    /// The Wikidata item: `Q` and digits.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = "^Q[1-9][0-9]*$"))]
    #[schemars(example = &"Q159")]
    pub wikidata: Option<String>,
    /// States and organizations: the period the actor existed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(example = &"1991-12-25/..")]
    pub existed: Option<Period>,
    /// Persons: offices held, each with the actor it belongs to and its period.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<Role>,
    /// Where the facts in this record come from.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<Citation>,
    /// Anything a reader should know about this record.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(example = &"Continuator of the USSR in its treaties.")]
    pub note: Option<String>,
    /// Rules silenced for this record, each with a reason.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub allow: Vec<Allow>,
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
    Serialize,
    Deserialize,
    JsonSchema,
    strum::IntoStaticStr,
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
    strum::EnumIter,
)]
#[serde(rename_all = "kebab-case")]
#[strum(serialize_all = "kebab-case")]
pub enum SourceKind {
    Transcript,
    Statement,
    Report,
    News,
    Opinion,
    TreatyText,
    Law,
    Academic,
    Other,
}

impl SourceKind {
    /// The name the data uses (serde's), from the same derive as every other enum's.
    pub fn as_str(&self) -> &'static str {
        self.into()
    }
}

/// Where an archived source text was taken from, and the terms it is kept under.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Archive {
    /// The address the text was copied from.
    #[schemars(schema_with = "url_schema")]
    #[schemars(example = &"https://www.globalresearch.ca/russian-foreign-and-defense-ministers-on-us-treaty-breaches/5667456")]
    pub url: String,
    /// When it was copied.
    #[schemars(example = &"2026-11-28")]
    pub retrieved: Date,
    /// The terms that allow keeping it here (the text keeps its own terms, not the dataset's).
    #[schemars(schema_with = "non_empty_string")]
    #[schemars(example = &"public domain (a work of the US government)")]
    pub licence: String,
}

/// A document that claims and events are taken from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Unique id (`lendman-2019-02-03`).
    #[schemars(example = &"lendman-2019-02-03")]
    pub id: Id,
    /// The document's title.
    #[schemars(schema_with = "non_empty_string")]
    #[schemars(example = &"Russian Foreign and Defense Ministers on US Treaty Breaches")]
    pub title: String,
    /// `transcript`, `statement`, `report`, `news`, `opinion`, `treaty-text`, `law`,
    /// `academic` or `other`.
    pub kind: SourceKind,
    /// Who published it.
    #[schemars(schema_with = "non_empty_string")]
    #[schemars(example = &"Global Research")]
    pub publisher: String,
    /// Its authors' names.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(example = &"Stephen Lendman")]
    pub authors: Vec<String>,
    /// When it was published.
    #[schemars(example = &"2019-02-03")]
    pub published: Date,
    /// Where it can be read: an absolute http(s) URL.
    #[schemars(schema_with = "url_schema")]
    #[schemars(example = &"https://www.globalresearch.ca/russian-foreign-and-defense-ministers-on-us-treaty-breaches/5667456")]
    pub url: String,
    /// An archived copy: an absolute http(s) URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(schema_with = "url_schema")]
    pub archived_url: Option<String>,
    /// Its language, as a BCP 47 tag (`en`, `ru`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = "^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$"))]
    #[schemars(example = &"en")]
    pub language: Option<String>,
    /// Its text is archived in the dataset, as `data/texts/<id>.txt` (UTF-8, as published):
    /// where it was taken from, when, and under what terms. Quotes of claims citing this
    /// source are checked against that text (`quote-not-in-source`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub archive: Option<Archive>,
    /// Anything a reader should know about this source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Rules silenced for this record, each with a reason.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub allow: Vec<Allow>,
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
    strum::EnumIter,
)]
#[serde(rename_all = "kebab-case")]
#[strum(serialize_all = "kebab-case")]
pub enum ClaimKind {
    Violation,
    Compliance,
    Status,
    Withdrawal,
    Other,
}

impl ClaimKind {
    /// The name the data uses (serde's), from the same derive as every other enum's.
    pub fn as_str(&self) -> &'static str {
        self.into()
    }
}

/// The status a `status` claim asserts, as people say it, for the claim's date: `in-force`;
/// `not-in-force` — binding no one (not yet open, opened but not in force, or ended);
/// `never-in-force` — opened, and never in force up to then; `ended` — ended on or before then.
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
    strum::EnumIter,
)]
#[serde(rename_all = "kebab-case")]
#[strum(serialize_all = "kebab-case")]
pub enum AssertedStatus {
    InForce,
    NotInForce,
    NeverInForce,
    Ended,
}

impl AssertedStatus {
    /// The name the data uses (serde's), from the same derive as every other enum's.
    pub fn as_str(&self) -> &'static str {
        self.into()
    }
}

/// A party's standing as a claim says it, as people use the words (see the rule
/// `party-status-contradiction` for what each fits).
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
    strum::EnumIter,
)]
#[serde(rename_all = "kebab-case")]
#[strum(serialize_all = "kebab-case")]
pub enum AssertedPartyStatus {
    /// Has signed (or succeeded to a signature), whatever followed, unless it has withdrawn.
    Signatory,
    /// Ratified, acceded or succeeded, and not withdrawn (also while suspended or withdrawing).
    Party,
    /// Bound: a party of a treaty in force.
    Bound,
    /// Not bound.
    NotBound,
    Withdrawn,
    Suspended,
    /// Not a party: never joined, only signed, or withdrawn.
    NonParty,
}

impl AssertedPartyStatus {
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
    strum::EnumIter,
)]
#[serde(rename_all = "kebab-case")]
#[strum(serialize_all = "kebab-case")]
pub enum Verdict {
    Accurate,
    MostlyAccurate,
    Misleading,
    Inaccurate,
    Disputed,
    Unverifiable,
}

impl Verdict {
    /// The name the data uses (serde's), from the same derive as every other enum's.
    pub fn as_str(&self) -> &'static str {
        self.into()
    }
}

/// A reviewed verdict on a claim, holding as of its date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Assessment {
    /// `accurate`, `mostly-accurate`, `misleading`, `inaccurate`, `disputed` or `unverifiable`.
    pub verdict: Verdict,
    /// The date the verdict holds as of (New START "expires in 2021" was true when said).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(example = &"2019-02-03")]
    pub date: Option<Date>,
    /// Why: the facts that settle the claim.
    #[schemars(schema_with = "non_empty_string")]
    #[schemars(example = &"START II never entered into force; Russia withdrew in 2002.")]
    pub note: String,
    /// The sources that settle it (ids); they may be older than the claim.
    #[schemars(length(min = 1))]
    #[schemars(example = &"text-start-ii")]
    pub sources: Vec<Id>,
}

/// A statement someone made about a treaty.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(transform = claim_kind_requirements)]
pub struct Claim {
    /// Unique id (`lavrov-2019-02-02-inf-since-1999`).
    #[schemars(example = &"lavrov-2019-02-02-inf-since-1999")]
    pub id: Id,
    /// The day the claim was made.
    #[schemars(example = &"2019-02-02")]
    pub date: Date,
    /// The actor who made it: a person, organization or state.
    #[schemars(example = &"sergey-lavrov")]
    pub claimant: Id,
    /// The state or organization the claimant spoke for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(example = &"rus")]
    pub on_behalf_of: Option<Id>,
    /// `violation`, `compliance`, `status`, `withdrawal` or `other`.
    pub kind: ClaimKind,
    /// The treaty the claim is about (required for every kind but `other`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(example = &"inf")]
    pub treaty: Option<Id>,
    /// The state or organization whose conduct the claim is about (required for `violation`
    /// and `compliance`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(example = &"usa")]
    pub accused: Option<Id>,
    /// The period of the conduct claimed; an open end means "up to the claim's date".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(example = &"1999/..")]
    pub period: Option<Period>,
    /// For `status` claims: what the claim says the treaty's status was on its date:
    /// `in-force`, `not-in-force` (binding no one: not open, not yet in force, or ended),
    /// `never-in-force` (opened, never in force up to then) or `ended`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub asserted_status: Option<AssertedStatus>,
    /// For `status` claims: when the claim says the treaty ends or expires ("New START
    /// expires in 2021" is `2021`). A status claim gives this, `asserted_status`, or both.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(example = &"2021")]
    pub asserted_end: Option<Date>,
    /// For `status` claims about one party's standing: the state or organization.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(example = &"rus")]
    pub party: Option<Id>,
    /// For `status` claims about `party`: its standing under the treaty on the claim's date,
    /// as people say it: `signatory`, `party`, `bound`, `not-bound`, `withdrawn`, `suspended`
    /// or `non-party`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub asserted_party_status: Option<AssertedPartyStatus>,
    /// For `status` claims: the states the claim says are not parties ("agreed to by all
    /// nations except …").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    // A call, not an array literal: schemars' derive parses attributes with `syn` built
    // without its "full" feature when this crate is built alone (`cargo build -p`).
    #[schemars(example = non_parties_example())]
    pub asserted_non_parties: Vec<Id>,
    /// The verbatim words, as short as makes the point.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(example = &"the US has been violating the treaty at least since 1999")]
    pub quote: Option<String>,
    /// One neutral sentence stating what is claimed.
    #[schemars(schema_with = "non_empty_string")]
    #[schemars(example = &"Lavrov said the United States had violated the INF Treaty since 1999.")]
    pub summary: String,
    /// The documents that report the claim (at least one).
    #[schemars(length(min = 1))]
    pub sources: Vec<Citation>,
    /// Claims this one answers or rebuts.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(example = &"pompeo-2019-02-01-inf-material-breach")]
    pub responds_to: Vec<Id>,
    /// A reviewed verdict, where the record settles the claim.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assessment: Option<Assessment>,
    /// Rules silenced for this record, each with a reason.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub allow: Vec<Allow>,
}

/// Kind-specific requirements of a claim, as `if`/`then` in its schema.
fn claim_kind_requirements(schema: &mut Schema) {
    let rule = |kinds: &[&str], required: &[&str]| {
        serde_json::json!({
            "if": { "properties": { "kind": { "enum": kinds } }, "required": ["kind"] },
            "then": { "required": required },
        })
    };
    schema.insert(
        "dependentRequired".into(),
        serde_json::json!({ "asserted_party_status": ["party"] }),
    );
    schema.insert(
        "allOf".into(),
        serde_json::json!([
            rule(&["violation", "compliance"], &["accused"]),
            serde_json::json!({
                "if": { "properties": { "kind": { "enum": ["status"] } }, "required": ["kind"] },
                "then": { "anyOf": [
                    { "required": ["asserted_status"] },
                    { "required": ["asserted_end"] },
                    { "required": ["asserted_party_status"] },
                    { "required": ["asserted_non_parties"] },
                ] },
            }),
            rule(
                &["violation", "compliance", "status", "withdrawal"],
                &["treaty"]
            ),
        ]),
    );
}

/// The four kinds of record, named as the folders under `data/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RecordKind {
    Actor,
    Treaty,
    Source,
    Claim,
}

impl RecordKind {
    pub const ALL: [RecordKind; 4] = [
        RecordKind::Actor,
        RecordKind::Treaty,
        RecordKind::Source,
        RecordKind::Claim,
    ];

    /// The folder under `data/` that holds records of this kind.
    pub fn folder(&self) -> &'static str {
        match self {
            RecordKind::Actor => "actors",
            RecordKind::Treaty => "treaties",
            RecordKind::Source => "sources",
            RecordKind::Claim => "claims",
        }
    }

    /// The singular name (`actor`), as in schema file names.
    pub fn name(&self) -> &'static str {
        match self {
            RecordKind::Actor => "actor",
            RecordKind::Treaty => "treaty",
            RecordKind::Source => "source",
            RecordKind::Claim => "claim",
        }
    }

    pub fn from_folder(folder: &str) -> Option<RecordKind> {
        RecordKind::ALL.into_iter().find(|k| k.folder() == folder)
    }
}

/// A typed record of any kind.
#[derive(Debug, Clone, PartialEq)]
pub enum Record {
    Actor(Actor),
    Treaty(Treaty),
    Source(Source),
    Claim(Claim),
}

impl Record {
    pub fn kind(&self) -> RecordKind {
        match self {
            Record::Actor(_) => RecordKind::Actor,
            Record::Treaty(_) => RecordKind::Treaty,
            Record::Source(_) => RecordKind::Source,
            Record::Claim(_) => RecordKind::Claim,
        }
    }

    pub fn id(&self) -> &Id {
        match self {
            Record::Actor(r) => &r.id,
            Record::Treaty(r) => &r.id,
            Record::Source(r) => &r.id,
            Record::Claim(r) => &r.id,
        }
    }

    pub fn allow(&self) -> &[Allow] {
        match self {
            Record::Actor(r) => &r.allow,
            Record::Treaty(r) => &r.allow,
            Record::Source(r) => &r.allow,
            Record::Claim(r) => &r.allow,
        }
    }

    /// Builds a typed record of `kind` from any serde deserializer.
    pub fn deserialize_kind<'de, D: serde::Deserializer<'de>>(
        kind: RecordKind,
        deserializer: D,
    ) -> Result<Record, D::Error> {
        Ok(match kind {
            RecordKind::Actor => Record::Actor(Actor::deserialize(deserializer)?),
            RecordKind::Treaty => Record::Treaty(Treaty::deserialize(deserializer)?),
            RecordKind::Source => Record::Source(Source::deserialize(deserializer)?),
            RecordKind::Claim => Record::Claim(Claim::deserialize(deserializer)?),
        })
    }

    /// Builds a typed record of `kind` from a JSON value.
    pub fn from_value(
        kind: RecordKind,
        value: &serde_json::Value,
    ) -> Result<Record, serde_json::Error> {
        Record::deserialize_kind(kind, value)
    }
}

fn non_parties_example() -> [&'static str; 5] {
    ["isr", "ind", "pak", "prk", "ssd"]
}
