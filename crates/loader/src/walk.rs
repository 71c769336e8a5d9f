//! Finds the files of a data folder: record files by kind folder, archived texts, and what
//! is reported instead of read (stray files, symbolic links, unreadable folders).

use std::fs;
use std::path::{Path, PathBuf};

use treatywatch_model::RecordKind;

use crate::{LoadError, TEXTS_FOLDER, temporary};

/// What the walk found: a file to read, or one to report.
pub(crate) enum Found {
    Data(PathBuf, Option<RecordKind>),
    Ignored(PathBuf, &'static str),
    Unreadable(PathBuf, String),
    /// A file already read, held in memory ([`crate::Listing::of_dataset`]): its path as
    /// shown, and its whole result.
    Loaded(PathBuf, Box<crate::FileResult>),
    /// A file whose text is an editor's buffer ([`crate::Listing::set_buffer`]): read from
    /// these bytes instead of the disk, then parsed like any file.
    Buffer(PathBuf, Option<RecordKind>, std::sync::Arc<Vec<u8>>),
}

fn is_data_extension(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("yaml" | "yml" | "json")
    )
}

/// Documentation files the data folder itself may hold (its description and its licence):
/// not records, and not stray files.
pub const DOCUMENTATION_FILES: &[&str] = &["README.md", "LICENSE", "LICENSE.md", "LICENSE.txt"];

fn is_documentation(path: &Path, depth: usize) -> bool {
    depth == 0
        && path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| DOCUMENTATION_FILES.contains(&n))
}

impl Found {
    pub(crate) fn path(&self) -> &Path {
        match self {
            Found::Data(p, _)
            | Found::Ignored(p, _)
            | Found::Unreadable(p, _)
            | Found::Loaded(p, _)
            | Found::Buffer(p, _, _) => p,
        }
    }

    /// The kind of record file this is, if it is one.
    pub(crate) fn kind(&self) -> Option<RecordKind> {
        match self {
            Found::Data(_, kind) | Found::Buffer(_, kind, _) => *kind,
            Found::Loaded(_, result) => result.file.kind,
            _ => None,
        }
    }
}

/// Walks the data folder without following symbolic links; sorted for stable output.
pub(crate) fn walk(root: &Path) -> Result<Vec<Found>, LoadError> {
    let mut found = Vec::new();
    let mut stack = vec![(root.to_path_buf(), None::<Option<RecordKind>>, 0usize)];
    let mut texts_folder: Option<PathBuf> = None;
    while let Some((dir, kind, depth)) = stack.pop() {
        let entries = match fs::read_dir(&dir) {
            Ok(entries) => entries,
            // The data folder itself: nothing can be checked.
            Err(e) if depth == 0 => return Err(LoadError::Io(dir.clone(), e)),
            // A folder inside it: reported, and the rest is still read.
            Err(e) => {
                found.push(Found::Unreadable(dir.clone(), e.to_string()));
                continue;
            }
        };
        let mut paths: Vec<PathBuf> = Vec::new();
        for entry in entries {
            match entry {
                Ok(e) => paths.push(e.path()),
                Err(e) => found.push(Found::Unreadable(dir.clone(), e.to_string())),
            }
        }
        paths.sort();
        for path in paths.into_iter().rev() {
            let meta = match fs::symlink_metadata(&path) {
                Ok(m) => m,
                Err(e) => {
                    found.push(Found::Unreadable(path, e.to_string()));
                    continue;
                }
            };
            if meta.file_type().is_symlink() {
                found.push(Found::Ignored(
                    path,
                    "symbolic links are not followed: data files must be regular files inside the data folder",
                ));
            } else if meta.is_dir() && depth == 0 && path.file_name() == Some(TEXTS_FOLDER.as_ref())
            {
                texts_folder = Some(path.clone());
                stack.push((path, Some(None), depth + 1));
            } else if meta.is_dir() {
                let sub_kind = match kind {
                    Some(k) => Some(k),
                    None if depth == 0 => Some(
                        path.file_name()
                            .and_then(|n| n.to_str())
                            .and_then(RecordKind::from_folder),
                    ),
                    None => Some(None),
                };
                stack.push((path, sub_kind, depth + 1));
            } else if meta.is_file()
                && (temporary::is_temporary(&path) || is_documentation(&path, depth))
            {
                continue;
            } else if !meta.is_file() {
                found.push(Found::Ignored(
                    path,
                    "not a regular file (a device, socket or pipe): it is not read",
                ));
            } else if texts_folder.as_deref() == path.parent() {
                if path.extension().and_then(|e| e.to_str()) == Some("txt") {
                    found.push(Found::Data(path, None));
                } else {
                    found.push(Found::Ignored(
                        path,
                        "not an archived text: texts/ holds the texts of sources, as <source-id>.txt",
                    ));
                }
            } else {
                match kind.flatten() {
                    Some(k) if is_data_extension(&path) => found.push(Found::Data(path, Some(k))),
                    Some(_) => found.push(Found::Ignored(
                        path,
                        "not a record file: data files end in .yaml, .yml or .json",
                    )),
                    None => found.push(Found::Ignored(
                        path,
                        "not in a kind folder: records go under actors/, treaties/, sources/ or claims/",
                    )),
                }
            }
        }
    }
    found.sort_by(|a, b| a.path().cmp(b.path()));
    Ok(found)
}
