//! Writing reports so that nothing is lost: each file goes to a temporary file in the same
//! folder and is renamed over the old one, so a killed run leaves the previous file whole.

use std::fs;
use std::path::Path;

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

pub use treatywatch_loader::temporary::{remove_leftovers, write_atomic, write_new_atomic};

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
    use treatywatch_loader::temporary;

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
