use treatywatch_loader::{Diagnostic, Evidence, Severity};
use treatywatch_model::{ClaimKind, ConditionOn, Truth};

use super::Rule;
use crate::context::Context;
use crate::evidence::{actor_name, party_acts};
use treatywatch_model::RuleName;

pub(super) const RULE: Rule = Rule {
    name: RuleName::EntryConditionContradiction,
    severity: Severity::Note,
    summary: "a claim says a treaty's entry into force waits for a state that the treaty's condition does not list, or that had ratified",
    docs: r#"## What it checks
For a `status` claim with `asserted_entry_into_force_requires` (the states the claim says the
treaty's entry into force still waits for), each listed state against the treaty's
`entry_into_force_condition` on the claim's date:

- the state must be among the states the condition names (the CTBT's Annex 2);
- it must not have had a ratification in effect then (a ratification revoked since counts as
  none: Russia's, revoked on 2023-11-03, counts as missing from then on);
- the treaty must not already have been in force.

With reduced-precision dates it fires only when every reading disagrees. A treaty without a
recorded condition is not checked.

## Why it matters
"The CTBT cannot enter into force without the United States" is a checkable statement about
Article XIV: it is true while the United States, an Annex 2 state, has not ratified, and would
be false of a state outside Annex 2, or of one that had ratified. The finding says which
states the treaty was still waiting for on that day.

## Example
```yaml
- id: x-2019-02-03-ctbt-needs-france
  kind: status
  treaty: ctbt
  asserted_entry_into_force_requires: [fra]   # France ratified on 1998-04-06
  date: 2019-02-03
```

## Fix
Nothing to fix in the data: briefings list it under findings. Check that each listed state is
the one the claim names; add an `assessment` to record the verdict.
"#,
    check,
    check_files: None,
    check_facts: None,
};

/// The listed states that had not ratified on the day, by name.
fn waiting(ctx: &Context, on: &ConditionOn<'_>) -> String {
    let names: Vec<&str> = on
        .missing()
        .chain(on.undecided())
        .map(|s| actor_name(ctx, s.actor.as_str()))
        .collect();
    if names.is_empty() {
        "none".to_string()
    } else {
        names.join(", ")
    }
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for (index, c) in ctx.claims() {
        if c.kind != ClaimKind::Status || c.asserted_entry_into_force_requires.is_empty() {
            continue;
        }
        let Some(treaty) = c.treaty.as_ref().and_then(|t| ctx.treaty(t.as_str())) else {
            continue;
        };
        let Some(on) = treaty.condition_on(&c.date) else {
            continue;
        };
        let list = on
            .condition
            .list_name
            .clone()
            .unwrap_or_else(|| "the list of its entry-into-force condition".to_string());
        let in_force = treaty
            .entry_into_force
            .is_some_and(|e| e.is_certainly_on_or_before(&c.date));
        for (i, actor) in c.asserted_entry_into_force_requires.iter().enumerate() {
            let name = actor_name(ctx, actor.as_str());
            let pointer = format!("/asserted_entry_into_force_requires/{i}");
            let state = on.states.iter().find(|s| s.actor == actor);
            let message = match state {
                _ if in_force => Some(format!(
                    "the claim says the {}'s entry into force waited for {name} on {}; it had entered into force",
                    treaty.short_name, c.date
                )),
                None => Some(format!(
                    "the claim says the {}'s entry into force waited for {name}; {name} is not in {list}, whose ratifications it requires",
                    treaty.short_name
                )),
                Some(s) if s.ratified == Truth::Yes => Some(format!(
                    "the claim says the {}'s entry into force waited for {name} on {}; {name} had ratified — it waited for {}",
                    treaty.short_name,
                    c.date,
                    waiting(ctx, &on)
                )),
                Some(_) => None,
            };
            let Some(message) = message else { continue };
            let mut evidence: Vec<Evidence> = party_acts(ctx, treaty, actor.as_str());
            evidence.push(Evidence {
                date: None,
                event: "entry-into-force-condition".to_string(),
                treaty: treaty.id.to_string(),
                actor: None,
                sources: vec![on.condition.source.to_string()],
                text: format!(
                    "{} enters into force once all {} states of {list} have ratified",
                    treaty.short_name,
                    on.states.len()
                ),
            });
            out.push(
                ctx.report(&RULE, index, &pointer, message)
                    .with_evidence(evidence),
            );
        }
    }
}
