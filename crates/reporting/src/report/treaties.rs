//! A treaty's view and its parties', as the briefing and the pages show them on the as-of
//! date; the sources they cite are numbered as a reader meets them.

use super::*;

/// One treaty: its dates and status on `as_of`, its parties, timeline and claims, and the
/// numbers of every source it cites. Sources are numbered as a reader meets them: the
/// treaty's, its parties' acts', then its claims'.
pub(super) fn treaty_view(
    ctx: &Index<'_>,
    t: &Treaty,
    as_of: Date,
    claims: &[&Claim],
    findings_by_claim: &HashMap<String, Vec<String>>,
    numbering: &mut Numbering,
) -> TreatyView {
    let citations = t
        .sources
        .iter()
        .map(|c| numbering.number(c.source.as_str()))
        .collect();
    let mut parties: Vec<PartyView> = t
        .parties
        .iter()
        .map(|p| party_view(ctx, t, p, as_of, numbering))
        .collect();
    // A long list is read by looking a state up: by name. A short one keeps the record's
    // order (the depositaries, then the others as the record lists them).
    if parties.len() > scale::ROW_LIMIT {
        parties.sort_by(|a, b| {
            (a.name.to_lowercase(), &a.actor).cmp(&(b.name.to_lowercase(), &b.actor))
        });
    }
    let claims_of_treaty = claims;
    let claims: Vec<ClaimView> = claims
        .iter()
        .map(|c| claim_view(ctx, c, numbering, findings_by_claim))
        .collect();
    let status = t.status_on(&as_of);
    let mut source_numbers: Vec<usize> = t
        .sources
        .iter()
        .map(|c| numbering.number(c.source.as_str()))
        .collect();
    for p in &parties {
        source_numbers.extend(p.actions.iter().filter_map(|a| a.citation));
    }
    for c in &claims {
        source_numbers.extend(c.citations.iter().map(|x| x.number));
        source_numbers.extend(c.verdict_citations.iter().copied());
    }
    source_numbers.sort_unstable();
    source_numbers.dedup();
    TreatyView {
        id: t.id.to_string(),
        name: t.name.clone(),
        short_name: t.short_name.clone(),
        kind: t.kind.as_str().into(),
        status: status.name().to_string(),
        status_label: status.to_string(),
        condition: crate::status::condition_view(ctx, t, &as_of).map(|c| c.text),
        opened: t.opened.to_string(),
        entry_into_force: t.entry_into_force.map(|d| d.to_string()),
        end: t.end.as_ref().map(|e| EndView {
            date: e.date.to_string(),
            reason: e.reason.as_str().into(),
            scheduled: e.date.is_certainly_after(&as_of),
        }),
        term: t.term.map(|d| d.to_string()),
        withdrawal_notice: t.withdrawal_notice.map(|d| d.to_string()),
        text_url: t.text_url.clone(),
        note: t.note.clone(),
        timeline: timeline(ctx, t, as_of, claims_of_treaty, findings_by_claim),
        parties,
        findings: claims.iter().map(|c| c.findings.len()).sum(),
        claims,
        citations,
        source_numbers,
    }
}

/// One party of a treaty on `as_of`: its status, whether it is bound, its last act, and its
/// acts up to then.
fn party_view(
    ctx: &Index<'_>,
    t: &Treaty,
    p: &Party,
    as_of: Date,
    numbering: &mut Numbering,
) -> PartyView {
    let actor = p.actor.as_str();
    PartyView {
        actor: actor.to_string(),
        name: actor_name(ctx, actor),
        status: t.party_status_on(actor, &as_of).name().to_string(),
        standing: t
            .standing_on(actor, ctx.actor(actor), &as_of)
            .words(|s| actor_name(ctx, s)),
        bound: t.is_bound_on(actor, &as_of).as_str().to_string(),
        last_action: t
            .last_act_on(actor, &as_of)
            .map(|a| format!("{} {}", a.action.as_str(), a.date)),
        actions: p
            .actions
            .iter()
            .filter(|a| !a.date.is_certainly_after(&as_of))
            .map(|a| ActionView {
                action: a.action.as_str().to_string(),
                date: a.date.to_string(),
                note: a.note.clone(),
                citation: a.source.as_ref().map(|s| numbering.number(s.as_str())),
            })
            .collect(),
        note: p.note.clone(),
    }
}
