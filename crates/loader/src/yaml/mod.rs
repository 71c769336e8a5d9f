//! YAML 1.2 (and JSON, its subset) into a position-keeping [`Node`] tree.
//!
//! Built on `saphyr-parser`'s event stream, so that this module — not the parser — decides
//! what a duplicate key, an alias, a deep nesting or a tag means: the last of two duplicate
//! keys is never kept silently, and alias expansion, depth and node count are budgeted.

mod builder;
mod lines;
mod scalar;
mod syntax;

use saphyr_parser::{Event, Parser};

use builder::Builder;
pub use lines::{LineIndex, line_break_ends};

use crate::diagnostic::ProblemKind;
use crate::tree::{Node, Span};

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
    let mut builder = Builder::new(index, limits);
    let mut documents = Vec::new();
    let mut started = 0;
    let mut parser = Parser::new_from_str(text);
    while let Some(next) = parser.next_event() {
        let (event, span) = match next {
            Ok(ok) => ok,
            Err(error) => {
                let m = error.marker();
                let reported = builder.index.span(m.line(), m.col(), m.line(), m.col() + 1);
                let explained = syntax::explain(text, reported.start as usize, error.info());
                let mut span = builder.index.span_at_byte(explained.start);
                span.end = u32::try_from(explained.end).unwrap_or(span.end);
                builder.problem(
                    ProblemKind::Syntax,
                    span,
                    explained.message,
                    explained.help.as_deref(),
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
    use crate::tree::NodeValue;

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

    /// A quoted value ends at its closing quote, not at the comment after it; escaped and
    /// doubled quotes inside do not end it.
    #[test]
    fn a_quoted_value_ends_at_its_closing_quote() {
        let text = "a: \"x\\\"y\"   # c\nb: 'it''s'  # d\nc: \"two\n  lines\"  # e\n";
        let root = parse_str(text).root.unwrap();
        let end = |key: &str| root.get(key).unwrap().span.end_position(text);
        assert_eq!(root.get("a").unwrap().value, NodeValue::Str("x\"y".into()));
        assert_eq!(end("a"), (1, 10));
        assert_eq!(end("b"), (2, 11));
        assert_eq!(end("c"), (4, 9));
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
