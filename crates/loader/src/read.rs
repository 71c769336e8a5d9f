//! Reads one file: within the limits, as UTF-8, parsed, and split into records; every
//! problem typed with its place.

use std::fs;
use std::path::Path;

use treatywatch_model::{Record, RecordKind};

use crate::walk::Found;
use crate::{
    Limits, LineIndex, LoadedRecord, Node, NodeValue, Problem, ProblemKind, SourceFile, Span,
    display_path, yaml,
};

/// The result of reading one file: what it is, its records, the problems found reading it.
#[derive(Debug, Clone)]
pub struct FileResult {
    pub file: SourceFile,
    pub records: Vec<LoadedRecord>,
    pub problems: Vec<Problem>,
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
    pub(crate) fn unread(
        index: usize,
        path: &Path,
        kind: ProblemKind,
        message: String,
    ) -> FileResult {
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

/// Reads a record file's bytes within the limits; `Err` is the file's final result when it is
/// not read (ignored, unreadable, too large).
pub(crate) fn fetch(index: usize, found: &Found, limits: Limits) -> Result<Vec<u8>, FileResult> {
    let path = match found {
        Found::Data(p, _) => p,
        Found::Buffer(p, kind, bytes) => {
            let max_file_bytes = limits.max_file_bytes.min(u64::from(u32::MAX));
            if bytes.len() as u64 > max_file_bytes {
                return Err(FileResult {
                    file: SourceFile {
                        path: display_path(p),
                        text: String::new(),
                        kind: *kind,
                    },
                    records: Vec::new(),
                    problems: vec![Problem::new(
                        ProblemKind::Syntax,
                        index,
                        whole_file_span(),
                        format!(
                            "the file is {} bytes, over the limit of {max_file_bytes} bytes; split it, or raise the limit with --max-file-bytes",
                            bytes.len()
                        ),
                    )],
                });
            }
            return Ok(bytes.as_ref().clone());
        }
        Found::Loaded(_, result) => return Err(result.as_ref().clone()),
        Found::Ignored(p, why) => {
            let message = format!("ignored: {why}");
            let mut result = FileResult::unread(index, p, ProblemKind::Ignored, message);
            if let Some(folder) = meant_folder(p) {
                for problem in &mut result.problems {
                    problem.help = Some(format!(
                        "did you mean `{folder}/`? Records of that kind go there; this file is not checked"
                    ));
                }
            }
            return Err(result);
        }
        Found::Unreadable(p, why) => {
            let message = format!("cannot read this file: {why}");
            return Err(FileResult::unread(
                index,
                p,
                ProblemKind::Unreadable,
                message,
            ));
        }
    };
    let failed = |kind: ProblemKind, message: String| FileResult {
        file: SourceFile {
            path: display_path(path),
            text: String::new(),
            kind: found.kind(),
        },
        records: Vec::new(),
        problems: vec![Problem::new(kind, index, whole_file_span(), message)],
    };
    let size = fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    // Positions are kept as 32-bit byte offsets: 4 GiB is the most any limit allows.
    let max_file_bytes = limits.max_file_bytes.min(u64::from(u32::MAX));
    if size > max_file_bytes {
        return Err(failed(
            ProblemKind::Syntax,
            format!(
                "the file is {size} bytes, over the limit of {} bytes; split it, or raise the limit with --max-file-bytes",
                max_file_bytes
            ),
        ));
    }
    // Read at most one byte past the limit: a file that grew since its size was read cannot
    // make the read unbounded.
    let read = fs::File::open(path).and_then(|f| {
        let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
        std::io::Read::read_to_end(&mut std::io::Read::take(f, max_file_bytes + 1), &mut bytes)
            .map(|_| bytes)
    });
    match read {
        Ok(b) if b.len() as u64 > max_file_bytes => Err(failed(
            ProblemKind::Syntax,
            format!(
                "the file grew past the limit of {max_file_bytes} bytes while it was read; split it, or raise the limit with --max-file-bytes"
            ),
        )),
        Ok(b) => Ok(b),
        Err(e) => Err(failed(
            ProblemKind::Unreadable,
            format!("cannot read this file: {e}"),
        )),
    }
}

/// Decodes and parses the bytes [`fetch`] read, and splits them into records.
pub(crate) fn parse(index: usize, found: &Found, bytes: Vec<u8>, limits: Limits) -> FileResult {
    let kind = found.kind();
    let mut result = FileResult {
        file: SourceFile {
            path: display_path(found.path()),
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

/// The kind folder a misnamed folder on `path` stands for (`claim/`, `Claims/` for
/// `claims/`), if any.
fn meant_folder(path: &Path) -> Option<&'static str> {
    path.parent()?.components().find_map(|c| {
        let name = c.as_os_str().to_str()?.to_lowercase();
        RecordKind::ALL
            .into_iter()
            .map(|k| k.folder())
            .find(|folder| {
                name.trim_end_matches('s') == folder.trim_end_matches('s')
                    && c.as_os_str() != *folder
            })
    })
}
