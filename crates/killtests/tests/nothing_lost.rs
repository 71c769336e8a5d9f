//! Nothing is lost: a run killed at any moment leaves every file it writes either as it was
//! or as the run would have written it, never half-written.
//!
//! Each test first makes the two complete versions of every file (old and new), then starts
//! the run that turns old into new many times, killing it (SIGKILL: no clean-up code runs)
//! at many moments, and checks every file. The runs stop half-way through every file they
//! write (`TREATYWATCH_TEST_PAUSE_MID_WRITE_MS`, read by this crate's `treatywatch-paused`,
//! the command with the loader's pause seam set): besides kills spread over the run, the test
//! watches for the k-th temporary file to appear and kills the run then, so that kills land
//! inside writes whatever the machine's speed or load. A writer that wrote in place would
//! leave half a file there, and fail (checked).

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a failed unwrap is a failed test

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn treatywatch() -> Command {
    Command::new(env!("CARGO_BIN_EXE_treatywatch-paused"))
}

/// Every regular file under `dir` (relative path → bytes); temporaries are listed apart.
fn snapshot(dir: &Path) -> (BTreeMap<String, Vec<u8>>, Vec<String>) {
    let mut files = BTreeMap::new();
    let mut temporaries = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries {
            let path = e.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let rel = path
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            if rel.ends_with(".tmp") {
                temporaries.push(rel);
            } else {
                files.insert(rel, std::fs::read(&path).unwrap());
            }
        }
    }
    (files, temporaries)
}

fn copy_dir(from: &Path, to: &Path) {
    let (files, _) = snapshot(from);
    for (rel, bytes) in files {
        let path = to.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
}

/// How long each write stops half-way.
const PAUSE_MS: u64 = 100;

/// When a run is killed.
#[derive(Debug, Clone, Copy)]
enum Kill {
    /// After this long.
    After(Duration),
    /// As soon as the k-th temporary file (1-based) appears under the folder: inside a write.
    InsideWrite(usize),
}

/// Starts `command`, kills it as `kill` says (watching `dir` for temporaries); returns
/// whether it had already finished.
fn kill_run(mut command: Command, kill: Kill, dir: &Path) -> bool {
    let mut child = command
        .env("TREATYWATCH_TEST_PAUSE_MID_WRITE_MS", PAUSE_MS.to_string())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    match kill {
        Kill::After(delay) => std::thread::sleep(delay),
        Kill::InsideWrite(k) => {
            let mut seen = std::collections::BTreeSet::new();
            let deadline = std::time::Instant::now() + Duration::from_secs(30);
            while seen.len() < k && std::time::Instant::now() < deadline {
                if child.try_wait().unwrap().is_some() {
                    break;
                }
                seen.extend(snapshot(dir).1);
                std::thread::sleep(Duration::from_millis(1));
            }
        }
    }
    let finished = child.try_wait().unwrap().is_some();
    let _ = child.kill();
    let _ = child.wait();
    finished
}

/// How long a complete run takes (with the pauses), to spread the kills over it.
fn complete_run(mut command: Command) -> Duration {
    let start = std::time::Instant::now();
    let status = command
        .env("TREATYWATCH_TEST_PAUSE_MID_WRITE_MS", PAUSE_MS.to_string())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    start.elapsed()
}

/// The kills tried: 12 moments spread over 0 … 1.1 × a complete run (every phase of it),
/// then inside the 1st … `writes`-th write.
fn kills(complete: Duration, writes: usize) -> Vec<Kill> {
    let spread = (0..12u32).map(|k| Kill::After(complete * 11 / 10 * k / 11));
    spread.chain((1..=writes).map(Kill::InsideWrite)).collect()
}

#[test]
fn a_killed_report_leaves_each_file_old_or_new() {
    // The small valid fixture: a dozen files, each written with a pause (the bundled data's
    // ~240 files would take half an hour of kills).
    let data = workspace().join("tests/fixtures/valid");
    let work = tempfile::tempdir().unwrap();
    let render = |out: &Path, as_of: &str| {
        let status = treatywatch()
            .args(["report", "--as-of", as_of, "--data"])
            .arg(&data)
            .arg("--out")
            .arg(out)
            .status()
            .unwrap();
        assert!(status.success());
    };
    let old_dir = work.path().join("old");
    let new_dir = work.path().join("new");
    render(&old_dir, "2019-02-03");
    render(&new_dir, "2026-02-05");
    let (old, _) = snapshot(&old_dir);
    let (new, _) = snapshot(&new_dir);
    assert_eq!(
        old.keys().collect::<Vec<_>>(),
        new.keys().collect::<Vec<_>>()
    );
    assert!(old.iter().any(|(k, v)| new[k] != *v), "the versions differ");
    let mut killed_mid_write = 0;
    let mut killed_between_files = 0;
    // Load, checks and rendering take a few hundred ms; then 10 files, PAUSE_MS each.
    let scratch = work.path().join("timed");
    copy_dir(&old_dir, &scratch);
    let mut timed = treatywatch();
    timed
        .args(["report", "--as-of", "2026-02-05", "--data"])
        .arg(&data)
        .arg("--out")
        .arg(&scratch);
    let complete = complete_run(timed);
    for (i, kill) in kills(complete, old.len()).into_iter().enumerate() {
        let out = work.path().join(format!("run-{i}"));
        copy_dir(&old_dir, &out);
        let mut command = treatywatch();
        command
            .args(["report", "--as-of", "2026-02-05", "--data"])
            .arg(&data)
            .arg("--out")
            .arg(&out);
        let finished = kill_run(command, kill, &out);
        let (now, temporaries) = snapshot(&out);
        if !temporaries.is_empty() {
            killed_mid_write += 1;
        }
        let mut mixed = (0, 0);
        for (name, bytes) in &now {
            if *bytes == old[name] {
                mixed.0 += 1;
            } else {
                assert_eq!(*bytes, new[name], "{name} is half-written ({kill:?})");
                mixed.1 += 1;
            }
        }
        assert_eq!(now.len(), old.len(), "no file vanished ({kill:?})");
        if !finished && mixed.0 > 0 && mixed.1 > 0 {
            killed_between_files += 1;
        }
    }
    eprintln!(
        "killed mid-write: {killed_mid_write}; with old and new files: {killed_between_files}"
    );
    // The InsideWrite kills land inside writes (a few may miss on a starved machine), and
    // those after the first file leave old and new files side by side.
    assert!(
        killed_mid_write >= old.len() / 2,
        "the kills must land inside writes to test anything"
    );
    assert!(killed_between_files >= old.len() / 2);
}

#[test]
fn a_killed_fmt_leaves_each_file_old_or_formatted() {
    // 5 000 claims with their keys out of order (fmt takes about 0.25 s on them).
    let work = tempfile::tempdir().unwrap();
    let mut text = String::new();
    for i in 0..5_000 {
        text.push_str(&format!(
            "- id: c{i}\n  summary: claim number {i}, a sentence long enough to take some bytes\n  kind: other\n  claimant: usa\n  date: 2019-02-02\n  sources: [{{source: s}}]\n"
        ));
    }
    let original = work.path().join("original");
    std::fs::create_dir_all(original.join("claims")).unwrap();
    std::fs::write(original.join("claims/claims.yaml"), &text).unwrap();
    let formatted_dir = work.path().join("formatted");
    copy_dir(&original, &formatted_dir);
    let status = treatywatch()
        .arg("fmt")
        .arg("--data")
        .arg(&formatted_dir)
        .status()
        .unwrap();
    assert!(status.success());
    let formatted = std::fs::read(formatted_dir.join("claims/claims.yaml")).unwrap();
    assert!(formatted != text.as_bytes(), "fmt reorders the keys");
    let mut killed_mid_write = 0;
    let scratch = work.path().join("timed");
    copy_dir(&original, &scratch);
    let mut timed = treatywatch();
    timed.arg("fmt").arg("--data").arg(&scratch);
    let complete = complete_run(timed);
    for (i, kill) in kills(complete, 1).into_iter().enumerate() {
        let dir = work.path().join(format!("run-{i}"));
        copy_dir(&original, &dir);
        let mut command = treatywatch();
        command.arg("fmt").arg("--data").arg(&dir);
        kill_run(command, kill, &dir);
        let now = std::fs::read(dir.join("claims/claims.yaml")).unwrap();
        assert!(
            now == text.as_bytes() || now == formatted,
            "claims.yaml is half-written ({kill:?})"
        );
        if !snapshot(&dir).1.is_empty() {
            killed_mid_write += 1;
        }
    }
    assert!(
        killed_mid_write >= 1,
        "the kills must land inside the write"
    );
}

#[test]
fn a_killed_new_leaves_no_file_or_the_whole_skeleton() {
    let work = tempfile::tempdir().unwrap();
    let complete = work.path().join("complete");
    let status = treatywatch()
        .args(["new", "claim", "x-2019-02-02-claim", "--data"])
        .arg(&complete)
        .status()
        .unwrap();
    assert!(status.success());
    let skeleton = std::fs::read(complete.join("claims/x-2019-02-02-claim.yaml")).unwrap();
    let mut killed_mid_write = 0;
    let mut timed = treatywatch();
    timed
        .args(["new", "claim", "x-2019-02-02-claim", "--data"])
        .arg(work.path().join("timed"));
    let complete = complete_run(timed);
    for (i, kill) in kills(complete, 1).into_iter().enumerate() {
        let dir = work.path().join(format!("run-{i}"));
        let mut command = treatywatch();
        command
            .args(["new", "claim", "x-2019-02-02-claim", "--data"])
            .arg(&dir);
        kill_run(command, kill, &dir);
        let (files, temporaries) = snapshot(&dir);
        if !temporaries.is_empty() {
            killed_mid_write += 1;
        }
        for (name, bytes) in files {
            assert_eq!(bytes, skeleton, "{name} is half-written ({kill:?})");
        }
    }
    assert!(
        killed_mid_write >= 1,
        "the kills must land inside the write"
    );
}
