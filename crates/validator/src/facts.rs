//! What the checks that span records read about each record, kept when the record's tree is
//! dropped: its id, whether it is typed, what it allows, and the references that name no record
//! other than a claim. Claims are checked in batches, each against the records other than
//! claims; the few rules that need every claim at once (`duplicate-id`, `unknown-reference`,
//! `wrong-reference-kind` for ids of claims, `reference-cycle`) and the `allow` lists run once
//! at the end, on these facts ([`AllFacts`]). A record's facts depend on its file and on the
//! records other than claims only, so they can be cached per file.

use compact_str::CompactString;
use std::collections::hash_map::Entry;
use std::hash::BuildHasher;

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use treatywatch_loader::{Diagnostic, LoadedRecord, SourceFile, Span};
use treatywatch_model::{Allow, RecordKind};

use crate::context::Context;
use crate::rules::Rule;
use crate::rules::references::{self, Expected};

/// One record's facts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecordFacts {
    pub kind: RecordKind,
    /// The id as written, when the record has a string `id` (inline up to 24 bytes: a
    /// million records keep theirs to the end).
    pub id: Option<CompactString>,
    /// Where the id is (the record itself when it has none).
    pub id_span: Span,
    /// Whether the record fits the model (only typed claims answer other claims).
    pub typed: bool,
    /// The rules the record silences, when it is typed.
    pub allow: Vec<Allow>,
    /// References to ids that name no record other than a claim.
    pub pending: Vec<Pending>,
    /// What a contributor may type for this record instead of its id, folded
    /// ([`fold`]): an actor's name, aliases and ISO code, a source's URL. Empty for claims.
    pub names: Vec<CompactString>,
    /// A claim's dates of what has happened (the claim, its assessment): `future-date`
    /// checks them at the end against the as-of date, which a cached file's results do not
    /// depend on.
    #[serde(default)]
    pub dated: Vec<Dated>,
}

/// A date of something that has happened, where it is, and what it dates.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Dated {
    pub pointer: CompactString,
    /// `the claim`, `the assessment`.
    pub what: CompactString,
    /// The date as written, and its first possible day (what "certainly after" compares).
    pub date: CompactString,
    pub first_day: treatywatch_model::DayNumber,
    pub span: Span,
}

/// The dates of a claim that `future-date` checks.
fn dated_of(record: &LoadedRecord) -> Vec<Dated> {
    let Some(treatywatch_model::Record::Claim(c)) = record.record.as_ref() else {
        return Vec::new();
    };
    let mut out = vec![Dated {
        pointer: "/date".into(),
        what: "the claim".into(),
        date: c.date.to_string().into(),
        first_day: c.date.first_day(),
        span: record.span_of("/date"),
    }];
    if let Some(date) = c.assessment.as_ref().and_then(|a| a.date) {
        out.push(Dated {
            pointer: "/assessment/date".into(),
            what: "the assessment".into(),
            date: date.to_string().into(),
            first_day: date.first_day(),
            span: record.span_of("/assessment/date"),
        });
    }
    out
}

/// A name as a contributor may type it for an id: lower-case words joined by single spaces
/// (`United States` and `united-states` both fold to `united states`); a URL as written.
pub(crate) fn fold(name: &str) -> String {
    if name.starts_with("http://") || name.starts_with("https://") {
        return name.trim_end_matches('/').to_string();
    }
    name.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// A reference decided at the end: it names a claim, or nothing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Pending {
    /// JSON Pointer of the reference inside its record.
    pub pointer: String,
    pub id: CompactString,
    pub expected: Expected,
    pub span: Span,
}

impl RecordFacts {
    /// The facts of `record`, whose references are looked up in `ctx` (records other than
    /// claims).
    pub(crate) fn of(ctx: &Context, record: &LoadedRecord) -> RecordFacts {
        let mut pending = Vec::new();
        references::each(record.kind, &record.node, |reference| {
            if ctx.index_of(reference.id).is_none() {
                let pointer = reference.pointer();
                pending.push(Pending {
                    span: record.span_of(&pointer),
                    pointer,
                    id: reference.id.into(),
                    expected: reference.expected,
                });
            }
        });
        RecordFacts {
            kind: record.kind,
            id: record.id().map(CompactString::from),
            id_span: record.span_of("/id"),
            typed: record.record.is_some(),
            allow: record
                .record
                .as_ref()
                .map(|r| r.allow().to_vec())
                .unwrap_or_default(),
            pending,
            names: names_of(record),
            dated: dated_of(record),
        }
    }
}

/// What a record may be called instead of its id ([`RecordFacts::names`]).
fn names_of(record: &LoadedRecord) -> Vec<CompactString> {
    let mut names: Vec<&str> = Vec::new();
    match record.record.as_ref() {
        Some(treatywatch_model::Record::Actor(a)) => {
            names.push(&a.name);
            names.extend(a.aliases.iter().map(String::as_str));
            names.extend(a.iso3166.as_deref());
        }
        Some(treatywatch_model::Record::Source(s)) => names.push(&s.url),
        _ => {}
    }
    names.into_iter().map(|n| fold(n).into()).collect()
}

/// Every record's facts, for the rules that run once at the end.
pub struct AllFacts<'a> {
    /// Every file, for paths in messages.
    pub files: &'a [SourceFile],
    /// Each record's file and facts: records other than claims first, then claims, each in
    /// the order read (files by path, records in file order).
    pub records: Vec<(usize, &'a RecordFacts)>,
    /// Id → position in `records` of the record it names (the first other than a claim,
    /// else the first claim), in shards by the id's hash ([`shard_of`]).
    named: Vec<FxHashMap<&'a str, usize>>,
    /// The records whose id an earlier one has: (position, position of the first).
    repeated: Vec<(usize, usize)>,
    /// The as-of date of the run (`future-date`).
    pub as_of: treatywatch_model::Date,
}

/// Which of `shards` tables holds `id`.
fn shard_of(id: &str, shards: usize) -> usize {
    let hash = rustc_hash::FxBuildHasher.hash_one(id);
    // The high bits: the tables use the low ones for their buckets.
    ((hash >> 48) as usize) % shards.max(1)
}

impl<'a> AllFacts<'a> {
    pub fn new(
        files: &'a [SourceFile],
        records: Vec<(usize, &'a RecordFacts)>,
        as_of: treatywatch_model::Date,
    ) -> AllFacts<'a> {
        // A million ids and more: the table is made in shards, one per core, each holding the
        // ids of one hash class; each shard notes the records whose id an earlier one has.
        let shards = rayon::current_num_threads().clamp(1, 16);
        let (named, repeated): (Vec<_>, Vec<_>) = (0..shards)
            .into_par_iter()
            .map(|shard| {
                let mut named =
                    FxHashMap::with_capacity_and_hasher(records.len() / shards, Default::default());
                let mut repeated = Vec::new();
                for (position, (_, facts)) in records.iter().enumerate() {
                    let Some(id) = facts.id.as_deref() else {
                        continue;
                    };
                    if shard_of(id, shards) != shard {
                        continue;
                    }
                    match named.entry(id) {
                        Entry::Vacant(slot) => {
                            slot.insert(position);
                        }
                        Entry::Occupied(first) => repeated.push((position, *first.get())),
                    }
                }
                (named, repeated)
            })
            .unzip();
        let mut repeated: Vec<(usize, usize)> = repeated.into_iter().flatten().collect();
        repeated.sort_unstable();
        AllFacts {
            files,
            records,
            named,
            repeated,
            as_of,
        }
    }

    /// The position of the record `id` names.
    pub fn named(&self, id: &str) -> Option<usize> {
        let shard = self.named.get(shard_of(id, self.named.len()))?;
        shard.get(id).copied()
    }

    /// Every record whose id an earlier record has, by position, with the position of the
    /// record the id names.
    pub fn repeated(&self) -> &[(usize, usize)] {
        &self.repeated
    }

    /// The facts of the record `id` names.
    pub fn record(&self, id: &str) -> Option<&'a RecordFacts> {
        self.named(id).map(|p| self.records[p].1)
    }

    /// The path of file `index`.
    pub fn path(&self, file: usize) -> &'a str {
        self.files.get(file).map_or("", |f| f.path.as_str())
    }

    /// A diagnostic of `rule` about the value at `pointer` (at `span`) in the record at
    /// `position`.
    pub fn report(
        &self,
        rule: &Rule,
        position: usize,
        pointer: &str,
        span: Span,
        message: impl Into<String>,
    ) -> Diagnostic {
        let (file, facts) = self.records[position];
        Diagnostic::new(rule.name, rule.severity, file, span, message).with_record(
            facts.id.as_deref().map(str::to_string),
            Some(pointer.to_string()),
        )
    }
}
