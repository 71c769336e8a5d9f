//! The report model's types: what a briefing shows, as plain data the templates format and
//! `briefing.json` holds.

use serde::Serialize;

use super::timeline_views::Timeline;

#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub title: String,
    pub as_of: treatywatch_model::Date,
    pub generator: String,
    pub counts: Counts,
    pub treaties: Vec<TreatyView>,
    /// Claims about no treaty (kind `other` without `treaty`).
    pub other_claims: Vec<ClaimView>,
    pub findings: Vec<Finding>,
    /// What changed in the year up to the as-of date, newest first.
    pub recent: Vec<RecentChange>,
    /// Every actor: states and organisations first, then persons, each by name.
    pub actors: Vec<ActorView>,
    /// The letters that mark acts on the timeline charts, with the acts they stand for.
    pub act_letters: Vec<ActLetter>,
    pub sources: Vec<SourceView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ActLetter {
    pub letter: String,
    pub action: String,
}

/// One event of the last year before the as-of date.
#[derive(Debug, Clone, Serialize)]
pub struct RecentChange {
    pub date: String,
    /// The treaty's short name.
    pub treaty: String,
    pub treaty_id: String,
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
    /// Where the record gives the treaty's entry-into-force condition: where it stood on the
    /// as-of date, in a sentence ("8 of the 44 states of Annex 2 had not ratified: …").
    pub condition: Option<String>,
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
pub struct PartyView {
    pub actor: String,
    pub name: String,
    /// The contract's status name (`party`), or `uncertain`.
    pub status: String,
    /// For reading: the status, or "ceased to exist 1991-12-26; succeeded by Russia", or
    /// "former party (treaty ended 2019-08-02)".
    pub standing: String,
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
    /// The claim's anchor in its treaty's section and page: `claim-<id>`.
    pub anchor: String,
    pub date: String,
    pub claimant: String,
    pub claimant_id: String,
    /// The office the claimant held on the claim's date, with whose: "Minister of Foreign
    /// Affairs of Russia".
    pub claimant_office: Option<String>,
    pub on_behalf_of: Option<String>,
    pub on_behalf_of_id: Option<String>,
    pub kind: String,
    pub treaty: Option<String>,
    pub treaty_name: Option<String>,
    pub accused: Option<String>,
    pub accused_id: Option<String>,
    /// The claim's period in words: "from 1999", "up to 2018-12-04".
    pub period_words: Option<String>,
    /// What the claim asserts about the record, in words, when it asserts something checkable.
    pub asserts: Option<String>,
    pub period: Option<String>,
    pub asserted_status: Option<String>,
    pub asserted_end: Option<String>,
    /// The party a status claim is about, by name, and what it says of it.
    pub party: Option<String>,
    pub asserted_party_status: Option<String>,
    /// The non-parties a status claim lists, by name.
    pub asserted_non_parties: Vec<String>,
    pub quote: Option<String>,
    /// What is claimed in at most 75 characters, where the record gives it.
    pub headline: Option<String>,
    pub summary: String,
    pub verdict: Option<String>,
    pub verdict_date: Option<String>,
    pub verdict_note: Option<String>,
    pub verdict_citations: Vec<usize>,
    pub citations: Vec<CitationView>,
    /// The claims it answers, by who made them and when.
    pub responds_to: Vec<ClaimLink>,
    pub findings: Vec<String>,
}

/// Another claim, as a reader finds it: who made it, when, and where it is.
#[derive(Debug, Clone, Serialize)]
pub struct ClaimLink {
    pub id: String,
    pub anchor: String,
    pub treaty: Option<String>,
    pub treaty_name: Option<String>,
    pub claimant: String,
    pub date: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct CitationView {
    pub number: usize,
    pub locator: Option<String>,
}

/// A claim that conflicts with the record, with everything a reader needs to judge it: who
/// said what, when and in what words, what it asserts, and the dated acts of the record that
/// contradict it, each with its sources.
#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    /// The rule that found it (for tools; readers get `kind`).
    pub rule: treatywatch_model::RuleName,
    /// What kind of conflict, in words: "Treaty status", "End date", …
    pub kind: String,
    pub claim: Option<String>,
    /// The claim's anchor in its treaty's section and page.
    pub anchor: Option<String>,
    pub treaty: Option<String>,
    /// The treaty's short name.
    pub treaty_name: Option<String>,
    /// Who made the claim, by name, the office they held then, for whom, and when.
    pub claimant: Option<String>,
    pub claimant_id: Option<String>,
    pub claimant_office: Option<String>,
    pub on_behalf_of: Option<String>,
    pub claim_date: Option<String>,
    pub quote: Option<String>,
    pub summary: Option<String>,
    /// What the claim asserts, in words.
    pub asserts: Option<String>,
    /// The conflict, in words.
    pub message: String,
    /// The dated acts of the record that decide it, each with its source numbers.
    pub evidence: Vec<EvidenceView>,
}

/// An actor: what it is, its offices (persons), and for states and organisations its standing
/// under every treaty on the as-of date and its acts; the claims it made and those about it,
/// and the findings among them.
#[derive(Debug, Clone, Serialize)]
pub struct ActorView {
    /// Whether the briefing (PDF) gives it a section: states and organisations that are
    /// parties of a treaty with few parties, or that a claim names. Every actor has a
    /// markdown page.
    pub in_briefing: bool,
    pub id: String,
    pub name: String,
    /// `state`, `organization` or `person`.
    pub kind: String,
    pub aliases: Vec<String>,
    pub iso3166: Option<String>,
    pub wikidata: Option<String>,
    pub existed: Option<String>,
    pub note: Option<String>,
    pub roles: Vec<RoleView>,
    /// Every treaty (states and organisations), in the briefing's order.
    pub treaties: Vec<ActorTreatyView>,
    /// Its acts under every treaty, in date order.
    pub acts: Vec<ActorActView>,
    /// Claims it made, or made on its behalf.
    pub claims_made: Vec<ClaimRef>,
    /// Claims that accuse it, or say what its standing is.
    pub claims_about: Vec<ClaimRef>,
    /// The findings among those claims.
    pub findings: Vec<FindingRef>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RoleView {
    pub title: String,
    pub of: String,
    pub of_id: String,
    pub period: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ActorTreatyView {
    pub treaty: String,
    pub short_name: String,
    /// Its party status on the as-of date, or `uncertain`.
    pub status: String,
    /// For reading: the status, or that the actor had ceased to exist, or that it was a
    /// party of a treaty that has ended.
    pub standing: String,
    /// Bound on the as-of date: `yes`, `no` or `uncertain`.
    pub bound: String,
    pub last_action: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ActorActView {
    pub date: String,
    pub treaty: String,
    pub short_name: String,
    pub action: String,
    pub note: Option<String>,
    pub citation: Option<usize>,
}

/// A claim as an actor's page lists it.
#[derive(Debug, Clone, Serialize)]
pub struct ClaimRef {
    pub id: String,
    pub anchor: String,
    pub date: String,
    pub treaty: Option<String>,
    pub treaty_name: Option<String>,
    pub claimant: String,
    pub claimant_id: String,
    pub headline: Option<String>,
    pub summary: String,
    pub verdict: Option<String>,
    /// How the claim concerns the actor: `claimant`, `on behalf of`, `accused`, `party`,
    /// `named as a non-party`.
    pub relation: String,
    pub findings: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct FindingRef {
    pub claim: String,
    pub anchor: String,
    pub treaty: Option<String>,
    pub treaty_name: Option<String>,
    pub claim_date: Option<String>,
    pub claimant: Option<String>,
    pub message: String,
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
