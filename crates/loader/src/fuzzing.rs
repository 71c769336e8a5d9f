//! The properties the fuzzer checks (`fuzz/fuzz_targets/yaml.rs`), here so that the
//! regression test over every input the fuzzer ever crashed on (`tests/fuzz-regressions/`)
//! checks exactly the same thing.

use crate::format::{format_file, sorted};
use crate::tree::{Node, NodeValue};
use crate::yaml::{Limits, LineIndex, parse};

/// Keys in the order `fmt` would put a claim's; any order works for the property.
const ORDER: &[&str] = &[
    "id", "date", "claimant", "kind", "summary", "quote", "sources", "note",
];

/// The budgets the fuzzer runs under (smaller than the defaults, to keep runs fast).
pub const LIMITS: Limits = Limits {
    max_file_bytes: 1 << 20,
    max_depth: 64,
    max_nodes: 100_000,
    max_alias_nodes: 1_000,
    max_records: 10_000,
};

fn count(node: &Node) -> usize {
    1 + match &node.value {
        NodeValue::Seq(items) => items.iter().map(count).sum(),
        NodeValue::Map(entries) => entries.iter().map(|e| count(&e.value)).sum(),
        _ => 0,
    }
}

/// Reads `bytes` as a data file and panics if a property fails: every problem has a place
/// inside the file, the node budget holds, and formatting (what `treatywatch fmt` does) gives
/// a file that reads back to the same values.
pub fn check_yaml(bytes: &[u8]) {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    let parsed = parse(text, &LineIndex::new(text), LIMITS);
    for p in &parsed.problems {
        assert!(p.span.start <= p.span.end, "{p:?}");
        assert!(p.span.end as usize <= text.len(), "{p:?}");
        let (end_line, end_column) = p.span.end_position(text);
        assert!(
            (end_line, end_column) >= (p.span.line, p.span.column),
            "{p:?}"
        );
        assert!(p.span.line >= 1 && p.span.column >= 1, "{p:?}");
        assert!(!p.message.is_empty());
    }
    let Some(root) = parsed.root else {
        return;
    };
    assert!(count(&root) <= LIMITS.max_nodes + LIMITS.max_alias_nodes);
    if !parsed.problems.is_empty() {
        return;
    }
    let records: Vec<&Node> = match &root.value {
        NodeValue::Seq(items) => items.iter().collect(),
        NodeValue::Map(_) => vec![&root],
        _ => return,
    };
    let formatted = format_file(text, &records, ORDER);
    let again = parse(&formatted, &LineIndex::new(&formatted), LIMITS);
    assert!(
        again.problems.is_empty(),
        "formatting broke the file:\n{text:?}\n=>\n{formatted:?}\n{:?}",
        again.problems
    );
    // Keys move, values do not change: compare with keys sorted.
    assert_eq!(
        Some(sorted(root.to_json())),
        again.root.map(|r| sorted(r.to_json())),
        "formatting changed the meaning:\n{text:?}\n=>\n{formatted:?}"
    );
}
