//! A dataset as it was: a folder, or the data folder of a git revision exported without a
//! checkout (the base of `treatywatch diff --base DIR_OR_GIT_REV`).

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::{Dataset, Limits};

/// Reads the base: a folder, or the `data/` of a git revision (without a checkout).
pub fn load_base(
    base: &str,
    data: &Path,
    limits: Limits,
) -> Result<(Dataset, Option<tempfile::TempDir>), String> {
    let as_dir = PathBuf::from(base);
    if as_dir.is_dir() {
        return crate::load(&as_dir, limits)
            .map(|d| (d, None))
            .map_err(|e| e.to_string());
    }
    let dir = tempfile::tempdir().map_err(|e| format!("cannot make a temporary folder: {e}"))?;
    export_revision(base, data, dir.path())?;
    let loaded = crate::load(dir.path(), limits).map_err(|e| e.to_string())?;
    Ok((loaded, Some(dir)))
}

/// Copies `<rev>:<data>` into `into` with `git ls-tree` and one `git cat-file --batch`.
fn export_revision(rev: &str, data: &Path, into: &Path) -> Result<(), String> {
    let prefix = data.to_string_lossy().trim_end_matches('/').to_string();
    let listing = Command::new("git")
        .args([
            "ls-tree",
            "-r",
            "--name-only",
            "--full-tree",
            rev,
            "--",
            &prefix,
        ])
        .output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if !listing.status.success() {
        return Err(format!(
            "`{rev}` is neither a folder nor a git revision: {}",
            String::from_utf8_lossy(&listing.stderr).trim()
        ));
    }
    let names: Vec<String> = String::from_utf8_lossy(&listing.stdout)
        .lines()
        .map(str::to_string)
        .collect();
    let mut child = Command::new("git")
        .args(["cat-file", "--batch"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run git: {e}"))?;
    let mut stdin = child.stdin.take().ok_or("git: no stdin")?;
    let requests: String = names.iter().map(|n| format!("{rev}:{n}\n")).collect();
    let writer = std::thread::spawn(move || stdin.write_all(requests.as_bytes()));
    let mut reader = BufReader::new(child.stdout.take().ok_or("git: no stdout")?);
    for name in &names {
        let mut header = String::new();
        reader.read_line(&mut header).map_err(|e| e.to_string())?;
        let size: usize = header
            .split_whitespace()
            .nth(2)
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| format!("git cat-file: unexpected answer `{}`", header.trim()))?;
        let mut bytes = vec![0; size + 1];
        reader.read_exact(&mut bytes).map_err(|e| e.to_string())?;
        bytes.truncate(size);
        let relative = Path::new(name)
            .strip_prefix(&prefix)
            .unwrap_or(Path::new(name));
        let target = into.join(relative);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).map_err(|e| e.to_string())?;
        }
        std::fs::write(&target, bytes).map_err(|e| e.to_string())?;
    }
    let _ = writer.join();
    let _ = child.wait();
    Ok(())
}
