//! The property the language server's session fuzzer checks (`fuzz/fuzz_targets/lsp_session.rs`),
//! here so that the test replaying its seeds and every input it ever failed on
//! (`crates/lsp/tests/fuzz_replay.rs`) checks exactly the same thing.
//!
//! The input is one JSON-RPC message a line; `DATA` inside a line stands for the data folder's
//! `file://` URI, so that a seed can open, edit and ask about the folder's real files. Each
//! line is framed (`Content-Length`) and the whole served: whatever the lines hold, the server
//! answers every message it can read, ends, never panics, and never changes a file.

use std::path::Path;

use crate::{Config, serve};

/// A file's path and bytes.
type Snapshot = Vec<(std::path::PathBuf, Vec<u8>)>;

fn snapshot(dir: &Path) -> Snapshot {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&folder) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let bytes = std::fs::read(&path).unwrap_or_default();
                files.push((path, bytes));
            }
        }
    }
    files.sort();
    files
}

/// Frames each line of `input` as a message, with `DATA` replaced by `data`'s URI.
pub fn frames(input: &[u8], data: &Path) -> Vec<u8> {
    let uri = format!("file://{}", data.display());
    let mut out = Vec::with_capacity(input.len() + 64);
    for line in input.split(|b| *b == b'\n') {
        let body = replace(line, b"DATA", uri.as_bytes());
        out.extend_from_slice(format!("Content-Length: {}\r\n\r\n", body.len()).as_bytes());
        out.extend_from_slice(&body);
    }
    out
}

fn replace(text: &[u8], from: &[u8], to: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len());
    let mut at = 0;
    while at < text.len() {
        if text[at..].starts_with(from) {
            out.extend_from_slice(to);
            at += from.len();
        } else {
            out.push(text[at]);
            at += 1;
        }
    }
    out
}

/// Serves `input` (see the module) on the data folder `data` and checks the property; panics
/// when it does not hold. Returns what the server wrote.
pub fn check_session(input: &[u8], data: &Path) -> Vec<u8> {
    let before = snapshot(data);
    let Some(as_of) = treatywatch_model::Date::from_ymd(2026, 1, 1) else {
        panic!("2026-01-01 is a date");
    };
    let config = Config {
        data: data.to_path_buf(),
        limits: treatywatch_loader::Limits {
            max_file_bytes: 1 << 20,
            max_depth: 64,
            max_nodes: 100_000,
            max_alias_nodes: 1_000,
            max_records: 10_000,
        },
        as_of,
    };
    let mut output = Vec::new();
    let code = serve(
        std::io::Cursor::new(frames(input, data)),
        &mut output,
        config,
    );
    assert!(code == 0 || code == 1, "exit code {code}");
    // Everything written is framed JSON.
    let mut rest = output.as_slice();
    while !rest.is_empty() {
        let text = String::from_utf8_lossy(rest);
        let header_end = text.find("\r\n\r\n");
        let length = text
            .strip_prefix("Content-Length: ")
            .and_then(|t| t.split("\r\n").next())
            .and_then(|n| n.parse::<usize>().ok());
        let (Some(end), Some(length)) = (header_end, length) else {
            panic!("output not framed: {text:.200}");
        };
        let body = &rest[end + 4..end + 4 + length];
        assert!(
            serde_json::from_slice::<serde_json::Value>(body).is_ok(),
            "output not JSON: {}",
            String::from_utf8_lossy(body)
        );
        rest = &rest[end + 4 + length..];
    }
    assert!(snapshot(data) == before, "the server changed a file");
    output
}
