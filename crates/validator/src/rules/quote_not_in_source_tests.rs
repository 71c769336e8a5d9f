//! The tests of `quote_not_in_source.rs`'s text matching.

use super::*;

fn text() -> Vec<String> {
    paragraphs(
        "According to Lavrov, the US has been violating the treaty at least since 1999 – by \u{201c}testing combat\n\
         unmanned aerial vehicles that have the same characteristics as land-based cruise missiles banned by the treaty,\u{201d} adding:\n\
         \n\
         Since then the US has been \u{201c}us(ing) ballistic target missiles\u{201d} in tests.\n",
    )
}

#[test]
fn a_verbatim_quote_occurs_across_line_breaks_and_typography() {
    let t = text();
    assert!(occurs("testing combat unmanned aerial vehicles", &t));
    assert!(occurs(
        "the US has been violating the treaty at least since 1999 - by \"testing combat",
        &t
    ));
    assert!(occurs("us(ing) ballistic target missiles", &t));
}

#[test]
fn one_changed_word_is_not_a_quote() {
    let t = text();
    assert!(!occurs(
        "testing combat unmanned aerial vehicles that have similar characteristics",
        &t
    ));
    assert!(!occurs("testing combat drones", &t));
    assert!(!occurs("Testing combat unmanned", &t), "case counts");
}

#[test]
fn ellipses_and_insertions_stand_for_words_within_one_paragraph() {
    let t = text();
    assert!(occurs(
        "testing combat ... vehicles that have the same characteristics",
        &t
    ));
    assert!(occurs(
        "testing combat\u{2026} cruise missiles banned by the treaty",
        &t
    ));
    assert!(occurs(
        "[the United States has been] testing combat unmanned aerial vehicles",
        &t
    ));
    // In order only, and not across paragraphs.
    assert!(!occurs("cruise missiles ... testing combat", &t));
    assert!(!occurs(
        "banned by the treaty ... ballistic target missiles",
        &t
    ));
    // An ellipsis is no wildcard for a changed word.
    assert!(!occurs("testing combat ... drones that have", &t));
}

#[test]
fn a_quote_splits_at_ellipses_and_insertions_only() {
    assert_eq!(pieces("the U.S. said ... so"), ["the U.S. said", "so"]);
    assert_eq!(pieces("a\u{2026}b"), ["a", "b"]);
    assert_eq!(pieces("a [x] b"), ["a", "b"]);
    assert_eq!(
        pieces("a[]b"),
        ["a", "b"],
        "an empty insertion still splits"
    );
    assert_eq!(pieces("a [x [y] z] b"), ["a", "b"]);
    assert_eq!(
        pieces("a ] b ... c"),
        ["a ] b", "c"],
        "a stray bracket is text"
    );
    assert_eq!(pieces("2.5 tonnes ... x"), ["2.5 tonnes", "x"]);
    assert!(pieces("[...]").is_empty());
}

#[test]
fn each_piece_is_found_after_the_one_before() {
    let t = text();
    assert!(
        !occurs("cruise missiles ... cruise missiles", &t),
        "said once"
    );
    assert!(occurs("unmanned ... cruise missiles", &t));
}

#[test]
fn the_closest_passage_may_end_a_paragraph() {
    let t = paragraphs("alpha beta gamma delta\n");
    assert_eq!(
        closest_passage("gamma delts", &t).as_deref(),
        Some("gamma delta")
    );
    assert_eq!(
        closest_passage("alpha bets", &t).as_deref(),
        Some("alpha beta")
    );
}

#[test]
fn the_closest_passage_is_the_quoted_one() {
    let t = text();
    let passage = closest_passage(
        "testing combat drones that have the same characteristics",
        &t,
    )
    .unwrap();
    // The words the quote changed are shown as the text has them.
    assert!(
        passage.contains("unmanned aerial vehicles that have the same"),
        "{passage}"
    );
}

#[test]
fn normalising_folds_typography_and_space_only() {
    assert_eq!(
        normalise("  a\u{2019}b \u{2014} \u{201c}c\u{201d}\n d "),
        "a'b - \"c\" d"
    );
    assert_eq!(normalise("A b"), "A b");
}

#[test]
fn a_few_differing_characters_are_named() {
    assert_eq!(
        difference("\"testing combat\"", "\"testing combat"),
        Some("they differ only at word 2: the quote has `\"` (U+0022) that the text does not (typographic quotes and dashes count as plain ones)".into())
    );
    assert_eq!(
        difference("since 1999", "since  1999").as_deref(),
        Some(
            "they differ only at word 2: the quote lacks ` ` (U+0020) that the text has (typographic quotes and dashes count as plain ones)"
        )
    );
    assert_eq!(
        difference("the US has", "the UK has").as_deref(),
        Some(
            "they differ only at word 2: the quote has `S` where the text has `K` (typographic quotes and dashes count as plain ones)"
        )
    );
    assert_eq!(difference("same", "same"), None);
    assert_eq!(
        difference(
            "a completely different sentence",
            "nothing alike here at all"
        ),
        None
    );
}
