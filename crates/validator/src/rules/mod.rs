//! The rule registry. A rule is one file: its name, severity, documentation and check.
//! Adding a rule means adding a file and a line to [`ALL`].

use treatywatch_loader::{Diagnostic, LoadedRecord, Problem, ProblemKind, Severity};

use crate::context::Context;
use crate::facts::Finish;

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
mod id_filename_mismatch;
mod ignored_file;
mod invalid_date;
mod not_a_party;
mod notice_period;
mod parse_error;
mod party_status_contradiction;
mod quote_not_in_source;
mod reference_cycle;
pub(crate) mod references;
mod role_mismatch;
mod schema;
mod status_contradiction;
mod unknown_reference;
mod unreadable_file;
mod wrong_reference_kind;

/// A consistency rule.
pub struct Rule {
    /// The stable name used in output, `allow` and `explain`.
    pub name: &'static str,
    pub severity: Severity,
    /// One line: what fires it.
    pub summary: &'static str,
    /// Markdown: what it checks, why it matters, an example that fires, the fix.
    pub docs: &'static str,
    /// Appends this rule's diagnostics. Rules found while loading (parse errors, duplicate
    /// keys, ignored files) check nothing here: the loader reports them.
    pub check: fn(&Context, &mut Vec<Diagnostic>),
    /// Appends the diagnostics that need every record's facts (what names a claim, which
    /// claims answer which): run once, after every batch.
    pub finish: Option<fn(&Finish, &mut Vec<Diagnostic>)>,
}

/// Every rule, in the order `treatywatch rules` lists them.
pub const ALL: &[&Rule] = &[
    &parse_error::RULE,
    &duplicate_key::RULE,
    &unreadable_file::RULE,
    &schema::RULE,
    &invalid_date::RULE,
    &duplicate_id::RULE,
    &id_filename_mismatch::RULE,
    &unknown_reference::RULE,
    &wrong_reference_kind::RULE,
    &date_order::RULE,
    &action_outside_treaty::RULE,
    &bilateral_signatories::RULE,
    &actor_not_existing::RULE,
    &not_a_party::RULE,
    &claim_after_source::RULE,
    &quote_not_in_source::RULE,
    &future_date::RULE,
    &reference_cycle::RULE,
    &notice_period::RULE,
    &deposit_date::RULE,
    &role_mismatch::RULE,
    &ignored_file::RULE,
    &status_contradiction::RULE,
    &end_contradiction::RULE,
    &party_status_contradiction::RULE,
    &entry_condition_contradiction::RULE,
    &accused_not_bound::RULE,
];

/// The rule with this name.
pub fn find(name: &str) -> Option<&'static Rule> {
    ALL.iter().copied().find(|r| r.name == name)
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
        let mut names: Vec<_> = ALL.iter().map(|r| r.name).collect();
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
            (ProblemKind::Syntax, "parse-error", Severity::Error),
            (ProblemKind::DuplicateKey, "duplicate-key", Severity::Error),
            (ProblemKind::Unreadable, "unreadable-file", Severity::Error),
            (ProblemKind::Ignored, "ignored-file", Severity::Warning),
            (ProblemKind::NotARecord, "schema", Severity::Error),
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
    fn the_contract_rules_exist_with_their_severities() {
        let contract = [
            ("parse-error", Severity::Error),
            ("duplicate-key", Severity::Error),
            ("schema", Severity::Error),
            ("invalid-date", Severity::Error),
            ("duplicate-id", Severity::Error),
            ("id-filename-mismatch", Severity::Error),
            ("unknown-reference", Severity::Error),
            ("wrong-reference-kind", Severity::Error),
            ("date-order", Severity::Error),
            ("action-outside-treaty", Severity::Error),
            ("bilateral-signatories", Severity::Error),
            ("actor-not-existing", Severity::Error),
            ("not-a-party", Severity::Error),
            ("claim-after-source", Severity::Error),
            ("quote-not-in-source", Severity::Error),
            ("future-date", Severity::Error),
            ("reference-cycle", Severity::Error),
            ("notice-period", Severity::Warning),
            ("role-mismatch", Severity::Warning),
            ("ignored-file", Severity::Warning),
            ("status-contradiction", Severity::Note),
            ("end-contradiction", Severity::Note),
            ("party-status-contradiction", Severity::Note),
            ("entry-condition-contradiction", Severity::Note),
            ("accused-not-bound", Severity::Note),
        ];
        for (name, severity) in contract {
            let rule = find(name).unwrap_or_else(|| panic!("missing rule {name}"));
            assert_eq!(rule.severity, severity, "{name}");
        }
    }
}
