//! What the site's pages show beyond the report model: for a claim, the findings about it
//! and the claims that answer it; for a source, everything that cites it; for an archived
//! text, its paragraphs with the quoted ones marked. Built from the report model and the
//! dataset, once, before any page is rendered.

use std::collections::BTreeMap;

use serde::Serialize;
use treatywatch_loader::{Dataset, Index};
use treatywatch_validator::passages::{paragraphs_of, quoted_paragraph};

use crate::report::{ClaimLink, ClaimView, Finding, Report, SourceView};

/// A claim's page.
#[derive(Debug, Clone, Serialize)]
pub struct ClaimPage<'a> {
    pub claim: &'a ClaimView,
    /// The page's title: the headline, or the summary.
    pub title: &'a str,
    /// The findings about it, each with its evidence.
    pub findings: Vec<&'a Finding>,
    /// The claims that answer it.
    pub responded_by: Vec<ClaimLink>,
    /// Where its quote is in an archived text: `texts/<source>.html#p-<n>`.
    pub passages: Vec<Passage>,
    /// Its ClaimReview, as the text of a JSON-LD block (escaped for it).
    pub jsonld: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Passage {
    pub source: String,
    pub title: String,
    /// The paragraph's number, from 1.
    pub paragraph: usize,
}

/// A source's page: everything that cites it.
#[derive(Debug, Clone, Serialize)]
pub struct SourcePage<'a> {
    pub source: &'a SourceView,
    /// Claims it reports (`report`) or whose verdict it supports (`assessment`).
    pub claims: Vec<SourceClaim>,
    /// Acts of parties it documents.
    pub acts: Vec<SourceAct>,
    /// Treaties whose record cites it.
    pub treaties: Vec<(String, String)>,
    /// Whether its text is archived with the record (and has a page, `texts/<id>.html`).
    pub archived_text: bool,
    pub archive_url: Option<String>,
    pub archive_retrieved: Option<String>,
    pub archive_licence: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SourceClaim {
    pub id: String,
    pub title: String,
    pub date: String,
    pub claimant: String,
    /// `reports the claim` or `supports the verdict`.
    pub role: &'static str,
    pub locator: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SourceAct {
    pub treaty: String,
    pub short_name: String,
    pub actor: String,
    pub name: String,
    pub action: String,
    pub date: String,
}

/// An archived text's page: its paragraphs, the quoted ones marked with the claims that
/// quote them.
#[derive(Debug, Clone, Serialize)]
pub struct TextPage<'a> {
    pub source: &'a SourceView,
    pub paragraphs: Vec<Paragraph>,
    pub quoted: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct Paragraph {
    pub number: usize,
    pub text: String,
    /// The claims that quote it: `(id, title)`.
    pub quoted_by: Vec<(String, String)>,
}

/// Every claim of the report: those of each treaty, then those about no treaty.
pub fn all_claims(report: &Report) -> impl Iterator<Item = &ClaimView> {
    report
        .treaties
        .iter()
        .flat_map(|t| t.claims.iter())
        .chain(&report.other_claims)
}

fn title(c: &ClaimView) -> &str {
    c.headline.as_deref().unwrap_or(&c.summary)
}

/// The claims' pages, in the report's order, their ClaimReviews made by `review`.
pub fn claim_pages<'a>(
    data: &Dataset,
    report: &'a Report,
    texts: &BTreeMap<String, String>,
    review: impl Fn(&str) -> Option<String>,
) -> Vec<ClaimPage<'a>> {
    let ctx = data.index();
    let mut answers: BTreeMap<&str, Vec<ClaimLink>> = BTreeMap::new();
    for c in all_claims(report) {
        for r in &c.responds_to {
            answers.entry(r.id.as_str()).or_default().push(ClaimLink {
                id: c.id.clone(),
                anchor: c.anchor.clone(),
                treaty: c.treaty.clone(),
                treaty_name: c.treaty_name.clone(),
                claimant: c.claimant.clone(),
                date: c.date.clone(),
            });
        }
    }
    all_claims(report)
        .map(|c| {
            let passages = ctx
                .claim(&c.id)
                .map(|record| {
                    let Some(quote) = &record.quote else {
                        return Vec::new();
                    };
                    record
                        .sources
                        .iter()
                        .filter_map(|s| {
                            let text = texts.get(s.source.as_str())?;
                            let n = quoted_paragraph(text, quote)?;
                            Some(Passage {
                                source: s.source.to_string(),
                                title: ctx
                                    .source(s.source.as_str())
                                    .map_or_else(String::new, |s| s.title.clone()),
                                paragraph: n + 1,
                            })
                        })
                        .collect()
                })
                .unwrap_or_default();
            ClaimPage {
                claim: c,
                title: title(c),
                findings: report
                    .findings
                    .iter()
                    .filter(|f| f.claim.as_deref() == Some(c.id.as_str()))
                    .collect(),
                responded_by: answers.remove(c.id.as_str()).unwrap_or_default(),
                passages,
                jsonld: review(&c.id),
            }
        })
        .collect()
}

/// The sources' pages, in the report's order of sources.
pub fn source_pages<'a>(
    ctx: &Index<'_>,
    report: &'a Report,
    texts: &BTreeMap<String, String>,
) -> Vec<SourcePage<'a>> {
    let mut claims: BTreeMap<String, Vec<SourceClaim>> = BTreeMap::new();
    for c in all_claims(report) {
        let Some(record) = ctx.claim(&c.id) else {
            continue;
        };
        let cite = |role, locator: Option<String>| SourceClaim {
            id: c.id.clone(),
            title: title(c).to_string(),
            date: c.date.clone(),
            claimant: c.claimant.clone(),
            role,
            locator,
        };
        for s in &record.sources {
            claims
                .entry(s.source.to_string())
                .or_default()
                .push(cite("reports the claim", s.locator.clone()));
        }
        for s in record.assessment.iter().flat_map(|a| &a.sources) {
            claims
                .entry(s.to_string())
                .or_default()
                .push(cite("supports the verdict", None));
        }
    }
    let mut acts: BTreeMap<String, Vec<SourceAct>> = BTreeMap::new();
    let mut treaties: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
    for t in &report.treaties {
        let Some(record) = ctx.treaty(&t.id) else {
            continue;
        };
        for s in &record.sources {
            treaties
                .entry(s.source.to_string())
                .or_default()
                .push((t.id.clone(), t.short_name.clone()));
        }
        for p in &record.parties {
            for a in &p.actions {
                if let Some(s) = &a.source {
                    acts.entry(s.to_string()).or_default().push(SourceAct {
                        treaty: t.id.clone(),
                        short_name: t.short_name.clone(),
                        actor: p.actor.to_string(),
                        name: crate::report::actor_name(ctx, p.actor.as_str()),
                        action: a.action.as_str().replace('-', " "),
                        date: a.date.to_string(),
                    });
                }
            }
        }
    }
    report
        .sources
        .iter()
        .map(|s| {
            let archive = ctx.source(&s.id).and_then(|r| r.archive.as_ref());
            SourcePage {
                source: s,
                claims: claims.remove(&s.id).unwrap_or_default(),
                acts: acts.remove(&s.id).unwrap_or_default(),
                treaties: treaties.remove(&s.id).unwrap_or_default(),
                archived_text: texts.contains_key(&s.id),
                archive_url: archive.map(|a| a.url.clone()),
                archive_retrieved: archive.map(|a| a.retrieved.to_string()),
                archive_licence: archive.map(|a| a.licence.clone()),
            }
        })
        .collect()
}

/// The archived texts' pages, with the paragraphs the claims quote marked.
pub fn text_pages<'a>(
    report: &'a Report,
    claims: &[ClaimPage<'_>],
    texts: &BTreeMap<String, String>,
) -> Vec<TextPage<'a>> {
    report
        .sources
        .iter()
        .filter_map(|s| {
            let text = texts.get(&s.id)?;
            let mut paragraphs: Vec<Paragraph> = paragraphs_of(text)
                .into_iter()
                .enumerate()
                .map(|(i, text)| Paragraph {
                    number: i + 1,
                    text,
                    quoted_by: Vec::new(),
                })
                .collect();
            for c in claims {
                for p in c.passages.iter().filter(|p| p.source == s.id) {
                    if let Some(paragraph) = paragraphs.get_mut(p.paragraph - 1) {
                        paragraph
                            .quoted_by
                            .push((c.claim.id.clone(), c.title.to_string()));
                    }
                }
            }
            let quoted = paragraphs
                .iter()
                .filter(|p| !p.quoted_by.is_empty())
                .count();
            Some(TextPage {
                source: s,
                paragraphs,
                quoted,
            })
        })
        .collect()
}

/// The archived texts of the sources, by source id.
pub fn archived_texts(data: &Dataset) -> BTreeMap<String, String> {
    let ctx = data.index();
    data.archived_texts()
        .into_iter()
        .filter(|(id, _)| ctx.source(id).is_some_and(|s| s.archive.is_some()))
        .filter_map(|(id, file)| Some((id.to_string(), data.files.get(file)?.text.clone())))
        .collect()
}
