use treatywatch_loader::{Diagnostic, Severity};

use super::Rule;
use crate::facts::Finish;

pub(super) const RULE: Rule = Rule {
    name: "unknown-reference",
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
Use the id of an existing record (the hint names the closest one), or add the missing record.
"#,
    check: super::nothing_per_batch,
    finish: Some(finish),
};

/// Runs at the end: an id that names no record other than a claim may name a claim of any
/// batch.
fn finish(all: &Finish, out: &mut Vec<Diagnostic>) {
    // Every id, for "did you mean": made only once a reference is found unknown.
    let mut ids: Option<Vec<&str>> = None;
    for (position, (_, facts)) in all.records.iter().enumerate() {
        for reference in &facts.pending {
            if all.named(&reference.id).is_some() {
                continue;
            }
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
            let ids = ids.get_or_insert_with(|| all.ids().collect());
            if let Some(near) = closest(&reference.id, ids) {
                d = d.with_help(format!("did you mean `{near}`?"));
            }
            out.push(d);
        }
    }
}

/// The most similar known id, if any is close enough to be a typo.
pub(crate) fn closest<'a>(id: &str, ids: &[&'a str]) -> Option<&'a str> {
    ids.iter()
        .map(|c| (strsim::jaro_winkler(id, c), *c))
        .filter(|(score, _)| *score >= 0.85)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, c)| c)
}
