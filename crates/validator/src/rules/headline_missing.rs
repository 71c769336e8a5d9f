use treatywatch_loader::{Diagnostic, Severity};

use super::Rule;
use crate::context::Context;
use treatywatch_model::{HEADLINE_MAX, RuleName};

pub(super) const RULE: Rule = Rule {
    name: RuleName::HeadlineMissing,
    severity: Severity::Warning,
    summary: "an assessed claim whose summary is too long to be its ClaimReview's headline, and no `headline`",
    docs: r#"## What it checks
That every assessed claim has a short statement of what it claims: its `headline`, or its
`summary` when that is 75 characters or fewer.

## Why it matters
The site publishes each verdict as a schema.org ClaimReview on the claim's page, and the
tools fact-checkers use (Google's Fact Check Explorer among them) show its `claimReviewed`
only up to about 75 characters. A claim without one gets a page but no ClaimReview, so its
verdict does not reach those tools. (The schema refuses a `headline` longer than 75.)

## Example
```yaml
- id: lendman-2019-02-03-start-remain
  summary: >-
    The author says START I and START II remain in force and limit the two countries'
    strategic arsenals.
  assessment:
    verdict: inaccurate
```

## Fix
Add what is claimed, in the claimant's sense and in at most 75 characters, above `summary`:
`headline: START I and START II remain in force`.
"#,
    check,
    check_files: None,
    check_facts: None,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for (index, c) in ctx.claims() {
        if c.assessment.is_none() || c.short_statement().is_some() {
            continue;
        }
        let length = c.summary.chars().count();
        if c.headline.is_none() {
            out.push(
                ctx.report(
                    &RULE,
                    index,
                    "/summary",
                    format!(
                        "the claim is assessed but has no `headline`, and its summary is {length} characters (at most {HEADLINE_MAX} can head its ClaimReview)"
                    ),
                )
                .with_help(
                    "add `headline:` above `summary`: what is claimed, in the claimant's sense, in at most 75 characters",
                ),
            );
        }
    }
}
