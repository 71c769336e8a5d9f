//! The report model's types: what a briefing shows, as plain data the templates format and
//! `briefing.json` holds.

use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub title: String,
    pub as_of: String,
    pub generator: String,
    pub counts: Counts,
    pub treaties: Vec<TreatyView>,
    /// Claims about no treaty (kind `other` without `treaty`).
    pub other_claims: Vec<ClaimView>,
    pub findings: Vec<Finding>,
    /// What changed in the year up to the as-of date, newest first.
    pub recent: Vec<RecentChange>,
    pub sources: Vec<SourceView>,
}

/// One event of the last year before the as-of date.
#[derive(Debug, Clone, Serialize)]
pub struct RecentChange {
    pub date: String,
    pub treaty: String,
    pub text: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Counts {
    pub treaties: usize,
    pub in_force: usize,
    pub claims: usize,
    pub assessed: usize,
    pub findings: usize,
    pub sources: usize,
    pub actors: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct TreatyView {
    pub id: String,
    pub name: String,
    pub short_name: String,
    pub kind: String,
    /// The contract's status name (`in-force`), or `uncertain`.
    pub status: String,
    /// For reading: `ended (expiry)`, `uncertain (in-force or ended (withdrawal))`.
    pub status_label: String,
    pub opened: String,
    pub entry_into_force: Option<String>,
    pub end: Option<EndView>,
    pub term: Option<String>,
    pub withdrawal_notice: Option<String>,
    pub text_url: Option<String>,
    pub note: Option<String>,
    pub timeline: Timeline,
    pub parties: Vec<PartyView>,
    pub claims: Vec<ClaimView>,
    pub findings: usize,
    /// Numbers of the sources the treaty record cites.
    pub citations: Vec<usize>,
    /// Numbers of every source cited on this treaty's page (record, acts, claims), sorted.
    pub source_numbers: Vec<usize>,
}

#[derive(Debug, Clone, Serialize)]
pub struct EndView {
    pub date: String,
    pub reason: String,
    /// A scheduled expiry still ahead of the as-of date.
    pub scheduled: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct Timeline {
    pub start_year: u16,
    pub end_year: u16,
    pub events: Vec<TimelineEvent>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TimelineEvent {
    pub number: usize,
    pub date: String,
    /// `opened`, `entry-into-force`, `extension`, `end`, or an action (`suspension`, …).
    pub kind: String,
    pub label: String,
    /// Where on the axis, from 0 (start of `start_year`) to 1 (end of `end_year`).
    pub position: f64,
    /// After the as-of date (only a scheduled expiry can be).
    pub scheduled: bool,
    /// The row its label goes in, so that labels of close events do not overlap.
    pub lane: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct PartyView {
    pub actor: String,
    pub name: String,
    pub status: String,
    pub bound: String,
    pub last_action: Option<String>,
    pub actions: Vec<ActionView>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ActionView {
    pub action: String,
    pub date: String,
    pub note: Option<String>,
    pub citation: Option<usize>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ClaimView {
    pub id: String,
    pub date: String,
    pub claimant: String,
    pub on_behalf_of: Option<String>,
    pub kind: String,
    pub treaty: Option<String>,
    pub accused: Option<String>,
    pub period: Option<String>,
    pub asserted_status: Option<String>,
    pub asserted_end: Option<String>,
    /// The party a status claim is about, by name, and what it says of it.
    pub party: Option<String>,
    pub asserted_party_status: Option<String>,
    /// The non-parties a status claim lists, by name.
    pub asserted_non_parties: Vec<String>,
    pub quote: Option<String>,
    pub summary: String,
    pub verdict: Option<String>,
    pub verdict_date: Option<String>,
    pub verdict_note: Option<String>,
    pub verdict_citations: Vec<usize>,
    pub citations: Vec<CitationView>,
    pub responds_to: Vec<String>,
    pub findings: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CitationView {
    pub number: usize,
    pub locator: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    pub rule: String,
    pub claim: Option<String>,
    pub treaty: Option<String>,
    /// The treaty's short name.
    pub treaty_name: Option<String>,
    /// Who made the claim, by name, and when.
    pub claimant: Option<String>,
    pub claim_date: Option<String>,
    pub quote: Option<String>,
    pub message: String,
    /// The dated acts of the record that decide it, each with its source numbers.
    pub evidence: Vec<EvidenceView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct EvidenceView {
    pub date: Option<String>,
    pub event: String,
    pub text: String,
    pub citations: Vec<usize>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SourceView {
    pub number: usize,
    pub id: String,
    pub title: String,
    pub kind: String,
    pub publisher: String,
    pub authors: Vec<String>,
    pub published: String,
    pub url: String,
    pub archived_url: Option<String>,
}
