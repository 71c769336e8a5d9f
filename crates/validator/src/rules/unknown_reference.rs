use std::sync::OnceLock;

use treatywatch_loader::{Diagnostic, Severity};

use super::{Rule, per_record_in_parallel, references};
use crate::context::Context;

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
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    // Every id, for "did you mean": made only once a reference is found unknown.
    let ids: OnceLock<Vec<&str>> = OnceLock::new();
    // Records on every core: one lookup per reference, a million records and more.
    per_record_in_parallel(ctx, out, |index, record, out| {
        references::each(record.kind, &record.node, |reference| {
            if ctx.index_of(reference.id).is_some() {
                return;
            }
            let mut d = ctx.report(
                &RULE,
                index,
                &reference.pointer(),
                format!(
                    "`{}` is not the id of any record; expected {}",
                    reference.id,
                    reference.expected.describe()
                ),
            );
            let ids = ids.get_or_init(|| ctx.data.records.iter().filter_map(|r| r.id()).collect());
            if let Some(near) = closest(reference.id, ids) {
                d = d.with_help(format!("did you mean `{near}`?"));
            }
            out.push(d);
        });
    });
}

/// The most similar known id, if any is close enough to be a typo.
pub(crate) fn closest<'a>(id: &str, ids: &[&'a str]) -> Option<&'a str> {
    ids.iter()
        .map(|c| (strsim::jaro_winkler(id, c), *c))
        .filter(|(score, _)| *score >= 0.85)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, c)| c)
}
