//! The session fuzzer's seeds (`fuzz/seeds/lsp_session/`) and every input it ever failed on
//! (`tests/fuzz-regressions/lsp/`), replayed on every test run against the same property
//! (`treatywatch_lsp::fuzzing::check_session`): the server answers, never panics and never
//! changes a file.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a failed unwrap is a failed test

use std::path::Path;

fn inputs(folder: &Path) -> Vec<(String, Vec<u8>)> {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return Vec::new();
    };
    let mut found: Vec<(String, Vec<u8>)> = entries
        .map(|e| e.unwrap().path())
        .map(|p| (p.display().to_string(), std::fs::read(&p).unwrap()))
        .collect();
    found.sort();
    found
}

/// What the server published and answered, as JSON values.
fn messages(output: &[u8]) -> Vec<serde_json::Value> {
    let text = String::from_utf8(output.to_vec()).unwrap();
    text.split("Content-Length: ")
        .filter(|part| !part.is_empty())
        .map(|part| serde_json::from_str(part.split_once("\r\n\r\n").unwrap().1).unwrap())
        .collect()
}

#[test]
fn every_seed_and_saved_failure_keeps_the_property() {
    let repo = treatywatch_testkit::repo();
    let mut all = inputs(&repo.join("fuzz/seeds/lsp_session"));
    let seeds = all.len();
    all.extend(inputs(&repo.join("tests/fuzz-regressions/lsp")));
    assert!(seeds >= 4, "the seeds are missing");
    for (name, input) in all {
        eprintln!("replaying {name}");
        let dir = treatywatch_testkit::dataset(&treatywatch_testkit::fixture("valid"), &[]);
        treatywatch_lsp::fuzzing::check_session(&input, dir.path());
    }
}

#[test]
fn the_seeds_reach_the_data_folders_files() {
    // `DATA` stands for the folder: the seed that types a wrong actor id gets the diagnostic on
    // the claim file, and its hover is answered from the record.
    let repo = treatywatch_testkit::repo();
    let input =
        std::fs::read(repo.join("fuzz/seeds/lsp_session/open-edit-hover-complete")).unwrap();
    let dir = treatywatch_testkit::dataset(&treatywatch_testkit::fixture("valid"), &[]);
    let output = treatywatch_lsp::fuzzing::check_session(&input, dir.path());
    let out = messages(&output);
    let uri = format!("file://{}/claims/claims.yaml", dir.path().display());
    let published: Vec<&serde_json::Value> = out
        .iter()
        .filter(|m| m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri)
        .collect();
    let last = published.last().expect("diagnostics for the claim file");
    assert!(
        last["params"]["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["code"] == "unknown-reference"),
        "{last:#}"
    );
    // Every request got its answer (ids 0 to 6), and `exit` after `shutdown` ended the loop.
    for id in 0..=6 {
        assert!(
            out.iter()
                .any(|m| m["id"] == id && m.get("method").is_none()),
            "no answer to request {id}"
        );
    }
}
