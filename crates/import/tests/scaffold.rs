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

use strum::VariantNames;
use treatywatch_import::scaffold::write_new;
use treatywatch_model::ClaimKind;

/// A comment in the claim skeleton lists every kind of claim, from the model.
#[test]
fn the_skeleton_lists_the_models_values() {
    let text = skeleton(RecordKind::Claim, "x-1");
    assert!(text.contains(&ClaimKind::VARIANTS.join(" | ")), "{text}");
}

fn set(values: &[&str]) -> Vec<String> {
    values.iter().map(|v| v.to_string()).collect()
}

/// `new`: the skeleton written under the kind's folder, its placeholders filled from
/// `--set` and from answers (an empty answer keeps one), a placeholder left as it is when
/// nothing fills it; never over an existing file, never with an invalid id or an unknown
/// field.
#[test]
fn write_new_fills_what_it_is_given_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let mut asked = Vec::new();
    let mut answer = |p: &treatywatch_import::scaffold::Placeholder| {
        asked.push(p.key.clone());
        (p.key == "claimant").then(|| "sergey-lavrov".to_string())
    };
    let path = write_new(
        dir.path(),
        RecordKind::Claim,
        "x-2019-02-01",
        &set(&["date=2019-02-01", " treaty = inf "]),
        Some(&mut answer),
    )
    .unwrap();
    assert_eq!(path, dir.path().join("claims/x-2019-02-01.yaml"));
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("\nid: x-2019-02-01\n"), "{text}");
    assert!(text.contains("\ndate: 2019-02-01\n"), "{text}");
    assert!(text.contains("\ntreaty: inf\n"), "{text}");
    assert!(text.contains("\nclaimant: sergey-lavrov\n"), "{text}");
    // Asked for what --set did not give, each once; the accused left as a placeholder.
    assert!(!asked.contains(&"date".to_string()), "{asked:?}");
    assert!(asked.contains(&"accused".to_string()), "{asked:?}");
    let mut unique = asked.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), asked.len(), "{asked:?}");
    assert!(text.contains("accused: todo-actor"), "{text}");
    // Without answers, every placeholder not set stays.
    let plain = write_new(dir.path(), RecordKind::Source, "s-1", &[], None).unwrap();
    let source = std::fs::read_to_string(plain).unwrap();
    assert_eq!(
        placeholders(&source).len(),
        placeholders(&skeleton(RecordKind::Source, "s-1")).len()
    );

    // Refused: the same id again (the file is left as it was), a bad id, an unknown field,
    // a value without `=`.
    let again = write_new(dir.path(), RecordKind::Claim, "x-2019-02-01", &[], None);
    assert!(again.unwrap_err().contains("already exists"));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
    let bad = write_new(dir.path(), RecordKind::Claim, "Not-An-Id", &[], None);
    assert!(bad.unwrap_err().contains("not a valid id"));
    let unknown = write_new(
        dir.path(),
        RecordKind::Actor,
        "a-1",
        &set(&["colour=red"]),
        None,
    );
    assert!(unknown.unwrap_err().contains("`colour` is not a field"));
    let shapeless = write_new(
        dir.path(),
        RecordKind::Actor,
        "a-2",
        &set(&["colour"]),
        None,
    );
    assert!(shapeless.unwrap_err().contains("key=value"));
    assert!(
        !dir.path().join("actors").exists(),
        "nothing written when refused"
    );
}

/// A URL and an id are written plain; text with spaces is quoted, so YAML reads it back as
/// written.
#[test]
fn filled_values_read_back_as_written() {
    let text = skeleton(RecordKind::Source, "s-1");
    let url = placeholders(&text)
        .into_iter()
        .find(|p| p.key == "url")
        .unwrap();
    let filled = fill(&text, &url, "https://example.org/a?b=c");
    assert!(
        filled.contains("\nurl: https://example.org/a?b=c\n"),
        "{filled}"
    );
    let spaced = fill(&text, &url, "https://example.org/a b");
    assert!(
        spaced.contains("\nurl: \"https://example.org/a b\"\n"),
        "{spaced}"
    );
}
