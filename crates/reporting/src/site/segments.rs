//! Status on any date, for the treaty page's date field: every party's row of
//! `treatywatch status` cut into dated segments, computed here by the model's one date
//! algebra, so that the page only looks a day up and never computes a status itself.
//!
//! A row can change only on a day that compares differently with one of the dates it is
//! computed from (the treaty's, the party's acts', successions from it, the actor's
//! existence): every comparison the model makes is `<`, `≤` or their reverses against a
//! date's first or last day, so the candidate days are each date's first and last days and
//! the days after them. The row on a candidate day holds until the next one.

use serde::Serialize;
use treatywatch_loader::Index;
use treatywatch_model::{ActionKind, Date, DayNumber, Treaty};

use crate::status::party_row;

/// A treaty's status history, as the page's data block holds it. Days are `YYYY-MM-DD`
/// strings, which order as the days do, so the script compares text and does no date
/// arithmetic; the first segment of each list starts at `""`, before every day.
#[derive(Debug, Clone, Serialize)]
pub struct StatusHistory {
    /// The treaty's status: `[from, status]`.
    pub treaty: Vec<(String, String)>,
    /// Each party's rows, in the treaty's order.
    pub parties: Vec<PartyHistory>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PartyHistory {
    pub actor: String,
    /// `[from, standing, bound, last act]`, the last `""` when there is none.
    pub segments: Vec<(String, String, String, String)>,
}

/// The days a status computed from these dates can change on.
fn candidate_days(dates: impl IntoIterator<Item = Date>) -> Vec<DayNumber> {
    let mut days: Vec<DayNumber> = dates
        .into_iter()
        .flat_map(|d| {
            let (first, last) = (d.first_day(), d.last_day());
            [first, first + 1, last, last + 1]
        })
        .collect();
    days.sort_unstable();
    days.dedup();
    days
}

/// `[from, value]` segments of `value_on` over `days`, neighbours with the same value merged;
/// the first starts at `""`, with the value of the day before the first candidate.
fn segments<T: PartialEq + Clone>(
    days: &[DayNumber],
    value_on: impl Fn(&Date) -> T,
) -> Vec<(String, T)> {
    let mut out: Vec<(String, T)> = Vec::new();
    let before = days
        .first()
        .and_then(|d| Date::from_day_number(d - 1))
        .or_else(|| Date::from_year(1900));
    if let Some(day) = before {
        out.push((String::new(), value_on(&day)));
    }
    for &n in days {
        let Some(day) = Date::from_day_number(n) else {
            continue;
        };
        let value = value_on(&day);
        if out.last().is_some_and(|(_, v)| *v == value) {
            continue;
        }
        out.push((day.to_string(), value));
    }
    out
}

/// The treaty's and every party's status history.
pub fn history(index: &Index<'_>, treaty: &Treaty) -> StatusHistory {
    let mut treaty_dates = vec![treaty.opened];
    treaty_dates.extend(treaty.entry_into_force);
    treaty_dates.extend(treaty.end.as_ref().map(|e| e.date));
    let successions: Vec<Date> = treaty
        .parties
        .iter()
        .flat_map(|p| &p.actions)
        .filter(|a| a.action == ActionKind::Succession)
        .map(|a| a.date)
        .collect();
    let treaty_segments = segments(&candidate_days(treaty_dates.iter().copied()), |d| {
        treaty.status_on(d).to_string()
    });
    let parties = treaty
        .parties
        .iter()
        .map(|p| {
            let actor = p.actor.as_str();
            let mut dates = treaty_dates.clone();
            dates.extend(p.actions.iter().map(|a| a.date));
            dates.extend(successions.iter().copied());
            if let Some(existed) = index.actor(actor).and_then(|a| a.existed.as_ref()) {
                dates.extend(existed.start_date());
                dates.extend(existed.end_date());
            }
            let days = candidate_days(dates);
            let segments = segments(&days, |d| {
                let row = party_row(index, treaty, actor, d);
                (
                    row.standing,
                    row.bound.to_string(),
                    row.last_act
                        .map_or_else(String::new, |a| format!("{} {}", a.action, a.date)),
                )
            });
            PartyHistory {
                actor: actor.to_string(),
                segments: segments
                    .into_iter()
                    .map(|(from, (standing, bound, last))| (from, standing, bound, last))
                    .collect(),
            }
        })
        .collect();
    StatusHistory {
        treaty: treaty_segments,
        parties,
    }
}

impl StatusHistory {
    /// The row the page shows for party `i` on `day` (`YYYY-MM-DD`): the last segment that
    /// starts on or before it. The page's script does exactly this; tests compare it with
    /// `status`.
    pub fn party_on(&self, i: usize, day: &str) -> Option<&(String, String, String, String)> {
        self.parties
            .get(i)?
            .segments
            .iter()
            .rev()
            .find(|s| s.0.as_str() <= day)
    }

    /// The treaty's status on `day`, looked up as the page does.
    pub fn treaty_on(&self, day: &str) -> Option<&str> {
        self.treaty
            .iter()
            .rev()
            .find(|s| s.0.as_str() <= day)
            .map(|s| s.1.as_str())
    }
}
