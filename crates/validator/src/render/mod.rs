//! Renderers: one diagnostic type, four output formats. Renderers never decide what is
//! wrong; rules never decide how it is shown.

pub mod github;
pub mod human;
pub mod json;
pub mod sarif;

use treatywatch_loader::{Dataset, Diagnostic};

/// Text from the data made safe for a terminal: one line (a newline in data must not start a
/// fake diagnostic), and no control characters (an escape sequence in data must not act on
/// the reader's terminal) nor bidirectional overrides (which can make text read differently
/// from what it is): each is written as `\u{…}`.
pub fn printable(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\r' | '\n' => out.push(' '),
            '\t' => out.push(c),
            c if c.is_control() || is_bidi_control(c) => {
                out.push_str(&format!("\\u{{{:x}}}", c as u32));
            }
            c => out.push(c),
        }
    }
    out
}

/// Unicode's explicit directional formatting characters ("Trojan Source").
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{61c}')
}

/// A file's text as shown under a diagnostic, changed character for character with the same
/// number of bytes, so that byte offsets and columns still point at the same places:
/// - a lone `\r` (a line break to YAML, but not to the snippet renderer, and a cursor move
///   to a terminal) becomes `\n`, so that shown line numbers are the parser's;
/// - other control characters (but tab and line ends) and bidirectional controls become `?`,
///   `¿` or `�` (one, two or three bytes, as the character they replace).
pub(crate) fn printable_source(text: &str) -> String {
    let bytes = text.as_bytes();
    let unsafe_char =
        |c: char| (c.is_control() && !matches!(c, '\t' | '\n' | '\r')) || is_bidi_control(c);
    let lone_cr = |i: usize| bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n');
    if !text
        .char_indices()
        .any(|(i, c)| unsafe_char(c) || (c == '\r' && lone_cr(i)))
    {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    for (i, c) in text.char_indices() {
        if c == '\r' && lone_cr(i) {
            out.push('\n');
        } else if unsafe_char(c) {
            out.push(match c.len_utf8() {
                1 => '?',
                2 => '¿',
                _ => '\u{fffd}',
            });
        } else {
            out.push(c);
        }
    }
    out
}

/// Where a diagnostic's span ends (1-based line and column): as worked out already, or read
/// from its file's text.
pub(crate) fn end_of(data: &Dataset, d: &Diagnostic) -> (u32, u32) {
    if let Some(end) = d.end {
        return end;
    }
    data.files
        .get(d.file)
        .map_or((d.span.line, d.span.column), |f| {
            d.span.end_position(&f.text)
        })
}

/// The file a diagnostic is in, as shown to users.
pub(crate) fn path_of<'a>(data: &'a Dataset, d: &Diagnostic) -> &'a str {
    data.files.get(d.file).map_or("", |f| f.path.as_str())
}
