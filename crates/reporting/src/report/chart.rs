//! Placing a treaty's events on the chart: the axis, the treaty's own row, the marks kept
//! apart so that each can be seen, and the chart in words (its alternative text).

use treatywatch_model::{ActionKind, Date, DayNumber, Status, Treaty, TreatyKind, TreatyStatus};

use super::scale;
use super::timeline::act_letter;
use super::timeline_views::{TimelineMark, TimelineRow, TimelineSpan};

/// The kind of a claim's event.
pub(super) const CLAIM: &str = "claim";

/// An event before it is placed: its date, kind, actor, words and, for a claim, whether it
/// is a finding.
pub(super) struct Event {
    pub(super) date: Date,
    pub(super) kind: String,
    pub(super) action: Option<ActionKind>,
    pub(super) actor: Option<String>,
    pub(super) label: String,
    pub(super) finding: bool,
}

/// The axis: from 1 January of `start_year` to 31 December of `end_year`.
pub(super) struct Axis {
    pub(super) first_day: DayNumber,
    pub(super) last_day: DayNumber,
}

impl Axis {
    /// Where a day starts on the axis, from 0 to 1; four decimals are finer than a day on a
    /// century's axis, and read well in JSON.
    pub(super) fn position(&self, day: DayNumber) -> f64 {
        let span = (self.last_day + 1 - self.first_day).max(1) as f64;
        let x = ((day - self.first_day) as f64 / span).clamp(0.0, 1.0);
        (x * 10_000.0).round() / 10_000.0
    }

    /// The stretch of axis a date covers: a day, a month or a year.
    pub(super) fn stretch(&self, date: &Date) -> (f64, f64) {
        (
            self.position(date.first_day()),
            self.position(date.last_day() + 1),
        )
    }
}

/// The treaty's own row: not yet in force, in force, or uncertain between them, and its
/// events as marks.
pub(super) fn treaty_row(
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
pub(super) fn lay_out(row: &mut TimelineRow) {
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

pub(super) fn mark(axis: &Axis, e: &Event, as_of: Date) -> TimelineMark {
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
pub(super) fn within_year(date: &Date) -> String {
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
pub(super) fn describe(t: &Treaty, start_year: u16, end_year: u16, events: &[Event]) -> String {
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
