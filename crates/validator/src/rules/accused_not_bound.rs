use treatywatch_loader::{Diagnostic, Severity};
use treatywatch_model::{ActorKind, ClaimKind, Truth};

use super::Rule;
use crate::context::Context;
use treatywatch_model::RuleName;

pub(super) const RULE: Rule = Rule {
    name: RuleName::AccusedNotBound,
    severity: Severity::Note,
    summary: "a violation/compliance claim about an actor not bound by the treaty in the claimed period",
    docs: r#"## What it checks
For a claim of kind `violation` or `compliance`, that the `accused` was bound by the `treaty`
— the treaty in force and the actor a `party` or `withdrawing` — on at least one day of the
claimed `period` (an open end reads as "up to the claim's date"), or on the claim's date when
no period is given. A period that ended before the treaty was even opened fires too. It fires
only when the actor was certainly bound on none of those days.

## Why it matters
Nobody can violate a treaty that does not bind them: a claim that the US violated the ABM
Treaty in 2014, twelve years after its withdrawal took effect, is wrong on the record whatever
one thinks of the conduct. This is a finding about the claim, not an error in the data.

## Example
```yaml
- id: claim-abm-2014
  kind: violation
  treaty: abm
  accused: usa
  period: 2014/..
```

## Fix
Nothing to fix in the data: briefings list it under findings. If the claim is about another
treaty, correct `treaty`.
"#,
    check,
    check_files: None,
    check_facts: None,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for (index, c) in ctx.claims() {
        if !matches!(c.kind, ClaimKind::Violation | ClaimKind::Compliance) {
            continue;
        }
        let (Some(treaty_id), Some(accused)) = (&c.treaty, &c.accused) else {
            continue;
        };
        let Some(treaty) = ctx.treaty(treaty_id.as_str()) else {
            continue;
        };
        // A person cannot be a party, and an id that names no actor names nobody who could
        // be bound: `wrong-reference-kind` and `unknown-reference` report those, once.
        if ctx
            .actor(accused.as_str())
            .is_none_or(|a| a.kind == ActorKind::Person)
        {
            continue;
        }
        let (first, last) = match &c.period {
            Some(period) => {
                let (first, last) = period.possible_days_as_of(&c.date);
                // Before the treaty opened nobody was bound: start the scan at its opening (an
                // open start has no day to look at), or on the period's last day when the
                // period ended before the treaty opened (then nobody was bound in it at all).
                (first.max(treaty.opened.first_day()).min(last), last)
            }
            None => (c.date.first_day(), c.date.last_day()),
        };
        if treaty.was_bound_during(accused.as_str(), first, last) == Truth::No {
            let described = match &c.period {
                Some(period) => format!("in {period}"),
                None => format!("on {}", c.date),
            };
            out.push(
                ctx.report(
                    &RULE,
                    index,
                    "/accused",
                    format!(
                        "{} was not bound by the {} at any time {described}",
                        crate::evidence::actor_name(ctx, accused.as_str()),
                        treaty.short_name
                    ),
                )
                .with_evidence(crate::evidence::party_acts(
                    ctx,
                    treaty,
                    accused.as_str(),
                )),
            );
        }
    }
}
