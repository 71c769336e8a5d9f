//! The rule, its documentation, and the text matching it alone uses (normalising, pieces
//! between ellipses, the closest passage and what differs from it); the tests of that
//! matching are in `quote_not_in_source_tests.rs`.

use std::collections::HashMap;

use treatywatch_loader::{Diagnostic, Severity};

use super::Rule;
use crate::context::Context;
use treatywatch_model::RuleName;

pub(super) const RULE: Rule = Rule {
    name: RuleName::QuoteNotInSource,
    severity: Severity::Error,
    summary: "a claim's quote that is not, word for word, in the archived text of its sources",
    docs: r#"## What it checks
That every `quote` of a claim occurs in the archived text (`data/texts/<source-id>.txt`) of at
least one of the claim's `sources` that has one. Before comparing, white space is folded and
typographic variants are made plain: curly and straight quote marks, apostrophes, and dashes
(`–`, `—`, `-`) count as the same. Nothing else is forgiven: a changed word, a changed ending
or a missing word fails. An ellipsis (`...` or `…`) in the quote stands for omitted words and a
bracketed insertion (`[the United States]`) for added ones: the pieces around them must then
occur in order, within one paragraph of the text. A claim none of whose sources has an
archived text is not checked.

## Why it matters
A quote is the strongest thing the record says about a person: these were their words. A
paraphrase in quotation marks, a word misremembered, or the author's words put in a
minister's mouth would misrepresent the speaker and mislead every reader of the briefing.

## Example
```yaml
# data/texts/lendman-2019-02-03.txt says: "testing combat unmanned aerial vehicles that have
# the same characteristics as land-based cruise missiles banned by the treaty"
- id: lavrov-2019-02-02-inf-uav-since-1999
  quote: "testing combat drones that have the same characteristics as land-based cruise missiles"
  sources:
    - source: lendman-2019-02-03
```

## Fix
Copy the words exactly from the source, marking omissions with `...` and your own insertions
with `[...]`. If the source only paraphrases the speaker, leave `quote` out and say it in
`summary`; if the words are the author's, make the author the claimant. The diagnostic shows
the closest passage of the text.
"#,
    check,
    check_files: None,
    check_facts: None,
};

/// A text made comparable: typographic variants plain, white space folded to one space.
pub(crate) fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        let c = match c {
            '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{201f}' | '\u{2033}' | '\u{00ab}'
            | '\u{00bb}' => '"',
            '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{201b}' | '\u{2032}' | '`' => '\'',
            '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
            '\u{00a0}' => ' ',
            c => c,
        };
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        out.push(c);
    }
    out
}

/// The pieces a quote claims in order: split at ellipses and bracketed insertions.
fn pieces(quote: &str) -> Vec<String> {
    let mut pieces = Vec::new();
    let mut current = String::new();
    let mut depth = 0usize;
    let chars: Vec<char> = quote.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let ellipsis =
            c == '\u{2026}' || (c == '.' && chars.get(i + 1..i + 3) == Some(&['.', '.']));
        if c == '[' {
            depth += 1;
        } else if c == ']' && depth > 0 {
            depth -= 1;
        } else if depth == 0 && ellipsis {
            i += if c == '.' { 2 } else { 0 };
            pieces.push(std::mem::take(&mut current));
        } else if depth == 0 {
            current.push(c);
        }
        if c == '[' && depth == 1 {
            pieces.push(std::mem::take(&mut current));
        }
        i += 1;
    }
    pieces.push(current);
    pieces
        .into_iter()
        .map(|p| normalise(&p))
        .filter(|p| p.chars().any(char::is_alphanumeric))
        .collect()
}

/// A text's paragraphs (separated by blank lines), each normalised.
pub(crate) fn paragraphs(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    for line in text.lines() {
        if line.trim().is_empty() {
            if !current.trim().is_empty() {
                out.push(normalise(&current));
            }
            current.clear();
        } else {
            current.push_str(line);
            current.push('\n');
        }
    }
    if !current.trim().is_empty() {
        out.push(normalise(&current));
    }
    out
}

/// Whether `quote` occurs in a text of these paragraphs: whole, or (with ellipses and
/// insertions) piece after piece within one paragraph.
pub(crate) fn occurs(quote: &str, paragraphs: &[String]) -> bool {
    let whole = normalise(quote);
    if paragraphs.iter().any(|p| p.contains(&whole)) {
        return true;
    }
    let pieces = pieces(quote);
    if pieces.is_empty() {
        return false;
    }
    paragraphs.iter().any(|p| {
        let mut from = 0;
        pieces
            .iter()
            .all(|piece| match p[from..].find(piece.as_str()) {
                Some(at) => {
                    from += at + piece.len();
                    true
                }
                None => false,
            })
    })
}

/// The passage of the text most like the quote: of the windows of as many words, the ones
/// sharing most words, then the closest by edit distance.
pub(super) fn closest_passage(quote: &str, paragraphs: &[String]) -> Option<String> {
    let quote = normalise(quote);
    let words: Vec<&str> = quote.split(' ').collect();
    let n = words.len().max(1);
    let mut candidates: Vec<(usize, String)> = Vec::new();
    for p in paragraphs {
        let text_words: Vec<&str> = p.split(' ').collect();
        for start in 0..text_words.len().saturating_sub(n - 1).max(1) {
            let window = &text_words[start..(start + n).min(text_words.len())];
            let shared = window.iter().filter(|w| words.contains(w)).count();
            candidates.push((shared, window.join(" ")));
        }
    }
    candidates.sort_by_key(|c| std::cmp::Reverse(c.0));
    candidates.truncate(20);
    candidates
        .into_iter()
        .map(|(_, w)| (strsim::normalized_levenshtein(&quote, &w), w))
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, w)| w)
}

/// What differs between a quote and a passage that look alike, when it is a few characters:
/// shown one by one with their code points, since a quotation mark or a space that differs
/// is invisible in the passage itself. Both are normalised (typographic quotes and dashes in
/// their plain forms).
pub(super) fn difference(quote: &str, passage: &str) -> Option<String> {
    let (q, p): (Vec<char>, Vec<char>) = (quote.chars().collect(), passage.chars().collect());
    let prefix = q.iter().zip(&p).take_while(|(a, b)| a == b).count();
    let suffix = q[prefix..]
        .iter()
        .rev()
        .zip(p[prefix..].iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let (q_mid, p_mid) = (&q[prefix..q.len() - suffix], &p[prefix..p.len() - suffix]);
    if q_mid.is_empty() && p_mid.is_empty() || q_mid.len() + p_mid.len() > 12 {
        return None;
    }
    let visible = |chars: &[char]| -> String {
        chars
            .iter()
            .map(|c| {
                if c.is_alphanumeric() {
                    format!("`{c}`")
                } else {
                    format!("`{c}` (U+{:04X})", u32::from(*c))
                }
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    let at = q[..prefix].iter().filter(|c| **c == ' ').count() + 1;
    let what = match (q_mid.is_empty(), p_mid.is_empty()) {
        (true, _) => format!("the quote lacks {} that the text has", visible(p_mid)),
        (_, true) => format!("the quote has {} that the text does not", visible(q_mid)),
        _ => format!(
            "the quote has {} where the text has {}",
            visible(q_mid),
            visible(p_mid)
        ),
    };
    Some(format!(
        "they differ only at word {at}: {what} (typographic quotes and dashes count as plain ones)"
    ))
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let mut texts: HashMap<&str, Option<Vec<String>>> = HashMap::new();
    for (index, c) in ctx.claims() {
        let Some(quote) = &c.quote else { continue };
        let mut checked: Vec<&str> = Vec::new();
        let mut found = false;
        for citation in &c.sources {
            let id = citation.source.as_str();
            // Most sources have no archived text: nothing to remember of them.
            if ctx.archived_text(id).is_none() {
                continue;
            }
            let archived = texts
                .entry(id)
                .or_insert_with(|| ctx.archived_text(id).map(|(_, text)| paragraphs(text)));
            if let Some(paragraphs) = archived {
                checked.push(id);
                if occurs(quote, paragraphs) {
                    found = true;
                    break;
                }
            }
        }
        if found || checked.is_empty() {
            continue;
        }
        let closest = checked
            .iter()
            .filter_map(|id| texts.get(id).and_then(Option::as_ref))
            .filter_map(|p| closest_passage(quote, p))
            .max_by(|a, b| {
                let q = normalise(quote);
                strsim::normalized_levenshtein(&q, a)
                    .total_cmp(&strsim::normalized_levenshtein(&q, b))
            });
        let names: Vec<String> = checked.iter().map(|id| format!("`{id}`")).collect();
        let mut d = ctx.report(
            &RULE,
            index,
            "/quote",
            format!(
                "the quote is not in the archived text of {}",
                names.join(" or ")
            ),
        );
        d = d.with_help(match closest {
            Some(passage) => {
                let shown: String = passage.chars().take(300).collect();
                match difference(&normalise(quote), &passage) {
                    Some(differs) => format!("the closest passage is “{shown}”; {differs}"),
                    None => format!("the closest passage is “{shown}”; copy the words exactly, mark omissions with ... and insertions with [...]"),
                }
            }
            None => "copy the words exactly, mark omissions with ... and insertions with [...]"
                .to_string(),
        });
        out.push(d);
    }
}

#[cfg(test)]
#[path = "quote_not_in_source_tests.rs"]
mod tests;
