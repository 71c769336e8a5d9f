//! What every rule sees: the dataset's id index, the as-of date, and a way to point a
//! diagnostic at a value.

use std::ops::Deref;

use treatywatch_loader::{Dataset, Diagnostic, Index, Span};
use treatywatch_model::Date;

use crate::rules::Rule;

pub struct Context<'a> {
    pub data: &'a Dataset,
    pub as_of: Date,
    index: Index<'a>,
}

/// Rules look records up through the context as through the index itself.
impl<'a> Deref for Context<'a> {
    type Target = Index<'a>;

    fn deref(&self) -> &Index<'a> {
        &self.index
    }
}

impl<'a> Context<'a> {
    pub fn new(data: &'a Dataset, as_of: Date) -> Context<'a> {
        Context {
            data,
            as_of,
            index: Index::new(data),
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
