//! `validate --cache DIR`: each claim file's diagnostics and facts, keyed by its path and
//! content, so that a run after a one-file change parses that file only.
//!
//! What a claim file's results depend on, and what the cache's key therefore covers:
//!
//! - the file's path and bytes ([`FileKey`]: SHA-256 of both);
//! - the environment ([`environment`]: SHA-256 of the build of the rules (a digest of the
//!   validation crates' sources and the lock file, made at build time), the limits, and every
//!   file other than a claim file — actors, treaties, sources, archived texts, stray files —
//!   path and text). A change to any of these makes the whole cache another environment's:
//!   every claim file is checked again. The as-of date is not in it: `future-date` on claims
//!   is decided from their facts at the end, like the rules that need every claim.
//!
//! What depends on other claim files (which record an id names, duplicate ids, `responds_to`
//! loops, `allow`) is never cached: it is decided again on every run from the facts.
//!
//! The cache is a folder per environment, `DIR/v<format>-<environment>/`, holding one entry
//! per claim file, `<key>.entry`: a magic line, the format version, the SHA-256 of the rest,
//! and the key and results (postcard: serde's data in a compact binary form). Entries are read as files are
//! (on every core) and written as files are checked (atomically: a temporary file renamed), so
//! a run after a one-file change reads every entry but one and writes one. An entry that is
//! not such an entry, is damaged, or is another file's is ignored with a note, never trusted,
//! and written again; another environment's folder is noted and removed, as are the entries
//! of files that changed or are gone.

mod key;

use std::path::{Path, PathBuf};
use std::sync::Mutex;

pub use key::{BUILD, Environment, FetchedFile, FileKey, environment, environment_of_build};
use rustc_hash::FxHashSet;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use treatywatch_loader::Diagnostic;

use crate::facts::RecordFacts;

const MAGIC: &[u8] = b"treatywatch validate cache entry\n";
/// Raised whenever what is stored changes shape.
const FORMAT: u32 = 7;

/// What a claim file gave, alone: its diagnostics (file indexes are set when used) and each
/// record's facts.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FileFacts {
    pub records: Vec<RecordFacts>,
    pub diagnostics: Vec<Diagnostic>,
}

/// What an entry holds besides its key: the file's facts. (File indexes in the diagnostics
/// are set when used.)
#[derive(Debug, Clone, Serialize, Deserialize)]
struct StoredFile {
    records: Vec<RecordFacts>,
    diagnostics: Vec<Diagnostic>,
}

/// [`StoredFile`], borrowed for writing (the same encoding).
#[derive(Serialize)]
struct FileRef<'a> {
    records: &'a [RecordFacts],
    diagnostics: &'a [Diagnostic],
}

/// The cache in `--cache DIR`: entries of one environment, read as the run asks for them.
pub struct Cache {
    /// `DIR/<format>-<environment>`: this environment's entries, one file each.
    folder: PathBuf,
    dir: PathBuf,
    /// Entries read and used this run, and entries written.
    used: Mutex<FxHashSet<FileKey>>,
}

impl Cache {
    /// Opens the cache in `dir` for `environment`; the note says why nothing in it is used,
    /// when something is there but made elsewhere.
    pub fn open(dir: &Path, environment: Environment) -> (Cache, Option<String>) {
        let folder = dir.join(folder_name(&environment));
        let cache = Cache {
            folder,
            dir: dir.to_path_buf(),
            used: Mutex::new(FxHashSet::default()),
        };
        let note = (!cache.folder.is_dir() && !cache.others().is_empty()).then(|| {
            format!(
                "the cache in `{}` is for another build, limits, or other files than claims: every claim file is checked again",
                dir.display()
            )
        });
        (cache, note)
    }

    /// This environment's folders of other environments in `dir`: named like ours.
    fn others(&self) -> Vec<PathBuf> {
        let Ok(entries) = std::fs::read_dir(&self.dir) else {
            return Vec::new();
        };
        entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p != &self.folder && p.is_dir())
            .filter(|p| {
                p.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(is_folder_name)
            })
            .collect()
    }

    fn entry_path(&self, key: &FileKey) -> PathBuf {
        self.folder.join(format!("{}{ENTRY}", hex(&key.0)))
    }

    /// The facts cached for `key`, if an entry is there; `Err` is a note when the entry is
    /// there but cannot be trusted (the file is then checked again). Safe to call from
    /// several threads.
    pub fn get(&self, key: &FileKey) -> Result<Option<FileFacts>, String> {
        let path = self.entry_path(key);
        let bytes = match std::fs::read(&path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => {
                return Err(format!(
                    "cannot read the cache entry `{}`: {e}",
                    path.display()
                ));
            }
        };
        let facts = decode(&bytes, key)
            .map_err(|why| format!("the cache entry `{}` is ignored: {why}", path.display()))?;
        if let Ok(mut used) = self.used.lock() {
            used.insert(*key);
        }
        Ok(Some(facts))
    }

    /// Stores what a file gave, atomically (a temporary file renamed; not flushed to disk:
    /// an entry lost in a crash is only a slower next run, a damaged one fails its
    /// checksum). `Err` is a note for stderr. Safe to call from several threads.
    pub fn put(&self, key: FileKey, facts: &FileFacts) -> Result<(), String> {
        let path = self.entry_path(&key);
        let stored = FileRef {
            records: &facts.records,
            diagnostics: &facts.diagnostics,
        };
        let payload = postcard::to_allocvec(&(key, stored))
            .map_err(|e| format!("cannot write the cache: {e}"))?;
        let mut bytes = Vec::with_capacity(MAGIC.len() + 36 + payload.len());
        bytes.extend_from_slice(MAGIC);
        bytes.extend_from_slice(&FORMAT.to_le_bytes());
        bytes.extend_from_slice(&Sha256::digest(&payload));
        bytes.extend_from_slice(&payload);
        treatywatch_loader::temporary::write_atomic_unsynced(&path, &bytes).map_err(|e| {
            format!(
                "cannot write the cache entry `{}`: {e}; the results are not affected",
                path.display()
            )
        })?;
        if let Ok(mut used) = self.used.lock() {
            used.insert(key);
        }
        Ok(())
    }

    /// Removes what this run did not use: entries of files that changed or are gone, and
    /// the folders of other environments. Best effort.
    pub fn prune(self) {
        for other in self.others() {
            let _ = std::fs::remove_dir_all(other);
        }
        let Ok(used) = self.used.into_inner() else {
            return;
        };
        let Ok(entries) = std::fs::read_dir(&self.folder) else {
            return;
        };
        for entry in entries.filter_map(Result::ok) {
            let path = entry.path();
            let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
                continue;
            };
            let Some(key) = name.strip_suffix(ENTRY).and_then(unhex) else {
                continue;
            };
            if !used.contains(&FileKey(key)) {
                let _ = std::fs::remove_file(&path);
            }
        }
    }
}

/// An entry file's name ends so.
const ENTRY: &str = ".entry";

fn folder_name(environment: &Environment) -> String {
    format!("v{FORMAT}-{}", hex(&environment.0))
}

fn is_folder_name(name: &str) -> bool {
    name.strip_prefix('v')
        .and_then(|rest| rest.split_once('-'))
        .is_some_and(|(format, env)| {
            format.bytes().all(|b| b.is_ascii_digit()) && unhex(env).is_some()
        })
}

fn hex(bytes: &[u8; 32]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(text: &str) -> Option<[u8; 32]> {
    if text.len() != 64 {
        return None;
    }
    let mut out = [0u8; 32];
    for (i, byte) in out.iter_mut().enumerate() {
        *byte = u8::from_str_radix(text.get(2 * i..2 * i + 2)?, 16).ok()?;
    }
    Some(out)
}

fn decode(bytes: &[u8], key: &FileKey) -> Result<FileFacts, String> {
    let rest = bytes
        .strip_prefix(MAGIC)
        .ok_or("it is not a treatywatch cache entry")?;
    let (format, rest) = rest.split_at_checked(4).ok_or("it is cut short")?;
    if format != FORMAT.to_le_bytes() {
        return Err("it was written in another format".into());
    }
    let (sum, payload) = rest.split_at_checked(32).ok_or("it is cut short")?;
    if Sha256::digest(payload).as_slice() != sum {
        return Err("it is damaged (its checksum does not match)".into());
    }
    let (stored_key, stored): (FileKey, StoredFile) =
        postcard::from_bytes(payload).map_err(|e| format!("it cannot be decoded ({e})"))?;
    if stored_key != *key {
        return Err("it is another file's entry".into());
    }
    Ok(FileFacts {
        records: stored.records,
        diagnostics: stored.diagnostics,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use treatywatch_loader::{Severity, Span};

    fn facts() -> FileFacts {
        FileFacts {
            records: Vec::new(),
            diagnostics: vec![Diagnostic::new(
                treatywatch_model::RuleName::Schema,
                Severity::Error,
                0,
                Span::default(),
                "a message",
            )],
        }
    }

    #[test]
    fn an_entry_is_read_back_in_its_environment_only() {
        let dir = tempfile::tempdir().unwrap();
        let here = Environment([1; 32]);
        let (cache, note) = Cache::open(dir.path(), here);
        assert_eq!(note, None);
        let key = FileKey::of("data/claims/a.yaml", b"- id: a\n");
        assert_eq!(cache.get(&key), Ok(None));
        cache.put(key, &facts()).unwrap();
        cache.prune();
        let (cache, note) = Cache::open(dir.path(), here);
        assert_eq!(note, None);
        // Another path or content is another key.
        assert_eq!(
            cache.get(&FileKey::of("data/claims/b.yaml", b"- id: a\n")),
            Ok(None)
        );
        assert_eq!(
            cache.get(&FileKey::of("data/claims/a.yaml", b"- id: b\n")),
            Ok(None)
        );
        assert_eq!(cache.get(&key), Ok(Some(facts())));
        let (cache, note) = Cache::open(dir.path(), Environment([2; 32]));
        assert!(note.unwrap().contains("another build"));
        assert_eq!(cache.get(&key), Ok(None));
        // The other environment's folder goes once this one is used.
        cache.prune();
        let (cache, note) = Cache::open(dir.path(), here);
        assert_eq!(note, None);
        assert_eq!(cache.get(&key), Ok(None));
    }

    #[test]
    fn damaged_and_foreign_entries_are_ignored_with_a_note() {
        let dir = tempfile::tempdir().unwrap();
        let here = Environment([1; 32]);
        let key = FileKey::of("a", b"b");
        let other = FileKey::of("a", b"c");
        let (cache, _) = Cache::open(dir.path(), here);
        cache.put(key, &facts()).unwrap();
        cache.put(other, &facts()).unwrap();
        let path = cache.entry_path(&key);
        let good = std::fs::read(&path).unwrap();
        let mut flipped = good.clone();
        let last = flipped.len() - 1;
        flipped[last] ^= 1;
        for (bytes, why) in [
            (
                b"{\"not\": \"ours\"}".to_vec(),
                "not a treatywatch cache entry",
            ),
            (flipped, "damaged"),
            (good[..good.len() - 3].to_vec(), "damaged"),
            (good[..MAGIC.len() + 2].to_vec(), "cut short"),
            (
                std::fs::read(cache.entry_path(&other)).unwrap(),
                "another file's entry",
            ),
        ] {
            std::fs::write(&path, bytes).unwrap();
            let note = cache.get(&key).unwrap_err();
            assert!(note.contains(why), "{why}: {note}");
        }
    }

    #[test]
    fn entries_not_used_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        let here = Environment([1; 32]);
        let (kept, gone) = (FileKey::of("a", b"1"), FileKey::of("b", b"2"));
        let (cache, _) = Cache::open(dir.path(), here);
        cache.put(kept, &facts()).unwrap();
        cache.put(gone, &facts()).unwrap();
        cache.prune();
        let (cache, _) = Cache::open(dir.path(), here);
        assert!(cache.get(&kept).unwrap().is_some());
        cache.prune();
        let (cache, _) = Cache::open(dir.path(), here);
        assert!(cache.get(&kept).unwrap().is_some());
        assert_eq!(cache.get(&gone), Ok(None));
    }
}
