//! The editorial verdicts as schema.org `ClaimReview`, as fact-checkers' tools read them
//! (Google's Fact Check Explorer, the Duke Reporters' Lab feeds): one per assessed claim,
//! embedded in the claim's own page on the site, with an absolute `url` (that page), a
//! `claimReviewed` of at most 75 characters (the claim's `headline`), a `reviewRating` with
//! the verdict's name and, for the four verdicts that order, its place on a 1–4 scale, and
//! `itemReviewed` as a `Claim` with its author, date and appearances. The export's
//! `claimreview.jsonld` holds the same objects. Machine findings are not editorial reviews:
//! they are in the findings table, not here.

use serde_json::{Value, json};
use treatywatch_loader::Index;
use treatywatch_model::{ActorKind, Claim, Date, Verdict};

use crate::report::Report;

/// The scale's ends: `inaccurate` is 1, `accurate` 4.
pub const WORST_RATING: u8 = 1;
pub const BEST_RATING: u8 = 4;

/// A verdict's place on the 1–4 scale, where it is one; `disputed` and `unverifiable` are
/// not points on that scale and carry only their name.
pub fn rating(verdict: Verdict) -> Option<u8> {
    match verdict {
        Verdict::Inaccurate => Some(1),
        Verdict::Misleading => Some(2),
        Verdict::MostlyAccurate => Some(3),
        Verdict::Accurate => Some(4),
        Verdict::Disputed | Verdict::Unverifiable => None,
    }
}

/// A claim's page on the site, under `base` (a folder URL).
pub fn claim_url(base: &str, claim: &str) -> String {
    format!("{base}claims/{claim}.html")
}

/// The site's front page, under `base`.
fn site_url(base: &str) -> String {
    format!("{base}index.html")
}

/// The ClaimReview of an assessed claim whose page is at `base` + `claims/<id>.html`; `None`
/// when the claim is not assessed or has no statement short enough (`headline-missing`).
pub fn review(ctx: &Index<'_>, c: &Claim, base: &str, as_of: Date) -> Option<Value> {
    let assessment = c.assessment.as_ref()?;
    let claim_reviewed = c.short_statement()?;
    let url = claim_url(base, c.id.as_str());
    let mut review_rating = json!({
        "@type": "Rating",
        "alternateName": assessment.verdict.as_str(),
    });
    if let Some(value) = rating(assessment.verdict) {
        review_rating["ratingValue"] = json!(value);
        review_rating["worstRating"] = json!(WORST_RATING);
        review_rating["bestRating"] = json!(BEST_RATING);
        review_rating["ratingExplanation"] = json!(format!("{base}about.html#scale"));
    }
    let claimant = ctx.actor(c.claimant.as_str());
    let mut author = json!({
        "@type": match claimant.map(|a| a.kind) {
            Some(ActorKind::Person) => "Person",
            _ => "Organization",
        },
        "name": claimant.map_or(c.claimant.to_string(), |a| a.name.clone()),
    });
    if let Some(item) = claimant.and_then(|a| a.wikidata.as_ref()) {
        author["sameAs"] = json!(format!("https://www.wikidata.org/wiki/{item}"));
    }
    let sources: Vec<_> = c
        .sources
        .iter()
        .filter_map(|s| ctx.source(s.source.as_str()))
        .collect();
    let appearance: Vec<Value> = sources
        .iter()
        .map(|s| {
            json!({
                "@type": "CreativeWork",
                "url": s.url,
                "headline": s.title,
                "datePublished": s.published.to_string(),
                "publisher": {"@type": "Organization", "name": s.publisher},
            })
        })
        .collect();
    // The earliest of the documents that report it (the first listed of equals).
    let first = sources
        .iter()
        .enumerate()
        .min_by_key(|(i, s)| (s.published.sort_key(), *i))
        .and_then(|(i, _)| appearance.get(i).cloned());
    let mut item = json!({
        "@type": "Claim",
        "author": author,
        "datePublished": c.date.to_string(),
        "appearance": appearance,
    });
    if let Some(first) = first {
        item["firstAppearance"] = first;
    }
    if let Some(quote) = &c.quote {
        item["text"] = json!(quote);
    }
    Some(json!({
        "@type": "ClaimReview",
        "@id": url,
        "url": url,
        "claimReviewed": claim_reviewed,
        "datePublished": assessment.date.unwrap_or(as_of).to_string(),
        "author": {"@type": "Organization", "name": "treatywatch", "url": site_url(base)},
        "reviewBody": assessment.note,
        "reviewRating": review_rating,
        "itemReviewed": item,
    }))
}

/// The JSON-LD document: the ClaimReview of every claim of the report that has one, in the
/// claims' date order. Empty without a base URL: a review's `url` must be absolute.
pub(super) fn document(ctx: &Index<'_>, report: &Report, base: Option<&str>) -> Value {
    let mut graph = Vec::new();
    if let Some(base) = base {
        let claims = report
            .treaties
            .iter()
            .flat_map(|t| t.claims.iter())
            .chain(&report.other_claims);
        let mut claims: Vec<&Claim> = claims.filter_map(|c| ctx.claim(&c.id)).collect();
        claims.sort_by(|a, b| {
            (a.date.sort_key(), a.id.as_str()).cmp(&(b.date.sort_key(), b.id.as_str()))
        });
        graph.extend(
            claims
                .into_iter()
                .filter_map(|c| review(ctx, c, base, report.as_of)),
        );
    }
    json!({
        "@context": "https://schema.org",
        "@graph": graph,
    })
}

/// A JSON value as the text of an HTML `<script>` data block: `<`, `>` and `&` escaped as
/// JSON escapes, so no string in it (`</script>`, `<!--`) can end or change the block.
/// Indented for a reader (the JSON-LD), or compact (data only the script reads).
pub fn script_json(value: &Value, pretty: bool) -> String {
    let text = if pretty {
        serde_json::to_string_pretty(value)
    } else {
        serde_json::to_string(value)
    }
    .unwrap_or_default();
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}
