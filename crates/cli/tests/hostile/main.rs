//! Hostile input, end to end: each case gets a clear diagnostic with its place (or exit 2 with a
//! message), never a panic or a hang, and the other files are still checked.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a failed unwrap is a failed test

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use treatywatch_model::RuleName;
use treatywatch_testkit::AS_OF;

mod forgery;

const GOOD: &str = "- id: usa\n  name: United States\n  kind: state\n";

/// A claim with an unknown reference: proof that the good files are still checked.
const CLAIM: &str = "- id: c\n  date: 2019-02-02\n  claimant: nobody\n  kind: other\n  summary: s\n  sources: [{source: s}]\n";

const SOURCE: &str = "- id: s\n  title: t\n  kind: news\n  publisher: p\n  published: 2019\n  url: https://example.org/\n";

fn dataset(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let base: [(&str, &[u8]); 3] = [
        ("actors/good.yaml", GOOD.as_bytes()),
        ("claims/good.yaml", CLAIM.as_bytes()),
        ("sources/good.yaml", SOURCE.as_bytes()),
    ];
    let all: Vec<(&str, &[u8])> = base.iter().chain(files).copied().collect();
    treatywatch_testkit::files(&all)
}

fn run(data: &Path, extra: &[&str]) -> (Output, serde_json::Value) {
    let mut args = vec![
        "validate",
        "--format",
        "json",
        "--as-of",
        AS_OF,
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
fn found(value: &serde_json::Value) -> Vec<(RuleName, String, u64)> {
    value["diagnostics"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|d| {
                    let file = PathBuf::from(d["file"].as_str().unwrap());
                    (
                        RuleName::parse(d["rule"].as_str().unwrap()).unwrap(),
                        file.file_name().unwrap().to_string_lossy().into_owned(),
                        d["line"].as_u64().unwrap(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Runs one hostile file beside the good ones; returns its diagnostics.
fn hostile(name: &str, bytes: &[u8], extra: &[&str]) -> Vec<(RuleName, String, u64)> {
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
            .any(|d| d.0 == RuleName::UnknownReference && d.1 == "good.yaml"),
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
    assert_eq!(d[0].0, RuleName::ParseError);
    assert!(
        d[0].2 >= 3,
        "points at the alias that went over the budget: {d:?}"
    );
}

#[test]
fn nesting_100_000_deep() {
    let text = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let d = hostile("claims/deep.yaml", text.as_bytes(), &[]);
    assert_eq!(d, vec![(RuleName::ParseError, "deep.yaml".into(), 1)]);
}

#[test]
fn a_large_scalar_over_the_file_limit() {
    let text = format!("- id: a\n  summary: {}\n", "x".repeat(2_000_000));
    let d = hostile(
        "claims/big.yaml",
        text.as_bytes(),
        &["--max-file-bytes", "1000000"],
    );
    assert_eq!(d, vec![(RuleName::ParseError, "big.yaml".into(), 1)]);
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
    assert_eq!(d[0].0, RuleName::ParseError);
}

#[test]
fn invalid_utf8() {
    let d = hostile("claims/latin1.yaml", b"- id: a\n  summary: caf\xe9\n", &[]);
    assert_eq!(d, vec![(RuleName::ParseError, "latin1.yaml".into(), 2)]);
}

#[test]
fn bom_crlf_and_mixed_line_endings_are_read() {
    let text = "\u{feff}- id: a\r\n  date: 2019-02-30\r\n  claimant: usa\n  kind: other\r\n  summary: s\n  sources: [{source: s}]\r\n";
    let d = hostile("claims/crlf.yaml", text.as_bytes(), &[]);
    assert_eq!(d, vec![(RuleName::InvalidDate, "crlf.yaml".into(), 2)]);
}

#[test]
fn empty_and_comment_only_files_are_reported() {
    for (name, text) in [
        ("claims/empty.yaml", ""),
        ("claims/comment.yaml", "# nothing here\n"),
    ] {
        let d = hostile(name, text.as_bytes(), &[]);
        assert_eq!(d.len(), 1, "{name}: {d:?}");
        assert_eq!(d[0].0, RuleName::IgnoredFile);
    }
}

#[test]
fn several_documents() {
    let d = hostile("claims/docs.yaml", b"- id: a1\n---\n- id: a2\n", &[]);
    assert!(
        d.contains(&(RuleName::ParseError, "docs.yaml".into(), 2)),
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
    assert!(
        d.iter().any(|x| x.0 == RuleName::ParseError && x.2 == 2),
        "{d:?}"
    );
}

#[test]
fn keys_that_are_not_strings() {
    let d = hostile("claims/keys.yaml", b"- id: a\n  ? [x, y]\n  : z\n", &[]);
    assert!(
        d.iter().any(|x| x.0 == RuleName::ParseError && x.2 == 2),
        "{d:?}"
    );
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
        d.contains(&(RuleName::IgnoredFile, "passwd.yaml".into(), 1)),
        "{d:?}"
    );
    assert!(
        d.contains(&(RuleName::IgnoredFile, "loop".into(), 1)),
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
    assert!(found(&value).contains(&(RuleName::IgnoredFile, "pipe.yaml".into(), 1)));
}

#[test]
fn a_data_folder_that_does_not_exist() {
    let (out, _) = run(Path::new("/nonexistent/treatywatch/data"), &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("does not exist"));
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
            (RuleName::UnknownReference, "big.yaml".into(), 3),
            (RuleName::Schema, "big.yaml".into(), 5)
        ]
    );
}

#[test]
fn a_60_mb_name_is_a_schema_error_on_its_line_and_is_not_printed() {
    let mut text = String::from("id: usb\nname: ");
    text.push_str(&"x".repeat(60 * 1024 * 1024));
    text.push_str("\nkind: state\n");
    let d = hostile("actors/usb.yaml", text.as_bytes(), &[]);
    assert_eq!(d, vec![(RuleName::Schema, "usb.yaml".into(), 2)]);
    // The human report gives the place and the reason, not the 60 MB line.
    let dir = dataset(&[("actors/usb.yaml", text.as_bytes())]);
    let out = Command::new(env!("CARGO_BIN_EXE_treatywatch"))
        .args(["validate", "--as-of", AS_OF, "--data"])
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
    assert_eq!(d, vec![(RuleName::ParseError, "million.yaml".into(), 1)]);
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
    let args = ["validate", "--format", "json", "--as-of", AS_OF, "--data"];
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
        d.contains(&(RuleName::UnreadableFile, "locked.yaml".into(), 1)),
        "{d:?}"
    );
    assert!(
        d.contains(&(RuleName::UnreadableFile, "sealed".into(), 1)),
        "{d:?}"
    );
    assert!(
        d.iter()
            .any(|x| x.0 == RuleName::UnknownReference && x.1 == "good.yaml"),
        "the good files were still checked: {d:?}"
    );
}
