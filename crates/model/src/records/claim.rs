//! Claims: what someone said about a treaty, and its optional assessment.

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
    strum::VariantNames,
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
    strum::VariantNames,
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
    strum::VariantNames,
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

    /// What the verdict means, as the data model and the site's rating page say it.
    pub fn meaning(&self) -> &'static str {
        match self {
            Verdict::Accurate => "the record bears the claim out",
            Verdict::MostlyAccurate => "right in substance, wrong or overstated in a detail",
            Verdict::Misleading => "literally defensible, but leaves a false impression",
            Verdict::Inaccurate => "the record contradicts it",
            Verdict::Disputed => "the parties contest it and no one has settled it",
            Verdict::Unverifiable => "the available sources can neither confirm nor refute it",
        }
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

/// The longest `headline`, and the longest `claimReviewed` fact-checkers' tools show whole.
pub const HEADLINE_MAX: usize = 75;

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
    /// For `status` claims: the states the claim says the treaty's entry into force still
    /// waits for ("its entry into force requires US participation" is `[usa]`), checked
    /// against the treaty's `entry_into_force_condition` on the claim's date.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(example = entry_requires_example())]
    pub asserted_entry_into_force_requires: Vec<Id>,
    /// The verbatim words, as short as makes the point.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(example = &"the US has been violating the treaty at least since 1999")]
    pub quote: Option<String>,
    /// What is claimed, in at most 75 characters: the title of the claim's page and the
    /// `claimReviewed` of its ClaimReview (fact-checkers' tools cut anything longer). Needed
    /// on an assessed claim whose summary is longer (`headline-missing`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 75))]
    #[schemars(example = &"The US has violated the INF Treaty since 1999")]
    pub headline: Option<String>,
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

impl Claim {
    /// What is claimed in at most [`HEADLINE_MAX`] characters: the `headline`, or the summary
    /// when it is that short. `None` when neither is (`headline-missing` warns of it).
    pub fn short_statement(&self) -> Option<&str> {
        self.headline
            .as_deref()
            .or(Some(self.summary.as_str()))
            .filter(|s| s.chars().count() <= HEADLINE_MAX)
    }
}

/// Kind-specific requirements of a claim, as `if`/`then` in its schema.
fn claim_kind_requirements(schema: &mut Schema) {
    let kinds =
        |kinds: &[ClaimKind]| -> Vec<&'static str> { kinds.iter().map(|k| k.as_str()).collect() };
    let rule = |of: &[ClaimKind], required: &[&str]| {
        serde_json::json!({
            "if": { "properties": { "kind": { "enum": kinds(of) } }, "required": ["kind"] },
            "then": { "required": required },
        })
    };
    // A status claim asserts at least one of these.
    let assertions: Vec<serde_json::Value> = [
        "asserted_status",
        "asserted_end",
        "asserted_party_status",
        "asserted_non_parties",
        "asserted_entry_into_force_requires",
    ]
    .iter()
    .map(|field| serde_json::json!({ "required": [field] }))
    .collect();
    schema.insert(
        "dependentRequired".into(),
        serde_json::json!({ "asserted_party_status": ["party"] }),
    );
    use ClaimKind::*;
    schema.insert(
        "allOf".into(),
        serde_json::json!([
            rule(&[Violation, Compliance], &["accused"]),
            serde_json::json!({
                "if": { "properties": { "kind": { "enum": kinds(&[Status]) } }, "required": ["kind"] },
                "then": { "anyOf": assertions },
            }),
            rule(&[Violation, Compliance, Status, Withdrawal], &["treaty"]),
        ]),
    );
}

fn entry_requires_example() -> [&'static str; 1] {
    ["usa"]
}

fn non_parties_example() -> [&'static str; 5] {
    ["isr", "ind", "pak", "prk", "ssd"]
}
