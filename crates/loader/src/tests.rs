//! Unit tests of the loader's entry points: listing and loading a data folder.

use super::*;
use std::fs;

fn write(dir: &Path, rel: &str, text: &str) {
    let path = dir.join(rel);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

#[test]
fn loads_one_record_and_list_files_and_reports_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        root,
        "actors/usa.yaml",
        "id: usa\nname: United States\nkind: state\n",
    );
    write(
        root,
        "actors/list.yaml",
        "- id: rus\n  name: Russia\n  kind: state\n- id: sun\n  name: USSR\n  kind: state\n",
    );
    write(root, "actors/notes.txt", "hello");
    write(root, "README.md", "# data");
    write(root, "LICENSE", "CC BY 4.0");
    write(root, "claims/README.md", "# not the data folder's own");
    write(root, "claims/broken.yaml", "id: [\n");
    write(root, "texts/usa.txt", "The text of a source.\n");
    write(root, "texts/notes.md", "not a text");
    write(root, "claims/texts/usa.txt", "not the texts folder");
    let data = load(root, Limits::default()).unwrap();
    let ids: Vec<_> = data.records.iter().filter_map(|r| r.id()).collect();
    assert_eq!(ids, ["rus", "sun", "usa"]);
    assert!(data.records.iter().all(|r| r.record.is_some()));
    assert!(data.records[0].in_list && !data.records[2].in_list);
    let rules: Vec<_> = data
        .problems
        .iter()
        .map(|d| {
            (
                d.kind,
                data.files[d.file]
                    .path
                    .rsplit('/')
                    .next()
                    .unwrap()
                    .to_string(),
            )
        })
        .collect();
    assert!(
        rules.contains(&(ProblemKind::Ignored, "notes.txt".into())),
        "{rules:?}"
    );
    // The data folder's own README and licence are documentation; a README elsewhere is
    // a stray file.
    assert_eq!(
        rules
            .iter()
            .filter(|(r, f)| *r == ProblemKind::Ignored && (f == "README.md" || f == "LICENSE"))
            .count(),
        1,
        "{rules:?}"
    );
    assert!(
        data.files
            .iter()
            .any(|f| f.path.ends_with("claims/README.md")),
        "{:?}",
        data.files
    );
    assert!(
        rules.contains(&(ProblemKind::Syntax, "broken.yaml".into())),
        "{rules:?}"
    );
    // texts/ holds archived texts, read as text; anything else there, and a texts/
    // folder inside a kind folder, is stray.
    let texts = data.archived_texts();
    assert_eq!(
        texts.get("usa").map(|&i| data.files[i].text.as_str()),
        Some("The text of a source.\n")
    );
    assert!(!texts.contains_key("rus"));
    assert_eq!(texts.len(), 1, "{texts:?}");
    assert!(
        rules.contains(&(ProblemKind::Ignored, "notes.md".into())),
        "{rules:?}"
    );
    assert_eq!(
        rules
            .iter()
            .filter(|(r, f)| *r == ProblemKind::Ignored && f == "usa.txt")
            .count(),
        1,
        "{rules:?}"
    );
}

#[test]
fn temporaries_left_by_a_killed_write_are_skipped_silently() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "claims/.claims.yaml.4242-0.tmp", "- id: [");
    write(dir.path(), "claims/.claims.yaml.tmp", "x");
    let data = load(dir.path(), Limits::default()).unwrap();
    let names: Vec<&str> = data.files.iter().map(|f| f.path.as_str()).collect();
    assert_eq!(names.len(), 1, "{names:?}");
    assert!(names[0].ends_with("claims/.claims.yaml.tmp"), "{names:?}");
}

#[test]
fn a_missing_folder_is_an_error_not_an_empty_dataset() {
    assert!(matches!(
        load(Path::new("/nonexistent/treatywatch"), Limits::default()),
        Err(LoadError::NotFound(_))
    ));
}

#[test]
fn invalid_utf8_is_reported_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("claims")).unwrap();
    fs::write(
        dir.path().join("claims/x.yaml"),
        b"id: a\nsummary: \xff\xfe\n",
    )
    .unwrap();
    let data = load(dir.path(), Limits::default()).unwrap();
    let d = &data.problems[0];
    assert_eq!(d.kind, ProblemKind::Syntax);
    assert_eq!(d.span.line, 2);
    assert!(d.message.contains("UTF-8"));
}

#[test]
fn a_bom_and_crlf_line_ends_are_read() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("actors")).unwrap();
    fs::write(
        dir.path().join("actors/usa.yaml"),
        "\u{feff}id: usa\r\nname: United States\r\nkind: state\r\n",
    )
    .unwrap();
    let data = load(dir.path(), Limits::default()).unwrap();
    assert!(data.problems.is_empty(), "{:?}", data.problems);
    let kind = data.records[0].node.get("kind").unwrap();
    assert_eq!((kind.span.line, kind.span.column), (3, 7));
}
