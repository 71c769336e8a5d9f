//! `treatywatch status`: one treaty's status and every party's on a date, as a text table or
//! as JSON — the same facts, from the model's one computation of each.

use serde::Serialize;
use treatywatch_loader::Index;
use treatywatch_model::{Date, Treaty};
use treatywatch_validator::render::printable;

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
    pub parties: Vec<PartyRow>,
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
    pub status: String,
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
        .map(|p| {
            let actor = p.actor.as_str();
            PartyRow {
                actor: actor.to_string(),
                name: index
                    .actor(actor)
                    .map_or_else(String::new, |a| a.name.clone()),
                status: treaty.party_status_on(actor, &as_of).to_string(),
                bound: treaty.is_bound_on(actor, &as_of).as_str(),
                last_act: treaty.last_act_on(actor, &as_of).map(|a| LastAct {
                    action: a.action.as_str(),
                    date: a.date.to_string(),
                }),
            }
        })
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
        parties,
    }
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
        text.push_str(&format!("  {}\n\n", facts.join(" · ")));
        let cells: Vec<[String; 5]> = self
            .parties
            .iter()
            .map(|r| {
                [
                    printable(&r.actor),
                    printable(&r.name),
                    r.status.clone(),
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
