//! YAML 1.2 core schema resolution of plain scalars.

use crate::tree::{NodeValue, Span};

/// YAML 1.2 core schema resolution of a plain scalar; `None` means it is a string.
pub(super) fn resolve_plain(text: &str) -> Option<NodeValue> {
    // Every null, boolean and number starts with one of these: most plain scalars in data
    // (ids, names, dates) are strings, told apart by their first byte.
    match text.as_bytes().first() {
        None => return Some(NodeValue::Null),
        Some(b) if !b.is_ascii_digit() && !b"-+.~nNtTfF".contains(b) => return None,
        Some(_) => {}
    }
    resolve_by_pattern(text)
}

/// The core schema's patterns, in order.
fn resolve_by_pattern(text: &str) -> Option<NodeValue> {
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Some(NodeValue::Null),
        "true" | "True" | "TRUE" => return Some(NodeValue::Bool(true)),
        "false" | "False" | "FALSE" => return Some(NodeValue::Bool(false)),
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" => {
            return Some(NodeValue::Float(f64::INFINITY));
        }
        "-.inf" | "-.Inf" | "-.INF" => return Some(NodeValue::Float(f64::NEG_INFINITY)),
        ".nan" | ".NaN" | ".NAN" => return Some(NodeValue::Float(f64::NAN)),
        _ => {}
    }
    let bytes = text.as_bytes();
    let unsigned = text.strip_prefix(['-', '+']).unwrap_or(text);
    if !unsigned.is_empty() && unsigned.bytes().all(|b| b.is_ascii_digit()) {
        return Some(match text.parse::<i64>() {
            Ok(i) => NodeValue::Int(i),
            Err(_) => NodeValue::Float(text.parse().ok()?),
        });
    }
    if let Some(oct) = text.strip_prefix("0o")
        && !oct.is_empty()
        && oct.bytes().all(|b| (b'0'..=b'7').contains(&b))
    {
        return i64::from_str_radix(oct, 8).ok().map(NodeValue::Int);
    }
    if let Some(hex) = text.strip_prefix("0x")
        && !hex.is_empty()
        && hex.bytes().all(|b| b.is_ascii_hexdigit())
    {
        return i64::from_str_radix(hex, 16).ok().map(NodeValue::Int);
    }
    if is_core_float(bytes) {
        return text.parse().ok().map(NodeValue::Float);
    }
    None
}

/// `[-+]? ( \. [0-9]+ | [0-9]+ ( \. [0-9]* )? ) ( [eE] [-+]? [0-9]+ )?`
fn is_core_float(b: &[u8]) -> bool {
    let mut i = 0;
    if matches!(b.first(), Some(b'-' | b'+')) {
        i += 1;
    }
    let int_start = i;
    while i < b.len() && b[i].is_ascii_digit() {
        i += 1;
    }
    let int_digits = i - int_start;
    let mut frac_digits = 0;
    if i < b.len() && b[i] == b'.' {
        i += 1;
        let s = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        frac_digits = i - s;
    }
    if int_digits == 0 && frac_digits == 0 {
        return false;
    }
    if i < b.len() && (b[i] == b'e' || b[i] == b'E') {
        i += 1;
        if i < b.len() && (b[i] == b'-' || b[i] == b'+') {
            i += 1;
        }
        let s = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        if i == s {
            return false;
        }
    }
    i == b.len()
}

/// A quoted scalar's span ends at its closing quote: the parser's runs on over the spaces and
/// comment after it (`date: "2019-02-30"   # why` would underline the comment too).
pub(super) fn quoted_end(text: &str, mut span: Span) -> Span {
    let (start, end) = (span.start as usize, span.end as usize);
    let Some(token) = text.get(start..end) else {
        return span;
    };
    let mut chars = token.char_indices();
    let Some((_, quote @ ('"' | '\''))) = chars.next() else {
        return span;
    };
    while let Some((at, c)) = chars.next() {
        if quote == '"' && c == '\\' {
            chars.next();
        } else if c == quote {
            // In single quotes, `''` is one quote.
            if quote == '\'' && token[at + 1..].starts_with('\'') {
                chars.next();
                continue;
            }
            span.end = u32::try_from(start + at + 1).unwrap_or(span.end);
            return span;
        }
    }
    span
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The first-byte shortcut never turns a null, boolean or number into a string.
    fn same(text: &str) {
        let fast = resolve_plain(text);
        let slow = resolve_by_pattern(text);
        let nan = |v: &Option<NodeValue>| matches!(v, Some(NodeValue::Float(f)) if f.is_nan());
        assert!(
            fast == slow || (nan(&fast) && nan(&slow)),
            "{text:?}: {fast:?} against {slow:?}"
        );
    }

    #[test]
    fn the_shortcut_keeps_every_core_schema_value() {
        for text in [
            "",
            "~",
            "null",
            "Null",
            "NULL",
            "true",
            "True",
            "TRUE",
            "false",
            "False",
            "FALSE",
            ".inf",
            ".Inf",
            "+.inf",
            "-.INF",
            ".nan",
            ".NaN",
            "0",
            "-1",
            "+12",
            "0o17",
            "0x1F",
            "1.5",
            ".5",
            "-.5e3",
            "1e10",
            "2019-02-01",
            "usa",
            "Yes",
            "no",
            "x1",
            " 1",
            "_1",
        ] {
            same(text);
        }
        assert_eq!(resolve_plain("0x1F"), Some(NodeValue::Int(31)));
        assert_eq!(resolve_plain("claim-0"), None);
    }

    proptest! {
        #[test]
        fn the_shortcut_agrees_with_the_patterns(text in "[-+.~0-9a-zA-Z_ eE]{0,8}") {
            same(&text);
        }
    }
}
