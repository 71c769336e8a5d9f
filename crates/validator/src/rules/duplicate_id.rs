use treatywatch_loader::{Diagnostic, Severity};

use super::Rule;
use crate::context::Context;

pub(super) const RULE: Rule = Rule {
    name: "duplicate-id",
    severity: Severity::Error,
    summary: "two records share an id",
    docs: r#"## What it checks
That no two records in the whole dataset — of any kinds — have the same `id`.

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
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    // The context's id index keeps the first record of each id: any other is a duplicate.
    for (index, record) in ctx.data.records.iter().enumerate() {
        let Some(id) = record.id() else { continue };
        match ctx.index_of(id) {
            None => {}
            Some(earlier) if earlier == index => {}
            Some(earlier) => {
                let other = &ctx.data.records[earlier];
                let span = other.span_of("/id");
                out.push(
                    ctx.report(
                        &RULE,
                        index,
                        "/id",
                        format!("the id `{id}` is already used"),
                    )
                    .with_help(format!(
                        "first used by the {} in {} at line {}",
                        other.kind.name(),
                        ctx.data.files[other.file].path,
                        span.line
                    )),
                );
            }
        }
    }
}
