//! Which fields of a record name other records, and what kind each must name: the table the
//! reference rules walk, and what `new` checks an answer against (and an editor completes).

use crate::RecordKind;

/// What a reference field expects to name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Expected {
    /// Any actor.
    Actor,
    /// A state or an organization (not a person).
    StateOrOrganization,
    Treaty,
    Source,
    Claim,
}

impl Expected {
    pub fn describe(&self) -> &'static str {
        match self {
            Expected::Actor => "an actor",
            Expected::StateOrOrganization => "a state or an organization",
            Expected::Treaty => "a treaty",
            Expected::Source => "a source",
            Expected::Claim => "a claim",
        }
    }

    pub fn kind(&self) -> RecordKind {
        match self {
            Expected::Actor | Expected::StateOrOrganization => RecordKind::Actor,
            Expected::Treaty => RecordKind::Treaty,
            Expected::Source => RecordKind::Source,
            Expected::Claim => RecordKind::Claim,
        }
    }

    /// What a field that expects this names, one word (`actor`, `treaty`): placeholders
    /// (`todo-actor`) and prompts use it.
    pub fn noun(&self) -> &'static str {
        self.kind().name()
    }
}

/// The kind a reference at `path` (keys, `*` for a list item) of a record of `kind` must
/// name, if the field at that path names a record.
pub fn expected_at(kind: RecordKind, path: &[&str]) -> Option<Expected> {
    patterns(kind)
        .iter()
        .find(|(pattern, _)| *pattern == path)
        .map(|(_, expected)| *expected)
}

/// A path of keys to a reference (`*` = every list item).
pub type Pattern = &'static [&'static str];

/// Where each kind of record makes references: key paths (`*` = every list item).
pub fn patterns(kind: RecordKind) -> &'static [(Pattern, Expected)] {
    match kind {
        RecordKind::Actor => &[
            (&["roles", "*", "of"], Expected::StateOrOrganization),
            (&["roles", "*", "source"], Expected::Source),
            (&["sources", "*", "source"], Expected::Source),
        ],
        RecordKind::Treaty => &[
            (&["parties", "*", "actor"], Expected::StateOrOrganization),
            (
                &["parties", "*", "actions", "*", "from"],
                Expected::StateOrOrganization,
            ),
            (
                &["parties", "*", "actions", "*", "source"],
                Expected::Source,
            ),
            (&["end", "source"], Expected::Source),
            (
                &["entry_into_force_condition", "ratified_by", "*"],
                Expected::StateOrOrganization,
            ),
            (&["entry_into_force_condition", "source"], Expected::Source),
            (&["extensions", "*", "source"], Expected::Source),
            (&["sources", "*", "source"], Expected::Source),
        ],
        RecordKind::Source => &[],
        RecordKind::Claim => &[
            (&["claimant"], Expected::Actor),
            (&["on_behalf_of"], Expected::StateOrOrganization),
            (&["treaty"], Expected::Treaty),
            (&["accused"], Expected::StateOrOrganization),
            (&["party"], Expected::StateOrOrganization),
            (
                &["asserted_non_parties", "*"],
                Expected::StateOrOrganization,
            ),
            (
                &["asserted_entry_into_force_requires", "*"],
                Expected::StateOrOrganization,
            ),
            (&["sources", "*", "source"], Expected::Source),
            (&["responds_to", "*"], Expected::Claim),
            (&["assessment", "sources", "*"], Expected::Source),
        ],
    }
}
