use rayon::prelude::*;
use rustc_hash::FxHashMap;
use treatywatch_loader::{Diagnostic, Severity};
use treatywatch_model::RecordKind;

use super::Rule;
use crate::facts::{self, AllFacts, Pending};
use treatywatch_model::RuleName;

pub(super) const RULE: Rule = Rule {
    name: RuleName::UnknownReference,
    severity: Severity::Error,
    summary: "a reference to an id that does not exist",
    docs: r#"## What it checks
That every id a record names — a claim's `claimant`, `treaty`, `accused`, `on_behalf_of`,
`sources`, `responds_to`; a party's `actor`; an action's `from` and `source`; a role's `of` —
is the id of a record in the dataset.

## Why it matters
A claim attributed to `sergei-lavrov` when the actor is `sergey-lavrov` is attributed to
nobody: it drops out of the person's page and of every check that needs the claimant.

## Example
```yaml
- id: lavrov-2019-02-02-inf
  claimant: sergei-lavrov
```

## Fix
Use the id of an existing record (the hint names the closest id of the kind the field expects:
a treaty for `treaty`, an actor for `claimant`), or add the missing record.
"#,
    check: super::nothing_per_batch,
    check_files: None,
    check_facts: Some(check_facts),
};

/// Runs at the end: an id that names no record other than a claim may name a claim of any
/// batch.
fn check_facts(all: &AllFacts, out: &mut Vec<Diagnostic>) {
    let unknown: Vec<(usize, &Pending)> = all
        .records
        .iter()
        .enumerate()
        .flat_map(|(position, (_, facts))| facts.pending.iter().map(move |r| (position, r)))
        .filter(|(_, r)| all.named(&r.id).is_none())
        .collect();
    if unknown.is_empty() {
        return;
    }
    // "Did you mean": the closest id of the kind the field expects, worked out once per
    // unknown id and kind, on every core. (A broken file among a million claims that answer
    // each other leaves a thousand references unknown, each compared with a million ids.)
    let candidates = ids_by_kind(all);
    let mut wanted: Vec<(&str, RecordKind)> = unknown
        .iter()
        .map(|(_, r)| (r.id.as_str(), r.expected.kind()))
        .collect();
    wanted.sort_unstable();
    wanted.dedup();
    let near: FxHashMap<(&str, RecordKind), &str> = wanted
        .par_iter()
        .filter_map(|&(id, kind)| {
            let among = candidates.get(&kind)?;
            Some(((id, kind), closest(id, among)?))
        })
        .collect();
    let names = other_names(all);
    for (position, reference) in unknown {
        let mut d = all.report(
            &RULE,
            position,
            &reference.pointer,
            reference.span,
            format!(
                "`{}` is not the id of any record; expected {}",
                reference.id,
                reference.expected.describe()
            ),
        );
        let kind = reference.expected.kind();
        let folded = facts::fold(&reference.id);
        let url = folded.starts_with("http");
        let called = names.get(&(kind, folded.as_str())).map(|id| (*id, url));
        let help = match (called, near.get(&(reference.id.as_str(), kind))) {
            (Some((id, url)), _) if url => Some(format!(
                "that is the URL of the source `{id}`: cite a source by its id"
            )),
            (Some((id, _)), _) => Some(format!(
                "did you mean `{id}`? (`{}` is its name; a reference names the id)",
                reference.id
            )),
            (None, Some(near)) => Some(format!("did you mean `{near}`?")),
            (None, None) if kind == RecordKind::Source && url => {
                Some("a source is cited by its id, not its URL: add a source record for it (`treatywatch new source ID --set url=…`) and cite that id".into())
            }
            (None, None) => None,
        };
        if let Some(help) = help {
            d = d.with_help(help);
        }
        out.push(d);
    }
}

/// Every record's other names ([`facts::RecordFacts::names`]: an actor's name, aliases and
/// ISO code, a source's URL), folded, to its id.
fn other_names<'a>(all: &AllFacts<'a>) -> FxHashMap<(RecordKind, &'a str), &'a str> {
    let mut names = FxHashMap::default();
    for (_, facts) in &all.records {
        let Some(id) = facts.id.as_deref() else {
            continue;
        };
        for name in &facts.names {
            names.entry((facts.kind, name.as_str())).or_insert(id);
        }
    }
    names
}

/// Every id, by the kind of the record it names.
fn ids_by_kind<'a>(all: &AllFacts<'a>) -> FxHashMap<RecordKind, Vec<&'a str>> {
    let mut ids: FxHashMap<RecordKind, Vec<&'a str>> = FxHashMap::default();
    for (position, (_, facts)) in all.records.iter().enumerate() {
        if let Some(id) = facts.id.as_deref()
            && all.named(id) == Some(position)
        {
            ids.entry(facts.kind).or_default().push(id);
        }
    }
    ids
}

/// The most similar known id, if any is close enough to be a typo.
pub(crate) fn closest<'a>(id: &str, ids: &[&'a str]) -> Option<&'a str> {
    ids.iter()
        .map(|c| (strsim::jaro_winkler(id, c), *c))
        .filter(|(score, _)| *score >= 0.85)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, c)| c)
}
