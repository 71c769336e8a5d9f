//! Builds the [`Node`] tree from the parser's events: keys, anchors and aliases, the budget
//! of nodes and depth.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use compact_str::CompactString;
use saphyr_parser::{Event, ScalarStyle, Tag};

use super::scalar::resolve_plain;
use super::{Limits, LineIndex, ParseProblem};
use crate::diagnostic::ProblemKind;
use crate::tree::{Entry, Node, NodeValue, Span};

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
        /// One bit per key length seen (modulo 64): a key whose length no other key has
        /// is new without a scan.
        lengths: u64,
        start: Span,
        anchor: usize,
    },
}

pub(super) struct Builder<'a> {
    pub(super) index: &'a LineIndex<'a>,
    limits: Limits,
    stack: Vec<Frame>,
    pub(super) anchors: HashMap<usize, Node>,
    nodes: usize,
    alias_nodes: usize,
    pub(super) root: Option<Node>,
    pub(super) problems: Vec<ParseProblem>,
}

/// Stops the parse of a file: its limits were exceeded.
pub(super) struct Abort;

impl<'a> Builder<'a> {
    pub(super) fn new(index: &'a LineIndex<'a>, limits: Limits) -> Builder<'a> {
        Builder {
            index,
            limits,
            stack: Vec::new(),
            anchors: HashMap::new(),
            nodes: 0,
            alias_nodes: 0,
            root: None,
            problems: Vec::new(),
        }
    }

    pub(super) fn problem(
        &mut self,
        kind: ProblemKind,
        span: Span,
        message: String,
        help: Option<&str>,
    ) {
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
                lengths,
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
                    let bit = 1u64 << (key.len() % 64);
                    // Records have a dozen keys: a scan is cheaper than hashing.
                    let repeated = if entries.len() < 16 {
                        *lengths & bit != 0 && entries.iter().any(|e| e.key == key)
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
                        *lengths |= bit;
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

    pub(super) fn event(&mut self, event: Event<'_>, span: Span) -> Result<(), Abort> {
        match event {
            Event::Scalar(text, style, anchor, tag) => {
                self.count(1, span)?;
                let span = match style {
                    ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted => {
                        super::scalar::quoted_end(self.index.text(), span)
                    }
                    _ => span,
                };
                let value = self.resolve_scalar(text, style, tag.as_deref(), span);
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
                // A record (at the top, or an item of the top list) has about a dozen
                // keys: room for them at once instead of growing four times.
                let room = if self.stack.len() <= 1 { 16 } else { 0 };
                self.push_frame(
                    Frame::Map {
                        entries: Vec::with_capacity(room),
                        pending: None,
                        seen: None,
                        lengths: 0,
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
        text: Cow<'_, str>,
        style: ScalarStyle,
        tag: Option<&Tag>,
        span: Span,
    ) -> NodeValue {
        if let Some(tag) = tag {
            if tag.is_yaml_core_schema() {
                match tag.suffix.as_str() {
                    "str" => return string(text),
                    "int" | "float" | "bool" | "null" => {
                        if let Some(v) = resolve_plain(&text) {
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
            return string(text);
        }
        if style == ScalarStyle::Plain
            && let Some(value) = resolve_plain(&text)
        {
            return value;
        }
        string(text)
    }
}

/// A string value; one the parser had to make (quoted, folded) is kept, not copied.
fn string(text: Cow<'_, str>) -> NodeValue {
    NodeValue::Str(match text {
        Cow::Borrowed(text) => CompactString::from(text),
        Cow::Owned(text) => CompactString::from(text),
    })
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
