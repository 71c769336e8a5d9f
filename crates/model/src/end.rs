//! When a treaty ends, as the record showed it on a given day: what someone speaking that day
//! could know. An end fixed by an act (a withdrawal notice, a termination) counts from that
//! act's date; before it, the end is the scheduled one — entry into force plus the term,
//! moved by the extensions agreed by then.

use crate::date::{Date, DateOrder, DayNumber};
use crate::records::{ActionKind, EndReason, Treaty};

/// What the record showed of a treaty's end on a day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KnownEnd {
    /// It ends within these days (first and last possible), and why that was known.
    On {
        first: DayNumber,
        last: DayNumber,
        basis: EndBasis,
    },
    /// Nothing set an end: no term, no notice, no termination by then.
    Unlimited,
    /// The record cannot say for certain (a date on which it turns is too imprecise, or the
    /// treaty was not yet in force).
    Uncertain,
}

/// Why an end was known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EndBasis {
    /// Entry into force plus the term.
    Term,
    /// The term as extended by an extension agreed on this date.
    Extension(DayNumber),
    /// A withdrawal notice given on this date (the end recorded for the withdrawal).
    WithdrawalNotice(DayNumber),
    /// The recorded end itself had happened (termination, supersession, or any end dated on
    /// or before the day).
    Recorded,
}

fn on_or_before(date: &Date, day: &Date) -> Option<bool> {
    match date.compare(day) {
        DateOrder::Before | DateOrder::Same => Some(true),
        DateOrder::After => Some(false),
        DateOrder::Uncertain => {
            if date.last_day() <= day.first_day() {
                Some(true)
            } else {
                None
            }
        }
    }
}

impl Treaty {
    /// The end this treaty had as far as the record showed on `day`.
    pub fn end_known_on(&self, day: &Date) -> KnownEnd {
        if let Some(end) = &self.end {
            match on_or_before(&end.date, day) {
                Some(true) => {
                    return KnownEnd::On {
                        first: end.date.first_day(),
                        last: end.date.last_day(),
                        basis: EndBasis::Recorded,
                    };
                }
                None => return KnownEnd::Uncertain,
                Some(false) => {}
            }
            if end.reason == EndReason::Withdrawal {
                let notices = self
                    .parties
                    .iter()
                    .flat_map(|p| &p.actions)
                    .filter(|a| a.action == ActionKind::WithdrawalNotice);
                let mut uncertain = false;
                let mut given: Option<DayNumber> = None;
                for notice in notices {
                    match on_or_before(&notice.date, day) {
                        Some(true) => {
                            let d = notice.date.first_day();
                            given = Some(given.map_or(d, |g| g.min(d)));
                        }
                        None => uncertain = true,
                        Some(false) => {}
                    }
                }
                if let Some(d) = given {
                    return KnownEnd::On {
                        first: end.date.first_day(),
                        last: end.date.last_day(),
                        basis: EndBasis::WithdrawalNotice(d),
                    };
                }
                if uncertain {
                    return KnownEnd::Uncertain;
                }
            }
        }
        self.scheduled_end_on(day)
    }

    /// Entry into force plus the term, extended by the extensions agreed on or before `day`.
    fn scheduled_end_on(&self, day: &Date) -> KnownEnd {
        let Some(term) = &self.term else {
            return KnownEnd::Unlimited;
        };
        let Some(entry) = &self.entry_into_force else {
            return KnownEnd::Uncertain;
        };
        if on_or_before(entry, day) != Some(true) {
            return KnownEnd::Uncertain;
        }
        let (first, last) = entry.add_span(term);
        let mut known = KnownEnd::On {
            first,
            last,
            basis: EndBasis::Term,
        };
        let mut extensions: Vec<_> = self.extensions.iter().collect();
        extensions.sort_by_key(|e| e.date.sort_key());
        for extension in extensions {
            match on_or_before(&extension.date, day) {
                Some(true) => {
                    known = KnownEnd::On {
                        first: extension.until.first_day(),
                        last: extension.until.last_day(),
                        basis: EndBasis::Extension(extension.date.first_day()),
                    };
                }
                None => return KnownEnd::Uncertain,
                Some(false) => {}
            }
        }
        known
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn treaty(yaml_end: &str) -> Treaty {
        let text = format!(
            r#"{{"id": "new-start", "name": "New START", "short_name": "New START",
              "kind": "bilateral", "opened": "2010-04-08", "entry_into_force": "2011-02-05",
              "term": "P10Y", {yaml_end}
              "parties": [{{"actor": "usa", "actions": []}}]}}"#
        );
        serde_json::from_str(&text).unwrap()
    }

    fn day(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    fn ends_on(known: &KnownEnd) -> Option<(String, String)> {
        match known {
            KnownEnd::On { first, last, .. } => Some((
                Date::from_day_number(*first).unwrap().to_string(),
                Date::from_day_number(*last).unwrap().to_string(),
            )),
            _ => None,
        }
    }

    #[test]
    fn an_extension_counts_from_the_day_it_was_agreed() {
        let t = treaty(
            r#""end": {"date": "2026-02-05", "reason": "expiry"},
               "extensions": [{"date": "2021-02-03", "until": "2026-02-05"}],"#,
        );
        let before = t.end_known_on(&day("2019-02-03"));
        assert_eq!(
            ends_on(&before),
            Some(("2021-02-05".into(), "2021-02-05".into()))
        );
        assert!(matches!(
            before,
            KnownEnd::On {
                basis: EndBasis::Term,
                ..
            }
        ));
        let on_the_day = t.end_known_on(&day("2021-02-03"));
        assert_eq!(
            ends_on(&on_the_day),
            Some(("2026-02-05".into(), "2026-02-05".into()))
        );
        assert_eq!(t.end_known_on(&day("2021-02-02")), before);
        // A claim dated only to the month of the extension cannot be placed before or after it.
        assert_eq!(t.end_known_on(&day("2021-02")), KnownEnd::Uncertain);
        // After the end itself, the end is the recorded one.
        assert!(matches!(
            t.end_known_on(&day("2026-03")),
            KnownEnd::On {
                basis: EndBasis::Recorded,
                ..
            }
        ));
    }

    #[test]
    fn a_withdrawal_end_is_known_from_the_notice() {
        let mut t = treaty(r#""end": {"date": "2019-08-02", "reason": "withdrawal"},"#);
        t.term = None;
        t.parties[0].actions = serde_json::from_str(
            r#"[{"action": "withdrawal-notice", "date": "2019-02-02"},
                {"action": "withdrawal", "date": "2019-08-02"}]"#,
        )
        .unwrap();
        assert_eq!(t.end_known_on(&day("2019-02-01")), KnownEnd::Unlimited);
        let known = t.end_known_on(&day("2019-02-02"));
        assert_eq!(
            ends_on(&known),
            Some(("2019-08-02".into(), "2019-08-02".into()))
        );
        assert_eq!(t.end_known_on(&day("2019")), KnownEnd::Uncertain);
    }

    #[test]
    fn before_entry_into_force_no_scheduled_end_is_known() {
        let t = treaty("");
        assert_eq!(t.end_known_on(&day("2010-06-01")), KnownEnd::Uncertain);
        assert_eq!(
            ends_on(&t.end_known_on(&day("2011-02-05"))),
            Some(("2021-02-05".into(), "2021-02-05".into()))
        );
    }
}
