//! The report model: everything a briefing shows, computed once from the dataset, the
//! validator's outcome and the as-of date. Templates only format it.
//!
//! The builder is one pass in reading order: every view numbers the sources it cites through
//! one `Numbering` as it goes (treaties and their parties' acts in `treaties.rs`, their
//! claims, then the actors and the rest), and that order is the citations' numbering.

use std::collections::{BTreeMap, HashMap};

use strum::IntoEnumIterator;
use treatywatch_loader::{Dataset, Evidence, Index, Severity};
use treatywatch_model::{ActionKind, Claim, Date, Party, Record, Treaty, TreatyStatus};
use treatywatch_validator::Outcome;

mod actors;
mod chart;
mod scale;
mod timeline;
mod timeline_views;
mod treaties;
mod views;
mod words;

pub use timeline::{act_letter, default_as_of, latest_event};
use timeline::{recent_changes, timeline};
pub use timeline_views::*;
use treaties::treaty_view;
pub use views::*;
use words::{asserts, finding_kind, office_on};

/// Numbers sources in order of first citation in the report.
#[derive(Default)]
struct Numbering {
    numbers: HashMap<String, usize>,
    order: Vec<String>,
}

impl Numbering {
    fn number(&mut self, id: &str) -> usize {
        if let Some(n) = self.numbers.get(id) {
            return *n;
        }
        self.order.push(id.to_string());
        let n = self.order.len();
        self.numbers.insert(id.to_string(), n);
        n
    }
}

/// The claims made on or before `as_of`, by date then id: those a briefing or an export of
/// that date holds.
pub(crate) fn claims_until<'a>(ctx: &Index<'a>, as_of: Date) -> Vec<&'a Claim> {
    let mut claims: Vec<&Claim> = ctx
        .claims()
        .map(|(_, c)| c)
        .filter(|c| !c.date.is_certainly_after(&as_of))
        .collect();
    claims.sort_by(|a, b| {
        (a.date.sort_key(), a.id.as_str()).cmp(&(b.date.sort_key(), b.id.as_str()))
    });
    claims
}

/// A treaty's short name, from its id.
fn treaty_name(ctx: &Index<'_>, id: Option<&treatywatch_model::Id>) -> Option<String> {
    id.and_then(|t| ctx.treaty(t.as_str()))
        .map(|t| t.short_name.clone())
}

/// A claim's anchor in its treaty's section (PDF) and page (markdown).
fn anchor(claim: &str) -> String {
    format!("claim-{claim}")
}

pub(crate) fn actor_name(ctx: &Index<'_>, id: &str) -> String {
    ctx.actor(id)
        .map_or_else(|| id.to_string(), |a| a.name.clone())
}

/// Builds the report model.
pub fn build(data: &Dataset, outcome: &Outcome, as_of: Date) -> Report {
    let ctx = data.index();
    let mut numbering = Numbering::default();
    let (mut findings, evidence_of) = findings(&ctx, outcome, as_of);
    let mut findings_by_claim: HashMap<String, Vec<String>> = HashMap::new();
    for f in &findings {
        if let Some(id) = &f.claim {
            findings_by_claim
                .entry(id.clone())
                .or_default()
                .push(f.message.clone());
        }
    }

    // Claims made on or before the as-of date, grouped by treaty, in date order.
    let claims = claims_until(&ctx, as_of);
    let mut by_treaty: BTreeMap<String, Vec<&Claim>> = BTreeMap::new();
    let mut other = Vec::new();
    for c in &claims {
        match &c.treaty {
            Some(t) if ctx.treaty(t.as_str()).is_some() => {
                by_treaty.entry(t.to_string()).or_default().push(c)
            }
            _ => other.push(*c),
        }
    }

    let mut treaties: Vec<&Treaty> = ctx.treaties().map(|(_, t)| t).collect();
    treaties.sort_by(|a, b| {
        (a.opened.sort_key(), a.id.as_str()).cmp(&(b.opened.sort_key(), b.id.as_str()))
    });
    let mut views = Vec::new();
    for t in &treaties {
        let claims = by_treaty.get(t.id.as_str()).map_or(&[][..], Vec::as_slice);
        views.push(treaty_view(
            &ctx,
            t,
            as_of,
            claims,
            &findings_by_claim,
            &mut numbering,
        ));
    }
    let other_claims: Vec<ClaimView> = other
        .iter()
        .map(|c| claim_view(&ctx, c, &mut numbering, &findings_by_claim))
        .collect();

    // The findings' evidence, its sources numbered after the claims' citations.
    for (finding, evidence) in findings.iter_mut().zip(evidence_of) {
        finding.evidence = evidence
            .iter()
            .map(|e| EvidenceView {
                date: e.date.clone(),
                event: e.event.clone(),
                text: e.text.clone(),
                citations: e.sources.iter().map(|s| numbering.number(s)).collect(),
            })
            .collect();
    }
    let actor_views =
        actors::actor_views(&ctx, &treaties, &claims, &findings, as_of, &mut numbering);
    let sources = source_views(&ctx, numbering);

    let actors = ctx
        .typed()
        .filter(|(_, r)| matches!(r, Record::Actor(_)))
        .count();
    let recent = recent_changes(&views, as_of);
    let act_letters = ActionKind::iter()
        .map(|a| ActLetter {
            letter: act_letter(a).into(),
            action: words::spaced(a.as_str()),
        })
        .collect();
    Report {
        title: "Arms-control treaties and the claims made about them".into(),
        as_of,
        generator: format!("treatywatch {}", env!("CARGO_PKG_VERSION")),
        counts: Counts {
            treaties: views.len(),
            in_force: views
                .iter()
                .filter(|v| v.status == TreatyStatus::InForce.as_str())
                .count(),
            claims: claims.len(),
            assessed: claims.iter().filter(|c| c.assessment.is_some()).count(),
            findings: findings.len(),
            sources: sources.len(),
            actors,
        },
        treaties: views,
        other_claims,
        findings,
        recent,
        actors: actor_views,
        act_letters,
        sources,
    }
}

/// Every finding (a note) about a claim made on or before `as_of`, with the evidence its
/// diagnostic carries (numbered later, after the claims' citations).
fn findings<'o>(
    ctx: &Index<'_>,
    outcome: &'o Outcome,
    as_of: Date,
) -> (Vec<Finding>, Vec<&'o Vec<Evidence>>) {
    let mut findings = Vec::new();
    let mut evidence_of = Vec::new();
    for d in outcome
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Note)
    {
        let claim = d.record.as_ref().and_then(|id| ctx.claim(id));
        if let Some(c) = claim
            && c.date.is_certainly_after(&as_of)
        {
            continue;
        }
        let treaty = claim.and_then(|c| c.treaty.as_ref());
        findings.push(Finding {
            rule: d.rule,
            kind: finding_kind(d.rule).into(),
            claim: claim.map(|c| c.id.to_string()),
            anchor: claim.map(|c| anchor(c.id.as_str())),
            treaty: treaty.map(|t| t.to_string()),
            treaty_name: treaty_name(ctx, treaty),
            claimant: claim.map(|c| actor_name(ctx, c.claimant.as_str())),
            claimant_id: claim.map(|c| c.claimant.to_string()),
            claimant_office: claim.and_then(|c| office_on(ctx, c.claimant.as_str(), c)),
            on_behalf_of: claim
                .and_then(|c| c.on_behalf_of.as_ref())
                .map(|b| actor_name(ctx, b.as_str())),
            claim_date: claim.map(|c| c.date.to_string()),
            quote: claim.and_then(|c| c.quote.clone()),
            summary: claim.map(|c| c.summary.clone()),
            asserts: claim.and_then(|c| asserts(ctx, c)),
            message: d.message.clone(),
            evidence: Vec::new(),
        });
        evidence_of.push(&d.evidence);
    }
    (findings, evidence_of)
}

/// The sources: cited ones in citation order, then the rest by id.
fn source_views(ctx: &Index<'_>, mut numbering: Numbering) -> Vec<SourceView> {
    let mut rest: Vec<&str> = ctx.sources().map(|(_, s)| s.id.as_str()).collect();
    rest.sort_unstable();
    for id in rest {
        numbering.number(id);
    }
    numbering
        .order
        .iter()
        .enumerate()
        .filter_map(|(i, id)| {
            let s = ctx.source(id)?;
            Some(SourceView {
                number: i + 1,
                id: s.id.to_string(),
                title: s.title.clone(),
                kind: s.kind.as_str().to_string(),
                publisher: s.publisher.clone(),
                authors: s.authors.clone(),
                published: s.published.to_string(),
                url: s.url.clone(),
                archived_url: s.archived_url.clone(),
            })
        })
        .collect()
}

fn claim_view(
    ctx: &Index<'_>,
    c: &Claim,
    numbering: &mut Numbering,
    findings: &HashMap<String, Vec<String>>,
) -> ClaimView {
    ClaimView {
        id: c.id.to_string(),
        anchor: anchor(c.id.as_str()),
        date: c.date.to_string(),
        claimant: actor_name(ctx, c.claimant.as_str()),
        claimant_id: c.claimant.to_string(),
        claimant_office: office_on(ctx, c.claimant.as_str(), c),
        on_behalf_of: c.on_behalf_of.as_ref().map(|b| actor_name(ctx, b.as_str())),
        on_behalf_of_id: c.on_behalf_of.as_ref().map(|b| b.to_string()),
        kind: c.kind.as_str().into(),
        treaty: c.treaty.as_ref().map(|t| t.to_string()),
        treaty_name: treaty_name(ctx, c.treaty.as_ref()),
        accused: c.accused.as_ref().map(|a| actor_name(ctx, a.as_str())),
        accused_id: c.accused.as_ref().map(|a| a.to_string()),
        period_words: c.period.as_ref().map(words::period_words),
        asserts: asserts(ctx, c),
        period: c.period.map(|p| p.to_string()),
        asserted_status: c.asserted_status.map(|s| s.as_str().into()),
        asserted_end: c.asserted_end.map(|d| d.to_string()),
        party: c.party.as_ref().map(|p| actor_name(ctx, p.as_str())),
        asserted_party_status: c.asserted_party_status.map(|s| s.as_str().into()),
        asserted_non_parties: c
            .asserted_non_parties
            .iter()
            .map(|a| actor_name(ctx, a.as_str()))
            .collect(),
        quote: c.quote.clone(),
        headline: c.headline.clone(),
        summary: c.summary.clone(),
        verdict: c.assessment.as_ref().map(|a| a.verdict.as_str().into()),
        verdict_date: c
            .assessment
            .as_ref()
            .and_then(|a| a.date)
            .map(|d| d.to_string()),
        verdict_note: c.assessment.as_ref().map(|a| a.note.clone()),
        verdict_citations: c
            .assessment
            .as_ref()
            .map(|a| {
                a.sources
                    .iter()
                    .map(|s| numbering.number(s.as_str()))
                    .collect()
            })
            .unwrap_or_default(),
        citations: c
            .sources
            .iter()
            .map(|s| CitationView {
                number: numbering.number(s.source.as_str()),
                locator: s.locator.clone(),
            })
            .collect(),
        responds_to: c
            .responds_to
            .iter()
            .map(|r| match ctx.claim(r.as_str()) {
                Some(other) => ClaimLink {
                    id: r.to_string(),
                    anchor: anchor(r.as_str()),
                    treaty: other.treaty.as_ref().map(|t| t.to_string()),
                    treaty_name: treaty_name(ctx, other.treaty.as_ref()),
                    claimant: actor_name(ctx, other.claimant.as_str()),
                    date: other.date.to_string(),
                },
                // Validation refuses an unknown reference; the id is all there is to show.
                None => ClaimLink {
                    id: r.to_string(),
                    anchor: anchor(r.as_str()),
                    treaty: None,
                    treaty_name: None,
                    claimant: r.to_string(),
                    date: String::new(),
                },
            })
            .collect(),
        findings: findings.get(c.id.as_str()).cloned().unwrap_or_default(),
    }
}
