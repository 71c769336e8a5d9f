//! The pipeline's last step: the rules that need every record's facts, `allow`, the order of
//! the output, and where each diagnostic ends.

use std::time::{Duration, Instant};

use rayon::prelude::*;
use treatywatch_loader::{Dataset, Diagnostic, Limits, Listing, Severity, SourceFile};
use treatywatch_model::RuleName;

use super::passes::{RuleTimes, add};
use crate::facts::{AllFacts, RecordFacts};
use crate::{Allowed, Outcome, rules};

/// Runs every rule's `check_facts` on every record's facts (`records`: the records other than
/// claims first, then claims), silences what `allow` silences, and sorts.
pub(crate) fn conclude(
    files: &[SourceFile],
    records: Vec<(usize, &RecordFacts)>,
    mut found: Vec<Diagnostic>,
    times: &mut RuleTimes,
    as_of: treatywatch_model::Date,
) -> Outcome {
    let all = AllFacts::new(files, records, as_of);
    let results: Vec<(RuleName, Duration, Vec<Diagnostic>)> = rules::ALL
        .par_iter()
        .filter_map(|rule| Some((rule.name, rule.check_facts?)))
        .map(|(name, check_facts)| {
            let started = Instant::now();
            let mut found = Vec::new();
            check_facts(&all, &mut found);
            (name, started.elapsed(), found)
        })
        .collect();
    for (name, took, diagnostics) in results {
        add(times, vec![(name, took)]);
        found.extend(diagnostics);
    }
    let mut outcome = Outcome {
        records: all.records.len(),
        ..Outcome::default()
    };
    let found = one_per_place(found);
    for d in found {
        match allowed_reason(&all, &d) {
            Some(reason) => outcome.allowed.push(Allowed {
                diagnostic: d,
                reason,
            }),
            None => outcome.diagnostics.push(d),
        }
    }
    outcome.diagnostics.sort_by(|a, b| order(files, a, b));
    outcome.diagnostics.dedup();
    outcome
        .allowed
        .sort_by(|a, b| order(files, &a.diagnostic, &b.diagnostic));
    outcome
}

/// The rules that can report one value for one mistake, best first: at a place where several
/// of them report, only the first one's diagnostics are kept. A placeholder is reported as
/// one (not also as an unknown id or a date that is not one); a reference that is no id as
/// unknown, with the dataset's hint (not also as a malformed id with a guess); a malformed id
/// as malformed (not also as a file to rename to it).
const ONE_PER_PLACE: [RuleName; 6] = [
    RuleName::Placeholder,
    RuleName::UnknownReference,
    RuleName::WrongReferenceKind,
    RuleName::InvalidDate,
    RuleName::Schema,
    RuleName::IdFilenameMismatch,
];

fn rank(rule: RuleName) -> Option<usize> {
    ONE_PER_PLACE.iter().position(|r| *r == rule)
}

/// Keeps, at each place, the diagnostics of the best-ranked rule of [`ONE_PER_PLACE`] there
/// (and every diagnostic of the other rules).
fn one_per_place(mut found: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut best: rustc_hash::FxHashMap<(usize, u32), usize> = rustc_hash::FxHashMap::default();
    for d in &found {
        if let Some(r) = rank(d.rule) {
            let entry = best.entry((d.file, d.span.start)).or_insert(r);
            *entry = (*entry).min(r);
        }
    }
    found.retain(|d| match rank(d.rule) {
        Some(r) => best.get(&(d.file, d.span.start)) == Some(&r),
        None => true,
    });
    found
}

/// Errors are never silenced; a warning or note is when the record its id names allows the
/// rule.
fn allowed_reason(all: &AllFacts, d: &Diagnostic) -> Option<String> {
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
fn order(files: &[SourceFile], a: &Diagnostic, b: &Diagnostic) -> std::cmp::Ordering {
    key(files, a).cmp(&key(files, b))
}

fn key<'a>(
    files: &'a [SourceFile],
    d: &'a Diagnostic,
) -> (&'a str, u32, u32, &'static str, &'a str) {
    let path = files.get(d.file).map_or("", |f| f.path.as_str());
    (
        path,
        d.span.line,
        d.span.column,
        d.rule.as_str(),
        &d.message,
    )
}

/// Sets where each diagnostic ends that does not know it yet: those of the end's rules, which
/// point into claim files whose texts are gone, read again (a few files, in data worth
/// publishing).
pub(crate) fn set_ends(
    outcome: &mut Outcome,
    data: &mut Dataset,
    listing: &Listing,
    limits: Limits,
) {
    let wanted = |d: &Diagnostic| d.end.is_none().then_some(d.file);
    let files: Vec<usize> = (outcome.diagnostics.iter())
        .chain(outcome.allowed.iter().map(|a| &a.diagnostic))
        .filter_map(wanted)
        .collect();
    read_texts(data, listing, limits, files);
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
}

/// Reads again the texts of `files` that are without their text (claim files, whose texts a
/// batch drops; reading any other file again gives what the run read).
pub(crate) fn read_texts(
    data: &mut Dataset,
    listing: &Listing,
    limits: Limits,
    mut files: Vec<usize>,
) {
    files.retain(|&i| data.files.get(i).is_some_and(|f| f.text.is_empty()));
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

/// A file's text as the loader decodes it (a byte-order mark dropped).
fn text_of(bytes: Vec<u8>) -> String {
    let text = String::from_utf8(bytes)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
    match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    }
}
