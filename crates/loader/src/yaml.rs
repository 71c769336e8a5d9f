//! YAML 1.2 (and JSON, its subset) into a position-keeping [`Node`] tree.
//!
//! Built on `saphyr-parser`'s event stream, so that this module — not the parser — decides
//! what a duplicate key, an alias, a deep nesting or a tag means: the last of two duplicate
//! keys is never kept silently, and alias expansion, depth and node count are budgeted.

use std::collections::{HashMap, HashSet};

use compact_str::CompactString;
use saphyr_parser::{Event, Parser, ScalarStyle, Span as YamlSpan, Tag};

use crate::diagnostic::ProblemKind;
use crate::tree::{Entry, Node, NodeValue, Span};

/// Bounds that keep hostile input from exhausting time or memory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The largest file read, in bytes.
    pub max_file_bytes: u64,
    /// The deepest nesting of sequences and mappings.
    pub max_depth: usize,
    /// The most nodes one file may produce, aliases expanded.
    pub max_nodes: usize,
    /// The most nodes alias expansion may add to one file.
    pub max_alias_nodes: usize,
    /// The most records one list file may hold.
    pub max_records: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: 256 * 1024 * 1024,
            max_depth: 64,
            max_nodes: 50_000_000,
            max_alias_nodes: 10_000,
            max_records: 100_000,
        }
    }
}

/// A problem found while reading one file.
#[derive(Debug, Clone, PartialEq)]
pub struct ParseProblem {
    pub kind: ProblemKind,
    pub span: Span,
    pub message: String,
    pub help: Option<String>,
}

/// The parsed file: its first document's root (absent when the file is empty or broken),
/// and what went wrong.
#[derive(Debug, Default)]
pub struct Parsed {
    pub root: Option<Node>,
    pub problems: Vec<ParseProblem>,
}

/// Converts the parser's character positions into lines, columns and byte offsets.
pub struct LineIndex<'a> {
    text: &'a str,
    line_starts: Vec<usize>,
    ascii: bool,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> LineIndex<'a> {
        let mut line_starts = vec![0];
        line_starts.extend(line_break_ends(text));
        LineIndex {
            text,
            line_starts,
            ascii: text.is_ascii(),
        }
    }

    /// The byte offset of a 1-based line and 0-based character column.
    pub fn byte_offset(&self, line: usize, col: usize) -> usize {
        let Some(&start) = self.line_starts.get(line.saturating_sub(1)) else {
            return self.text.len();
        };
        if self.ascii {
            return (start + col).min(self.text.len());
        }
        let rest = &self.text[start..];
        rest.char_indices()
            .nth(col)
            .map_or(self.text.len(), |(i, _)| start + i)
    }

    /// The span from (line, col) to (end_line, end_col), columns 0-based in characters.
    pub fn span(&self, line: usize, col: usize, end_line: usize, end_col: usize) -> Span {
        let clamp = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        Span {
            line: clamp(line.max(1)),
            column: clamp(col + 1),
            start: clamp(self.byte_offset(line, col)),
            end: clamp(self.byte_offset(end_line, end_col)),
        }
    }

    fn convert(&self, span: &YamlSpan) -> Span {
        self.span(
            span.start.line(),
            span.start.col(),
            span.end.line(),
            span.end.col(),
        )
    }

    /// The span of the whole line holding a byte offset (for errors found outside the parser).
    pub fn span_at_byte(&self, offset: usize) -> Span {
        let line = self.line_starts.partition_point(|&s| s <= offset).max(1);
        let start = self.line_starts[line - 1];
        let col = self
            .text
            .get(start..offset)
            .map_or(0, |s| s.chars().count());
        self.span(line, col, line, col + 1)
    }
}

/// The byte offsets where lines start after the first, with YAML's line breaks: `\r\n`, `\n`
/// and a lone `\r` (the parser counts lines the same way, so its line numbers map here).
pub fn line_break_ends(text: &str) -> impl Iterator<Item = usize> + '_ {
    let bytes = text.as_bytes();
    bytes.iter().enumerate().filter_map(move |(i, b)| match b {
        b'\n' => Some(i + 1),
        b'\r' if bytes.get(i + 1) != Some(&b'\n') => Some(i + 1),
        _ => None,
    })
}

enum Frame {
    Seq {
        items: Vec<Node>,
        start: Span,
        anchor: usize,
    },
    Map {
        entries: Vec<Entry>,
        /// The key read and waiting for its value; `None` in the key slot means "skip the
        /// value" (the key was not a string).
        pending: Option<Option<(CompactString, Span)>>,
        /// Keys seen, once the mapping is large enough for a set to beat a scan.
        seen: Option<HashSet<CompactString>>,
        start: Span,
        anchor: usize,
    },
}

struct Builder<'a> {
    index: &'a LineIndex<'a>,
    limits: Limits,
    stack: Vec<Frame>,
    anchors: HashMap<usize, Node>,
    nodes: usize,
    alias_nodes: usize,
    root: Option<Node>,
    problems: Vec<ParseProblem>,
}

/// Stops the parse of a file: its limits were exceeded.
struct Abort;

impl Builder<'_> {
    fn problem(&mut self, kind: ProblemKind, span: Span, message: String, help: Option<&str>) {
        self.problems.push(ParseProblem {
            kind,
            span,
            message,
            help: help.map(str::to_string),
        });
    }

    fn count(&mut self, n: usize, span: Span) -> Result<(), Abort> {
        self.nodes += n;
        if self.nodes > self.limits.max_nodes {
            self.problem(
                ProblemKind::Syntax,
                span,
                format!("the file has more than {} values", self.limits.max_nodes),
                Some("split it into several files, or raise the limit with --max-nodes"),
            );
            return Err(Abort);
        }
        Ok(())
    }

    fn push_frame(&mut self, frame: Frame, span: Span) -> Result<(), Abort> {
        if self.stack.len() >= self.limits.max_depth {
            self.problem(
                ProblemKind::Syntax,
                span,
                format!("nesting deeper than {} levels", self.limits.max_depth),
                Some(
                    "data records are at most a few levels deep; raise the limit with --max-depth",
                ),
            );
            return Err(Abort);
        }
        self.count(1, span)?;
        self.stack.push(frame);
        Ok(())
    }

    /// Hands a finished node to its parent (or makes it the document's root).
    fn complete(&mut self, node: Node, anchor: usize) {
        if anchor > 0 {
            self.anchors.insert(anchor, node.clone());
        }
        let mut problem = None;
        match self.stack.last_mut() {
            None => self.root = Some(node),
            Some(Frame::Seq { items, .. }) => items.push(node),
            Some(Frame::Map {
                entries,
                pending,
                seen,
                ..
            }) => match pending.take() {
                None => {
                    // This node is a key.
                    let span = node.span;
                    let key = match node.value {
                        NodeValue::Str(s) => Some(s),
                        NodeValue::Int(i) => Some(i.to_string().into()),
                        NodeValue::Bool(b) => Some(b.to_string().into()),
                        NodeValue::Float(f) => Some(f.to_string().into()),
                        NodeValue::Null => Some(CompactString::default()),
                        NodeValue::Seq(_) | NodeValue::Map(_) => None,
                    };
                    if key.is_none() {
                        problem = Some((
                            ProblemKind::Syntax,
                            span,
                            "a mapping key must be a string, not a list or a mapping".to_string(),
                            None,
                        ));
                    }
                    *pending = Some(key.map(|k| (k, span)));
                }
                Some(None) => {}
                Some(Some((key, key_span))) => {
                    // Records have a dozen keys: a scan is cheaper than hashing.
                    let repeated = if entries.len() < 16 {
                        entries.iter().any(|e| e.key == key)
                    } else {
                        let set = seen
                            .get_or_insert_with(|| entries.iter().map(|e| e.key.clone()).collect());
                        !set.insert(key.clone())
                    };
                    let first = if repeated {
                        entries.iter().find(|e| e.key == key).map(|e| e.key_span)
                    } else {
                        None
                    };
                    if let Some(first) = first {
                        problem = Some((
                            ProblemKind::DuplicateKey,
                            key_span,
                            format!("the key `{key}` appears twice in this mapping"),
                            Some(format!(
                                "first at line {}, column {}; remove one of them",
                                first.line, first.column
                            )),
                        ));
                    } else {
                        entries.push(Entry {
                            key,
                            key_span,
                            value: node,
                        });
                    }
                }
            },
        }
        if let Some((kind, span, message, help)) = problem {
            self.problems.push(ParseProblem {
                kind,
                span,
                message,
                help,
            });
        }
    }

    fn event(&mut self, event: Event<'_>, span: Span) -> Result<(), Abort> {
        match event {
            Event::Scalar(text, style, anchor, tag) => {
                self.count(1, span)?;
                let value = self.resolve_scalar(&text, style, tag.as_deref(), span);
                self.complete(Node { value, span }, anchor);
            }
            Event::SequenceStart(anchor, tag) => {
                self.check_collection_tag(tag.as_deref(), "seq", span);
                self.push_frame(
                    Frame::Seq {
                        items: Vec::new(),
                        start: span,
                        anchor,
                    },
                    span,
                )?;
            }
            Event::MappingStart(anchor, tag) => {
                self.check_collection_tag(tag.as_deref(), "map", span);
                self.push_frame(
                    Frame::Map {
                        entries: Vec::new(),
                        pending: None,
                        seen: None,
                        start: span,
                        anchor,
                    },
                    span,
                )?;
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let Some(frame) = self.stack.pop() else {
                    return Ok(());
                };
                // Vectors grow by doubling; a finished one is kept for the whole run, so it
                // gives back its spare capacity (a record's dozen keys left room for sixteen).
                let (value, start, anchor) = match frame {
                    Frame::Seq {
                        mut items,
                        start,
                        anchor,
                    } => {
                        items.shrink_to_fit();
                        (NodeValue::Seq(items), start, anchor)
                    }
                    Frame::Map {
                        mut entries,
                        start,
                        anchor,
                        ..
                    } => {
                        entries.shrink_to_fit();
                        (NodeValue::Map(entries), start, anchor)
                    }
                };
                let end = last_end(&value).unwrap_or(span);
                let span = Span {
                    end: end.end,
                    ..start
                };
                self.complete(Node { value, span }, anchor);
            }
            Event::Alias(anchor) => {
                let Some(node) = self.anchors.get(&anchor).cloned() else {
                    self.problem(
                        ProblemKind::Syntax,
                        span,
                        "an alias to an anchor that is not defined".into(),
                        None,
                    );
                    return Err(Abort);
                };
                let size = node_count(&node, self.limits.max_alias_nodes + 1);
                self.alias_nodes += size;
                if self.alias_nodes > self.limits.max_alias_nodes {
                    self.problem(
                        ProblemKind::Syntax,
                        span,
                        format!(
                            "aliases expand to more than {} values (an alias bomb?)",
                            self.limits.max_alias_nodes
                        ),
                        Some("write the values out, or raise the limit with --max-alias-nodes"),
                    );
                    return Err(Abort);
                }
                self.count(size, span)?;
                // The alias stands where it is written.
                self.complete(Node { span, ..node }, 0);
            }
            Event::StreamStart
            | Event::StreamEnd
            | Event::DocumentStart(_)
            | Event::DocumentEnd
            | Event::Nothing => {}
        }
        Ok(())
    }

    fn check_collection_tag(&mut self, tag: Option<&Tag>, expected: &str, span: Span) {
        if let Some(tag) = tag
            && !(tag.is_yaml_core_schema() && tag.suffix == expected)
        {
            let shown = if tag.is_yaml_core_schema() {
                format!("!!{}", tag.suffix)
            } else {
                tag.to_string()
            };
            self.problem(
                ProblemKind::Syntax,
                span,
                format!("the tag `{shown}` is not supported: data files hold plain YAML"),
                Some("remove the tag"),
            );
        }
    }

    fn resolve_scalar(
        &mut self,
        text: &str,
        style: ScalarStyle,
        tag: Option<&Tag>,
        span: Span,
    ) -> NodeValue {
        if let Some(tag) = tag {
            if tag.is_yaml_core_schema() {
                match tag.suffix.as_str() {
                    "str" => return NodeValue::Str(text.into()),
                    "int" | "float" | "bool" | "null" => {
                        if let Some(v) = resolve_plain(text) {
                            return v;
                        }
                    }
                    _ => self.problem(
                        ProblemKind::Syntax,
                        span,
                        format!(
                            "the tag `!!{}` is not supported: data files hold plain YAML",
                            tag.suffix
                        ),
                        Some("remove the tag"),
                    ),
                }
            } else if !(tag.handle == "!" && tag.suffix.is_empty()) {
                self.problem(
                    ProblemKind::Syntax,
                    span,
                    format!("the tag `{tag}` is not supported: data files hold plain YAML"),
                    Some("remove the tag"),
                );
            }
            return NodeValue::Str(text.into());
        }
        if style == ScalarStyle::Plain {
            resolve_plain(text).unwrap_or_else(|| NodeValue::Str(text.into()))
        } else {
            NodeValue::Str(text.into())
        }
    }
}

fn last_end(value: &NodeValue) -> Option<Span> {
    match value {
        NodeValue::Seq(items) => items.last().map(|n| n.span),
        NodeValue::Map(entries) => entries.last().map(|e| e.value.span),
        _ => None,
    }
}

/// Counts the nodes of a tree, stopping at `cap`.
fn node_count(node: &Node, cap: usize) -> usize {
    let mut count = 0;
    let mut stack = vec![node];
    while let Some(n) = stack.pop() {
        count += 1;
        if count >= cap {
            return count;
        }
        match &n.value {
            NodeValue::Seq(items) => stack.extend(items.iter()),
            NodeValue::Map(entries) => stack.extend(entries.iter().map(|e| &e.value)),
            _ => {}
        }
    }
    count
}

/// YAML 1.2 core schema resolution of a plain scalar; `None` means it is a string.
fn resolve_plain(text: &str) -> Option<NodeValue> {
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Some(NodeValue::Null),
        "true" | "True" | "TRUE" => return Some(NodeValue::Bool(true)),
        "false" | "False" | "FALSE" => return Some(NodeValue::Bool(false)),
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" => {
            return Some(NodeValue::Float(f64::INFINITY));
        }
        "-.inf" | "-.Inf" | "-.INF" => return Some(NodeValue::Float(f64::NEG_INFINITY)),
        ".nan" | ".NaN" | ".NAN" => return Some(NodeValue::Float(f64::NAN)),
        _ => {}
    }
    let bytes = text.as_bytes();
    let unsigned = text.strip_prefix(['-', '+']).unwrap_or(text);
    if !unsigned.is_empty() && unsigned.bytes().all(|b| b.is_ascii_digit()) {
        return Some(match text.parse::<i64>() {
            Ok(i) => NodeValue::Int(i),
            Err(_) => NodeValue::Float(text.parse().ok()?),
        });
    }
    if let Some(oct) = text.strip_prefix("0o")
        && !oct.is_empty()
        && oct.bytes().all(|b| (b'0'..=b'7').contains(&b))
    {
        return i64::from_str_radix(oct, 8).ok().map(NodeValue::Int);
    }
    if let Some(hex) = text.strip_prefix("0x")
        && !hex.is_empty()
        && hex.bytes().all(|b| b.is_ascii_hexdigit())
    {
        return i64::from_str_radix(hex, 16).ok().map(NodeValue::Int);
    }
    if is_core_float(bytes) {
        return text.parse().ok().map(NodeValue::Float);
    }
    None
}

/// `[-+]? ( \. [0-9]+ | [0-9]+ ( \. [0-9]* )? ) ( [eE] [-+]? [0-9]+ )?`
fn is_core_float(b: &[u8]) -> bool {
    let mut i = 0;
    if matches!(b.first(), Some(b'-' | b'+')) {
        i += 1;
    }
    let int_start = i;
    while i < b.len() && b[i].is_ascii_digit() {
        i += 1;
    }
    let int_digits = i - int_start;
    let mut frac_digits = 0;
    if i < b.len() && b[i] == b'.' {
        i += 1;
        let s = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        frac_digits = i - s;
    }
    if int_digits == 0 && frac_digits == 0 {
        return false;
    }
    if i < b.len() && (b[i] == b'e' || b[i] == b'E') {
        i += 1;
        if i < b.len() && (b[i] == b'-' || b[i] == b'+') {
            i += 1;
        }
        let s = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        if i == s {
            return false;
        }
    }
    i == b.len()
}

/// Parses one file's text. Only the first document is kept; a second one is reported.
pub fn parse(text: &str, index: &LineIndex<'_>, limits: Limits) -> Parsed {
    let (mut documents, problems) = run(text, index, limits, true);
    Parsed {
        root: if documents.is_empty() {
            None
        } else {
            Some(documents.remove(0))
        },
        problems,
    }
}

/// Parses every document of a YAML stream (for conformance testing against the YAML test
/// suite): the documents read, and the problems found. A syntax error yields no document.
pub fn parse_stream(text: &str, limits: Limits) -> (Vec<Node>, Vec<ParseProblem>) {
    run(text, &LineIndex::new(text), limits, false)
}

fn run(
    text: &str,
    index: &LineIndex<'_>,
    limits: Limits,
    single: bool,
) -> (Vec<Node>, Vec<ParseProblem>) {
    let mut builder = Builder {
        index,
        limits,
        stack: Vec::new(),
        anchors: HashMap::new(),
        nodes: 0,
        alias_nodes: 0,
        root: None,
        problems: Vec::new(),
    };
    let mut documents = Vec::new();
    let mut started = 0;
    let mut parser = Parser::new_from_str(text);
    while let Some(next) = parser.next_event() {
        let (event, span) = match next {
            Ok(ok) => ok,
            Err(error) => {
                let m = error.marker();
                let span = builder.index.span(m.line(), m.col(), m.line(), m.col() + 1);
                builder.problem(
                    ProblemKind::Syntax,
                    span,
                    format!("invalid YAML: {}", error.info()),
                    None,
                );
                return (Vec::new(), builder.problems);
            }
        };
        let span_converted = builder.index.convert(&span);
        match event {
            Event::DocumentStart(_) => {
                started += 1;
                if single && started > 1 {
                    builder.problem(
                        ProblemKind::Syntax,
                        span_converted,
                        "a data file holds one YAML document; this is a second one".into(),
                        Some("move this document to a file of its own, or make the file a list of records"),
                    );
                    break;
                }
                // Anchors belong to their document.
                builder.anchors.clear();
            }
            Event::DocumentEnd => documents.extend(builder.root.take()),
            _ => {}
        }
        if builder.event(event, span_converted).is_err() {
            return (Vec::new(), builder.problems);
        }
    }
    documents.extend(builder.root.take());
    (documents, builder.problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(text: &str) -> Parsed {
        parse(text, &LineIndex::new(text), Limits::default())
    }

    #[test]
    fn keeps_positions_of_values_and_keys() {
        let parsed = parse_str("id: inf\nopened: 1987-12-08\nparties:\n  - actor: usa\n");
        let root = parsed.root.unwrap();
        let opened = root.get("opened").unwrap();
        assert_eq!(opened.value, NodeValue::Str("1987-12-08".into()));
        assert_eq!((opened.span.line, opened.span.column), (2, 9));
        assert_eq!(
            opened
                .span
                .end_position("id: inf\nopened: 1987-12-08\nparties:\n  - actor: usa\n"),
            (2, 19)
        );
        let actor = root.pointer("/parties/0/actor").unwrap();
        assert_eq!((actor.span.line, actor.span.column), (4, 12));
        assert_eq!(
            root.key_span("/parties").map(|s| (s.line, s.column)),
            Some((3, 1))
        );
    }

    #[test]
    fn resolves_the_yaml_1_2_core_schema() {
        let root = parse_str(
            "a: 1968\nb: '1968'\nc: yes\nd: true\ne: ~\nf: 1.5\ng: 0x1F\nh: 2019-02-01\n",
        )
        .root
        .unwrap();
        assert_eq!(root.get("a").unwrap().value, NodeValue::Int(1968));
        assert_eq!(root.get("b").unwrap().value, NodeValue::Str("1968".into()));
        assert_eq!(
            root.get("c").unwrap().value,
            NodeValue::Str("yes".into()),
            "YAML 1.2: not a bool"
        );
        assert_eq!(root.get("d").unwrap().value, NodeValue::Bool(true));
        assert_eq!(root.get("e").unwrap().value, NodeValue::Null);
        assert_eq!(root.get("f").unwrap().value, NodeValue::Float(1.5));
        assert_eq!(root.get("g").unwrap().value, NodeValue::Int(31));
        assert_eq!(
            root.get("h").unwrap().value,
            NodeValue::Str("2019-02-01".into())
        );
    }

    #[test]
    fn reports_duplicate_keys_at_the_second_key() {
        let parsed = parse_str("id: a\nname: x\nname: y\n");
        assert_eq!(parsed.problems.len(), 1);
        let p = &parsed.problems[0];
        assert_eq!(p.kind, ProblemKind::DuplicateKey);
        assert_eq!((p.span.line, p.span.column), (3, 1));
        assert!(p.help.as_deref().unwrap().contains("line 2"));
        // The first value is kept, not silently replaced by the last.
        assert_eq!(
            parsed.root.unwrap().get("name").unwrap().as_str(),
            Some("x")
        );
    }

    #[test]
    fn syntax_errors_carry_a_position() {
        let parsed = parse_str("id: a\nname: [unclosed\n");
        assert!(parsed.root.is_none());
        assert_eq!(parsed.problems[0].kind, ProblemKind::Syntax);
        assert!(parsed.problems[0].span.line >= 2);
    }

    #[test]
    fn alias_bombs_are_stopped() {
        let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..10 {
            text.push_str(&format!("a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n", p = i - 1));
        }
        let parsed = parse_str(&text);
        assert!(parsed.root.is_none());
        assert!(
            parsed.problems[0].message.contains("alias"),
            "{:?}",
            parsed.problems
        );
    }

    #[test]
    fn small_aliases_expand() {
        let root = parse_str("a: &x {k: v}\nb: *x\n").root.unwrap();
        assert_eq!(root.pointer("/b/k").unwrap().as_str(), Some("v"));
    }

    #[test]
    fn deep_nesting_is_stopped_without_overflowing_the_stack() {
        let text = "[".repeat(100_000);
        let parsed = parse_str(&text);
        assert!(parsed.root.is_none());
        assert!(!parsed.problems.is_empty());
    }

    #[test]
    fn a_second_document_is_reported() {
        let parsed = parse_str("id: a\n---\nid: b\n");
        assert_eq!(parsed.root.unwrap().get("id").unwrap().as_str(), Some("a"));
        assert_eq!(parsed.problems[0].span.line, 2);
    }

    #[test]
    fn foreign_tags_are_reported() {
        let parsed = parse_str("a: !!python/object:os.system x\n");
        assert!(parsed.problems[0].message.contains("not supported"));
    }

    #[test]
    fn columns_count_characters_and_offsets_count_bytes() {
        let text = "name: \"Łódź\"\nid: x\n";
        let root = parse_str(text).root.unwrap();
        let id = root.get("id").unwrap();
        assert_eq!(&text[id.span.range()], "x");
        let key = root.entry("id").unwrap().key_span;
        assert_eq!(&text[key.range()], "id");
        let name = root.get("name").unwrap();
        assert_eq!(
            name.span.end_position(text),
            (1, 13),
            "columns count characters"
        );
    }
}
