//! End-to-end: the real binary on the fixture datasets under `tests/fixtures/`.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a failed unwrap is a failed test

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

mod authoring;
mod bundled;
mod cache;
mod changes;
mod contributing;
mod editor;
mod exit_codes;
mod export;
mod import;
mod record;
mod site;
mod status;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

/// Runs `treatywatch ARGS` in the workspace root (so paths print as `tests/fixtures/…`).
fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_treatywatch"))
        .args(args)
        .current_dir(workspace())
        .env_remove("NO_COLOR")
        .output()
        .unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

const VALID: &str = "tests/fixtures/valid";

const PROBLEMS: &str = "tests/fixtures/problems";

use treatywatch_testkit::AS_OF;

#[test]
fn a_valid_dataset_exits_zero_with_its_findings() {
    let o = run(&["validate", "--data", VALID, "--as-of", AS_OF]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let out = stdout(&o);
    assert!(
        out.ends_with("0 errors, 0 warnings, 1 note in 5 files\n"),
        "{out}"
    );
    assert!(out.contains("note[status-contradiction]"), "{out}");
    assert!(!out.contains('\u{1b}'), "no colour when not on a terminal");
}

#[test]
fn human_output_of_many_problems() {
    let o = run(&["validate", "--data", PROBLEMS, "--as-of", AS_OF]);
    assert_eq!(o.status.code(), Some(1));
    insta::assert_snapshot!("problems_human", stdout(&o));
}

#[test]
fn json_output_of_many_problems() {
    let o = run(&[
        "validate", "--data", PROBLEMS, "--as-of", AS_OF, "--format", "json",
    ]);
    assert_eq!(o.status.code(), Some(1));
    let value: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let diagnostics = value["diagnostics"].as_array().unwrap();
    for d in diagnostics {
        for key in [
            "rule",
            "severity",
            "message",
            "file",
            "line",
            "column",
            "end_line",
            "end_column",
            "record",
            "pointer",
            "help",
        ] {
            assert!(d.get(key).is_some(), "{key} missing in {d}");
        }
    }
    // Sorted by file, line, column, rule.
    let keys: Vec<(String, u64, u64, String)> = diagnostics
        .iter()
        .map(|d| {
            (
                d["file"].as_str().unwrap().into(),
                d["line"].as_u64().unwrap(),
                d["column"].as_u64().unwrap(),
                d["rule"].as_str().unwrap().into(),
            )
        })
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
    insta::assert_json_snapshot!("problems_json", value);
}

#[test]
fn github_output_annotates_each_problem_and_prints_the_full_report() {
    let o = run(&[
        "validate", "--data", PROBLEMS, "--as-of", AS_OF, "--format", "github",
    ]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    let annotations: Vec<&str> = out
        .lines()
        .filter(|l| {
            l.starts_with("::error ") || l.starts_with("::warning ") || l.starts_with("::notice ")
        })
        .collect();
    let json = run(&[
        "validate", "--data", PROBLEMS, "--as-of", AS_OF, "--format", "json",
    ]);
    let value: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(
        annotations.len(),
        value["diagnostics"].as_array().unwrap().len()
    );
    assert!(annotations.contains(&"::error file=tests/fixtures/problems/claims/claims.yaml,line=2,col=9,endLine=2,endColumn=19,title=invalid-date::`2019-02-30` is not a real date: that month has no such day%0Ahelp: write YYYY, YYYY-MM or YYYY-MM-DD; if the day is not known, leave it out rather than guess"), "{out}");
    // The human report follows with workflow commands stopped, so echoed data cannot forge one.
    let stop = out
        .lines()
        .position(|l| l.starts_with("::stop-commands::"))
        .unwrap();
    let token = out
        .lines()
        .nth(stop)
        .unwrap()
        .trim_start_matches("::stop-commands::")
        .to_string();
    assert!(out.lines().last().unwrap() == format!("::{token}::"));
    assert!(out.contains("errors,"));
}

#[test]
fn sarif_output_validates_against_the_sarif_2_1_0_schema() {
    let o = run(&[
        "validate", "--data", PROBLEMS, "--as-of", AS_OF, "--format", "sarif",
    ]);
    assert_eq!(o.status.code(), Some(1));
    let sarif: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let schema_path = workspace().join("tests/reference/sarif-schema-2.1.0.json");
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(schema_path).unwrap()).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&sarif)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    let rules = sarif["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap();
    for r in results {
        let index = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], r["ruleId"]);
    }
    // What SARIF viewers and Microsoft's multitool expect: a readable name distinct from the
    // id (SARIF1001), and where to learn about the tool (SARIF2005).
    for rule in rules {
        let (name, id) = (rule["name"].as_str().unwrap(), rule["id"].as_str().unwrap());
        assert!(
            !name.eq_ignore_ascii_case(id),
            "{name} and {id} differ only in case"
        );
        assert!(
            rule["name"]
                .as_str()
                .unwrap()
                .chars()
                .all(char::is_alphanumeric)
        );
    }
    let uri = sarif["runs"][0]["tool"]["driver"]["informationUri"]
        .as_str()
        .unwrap();
    assert!(uri.starts_with("https://"), "{uri}");
    let mut ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    let count = ids.len();
    ids.dedup();
    assert_eq!(ids.len(), count, "one rule entry per rule used");
}

#[test]
fn deny_warnings_turns_warnings_into_exit_1() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&workspace().join(VALID), dir.path());
    // Lavrov spoke for Russia, not for the United States: `role-mismatch`, a warning.
    std::fs::write(
        dir.path().join("claims/warned.yaml"),
        "- id: lavrov-2019-02-02-for-usa\n  date: 2019-02-03\n  claimant: sergey-lavrov\n  on_behalf_of: usa\n  kind: other\n  summary: A claim.\n  sources: [{source: article-2019-02-03}]\n",
    )
    .unwrap();
    let data = dir.path().to_str().unwrap();
    assert_eq!(
        run(&["validate", "--data", data, "--as-of", AS_OF])
            .status
            .code(),
        Some(0)
    );
    assert_eq!(
        run(&[
            "validate",
            "--data",
            data,
            "--as-of",
            AS_OF,
            "--deny-warnings"
        ])
        .status
        .code(),
        Some(1)
    );
}

#[test]
fn a_missing_folder_and_a_bad_flag_exit_2() {
    let o = run(&["validate", "--data", "tests/fixtures/does-not-exist"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("does not exist"), "{}", stderr(&o));
    assert_eq!(run(&["validate", "--no-such-flag"]).status.code(), Some(2));
    assert_eq!(
        run(&["validate", "--as-of", "2019-02-30"]).status.code(),
        Some(2)
    );
    assert_eq!(run(&["validate", "--format", "xml"]).status.code(), Some(2));
}
