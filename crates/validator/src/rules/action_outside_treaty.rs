use treatywatch_loader::{Diagnostic, Severity};

use super::Rule;
use crate::context::Context;
use treatywatch_model::RuleName;

pub(super) const RULE: Rule = Rule {
    name: RuleName::ActionOutsideTreaty,
    severity: Severity::Error,
    summary: "a party action before the treaty was opened or after it ended",
    docs: r#"## What it checks
That no party acts under a treaty certainly before it was opened for signature (or signed)
nor certainly after it ended. A withdrawal that ends the treaty on its end date is fine.

## Why it matters
An act dated outside the treaty's life is a wrong date (often a domestic vote recorded instead
of the international act) or an act under another treaty.

## Example
```yaml
id: abm
opened: 1972-05-26
end: {date: 2002-06-13, reason: withdrawal}
parties:
  - actor: usa
    actions:
      - {action: suspension, date: 2014-01-01}   # the treaty had ended
```

## Fix
Record the act's international date, or move it to the treaty it belongs to.
"#,
    check,
    check_files: None,
    check_facts: None,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for (index, t) in ctx.treaties() {
        for (p, party) in t.parties.iter().enumerate() {
            for (a, action) in party.actions.iter().enumerate() {
                let pointer = format!("/parties/{p}/actions/{a}/date");
                if action.date.is_certainly_before(&t.opened) {
                    out.push(ctx.report(
                        &RULE,
                        index,
                        &pointer,
                        format!(
                            "{} by {} on {} is before the treaty was opened ({})",
                            action.action.as_str(),
                            party.actor,
                            action.date,
                            t.opened
                        ),
                    ));
                }
                if let Some(end) = &t.end
                    && action.date.is_certainly_after(&end.date)
                {
                    out.push(ctx.report(
                        &RULE,
                        index,
                        &pointer,
                        format!(
                            "{} by {} on {} is after the treaty ended ({})",
                            action.action.as_str(),
                            party.actor,
                            action.date,
                            end.date
                        ),
                    ));
                }
            }
        }
    }
}
