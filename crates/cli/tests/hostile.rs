//! Hostile input, end to end: each case gets a clear diagnostic with its place (or exit 2 with a
//! message), never a panic or a hang, and the other files are still checked.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a failed unwrap is a failed test

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const GOOD: &str = "- id: usa\n  name: United States\n  kind: state\n";
/// A claim with an unknown reference: proof that the good files are still checked.
const CLAIM: &str = "- id: c\n  date: 2019-02-02\n  claimant: nobody\n  kind: other\n  summary: s\n  sources: [{source: s}]\n";
const SOURCE: &str = "- id: s\n  title: t\n  kind: news\n  publisher: p\n  published: 2019\n  url: https://example.org/\n";

fn dataset(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let base: [(&str, &[u8]); 3] = [
        ("actors/good.yaml", GOOD.as_bytes()),
        ("claims/good.yaml", CLAIM.as_bytes()),
        ("sources/good.yaml", SOURCE.as_bytes()),
    ];
    for (path, bytes) in base.iter().chain(files) {
        let full = dir.path().join(path);
        std::fs::create_dir_all(full.parent().unwrap()).unwrap();
        std::fs::write(full, bytes).unwrap();
    }
    dir
}

fn run(data: &Path, extra: &[&str]) -> (Output, serde_json::Value) {
    let mut args = vec![
        "validate",
        "--format",
        "json",
        "--as-of",
        "2026-11-27",
        "--data",
        data.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    let out = Command::new(env!("CARGO_BIN_EXE_treatywatch"))
        .args(&args)
        .output()
        .unwrap();
    let value = serde_json::from_slice(&out.stdout).unwrap_or(serde_json::Value::Null);
    (out, value)
}

/// (rule, file name, line) of every diagnostic.
fn found(value: &serde_json::Value) -> Vec<(String, String, u64)> {
    value["diagnostics"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|d| {
                    let file = PathBuf::from(d["file"].as_str().unwrap());
                    (
                        d["rule"].as_str().unwrap().to_string(),
                        file.file_name().unwrap().to_string_lossy().into_owned(),
                        d["line"].as_u64().unwrap(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Runs one hostile file beside the good ones; returns its diagnostics.
fn hostile(name: &str, bytes: &[u8], extra: &[&str]) -> Vec<(String, String, u64)> {
    let dir = dataset(&[(name, bytes)]);
    let (out, value) = run(dir.path(), extra);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{name}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let all = found(&value);
    assert!(
        all.iter()
            .any(|d| d.0 == "unknown-reference" && d.1 == "good.yaml"),
        "{name}: the good files were not checked: {all:?}"
    );
    let file = Path::new(name)
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    all.into_iter().filter(|d| d.1 == file).collect()
}

#[test]
fn billion_laughs() {
    let mut text =
        String::from("- id: a\n  x0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for i in 1..10 {
        let p = i - 1;
        text.push_str(&format!(
            "  x{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
        ));
    }
    let d = hostile("claims/bomb.yaml", text.as_bytes(), &[]);
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(d[0].0, "parse-error");
    assert!(
        d[0].2 >= 3,
        "points at the alias that went over the budget: {d:?}"
    );
}

#[test]
fn nesting_100_000_deep() {
    let text = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let d = hostile("claims/deep.yaml", text.as_bytes(), &[]);
    assert_eq!(d, vec![("parse-error".into(), "deep.yaml".into(), 1)]);
}

#[test]
fn a_large_scalar_over_the_file_limit() {
    let text = format!("- id: a\n  summary: {}\n", "x".repeat(2_000_000));
    let d = hostile(
        "claims/big.yaml",
        text.as_bytes(),
        &["--max-file-bytes", "1000000"],
    );
    assert_eq!(d, vec![("parse-error".into(), "big.yaml".into(), 1)]);
}

#[test]
fn too_many_values_in_one_file() {
    let text = "- {}\n".repeat(100_000);
    let d = hostile(
        "claims/many.yaml",
        text.as_bytes(),
        &["--max-nodes", "50000"],
    );
    assert_eq!(
        d.len(),
        1,
        "one diagnostic, not 100 000: {:?}",
        &d[..d.len().min(3)]
    );
    assert_eq!(d[0].0, "parse-error");
}

#[test]
fn invalid_utf8() {
    let d = hostile("claims/latin1.yaml", b"- id: a\n  summary: caf\xe9\n", &[]);
    assert_eq!(d, vec![("parse-error".into(), "latin1.yaml".into(), 2)]);
}

#[test]
fn bom_crlf_and_mixed_line_endings_are_read() {
    let text = "\u{feff}- id: a\r\n  date: 2019-02-30\r\n  claimant: usa\n  kind: other\r\n  summary: s\n  sources: [{source: s}]\r\n";
    let d = hostile("claims/crlf.yaml", text.as_bytes(), &[]);
    assert_eq!(d, vec![("invalid-date".into(), "crlf.yaml".into(), 2)]);
}

#[test]
fn empty_and_comment_only_files_are_reported() {
    for (name, text) in [
        ("claims/empty.yaml", ""),
        ("claims/comment.yaml", "# nothing here\n"),
    ] {
        let d = hostile(name, text.as_bytes(), &[]);
        assert_eq!(d.len(), 1, "{name}: {d:?}");
        assert_eq!(d[0].0, "ignored-file");
    }
}

#[test]
fn several_documents() {
    let d = hostile("claims/docs.yaml", b"- id: a1\n---\n- id: a2\n", &[]);
    assert!(
        d.contains(&("parse-error".into(), "docs.yaml".into(), 2)),
        "{d:?}"
    );
}

#[test]
fn foreign_tags() {
    let d = hostile(
        "claims/tag.yaml",
        b"- id: a\n  summary: !!python/object/apply:os.system [\"rm -rf /\"]\n",
        &[],
    );
    assert!(d.iter().any(|x| x.0 == "parse-error" && x.2 == 2), "{d:?}");
}

#[test]
fn keys_that_are_not_strings() {
    let d = hostile("claims/keys.yaml", b"- id: a\n  ? [x, y]\n  : z\n", &[]);
    assert!(d.iter().any(|x| x.0 == "parse-error" && x.2 == 2), "{d:?}");
}

#[cfg(unix)]
#[test]
fn symlinks_out_of_the_data_folder_and_loops_are_not_followed() {
    let dir = dataset(&[]);
    std::os::unix::fs::symlink("/etc/passwd", dir.path().join("claims/passwd.yaml")).unwrap();
    std::os::unix::fs::symlink(dir.path(), dir.path().join("claims/loop")).unwrap();
    let (out, value) = run(dir.path(), &[]);
    assert_eq!(out.status.code(), Some(1));
    let d = found(&value);
    assert!(
        d.contains(&("ignored-file".into(), "passwd.yaml".into(), 1)),
        "{d:?}"
    );
    assert!(
        d.contains(&("ignored-file".into(), "loop".into(), 1)),
        "{d:?}"
    );
    assert!(
        !String::from_utf8_lossy(&out.stdout).contains("root:"),
        "nothing of /etc/passwd is shown"
    );
}

#[cfg(unix)]
#[test]
fn a_named_pipe_is_not_read() {
    let dir = dataset(&[]);
    let fifo = dir.path().join("claims/pipe.yaml");
    let made = Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .map(|s| s.success())
        .unwrap_or(false);
    if !made {
        return; // no mkfifo on this system: nothing to test
    }
    let (out, value) = run(dir.path(), &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(found(&value).contains(&("ignored-file".into(), "pipe.yaml".into(), 1)));
}

#[test]
fn a_data_folder_that_does_not_exist() {
    let (out, _) = run(Path::new("/nonexistent/treatywatch/data"), &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("does not exist"));
}

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
        .args(["validate", "--as-of", "2026-11-27", "--format", format])
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
    // Not an id (schema), and no such actor (unknown-reference), both on its line.
    let rules: Vec<(&str, u64)> = forged
        .iter()
        .map(|d| (d["rule"].as_str().unwrap(), d["line"].as_u64().unwrap()))
        .collect();
    assert_eq!(
        rules,
        [("schema", 3), ("unknown-reference", 3)],
        "{value:#}"
    );
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
    assert_eq!(forged.len(), 2, "schema and unknown-reference");
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
    // Three errors (the forged claimant is not an id and not an actor; the good file's
    // `nobody`): three headers, no more.
    let headers = text.lines().filter(|l| l.starts_with("error[")).count();
    assert_eq!(headers, 3, "{text}");
}

#[test]
fn a_100_mb_scalar_within_the_default_limits_is_read_and_checked() {
    let mut text = String::from(
        "- id: big\n  date: 2019-02-02\n  claimant: nobody\n  kind: other\n  summary: ",
    );
    text.push_str(&"x".repeat(100 * 1024 * 1024));
    text.push_str("\n  sources: [{source: s}]\n");
    let d = hostile("claims/big.yaml", text.as_bytes(), &[]);
    // Read and checked: the unknown claimant, and a summary far over its maximum length.
    assert_eq!(
        d,
        vec![
            ("unknown-reference".into(), "big.yaml".into(), 3),
            ("schema".into(), "big.yaml".into(), 5)
        ]
    );
}

#[test]
fn a_60_mb_name_is_a_schema_error_on_its_line_and_is_not_printed() {
    let mut text = String::from("id: usb\nname: ");
    text.push_str(&"x".repeat(60 * 1024 * 1024));
    text.push_str("\nkind: state\n");
    let d = hostile("actors/usb.yaml", text.as_bytes(), &[]);
    assert_eq!(d, vec![("schema".into(), "usb.yaml".into(), 2)]);
    // The human report gives the place and the reason, not the 60 MB line.
    let dir = dataset(&[("actors/usb.yaml", text.as_bytes())]);
    let out = Command::new(env!("CARGO_BIN_EXE_treatywatch"))
        .args(["validate", "--as-of", "2026-11-27", "--data"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let human = String::from_utf8_lossy(&out.stdout);
    assert!(human.len() < 10_000, "{} bytes of output", human.len());
    assert!(
        human.contains("error[schema]: `name` is longer than 300 characters"),
        "{human}"
    );
    assert!(human.contains("actors/usb.yaml:2:7"), "{human}");
    assert!(
        human.contains("the line is 62914566 bytes long and is not shown"),
        "{human}"
    );
}

#[test]
fn a_file_of_a_million_tiny_records_is_one_diagnostic() {
    let text = "- {}\n".repeat(1_000_000);
    let d = hostile("claims/million.yaml", text.as_bytes(), &[]);
    assert_eq!(d, vec![("parse-error".into(), "million.yaml".into(), 1)]);
}

/// Runs `treatywatch validate` as a user who cannot read mode-000 files: as root (CI), through
/// `setpriv` as `nobody`, since root reads every file; `None` where that is not possible.
#[cfg(unix)]
fn run_unprivileged(data: &Path) -> Option<(Output, serde_json::Value)> {
    use std::os::unix::fs::PermissionsExt;
    let uid = Command::new("id").arg("-u").output().ok()?;
    let root = String::from_utf8_lossy(&uid.stdout).trim() == "0";
    // Everything readable by others but the files under test, which the caller set to 000.
    let mut stack = vec![data.to_path_buf()];
    while let Some(dir) = stack.pop() {
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).ok()?;
        for e in std::fs::read_dir(&dir).ok()? {
            let path = e.ok()?.path();
            let mode = std::fs::symlink_metadata(&path).ok()?.permissions().mode() & 0o777;
            if path.is_dir() && mode != 0 {
                stack.push(path);
            } else if mode != 0 {
                std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).ok()?;
            }
        }
    }
    let binary = env!("CARGO_BIN_EXE_treatywatch");
    let args = [
        "validate",
        "--format",
        "json",
        "--as-of",
        "2026-11-27",
        "--data",
    ];
    let as_nobody = ["--reuid=65534", "--regid=65534", "--clear-groups"];
    // `nobody` must be able to run the binary where it was built (not under /root, say) and
    // to read the good files where the temporary folder is.
    let can = |program: &str, arg: &Path| {
        Command::new("setpriv")
            .args(as_nobody)
            .arg(program)
            .arg(arg)
            .output()
            .is_ok_and(|o| o.status.success())
    };
    if root
        && !(can(binary, Path::new("--version"))
            && can("/usr/bin/test", &data.join("claims/good.yaml")))
    {
        return None;
    }
    let output = if root {
        Command::new("setpriv")
            .args(as_nobody)
            .arg(binary)
            .args(args)
            .arg(data)
            .output()
            .ok()?
    } else {
        Command::new(binary).args(args).arg(data).output().ok()?
    };
    let value = serde_json::from_slice(&output.stdout).unwrap_or(serde_json::Value::Null);
    Some((output, value))
}

#[cfg(unix)]
#[test]
fn unreadable_files_and_folders_are_reported_and_the_rest_is_checked() {
    use std::os::unix::fs::PermissionsExt;
    let dir = dataset(&[
        ("claims/locked.yaml", CLAIM.as_bytes()),
        ("claims/sealed/inner.yaml", CLAIM.as_bytes()),
    ]);
    let locked = dir.path().join("claims/locked.yaml");
    let sealed = dir.path().join("claims/sealed");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    std::fs::set_permissions(&sealed, std::fs::Permissions::from_mode(0o000)).unwrap();
    let Some((out, value)) = run_unprivileged(dir.path()) else {
        eprintln!(
            "skipped: cannot run as a user without read access here (no setpriv, or `nobody` \
             cannot reach the binary or the temporary folder)"
        );
        return;
    };
    std::fs::set_permissions(&sealed, std::fs::Permissions::from_mode(0o755)).unwrap();
    // Exit 2: the data could not all be read (CLI.md), yet every readable file was checked.
    assert_eq!(
        out.status.code(),
        Some(2),
        "{}{}",
        String::from_utf8_lossy(&out.stderr),
        String::from_utf8_lossy(&out.stdout)
    );
    let d = found(&value);
    assert!(
        d.contains(&("unreadable-file".into(), "locked.yaml".into(), 1)),
        "{d:?}"
    );
    assert!(
        d.contains(&("unreadable-file".into(), "sealed".into(), 1)),
        "{d:?}"
    );
    assert!(
        d.iter()
            .any(|x| x.0 == "unknown-reference" && x.1 == "good.yaml"),
        "the good files were still checked: {d:?}"
    );
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
