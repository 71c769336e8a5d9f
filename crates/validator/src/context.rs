//! What every rule sees: the dataset's id index, the as-of date, and a way to point a
//! diagnostic at a value.

use std::ops::Deref;

use std::borrow::Cow;

use rustc_hash::FxHashMap;
use treatywatch_loader::{Dataset, Diagnostic, Ids, Index, LoadedRecord, Span};
use treatywatch_model::Date;

use crate::rules::Rule;

pub struct Context<'a> {
    pub data: &'a Dataset,
    pub as_of: Date,
    /// Ids name records other than claims only: what names a claim is decided once every
    /// batch is read (see `facts`).
    index: Index<'a>,
    /// Archived texts by source id: the file index.
    texts: Texts<'a>,
    /// Whether the rules spread their work over every core: a batch checked while other
    /// batches are checked on the other cores keeps to its own. The pipeline's, not the
    /// rules': only [`crate::rules::per_record_in_parallel`] reads it.
    pub(crate) parallel: bool,
}

/// The archived texts a context owns, or shares with other contexts (not a `Cow`, which would
/// make the context invariant in its lifetime).
enum Texts<'a> {
    Owned(ArchivedTexts<'a>),
    Shared(&'a ArchivedTexts<'a>),
}

/// Every archived text's source id and file ([`Dataset::archived_texts`]): made once per run
/// and shared by the batches.
pub(crate) type ArchivedTexts<'a> = FxHashMap<&'a str, usize>;

/// Rules look records up through the context as through the index itself.
impl<'a> Deref for Context<'a> {
    type Target = Index<'a>;

    fn deref(&self) -> &Index<'a> {
        &self.index
    }
}

impl<'a> Context<'a> {
    /// A pass over every record of `data`, looking ids up in `ids`: the records other than
    /// claims ([`Ids::of`] without claims), on every core.
    pub(crate) fn new(data: &'a Dataset, as_of: Date, ids: &'a Ids) -> Context<'a> {
        Context {
            data,
            as_of,
            index: Index::with_ids(data, Cow::Borrowed(ids), 0..data.records.len()),
            texts: Texts::Owned(data.archived_texts()),
            parallel: true,
        }
    }

    /// A pass over a batch of claims, `batch`, numbered after `data.records` and checked
    /// against them; `parallel` when the batch may use every core.
    pub(crate) fn for_batch(
        data: &'a Dataset,
        as_of: Date,
        ids: &'a Ids,
        texts: &'a ArchivedTexts<'a>,
        batch: &'a [LoadedRecord],
        parallel: bool,
    ) -> Context<'a> {
        Context {
            data,
            as_of,
            index: Index::with_batch(data, Cow::Borrowed(ids), batch),
            texts: Texts::Shared(texts),
            parallel,
        }
    }

    /// The archived text of source `source_id` (`texts/<source-id>.txt`), with its file's
    /// index ([`Dataset::archived_texts`]).
    pub fn archived_text(&self, source_id: &str) -> Option<(usize, &'a str)> {
        let texts = match &self.texts {
            Texts::Owned(texts) => texts,
            Texts::Shared(texts) => *texts,
        };
        let index = *texts.get(source_id)?;
        Some((index, self.data.files[index].text.as_str()))
    }

    /// A diagnostic of `rule` about the value at `pointer` in record `index`.
    pub fn report(
        &self,
        rule: &Rule,
        index: usize,
        pointer: &str,
        message: impl Into<String>,
    ) -> Diagnostic {
        let record = self.record(index);
        self.report_at(rule, index, pointer, record.span_of(pointer), message)
    }

    /// Like [`Context::report`], pointing at an explicit span (e.g. a key).
    pub fn report_at(
        &self,
        rule: &Rule,
        index: usize,
        pointer: &str,
        span: Span,
        message: impl Into<String>,
    ) -> Diagnostic {
        let record = self.record(index);
        Diagnostic::new(rule.name, rule.severity, record.file, span, message)
            .with_record(record.id().map(str::to_string), Some(pointer.to_string()))
    }
}
