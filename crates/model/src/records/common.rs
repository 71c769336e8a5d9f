//! What every kind of record shares: ids, the schema patterns of dates, periods and
//! durations, citations and `allow`.

use super::*;

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
/// whole dataset. Kept inline up to 24 bytes (nearly every id): a claim names half a dozen
/// records, and a heap allocation for each was a tenth of loading a million claims.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Id(pub CompactString);

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
pub(crate) fn url_schema(_: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "type": "string",
        "pattern": "^https?://[^\\s/$.?#][^\\s]*$",
        "maxLength": 2048,
        "description": "An absolute http(s) URL, at most 2048 characters.",
    })
}

pub(crate) fn non_empty_string(_: &mut SchemaGenerator) -> Schema {
    json_schema!({ "type": "string", "minLength": 1 })
}

/// Silences one rule's warnings and notes for this record (errors cannot be silenced).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Allow {
    /// The rule to silence, by name (`treatywatch rules` lists them).
    #[schemars(example = &"notice-period")]
    pub rule: crate::RuleName,
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
