use treatywatch_loader::{Diagnostic, Severity};
use treatywatch_model::ActorKind;

use super::Rule;
use crate::context::Context;
use treatywatch_model::RuleName;

pub(super) const RULE: Rule = Rule {
    name: RuleName::RoleMismatch,
    severity: Severity::Warning,
    summary: "`on_behalf_of` matches no role the claimant held on the claim's date",
    docs: r#"## What it checks
That a person who speaks `on_behalf_of` a state or organization held an office of it on the
claim's date, per the person's `roles`. It fires only when every role of that state or
organization certainly excludes the date (or there is none).

## Why it matters
Whether words are a government's position or a private opinion changes what they mean. A
claim by a former minister "on behalf of" the state usually means the role dates are missing
or the attribution is wrong.

## Example
```yaml
- id: shoigu-2025-01-10-inf
  claimant: sergey-shoigu        # Defence Minister until 2024-05-12
  on_behalf_of: rus
  date: 2025-01-10
```

## Fix
Add or correct the person's role, or drop `on_behalf_of` if they spoke for themselves.
"#,
    check,
    check_files: None,
    check_facts: None,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for (index, c) in ctx.claims() {
        let Some(behalf) = &c.on_behalf_of else {
            continue;
        };
        if behalf == &c.claimant {
            continue;
        }
        let Some(person) = ctx.actor(c.claimant.as_str()) else {
            continue;
        };
        if person.kind != ActorKind::Person {
            continue;
        }
        let possibly_held = person
            .roles
            .iter()
            .any(|r| &r.of == behalf && !r.period.certainly_excludes(&c.date));
        if !possibly_held {
            out.push(
                ctx.report(
                    &RULE,
                    index,
                    "/on_behalf_of",
                    format!(
                        "`{}` held no office of `{behalf}` on {} per their `roles`",
                        person.id, c.date
                    ),
                )
                .with_help("add the office to the person's `roles`, or drop `on_behalf_of`"),
            );
        }
    }
}
