//! Dated events: each treaty's whole timeline (its own dates, every act of every party, the
//! claims) as a list and as a chart with a row per party, the changes of the year to the as-of
//! date, and the latest event of the record (the default as-of date).

use std::collections::{BTreeMap, HashMap};

use treatywatch_loader::{Dataset, Index};
use treatywatch_model::{
    ActionKind, Claim, Date, DayNumber, Record, Status, Treaty, TreatyKind, TreatyStatus, Truth,
};

use super::views::{
    RecentChange, Timeline, TimelineEvent, TimelineMark, TimelineRow, TimelineSpan, TimelineTick,
    TreatyView, YearGroup,
};
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
                        text: e.label.clone(),
                    },
                )
            })
        })
        .collect();
    recent.sort_by_key(|r| std::cmp::Reverse(r.0.sort_key()));
    recent.into_iter().map(|(_, r)| r).collect()
}

/// The kind of a claim's event.
const CLAIM: &str = "claim";

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

/// An event before it is placed: its date, kind, actor, words and, for a claim, whether it
/// is a finding.
struct Event {
    date: Date,
    kind: String,
    action: Option<ActionKind>,
    actor: Option<String>,
    label: String,
    finding: bool,
}

/// The axis: from 1 January of `start_year` to 31 December of `end_year`.
struct Axis {
    first_day: DayNumber,
    last_day: DayNumber,
}

impl Axis {
    /// Where a day starts on the axis, from 0 to 1; four decimals are finer than a day on a
    /// century's axis, and read well in JSON.
    fn position(&self, day: DayNumber) -> f64 {
        let span = (self.last_day + 1 - self.first_day).max(1) as f64;
        let x = ((day - self.first_day) as f64 / span).clamp(0.0, 1.0);
        (x * 10_000.0).round() / 10_000.0
    }

    /// The stretch of axis a date covers: a day, a month or a year.
    fn stretch(&self, date: &Date) -> (f64, f64) {
        (
            self.position(date.first_day()),
            self.position(date.last_day() + 1),
        )
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

/// The treaty's own row: not yet in force, in force, or uncertain between them, and its
/// events as marks.
fn treaty_row(
    t: &Treaty,
    axis: &Axis,
    drawn_until: DayNumber,
    as_of: Date,
    events: &[Event],
) -> TimelineRow {
    let mut breakpoints = vec![axis.first_day];
    let mut dates = vec![t.opened];
    dates.extend(t.entry_into_force);
    dates.extend(t.end.as_ref().map(|e| e.date));
    for d in dates {
        for day in [d.first_day(), d.last_day()] {
            if day > axis.first_day && day <= drawn_until {
                breakpoints.push(day);
            }
        }
    }
    breakpoints.sort_unstable();
    breakpoints.dedup();
    let mut spans: Vec<TimelineSpan> = Vec::new();
    for (i, day) in breakpoints.iter().enumerate() {
        let to = breakpoints.get(i + 1).map_or(drawn_until, |next| next - 1);
        let Some(date) = Date::from_day_number(*day) else {
            continue;
        };
        let state = match t.status_on(&date) {
            Status::Certain(TreatyStatus::InForce) => "in-force",
            Status::Certain(TreatyStatus::NotInForce) => "not-in-force",
            Status::Certain(_) => continue,
            Status::Uncertain(_) => "uncertain",
        };
        match spans.last_mut() {
            Some(previous) if previous.state == state && previous.end == axis.position(*day) => {
                previous.end = axis.position(to + 1);
            }
            _ => spans.push(TimelineSpan {
                start: axis.position(*day),
                end: axis.position(to + 1),
                state: state.into(),
            }),
        }
    }
    let marks = events
        .iter()
        .filter(|e| e.actor.is_none())
        .map(|e| mark(axis, e, as_of))
        .collect();
    TimelineRow {
        label: t.short_name.clone(),
        actor: None,
        kind: "treaty".into(),
        spans,
        marks,
    }
}

/// The smallest distance between two symbols on a row, as a share of the axis: about a
/// symbol's width on an A4 page.
const SYMBOL_GAP: f64 = 0.022;

/// Keeps a row's symbols apart: claims closer than a symbol's width become one symbol with
/// their number; other marks are moved right just enough to be seen (their stretch stays),
/// and left again where that would take them past the end of the axis.
fn lay_out(row: &mut TimelineRow) {
    row.marks.sort_by(|a, b| a.at.total_cmp(&b.at));
    if row.kind == "claims" {
        let mut merged: Vec<TimelineMark> = Vec::new();
        for m in row.marks.drain(..) {
            match merged.last_mut() {
                Some(last) if m.at - last.at < SYMBOL_GAP => {
                    last.count += m.count;
                    last.finding |= m.finding;
                    last.end = last.end.max(m.end);
                }
                _ => merged.push(m),
            }
        }
        row.marks = merged;
    } else {
        let mut previous: Option<f64> = None;
        for m in &mut row.marks {
            if let Some(p) = previous
                && m.at < p + SYMBOL_GAP
            {
                m.at = ((p + SYMBOL_GAP) * 10_000.0).round() / 10_000.0;
            }
            previous = Some(m.at);
        }
        // Marks pushed past the end of the axis move back left, as a group.
        let mut limit = 1.0;
        for m in row.marks.iter_mut().rev() {
            if m.at > limit {
                m.at = (limit * 10_000.0).round() / 10_000.0;
            }
            limit = m.at - SYMBOL_GAP;
        }
    }
}

fn mark(axis: &Axis, e: &Event, as_of: Date) -> TimelineMark {
    let (start, end) = axis.stretch(&e.date);
    TimelineMark {
        start,
        end,
        kind: e.kind.clone(),
        at: ((start + end) * 5_000.0).round() / 10_000.0,
        count: 1,
        letter: e.action.map_or("", act_letter).into(),
        date: e.date.to_string(),
        scheduled: e.date.is_certainly_after(&as_of),
        finding: e.finding,
    }
}

/// A date within its year: `1 Jul` for a day, `Dec` for a month, empty for a year.
fn within_year(date: &Date) -> String {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let Some(month) = date.month() else {
        return String::new();
    };
    let name = MONTHS
        .get(usize::from(month).saturating_sub(1))
        .copied()
        .unwrap_or("");
    match date.day() {
        Some(day) => format!("{day} {name}"),
        None => name.to_string(),
    }
}

/// The chart in words, for readers who cannot see it (the PDF's alternative text).
fn describe(t: &Treaty, start_year: u16, end_year: u16, events: &[Event]) -> String {
    let acts = events
        .iter()
        .filter(|e| e.actor.is_some() && e.kind != CLAIM)
        .count();
    let claims: Vec<&Event> = events.iter().filter(|e| e.kind == CLAIM).collect();
    let findings = claims.iter().filter(|e| e.finding).count();
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let mut text = format!(
        "Timeline chart of {} from {start_year} to {end_year}: {} {}",
        t.short_name,
        match t.kind {
            TreatyKind::Bilateral => "signed",
            TreatyKind::Multilateral => "opened for signature",
        },
        t.opened
    );
    match t.entry_into_force {
        Some(eif) => text.push_str(&format!(", in force from {eif}")),
        None => text.push_str(", never in force"),
    }
    if let Some(end) = &t.end {
        text.push_str(&format!(", end {} ({})", end.date, end.reason.as_str()));
    }
    if t.parties.len() > scale::ROW_LIMIT {
        text.push_str(&format!(
            ". Of its {} and {}, the chart draws a row only for each party whose standing \
             changed beyond signing and joining, or that the claims name, with its acts as \
             letters and the days it was bound shaded",
            plural(t.parties.len(), "party", "parties"),
            plural(acts, "act", "acts"),
        ));
    } else {
        text.push_str(&format!(
            ". A row for each of its {} shows the {} recorded as letters and shades the days it \
             was bound",
            plural(t.parties.len(), "party", "parties"),
            plural(acts, "act", "acts"),
        ));
    }
    if !claims.is_empty() {
        text.push_str(&format!(
            "; the last row marks {}, {findings} in conflict with the record",
            plural(claims.len(), "claim", "claims")
        ));
    }
    text.push_str(". The same events are listed by year below the chart.");
    text
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
