//! `status`, `rules`, `explain` and `schema --check` on the fixtures and the bundled data.

use super::*;

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
        // The table shows the standing a reader means; the JSON has it beside the status.
        assert_eq!(cells[2], p["standing"], "{row}");
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
    assert!(
        stderr(&o).contains("the rules are: parse-error,"),
        "{}",
        stderr(&o)
    );
    // A typo gets the rule meant, not the whole list.
    for (typed, meant) in [
        ("placehold", "placeholder"),
        ("future_date", "future-date"),
        ("Unknown-Reference", "unknown-reference"),
        ("quote-not-in-sources", "quote-not-in-source"),
    ] {
        let o = run(&["explain", typed]);
        assert_eq!(o.status.code(), Some(2));
        assert!(
            stderr(&o).contains(&format!("did you mean `{meant}`?")),
            "{typed}: {}",
            stderr(&o)
        );
    }
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
fn status_of_a_treaty_that_failed_to_load_says_why_not_that_it_is_missing() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&workspace().join(VALID), dir.path());
    let file = dir.path().join("treaties/inf.yaml");
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains("opened: 1987-12-08"));
    std::fs::write(
        &file,
        text.replace("opened: 1987-12-08", "opened: 1987-13-08"),
    )
    .unwrap();
    let o = run(&["status", "inf", "--data", dir.path().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("the treaty `inf` in "), "{err}");
    assert!(
        err.contains("has errors, so its status cannot be computed; run `treatywatch validate`"),
        "{err}"
    );
    assert!(!err.contains("no treaty"), "{err}");
}

/// A bad `--as-of` is a usage error, found before anything is read: the data folder here does
/// not exist, and the message is about the date, on every command that takes one.
#[test]
fn a_bad_as_of_is_a_usage_error_before_any_data_is_read() {
    let commands: [&[&str]; 5] = [
        &["validate"],
        &["report"],
        &["export"],
        &["status", "inf"],
        &["diff", "--base", "HEAD"],
    ];
    for command in commands {
        let mut args = command.to_vec();
        args.extend(["--as-of", "2019-13-01", "--data", "no/such/folder"]);
        let o = run(&args);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{command:?}: {err}");
        assert!(err.contains("--as-of"), "{command:?}: {err}");
        assert!(err.contains("there is no such month"), "{command:?}: {err}");
        assert!(!err.contains("no/such/folder"), "{command:?}: {err}");
    }
}
