//! The temporary files `treatywatch` writes through (`.NAME.PID-N.tmp` beside the target, then
//! renamed over it): named here, once, so the writer makes them and the loader skips them by
//! the same rule, and a later run can tell a killed run's leftovers from a live run's work.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The temporary file for `target_name`, written by process `pid`, `attempt`-th try.
pub fn name(target_name: &str, pid: u32, attempt: u32) -> String {
    format!(".{target_name}.{pid}-{attempt}.tmp")
}

/// The process id of the run that made `path`, if `path` is one of our temporaries.
pub fn writer_pid(path: &Path) -> Option<u32> {
    let name = path.file_name()?.to_str()?;
    let rest = name.strip_prefix('.')?.strip_suffix(".tmp")?;
    let (_, tag) = rest.rsplit_once('.')?;
    let (pid, n) = tag.split_once('-')?;
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(pid) || !digits(n) {
        return None;
    }
    pid.parse().ok()
}

/// Whether `path` is one of our temporaries: not data, and not worth a warning.
pub fn is_temporary(path: &Path) -> bool {
    writer_pid(path).is_some()
}

/// Whether the process that wrote a temporary is certainly gone, so its file can be removed.
/// Only where the answer is sure (`/proc` on Linux); elsewhere nothing is ever removed.
pub fn writer_is_gone(pid: u32) -> bool {
    if pid == std::process::id() {
        return false;
    }
    let proc = Path::new("/proc");
    proc.join("self").exists() && !proc.join(pid.to_string()).exists()
}

/// Writes `bytes` to `path` atomically: a new temporary file in the same folder (created
/// exclusively, so never an existing file or a planted symbolic link), flushed to disk, then
/// renamed over `path`, and the folder flushed so the rename itself survives a crash. A run
/// killed at any point leaves either the old file or the new one, never a mix.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_replacing(path, bytes, true)
}

/// Like [`write_atomic`], without flushing to disk: after a crash the file may be the old one,
/// the new one, or damaged — for files whose loss costs only time and whose damage is
/// detected (a cache with a checksum).
pub fn write_atomic_unsynced(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_replacing(path, bytes, false)
}

fn write_replacing(path: &Path, bytes: &[u8], synced: bool) -> std::io::Result<()> {
    let dir = folder_of(path)?;
    let (temp, mut file) = create_temporary(dir, path)?;
    let result = (|| {
        if synced {
            write_bytes(&mut file, bytes)?;
        } else {
            file.write_all(bytes)?;
        }
        drop(file);
        fs::rename(&temp, path)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&temp);
        return result;
    }
    // Flushing a folder is not supported everywhere (Windows): the rename is done either way.
    if synced && let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// Writes a new file atomically and never over an existing one: the bytes go to a temporary
/// file that is then hard-linked to `path` (which fails if `path` exists) and removed. A run
/// killed at any point leaves no file or the whole file. Fails with `AlreadyExists` when
/// `path` exists.
pub fn write_new_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = folder_of(path)?;
    if fs::symlink_metadata(path).is_ok() {
        return Err(std::io::Error::from(std::io::ErrorKind::AlreadyExists));
    }
    let (temp, mut file) = create_temporary(dir, path)?;
    let result = (|| {
        write_bytes(&mut file, bytes)?;
        drop(file);
        fs::hard_link(&temp, path)
    })();
    let _ = fs::remove_file(&temp);
    result
}

/// Writes and flushes `bytes` to disk.
fn write_bytes(file: &mut fs::File, bytes: &[u8]) -> std::io::Result<()> {
    match pause_mid_write() {
        // Test aid: stop half-way through the file for a while, so that a test can kill the
        // process in the middle of a write and check that nothing is lost.
        Some(pause) => {
            let half = bytes.len() / 2;
            file.write_all(&bytes[..half])?;
            file.flush()?;
            std::thread::sleep(pause);
            file.write_all(&bytes[half..])?;
        }
        None => file.write_all(bytes)?,
    }
    file.sync_all()
}

/// How long each write stops half-way, in milliseconds (0: never): a fault-injection seam
/// that only the kill tests' own binary (`crates/killtests`) sets, through
/// [`pause_mid_write_for_tests`]. The command never sets it, and reads no environment for it.
static PAUSE_MID_WRITE_MS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// Makes every write of this process stop half-way through its file for `pause`, so that a
/// test can kill the process in the middle of a write. For the kill tests' binary only.
#[doc(hidden)]
pub fn pause_mid_write_for_tests(pause: std::time::Duration) {
    let ms = u64::try_from(pause.as_millis()).unwrap_or(u64::MAX);
    PAUSE_MID_WRITE_MS.store(ms, std::sync::atomic::Ordering::Relaxed);
}

fn pause_mid_write() -> Option<std::time::Duration> {
    match PAUSE_MID_WRITE_MS.load(std::sync::atomic::Ordering::Relaxed) {
        0 => None,
        ms => Some(std::time::Duration::from_millis(ms)),
    }
}

/// The folder a file goes in, created if needed.
fn folder_of(path: &Path) -> std::io::Result<&Path> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    fs::create_dir_all(dir)?;
    Ok(dir)
}

/// A new file `.NAME.PID-N.tmp` beside the target, never one that exists already. The first
/// time a run writes in a folder, temporaries that killed runs left there are removed first.
fn create_temporary(dir: &Path, target: &Path) -> std::io::Result<(PathBuf, fs::File)> {
    remove_leftovers_once(dir);
    let name = target.file_name().and_then(|n| n.to_str()).unwrap_or("out");
    let mut attempt = 0u32;
    loop {
        let temp = dir.join(self::name(name, std::process::id(), attempt));
        match fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temp)
        {
            Ok(file) => return Ok((temp, file)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && attempt < 1000 => {
                attempt += 1;
            }
            Err(e) => return Err(e),
        }
    }
}

/// Removes, once per folder and run, the temporaries in `dir` whose writer has exited (a
/// killed run's leftovers); never one a live run is still writing. Best effort: a file that
/// cannot be removed is left as it is (the loader never reads it as data).
fn remove_leftovers_once(dir: &Path) {
    static CLEANED: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());
    {
        let Ok(mut cleaned) = CLEANED.lock() else {
            return;
        };
        if cleaned.iter().any(|d| d == dir) {
            return;
        }
        cleaned.push(dir.to_path_buf());
    }
    remove_leftovers(dir);
}

/// Removes the temporaries in `dir` whose writer has exited; returns how many.
pub fn remove_leftovers(dir: &Path) -> usize {
    let Ok(entries) = fs::read_dir(dir) else {
        return 0;
    };
    let mut removed = 0;
    for entry in entries.filter_map(Result::ok) {
        let path = entry.path();
        let is_file = entry.file_type().is_ok_and(|t| t.is_file());
        if is_file
            && writer_pid(&path).is_some_and(writer_is_gone)
            && fs::remove_file(&path).is_ok()
        {
            removed += 1;
        }
    }
    removed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_recognised_and_nothing_else_is() {
        let made = name("x.md", 42, 7);
        assert_eq!(made, ".x.md.42-7.tmp");
        assert_eq!(writer_pid(Path::new(&made)), Some(42));
        assert!(is_temporary(Path::new(".x.md.1-2.tmp")));
        assert!(!is_temporary(Path::new("x.md.1-2.tmp")));
        assert!(!is_temporary(Path::new(".x.md.1-.tmp")));
        assert!(!is_temporary(Path::new(".x.md.-1.tmp")));
        assert!(!is_temporary(Path::new(".claims.yaml.tmp")));
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn only_a_finished_process_is_gone() {
        assert!(!writer_is_gone(std::process::id()));
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let pid = child.id();
        child.wait().unwrap();
        assert!(writer_is_gone(pid));
        let live = std::process::Command::new("sleep")
            .arg("5")
            .spawn()
            .unwrap();
        assert!(!writer_is_gone(live.id()));
        let mut live = live;
        live.kill().unwrap();
        live.wait().unwrap();
    }
}
