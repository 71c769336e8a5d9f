//! Line and column positions of the parser's character offsets.

use std::cell::OnceCell;

use saphyr_parser::Span as YamlSpan;

use crate::tree::Span;

/// Converts the parser's character positions into lines, columns and byte offsets.
pub struct LineIndex<'a> {
    text: &'a str,
    /// Where each line starts, made when first asked for: the parser's positions in an
    /// ASCII text are byte offsets already, and most data files are ASCII.
    line_starts: OnceCell<Vec<usize>>,
    ascii: bool,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> LineIndex<'a> {
        LineIndex {
            text,
            line_starts: OnceCell::new(),
            ascii: text.is_ascii(),
        }
    }

    fn line_starts(&self) -> &[usize] {
        self.line_starts.get_or_init(|| {
            let mut starts = vec![0];
            starts.extend(line_break_ends(self.text));
            starts
        })
    }

    /// The byte offset of a 1-based line and 0-based character column.
    /// The text the index is of.
    pub fn text(&self) -> &'a str {
        self.text
    }

    pub fn byte_offset(&self, line: usize, col: usize) -> usize {
        let Some(&start) = self.line_starts().get(line.saturating_sub(1)) else {
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

    pub(super) fn convert(&self, span: &YamlSpan) -> Span {
        if self.ascii {
            // A character offset is a byte offset.
            let clamp = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
            let len = self.text.len();
            return Span {
                line: clamp(span.start.line().max(1)),
                column: clamp(span.start.col() + 1),
                start: clamp(span.start.index().min(len)),
                end: clamp(span.end.index().min(len)),
            };
        }
        self.span(
            span.start.line(),
            span.start.col(),
            span.end.line(),
            span.end.col(),
        )
    }

    /// The span of the whole line holding a byte offset (for errors found outside the parser).
    pub fn span_at_byte(&self, offset: usize) -> Span {
        let starts = self.line_starts();
        let line = starts.partition_point(|&s| s <= offset).max(1);
        let start = starts[line - 1];
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
    memchr::memchr2_iter(b'\n', b'\r', bytes).filter_map(move |i| match bytes[i] {
        b'\r' if bytes.get(i + 1) == Some(&b'\n') => None,
        _ => Some(i + 1),
    })
}
