//! Checks a loaded treatywatch dataset: JSON Schema for shape, a registry of consistency
//! rules for meaning, and renderers that print the diagnostics for people (`human`), programs
//! (`json`), GitHub pull requests (`github`) and code scanning (`sarif`).
//!
//! Rules never print; renderers never decide. Each rule is one file under `rules/`, its
//! documentation beside its check, so `treatywatch explain RULE` cannot drift from the code.

pub mod cache;
mod context;
pub mod docs;
mod evidence;
pub mod facts;
pub mod fixes;
pub mod passages;
mod pipeline;
pub mod render;
mod rules;
pub mod schema;
pub mod session;
mod tree_json;

use treatywatch_loader::{Dataset, Diagnostic, Limits, Listing, Severity};
use treatywatch_model::Date;

pub use context::Context;
pub use pipeline::{Batching, Checked, Timings, validate_listing};
pub use rules::{ALL as RULES, Rule, closest as closest_rule, find as find_rule};

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
    /// How many records were checked.
    pub records: usize,
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
            records: self.records,
        }
    }

    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
    }
}

/// Runs every rule over a dataset already loaded: the run [`validate_listing`] makes over a
/// data folder, its files read from memory ([`Listing::of_dataset`]), every claim in one
/// batch.
pub fn validate(data: &Dataset, options: &Options) -> Outcome {
    let listing = Listing::of_dataset(data);
    validate_listing(
        &listing,
        Limits::default(),
        options,
        Batching::UNBOUNDED,
        None,
    )
    .outcome
}
