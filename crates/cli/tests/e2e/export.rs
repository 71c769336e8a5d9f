//! `treatywatch export`, and the export `report` writes into reports/data/.

use super::*;

#[test]
fn export_writes_the_tables_their_descriptor_and_claimreview() {
    let out = tempfile::tempdir().unwrap();
    let dir = out.path().join("export");
    let o = run(&[
        "export",
        "--data",
        VALID,
        "--out",
        dir.to_str().unwrap(),
        "--as-of",
        "2019-02-03",
        "--base-url",
        "https://example.org/r/",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("wrote 11 files"), "{}", stdout(&o));
    let parties = std::fs::read_to_string(dir.join("parties.csv")).unwrap();
    // On 2019-02-03 the US had suspended the INF Treaty; Russia had not yet.
    assert!(
        parties.contains("inf,usa,suspended,no,withdrawal-notice,2019-02-02\r\n"),
        "{parties}"
    );
    assert!(
        parties.contains("inf,rus,party,yes,succession,1991-12\r\n"),
        "{parties}"
    );
    let package: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("datapackage.json")).unwrap())
            .unwrap();
    assert_eq!(package["version"], "2019-02-03");
    let reviews = std::fs::read_to_string(dir.join("claimreview.jsonld")).unwrap();
    assert!(
        reviews.contains("\"url\": \"https://example.org/r/claims/"),
        "{reviews}"
    );
}

#[test]
fn export_refuses_data_with_errors_and_writes_nothing() {
    let out = tempfile::tempdir().unwrap();
    let dir = out.path().join("export");
    let o = run(&["export", "--data", PROBLEMS, "--out", dir.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("nothing was exported"),
        "{}",
        stderr(&o)
    );
    assert!(!dir.exists());
}

#[test]
fn report_writes_the_export_beside_the_briefing_and_checks_it() {
    let out = tempfile::tempdir().unwrap();
    let o = run(&[
        "report",
        "--data",
        VALID,
        "--out",
        out.path().to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let claims = out.path().join("data/claims.csv");
    assert!(claims.exists());
    // No treatywatch.toml beside the fixture's data: no base URL, so no review (its url
    // must be absolute).
    let reviews = std::fs::read_to_string(out.path().join("data/claimreview.jsonld")).unwrap();
    assert!(reviews.contains("\"@graph\": []"), "{reviews}");
    // A stale export fails the check, like a stale page.
    std::fs::write(&claims, "id\r\n").unwrap();
    let check = run(&[
        "report",
        "--data",
        VALID,
        "--out",
        out.path().to_str().unwrap(),
        "--check",
    ]);
    assert_eq!(check.status.code(), Some(1));
    assert!(
        stderr(&check).contains("data/claims.csv"),
        "{}",
        stderr(&check)
    );
}
