//! The rule registry. A rule is one file: its name, severity, documentation and check.
//! Adding a rule means adding a file, its name to [`RuleName`], and its arm to [`rule`].

use treatywatch_loader::{Diagnostic, LoadedRecord, Problem, ProblemKind, Severity};
use treatywatch_model::RuleName;

use crate::context::Context;
use crate::facts::AllFacts;

mod accused_not_bound;
mod action_outside_treaty;
mod actor_not_existing;
mod bilateral_signatories;
mod claim_after_source;
mod date_order;
mod deposit_date;
mod duplicate_id;
mod duplicate_key;
mod end_contradiction;
mod entry_condition_contradiction;
mod future_date;
pub(crate) mod headline_missing;
mod id_filename_mismatch;
mod ignored_file;
mod invalid_date;
mod not_a_party;
mod notice_period;
mod parse_error;
mod party_status_contradiction;
mod placeholder;
pub(crate) mod quote_not_in_source;
mod reference_cycle;
pub(crate) mod references;
mod role_mismatch;
mod schema;
mod schema_lookup;
mod status_contradiction;
mod unknown_reference;
mod unreadable_file;
mod wrong_reference_kind;

/// A consistency rule.
pub struct Rule {
    /// The stable name used in output, `allow` and `explain`.
    pub name: RuleName,
    pub severity: Severity,
    /// One line: what fires it.
    pub summary: &'static str,
    /// Markdown: what it checks, why it matters, an example that fires, the fix.
    pub docs: &'static str,
    /// Appends this rule's diagnostics about the records the context goes over: the records
    /// other than claims once, then each few claims of each batch. Rules found while loading
    /// (parse errors, duplicate keys) check nothing here: the loader reports them.
    pub check: fn(&Context, &mut Vec<Diagnostic>),
    /// Appends the diagnostics about the files themselves (archived texts, stray files): run
    /// once, with the records other than claims.
    pub check_files: Option<fn(&Context, &mut Vec<Diagnostic>)>,
    /// Appends the diagnostics that need every record's facts (what names a claim, which
    /// claims answer which): run once, after every batch.
    pub check_facts: Option<fn(&AllFacts, &mut Vec<Diagnostic>)>,
}

/// The rule of each name: the registry. The `match` is exhaustive, so a name added to
/// [`RuleName`] does not compile until its rule is written and listed here.
pub(crate) const fn rule(name: RuleName) -> &'static Rule {
    match name {
        RuleName::ParseError => &parse_error::RULE,
        RuleName::DuplicateKey => &duplicate_key::RULE,
        RuleName::UnreadableFile => &unreadable_file::RULE,
        RuleName::Schema => &schema::RULE,
        RuleName::Placeholder => &placeholder::RULE,
        RuleName::InvalidDate => &invalid_date::RULE,
        RuleName::DuplicateId => &duplicate_id::RULE,
        RuleName::IdFilenameMismatch => &id_filename_mismatch::RULE,
        RuleName::UnknownReference => &unknown_reference::RULE,
        RuleName::WrongReferenceKind => &wrong_reference_kind::RULE,
        RuleName::DateOrder => &date_order::RULE,
        RuleName::ActionOutsideTreaty => &action_outside_treaty::RULE,
        RuleName::BilateralSignatories => &bilateral_signatories::RULE,
        RuleName::ActorNotExisting => &actor_not_existing::RULE,
        RuleName::NotAParty => &not_a_party::RULE,
        RuleName::ClaimAfterSource => &claim_after_source::RULE,
        RuleName::HeadlineMissing => &headline_missing::RULE,
        RuleName::QuoteNotInSource => &quote_not_in_source::RULE,
        RuleName::FutureDate => &future_date::RULE,
        RuleName::ReferenceCycle => &reference_cycle::RULE,
        RuleName::NoticePeriod => &notice_period::RULE,
        RuleName::DepositDate => &deposit_date::RULE,
        RuleName::RoleMismatch => &role_mismatch::RULE,
        RuleName::IgnoredFile => &ignored_file::RULE,
        RuleName::StatusContradiction => &status_contradiction::RULE,
        RuleName::EndContradiction => &end_contradiction::RULE,
        RuleName::PartyStatusContradiction => &party_status_contradiction::RULE,
        RuleName::EntryConditionContradiction => &entry_condition_contradiction::RULE,
        RuleName::AccusedNotBound => &accused_not_bound::RULE,
    }
}

/// Every rule, in the order `treatywatch rules` lists them ([`RuleName`]'s order).
pub const ALL: [&Rule; RuleName::ALL.len()] = {
    let mut all = [&parse_error::RULE; RuleName::ALL.len()];
    let mut i = 0;
    while i < all.len() {
        all[i] = rule(RuleName::ALL[i]);
        i += 1;
    }
    all
};

/// The rule with this written name.
pub fn find(name: &str) -> Option<&'static Rule> {
    RuleName::parse(name).map(rule)
}

/// The rule whose name `name` most likely mistypes (`placehold`, `future_date`), when one is
/// close enough to suggest.
pub fn closest(name: &str) -> Option<&'static Rule> {
    let typed = name.trim().to_lowercase().replace(['_', ' '], "-");
    ALL.iter()
        .map(|r| (strsim::jaro_winkler(&typed, r.name.as_str()), *r))
        .filter(|(score, _)| *score >= 0.85)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, r)| r)
}

/// One step of a JSON Pointer, kept borrowed: rules that walk a record's tree build the
/// pointer only for a value they report.
pub(crate) enum Step<'a> {
    Key(&'a str),
    Index(usize),
}

/// The JSON Pointer of a walked path.
pub(crate) fn pointer(path: &[Step]) -> String {
    let mut p = String::new();
    for step in path {
        p.push('/');
        match step {
            Step::Key(k) => p.push_str(&treatywatch_loader::pointer_token(k)),
            Step::Index(i) => p.push_str(&i.to_string()),
        }
    }
    p
}

/// For rules that check everything at the end, on every record's facts.
pub(crate) fn nothing_per_batch(_: &Context, _: &mut Vec<Diagnostic>) {}

/// For rules whose diagnostics come from the loader.
pub(crate) fn reported_by_loader(_: &Context, _: &mut Vec<Diagnostic>) {}

/// The rule that reports each kind of problem the loader finds.
pub(crate) fn for_problem(kind: ProblemKind) -> &'static Rule {
    match kind {
        ProblemKind::Syntax => &parse_error::RULE,
        ProblemKind::DuplicateKey => &duplicate_key::RULE,
        ProblemKind::Unreadable => &unreadable_file::RULE,
        ProblemKind::Ignored => &ignored_file::RULE,
        ProblemKind::NotARecord => &schema::RULE,
    }
}

/// A problem the loader found, as the diagnostic of its rule.
pub(crate) fn diagnostic_of(problem: &Problem) -> Diagnostic {
    let rule = for_problem(problem.kind);
    let mut d = Diagnostic::new(
        rule.name,
        rule.severity,
        problem.file,
        problem.span,
        problem.message.clone(),
    );
    d.help.clone_from(&problem.help);
    d.pointer.clone_from(&problem.pointer);
    d
}

/// Runs `check` on every record, on every core (when the context may use them), and adds
/// what it finds to `out`: for the rules whose work is per record and large (a million
/// records and more). `check` gets the record's index and the record, and pushes its
/// diagnostics.
pub(crate) fn per_record_in_parallel(
    ctx: &Context,
    out: &mut Vec<Diagnostic>,
    check: impl Fn(usize, &LoadedRecord, &mut Vec<Diagnostic>) + Sync,
) {
    use rayon::prelude::*;
    let start = ctx.iterated_range().start;
    let records = ctx.iterated_records();
    if !ctx.parallel {
        for (offset, record) in records.iter().enumerate() {
            check(start + offset, record, out);
        }
        return;
    }
    let found: Vec<Diagnostic> = records
        .par_iter()
        .enumerate()
        .flat_map_iter(|(offset, record)| {
            let index = start + offset;
            let mut found = Vec::new();
            check(index, record, &mut found);
            found
        })
        .collect();
    out.extend(found);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_every_rule_is_documented() {
        let mut names: Vec<_> = ALL.iter().map(|r| r.name.as_str()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), ALL.len());
        for rule in ALL {
            for section in [
                "## What it checks",
                "## Why it matters",
                "## Example",
                "## Fix",
            ] {
                assert!(rule.docs.contains(section), "{} lacks {section}", rule.name);
            }
        }
    }

    #[test]
    fn each_loader_problem_has_its_rule() {
        let expected = [
            (ProblemKind::Syntax, RuleName::ParseError, Severity::Error),
            (
                ProblemKind::DuplicateKey,
                RuleName::DuplicateKey,
                Severity::Error,
            ),
            (
                ProblemKind::Unreadable,
                RuleName::UnreadableFile,
                Severity::Error,
            ),
            (ProblemKind::Ignored, RuleName::IgnoredFile, Severity::Error),
            (ProblemKind::NotARecord, RuleName::Schema, Severity::Error),
        ];
        for (kind, name, severity) in expected {
            let rule = for_problem(kind);
            assert_eq!((rule.name, rule.severity), (name, severity), "{kind:?}");
            let span = treatywatch_loader::Span {
                line: 3,
                column: 2,
                start: 10,
                end: 12,
            };
            let problem = Problem {
                help: Some("fix it".into()),
                pointer: Some(String::new()),
                ..Problem::new(kind, 7, span, "what")
            };
            let d = diagnostic_of(&problem);
            assert_eq!(
                (d.rule, d.severity, d.file, d.span, d.message.as_str()),
                (name, severity, 7, span, "what")
            );
            assert_eq!(d.help.as_deref(), Some("fix it"));
            assert_eq!(d.pointer.as_deref(), Some(""));
        }
    }

    #[test]
    fn every_name_maps_to_the_rule_of_that_name() {
        for (&name, rule) in RuleName::ALL.iter().zip(ALL) {
            assert_eq!(super::rule(name).name, name);
            assert_eq!(rule.name, name);
            assert_eq!(find(name.as_str()).map(|r| r.name), Some(name));
        }
        assert!(find("acused-not-bound").is_none());
    }
}
