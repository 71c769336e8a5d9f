use treatywatch_loader::{Diagnostic, Severity};
use treatywatch_model::Date;

use super::Rule;
use crate::context::Context;
use treatywatch_model::RuleName;

pub(super) const RULE: Rule = Rule {
    name: RuleName::ActorNotExisting,
    severity: Severity::Error,
    summary: "an actor acting, or spoken for, on a date outside its `existed` period",
    docs: r#"## What it checks
That a party action, and a claim made by or on behalf of a state or organization, is not dated
certainly outside that actor's `existed` period.

## Why it matters
The USSR cannot sign in 1993; Russia cannot ratify in 1990. Such a record confuses a state with
its predecessor or successor — and succession is exactly what decides who is bound.

## Example
```yaml
- actor: rus
  actions:
    - {action: ratification, date: 1988-06-01}   # rus existed from 1991-12-25
```

## Fix
Attribute the act to the state that existed then (`sun`), and record the successor's
`succession` with `from`.
"#,
    check,
    check_files: None,
    check_facts: None,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let mut outside = |index: usize, pointer: &str, actor_id: &str, date: &Date, what: &str| {
        let Some(actor) = ctx.actor(actor_id) else {
            return;
        };
        let Some(existed) = actor.existed else { return };
        if existed.certainly_excludes(date) {
            out.push(
                ctx.report(
                    &RULE,
                    index,
                    pointer,
                    format!("{what} on {date}, but `{actor_id}` existed only {existed}"),
                )
                .with_help(
                    "attribute it to the predecessor or successor that existed on that date",
                ),
            );
        }
    };
    for (index, t) in ctx.treaties() {
        for (p, party) in t.parties.iter().enumerate() {
            for (a, action) in party.actions.iter().enumerate() {
                outside(
                    index,
                    &format!("/parties/{p}/actions/{a}/date"),
                    party.actor.as_str(),
                    &action.date,
                    &format!("{} acts ({})", party.actor, action.action.as_str()),
                );
            }
        }
    }
    for (index, c) in ctx.claims() {
        outside(
            index,
            "/claimant",
            c.claimant.as_str(),
            &c.date,
            "the claim is made",
        );
        if let Some(b) = &c.on_behalf_of {
            outside(
                index,
                "/on_behalf_of",
                b.as_str(),
                &c.date,
                "the claim is made on its behalf",
            );
        }
    }
}
