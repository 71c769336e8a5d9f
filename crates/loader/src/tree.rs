//! A YAML/JSON value tree that remembers where every value and key came from.

use compact_str::CompactString;
use serde_json::{Map, Number, Value};

/// A region of a file: the 1-based line and column (in characters) of its start, and the byte
/// range. 16 bytes, as every value and key of a dataset has one; where it ends in lines and
/// columns is computed from the file's text when a diagnostic is shown
/// ([`Span::end_position`]). Files are read only up to 4 GiB, so offsets fit in `u32`.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize,
)]
pub struct Span {
    pub line: u32,
    pub column: u32,
    pub start: u32,
    pub end: u32,
}

impl Span {
    /// The byte range, for slicing the file's text.
    pub fn range(&self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }

    /// The 1-based line and column (in characters) where the span ends, read from `text` (the
    /// file it is in): the start position advanced over the span's text, counting YAML's line
    /// breaks (`\r\n`, `\n`, a lone `\r`).
    pub fn end_position(&self, text: &str) -> (u32, u32) {
        let Some(inside) = text.get(self.range()) else {
            return (self.line, self.column);
        };
        let mut line = self.line;
        let mut column = self.column;
        let mut chars = inside.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '\r' if chars.peek() == Some(&'\n') => {}
                '\r' | '\n' => {
                    line = line.saturating_add(1);
                    column = 1;
                }
                _ => column = column.saturating_add(1),
            }
        }
        (line, column)
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
pub enum NodeValue {
    #[default]
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    /// A string; up to 24 bytes (ids, dates, keys, enum values) it is stored inline,
    /// without an allocation of its own.
    Str(CompactString),
    Seq(Vec<Node>),
    Map(Vec<Entry>),
}

/// A key of a mapping and its value.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub key: CompactString,
    pub key_span: Span,
    pub value: Node,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Node {
    pub value: NodeValue,
    pub span: Span,
}

impl Node {
    pub fn get(&self, key: &str) -> Option<&Node> {
        match &self.value {
            NodeValue::Map(entries) => entries.iter().find(|e| e.key == key).map(|e| &e.value),
            _ => None,
        }
    }

    pub fn entry(&self, key: &str) -> Option<&Entry> {
        match &self.value {
            NodeValue::Map(entries) => entries.iter().find(|e| e.key == key),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            NodeValue::Str(s) => Some(s),
            _ => None,
        }
    }

    /// The node at a JSON Pointer (`/parties/0/actions/1/date`), if there is one.
    pub fn pointer(&self, pointer: &str) -> Option<&Node> {
        if pointer.is_empty() {
            return Some(self);
        }
        let mut node = self;
        for token in pointer.strip_prefix('/')?.split('/') {
            let token = unescape(token);
            node = match &node.value {
                NodeValue::Map(_) => node.get(&token)?,
                NodeValue::Seq(items) => items.get(token.parse::<usize>().ok()?)?,
                _ => return None,
            };
        }
        Some(node)
    }

    /// The span of the key at a pointer's last step, when it names a mapping entry.
    pub fn key_span(&self, pointer: &str) -> Option<Span> {
        let (parent, key) = pointer.rsplit_once('/')?;
        let key = unescape(key);
        self.pointer(parent)?.entry(&key).map(|e| e.key_span)
    }

    /// The value as JSON, for schema validation and typed deserialisation.
    pub fn to_json(&self) -> Value {
        match &self.value {
            NodeValue::Null => Value::Null,
            NodeValue::Bool(b) => Value::Bool(*b),
            NodeValue::Int(i) => Value::Number((*i).into()),
            NodeValue::Float(f) => Number::from_f64(*f).map_or(Value::Null, Value::Number),
            NodeValue::Str(s) => Value::String(s.to_string()),
            NodeValue::Seq(items) => Value::Array(items.iter().map(Node::to_json).collect()),
            NodeValue::Map(entries) => {
                let mut map = Map::with_capacity(entries.len());
                for e in entries {
                    map.insert(e.key.to_string(), e.value.to_json());
                }
                Value::Object(map)
            }
        }
    }
}

/// One token of a JSON Pointer, unescaped (without a copy when it has no `~`, as nearly every
/// key has none: pointers are looked up for every diagnostic and every record's id).
fn unescape(token: &str) -> std::borrow::Cow<'_, str> {
    if token.contains('~') {
        std::borrow::Cow::Owned(token.replace("~1", "/").replace("~0", "~"))
    } else {
        std::borrow::Cow::Borrowed(token)
    }
}

/// Escapes one token of a JSON Pointer.
pub fn pointer_token(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(entries: Vec<(&str, Node)>) -> Node {
        Node {
            value: NodeValue::Map(
                entries
                    .into_iter()
                    .map(|(key, value)| Entry {
                        key: key.into(),
                        key_span: Span::default(),
                        value,
                    })
                    .collect(),
            ),
            span: Span::default(),
        }
    }

    fn text(s: &str, line: u32) -> Node {
        Node {
            value: NodeValue::Str(s.into()),
            span: Span {
                line,
                ..Span::default()
            },
        }
    }

    #[test]
    fn pointers_find_keys_with_and_without_escapes() {
        let root = map(vec![
            ("a/b", text("slash", 1)),
            ("c~d", text("tilde", 2)),
            ("plain", map(vec![("inner", text("deep", 3))])),
        ]);
        assert_eq!(root.pointer("/a~1b").and_then(Node::as_str), Some("slash"));
        assert_eq!(root.pointer("/c~0d").and_then(Node::as_str), Some("tilde"));
        assert_eq!(
            root.pointer("/plain/inner").and_then(Node::as_str),
            Some("deep")
        );
        assert!(root.pointer("/a/b").is_none());
        assert!(root.pointer("/missing").is_none());
        assert_eq!(pointer_token("a/b~"), "a~1b~0");
        assert_eq!(
            root.pointer(&format!("/{}", pointer_token("c~d")))
                .map(|n| n.span.line),
            Some(2)
        );
    }
}
