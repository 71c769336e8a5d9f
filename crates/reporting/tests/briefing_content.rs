//! What the briefing says on fixture data: every act of every party and every claim on the
//! timelines, and each finding with its claimant, claim and record, listed on the actors'
//! pages too.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a failed unwrap is a failed test

use treatywatch_reporting::{build_model, latest_event};
use treatywatch_testkit::{fixture, validate_clean as load};

#[test]
fn timelines_hold_every_act_of_every_party_and_every_claim() {
    let (data, outcome) = load(&fixture("valid"));
    let as_of = latest_event(&data);
    let report = build_model(&data, &outcome, as_of);
    for t in &report.treaties {
        let treaty = data.index().treaty(&t.id).unwrap().clone();
        let acts: usize = treaty.parties.iter().map(|p| p.actions.len()).sum();
        let listed = t
            .timeline
            .events
            .iter()
            .filter(|e| e.actor.is_some() && e.kind != "claim");
        assert_eq!(listed.count(), acts, "{}: every act is listed", t.id);
        let claims = t.timeline.events.iter().filter(|e| e.kind == "claim");
        assert_eq!(claims.count(), t.claims.len(), "{}: every claim", t.id);
        // The list by year is the same events, in the same order.
        let by_year: Vec<&str> = t
            .timeline
            .years
            .iter()
            .flat_map(|y| y.events.iter().map(|e| e.label.as_str()))
            .collect();
        let all: Vec<&str> = t.timeline.events.iter().map(|e| e.label.as_str()).collect();
        assert_eq!(by_year, all);
        // A row per party, plus the treaty's and (with claims) the claims'.
        let rows = 1 + treaty.parties.len() + usize::from(!t.claims.is_empty());
        assert_eq!(t.timeline.rows.len(), rows);
        for row in &t.timeline.rows {
            let mut previous: Option<f64> = None;
            for m in &row.marks {
                assert!((0.0..=1.0).contains(&m.at), "{m:?}");
                assert!(m.start <= m.end, "{m:?}");
                if let Some(p) = previous {
                    assert!(m.at - p >= 0.0219, "{}: symbols overlap: {m:?}", row.label);
                }
                previous = Some(m.at);
            }
        }
    }
    // The INF Treaty: Russia's succession is known to the month, so it is drawn as the month.
    let inf = report.treaties.iter().find(|t| t.id == "inf").unwrap();
    let russia = inf
        .timeline
        .rows
        .iter()
        .find(|r| r.actor.as_deref() == Some("rus"))
        .unwrap();
    let succession = russia
        .marks
        .iter()
        .find(|m| m.kind == "succession")
        .unwrap();
    assert_eq!(
        (succession.date.as_str(), succession.letter.as_str()),
        ("1991-12", "C")
    );
    let month = succession.end - succession.start;
    assert!(
        month > 0.002 && month < 0.004,
        "a month of 32 years: {month}"
    );
    // The United States was bound from the ratification until it suspended the Treaty (a
    // suspended party is not bound), and never after.
    let usa = inf
        .timeline
        .rows
        .iter()
        .find(|r| r.actor.as_deref() == Some("usa"))
        .unwrap();
    assert_eq!(usa.spans.len(), 1);
    assert_eq!(usa.spans[0].state, "yes");
    let ratified = usa.marks.iter().find(|m| m.kind == "ratification").unwrap();
    let suspended = usa.marks.iter().find(|m| m.kind == "suspension").unwrap();
    assert_eq!(usa.spans[0].start, ratified.start);
    assert_eq!(usa.spans[0].end, suspended.start);
}

#[test]
fn findings_name_the_claimant_the_claim_and_the_record_and_actor_pages_list_them() {
    let (data, outcome) = load(&fixture("valid"));
    let report = build_model(&data, &outcome, latest_event(&data));
    let finding = &report.findings[0];
    assert_eq!(finding.kind, "Treaty status");
    assert_eq!(finding.claimant.as_deref(), Some("United States"));
    assert_eq!(
        finding.asserts.as_deref(),
        Some("START II was in force on 2019-02-03")
    );
    let anchor = finding.anchor.as_deref().unwrap();
    let start_ii = report.treaties.iter().find(|t| t.id == "start-ii").unwrap();
    assert!(
        start_ii.claims.iter().any(|c| c.anchor == anchor),
        "the link leads to the claim"
    );
    assert!(
        finding
            .evidence
            .iter()
            .any(|e| e.text == "START II never entered into force")
    );
    // The claimant's page lists the claim and the finding; Lavrov's lists his office.
    let usa = report.actors.iter().find(|a| a.id == "usa").unwrap();
    assert!(
        usa.claims_made
            .iter()
            .any(|c| c.anchor == anchor && c.findings == 1)
    );
    assert_eq!(usa.findings.len(), 1);
    assert!(usa.claims_about.iter().any(|c| c.relation == "accused"));
    let lavrov = report
        .actors
        .iter()
        .find(|a| a.id == "sergey-lavrov")
        .unwrap();
    assert!(
        lavrov.treaties.is_empty(),
        "a person has no standing under treaties"
    );
    let claim = &report
        .treaties
        .iter()
        .find(|t| t.id == "inf")
        .unwrap()
        .claims[1];
    assert_eq!(
        claim.claimant_office.as_deref(),
        Some("Minister of Foreign Affairs of Russia")
    );
    // States and organisations first, then persons.
    let kinds: Vec<&str> = report.actors.iter().map(|a| a.kind.as_str()).collect();
    assert_eq!(kinds.last(), Some(&"person"));
    assert!(kinds.iter().position(|k| *k == "person") > kinds.iter().rposition(|k| *k != "person"));
}
