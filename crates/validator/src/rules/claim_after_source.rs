use treatywatch_loader::{Diagnostic, Severity};

use super::Rule;
use crate::context::Context;
use treatywatch_model::RuleName;

pub(super) const RULE: Rule = Rule {
    name: RuleName::ClaimAfterSource,
    severity: Severity::Error,
    summary: "a claim dated after the publication of a source that reports it",
    docs: r#"## What it checks
That a claim's `date` is not certainly after the `published` date of any source in its own
`sources` — the documents that report the claim. (An assessment's sources may be older: they
establish the facts, not the claim.)

## Why it matters
A document cannot report words spoken after it was published. Either the claim's date is wrong
(often the date of a later re-statement) or the citation points to the wrong document.

## Example
```yaml
- id: lavrov-2019-02-02-inf
  date: 2019-02-02
  sources:
    - source: nato-2018-12-04-statement   # published 2018-12-04
```

## Fix
Date the claim when it was made, and cite the document that reports it.
"#,
    check,
    check_files: None,
    check_facts: None,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for (index, c) in ctx.claims() {
        for (i, citation) in c.sources.iter().enumerate() {
            let Some(source) = ctx.source(citation.source.as_str()) else {
                continue;
            };
            if c.date.is_certainly_after(&source.published) {
                out.push(
                    ctx.report(
                        &RULE,
                        index,
                        &format!("/sources/{i}/source"),
                        format!(
                            "the claim is dated {}, after `{}` was published ({})",
                            c.date, source.id, source.published
                        ),
                    )
                    .with_help(
                        "check the claim's date, or cite a document published on or after it",
                    ),
                );
            }
        }
    }
}
