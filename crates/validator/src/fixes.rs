//! The fixes a diagnostic carries: what `validate --fix` applies, SARIF's `fixes` and the
//! language server's code actions offer. Only the unambiguous one is a fix: the id a "did
//! you mean" hint names (one close id, or the id of the name typed). A placeholder or a
//! renamed file is never applied by itself.

use treatywatch_loader::Diagnostic;
use treatywatch_model::RuleName;

/// The id a "did you mean" hint names.
pub fn suggested_id(help: &str) -> Option<&str> {
    let rest = help.strip_prefix("did you mean `")?;
    let end = rest.find('`')?;
    Some(&rest[..end])
}

/// What replaces the diagnostic's span, when the diagnostic has an unambiguous fix.
pub fn replacement(d: &Diagnostic) -> Option<&str> {
    matches!(
        d.rule,
        RuleName::UnknownReference | RuleName::WrongReferenceKind
    )
    .then_some(d.help.as_deref()?)
    .and_then(suggested_id)
}

/// `text` with each `(start, end, replacement)` applied (byte ranges into `text`); ranges that
/// overlap one applied before are left out. Returns the new text and how many were applied.
pub fn apply(text: &str, mut edits: Vec<(usize, usize, String)>) -> (String, usize) {
    edits.sort_by_key(|e| std::cmp::Reverse(e.0));
    let mut out = text.to_string();
    let mut applied = 0;
    let mut limit = usize::MAX;
    for (start, end, with) in edits {
        if end > limit
            || start > end
            || end > out.len()
            || !out.is_char_boundary(start)
            || !out.is_char_boundary(end)
        {
            continue;
        }
        out.replace_range(start..end, &with);
        limit = start;
        applied += 1;
    }
    (out, applied)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hint_names_one_id_and_edits_apply_from_the_end() {
        assert_eq!(suggested_id("did you mean `rus`?"), Some("rus"));
        assert_eq!(
            suggested_id(
                "did you mean `usa`? (`United States` is its name; a reference names the id)"
            ),
            Some("usa")
        );
        assert_eq!(suggested_id("rename the file to `x.yaml`"), None);
        let (text, n) = apply(
            "a: rsu\nb: uas\n",
            vec![(3, 6, "rus".into()), (10, 13, "usa".into())],
        );
        assert_eq!((text.as_str(), n), ("a: rus\nb: usa\n", 2));
        // Overlapping edits: the later one only.
        let (text, n) = apply("abcdef", vec![(0, 4, "X".into()), (2, 6, "Y".into())]);
        assert_eq!((text.as_str(), n), ("abY", 1));
    }
}
