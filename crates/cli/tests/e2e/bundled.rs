//! The bundled `data/`: clean, canonical, and right about the seed article.

use super::*;
use treatywatch_model::RuleName;

#[test]
fn the_bundled_data_has_no_errors_and_no_warnings() {
    let o = run(&["validate", "--as-of", AS_OF, "--deny-warnings"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
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
    let notes: Vec<(RuleName, String)> = value["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["severity"] == "note")
        .map(|d| {
            (
                RuleName::parse(d["rule"].as_str().unwrap()).unwrap(),
                d["record"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert!(
        notes.contains(&(
            RuleName::StatusContradiction,
            "lendman-2019-02-03-start-i-in-force".into()
        )),
        "{notes:?}"
    );
    assert!(
        notes.contains(&(
            RuleName::StatusContradiction,
            "lendman-2019-02-03-start-ii-in-force".into()
        )),
        "{notes:?}"
    );
    // "They agreed to continue observing its terms" is about conduct after START I expired
    // (the presidents' joint statement of 4 December 2009), not a claim that it was in force:
    // no finding.
    assert!(
        !notes
            .iter()
            .any(|(_, record)| record == "lendman-2019-02-03-start-i-terms-observed"),
        "{notes:?}"
    );
    // "Its entry into force requires US participation": the United States is an Annex 2
    // state that had not ratified in 2019, so the claim fits the CTBT's condition.
    assert!(
        !notes
            .iter()
            .any(|(rule, _)| *rule == RuleName::EntryConditionContradiction),
        "{notes:?}"
    );
    assert_eq!(notes.len(), 2, "{notes:?}");
    // NATO, accused of breaching the NPT, is not a party; but the accusation's substance is
    // about its members' conduct, so the note is allowed with a reason, not shown as a finding.
    assert!(
        !notes
            .iter()
            .any(|(rule, _)| *rule == RuleName::AccusedNotBound),
        "{notes:?}"
    );
    let o = run(&["validate", "--as-of", AS_OF, "--show-allowed"]);
    let shown = stdout(&o);
    assert!(
        shown.contains(RuleName::AccusedNotBound.as_str()),
        "{shown}"
    );
    // "New START expires in 2021", said in 2019, agrees with the record of 2019.
    assert!(
        !notes
            .iter()
            .any(|(rule, _)| *rule == RuleName::EndContradiction),
        "{notes:?}"
    );
}

#[test]
fn the_bundled_data_is_in_the_canonical_layout() {
    let o = run(&["fmt", "--check"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
}

#[test]
fn the_bundled_reports_name_things_by_name_never_by_code() {
    // What a reader reads — the committed markdown (the PDF shows the same text from the
    // same briefing.json) — has no backticks: no id, field name or code in it.
    let reports = workspace().join("reports");
    let readme = std::fs::read_to_string(reports.join("README.md")).unwrap();
    assert!(!readme.contains("\\`"), "{readme}");
    for folder in ["treaties", "actors"] {
        let pages: Vec<PathBuf> = std::fs::read_dir(reports.join(folder))
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        assert!(pages.len() > 5, "{folder} pages are written");
        for page in pages {
            let text = std::fs::read_to_string(&page).unwrap();
            assert!(!text.contains('`'), "{}: {text}", page.display());
        }
    }
}

#[test]
fn every_claimreview_of_the_committed_export_is_about_a_claim_page_of_the_published_site() {
    // The base URL is the one setting in treatywatch.toml; each review's url is its claim's
    // page under it, which `treatywatch site` writes.
    let root = workspace();
    let settings: toml::Table =
        toml::from_str(&std::fs::read_to_string(root.join("treatywatch.toml")).unwrap()).unwrap();
    let base = settings["site"]["base_url"].as_str().unwrap();
    let text = std::fs::read_to_string(root.join("reports/data/claimreview.jsonld")).unwrap();
    let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
    let graph = doc["@graph"].as_array().unwrap();
    let claims = std::fs::read_to_string(root.join("reports/data/assessments.csv")).unwrap();
    assert_eq!(
        graph.len(),
        claims.lines().count() - 1,
        "one review per assessed claim"
    );
    let site = tempfile::tempdir().unwrap();
    let o = run(&["site", "--out", site.path().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    for review in graph {
        let url = review["url"].as_str().unwrap();
        let page = url.strip_prefix(base).unwrap();
        assert!(
            page.starts_with("claims/") && page.ends_with(".html"),
            "{url}"
        );
        let html = std::fs::read_to_string(site.path().join(page)).unwrap();
        assert!(
            html.contains(&format!("\"url\": \"{url}\"")),
            "{page} has no ClaimReview about itself"
        );
    }
}
