//! State names to actor ids: a table's spelling ("Côte d'Ivoire", "TURKIYE", "Korea,
//! Democratic People's Republic of") matched against every state's name, aliases and ISO code,
//! with case, diacritics and punctuation folded away.

use std::collections::BTreeMap;

use treatywatch_model::{Actor, ActorKind};
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// A name folded for matching: letters without diacritics, lower case, every run of other
/// characters (spaces, punctuation) as one space. "Côte d'Ivoire" → "cote d ivoire".
pub(crate) fn fold(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut gap = false;
    for c in name.nfkd().filter(|c| !is_combining_mark(*c)) {
        if c.is_alphanumeric() {
            if gap && !out.is_empty() {
                out.push(' ');
            }
            gap = false;
            out.extend(c.to_lowercase());
        } else {
            gap = true;
        }
    }
    out
}

/// Every state's folded names, to its id.
pub(crate) struct Names {
    by_name: BTreeMap<String, Vec<String>>,
}

impl Names {
    pub(crate) fn new<'a>(actors: impl Iterator<Item = &'a Actor>) -> Names {
        let mut by_name: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for a in actors.filter(|a| a.kind == ActorKind::State) {
            let mut names: Vec<&str> = vec![a.name.as_str(), a.id.as_str()];
            names.extend(a.aliases.iter().map(String::as_str));
            names.extend(a.iso3166.as_deref());
            for n in names {
                let ids = by_name.entry(fold(n)).or_default();
                if !ids.iter().any(|i| i == a.id.as_str()) {
                    ids.push(a.id.0.to_string());
                }
            }
        }
        Names { by_name }
    }

    /// The actors a name may be: none, one, or several (an ambiguous name).
    pub(crate) fn find(&self, name: &str) -> &[String] {
        self.by_name.get(&fold(name)).map_or(&[], Vec::as_slice)
    }

    /// Up to three known names closest to `name`, best first, for an unknown one.
    pub(crate) fn suggest(&self, name: &str) -> Vec<String> {
        let folded = fold(name);
        let mut scored: Vec<(f64, &String)> = self
            .by_name
            .keys()
            .map(|k| (strsim::jaro_winkler(&folded, k), k))
            .filter(|(score, _)| *score >= 0.8)
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
        let mut out: Vec<String> = Vec::new();
        for (_, k) in scored {
            for id in &self.by_name[k] {
                if !out.contains(id) {
                    out.push(id.clone());
                }
            }
            if out.len() >= 3 {
                break;
            }
        }
        out.truncate(3);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_drops_case_diacritics_and_punctuation() {
        assert_eq!(fold("Côte d'Ivoire"), "cote d ivoire");
        assert_eq!(fold("  COTE D’IVOIRE "), "cote d ivoire");
        assert_eq!(fold("Türkiye"), "turkiye");
        assert_eq!(
            fold("Korea, Democratic People's Republic of"),
            "korea democratic people s republic of"
        );
    }

    /// Suggestions are the close names only, best first, at most three; a name like none has
    /// none.
    #[test]
    fn suggestions_are_the_close_names() {
        let actor = |id: &str, name: &str| -> Actor {
            serde_json::from_value(serde_json::json!({"id": id, "name": name, "kind": "state"}))
                .unwrap()
        };
        let actors = [
            actor("usa", "United States"),
            actor("gbr", "United Kingdom"),
            actor("aut", "Austria"),
        ];
        let names = Names::new(actors.iter());
        assert_eq!(names.suggest("Untied States"), ["usa"]);
        assert_eq!(names.suggest("United"), ["usa", "gbr"]);
        assert_eq!(names.suggest("Austra"), ["aut"]);
        assert!(names.suggest("Qwxz").is_empty());
        assert_eq!(names.find("UNITED STATES"), ["usa"]);
    }
}
