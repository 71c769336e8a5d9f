//! From the table's rows to the acts wanted: each row's actor (by name, alias or ISO code; a
//! new actor from its ISO code; a predecessor for a row dated before its state existed), its
//! deposits, earliest first, and its notes.

use std::collections::BTreeMap;

use treatywatch_model::{ActionKind, Actor, Deposit, Treaty};

use crate::names::Names;
use crate::table::Row;
use crate::{Options, new_actor};

/// One act the table asks for: its deposits, earliest first, with their lines, and the
/// table's notes for it.
#[derive(Debug, Default)]
pub(crate) struct Wanted {
    pub deposits: Vec<(Deposit, usize)>,
    pub notes: Vec<String>,
}

/// The rows resolved: acts per (actor id, action), the actors to create, and the rows given
/// to a predecessor (a line each, for the summary).
#[derive(Debug, Default)]
pub(crate) struct Resolved {
    pub wanted: BTreeMap<(String, ActionKind), Wanted>,
    pub created: Vec<Actor>,
    pub attributed: Vec<String>,
}

/// The row's actor, as the record knows it: by name, alias or ISO code, or by the table's
/// `iso3166` cell matching an actor's code.
fn known<'a>(names: &'a Names, row: &Row) -> &'a [String] {
    match names.find(&row.state) {
        [] => row.iso3166.as_deref().map_or(&[], |code| names.find(code)),
        found => found,
    }
}

pub(crate) fn resolve(
    rows: &[Row],
    actors: &[&Actor],
    treaty: &Treaty,
    options: &Options,
    table: &str,
) -> Result<Resolved, Vec<String>> {
    let names = Names::new(actors.iter().copied());
    let mut problems = Vec::new();
    let mut resolved = Resolved::default();
    let mut unknown: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    let mut ids: Vec<Option<String>> = Vec::with_capacity(rows.len());
    for row in rows {
        match known(&names, row) {
            [one] => ids.push(Some(one.clone())),
            [] if options.create_actors => match &row.iso3166 {
                Some(code) => {
                    let id = code.to_ascii_lowercase();
                    let taken = actors.iter().any(|a| a.id.as_str() == id);
                    if taken {
                        problems.push(format!(
                            "{table}:{}: `{}` is not a name of the actor `{id}`, whose id is its ISO code {code}; add the name as an alias of `{id}`",
                            row.line, row.state
                        ));
                    } else if !resolved.created.iter().any(|a| a.id.as_str() == id) {
                        resolved.created.push(new_actor(
                            &row.state,
                            code,
                            &options.source,
                            row.line,
                        ));
                    }
                    ids.push(Some(id));
                }
                None => {
                    problems.push(format!(
                        "{table}:{}: `{}` is not a known state and the table gives no ISO 3166-1 alpha-3 code for it: add an iso3166 column, or add the actor by hand",
                        row.line, row.state
                    ));
                    ids.push(None);
                }
            },
            [] => {
                unknown.entry(row.state.clone()).or_default().push(row.line);
                ids.push(None);
            }
            several => {
                problems.push(format!(
                    "{table}:{}: `{}` may be any of {}; add an alias to the right actor",
                    row.line,
                    row.state,
                    several.join(", ")
                ));
                ids.push(None);
            }
        }
    }
    if !unknown.is_empty() {
        let mut message = format!(
            "{} state name(s) of {table} match no actor (by name, alias or ISO code, ignoring case, accents and punctuation):",
            unknown.len()
        );
        for (name, lines) in &unknown {
            let lines: Vec<String> = lines.iter().map(usize::to_string).collect();
            let word = if lines.len() == 1 { "line" } else { "lines" };
            message.push_str(&format!("\n  `{name}` ({word} {})", lines.join(", ")));
            let suggestions: Vec<String> = names
                .suggest(name)
                .into_iter()
                .map(|id| match actors.iter().find(|a| a.id.as_str() == id) {
                    Some(a) => format!("{} ({id})", a.name),
                    None => id,
                })
                .collect();
            if !suggestions.is_empty() {
                message.push_str(&format!(" — did you mean {}?", suggestions.join(", ")));
            }
        }
        message.push_str(
            "\n  help: add the name as an alias of its actor, or pass --create-actors (with an iso3166 column) to create new state actors",
        );
        problems.push(message);
    }

    for (row, id) in rows.iter().zip(ids) {
        let Some(mut id) = id else { continue };
        // A row dated before its state existed is its predecessor's (the snapshot of UNODA's
        // database shows the Soviet Union's acts under Russia's flag).
        let started = actors
            .iter()
            .find(|a| a.id.as_str() == id)
            .and_then(|a| a.existed.as_ref())
            .and_then(|p| p.start_date());
        if let Some(start) = started
            && row.date.is_certainly_before(&start)
        {
            let predecessor = treaty
                .party(&id)
                .into_iter()
                .flat_map(|p| &p.actions)
                .find(|a| a.action == ActionKind::Succession)
                .and_then(|a| a.from.clone());
            match predecessor {
                Some(from) => {
                    resolved.attributed.push(format!(
                        "{table}:{}: {} did not exist on {} (it existed from {start}): the row's {} is taken as {from}'s, its predecessor",
                        row.line,
                        row.state,
                        row.date,
                        row.action.as_str()
                    ));
                    id = from.to_string();
                }
                None => {
                    problems.push(format!(
                        "{table}:{}: {} did not exist on {} (it existed from {start}); the row belongs to a predecessor: record the predecessor and {id}'s succession from it (`from:`), then import again",
                        row.line, row.state, row.date
                    ));
                    continue;
                }
            }
        }
        let wanted = resolved.wanted.entry((id, row.action)).or_default();
        let deposit = Deposit {
            depositary: row.depositary.clone(),
            date: row.date,
        };
        match wanted
            .deposits
            .iter()
            .find(|(d, _)| d.depositary.is_some() && d.depositary == deposit.depositary)
        {
            Some((d, line)) if d.date != row.date => problems.push(format!(
                "{table}:{}: {} deposited its {} with {} on {} and, on line {line}, on {}",
                row.line,
                row.state,
                row.action.as_str(),
                row.depositary.as_deref().unwrap_or_default(),
                row.date,
                d.date
            )),
            Some(_) => {}
            None if wanted.deposits.iter().any(|(d, _)| d == &deposit) => {}
            None => wanted.deposits.push((deposit, row.line)),
        }
        if let Some(note) = &row.note
            && !wanted.notes.contains(note)
        {
            wanted.notes.push(note.clone());
        }
    }
    for wanted in resolved.wanted.values_mut() {
        wanted.deposits.sort_by(|a, b| {
            (a.0.date.sort_key(), &a.0.depositary).cmp(&(b.0.date.sort_key(), &b.0.depositary))
        });
    }
    if problems.is_empty() {
        Ok(resolved)
    } else {
        Err(problems)
    }
}
