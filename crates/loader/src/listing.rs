//! The files of a data folder, found and sorted before any is read ([`list`]), and read one
//! by one or in batches; an editor's unsaved buffers stand in for the files they change.

use std::fs;
use std::path::{Path, PathBuf};

use treatywatch_model::RecordKind;

use crate::walk::{Found, walk};
use crate::{Dataset, FileResult, Limits, LoadError, ProblemKind, SourceFile, display_path, read};

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
