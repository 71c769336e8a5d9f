//! What every rule sees: the dataset's id index, the as-of date, and a way to point a
//! diagnostic at a value.

use std::ops::Deref;

use treatywatch_loader::{Dataset, Diagnostic, Index, Span};
use treatywatch_model::Date;

use crate::rules::Rule;

pub struct Context<'a> {
    pub data: &'a Dataset,
    pub as_of: Date,
    /// Ids name records other than claims only: what names a claim is decided once every
    /// batch is read (see `facts`).
    index: Index<'a>,
    /// Whether this pass checks the files that are not claim files (archived texts, stray
    /// files): the first pass does, the batches of claim files do not.
    pub checks_other_files: bool,
}

/// Rules look records up through the context as through the index itself.
impl<'a> Deref for Context<'a> {
    type Target = Index<'a>;

    fn deref(&self) -> &Index<'a> {
        &self.index
    }
}

impl<'a> Context<'a> {
    /// A pass over `data.records[checked]`, looking ids up among the records other than
    /// claims.
    pub fn new(
        data: &'a Dataset,
        as_of: Date,
        checked: std::ops::Range<usize>,
        checks_other_files: bool,
    ) -> Context<'a> {
        Context {
            data,
            as_of,
            index: Index::split(data, false, checked),
            checks_other_files,
        }
    }

    /// A diagnostic of `rule` about the value at `pointer` in record `index`.
    pub fn report(
        &self,
        rule: &Rule,
        index: usize,
        pointer: &str,
        message: impl Into<String>,
    ) -> Diagnostic {
        let record = &self.data.records[index];
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
        let record = &self.data.records[index];
        Diagnostic::new(rule.name, rule.severity, record.file, span, message)
            .with_record(record.id().map(str::to_string), Some(pointer.to_string()))
    }
}
