//! The date algebra at its edges: the cases a contributor meets (a year-precision date, a
//! period ending on the day in question, two acts on one day, a malformed date), each written
//! so that a broken comparison in `date.rs`, `period.rs` or `status.rs` fails it.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a failed unwrap is a failed test

use serde_json::json;
use treatywatch_model::*;

fn d(s: &str) -> Date {
    Date::parse(s).unwrap()
}

fn p(s: &str) -> Period {
    Period::parse(s).unwrap()
}

fn day(s: &str) -> DayNumber {
    d(s).first_day()
}

// --- parsing --------------------------------------------------------------------------------

#[test]
fn only_two_digit_months_and_days_without_signs_are_dates() {
    for bad in [
        "2019-5",
        "2019-05-1",
        "2019-+5",
        "2019-05-+1",
        "+019",
        "2019-05-01-",
        "19",
        "2019-",
    ] {
        assert!(
            matches!(Date::parse(bad), Err(DateError::Shape(_))),
            "{bad} parsed as {:?}",
            Date::parse(bad)
        );
    }
    assert!(matches!(Date::parse("2019-13"), Err(DateError::Month(_))));
    assert!(matches!(Date::parse("2019-02-29"), Err(DateError::Day(_))));
    assert!(matches!(Date::parse("2019-04-00"), Err(DateError::Day(_))));
    let date = d("2020-02-29");
    assert_eq!(
        (date.year(), date.month(), date.day()),
        (2020, Some(2), Some(29))
    );
    let month = d("1991-12");
    assert_eq!(
        (month.year(), month.month(), month.day()),
        (1991, Some(12), None)
    );
    assert_eq!(month.precision(), Precision::Month);
}

#[test]
fn errors_say_what_was_expected() {
    let shape = Date::parse("2019-5").unwrap_err().to_string();
    assert_eq!(
        shape,
        "`2019-5` is not a date: expected YYYY, YYYY-MM or YYYY-MM-DD (EDTF level 0)"
    );
    assert_eq!(
        Date::parse("2019-13").unwrap_err().to_string(),
        "`2019-13` is not a real date: there is no such month"
    );
    assert_eq!(
        Period::parse("1999").unwrap_err().to_string(),
        "`1999` is not a period: expected START/END, each a date or `..` (e.g. `1999/..`, `2014/2019-08-02`)"
    );
    assert_eq!(
        Period::parse("2019/2018").unwrap_err().to_string(),
        "`2019/2018` ends before it starts"
    );
    // A date given as something else than a string says what a date looks like.
    let error = serde_json::from_value::<Date>(json!(true))
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("expected a date: YYYY, YYYY-MM or YYYY-MM-DD"),
        "{error}"
    );
}

#[test]
fn constructors_refuse_what_does_not_exist() {
    assert_eq!(Date::from_ymd(9999, 12, 31), Some(d("9999-12-31")));
    assert_eq!(Date::from_ymd(10000, 1, 1), None);
    assert_eq!(Date::from_ymd(2019, 0, 1), None);
    assert_eq!(Date::from_ymd(2019, 13, 1), None);
    assert_eq!(Date::from_ymd(2019, 1, 0), None);
    assert_eq!(Date::from_ymd(2019, 2, 29), None);
    assert_eq!(Date::from_year_month(9999, 12), Some(d("9999-12")));
    assert_eq!(Date::from_year_month(2019, 1), Some(d("2019-01")));
    assert_eq!(Date::from_year_month(10000, 1), None);
    assert_eq!(Date::from_year_month(2019, 0), None);
    assert_eq!(Date::from_year_month(2019, 13), None);
    assert_eq!(Date::from_year(9999), Some(d("9999")));
    assert_eq!(Date::from_year(10000), None);
}

#[test]
fn day_numbers_round_trip_over_four_centuries() {
    // 1600-01-01 to 2400-12-31: every century rule of the Gregorian calendar.
    let first = day("1600-01-01");
    let last = day("2400-12-31");
    let mut expected = d("1600-01-01");
    for n in first..=last {
        let date = Date::from_day_number(n).unwrap();
        assert_eq!(date.first_day(), n);
        assert_eq!(date, expected, "day {n}");
        expected = next_day(expected);
    }
    assert_eq!(Date::EPOCH.first_day(), 0);
    assert_eq!(Date::from_day_number(-1), Some(d("1969-12-31")));
}

fn next_day(date: Date) -> Date {
    let (y, m, dd) = (date.year(), date.month().unwrap(), date.day().unwrap());
    Date::from_ymd(y, m, dd + 1)
        .or_else(|| Date::from_ymd(y, m + 1, 1))
        .or_else(|| Date::from_ymd(y + 1, 1, 1))
        .unwrap()
}

// --- comparing ------------------------------------------------------------------------------

#[test]
fn certainly_on_or_before_holds_under_every_reading() {
    assert!(d("2019-08-02").is_certainly_on_or_before(&d("2019-08-02")));
    assert!(d("2019-08-01").is_certainly_on_or_before(&d("2019-08-02")));
    assert!(!d("2019-08-03").is_certainly_on_or_before(&d("2019-08-02")));
    // A year-precision date may fall on either side of a day inside it.
    assert!(!d("2019").is_certainly_on_or_before(&d("2019-06-01")));
    assert!(!d("2019-06-01").is_certainly_on_or_before(&d("2019")));
    assert!(d("2018").is_certainly_on_or_before(&d("2019")));
}

#[test]
fn dates_sort_by_first_day_then_precision_and_compare_only_when_certain() {
    let mut dates = vec![d("2019-01-02"), d("2019"), d("2018-12-31"), d("2019-01")];
    dates.sort_by_key(Date::sort_key);
    assert_eq!(
        dates,
        [d("2018-12-31"), d("2019-01"), d("2019"), d("2019-01-02")]
    );
    assert_eq!(d("2019").sort_key(), (day("2019-01-01"), day("2019-12-31")));
    assert!(d("2019-01-01") < d("2019-01-02"));
    assert!(d("2019-01-02") > d("2019-01-01"));
    assert_eq!(
        d("2019").partial_cmp(&d("2019-05")),
        None,
        "overlapping readings have no order"
    );
    assert_eq!(
        d("2019-05-01").partial_cmp(&d("2019-05-01")),
        Some(std::cmp::Ordering::Equal)
    );
}

// --- periods --------------------------------------------------------------------------------

#[test]
fn a_periods_certain_days_run_from_the_last_reading_of_its_start_to_the_first_of_its_end() {
    assert_eq!(
        p("2014/2019-08-02").certain_days(),
        Some((day("2014-12-31"), day("2019-08-02")))
    );
    assert_eq!(
        p("2019-08-02/2019-08-02").certain_days(),
        Some((day("2019-08-02"), day("2019-08-02"))),
        "a one-day period covers its day"
    );
    assert_eq!(p("2019/2019").certain_days(), None, "no day is certain");
    assert_eq!(
        p("1999/..").certain_days(),
        Some((day("1999-12-31"), DayNumber::MAX))
    );
}

#[test]
fn a_period_ending_on_the_day_in_question_contains_it() {
    let period = p("2014/2019-08-02");
    assert!(period.certainly_contains(&d("2019-08-02")));
    assert!(period.certainly_contains(&d("2019-06")));
    assert!(
        !period.certainly_contains(&d("2019-08")),
        "August runs past the end"
    );
    assert!(!period.certainly_contains(&d("2019-08-03")));
    assert!(
        !period.certainly_contains(&d("2014-06-01")),
        "2014 may start in December"
    );
    assert!(period.certainly_contains(&d("2015-01-01")));
    assert!(p("2014-12-31/..").certainly_contains(&d("2014-12-31")));
}

// --- statuses -------------------------------------------------------------------------------

fn treaty(value: serde_json::Value) -> Treaty {
    serde_json::from_value(value).unwrap()
}

fn bilateral(eif: &str, actions: serde_json::Value) -> Treaty {
    treaty(json!({
        "id": "t", "name": "T", "short_name": "T", "kind": "multilateral",
        "opened": "2000-01-01", "entry_into_force": eif,
        "parties": [{"actor": "x", "actions": actions}]
    }))
}

#[test]
fn statuses_have_their_contract_names_and_a_certain_one_is_certain() {
    let names: Vec<&str> = [
        TreatyStatus::NotOpen,
        TreatyStatus::NotInForce,
        TreatyStatus::InForce,
        TreatyStatus::Ended(EndReason::Expiry),
    ]
    .iter()
    .map(TreatyStatus::as_str)
    .collect();
    assert_eq!(names, ["not-open", "not-in-force", "in-force", "ended"]);
    let t = bilateral("2001-06-01", json!([]));
    let status = t.status_on(&d("2002-01-01"));
    assert_eq!(status.certain(), Some(&TreatyStatus::InForce));
    assert_eq!(t.status_on(&d("2001")).certain(), None);
}

#[test]
fn a_year_precision_entry_into_force_is_uncertain_from_its_first_day() {
    // On 2019-01-01 a treaty in force "in 2019" may or may not be in force yet.
    let t = bilateral("2019", json!([]));
    assert_eq!(
        t.status_on(&d("2019-01-01")).possibilities(),
        [TreatyStatus::NotInForce, TreatyStatus::InForce]
    );
    assert_eq!(
        t.status_on(&d("2018-12-31")).certain(),
        Some(&TreatyStatus::NotInForce)
    );
    assert_eq!(
        t.status_on(&d("2020-01-01")).certain(),
        Some(&TreatyStatus::InForce)
    );
}

#[test]
fn acts_of_one_day_apply_in_the_order_they_must_have_happened_whatever_the_file_says() {
    let acts = [
        json!({"action": "signature", "date": "2005-03-01"}),
        json!({"action": "ratification", "date": "2005-03-01"}),
        json!({"action": "withdrawal-notice", "date": "2005-03-01"}),
        json!({"action": "withdrawal", "date": "2005-03-01"}),
    ];
    // Every rotation of the list, and the list reversed.
    let mut orders: Vec<Vec<serde_json::Value>> = (0..acts.len())
        .map(|i| acts[i..].iter().chain(&acts[..i]).cloned().collect())
        .collect();
    orders.push(acts.iter().rev().cloned().collect());
    for order in orders {
        let t = bilateral("2001-01-01", json!(order));
        assert_eq!(
            t.party_status_on("x", &d("2005-03-01")),
            Status::Certain(PartyStatus::Withdrawn),
            "{order:?}"
        );
        assert_eq!(t.is_bound_on("x", &d("2005-03-01")), Truth::No);
    }
}

#[test]
fn the_last_act_is_the_latest_certain_one_and_of_one_day_the_one_recorded_last() {
    let t = bilateral(
        "2001-01-01",
        json!([
            {"action": "signature", "date": "2000-06-01"},
            {"action": "ratification", "date": "2002"},
            {"action": "suspension", "date": "2010-05-05"},
            {"action": "withdrawal-notice", "date": "2010-05-05"}
        ]),
    );
    let last = |on: &str| t.last_act_on("x", &d(on)).map(|a| (a.action, a.date));
    assert_eq!(last("2000-05-31"), None);
    assert_eq!(
        last("2002-06-01"),
        Some((ActionKind::Signature, d("2000-06-01")))
    );
    assert_eq!(
        last("2003-01-01"),
        Some((ActionKind::Ratification, d("2002")))
    );
    assert_eq!(
        last("2010-05-05"),
        Some((ActionKind::WithdrawalNotice, d("2010-05-05")))
    );
    assert_eq!(
        t.last_act_on("nobody", &d("2010-05-05")).map(|a| a.action),
        None
    );
}

#[test]
fn bound_during_a_span_counts_the_day_a_reduced_precision_act_becomes_certain() {
    // In force "in 2019": certainly in force from 2020-01-01 on.
    let t = bilateral(
        "2019",
        json!([
            {"action": "signature", "date": "2000-06-01"},
            {"action": "ratification", "date": "2018-01-01"}
        ]),
    );
    assert_eq!(
        t.was_bound_during("x", day("2019-06-01"), day("2020-03-01")),
        Truth::Yes
    );
    assert_eq!(
        t.was_bound_during("x", day("2019-06-01"), day("2019-12-31")),
        Truth::Yes,
        "the span's last day is the first certain one: by 31 December it was in force"
    );
    assert_eq!(
        t.was_bound_during("x", day("2019-06-01"), day("2019-12-30")),
        Truth::Uncertain
    );
    assert_eq!(
        t.was_bound_during("x", day("2017-01-01"), day("2018-12-31")),
        Truth::No
    );
    // Bound from the ratification day: a span ending on it counts.
    let t = bilateral(
        "2001-01-01",
        json!([{"action": "ratification", "date": "2005-03-01"}]),
    );
    assert_eq!(
        t.was_bound_during("x", day("2004-01-01"), day("2005-03-01")),
        Truth::Yes
    );
    assert_eq!(
        t.was_bound_during("x", day("2004-01-01"), day("2005-02-28")),
        Truth::No
    );
}

#[test]
fn bound_spans_cover_every_day_and_change_exactly_where_the_answer_does() {
    // In force "in 2019" (possible from 1 January, certain on 31 December), ratified
    // 2018-01-01, withdrawn 2021-06-15.
    let t = bilateral(
        "2019",
        json!([
            {"action": "signature", "date": "2000-06-01"},
            {"action": "ratification", "date": "2018-01-01"},
            {"action": "withdrawal", "date": "2021-06-15"}
        ]),
    );
    let spans = t.bound_spans("x", day("2017-01-01"), day("2022-12-31"));
    assert_eq!(
        spans,
        [
            (day("2017-01-01"), day("2018-12-31"), Truth::No),
            (day("2019-01-01"), day("2019-12-30"), Truth::Uncertain),
            (day("2019-12-31"), day("2021-06-14"), Truth::Yes),
            (day("2021-06-15"), day("2022-12-31"), Truth::No),
        ]
    );
    // Each span's answer is the day-by-day answer of every one of its days.
    for (from, to, bound) in &spans {
        for n in *from..=*to {
            let date = Date::from_day_number(n).unwrap();
            assert_eq!(t.is_bound_on("x", &date), *bound, "{date}");
        }
    }
    // A span inside one answer is one piece; an empty range has none.
    assert_eq!(
        t.bound_spans("x", day("2020-02-01"), day("2020-03-01")),
        [(day("2020-02-01"), day("2020-03-01"), Truth::Yes)]
    );
    assert_eq!(t.bound_spans("x", day("2020-03-01"), day("2020-02-01")), []);
    assert_eq!(
        t.bound_spans("x", day("2020-03-01"), day("2020-03-01")),
        [(day("2020-03-01"), day("2020-03-01"), Truth::Yes)]
    );
}
