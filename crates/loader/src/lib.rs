//! Reads a treatywatch `data/` folder into typed records, remembering the file, line and
//! column of every value so that any check can point at the exact value it is about.
//!
//! One parser reads YAML 1.2 and JSON (JSON is YAML 1.2's subset). Files are parsed in
//! parallel; a file that fails to parse gives a diagnostic and the load goes on.

pub mod de;
pub mod diagnostic;
pub mod format;
#[doc(hidden)]
pub mod fuzzing;
mod index;
pub mod temporary;
pub mod tree;
pub mod yaml;

use std::fs;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use treatywatch_model::{Record, RecordKind};

pub use diagnostic::{Diagnostic, Evidence, Problem, ProblemKind, Severity};
pub use index::Index;
pub use tree::{Entry, Node, NodeValue, Span, pointer_token};
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
    Io(PathBuf, std::io::Error),
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LoadError::NotFound(p) => write!(f, "the data folder `{}` does not exist", p.display()),
            LoadError::NotADirectory(p) => write!(f, "`{}` is not a folder", p.display()),
            LoadError::Io(p, e) => write!(f, "cannot read `{}`: {e}", p.display()),
        }
    }
}

impl std::error::Error for LoadError {}

/// What the walk found: a file to read, or one to report.
enum Found {
    Data(PathBuf, Option<RecordKind>),
    Ignored(PathBuf, &'static str),
    Unreadable(PathBuf, String),
}

/// The name shown for a path: relative to the working directory when inside it.
pub fn display_path(path: &Path) -> String {
    let shown = std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(&cwd).ok().map(Path::to_path_buf))
        .unwrap_or_else(|| path.to_path_buf());
    let text = shown.to_string_lossy().replace('\\', "/");
    text.strip_prefix("./").map(str::to_string).unwrap_or(text)
}

fn is_data_extension(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("yaml" | "yml" | "json")
    )
}

/// The folder of archived source texts, directly in the data folder: `texts/<source-id>.txt`.
pub const TEXTS_FOLDER: &str = "texts";

impl Dataset {
    /// The archived text of source `source_id` (`texts/<source-id>.txt`), with its file's
    /// index, if the dataset holds one.
    pub fn archived_text(&self, source_id: &str) -> Option<(usize, &str)> {
        let path = display_path(
            &self
                .root
                .join(TEXTS_FOLDER)
                .join(format!("{source_id}.txt")),
        );
        self.files
            .iter()
            .enumerate()
            .find(|(_, f)| f.kind.is_none() && f.path == path)
            .map(|(index, f)| (index, f.text.as_str()))
    }
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

fn found_path(f: &Found) -> &Path {
    match f {
        Found::Data(p, _) | Found::Ignored(p, _) | Found::Unreadable(p, _) => p,
    }
}

/// Walks the data folder without following symbolic links; sorted for stable output.
fn walk(root: &Path) -> Result<Vec<Found>, LoadError> {
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
    found.sort_by(|a, b| found_path(a).cmp(found_path(b)));
    Ok(found)
}

/// The result of reading one file.
struct FileResult {
    file: SourceFile,
    records: Vec<LoadedRecord>,
    problems: Vec<Problem>,
}

/// Loads every file under `root`.
pub fn load(root: &Path, limits: Limits) -> Result<Dataset, LoadError> {
    match fs::metadata(root) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(LoadError::NotFound(root.to_path_buf()));
        }
        Err(e) => return Err(LoadError::Io(root.to_path_buf(), e)),
        Ok(m) if !m.is_dir() => return Err(LoadError::NotADirectory(root.to_path_buf())),
        Ok(_) => {}
    }
    let found = walk(root)?;
    let results: Vec<FileResult> = found
        .into_par_iter()
        .enumerate()
        .map(|(index, f)| read_file(index, f, limits))
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

fn whole_file_span() -> Span {
    Span {
        line: 1,
        column: 1,
        start: 0,
        end: 0,
    }
}

impl FileResult {
    /// A file that is not read, with the one problem that says why.
    fn unread(index: usize, path: &Path, kind: ProblemKind, message: String) -> FileResult {
        FileResult {
            file: SourceFile {
                path: display_path(path),
                text: String::new(),
                kind: None,
            },
            records: Vec::new(),
            problems: vec![Problem::new(kind, index, whole_file_span(), message)],
        }
    }
}

fn read_file(index: usize, found: Found, limits: Limits) -> FileResult {
    let (path, kind) = match found {
        Found::Data(p, k) => (p, k),
        Found::Ignored(p, why) => {
            let message = format!("ignored: {why}");
            return FileResult::unread(index, &p, ProblemKind::Ignored, message);
        }
        Found::Unreadable(p, why) => {
            let message = format!("cannot read this file: {why}");
            return FileResult::unread(index, &p, ProblemKind::Unreadable, message);
        }
    };
    let shown = display_path(&path);
    let mut result = FileResult {
        file: SourceFile {
            path: shown,
            text: String::new(),
            kind,
        },
        records: Vec::new(),
        problems: Vec::new(),
    };
    let fail = |result: &mut FileResult, kind: ProblemKind, span: Span, message: String| {
        result
            .problems
            .push(Problem::new(kind, index, span, message));
    };
    let size = fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    // Positions are kept as 32-bit byte offsets: 4 GiB is the most any limit allows.
    let max_file_bytes = limits.max_file_bytes.min(u64::from(u32::MAX));
    if size > max_file_bytes {
        fail(
            &mut result,
            ProblemKind::Syntax,
            whole_file_span(),
            format!(
                "the file is {size} bytes, over the limit of {} bytes; split it, or raise the limit with --max-file-bytes",
                max_file_bytes
            ),
        );
        return result;
    }
    // Read at most one byte past the limit: a file that grew since its size was read cannot
    // make the read unbounded.
    let read = fs::File::open(&path).and_then(|f| {
        let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
        std::io::Read::read_to_end(&mut std::io::Read::take(f, max_file_bytes + 1), &mut bytes)
            .map(|_| bytes)
    });
    let bytes = match read {
        Ok(b) if b.len() as u64 > max_file_bytes => {
            fail(
                &mut result,
                ProblemKind::Syntax,
                whole_file_span(),
                format!(
                    "the file grew past the limit of {max_file_bytes} bytes while it was read; split it, or raise the limit with --max-file-bytes"
                ),
            );
            return result;
        }
        Ok(b) => b,
        Err(e) => {
            fail(
                &mut result,
                ProblemKind::Unreadable,
                whole_file_span(),
                format!("cannot read this file: {e}"),
            );
            return result;
        }
    };
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            let prefix = String::from_utf8_lossy(&bytes[..valid]).into_owned();
            let index_of = LineIndex::new(&prefix);
            let span = index_of.span_at_byte(valid);
            fail(
                &mut result,
                ProblemKind::Syntax,
                span,
                format!("the file is not UTF-8: invalid byte at byte offset {valid}"),
            );
            result.file.text = prefix;
            return result;
        }
    };
    let text = text
        .strip_prefix('\u{feff}')
        .map(str::to_string)
        .unwrap_or(text);
    let Some(kind) = kind else {
        result.file.text = text;
        return result;
    };
    let index_of = LineIndex::new(&text);
    let parsed = yaml::parse(&text, &index_of, limits);
    for p in parsed.problems {
        let mut problem = Problem::new(p.kind, index, p.span, p.message);
        problem.help = p.help;
        result.problems.push(problem);
    }
    match parsed.root {
        None if result.problems.is_empty() => {
            result.problems.push(Problem::new(
                ProblemKind::Ignored,
                index,
                whole_file_span(),
                "the file holds no record",
            ));
        }
        None => {}
        Some(root) => split_records(index, kind, root, limits.max_records, &mut result),
    }
    result.file.text = text;
    result
}

fn split_records(
    index: usize,
    kind: RecordKind,
    root: Node,
    max_records: usize,
    result: &mut FileResult,
) {
    let (items, in_list) = match root.value {
        NodeValue::Map(_) => (vec![root], false),
        NodeValue::Seq(items) if items.len() > max_records => {
            result.problems.push(
                Problem::new(
                    ProblemKind::Syntax,
                    index,
                    root.span,
                    format!(
                        "the file holds {} records, over the limit of {max_records} per file; none of them is checked",
                        items.len()
                    ),
                )
                .with_help("split the list into several files, or raise the limit with --max-records"),
            );
            return;
        }
        NodeValue::Seq(items) => (items, true),
        NodeValue::Null => {
            result.problems.push(Problem::new(
                ProblemKind::Ignored,
                index,
                root.span,
                "the file holds no record",
            ));
            return;
        }
        _ => {
            result.problems.push(
                Problem::new(
                    ProblemKind::NotARecord,
                    index,
                    root.span,
                    format!(
                        "a {} file holds a record (a mapping) or a list of records",
                        kind.name()
                    ),
                )
                .with_help("start the file with `id: …`, or with `- id: …` for a list"),
            );
            return;
        }
    };
    for (i, node) in items.into_iter().enumerate() {
        if !matches!(node.value, NodeValue::Map(_)) {
            result.problems.push(Problem {
                pointer: Some(String::new()),
                ..Problem::new(
                    ProblemKind::NotARecord,
                    index,
                    node.span,
                    format!(
                        "item {} of this list is not a {} record (a mapping)",
                        i + 1,
                        kind.name()
                    ),
                )
            });
            continue;
        }
        // Straight from the tree (see `de`): no JSON copy of the record is made.
        let record = Record::deserialize_kind(kind, &node).ok();
        result.records.push(LoadedRecord {
            kind,
            file: index,
            in_list,
            node,
            record,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, rel: &str, text: &str) {
        let path = dir.join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }

    #[test]
    fn loads_one_record_and_list_files_and_reports_the_rest() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(
            root,
            "actors/usa.yaml",
            "id: usa\nname: United States\nkind: state\n",
        );
        write(
            root,
            "actors/list.yaml",
            "- id: rus\n  name: Russia\n  kind: state\n- id: sun\n  name: USSR\n  kind: state\n",
        );
        write(root, "actors/notes.txt", "hello");
        write(root, "README.md", "# data");
        write(root, "LICENSE", "CC BY 4.0");
        write(root, "claims/README.md", "# not the data folder's own");
        write(root, "claims/broken.yaml", "id: [\n");
        write(root, "texts/usa.txt", "The text of a source.\n");
        write(root, "texts/notes.md", "not a text");
        write(root, "claims/texts/usa.txt", "not the texts folder");
        let data = load(root, Limits::default()).unwrap();
        let ids: Vec<_> = data.records.iter().filter_map(|r| r.id()).collect();
        assert_eq!(ids, ["rus", "sun", "usa"]);
        assert!(data.records.iter().all(|r| r.record.is_some()));
        assert!(data.records[0].in_list && !data.records[2].in_list);
        let rules: Vec<_> = data
            .problems
            .iter()
            .map(|d| {
                (
                    d.kind,
                    data.files[d.file]
                        .path
                        .rsplit('/')
                        .next()
                        .unwrap()
                        .to_string(),
                )
            })
            .collect();
        assert!(
            rules.contains(&(ProblemKind::Ignored, "notes.txt".into())),
            "{rules:?}"
        );
        // The data folder's own README and licence are documentation; a README elsewhere is
        // a stray file.
        assert_eq!(
            rules
                .iter()
                .filter(|(r, f)| *r == ProblemKind::Ignored && (f == "README.md" || f == "LICENSE"))
                .count(),
            1,
            "{rules:?}"
        );
        assert!(
            data.files
                .iter()
                .any(|f| f.path.ends_with("claims/README.md")),
            "{:?}",
            data.files
        );
        assert!(
            rules.contains(&(ProblemKind::Syntax, "broken.yaml".into())),
            "{rules:?}"
        );
        // texts/ holds archived texts, read as text; anything else there, and a texts/
        // folder inside a kind folder, is stray.
        assert_eq!(
            data.archived_text("usa").map(|(_, t)| t),
            Some("The text of a source.\n")
        );
        assert!(data.archived_text("rus").is_none());
        assert!(
            rules.contains(&(ProblemKind::Ignored, "notes.md".into())),
            "{rules:?}"
        );
        assert_eq!(
            rules
                .iter()
                .filter(|(r, f)| *r == ProblemKind::Ignored && f == "usa.txt")
                .count(),
            1,
            "{rules:?}"
        );
    }

    #[test]
    fn temporaries_left_by_a_killed_write_are_skipped_silently() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "claims/.claims.yaml.4242-0.tmp", "- id: [");
        write(dir.path(), "claims/.claims.yaml.tmp", "x");
        let data = load(dir.path(), Limits::default()).unwrap();
        let names: Vec<&str> = data.files.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(names.len(), 1, "{names:?}");
        assert!(names[0].ends_with("claims/.claims.yaml.tmp"), "{names:?}");
    }

    #[test]
    fn a_missing_folder_is_an_error_not_an_empty_dataset() {
        assert!(matches!(
            load(Path::new("/nonexistent/treatywatch"), Limits::default()),
            Err(LoadError::NotFound(_))
        ));
    }

    #[test]
    fn invalid_utf8_is_reported_with_its_line() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join("claims")).unwrap();
        fs::write(
            dir.path().join("claims/x.yaml"),
            b"id: a\nsummary: \xff\xfe\n",
        )
        .unwrap();
        let data = load(dir.path(), Limits::default()).unwrap();
        let d = &data.problems[0];
        assert_eq!(d.kind, ProblemKind::Syntax);
        assert_eq!(d.span.line, 2);
        assert!(d.message.contains("UTF-8"));
    }

    #[test]
    fn a_bom_and_crlf_line_ends_are_read() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join("actors")).unwrap();
        fs::write(
            dir.path().join("actors/usa.yaml"),
            "\u{feff}id: usa\r\nname: United States\r\nkind: state\r\n",
        )
        .unwrap();
        let data = load(dir.path(), Limits::default()).unwrap();
        assert!(data.problems.is_empty(), "{:?}", data.problems);
        let kind = data.records[0].node.get("kind").unwrap();
        assert_eq!((kind.span.line, kind.span.column), (3, 7));
    }
}
