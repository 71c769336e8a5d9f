//! Unit tests of `date.rs`: parsing, precision and certain/uncertain comparison.

use super::*;

fn d(s: &str) -> Date {
    Date::parse(s).unwrap()
}

#[test]
fn parses_all_three_precisions() {
    assert_eq!(d("1999").precision(), Precision::Year);
    assert_eq!(d("1999-05").precision(), Precision::Month);
    assert_eq!(d("1999-05-01").precision(), Precision::Day);
    assert_eq!(d("0999-05-01").to_string(), "0999-05-01");
}

#[test]
fn rejects_impossible_and_malformed_dates() {
    assert!(matches!(Date::parse("2019-02-30"), Err(DateError::Day(_))));
    assert!(matches!(Date::parse("2019-13"), Err(DateError::Month(_))));
    assert!(matches!(Date::parse("2019-00"), Err(DateError::Month(_))));
    assert!(matches!(Date::parse("2019-04-31"), Err(DateError::Day(_))));
    assert!(matches!(Date::parse("2019-04-00"), Err(DateError::Day(_))));
    for bad in [
        "",
        "19",
        "99999",
        "2019-2-3",
        "2019/02/03",
        "Feb 2019",
        "2019-02-03-",
        "-2019",
        "2019-02-03T00",
    ] {
        assert!(
            matches!(Date::parse(bad), Err(DateError::Shape(_))),
            "{bad}"
        );
    }
}

#[test]
fn leap_days_follow_the_gregorian_rule() {
    assert!(Date::parse("2000-02-29").is_ok());
    assert!(Date::parse("2024-02-29").is_ok());
    assert!(Date::parse("1900-02-29").is_err());
    assert!(Date::parse("2019-02-29").is_err());
}

#[test]
fn day_numbers_match_the_calendar() {
    assert_eq!(d("1970-01-01").first_day(), 0);
    assert_eq!(d("2000-03-01").first_day() - d("2000-02-28").first_day(), 2);
    assert_eq!(d("1999").last_day() - d("1999").first_day(), 364);
    assert_eq!(d("2000-02").last_day() - d("2000-02").first_day(), 28);
    assert_eq!(
        Date::from_day_number(d("2019-08-02").first_day()),
        Some(d("2019-08-02"))
    );
}

#[test]
fn reduced_precision_is_neither_before_nor_after_a_day_inside_it() {
    assert_eq!(d("1999").compare(&d("1999-05-01")), DateOrder::Uncertain);
    assert_eq!(d("1999-05-01").compare(&d("1999")), DateOrder::Uncertain);
    assert_eq!(d("1999").compare(&d("1999")), DateOrder::Uncertain);
    assert_eq!(d("1998-12-31").compare(&d("1999")), DateOrder::Before);
    assert_eq!(d("2000-01-01").compare(&d("1999")), DateOrder::After);
    assert_eq!(d("2019-08-02").compare(&d("2019-08-02")), DateOrder::Same);
    assert_eq!(d("2019-07").compare(&d("2019-08-02")), DateOrder::Before);
}

#[test]
fn integer_years_deserialize_as_year_dates() {
    let date: Date = serde_json::from_value(serde_json::json!(1968)).unwrap();
    assert_eq!(date, d("1968"));
    assert!(serde_json::from_value::<Date>(serde_json::json!(19680)).is_err());
    assert!(serde_json::from_value::<Date>(serde_json::json!(-5)).is_err());
    assert!(serde_json::from_value::<Date>(serde_json::json!("2019-02-30")).is_err());
}
