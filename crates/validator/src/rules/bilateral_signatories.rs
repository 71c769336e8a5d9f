use std::collections::BTreeSet;

use treatywatch_loader::{Diagnostic, Severity};
use treatywatch_model::{ActionKind, TreatyKind};

use super::Rule;
use crate::context::Context;
use treatywatch_model::RuleName;

pub(super) const RULE: Rule = Rule {
    name: RuleName::BilateralSignatories,
    severity: Severity::Error,
    summary: "a bilateral treaty without exactly two signatories",
    docs: r#"## What it checks
That a treaty of `kind: bilateral` has exactly two actors with a `signature` action. Successor
states join by `succession`, not by signature, and do not count.

## Why it matters
A bilateral treaty with one signature is missing a party; with three, it is multilateral (START
I became so through the Lisbon Protocol) or an actor was entered twice under two ids.

## Example
```yaml
id: inf
kind: bilateral
parties:
  - actor: usa
    actions: [{action: signature, date: 1987-12-08}]
```

## Fix
Add the missing signature, or make the treaty `multilateral` and say why in its `note`.
"#,
    check,
    check_files: None,
    check_facts: None,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for (index, t) in ctx.treaties() {
        if t.kind != TreatyKind::Bilateral {
            continue;
        }
        let signatories: BTreeSet<&str> = t
            .parties
            .iter()
            .filter(|p| p.actions.iter().any(|a| a.action == ActionKind::Signature))
            .map(|p| p.actor.as_str())
            .collect();
        if signatories.len() != 2 {
            let listed = signatories.iter().copied().collect::<Vec<_>>().join(", ");
            out.push(
                ctx.report(
                    &RULE,
                    index,
                    "/kind",
                    format!(
                        "a bilateral treaty has two signatories; this one has {}{}",
                        signatories.len(),
                        if listed.is_empty() {
                            String::new()
                        } else {
                            format!(" ({listed})")
                        }
                    ),
                )
                .with_help("add the missing signature, or make the treaty `multilateral`"),
            );
        }
    }
}
