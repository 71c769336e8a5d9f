//! Timelines of treaties with many parties (the NPT's ~190): the count of parties and
//! signatories at the end of each year, a chart row only for the parties whose standing
//! changed beyond joining (or that the claims name), and each year's routine acts grouped —
//! "ratified (12): Austria, Belgium, …" — so the page stays readable.

use std::collections::BTreeSet;

use treatywatch_loader::Index;
use treatywatch_model::{ActionKind, Claim, Date, PartyStatus, Status, Treaty};

use super::actor_name;
use super::timeline_views::{ActGroup, TimelineEvent, TimelineScale, YearCount};

/// Above this many parties, a treaty's timeline is summarised.
pub(super) const ROW_LIMIT: usize = 24;

/// Acts that every party performs on joining: grouped by year, not drawn as rows.
fn routine(action: ActionKind) -> bool {
    matches!(
        action,
        ActionKind::Signature | ActionKind::Ratification | ActionKind::Accession
    )
}

/// The parties that keep a row of their own: those with an act beyond joining (a
/// succession, a suspension, a notice, a withdrawal, a revocation), those another party
/// succeeded, and those the treaty's claims name.
pub(super) fn notable(t: &Treaty, claims: &[&Claim]) -> BTreeSet<String> {
    let mut keep = BTreeSet::new();
    for p in &t.parties {
        if p.actions.iter().any(|a| !routine(a.action)) {
            keep.insert(p.actor.to_string());
            for a in &p.actions {
                if let Some(from) = &a.from {
                    keep.insert(from.to_string());
                }
            }
        }
    }
    for c in claims {
        let named = c
            .accused
            .iter()
            .chain(&c.party)
            .chain(&c.on_behalf_of)
            .chain(&c.asserted_non_parties)
            .chain(&c.asserted_entry_into_force_requires);
        for id in named {
            if t.party(id.as_str()).is_some() {
                keep.insert(id.to_string());
            }
        }
    }
    keep
}

/// The count of parties (a ratification, accession or succession in effect, whether bound or
/// not) and of signatories that had not joined, at the end of each year up to `as_of` (on
/// `as_of` itself for its year). Reduced-precision dates that leave a party's status open
/// are not counted.
fn counts(t: &Treaty, start_year: u16, end_year: u16, as_of: Date) -> Vec<YearCount> {
    let last_year = end_year.min(as_of.year());
    (start_year..=last_year)
        .filter_map(|year| {
            let on = if year == as_of.year() {
                as_of
            } else {
                Date::from_ymd(year, 12, 31)?
            };
            let (mut parties, mut signatories) = (0, 0);
            for p in &t.parties {
                match t.party_status_on(p.actor.as_str(), &on) {
                    Status::Certain(s) if s.has_ratified() => parties += 1,
                    Status::Certain(PartyStatus::Signatory) => signatories += 1,
                    _ => {}
                }
            }
            Some(YearCount {
                year,
                parties,
                signatories,
            })
        })
        .collect()
}

/// The summary of a treaty with more than [`ROW_LIMIT`] parties; `None` for a smaller one.
pub(super) fn scale(
    t: &Treaty,
    start_year: u16,
    end_year: u16,
    as_of: Date,
    kept_rows: usize,
) -> Option<TimelineScale> {
    if t.parties.len() <= ROW_LIMIT {
        return None;
    }
    let counts = counts(t, start_year, end_year, as_of);
    let max = counts
        .iter()
        .map(|c| c.parties + c.signatories)
        .max()
        .unwrap_or(0);
    let left_out = t.parties.len() - kept_rows;
    let rows_note = format!(
        "The chart has a row for each of the {kept_rows} parties whose standing changed beyond signing and joining (a succession, suspension, notice, withdrawal or revocation), that were succeeded, or that the claims name; the other {left_out} are counted in the bars below and listed in the table of parties."
    );
    let counts_description = match (counts.first(), counts.last()) {
        (Some(first), Some(last)) => format!(
            "Bar chart of the {}'s parties and signatories at the end of each year from {} to {}: {} parties and {} other signatories in {}, {} parties and {} other signatories on {as_of}.",
            t.short_name,
            first.year,
            last.year,
            first.parties,
            first.signatories,
            first.year,
            last.parties,
            last.signatories
        ),
        _ => String::new(),
    };
    Some(TimelineScale {
        counts,
        max,
        rows_left_out: left_out,
        rows_note,
        counts_description,
    })
}

/// A year's events split for reading: the routine acts grouped by kind, in the order of
/// their first date ("signed (93): Afghanistan, Austria, …"), and every other event.
pub(super) fn group_year(
    ctx: &Index<'_>,
    events: &[TimelineEvent],
) -> (Vec<ActGroup>, Vec<TimelineEvent>) {
    let mut groups: Vec<(String, Vec<String>)> = Vec::new();
    let mut others = Vec::new();
    for e in events {
        let routine_kind = match e.kind.as_str() {
            "signature" => Some("signed"),
            "ratification" => Some("ratified"),
            "accession" => Some("acceded"),
            _ => None,
        };
        match (routine_kind, &e.actor) {
            (Some(words), Some(actor)) => {
                let name = actor_name(ctx, actor);
                match groups.iter_mut().find(|(w, _)| w == words) {
                    Some((_, names)) => names.push(name),
                    None => groups.push((words.to_string(), vec![name])),
                }
            }
            _ => others.push(e.clone()),
        }
    }
    let groups = groups
        .into_iter()
        .map(|(label, names)| ActGroup {
            label,
            count: names.len(),
            names: names.join(", "),
        })
        .collect();
    (groups, others)
}
