//! Validation of a data folder in bounded batches:
//!
//! 1. the files other than claim files are read, checked and kept (with a cache, every claim
//!    file's entry is looked up meanwhile);
//! 2. the claim files, in batches of about a megabyte checked side by side (one per core, each
//!    read, parsed, checked against the records other than claims and dropped on its core;
//!    inside a batch, the rules go over 64 records at a time), keeping only each file's
//!    diagnostics and each record's facts ([`crate::facts`]);
//! 3. the rules that need every claim, once, on those facts.
//!
//! The output does not depend on the batch or chunk size (tests hold a batch per file and a
//! record at a time equal to one batch). With a cache ([`crate::cache`]), a claim file whose
//! path and content, and whose surroundings (the build, limits, every file other than
//! claim files), are unchanged is not parsed again: its diagnostics and facts come from the
//! cache.

pub(crate) mod claims;
pub(crate) mod end;
pub(crate) mod others;
pub(crate) mod passes;

use std::path::Path;
use std::time::{Duration, Instant};

use treatywatch_loader::{Dataset, Limits, Listing};
use treatywatch_model::{RecordKind, RuleName};

use crate::cache::{Cache, FileFacts};
use crate::context::ArchivedTexts;
use crate::facts::RecordFacts;
use crate::{Options, Outcome};

/// How many claim files are read at once, and how many records are checked together.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Batching {
    /// A batch holds claim files up to this many bytes (at least one file); `None` reads
    /// every claim file in one batch.
    pub max_bytes: Option<u64>,
    /// Within a batch, every rule checks this many records (at least one) before the next
    /// rule runs. The result does not depend on it (tests hold 1 equal to a whole batch).
    pub chunk_records: usize,
}

impl Batching {
    /// Every claim file at once: memory in proportion to the data.
    pub const UNBOUNDED: Batching = Batching {
        max_bytes: None,
        chunk_records: Batching::DEFAULT.chunk_records,
    };

    /// The default: 1 MiB of claim files in a batch, one batch per core at a time, and the
    /// rules over 64 records at a time. A record takes about eight times its YAML in memory
    /// while it is checked; small batches keep each core's memory its own and reused (and
    /// the two cores evenly busy to the end), and 64 records' trees and the records they
    /// name stay in a core's cache while every rule reads them (BENCHMARKS.md).
    pub const DEFAULT: Batching = Batching {
        max_bytes: Some(1024 * 1024),
        chunk_records: 64,
    };

    /// Batches of `max_bytes` (0: one batch), the default chunks.
    pub fn of_bytes(max_bytes: u64) -> Batching {
        Batching {
            max_bytes: (max_bytes > 0).then_some(max_bytes),
            ..Batching::DEFAULT
        }
    }
}

/// Where the time of a run went, for `TREATYWATCH_TIMINGS`: the run's steps, in order, each
/// as wall time.
#[derive(Debug, Clone, Default)]
pub struct Timings {
    /// Reading, parsing and typing the files other than claim files.
    pub others_read: Duration,
    /// Checking the records other than claims; with a cache, opening it and looking up every
    /// claim file's entry (done meanwhile).
    pub others_checked: Duration,
    /// The claim files, batches side by side: read (or taken from the cache), parsed,
    /// typed and checked.
    pub claims: Duration,
    /// The rules that need every record's facts, `allow`, the sorting, and the texts read
    /// again for where diagnostics end.
    pub finish: Duration,
    /// Each rule's time, summed over the batches (on every core) and the end.
    pub rules: Vec<(RuleName, Duration)>,
    pub batches: usize,
    /// Claim files whose results came from the cache.
    pub cached_files: usize,
}

/// The result of [`validate_listing`].
pub struct Checked {
    /// Every file, with the text of the files other than claim files and of every file a
    /// diagnostic points into; the records other than claims.
    pub data: Dataset,
    pub outcome: Outcome,
    pub timings: Timings,
    /// What the run has to say about the cache (ignored, not written), for stderr.
    pub notes: Vec<String>,
}

/// Validates the files of `listing` in batches; with `cache_dir`, reuses and updates the cache
/// there.
pub fn validate_listing(
    listing: &Listing,
    limits: Limits,
    options: &Options,
    batching: Batching,
    cache_dir: Option<&Path>,
) -> Checked {
    let mut timings = Timings::default();
    let mut notes = Vec::new();
    let started = Instant::now();
    let (claim_files, other_files): (Vec<usize>, Vec<usize>) =
        (0..listing.len()).partition(|&i| listing.kind(i) == Some(RecordKind::Claim));

    // 1. Every file other than claim files, read; with a cache, the environment its entries
    // are kept for (these files' bytes among it).
    let fetched = others::fetch(listing, &other_files, limits);
    let cache = cache_dir.map(|dir| {
        let environment = crate::cache::environment(listing, &fetched, limits);
        let (cache, note) = Cache::open(dir, environment);
        notes.extend(note);
        cache
    });

    // 2. Side by side: those files parsed, typed and checked (and kept), and, with a cache,
    // every claim file's entry looked up.
    let (others, looked_up) = rayon::join(
        || others::check(listing, fetched, limits, options, started),
        || (cache.as_ref()).map(|cache| others::look_up(listing, &claim_files, limits, cache)),
    );
    let others::Others {
        read,
        mut data,
        ids,
        mut found,
        times,
        facts: other_facts,
    } = others;
    timings.others_read = read;
    passes::add(&mut timings.rules, times);
    let mut claim_facts: Vec<(usize, FileFacts)> = Vec::with_capacity(claim_files.len());
    let to_check = match looked_up {
        None => claim_files,
        Some(looked_up) => {
            notes.extend(looked_up.notes);
            timings.cached_files = looked_up.found.len();
            claim_facts.extend(looked_up.found);
            looked_up.missing
        }
    };
    timings.others_checked = started.elapsed() - read;

    // 3. The other claim files in batches, checked side by side; a run with one batch
    // spreads that batch over every core instead.
    let batches = claims::batches(listing, &to_check, batching);
    let texts: ArchivedTexts = data.archived_texts();
    let shared = claims::Shared {
        data: &data,
        ids: &ids,
        texts: &texts,
        options,
        listing,
        limits,
        cache: cache.as_ref(),
        parallel: batches.len() < 2,
        chunk_records: batching.chunk_records,
    };
    let claims_started = Instant::now();
    let done: Vec<claims::BatchDone> = {
        use rayon::prelude::*;
        batches
            .par_iter()
            .map(|batch| claims::check_batch(&shared, batch))
            .collect()
    };
    timings.claims = claims_started.elapsed();
    for batch in done {
        timings.batches += 1;
        passes::add(&mut timings.rules, batch.times);
        notes.extend(batch.notes);
        found.extend(batch.elsewhere);
        claim_facts.extend(batch.files);
    }
    claim_facts.sort_by_key(|(i, _)| *i);
    drop(texts);

    // 4. The rules that need every record's facts; diagnostics sorted, and where each ends.
    let concluding = Instant::now();
    for (i, f) in &claim_facts {
        found.extend(f.diagnostics.iter().cloned().map(|mut d| {
            d.file = *i;
            d
        }));
    }
    let ordered: Vec<(usize, &RecordFacts)> = other_facts
        .iter()
        .map(|(file, f)| (*file, f))
        .chain(
            claim_facts
                .iter()
                .flat_map(|(file, f)| f.records.iter().map(move |r| (*file, r))),
        )
        .collect();
    let mut outcome = end::conclude(
        &data.files,
        ordered,
        found,
        &mut timings.rules,
        options.as_of,
    );
    end::set_ends(&mut outcome, &mut data, listing, limits);
    timings.finish = concluding.elapsed();

    if let Some(cache) = cache {
        cache.prune();
    }
    Checked {
        data,
        outcome,
        timings,
        notes,
    }
}

impl Checked {
    /// Reads again the text of every file a diagnostic (or a silenced one) points into, for
    /// showing snippets of them (`--format human`).
    pub fn read_texts(&mut self, listing: &Listing, limits: Limits) {
        let files = (self.outcome.diagnostics.iter())
            .chain(self.outcome.allowed.iter().map(|a| &a.diagnostic))
            .map(|d| d.file)
            .collect();
        end::read_texts(&mut self.data, listing, limits, files);
    }
}
