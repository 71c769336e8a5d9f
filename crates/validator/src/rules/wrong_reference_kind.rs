use treatywatch_loader::{Diagnostic, Severity};

use treatywatch_model::RuleName;

use super::references::{self, Accepts};
use super::{Rule, per_record_in_parallel};
use crate::context::Context;
use crate::facts::AllFacts;

pub(super) const RULE: Rule = Rule {
    name: RuleName::WrongReferenceKind,
    severity: Severity::Error,
    summary: "a reference to a record of the wrong kind",
    docs: r#"## What it checks
That every reference names a record of the kind its field expects: `treaty` a treaty,
`sources` sources, `responds_to` claims, `accused`, `on_behalf_of`, a party's `actor` and a
role's `of` a state or an organization (not a person), `claimant` any actor.

## Why it matters
Ids are unique across the dataset, so a typo can land on a real record of another kind: a
claim whose `treaty` is `usa`, or a person accused of violating a treaty only states are
party to. Every later check would read nonsense.

## Example
```yaml
- id: nato-2018-12-04-inf
  kind: violation
  treaty: inf
  accused: sergey-lavrov     # a person: treaties bind states
```

## Fix
Name a record of the expected kind.
"#,
    check,
    check_files: None,
    check_facts: Some(check_facts),
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    // Records on every core: several lookups per reference, a million records and more.
    per_record_in_parallel(ctx, out, |index, record, out| {
        references::each(record.kind, &record.node, |reference| {
            if reference.expected.accepts(ctx, reference.id) != Some(false) {
                return;
            }
            let actual = match ctx.actor(reference.id) {
                Some(actor) => format!("{:?}", actor.kind).to_lowercase(),
                None => ctx
                    .kind_of(reference.id)
                    .map_or("record", |k| k.name())
                    .to_string(),
            };
            out.push(ctx.report(
                &RULE,
                index,
                &reference.pointer(),
                format!(
                    "`{}` is {} {actual}, but this field expects {}",
                    reference.id,
                    if actual.starts_with(['a', 'e', 'i', 'o', 'u']) {
                        "an"
                    } else {
                        "a"
                    },
                    reference.expected.describe()
                ),
            ));
        });
    });
}

/// Runs at the end, for the references that name no record other than a claim: those that
/// name a claim where the field expects another kind.
fn check_facts(all: &AllFacts, out: &mut Vec<Diagnostic>) {
    for (position, (_, facts)) in all.records.iter().enumerate() {
        for reference in &facts.pending {
            let Some(named) = all.record(&reference.id) else {
                continue;
            };
            // Only claims are left to name here; actors (whose kind matters to
            // "a state or an organization") were looked up per batch.
            if named.kind == reference.expected.kind() {
                continue;
            }
            out.push(all.report(
                &RULE,
                position,
                &reference.pointer,
                reference.span,
                format!(
                    "`{}` is a {}, but this field expects {}",
                    reference.id,
                    named.kind.name(),
                    reference.expected.describe()
                ),
            ));
        }
    }
}
