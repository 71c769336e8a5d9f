//! `new`'s skeletons against the model: every field a skeleton names (filled in, or shown
//! commented out) is a field of its kind, and every field the kind requires is filled in, so
//! the hand-written hints cannot drift from the schema.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a failed unwrap is a failed test

use treatywatch_import::scaffold::{fill, placeholders, skeleton};
use treatywatch_model::RecordKind;

/// The top-level keys of a skeleton: (key, filled in) — commented-out fields too.
fn keys(text: &str) -> Vec<(String, bool)> {
    text.lines()
        .filter_map(|line| {
            let (body, filled) = match line.strip_prefix("# ") {
                Some(rest) => (rest, false),
                None => (line, true),
            };
            let (key, _) = body.split_once(':')?;
            let is_key =
                !key.is_empty() && key.bytes().all(|b| b.is_ascii_lowercase() || b == b'_');
            is_key.then(|| (key.to_string(), filled))
        })
        .collect()
}

#[test]
fn every_skeleton_names_only_its_kinds_fields_and_fills_every_required_one() {
    for kind in RecordKind::ALL {
        let text = skeleton(kind, "x-1");
        let fields = kind.field_order();
        let keys = keys(&text);
        assert!(keys.len() >= 3, "{kind:?}: {text}");
        for (key, _) in &keys {
            assert!(
                fields.contains(key),
                "{kind:?}: `{key}` is not a field: {fields:?}"
            );
        }
        for required in kind.required_fields() {
            assert!(
                keys.iter().any(|(k, filled)| *k == required && *filled),
                "{kind:?}: `{required}` is required but not filled in:\n{text}"
            );
        }
    }
}

#[test]
fn a_placeholder_filled_is_written_plain_or_quoted() {
    let text = skeleton(RecordKind::Claim, "x-1");
    let date = placeholders(&text)
        .into_iter()
        .find(|p| p.key == "date")
        .unwrap();
    let filled = fill(&text, &date, "2019-02-01");
    assert!(filled.contains("\ndate: 2019-02-01\n"), "{filled}");
    let summary = placeholders(&filled)
        .into_iter()
        .find(|p| p.key == "summary")
        .unwrap();
    let filled = fill(&filled, &summary, "It said: \"no\" # not a comment");
    assert!(
        filled.contains("\nsummary: \"It said: \\\"no\\\" # not a comment\"\n"),
        "{filled}"
    );
    // Each placeholder filled is one fewer.
    assert_eq!(placeholders(&filled).len() + 2, placeholders(&text).len());
}
