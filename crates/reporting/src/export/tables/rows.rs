//! Each table's rows, from the record and the report.

use treatywatch_loader::Index;
use treatywatch_model::{Date, Period};

use super::specs::*;
use super::{Table, date3, list, opt};
use crate::report::Report;

/// The treaties in the briefing's order (by opening date).
pub(super) fn ordered_treaties<'a>(
    ctx: &Index<'a>,
    report: &Report,
) -> Vec<&'a treatywatch_model::Treaty> {
    report
        .treaties
        .iter()
        .filter_map(|t| ctx.treaty(&t.id))
        .collect()
}

pub(super) fn treaties(ctx: &Index<'_>, report: &Report, as_of: Date) -> Table {
    let rows = ordered_treaties(ctx, report)
        .into_iter()
        .map(|t| {
            let status = t.status_on(&as_of);
            let [opened, opened_first, opened_last] = date3(Some(&t.opened));
            let [eif, eif_first, eif_last] = date3(t.entry_into_force.as_ref());
            let [end, end_first, end_last] = date3(t.end.as_ref().map(|e| &e.date));
            vec![
                t.id.to_string(),
                t.short_name.clone(),
                t.name.clone(),
                t.kind.as_str().into(),
                status.name().to_string(),
                status.to_string(),
                opened,
                opened_first,
                opened_last,
                eif,
                eif_first,
                eif_last,
                end,
                end_first,
                end_last,
                opt(t.end.as_ref().map(|e| e.reason.as_str())),
                opt(t.term),
                opt(t.withdrawal_notice),
                opt(t.text_url.as_ref()),
            ]
        })
        .collect();
    Table {
        spec: &TREATIES_SPEC,
        rows,
    }
}

pub(super) fn parties(ctx: &Index<'_>, report: &Report, as_of: Date) -> Table {
    let mut rows = Vec::new();
    for t in ordered_treaties(ctx, report) {
        for p in &t.parties {
            let actor = p.actor.as_str();
            let last = t.last_act_on(actor, &as_of);
            rows.push(vec![
                t.id.to_string(),
                actor.to_string(),
                t.party_status_on(actor, &as_of).name().to_string(),
                t.is_bound_on(actor, &as_of).as_str().into(),
                opt(last.map(|a| a.action.as_str())),
                opt(last.map(|a| a.date)),
            ]);
        }
    }
    Table {
        spec: &PARTIES_SPEC,
        rows,
    }
}

pub(super) fn actions(ctx: &Index<'_>, report: &Report) -> Table {
    let mut rows = Vec::new();
    for t in ordered_treaties(ctx, report) {
        for p in &t.parties {
            for (i, a) in p.actions.iter().enumerate() {
                let [date, first, last] = date3(Some(&a.date));
                rows.push(vec![
                    t.id.to_string(),
                    p.actor.to_string(),
                    (i + 1).to_string(),
                    a.action.as_str().into(),
                    date,
                    first,
                    last,
                    opt(a.from.as_ref()),
                    opt(a.source.as_ref()),
                    opt(a.note.as_ref()),
                ]);
            }
        }
    }
    Table {
        spec: &ACTIONS_SPEC,
        rows,
    }
}

pub(super) fn actors(ctx: &Index<'_>) -> Table {
    let mut actors: Vec<_> = ctx.actors().map(|(_, a)| a).collect();
    actors.sort_by(|a, b| a.id.as_str().cmp(b.id.as_str()));
    let rows = actors
        .into_iter()
        .map(|a| {
            vec![
                a.id.to_string(),
                a.name.clone(),
                a.kind.as_str().into(),
                list(&a.aliases),
                opt(a.iso3166.as_ref()),
                opt(a.wikidata.as_ref()),
                opt(a.existed),
                list(
                    a.roles
                        .iter()
                        .map(|r| format!("{}, {}, {}", r.title, r.of, r.period)),
                ),
                opt(a.note.as_ref()),
            ]
        })
        .collect();
    Table {
        spec: &ACTORS_SPEC,
        rows,
    }
}

pub(super) fn claims(ctx: &Index<'_>, as_of: Date) -> Table {
    let rows = crate::report::claims_until(ctx, as_of)
        .into_iter()
        .map(|c| {
            let [date, first, last] = date3(Some(&c.date));
            vec![
                c.id.to_string(),
                date,
                first,
                last,
                c.claimant.to_string(),
                opt(c.on_behalf_of.as_ref()),
                c.kind.as_str().into(),
                opt(c.treaty.as_ref()),
                opt(c.accused.as_ref()),
                opt(c.period.as_ref().map(Period::to_string)),
                opt(c.asserted_status.map(|s| s.as_str())),
                opt(c.asserted_end),
                opt(c.party.as_ref()),
                opt(c.asserted_party_status.map(|s| s.as_str())),
                list(&c.asserted_non_parties),
                opt(c.quote.as_ref()),
                c.summary.clone(),
                list(c.sources.iter().map(|s| &s.source)),
                list(&c.responds_to),
            ]
        })
        .collect();
    Table {
        spec: &CLAIMS_SPEC,
        rows,
    }
}

pub(super) fn assessments(ctx: &Index<'_>, as_of: Date) -> Table {
    let rows = crate::report::claims_until(ctx, as_of)
        .into_iter()
        .filter_map(|c| {
            let a = c.assessment.as_ref()?;
            Some(vec![
                c.id.to_string(),
                a.verdict.as_str().into(),
                opt(a.date),
                a.note.clone(),
                list(&a.sources),
            ])
        })
        .collect();
    Table {
        spec: &ASSESSMENTS_SPEC,
        rows,
    }
}

pub(super) fn findings(report: &Report) -> Table {
    let rows = report
        .findings
        .iter()
        .enumerate()
        .map(|(i, f)| {
            vec![
                (i + 1).to_string(),
                f.rule.as_str().to_string(),
                f.kind.clone(),
                opt(f.claim.as_ref()),
                opt(f.treaty.as_ref()),
                opt(f.claim_date.as_ref()),
                opt(f.claimant_id.as_ref()),
                opt(f.asserts.as_ref()),
                f.message.clone(),
            ]
        })
        .collect();
    Table {
        spec: &FINDINGS_SPEC,
        rows,
    }
}

pub(super) fn evidence(report: &Report) -> Table {
    let source_id = |n: &usize| {
        report
            .sources
            .iter()
            .find(|s| s.number == *n)
            .map(|s| s.id.clone())
    };
    let mut rows = Vec::new();
    for (i, f) in report.findings.iter().enumerate() {
        for (j, e) in f.evidence.iter().enumerate() {
            rows.push(vec![
                (i + 1).to_string(),
                (j + 1).to_string(),
                opt(e.date.as_ref()),
                e.event.clone(),
                e.text.clone(),
                list(e.citations.iter().filter_map(source_id)),
            ]);
        }
    }
    Table {
        spec: &FINDING_EVIDENCE_SPEC,
        rows,
    }
}

pub(super) fn sources(ctx: &Index<'_>) -> Table {
    let mut sources: Vec<_> = ctx.sources().map(|(_, s)| s).collect();
    sources.sort_by(|a, b| a.id.as_str().cmp(b.id.as_str()));
    let rows = sources
        .into_iter()
        .map(|s| {
            let [published, first, last] = date3(Some(&s.published));
            vec![
                s.id.to_string(),
                s.title.clone(),
                s.kind.as_str().into(),
                s.publisher.clone(),
                list(&s.authors),
                published,
                first,
                last,
                s.url.clone(),
                opt(s.archived_url.as_ref()),
            ]
        })
        .collect();
    Table {
        spec: &SOURCES_SPEC,
        rows,
    }
}
