//! The date a briefing or an export is made for when none is given.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a failed unwrap is a failed test

use treatywatch_model::Date;
use treatywatch_reporting::{default_as_of, latest_event};
use treatywatch_testkit as testkit;

const TREATY: &str = "id: t\nname: T\nshort_name: T\nkind: bilateral\nopened: 2010-04-08\nparties:\n  - actor: usa\n    actions: [{action: signature, date: 2010-04-08}]\n";

#[test]
fn the_default_date_is_the_latest_event_but_never_after_today() {
    let today = Date::parse("2026-11-28").unwrap();
    let dir = testkit::files(&[("treaties/t.yaml", TREATY.as_bytes())]);
    let data = testkit::load(dir.path());
    assert_eq!(default_as_of(&data, today).to_string(), "2010-04-08");
    let scheduled = format!("{TREATY}end: {{date: 2099-02-05, reason: expiry}}\n");
    let dir = testkit::files(&[("treaties/t.yaml", scheduled.as_bytes())]);
    let data = testkit::load(dir.path());
    assert_eq!(latest_event(&data).to_string(), "2099-02-05");
    assert_eq!(default_as_of(&data, today), today);
    // On the day itself, the event's day.
    let on_the_day = Date::parse("2099-02-05").unwrap();
    assert_eq!(default_as_of(&data, on_the_day), on_the_day);
}
