//! A party's standing as a reader means it: the status its acts add up to, except where
//! that would mislead — a state that has ceased to exist is shown as such (with who
//! succeeded it), and the parties of a treaty that has ended are its former parties, not
//! "party" or "suspended" of a treaty that no longer exists.

use std::fmt;

use crate::date::Date;
use crate::records::{Action, ActionKind, Actor, Id, Party, Treaty};
use crate::status::{PartyStatus, Status, TreatyStatus};

/// What a report shows for a party on a date.
#[derive(Debug, Clone, PartialEq)]
pub enum Standing {
    /// The status its acts add up to.
    Status(Status<PartyStatus>),
    /// The actor had ceased to exist (its `existed` ended on `on`); `successors` are the
    /// parties whose succession names it, in the treaty's order.
    Ceased { on: Date, successors: Vec<Id> },
    /// The treaty had ended on `ended` while the actor was bound by it (or a party whose
    /// obligations were suspended).
    FormerParty { ended: Date },
}

impl Standing {
    /// A short name for programs: the status's name, `ceased` or `former-party`; `uncertain`
    /// when the dates leave the status open.
    pub fn name(&self) -> &'static str {
        match self {
            Standing::Status(Status::Certain(s)) => s.as_str(),
            Standing::Status(Status::Uncertain(_)) => "uncertain",
            Standing::Ceased { .. } => "ceased",
            Standing::FormerParty { .. } => "former-party",
        }
    }

    /// The words, with names of successors given by `name`: "ceased to exist 1991-12-26;
    /// succeeded by Russia", "former party (treaty ended 2019-08-02)", or the status.
    pub fn words(&self, name: impl Fn(&str) -> String) -> String {
        match self {
            Standing::Status(status) => status.to_string(),
            Standing::Ceased { on, successors } if successors.is_empty() => {
                format!("ceased to exist {on}")
            }
            Standing::Ceased { on, successors } => {
                let names: Vec<String> = successors.iter().map(|s| name(s.as_str())).collect();
                format!("ceased to exist {on}; succeeded by {}", names.join(", "))
            }
            Standing::FormerParty { ended } => format!("former party (treaty ended {ended})"),
        }
    }
}

impl fmt::Display for Standing {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.words(str::to_string))
    }
}

impl Treaty {
    /// Every succession that names `actor` as predecessor, with the party that made it, in
    /// the treaty's order.
    pub(crate) fn successions_naming<'a>(
        &'a self,
        actor: &'a str,
    ) -> impl Iterator<Item = (&'a Party, &'a Action)> + 'a {
        self.parties.iter().flat_map(move |p| {
            p.actions
                .iter()
                .filter(move |a| {
                    a.action == ActionKind::Succession
                        && a.from.as_ref().is_some_and(|f| f.as_str() == actor)
                })
                .map(move |a| (p, a))
        })
    }

    /// The parties whose succession names `actor` as predecessor, in the treaty's order.
    pub fn successors_of(&self, actor: &str) -> Vec<Id> {
        let mut successors: Vec<Id> = Vec::new();
        for (p, _) in self.successions_naming(actor) {
            if !successors.contains(&p.actor) {
                successors.push(p.actor.clone());
            }
        }
        successors
    }

    /// `actor`'s standing on `date`, for a reader. `record` is the actor's record, when the
    /// data has it (its `existed` decides whether it had ceased to exist).
    pub fn standing_on(&self, actor: &str, record: Option<&Actor>, date: &Date) -> Standing {
        let ended = record
            .and_then(|a| a.existed.as_ref())
            .and_then(|p| p.end_date())
            .filter(|end| end.is_certainly_before(date));
        if let Some(on) = ended {
            return Standing::Ceased {
                on,
                successors: self.successors_of(actor),
            };
        }
        let status = self.party_status_on(actor, date);
        if let Some(TreatyStatus::Ended(_)) = self.status_on(date).certain()
            && let Some(end) = &self.end
            && let Status::Certain(
                PartyStatus::Party | PartyStatus::Withdrawing | PartyStatus::Suspended,
            ) = status
        {
            return Standing::FormerParty { ended: end.date };
        }
        Standing::Status(status)
    }
}
