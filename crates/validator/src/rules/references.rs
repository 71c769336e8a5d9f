//! Every reference a record makes: where it is, what it names, and what kind it must name.
//! Shared by `unknown-reference` and `wrong-reference-kind`.

use treatywatch_loader::{Node, NodeValue};
pub(crate) use treatywatch_model::references::{Expected, patterns};
use treatywatch_model::{ActorKind, RecordKind};

use crate::context::Context;

/// How a reference decides whether a record fits.
pub(crate) trait Accepts {
    /// Whether the record with this id fits; `None` when no record has the id.
    fn accepts(&self, ctx: &Context, id: &str) -> Option<bool>;
}

impl Accepts for Expected {
    fn accepts(&self, ctx: &Context, id: &str) -> Option<bool> {
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
