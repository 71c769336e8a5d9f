//! Edits of a treaty file that only insert lines: new acts after a party's last act, new
//! deposits under an act, new parties after the last party. Every other byte of the file —
//! comments, blank lines, other records — stays as it was. Keys are written in the model's
//! order, so the file stays in `treatywatch fmt`'s canonical layout.

use treatywatch_loader::{Node, NodeValue};
use treatywatch_model::{Action, Deposit, Party};

/// Text to insert at a byte offset.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Edit {
    pub offset: usize,
    pub text: String,
}

/// `text` with every edit made; edits at the same offset keep their order.
pub(crate) fn apply(text: &str, edits: &[Edit]) -> String {
    let mut sorted: Vec<(usize, &Edit)> = edits.iter().enumerate().collect();
    sorted.sort_by_key(|(i, e)| (e.offset, *i));
    let mut out = String::with_capacity(text.len() + 256);
    let mut at = 0;
    for (_, e) in sorted {
        let offset = e.offset.min(text.len());
        out.push_str(&text[at..offset]);
        out.push_str(&e.text);
        at = offset;
    }
    out.push_str(&text[at..]);
    out
}

/// A scalar as YAML: plain when nothing in it can mean anything else, else double-quoted.
pub(crate) fn scalar(value: &str) -> String {
    let plain = value
        .chars()
        .all(|c| c.is_alphabetic() || matches!(c, ' ' | '.' | '-' | '(' | ')' | '\''))
        && value.chars().next().is_some_and(char::is_alphabetic)
        && !value.ends_with(' ')
        && !matches!(
            value.to_lowercase().as_str(),
            "yes" | "no" | "true" | "false" | "null" | "on" | "off" | "y" | "n"
        );
    if plain {
        value.to_string()
    } else {
        serde_json::to_string(value).unwrap_or_else(|_| format!("{value:?}"))
    }
}

fn deposits_lines(indent: usize, deposits: &[Deposit]) -> String {
    let pad = " ".repeat(indent);
    deposits
        .iter()
        .map(|d| {
            format!(
                "{pad}- depositary: {}\n{pad}  date: {}\n",
                scalar(&d.depositary),
                d.date
            )
        })
        .collect()
}

/// An act as a block list item whose `-` is at column `indent` (0-based).
fn act_lines(indent: usize, a: &Action) -> String {
    let pad = " ".repeat(indent);
    let mut out = format!(
        "{pad}- action: {}\n{pad}  date: {}\n",
        a.action.as_str(),
        a.date
    );
    if let Some(from) = &a.from {
        out.push_str(&format!("{pad}  from: {from}\n"));
    }
    if !a.deposits.is_empty() {
        out.push_str(&format!("{pad}  deposits:\n"));
        out.push_str(&deposits_lines(indent + 4, &a.deposits));
    }
    out
}

fn party_lines(indent: usize, p: &Party) -> String {
    let pad = " ".repeat(indent);
    let mut out = format!("{pad}- actor: {}\n{pad}  actions:\n", p.actor);
    for a in &p.actions {
        out.push_str(&act_lines(indent + 4, a));
    }
    out
}

/// The byte offset just after the line on which `node` ends: where lines after it go. Its
/// end is found on its last scalar, whose span is exact.
fn after(text: &str, node: &Node) -> usize {
    let mut last = node;
    loop {
        match &last.value {
            NodeValue::Seq(items) if !items.is_empty() => last = &items[items.len() - 1],
            NodeValue::Map(entries) if !entries.is_empty() => {
                last = &entries[entries.len() - 1].value
            }
            _ => break,
        }
    }
    let end = (last.span.end as usize).max(1).min(text.len());
    match text[end - 1..].find('\n') {
        Some(i) => end - 1 + i + 1,
        None => text.len(),
    }
}

/// A newline first when the insertion point is the end of a file without a final newline.
fn at_line_start(text: &str, offset: usize, lines: String) -> String {
    if offset == text.len() && !text.is_empty() && !text.ends_with('\n') {
        format!("\n{lines}")
    } else {
        lines
    }
}

/// The 0-based column of the `-` of a block list whose first item is `first`; `None` for a
/// flow list (`[…]`).
fn dash_column(text: &str, list: &Node) -> Option<usize> {
    let NodeValue::Seq(items) = &list.value else {
        return None;
    };
    let first = items.first()?;
    let start = list.span.start as usize;
    if text.get(start..start + 1) != Some("-") {
        return None;
    }
    (first.span.column as usize).checked_sub(3)
}

/// Items appended to the block list `key` of the block mapping `map`: after the list's last
/// item, or as a new `key` after the mapping's last key. `items` writes the items with their
/// `-` at the column it is given.
fn append_to_list(
    text: &str,
    map: &Node,
    key: &str,
    items: impl Fn(usize) -> String,
) -> Option<Edit> {
    let (offset, lines) = match map.get(key) {
        Some(list) => (after(text, list), items(dash_column(text, list)?)),
        None => {
            let indent = (map.span.column as usize).checked_sub(1)?;
            let lines = format!("{}{key}:\n{}", " ".repeat(indent), items(indent + 2));
            (after(text, map), lines)
        }
    };
    Some(Edit {
        offset,
        text: at_line_start(text, offset, lines),
    })
}

/// Whether `node` is written as a block mapping (not `{…}`).
fn is_block_map(text: &str, node: &Node) -> bool {
    let start = node.span.start as usize;
    matches!(node.value, NodeValue::Map(_)) && text.get(start..start + 1) != Some("{")
}

/// New acts after the last act of a party (`actions` is its block list).
pub(crate) fn add_acts(text: &str, actions: &Node, acts: &[Action]) -> Option<Edit> {
    let indent = dash_column(text, actions)?;
    let offset = after(text, actions);
    let lines: String = acts.iter().map(|a| act_lines(indent, a)).collect();
    Some(Edit {
        offset,
        text: at_line_start(text, offset, lines),
    })
}

/// New deposits under an act written as a block mapping: after its `deposits` list, or as a
/// new `deposits` key after its last key.
pub(crate) fn add_deposits(text: &str, act: &Node, deposits: &[Deposit]) -> Option<Edit> {
    if !is_block_map(text, act) {
        return None;
    }
    append_to_list(text, act, "deposits", |indent| {
        deposits_lines(indent, deposits)
    })
}

/// A new party after the treaty's last party, or a `parties` list at the end of a treaty
/// that has none.
pub(crate) fn add_party(text: &str, treaty: &Node, party: &Party) -> Option<Edit> {
    append_to_list(text, treaty, "parties", |indent| party_lines(indent, party))
}
