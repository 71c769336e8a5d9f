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
mod listing;
mod read;
pub mod revision;
pub mod temporary;
mod tree;
mod walk;
mod with_file;
pub mod yaml;

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use treatywatch_model::{Record, RecordKind};

pub use listing::{Listing, list};
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
