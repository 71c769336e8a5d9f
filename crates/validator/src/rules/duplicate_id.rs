use treatywatch_loader::{Diagnostic, Severity};

use super::Rule;
use crate::facts::AllFacts;
use treatywatch_model::RuleName;

pub(super) const RULE: Rule = Rule {
    name: RuleName::DuplicateId,
    severity: Severity::Error,
    summary: "two records share an id",
    docs: r#"## What it checks
That no two records in the whole dataset — of any kinds — have the same `id`.

Both records are reported, each pointing at the other: the one that sorts first may be the
one a pull request adds. The record an id names (the one references resolve to) is the first
actor, treaty or source with it, else the first claim — files in path order, records in file
order. Records other than claims come first so that what an id names never depends on
claims: claims are checked in batches, and a claim can never take over the id of a treaty.

## Why it matters
References name ids. With two records under one id, a reference silently picks one of them,
and the other vanishes from reports.

## Example
```yaml
# data/actors/persons.yaml
- id: putin
  kind: person
# data/claims/kremlin.yaml
- id: putin
  kind: violation
```

## Fix
Give one of them another id (persons: `given-family`; claims: `claimant-date-topic`) and
update the references to it.
"#,
    check: super::nothing_per_batch,
    check_files: None,
    check_facts: Some(check_facts),
};

/// Runs at the end: which record an id names is known once every batch is read.
fn check_facts(all: &AllFacts, out: &mut Vec<Diagnostic>) {
    // An id names its first record (records other than claims first): any other is a
    // duplicate. The table of ids notes them as it is made. Both records are reported: which
    // one is new is the pull request's to say, and the one that sorts first may well be it.
    for &(position, first) in all.repeated() {
        let (file, facts) = all.records[position];
        let Some(id) = facts.id.as_deref() else {
            continue;
        };
        let (first_file, other) = all.records[first];
        out.push(
            all.report(
                &RULE,
                position,
                "/id",
                facts.id_span,
                format!("the id `{id}` is already used"),
            )
            .with_help(format!(
                "first used by the {} in {} at line {}; rename this one (or that one)",
                other.kind.name(),
                all.path(first_file),
                other.id_span.line
            )),
        );
        out.push(
            all.report(
                &RULE,
                first,
                "/id",
                other.id_span,
                format!("the id `{id}` is used again"),
            )
            .with_help(format!(
                "used again by the {} in {} at line {}; rename that one (or this one)",
                facts.kind.name(),
                all.path(file),
                facts.id_span.line
            )),
        );
    }
}
