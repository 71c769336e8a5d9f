//! ISO 8601 durations of whole years, months, weeks and days (`P6M`, `P3M`, `P15Y`, `P1Y6M`,
//! `P90D`), as treaties state notice periods and terms.

use std::fmt;

use crate::calendar::{civil_from_days, days_from_civil, days_in_month};
use crate::date::DayNumber;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Duration {
    pub years: u32,
    pub months: u32,
    pub days: u32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DurationError(pub String);

impl fmt::Display for DurationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "`{}` is not a duration: expected ISO 8601 such as P6M, P3M, P15Y or P90D",
            self.0
        )
    }
}

impl std::error::Error for DurationError {}

impl Duration {
    /// Parses `P[nY][nM][nW][nD]` (at least one part; no time parts).
    pub fn parse(text: &str) -> Result<Duration, DurationError> {
        let err = || DurationError(text.to_string());
        let rest = text.strip_prefix('P').ok_or_else(err)?;
        if rest.is_empty() {
            return Err(err());
        }
        let mut out = Duration::default();
        let mut number = String::new();
        let mut last_rank = 0;
        for c in rest.chars() {
            if c.is_ascii_digit() {
                number.push(c);
                continue;
            }
            let rank = match c {
                'Y' => 1,
                'M' => 2,
                'W' => 3,
                'D' => 4,
                _ => return Err(err()),
            };
            if number.is_empty() || rank <= last_rank || number.len() > 6 {
                return Err(err());
            }
            let n: u32 = number.parse().map_err(|_| err())?;
            match c {
                'Y' => out.years = n,
                'M' => out.months = n,
                'W' => out.days += n * 7,
                _ => out.days += n,
            }
            number.clear();
            last_rank = rank;
        }
        // Weeks are kept as days: their total must still print as a valid day count (found by
        // the fuzzer: `P768768W` printed as `P5381376D`, which did not read back).
        if !number.is_empty() || out.days > 999_999 {
            return Err(err());
        }
        Ok(out)
    }

    /// The day reached by adding this duration to `day`: years and months move the calendar
    /// month (a day past the month's end falls back to its last day), then days are added.
    pub fn add_to_day(&self, day: DayNumber) -> DayNumber {
        let (y, m, d) = civil_from_days(day);
        let total_months =
            y * 12 + i64::from(m) - 1 + i64::from(self.years) * 12 + i64::from(self.months);
        let year = total_months.div_euclid(12);
        let month = (total_months.rem_euclid(12) + 1) as u8;
        let d = d.min(days_in_month(year, month));
        days_from_civil(year, month, d) + i64::from(self.days)
    }
}

impl fmt::Display for Duration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("P")?;
        if self.years > 0 {
            write!(f, "{}Y", self.years)?;
        }
        if self.months > 0 {
            write!(f, "{}M", self.months)?;
        }
        if self.days > 0 || (self.years == 0 && self.months == 0) {
            write!(f, "{}D", self.days)?;
        }
        Ok(())
    }
}

impl serde::Serialize for Duration {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Duration {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Duration::parse(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::Date;

    fn day(s: &str) -> DayNumber {
        Date::parse(s).unwrap().first_day()
    }

    #[test]
    fn parses_treaty_durations() {
        assert_eq!(Duration::parse("P6M").unwrap().months, 6);
        assert_eq!(Duration::parse("P15Y").unwrap().years, 15);
        assert_eq!(
            Duration::parse("P1Y6M").unwrap(),
            Duration {
                years: 1,
                months: 6,
                days: 0
            }
        );
        assert_eq!(Duration::parse("P2W").unwrap().days, 14);
        for bad in [
            "",
            "P",
            "6M",
            "PM",
            "P6",
            "P6M1Y",
            "PT6H",
            "P6m",
            "P1234567D",
        ] {
            assert!(Duration::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn adding_months_follows_the_calendar() {
        let six = Duration::parse("P6M").unwrap();
        assert_eq!(six.add_to_day(day("2019-02-02")), day("2019-08-02"));
        assert_eq!(six.add_to_day(day("2001-12-13")), day("2002-06-13"));
        assert_eq!(six.add_to_day(day("2019-08-31")), day("2020-02-29"));
        let three = Duration::parse("P3M").unwrap();
        assert_eq!(three.add_to_day(day("2003-01-10")), day("2003-04-10"));
        assert_eq!(
            Duration::parse("P10D")
                .unwrap()
                .add_to_day(day("2019-12-25")),
            day("2020-01-04")
        );
    }

    #[test]
    fn display_round_trips() {
        for s in ["P6M", "P15Y", "P1Y6M", "P90D", "P0D"] {
            assert_eq!(Duration::parse(s).unwrap().to_string(), s);
        }
    }

    #[test]
    fn weeks_whose_days_could_not_be_written_back_are_refused() {
        assert_eq!(Duration::parse("P142857W").unwrap().to_string(), "P999999D");
        assert!(Duration::parse("P768768W").is_err());
        assert!(Duration::parse("P142857W1D").is_err());
    }
}
