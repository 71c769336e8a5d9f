//! Writing reports so that nothing is lost: each file goes to a temporary file in the same
//! folder and is renamed over the old one, so a killed run leaves the previous file whole.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

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

/// Writes `bytes` to `path` atomically (temporary file in the same folder, then rename).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    fs::create_dir_all(dir)?;
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("out");
    let temp: PathBuf = dir.join(format!(".{name}.tmp-{}", std::process::id()));
    let result = (|| {
        let mut file = fs::File::create(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        fs::rename(&temp, path)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result
}

/// Writes every file under `out`, each atomically, then removes treaty pages of treaties no
/// longer in the data. Files are all built before this is called, so a failed build never
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

/// Treaty pages under `out/treaties/` that the new reports do not have.
fn obsolete_pages(out: &Path, files: &[OutputFile]) -> Vec<String> {
    let Ok(entries) = fs::read_dir(out.join("treaties")) else {
        return Vec::new();
    };
    let mut pages: Vec<String> = entries
        .filter_map(Result::ok)
        .filter_map(|e| e.file_name().to_str().map(|n| format!("treaties/{n}")))
        .filter(|p| p.ends_with(".md") && !files.iter().any(|f| &f.path == p))
        .collect();
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
    fn pages_of_removed_treaties_are_stale_and_removed() {
        let dir = tempfile::tempdir().unwrap();
        let old = vec![
            OutputFile::new("treaties/a.md", b"a".to_vec()),
            OutputFile::new("treaties/b.md", b"b".to_vec()),
        ];
        write_all(dir.path(), &old).unwrap();
        let new = vec![OutputFile::new("treaties/a.md", b"a".to_vec())];
        assert_eq!(
            stale_files(dir.path(), &new),
            vec!["treaties/b.md".to_string()]
        );
        write_all(dir.path(), &new).unwrap();
        assert!(!dir.path().join("treaties/b.md").exists());
        assert!(stale_files(dir.path(), &new).is_empty());
    }
}
