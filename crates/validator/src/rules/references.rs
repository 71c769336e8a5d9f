//! Every reference a record makes: where it is, what it names, and what kind it must name.
//! Shared by `unknown-reference` and `wrong-reference-kind`.

use treatywatch_loader::{Node, NodeValue};
use treatywatch_model::{ActorKind, RecordKind};

use crate::context::Context;

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
    pub(crate) fn describe(&self) -> &'static str {
        match self {
            Expected::Actor => "an actor",
            Expected::StateOrOrganization => "a state or an organization",
            Expected::Treaty => "a treaty",
            Expected::Source => "a source",
            Expected::Claim => "a claim",
        }
    }

    pub(crate) fn kind(&self) -> RecordKind {
        match self {
            Expected::Actor | Expected::StateOrOrganization => RecordKind::Actor,
            Expected::Treaty => RecordKind::Treaty,
            Expected::Source => RecordKind::Source,
            Expected::Claim => RecordKind::Claim,
        }
    }

    /// Whether the record with this id fits; `None` when no record has the id.
    pub(crate) fn accepts(&self, ctx: &Context, id: &str) -> Option<bool> {
        let named = ctx.named(id)?;
        if named.kind != self.kind() {
            return Some(false);
        }
        if *self == Expected::StateOrOrganization
            && let Some(kind) = named.actor
        {
            return Some(kind != ActorKind::Person);
        }
        Some(true)
    }
}

/// One step of a reference's place.
#[derive(Clone, Copy)]
enum Step {
    Key(&'static str),
    Index(usize),
}

/// One reference: where it is, the id, what it must name. The place is kept as steps (no
/// allocation); [`Reference::pointer`] builds the JSON Pointer when a diagnostic needs it.
pub(crate) struct Reference<'a> {
    steps: [Step; 6],
    len: usize,
    pub id: &'a str,
    pub expected: Expected,
}

impl Reference<'_> {
    pub(crate) fn pointer(&self) -> String {
        let mut p = String::new();
        for step in &self.steps[..self.len] {
            p.push('/');
            match step {
                Step::Key(k) => p.push_str(k),
                Step::Index(i) => p.push_str(&i.to_string()),
            }
        }
        p
    }
}

/// A path of keys to a reference (`*` = every list item).
type Pattern = &'static [&'static str];

/// Where each kind of record makes references: key paths (`*` = every list item).
fn patterns(kind: RecordKind) -> &'static [(Pattern, Expected)] {
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

/// Every reference in a record, read from its tree so that a record with other mistakes (a
/// misspelt field, an impossible date) still has its references checked.
///
/// Visits them in place (`visit` is called once per reference): checking a million records
/// makes no allocation here.
/// One pass over the record's fields, each matched against the patterns' first keys (a
/// claim has a dozen fields and nine patterns: looking each pattern's key up would compare a
/// hundred keys).
pub(crate) fn each<'a>(kind: RecordKind, value: &'a Node, mut visit: impl FnMut(Reference<'a>)) {
    let NodeValue::Map(entries) = &value.value else {
        return;
    };
    let patterns = patterns(kind);
    for entry in entries {
        let key = entry.key.as_str();
        for (pattern, expected) in patterns {
            let Some((&first, rest)) = pattern.split_first() else {
                continue;
            };
            if first != key {
                continue;
            }
            let mut place = Place {
                steps: [Step::Index(0); 6],
                len: 1,
            };
            place.steps[0] = Step::Key(first);
            collect(&entry.value, rest, &mut place, *expected, &mut visit);
        }
    }
}

struct Place {
    steps: [Step; 6],
    len: usize,
}

fn collect<'a>(
    value: &'a Node,
    pattern: &[&'static str],
    place: &mut Place,
    expected: Expected,
    visit: &mut impl FnMut(Reference<'a>),
) {
    let Some((step, rest)) = pattern.split_first() else {
        if let NodeValue::Str(id) = &value.value {
            visit(Reference {
                steps: place.steps,
                len: place.len,
                id,
                expected,
            });
        }
        return;
    };
    if place.len == place.steps.len() {
        return;
    }
    match (*step, &value.value) {
        ("*", NodeValue::Seq(items)) => {
            for (i, item) in items.iter().enumerate() {
                place.steps[place.len] = Step::Index(i);
                place.len += 1;
                collect(item, rest, place, expected, visit);
                place.len -= 1;
            }
        }
        (key, NodeValue::Map(_)) => {
            if let Some(v) = value.get(key) {
                place.steps[place.len] = Step::Key(key);
                place.len += 1;
                collect(v, rest, place, expected, visit);
                place.len -= 1;
            }
        }
        _ => {}
    }
}
