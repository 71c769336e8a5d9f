//! What a contributor runs while writing data: `new` and `fmt`.

use super::*;

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
        .replace("kind: TODO", "kind: violation")
        .replace("treaty: todo-treaty", "treaty: inf")
        .replace("source: todo-source", "source: article-2019-02-03")
        .replace(
            "summary: TODO",
            "summary: Lavrov said Russia had tried to save the treaty.",
        )
        .replace("# accused: usa", "accused: usa");
    assert_ne!(filled, skeleton);
    assert!(
        !filled.contains(": TODO") && !filled.contains("todo-"),
        "{filled}"
    );
    std::fs::write(&path, &filled).unwrap();
    let o = run(&["validate", "--data", data, "--as-of", AS_OF]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    // A second `new` with the same id changes nothing.
    let o = run(&["new", "claim", "lavrov-2019-02-02-new", "--data", data]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("the id `lavrov-2019-02-02-new` is already the claim's"),
        "{}",
        stderr(&o)
    );
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

#[test]
fn fmt_orders_keys_keeps_comments_changes_no_meaning_and_is_idempotent() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&workspace().join(VALID), dir.path());
    let data = dir.path().to_str().unwrap();
    let path = dir.path().join("treaties/start-ii.yaml");
    std::fs::write(
        &path,
        "# START II, keys out of order (the first is not `id`)\r\nkind: bilateral\r\nid: start-ii\r\nparties:\r\n  - actor: usa\r\n    actions: [{action: signature, date: 1993-01-03}]\r\n  # Russia signed the same day\r\n  - actor: rus\r\n    actions: [{action: signature, date: 1993-01-03}]\r\n# the name comes from the text\r\nname: Treaty on Further Reduction and Limitation of Strategic Offensive Arms\r\nshort_name: START II\r\nopened: 1993-01-03\r\n",
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
        "# START II, keys out of order (the first is not `id`)\nid: start-ii\n# the name comes from the text\nname: Treaty on Further Reduction and Limitation of Strategic Offensive Arms\nshort_name: START II\nkind: bilateral\nopened: 1993-01-03\nparties:\n  - actor: usa\n    actions: [{action: signature, date: 1993-01-03}]\n  # Russia signed the same day\n  - actor: rus\n    actions: [{action: signature, date: 1993-01-03}]\n"
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
        "kind=violation",
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

/// What `--set` gives is checked against the dataset before anything is written: a name
/// where an id belongs gets the id as a hint, a word that names no treaty is refused; every
/// field of the model's table can be set, lists with commas.
#[test]
fn new_checks_what_the_values_name_and_sets_every_field() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&workspace().join(VALID), dir.path());
    let data = dir.path().to_str().unwrap();
    let new = |set: &[&str]| {
        let mut args = vec!["new", "claim", "lavrov-2019-02-02-set", "--data", data];
        for s in set {
            args.extend(["--set", s]);
        }
        run(&args)
    };
    let path = dir.path().join("claims/lavrov-2019-02-02-set.yaml");
    let o = new(&["kind=violation", "claimant=united-states", "treaty=status"]);
    assert_eq!(o.status.code(), Some(2));
    let said = stderr(&o);
    assert!(said.contains("nothing was written"), "{said}");
    assert!(
        said.contains("claimant: `united-states` is not the id"),
        "{said}"
    );
    assert!(said.contains("did you mean `usa`?"), "{said}");
    assert!(said.contains("treaty: `status` is not the id"), "{said}");
    assert!(!path.exists());

    let o = new(&[
        "kind=status",
        "date=2018-12-04",
        "claimant=sergey-lavrov",
        "on_behalf_of=rus",
        "treaty=inf",
        "asserted_status=in-force",
        "summary=Lavrov said the treaty was in force.",
        "sources=article-2019-02-03,nato-2018-12-04",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("\non_behalf_of: rus\n"), "{text}");
    assert!(
        text.contains("sources:")
            && text.contains("  - source: article-2019-02-03\n  - source: nato-2018-12-04\n"),
        "{text}"
    );
    let o = run(&[
        "validate", "--data", data, "--as-of", AS_OF, "--format", "json",
    ]);
    let value: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let errors: Vec<&serde_json::Value> = value["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["severity"] == "error")
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
}
