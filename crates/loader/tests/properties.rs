//! Property tests: the loader never panics on any input, and a record printed and read back
//! is the same record (`load(print(record)) == record`).

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a failed unwrap is a failed test

use proptest::prelude::*;
use treatywatch_loader::yaml::{Limits, LineIndex, parse};
use treatywatch_model::{Claim, Record, RecordKind};

fn parse_text(text: &str) -> treatywatch_loader::yaml::Parsed {
    parse(text, &LineIndex::new(text), Limits::default())
}

/// Text that looks like YAML: the characters that make its structure, and some that don't.
fn yamlish() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            Just("- ".to_string()),
            Just(": ".to_string()),
            Just("\n".to_string()),
            Just("  ".to_string()),
            Just("&a ".to_string()),
            Just("*a".to_string()),
            Just("[".to_string()),
            Just("]".to_string()),
            Just("{".to_string()),
            Just("}".to_string()),
            Just("\"".to_string()),
            Just("'".to_string()),
            Just("#".to_string()),
            Just("---\n".to_string()),
            Just("!!str ".to_string()),
            Just("? ".to_string()),
            Just("|\n".to_string()),
            "[a-z0-9é]{1,6}",
        ],
        0..60,
    )
    .prop_map(|parts| parts.concat())
}

fn claim() -> impl Strategy<Value = Claim> {
    (
        "[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,3}",
        1900u16..2100,
        1u8..=12,
        1u8..=28,
        "\\PC{1,40}",
        proptest::option::of("\\PC{0,40}"),
        proptest::collection::vec("[a-z]{1,8}", 0..3),
    )
        .prop_map(|(id, y, m, d, summary, quote, responds)| {
            let value = serde_json::json!({
                "id": id,
                "date": format!("{y:04}-{m:02}-{d:02}"),
                "claimant": "usa",
                "kind": "other",
                "summary": summary,
                "quote": quote,
                "sources": [{"source": "s", "locator": "p. 1"}],
                "responds_to": responds,
            });
            serde_json::from_value(value).unwrap()
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn the_loader_never_panics_and_every_problem_has_a_place(text in yamlish()) {
        let parsed = parse_text(&text);
        for p in &parsed.problems {
            prop_assert!(p.span.line >= 1 && p.span.column >= 1);
            prop_assert!(p.span.start as usize <= text.len() && p.span.end as usize <= text.len());
        }
    }

    #[test]
    fn formatting_never_panics_and_keeps_the_records(text in yamlish()) {
        let parsed = parse_text(&text);
        if let (Some(root), true) = (parsed.root, parsed.problems.is_empty()) {
            let records: Vec<&treatywatch_loader::Node> = match &root.value {
                treatywatch_loader::NodeValue::Seq(items) => items.iter().collect(),
                _ => vec![&root],
            };
            let out = treatywatch_loader::format::format_file(&text, &records, &["id", "b", "a"]);
            let again = parse_text(&out);
            prop_assert!(again.problems.is_empty(), "{out:?}: {:?}", again.problems);
            prop_assert_eq!(again.root.map(|r| r.to_json()), Some(root.to_json()));
        }
    }

    #[test]
    fn arbitrary_unicode_never_panics(text in "\\PC{0,200}") {
        let _ = parse_text(&text);
    }

    #[test]
    fn a_printed_record_loads_back_equal(claim in claim()) {
        // Printed as JSON (a YAML 1.2 document) and as YAML-style flow: both must round-trip.
        let printed = serde_json::to_string_pretty(&claim).unwrap();
        let parsed = parse_text(&printed);
        prop_assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
        let root = parsed.root.unwrap();
        let loaded = Record::from_value(RecordKind::Claim, &root.to_json()).unwrap();
        prop_assert_eq!(loaded, Record::Claim(claim));
    }
}
