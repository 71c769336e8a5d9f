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
pub mod render;
mod rules;
mod run;
pub mod schema;
mod tree_json;

use std::time::{Duration, Instant};

use rayon::prelude::*;
use treatywatch_loader::{Dataset, Diagnostic, Severity};
use treatywatch_model::{Date, RuleName};

pub use context::Context;
pub use rules::{ALL as RULES, Rule, find as find_rule};
pub use run::{Batching, Checked, Timings, validate_listing};

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

/// Runs every rule over a loaded dataset: all its claims in one batch.
pub fn validate(data: &Dataset, options: &Options) -> Outcome {
    validate_timed(data, options).0
}

/// Like [`validate`], also returning how long each rule took (for `TREATYWATCH_TIMINGS`).
pub fn validate_timed(data: &Dataset, options: &Options) -> (Outcome, Vec<(RuleName, Duration)>) {
    let ids = treatywatch_loader::Ids::of(data, false);
    let ctx = Context::new(
        data,
        options.as_of,
        0..data.records.len(),
        true,
        std::borrow::Cow::Owned(ids),
    );
    let (mut found, mut timings, facts) = check_records(&ctx);
    found.extend(data.problems.iter().map(rules::diagnostic_of));
    // Records other than claims first, then claims: the order ids are named in.
    let (claims, others): (Vec<_>, Vec<_>) = facts
        .iter()
        .map(|(file, f)| (*file, f))
        .partition(|(_, f)| f.kind == treatywatch_model::RecordKind::Claim);
    let ordered = others.into_iter().chain(claims).collect();
    let started = Instant::now();
    let mut outcome = finish(&data.files, ordered, found, &mut timings);
    for d in outcome
        .diagnostics
        .iter_mut()
        .chain(outcome.allowed.iter_mut().map(|a| &mut a.diagnostic))
    {
        if let Some(f) = data.files.get(d.file) {
            d.end = Some(d.span.end_position(&f.text));
        }
    }
    let _ = started;
    (outcome, timings)
}

/// What checking some records gives: their diagnostics, each rule's time, and each record's
/// file and facts.
pub(crate) type Checks = (
    Vec<Diagnostic>,
    Vec<(RuleName, Duration)>,
    Vec<(usize, facts::RecordFacts)>,
);

/// Runs every rule's per-batch check over the records `ctx` iterates, and takes each
/// record's facts: the one sequence behind every pass (in memory, the records other than
/// claims, each chunk of a batch of claims).
pub(crate) fn check_records(ctx: &Context) -> Checks {
    let (found, timings) = check_batch(ctx);
    let records = ctx.iterated_records();
    let facts = if ctx.parallel {
        records
            .par_iter()
            .map(|r| (r.file, facts::RecordFacts::of(ctx, r)))
            .collect()
    } else {
        records
            .iter()
            .map(|r| (r.file, facts::RecordFacts::of(ctx, r)))
            .collect()
    };
    (found, timings, facts)
}

/// Runs every rule's per-batch check over the records `ctx` iterates, on every core.
pub(crate) fn check_batch(ctx: &Context) -> (Vec<Diagnostic>, Vec<(RuleName, Duration)>) {
    let run = |rule: &&Rule| {
        let started = Instant::now();
        let mut found = Vec::new();
        (rule.check)(ctx, &mut found);
        (rule.name, started.elapsed(), found)
    };
    // Rules are independent: run them on every core, unless other batches use them.
    let results: Vec<(RuleName, Duration, Vec<Diagnostic>)> = if ctx.parallel {
        rules::ALL.par_iter().map(run).collect()
    } else {
        rules::ALL.iter().map(run).collect()
    };
    let mut found = Vec::new();
    let mut timings = Vec::with_capacity(results.len());
    for (name, took, diagnostics) in results {
        timings.push((name, took));
        found.extend(diagnostics);
    }
    (found, timings)
}

/// Runs the rules that need every record's facts, silences what `allow` silences, and sorts.
pub(crate) fn finish(
    files: &[treatywatch_loader::SourceFile],
    records: Vec<(usize, &facts::RecordFacts)>,
    mut found: Vec<Diagnostic>,
    timings: &mut Vec<(RuleName, Duration)>,
) -> Outcome {
    let all = facts::Finish::new(files, records);
    let results: Vec<(RuleName, Duration, Vec<Diagnostic>)> = rules::ALL
        .par_iter()
        .filter_map(|rule| Some((rule.name, rule.finish?)))
        .map(|(name, finish)| {
            let started = Instant::now();
            let mut found = Vec::new();
            finish(&all, &mut found);
            (name, started.elapsed(), found)
        })
        .collect();
    for (name, took, diagnostics) in results {
        run::add(timings, vec![(name, took)]);
        found.extend(diagnostics);
    }
    let mut outcome = Outcome {
        records: all.records.len(),
        ..Outcome::default()
    };
    for d in found {
        match allowed_reason(&all, &d) {
            Some(reason) => outcome.allowed.push(Allowed {
                diagnostic: d,
                reason,
            }),
            None => outcome.diagnostics.push(d),
        }
    }
    sort(files, &mut outcome.diagnostics);
    outcome.diagnostics.dedup();
    outcome
        .allowed
        .sort_by(|a, b| order(files, &a.diagnostic, &b.diagnostic));
    outcome
}

/// Errors are never silenced; a warning or note is when the record its id names allows the
/// rule.
fn allowed_reason(all: &facts::Finish, d: &Diagnostic) -> Option<String> {
    if d.severity == Severity::Error {
        return None;
    }
    all.record(d.record.as_deref()?)?
        .allow
        .iter()
        .find(|a| a.rule == d.rule)
        .map(|a| a.reason.clone())
}

/// The contract's order: file, line, column, rule (then message).
pub fn sort(files: &[treatywatch_loader::SourceFile], diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| order(files, a, b));
}

fn order(
    files: &[treatywatch_loader::SourceFile],
    a: &Diagnostic,
    b: &Diagnostic,
) -> std::cmp::Ordering {
    let path = |d: &Diagnostic| files.get(d.file).map(|f| f.path.as_str()).unwrap_or("");
    (
        path(a),
        a.span.line,
        a.span.column,
        a.rule.as_str(),
        &a.message,
    )
        .cmp(&(
            path(b),
            b.span.line,
            b.span.column,
            b.rule.as_str(),
            &b.message,
        ))
}
