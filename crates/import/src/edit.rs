//! Edits of a treaty file: new acts after a party's last act, new deposits under an act, new
//! parties after the last party — each inserted as lines, so every other byte of the file
//! (comments, blank lines, other records) stays as it was — and, where an act or a list is
//! not in block layout (`- {action: …}`, `actions: []`) or an act's note must change, that act
//! or list rewritten in block layout. Keys are written in the model's order, so the file
//! stays in `treatywatch fmt`'s canonical layout.

use treatywatch_loader::{Node, NodeValue};
use treatywatch_model::{Action, Deposit, Party};

use crate::emit::{act_lines, deposits_lines, party_lines};

/// Text to put in place of the bytes `start..end` (an insertion when they are equal).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Edit {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// `text` with every edit made; edits must not overlap, and insertions at the same offset
/// keep their order.
pub(crate) fn apply(text: &str, edits: &[Edit]) -> String {
    let mut sorted: Vec<(usize, &Edit)> = edits.iter().enumerate().collect();
    sorted.sort_by_key(|(i, e)| (e.start, *i));
    let mut out = String::with_capacity(text.len() + 256);
    let mut at = 0;
    for (_, e) in sorted {
        let start = e.start.clamp(at, text.len());
        out.push_str(&text[at..start]);
        out.push_str(&e.text);
        at = e.end.clamp(start, text.len());
    }
    out.push_str(&text[at..]);
    out
}

/// Which lines belong to a block node, by the column of a list's `-` or a mapping's keys.
#[derive(Clone, Copy)]
enum Extent {
    List(usize),
    Map(usize),
}

/// The byte offset just after the line on which `node` ends: where lines after it go.
///
/// A block list or mapping ends at its last line that belongs to it by indentation (a block
/// scalar's span says nothing reliable about where its text ends, and comments are not in
/// the tree): after the line where it starts, every line indented deeper than the list's `-`
/// (or as deep as the mapping's keys) is its own, blank lines and comments aside. A flow value or a scalar
/// ends at its span.
fn after(text: &str, node: &Node) -> usize {
    let start = (node.span.start as usize).min(text.len());
    // The lines of a block list: deeper than its `-`, or another `-` at its column; of a
    // block mapping: as deep as its keys or deeper.
    let extent = match &node.value {
        NodeValue::Seq(_) => dash_column(text, node).map(Extent::List),
        NodeValue::Map(_) if is_block_map(text, node) => {
            Some(Extent::Map((node.span.column as usize).saturating_sub(1)))
        }
        _ => None,
    };
    let Some(extent) = extent else {
        let end = (node.span.end as usize).clamp(start.max(1), text.len().max(1));
        return match text.get(end - 1..).and_then(|rest| rest.find('\n')) {
            Some(i) => end - 1 + i + 1,
            None => text.len(),
        };
    };
    // The end of the line the node starts on, then every line that belongs.
    let mut last = text[start..]
        .find('\n')
        .map_or(text.len(), |i| start + i + 1);
    let mut at = last;
    while at < text.len() {
        let next = text[at..].find('\n').map_or(text.len(), |i| at + i + 1);
        let line = text[at..next].trim_end_matches(['\n', '\r']);
        let indent = line.len() - line.trim_start_matches(' ').len();
        // Blank lines and comments belong to what follows them: skipped, and taken in only
        // when a line of the node comes after them.
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            at = next;
            continue;
        }
        let belongs = match extent {
            Extent::List(c) => indent > c || (indent == c && line[indent..].starts_with('-')),
            Extent::Map(k) => indent >= k,
        };
        if !belongs {
            break;
        }
        last = next;
        at = next;
    }
    last
}

/// A newline first when the insertion point is the end of a file without a final newline.
fn at_line_start(text: &str, offset: usize, lines: String) -> String {
    if offset == text.len() && !text.is_empty() && !text.ends_with('\n') {
        format!("\n{lines}")
    } else {
        lines
    }
}

/// The byte offset of the `-` that begins the block list item `item`, and its 0-based
/// column; `None` when `item` is not the first thing after a `-` on its line.
fn dash_of(text: &str, item: &Node) -> Option<(usize, usize)> {
    let start = (item.span.start as usize).min(text.len());
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let before = &text[line_start..start];
    let trimmed = before.trim_end_matches(' ');
    let indent = trimmed.strip_suffix('-')?;
    indent
        .bytes()
        .all(|b| b == b' ')
        .then_some((line_start + indent.len(), indent.len()))
}

/// The 0-based column of the `-` of a block list; `None` for a flow list (`[…]`) or an
/// empty one.
fn dash_column(text: &str, list: &Node) -> Option<usize> {
    let NodeValue::Seq(items) = &list.value else {
        return None;
    };
    let start = list.span.start as usize;
    if text.get(start..start + 1) != Some("-") {
        return None;
    }
    dash_of(text, items.first()?).map(|(_, column)| column)
}

/// Whether `node` is written as a block mapping (not `{…}`).
fn is_block_map(text: &str, node: &Node) -> bool {
    let start = node.span.start as usize;
    matches!(node.value, NodeValue::Map(_)) && text.get(start..start + 1) != Some("{")
}

/// Whether `list` is a block list whose items all start on lines of their own: the layout
/// acts can be inserted into and replaced one by one.
pub(crate) fn is_block_list(text: &str, list: &Node) -> bool {
    let NodeValue::Seq(items) = &list.value else {
        return false;
    };
    dash_column(text, list).is_some() && items.iter().all(|i| dash_of(text, i).is_some())
}

/// New acts after the last act of a party (`actions` is its block list).
pub(crate) fn add_acts(text: &str, actions: &Node, acts: &[Action]) -> Option<Edit> {
    let indent = dash_column(text, actions)?;
    let offset = after(text, actions);
    let lines: String = acts.iter().map(|a| act_lines(indent, a)).collect();
    Some(Edit {
        start: offset,
        end: offset,
        text: at_line_start(text, offset, lines),
    })
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
        start: offset,
        end: offset,
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

/// The act `item` of a block list rewritten as `act`, in block layout at the same column.
pub(crate) fn replace_act(text: &str, item: &Node, act: &Action) -> Option<Edit> {
    let (dash, column) = dash_of(text, item)?;
    let end = after(text, item);
    Some(Edit {
        start: dash - column,
        end,
        text: act_lines(column, act),
    })
}

/// A party's `actions` value that is not a block list (`[]`, `[{…}]`) rewritten as one, its
/// items' `-` two columns right of the `actions` key. `party` is the party's mapping.
pub(crate) fn replace_actions(text: &str, party: &Node, acts: &[Action]) -> Option<Edit> {
    let entry = party.entry("actions")?;
    let column = (entry.key_span.column as usize).checked_sub(1)? + 2;
    // From just after `actions:` to the end of the value's last line.
    let colon = text[entry.key_span.end as usize..].find(':')? + entry.key_span.end as usize;
    let end = after(text, &entry.value);
    let lines: String = if acts.is_empty() {
        " []\n".to_string()
    } else {
        let items: String = acts.iter().map(|a| act_lines(column, a)).collect();
        format!("\n{items}")
    };
    Some(Edit {
        start: colon + 1,
        end,
        text: lines,
    })
}

/// A new party after the treaty's last party, or a `parties` list at the end of a treaty
/// that has none.
pub(crate) fn add_party(text: &str, treaty: &Node, party: &Party) -> Option<Edit> {
    append_to_list(text, treaty, "parties", |indent| party_lines(indent, party))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree(text: &str) -> Node {
        let index = treatywatch_loader::LineIndex::new(text);
        let parsed = treatywatch_loader::yaml::parse(text, &index, Default::default());
        assert!(parsed.problems.is_empty(), "{:?}\n{text}", parsed.problems);
        parsed.root.unwrap()
    }

    fn act(action: treatywatch_model::ActionKind, date: &str) -> Action {
        Action {
            action,
            date: treatywatch_model::Date::parse(date).unwrap(),
            from: None,
            source: Some(treatywatch_model::Id("s".into())),
            note: None,
            deposits: Vec::new(),
        }
    }

    const PARTIES: &str = "parties:
  - actor: gbr
    actions:
      - action: ratification
        date: 1968-11-27
        note: >-
          Deposited at Washington
          on 27 November 1968.

  # the next party
  - actor: fra
    actions:
      - {action: accession, date: 1992-08-03}
  - actor: ind
    actions: []
    note: Never signed.
";

    #[test]
    fn an_act_goes_after_a_folded_note_and_before_the_blank_line_and_comment() {
        let root = tree(PARTIES);
        let actions = root.pointer("/parties/0/actions").unwrap();
        let new = act(treatywatch_model::ActionKind::Signature, "1968-07-01");
        let e = add_acts(PARTIES, actions, std::slice::from_ref(&new)).unwrap();
        let text = apply(PARTIES, &[e]);
        assert!(
            text.contains("on 27 November 1968.\n      - action: signature\n        date: 1968-07-01\n        source: s\n\n  # the next party"),
            "{text}"
        );
        let back = tree(&text).to_json();
        assert_eq!(back["parties"][0]["actions"][1]["action"], "signature");
        assert_eq!(
            back["parties"][0]["actions"][0]["note"],
            "Deposited at Washington on 27 November 1968."
        );
    }

    #[test]
    fn a_list_at_its_keys_column_is_rewritten_whole_before_the_next_key() {
        // YAML lets a list's `-` stand at its key's column. Such a list is not one acts are
        // inserted into (its span does not start at a `-`), so the import rewrites it whole;
        // the key after it (`note:`, as deep as the `-`) stays the party's. This is also why
        // `after` never meets a line as deep as a list's `-` that is not a `-`.
        let text = "parties:\n- actor: gbr\n  actions:\n  - action: ratification\n    date: 1968-11-27\n  note: Depositary.\n- actor: fra\n";
        let root = tree(text);
        let actions = root.pointer("/parties/0/actions").unwrap();
        assert!(!is_block_list(text, actions));
        let new = act(treatywatch_model::ActionKind::Signature, "1968-07-01");
        assert_eq!(add_acts(text, actions, std::slice::from_ref(&new)), None);
        let mut old = act(treatywatch_model::ActionKind::Ratification, "1968-11-27");
        old.source = None;
        let party = root.pointer("/parties/0").unwrap();
        let e = replace_actions(text, party, &[old, new]).unwrap();
        let out = apply(text, &[e]);
        let back = tree(&out).to_json();
        assert_eq!(
            back["parties"][0]["actions"][1]["action"], "signature",
            "{out}"
        );
        assert_eq!(
            back["parties"][0]["actions"][0]["date"], "1968-11-27",
            "{out}"
        );
        assert_eq!(back["parties"][0]["note"], "Depositary.", "{out}");
        assert_eq!(back["parties"][1]["actor"], "fra", "{out}");
    }

    #[test]
    fn a_flow_act_and_an_empty_list_are_rewritten_in_block_layout() {
        let root = tree(PARTIES);
        let mut changed = act(treatywatch_model::ActionKind::Accession, "1992-08-03");
        changed.source = None;
        changed.note = Some("The source `x` dates this accession 1992-08-02.".into());
        let item = root.pointer("/parties/1/actions/0").unwrap();
        let e1 = replace_act(PARTIES, item, &changed).unwrap();
        let party = root.pointer("/parties/2").unwrap();
        let new = act(treatywatch_model::ActionKind::Accession, "2030-01-01");
        let e2 = replace_actions(PARTIES, party, std::slice::from_ref(&new)).unwrap();
        let text = apply(PARTIES, &[e1, e2]);
        assert!(
            text.contains("      - action: accession\n        date: 1992-08-03\n        note: \"The source `x`"),
            "{text}"
        );
        assert!(
            text.contains("    actions:\n      - action: accession\n        date: 2030-01-01\n        source: s\n    note: Never signed.\n"),
            "{text}"
        );
        let back = tree(&text).to_json();
        assert_eq!(back["parties"][2]["actions"][0]["date"], "2030-01-01");
        assert_eq!(back["parties"][2]["note"], "Never signed.");
        assert_eq!(back["parties"][0]["actions"].as_array().unwrap().len(), 1);
    }

    #[test]
    fn a_dash_is_found_only_before_an_item_on_its_own_line() {
        let text = "parties:\n  - actor: x\n    actions: [a]\n";
        let item = Node {
            span: treatywatch_loader::Span {
                line: 2,
                column: 5,
                start: 13,
                end: 14,
            },
            ..Node::default()
        };
        assert_eq!(dash_of(text, &item), Some((11, 2)));
        let flow = Node {
            span: treatywatch_loader::Span {
                line: 3,
                column: 15,
                start: 36,
                end: 37,
            },
            ..Node::default()
        };
        assert_eq!(dash_of(text, &flow), None);
    }
}
