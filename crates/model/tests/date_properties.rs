//! Property tests for the date algebra.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a failed unwrap is a failed test

use proptest::prelude::*;
use treatywatch_model::{Date, DateOrder, Duration, Period, Precision};

fn any_date() -> impl Strategy<Value = Date> {
    (1900u16..2100, 0u8..=12, 0u8..=31).prop_filter_map("a real date", |(y, m, d)| match (m, d) {
        (0, _) => Date::from_year(y),
        (m, 0) => Date::from_year_month(y, m),
        (m, d) => Date::from_ymd(y, m, d),
    })
}

proptest! {
    #[test]
    fn a_date_is_never_certainly_before_or_after_itself(a in any_date()) {
        prop_assert!(!a.is_certainly_before(&a));
        prop_assert!(!a.is_certainly_after(&a));
        prop_assert!(matches!(a.compare(&a), DateOrder::Same | DateOrder::Uncertain));
    }

    #[test]
    fn comparison_is_antisymmetric(a in any_date(), b in any_date()) {
        prop_assert_eq!(a.compare(&b), b.compare(&a).reverse());
    }

    #[test]
    fn certain_order_is_transitive(a in any_date(), b in any_date(), c in any_date()) {
        if a.compare(&b) == DateOrder::Before && b.compare(&c) == DateOrder::Before {
            prop_assert_eq!(a.compare(&c), DateOrder::Before);
        }
    }

    #[test]
    fn certain_order_agrees_with_every_reading(a in any_date(), b in any_date()) {
        match a.compare(&b) {
            DateOrder::Before => prop_assert!(a.last_day() < b.first_day()),
            DateOrder::After => prop_assert!(a.first_day() > b.last_day()),
            DateOrder::Same => prop_assert!(a == b && a.first_day() == a.last_day()),
            DateOrder::Uncertain => prop_assert!(a.first_day() <= b.last_day() && b.first_day() <= a.last_day()),
        }
    }

    #[test]
    fn printing_then_parsing_gives_the_same_date(a in any_date()) {
        prop_assert_eq!(Date::parse(&a.to_string()), Ok(a));
    }

    #[test]
    fn a_narrower_date_inside_a_wider_one_is_uncertain(y in 1900u16..2100, m in 1u8..=12, day in 1u8..=28) {
        let year = Date::from_year(y).unwrap();
        let inside = Date::from_ymd(y, m, day).unwrap();
        prop_assert_eq!(year.compare(&inside), DateOrder::Uncertain);
    }

    #[test]
    fn adding_a_duration_never_goes_back(a in any_date(), years in 0u32..20, months in 0u32..24, days in 0u32..400) {
        let dur = Duration { years, months, days };
        let (first, last) = a.add_span(&dur);
        prop_assert!(first >= a.first_day());
        prop_assert!(last >= a.last_day());
        prop_assert!(first <= last);
    }

    #[test]
    fn periods_round_trip(a in any_date(), b in any_date(), open_start in any::<bool>(), open_end in any::<bool>()) {
        let side = |d: &Date, open: bool| if open { "..".to_string() } else { d.to_string() };
        let text = format!("{}/{}", side(&a, open_start), side(&b, open_end));
        match Period::parse(&text) {
            Ok(p) => prop_assert_eq!(p.to_string(), text),
            Err(_) => prop_assert!(!open_start && !open_end && b.is_certainly_before(&a)),
        }
    }
}

/// Today is the clock's day in UTC: the day number of the seconds since 1970 (read before and
/// after, in case the day turns between them).
#[test]
fn today_is_the_clocks_day_in_utc() {
    let clock = || {
        let seconds = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_secs();
        i64::try_from(seconds / 86_400).unwrap()
    };
    let before = clock();
    let today = Date::today();
    let after = clock();
    assert_eq!(today.precision(), Precision::Day);
    assert!((before..=after).contains(&today.first_day()), "{today}");
}
