//! Validation kept in memory between edits, for the language server and `validate --watch`:
//! the files other than claim files checked and kept, each claim file's diagnostics and facts
//! kept, and an edit re-checking only what it can change.
//!
//! - A claim file changed (an editor's buffer, or the file on disk): that file is read,
//!   parsed and checked again against the records other than claims; then the rules that
//!   need every record's facts run again on the facts kept (what names what, duplicate ids,
//!   `responds_to` loops, `allow`). Nothing else is read.
//! - Any other file changed (a treaty, an actor, a source, an archived text), or files
//!   created or deleted: every claim is checked against them, so everything is checked again
//!   (the listing read again when files came or went).
//!
//! The result is the same as [`crate::validate_listing`]'s on the same files: the same
//! pipeline's steps, run on fewer files (tests compare them after every kind of edit).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use treatywatch_loader::{Dataset, Diagnostic, Limits, Listing, LoadError};
use treatywatch_model::RecordKind;

use crate::cache::FileFacts;
use crate::facts::RecordFacts;
use crate::pipeline::{self, Batching};
use crate::{Options, Outcome};

/// What a claim file's check left: its diagnostics and facts, and diagnostics about other
/// files it found.
#[derive(Debug, Clone, Default)]
struct ClaimFile {
    facts: FileFacts,
    elsewhere: Vec<Diagnostic>,
}

/// What an edit made the session check again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rechecked {
    /// One claim file, then the rules on every record's facts.
    ClaimFile,
    /// Every file.
    Everything,
    /// Nothing: the file is not in the data folder, or not a file the validator reads.
    Nothing,
}

/// A data folder's validation, kept between edits.
pub struct Session {
    root: PathBuf,
    listing: Listing,
    limits: Limits,
    options: Options,
    /// Unsaved texts, by path: they win over the disk until closed.
    buffers: BTreeMap<PathBuf, Vec<u8>>,
    others: pipeline::others::Others,
    claims: BTreeMap<usize, ClaimFile>,
}

impl Session {
    /// Lists and checks the data folder `root`.
    pub fn open(root: &Path, limits: Limits, options: Options) -> Result<Session, LoadError> {
        let listing = treatywatch_loader::list(root)?;
        let others =
            pipeline::others::check(&listing, Vec::new(), limits, &options, Instant::now());
        let mut session = Session {
            root: root.to_path_buf(),
            listing,
            limits,
            options,
            buffers: BTreeMap::new(),
            others,
            claims: BTreeMap::new(),
        };
        session.check_everything();
        Ok(session)
    }

    /// The data folder.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The listing the session reads (buffers included).
    pub fn listing(&self) -> &Listing {
        &self.listing
    }

    /// The files other than claim files, with their texts and records (claim files listed
    /// without their text).
    pub fn data(&self) -> &Dataset {
        &self.others.data
    }

    /// Every claim's facts (its id and where it is), with its file.
    pub fn claims(&self) -> impl Iterator<Item = (usize, &RecordFacts)> {
        self.claims
            .iter()
            .flat_map(|(file, c)| c.facts.records.iter().map(move |r| (*file, r)))
    }

    /// The options the session checks with.
    pub fn options(&self) -> &Options {
        &self.options
    }

    fn claim_files(&self) -> Vec<usize> {
        (0..self.listing.len())
            .filter(|&i| self.listing.kind(i) == Some(RecordKind::Claim))
            .collect()
    }

    fn check_everything(&mut self) {
        let other_files: Vec<usize> = (0..self.listing.len())
            .filter(|&i| self.listing.kind(i) != Some(RecordKind::Claim))
            .collect();
        let fetched = pipeline::others::fetch(&self.listing, &other_files, self.limits);
        self.others = pipeline::others::check(
            &self.listing,
            fetched,
            self.limits,
            &self.options,
            Instant::now(),
        );
        self.claims.clear();
        let files = self.claim_files();
        self.check_claims(&files);
    }

    /// Checks the claim files `files` (one batch, spread over every core) and keeps what
    /// each left.
    fn check_claims(&mut self, files: &[usize]) {
        if files.is_empty() {
            return;
        }
        let texts = self.others.data.archived_texts();
        let shared = pipeline::claims::Shared {
            data: &self.others.data,
            ids: &self.others.ids,
            texts: &texts,
            options: &self.options,
            listing: &self.listing,
            limits: self.limits,
            cache: None,
            parallel: true,
            chunk_records: Batching::DEFAULT.chunk_records,
        };
        let done = pipeline::claims::check_batch(&shared, files);
        let mut elsewhere = done.elsewhere;
        for (i, facts) in done.files {
            // Diagnostics about other files found with one file: kept with the first.
            self.claims.insert(
                i,
                ClaimFile {
                    facts,
                    elsewhere: std::mem::take(&mut elsewhere),
                },
            );
        }
    }

    /// Reads the file at `path` from `text` (an editor's unsaved buffer), or from the disk
    /// again (`None`: the buffer was closed, or the file changed on disk), and checks again
    /// what that can change.
    pub fn update(&mut self, path: &Path, text: Option<Vec<u8>>) -> Rechecked {
        let Some(path) = self.inside(path) else {
            return Rechecked::Nothing;
        };
        match &text {
            Some(text) => {
                self.buffers.insert(path.clone(), text.clone());
            }
            None => {
                self.buffers.remove(&path);
            }
        }
        let gone = text.is_none() && !path.exists();
        let Some(index) = self.listing.index_of(&path).filter(|_| !gone) else {
            // A new file (or one the listing does not know), or a file deleted: list the
            // folder again (a buffer not yet saved is added to it).
            return self.relist();
        };
        match &text {
            Some(text) => {
                self.listing.set_buffer(index, text.clone());
            }
            None => self.listing.clear_buffer(index),
        }
        if self.listing.kind(index) == Some(RecordKind::Claim) {
            self.claims.remove(&index);
            self.check_claims(&[index]);
            Rechecked::ClaimFile
        } else {
            self.check_everything();
            Rechecked::Everything
        }
    }

    /// Lists the data folder again (files created, deleted or renamed), keeps the buffers,
    /// and checks everything.
    pub fn relist(&mut self) -> Rechecked {
        let Ok(mut listing) = treatywatch_loader::list(&self.root) else {
            return Rechecked::Nothing;
        };
        for (path, text) in &self.buffers {
            match listing.index_of(path) {
                Some(i) => {
                    listing.set_buffer(i, text.clone());
                }
                None => {
                    listing.add_buffer(path.clone(), text.clone());
                }
            }
        }
        self.listing = listing;
        self.check_everything();
        Rechecked::Everything
    }

    /// `path` as the listing names it, when it is inside the data folder.
    fn inside(&self, path: &Path) -> Option<PathBuf> {
        if path.is_relative() {
            return Some(self.root.join(path));
        }
        let root = self.root.canonicalize().ok()?;
        let parent = path.parent()?.canonicalize().ok()?;
        let rest = parent.strip_prefix(&root).ok()?;
        Some(self.root.join(rest).join(path.file_name()?))
    }

    /// The outcome of the files as they are now: what `validate` would report on them.
    pub fn outcome(&self) -> Outcome {
        let mut found = self.others.found.clone();
        for (i, c) in &self.claims {
            found.extend(c.facts.diagnostics.iter().cloned().map(|mut d| {
                d.file = *i;
                d
            }));
            found.extend(c.elsewhere.iter().cloned());
        }
        let ordered: Vec<(usize, &RecordFacts)> = (self.others.facts.iter())
            .map(|(file, f)| (*file, f))
            .chain(
                self.claims
                    .iter()
                    .flat_map(|(file, c)| c.facts.records.iter().map(move |r| (*file, r))),
            )
            .collect();
        let mut times = Vec::new();
        pipeline::end::conclude(
            &self.others.data.files,
            ordered,
            found,
            &mut times,
            self.options.as_of,
        )
    }

    /// The outcome, and the files with the text of every file a diagnostic points into (for
    /// showing it as `validate` does).
    pub fn checked(&self) -> (Dataset, Outcome) {
        let mut outcome = self.outcome();
        let mut data = self.others.data.clone();
        pipeline::end::set_ends(&mut outcome, &mut data, &self.listing, self.limits);
        let files = (outcome.diagnostics.iter())
            .chain(outcome.allowed.iter().map(|a| &a.diagnostic))
            .map(|d| d.file)
            .collect();
        pipeline::end::read_texts(&mut data, &self.listing, self.limits, files);
        (data, outcome)
    }

    /// The text of file `index` as the session reads it (its buffer, or the disk).
    pub fn text(&self, index: usize) -> Option<String> {
        let bytes = self.listing.fetch(index, self.limits).ok()?;
        let text = String::from_utf8(bytes).ok()?;
        Some(match text.strip_prefix('\u{feff}') {
            Some(rest) => rest.to_string(),
            None => text,
        })
    }
}
