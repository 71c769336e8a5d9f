//! What a maintainer runs on a change: `diff` against a revision or a folder, and
//! `report --check`.

use super::*;

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
