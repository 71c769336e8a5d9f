use treatywatch_loader::{Diagnostic, Severity};

use crate::facts::AllFacts;
use treatywatch_model::{Date, EndReason};

use super::Rule;
use crate::context::Context;
use treatywatch_model::RuleName;

pub(super) const RULE: Rule = Rule {
    name: RuleName::FutureDate,
    severity: Severity::Error,
    summary: "something that has happened dated after the as-of date",
    docs: r#"## What it checks
That nothing recorded as having happened — a party's act, a treaty's opening or entry into
force, an end other than a scheduled expiry, an extension, a claim, a publication, an
assessment — is dated certainly after the as-of date (`--as-of`, default today). A scheduled
`end` with reason `expiry` and an extension's `until` may lie ahead.

## Why it matters
A future date is a typo (2091 for 2019) or a plan recorded as a fact; either way every status
computed from it is wrong.

## Example
```yaml
- id: lavrov-2019-02-02-inf
  date: 2091-02-02
```

## Fix
Correct the date. Record a planned act only once it has taken effect.
"#,
    check,
    check_files: None,
    check_facts: Some(check_claims),
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let as_of = ctx.as_of;
    let mut future = |index: usize, pointer: String, date: &Date, what: &str| {
        if date.is_certainly_after(&as_of) {
            out.push(ctx.report(
                &RULE,
                index,
                &pointer,
                format!("{what} is dated {date}, after the as-of date {as_of}"),
            ));
        }
    };
    for (index, t) in ctx.treaties() {
        future(index, "/opened".into(), &t.opened, "the opening");
        if let Some(eif) = &t.entry_into_force {
            future(
                index,
                "/entry_into_force".into(),
                eif,
                "the entry into force",
            );
        }
        if let Some(end) = &t.end
            && end.reason != EndReason::Expiry
        {
            future(index, "/end/date".into(), &end.date, "the end");
        }
        for (i, ext) in t.extensions.iter().enumerate() {
            future(
                index,
                format!("/extensions/{i}/date"),
                &ext.date,
                "the extension",
            );
        }
        for (p, party) in t.parties.iter().enumerate() {
            for (a, action) in party.actions.iter().enumerate() {
                future(
                    index,
                    format!("/parties/{p}/actions/{a}/date"),
                    &action.date,
                    &format!("{}'s {}", party.actor, action.action.as_str()),
                );
            }
        }
    }
    // Claims' dates are checked at the end, from their facts (`check_claims`): a claim file's
    // cached results then do not depend on the as-of date.
    for (index, s) in ctx.sources() {
        future(index, "/published".into(), &s.published, "the publication");
    }
}

/// The claims' dates, from their facts, against the run's as-of date.
fn check_claims(all: &AllFacts, out: &mut Vec<Diagnostic>) {
    let as_of = all.as_of;
    for (position, (_, facts)) in all.records.iter().enumerate() {
        for d in &facts.dated {
            // `Date::is_certainly_after`, on the first day the facts keep.
            if d.first_day > as_of.last_day() {
                out.push(all.report(
                    &RULE,
                    position,
                    &d.pointer,
                    d.span,
                    format!(
                        "{} is dated {}, after the as-of date {as_of}",
                        d.what, d.date
                    ),
                ));
            }
        }
    }
}
