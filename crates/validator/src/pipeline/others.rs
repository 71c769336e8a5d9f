//! The pipeline's first steps: the files other than claim files read, parsed, typed and
//! checked (and kept: every claim is checked against them); with a cache, every claim file's
//! entry looked up meanwhile.

use std::time::{Duration, Instant};

use rayon::prelude::*;
use treatywatch_loader::{Dataset, Diagnostic, FileResult, Ids, Limits, Listing};

use super::passes::{self, RuleTimes};
use crate::cache::{Cache, FetchedFile, FileFacts, FileKey};
use crate::context::Context;
use crate::facts::RecordFacts;
use crate::{Options, rules};

/// The files other than claim files, read and checked.
pub(crate) struct Others {
    /// How long reading them took.
    pub(crate) read: Duration,
    /// Every file (the text of these), and their records.
    pub(crate) data: Dataset,
    /// Their records' ids: what a claim's references are looked up in.
    pub(crate) ids: Ids,
    pub(crate) found: Vec<Diagnostic>,
    pub(crate) times: RuleTimes,
    pub(crate) facts: Vec<(usize, RecordFacts)>,
}

/// Reads the files `indexes` of `listing` (every file other than a claim file).
pub(crate) fn fetch(listing: &Listing, indexes: &[usize], limits: Limits) -> Vec<FetchedFile> {
    indexes
        .par_iter()
        .map(|&i| (i, listing.fetch(i, limits)))
        .collect()
}

/// Parses and types the files `fetched` read, and runs every rule over their records and
/// the files; `started` is when reading began.
pub(crate) fn check(
    listing: &Listing,
    fetched: Vec<FetchedFile>,
    limits: Limits,
    options: &Options,
    started: Instant,
) -> Others {
    let results: Vec<(usize, FileResult)> = fetched
        .into_par_iter()
        .map(|(i, bytes)| match bytes {
            Ok(bytes) => (i, listing.parse(i, bytes, limits)),
            Err(result) => (i, *result),
        })
        .collect();
    let mut data = Dataset {
        root: listing.root.clone(),
        files: listing.files(),
        records: Vec::new(),
        problems: Vec::new(),
    };
    for (i, r) in results {
        data.files[i] = r.file;
        data.records.extend(r.records);
        data.problems.extend(r.problems);
    }
    let read = started.elapsed();
    let ids = Ids::of(&data, false);
    let ctx = Context::new(&data, options.as_of, &ids);
    let pass = passes::run(&ctx, true);
    drop(ctx);
    let mut found = pass.found;
    found.extend(data.problems.iter().map(rules::diagnostic_of));
    Others {
        read,
        data,
        ids,
        found,
        times: pass.times,
        facts: pass.facts,
    }
}

/// The claim files the cache has results for, and the others.
pub(crate) struct LookedUp {
    pub(crate) found: Vec<(usize, FileFacts)>,
    pub(crate) missing: Vec<usize>,
    pub(crate) notes: Vec<String>,
}

/// Reads and hashes every claim file, on every core, and takes the results of those the cache
/// has; the others are read again when their batch is checked (a file's bytes are not kept
/// while every other file is looked up).
pub(crate) fn look_up(
    listing: &Listing,
    files: &[usize],
    limits: Limits,
    cache: &Cache,
) -> LookedUp {
    let results: Vec<(usize, Option<FileFacts>, Option<String>)> = files
        .par_iter()
        .map(|&i| {
            let Ok(bytes) = listing.fetch(i, limits) else {
                return (i, None, None);
            };
            match cache.get(&FileKey::of(&listing.display_path(i), &bytes)) {
                Ok(facts) => (i, facts, None),
                Err(note) => (i, None, Some(note)),
            }
        })
        .collect();
    let mut looked_up = LookedUp {
        found: Vec::new(),
        missing: Vec::new(),
        notes: Vec::new(),
    };
    for (i, facts, note) in results {
        looked_up.notes.extend(note);
        match facts {
            Some(facts) => looked_up.found.push((i, facts)),
            None => looked_up.missing.push(i),
        }
    }
    looked_up
}
