//! The search index: one JSON file written with the site, loaded by the page's script the
//! first time someone searches. Small enough to scan whole (a few hundred records): each
//! entry is a kind, a title, a page and the words it is found by; the script folds case and
//! accents on both sides and keeps the entries that have every word of the query.

use serde::Serialize;

use crate::report::Report;
use crate::site::views::ClaimPage;

/// The index's file, at the site's root.
pub const INDEX: &str = "search-index.json";

/// One thing to find.
#[derive(Debug, Clone, Serialize)]
struct Doc {
    /// `treaty`, `actor`, `claim` or `source`.
    k: &'static str,
    /// What the result shows.
    t: String,
    /// Its page, from the site's root.
    u: String,
    /// A line under it.
    d: String,
    /// Words it is found by, besides its title.
    w: String,
}

/// The index of every treaty, actor, claim and source of the report.
pub fn index(report: &Report, claims: &[ClaimPage<'_>]) -> String {
    let mut docs = Vec::new();
    for t in &report.treaties {
        docs.push(Doc {
            k: "treaty",
            t: t.short_name.clone(),
            u: format!("treaties/{}.html", t.id),
            d: format!("{} · {}", t.name, t.status_label),
            w: t.id.clone(),
        });
    }
    for a in &report.actors {
        let mut words = a.aliases.clone();
        words.extend(a.iso3166.clone());
        words.push(a.id.clone());
        docs.push(Doc {
            k: "actor",
            t: a.name.clone(),
            u: format!("actors/{}.html", a.id),
            d: a.kind.clone(),
            w: words.join(" "),
        });
    }
    for c in claims {
        let v = c.claim;
        let mut words = vec![v.summary.clone(), v.claimant.clone(), v.id.clone()];
        words.extend(v.quote.clone());
        words.extend(v.treaty_name.clone());
        words.extend(v.on_behalf_of.clone());
        words.extend(v.accused.clone());
        docs.push(Doc {
            k: "claim",
            t: c.title.to_string(),
            u: format!("claims/{}.html", v.id),
            d: format!(
                "{}, {}{}",
                v.claimant,
                v.date,
                v.verdict
                    .as_deref()
                    .map_or_else(String::new, |x| format!(" · {x}"))
            ),
            w: words.join(" "),
        });
    }
    for s in &report.sources {
        docs.push(Doc {
            k: "source",
            t: s.title.clone(),
            u: format!("sources/{}.html", s.id),
            d: format!("{}, {}", s.publisher, s.published),
            w: format!("{} {}", s.id, s.authors.join(" ")),
        });
    }
    let mut text = serde_json::to_string(&docs).unwrap_or_else(|_| "[]".into());
    text.push('\n');
    text
}
