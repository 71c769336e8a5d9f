//! End-to-end: the real binary on the fixture datasets under `tests/fixtures/`.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a failed unwrap is a failed test

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

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

const VALID: &str = "tests/fixtures/valid";
const PROBLEMS: &str = "tests/fixtures/problems";
const AS_OF: &str = "2026-11-27";

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
    std::fs::write(dir.path().join("claims/notes.txt"), "x").unwrap();
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

/// `status --format json` carries the same facts as the table, for programs.
#[test]
fn status_as_json_has_the_same_facts_as_the_table() {
    let args = |format: &str| {
        run(&[
            "status",
            "inf",
            "--data",
            VALID,
            "--as-of",
            "2019-03-01",
            "--format",
            format,
        ])
    };
    let o = args("json");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(json["treaty"], "inf");
    assert_eq!(json["as_of"], "2019-03-01");
    assert_eq!(json["status"], "in-force");
    assert_eq!(json["possible_statuses"], serde_json::json!(["in-force"]));
    assert_eq!(json["end"]["reason"], "withdrawal");
    let text = stdout(&args("text"));
    let parties = json["parties"].as_array().unwrap();
    assert!(!parties.is_empty());
    for p in parties {
        let actor = p["actor"].as_str().unwrap();
        let row = text
            .lines()
            .find(|l| l.starts_with(&format!("{actor} ")))
            .unwrap();
        let cells: Vec<&str> = row
            .split("  ")
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .collect();
        assert_eq!(cells[2], p["status"], "{row}");
        assert_eq!(cells[3], p["bound"], "{row}");
    }
    let usa = parties.iter().find(|p| p["actor"] == "usa").unwrap();
    assert_eq!(usa["bound"], "no", "suspended on 2019-02-02");
    assert_eq!(usa["last_act"]["date"], "2019-02-02");
}

#[test]
fn status_of_inf_before_and_at_the_withdrawal() {
    let o = run(&["status", "inf", "--data", VALID, "--as-of", "2019-03-01"]);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert!(
        out.starts_with("INF Treaty (inf) on 2019-03-01: in-force\n"),
        "{out}"
    );
    let row = |actor: &str| {
        out.lines()
            .find(|l| l.starts_with(&format!("{actor} ")))
            .unwrap()
            .to_string()
    };
    assert!(row("usa").contains("suspended"), "{out}");
    assert!(row("rus").contains(" party "), "{out}");
    assert!(row("rus").contains(" yes "), "{out}");
    assert!(
        row("sun").contains("succeeded"),
        "the USSR was succeeded in 1991: {out}"
    );
    let o = run(&["status", "inf", "--data", VALID, "--as-of", "2019-08-02"]);
    let out = stdout(&o);
    assert!(
        out.starts_with("INF Treaty (inf) on 2019-08-02: ended (withdrawal)\n"),
        "{out}"
    );
    assert!(
        out.lines()
            .any(|l| l.starts_with("usa ") && l.contains("withdrawn")),
        "{out}"
    );
    let o = run(&["status", "nope", "--data", VALID]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("known: inf, start-ii"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn rules_and_explain() {
    let o = run(&["rules"]);
    assert_eq!(o.status.code(), Some(0));
    let names: Vec<String> = stdout(&o)
        .lines()
        .map(|l| l.split_whitespace().next().unwrap().to_string())
        .collect();
    assert!(names.len() >= 21);
    for name in &names {
        let o = run(&["explain", name]);
        assert_eq!(o.status.code(), Some(0));
        let out = stdout(&o);
        for section in [
            "## What it checks",
            "## Why it matters",
            "## Example",
            "## Fix",
        ] {
            assert!(out.contains(section), "{name}: {section}");
        }
    }
    let o = run(&["explain", "no-such-rule"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn committed_schemas_match_the_model() {
    let o = run(&["schema", "--check"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let dir = tempfile::tempdir().unwrap();
    let o = run(&["schema", "--check", "--dir", dir.path().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "an empty folder is out of date");
}

#[test]
fn the_bundled_data_has_no_errors_and_no_warnings() {
    let o = run(&["validate", "--as-of", AS_OF, "--deny-warnings"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
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

#[test]
fn bundled_treaty_statuses_on_the_day_of_the_seed_article() {
    // The record as it stood on 2019-02-03, the day the seed article was published.
    let expected = [
        ("inf", "in-force"),
        ("abm", "ended (withdrawal)"),
        ("npt", "in-force"),
        ("ctbt", "not-in-force"),
        ("start-i", "ended (expiry)"),
        ("start-ii", "not-in-force"),
        ("new-start", "in-force"),
        ("sort", "ended (superseded)"),
    ];
    for (treaty, status) in expected {
        let o = run(&["status", treaty, "--as-of", "2019-02-03"]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let first = stdout(&o).lines().next().unwrap().to_string();
        assert!(
            first.ends_with(&format!("on 2019-02-03: {status}")),
            "{first}"
        );
    }
    // The US had suspended its INF obligations the day before; Russia had not yet.
    let inf = stdout(&run(&["status", "inf", "--as-of", "2019-02-03"]));
    assert!(
        inf.lines()
            .any(|l| l.starts_with("usa ") && l.contains("suspended")),
        "{inf}"
    );
    assert!(
        inf.lines()
            .any(|l| l.starts_with("rus ") && l.contains(" party ")),
        "{inf}"
    );
}

#[test]
fn the_seed_articles_wrong_statements_are_findings() {
    let o = run(&["validate", "--as-of", AS_OF, "--format", "json"]);
    let value: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let notes: Vec<(String, String)> = value["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["severity"] == "note")
        .map(|d| {
            (
                d["rule"].as_str().unwrap().to_string(),
                d["record"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert!(
        notes.contains(&(
            "status-contradiction".into(),
            "lendman-2019-02-03-start-i-in-force".into()
        )),
        "{notes:?}"
    );
    assert!(
        notes.contains(&(
            "status-contradiction".into(),
            "lendman-2019-02-03-start-ii-in-force".into()
        )),
        "{notes:?}"
    );
    // "They agreed to continue observing its terms": START I, in 2019, had ended.
    assert!(
        notes.contains(&(
            "status-contradiction".into(),
            "lendman-2019-02-03-start-i-terms-observed".into()
        )),
        "{notes:?}"
    );
    // NATO, accused of breaching the NPT, is not a party; but the accusation's substance is
    // about its members' conduct, so the note is allowed with a reason, not shown as a finding.
    assert!(
        !notes.iter().any(|(rule, _)| rule == "accused-not-bound"),
        "{notes:?}"
    );
    let o = run(&["validate", "--as-of", AS_OF, "--show-allowed"]);
    let shown = stdout(&o);
    assert!(shown.contains("accused-not-bound"), "{shown}");
    // "New START expires in 2021", said in 2019, agrees with the record of 2019.
    assert!(
        !notes.iter().any(|(rule, _)| rule == "end-contradiction"),
        "{notes:?}"
    );
}

#[test]
fn new_writes_a_skeleton_that_validates_once_filled_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&workspace().join(VALID), dir.path());
    let data = dir.path().to_str().unwrap();
    let o = run(&["new", "claim", "lavrov-2019-02-02-new", "--data", data]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let path = dir.path().join("claims/lavrov-2019-02-02-new.yaml");
    let skeleton = std::fs::read_to_string(&path).unwrap();
    // Unfilled, every placeholder is an error on its own line.
    let o = run(&[
        "validate", "--data", data, "--as-of", AS_OF, "--format", "json",
    ]);
    assert_eq!(o.status.code(), Some(1));
    let value: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let lines: Vec<u64> = value["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| {
            d["file"]
                .as_str()
                .unwrap()
                .ends_with("lavrov-2019-02-02-new.yaml")
        })
        .map(|d| d["line"].as_u64().unwrap())
        .collect();
    assert!(lines.len() >= 4, "{value}");
    // Filled in, it is valid.
    let filled = skeleton
        .replace("date: TODO", "date: 2019-02-02")
        .replace("claimant: todo-actor", "claimant: sergey-lavrov")
        .replace("treaty: todo-treaty", "treaty: inf")
        .replace("accused: todo-actor", "accused: usa")
        .replace("source: todo-source", "source: article-2019-02-03")
        .replace("TODO: the exact words, short", "we did everything we could")
        .replace(
            "TODO: one neutral sentence stating what is claimed",
            "Lavrov said Russia had tried to save the treaty.",
        )
        .replace("TODO: paragraph, page or timestamp", "paragraph 9");
    std::fs::write(&path, &filled).unwrap();
    let o = run(&["validate", "--data", data, "--as-of", AS_OF]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    // A second `new` with the same id changes nothing.
    let o = run(&["new", "claim", "lavrov-2019-02-02-new", "--data", data]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("already exists"));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), filled);
    for kind in ["source", "actor", "treaty"] {
        let o = run(&["new", kind, &format!("new-{kind}"), "--data", data]);
        assert_eq!(o.status.code(), Some(0), "{kind}: {}", stderr(&o));
    }
    assert_eq!(
        run(&["new", "claim", "Not An Id", "--data", data])
            .status
            .code(),
        Some(2)
    );
}

fn git(repo: &Path, args: &[&str]) {
    let ok = Command::new("git")
        .args([
            "-c",
            "user.name=t",
            "-c",
            "user.email=t@example.org",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .current_dir(repo)
        .output()
        .unwrap();
    assert!(
        ok.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&ok.stderr)
    );
}

#[test]
fn diff_against_a_git_revision_and_a_folder() {
    let repo = tempfile::tempdir().unwrap();
    let data = repo.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    copy_dir(&workspace().join(VALID), &data);
    git(repo.path(), &["init", "-q"]);
    git(repo.path(), &["add", "."]);
    git(repo.path(), &["commit", "-q", "-m", "base"]);
    let base_copy = tempfile::tempdir().unwrap();
    copy_dir(&data, base_copy.path());

    // The change: a new claim (a new finding), an edited summary, a removed claim (its finding
    // goes), and Russia's INF suspension taken out (a status change).
    let claims = std::fs::read_to_string(data.join("claims/claims.yaml")).unwrap();
    let start = claims
        .find("- id: author-2019-02-03-start-ii-in-force")
        .unwrap();
    let edited = claims[..start].replace(
        "The United States has violated the INF Treaty since 1999.",
        "Lavrov said the United States had violated the INF Treaty since 1999.",
    );
    std::fs::write(data.join("claims/claims.yaml"), edited).unwrap();
    std::fs::write(
        data.join("claims/new.yaml"),
        "- id: new-inf-ended\n  date: 2019-02-03\n  claimant: usa\n  kind: status\n  treaty: inf\n  asserted_status: ended\n  summary: The INF Treaty has ended.\n  sources: [{source: article-2019-02-03}]\n",
    )
    .unwrap();
    let inf = std::fs::read_to_string(data.join("treaties/inf.yaml")).unwrap();
    std::fs::write(
        data.join("treaties/inf.yaml"),
        inf.replace("      - {action: suspension, date: 2019-03-04}\n", ""),
    )
    .unwrap();

    for base in ["HEAD", base_copy.path().to_str().unwrap()] {
        let o = Command::new(env!("CARGO_BIN_EXE_treatywatch"))
            .args([
                "diff",
                "--base",
                base,
                "--as-of",
                "2019-06-01",
                "--format",
                "json",
            ])
            .current_dir(repo.path())
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let c: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        assert_eq!(
            c["added"],
            serde_json::json!([{"kind": "claim", "id": "new-inf-ended"}]),
            "{c}"
        );
        assert_eq!(
            c["removed"],
            serde_json::json!([{"kind": "claim", "id": "author-2019-02-03-start-ii-in-force"}])
        );
        let changed: Vec<(String, String)> = c["changed"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|r| {
                r["fields"].as_array().unwrap().iter().map(move |f| {
                    (
                        r["id"].as_str().unwrap().to_string(),
                        f["field"].as_str().unwrap().to_string(),
                    )
                })
            })
            .collect();
        assert_eq!(
            changed,
            [
                ("inf".to_string(), "parties".to_string()),
                (
                    "lavrov-2019-02-02-since-1999".to_string(),
                    "summary".to_string()
                )
            ]
        );
        assert_eq!(
            c["statuses"],
            serde_json::json!([{"treaty": "inf", "party": "rus", "before": "suspended", "after": "party"}])
        );
        assert_eq!(c["findings_added"].as_array().unwrap().len(), 1, "{c}");
        assert!(
            c["findings_added"][0]
                .as_str()
                .unwrap()
                .contains("new-inf-ended")
        );
        assert!(
            c["findings_removed"][0]
                .as_str()
                .unwrap()
                .contains("author-2019-02-03-start-ii-in-force")
        );
        assert_eq!(c["new_errors"], serde_json::json!([]));
    }
    let o = Command::new(env!("CARGO_BIN_EXE_treatywatch"))
        .args(["diff", "--base", "HEAD", "--as-of", "2019-06-01"])
        .current_dir(repo.path())
        .output()
        .unwrap();
    let md = stdout(&o);
    assert!(
        md.contains("### Added (1)") && md.contains("### Statuses that change"),
        "{md}"
    );
    let o = Command::new(env!("CARGO_BIN_EXE_treatywatch"))
        .args(["diff", "--base", "no-such-revision"])
        .current_dir(repo.path())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn fmt_orders_keys_keeps_comments_changes_no_meaning_and_is_idempotent() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&workspace().join(VALID), dir.path());
    let data = dir.path().to_str().unwrap();
    let path = dir.path().join("treaties/start-ii.yaml");
    std::fs::write(
        &path,
        "# START II, keys out of order\r\nid: start-ii\r\nparties:\r\n  - actor: usa\r\n    actions: [{action: signature, date: 1993-01-03}]\r\n  # Russia signed the same day\r\n  - actor: rus\r\n    actions: [{action: signature, date: 1993-01-03}]\r\n# the name comes from the text\r\nname: Treaty on Further Reduction and Limitation of Strategic Offensive Arms\r\nkind: bilateral\r\nshort_name: START II\r\nopened: 1993-01-03\r\n",
    )
    .unwrap();
    let records = |dir: &Path| -> Vec<serde_json::Value> {
        let data = treatywatch_loader::load(dir, treatywatch_loader::Limits::default()).unwrap();
        let mut values: Vec<serde_json::Value> = data.records.iter().map(|r| r.value()).collect();
        values.sort_by_key(|v| v["id"].as_str().unwrap_or("").to_string());
        values
    };
    let before = records(dir.path());
    let o = run(&["fmt", "--check", "--data", data]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("start-ii.yaml"), "{}", stdout(&o));
    assert!(
        std::fs::read_to_string(&path).unwrap().contains('\r'),
        "--check changes nothing"
    );
    let o = run(&["fmt", "--data", data]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let formatted = std::fs::read_to_string(&path).unwrap();
    assert_eq!(
        formatted,
        "# START II, keys out of order\nid: start-ii\n# the name comes from the text\nname: Treaty on Further Reduction and Limitation of Strategic Offensive Arms\nshort_name: START II\nkind: bilateral\nopened: 1993-01-03\nparties:\n  - actor: usa\n    actions: [{action: signature, date: 1993-01-03}]\n  # Russia signed the same day\n  - actor: rus\n    actions: [{action: signature, date: 1993-01-03}]\n"
    );
    assert_eq!(
        records(dir.path()),
        before,
        "the loaded records are the same"
    );
    assert_eq!(
        run(&["fmt", "--check", "--data", data]).status.code(),
        Some(0),
        "idempotent"
    );
    assert_eq!(
        run(&["validate", "--data", data, "--as-of", AS_OF])
            .status
            .code(),
        Some(0)
    );
}

#[test]
fn the_bundled_data_is_in_the_canonical_layout() {
    let o = run(&["fmt", "--check"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
}

#[test]
fn new_fills_placeholders_from_flags() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&workspace().join(VALID), dir.path());
    let data = dir.path().to_str().unwrap();
    let o = run(&[
        "new",
        "claim",
        "lavrov-2019-02-02-flags",
        "--data",
        data,
        "--set",
        "date=2019-02-02",
        "--set",
        "claimant=sergey-lavrov",
        "--set",
        "treaty=inf",
        "--set",
        "accused=usa",
        "--set",
        "quote=we did everything we could: \"to save it\"",
        "--set",
        "summary=Lavrov said Russia had tried to save the treaty.",
        "--set",
        "source=article-2019-02-03",
        "--set",
        "locator=paragraph 9",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = run(&["validate", "--data", data, "--as-of", AS_OF]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let text =
        std::fs::read_to_string(dir.path().join("claims/lavrov-2019-02-02-flags.yaml")).unwrap();
    assert!(
        text.contains("quote: \"we did everything we could: \\\"to save it\\\"\""),
        "{text}"
    );
    let o = run(&[
        "new",
        "claim",
        "other-id",
        "--data",
        data,
        "--set",
        "colour=blue",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        !dir.path().join("claims/other-id.yaml").exists(),
        "nothing written on a bad flag"
    );
}

/// `report` into a fresh folder, then `report --check` against it: the text outputs decide.
#[test]
fn report_check_compares_the_text_outputs_and_not_the_pdf_bytes() {
    let out = tempfile::tempdir().unwrap();
    let dir = out.path().to_str().unwrap();
    let args = |check: bool| {
        let mut a = vec![
            "report",
            "--data",
            VALID,
            "--as-of",
            "2019-08-02",
            "--out",
            dir,
        ];
        if check {
            a.push("--check");
        }
        run(&a)
    };
    let o = args(false);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    for f in [
        "briefing.typ",
        "briefing.json",
        "README.md",
        "treaties/inf.md",
    ] {
        assert!(out.path().join(f).is_file(), "{f} written");
    }
    let pdf = out.path().join("briefing.pdf");
    if cfg!(feature = "pdf") {
        assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF-"));
        assert!(!stderr(&o).contains("without the PDF"));
    } else {
        assert!(!pdf.exists(), "the light build writes no PDF");
        let err = stderr(&o);
        assert_eq!(err.matches("built without the PDF").count(), 1, "{err}");
        assert!(err.contains("typst compile"), "{err}");
    }
    let o = args(true);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // A byte-different PDF (another machine's Typst, or none at all) is not a stale report.
    std::fs::write(&pdf, b"%PDF-1.7 typeset elsewhere").unwrap();
    let o = args(true);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // A stale text output is.
    for stale in ["briefing.json", "briefing.typ", "treaties/inf.md"] {
        let path = out.path().join(stale);
        let before = std::fs::read(&path).unwrap();
        let mut changed = before.clone();
        changed.extend_from_slice(b" ");
        std::fs::write(&path, &changed).unwrap();
        let o = args(true);
        assert_eq!(o.status.code(), Some(1), "{stale}");
        assert!(
            stderr(&o).contains(&format!("stale: {dir}/{stale}")),
            "{}",
            stderr(&o)
        );
        std::fs::write(&path, before).unwrap();
    }
}
