//! Text in the data cannot forge output: JSON, GitHub annotations, SARIF, or what a
//! terminal shows.

use super::*;
use treatywatch_model::RuleName;

/// A claimant written to break out of every output format: a workflow command after a line
/// break, escapes of the workflow-command encoding, a terminal escape sequence, a
/// right-to-left override, markdown and HTML.
const FORGERY: &str =
    "evil\r\n::error file=forged.yaml,line=1::forged %0A %25 \u{1b}[2J\u{202e}x *y* <b>";

/// The same in YAML's double-quoted form.
const FORGERY_YAML: &str =
    r#""evil\r\n::error file=forged.yaml,line=1::forged %0A %25 \e[2J\u202ex *y* <b>""#;

/// A file name with a comma, colons, a percent escape, a terminal escape and a line break.
const FORGED_NAME: &str = "claims/a,line=9::%0A\u{1b}[31m\nb.yaml";

fn forged_dataset() -> tempfile::TempDir {
    let claim = format!(
        "- id: c2\n  date: 2019-02-02\n  claimant: {FORGERY_YAML}\n  kind: other\n  summary: s\n  sources: [{{source: s}}]\n"
    );
    dataset(&[(FORGED_NAME, claim.as_bytes())])
}

fn run_format(data: &Path, format: &str) -> Output {
    Command::new(env!("CARGO_BIN_EXE_treatywatch"))
        .args(["validate", "--as-of", AS_OF, "--format", format])
        .arg("--data")
        .arg(data)
        .output()
        .unwrap()
}

/// Reverses the workflow-command escaping (`%25`, `%0D`, `%0A`, `%3A`, `%2C`), left to right.
fn unescape_workflow(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(i) = rest.find('%') {
        out.push_str(&rest[..i]);
        let code = rest.get(i + 1..i + 3).unwrap_or("");
        out.push(match code {
            "25" => '%',
            "0D" => '\r',
            "0A" => '\n',
            "3A" => ':',
            "2C" => ',',
            other => panic!("unexpected escape %{other} in {text:?}"),
        });
        rest = &rest[i + 3..];
    }
    out.push_str(rest);
    out
}

#[test]
fn data_cannot_forge_json_output() {
    let dir = forged_dataset();
    let (out, value) = run(dir.path(), &[]);
    assert_eq!(out.status.code(), Some(1));
    let forged: Vec<&serde_json::Value> = value["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["file"].as_str().unwrap().ends_with(FORGED_NAME))
        .collect();
    // No such actor (unknown-reference) on its line: one diagnostic for the value (that it
    // is not even an id is the schema's, which leaves the place to the better hint).
    let rules: Vec<(RuleName, u64)> = forged
        .iter()
        .map(|d| {
            let rule = RuleName::parse(d["rule"].as_str().unwrap()).unwrap();
            (rule, d["line"].as_u64().unwrap())
        })
        .collect();
    assert_eq!(rules, [(RuleName::UnknownReference, 3)], "{value:#}");
    // The string comes back exactly as written, inside one JSON string.
    for d in forged {
        assert!(d["message"].as_str().unwrap().contains(FORGERY), "{d:#}");
    }
}

#[test]
fn data_cannot_forge_a_github_annotation() {
    let dir = forged_dataset();
    let out = run_format(dir.path(), "github");
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    let (_, json) = run(dir.path(), &[]);
    let expected = json["diagnostics"].as_array().unwrap();
    let lines: Vec<&str> = text.split('\n').collect();
    let stop = lines
        .iter()
        .position(|l| l.starts_with("::stop-commands::"))
        .expect("commands are stopped before the report");
    // Before the stop: exactly one line per diagnostic, each a single well-formed command.
    assert_eq!(stop, expected.len(), "{text}");
    for (line, d) in lines[..stop].iter().zip(expected) {
        assert!(!line.contains('\r'), "{line:?}");
        let rest = line
            .strip_prefix("::error file=")
            .or_else(|| line.strip_prefix("::warning file="))
            .or_else(|| line.strip_prefix("::notice file="))
            .expect("an annotation");
        let (properties, message) = rest.split_once("::").expect("properties::message");
        let file = properties.split(',').next().unwrap();
        assert_eq!(unescape_workflow(file), d["file"].as_str().unwrap());
        let mut want = d["message"].as_str().unwrap().to_string();
        if let Some(help) = d["help"].as_str() {
            want.push_str("\nhelp: ");
            want.push_str(help);
        }
        assert_eq!(unescape_workflow(message), want);
    }
    // After it, the human report: the end token appears once, on the last line.
    let token = lines[stop].trim_start_matches("::stop-commands::");
    let end = format!("::{token}::");
    assert_eq!(lines.iter().filter(|l| **l == end).count(), 1);
    assert_eq!(lines[lines.len() - 2], end, "{text}");
}

#[test]
fn data_cannot_forge_sarif_and_file_names_are_uris() {
    let dir = forged_dataset();
    let out = run_format(dir.path(), "sarif");
    assert_eq!(out.status.code(), Some(1));
    let sarif: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    let forged: Vec<&serde_json::Value> = results
        .iter()
        .filter(|r| r["message"]["text"].as_str().unwrap().contains(FORGERY))
        .collect();
    assert_eq!(forged.len(), 1, "unknown-reference");
    let uri = forged[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        .as_str()
        .unwrap();
    // A relative URI reference: no raw control, space, `%`-less escape or `:`.
    assert!(
        uri.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-._~/%,=!$&'()*+;@".contains(&b)),
        "{uri}"
    );
    assert!(
        uri.ends_with("claims/a,line=9%3A%3A%250A%1B%5B31m%0Ab.yaml"),
        "{uri}"
    );
}

#[test]
fn data_cannot_act_on_the_terminal_or_forge_a_human_diagnostic() {
    let dir = forged_dataset();
    let out = run_format(dir.path(), "human");
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        !text.contains('\u{1b}'),
        "no escape sequence reaches the terminal"
    );
    assert!(!text.contains('\u{202e}'), "no bidirectional override");
    assert!(!text.contains('\r'));
    assert!(text.contains("\\u{1b}[2J\\u{202e}x"), "{text}");
    // Two errors (the forged claimant is no actor; the good file's `nobody`): two headers,
    // no more.
    let headers = text.lines().filter(|l| l.starts_with("error[")).count();
    assert_eq!(headers, 2, "{text}");
}

#[test]
fn a_raw_carriage_return_cannot_move_the_cursor_or_shift_lines() {
    // Lone CRs are line breaks to YAML; shown raw, they would send the terminal's cursor back
    // and let the text after them overwrite the diagnostic.
    let text = "- id: c3\r  date: 2019-02-02\r  claimant: nobody\rerror[forged]: all good\r  kind: other\r  summary: s\r  sources: [{source: s}]\r";
    let dir = dataset(&[("claims/cr.yaml", text.as_bytes())]);
    let (_, json) = run(dir.path(), &[]);
    let lines: Vec<u64> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["file"].as_str().unwrap().ends_with("cr.yaml"))
        .map(|d| d["line"].as_u64().unwrap())
        .collect();
    assert!(!lines.is_empty(), "{json:#}");
    let out = run_format(dir.path(), "human");
    let human = String::from_utf8(out.stdout).unwrap();
    assert!(!human.contains('\r'), "{human:?}");
    for line in lines {
        assert!(
            human.contains(&format!("cr.yaml:{line}:")),
            "the human report shows line {line} too: {human}"
        );
    }
}
