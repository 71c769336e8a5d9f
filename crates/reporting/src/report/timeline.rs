//! Dated events: each treaty's timeline, the changes of the year to the as-of date, and the
//! latest event of the record (the default as-of date).

use treatywatch_loader::{Dataset, Index};
use treatywatch_model::{ActionKind, Date, Record, Treaty, TreatyKind};

use super::actor_name;
use super::views::{RecentChange, Timeline, TimelineEvent, TreatyView};

/// The treaties' events that may fall in the 365 days up to `as_of`, newest first.
pub(super) fn recent_changes(views: &[TreatyView], as_of: Date) -> Vec<RecentChange> {
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

pub(super) fn timeline(ctx: &Index<'_>, t: &Treaty, as_of: Date) -> Timeline {
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
