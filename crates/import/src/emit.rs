//! Records as YAML text in the canonical layout (`treatywatch fmt`'s key order), for the
//! lines the import inserts or rewrites: acts, deposits, parties and new state actors; a long
//! note folded at spaces when folding gives it back exactly.

use treatywatch_model::{Action, Actor, Deposit, Party};

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

/// The longest line a folded text is wrapped to.
const WIDTH: usize = 96;

/// `key: value` for a text that may be long: a folded block (`>-`, wrapped at spaces) when
/// folding gives the text back exactly, else a one-line scalar. `indent` is the key's column.
fn text_field(indent: usize, key: &str, value: &str) -> String {
    let pad = " ".repeat(indent);
    let foldable = !value.is_empty()
        && value.chars().all(|c| c != '\n' && c != '\r' && c != '\t')
        && !value.contains("  ")
        && value.trim() == value;
    if !foldable || indent + key.len() + 2 + value.len() <= WIDTH {
        return format!("{pad}{key}: {}\n", scalar(value));
    }
    let inner = " ".repeat(indent + 2);
    let mut out = format!("{pad}{key}: >-\n");
    let mut line = String::new();
    for word in value.split(' ') {
        if !line.is_empty() && inner.len() + line.len() + 1 + word.len() > WIDTH {
            out.push_str(&format!("{inner}{line}\n"));
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    out.push_str(&format!("{inner}{line}\n"));
    out
}

pub(crate) fn deposits_lines(indent: usize, deposits: &[Deposit]) -> String {
    let pad = " ".repeat(indent);
    deposits
        .iter()
        .map(|d| match &d.depositary {
            Some(depositary) => format!(
                "{pad}- depositary: {}\n{pad}  date: {}\n",
                scalar(depositary),
                d.date
            ),
            None => format!("{pad}- date: {}\n", d.date),
        })
        .collect()
}

/// An act as a block list item whose `-` is at column `indent` (0-based), keys in the
/// model's order.
pub(crate) fn act_lines(indent: usize, a: &Action) -> String {
    let pad = " ".repeat(indent);
    let mut out = format!(
        "{pad}- action: {}\n{pad}  date: {}\n",
        a.action.as_str(),
        a.date
    );
    if let Some(from) = &a.from {
        out.push_str(&format!("{pad}  from: {from}\n"));
    }
    if let Some(source) = &a.source {
        out.push_str(&format!("{pad}  source: {source}\n"));
    }
    if let Some(note) = &a.note {
        out.push_str(&text_field(indent + 2, "note", note));
    }
    if !a.deposits.is_empty() {
        out.push_str(&format!("{pad}  deposits:\n"));
        out.push_str(&deposits_lines(indent + 4, &a.deposits));
    }
    out
}

pub(crate) fn party_lines(indent: usize, p: &Party) -> String {
    let pad = " ".repeat(indent);
    let mut out = format!("{pad}- actor: {}\n", p.actor);
    if p.actions.is_empty() {
        out.push_str(&format!("{pad}  actions: []\n"));
    } else {
        out.push_str(&format!("{pad}  actions:\n"));
        for a in &p.actions {
            out.push_str(&act_lines(indent + 4, a));
        }
    }
    if let Some(note) = &p.note {
        out.push_str(&text_field(indent + 2, "note", note));
    }
    out
}

/// A state actor as a block list item at column 0, keys in the model's order.
pub(crate) fn actor_item(a: &Actor) -> String {
    let mut out = format!(
        "- id: {}\n  name: {}\n  kind: {}\n",
        a.id,
        scalar(&a.name),
        a.kind.as_str()
    );
    if !a.aliases.is_empty() {
        let aliases: Vec<String> = a.aliases.iter().map(|x| scalar(x)).collect();
        out.push_str(&format!("  aliases: [{}]\n", aliases.join(", ")));
    }
    if let Some(code) = &a.iso3166 {
        out.push_str(&format!("  iso3166: {code}\n"));
    }
    if !a.sources.is_empty() {
        out.push_str("  sources:\n");
        for c in &a.sources {
            out.push_str(&format!("    - source: {}\n", c.source));
            if let Some(locator) = &c.locator {
                out.push_str(&format!("      locator: {}\n", scalar(locator)));
            }
        }
    }
    if let Some(note) = &a.note {
        out.push_str(&text_field(2, "note", note));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_note_is_folded_at_spaces_and_a_short_one_stays_on_its_line() {
        let long = "word ".repeat(40);
        let long = long.trim_end();
        let folded = text_field(8, "note", long);
        assert!(
            folded.starts_with("        note: >-\n          word"),
            "{folded}"
        );
        assert!(folded.lines().all(|l| l.len() <= WIDTH), "{folded}");
        let rejoined: Vec<&str> = folded.lines().skip(1).map(str::trim).collect();
        assert_eq!(rejoined.join(" "), long);
        assert_eq!(text_field(2, "note", "short"), "  note: short\n");
        // Double spaces or a line break cannot survive folding: quoted on one line.
        let spaced = format!("{long}  and more");
        let one_line = text_field(2, "note", &spaced);
        assert_eq!(one_line.lines().count(), 1, "{one_line}");
    }

    /// The folding boundaries: a text that just fits stays on its line, one character more
    /// is folded; a folded line is filled up to the width exactly (never over it).
    #[test]
    fn folding_starts_past_the_width_and_fills_lines_up_to_it() {
        // 4 + "note".len() + 2 + 86 == WIDTH: one line; a character more is folded (a word
        // that long stays whole on its own line).
        let fits = "x".repeat(86);
        assert_eq!(fits.len() + 4 + 4 + 2, WIDTH);
        assert_eq!(text_field(4, "note", &fits), format!("    note: {fits}\n"));
        let over = "x".repeat(87);
        assert_eq!(
            text_field(4, "note", &over),
            format!("    note: >-\n      {over}\n")
        );
        // One-letter words under an indent of 9 (the key at 7): 44 words make a line of
        // exactly 96 characters.
        let letters = "a ".repeat(100);
        let folded = text_field(7, "note", letters.trim_end());
        let first = folded.lines().nth(1).unwrap();
        assert_eq!(first.len(), WIDTH, "{folded}");
        assert!(folded.lines().all(|l| l.len() <= WIDTH), "{folded}");
    }

    /// The space before a word counts: under an even indent, one-letter words reach the width
    /// exactly only without it, so a line that would need it is ended one word earlier.
    #[test]
    fn the_space_before_a_word_counts_toward_the_width() {
        let letters = "a ".repeat(100);
        let folded = text_field(6, "note", letters.trim_end());
        assert!(folded.lines().all(|l| l.len() <= WIDTH), "{folded}");
        // 8 columns of indent and 44 letters with their 43 spaces: 95; a 45th would be 97.
        assert_eq!(folded.lines().nth(1).unwrap().len(), 95, "{folded}");
    }

    /// A text folding would change stays one line, whatever makes it so.
    #[test]
    fn texts_that_folding_would_change_stay_on_one_line() {
        let long = "word ".repeat(40);
        let long = long.trim_end();
        for text in [
            format!("{long}\tend"),
            format!(" {long}"),
            format!("{long} "),
            format!("{long}\nend"),
            format!("{long}  end"),
        ] {
            let out = text_field(2, "note", &text);
            assert_eq!(out.lines().count(), 1, "{text:?}: {out}");
        }
    }

    /// A party's note sits under the party, beside its actions.
    #[test]
    fn a_partys_note_is_indented_under_it() {
        let party: Party = serde_json::from_value(serde_json::json!({
            "actor": "usa",
            "note": "a note",
        }))
        .unwrap();
        assert_eq!(
            party_lines(4, &party),
            "    - actor: usa\n      actions: []\n      note: a note\n"
        );
    }
}
