//! Writing reports so that nothing is lost: each file goes to a temporary file in the same
//! folder and is renamed over the old one, so a killed run leaves the previous file whole.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use treatywatch_loader::temporary;

/// A file to write, relative to the output folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

impl OutputFile {
    pub fn new(path: impl Into<String>, bytes: Vec<u8>) -> OutputFile {
        OutputFile {
            path: path.into(),
            bytes,
        }
    }
}

/// Writes `bytes` to `path` atomically: a new temporary file in the same folder (created
/// exclusively, so never an existing file or a planted symbolic link), flushed to disk, then
/// renamed over `path`, and the folder flushed so the rename itself survives a crash. A run
/// killed at any point leaves either the old file or the new one, never a mix.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = folder_of(path)?;
    let (temp, mut file) = create_temporary(dir, path)?;
    let result = (|| {
        write_bytes(&mut file, bytes)?;
        drop(file);
        fs::rename(&temp, path)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&temp);
        return result;
    }
    // Flushing a folder is not supported everywhere (Windows): the rename is done either way.
    if let Ok(d) = fs::File::open(dir) {
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

/// `TREATYWATCH_TEST_PAUSE_MID_WRITE_MS`: how long each write stops half-way (tests only).
fn pause_mid_write() -> Option<std::time::Duration> {
    let ms = std::env::var("TREATYWATCH_TEST_PAUSE_MID_WRITE_MS").ok()?;
    ms.parse().ok().map(std::time::Duration::from_millis)
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
        let temp = dir.join(temporary::name(name, std::process::id(), attempt));
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
            && temporary::writer_pid(&path).is_some_and(temporary::writer_is_gone)
            && fs::remove_file(&path).is_ok()
        {
            removed += 1;
        }
    }
    removed
}

/// Writes every file under `out`, each atomically, then removes treaty and actor pages of
/// treaties and actors no longer in the data. Files are all built before this is called, so a failed build never
/// touches the previous reports.
pub fn write_all(out: &Path, files: &[OutputFile]) -> std::io::Result<()> {
    for f in files {
        write_atomic(&out.join(&f.path), &f.bytes)?;
    }
    for obsolete in obsolete_pages(out, files) {
        fs::remove_file(out.join(obsolete))?;
    }
    Ok(())
}

/// The folders of generated pages, one file per treaty or actor.
const PAGE_FOLDERS: [&str; 2] = ["treaties", "actors"];

/// Pages under `out/treaties/` and `out/actors/` that the new reports do not have.
fn obsolete_pages(out: &Path, files: &[OutputFile]) -> Vec<String> {
    let mut pages: Vec<String> = Vec::new();
    for folder in PAGE_FOLDERS {
        let Ok(entries) = fs::read_dir(out.join(folder)) else {
            continue;
        };
        pages.extend(
            entries
                .filter_map(Result::ok)
                .filter_map(|e| e.file_name().to_str().map(|n| format!("{folder}/{n}")))
                .filter(|p| p.ends_with(".md") && !files.iter().any(|f| &f.path == p)),
        );
    }
    pages.sort();
    pages
}

/// The files whose content under `out` differs from what would be written, and the treaty
/// pages that would be removed.
pub fn stale_files(out: &Path, files: &[OutputFile]) -> Vec<String> {
    let mut stale: Vec<String> = files
        .iter()
        .filter(|f| fs::read(out.join(&f.path)).ok().as_deref() != Some(f.bytes.as_slice()))
        .map(|f| f.path.clone())
        .collect();
    stale.extend(obsolete_pages(out, files));
    stale
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_replace_whole_files_and_leave_no_temporaries() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/x.md");
        write_atomic(&path, b"one").unwrap();
        write_atomic(&path, b"two").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"two");
        let names: Vec<_> = fs::read_dir(dir.path().join("sub"))
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn a_planted_symbolic_link_is_never_written_through() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim");
        fs::write(&victim, "keep").unwrap();
        // Whatever temporary name a run might pick, it is created new, never opened.
        for n in 0..3 {
            let name = format!(".x.md.{}-{n}.tmp", std::process::id());
            std::os::unix::fs::symlink(&victim, dir.path().join(name)).unwrap();
        }
        write_atomic(&dir.path().join("x.md"), b"new").unwrap();
        assert_eq!(fs::read(&victim).unwrap(), b"keep");
        assert_eq!(fs::read(dir.path().join("x.md")).unwrap(), b"new");
    }

    #[test]
    fn a_new_file_is_written_whole_and_never_over_an_existing_one() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("claims/new.yaml");
        write_new_atomic(&path, b"one").unwrap();
        let again = write_new_atomic(&path, b"two").unwrap_err();
        assert_eq!(again.kind(), std::io::ErrorKind::AlreadyExists);
        assert_eq!(fs::read(&path).unwrap(), b"one");
        let names: Vec<_> = fs::read_dir(dir.path().join("claims"))
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 1, "no temporary left: {names:?}");
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_killed_runs_temporaries_are_removed_and_a_live_runs_are_not() {
        let dir = tempfile::tempdir().unwrap();
        let mut gone = std::process::Command::new("true").spawn().unwrap();
        let gone_pid = gone.id();
        gone.wait().unwrap();
        let mut live = std::process::Command::new("sleep")
            .arg("5")
            .spawn()
            .unwrap();
        let leftover = dir.path().join(temporary::name("a.md", gone_pid, 0));
        let in_progress = dir.path().join(temporary::name("b.md", live.id(), 0));
        let not_ours = dir.path().join(".a.md.tmp");
        for p in [&leftover, &in_progress, &not_ours] {
            fs::write(p, "x").unwrap();
        }
        write_atomic(&dir.path().join("a.md"), b"new").unwrap();
        assert!(!leftover.exists(), "a killed run's temporary is removed");
        assert!(in_progress.exists(), "a live run's temporary is kept");
        assert!(not_ours.exists(), "a file we did not make is kept");
        assert_eq!(remove_leftovers(dir.path()), 0);
        live.kill().unwrap();
        live.wait().unwrap();
        assert_eq!(remove_leftovers(dir.path()), 1);
        assert!(!in_progress.exists());
    }

    #[test]
    fn stale_files_are_the_ones_that_differ() {
        let dir = tempfile::tempdir().unwrap();
        let files = vec![
            OutputFile::new("a.md", b"a".to_vec()),
            OutputFile::new("b.md", b"b".to_vec()),
        ];
        write_all(dir.path(), &files).unwrap();
        assert!(stale_files(dir.path(), &files).is_empty());
        fs::write(dir.path().join("b.md"), "changed").unwrap();
        assert_eq!(stale_files(dir.path(), &files), vec!["b.md".to_string()]);
    }

    #[test]
    fn pages_of_removed_treaties_and_actors_are_stale_and_removed() {
        let dir = tempfile::tempdir().unwrap();
        let old = vec![
            OutputFile::new("treaties/a.md", b"a".to_vec()),
            OutputFile::new("treaties/b.md", b"b".to_vec()),
            OutputFile::new("actors/x.md", b"x".to_vec()),
            OutputFile::new("actors/y.md", b"y".to_vec()),
        ];
        write_all(dir.path(), &old).unwrap();
        // A file of the user's that is not a page stays.
        fs::write(dir.path().join("actors/notes.txt"), "mine").unwrap();
        let new = vec![
            OutputFile::new("treaties/a.md", b"a".to_vec()),
            OutputFile::new("actors/x.md", b"x".to_vec()),
        ];
        assert_eq!(
            stale_files(dir.path(), &new),
            vec!["actors/y.md".to_string(), "treaties/b.md".to_string()]
        );
        write_all(dir.path(), &new).unwrap();
        assert!(!dir.path().join("treaties/b.md").exists());
        assert!(!dir.path().join("actors/y.md").exists());
        assert!(dir.path().join("actors/notes.txt").exists());
        assert!(stale_files(dir.path(), &new).is_empty());
    }
}
