//! The pipeline's middle step: the claim files in batches, checked side by side (one per core),
//! each read, parsed, checked against the records other than claims and dropped on its core;
//! inside a batch the rules go over a few records at a time. Of a batch, each file's
//! diagnostics and each record's facts are kept (what a cache stores).

use rayon::prelude::*;
use treatywatch_loader::{Dataset, Diagnostic, FileResult, Ids, Limits, Listing, LoadedRecord};

use super::Batching;
use super::passes::{self, RuleTimes, add};
use crate::Options;
use crate::cache::{Cache, FileFacts, FileKey};
use crate::context::{ArchivedTexts, Context};
use crate::facts::RecordFacts;
use crate::rules;

/// What every batch of claim files is checked against, and how.
pub(crate) struct Shared<'a> {
    pub(crate) data: &'a Dataset,
    pub(crate) ids: &'a Ids,
    pub(crate) texts: &'a ArchivedTexts<'a>,
    pub(crate) options: &'a Options,
    pub(crate) listing: &'a Listing,
    pub(crate) limits: Limits,
    pub(crate) cache: Option<&'a Cache>,
    /// Whether a batch spreads its work over every core (when it is the only one).
    pub(crate) parallel: bool,
    /// How many records every rule checks before the next rule runs.
    pub(crate) chunk_records: usize,
}

/// What a batch of claim files leaves: per file, in file order, its diagnostics and its
/// records' facts (what a cache keeps), and what the run reports about the batch.
pub(crate) struct BatchDone {
    pub(crate) files: Vec<(usize, FileFacts)>,
    /// Diagnostics about files outside the batch.
    pub(crate) elsewhere: Vec<Diagnostic>,
    pub(crate) times: RuleTimes,
    pub(crate) notes: Vec<String>,
}

/// Reads, parses and checks one batch of claim files against the records other than claims;
/// its trees, records and texts are dropped on return.
pub(crate) fn check_batch(shared: &Shared, batch: &[usize]) -> BatchDone {
    let parsed = read_batch(shared, batch);
    let mut done = BatchDone {
        files: Vec::with_capacity(parsed.len()),
        elsewhere: Vec::new(),
        times: Vec::new(),
        notes: Vec::new(),
    };
    // Per file, in file order: what a cache keeps, and the text diagnostics end in.
    let mut per_file: Vec<(usize, Option<FileKey>, String)> = Vec::with_capacity(parsed.len());
    let mut records = Vec::new();
    let mut problems = Vec::new();
    for (i, key, r) in parsed {
        records.extend(r.records);
        problems.extend(r.problems);
        per_file.push((i, key, r.file.text));
    }
    per_file.sort_by_key(|(i, _, _)| *i);

    // Every rule runs over a few records at a time, then the next few: what a record names
    // (its claimant, its sources) is then looked up by one rule after another while it is
    // still in the processor's cache, instead of once per rule across the whole batch.
    let check_chunk = |chunk: &[LoadedRecord]| {
        let ctx = Context::for_batch(
            shared.data,
            shared.options.as_of,
            shared.ids,
            shared.texts,
            chunk,
            false,
        );
        passes::run(&ctx, false)
    };
    let size = shared.chunk_records.max(1);
    let checked: Vec<_> = if shared.parallel {
        records.par_chunks(size).map(check_chunk).collect()
    } else {
        records.chunks(size).map(check_chunk).collect()
    };
    let mut found = Vec::new();
    let mut facts: Vec<(usize, RecordFacts)> = Vec::with_capacity(records.len());
    for pass in checked {
        found.extend(pass.found);
        add(&mut done.times, pass.times);
        facts.extend(pass.facts);
    }
    found.extend(problems.iter().map(rules::diagnostic_of));
    let slot = |file: usize| per_file.binary_search_by_key(&file, |(i, _, _)| *i).ok();
    let mut records_of: Vec<Vec<RecordFacts>> = vec![Vec::new(); per_file.len()];
    let mut diagnostics_of: Vec<Vec<Diagnostic>> = vec![Vec::new(); per_file.len()];
    for (file, f) in facts {
        if let Some(s) = slot(file) {
            records_of[s].push(f);
        }
    }
    for d in found {
        match slot(d.file) {
            Some(s) => diagnostics_of[s].push(d),
            None => done.elsewhere.push(d),
        }
    }
    for (((i, key, text), records), diagnostics) in
        per_file.into_iter().zip(records_of).zip(diagnostics_of)
    {
        // Where each diagnostic ends is worked out while the text is here; then the text
        // goes (`Checked::read_texts` reads it again to show snippets).
        let facts = FileFacts {
            records,
            diagnostics: diagnostics
                .into_iter()
                .map(|d| d.with_end_from(&text))
                .collect(),
        };
        if let (Some(cache), Some(key)) = (shared.cache, key)
            && let Err(note) = cache.put(key, &facts)
        {
            done.notes.push(note);
        }
        done.files.push((i, facts));
    }
    done.files.sort_by_key(|(i, _)| *i);
    done
}

/// A batch of claim files, read and parsed, each with its cache key when there is a cache.
fn read_batch(shared: &Shared, batch: &[usize]) -> Vec<(usize, Option<FileKey>, FileResult)> {
    let (listing, limits) = (shared.listing, shared.limits);
    let one = |&i: &usize| match listing.fetch(i, limits) {
        Err(result) => (i, None, *result),
        Ok(bytes) => {
            let key = shared
                .cache
                .map(|_| FileKey::of(&listing.display_path(i), &bytes));
            (i, key, listing.parse(i, bytes, limits))
        }
    };
    if shared.parallel {
        batch.par_iter().map(one).collect()
    } else {
        batch.iter().map(one).collect()
    }
}

/// Claim files in consecutive batches of at most `max_bytes` (at least one file each).
pub(crate) fn batches(listing: &Listing, files: &[usize], batching: Batching) -> Vec<Vec<usize>> {
    let Some(max_bytes) = batching.max_bytes else {
        return vec![files.to_vec()];
    };
    let mut batches: Vec<Vec<usize>> = Vec::new();
    let mut current: Vec<usize> = Vec::new();
    let mut bytes = 0u64;
    for &i in files {
        let size = listing.size(i);
        if !current.is_empty() && bytes.saturating_add(size) > max_bytes {
            batches.push(std::mem::take(&mut current));
            bytes = 0;
        }
        current.push(i);
        bytes = bytes.saturating_add(size);
    }
    if !current.is_empty() {
        batches.push(current);
    }
    batches
}
