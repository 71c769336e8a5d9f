use treatywatch_loader::{Diagnostic, Severity};
use treatywatch_model::ActionKind;

use super::Rule;
use crate::context::Context;
use treatywatch_model::RuleName;

pub(super) const RULE: Rule = Rule {
    name: RuleName::NotAParty,
    severity: Severity::Error,
    summary: "suspension, resumption, withdrawal notice, withdrawal or revocation by a non-party",
    docs: r#"## What it checks
That an actor suspends, resumes, gives notice of withdrawal, withdraws or revokes its
ratification only when it was a party then: a ratification, accession or succession is
recorded on or before that date. It fires only when every such act is certainly later (or
there is none).

## Why it matters
Only a party can withdraw. A withdrawal by a mere signatory (Russia and START II, the US and
the CTBT) is a different act — an unsigning or a renunciation — and recording it as withdrawal
would misstate who was ever bound.

## Example
```yaml
- actor: rus
  actions:
    - {action: signature, date: 1993-01-03}
    - {action: withdrawal, date: 2002-06-14}   # never ratified: not a party
```

## Fix
Record the joining act (with its date) if it happened; otherwise describe the act in the
party's `note` instead.
"#,
    check,
    check_files: None,
    check_facts: None,
};

fn joins(kind: ActionKind) -> bool {
    matches!(
        kind,
        ActionKind::Ratification | ActionKind::Accession | ActionKind::Succession
    )
}

fn needs_party(kind: ActionKind) -> bool {
    matches!(
        kind,
        ActionKind::Suspension
            | ActionKind::Resumption
            | ActionKind::WithdrawalNotice
            | ActionKind::Withdrawal
            | ActionKind::RatificationRevoked
    )
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for (index, t) in ctx.treaties() {
        for (p, party) in t.parties.iter().enumerate() {
            for (a, action) in party.actions.iter().enumerate() {
                if !needs_party(action.action) {
                    continue;
                }
                let possibly_joined = party
                    .actions
                    .iter()
                    .any(|j| joins(j.action) && !j.date.is_certainly_after(&action.date));
                if !possibly_joined {
                    out.push(
                        ctx.report(
                            &RULE,
                            index,
                            &format!("/parties/{p}/actions/{a}/action"),
                            format!(
                                "{} records a {} on {}, but it was not a party then (no ratification, accession or succession on or before that date)",
                                party.actor,
                                action.action.as_str(),
                                action.date
                            ),
                        )
                        .with_help("record the act that made it a party, or describe this act in the party's `note`"),
                    );
                }
            }
        }
    }
}
