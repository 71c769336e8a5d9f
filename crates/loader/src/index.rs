//! The dataset's id index: every record by its id, typed, for the checks and the reports.

use std::borrow::Cow;
use std::ops::Range;

use compact_str::CompactString;

use rustc_hash::FxHashMap;
use treatywatch_model::{Actor, ActorKind, Claim, Record, RecordKind, Source, Treaty};

use crate::{Dataset, LoadedRecord};

/// Looks records up by id. Built once per run; borrows the dataset.
///
/// An id names the first record that has it, **records other than claims first**: the first
/// actor, treaty or source with the id, else the first claim. So what an id names never
/// depends on the claims read so far, and claims can be checked in batches.
pub struct Index<'a> {
    /// The files, and the records ids are looked up among.
    pub data: &'a Dataset,
    /// Records numbered after `data.records` (a batch of claims, checked against the
    /// records of `data` and dropped with its batch): iterated, never named by an id.
    batch: &'a [LoadedRecord],
    /// Id → index of the record it names.
    by_id: Cow<'a, Ids>,
    /// The records the iterators ([`Index::claims`], …) go over.
    iterated: Range<usize>,
}

impl<'a> Index<'a> {
    /// Every record, every id looked up (claims' too).
    pub fn new(data: &'a Dataset) -> Index<'a> {
        Index::with_ids(data, Cow::Owned(Ids::of(data, true)), 0..data.records.len())
    }

    /// An index with ids looked up in `ids` (made by [`Ids::of`] from the same records of
    /// `data`; records added after them are iterated, never named), iterating
    /// `records[iterated]`.
    pub fn with_ids(data: &'a Dataset, ids: Cow<'a, Ids>, iterated: Range<usize>) -> Index<'a> {
        let end = iterated.end.min(data.records.len());
        Index {
            data,
            batch: &[],
            by_id: ids,
            iterated: iterated.start.min(end)..end,
        }
    }

    /// An index with ids looked up in `ids` (made by [`Ids::of`] from the records of `data`)
    /// that iterates `batch`: records numbered from `data.records.len()` on, which no id
    /// names. Several batches can be checked at once, each with an index of its own.
    pub fn with_batch(
        data: &'a Dataset,
        ids: Cow<'a, Ids>,
        batch: &'a [LoadedRecord],
    ) -> Index<'a> {
        let start = data.records.len();
        Index {
            data,
            batch,
            by_id: ids,
            iterated: start..start + batch.len(),
        }
    }

    /// Record `index`: one of `data.records`, or of the batch after them.
    pub fn record(&self, index: usize) -> &'a LoadedRecord {
        let kept = self.data.records.len();
        if index < kept {
            &self.data.records[index]
        } else {
            &self.batch[index - kept]
        }
    }

    /// The records the iterators go over.
    pub fn iterated_records(&self) -> &'a [LoadedRecord] {
        let kept = self.data.records.len();
        if self.iterated.start >= kept {
            &self.batch[self.iterated.start - kept..self.iterated.end - kept]
        } else {
            &self.data.records[self.iterated.clone()]
        }
    }

    /// The records the iterators go over, with their indexes.
    pub fn iterated(&self) -> impl Iterator<Item = (usize, &'a LoadedRecord)> + use<'a> {
        let start = self.iterated.start;
        self.iterated_records()
            .iter()
            .enumerate()
            .map(move |(i, r)| (start + i, r))
    }

    /// The range of records the iterators go over.
    pub fn iterated_range(&self) -> Range<usize> {
        self.iterated.clone()
    }

    /// What this id names: the record's index and kind (and an actor's kind), read from the
    /// index without reading the record.
    pub fn named(&self, id: &str) -> Option<Named> {
        self.by_id.0.get(id).copied()
    }

    /// The index of the first record with this id.
    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.named(id).map(|n| n.index as usize)
    }

    pub fn loaded_by_id(&self, id: &str) -> Option<&'a LoadedRecord> {
        self.index_of(id).and_then(|i| self.data.records.get(i))
    }

    pub fn record_by_id(&self, id: &str) -> Option<&'a Record> {
        self.loaded_by_id(id).and_then(|r| r.record.as_ref())
    }

    pub fn kind_of(&self, id: &str) -> Option<RecordKind> {
        self.named(id).map(|n| n.kind)
    }

    pub fn actor(&self, id: &str) -> Option<&'a Actor> {
        match self.record_by_id(id)? {
            Record::Actor(a) => Some(a),
            _ => None,
        }
    }

    pub fn treaty(&self, id: &str) -> Option<&'a Treaty> {
        match self.record_by_id(id)? {
            Record::Treaty(t) => Some(t),
            _ => None,
        }
    }

    pub fn source(&self, id: &str) -> Option<&'a Source> {
        match self.record_by_id(id)? {
            Record::Source(s) => Some(s),
            _ => None,
        }
    }

    pub fn claim(&self, id: &str) -> Option<&'a Claim> {
        match self.record_by_id(id)? {
            Record::Claim(c) => Some(c),
            _ => None,
        }
    }

    /// Every typed record with its index.
    pub fn typed(&self) -> impl Iterator<Item = (usize, &'a Record)> + '_ {
        self.iterated()
            .filter_map(|(i, r)| r.record.as_ref().map(|rec| (i, rec)))
    }

    pub fn treaties(&self) -> impl Iterator<Item = (usize, &'a Treaty)> + '_ {
        self.typed().filter_map(|(i, r)| match r {
            Record::Treaty(t) => Some((i, t)),
            _ => None,
        })
    }

    pub fn claims(&self) -> impl Iterator<Item = (usize, &'a Claim)> + '_ {
        self.typed().filter_map(|(i, r)| match r {
            Record::Claim(c) => Some((i, c)),
            _ => None,
        })
    }

    pub fn actors(&self) -> impl Iterator<Item = (usize, &'a Actor)> + '_ {
        self.typed().filter_map(|(i, r)| match r {
            Record::Actor(a) => Some((i, a)),
            _ => None,
        })
    }

    pub fn sources(&self) -> impl Iterator<Item = (usize, &'a Source)> + '_ {
        self.typed().filter_map(|(i, r)| match r {
            Record::Source(s) => Some((i, s)),
            _ => None,
        })
    }
}

/// Which record each id names: id → index in [`Dataset::records`] and kind. Ids are kept
/// inline (up to 24 bytes) so a lookup compares them without following a pointer.
#[derive(Debug, Clone, Default)]
pub struct Ids(FxHashMap<CompactString, Named>);

/// The record an id names, as the index keeps it: most checks of a reference need only its
/// kind (and, for an actor, whether it is a person), which the index answers without reading
/// the record — a record somewhere in memory, where the index is one table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Named {
    /// Its index in [`Dataset::records`] (datasets hold fewer than 2³² records).
    pub index: u32,
    pub kind: RecordKind,
    /// The actor's kind, when the record is a typed actor.
    pub actor: Option<ActorKind>,
}

impl Ids {
    /// The ids of `data`'s records other than claims, and of its claims too with
    /// `claims_looked_up`; an id names its first record other than a claim, else its first
    /// claim.
    pub fn of(data: &Dataset, claims_looked_up: bool) -> Ids {
        // Ids are looked up for every reference: FxHash is several times faster than SipHash,
        // and ids come from the reviewed data, not from an attacker choosing hash collisions
        // at scale (a pull request large enough to try is visible in review).
        let mut by_id = FxHashMap::default();
        for claims in [false, true] {
            if claims && !claims_looked_up {
                break;
            }
            for (i, r) in data.records.iter().enumerate() {
                if (r.kind == RecordKind::Claim) != claims {
                    continue;
                }
                let (Some(id), Ok(index)) = (r.id(), u32::try_from(i)) else {
                    continue;
                };
                let actor = match &r.record {
                    Some(Record::Actor(a)) => Some(a.kind),
                    _ => None,
                };
                by_id.entry(CompactString::from(id)).or_insert(Named {
                    index,
                    kind: r.kind,
                    actor,
                });
            }
        }
        Ids(by_id)
    }
}

impl Dataset {
    /// The id index of this dataset.
    pub fn index(&self) -> Index<'_> {
        Index::new(self)
    }
}
