//! One pass of the rules over some records: what every step of the pipeline runs (the records
//! other than claims once, then each chunk of each batch of claims).

use std::time::{Duration, Instant};

use rayon::prelude::*;
use treatywatch_loader::Diagnostic;
use treatywatch_model::RuleName;

use crate::context::Context;
use crate::facts::RecordFacts;
use crate::rules::{self, Rule};

/// Each rule's time in a pass (summed when passes are added up).
pub(crate) type RuleTimes = Vec<(RuleName, Duration)>;

/// What a pass over some records gives: their diagnostics, each rule's time, and each
/// record's file and facts.
pub(crate) struct Pass {
    pub(crate) found: Vec<Diagnostic>,
    pub(crate) times: RuleTimes,
    pub(crate) facts: Vec<(usize, RecordFacts)>,
}

/// Runs every rule's `check` over the records `ctx` goes over (and, with `files`, every rule's
/// `check_files`), and takes each record's facts.
pub(crate) fn run(ctx: &Context, files: bool) -> Pass {
    let one = |rule: &&Rule| {
        let started = Instant::now();
        let mut found = Vec::new();
        (rule.check)(ctx, &mut found);
        if files && let Some(check_files) = rule.check_files {
            check_files(ctx, &mut found);
        }
        (rule.name, started.elapsed(), found)
    };
    // Rules are independent: run them on every core, unless other batches use them.
    let results: Vec<(RuleName, Duration, Vec<Diagnostic>)> = if ctx.parallel {
        rules::ALL.par_iter().map(one).collect()
    } else {
        rules::ALL.iter().map(one).collect()
    };
    let mut pass = Pass {
        found: Vec::new(),
        times: Vec::with_capacity(results.len()),
        facts: Vec::new(),
    };
    for (name, took, diagnostics) in results {
        pass.times.push((name, took));
        pass.found.extend(diagnostics);
    }
    let records = ctx.iterated_records();
    let of = |r: &treatywatch_loader::LoadedRecord| (r.file, RecordFacts::of(ctx, r));
    pass.facts = if ctx.parallel {
        records.par_iter().map(of).collect()
    } else {
        records.iter().map(of).collect()
    };
    pass
}

/// Adds `more` to `total`, rule by rule.
pub(crate) fn add(total: &mut RuleTimes, more: RuleTimes) {
    for (name, took) in more {
        match total.iter_mut().find(|(n, _)| *n == name) {
            Some((_, t)) => *t += took,
            None => total.push((name, took)),
        }
    }
}
