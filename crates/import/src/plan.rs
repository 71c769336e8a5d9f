//! From the table's rows to the changes of the treaty: each row's actor (by name, alias or
//! ISO code; a new actor from its ISO code; a predecessor for a row dated before its state
//! existed), the acts wanted, and how the treaty's file is edited to hold them.

use std::collections::BTreeMap;

use treatywatch_loader::Node;
use treatywatch_model::{Action, ActionKind, Actor, Deposit, Id, Party, Treaty};

use crate::edit::{self, Edit};
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

/// The edits to make and the treaty they must give.
pub(crate) struct Plan {
    pub edits: Vec<Edit>,
    pub expected: Treaty,
    pub new_acts: usize,
    pub extended_acts: usize,
    pub new_parties: usize,
    /// A line per recorded act kept against the table's date.
    pub kept: Vec<String>,
}

/// How an existing party changes.
#[derive(Default)]
struct Change {
    /// Indexes of its acts that change (deposits added, a note added).
    changed: Vec<usize>,
    /// Indexes of changed acts that only gained deposits.
    deposits_only: Vec<usize>,
    /// New acts, in date order.
    added: Vec<Action>,
}

/// The sentence that records the table's different date in a kept act's note, naming the
/// table by its source's publisher and date (what a reader of the note can look up).
fn noted(origin: &str, action: ActionKind, date: &treatywatch_model::Date) -> String {
    format!(
        "{origin} dates this {} {date}.",
        action.as_str().replace('-', " ")
    )
}

fn with_sentence(note: Option<&String>, sentence: &str) -> Option<String> {
    match note {
        Some(n) if n.contains(sentence) => Some(n.clone()),
        Some(n) => Some(format!("{} {sentence}", n.trim_end())),
        None => Some(sentence.to_string()),
    }
}

/// Whether a recorded act of kind `recorded` is what a table's `row` act on the same day
/// describes in other words: UNODA's data calls Russia's revocation of its CTBT
/// ratification a withdrawal.
fn same_event(recorded: ActionKind, row: ActionKind) -> bool {
    use ActionKind::*;
    matches!(row, Withdrawal | WithdrawalNotice)
        && matches!(
            recorded,
            Withdrawal | WithdrawalNotice | RatificationRevoked
        )
}

pub(crate) fn plan(
    treaty: &Treaty,
    node: &Node,
    text: &str,
    resolved: &Resolved,
    options: &Options,
    names: &BTreeMap<String, String>,
    origin: &str,
) -> Result<Plan, Vec<String>> {
    let table = options.table.display().to_string();
    let source = Id(options.source.as_str().into());
    let name = |id: &str| names.get(id).cloned().unwrap_or_else(|| id.to_string());
    let mut expected = treaty.clone();
    let mut conflicts = Vec::new();
    let mut kept = Vec::new();
    let mut changes: BTreeMap<usize, Change> = BTreeMap::new();
    let mut new_parties: BTreeMap<String, Vec<Action>> = BTreeMap::new();
    let (mut new_acts, mut extended_acts) = (0, 0);
    for ((actor, action), wanted) in &resolved.wanted {
        let Some((first, first_line)) = wanted.deposits.first() else {
            continue;
        };
        let date = first.date;
        let deposits: Vec<Deposit> = wanted.deposits.iter().map(|(d, _)| d.clone()).collect();
        let new_act = || Action {
            action: *action,
            date,
            from: None,
            source: Some(source.clone()),
            note: (!wanted.notes.is_empty()).then(|| wanted.notes.join(" ")),
            deposits: deposits.clone(),
        };
        let Some(p) = treaty
            .parties
            .iter()
            .position(|p| p.actor.as_str() == actor)
        else {
            new_parties
                .entry(actor.clone())
                .or_default()
                .push(new_act());
            continue;
        };
        let party = &treaty.parties[p];
        let same_kind = party.actions.iter().position(|a| a.action == *action);
        let same_day = party
            .actions
            .iter()
            .position(|a| a.date == date && same_event(a.action, *action));
        let change = changes.entry(p).or_default();
        match (same_kind, same_day) {
            (None, Some(a)) if options.keep_recorded => {
                let recorded = &expected.parties[p].actions[a];
                let sentence = format!(
                    "{origin} calls this act a {} of {date}.",
                    action.as_str().replace('-', " ")
                );
                let note = with_sentence(recorded.note.as_ref(), &sentence);
                if note != recorded.note {
                    kept.push(format!(
                        "{table}:{first_line}: kept {}'s {} of {}; the table calls it a {}",
                        name(actor),
                        recorded.action.as_str(),
                        recorded.date,
                        action.as_str()
                    ));
                    expected.parties[p].actions[a].note = note;
                    change.changed.push(a);
                }
            }
            (None, _) => {
                change.added.push(new_act());
                new_acts += 1;
            }
            (Some(a), _) if party.actions[a].date != date => {
                if !options.keep_recorded {
                    conflicts.push(format!(
                        "{table}:{first_line}: the record has {}'s {} on {}; the table's earliest deposit was on {date} — correct one of them, or keep the record's acts (--keep-recorded), then import again",
                        name(actor),
                        action.as_str(),
                        party.actions[a].date,
                    ));
                    continue;
                }
                let recorded = &expected.parties[p].actions[a];
                let note = with_sentence(recorded.note.as_ref(), &noted(origin, *action, &date));
                if note != recorded.note {
                    kept.push(format!(
                        "{table}:{first_line}: kept {}'s {} of {}; the table dates it {date}",
                        name(actor),
                        action.as_str(),
                        recorded.date
                    ));
                    expected.parties[p].actions[a].note = note;
                    change.changed.push(a);
                }
            }
            (Some(a), _) => {
                let recorded = &party.actions[a];
                let mut added = Vec::new();
                for d in &deposits {
                    let Some(depositary) = &d.depositary else {
                        // A deposit whose depositary is not named adds nothing when the act
                        // or one of its deposits has that date already.
                        if d.date != recorded.date
                            && !recorded.deposits.iter().any(|r| r.date == d.date)
                        {
                            added.push(d.clone());
                        }
                        continue;
                    };
                    match recorded
                        .deposits
                        .iter()
                        .find(|r| r.depositary.as_ref() == Some(depositary))
                    {
                        Some(r) if r.date != d.date => conflicts.push(format!(
                            "{table}: the record has {}'s {} deposited with {depositary} on {}; the table says {}",
                            name(actor),
                            action.as_str(),
                            r.date,
                            d.date
                        )),
                        Some(_) => {}
                        None => added.push(d.clone()),
                    }
                }
                if added.is_empty() {
                    continue;
                }
                expected.parties[p].actions[a].deposits.extend(added);
                change.changed.push(a);
                change.deposits_only.push(a);
                extended_acts += 1;
            }
        }
    }
    let mut edits = Vec::new();
    for (p, change) in &mut changes {
        let party_node = node.pointer(&format!("/parties/{p}"));
        let actions_node = node.pointer(&format!("/parties/{p}/actions"));
        let who = name(treaty.parties[*p].actor.as_str());
        change.added.sort_by_key(|a| a.date.sort_key());
        expected.parties[*p]
            .actions
            .extend(change.added.iter().cloned());
        let Some((party_node, actions_node)) = party_node.zip(actions_node) else {
            conflicts.push(format!(
                "{table}: {who}'s acts could not be found in the treaty's file"
            ));
            continue;
        };
        if !edit::is_block_list(text, actions_node) {
            // `actions: []` or a flow list: the whole list in block layout.
            match edit::replace_actions(text, party_node, &expected.parties[*p].actions) {
                Some(e) => edits.push(e),
                None => conflicts.push(format!(
                    "{table}: {who}'s acts in the treaty's file could not be rewritten"
                )),
            }
            continue;
        }
        change.changed.sort_unstable();
        change.changed.dedup();
        for a in &change.changed {
            let act = &expected.parties[*p].actions[*a];
            let item = node.pointer(&format!("/parties/{p}/actions/{a}"));
            let inserted = if change.deposits_only.contains(a)
                && treaty.parties[*p].actions[*a].note == act.note
            {
                let recorded = treaty.parties[*p].actions[*a].deposits.len();
                item.and_then(|n| edit::add_deposits(text, n, &act.deposits[recorded..]))
            } else {
                None
            };
            match inserted.or_else(|| item.and_then(|n| edit::replace_act(text, n, act))) {
                Some(e) => edits.push(e),
                None => conflicts.push(format!(
                    "{table}: {who}'s {} in the treaty's file could not be rewritten",
                    act.action.as_str()
                )),
            }
        }
        if !change.added.is_empty() {
            match edit::add_acts(text, actions_node, &change.added) {
                Some(e) => edits.push(e),
                None => conflicts.push(format!(
                    "{table}: {who}'s acts in the treaty's file could not be added to"
                )),
            }
        }
    }
    let new_party_count = new_parties.len();
    for (actor, mut acts) in new_parties {
        acts.sort_by_key(|a| (a.date.sort_key(), same_day_rank(a.action)));
        let party = Party {
            actor: Id(actor.into()),
            actions: acts,
            note: None,
        };
        match edit::add_party(text, node, &party) {
            Some(e) => edits.push(e),
            None => conflicts.push(format!(
                "{table}: the treaty's parties are not a block list; write them as one to import into them"
            )),
        }
        new_acts += party.actions.len();
        expected.parties.push(party);
    }
    if conflicts.is_empty() {
        Ok(Plan {
            edits,
            expected,
            new_acts,
            extended_acts,
            new_parties: new_party_count,
            kept,
        })
    } else {
        Err(conflicts)
    }
}

/// Acts of one day in the order they happen (a signature before the ratification).
fn same_day_rank(action: ActionKind) -> u8 {
    match action {
        ActionKind::Signature => 0,
        ActionKind::Ratification | ActionKind::Accession | ActionKind::Succession => 1,
        _ => 2,
    }
}
