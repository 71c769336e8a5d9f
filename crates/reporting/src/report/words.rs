//! Things said in words for readers: what a claim asserts, the office a person held on a
//! date, what kind of conflict a finding is. Names, never ids.

use treatywatch_loader::Index;
use treatywatch_model::{Bound, Claim, ClaimKind, Period, RuleName};

use super::actor_name;

/// A contract name as words: `in-force` → `in force`.
pub(super) fn spaced(name: &str) -> String {
    name.replace('-', " ")
}

/// A period in words: `from 1999`, `up to 2018-12-04`, `from 2014 to 2019`, `in 2019`, `at
/// any time`.
pub(super) fn period_words(p: &Period) -> String {
    match (p.start, p.end) {
        (Bound::Open, Bound::Open) => "at any time".into(),
        (Bound::Date(start), Bound::Open) => format!("from {start}"),
        (Bound::Open, Bound::Date(end)) => format!("up to {end}"),
        (Bound::Date(start), Bound::Date(end)) if start == end => format!("in {start}"),
        (Bound::Date(start), Bound::Date(end)) => format!("from {start} to {end}"),
    }
}

/// What kind of conflict a finding of `rule` is, for a reader.
pub(super) fn finding_kind(rule: RuleName) -> &'static str {
    match rule {
        RuleName::StatusContradiction => "Treaty status",
        RuleName::EndContradiction => "End of the treaty",
        RuleName::PartyStatusContradiction => "A party's standing",
        RuleName::EntryConditionContradiction => "Entry into force",
        RuleName::AccusedNotBound => "Accused of breaking a treaty that did not bind it",
        _ => CONFLICT,
    }
}

/// The words for a finding of a rule without words of its own.
const CONFLICT: &str = "Conflict with the record";

/// The offices `actor` held on the claim's date (every one not certainly outside it), as
/// "Minister of Foreign Affairs of Russia"; `None` when it held none then.
pub(super) fn office_on(ctx: &Index<'_>, actor: &str, claim: &Claim) -> Option<String> {
    let offices: Vec<String> = ctx
        .actor(actor)?
        .roles
        .iter()
        .filter(|r| !r.period.certainly_excludes(&claim.date))
        .map(|r| format!("{} of {}", r.title, actor_name(ctx, r.of.as_str())))
        .collect();
    (!offices.is_empty()).then(|| offices.join("; "))
}

/// What a claim asserts about the record, in words, when it asserts something the record can
/// answer: a treaty's status or end, a party's standing, the non-parties, a violation or
/// compliance by an actor, a withdrawal.
pub(super) fn asserts(ctx: &Index<'_>, c: &Claim) -> Option<String> {
    let treaty = c.treaty.as_ref().map(|t| {
        ctx.treaty(t.as_str())
            .map_or(t.to_string(), |t| t.short_name.clone())
    })?;
    let when = c
        .period
        .map_or_else(|| format!("on {}", c.date), |p| period_words(&p));
    let mut parts = Vec::new();
    if let Some(status) = c.asserted_status {
        parts.push(format!(
            "{treaty} was {} on {}",
            spaced(status.as_str()),
            c.date
        ));
    }
    if let Some(end) = c.asserted_end {
        parts.push(format!("{treaty} ends in {end}"));
    }
    if let (Some(party), Some(status)) = (&c.party, c.asserted_party_status) {
        parts.push(format!(
            "{} was {} under the {treaty} {when}",
            actor_name(ctx, party.as_str()),
            spaced(status.as_str())
        ));
    }
    if !c.asserted_non_parties.is_empty() {
        let names: Vec<String> = c
            .asserted_non_parties
            .iter()
            .map(|a| actor_name(ctx, a.as_str()))
            .collect();
        parts.push(format!(
            "the non-parties of the {treaty} were {}",
            names.join(", ")
        ));
    }
    if !c.asserted_entry_into_force_requires.is_empty() {
        let names: Vec<String> = c
            .asserted_entry_into_force_requires
            .iter()
            .map(|a| actor_name(ctx, a.as_str()))
            .collect();
        parts.push(format!(
            "the {treaty}'s entry into force waited for {}",
            names.join(", ")
        ));
    }
    if let Some(accused) = &c.accused {
        let accused = actor_name(ctx, accused.as_str());
        match c.kind {
            ClaimKind::Violation => parts.push(format!("{accused} violated the {treaty} {when}")),
            ClaimKind::Compliance => {
                parts.push(format!("{accused} complied with the {treaty} {when}"))
            }
            ClaimKind::Withdrawal => {
                parts.push(format!("{accused} withdrew from the {treaty} {when}"))
            }
            ClaimKind::Status | ClaimKind::Other => {}
        }
    }
    (!parts.is_empty()).then(|| parts.join("; "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_read_as_words() {
        let words = |s: &str| period_words(&Period::parse(s).unwrap());
        assert_eq!(words("1999/.."), "from 1999");
        assert_eq!(words("../2018-12-04"), "up to 2018-12-04");
        assert_eq!(words("2014/2019-02"), "from 2014 to 2019-02");
        assert_eq!(words("2019/2019"), "in 2019");
        assert_eq!(words("../.."), "at any time");
    }

    /// A rule that finds conflicts (its diagnostics are notes) has its own words: a new one
    /// without them would be listed as a bare "conflict" in the briefing.
    #[test]
    fn every_finding_rule_has_its_words() {
        let mut kinds = Vec::new();
        for rule in treatywatch_validator::RULES {
            let kind = finding_kind(rule.name);
            if rule.severity == treatywatch_loader::Severity::Note {
                assert_ne!(kind, CONFLICT, "{} has no words", rule.name);
                kinds.push(kind);
            } else {
                assert_eq!(kind, CONFLICT, "{} finds no conflict", rule.name);
            }
        }
        let rules = kinds.len();
        kinds.sort_unstable();
        kinds.dedup();
        assert!(rules >= 5, "the five finding rules at least: {kinds:?}");
        assert_eq!(
            kinds.len(),
            rules,
            "each finding rule its own words: {kinds:?}"
        );
        assert_eq!(spaced("in-force"), "in force");
        assert_eq!(spaced("not-in-force-yet"), "not in force yet");
    }
}
