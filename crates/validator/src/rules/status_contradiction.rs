use treatywatch_loader::{Diagnostic, Severity};
use treatywatch_model::{AssertedStatus, ClaimKind, Date, Treaty, TreatyStatus};

use super::Rule;
use crate::context::Context;
use treatywatch_model::RuleName;

pub(super) const RULE: Rule = Rule {
    name: RuleName::StatusContradiction,
    severity: Severity::Note,
    summary: "a `status` claim's `asserted_status` differs from the record on the claim's date",
    docs: r#"## What it checks
For a claim of kind `status`, that the treaty's status computed from the record on the claim's
date fits what the claim asserts, with the words meaning what people mean by them:

| `asserted_status` | fits when, on the claim's date, the treaty… |
|---|---|
| `in-force` | is in force |
| `not-in-force` | binds no one: not yet open, opened but not in force, or ended |
| `never-in-force` | was opened and had never been in force up to then (it may have been abandoned or withdrawn from since) |
| `ended` | had ended (expiry, withdrawal, supersession, termination) on or before then |

So "START I was not in force" in 2019 fits (it ended in 2009), and "START II never entered into
force" fits though Russia withdrew from it in 2002. It is a finding, not a data error: the claim
is recorded faithfully, and the record shows it is wrong. With reduced-precision dates it fires
only when every reading of the dates disagrees.

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
    check_files: None,
    check_facts: None,
};

/// Whether the claim's words fit one possible status of the treaty on the claim's date.
fn matches(asserted: AssertedStatus, actual: TreatyStatus, treaty: &Treaty, date: &Date) -> bool {
    match asserted {
        AssertedStatus::InForce => actual == TreatyStatus::InForce,
        AssertedStatus::NotInForce => matches!(
            actual,
            TreatyStatus::NotOpen | TreatyStatus::NotInForce | TreatyStatus::Ended(_)
        ),
        // Opened and never in force: an end after entry into force does not fit.
        AssertedStatus::NeverInForce => match actual {
            TreatyStatus::NotInForce => true,
            TreatyStatus::Ended(_) => treaty
                .entry_into_force
                .as_ref()
                .is_none_or(|e| !e.is_certainly_on_or_before(date)),
            TreatyStatus::NotOpen | TreatyStatus::InForce => false,
        },
        AssertedStatus::Ended => matches!(actual, TreatyStatus::Ended(_)),
    }
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
            .all(|s| !matches(asserted, *s, treaty, &c.date))
        {
            out.push(
                ctx.report(
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
                )
                .with_evidence(crate::evidence::treaty_events_until(treaty, &c.date)),
            );
        }
    }
}
