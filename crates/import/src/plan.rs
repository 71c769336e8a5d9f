//! From the acts the table asks for to the changes of the treaty: which are new, which add
//! deposits, which the record has on another day (a conflict, or kept with a note), and how
//! the treaty's file is edited to hold them.

use std::collections::BTreeMap;

use treatywatch_loader::Node;
use treatywatch_model::{Action, ActionKind, Deposit, Id, Party, Treaty};

use crate::Options;
use crate::edit::{self, Edit};
use crate::resolve::Resolved;

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
        acts.sort_by_key(|a| (a.date.sort_key(), a.action.same_day_rank()));
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
