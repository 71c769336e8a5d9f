//! The four kinds of record — actors, treaties, sources, claims — exactly as
//! `DATA-MODEL.md` names them. Doc comments here are the descriptions in `schemas/`.

use std::borrow::Cow;

use compact_str::CompactString;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Serialize};

use crate::date::Date;
use crate::duration::Duration;
use crate::period::Period;

mod actor;
mod claim;
mod common;
mod source;
mod treaty;

pub use actor::*;
pub use claim::*;
pub use common::*;
pub use source::*;
pub use treaty::*;

/// The four kinds of record, named as the folders under `data/`.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
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

    /// The record's top-level fields in the order the model declares them: the order of its
    /// schema's properties and the order `treatywatch fmt` writes keys in.
    pub fn field_order(&self) -> Vec<String> {
        self.schema()
            .get("properties")
            .and_then(|p| p.as_object())
            .map(|p| p.keys().cloned().collect())
            .unwrap_or_default()
    }

    /// The fields every record of this kind has (its schema's `required`; a claim's
    /// kind-specific requirements are not among them).
    pub fn required_fields(&self) -> Vec<String> {
        self.schema()
            .get("required")
            .and_then(|r| r.as_array())
            .map(|r| {
                r.iter()
                    .filter_map(|v| v.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The JSON Schema of this kind of record as the model derives it (the validator adds
    /// titles and length limits for `schemas/`): fields in the model's order, their
    /// descriptions and examples, and the claim's requirements by kind.
    pub fn json_schema(&self) -> serde_json::Value {
        self.schema().to_value()
    }

    fn schema(&self) -> schemars::Schema {
        match self {
            RecordKind::Actor => schemars::schema_for!(Actor),
            RecordKind::Treaty => schemars::schema_for!(Treaty),
            RecordKind::Source => schemars::schema_for!(Source),
            RecordKind::Claim => schemars::schema_for!(Claim),
        }
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
