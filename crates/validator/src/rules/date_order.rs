use treatywatch_loader::{Diagnostic, Severity};
use treatywatch_model::{ActionKind, Date, DateOrder};

use super::Rule;
use crate::context::Context;
use treatywatch_model::RuleName;

pub(super) const RULE: Rule = Rule {
    name: RuleName::DateOrder,
    severity: Severity::Error,
    summary: "opened > entry_into_force > end, ratification before signature, withdrawal before notice",
    docs: r#"## What it checks
That a treaty's dates run forward — `opened` ≤ `entry_into_force` ≤ `end.date`, and an
extension's `until` is after its `date` — and that each party's acts do too: a ratification is
not before the same party's signature, a withdrawal is not before its notice. Only certain
violations fire: `1999` against `1999-05-01` is neither before nor after.

## Why it matters
Swapped or mistyped dates make every status computed from them wrong.

## Example
```yaml
id: inf
opened: 1987-12-08
entry_into_force: 1987-06-01   # before it was signed
```

## Fix
Check the dates against the depositary's record and correct the wrong one.
"#,
    check,
    check_files: None,
    check_facts: None,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for (index, t) in ctx.treaties() {
        let mut sequence: Vec<(&str, &str, Date)> = vec![("/opened", "opened", t.opened)];
        if let Some(eif) = t.entry_into_force {
            sequence.push(("/entry_into_force", "entry into force", eif));
        }
        if let Some(end) = &t.end {
            sequence.push(("/end/date", "end", end.date));
        }
        for (i, (_, earlier_name, earlier)) in sequence.iter().enumerate() {
            for (pointer, later_name, later) in &sequence[i + 1..] {
                if later.is_certainly_before(earlier) {
                    out.push(ctx.report(
                        &RULE,
                        index,
                        pointer,
                        format!("{later_name} ({later}) is before {earlier_name} ({earlier})"),
                    ));
                }
            }
        }
        for (i, ext) in t.extensions.iter().enumerate() {
            if matches!(
                ext.until.compare(&ext.date),
                DateOrder::Before | DateOrder::Same
            ) {
                out.push(ctx.report(
                    &RULE,
                    index,
                    &format!("/extensions/{i}/until"),
                    format!(
                        "the extension runs until {}, which is not after it took effect ({})",
                        ext.until, ext.date
                    ),
                ));
            }
        }
        for (p, party) in t.parties.iter().enumerate() {
            let pairs = [
                (
                    ActionKind::Signature,
                    ActionKind::Ratification,
                    "ratification",
                    "signature",
                ),
                (
                    ActionKind::WithdrawalNotice,
                    ActionKind::Withdrawal,
                    "withdrawal",
                    "withdrawal notice",
                ),
            ];
            for (first_kind, then_kind, then_name, first_name) in pairs {
                let Some(first) = party.actions.iter().find(|a| a.action == first_kind) else {
                    continue;
                };
                for (a, action) in party.actions.iter().enumerate() {
                    if action.action == then_kind && action.date.is_certainly_before(&first.date) {
                        out.push(ctx.report(
                            &RULE,
                            index,
                            &format!("/parties/{p}/actions/{a}/date"),
                            format!(
                                "{}'s {then_name} ({}) is before its {first_name} ({})",
                                party.actor, action.date, first.date
                            ),
                        ));
                    }
                }
            }
        }
    }
}
