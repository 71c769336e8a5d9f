//! EDTF periods `START/END`, each side a [`Date`] or `..` (open).

use std::fmt;

use crate::date::{Date, DateError, DayNumber};

/// One side of a period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Bound {
    Open,
    Date(Date),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Period {
    pub start: Bound,
    pub end: Bound,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PeriodError {
    /// No `/` separating start and end.
    Shape(String),
    /// One side is not a date.
    Date(DateError),
    /// The end is certainly before the start.
    Reversed(String),
}

impl fmt::Display for PeriodError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PeriodError::Shape(s) => write!(
                f,
                "`{s}` is not a period: expected START/END, each a date or `..` (e.g. `1999/..`, `2014/2019-08-02`)"
            ),
            PeriodError::Date(e) => e.fmt(f),
            PeriodError::Reversed(s) => write!(f, "`{s}` ends before it starts"),
        }
    }
}

impl std::error::Error for PeriodError {}

impl Period {
    pub fn parse(text: &str) -> Result<Period, PeriodError> {
        let (start, end) = text
            .split_once('/')
            .ok_or_else(|| PeriodError::Shape(text.to_string()))?;
        let side = |s: &str| -> Result<Bound, PeriodError> {
            if s == ".." {
                Ok(Bound::Open)
            } else {
                Date::parse(s).map(Bound::Date).map_err(PeriodError::Date)
            }
        };
        let period = Period {
            start: side(start)?,
            end: side(end)?,
        };
        if let (Bound::Date(a), Bound::Date(b)) = (period.start, period.end)
            && b.is_certainly_before(&a)
        {
            return Err(PeriodError::Reversed(text.to_string()));
        }
        Ok(period)
    }

    pub fn start_date(&self) -> Option<Date> {
        match self.start {
            Bound::Date(d) => Some(d),
            Bound::Open => None,
        }
    }

    pub fn end_date(&self) -> Option<Date> {
        match self.end {
            Bound::Date(d) => Some(d),
            Bound::Open => None,
        }
    }

    /// The days the period certainly covers under every reading of its bounds
    /// (from the last reading of its start to the first reading of its end), with an open
    /// side taken as unbounded. `None` when no day is certainly covered.
    pub fn certain_days(&self) -> Option<(DayNumber, DayNumber)> {
        let first = self.start_date().map_or(DayNumber::MIN, |d| d.last_day());
        let last = self.end_date().map_or(DayNumber::MAX, |d| d.first_day());
        (first <= last).then_some((first, last))
    }

    /// The days the period may cover under some reading of its bounds.
    pub fn possible_days(&self) -> (DayNumber, DayNumber) {
        let first = self.start_date().map_or(DayNumber::MIN, |d| d.first_day());
        let last = self.end_date().map_or(DayNumber::MAX, |d| d.last_day());
        (first, last)
    }

    /// The days the period may cover as claimed on `said_on`: an open end ("since 1999") runs
    /// to the last day `said_on` may be, not forever.
    pub fn possible_days_as_of(&self, said_on: &Date) -> (DayNumber, DayNumber) {
        let (first, last) = self.possible_days();
        let last = if self.end_date().is_none() {
            said_on.last_day()
        } else {
            last
        };
        (first, last)
    }

    /// Does the period certainly contain every reading of `date`?
    pub fn certainly_contains(&self, date: &Date) -> bool {
        let (first, last) = self.possible_days();
        // Containment must hold under every reading of the bounds as well.
        let start_ok = self
            .start_date()
            .is_none_or(|s| s.last_day() <= date.first_day());
        let end_ok = self
            .end_date()
            .is_none_or(|e| date.last_day() <= e.first_day());
        first <= date.first_day() && date.last_day() <= last && start_ok && end_ok
    }

    /// Is `date` certainly outside the period (before its start or after its end under every
    /// reading)?
    pub fn certainly_excludes(&self, date: &Date) -> bool {
        let before = self
            .start_date()
            .is_some_and(|s| date.is_certainly_before(&s));
        let after = self.end_date().is_some_and(|e| date.is_certainly_after(&e));
        before || after
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let side = |b: &Bound| match b {
            Bound::Open => "..".to_string(),
            Bound::Date(d) => d.to_string(),
        };
        write!(f, "{}/{}", side(&self.start), side(&self.end))
    }
}

impl serde::Serialize for Period {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Period {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Period::parse(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    #[test]
    fn an_open_end_runs_to_the_day_it_was_said() {
        let said = d("2019-02");
        let (first, last) = Period::parse("1999/..").unwrap().possible_days_as_of(&said);
        assert_eq!(
            (first, last),
            (d("1999").first_day(), d("2019-02").last_day())
        );
        let (first, last) = Period::parse("2014/2015")
            .unwrap()
            .possible_days_as_of(&said);
        assert_eq!((first, last), (d("2014").first_day(), d("2015").last_day()));
        let (first, _) = Period::parse("../2015").unwrap().possible_days_as_of(&said);
        assert_eq!(first, DayNumber::MIN);
    }

    #[test]
    fn parses_open_and_closed_periods() {
        let p = Period::parse("1999/..").unwrap();
        assert_eq!(p.start_date(), Some(d("1999")));
        assert_eq!(p.end, Bound::Open);
        assert_eq!(Period::parse("../2019").unwrap().start, Bound::Open);
        assert_eq!(
            Period::parse("2014/2019-08-02").unwrap().to_string(),
            "2014/2019-08-02"
        );
        assert!(matches!(Period::parse("1999"), Err(PeriodError::Shape(_))));
        assert!(matches!(
            Period::parse("1999/2019-02-30"),
            Err(PeriodError::Date(_))
        ));
        assert!(matches!(
            Period::parse("2019/2018"),
            Err(PeriodError::Reversed(_))
        ));
        assert!(Period::parse("2019/2019-05").is_ok());
    }

    #[test]
    fn containment_is_certain_or_not_claimed() {
        let p = Period::parse("2004-03-09/..").unwrap();
        assert!(p.certainly_contains(&d("2019-02-02")));
        assert!(p.certainly_excludes(&d("2004-03-08")));
        assert!(!p.certainly_contains(&d("2004-03")));
        assert!(!p.certainly_excludes(&d("2004-03")));
        let q = Period::parse("1999/2000").unwrap();
        assert!(!q.certainly_contains(&d("1999-06-01")));
        assert!(!q.certainly_excludes(&d("1999-06-01")));
        assert!(q.certainly_excludes(&d("2001-01-01")));
    }
}
