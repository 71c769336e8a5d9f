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
//! path and content, and whose surroundings (tool, as-of date, limits, every file other than
//! claim files), are unchanged is not parsed again: its diagnostics and facts come from the
//! cache.

use std::borrow::Cow;
use std::path::Path;
use std::time::{Duration, Instant};

use rayon::prelude::*;
use treatywatch_loader::{Dataset, Diagnostic, FileResult, Ids, Limits, Listing, LoadedRecord};
use treatywatch_model::{RecordKind, RuleName};

use crate::cache::{Cache, FetchedFile, FileFacts, FileKey};
use crate::context::{ArchivedTexts, Context};
use crate::facts::RecordFacts;
use crate::{Options, Outcome, check_records, finish, rules};

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
    let (fetched, _) = rayon::join(
        || -> Vec<FetchedFile> {
            other_files
                .par_iter()
                .map(|&i| (i, listing.fetch(i, limits)))
                .collect()
        },
        // The executable's hash (a hundred megabytes), while the files are read.
        || cache_dir.map(|_| crate::cache::executable()),
    );
    let cache = cache_dir.map(|dir| {
        let environment = crate::cache::environment(listing, &fetched, options, limits);
        let (cache, note) = Cache::open(dir, environment);
        notes.extend(note);
        cache
    });

    // 2. Side by side: those files parsed, typed and checked (and kept), and, with a cache,
    // every claim file's entry looked up.
    let (others, cached) = rayon::join(
        || {
            let results: Vec<FileResult> = fetched
                .into_par_iter()
                .map(|(i, bytes)| match bytes {
                    Ok(bytes) => listing.parse(i, bytes, limits),
                    Err(result) => *result,
                })
                .collect();
            let mut data = Dataset {
                root: listing.root.clone(),
                files: listing.files(),
                records: Vec::new(),
                problems: Vec::new(),
            };
            for (&i, r) in other_files.iter().zip(results) {
                data.files[i] = r.file;
                data.records.extend(r.records);
                data.problems.extend(r.problems);
            }
            let read = started.elapsed();
            let ids = Ids::of(&data, false);
            let ctx = Context::new(
                &data,
                options.as_of,
                0..data.records.len(),
                true,
                Cow::Borrowed(&ids),
            );
            let (mut found, rules, facts) = check_records(&ctx);
            found.extend(data.problems.iter().map(rules::diagnostic_of));
            drop(ctx);
            Others {
                read,
                data,
                ids,
                found,
                rules,
                facts,
            }
        },
        || {
            cache
                .as_ref()
                .map(|cache| look_up(listing, &claim_files, limits, cache))
        },
    );
    let Others {
        read,
        mut data,
        ids,
        mut found,
        rules,
        facts: other_facts,
    } = others;
    timings.others_read = read;
    add(&mut timings.rules, rules);
    let mut claim_facts: Vec<(usize, FileFacts)> = Vec::with_capacity(claim_files.len());
    let to_check = match cached {
        None => claim_files.clone(),
        Some(looked_up) => {
            notes.extend(looked_up.notes);
            timings.cached_files = looked_up.found.len();
            claim_facts.extend(looked_up.found);
            looked_up.missing
        }
    };
    timings.others_checked = started.elapsed() - read;

    // 3. The other claim files in batches, checked side by side: a batch is read, parsed,
    // checked against the records other than claims and dropped on one core while the other
    // cores do the same with other batches; of it, each file's diagnostics and each
    // record's facts are kept. A run with one batch spreads that batch over every core
    // instead.
    let batches = batches(listing, &to_check, batching);
    let texts: ArchivedTexts = data.archived_texts();
    let shared = Shared {
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
    let done: Vec<BatchDone> = batches
        .par_iter()
        .map(|batch| check_claim_batch(&shared, batch))
        .collect();
    timings.claims = claims_started.elapsed();
    for batch in done {
        timings.batches += 1;
        add(&mut timings.rules, batch.rules);
        notes.extend(batch.notes);
        found.extend(batch.elsewhere);
        claim_facts.extend(batch.files);
    }
    claim_facts.sort_by_key(|(i, _)| *i);
    drop(texts);

    // 4. The rules that need every record's facts; diagnostics sorted.
    let checking = Instant::now();
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
    let mut outcome = finish(&data.files, ordered, found, &mut timings.rules);

    // Diagnostics of the end's rules point into claim files whose texts are gone: where
    // they end is read from the files again (a few files, in data worth publishing).
    let wanted = |d: &Diagnostic| d.end.is_none().then_some(d.file);
    let files: Vec<usize> = (outcome.diagnostics.iter())
        .chain(outcome.allowed.iter().map(|a| &a.diagnostic))
        .filter_map(wanted)
        .collect();
    read_texts(&mut data, listing, limits, files);
    for d in outcome
        .diagnostics
        .iter_mut()
        .chain(outcome.allowed.iter_mut().map(|a| &mut a.diagnostic))
    {
        if d.end.is_none()
            && let Some(f) = data.files.get(d.file)
        {
            d.end = Some(d.span.end_position(&f.text));
        }
    }
    timings.finish = checking.elapsed();

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

/// Reads again the texts of `files` that are claim files without their text.
fn read_texts(data: &mut Dataset, listing: &Listing, limits: Limits, mut files: Vec<usize>) {
    files.retain(|&i| {
        listing.kind(i) == Some(RecordKind::Claim)
            && data.files.get(i).is_some_and(|f| f.text.is_empty())
    });
    files.sort_unstable();
    files.dedup();
    let texts: Vec<(usize, String)> = files
        .par_iter()
        .filter_map(|&i| Some((i, text_of(listing.fetch(i, limits).ok()?))))
        .collect();
    for (i, text) in texts {
        data.files[i].text = text;
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
        read_texts(&mut self.data, listing, limits, files);
    }
}

/// The files other than claim files, read and checked.
struct Others {
    /// How long reading them took.
    read: Duration,
    data: Dataset,
    ids: Ids,
    found: Vec<Diagnostic>,
    rules: Vec<(RuleName, Duration)>,
    facts: Vec<(usize, RecordFacts)>,
}

/// The claim files the cache has results for, and the others.
struct LookedUp {
    found: Vec<(usize, FileFacts)>,
    missing: Vec<usize>,
    notes: Vec<String>,
}

/// Reads and hashes every claim file, on every core, and takes the results of those the cache
/// has; the others are read again when their batch is checked (a file's bytes are not kept
/// while every other file is looked up).
fn look_up(listing: &Listing, files: &[usize], limits: Limits, cache: &Cache) -> LookedUp {
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

/// What every batch of claim files is checked against, and how.
struct Shared<'a> {
    data: &'a Dataset,
    ids: &'a Ids,
    texts: &'a ArchivedTexts<'a>,
    options: &'a Options,
    listing: &'a Listing,
    limits: Limits,
    cache: Option<&'a Cache>,
    /// Whether a batch spreads its work over every core (when it is the only one).
    parallel: bool,
    /// How many records every rule checks before the next rule runs.
    chunk_records: usize,
}

/// What a batch of claim files leaves: per file, in file order, its diagnostics and its
/// records' facts (what a cache keeps), and what the run reports about the batch.
struct BatchDone {
    files: Vec<(usize, FileFacts)>,
    /// Diagnostics about files outside the batch.
    elsewhere: Vec<Diagnostic>,
    rules: Vec<(RuleName, Duration)>,
    notes: Vec<String>,
}

/// Reads, parses and checks one batch of claim files against the records other than claims;
/// its trees, records and texts are dropped on return.
fn check_claim_batch(shared: &Shared, batch: &[usize]) -> BatchDone {
    let parsed = read_batch(shared, batch);
    let mut done = BatchDone {
        files: Vec::with_capacity(parsed.len()),
        elsewhere: Vec::new(),
        rules: Vec::new(),
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
        check_records(&ctx)
    };
    let size = shared.chunk_records.max(1);
    let checked: Vec<_> = if shared.parallel {
        records.par_chunks(size).map(check_chunk).collect()
    } else {
        records.chunks(size).map(check_chunk).collect()
    };
    let mut found = Vec::new();
    let mut facts: Vec<(usize, RecordFacts)> = Vec::with_capacity(records.len());
    for (chunk_found, rules, chunk_facts) in checked {
        found.extend(chunk_found);
        add(&mut done.rules, rules);
        facts.extend(chunk_facts);
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

/// A file's text as the loader decodes it (a byte-order mark dropped).
fn text_of(bytes: Vec<u8>) -> String {
    let text = String::from_utf8(bytes)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
    match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    }
}

/// Claim files in consecutive batches of at most `max_bytes` (at least one file each).
fn batches(listing: &Listing, files: &[usize], batching: Batching) -> Vec<Vec<usize>> {
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

pub(crate) fn add(total: &mut Vec<(RuleName, Duration)>, more: Vec<(RuleName, Duration)>) {
    for (name, took) in more {
        match total.iter_mut().find(|(n, _)| *n == name) {
            Some((_, t)) => *t += took,
            None => total.push((name, took)),
        }
    }
}
