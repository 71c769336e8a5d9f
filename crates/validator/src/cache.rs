//! `validate --cache DIR`: each claim file's diagnostics and facts, keyed by its path and
//! content, so that a run after a one-file change parses that file only.
//!
//! What a claim file's results depend on, and what the cache's key therefore covers:
//!
//! - the file's path and bytes ([`FileKey`]: SHA-256 of both);
//! - the environment ([`environment`]: SHA-256 of the executable's own bytes, the as-of date,
//!   the limits, and every file other than a claim file — actors, treaties, sources, archived
//!   texts, stray files — path and text). A change to any of these makes the whole cache
//!   another environment's: every claim file is checked again.
//!
//! What depends on other claim files (which record an id names, duplicate ids, `responds_to`
//! loops, `allow`) is never cached: it is decided again on every run from the facts.
//!
//! The cache is one file, `DIR/validate.cache`: a magic line, the format version, the SHA-256
//! of the rest, and the entries (bincode). A file that is not such a cache, is damaged, or
//! was made in another environment is ignored with a note, never trusted, and replaced. It is
//! written atomically (temporary file, then rename) with the entries of this run's files only.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use treatywatch_loader::{Dataset, Diagnostic, Evidence, Limits, Severity, Span};
use treatywatch_model::RecordKind;

use crate::Options;
use crate::facts::RecordFacts;

const MAGIC: &[u8] = b"treatywatch validate cache\n";
/// Raised whenever what is stored changes shape.
const FORMAT: u32 = 1;
/// The cache's file inside `--cache DIR`.
pub const FILE_NAME: &str = "validate.cache";

/// A claim file's key: SHA-256 of its path (as shown) and bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct FileKey([u8; 32]);

impl FileKey {
    pub fn of(path: &str, bytes: &[u8]) -> FileKey {
        let mut hash = Sha256::new();
        hash.update((path.len() as u64).to_le_bytes());
        hash.update(path.as_bytes());
        hash.update(bytes);
        FileKey(hash.finalize().into())
    }
}

/// What a claim file gave, alone: its diagnostics (file indexes are set when used) and each
/// record's facts.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FileFacts {
    pub records: Vec<RecordFacts>,
    pub diagnostics: Vec<Diagnostic>,
}

/// The environment every cached result depends on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Environment([u8; 32]);

/// The environment of a run: this executable, the as-of date, the limits, and every file of
/// `data` other than claim files (read, with their texts).
pub fn environment(data: &Dataset, options: &Options, limits: Limits) -> Environment {
    let mut hash = Sha256::new();
    hash.update(FORMAT.to_le_bytes());
    hash.update(executable());
    let field = |hash: &mut Sha256, bytes: &[u8]| {
        hash.update((bytes.len() as u64).to_le_bytes());
        hash.update(bytes);
    };
    field(&mut hash, options.as_of.to_string().as_bytes());
    field(&mut hash, format!("{limits:?}").as_bytes());
    for (i, file) in data.files.iter().enumerate() {
        if file.kind == Some(RecordKind::Claim) {
            continue;
        }
        field(&mut hash, file.path.as_bytes());
        field(&mut hash, file.text.as_bytes());
        for p in data.problems.iter().filter(|p| p.file == i) {
            field(&mut hash, format!("{p:?}").as_bytes());
        }
    }
    Environment(hash.finalize().into())
}

/// SHA-256 of the running executable: any other build is another environment, as its rules
/// may differ. (The version number alone would not tell two builds of one version apart.)
fn executable() -> [u8; 32] {
    static ID: OnceLock<[u8; 32]> = OnceLock::new();
    *ID.get_or_init(|| {
        let bytes = std::env::current_exe()
            .and_then(std::fs::read)
            .unwrap_or_default();
        let mut hash = Sha256::new();
        hash.update(env!("CARGO_PKG_VERSION"));
        hash.update(&bytes);
        hash.finalize().into()
    })
}

/// A diagnostic as stored: the rule by name.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct StoredDiagnostic {
    rule: String,
    severity: Severity,
    message: String,
    span: Span,
    record: Option<String>,
    pointer: Option<String>,
    evidence: Vec<Evidence>,
    help: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct StoredFile {
    records: Vec<RecordFacts>,
    diagnostics: Vec<StoredDiagnostic>,
}

impl StoredFile {
    fn of(facts: &FileFacts) -> StoredFile {
        StoredFile {
            records: facts.records.clone(),
            diagnostics: facts
                .diagnostics
                .iter()
                .map(|d| StoredDiagnostic {
                    rule: d.rule.to_string(),
                    severity: d.severity,
                    message: d.message.clone(),
                    span: d.span,
                    record: d.record.clone(),
                    pointer: d.pointer.clone(),
                    evidence: d.evidence.clone(),
                    help: d.help.clone(),
                })
                .collect(),
        }
    }

    /// The facts, or `None` when a rule is unknown to this build.
    fn facts(&self) -> Option<FileFacts> {
        let diagnostics = self
            .diagnostics
            .iter()
            .map(|d| {
                let rule = crate::find_rule(&d.rule)?;
                Some(Diagnostic {
                    rule: rule.name,
                    severity: d.severity,
                    message: d.message.clone(),
                    file: 0,
                    span: d.span,
                    record: d.record.clone(),
                    pointer: d.pointer.clone(),
                    evidence: d.evidence.clone(),
                    help: d.help.clone(),
                })
            })
            .collect::<Option<Vec<_>>>()?;
        Some(FileFacts {
            records: self.records.clone(),
            diagnostics,
        })
    }
}

#[derive(Serialize, Deserialize)]
struct Stored {
    environment: Environment,
    entries: Vec<(FileKey, StoredFile)>,
}

/// The cache of one run: what it read, and what it will write.
pub struct Cache {
    path: PathBuf,
    environment: Environment,
    old: FxHashMap<FileKey, StoredFile>,
    new: FxHashMap<FileKey, StoredFile>,
}

impl Cache {
    /// Opens the cache in `dir` for `environment`; the note says why nothing in it is used,
    /// when something is there but cannot be trusted.
    pub fn open(dir: &Path, environment: Environment) -> (Cache, Option<String>) {
        let path = dir.join(FILE_NAME);
        let mut cache = Cache {
            path,
            environment,
            old: FxHashMap::default(),
            new: FxHashMap::default(),
        };
        let bytes = match std::fs::read(&cache.path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return (cache, None),
            Err(e) => {
                let note = format!(
                    "cannot read the cache `{}` ({e}): every file is checked",
                    cache.path.display()
                );
                return (cache, Some(note));
            }
        };
        match decode(&bytes) {
            Err(why) => {
                let note = format!(
                    "the cache `{}` is ignored: {why}; every file is checked and the cache is written again",
                    cache.path.display()
                );
                (cache, Some(note))
            }
            Ok(stored) if stored.environment != environment => {
                let note = format!(
                    "the cache `{}` is for another build, as-of date, limits, or other files than claims: every claim file is checked again",
                    cache.path.display()
                );
                (cache, Some(note))
            }
            Ok(stored) => {
                cache.old = stored.entries.into_iter().collect();
                (cache, None)
            }
        }
    }

    /// The facts cached for `key`.
    pub fn get(&self, key: &FileKey) -> Option<FileFacts> {
        self.old.get(key)?.facts()
    }

    /// Keeps the entry of `key` (read from the cache) for the next run.
    pub fn keep(&mut self, key: FileKey) {
        if let Some(stored) = self.old.remove(&key) {
            self.new.insert(key, stored);
        }
    }

    /// Stores what a file gave.
    pub fn put(&mut self, key: FileKey, facts: FileFacts) {
        self.new.insert(key, StoredFile::of(&facts));
    }

    /// Writes the entries of this run's files, atomically. `Err` is a note for stderr.
    pub fn save(self) -> Result<(), String> {
        let mut entries: Vec<(FileKey, StoredFile)> = self.new.into_iter().collect();
        entries.sort_by_key(|(k, _)| k.0);
        let stored = Stored {
            environment: self.environment,
            entries,
        };
        let payload =
            bincode::serialize(&stored).map_err(|e| format!("cannot write the cache: {e}"))?;
        let mut bytes = Vec::with_capacity(MAGIC.len() + 36 + payload.len());
        bytes.extend_from_slice(MAGIC);
        bytes.extend_from_slice(&FORMAT.to_le_bytes());
        bytes.extend_from_slice(&Sha256::digest(&payload));
        bytes.extend_from_slice(&payload);
        treatywatch_loader::temporary::write_atomic(&self.path, &bytes).map_err(|e| {
            format!(
                "cannot write the cache `{}`: {e}; the results are not affected",
                self.path.display()
            )
        })
    }
}

fn decode(bytes: &[u8]) -> Result<Stored, String> {
    let rest = bytes
        .strip_prefix(MAGIC)
        .ok_or("it is not a treatywatch cache")?;
    let (format, rest) = rest.split_at_checked(4).ok_or("it is cut short")?;
    if format != FORMAT.to_le_bytes() {
        return Err("it was written in another format".into());
    }
    let (sum, payload) = rest.split_at_checked(32).ok_or("it is cut short")?;
    if Sha256::digest(payload).as_slice() != sum {
        return Err("it is damaged (its checksum does not match)".into());
    }
    bincode::deserialize(payload).map_err(|e| format!("it cannot be decoded ({e})"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts() -> FileFacts {
        FileFacts {
            records: Vec::new(),
            diagnostics: vec![Diagnostic::new(
                "schema",
                Severity::Error,
                3,
                Span::default(),
                "a message",
            )],
        }
    }

    #[test]
    fn a_saved_cache_is_read_back_in_its_environment_only() {
        let dir = tempfile::tempdir().unwrap();
        let here = Environment([1; 32]);
        let (mut cache, note) = Cache::open(dir.path(), here);
        assert_eq!(note, None);
        let key = FileKey::of("data/claims/a.yaml", b"- id: a\n");
        assert_eq!(cache.get(&key), None);
        cache.put(key, facts());
        cache.save().unwrap();
        let (cache, note) = Cache::open(dir.path(), here);
        assert_eq!(note, None);
        let mut expected = facts();
        expected.diagnostics[0].file = 0;
        assert_eq!(cache.get(&key), Some(expected));
        // Another path or content is another key.
        assert_eq!(
            cache.get(&FileKey::of("data/claims/b.yaml", b"- id: a\n")),
            None
        );
        assert_eq!(
            cache.get(&FileKey::of("data/claims/a.yaml", b"- id: b\n")),
            None
        );
        let (cache, note) = Cache::open(dir.path(), Environment([2; 32]));
        assert!(note.unwrap().contains("another build"));
        assert_eq!(cache.get(&key), None);
    }

    #[test]
    fn damaged_and_foreign_caches_are_ignored_with_a_note() {
        let dir = tempfile::tempdir().unwrap();
        let here = Environment([1; 32]);
        let (mut cache, _) = Cache::open(dir.path(), here);
        let key = FileKey::of("a", b"b");
        cache.put(key, facts());
        cache.save().unwrap();
        let path = dir.path().join(FILE_NAME);
        let good = std::fs::read(&path).unwrap();
        let mut flipped = good.clone();
        let last = flipped.len() - 1;
        flipped[last] ^= 1;
        for (bytes, why) in [
            (b"{\"not\": \"ours\"}".to_vec(), "not a treatywatch cache"),
            (flipped, "damaged"),
            (good[..good.len() / 2].to_vec(), "damaged"),
            (good[..MAGIC.len() + 2].to_vec(), "cut short"),
        ] {
            std::fs::write(&path, bytes).unwrap();
            let (cache, note) = Cache::open(dir.path(), here);
            let note = note.unwrap();
            assert!(note.contains(why), "{note}");
            assert_eq!(cache.get(&key), None);
        }
    }
}
