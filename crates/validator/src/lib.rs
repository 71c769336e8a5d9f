//! Checks a loaded treatywatch dataset: JSON Schema for shape, a registry of consistency
//! rules for meaning, and renderers that print the diagnostics for people (`human`), programs
//! (`json`), GitHub pull requests (`github`) and code scanning (`sarif`).
//!
//! Rules never print; renderers never decide. Each rule is one file under `rules/`, its
//! documentation beside its check, so `treatywatch explain RULE` cannot drift from the code.

mod context;
pub mod docs;
mod evidence;
pub mod render;
mod rules;
pub mod schema;
mod tree_json;

use std::time::{Duration, Instant};

use rayon::prelude::*;
use treatywatch_loader::{Dataset, Diagnostic, Severity};
use treatywatch_model::Date;

pub use context::Context;
pub use rules::{ALL as RULES, Rule, find as find_rule};

/// What a validation run is asked to do.
#[derive(Debug, Clone)]
pub struct Options {
    /// The date "now" for `future-date` and statuses.
    pub as_of: Date,
}

/// A silenced diagnostic, with the reason the record gave.
#[derive(Debug, Clone)]
pub struct Allowed {
    pub diagnostic: Diagnostic,
    pub reason: String,
}

/// The result of a validation run.
#[derive(Debug, Clone, Default)]
pub struct Outcome {
    /// Reported diagnostics, sorted by file, line, column, rule.
    pub diagnostics: Vec<Diagnostic>,
    /// Warnings and notes silenced by `allow`.
    pub allowed: Vec<Allowed>,
}

/// Counts for the closing line and the JSON summary.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Summary {
    pub errors: usize,
    pub warnings: usize,
    pub notes: usize,
    pub files: usize,
    pub records: usize,
}

impl Outcome {
    pub fn summary(&self, data: &Dataset) -> Summary {
        let count = |s| self.diagnostics.iter().filter(|d| d.severity == s).count();
        Summary {
            errors: count(Severity::Error),
            warnings: count(Severity::Warning),
            notes: count(Severity::Note),
            files: data.files.len(),
            records: data.records.len(),
        }
    }

    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
    }
}

/// Runs every rule over the dataset.
pub fn validate(data: &Dataset, options: &Options) -> Outcome {
    validate_timed(data, options).0
}

/// Like [`validate`], also returning how long each rule took (for `TREATYWATCH_TIMINGS`).
pub fn validate_timed(
    data: &Dataset,
    options: &Options,
) -> (Outcome, Vec<(&'static str, Duration)>) {
    let ctx = Context::new(data, options.as_of);
    // Rules are independent: run them on every core.
    let results: Vec<(&'static str, Duration, Vec<Diagnostic>)> = rules::ALL
        .par_iter()
        .map(|rule| {
            let started = Instant::now();
            let mut found = Vec::new();
            (rule.check)(&ctx, &mut found);
            (rule.name, started.elapsed(), found)
        })
        .collect();
    let mut found: Vec<Diagnostic> = data.problems.iter().map(rules::diagnostic_of).collect();
    let mut timings = Vec::with_capacity(results.len());
    for (name, took, diagnostics) in results {
        timings.push((name, took));
        found.extend(diagnostics);
    }
    (finish(&ctx, data, found), timings)
}

fn finish(ctx: &Context, data: &Dataset, found: Vec<Diagnostic>) -> Outcome {
    let mut outcome = Outcome::default();
    for d in found {
        match allowed_reason(ctx, &d) {
            Some(reason) => outcome.allowed.push(Allowed {
                diagnostic: d,
                reason,
            }),
            None => outcome.diagnostics.push(d),
        }
    }
    sort(data, &mut outcome.diagnostics);
    outcome.diagnostics.dedup();
    outcome
}

/// Errors are never silenced; a warning or note is when its record allows the rule.
fn allowed_reason(ctx: &Context, d: &Diagnostic) -> Option<String> {
    if d.severity == Severity::Error {
        return None;
    }
    let record = ctx.record_by_id(d.record.as_deref()?)?;
    record
        .allow()
        .iter()
        .find(|a| a.rule == d.rule)
        .map(|a| a.reason.clone())
}

/// The contract's order: file, line, column, rule.
pub fn sort(data: &Dataset, diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        let path = |d: &Diagnostic| {
            data.files
                .get(d.file)
                .map(|f| f.path.as_str())
                .unwrap_or("")
        };
        (path(a), a.span.line, a.span.column, a.rule, &a.message).cmp(&(
            path(b),
            b.span.line,
            b.span.column,
            b.rule,
            &b.message,
        ))
    });
}
