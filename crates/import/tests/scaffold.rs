//! `new`'s drafts against the model: every field a draft names (set, a placeholder, or shown
//! commented out) is a field of its kind, in the model's order; every field the kind (and the
//! claim's kind) requires is there; values are checked by their field's shape and read back
//! as written; nothing is written over an existing file.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a failed unwrap is a failed test

use treatywatch_import::scaffold::{Draft, Shape, fields, write_new};
use treatywatch_loader::{Limits, NodeValue};
use treatywatch_model::RecordKind;

/// The top-level keys of a draft's text: (key, written as a field, not a comment).
fn keys(text: &str) -> Vec<(String, bool)> {
    text.lines()
        .filter_map(|line| {
            let (body, filled) = match line.strip_prefix("# ") {
                Some(rest) => (rest, false),
                None => (line, true),
            };
            let (key, _) = body.split_once(':')?;
            let is_key = !key.is_empty()
                && key
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
            is_key.then(|| (key.to_string(), filled))
        })
        .collect()
}

/// The draft's text read back by the loader: its top-level values as JSON.
fn read(draft: &Draft) -> serde_json::Value {
    let text = draft.text();
    let parsed = treatywatch_loader::yaml::parse(
        &text,
        &treatywatch_loader::yaml::LineIndex::new(&text),
        Limits::default(),
    );
    assert!(parsed.problems.is_empty(), "{text}");
    let root = parsed.root.unwrap();
    assert!(matches!(root.value, NodeValue::Map(_)));
    root.to_json()
}

fn draft(kind: RecordKind, set: &[&str]) -> Draft {
    let mut draft = Draft::new(kind, "x-1").unwrap();
    let set: Vec<String> = set.iter().map(|s| s.to_string()).collect();
    draft.set_all(&set).unwrap();
    draft
}

#[test]
fn every_draft_names_its_kinds_fields_in_the_models_order_and_each_required_one() {
    for kind in RecordKind::ALL {
        let draft = draft(kind, &[]);
        let text = draft.text();
        let order = kind.field_order();
        let keys = keys(&text);
        let named: Vec<&str> = keys.iter().map(|(k, _)| k.as_str()).collect();
        let positions: Vec<usize> = named
            .iter()
            .map(|k| {
                order
                    .iter()
                    .position(|f| f == k)
                    .unwrap_or_else(|| panic!("{kind:?}: `{k}` is no field: {text}"))
            })
            .collect();
        assert!(
            positions.windows(2).all(|w| w[0] < w[1]),
            "{kind:?}: {text}"
        );
        // With no kind chosen, every field is shown: set, a placeholder, or a comment.
        assert_eq!(named.len(), order.len(), "{kind:?}: {text}");
        for required in kind.required_fields() {
            assert!(
                keys.contains(&(required.clone(), true)),
                "{kind:?}: `{required}` is required: {text}"
            );
        }
        // Read back: the id, and a placeholder for every needed field.
        let value = read(&draft);
        assert_eq!(value["id"], "x-1");
        for field in draft.missing() {
            let v = &value[field.name.as_str()];
            let shown = v.to_string();
            assert!(
                shown.contains("TODO") || shown.contains("todo-"),
                "{kind:?}.{}: {shown}",
                field.name
            );
        }
    }
}

/// A claim's kind decides what else it needs, and which fields of other kinds are left out.
#[test]
fn the_claims_kind_decides_its_fields() {
    let needed = |kind: &str| -> Vec<String> {
        let set = format!("kind={kind}");
        let draft = draft(RecordKind::Claim, &[&set]);
        draft.needed().iter().map(|f| f.name.clone()).collect()
    };
    let violation = needed("violation");
    assert!(violation.contains(&"treaty".into()) && violation.contains(&"accused".into()));
    let status = needed("status");
    assert!(status.contains(&"asserted_status".into()), "{status:?}");
    assert!(!status.contains(&"accused".into()), "{status:?}");
    let other = needed("other");
    assert!(!other.contains(&"treaty".into()), "{other:?}");
    assert_eq!(needed("other")[0], "kind", "the kind is asked first");

    let text = draft(RecordKind::Claim, &["kind=violation"]).text();
    assert!(!text.contains("asserted_status"), "{text}");
    assert!(text.contains("\naccused: todo-actor "), "{text}");
    let text = draft(RecordKind::Claim, &["kind=status"]).text();
    assert!(!text.contains("accused"), "{text}");
    assert!(text.contains("\n# party: "), "{text}");
    // No kind yet: the kind is a placeholder with its choices, and the treaty is asked for.
    let text = draft(RecordKind::Claim, &[]).text();
    assert!(
        text.contains("\nkind: TODO                      # violation | compliance | status"),
        "{text}"
    );
    assert!(text.contains("\ntreaty: todo-treaty "), "{text}");
}

#[test]
fn values_are_checked_by_their_fields_shape() {
    let mut draft = Draft::new(RecordKind::Claim, "x-1").unwrap();
    let refused = |draft: &mut Draft, pair: &str| -> String {
        draft.set_all(&[pair.to_string()]).unwrap_err()
    };
    assert!(refused(&mut draft, "date=2019-02-30").contains("no such day"));
    assert!(refused(&mut draft, "kind=statuss").contains("did you mean `status`?"));
    assert!(refused(&mut draft, "claimant=Sergey Lavrov").contains("is not an id"));
    assert!(refused(&mut draft, "source=https://example.org").contains("is not an id"));
    let unknown = refused(&mut draft, "colour=blue");
    assert!(unknown.contains("`colour` is not a field"), "{unknown}");
    assert!(
        unknown.contains("on_behalf_of") && unknown.contains("sources"),
        "{unknown}"
    );
    assert!(refused(&mut draft, "no-equals-sign").contains("key=value"));
    assert!(Draft::new(RecordKind::Claim, "Not An Id").is_err());
    let mut source = Draft::new(RecordKind::Source, "s-1").unwrap();
    assert!(refused(&mut source, "url=example.org").contains("http(s) URL"));
    // Nothing refused was kept.
    assert_eq!(
        draft.text(),
        Draft::new(RecordKind::Claim, "x-1").unwrap().text()
    );
}

/// Lists take several values, comma-separated or repeated; `source` and `locator` fill the
/// first citation; every value reads back as written (quoted where YAML would misread it).
#[test]
fn values_read_back_as_written() {
    let draft = draft(
        RecordKind::Claim,
        &[
            "kind=status",
            "date=2019",
            "asserted_non_parties=isr, ind",
            "asserted_non_parties=pak",
            "quote=we did everything: \"to save it\" # really",
            "source=kremlin-2019-02-02",
            "sources=article-2019-02-03",
            "locator=paragraph 9",
            "on_behalf_of=rus",
        ],
    );
    let value = read(&draft);
    assert_eq!(value["kind"], "status");
    assert_eq!(value["date"], 2019);
    assert_eq!(
        value["asserted_non_parties"],
        serde_json::json!(["isr", "ind", "pak"])
    );
    assert_eq!(value["quote"], "we did everything: \"to save it\" # really");
    assert_eq!(
        value["sources"],
        serde_json::json!([
            {"source": "article-2019-02-03", "locator": "paragraph 9"},
            {"source": "kremlin-2019-02-02"}
        ])
    );
    assert_eq!(value["on_behalf_of"], "rus");
    assert_eq!(
        draft.value("asserted_non_parties").unwrap(),
        "isr, ind, pak"
    );
    let url = "https://example.org/a?b=c";
    let value = read(&{
        let mut d = Draft::new(RecordKind::Source, "s-1").unwrap();
        d.set("url", url).unwrap();
        d.set("archived_url", "https://example.org/a b#c").unwrap();
        d
    });
    assert_eq!(value["url"], url);
    assert_eq!(value["archived_url"], "https://example.org/a b#c");
}

/// The fields come from the schema: what they name, and their shapes.
#[test]
fn fields_know_what_they_name() {
    let claim = fields(RecordKind::Claim);
    let field = |name: &str| claim.iter().find(|f| f.name == name).unwrap();
    assert_eq!(field("claimant").expected.unwrap().noun(), "actor");
    assert_eq!(field("treaty").expected.unwrap().noun(), "treaty");
    assert_eq!(field("sources").shape, Shape::Citations);
    assert_eq!(field("sources").expected.unwrap().noun(), "source");
    assert_eq!(field("responds_to").shape, Shape::Ids);
    assert_eq!(field("responds_to").expected.unwrap().noun(), "claim");
    assert!(matches!(&field("kind").shape, Shape::Choice(c) if c.len() == 5));
    assert_eq!(field("assessment").shape, Shape::Nested);
    assert!(field("summary").required && !field("quote").required);
}

#[test]
fn a_draft_is_written_whole_and_never_over_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let draft = draft(RecordKind::Claim, &["kind=other", "date=2019-02-01"]);
    let path = write_new(dir.path(), &draft).unwrap();
    assert_eq!(path, dir.path().join("claims/x-1.yaml"));
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(text, draft.text());
    let other = self::draft(RecordKind::Claim, &["kind=violation"]);
    assert!(
        write_new(dir.path(), &other)
            .unwrap_err()
            .contains("already exists")
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
}

/// Every shape a field can have is read from the schema and checked when set; a value set
/// again replaces a single one and joins a list; an emptied or unset field is missing again.
#[test]
fn each_shape_is_read_checked_and_set() {
    let treaty = fields(RecordKind::Treaty);
    let shape_of = |fields: &[treatywatch_import::scaffold::Field], name: &str| {
        fields
            .iter()
            .find(|f| f.name == name)
            .unwrap()
            .shape
            .clone()
    };
    assert_eq!(shape_of(&treaty, "withdrawal_notice"), Shape::Duration);
    assert_eq!(shape_of(&treaty, "parties_complete"), Shape::Flag);
    assert_eq!(shape_of(&treaty, "opened"), Shape::Date);
    assert_eq!(shape_of(&treaty, "text_url"), Shape::Url);
    let source = fields(RecordKind::Source);
    assert_eq!(shape_of(&source, "authors"), Shape::Texts);
    assert_eq!(shape_of(&source, "title"), Shape::Text);
    let claim = fields(RecordKind::Claim);
    assert_eq!(shape_of(&claim, "period"), Shape::Period);
    let quote = claim.iter().find(|f| f.name == "quote").unwrap();
    assert_eq!(
        quote.description,
        "The verbatim words, as short as makes the point."
    );
    assert!(
        quote.example.as_deref().is_some_and(|e| e.len() > 10),
        "{quote:?}"
    );

    let mut draft = Draft::new(RecordKind::Treaty, "t-1").unwrap();
    assert!(draft.set("withdrawal_notice", "six months").is_err());
    draft.set("withdrawal_notice", "P6M").unwrap();
    assert!(draft.set("parties_complete", "maybe").is_err());
    draft.set("parties_complete", "true").unwrap();
    assert_eq!(draft.value("parties_complete").as_deref(), Some("true"));
    let settable = draft.settable();
    assert!(!settable.contains(&"id".to_string()), "{settable:?}");
    assert!(!settable.contains(&"parties".to_string()), "{settable:?}");
    assert!(
        settable.contains(&"source".to_string()),
        "a treaty cites sources too"
    );

    let mut draft = Draft::new(RecordKind::Claim, "c-1").unwrap();
    assert!(draft.set("period", "1999/2014x").is_err());
    draft.set("date", "2019").unwrap();
    draft.set("date", "2019-02-02").unwrap();
    assert_eq!(draft.value("date").as_deref(), Some("2019-02-02"));
    draft.set("responds_to", "a-1").unwrap();
    draft.set("responds_to", "b-1").unwrap();
    assert_eq!(draft.value("responds_to").as_deref(), Some("a-1, b-1"));
    draft.set("locator", "paragraph 3, line 2").unwrap();
    let missing =
        |d: &Draft| -> Vec<String> { d.missing().iter().map(|f| f.name.clone()).collect() };
    assert!(!missing(&draft).contains(&"date".to_string()));
    assert!(missing(&draft).contains(&"sources".to_string()));
    draft.set("source", "s-1").unwrap();
    assert!(
        !missing(&draft).contains(&"sources".to_string()),
        "a source fills the citations"
    );
    draft.set("date", "").unwrap();
    assert!(missing(&draft).contains(&"date".to_string()), "emptied");
    draft.set("summary", "Said.").unwrap();
    draft.unset("summary");
    assert_eq!(draft.value("summary"), None);
    assert!(missing(&draft).contains(&"summary".to_string()));
    assert_eq!(
        treatywatch_import::scaffold::relative_path(&draft),
        std::path::Path::new("claims/c-1.yaml")
    );
}
