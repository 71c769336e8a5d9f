//! Status of a treaty and of each party on any date, computed from the record.
//!
//! Dates may be reduced-precision, so every answer is a [`Status`]: one value when the dates
//! decide it, or the set of values they allow. Nothing is guessed.

use std::fmt;

use crate::date::{Date, DayNumber};
use crate::records::{Action, ActionKind, EndReason, Party, Treaty};

pub use crate::decided::{Status, Truth};

/// A treaty's status on a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, strum::IntoStaticStr, strum::VariantNames)]
#[strum(serialize_all = "kebab-case")]
pub enum TreatyStatus {
    /// Before it was opened for signature (or signed).
    NotOpen,
    /// Opened, but not (yet, or ever) in force.
    NotInForce,
    InForce,
    /// On or after its end date.
    Ended(EndReason),
}

impl TreatyStatus {
    /// The contract's name of the status (`in-force`); the end reason is not part of it.
    pub fn as_str(&self) -> &'static str {
        self.into()
    }
}

impl fmt::Display for TreatyStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TreatyStatus::Ended(reason) => write!(f, "ended ({})", reason.as_str()),
            other => f.write_str(other.as_str()),
        }
    }
}

/// A party's status under a treaty on a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, strum::IntoStaticStr, strum::VariantNames)]
#[strum(serialize_all = "kebab-case")]
pub enum PartyStatus {
    None,
    Signatory,
    /// Ratified, acceded or succeeded.
    Party,
    /// Notice of withdrawal given; still bound until it takes effect.
    Withdrawing,
    Suspended,
    Withdrawn,
    /// The party ceased to exist and a successor took its place (the USSR after 1991). An
    /// extension of the contract's statuses: without it a dissolved state would stay `party`.
    Succeeded,
}

impl PartyStatus {
    pub fn as_str(&self) -> &'static str {
        self.into()
    }
}

impl fmt::Display for PartyStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Whether an event dated `event` has happened on day-interval `on` (on or before it).
fn happened(event: &Date, on: &Date) -> Truth {
    if event.last_day() <= on.first_day() {
        Truth::Yes
    } else if event.first_day() > on.last_day() {
        Truth::No
    } else {
        Truth::Uncertain
    }
}

/// Folds events in order: those certainly happened, then each prefix of the uncertain ones.
/// `events` must be sorted chronologically.
fn possible_states<E, S: Clone + PartialEq>(
    events: &[(Date, E)],
    on: &Date,
    initial: S,
    apply: impl Fn(&S, &E) -> S,
) -> Status<S> {
    let mut state = initial;
    let mut uncertain = Vec::new();
    for (date, event) in events {
        match happened(date, on) {
            Truth::Yes if uncertain.is_empty() => state = apply(&state, event),
            Truth::Yes | Truth::Uncertain => uncertain.push(event),
            Truth::No => {}
        }
    }
    let mut possible = vec![state.clone()];
    for event in uncertain {
        state = apply(&state, event);
        possible.push(state.clone());
    }
    Status::from_possibilities(possible)
}

impl Treaty {
    /// The treaty's status on `date`.
    pub fn status_on(&self, date: &Date) -> Status<TreatyStatus> {
        let mut events = vec![(self.opened, TreatyStatus::NotInForce)];
        if let Some(eif) = self.entry_into_force {
            events.push((eif, TreatyStatus::InForce));
        }
        if let Some(end) = &self.end {
            events.push((end.date, TreatyStatus::Ended(end.reason)));
        }
        events.sort_by_key(|(d, _)| d.sort_key());
        possible_states(&events, date, TreatyStatus::NotOpen, |_, next| *next)
    }

    /// The party entry of `actor`, if the treaty lists it.
    pub fn party(&self, actor: &str) -> Option<&Party> {
        self.parties.iter().find(|p| p.actor.as_str() == actor)
    }

    /// The dates on which other parties succeeded `actor`.
    fn successions_from<'a>(&'a self, actor: &'a str) -> impl Iterator<Item = Date> + 'a {
        self.successions_naming(actor).map(|(_, a)| a.date)
    }

    /// `actor`'s status under this treaty on `date`: its own acts, and `succeeded` once a
    /// successor's `succession` from it has taken effect.
    pub fn party_status_on(&self, actor: &str, date: &Date) -> Status<PartyStatus> {
        let own = self
            .party(actor)
            .map_or(Status::Certain(PartyStatus::None), |p| p.status_on(date));
        let Some(first) = self.successions_from(actor).min_by_key(|d| d.sort_key()) else {
            return own;
        };
        match happened(&first, date) {
            Truth::Yes => Status::Certain(PartyStatus::Succeeded),
            Truth::No => own,
            Truth::Uncertain => {
                let mut possible = own.possibilities().to_vec();
                possible.push(PartyStatus::Succeeded);
                Status::from_possibilities(possible)
            }
        }
    }

    /// Whether `actor` is bound by the treaty on `date`: the treaty is in force and the actor
    /// is a `party` or `withdrawing`.
    pub fn is_bound_on(&self, actor: &str, date: &Date) -> Truth {
        let treaty = self.status_on(date);
        let party = self.party_status_on(actor, date);
        let in_force = truth_of(&treaty, |s| *s == TreatyStatus::InForce);
        let bound_party = truth_of(&party, |s| {
            matches!(s, PartyStatus::Party | PartyStatus::Withdrawing)
        });
        match (in_force, bound_party) {
            (Truth::No, _) | (_, Truth::No) => Truth::No,
            (Truth::Yes, Truth::Yes) => Truth::Yes,
            _ => Truth::Uncertain,
        }
    }

    /// `actor`'s latest act under this treaty that certainly took effect on or before `date`
    /// (of two on the same day, the one recorded last).
    pub fn last_act_on(&self, actor: &str, date: &Date) -> Option<&Action> {
        self.party(actor)?
            .actions
            .iter()
            .filter(|a| a.date.is_certainly_on_or_before(date))
            .max_by_key(|a| a.date.sort_key())
    }

    /// Whether `actor` was bound on at least one day of `[first, last]`.
    /// `Truth::No` only when it was certainly bound on none of them.
    pub fn was_bound_during(&self, actor: &str, first: DayNumber, last: DayNumber) -> Truth {
        let mut answer = Truth::No;
        for (_, _, bound) in self.bound_spans(actor, first, last) {
            match bound {
                Truth::Yes => return Truth::Yes,
                Truth::Uncertain => answer = Truth::Uncertain,
                Truth::No => {}
            }
        }
        answer
    }

    /// `[first, last]` cut where whether `actor` is bound may change: consecutive spans
    /// `(from, to, bound)`, inclusive, covering every day of it, each with the answer of
    /// [`Treaty::is_bound_on`] for all of its days. Neighbouring spans with the same answer are
    /// merged. Empty when `last < first`.
    pub fn bound_spans(
        &self,
        actor: &str,
        first: DayNumber,
        last: DayNumber,
    ) -> Vec<(DayNumber, DayNumber, Truth)> {
        if last < first {
            return Vec::new();
        }
        // An event is possible from its first day and certain from its last (a year's act has
        // certainly happened on 31 December): every status changes only on those days, so the
        // answer on a breakpoint holds until the next one.
        let mut breakpoints = vec![first];
        let mut dates: Vec<Date> = vec![self.opened];
        dates.extend(self.entry_into_force);
        dates.extend(self.end.as_ref().map(|e| e.date));
        if let Some(p) = self.party(actor) {
            dates.extend(p.actions.iter().map(|a| a.date));
        }
        dates.extend(self.successions_from(actor));
        for d in dates {
            breakpoints.extend(
                [d.first_day(), d.last_day()]
                    .into_iter()
                    .filter(|day| (first..=last).contains(day)),
            );
        }
        breakpoints.sort_unstable();
        breakpoints.dedup();
        let mut spans: Vec<(DayNumber, DayNumber, Truth)> = Vec::new();
        for (i, day) in breakpoints.iter().enumerate() {
            let to = breakpoints.get(i + 1).map_or(last, |next| next - 1);
            let bound = Date::from_day_number(*day)
                .map_or(Truth::Uncertain, |date| self.is_bound_on(actor, &date));
            match spans.last_mut() {
                Some(previous) if previous.2 == bound => previous.1 = to,
                _ => spans.push((*day, to, bound)),
            }
        }
        spans
    }
}

fn truth_of<T>(status: &Status<T>, test: impl Fn(&T) -> bool) -> Truth {
    let all = status.possibilities();
    if all.iter().all(&test) {
        Truth::Yes
    } else if all.iter().any(&test) {
        Truth::Uncertain
    } else {
        Truth::No
    }
}

/// What a party's acts add up to: its standing and whether a notice or a suspension is open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Standing {
    base: PartyStatus,
    notice: bool,
    suspended: bool,
}

impl Standing {
    fn apply(&self, action: ActionKind) -> Standing {
        let mut next = *self;
        match action {
            ActionKind::Signature => {
                if next.base == PartyStatus::None {
                    next.base = PartyStatus::Signatory;
                }
            }
            ActionKind::Ratification | ActionKind::Accession | ActionKind::Succession => {
                next.base = PartyStatus::Party;
            }
            ActionKind::Suspension => next.suspended = true,
            ActionKind::Resumption => next.suspended = false,
            ActionKind::WithdrawalNotice => next.notice = true,
            ActionKind::Withdrawal => {
                next = Standing {
                    base: PartyStatus::Withdrawn,
                    notice: false,
                    suspended: false,
                }
            }
            ActionKind::RatificationRevoked => {
                next = Standing {
                    base: PartyStatus::Signatory,
                    notice: false,
                    suspended: false,
                }
            }
        }
        next
    }

    fn status(&self) -> PartyStatus {
        match self.base {
            PartyStatus::Party if self.suspended => PartyStatus::Suspended,
            PartyStatus::Party if self.notice => PartyStatus::Withdrawing,
            other => other,
        }
    }
}

impl Party {
    /// The party's status on `date`, from its actions up to that day.
    pub fn status_on(&self, date: &Date) -> Status<PartyStatus> {
        let mut events: Vec<(Date, ActionKind)> =
            self.actions.iter().map(|a| (a.date, a.action)).collect();
        events.sort_by_key(|(d, a)| (d.sort_key(), a.same_day_rank()));
        let initial = Standing {
            base: PartyStatus::None,
            notice: false,
            suspended: false,
        };
        let standings = possible_states(&events, date, initial, |s, a| s.apply(*a));
        Status::from_possibilities(
            standings
                .possibilities()
                .iter()
                .map(Standing::status)
                .collect(),
        )
    }
}
