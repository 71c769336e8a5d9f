//! The acts of the record that decide a finding, as [`Evidence`]: dated, with the treaty, the
//! actor and the sources, and a sentence that names actors and treaties by their names.

use treatywatch_loader::Evidence;
use treatywatch_model::{ActionKind, Citation, Date, EndBasis, Id, KnownEnd, Treaty, TreatyKind};

use crate::context::Context;

fn ids(citations: &[Citation]) -> Vec<String> {
    let mut out: Vec<String> = citations.iter().map(|c| c.source.to_string()).collect();
    out.dedup();
    out
}

fn one(source: Option<&Id>, fallback: &[Citation]) -> Vec<String> {
    source.map_or_else(|| ids(fallback), |s| vec![s.to_string()])
}

fn treaty_event(
    treaty: &Treaty,
    date: Option<&Date>,
    event: &str,
    sources: Vec<String>,
    text: String,
) -> Evidence {
    Evidence {
        date: date.map(ToString::to_string),
        event: event.to_string(),
        treaty: treaty.id.to_string(),
        actor: None,
        sources,
        text,
    }
}

/// The treaty's own dated events (opening, entry into force, extensions, end) that may have
/// happened on or before `date`, and its entry into force in any case (or that it never
/// entered into force): what decides a treaty's status on that date.
pub(crate) fn treaty_events_until(treaty: &Treaty, date: &Date) -> Vec<Evidence> {
    let name = &treaty.short_name;
    let sources = ids(&treaty.sources);
    let mut out = Vec::new();
    if !treaty.opened.is_certainly_after(date) {
        out.push(treaty_event(
            treaty,
            Some(&treaty.opened),
            "opened",
            sources.clone(),
            match treaty.kind {
                TreatyKind::Bilateral => format!("{name} was signed on {}", treaty.opened),
                TreatyKind::Multilateral => {
                    format!("{name} was opened for signature on {}", treaty.opened)
                }
            },
        ));
    }
    match &treaty.entry_into_force {
        Some(entry) => out.push(treaty_event(
            treaty,
            Some(entry),
            "entry-into-force",
            sources.clone(),
            format!("{name} entered into force on {entry}"),
        )),
        None => out.push(treaty_event(
            treaty,
            None,
            "none-recorded",
            sources.clone(),
            format!("{name} never entered into force"),
        )),
    }
    for extension in &treaty.extensions {
        if !extension.date.is_certainly_after(date) {
            out.push(treaty_event(
                treaty,
                Some(&extension.date),
                "extension",
                one(extension.source.as_ref(), &treaty.sources),
                format!(
                    "{name} was extended on {} until {}",
                    extension.date, extension.until
                ),
            ));
        }
    }
    if let Some(end) = &treaty.end
        && !end.date.is_certainly_after(date)
    {
        out.push(treaty_event(
            treaty,
            Some(&end.date),
            "end",
            one(end.source.as_ref(), &treaty.sources),
            format!("{name} ended on {} ({})", end.date, end.reason.as_str()),
        ));
    }
    out
}

fn verb(action: ActionKind) -> &'static str {
    match action {
        ActionKind::Signature => "signed",
        ActionKind::Ratification => "ratified",
        ActionKind::Accession => "acceded to",
        ActionKind::Succession => "succeeded to",
        ActionKind::Suspension => "suspended",
        ActionKind::Resumption => "resumed",
        ActionKind::WithdrawalNotice => "gave notice of withdrawal from",
        ActionKind::Withdrawal => "withdrew from",
        ActionKind::RatificationRevoked => "revoked its ratification of",
    }
}

/// An actor's name, or its id where the record has no such actor.
pub(crate) fn actor_name<'a>(ctx: &Context<'a>, id: &'a str) -> &'a str {
    ctx.actor(id).map_or(id, |a| a.name.as_str())
}

/// Every act the record holds of `actor` in `treaty`, or that it holds none.
pub(crate) fn party_acts(ctx: &Context, treaty: &Treaty, actor: &str) -> Vec<Evidence> {
    let who = actor_name(ctx, actor);
    let name = &treaty.short_name;
    let acts: Vec<Evidence> = treaty
        .party(actor)
        .into_iter()
        .flat_map(|p| &p.actions)
        .map(|a| Evidence {
            date: Some(a.date.to_string()),
            event: a.action.as_str().to_string(),
            treaty: treaty.id.to_string(),
            actor: Some(actor.to_string()),
            sources: one(a.source.as_ref(), &treaty.sources),
            text: format!("{who} {} {name} on {}", verb(a.action), a.date),
        })
        .collect();
    if !acts.is_empty() {
        return acts;
    }
    vec![Evidence {
        date: None,
        event: "none-recorded".to_string(),
        treaty: treaty.id.to_string(),
        actor: Some(actor.to_string()),
        sources: ids(&treaty.sources),
        text: format!(
            "the record holds no signature, ratification, accession or succession of {who} to {name}"
        ),
    }]
}

/// What made the end known on a day (see [`Treaty::end_known_on`]).
pub(crate) fn end_basis(ctx: &Context, treaty: &Treaty, known: &KnownEnd) -> Vec<Evidence> {
    let KnownEnd::On { basis, .. } = known else {
        return Vec::new();
    };
    let name = &treaty.short_name;
    let sources = ids(&treaty.sources);
    match basis {
        EndBasis::Term => {
            let (Some(entry), Some(term)) = (&treaty.entry_into_force, &treaty.term) else {
                return Vec::new();
            };
            vec![treaty_event(
                treaty,
                Some(entry),
                "term",
                sources,
                format!("{name} entered into force on {entry} for a term of {term}"),
            )]
        }
        EndBasis::Extension(day) => treaty
            .extensions
            .iter()
            .filter(|e| e.date.first_day() == *day)
            .map(|e| {
                treaty_event(
                    treaty,
                    Some(&e.date),
                    "extension",
                    one(e.source.as_ref(), &treaty.sources),
                    format!("{name} was extended on {} until {}", e.date, e.until),
                )
            })
            .collect(),
        EndBasis::WithdrawalNotice(day) => treaty
            .parties
            .iter()
            .flat_map(|p| p.actions.iter().map(move |a| (p, a)))
            .filter(|(_, a)| a.action == ActionKind::WithdrawalNotice && a.date.first_day() == *day)
            .map(|(p, a)| Evidence {
                date: Some(a.date.to_string()),
                event: a.action.as_str().to_string(),
                treaty: treaty.id.to_string(),
                actor: Some(p.actor.to_string()),
                sources: one(a.source.as_ref(), &treaty.sources),
                text: format!(
                    "{} gave notice of withdrawal from {name} on {}",
                    actor_name(ctx, p.actor.as_str()),
                    a.date
                ),
            })
            .collect(),
        EndBasis::Recorded => treaty
            .end
            .iter()
            .map(|end| {
                treaty_event(
                    treaty,
                    Some(&end.date),
                    "end",
                    one(end.source.as_ref(), &treaty.sources),
                    format!("{name} ended on {} ({})", end.date, end.reason.as_str()),
                )
            })
            .collect(),
    }
}
