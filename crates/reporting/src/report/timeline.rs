//! Dated events: each treaty's whole timeline (its own dates, every act of every party, the
//! claims) as a list and as a chart with a row per party, the changes of the year to the as-of
//! date, and the latest event of the record (the default as-of date).

use std::collections::{BTreeMap, HashMap};

use treatywatch_loader::{Dataset, Index};
use treatywatch_model::{ActionKind, Claim, Date, Record, Treaty, TreatyKind, Truth};

use super::chart::{Axis, CLAIM, Event, describe, lay_out, mark, treaty_row, within_year};
use super::timeline_views::{
    Timeline, TimelineEvent, TimelineRow, TimelineSpan, TimelineTick, YearGroup,
};
use super::views::{RecentChange, TreatyView};
use super::{actor_name, scale};

/// The record's events that may fall in the 365 days up to `as_of`, newest first: the
/// treaties' own dates and every party's acts (claims are not changes of the record).
pub(super) fn recent_changes(views: &[TreatyView], as_of: Date) -> Vec<RecentChange> {
    let last = as_of.last_day();
    let first = last - 364;
    let mut recent: Vec<(Date, RecentChange)> = views
        .iter()
        .flat_map(|t| t.timeline.events.iter().map(move |e| (t, e)))
        .filter(|(_, e)| !e.scheduled && e.kind != CLAIM)
        .filter_map(|(t, e)| {
            let date = Date::parse(&e.date).ok()?;
            (date.last_day() >= first && date.first_day() <= last).then(|| {
                (
                    date,
                    RecentChange {
                        date: e.date.clone(),
                        treaty: t.short_name.clone(),
                        treaty_id: t.id.clone(),
                        text: e.label.clone(),
                    },
                )
            })
        })
        .collect();
    recent.sort_by_key(|r| std::cmp::Reverse(r.0.sort_key()));
    recent.into_iter().map(|(_, r)| r).collect()
}

/// The letter that marks an act on a party's row of the chart (the legend spells them out).
pub fn act_letter(action: ActionKind) -> &'static str {
    match action {
        ActionKind::Signature => "S",
        ActionKind::Ratification => "R",
        ActionKind::Accession => "A",
        ActionKind::Succession => "C",
        ActionKind::Suspension => "P",
        ActionKind::Resumption => "E",
        ActionKind::WithdrawalNotice => "N",
        ActionKind::Withdrawal => "W",
        ActionKind::RatificationRevoked => "V",
    }
}

/// A treaty's whole timeline as of `as_of`: every event in date order (also grouped by year)
/// and a chart with a row for the treaty, one per party and one for the claims.
pub(super) fn timeline(
    ctx: &Index<'_>,
    t: &Treaty,
    as_of: Date,
    claims: &[&Claim],
    findings_by_claim: &HashMap<String, Vec<String>>,
) -> Timeline {
    let events = events(ctx, t, as_of, claims, findings_by_claim);
    let start_year = events
        .iter()
        .map(|e| e.date.year())
        .min()
        .unwrap_or(t.opened.year())
        .min(t.opened.year());
    let mut last = events
        .iter()
        .map(|e| e.date.year())
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
    let axis = Axis {
        first_day: Date::from_year(start_year).map_or(0, |d| d.first_day()),
        last_day: Date::from_year(end_year).map_or(1, |d| d.last_day()),
    };
    let drawn_until = as_of.last_day().min(axis.last_day);

    let mut rows = vec![treaty_row(t, &axis, drawn_until, as_of, &events)];
    let large = t.parties.len() > scale::ROW_LIMIT;
    let notable = scale::notable(t, claims);
    for p in &t.parties {
        let actor = p.actor.as_str();
        if large && !notable.contains(actor) {
            continue;
        }
        let spans = t
            .bound_spans(actor, axis.first_day, drawn_until)
            .into_iter()
            .filter(|(_, _, bound)| *bound != Truth::No)
            .map(|(from, to, bound)| TimelineSpan {
                start: axis.position(from),
                end: axis.position(to + 1),
                state: bound.as_str().into(),
            })
            .collect();
        let marks = events
            .iter()
            .filter(|e| e.actor.as_deref() == Some(actor) && e.kind != CLAIM)
            .map(|e| mark(&axis, e, as_of))
            .collect();
        rows.push(TimelineRow {
            label: actor_name(ctx, actor),
            actor: Some(actor.to_string()),
            kind: "party".into(),
            spans,
            marks,
        });
    }
    if events.iter().any(|e| e.kind == CLAIM) {
        rows.push(TimelineRow {
            label: "Claims".into(),
            actor: None,
            kind: "claims".into(),
            spans: Vec::new(),
            marks: events
                .iter()
                .filter(|e| e.kind == CLAIM)
                .map(|e| mark(&axis, e, as_of))
                .collect(),
        });
    }

    for row in &mut rows {
        lay_out(row);
    }

    let mut step = 1;
    while (end_year - start_year + 1).div_ceil(step) > 12 {
        step += 1;
    }
    let ticks = (start_year..=end_year + 1)
        .filter(|y| (y - start_year) % step == 0)
        .filter_map(|year| {
            let day = Date::from_year(year)?.first_day();
            Some(TimelineTick {
                year,
                position: axis.position(day),
            })
        })
        .collect();

    let description = describe(t, start_year, end_year, &events);
    let events: Vec<TimelineEvent> = events
        .into_iter()
        .map(|e| TimelineEvent {
            date: e.date.to_string(),
            within_year: within_year(&e.date),
            scheduled: e.date.is_certainly_after(&as_of),
            kind: e.kind,
            actor: e.actor,
            label: e.label,
            finding: e.finding,
        })
        .collect();
    let mut years: BTreeMap<u16, Vec<TimelineEvent>> = BTreeMap::new();
    for e in &events {
        let year = Date::parse(&e.date).map_or(0, |d| d.year());
        years.entry(year).or_default().push(e.clone());
    }
    let kept_rows = rows.iter().filter(|r| r.kind == "party").count();
    let scale = scale::scale(t, start_year, end_year, as_of, kept_rows);
    Timeline {
        start_year,
        end_year,
        ticks,
        rows,
        years: years
            .into_iter()
            .map(|(year, events)| {
                let (grouped, others) = if large {
                    scale::group_year(ctx, &events)
                } else {
                    (Vec::new(), Vec::new())
                };
                YearGroup {
                    year,
                    events,
                    grouped,
                    others,
                }
            })
            .collect(),
        events,
        description,
        scale,
    }
}

/// Every event of the treaty up to `as_of` (and a scheduled end after it), in date order:
/// its own dates, every act of every party, and the claims.
fn events(
    ctx: &Index<'_>,
    t: &Treaty,
    as_of: Date,
    claims: &[&Claim],
    findings_by_claim: &HashMap<String, Vec<String>>,
) -> Vec<Event> {
    let treaty_event = |date: Date, kind: &str, label: String| Event {
        date,
        kind: kind.into(),
        action: None,
        actor: None,
        label,
        finding: false,
    };
    let mut events = vec![treaty_event(
        t.opened,
        "opened",
        match t.kind {
            TreatyKind::Bilateral => "signed".into(),
            TreatyKind::Multilateral => "opened for signature".into(),
        },
    )];
    if let Some(eif) = t.entry_into_force {
        events.push(treaty_event(
            eif,
            "entry-into-force",
            "entered into force".into(),
        ));
    }
    for e in &t.extensions {
        events.push(treaty_event(
            e.date,
            "extension",
            format!("extended until {}", e.until),
        ));
    }
    if let Some(end) = &t.end {
        events.push(treaty_event(
            end.date,
            "end",
            format!("ended ({})", end.reason.as_str()),
        ));
    }
    for p in &t.parties {
        let name = actor_name(ctx, p.actor.as_str());
        for a in &p.actions {
            let mut label = format!("{name}: {}", a.action.as_str().replace('-', " "));
            if let Some(from) = &a.from {
                label.push_str(&format!(" (from {})", actor_name(ctx, from.as_str())));
            }
            events.push(Event {
                date: a.date,
                kind: a.action.as_str().into(),
                action: Some(a.action),
                actor: Some(p.actor.to_string()),
                label,
                finding: false,
            });
        }
    }
    for c in claims {
        let finding = findings_by_claim.contains_key(c.id.as_str());
        events.push(Event {
            date: c.date,
            kind: CLAIM.into(),
            action: None,
            actor: Some(c.claimant.to_string()),
            label: format!(
                "claim by {} ({}){}",
                actor_name(ctx, c.claimant.as_str()),
                c.kind.as_str(),
                if finding {
                    ", conflicts with the record"
                } else {
                    ""
                }
            ),
            finding,
        });
    }
    // Only a scheduled end may lie after the as-of date.
    events.retain(|e| e.kind == "end" || !e.date.is_certainly_after(&as_of));
    // Stable: events of one day keep the order above (treaty, parties as listed, claims).
    events.sort_by_key(|e| e.date.sort_key());
    events
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

/// A briefing's or an export's date when none is given: the latest event recorded in the
/// data, so that the same data always gives the same bytes — but never after `today`, so that
/// a scheduled expiry recorded ahead of time does not date a briefing in the future.
pub fn default_as_of(data: &Dataset, today: Date) -> Date {
    let latest = latest_event(data);
    if latest.first_day() > today.last_day() {
        today
    } else {
        latest
    }
}
