//! The report model: everything a briefing shows, computed once from the dataset, the
//! validator's outcome and the as-of date. Templates only format it.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;
use treatywatch_loader::{Dataset, Index, Severity};
use treatywatch_model::{
    ActionKind, Claim, Date, Record, Status, Treaty, TreatyKind, TreatyStatus,
};
use treatywatch_validator::Outcome;

#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub title: String,
    pub as_of: String,
    pub generator: String,
    pub counts: Counts,
    pub treaties: Vec<TreatyView>,
    /// Claims about no treaty (kind `other` without `treaty`).
    pub other_claims: Vec<ClaimView>,
    pub findings: Vec<Finding>,
    /// What changed in the year up to the as-of date, newest first.
    pub recent: Vec<RecentChange>,
    pub sources: Vec<SourceView>,
}

/// One event of the last year before the as-of date.
#[derive(Debug, Clone, Serialize)]
pub struct RecentChange {
    pub date: String,
    pub treaty: String,
    pub text: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Counts {
    pub treaties: usize,
    pub in_force: usize,
    pub claims: usize,
    pub assessed: usize,
    pub findings: usize,
    pub sources: usize,
    pub actors: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct TreatyView {
    pub id: String,
    pub name: String,
    pub short_name: String,
    pub kind: String,
    /// The contract's status name (`in-force`), or `uncertain`.
    pub status: String,
    /// For reading: `ended (expiry)`, `uncertain (in-force or ended (withdrawal))`.
    pub status_label: String,
    pub opened: String,
    pub entry_into_force: Option<String>,
    pub end: Option<EndView>,
    pub term: Option<String>,
    pub withdrawal_notice: Option<String>,
    pub text_url: Option<String>,
    pub note: Option<String>,
    pub timeline: Timeline,
    pub parties: Vec<PartyView>,
    pub claims: Vec<ClaimView>,
    pub findings: usize,
    /// Numbers of the sources the treaty record cites.
    pub citations: Vec<usize>,
    /// Numbers of every source cited on this treaty's page (record, acts, claims), sorted.
    pub source_numbers: Vec<usize>,
}

#[derive(Debug, Clone, Serialize)]
pub struct EndView {
    pub date: String,
    pub reason: String,
    /// A scheduled expiry still ahead of the as-of date.
    pub scheduled: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct Timeline {
    pub start_year: u16,
    pub end_year: u16,
    pub events: Vec<TimelineEvent>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TimelineEvent {
    pub number: usize,
    pub date: String,
    /// `opened`, `entry-into-force`, `extension`, `end`, or an action (`suspension`, …).
    pub kind: String,
    pub label: String,
    /// Where on the axis, from 0 (start of `start_year`) to 1 (end of `end_year`).
    pub position: f64,
    /// After the as-of date (only a scheduled expiry can be).
    pub scheduled: bool,
    /// The row its label goes in, so that labels of close events do not overlap.
    pub lane: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct PartyView {
    pub actor: String,
    pub name: String,
    pub status: String,
    pub bound: String,
    pub last_action: Option<String>,
    pub actions: Vec<ActionView>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ActionView {
    pub action: String,
    pub date: String,
    pub note: Option<String>,
    pub citation: Option<usize>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ClaimView {
    pub id: String,
    pub date: String,
    pub claimant: String,
    pub on_behalf_of: Option<String>,
    pub kind: String,
    pub treaty: Option<String>,
    pub accused: Option<String>,
    pub period: Option<String>,
    pub asserted_status: Option<String>,
    pub asserted_end: Option<String>,
    /// The party a status claim is about, by name, and what it says of it.
    pub party: Option<String>,
    pub asserted_party_status: Option<String>,
    /// The non-parties a status claim lists, by name.
    pub asserted_non_parties: Vec<String>,
    pub quote: Option<String>,
    pub summary: String,
    pub verdict: Option<String>,
    pub verdict_date: Option<String>,
    pub verdict_note: Option<String>,
    pub verdict_citations: Vec<usize>,
    pub citations: Vec<CitationView>,
    pub responds_to: Vec<String>,
    pub findings: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CitationView {
    pub number: usize,
    pub locator: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    pub rule: String,
    pub claim: Option<String>,
    pub treaty: Option<String>,
    /// The treaty's short name.
    pub treaty_name: Option<String>,
    /// Who made the claim, by name, and when.
    pub claimant: Option<String>,
    pub claim_date: Option<String>,
    pub quote: Option<String>,
    pub message: String,
    /// The dated acts of the record that decide it, each with its source numbers.
    pub evidence: Vec<EvidenceView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct EvidenceView {
    pub date: Option<String>,
    pub event: String,
    pub text: String,
    pub citations: Vec<usize>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SourceView {
    pub number: usize,
    pub id: String,
    pub title: String,
    pub kind: String,
    pub publisher: String,
    pub authors: Vec<String>,
    pub published: String,
    pub url: String,
    pub archived_url: Option<String>,
}

/// Numbers sources in order of first citation in the report.
#[derive(Default)]
struct Numbering {
    numbers: HashMap<String, usize>,
    order: Vec<String>,
}

impl Numbering {
    fn number(&mut self, id: &str) -> usize {
        if let Some(n) = self.numbers.get(id) {
            return *n;
        }
        self.order.push(id.to_string());
        let n = self.order.len();
        self.numbers.insert(id.to_string(), n);
        n
    }
}

fn status_name<T: Copy>(status: &Status<T>, name: impl Fn(T) -> &'static str) -> String {
    match status {
        Status::Certain(s) => name(*s).to_string(),
        Status::Uncertain(_) => "uncertain".to_string(),
    }
}

fn actor_name(ctx: &Index<'_>, id: &str) -> String {
    ctx.actor(id)
        .map_or_else(|| id.to_string(), |a| a.name.clone())
}

/// Builds the report model.
pub fn build(data: &Dataset, outcome: &Outcome, as_of: Date) -> Report {
    let ctx = data.index();
    let mut numbering = Numbering::default();

    // Findings: every note, keyed by the claim it is about.
    let mut findings_by_claim: HashMap<String, Vec<String>> = HashMap::new();
    let mut findings = Vec::new();
    let mut evidence_of: Vec<&Vec<treatywatch_loader::Evidence>> = Vec::new();
    for d in outcome
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Note)
    {
        let claim = d.record.as_ref().and_then(|id| ctx.claim(id));
        if let Some(c) = claim
            && c.date.is_certainly_after(&as_of)
        {
            continue;
        }
        if let Some(id) = &d.record {
            findings_by_claim
                .entry(id.clone())
                .or_default()
                .push(d.message.clone());
        }
        let treaty = claim.and_then(|c| c.treaty.as_ref());
        findings.push(Finding {
            rule: d.rule.to_string(),
            claim: d.record.clone(),
            treaty: treaty.map(|t| t.to_string()),
            treaty_name: treaty
                .and_then(|t| ctx.treaty(t.as_str()))
                .map(|t| t.short_name.clone()),
            claimant: claim.map(|c| {
                ctx.actor(c.claimant.as_str())
                    .map_or_else(|| c.claimant.to_string(), |a| a.name.clone())
            }),
            claim_date: claim.map(|c| c.date.to_string()),
            quote: claim.and_then(|c| c.quote.clone()),
            message: d.message.clone(),
            evidence: Vec::new(),
        });
        evidence_of.push(&d.evidence);
    }

    // Claims made on or before the as-of date, grouped by treaty, in date order.
    let mut claims: Vec<&Claim> = ctx
        .claims()
        .map(|(_, c)| c)
        .filter(|c| !c.date.is_certainly_after(&as_of))
        .collect();
    claims.sort_by(|a, b| {
        (a.date.sort_key(), a.id.as_str()).cmp(&(b.date.sort_key(), b.id.as_str()))
    });
    let mut by_treaty: BTreeMap<String, Vec<&Claim>> = BTreeMap::new();
    let mut other = Vec::new();
    for c in &claims {
        match &c.treaty {
            Some(t) if ctx.treaty(t.as_str()).is_some() => {
                by_treaty.entry(t.to_string()).or_default().push(c)
            }
            _ => other.push(*c),
        }
    }

    let mut treaties: Vec<&Treaty> = ctx.treaties().map(|(_, t)| t).collect();
    treaties.sort_by(|a, b| {
        (a.opened.sort_key(), a.id.as_str()).cmp(&(b.opened.sort_key(), b.id.as_str()))
    });

    let mut views = Vec::new();
    for t in &treaties {
        let citations = t
            .sources
            .iter()
            .map(|c| numbering.number(c.source.as_str()))
            .collect();
        let parties: Vec<PartyView> = t
            .parties
            .iter()
            .map(|p| PartyView {
                actor: p.actor.to_string(),
                name: actor_name(&ctx, p.actor.as_str()),
                status: status_name(&t.party_status_on(p.actor.as_str(), &as_of), |s| s.as_str()),
                bound: t.is_bound_on(p.actor.as_str(), &as_of).as_str().to_string(),
                last_action: t
                    .last_act_on(p.actor.as_str(), &as_of)
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
            })
            .collect();
        let claim_views: Vec<ClaimView> = by_treaty
            .get(t.id.as_str())
            .map(|cs| {
                cs.iter()
                    .map(|c| claim_view(&ctx, c, &mut numbering, &findings_by_claim))
                    .collect()
            })
            .unwrap_or_default();
        let status = t.status_on(&as_of);
        let mut source_numbers: Vec<usize> = t
            .sources
            .iter()
            .map(|c| numbering.number(c.source.as_str()))
            .collect();
        for p in &parties {
            let p: &PartyView = p;
            source_numbers.extend(p.actions.iter().filter_map(|a| a.citation));
        }
        for c in &claim_views {
            source_numbers.extend(c.citations.iter().map(|x| x.number));
            source_numbers.extend(c.verdict_citations.iter().copied());
        }
        source_numbers.sort_unstable();
        source_numbers.dedup();
        views.push(TreatyView {
            id: t.id.to_string(),
            name: t.name.clone(),
            short_name: t.short_name.clone(),
            kind: t.kind.as_str().into(),
            status: status_name(&status, |s| s.as_str()),
            status_label: status.to_string(),
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
            timeline: timeline(&ctx, t, as_of),
            parties,
            findings: claim_views.iter().map(|c| c.findings.len()).sum(),
            claims: claim_views,
            citations,
            source_numbers,
        });
    }
    let other_claims: Vec<ClaimView> = other
        .iter()
        .map(|c| claim_view(&ctx, c, &mut numbering, &findings_by_claim))
        .collect();

    // The findings' evidence, its sources numbered after the claims' citations.
    for (finding, evidence) in findings.iter_mut().zip(evidence_of) {
        finding.evidence = evidence
            .iter()
            .map(|e| EvidenceView {
                date: e.date.clone(),
                event: e.event.clone(),
                text: e.text.clone(),
                citations: e.sources.iter().map(|s| numbering.number(s)).collect(),
            })
            .collect();
    }

    // Sources: cited ones in citation order, then the rest by id.
    let mut rest: Vec<&str> = ctx.sources().map(|(_, s)| s.id.as_str()).collect();
    rest.sort_unstable();
    for id in rest {
        numbering.number(id);
    }
    let sources: Vec<SourceView> = numbering
        .order
        .iter()
        .enumerate()
        .filter_map(|(i, id)| {
            let s = ctx.source(id)?;
            Some(SourceView {
                number: i + 1,
                id: s.id.to_string(),
                title: s.title.clone(),
                kind: s.kind.as_str().to_string(),
                publisher: s.publisher.clone(),
                authors: s.authors.clone(),
                published: s.published.to_string(),
                url: s.url.clone(),
                archived_url: s.archived_url.clone(),
            })
        })
        .collect();

    let actors = ctx
        .typed()
        .filter(|(_, r)| matches!(r, Record::Actor(_)))
        .count();
    let recent = recent_changes(&views, as_of);
    Report {
        title: "Arms-control treaties and the claims made about them".into(),
        as_of: as_of.to_string(),
        generator: format!("treatywatch {}", env!("CARGO_PKG_VERSION")),
        counts: Counts {
            treaties: views.len(),
            in_force: views
                .iter()
                .filter(|v| v.status == TreatyStatus::InForce.as_str())
                .count(),
            claims: claims.len(),
            assessed: claims.iter().filter(|c| c.assessment.is_some()).count(),
            findings: findings.len(),
            sources: sources.len(),
            actors,
        },
        treaties: views,
        other_claims,
        findings,
        recent,
        sources,
    }
}

fn claim_view(
    ctx: &Index<'_>,
    c: &Claim,
    numbering: &mut Numbering,
    findings: &HashMap<String, Vec<String>>,
) -> ClaimView {
    ClaimView {
        id: c.id.to_string(),
        date: c.date.to_string(),
        claimant: actor_name(ctx, c.claimant.as_str()),
        on_behalf_of: c.on_behalf_of.as_ref().map(|b| actor_name(ctx, b.as_str())),
        kind: c.kind.as_str().into(),
        treaty: c.treaty.as_ref().map(|t| t.to_string()),
        accused: c.accused.as_ref().map(|a| actor_name(ctx, a.as_str())),
        period: c.period.map(|p| p.to_string()),
        asserted_status: c.asserted_status.map(|s| s.as_str().into()),
        asserted_end: c.asserted_end.map(|d| d.to_string()),
        party: c.party.as_ref().map(|p| actor_name(ctx, p.as_str())),
        asserted_party_status: c.asserted_party_status.map(|s| s.as_str().into()),
        asserted_non_parties: c
            .asserted_non_parties
            .iter()
            .map(|a| actor_name(ctx, a.as_str()))
            .collect(),
        quote: c.quote.clone(),
        summary: c.summary.clone(),
        verdict: c.assessment.as_ref().map(|a| a.verdict.as_str().into()),
        verdict_date: c
            .assessment
            .as_ref()
            .and_then(|a| a.date)
            .map(|d| d.to_string()),
        verdict_note: c.assessment.as_ref().map(|a| a.note.clone()),
        verdict_citations: c
            .assessment
            .as_ref()
            .map(|a| {
                a.sources
                    .iter()
                    .map(|s| numbering.number(s.as_str()))
                    .collect()
            })
            .unwrap_or_default(),
        citations: c
            .sources
            .iter()
            .map(|s| CitationView {
                number: numbering.number(s.source.as_str()),
                locator: s.locator.clone(),
            })
            .collect(),
        responds_to: c.responds_to.iter().map(|r| r.to_string()).collect(),
        findings: findings.get(c.id.as_str()).cloned().unwrap_or_default(),
    }
}

/// The treaties' events that may fall in the 365 days up to `as_of`, newest first.
fn recent_changes(views: &[TreatyView], as_of: Date) -> Vec<RecentChange> {
    let last = as_of.last_day();
    let first = last - 364;
    let mut recent: Vec<(Date, RecentChange)> = views
        .iter()
        .flat_map(|t| t.timeline.events.iter().map(move |e| (t, e)))
        .filter(|(_, e)| !e.scheduled)
        .filter_map(|(t, e)| {
            let date = Date::parse(&e.date).ok()?;
            (date.last_day() >= first && date.first_day() <= last).then(|| {
                (
                    date,
                    RecentChange {
                        date: e.date.clone(),
                        treaty: t.short_name.clone(),
                        text: e.label.clone(),
                    },
                )
            })
        })
        .collect();
    recent.sort_by_key(|r| std::cmp::Reverse(r.0.sort_key()));
    recent.into_iter().map(|(_, r)| r).collect()
}

fn timeline(ctx: &Index<'_>, t: &Treaty, as_of: Date) -> Timeline {
    let mut events: Vec<(Date, String, String)> = vec![(
        t.opened,
        "opened".into(),
        match t.kind {
            TreatyKind::Bilateral => "signed".into(),
            TreatyKind::Multilateral => "opened for signature".into(),
        },
    )];
    if let Some(eif) = t.entry_into_force {
        events.push((eif, "entry-into-force".into(), "entered into force".into()));
    }
    for e in &t.extensions {
        events.push((
            e.date,
            "extension".into(),
            format!("extended until {}", e.until),
        ));
    }
    for p in &t.parties {
        for a in &p.actions {
            let routine = matches!(
                a.action,
                ActionKind::Signature | ActionKind::Ratification | ActionKind::Accession
            );
            if routine && t.kind == TreatyKind::Multilateral {
                continue;
            }
            if routine && (Some(a.date) == t.entry_into_force || a.date == t.opened) {
                continue; // shown by the treaty's own events
            }
            events.push((
                a.date,
                a.action.as_str().into(),
                format!(
                    "{}: {}",
                    actor_name(ctx, p.actor.as_str()),
                    a.action.as_str().replace('-', " ")
                ),
            ));
        }
    }
    if let Some(end) = &t.end {
        events.push((
            end.date,
            "end".into(),
            format!("ended ({})", end.reason.as_str()),
        ));
    }
    events.retain(|(d, kind, _)| kind == "end" || !d.is_certainly_after(&as_of));
    events.sort_by(|a, b| (a.0.sort_key(), &a.1).cmp(&(b.0.sort_key(), &b.1)));
    let start_year = t.opened.year();
    let mut last = events
        .iter()
        .map(|(d, _, _)| d.year())
        .max()
        .unwrap_or(start_year);
    // A treaty still alive on the as-of date is drawn up to it.
    if t.end
        .as_ref()
        .is_none_or(|e| e.date.is_certainly_after(&as_of))
    {
        last = last.max(as_of.year());
    }
    let end_year = last.max(start_year + 1);
    let first_day = Date::from_year(start_year).map_or(0, |d| d.first_day());
    let last_day = Date::from_year(end_year).map_or(1, |d| d.last_day());
    let span = (last_day - first_day).max(1) as f64;
    // Labels are about 3% of the axis wide: an event goes in the first lane that is free there.
    let mut lane_ends: Vec<f64> = Vec::new();
    let events = events
        .into_iter()
        .enumerate()
        .map(|(i, (date, kind, label))| {
            let middle = (date.first_day() + date.last_day()) as f64 / 2.0;
            // Four decimals are finer than a day on a century's axis, and read well in JSON.
            let position = (((middle - first_day as f64) / span) * 10_000.0).round() / 10_000.0;
            let lane = lane_ends
                .iter()
                .position(|end| *end < position)
                .unwrap_or(lane_ends.len());
            if lane == lane_ends.len() {
                lane_ends.push(position + 0.035);
            } else {
                lane_ends[lane] = position + 0.035;
            }
            TimelineEvent {
                number: i + 1,
                date: date.to_string(),
                position,
                scheduled: date.is_certainly_after(&as_of),
                lane,
                kind,
                label,
            }
        })
        .collect();
    Timeline {
        start_year,
        end_year,
        events,
    }
}

/// The latest date of an event recorded in the data — a treaty's dates, a party's acts, a claim,
/// an assessment — as a day: the default as-of date of a report, so that the same data always
/// gives the same report. A scheduled expiry counts once it is recorded.
pub fn latest_event(data: &Dataset) -> Date {
    let mut latest: Option<Date> = None;
    let mut see = |d: &Date| {
        if latest.is_none_or(|l| d.last_day() > l.last_day()) {
            latest = Some(*d);
        }
    };
    for r in data.records.iter().filter_map(|r| r.record.as_ref()) {
        match r {
            Record::Treaty(t) => {
                see(&t.opened);
                t.entry_into_force.iter().for_each(&mut see);
                t.end.iter().for_each(|e| see(&e.date));
                t.extensions.iter().for_each(|e| see(&e.date));
                t.parties
                    .iter()
                    .flat_map(|p| &p.actions)
                    .for_each(|a| see(&a.date));
            }
            Record::Claim(c) => {
                see(&c.date);
                c.assessment
                    .iter()
                    .filter_map(|a| a.date.as_ref())
                    .for_each(&mut see);
            }
            // A publication is not an event of the record (an encyclopedia's revision date would
            // otherwise move every briefing).
            Record::Source(_) | Record::Actor(_) => {}
        }
    }
    latest
        .and_then(|d| Date::from_day_number(d.last_day()))
        .unwrap_or(Date::EPOCH)
}
