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
        if let Some(help) = &d.help {
            notes.push(format!("help: {}", printable(help)));
        }
        let report = Report::new(level)
            .with_code(d.rule)
            .with_message(one_line(&d.message))
            .with_labels(vec![Label::primary(file_id, start..end)])
            .with_notes(notes);
        // A file whose text was not read (ignored, unreadable) has no line to show.
        let has_text = !data.files[d.file].text.is_empty();
        if !has_text || term::emit_to_write_style(&mut buffer, &config, &files, &report).is_err() {
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
