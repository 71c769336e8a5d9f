use treatywatch_loader::{Diagnostic, Severity};
use treatywatch_model::{AssertedStatus, ClaimKind, TreatyStatus};

use super::Rule;
use crate::context::Context;

pub const RULE: Rule = Rule {
    name: "status-contradiction",
    severity: Severity::Note,
    summary: "a `status` claim's `asserted_status` differs from the record on the claim's date",
    docs: r#"## What it checks
For a claim of kind `status`, that the treaty's status computed from the record on the claim's
date is the one the claim asserts (`in-force`, `not-in-force`, `ended`). It is a finding, not a
data error: the claim is recorded faithfully, and the record shows it is wrong. It fires only
when the record certainly disagrees.

## Why it matters
This is what treatywatch is for: "START I and II remain in force", said in 2019, is wrong on
checkable facts — START I expired in 2009 and START II never entered into force.

## Example
```yaml
- id: lendman-2019-02-03-start-ii-in-force
  kind: status
  treaty: start-ii
  asserted_status: in-force
  date: 2019-02-03
```

## Fix
Nothing to fix in the data: briefings list it under findings. Add an `assessment` to record
the verdict and its sources.
"#,
    check,
};

fn matches(asserted: AssertedStatus, actual: TreatyStatus) -> bool {
    matches!(
        (asserted, actual),
        (AssertedStatus::InForce, TreatyStatus::InForce)
            | (
                AssertedStatus::NotInForce,
                TreatyStatus::NotInForce | TreatyStatus::NotOpen
            )
            | (AssertedStatus::Ended, TreatyStatus::Ended(_))
    )
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for (index, c) in ctx.claims() {
        if c.kind != ClaimKind::Status {
            continue;
        }
        let (Some(asserted), Some(treaty_id)) = (c.asserted_status, &c.treaty) else {
            continue;
        };
        let Some(treaty) = ctx.treaty(treaty_id.as_str()) else {
            continue;
        };
        let status = treaty.status_on(&c.date);
        if status
            .possibilities()
            .iter()
            .all(|s| !matches(asserted, *s))
        {
            out.push(ctx.report(
                &RULE,
                index,
                "/asserted_status",
                format!(
                    "the claim says {} was {} on {}; the record says {}",
                    treaty.short_name,
                    asserted.as_str(),
                    c.date,
                    status
                ),
            ));
        }
    }
}
