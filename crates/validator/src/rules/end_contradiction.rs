use treatywatch_loader::{Diagnostic, Severity};
use treatywatch_model::{ClaimKind, Date, EndBasis, KnownEnd};

use super::Rule;
use crate::context::Context;
use treatywatch_model::RuleName;

pub(super) const RULE: Rule = Rule {
    name: RuleName::EndContradiction,
    severity: Severity::Note,
    summary: "a claim about when a treaty ends that conflicts with the end the record showed on the claim's date",
    docs: r#"## What it checks
A `status` claim with `asserted_end` ("New START expires in 2021") against the end of the
treaty *as the record showed it on the claim's date* — what a speaker could know that day:

- the recorded end, if the act that fixed it had happened by then: a withdrawal notice for an
  end by withdrawal, the end itself for a termination or supersession;
- otherwise the scheduled end: entry into force plus the `term`, moved by every extension
  agreed (dated) on or before the claim's date.

A later extension does not make an earlier claim wrong: "New START expires in 2021", said in
2019, agrees with the record of 2019 (the extension to 2026 was agreed on 3 February 2021);
the same words said in 2022 are a finding. It is a finding only when every reading of the
dates disagrees: `2021` agrees with an end on 2021-02-05. A treaty of unlimited duration with
no notice given, or one not yet in force, has no end the record can compare: no finding.

## Why it matters
Claims about expiry drive arguments about deadlines ("the last treaty limiting the arsenals
ends next year"). Checking them against what was known when they were said separates a wrong
statement from one overtaken by later events.

## Example
```yaml
- id: someone-2022-03-01-new-start-expires
  date: 2022-03-01
  kind: status
  treaty: new-start
  asserted_end: 2021            # the record then: 2026-02-05 (extended on 2021-02-03)
```

## Fix
Nothing to fix in the data if the claim is recorded faithfully: the note is the finding. If the
claim was misrecorded, correct `asserted_end` or the claim's `date`; if the treaty's `term`,
`extensions` or `end` are wrong, correct the treaty.
"#,
    check,
    check_files: None,
    check_facts: None,
};

fn day(n: i64) -> String {
    Date::from_day_number(n).map_or_else(|| n.to_string(), |d| d.to_string())
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for (index, c) in ctx.claims() {
        if c.kind != ClaimKind::Status {
            continue;
        }
        let (Some(asserted), Some(treaty_id)) = (&c.asserted_end, &c.treaty) else {
            continue;
        };
        let Some(treaty) = ctx.treaty(treaty_id.as_str()) else {
            continue;
        };
        let known = treaty.end_known_on(&c.date);
        let KnownEnd::On { first, last, basis } = known else {
            continue;
        };
        if asserted.last_day() >= first && asserted.first_day() <= last {
            continue;
        }
        let when = if first == last {
            format!("on {}", day(first))
        } else {
            format!("between {} and {}", day(first), day(last))
        };
        let said = if asserted.day().is_some() {
            format!("on {asserted}")
        } else {
            format!("in {asserted}")
        };
        let why = match basis {
            EndBasis::Term => "its entry into force plus its term".to_string(),
            EndBasis::Extension(d) => format!("as extended on {}", day(d)),
            EndBasis::WithdrawalNotice(d) => format!("by a withdrawal notice of {}", day(d)),
            EndBasis::Recorded => "as recorded".to_string(),
        };
        out.push(
            ctx.report(
                &RULE,
                index,
                "/asserted_end",
                format!(
                    "the claim says {} ends {said}; on {} the record showed it ending {when} ({why})",
                    treaty.short_name, c.date
                ),
            )
            .with_evidence(crate::evidence::end_basis(ctx, treaty, &known)),
        );
    }
}
