//! The editorial verdicts as schema.org `ClaimReview`, the markup fact-checkers exchange and
//! Google's fact-check tools read: one per assessed claim, with the fields Google requires
//! (`claimReviewed`, `reviewRating` with the verdict as `alternateName`, `url`) and those it
//! recommends (`author`, `datePublished`, `itemReviewed` as a `Claim` with its author, date
//! and appearances). Machine findings are not editorial reviews: they are in the findings
//! table, not here.

use serde_json::{Value, json};
use treatywatch_loader::Index;
use treatywatch_model::{ActorKind, Claim, Verdict};

use crate::report::Report;

/// A verdict on a 1–5 scale (5: accurate), where it is one; `disputed` and `unverifiable`
/// are not points on that scale and carry only their name.
fn rating(verdict: Verdict) -> Option<u8> {
    match verdict {
        Verdict::Accurate => Some(5),
        Verdict::MostlyAccurate => Some(4),
        Verdict::Misleading => Some(2),
        Verdict::Inaccurate => Some(1),
        Verdict::Disputed | Verdict::Unverifiable => None,
    }
}

/// Where a claim is read: its anchor in its treaty's page (or the index for a claim about no
/// treaty), under `base`.
pub(super) fn claim_url(base: &str, claim: &Claim) -> String {
    match &claim.treaty {
        Some(t) => format!("{base}treaties/{t}.md#claim-{}", claim.id),
        None => format!("{base}README.md#claim-{}", claim.id),
    }
}

/// The JSON-LD document: a graph of `ClaimReview`s, in the claims' date order.
pub(super) fn document(ctx: &Index<'_>, report: &Report, base: &str) -> Value {
    let mut graph = Vec::new();
    let claims = report
        .treaties
        .iter()
        .flat_map(|t| t.claims.iter())
        .chain(&report.other_claims);
    let mut claims: Vec<&Claim> = claims.filter_map(|c| ctx.claim(&c.id)).collect();
    claims.sort_by(|a, b| {
        (a.date.sort_key(), a.id.as_str()).cmp(&(b.date.sort_key(), b.id.as_str()))
    });
    for c in claims {
        let Some(assessment) = &c.assessment else {
            continue;
        };
        let url = claim_url(base, c);
        let mut review_rating = json!({
            "@type": "Rating",
            "alternateName": assessment.verdict.as_str(),
            "bestRating": 5,
            "worstRating": 1,
        });
        if let Some(value) = rating(assessment.verdict) {
            review_rating["ratingValue"] = json!(value);
        }
        let claimant = ctx.actor(c.claimant.as_str());
        let author_type = match claimant.map(|a| a.kind) {
            Some(ActorKind::Person) => "Person",
            _ => "Organization",
        };
        let appearance: Vec<Value> = c
            .sources
            .iter()
            .filter_map(|s| ctx.source(s.source.as_str()))
            .map(|s| {
                json!({
                    "@type": "CreativeWork",
                    "url": s.url,
                    "headline": s.title,
                    "publisher": {"@type": "Organization", "name": s.publisher},
                })
            })
            .collect();
        let mut item = json!({
            "@type": "Claim",
            "author": {
                "@type": author_type,
                "name": claimant.map_or(c.claimant.to_string(), |a| a.name.clone()),
            },
            "datePublished": c.date.to_string(),
            "appearance": appearance,
        });
        if let Some(quote) = &c.quote {
            item["text"] = json!(quote);
        }
        graph.push(json!({
            "@type": "ClaimReview",
            "@id": url,
            "url": url,
            "claimReviewed": c.summary,
            "datePublished": assessment.date.map_or(report.as_of.to_string(), |d| d.to_string()),
            "author": {"@type": "Organization", "name": "treatywatch"},
            "reviewBody": assessment.note,
            "reviewRating": review_rating,
            "itemReviewed": item,
        }));
    }
    json!({
        "@context": "https://schema.org",
        "@graph": graph,
    })
}
