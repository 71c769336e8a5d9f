//! Sources: the documents claims and acts are taken from.

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
