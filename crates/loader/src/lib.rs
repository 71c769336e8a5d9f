//! Reads a treatywatch `data/` folder into typed records, remembering the file, line and
//! column of every value so that any check can point at the exact value it is about.
//!
//! One parser reads YAML 1.2 and JSON (JSON is YAML 1.2's subset). Files are parsed in
//! parallel; a file that fails to parse gives a diagnostic and the load goes on.

mod de;
mod diagnostic;
pub mod format;
#[doc(hidden)]
pub mod fuzzing;
mod index;
mod read;
pub mod revision;
pub mod temporary;
mod tree;
mod walk;
mod with_file;
pub mod yaml;

use std::fs;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use treatywatch_model::{Record, RecordKind};

use walk::{Found, walk};

pub use read::FileResult;

pub use diagnostic::{Diagnostic, Evidence, Problem, ProblemKind, Severity};
pub use index::{Ids, Index, Named};
pub use tree::{Entry, Node, NodeValue, Span, pointer_token};
pub use walk::DOCUMENTATION_FILES;
pub use yaml::{Limits, LineIndex};

/// One file read from `data/`.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The path as shown to users: relative to the working directory, `/`-separated.
    pub path: String,
    /// The text (empty when it could not be read or decoded).
    pub text: String,
    /// The kind its folder holds, or `None` for a file outside the kind folders.
    pub kind: Option<RecordKind>,
}

/// A record read from a file, with its tree (for positions) and its typed form.
#[derive(Debug, Clone)]
pub struct LoadedRecord {
    pub kind: RecordKind,
    /// Index into [`Dataset::files`].
    pub file: usize,
    /// `true` when the file holds a list of records, `false` for a one-record file.
    pub in_list: bool,
    /// The record's tree, with positions; JSON Pointers in diagnostics are relative to it.
    pub node: Node,
    /// The typed record, or `None` when the value does not fit the model (the schema check
    /// then says why).
    pub record: Option<Record>,
}

impl LoadedRecord {
    /// The record's id as written, when it has a string `id`.
    pub fn id(&self) -> Option<&str> {
        self.node.get("id").and_then(Node::as_str)
    }

    /// The record as JSON (what the schemas validate), made on demand: keeping it for every
    /// record would double the memory of a large dataset.
    pub fn value(&self) -> serde_json::Value {
        self.node.to_json()
    }

    /// The span of the value at `pointer` (inside the record), or of the record itself.
    pub fn span_of(&self, pointer: &str) -> Span {
        self.node
            .pointer(pointer)
            .map_or(self.node.span, |n| n.span)
    }
}

/// Everything read from a data folder.
#[derive(Debug, Clone, Default)]
pub struct Dataset {
    pub root: PathBuf,
    pub files: Vec<SourceFile>,
    pub records: Vec<LoadedRecord>,
    /// Problems found while reading: syntax errors, duplicate keys, ignored files.
    pub problems: Vec<Problem>,
}

/// Why a data folder could not be read at all.
#[derive(Debug)]
pub enum LoadError {
    NotFound(PathBuf),
    NotADirectory(PathBuf),
    /// A folder with files but none of the kind folders (`claims/`, …): not a data folder.
    NotADataFolder(PathBuf),
    Io(PathBuf, std::io::Error),
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LoadError::NotFound(p) => write!(f, "the data folder `{}` does not exist", p.display()),
            LoadError::NotADirectory(p) => write!(f, "`{}` is not a folder", p.display()),
            LoadError::NotADataFolder(p) => {
                let kind_folder = p
                    .file_name()
                    .and_then(|n| n.to_str())
                    .and_then(RecordKind::from_folder);
                match (kind_folder, p.parent()) {
                    (Some(_), Some(parent)) => write!(
                        f,
                        "`{}` is a kind folder, not a data folder: pass the folder that holds it, `--data {}`",
                        p.display(),
                        if parent.as_os_str().is_empty() {
                            Path::new(".")
                        } else {
                            parent
                        }
                        .display()
                    ),
                    _ => write!(
                        f,
                        "`{}` is not a data folder: it has none of actors/, treaties/, sources/, claims/",
                        p.display()
                    ),
                }
            }
            LoadError::Io(p, e) => write!(f, "cannot read `{}`: {e}", p.display()),
        }
    }
}

impl std::error::Error for LoadError {}

/// The name shown for a path: relative to the working directory when inside it.
pub fn display_path(path: &Path) -> String {
    let shown = std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(&cwd).ok().map(Path::to_path_buf))
        .unwrap_or_else(|| path.to_path_buf());
    let text = shown.to_string_lossy().replace('\\', "/");
    text.strip_prefix("./").map(str::to_string).unwrap_or(text)
}

/// The folder of archived source texts, directly in the data folder: `texts/<source-id>.txt`.
pub const TEXTS_FOLDER: &str = "texts";

impl Dataset {
    /// Every archived text (`texts/<source-id>.txt`, directly in the data folder): source id
    /// → the file's index. Made once and looked up per quote; the first file of an id wins.
    pub fn archived_texts(&self) -> FxHashMap<&str, usize> {
        let folder = format!("{}/", display_path(&self.root.join(TEXTS_FOLDER)));
        let mut texts = FxHashMap::default();
        for (index, f) in self.files.iter().enumerate() {
            if f.kind.is_some() {
                continue;
            }
            let Some(id) = f
                .path
                .strip_prefix(&folder)
                .and_then(|p| p.strip_suffix(".txt"))
            else {
                continue;
            };
            if !id.contains('/') {
                texts.entry(id).or_insert(index);
            }
        }
        texts
    }
}

/// Parses `text` as a record file of `kind` (an editor's buffer, not yet saved): the records
/// and problems reading it gives, as for a file of that kind's folder.
pub fn parse_text(text: &str, kind: RecordKind, limits: Limits) -> FileResult {
    let path = PathBuf::from(kind.folder()).join("buffer.yaml");
    read::parse(
        0,
        &walk::Found::Data(path, Some(kind)),
        text.as_bytes().to_vec(),
        limits,
    )
}

/// The files of a data folder, found and sorted by path but not yet read: for reading them in
/// batches ([`Listing::fetch`] and [`Listing::parse`]) instead of all at once ([`load`]).
pub struct Listing {
    pub root: PathBuf,
    found: Vec<Found>,
}

impl Listing {
    /// How many files (record files, archived texts, stray and unreadable entries).
    pub fn len(&self) -> usize {
        self.found.len()
    }

    pub fn is_empty(&self) -> bool {
        self.found.is_empty()
    }

    /// The kind of records file `index` holds, if it is a record file.
    pub fn kind(&self, index: usize) -> Option<RecordKind> {
        self.found.get(index).and_then(Found::kind)
    }

    /// File `index`'s size in bytes (0 when it cannot be read).
    pub fn size(&self, index: usize) -> u64 {
        match self.found.get(index) {
            Some(Found::Loaded(_, result)) => result.file.text.len() as u64,
            Some(Found::Buffer(_, _, bytes)) => bytes.len() as u64,
            Some(f) => fs::metadata(f.path()).map_or(0, |m| m.len()),
            None => 0,
        }
    }

    /// File `index`'s path as shown to users.
    pub fn display_path(&self, index: usize) -> String {
        match self.found.get(index) {
            Some(Found::Loaded(_, result)) => result.file.path.clone(),
            Some(f) => display_path(f.path()),
            None => String::new(),
        }
    }

    /// The files of a dataset already loaded, as a listing whose files are read: each
    /// [`Listing::fetch`] gives the file's whole result (records, problems, text). What reads
    /// a listing in batches then reads a dataset in memory the same way.
    pub fn of_dataset(data: &Dataset) -> Listing {
        let mut results: Vec<FileResult> = data
            .files
            .iter()
            .map(|file| FileResult {
                file: file.clone(),
                records: Vec::new(),
                problems: Vec::new(),
            })
            .collect();
        for record in &data.records {
            if let Some(r) = results.get_mut(record.file) {
                r.records.push(record.clone());
            }
        }
        for problem in &data.problems {
            if let Some(r) = results.get_mut(problem.file) {
                r.problems.push(problem.clone());
            }
        }
        Listing {
            root: data.root.clone(),
            found: results
                .into_iter()
                .map(|r| Found::Loaded(PathBuf::from(&r.file.path), Box::new(r)))
                .collect(),
        }
    }

    /// The index of the file at `path` (as given to [`list`], or as shown), if the listing
    /// has it.
    pub fn index_of(&self, path: &Path) -> Option<usize> {
        let shown = display_path(path);
        self.found
            .iter()
            .position(|f| f.path() == path || display_path(f.path()) == shown)
    }

    /// Reads file `index` from `text` (an editor's unsaved buffer) instead of the disk, until
    /// [`Listing::clear_buffer`]. `false` when there is no such record file.
    pub fn set_buffer(&mut self, index: usize, text: Vec<u8>) -> bool {
        let Some(found) = self.found.get_mut(index) else {
            return false;
        };
        let (path, kind) = match found {
            Found::Data(p, kind) | Found::Buffer(p, kind, _) => (p.clone(), *kind),
            _ => return false,
        };
        *found = Found::Buffer(path, kind, std::sync::Arc::new(text));
        true
    }

    /// Adds a record file that is only an editor's buffer (not on disk yet), at the end of
    /// the listing; `None` when `path` is not a record file of a kind folder of this data
    /// folder (`claims/x.yaml`).
    pub fn add_buffer(&mut self, path: PathBuf, text: Vec<u8>) -> Option<usize> {
        let folder = path.parent()?;
        let kind = RecordKind::from_folder(folder.file_name()?.to_str()?)?;
        let same_root = folder.parent()? == self.root
            || folder.parent()?.canonicalize().ok()? == self.root.canonicalize().ok()?;
        let extension = path.extension()?.to_str()?;
        if !same_root || !matches!(extension, "yaml" | "yml" | "json") {
            return None;
        }
        self.found
            .push(Found::Buffer(path, Some(kind), std::sync::Arc::new(text)));
        Some(self.found.len() - 1)
    }

    /// Reads file `index` from the disk again.
    pub fn clear_buffer(&mut self, index: usize) {
        if let Some(found) = self.found.get_mut(index)
            && let Found::Buffer(p, kind, _) = found
        {
            *found = Found::Data(p.clone(), *kind);
        }
    }

    /// Reads file `index`'s bytes within the limits. `Err` is the file's whole result when it
    /// is not read: ignored, unreadable or over a limit.
    pub fn fetch(&self, index: usize, limits: Limits) -> Result<Vec<u8>, Box<FileResult>> {
        match self.found.get(index) {
            Some(f) => read::fetch(index, f, limits).map_err(Box::new),
            None => Err(Box::new(FileResult::unread(
                index,
                &self.root,
                ProblemKind::Unreadable,
                "no such file in the listing".to_string(),
            ))),
        }
    }

    /// Decodes and parses the bytes [`Listing::fetch`] read from file `index`.
    pub fn parse(&self, index: usize, bytes: Vec<u8>, limits: Limits) -> FileResult {
        match self.found.get(index) {
            Some(f) => read::parse(index, f, bytes, limits),
            None => FileResult::unread(
                index,
                &self.root,
                ProblemKind::Unreadable,
                "no such file in the listing".to_string(),
            ),
        }
    }

    /// Reads file `index` whole: fetched and parsed.
    pub fn read(&self, index: usize, limits: Limits) -> FileResult {
        match self.fetch(index, limits) {
            Ok(bytes) => self.parse(index, bytes, limits),
            Err(result) => *result,
        }
    }

    /// A file entry for every file, without its text unless it is held in memory: the place
    /// diagnostics point into.
    pub fn files(&self) -> Vec<SourceFile> {
        self.found
            .iter()
            .map(|f| match f {
                Found::Loaded(_, result) => result.file.clone(),
                f => SourceFile {
                    path: display_path(f.path()),
                    text: String::new(),
                    kind: f.kind(),
                },
            })
            .collect()
    }
}

/// Finds every file under `root`, reading none.
pub fn list(root: &Path) -> Result<Listing, LoadError> {
    match fs::metadata(root) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(LoadError::NotFound(root.to_path_buf()));
        }
        Err(e) => return Err(LoadError::Io(root.to_path_buf(), e)),
        Ok(m) if !m.is_dir() => return Err(LoadError::NotADirectory(root.to_path_buf())),
        Ok(_) => {}
    }
    let found = walk(root)?;
    // Files, and not one in a kind folder: the wrong folder was given (`--data data/claims`);
    // checking it would find nothing and pass. An empty folder is a data folder to be.
    let kinds = fs::read_dir(root)
        .map(|entries| {
            entries.flatten().any(|e| {
                e.file_type().is_ok_and(|t| t.is_dir())
                    && e.file_name()
                        .to_str()
                        .and_then(RecordKind::from_folder)
                        .is_some()
            })
        })
        .unwrap_or(false);
    if !kinds && !found.is_empty() {
        return Err(LoadError::NotADataFolder(root.to_path_buf()));
    }
    Ok(Listing {
        root: root.to_path_buf(),
        found,
    })
}

/// Loads every file under `root`.
pub fn load(root: &Path, limits: Limits) -> Result<Dataset, LoadError> {
    let listing = list(root)?;
    let results: Vec<FileResult> = (0..listing.len())
        .into_par_iter()
        .map(|index| listing.read(index, limits))
        .collect();
    // Sized once: growing by doubling would hold the old and the new buffer at once, which
    // at a million records was the load's peak.
    let mut dataset = Dataset {
        root: root.to_path_buf(),
        files: Vec::with_capacity(results.len()),
        records: Vec::with_capacity(results.iter().map(|r| r.records.len()).sum()),
        problems: Vec::new(),
    };
    for r in results {
        dataset.files.push(r.file);
        dataset.records.extend(r.records);
        dataset.problems.extend(r.problems);
    }
    Ok(dataset)
}

#[cfg(test)]
mod tests;
