//! Where a quote is in an archived text: the paragraph that holds it, found as the
//! `quote-not-in-source` rule finds it (typographic variants and white space folded; with
//! ellipses and insertions, piece after piece), so the site marks exactly the passages the
//! rule accepted.

use crate::rules::quote_not_in_source::{normalise, occurs, paragraphs};

/// A text's paragraphs as written (separated by blank lines), in the rule's order.
pub fn paragraphs_of(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    for line in text.lines() {
        if line.trim().is_empty() {
            if !current.trim().is_empty() {
                out.push(current.trim_end().to_string());
            }
            current.clear();
        } else {
            current.push_str(line);
            current.push('\n');
        }
    }
    if !current.trim().is_empty() {
        out.push(current.trim_end().to_string());
    }
    out
}

/// The index (in [`paragraphs_of`]) of the first paragraph that holds `quote`.
pub fn quoted_paragraph(text: &str, quote: &str) -> Option<usize> {
    let folded = paragraphs(text);
    folded
        .iter()
        .position(|p| occurs(quote, std::slice::from_ref(p)))
        .filter(|_| !normalise(quote).is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_paragraph_holding_a_quote_is_found_as_the_rule_finds_it() {
        let text = "First paragraph,\ntwo lines.\n\n  \nThe US \u{201c}violated\u{201d} the treaty\nsince 1999.\n\nLast.";
        assert_eq!(
            paragraphs_of(text),
            [
                "First paragraph,\ntwo lines.",
                "The US \u{201c}violated\u{201d} the treaty\nsince 1999.",
                "Last."
            ]
        );
        assert_eq!(quoted_paragraph(text, "the treaty since 1999"), Some(1));
        assert_eq!(
            quoted_paragraph(text, "The US \"violated\" the treaty"),
            Some(1)
        );
        assert_eq!(quoted_paragraph(text, "The US … since 1999"), Some(1));
        assert_eq!(quoted_paragraph(text, "Last."), Some(2));
        assert_eq!(quoted_paragraph(text, "two lines. The US"), None);
        assert_eq!(quoted_paragraph(text, "absent"), None);
    }
}
