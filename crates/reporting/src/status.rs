//! `treatywatch status`: one treaty's status and every party's on a date, as a text table or
//! as JSON — the same facts, from the model's one computation of each.

use serde::Serialize;
use treatywatch_loader::Index;
use treatywatch_model::{Date, PartyStatus, Treaty};
use treatywatch_validator::render::printable;

use crate::report::actor_name;

/// One treaty on one date.
#[derive(Debug, Clone, Serialize)]
pub struct StatusView {
    pub treaty: String,
    pub short_name: String,
    pub as_of: String,
    pub status: String,
    /// Every status the dates allow (one when they decide it).
    pub possible_statuses: Vec<&'static str>,
    pub opened: String,
    pub entry_into_force: Option<String>,
    pub end: Option<EndRow>,
    /// Why the treaty is not in force, where the record gives its entry-into-force
    /// condition: which of the states it names had not ratified.
    pub condition: Option<ConditionView>,
    pub parties: Vec<PartyRow>,
}

/// The entry-into-force condition on the date.
#[derive(Debug, Clone, Serialize)]
pub struct ConditionView {
    /// What the treaty calls the list (`Annex 2`).
    pub list_name: Option<String>,
    /// How many states the list names.
    pub required: usize,
    /// How many of them had a ratification in effect.
    pub ratified: usize,
    /// Those that certainly had not, with their standing and a revocation's date.
    pub missing: Vec<MissingState>,
    /// Those the dates leave undecided.
    pub undecided: Vec<String>,
    /// When every listed state had ratified: the first day the condition allowed entry into
    /// force.
    pub met_from: Option<String>,
    /// The condition in one sentence.
    pub text: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct MissingState {
    pub actor: String,
    pub name: String,
    /// `none` (never signed), `signatory` or `withdrawn`.
    pub status: String,
    /// The day its ratification was revoked, when it was.
    pub ratification_revoked: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct EndRow {
    pub date: String,
    pub reason: &'static str,
}

/// One party's row.
#[derive(Debug, Clone, Serialize)]
pub struct PartyRow {
    pub actor: String,
    pub name: String,
    /// The status its acts add up to (the contract's names; `uncertain (… or …)` when the
    /// dates leave it open).
    pub status: String,
    /// What a reader is shown: the status, or that the actor had ceased to exist (and who
    /// succeeded it), or that it was a party of a treaty that has ended.
    pub standing: String,
    /// `standing` for programs: the status's name, `ceased`, `former-party` or `uncertain`.
    pub standing_kind: &'static str,
    /// `yes`, `no` or `uncertain` (a reduced-precision date that does not decide it).
    pub bound: &'static str,
    pub last_act: Option<LastAct>,
}

#[derive(Debug, Clone, Serialize)]
pub struct LastAct {
    pub action: &'static str,
    pub date: String,
}

/// The status of `treaty` and of each of its parties on `as_of`.
pub fn status_view(index: &Index<'_>, treaty: &Treaty, as_of: Date) -> StatusView {
    let status = treaty.status_on(&as_of);
    let parties = treaty
        .parties
        .iter()
        .map(|p| party_row(index, treaty, p.actor.as_str(), &as_of))
        .collect();
    StatusView {
        treaty: treaty.id.to_string(),
        short_name: treaty.short_name.clone(),
        as_of: as_of.to_string(),
        status: status.to_string(),
        possible_statuses: status.possibilities().iter().map(|s| s.as_str()).collect(),
        opened: treaty.opened.to_string(),
        entry_into_force: treaty.entry_into_force.map(|d| d.to_string()),
        end: treaty.end.as_ref().map(|e| EndRow {
            date: e.date.to_string(),
            reason: e.reason.as_str(),
        }),
        condition: condition_view(index, treaty, &as_of),
        parties,
    }
}

/// One party's row on `as_of`: what `status` prints for it, and what the site's date field
/// looks up (`site::segments` cuts each party's history into days with the same row).
pub fn party_row(index: &Index<'_>, treaty: &Treaty, actor: &str, as_of: &Date) -> PartyRow {
    let standing = treaty.standing_on(actor, index.actor(actor), as_of);
    PartyRow {
        actor: actor.to_string(),
        name: index
            .actor(actor)
            .map_or_else(String::new, |a| a.name.clone()),
        status: treaty.party_status_on(actor, as_of).to_string(),
        standing: standing.words(|id| actor_name(index, id)),
        standing_kind: standing.name(),
        bound: treaty.is_bound_on(actor, as_of).as_str(),
        last_act: treaty.last_act_on(actor, as_of).map(|a| LastAct {
            action: a.action.as_str(),
            date: a.date.to_string(),
        }),
    }
}

/// The treaty's entry-into-force condition on `as_of`, in words and as facts.
pub fn condition_view(index: &Index<'_>, treaty: &Treaty, as_of: &Date) -> Option<ConditionView> {
    let on = treaty.condition_on(as_of)?;
    let list = on
        .condition
        .list_name
        .clone()
        .unwrap_or_else(|| "the states its entry into force requires".to_string());
    let missing: Vec<MissingState> = on
        .missing()
        .map(|s| MissingState {
            actor: s.actor.to_string(),
            name: actor_name(index, s.actor.as_str()),
            status: s
                .status
                .certain()
                .map_or("uncertain", PartyStatus::as_str)
                .to_string(),
            ratification_revoked: s.revoked.map(|d| d.to_string()),
        })
        .collect();
    let undecided: Vec<String> = on.undecided().map(|s| s.actor.to_string()).collect();
    let required = on.states.len();
    let named: Vec<String> = missing
        .iter()
        .map(|m| match &m.ratification_revoked {
            Some(d) => format!("{} (ratification revoked {d})", m.name),
            None if m.status == "none" => format!("{} (not signed)", m.name),
            None => m.name.clone(),
        })
        .collect();
    let met_from = on
        .met_from
        .and_then(Date::from_day_number)
        .map(|d| d.to_string());
    let mut text = if missing.is_empty() && undecided.is_empty() {
        format!("all {required} states of {list} had ratified")
    } else {
        format!(
            "{} of the {required} states of {list} had not ratified: {}",
            missing.len(),
            named.join(", ")
        )
    };
    if !undecided.is_empty() {
        let names: Vec<String> = undecided.iter().map(|id| actor_name(index, id)).collect();
        text.push_str(&format!("; the dates leave {} undecided", names.join(", ")));
    }
    if let Some(day) = &met_from {
        text.push_str(&format!(
            "; the condition allowed entry into force from {day}"
        ));
    }
    Some(ConditionView {
        list_name: on.condition.list_name.clone(),
        required,
        ratified: on.ratified_count(),
        missing,
        undecided,
        met_from,
        text,
    })
}

impl StatusView {
    /// The text `status` prints: a heading, the treaty's dates, and a table of the parties.
    pub fn to_text(&self) -> String {
        let mut text = format!(
            "{} ({}) on {}: {}\n",
            printable(&self.short_name),
            printable(&self.treaty),
            self.as_of,
            self.status
        );
        let mut facts = vec![format!("opened {}", self.opened)];
        match &self.entry_into_force {
            Some(eif) => facts.push(format!("in force {eif}")),
            None => facts.push("never entered into force".into()),
        }
        if let Some(end) = &self.end {
            facts.push(format!("end {} ({})", end.date, end.reason));
        }
        text.push_str(&format!("  {}\n", facts.join(" · ")));
        if let Some(condition) = &self.condition {
            text.push_str(&format!(
                "  entry into force: {}\n",
                printable(&condition.text)
            ));
        }
        text.push('\n');
        let cells: Vec<[String; 5]> = self
            .parties
            .iter()
            .map(|r| {
                [
                    printable(&r.actor),
                    printable(&r.name),
                    printable(&r.standing),
                    r.bound.to_string(),
                    r.last_act
                        .as_ref()
                        .map_or_else(|| "—".to_string(), |a| format!("{} {}", a.action, a.date)),
                ]
            })
            .collect();
        let header = ["party", "name", "status", "bound", "last act"].map(str::to_string);
        let mut widths = header.clone().map(|h| h.chars().count());
        for row in &cells {
            for (w, cell) in widths.iter_mut().zip(row) {
                *w = (*w).max(cell.chars().count());
            }
        }
        for row in std::iter::once(&header).chain(&cells) {
            let cells: Vec<String> = row
                .iter()
                .zip(widths)
                .map(|(c, w)| format!("{c:<w$}"))
                .collect();
            text.push_str(cells.join("  ").trim_end());
            text.push('\n');
        }
        text
    }
}
