//! A treaty's entry-into-force condition on a date: which of the states it names had
//! ratified, which had not (a revoked ratification counts as none), and from which day the
//! condition let the treaty enter into force once every one of them had.

use crate::date::{Date, DayNumber};
use crate::records::{ActionKind, EntryIntoForceCondition, Id, Treaty};
use crate::status::{PartyStatus, Status, Truth};

/// One listed state on the date.
#[derive(Debug, Clone, PartialEq)]
pub struct ListedState<'a> {
    pub actor: &'a Id,
    /// Whether it had ratified (acceded or succeeded) and not revoked or withdrawn since.
    pub ratified: Truth,
    /// Its status under the treaty then.
    pub status: Status<PartyStatus>,
    /// The revocation of its ratification, when its last act on or before the date revoked it.
    pub revoked: Option<Date>,
}

/// The condition on one date.
#[derive(Debug, Clone, PartialEq)]
pub struct ConditionOn<'a> {
    pub condition: &'a EntryIntoForceCondition,
    /// Every listed state, in the treaty's order.
    pub states: Vec<ListedState<'a>>,
    /// When every listed state had certainly ratified: the first day the condition allowed
    /// entry into force (the last of their deposits plus `delay`, not before `opened` plus
    /// `not_before`). `None` while one of them had not, or may not have.
    pub met_from: Option<DayNumber>,
}

impl ConditionOn<'_> {
    /// The listed states that certainly had not ratified.
    pub fn missing(&self) -> impl Iterator<Item = &ListedState<'_>> {
        self.states.iter().filter(|s| s.ratified == Truth::No)
    }

    /// The listed states the dates leave undecided.
    pub fn undecided(&self) -> impl Iterator<Item = &ListedState<'_>> {
        self.states
            .iter()
            .filter(|s| s.ratified == Truth::Uncertain)
    }

    /// How many listed states certainly had ratified.
    pub fn ratified_count(&self) -> usize {
        self.states
            .iter()
            .filter(|s| s.ratified == Truth::Yes)
            .count()
    }
}

impl PartyStatus {
    /// Whether it means a ratification (accession, succession) in effect: a party, bound or
    /// not (withdrawing, suspended).
    pub fn has_ratified(self) -> bool {
        matches!(
            self,
            PartyStatus::Party | PartyStatus::Withdrawing | PartyStatus::Suspended
        )
    }
}

impl Treaty {
    /// Where the treaty's entry-into-force condition stood on `date`; `None` when the record
    /// gives no condition.
    pub fn condition_on(&self, date: &Date) -> Option<ConditionOn<'_>> {
        let condition = self.entry_into_force_condition.as_ref()?;
        let states: Vec<ListedState<'_>> = condition
            .ratified_by
            .iter()
            .map(|actor| {
                let status = self.party_status_on(actor.as_str(), date);
                let possible = status.possibilities();
                let ratified = if possible.iter().all(|s| s.has_ratified()) {
                    Truth::Yes
                } else if possible.iter().any(|s| s.has_ratified()) {
                    Truth::Uncertain
                } else {
                    Truth::No
                };
                let revoked = self
                    .last_act_on(actor.as_str(), date)
                    .filter(|a| a.action == ActionKind::RatificationRevoked)
                    .map(|a| a.date);
                ListedState {
                    actor,
                    ratified,
                    status,
                    revoked,
                }
            })
            .collect();
        let met_from = if states.iter().all(|s| s.ratified == Truth::Yes) {
            // The deposit that made each one a party: its latest ratification, accession or
            // succession on or before the date, at its last possible day.
            let last = states
                .iter()
                .filter_map(|s| {
                    self.party(s.actor.as_str())?
                        .actions
                        .iter()
                        .filter(|a| {
                            matches!(
                                a.action,
                                ActionKind::Ratification
                                    | ActionKind::Accession
                                    | ActionKind::Succession
                            ) && a.date.is_certainly_on_or_before(date)
                        })
                        .map(|a| a.date.last_day())
                        .max()
                })
                .max();
            last.map(|last| {
                let after = condition.delay.map_or(last, |d| d.add_to_day(last));
                let floor = condition
                    .not_before
                    .map_or(DayNumber::MIN, |d| d.add_to_day(self.opened.last_day()));
                after.max(floor)
            })
        } else {
            None
        };
        Some(ConditionOn {
            condition,
            states,
            met_from,
        })
    }
}
