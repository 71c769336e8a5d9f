//! Where the cursor is in a record file, read from the lines above it by indentation, so that
//! it works on the half-typed YAML an editor holds (`accused: ru`, `  - `): the path of keys
//! to the value or key being typed (`sources`, `*`, `source`), and what is typed so far.

use crate::text::{Lines, is_id_char};

/// What the cursor is in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cursor {
    /// Keys from the record down to where the cursor is (`*` for a list item). After
    /// `key: ` the path ends with that key; elsewhere it is the path of the mapping or list
    /// item the cursor is in.
    pub path: Vec<String>,
    /// After `key: `: a value is being typed.
    pub after_colon: bool,
    /// What is typed of the word so far, and the byte column it starts at on its line.
    pub typed: String,
    pub typed_from: usize,
}

/// A line cut into what opens a level: each `- ` (at its column), then a `key:` whose value
/// is on the lines below (at the key's column), or a `key: value` on this line.
struct Parts<'a> {
    /// The column of the line's first character.
    start: usize,
    items: Vec<usize>,
    /// The key and its column, with whether its value follows on this line.
    key: Option<(&'a str, usize, bool)>,
}

fn parts(line: &str) -> Parts<'_> {
    let start = line.len() - line.trim_start_matches(' ').len();
    let mut at = start;
    let mut items = Vec::new();
    loop {
        let rest = &line[at..];
        if rest.starts_with("- ") || rest == "-" {
            items.push(at);
            at += 1;
            at += line[at..].len() - line[at..].trim_start_matches(' ').len();
        } else {
            break;
        }
    }
    let rest = &line[at..];
    let key = rest.find(':').and_then(|colon| {
        let key = &rest[..colon];
        let after = &rest[colon + 1..];
        let is_key = !key.is_empty()
            && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
            && (after.is_empty() || after.starts_with(' '));
        let value_here = !after.trim().is_empty() && !after.trim_start().starts_with('#');
        is_key.then_some((key, at, value_here))
    });
    Parts { start, items, key }
}

/// The cursor at byte column `column` of line `line`.
pub fn at(lines: &Lines<'_>, line: usize, column: usize) -> Cursor {
    // Levels open above the cursor: (column, segment), innermost last.
    let mut stack: Vec<(usize, String)> = Vec::new();
    let open = |stack: &mut Vec<(usize, String)>, p: &Parts<'_>, with_key: bool| {
        while stack.last().is_some_and(|(col, _)| *col >= p.start) {
            stack.pop();
        }
        for &col in &p.items {
            stack.push((col, "*".into()));
        }
        if with_key && let Some((key, col, false)) = p.key {
            stack.push((col, key.to_string()));
        }
    };
    let mut list_file = None;
    for n in 0..line {
        let l = lines.line(n);
        let t = l.trim();
        if t.is_empty() || t.starts_with('#') || t == "---" {
            continue;
        }
        let p = parts(l);
        list_file.get_or_insert(p.start == 0 && !p.items.is_empty());
        open(&mut stack, &p, true);
    }
    let current = lines.line(line);
    let mut column = column.min(current.len());
    while !current.is_char_boundary(column) {
        column -= 1;
    }
    let before = &current[..column];
    let p = parts(before);
    if before.trim().is_empty() {
        // An empty line: the level is its indentation's.
        let indent = before.len();
        while stack.last().is_some_and(|(col, _)| *col >= indent) {
            stack.pop();
        }
    } else {
        list_file.get_or_insert(p.start == 0 && !p.items.is_empty());
        open(&mut stack, &p, false);
    }
    let mut path: Vec<String> = stack.into_iter().map(|(_, s)| s).collect();
    let after_colon = match p.key {
        Some((key, col, _)) if before.len() > col + key.len() => {
            path.push(key.to_string());
            true
        }
        _ => false,
    };
    if list_file == Some(true) && path.first().is_some_and(|s| s == "*") {
        path.remove(0);
    }
    let typed_from = before
        .char_indices()
        .rev()
        .take_while(|(_, c)| is_id_char(*c))
        .last()
        .map_or(column, |(i, _)| i);
    Cursor {
        path,
        after_colon,
        typed: before[typed_from..].to_string(),
        typed_from,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cursor(text: &str) -> Cursor {
        // `|` marks the cursor.
        let at_ = text.find('|').unwrap();
        let text = text.replace('|', "");
        let lines = Lines::new(&text);
        let pos = lines.position(at_);
        at(
            &lines,
            pos.line as usize,
            lines.offset(pos) - lines.offset(lsp_types::Position::new(pos.line, 0)),
        )
    }

    #[test]
    fn the_path_to_the_cursor_in_half_typed_yaml() {
        let c = cursor("- id: a\n  accused: ru|\n");
        assert_eq!(
            (c.path.clone(), c.after_colon, c.typed.as_str()),
            (vec!["accused".to_string()], true, "ru")
        );
        let c = cursor("- id: a\n  sources:\n    - source: kre|\n      locator: x\n");
        assert_eq!(c.path, ["sources", "*", "source"]);
        assert!(c.after_colon);
        let c = cursor("- id: a\n  sources:\n    - source: k\n      loc|\n");
        assert_eq!(c.path, ["sources", "*"]);
        assert!(!c.after_colon);
        assert_eq!(c.typed, "loc");
        let c = cursor("- id: a\n  responds_to:\n    - pom|\n");
        assert_eq!(c.path, ["responds_to", "*"]);
        assert!(!c.after_colon);
        let c = cursor("- id: a\n  assessment:\n    verdict: |\n");
        assert_eq!(c.path, ["assessment", "verdict"]);
        let c = cursor("- id: a\n  su|\n- id: b\n");
        assert_eq!(c.path, Vec::<String>::new());
        assert_eq!(c.typed, "su");
        let c = cursor("id: t\nparties:\n  - actor: usa\n    actions:\n      - action: rat|\n");
        assert_eq!(c.path, ["parties", "*", "actions", "*", "action"]);
        let c = cursor("- id: a\n  allow:\n    - rule: |\n");
        assert_eq!(c.path, ["allow", "*", "rule"]);
        let c = cursor("- id: a\n  kind: status\n|");
        assert_eq!(c.path, Vec::<String>::new());
    }
}
