//! Actors: states, organizations and persons, with the offices persons held.

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
