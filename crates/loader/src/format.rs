//! A canonical layout for data files that keeps every comment and never changes meaning: the
//! keys of each record (a block mapping, alone in its file or an item of a list) are put in the
//! model's order, each key moving with the comment lines directly above it and every line of
//! its value, untouched. Line endings become `\n` and the file ends with one newline.
//!
//! Records whose layout is not the plain block form (flow mappings, several keys on a line,
//! keys at different indents) are left as they are: this formatter only moves whole lines
//! (and the `- ` of a list item, to the key that comes first).

use serde_json::Value;

use crate::tree::{Node, NodeValue};
use crate::yaml::Limits;

/// Lines of `text`, each without its line ending; line ends are YAML's (`\r\n`, `\n`, or a
/// lone `\r`), the ones the parser counts, so that a record's key lines are these lines.
fn lines(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    for end in crate::yaml::line_break_ends(text) {
        let line = &text[start..end];
        let line = line.strip_suffix('\n').unwrap_or(line);
        out.push(line.strip_suffix('\r').unwrap_or(line));
        start = end;
    }
    out.push(&text[start..]);
    out
}

/// What the canonical layout changes in a dataset: the files whose text it changes, with
/// their new text, and the record files it leaves alone because they cannot be read as YAML
/// records (fix their parse errors first). JSON record files are left as they are.
#[derive(Debug, Default)]
pub struct Layout {
    /// File index and new text, for each file the layout changes.
    pub changed: Vec<(usize, String)>,
    /// File indexes of record files with syntax, duplicate-key or read errors.
    pub skipped: Vec<usize>,
}

/// The canonical layout of every YAML record file of `data`: keys in the model's order.
pub fn layout(data: &crate::Dataset) -> Layout {
    use crate::ProblemKind;
    let mut layout = Layout::default();
    for (index, file) in data.files.iter().enumerate() {
        let Some(kind) = file.kind else { continue };
        if !(file.path.ends_with(".yaml") || file.path.ends_with(".yml")) {
            continue;
        }
        let unreadable = data.problems.iter().any(|p| {
            p.file == index
                && matches!(
                    p.kind,
                    ProblemKind::Syntax | ProblemKind::DuplicateKey | ProblemKind::Unreadable
                )
        });
        if unreadable {
            layout.skipped.push(index);
            continue;
        }
        let order = kind.field_order();
        let order: Vec<&str> = order.iter().map(String::as_str).collect();
        let records: Vec<&Node> = data
            .records
            .iter()
            .filter(|r| r.file == index)
            .map(|r| &r.node)
            .collect();
        let formatted = format_file(&file.text, &records, &order);
        if formatted != file.text {
            layout.changed.push((index, formatted));
        }
    }
    layout
}

/// The formatted text of a file whose records are `records` (in file order), with keys in
/// `order` (unknown keys after the known ones, in their order).
pub fn format_file(text: &str, records: &[&Node], order: &[&str]) -> String {
    let mut out_lines: Vec<String> = lines(text).iter().map(|l| l.to_string()).collect();
    // Drop the empty string after a final newline; it is added back below.
    while out_lines.last().is_some_and(|l| l.is_empty()) {
        out_lines.pop();
    }
    for record in records {
        if let Some((start, new)) = reorder(text, &out_lines, record, order) {
            out_lines.splice(start..start + new.len(), new);
        }
    }
    let mut out = out_lines.join("\n");
    out.push('\n');
    if out != text && !reads_the_same(&out, records) {
        // Moving whole lines and normalising line ends must not change a value; where the
        // parser disagrees (it reads a block scalar that ends the file without a final line
        // break with one line break more than the same text with it), the file is left as is.
        return text.to_string();
    }
    out
}

/// Does `text` hold exactly `records`, with the same values (keys in any order)?
fn reads_the_same(text: &str, records: &[&Node]) -> bool {
    let parsed = crate::yaml::parse(text, &crate::yaml::LineIndex::new(text), Limits::default());
    if !parsed.problems.is_empty() {
        return false;
    }
    let Some(root) = parsed.root else {
        return records.is_empty();
    };
    let again: Vec<&Node> = match &root.value {
        NodeValue::Seq(items) => items.iter().collect(),
        _ => vec![&root],
    };
    again.len() == records.len()
        && again
            .iter()
            .zip(records)
            .all(|(a, b)| sorted(a.to_json()) == sorted(b.to_json()))
}

/// A JSON value with every object's keys sorted, to compare values whatever the key order.
pub(crate) fn sorted(v: Value) -> Value {
    match v {
        Value::Object(map) => {
            let mut entries: Vec<_> = map.into_iter().map(|(k, v)| (k, sorted(v))).collect();
            entries.sort_by(|a, b| a.0.cmp(&b.0));
            Value::Object(entries.into_iter().collect())
        }
        Value::Array(items) => Value::Array(items.into_iter().map(sorted).collect()),
        other => other,
    }
}

/// The lines `[start, start + n)` of a record rearranged, or `None` to leave it.
fn reorder(
    text: &str,
    file: &[String],
    record: &Node,
    order: &[&str],
) -> Option<(usize, Vec<String>)> {
    let NodeValue::Map(entries) = &record.value else {
        return None;
    };
    if entries.len() < 2 {
        return None;
    }
    // Every key on its own line, in increasing lines, at one indent.
    let column = entries[0].key_span.column;
    let key_lines: Vec<usize> = entries
        .iter()
        .map(|e| e.key_span.line as usize - 1)
        .collect();
    if entries.iter().any(|e| e.key_span.column != column)
        || key_lines.windows(2).any(|w| w[0] >= w[1])
    {
        return None;
    }
    // A flow mapping (`{a: 1, b: 2}`) has its keys on one line: already excluded above.
    let last = entries.last()?;
    let (end_line, end_column) = last.value.span.end_position(text);
    let mut end = (end_line as usize).saturating_sub(1);
    if end_column == 1 && end > key_lines[key_lines.len() - 1] {
        end -= 1; // the span ends at the start of the next line
    }
    // Never before the last key's own line, never past the file: a region is whole lines.
    let end = end
        .max(key_lines[key_lines.len() - 1])
        .min(file.len().saturating_sub(1));
    if key_lines[key_lines.len() - 1] >= file.len() {
        return None;
    }
    // Block i: the comment lines directly above key i, then key i's lines up to block i+1.
    let mut starts: Vec<usize> = key_lines.clone();
    for (i, start) in starts.iter_mut().enumerate().skip(1) {
        while *start > key_lines[i - 1] + 1 && file[*start - 1].trim_start().starts_with('#') {
            *start -= 1;
        }
    }
    let rank = |key: &str| order.iter().position(|k| *k == key).unwrap_or(order.len());
    let mut indices: Vec<usize> = (0..entries.len()).collect();
    indices.sort_by_key(|&i| (rank(&entries[i].key), i));
    if indices.iter().enumerate().all(|(a, b)| a == *b) {
        return None;
    }
    // The first key of a list item shares its line with `- `: the dash moves to the key that
    // comes first. Any other prefix (`- - key`) is left alone.
    let width = column as usize - 1;
    let prefix = file[key_lines[0]].get(..width)?;
    let dashed = !prefix.chars().all(|c| c == ' ');
    if dashed && !(prefix.ends_with("- ") && prefix[..width - 2].chars().all(|c| c == ' ')) {
        return None;
    }
    let block = |i: usize| -> Vec<String> {
        let from = starts[i];
        let to = if i + 1 < entries.len() {
            starts[i + 1]
        } else {
            end + 1
        };
        file.get(from..to)
            .map(<[String]>::to_vec)
            .unwrap_or_default()
    };
    // The last block carries no trailing blank lines into the middle.
    let mut blocks: Vec<Vec<String>> = indices.iter().map(|&i| block(i)).collect();
    let mut trailing = Vec::new();
    for b in &mut blocks {
        while b.len() > 1 && b.last().is_some_and(|l| l.trim().is_empty()) {
            if let Some(l) = b.pop() {
                trailing.push(l);
            }
        }
    }
    if dashed && indices[0] != 0 {
        let moved = indices.iter().position(|&i| i == 0)?;
        let line = blocks[moved].first_mut()?;
        *line = format!("{}{}", " ".repeat(width), line.get(width..)?);
        // The new first key's line (after the comments above it) takes the dash; the
        // comments stay above the item.
        let first = &mut blocks[0];
        let key_line = first
            .iter()
            .position(|l| !l.trim_start().starts_with('#'))?;
        let line = &mut first[key_line];
        *line = format!("{prefix}{}", line.get(width..)?);
    }
    let mut new: Vec<String> = blocks.concat();
    new.extend(trailing);
    Some((starts[0], new))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml::{Limits, LineIndex, parse};

    fn fmt(text: &str) -> String {
        let parsed = parse(text, &LineIndex::new(text), Limits::default());
        let root = parsed.root.unwrap();
        let records: Vec<&Node> = match &root.value {
            NodeValue::Seq(items) => items.iter().collect(),
            _ => vec![&root],
        };
        format_file(
            text,
            &records,
            &["id", "date", "claimant", "kind", "summary", "sources"],
        )
    }

    #[test]
    fn orders_keys_keeping_comments_and_values() {
        let text = "# file comment\n- id: a\n  summary: >-\n    two\n    lines\n  # the claimant\n  claimant: usa\n  date: 2019\n  sources:\n    - source: s\n\n- id: b\n  kind: other\n  date: 2019\n";
        let out = fmt(text);
        assert_eq!(
            out,
            "# file comment\n- id: a\n  date: 2019\n  # the claimant\n  claimant: usa\n  summary: >-\n    two\n    lines\n  sources:\n    - source: s\n\n- id: b\n  date: 2019\n  kind: other\n"
        );
        assert_eq!(fmt(&out), out, "idempotent");
    }

    #[test]
    fn leaves_a_file_whose_reformatted_text_would_read_differently() {
        // The parser reads a folded scalar that ends the file on a blank line without a
        // final line break as "x\n\n", the same text with the line break as "x\n" (found
        // by the fuzzer: tests/fuzz-regressions/yaml/folded-scalar-lone-cr-at-end).
        let text = "summary: >\n x\n ";
        let read = |t: &str| {
            parse(t, &LineIndex::new(t), Limits::default())
                .root
                .unwrap()
        };
        assert_ne!(read(text).to_json(), read("summary: >\n x\n \n").to_json());
        assert_eq!(fmt(text), text);
    }

    #[test]
    fn leaves_what_it_cannot_move_safely() {
        for text in [
            "- {summary: x, id: a}\n",
            "- - summary: x\n    id: a\n",
            "id: a\n",
        ] {
            assert_eq!(fmt(text), text);
        }
        assert_eq!(
            fmt("id: a\r\nkind: x\r\ndate: 1\r\n"),
            "id: a\ndate: 1\nkind: x\n"
        );
    }

    /// A record whose first key is not the model's first: the `- ` moves to the key that
    /// comes first (after the comments above it), in a list at any indent or alone in a file.
    #[test]
    fn a_list_item_whose_first_key_is_not_the_first_gets_its_dash_moved() {
        assert_eq!(fmt("- summary: x\n  id: a\n"), "- id: a\n  summary: x\n");
        let text =
            "- date: 2019\n  # who\n  claimant: usa\n  # the id\n  id: a\n  summary: >-\n    two\n";
        let out = fmt(text);
        assert_eq!(
            out,
            "  # the id\n- id: a\n  date: 2019\n  # who\n  claimant: usa\n  summary: >-\n    two\n"
        );
        assert_eq!(fmt(&out), out, "idempotent");
        assert_eq!(
            fmt("claims:\n  - summary: x\n    id: a\n"),
            "claims:\n  - summary: x\n    id: a\n",
            "not a record: the file's root is a mapping"
        );
        assert_eq!(fmt("date: 2019\nid: a\n"), "id: a\ndate: 2019\n");
    }
}
