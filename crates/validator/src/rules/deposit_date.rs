use treatywatch_loader::{Diagnostic, Severity};

use super::Rule;
use crate::context::Context;
use treatywatch_model::RuleName;

pub(super) const RULE: Rule = Rule {
    name: RuleName::DepositDate,
    severity: Severity::Error,
    summary: "an act with `deposits` not dated by its earliest deposit, or the same depositary listed twice",
    docs: r#"## What it checks
That an act which lists its `deposits` — one per depositary, as multilateral treaties with
several depositary governments record them — is dated by the earliest of them, and that no
depositary is listed twice for one act. A deposit without `depositary` is a date of deposit
whose depositary the source does not name (UNODA's database keeps one date per act): it is
one deposit among possibly several, so it counts towards the earliest, may share its date
with a named deposit, and is never "listed twice".

## Why it matters
An instrument takes effect when it is first deposited: the NPT has three depositaries
(Washington, London, Moscow) and a state that ratified deposited with one or more of them,
often on different days. The act's `date` is what every status is computed from; if it is not
the earliest deposit, the record says a state became a party later (or earlier) than it did.
`treatywatch import depositary` writes acts this way; the rule keeps hand edits honest.

## Example
```yaml
- action: ratification
  date: 1970-03-05
  deposits:
    - {depositary: United States, date: 1968-11-27}
    - {depositary: Soviet Union, date: 1970-03-05}
    - {date: 1968-11-27}   # the depositary not named
```

## Fix
Set `date` to the earliest deposit (here 1968-11-27), or correct the deposit dates; merge
entries that name the same depositary twice.
"#,
    check,
    check_files: None,
    check_facts: None,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for (index, t) in ctx.treaties() {
        for (p, party) in t.parties.iter().enumerate() {
            for (a, act) in party.actions.iter().enumerate() {
                let Some(earliest) = act
                    .deposits
                    .iter()
                    .map(|d| d.date)
                    .min_by_key(|d| d.sort_key())
                else {
                    continue;
                };
                if act.date != earliest {
                    out.push(
                        ctx.report(
                            &RULE,
                            index,
                            &format!("/parties/{p}/actions/{a}/date"),
                            format!(
                                "the {} is dated {}, but its earliest deposit was on {earliest}",
                                act.action.as_str(),
                                act.date
                            ),
                        )
                        .with_help(format!("set `date: {earliest}`, the earliest deposit")),
                    );
                }
                for (d, deposit) in act.deposits.iter().enumerate() {
                    let twice = act.deposits[..d].iter().any(|e| match &deposit.depositary {
                        Some(_) => e.depositary == deposit.depositary,
                        None => e.depositary.is_none() && e.date == deposit.date,
                    });
                    if twice {
                        out.push(
                            ctx.report(
                                &RULE,
                                index,
                                &match deposit.depositary {
                                    Some(_) => format!("/parties/{p}/actions/{a}/deposits/{d}/depositary"),
                                    None => format!("/parties/{p}/actions/{a}/deposits/{d}"),
                                },
                                match &deposit.depositary {
                                    Some(name) => format!(
                                        "the depositary “{name}” is listed twice for this {}",
                                        act.action.as_str()
                                    ),
                                    None => format!(
                                        "the deposit of {} with no depositary named is listed twice for this {}",
                                        deposit.date,
                                        act.action.as_str()
                                    ),
                                },
                            )
                            .with_help("keep one deposit per depositary"),
                        );
                    }
                }
            }
        }
    }
}
