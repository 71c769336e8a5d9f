use treatywatch_loader::{Diagnostic, Severity};
use treatywatch_model::{ActionKind, Date};

use super::Rule;
use crate::context::Context;
use treatywatch_model::RuleName;

pub(super) const RULE: Rule = Rule {
    name: RuleName::NoticePeriod,
    severity: Severity::Warning,
    summary: "a withdrawal that takes effect earlier than notice date + the treaty's notice period",
    docs: r#"## What it checks
For a treaty with a `withdrawal_notice` period, that each party's `withdrawal` takes effect no
earlier than its `withdrawal-notice` date plus that period (INF: six months, Article XV). It
fires only when the withdrawal is certainly too early under every reading of the dates.

## Why it matters
An early withdrawal date is usually a typo or the date of an announcement. When the record is
right and the treaty was not followed — or a party counted an earlier notice, as North Korea
did in 2003 — say so with `allow`, so the reader learns it was deliberate.

## Example
```yaml
withdrawal_notice: P6M
parties:
  - actor: usa
    actions:
      - {action: withdrawal-notice, date: 2019-02-02}
      - {action: withdrawal, date: 2019-05-02}    # three months
```

## Fix
Record the day the withdrawal took effect. If the record is right, add
`allow: [{rule: notice-period, reason: "…"}]` to the treaty.
"#,
    check,
    check_files: None,
    check_facts: None,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for (index, t) in ctx.treaties() {
        let Some(period) = t.withdrawal_notice else {
            continue;
        };
        for (p, party) in t.parties.iter().enumerate() {
            let notices: Vec<&Date> = party
                .actions
                .iter()
                .filter(|a| a.action == ActionKind::WithdrawalNotice)
                .map(|a| &a.date)
                .collect();
            for (a, action) in party.actions.iter().enumerate() {
                if action.action != ActionKind::Withdrawal {
                    continue;
                }
                // The latest notice not certainly after the withdrawal is the one it follows.
                let Some(notice) = notices
                    .iter()
                    .filter(|n| !n.is_certainly_after(&action.date))
                    .max_by_key(|n| n.sort_key())
                else {
                    continue;
                };
                let (earliest_effect, _) = notice.add_span(&period);
                if action.date.last_day() < earliest_effect {
                    let due = Date::from_day_number(earliest_effect)
                        .map_or_else(String::new, |d| d.to_string());
                    out.push(
                        ctx.report(
                            &RULE,
                            index,
                            &format!("/parties/{p}/actions/{a}/date"),
                            format!(
                                "{}'s withdrawal takes effect {}, earlier than its notice of {} plus {period} ({due})",
                                party.actor, action.date, notice
                            ),
                        )
                        .with_help("record the day the withdrawal took effect, or `allow` this rule with the reason"),
                    );
                }
            }
        }
    }
}
