//! Every input the YAML fuzzer (`fuzz/`, target `yaml`) ever failed on, kept in
//! `tests/fuzz-regressions/yaml/` and checked against the same properties on every test run.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a failed unwrap is a failed test

use std::path::Path;

#[test]
fn every_saved_fuzz_failure_now_passes() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fuzz-regressions/yaml");
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).expect("the regression folder exists") {
        let path = entry.expect("readable entry").path();
        let bytes = std::fs::read(&path).expect("readable file");
        eprintln!("checking {}", path.display());
        treatywatch_loader::fuzzing::check_yaml(&bytes);
        seen += 1;
    }
    assert!(seen >= 2, "no saved inputs in {}", dir.display());
}

#[test]
fn a_lone_carriage_return_is_a_line_break_for_positions_and_for_fmt() {
    use treatywatch_loader::yaml::{LineIndex, parse};
    let text = "id: a\rname: b\r\nkind: state\n";
    let parsed = parse(
        text,
        &LineIndex::new(text),
        treatywatch_loader::Limits::default(),
    );
    let root = parsed.root.expect("a mapping");
    let kind = root.get("kind").expect("kind");
    assert_eq!((kind.span.line, kind.span.column), (3, 7));
    assert_eq!(&text[kind.span.range()], "state");
    let name = root.get("name").expect("name");
    assert_eq!(&text[name.span.range()], "b");
    let formatted =
        treatywatch_loader::format::format_file(text, &[&root], &["id", "kind", "name"]);
    assert_eq!(formatted, "id: a\nkind: state\nname: b\n");
}
