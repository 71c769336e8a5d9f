//! What the schema rule says for each kind of shape error a contributor makes: the message,
//! the hint and the place, one snapshot for all of them (`snapshots/schema_messages__*.snap`).

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a failed unwrap is a failed test

use std::path::Path;

use treatywatch_model::RuleName;

fn base(path: &str) -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/base")
            .join(path),
    )
    .unwrap()
}

const SHAPES: &str = "\
- id: wrong-enum
  date: 2019-02-02
  claimant: usa
  kind: violaton
  summary: A misspelt kind.
  sources: [{source: kremlin-2019-02-02}]
- id: Bad Id
  date: 2019-02-02
  claimant: usa
  kind: other
  summary: An id with capitals and a space.
  sources: [{source: kremlin-2019-02-02}]
- id: wrong-type
  date: 2019-02-02
  claimant: usa
  kind: other
  summary: [a, list]
  sources: {source: kremlin-2019-02-02}
- id: no-sources
  date: 2019-02-02
  claimant: usa
  kind: other
  summary: ''
  sources: []
- {}
- id: named-claimant
  date: 2019-02-02
  claimant: Sergey Lavrov
  kind: other
  summary: A claimant written as a name.
  sources: [{source: kremlin-2019-02-02}]
- id: '???'
  date: 2019-02-02
  claimant: usa
  kind: other
  summary: An id with nothing to suggest.
  sources: [{source: kremlin-2019-02-02}]
  responds_to: [Not An Id]
- id: too-long
  date: 2019-02-02
  claimant: usa
  kind: other
  summary: LONG
  sources: [{source: kremlin-2019-02-02}]
";

const SOURCE: &str = "\
- id: no-scheme
  title: A URL without its scheme
  kind: news
  publisher: P
  published: 2019
  url: example.org/article
  language: English
";

#[test]
fn each_shape_error_reads_as_a_fix() {
    let dir = tempfile::tempdir().unwrap();
    let long = "x".repeat(2001);
    let files = [
        (
            "actors/actors.yaml",
            base("actors/actors.yaml")
                + "- {id: ruritania, name: Ruritania, kind: state, iso3166: rur, wikidata: 159}\n",
        ),
        ("treaties/inf.yaml", base("treaties/inf.yaml")),
        (
            "sources/sources.yaml",
            base("sources/sources.yaml") + SOURCE,
        ),
        ("claims/shapes.yaml", SHAPES.replace("LONG", &long)),
    ];
    for (path, text) in &files {
        let full = dir.path().join(path);
        std::fs::create_dir_all(full.parent().unwrap()).unwrap();
        std::fs::write(full, text).unwrap();
    }
    let (data, outcome) = treatywatch_testkit::validate(dir.path());
    let lines: Vec<String> = outcome
        .diagnostics
        .iter()
        .filter(|d| d.rule == RuleName::Schema)
        .map(|d| {
            let file = data.files[d.file].path.rsplit('/').next().unwrap_or("");
            format!(
                "{file}:{}:{} {}{}",
                d.span.line,
                d.span.column,
                d.message.replace(&long, "<2001 x>"),
                d.help
                    .as_ref()
                    .map_or(String::new(), |h| format!("\n    help: {h}"))
            )
        })
        .collect();
    insta::assert_snapshot!("shapes", lines.join("\n"));
    // References that are not ids are reported once, as unknown ids, with the dataset's
    // hint (a name gets the id it names), not also as malformed ids.
    let unknown: Vec<(u32, Option<&str>)> = outcome
        .diagnostics
        .iter()
        .filter(|d| d.rule == RuleName::UnknownReference)
        .map(|d| (d.span.line, d.help.as_deref()))
        .collect();
    assert!(
        unknown.contains(&(
            28,
            Some("did you mean `sergey-lavrov`? (`Sergey Lavrov` is its name; a reference names the id)")
        )),
        "{unknown:?}"
    );
    assert!(unknown.iter().any(|(line, _)| *line == 38), "{unknown:?}");
}
