//! Actor pages: for every actor, what it is and its offices; for states and organisations its
//! standing under every treaty on the as-of date and its acts; the claims it made and those
//! about it, and the findings among them.

use treatywatch_loader::Index;
use treatywatch_model::{Actor, ActorKind, Claim, Date, Treaty};

use super::views::{
    ActorActView, ActorTreatyView, ActorView, ClaimRef, Finding, FindingRef, RoleView,
};
use super::{Numbering, actor_name, anchor, treaty_name};

/// Every actor: states and organisations first, then persons, each group by name (then id).
pub(super) fn actor_views(
    ctx: &Index<'_>,
    treaties: &[&Treaty],
    claims: &[&Claim],
    findings: &[Finding],
    as_of: Date,
    numbering: &mut Numbering,
) -> Vec<ActorView> {
    let mut actors: Vec<&Actor> = ctx.actors().map(|(_, a)| a).collect();
    actors.sort_by(|a, b| {
        let group = |a: &Actor| a.kind == ActorKind::Person;
        (group(a), a.name.to_lowercase(), a.id.as_str()).cmp(&(
            group(b),
            b.name.to_lowercase(),
            b.id.as_str(),
        ))
    });
    // The states and organisations the briefing gives a section: every party of a treaty
    // with few parties, and (below) every one a claim names. The ~190 states that only
    // joined the NPT or the CTBT are in those treaties' tables and have markdown pages.
    let mut in_briefing = std::collections::BTreeSet::new();
    for t in treaties {
        if t.parties.len() <= super::scale::ROW_LIMIT {
            in_briefing.extend(t.parties.iter().map(|p| p.actor.to_string()));
        }
    }
    actors
        .into_iter()
        .map(|a| {
            let mut view = actor_view(ctx, a, treaties, claims, findings, as_of, numbering);
            view.in_briefing = a.kind != ActorKind::Person
                && (in_briefing.contains(a.id.as_str())
                    || !view.claims_made.is_empty()
                    || !view.claims_about.is_empty());
            view
        })
        .collect()
}

fn actor_view(
    ctx: &Index<'_>,
    a: &Actor,
    treaties: &[&Treaty],
    claims: &[&Claim],
    findings: &[Finding],
    as_of: Date,
    numbering: &mut Numbering,
) -> ActorView {
    let id = a.id.as_str();
    let is_person = a.kind == ActorKind::Person;
    let standing = if is_person {
        Vec::new()
    } else {
        treaties
            .iter()
            .map(|t| ActorTreatyView {
                treaty: t.id.to_string(),
                short_name: t.short_name.clone(),
                status: t.party_status_on(id, &as_of).name().to_string(),
                standing: t
                    .standing_on(id, Some(a), &as_of)
                    .words(|s| actor_name(ctx, s)),
                bound: t.is_bound_on(id, &as_of).as_str().into(),
                last_action: t
                    .last_act_on(id, &as_of)
                    .map(|act| format!("{} {}", act.action.as_str(), act.date)),
            })
            .collect()
    };
    let mut acts: Vec<(Date, ActorActView)> = treaties
        .iter()
        .filter_map(|t| t.party(id).map(|p| (t, p)))
        .flat_map(|(t, p)| p.actions.iter().map(move |act| (t, act)))
        .filter(|(_, act)| !act.date.is_certainly_after(&as_of))
        .map(|(t, act)| {
            (
                act.date,
                ActorActView {
                    date: act.date.to_string(),
                    treaty: t.id.to_string(),
                    short_name: t.short_name.clone(),
                    action: act.action.as_str().into(),
                    note: act.note.clone(),
                    citation: act.source.as_ref().map(|s| numbering.number(s.as_str())),
                },
            )
        })
        .collect();
    // Stable: acts of one day keep the treaties' order.
    acts.sort_by_key(|(d, _)| d.sort_key());

    let is = |x: Option<&treatywatch_model::Id>| x.is_some_and(|x| x.as_str() == id);
    let mut claims_made = Vec::new();
    let mut claims_about = Vec::new();
    for c in claims {
        if c.claimant.as_str() == id {
            claims_made.push(claim_ref(ctx, c, "claimant", findings));
        } else if is(c.on_behalf_of.as_ref()) {
            claims_made.push(claim_ref(ctx, c, "on behalf of", findings));
        }
        if is(c.accused.as_ref()) {
            claims_about.push(claim_ref(ctx, c, "accused", findings));
        } else if is(c.party.as_ref()) {
            claims_about.push(claim_ref(ctx, c, "party", findings));
        } else if c.asserted_non_parties.iter().any(|x| x.as_str() == id) {
            claims_about.push(claim_ref(ctx, c, "named as a non-party", findings));
        } else if c
            .asserted_entry_into_force_requires
            .iter()
            .any(|x| x.as_str() == id)
        {
            claims_about.push(claim_ref(
                ctx,
                c,
                "named as needed for entry into force",
                findings,
            ));
        }
    }
    let concerned = |claim: &str| {
        claims_made
            .iter()
            .chain(&claims_about)
            .any(|c: &ClaimRef| c.id == claim)
    };
    let actor_findings = findings
        .iter()
        .filter_map(|f| {
            let claim = f.claim.as_ref()?;
            concerned(claim).then(|| FindingRef {
                claim: claim.clone(),
                anchor: anchor(claim),
                treaty: f.treaty.clone(),
                treaty_name: f.treaty_name.clone(),
                claim_date: f.claim_date.clone(),
                claimant: f.claimant.clone(),
                message: f.message.clone(),
            })
        })
        .collect();

    ActorView {
        in_briefing: false,
        id: id.to_string(),
        name: a.name.clone(),
        kind: a.kind.as_str().into(),
        aliases: a.aliases.clone(),
        iso3166: a.iso3166.clone(),
        wikidata: a.wikidata.clone(),
        existed: a.existed.map(|p| p.to_string()),
        note: a.note.clone(),
        roles: a
            .roles
            .iter()
            .map(|r| RoleView {
                title: r.title.clone(),
                of: actor_name(ctx, r.of.as_str()),
                of_id: r.of.to_string(),
                period: r.period.to_string(),
            })
            .collect(),
        treaties: standing,
        acts: acts.into_iter().map(|(_, v)| v).collect(),
        claims_made,
        claims_about,
        findings: actor_findings,
    }
}

fn claim_ref(ctx: &Index<'_>, c: &Claim, relation: &str, findings: &[Finding]) -> ClaimRef {
    ClaimRef {
        id: c.id.to_string(),
        anchor: anchor(c.id.as_str()),
        date: c.date.to_string(),
        treaty: c.treaty.as_ref().map(|t| t.to_string()),
        treaty_name: treaty_name(ctx, c.treaty.as_ref()),
        claimant: actor_name(ctx, c.claimant.as_str()),
        claimant_id: c.claimant.to_string(),
        headline: c.headline.clone(),
        summary: c.summary.clone(),
        verdict: c.assessment.as_ref().map(|a| a.verdict.as_str().into()),
        relation: relation.into(),
        findings: findings
            .iter()
            .filter(|f| f.claim.as_deref() == Some(c.id.as_str()))
            .count(),
    }
}
