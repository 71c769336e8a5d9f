//! rustc-style diagnostics with the source line and a caret under the value.

use codespan_reporting::diagnostic::{Diagnostic as Report, Label, Severity as Level};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term::{self, Config, termcolor::Buffer};
use treatywatch_loader::{Dataset, Diagnostic, Severity};

use super::printable;
use crate::{Allowed, Summary};

/// Renders every diagnostic and the closing count. `color` adds ANSI colours.
pub fn render(
    data: &Dataset,
    diagnostics: &[Diagnostic],
    summary: &Summary,
    color: bool,
) -> String {
    // Only the files a diagnostic is in are given to the renderer (a copy of each is made
    // printable): not the whole dataset's text.
    let mut files = SimpleFiles::new();
    let mut ids: Vec<Option<usize>> = vec![None; data.files.len()];
    for d in diagnostics {
        if let (Some(slot @ None), Some(f)) = (ids.get_mut(d.file), data.files.get(d.file)) {
            *slot = Some(files.add(printable(&f.path), super::printable_source(&f.text)));
        }
    }
    let config = Config::default();
    let mut buffer = if color {
        Buffer::ansi()
    } else {
        Buffer::no_color()
    };
    for d in diagnostics {
        let Some(&Some(file_id)) = ids.get(d.file) else {
            continue;
        };
        let text_len = data.files[d.file].text.len();
        let start = (d.span.start as usize).min(text_len);
        let end = (d.span.end as usize).clamp(start, text_len);
        let level = match d.severity {
            Severity::Error => Level::Error,
            Severity::Warning => Level::Warning,
            Severity::Note => Level::Note,
        };
        let mut notes = Vec::new();
        if let Some(record) = &d.record {
            notes.push(format!("record: {}", printable(record)));
        }
        for e in &d.evidence {
            notes.push(evidence_note(e));
        }
        if let Some(help) = &d.help {
            notes.push(format!("help: {}", printable(help)));
        }
        let report = Report::new(level)
            .with_code(d.rule)
            .with_message(one_line(&d.message))
            .with_labels(vec![Label::primary(file_id, start..end)])
            .with_notes(notes);
        // A file whose text was not read (ignored, unreadable) has no line to show, and a
        // line of a pasted book or a minified file is too long to show.
        let text = &data.files[d.file].text;
        let has_text = !text.is_empty();
        let longest = longest_line(text, start, end);
        let shown = has_text
            && longest <= MAX_SHOWN_LINE
            && term::emit_to_write_style(&mut buffer, &config, &files, &report).is_ok();
        if !shown {
            // No source line to show: the header and the position, rustc-style.
            let mut line = format!(
                "{}[{}]: {}\n  ┌─ {}:{}:{}\n",
                d.severity.as_str(),
                d.rule,
                one_line(&d.message),
                printable(&data.files[d.file].path),
                d.span.line,
                d.span.column
            );
            if has_text && longest > MAX_SHOWN_LINE {
                line.push_str(&format!(
                    "  = the line is {longest} bytes long and is not shown\n"
                ));
            }
            if let Some(record) = &d.record {
                line.push_str(&format!("  = record: {}\n", printable(record)));
            }
            for e in &d.evidence {
                line.push_str(&format!("  = {}\n", evidence_note(e)));
            }
            if let Some(help) = &d.help {
                line.push_str(&format!("  = help: {}\n", one_line(help)));
            }
            line.push('\n');
            let _ = std::io::Write::write_all(&mut buffer, line.as_bytes());
        }
    }
    let mut out = String::from_utf8_lossy(buffer.as_slice()).into_owned();
    out.push_str(&closing_line(summary));
    out.push('\n');
    out
}

/// Source lines longer than this (in bytes) are not printed under a diagnostic: the place is
/// given, but a 60 MB value does not fill the terminal.
pub const MAX_SHOWN_LINE: usize = 1_000;

/// The length in bytes of the longest line that `start..end` touches (lines end at `\n` or
/// `\r`, as YAML's line breaks do).
fn longest_line(text: &str, start: usize, end: usize) -> usize {
    let bytes = text.as_bytes();
    let is_break = |b: &u8| *b == b'\n' || *b == b'\r';
    let first = bytes[..start]
        .iter()
        .rposition(is_break)
        .map_or(0, |i| i + 1);
    let last = bytes[end..]
        .iter()
        .position(is_break)
        .map_or(bytes.len(), |i| end + i);
    bytes[first..last]
        .split(is_break)
        .map(<[u8]>::len)
        .max()
        .unwrap_or(0)
}

/// A finding's evidence as a note: `evidence: START I ended on 2009-12-05 (expiry) [text-start-i]`.
fn evidence_note(e: &treatywatch_loader::Evidence) -> String {
    let mut note = format!("evidence: {}", printable(&e.text));
    if !e.sources.is_empty() {
        note.push_str(&format!(" [{}]", printable(&e.sources.join(", "))));
    }
    note
}

/// Messages are one line of printable text (see [`printable`]).
fn one_line(message: &str) -> String {
    printable(message)
}

fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

/// `N errors, N warnings, N notes in N files`.
pub fn closing_line(s: &Summary) -> String {
    format!(
        "{}, {}, {} in {}",
        plural(s.errors, "error"),
        plural(s.warnings, "warning"),
        plural(s.notes, "note"),
        plural(s.files, "file")
    )
}

/// The silenced diagnostics, for `--show-allowed`.
pub fn render_allowed(data: &Dataset, allowed: &[Allowed]) -> String {
    let mut out = String::new();
    for a in allowed {
        let d = &a.diagnostic;
        out.push_str(&format!(
            "allowed {}[{}] {}:{}:{}: {} — reason: {}\n",
            d.severity.as_str(),
            d.rule,
            printable(super::path_of(data, d)),
            d.span.line,
            d.span.column,
            one_line(&d.message),
            one_line(&a.reason)
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::longest_line;

    #[test]
    fn the_longest_line_a_span_touches() {
        let text = "a: 1\nname: xxxxxxxxxx\r\nb: 2\rccc\n";
        assert_eq!(longest_line(text, 0, 1), 4);
        assert_eq!(
            longest_line(text, 11, 12),
            16,
            "the line with `name`, without its break"
        );
        assert_eq!(longest_line(text, 0, 12), 16, "a span over two lines");
        assert_eq!(longest_line(text, 24, 25), 4, "a lone CR ends a line");
        assert_eq!(longest_line(text, 28, 28), 3);
        assert_eq!(longest_line("", 0, 0), 0);
    }
}
