//! The server spoken to in JSON-RPC, as an editor does: framed messages in, framed messages
//! out, on a copy of the valid fixture. A wrong id typed, its diagnostic with the hint, the
//! code action applied and the diagnostic gone; a source removed in another file and the
//! claims' diagnostics changing; completion, hover, definition, references; and messages
//! that are not JSON-RPC, unknown methods and files outside the data folder.
//!
//! Over 400 lines on purpose: each test is one scenario an editor plays, over the same helpers
//! (framing, a copy of the fixture), and they read best as one script.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a failed unwrap is a failed test

use std::path::{Path, PathBuf};

use serde_json::{Value, json};
use treatywatch_lsp::{Config, serve};
use treatywatch_model::Date;

fn frame(value: &Value) -> String {
    let body = value.to_string();
    format!("Content-Length: {}\r\n\r\n{body}", body.len())
}

/// Frames out of a byte stream.
fn frames(mut bytes: &[u8]) -> Vec<Value> {
    let mut out = Vec::new();
    while !bytes.is_empty() {
        let text = std::str::from_utf8(bytes).unwrap();
        let header_end = text.find("\r\n\r\n").unwrap();
        let length: usize = text[..header_end]
            .lines()
            .find_map(|l| l.strip_prefix("Content-Length: "))
            .unwrap()
            .trim()
            .parse()
            .unwrap();
        let body = &bytes[header_end + 4..header_end + 4 + length];
        out.push(serde_json::from_slice(body).unwrap());
        bytes = &bytes[header_end + 4 + length..];
    }
    out
}

/// A data folder (a copy of the valid fixture) and its URIs.
struct Workspace {
    _dir: tempfile::TempDir,
    root: PathBuf,
}

impl Workspace {
    fn new() -> Workspace {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        std::fs::create_dir_all(root.join("data")).unwrap();
        treatywatch_testkit::copy_into(
            &treatywatch_testkit::fixture("valid"),
            &root.join("data"),
            &[],
        );
        Workspace { _dir: dir, root }
    }

    fn uri(&self, relative: &str) -> String {
        format!("file://{}", self.root.join("data").join(relative).display())
    }

    fn read(&self, relative: &str) -> String {
        std::fs::read_to_string(self.root.join("data").join(relative)).unwrap()
    }

    /// Runs a session of `messages` (after initialize and initialized) to the end.
    fn run(&self, messages: &[Value]) -> Vec<Value> {
        let mut input = frame(&json!({
            "jsonrpc": "2.0", "id": 0, "method": "initialize",
            "params": {"capabilities": {}, "rootUri": format!("file://{}", self.root.display())},
        }));
        input.push_str(&frame(
            &json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}),
        ));
        for m in messages {
            input.push_str(&frame(m));
        }
        let output = SharedBuffer::default();
        let config = Config {
            data: PathBuf::from("data"),
            limits: treatywatch_loader::Limits::default(),
            as_of: Date::parse("2026-01-01").unwrap(),
        };
        serve(
            std::io::Cursor::new(input.into_bytes()),
            output.clone(),
            config,
        );
        let bytes = output.0.lock().unwrap().clone();
        frames(&bytes)
    }
}

#[derive(Clone, Default)]
struct SharedBuffer(std::sync::Arc<std::sync::Mutex<Vec<u8>>>);

impl std::io::Write for SharedBuffer {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn open(uri: &str, text: &str) -> Value {
    json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {
        "textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}}})
}

fn change(uri: &str, version: i32, text: &str) -> Value {
    json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
        "textDocument": {"uri": uri, "version": version},
        "contentChanges": [{"text": text}]}})
}

fn request(id: i64, method: &str, params: Value) -> Value {
    json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params})
}

/// The diagnostics published for `uri`, in order.
fn published<'a>(out: &'a [Value], uri: &str) -> Vec<&'a Vec<Value>> {
    out.iter()
        .filter(|m| m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri)
        .map(|m| m["params"]["diagnostics"].as_array().unwrap())
        .collect()
}

fn response(out: &[Value], id: i64) -> &Value {
    out.iter()
        .find(|m| m["id"] == id && m.get("method").is_none())
        .unwrap()
}

fn position_of(text: &str, needle: &str) -> Value {
    let at = text.find(needle).unwrap();
    let line = text[..at].matches('\n').count();
    let column = at - text[..at].rfind('\n').map_or(0, |i| i + 1);
    json!({"line": line, "character": column})
}

#[test]
fn a_wrong_id_is_diagnosed_with_its_hint_fixed_by_the_code_action_and_cleared() {
    let ws = Workspace::new();
    let uri = ws.uri("claims/claims.yaml");
    let text = ws.read("claims/claims.yaml");
    let wrong = text.replacen("accused: rus", "accused: russa", 1);
    assert_ne!(wrong, text);
    let at = position_of(&wrong, "russa");
    let first = ws.run(&[
        open(&uri, &wrong),
        request(
            1,
            "textDocument/codeAction",
            json!({
            "textDocument": {"uri": uri}, "range": {"start": at, "end": at},
            "context": {"diagnostics": []}}),
        ),
    ]);
    let diagnostics = published(&first, &uri);
    let last = diagnostics.last().unwrap();
    let d = last
        .iter()
        .find(|d| d["code"] == "unknown-reference")
        .unwrap_or_else(|| panic!("{last:#?}"));
    assert!(
        d["message"]
            .as_str()
            .unwrap()
            .contains("did you mean `rus`?"),
        "{d}"
    );
    assert_eq!(d["range"]["start"], at);
    assert_eq!(d["source"], "treatywatch");
    let actions = response(&first, 1)["result"].as_array().unwrap();
    let fix = actions
        .iter()
        .find(|a| a["title"] == "Replace with `rus`")
        .unwrap_or_else(|| panic!("{actions:#?}"));
    let edit = &fix["edit"]["changes"][&uri][0];
    assert_eq!(edit["newText"], "rus");
    assert_eq!(edit["range"]["start"], at);
    // The editor applies it and sends the text: the diagnostic is cleared.
    let second = ws.run(&[open(&uri, &wrong), change(&uri, 2, &text)]);
    let diagnostics = published(&second, &uri);
    assert!(diagnostics.len() >= 2, "{second:#?}");
    assert!(
        diagnostics
            .last()
            .unwrap()
            .iter()
            .all(|d| d["code"] != "unknown-reference")
    );
    // Nothing was written: the file on disk is as it was.
    assert_eq!(ws.read("claims/claims.yaml"), text);
}

#[test]
fn removing_a_source_in_one_file_changes_the_diagnostics_of_the_claims_in_another() {
    let ws = Workspace::new();
    let sources = ws.uri("sources/sources.yaml");
    let claims = ws.uri("claims/claims.yaml");
    let text = ws.read("sources/sources.yaml");
    let start = text.find("- id: nato-2018-12-04").unwrap();
    let without = &text[..start];
    let out = ws.run(&[open(&sources, &text), change(&sources, 2, without)]);
    let on_claims = published(&out, &claims);
    let last = on_claims
        .last()
        .expect("the claims file's diagnostics are published");
    assert!(
        last.iter().any(|d| d["code"] == "unknown-reference"
            && d["message"].as_str().unwrap().contains("nato-2018-12-04")),
        "{last:#?}"
    );
}

#[test]
fn ids_complete_by_the_kind_the_field_expects_and_enums_and_fields_complete_too() {
    let ws = Workspace::new();
    let uri = ws.uri("claims/claims.yaml");
    let text = ws.read("claims/claims.yaml");
    let typed = text.replacen("accused: rus", "accused: ", 1);
    let at = position_of(&typed, "accused: ");
    let at = json!({"line": at["line"], "character": at["character"].as_u64().unwrap() + 9});
    let kind_at = position_of(&typed, "kind: ");
    let kind_at =
        json!({"line": kind_at["line"], "character": kind_at["character"].as_u64().unwrap() + 6});
    let out = ws.run(&[
        open(&uri, &typed),
        request(
            1,
            "textDocument/completion",
            json!({"textDocument": {"uri": uri}, "position": at}),
        ),
        request(
            2,
            "textDocument/completion",
            json!({"textDocument": {"uri": uri}, "position": kind_at}),
        ),
    ]);
    let labels = |id| -> Vec<String> {
        response(&out, id)["result"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["label"].as_str().unwrap().to_string())
            .collect()
    };
    let actors = labels(1);
    assert!(
        actors.contains(&"rus".to_string()) && actors.contains(&"nato".to_string()),
        "{actors:?}"
    );
    // `accused` names a state or an organization: no person, no treaty.
    assert!(!actors.contains(&"sergey-lavrov".to_string()), "{actors:?}");
    assert!(!actors.contains(&"inf".to_string()), "{actors:?}");
    let kinds = labels(2);
    assert!(
        kinds.contains(&"violation".to_string()) && kinds.contains(&"status".to_string()),
        "{kinds:?}"
    );
}

#[test]
fn hover_explains_a_rule_and_names_a_record_and_definition_and_references_find_ids() {
    let ws = Workspace::new();
    let uri = ws.uri("claims/claims.yaml");
    let text = ws.read("claims/claims.yaml");
    let wrong = text.replacen("accused: rus", "accused: russa", 1);
    let on_diagnostic = position_of(&wrong, "russa");
    let on_id = position_of(&wrong, "sergey-lavrov");
    let out = ws.run(&[
        open(&uri, &wrong),
        request(
            1,
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": on_diagnostic}),
        ),
        request(
            2,
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": on_id}),
        ),
        request(
            3,
            "textDocument/definition",
            json!({"textDocument": {"uri": uri}, "position": on_id}),
        ),
        request(
            4,
            "textDocument/references",
            json!({"textDocument": {"uri": uri}, "position": on_id,
            "context": {"includeDeclaration": true}}),
        ),
    ]);
    let rule = response(&out, 1)["result"]["contents"]["value"]
        .as_str()
        .unwrap();
    assert!(
        rule.contains("unknown-reference") && rule.contains("## What it checks"),
        "{rule}"
    );
    let record = response(&out, 2)["result"]["contents"]["value"]
        .as_str()
        .unwrap();
    assert!(
        record.contains("Sergey Lavrov") && record.contains("Minister of Foreign Affairs"),
        "{record}"
    );
    let definition = &response(&out, 3)["result"][0];
    assert_eq!(definition["uri"], ws.uri("actors/actors.yaml"));
    let actors = ws.read("actors/actors.yaml");
    assert_eq!(
        definition["range"]["start"],
        position_of(&actors, "sergey-lavrov")
    );
    let references = response(&out, 4)["result"].as_array().unwrap();
    let files: Vec<&str> = references
        .iter()
        .map(|r| r["uri"].as_str().unwrap())
        .collect();
    assert!(
        files.contains(&ws.uri("actors/actors.yaml").as_str()),
        "{files:?}"
    );
    assert!(
        files.iter().filter(|f| **f == uri).count() >= 1,
        "{files:?}"
    );
}

#[test]
fn bad_messages_unknown_methods_and_files_outside_get_an_answer_and_the_server_goes_on() {
    let ws = Workspace::new();
    let outside = format!("file://{}", ws.root.join("notes.yaml").display());
    let mut input = frame(&json!({
        "jsonrpc": "2.0", "id": 0, "method": "initialize",
        "params": {"capabilities": {}, "rootUri": format!("file://{}", ws.root.display())},
    }));
    input.push_str("Content-Length: 9\r\n\r\n{not json");
    input.push_str(&frame(
        &json!({"jsonrpc": "2.0", "method": "$/cancelRequest", "params": {"id": 7}}),
    ));
    input.push_str(&frame(&request(1, "workspace/unknownThing", json!({}))));
    input.push_str(&frame(&request(
        2,
        "textDocument/hover",
        json!({"nonsense": true}),
    )));
    input.push_str(&frame(&open(&outside, "- id: x\n")));
    input.push_str(&frame(&request(
        3,
        "textDocument/hover",
        json!({
        "textDocument": {"uri": outside}, "position": {"line": 0, "character": 3}}),
    )));
    input.push_str(&frame(&request(4, "shutdown", Value::Null)));
    input.push_str(&frame(&json!({"jsonrpc": "2.0", "method": "exit"})));
    let output = SharedBuffer::default();
    let config = Config {
        data: PathBuf::from("data"),
        limits: treatywatch_loader::Limits::default(),
        as_of: Date::parse("2026-01-01").unwrap(),
    };
    let code = serve(
        std::io::Cursor::new(input.into_bytes()),
        output.clone(),
        config,
    );
    let out = frames(&output.0.lock().unwrap());
    assert!(out.iter().any(|m| m["error"]["code"] == -32700), "{out:#?}");
    assert_eq!(response(&out, 1)["error"]["code"], -32601);
    assert_eq!(response(&out, 2)["error"]["code"], -32602);
    assert_eq!(response(&out, 3)["result"], Value::Null);
    assert!(published(&out, &outside).is_empty());
    assert_eq!(response(&out, 4)["result"], Value::Null);
    // `exit` after `shutdown`: exit code 0.
    assert_eq!(code, 0);
    assert!(!Path::new(&ws.root.join("notes.yaml")).exists());
}

/// The fuzz target's property (`fuzz/fuzz_targets/lsp_messages.rs`) on inputs made here: frames
/// of valid messages cut, mixed with garbage and absurd lengths — the loop never panics and
/// always ends at the end of its input.
#[test]
fn the_message_loop_survives_cut_and_garbled_input() {
    let ws = Workspace::new();
    let uri = ws.uri("claims/claims.yaml");
    let text = ws.read("claims/claims.yaml");
    let mut whole = String::new();
    for m in [
        json!({"jsonrpc": "2.0", "id": 0, "method": "initialize", "params": {"capabilities": {},
            "rootUri": format!("file://{}", ws.root.display())}}),
        open(&uri, &text),
        request(
            1,
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": {"line": 3, "character": 12}}),
        ),
        request(
            2,
            "textDocument/completion",
            json!({"textDocument": {"uri": uri}, "position": {"line": 9999, "character": 9999}}),
        ),
        change(&uri, 2, "- id: [unclosed\n  \t: x"),
        request(
            3,
            "textDocument/codeAction",
            json!({"textDocument": {"uri": uri},
            "range": {"start": {"line": 0, "character": 0}, "end": {"line": 99, "character": 0}}, "context": {"diagnostics": []}}),
        ),
    ] {
        whole.push_str(&frame(&m));
    }
    let bytes = whole.into_bytes();
    // A simple deterministic generator: cut points, flipped bytes, inserted headers.
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for _ in 0..60 {
        let mut input = bytes.clone();
        match next() % 4 {
            0 => input.truncate((next() as usize) % input.len()),
            1 => {
                for _ in 0..8 {
                    let i = (next() as usize) % input.len();
                    input[i] = next() as u8;
                }
            }
            2 => {
                let i = (next() as usize) % input.len();
                input.splice(i..i, b"Content-Length: 99999999999\r\n\r\n".iter().copied());
            }
            _ => {
                let i = (next() as usize) % input.len();
                input.splice(
                    i..i,
                    b"Content-Length: 3\r\n\r\n\xff\xfe\x00".iter().copied(),
                );
            }
        }
        let config = Config {
            data: PathBuf::from("data"),
            limits: treatywatch_loader::Limits::default(),
            as_of: Date::parse("2026-01-01").unwrap(),
        };
        let code = serve(std::io::Cursor::new(input), std::io::sink(), config);
        assert!(code == 0 || code == 1);
    }
    assert_eq!(ws.read("claims/claims.yaml"), text, "nothing was written");
}

#[test]
fn a_file_deleted_while_open_and_a_50_mb_buffer_are_handled() {
    let ws = Workspace::new();
    let uri = ws.uri("claims/claims.yaml");
    let text = ws.read("claims/claims.yaml");
    // Deleted on disk while open, then closed: its diagnostics are cleared, not turned into
    // "cannot read".
    let wrong = text.replacen("accused: rus", "accused: russa", 1);
    let mut input = String::new();
    input.push_str(&frame(
        &json!({"jsonrpc": "2.0", "id": 0, "method": "initialize",
        "params": {"capabilities": {}, "rootUri": format!("file://{}", ws.root.display())}}),
    ));
    input.push_str(&frame(&open(&uri, &wrong)));
    // A 50 MB buffer for another claim file: read within the limits, answered, nothing dies.
    let big_uri = ws.uri("claims/big.yaml");
    let record = "- id: big-{n}\n  date: 2019-02-02\n  claimant: usa\n  kind: other\n  treaty: inf\n  summary: A claim among very many, to make a large buffer of fifty megabytes.\n  sources: [{source: article-2019-02-03}]\n";
    // A comment pads each record, so that the buffer stays under the loader's 100,000 records
    // a file and is read for real.
    let record = format!("# {}\n{record}", "padding ".repeat(50));
    let mut big = String::with_capacity(51 * 1024 * 1024);
    let mut n = 0;
    while big.len() < 50 * 1024 * 1024 {
        big.push_str(&record.replace("{n}", &n.to_string()));
        n += 1;
    }
    input.push_str(&frame(&open(&big_uri, &big)));
    input.push_str(&frame(&request(
        1,
        "textDocument/hover",
        json!({
        "textDocument": {"uri": big_uri}, "position": {"line": 3, "character": 12}}),
    )));
    let output = SharedBuffer::default();
    let config = Config {
        data: PathBuf::from("data"),
        limits: treatywatch_loader::Limits::default(),
        as_of: Date::parse("2026-01-01").unwrap(),
    };
    // The deletion happens between two sessions' worth of messages: first open, then delete,
    // then close, in one run (the file is removed before the server reads the close).
    std::fs::remove_file(ws.root.join("data/claims/claims.yaml")).unwrap();
    input.push_str(&frame(
        &json!({"jsonrpc": "2.0", "method": "textDocument/didClose",
        "params": {"textDocument": {"uri": uri}}}),
    ));
    serve(
        std::io::Cursor::new(input.into_bytes()),
        output.clone(),
        config,
    );
    let out = frames(&output.0.lock().unwrap());
    let hover = response(&out, 1);
    assert!(hover.get("error").is_none(), "{hover}");
    let shown = hover["result"]["contents"]["value"]
        .as_str()
        .unwrap_or_default();
    assert!(shown.contains("United States"), "{hover}");
    let last = published(&out, &uri)
        .last()
        .cloned()
        .cloned()
        .unwrap_or_default();
    assert!(last.is_empty(), "{last:#?}");
}
