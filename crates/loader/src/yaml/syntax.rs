//! Syntax errors in a contributor's words. The parser says where its scanner stopped, in its
//! own terms ("while scanning a plain scalar, found a tab"), often a line before the
//! character at fault. The mistakes people make — a tab, `: ` inside a value, a line indented
//! differently, a quote never closed, typographic quotes — are recognised here, placed on the
//! character itself, and given the fix; anything else keeps the parser's words.

/// A syntax error as shown: where (a byte range of the text), what, and the fix.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Explained {
    pub start: usize,
    pub end: usize,
    pub message: String,
    pub help: Option<String>,
}

/// Typographic quotes, which YAML reads as ordinary characters.
const CURLY: [char; 6] = ['“', '”', '‘', '’', '„', '«'];

/// Explains the parser's error `info`, reported at byte `at` of `text`.
pub(super) fn explain(text: &str, at: usize, info: &str) -> Explained {
    let at = floor_char(text, at.min(text.len()));
    let line = line_at(text, at);
    let here = |message: String, help: Option<String>| Explained {
        start: at,
        end: next_char(text, at),
        message,
        help,
    };
    if info.contains("tab") {
        // The tab is on the reported line or after it (the scanner reports the scalar or
        // block scalar it was in), else before.
        let tab = text[line.start..]
            .find('\t')
            .map(|i| line.start + i)
            .or_else(|| text[..at].rfind('\t'));
        if let Some(tab) = tab {
            let tab_line = line_at(text, tab);
            let indenting = text[tab_line.start..tab]
                .chars()
                .all(|c| c == ' ' || c == '\t');
            return Explained {
                start: tab,
                end: tab + 1,
                message: if indenting {
                    "a tab in the indentation: YAML indents with spaces only".into()
                } else {
                    "a tab here, where YAML does not allow one".into()
                },
                help: Some(if indenting {
                    "replace the tab with spaces, as many as the lines around it use (two per level)"
                        .into()
                } else {
                    "replace the tab with a space, or put the whole value in quotes".into()
                }),
            };
        }
    }
    let line_text = &text[line.start..line.end];
    let curly = line_text.contains(CURLY);
    let curly_note = || {
        curly.then_some(
            " (“ ” and ‘ ’ are typographic quotes, which YAML reads as letters: quote with \" or ')",
        )
    };
    if info.contains("mapping values are not allowed") {
        let before = &text[line.start..at];
        let body = before.trim_start().trim_start_matches("- ");
        if let Some((key, value)) = body.split_once(": ") {
            let rest = text[at..line.end].trim_end();
            let whole = format!("{}{rest}", value.trim_start());
            let quoted = serde_json::to_string(whole.trim_matches(CURLY)).unwrap_or_default();
            return here(
                format!(
                    "`: ` inside the value of `{}`: YAML reads the words before it as a key",
                    key.trim()
                ),
                Some(format!(
                    "put the whole value in quotes: `{}: {quoted}`{}",
                    key.trim(),
                    curly_note().unwrap_or("")
                )),
            );
        }
        return indentation(text, at, line);
    }
    if info.contains("did not find expected key")
        || info.contains("did not find expected '-'")
        || info.contains("invalid indentation") && !info.contains("quoted")
    {
        return indentation(text, at, line);
    }
    if info.contains("quoted scalar") {
        let quote = text[at..].chars().next().unwrap_or('"');
        let closing_curly = line_text.contains(['”', '’']);
        return here(
            format!("the quote `{quote}` opened here is not closed on this line"),
            Some(if closing_curly {
                format!(
                    "it ends with a typographic quote: close it with `{quote}`, the mark it opens with"
                )
            } else {
                format!(
                    "close it with `{quote}` on this line; for a long text, write `>` after the key and the text on the lines below"
                )
            }),
        );
    }
    let first = text[at..].chars().next();
    if (info.contains("unexpected character") || info.contains("cannot start any token"))
        && let Some(c @ ('@' | '`' | '%' | '!' | '|' | '>' | '*' | '&')) = first
    {
        return here(
            format!("a value cannot start with `{c}` unquoted"),
            Some("put the whole value in quotes".into()),
        );
    }
    here(
        format!("invalid YAML: {info}"),
        curly_note().map(|n| {
            n.trim_start()
                .trim_start_matches('(')
                .trim_end_matches(')')
                .to_string()
        }),
    )
}

/// A line's byte range (without its line break).
#[derive(Clone, Copy)]
struct Line {
    start: usize,
    end: usize,
}

fn line_at(text: &str, at: usize) -> Line {
    let start = text[..at].rfind(['\n', '\r']).map_or(0, |i| i + 1);
    let end = text[at..].find(['\n', '\r']).map_or(text.len(), |i| at + i);
    Line { start, end }
}

/// A line indented unlike the lines of its record: placed on its first character, with the
/// indentation the line above it suggests.
fn indentation(text: &str, at: usize, line: Line) -> Explained {
    let body = text[line.start..line.end].trim_start_matches(' ');
    let first = line.end - body.len();
    let above = text[..line.start]
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'));
    let expected = above.map(|l| {
        let indent = l.len() - l.trim_start_matches(' ').len();
        if l[indent..].starts_with("- ") {
            indent + 2
        } else {
            indent
        }
    });
    let found = first - line.start;
    let help = match expected {
        Some(n) if n != found => format!(
            "indent it by {n} spaces like the line above (it has {found}), or by as many as the field it belongs under"
        ),
        _ => "indent it like the other fields of its record: each level two more spaces than the one it is under".into(),
    };
    Explained {
        start: if first < line.end { first } else { at },
        end: next_char(text, if first < line.end { first } else { at }),
        message: "this line is not indented like the lines around it".into(),
        help: Some(help),
    }
}

fn floor_char(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn next_char(text: &str, at: usize) -> usize {
    text[at..].chars().next().map_or(at, |c| at + c.len_utf8())
}

#[cfg(test)]
mod tests {
    /// The explanation of `text`'s first syntax error, as (line:column, message, help).
    fn explained(text: &str) -> (String, String, String) {
        let parsed = super::super::parse(
            text,
            &super::super::LineIndex::new(text),
            crate::Limits::default(),
        );
        let p = &parsed.problems[0];
        (
            format!("{}:{}", p.span.line, p.span.column),
            p.message.clone(),
            p.help.clone().unwrap_or_default(),
        )
    }

    #[test]
    fn a_tab_is_placed_on_itself() {
        let (at, message, help) = explained("- id: zz-a\n\tdate: 2019-08-02\n");
        assert_eq!(at, "2:1");
        assert!(message.contains("tab in the indentation"), "{message}");
        assert!(help.contains("spaces"), "{help}");
        // In a block scalar, reported on the scalar's first line by the parser.
        let (at, message, _) = explained("- id: zz-a\n  quote: >\n\t  there\n  date: 2019\n");
        assert_eq!(
            (at.as_str(), message.contains("indentation")),
            ("3:1", true)
        );
        let (at, _, _) = explained("- id: zz-a\n  quote: |\n    hello\n\t  there\n  date: 2019\n");
        assert_eq!(at, "4:1");
    }

    #[test]
    fn a_colon_inside_a_value_asks_for_quotes() {
        let (at, message, help) = explained("- id: zz-a\n  summary: He said: no way\n");
        assert_eq!(at, "2:19");
        assert!(
            message.contains("inside the value of `summary`"),
            "{message}"
        );
        assert!(help.contains(r#"`summary: "He said: no way"`"#), "{help}");
        let (_, _, help) = explained("- id: zz-a\n  summary: “He said: no”\n");
        assert!(help.contains(r#"`summary: "He said: no"`"#), "{help}");
        assert!(help.contains("typographic"), "{help}");
    }

    #[test]
    fn a_line_indented_otherwise_says_how_far() {
        let (at, message, help) = explained("- id: zz-a\n   date: 2019\n");
        assert_eq!(at, "2:4");
        assert!(message.contains("not indented like"), "{message}");
        assert!(
            help.contains("by 2 spaces") && help.contains("it has 3"),
            "{help}"
        );
    }

    #[test]
    fn an_unclosed_quote_and_a_reserved_first_character() {
        let (at, message, help) = explained("- id: zz-a\n  summary: \"He said\n  date: 2019\n");
        assert_eq!(at, "2:12");
        assert!(message.contains("not closed"), "{message}");
        assert!(help.contains("close it"), "{help}");
        let (_, _, help) = explained("- id: zz-a\n  summary: \"He said”\n  date: 2019\n");
        assert!(help.contains("typographic"), "{help}");
        let (at, message, _) = explained("- id: zz-a\n  summary: @x\n");
        assert_eq!(at, "2:12");
        assert!(message.contains("cannot start with `@`"), "{message}");
    }
}
