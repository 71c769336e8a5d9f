//! Every reference a record makes: where it is, what it names, and what kind it must name.
//! Shared by `unknown-reference` and `wrong-reference-kind`.

use treatywatch_model::{ActorKind, Record, RecordKind};

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

/// Every reference in a record.
pub fn of(record: &Record) -> Vec<Reference<'_>> {
    of_record(record)
}

fn of_record<'a>(record: &'a Record) -> Vec<Reference<'a>> {
    let mut out = Vec::new();
    let mut add = |pointer: String, id: &'a str, expected| {
        out.push(Reference {
            pointer,
            id,
            expected,
        })
    };
    match record {
        Record::Actor(a) => {
            for (i, role) in a.roles.iter().enumerate() {
                add(
                    format!("/roles/{i}/of"),
                    role.of.as_str(),
                    Expected::StateOrOrganization,
                );
                if let Some(s) = &role.source {
                    add(format!("/roles/{i}/source"), s.as_str(), Expected::Source);
                }
            }
            for (i, c) in a.sources.iter().enumerate() {
                add(
                    format!("/sources/{i}/source"),
                    c.source.as_str(),
                    Expected::Source,
                );
            }
        }
        Record::Treaty(t) => {
            for (i, party) in t.parties.iter().enumerate() {
                add(
                    format!("/parties/{i}/actor"),
                    party.actor.as_str(),
                    Expected::StateOrOrganization,
                );
                for (j, action) in party.actions.iter().enumerate() {
                    if let Some(from) = &action.from {
                        add(
                            format!("/parties/{i}/actions/{j}/from"),
                            from.as_str(),
                            Expected::StateOrOrganization,
                        );
                    }
                    if let Some(s) = &action.source {
                        add(
                            format!("/parties/{i}/actions/{j}/source"),
                            s.as_str(),
                            Expected::Source,
                        );
                    }
                }
            }
            if let Some(s) = t.end.as_ref().and_then(|e| e.source.as_ref()) {
                add("/end/source".into(), s.as_str(), Expected::Source);
            }
            for (i, e) in t.extensions.iter().enumerate() {
                if let Some(s) = &e.source {
                    add(
                        format!("/extensions/{i}/source"),
                        s.as_str(),
                        Expected::Source,
                    );
                }
            }
            for (i, c) in t.sources.iter().enumerate() {
                add(
                    format!("/sources/{i}/source"),
                    c.source.as_str(),
                    Expected::Source,
                );
            }
        }
        Record::Source(_) => {}
        Record::Claim(c) => {
            add("/claimant".into(), c.claimant.as_str(), Expected::Actor);
            if let Some(b) = &c.on_behalf_of {
                add(
                    "/on_behalf_of".into(),
                    b.as_str(),
                    Expected::StateOrOrganization,
                );
            }
            if let Some(t) = &c.treaty {
                add("/treaty".into(), t.as_str(), Expected::Treaty);
            }
            if let Some(a) = &c.accused {
                add("/accused".into(), a.as_str(), Expected::StateOrOrganization);
            }
            for (i, s) in c.sources.iter().enumerate() {
                add(
                    format!("/sources/{i}/source"),
                    s.source.as_str(),
                    Expected::Source,
                );
            }
            for (i, r) in c.responds_to.iter().enumerate() {
                add(format!("/responds_to/{i}"), r.as_str(), Expected::Claim);
            }
            if let Some(a) = &c.assessment {
                for (i, s) in a.sources.iter().enumerate() {
                    add(
                        format!("/assessment/sources/{i}"),
                        s.as_str(),
                        Expected::Source,
                    );
                }
            }
        }
    }
    out
}
