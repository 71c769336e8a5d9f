//! Positions as the protocol counts them: lines from 0 and columns in UTF-16 code units (the
//! default encoding every client supports), to and from byte offsets into a file's text.

use lsp_types::{Position, Range};

/// A text's line starts, for converting positions.
pub struct Lines<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> Lines<'a> {
    pub fn new(text: &'a str) -> Lines<'a> {
        let mut starts = vec![0];
        for (i, b) in text.bytes().enumerate() {
            if b == b'\n' {
                starts.push(i + 1);
            }
        }
        Lines { text, starts }
    }

    /// The position of byte `offset` (clamped to the text, and back to a character boundary).
    pub fn position(&self, offset: usize) -> Position {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let start = self.starts[line];
        let column: usize = self.text[start..offset].chars().map(char::len_utf16).sum();
        Position::new(line as u32, column as u32)
    }

    pub fn range(&self, start: usize, end: usize) -> Range {
        Range::new(self.position(start), self.position(end.max(start)))
    }

    /// The byte offset of `position` (clamped to its line's end, and to the text).
    pub fn offset(&self, position: Position) -> usize {
        let Some(&start) = self.starts.get(position.line as usize) else {
            return self.text.len();
        };
        let end = self
            .starts
            .get(position.line as usize + 1)
            .map_or(self.text.len(), |&next| next);
        let mut units = 0u32;
        for (i, c) in self.text[start..end].char_indices() {
            if units >= position.character || c == '\n' || c == '\r' {
                return start + i;
            }
            units += c.len_utf16() as u32;
        }
        end
    }

    /// Line `n` without its line ending.
    pub fn line(&self, n: usize) -> &'a str {
        let Some(&start) = self.starts.get(n) else {
            return "";
        };
        let end = self.starts.get(n + 1).map_or(self.text.len(), |&e| e);
        self.text[start..end].trim_end_matches(['\n', '\r'])
    }
}

/// Whether a character can be part of an id (`lavrov-2019-02-02`).
pub fn is_id_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.'
}

/// The word of id characters around byte `offset`, with its byte range.
pub fn word_at(text: &str, offset: usize) -> Option<(usize, usize, &str)> {
    let offset = offset.min(text.len());
    let start = text[..offset]
        .char_indices()
        .rev()
        .take_while(|(_, c)| is_id_char(*c))
        .last()
        .map_or(offset, |(i, _)| i);
    let end = text[offset..]
        .char_indices()
        .find(|(_, c)| !is_id_char(*c))
        .map_or(text.len(), |(i, _)| offset + i);
    (start < end).then(|| (start, end, &text[start..end]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_utf16_units_and_round_trip() {
        let text = "a: é\nquote: “𝄞x”\nlast";
        let lines = Lines::new(text);
        let x = text.find('x').unwrap();
        // “ is one unit, 𝄞 two: x is at column 7 + 1 + 2 = 10 on line 1.
        assert_eq!(lines.position(x), Position::new(1, 10));
        assert_eq!(lines.offset(Position::new(1, 10)), x);
        assert_eq!(lines.position(text.len()), Position::new(2, 4));
        // Past a line's end: its end; past the text: its end.
        assert_eq!(lines.offset(Position::new(0, 99)), 4 + 'é'.len_utf8() - 1);
        assert_eq!(lines.offset(Position::new(9, 0)), text.len());
        // Inside a character: back to its start.
        assert_eq!(
            lines.position(text.find('é').unwrap() + 1),
            Position::new(0, 3)
        );
        assert_eq!(lines.line(1), "quote: “𝄞x”");
    }

    #[test]
    fn the_word_under_the_cursor_is_an_id() {
        let text = "claimant: sergey-lavrov # x";
        assert_eq!(word_at(text, 12).map(|w| w.2), Some("sergey-lavrov"));
        assert_eq!(word_at(text, 10).map(|w| w.2), Some("sergey-lavrov"));
        assert_eq!(word_at(text, 23).map(|w| w.2), Some("sergey-lavrov"));
        assert_eq!(word_at(text, 24), None);
    }
}
