//! What a contributor's editor and terminal use: `validate --fix` (the unambiguous fixes only),
//! SARIF's `fixes`, `validate --watch` (checking again on save), and `treatywatch lsp` started
//! as an editor starts it.

use std::io::{BufRead, BufReader, Write};
use std::process::Stdio;

use super::*;

fn copy_of_valid() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir(&data).unwrap();
    copy_dir(&workspace().join(VALID), &data);
    (dir, data)
}

#[test]
fn fix_applies_the_did_you_mean_id_and_the_layout_and_nothing_else() {
    let (_dir, data) = copy_of_valid();
    let claims = data.join("claims/claims.yaml");
    let text = std::fs::read_to_string(&claims).unwrap();
    // A typo with one close id, a field out of the model's order, and a placeholder.
    let broken = text
        .replacen("accused: rus", "accused: russa", 1)
        .replacen(
            "  kind: violation\n  treaty: inf\n",
            "  treaty: inf\n  kind: violation\n",
            1,
        )
        .replacen("claimant: usa", "claimant: todo-actor", 1);
    assert_eq!(broken.matches("russa").count(), 1);
    assert!(broken.contains("todo-actor"));
    assert!(broken.contains("  treaty: inf\n  kind: violation\n"));
    std::fs::write(&claims, &broken).unwrap();
    let o = run(&[
        "validate",
        "--fix",
        "--data",
        data.to_str().unwrap(),
        "--as-of",
        "2026-01-01",
    ]);
    let fixed = std::fs::read_to_string(&claims).unwrap();
    assert!(stderr(&o).contains("`russa` → `rus`"), "{}", stderr(&o));
    assert!(stderr(&o).contains("canonical layout"), "{}", stderr(&o));
    assert!(fixed.contains("accused: rus\n") && !fixed.contains("russa"));
    assert!(
        !fixed.contains("  treaty: inf\n  kind: violation\n"),
        "{fixed}"
    );
    // The placeholder is the contributor's to fill: left, and reported.
    assert!(fixed.contains("todo-actor"));
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("placeholder"), "{}", stdout(&o));
}

#[test]
fn sarif_carries_the_fix_a_code_review_tool_can_offer() {
    let (_dir, data) = copy_of_valid();
    let claims = data.join("claims/claims.yaml");
    let text = std::fs::read_to_string(&claims).unwrap();
    std::fs::write(&claims, text.replacen("accused: rus", "accused: russa", 1)).unwrap();
    let o = run(&[
        "validate",
        "--format",
        "sarif",
        "--data",
        data.to_str().unwrap(),
    ]);
    let sarif: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    let result = results
        .iter()
        .find(|r| r["ruleId"] == "unknown-reference")
        .unwrap();
    let replacement = &result["fixes"][0]["artifactChanges"][0]["replacements"][0];
    assert_eq!(replacement["insertedContent"]["text"], "rus");
    assert_eq!(
        replacement["deletedRegion"],
        result["locations"][0]["physicalLocation"]["region"]
    );
    // Other results carry no fix.
    assert!(
        results
            .iter()
            .filter(|r| r["ruleId"] != "unknown-reference")
            .all(|r| r.get("fixes").is_none())
    );
}

#[test]
fn watch_checks_again_when_a_claim_file_is_saved() {
    let (_dir, data) = copy_of_valid();
    let mut child = Command::new(env!("CARGO_BIN_EXE_treatywatch"))
        .args([
            "validate",
            "--watch",
            "--data",
            data.to_str().unwrap(),
            "--as-of",
            "2026-01-01",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut seen = String::new();
    let mut wait_for = |needle: &str, seen: &mut String| {
        for line in lines.by_ref() {
            let line = line.unwrap();
            seen.push_str(&line);
            seen.push('\n');
            if line.contains(needle) {
                return true;
            }
        }
        false
    };
    assert!(wait_for("0 errors", &mut seen), "{seen}");
    let claims = data.join("claims/claims.yaml");
    let text = std::fs::read_to_string(&claims).unwrap();
    // Saved a second later: a modification time the poll sees as new.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    std::fs::write(&claims, text.replacen("accused: rus", "accused: russa", 1)).unwrap();
    assert!(wait_for("saved: checked it again", &mut seen), "{seen}");
    assert!(wait_for("1 error", &mut seen), "{seen}");
    child.kill().unwrap();
    let _ = child.wait();
    assert!(
        seen.contains("`russa` is not the id of any record"),
        "{seen}"
    );
}

#[test]
fn lsp_starts_as_an_editor_starts_it_and_exits_on_request() {
    let (dir, _data) = copy_of_valid();
    let frame = |v: serde_json::Value| {
        let body = v.to_string();
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    };
    let root = format!("file://{}", dir.path().canonicalize().unwrap().display());
    let input = [
        frame(
            serde_json::json!({"jsonrpc": "2.0", "id": 1, "method": "initialize",
            "params": {"capabilities": {}, "rootUri": root}}),
        ),
        frame(serde_json::json!({"jsonrpc": "2.0", "id": 2, "method": "shutdown"})),
        frame(serde_json::json!({"jsonrpc": "2.0", "method": "exit"})),
    ]
    .concat();
    let mut child = Command::new(env!("CARGO_BIN_EXE_treatywatch"))
        .args(["lsp", "--stdio"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(0));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.contains("\"completionProvider\"") && out.contains("\"codeActionProvider\""),
        "{out}"
    );
    assert!(out.contains("\"name\":\"treatywatch\""), "{out}");
}
