//! EDTF level 0 dates (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`) with interval semantics.
//!
//! A reduced-precision date is the set of days it may stand for: `1999` is "some day in 1999",
//! not 1 January 1999. Comparisons therefore answer with a [`DateOrder`]: certainly before,
//! certainly after, the same day, or uncertain. Nothing here ever guesses.

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

use crate::calendar::{civil_from_days, days_from_civil, days_in_month};
use crate::duration::Duration;

/// A day as a count of days since 1970-01-01 (proleptic Gregorian calendar).
pub type DayNumber = i64;

/// How precisely a [`Date`] is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Precision {
    Year,
    Month,
    Day,
}

/// An EDTF level 0 date. Construct with [`Date::parse`] or [`Date::from_ymd`]; every `Date`
/// value is a real calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Date {
    year: u16,
    month: Option<u8>,
    day: Option<u8>,
}

/// The answer to "is `a` before `b`?" when either may be reduced-precision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DateOrder {
    /// Every reading of `a` is before every reading of `b`.
    Before,
    /// Every reading of `a` is after every reading of `b`.
    After,
    /// Both are the same single day.
    Same,
    /// The readings overlap: the dates alone do not decide.
    Uncertain,
}

impl DateOrder {
    /// The order seen from the other side.
    pub fn reverse(self) -> Self {
        match self {
            DateOrder::Before => DateOrder::After,
            DateOrder::After => DateOrder::Before,
            other => other,
        }
    }
}

/// Why a string is not an EDTF level 0 date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateError {
    /// Not of the shape `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    Shape(String),
    /// The shape is right, but the month does not exist.
    Month(String),
    /// The shape is right, but the day does not exist in that month.
    Day(String),
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DateError::Shape(s) => write!(
                f,
                "`{s}` is not a date: expected YYYY, YYYY-MM or YYYY-MM-DD (EDTF level 0)"
            ),
            DateError::Month(s) => write!(f, "`{s}` is not a real date: there is no such month"),
            DateError::Day(s) => write!(f, "`{s}` is not a real date: that month has no such day"),
        }
    }
}

impl std::error::Error for DateError {}

fn digits(s: &str) -> Option<u32> {
    if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) {
        s.parse().ok()
    } else {
        None
    }
}

impl Date {
    /// 1970-01-01, day number 0.
    pub const EPOCH: Date = Date {
        year: 1970,
        month: Some(1),
        day: Some(1),
    };

    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, rejecting impossible months and days.
    pub fn parse(text: &str) -> Result<Date, DateError> {
        let shape = || DateError::Shape(text.to_string());
        let mut parts = text.split('-');
        let year_text = parts.next().ok_or_else(shape)?;
        if year_text.len() != 4 {
            return Err(shape());
        }
        let year = digits(year_text).ok_or_else(shape)? as u16;
        let month = match parts.next() {
            None => None,
            Some(m) if m.len() == 2 => Some(digits(m).ok_or_else(shape)? as u8),
            Some(_) => return Err(shape()),
        };
        let day = match parts.next() {
            None => None,
            Some(d) if d.len() == 2 => Some(digits(d).ok_or_else(shape)? as u8),
            Some(_) => return Err(shape()),
        };
        if parts.next().is_some() {
            return Err(shape());
        }
        if let Some(m) = month {
            if !(1..=12).contains(&m) {
                return Err(DateError::Month(text.to_string()));
            }
            if let Some(d) = day
                && (d == 0 || d > days_in_month(i64::from(year), m))
            {
                return Err(DateError::Day(text.to_string()));
            }
        }
        Ok(Date { year, month, day })
    }

    /// A day-precision date, or `None` when it does not exist.
    pub fn from_ymd(year: u16, month: u8, day: u8) -> Option<Date> {
        if year > 9999 || !(1..=12).contains(&month) || day == 0 {
            return None;
        }
        (day <= days_in_month(i64::from(year), month)).then_some(Date {
            year,
            month: Some(month),
            day: Some(day),
        })
    }

    /// A year-precision date, or `None` outside 0000–9999.
    pub fn from_year(year: u16) -> Option<Date> {
        (year <= 9999).then_some(Date {
            year,
            month: None,
            day: None,
        })
    }

    /// A month-precision date, or `None` when it does not exist.
    pub fn from_year_month(year: u16, month: u8) -> Option<Date> {
        (year <= 9999 && (1..=12).contains(&month)).then_some(Date {
            year,
            month: Some(month),
            day: None,
        })
    }

    /// Today, in UTC (the clock's calendar day, as `time` reads it).
    pub fn today() -> Date {
        let today = time::OffsetDateTime::now_utc().date();
        u16::try_from(today.year())
            .ok()
            .and_then(|year| Date::from_ymd(year, u8::from(today.month()), today.day()))
            .unwrap_or(Date::EPOCH)
    }

    /// The day-precision date of a day number, if it lies in years 0000–9999.
    pub fn from_day_number(n: DayNumber) -> Option<Date> {
        let (y, m, d) = civil_from_days(n);
        u16::try_from(y).ok().and_then(|y| Date::from_ymd(y, m, d))
    }

    pub fn year(&self) -> u16 {
        self.year
    }

    pub fn month(&self) -> Option<u8> {
        self.month
    }

    pub fn day(&self) -> Option<u8> {
        self.day
    }

    pub fn precision(&self) -> Precision {
        match (self.month, self.day) {
            (None, _) => Precision::Year,
            (Some(_), None) => Precision::Month,
            (Some(_), Some(_)) => Precision::Day,
        }
    }

    /// The first day this date may stand for.
    pub fn first_day(&self) -> DayNumber {
        days_from_civil(
            i64::from(self.year),
            self.month.unwrap_or(1),
            self.day.unwrap_or(1),
        )
    }

    /// The last day this date may stand for.
    pub fn last_day(&self) -> DayNumber {
        let year = i64::from(self.year);
        match (self.month, self.day) {
            (Some(m), Some(d)) => days_from_civil(year, m, d),
            (Some(m), None) => days_from_civil(year, m, days_in_month(year, m)),
            (None, _) => days_from_civil(year, 12, 31),
        }
    }

    /// Compares two dates under every reading of their precision.
    pub fn compare(&self, other: &Date) -> DateOrder {
        compare_spans(
            (self.first_day(), self.last_day()),
            (other.first_day(), other.last_day()),
        )
    }

    /// Certainly before `other` (under every reading).
    pub fn is_certainly_before(&self, other: &Date) -> bool {
        self.last_day() < other.first_day()
    }

    /// Certainly after `other` (under every reading).
    pub fn is_certainly_after(&self, other: &Date) -> bool {
        self.first_day() > other.last_day()
    }

    /// Certainly on or before `other`: every reading of `self` is ≤ every reading of `other`.
    pub fn is_certainly_on_or_before(&self, other: &Date) -> bool {
        self.last_day() <= other.first_day()
    }

    /// The earliest and latest day that `self + duration` may stand for.
    pub fn add_span(&self, duration: &Duration) -> (DayNumber, DayNumber) {
        let first = self.first_day();
        let last = self.last_day();
        (duration.add_to_day(first), duration.add_to_day(last))
    }

    /// A total order for sorting (by first day, then by precision): not a statement about time.
    pub fn sort_key(&self) -> (DayNumber, DayNumber) {
        (self.first_day(), self.last_day())
    }
}

/// Compares two day intervals `[first, last]`.
pub(crate) fn compare_spans(a: (DayNumber, DayNumber), b: (DayNumber, DayNumber)) -> DateOrder {
    if a.1 < b.0 {
        DateOrder::Before
    } else if a.0 > b.1 {
        DateOrder::After
    } else if a.0 == a.1 && a == b {
        DateOrder::Same
    } else {
        DateOrder::Uncertain
    }
}

impl PartialOrd for Date {
    /// Only certain answers: `None` where the readings overlap.
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        match self.compare(other) {
            DateOrder::Before => Some(Ordering::Less),
            DateOrder::After => Some(Ordering::Greater),
            DateOrder::Same => Some(Ordering::Equal),
            DateOrder::Uncertain => None,
        }
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

impl FromStr for Date {
    type Err = DateError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Date::parse(s)
    }
}

impl serde::Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Date {
    /// Accepts a string, or an integer year (an unquoted `1968` in YAML is an integer).
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Date;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a date: YYYY, YYYY-MM or YYYY-MM-DD")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Date, E> {
                Date::parse(v).map_err(E::custom)
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Date, E> {
                u16::try_from(v)
                    .ok()
                    .and_then(Date::from_year)
                    .ok_or_else(|| E::custom(format!("{v} is not a four-digit year")))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Date, E> {
                u64::try_from(v)
                    .map_err(|_| E::custom(format!("{v} is not a four-digit year")))
                    .and_then(|v| self.visit_u64(v))
            }
        }
        d.deserialize_any(Visitor)
    }
}

#[cfg(test)]
#[path = "date_tests.rs"]
mod tests;
