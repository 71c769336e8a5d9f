use treatywatch_loader::{Diagnostic, Severity};
use treatywatch_model::{
    ActionKind, AssertedPartyStatus, Claim, ClaimKind, Date, PartyStatus, Treaty, Truth,
};

use super::Rule;
use crate::context::Context;
use crate::evidence::{actor_name, party_acts};
use treatywatch_model::RuleName;

pub(super) const RULE: Rule = Rule {
    name: RuleName::PartyStatusContradiction,
    severity: Severity::Note,
    summary: "a claim about a party's standing, a withdrawal, or a list of non-parties that the record contradicts",
    docs: r#"## What it checks
Claims about a *party* rather than a treaty, against each actor's standing computed from its
acts on the claim's date (a successor counts as the model says: Russia became an INF party
by succession from the USSR).

A `status` claim with `party` and `asserted_party_status`, the words meaning what people mean:

| `asserted_party_status` | fits when, on the claim's date, the party… |
|---|---|
| `signatory` | has signed (or succeeded to a signature), whatever followed, unless it has withdrawn |
| `party` | has ratified, acceded or succeeded and not withdrawn — also while suspended or withdrawing |
| `bound` | is a party (not suspended) of a treaty in force |
| `not-bound` | is not bound |
| `withdrawn` | has withdrawn |
| `suspended` | has suspended its obligations |
| `non-party` | never joined, only signed, or has withdrawn |

A `withdrawal` claim (its `accused` withdrew from its `treaty`, within its `period` if given,
else by the claim's date) fits when the record holds a withdrawal or a notice of withdrawal of
that actor that may fall in that time. An actor the treaty's record does not follow at all is
not checked: the record cannot decide it.

A `status` claim with `asserted_non_parties` ("all nations except …"): every listed actor the
record shows as a party is a finding; a recorded non-party missing from the list is a finding
only when the treaty is marked `parties_complete: true`.

With reduced-precision dates it fires only when every reading disagrees. The finding carries
the party's recorded acts as its evidence.

## Why it matters
Most claims in public argument are about a state's standing — "Russia is a CTBT signatory",
"the US withdrew from the ABM Treaty", "the NPT binds everyone but Israel, India, Pakistan,
North Korea and South Sudan". Checked against the acts, they become findings instead of
opinions.

## Example
```yaml
- id: someone-2024-01-01-russia-ctbt-party
  date: 2024-01-01
  kind: status
  treaty: ctbt
  party: rus
  asserted_party_status: party     # Russia revoked its ratification on 2023-11-03
```

## Fix
Nothing to fix in the data if the claim is recorded faithfully: the note is the finding. If it
was misrecorded, correct the claim; if an act is missing or misdated, correct the treaty.
"#,
    check,
    check_files: None,
    check_facts: None,
};

fn is_party(s: PartyStatus) -> bool {
    matches!(
        s,
        PartyStatus::Party | PartyStatus::Withdrawing | PartyStatus::Suspended
    )
}

fn is_non_party(s: PartyStatus) -> bool {
    matches!(
        s,
        PartyStatus::None
            | PartyStatus::Signatory
            | PartyStatus::Withdrawn
            | PartyStatus::Succeeded
    )
}

/// Whether `actor` had signed (or succeeded to a signature) by `date`.
fn signed_by(treaty: &Treaty, actor: &str, date: &Date) -> Truth {
    let mut answer = Truth::No;
    for act in treaty
        .party(actor)
        .into_iter()
        .flat_map(|p| &p.actions)
        .filter(|a| matches!(a.action, ActionKind::Signature | ActionKind::Succession))
    {
        if act.date.is_certainly_on_or_before(date) {
            return Truth::Yes;
        }
        if !act.date.is_certainly_after(date) {
            answer = Truth::Uncertain;
        }
    }
    answer
}

/// Whether the claim's words can fit the record: `false` only when every reading disagrees.
fn may_fit(treaty: &Treaty, actor: &str, asserted: AssertedPartyStatus, date: &Date) -> bool {
    let status = treaty.party_status_on(actor, date);
    let any = |test: &dyn Fn(PartyStatus) -> bool| status.possibilities().iter().any(|s| test(*s));
    match asserted {
        AssertedPartyStatus::Signatory => {
            signed_by(treaty, actor, date) != Truth::No
                && any(&|s| !matches!(s, PartyStatus::Withdrawn | PartyStatus::Succeeded))
        }
        AssertedPartyStatus::Party => any(&is_party),
        AssertedPartyStatus::NonParty => any(&is_non_party),
        AssertedPartyStatus::Withdrawn => any(&|s| s == PartyStatus::Withdrawn),
        AssertedPartyStatus::Suspended => any(&|s| s == PartyStatus::Suspended),
        AssertedPartyStatus::Bound => treaty.is_bound_on(actor, date) != Truth::No,
        AssertedPartyStatus::NotBound => treaty.is_bound_on(actor, date) != Truth::Yes,
    }
}

fn check_party_status(
    ctx: &Context,
    index: usize,
    c: &Claim,
    treaty: &Treaty,
    out: &mut Vec<Diagnostic>,
) {
    let (Some(party), Some(asserted)) = (&c.party, c.asserted_party_status) else {
        return;
    };
    let actor = party.as_str();
    if may_fit(treaty, actor, asserted, &c.date) {
        return;
    }
    let status = treaty.party_status_on(actor, &c.date);
    let bound = match treaty.is_bound_on(actor, &c.date) {
        Truth::Yes => "bound",
        Truth::No => "not bound",
        Truth::Uncertain => "perhaps bound",
    };
    out.push(
        ctx.report(
            &RULE,
            index,
            "/asserted_party_status",
            format!(
                "the claim says {} was {} under the {} on {}; the record says {status} ({bound})",
                actor_name(ctx, actor),
                asserted.as_str(),
                treaty.short_name,
                c.date
            ),
        )
        .with_evidence(party_acts(ctx, treaty, actor)),
    );
}

fn check_non_parties(
    ctx: &Context,
    index: usize,
    c: &Claim,
    treaty: &Treaty,
    out: &mut Vec<Diagnostic>,
) {
    if c.asserted_non_parties.is_empty() {
        return;
    }
    for (i, actor) in c.asserted_non_parties.iter().enumerate() {
        let status = treaty.party_status_on(actor.as_str(), &c.date);
        if status.possibilities().iter().all(|s| is_party(*s)) {
            out.push(
                ctx.report(
                    &RULE,
                    index,
                    &format!("/asserted_non_parties/{i}"),
                    format!(
                        "the claim counts {} among the non-parties of the {} on {}; the record says {status}",
                        actor_name(ctx, actor.as_str()),
                        treaty.short_name,
                        c.date
                    ),
                )
                .with_evidence(party_acts(ctx, treaty, actor.as_str())),
            );
        }
    }
    if !treaty.parties_complete {
        return;
    }
    for p in &treaty.parties {
        let actor = p.actor.as_str();
        if c.asserted_non_parties.iter().any(|a| a.as_str() == actor) {
            continue;
        }
        let status = treaty.party_status_on(actor, &c.date);
        // Only states a list of nations could name: not a dissolved predecessor.
        let certainly_outside = status.possibilities().iter().all(|s| {
            matches!(
                s,
                PartyStatus::None | PartyStatus::Signatory | PartyStatus::Withdrawn
            )
        });
        if certainly_outside {
            out.push(
                ctx.report(
                    &RULE,
                    index,
                    "/asserted_non_parties",
                    format!(
                        "the claim's list of non-parties of the {} leaves out {}, which the record shows as {status} on {}",
                        treaty.short_name,
                        actor_name(ctx, actor),
                        c.date
                    ),
                )
                .with_evidence(party_acts(ctx, treaty, actor)),
            );
        }
    }
}

fn check_withdrawal(
    ctx: &Context,
    index: usize,
    c: &Claim,
    treaty: &Treaty,
    out: &mut Vec<Diagnostic>,
) {
    let Some(accused) = &c.accused else { return };
    let actor = accused.as_str();
    let Some(party) = treaty.party(actor) else {
        return;
    };
    let (first, last) = match &c.period {
        Some(period) => period.possible_days_as_of(&c.date),
        None => (i64::MIN, c.date.last_day()),
    };
    let may_have = party.actions.iter().any(|a| {
        matches!(
            a.action,
            ActionKind::Withdrawal | ActionKind::WithdrawalNotice
        ) && a.date.last_day() >= first
            && a.date.first_day() <= last
    });
    if may_have {
        return;
    }
    let when = match &c.period {
        Some(period) => format!("in {period}"),
        None => format!("by {}", c.date),
    };
    out.push(
        ctx.report(
            &RULE,
            index,
            "/accused",
            format!(
                "the claim says {} withdrew from the {} {when}; the record holds no withdrawal or notice of withdrawal of it then",
                actor_name(ctx, actor),
                treaty.short_name
            ),
        )
        .with_evidence(party_acts(ctx, treaty, actor)),
    );
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for (index, c) in ctx.claims() {
        let Some(treaty) = c.treaty.as_ref().and_then(|t| ctx.treaty(t.as_str())) else {
            continue;
        };
        match c.kind {
            ClaimKind::Status => {
                check_party_status(ctx, index, c, treaty, out);
                check_non_parties(ctx, index, c, treaty, out);
            }
            ClaimKind::Withdrawal => check_withdrawal(ctx, index, c, treaty, out),
            _ => {}
        }
    }
}
