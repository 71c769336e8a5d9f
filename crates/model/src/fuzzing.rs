//! The properties the fuzzer checks (`fuzz/fuzz_targets/dates.rs`), here so that the
//! regression test over every input the fuzzer ever crashed on (`tests/fuzz-regressions/`)
//! checks exactly the same thing.

use crate::{Date, DateOrder, Duration, Period};

/// Parses `text` as a date, a period and a duration, and panics if a property fails: what is
/// accepted prints back to the same value, a date's days are in order, and comparing two
/// dates (the halves of `text` around its first space) is consistent both ways and agrees
/// with the days each date can mean.
pub fn check_dates(text: &str) {
    if let Ok(date) = Date::parse(text) {
        assert_eq!(date.to_string(), text);
        assert!(date.first_day() <= date.last_day());
        let (a, b) = date.add_span(&Duration::default());
        assert!(a <= b);
    }
    if let Ok(period) = Period::parse(text) {
        assert_eq!(Period::parse(&period.to_string()), Ok(period));
        let (from, to) = period.possible_days();
        assert!(from <= to, "{text}");
    }
    if let Ok(duration) = Duration::parse(text) {
        assert_eq!(Duration::parse(&duration.to_string()), Ok(duration));
    }
    if let Some((x, y)) = text.split_once(' ')
        && let (Ok(x), Ok(y)) = (Date::parse(x), Date::parse(y))
    {
        let order = x.compare(&y);
        assert_eq!(y.compare(&x), order.reverse());
        match order {
            DateOrder::Before => assert!(x.last_day() < y.first_day()),
            DateOrder::After => assert!(x.first_day() > y.last_day()),
            DateOrder::Same => {
                assert_eq!((x.first_day(), x.last_day()), (y.first_day(), y.last_day()))
            }
            DateOrder::Uncertain => {}
        }
        assert_eq!(x.is_certainly_before(&y), order == DateOrder::Before);
    }
}
