//! Typed records read straight from the tree (`treatywatch_loader::de`) are the records that
//! `serde_json` makes from the same values, for every record of the bundled data and the
//! test fixtures, and for values that do not fit the model (both refuse them).

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a failed unwrap is a failed test

use std::path::Path;

use treatywatch_loader::yaml::{LineIndex, parse};
use treatywatch_loader::{Limits, load};
use treatywatch_model::{Record, RecordKind};

#[test]
fn every_bundled_record_reads_the_same_as_through_json() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut compared = 0;
    for dir in ["data", "tests/fixtures/valid", "tests/fixtures/problems"] {
        let data = load(&root.join(dir), Limits::default()).expect("the folder loads");
        for r in &data.records {
            let through_json = Record::from_value(r.kind, &r.node.to_json()).ok();
            assert_eq!(r.record, through_json, "{dir}: {:?}", r.id());
            compared += 1;
        }
    }
    assert!(compared > 150, "{compared}");
}

#[test]
fn nan_and_infinity_read_as_null_as_through_json() {
    for text in [
        "id: a\nname: n\nkind: state\nnote: .nan\n",
        "id: a\nname: n\nkind: state\nnote: -.inf\n",
        "id: a\nname: .nan\nkind: state\n",
    ] {
        let node = parse(text, &LineIndex::new(text), Limits::default())
            .root
            .expect("a mapping");
        let direct = Record::deserialize_kind(RecordKind::Actor, &node).ok();
        let through_json = Record::from_value(RecordKind::Actor, &node.to_json()).ok();
        assert_eq!(direct, through_json, "{text}");
    }
}

#[test]
fn values_that_do_not_fit_are_refused_both_ways() {
    for text in [
        "id: a\nname: n\nkind: planet\n",
        "id: a\nname: [n]\nkind: state\n",
        "id: 5\nname: n\nkind: state\n",
        "id: a\nname: n\nkind: state\nextra: 1\n",
        "id: a\nkind: state\n",
        "id: a\nname: n\nkind: {state: 1}\n",
    ] {
        let node = parse(text, &LineIndex::new(text), Limits::default())
            .root
            .expect("a mapping");
        let direct = Record::deserialize_kind(RecordKind::Actor, &node).ok();
        let through_json = Record::from_value(RecordKind::Actor, &node.to_json()).ok();
        assert_eq!(direct, None, "{text}");
        assert_eq!(through_json, None, "{text}");
    }
}
