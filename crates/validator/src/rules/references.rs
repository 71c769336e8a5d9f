//! Every reference a record makes: where it is, what it names, and what kind it must name.
//! Shared by `unknown-reference` and `wrong-reference-kind`.

use serde_json::Value;
use treatywatch_model::{ActorKind, RecordKind};

use crate::context::Context;

/// What a reference field expects to name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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

    /// Whether the record with this id fits; `None` when no record has the id.
    pub fn accepts(&self, ctx: &Context, id: &str) -> Option<bool> {
        let kind = ctx.kind_of(id)?;
        if kind != self.kind() {
            return Some(false);
        }
        if *self == Expected::StateOrOrganization
            && let Some(actor) = ctx.actor(id)
        {
            return Some(actor.kind != ActorKind::Person);
        }
        Some(true)
    }
}

/// One reference: the JSON Pointer of the value, the id, what it must name.
pub struct Reference<'a> {
    pub pointer: String,
    pub id: &'a str,
    pub expected: Expected,
}

/// Where each kind of record makes references: JSON Pointer patterns (`*` = every list item).
fn patterns(kind: RecordKind) -> &'static [(&'static str, Expected)] {
    match kind {
        RecordKind::Actor => &[
            ("/roles/*/of", Expected::StateOrOrganization),
            ("/roles/*/source", Expected::Source),
            ("/sources/*/source", Expected::Source),
        ],
        RecordKind::Treaty => &[
            ("/parties/*/actor", Expected::StateOrOrganization),
            ("/parties/*/actions/*/from", Expected::StateOrOrganization),
            ("/parties/*/actions/*/source", Expected::Source),
            ("/end/source", Expected::Source),
            ("/extensions/*/source", Expected::Source),
            ("/sources/*/source", Expected::Source),
        ],
        RecordKind::Source => &[],
        RecordKind::Claim => &[
            ("/claimant", Expected::Actor),
            ("/on_behalf_of", Expected::StateOrOrganization),
            ("/treaty", Expected::Treaty),
            ("/accused", Expected::StateOrOrganization),
            ("/sources/*/source", Expected::Source),
            ("/responds_to/*", Expected::Claim),
            ("/assessment/sources/*", Expected::Source),
        ],
    }
}

/// Every reference in a record, read from its JSON value so that a record with other
/// mistakes (a misspelt field, an impossible date) still has its references checked.
pub fn of(kind: RecordKind, value: &Value) -> Vec<Reference<'_>> {
    let mut out = Vec::new();
    for (pattern, expected) in patterns(kind) {
        let steps: Vec<&str> = pattern.trim_start_matches('/').split('/').collect();
        collect(value, &steps, String::new(), *expected, &mut out);
    }
    out
}

fn collect<'a>(
    value: &'a Value,
    steps: &[&str],
    pointer: String,
    expected: Expected,
    out: &mut Vec<Reference<'a>>,
) {
    let Some((step, rest)) = steps.split_first() else {
        if let Value::String(id) = value {
            out.push(Reference {
                pointer,
                id,
                expected,
            });
        }
        return;
    };
    match (*step, value) {
        ("*", Value::Array(items)) => {
            for (i, item) in items.iter().enumerate() {
                collect(item, rest, format!("{pointer}/{i}"), expected, out);
            }
        }
        (key, Value::Object(map)) => {
            if let Some(v) = map.get(key) {
                collect(v, rest, format!("{pointer}/{key}"), expected, out);
            }
        }
        _ => {}
    }
}
