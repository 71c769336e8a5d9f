//! Every command's ways to fail, with the exit codes README promises: 0 nothing wrong, 1 the
//! data has errors (or `--check` found something stale), 2 the command could not run (a
//! usage error, a folder that is not a data folder, an output inside the data folder, a
//! record that cannot be looked at) — each with a message that says why.

use super::*;

#[test]
fn every_command_fails_with_the_code_readme_gives_and_says_why() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&workspace().join(VALID), dir.path());
    let valid = dir.path().to_str().unwrap().to_string();
    let broken = tempfile::tempdir().unwrap();
    copy_dir(&workspace().join(VALID), broken.path());
    let inf = broken.path().join("treaties/inf.yaml");
    let text = std::fs::read_to_string(&inf).unwrap();
    std::fs::write(
        &inf,
        text.replace("opened: 1987-12-08", "opened: 1987-12-32"),
    )
    .unwrap();
    let broken = broken.path().to_str().unwrap().to_string();
    let claims = format!("{valid}/claims");
    let inside = format!("{valid}/out");
    let problems = workspace().join("tests/fixtures/problems");
    let problems = problems.to_str().unwrap();
    let out = tempfile::tempdir().unwrap();
    let out = out.path().to_str().unwrap();
    let cases: Vec<(Vec<&str>, i32, &str)> = vec![
        (vec!["validate", "--data", &valid, "--as-of", AS_OF], 0, ""),
        (
            vec!["validate", "--data", problems, "--as-of", AS_OF],
            1,
            "",
        ),
        (
            vec!["validate", "--data", "no/such/folder"],
            2,
            "does not exist",
        ),
        (
            vec!["validate", "--data", &claims],
            2,
            "is a kind folder, not a data folder",
        ),
        (
            vec!["validate", "--as-of", "2019-13-01"],
            2,
            "no such month",
        ),
        (vec!["status", "inf", "--data", &valid], 0, ""),
        (
            vec!["status", "nothere", "--data", &valid],
            2,
            "no treaty `nothere`",
        ),
        (
            vec!["status", "inf", "--data", &broken],
            2,
            "has errors, so its status cannot be computed",
        ),
        (
            vec!["report", "--data", problems, "--out", out],
            1,
            "no report was written",
        ),
        (
            vec!["report", "--data", &valid, "--out", &inside],
            2,
            "is inside the data folder",
        ),
        (
            vec!["export", "--data", problems, "--out", out],
            1,
            "nothing was exported",
        ),
        (
            vec!["export", "--data", &valid, "--out", &claims],
            2,
            "is inside the data folder",
        ),
        (
            vec!["fmt", "--check", "--data", problems],
            1,
            "not in the canonical layout",
        ),
        (
            vec!["diff", "--base", "no-such-rev", "--data", &valid],
            2,
            "neither a folder nor a git revision",
        ),
        (vec!["explain", "no-such-rule"], 2, "no rule `no-such-rule`"),
        (
            vec!["new", "claim", "Not An Id", "--data", &valid],
            2,
            "not a valid id",
        ),
        (
            vec![
                "new",
                "claim",
                "x-1",
                "--data",
                &valid,
                "--set",
                "colour=blue",
            ],
            2,
            "`colour` is not a field",
        ),
        (
            vec![
                "new",
                "claim",
                "x-1",
                "--data",
                &valid,
                "--set",
                "claimant=nobody",
            ],
            2,
            "nothing was written",
        ),
        (
            vec![
                "import",
                "depositary",
                "no-such.csv",
                "--treaty",
                "inf",
                "--source",
                "article-2019-02-03",
                "--data",
                &valid,
            ],
            2,
            "no-such.csv",
        ),
    ];
    let mut wrong = Vec::new();
    for (args, code, says) in &cases {
        let o = run(args);
        let said = stderr(&o) + &stdout(&o);
        if o.status.code() != Some(*code) || !said.contains(says) {
            wrong.push(format!(
                "{args:?}: exit {:?} (expected {code}), said: {}",
                o.status.code(),
                said.lines().take(3).collect::<Vec<_>>().join(" / ")
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    assert!(
        !Path::new(&inside).exists(),
        "nothing written inside the data folder"
    );
    assert!(!dir.path().join("claims/x-1.yaml").exists());
}
