//! `treatywatch import depositary FILE.csv --treaty ID`: merges a depositary participation
//! table into a treaty's `parties` — one act per state and action, dated by its earliest
//! deposit, every deposit kept in the act's `deposits`.
//!
//! Nothing is written unless everything fits: an unknown state name (without
//! `--create-actors`), an ambiguous one, or an act the record already has on another date is
//! reported, with the table's line, and the data is left as it was. The treaty's file is
//! edited by inserting lines — its comments and every untouched record stay byte-identical —
//! and the result is parsed back and checked against the intended record before it is
//! written, atomically.

mod edit;
mod names;
mod table;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use treatywatch_loader::{Limits, Node};
use treatywatch_model::{Action, ActionKind, Date, Deposit, Id, Party, Record, Treaty};

use edit::Edit;
use names::Names;

/// The acts the table asks for: per state and action (by name), the action and its deposits
/// with their lines, earliest first.
type Wanted = BTreeMap<(String, &'static str), (ActionKind, Deposits)>;

/// An act's deposits, each with its table line.
type Deposits = Vec<(Deposit, usize)>;

pub(crate) fn depositary(
    data_dir: &Path,
    file: &Path,
    treaty_id: &str,
    create_actors: bool,
) -> Result<ExitCode, String> {
    let data = treatywatch_loader::load(data_dir, Limits::default()).map_err(|e| e.to_string())?;
    let Some(record) = data
        .records
        .iter()
        .find(|r| r.id() == Some(treaty_id) && r.kind == treatywatch_model::RecordKind::Treaty)
    else {
        return Err(format!("no treaty `{treaty_id}` in {}", data_dir.display()));
    };
    let Some(Record::Treaty(treaty)) = &record.record else {
        return Err(format!(
            "the treaty `{treaty_id}` ({}) does not fit the data model; run `treatywatch validate` and fix it first",
            data.files[record.file].path
        ));
    };
    let rows = match table::read(file) {
        Ok(rows) => rows,
        Err(problems) => return fail(&problems, "the table has errors"),
    };

    // State names to actor ids.
    let actors: Vec<&treatywatch_model::Actor> = data.index().actors().map(|(_, a)| a).collect();
    let names = Names::new(actors.iter().copied());
    let mut unknown: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    let mut problems = Vec::new();
    let mut ids: BTreeMap<String, String> = BTreeMap::new();
    for row in &rows {
        match names.find(&row.state) {
            [one] => {
                ids.insert(row.state.clone(), one.clone());
            }
            [] => unknown.entry(row.state.clone()).or_default().push(row.line),
            several => problems.push(format!(
                "{}:{}: `{}` may be any of {}; add an alias to the right actor",
                file.display(),
                row.line,
                row.state,
                several.join(", ")
            )),
        }
    }
    let mut created: Vec<(String, String)> = Vec::new();
    if !unknown.is_empty() {
        if create_actors {
            for name in unknown.keys() {
                let id = unused_id(&names::id_for(name), &actors, &created);
                ids.insert(name.clone(), id.clone());
                created.push((id, name.clone()));
            }
        } else {
            let mut message = format!(
                "{} state name(s) of {} match no actor (by name, alias or ISO code, ignoring case, accents and punctuation):",
                unknown.len(),
                file.display()
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
                "\n  help: add the name as an alias of its actor, or pass --create-actors to create new state actors",
            );
            problems.push(message);
        }
    }

    // One act per state and action, dated by its earliest deposit.
    let mut wanted: Wanted = BTreeMap::new();
    for row in &rows {
        let Some(id) = ids.get(&row.state) else {
            continue;
        };
        let (_, deposits) = wanted
            .entry((id.clone(), row.action.as_str()))
            .or_insert_with(|| (row.action, Vec::new()));
        match deposits
            .iter()
            .find(|(d, _)| d.depositary == row.depositary)
        {
            Some((d, line)) if d.date != row.date => problems.push(format!(
                "{}:{}: {} deposited its {} with {} on {} and, on line {line}, on {}",
                file.display(),
                row.line,
                row.state,
                row.action.as_str(),
                row.depositary,
                row.date,
                d.date
            )),
            Some(_) => {}
            None => deposits.push((
                Deposit {
                    depositary: row.depositary.clone(),
                    date: row.date,
                },
                row.line,
            )),
        }
    }
    for (_, deposits) in wanted.values_mut() {
        deposits.sort_by(|a, b| {
            (a.0.date.sort_key(), &a.0.depositary).cmp(&(b.0.date.sort_key(), &b.0.depositary))
        });
    }
    if !problems.is_empty() {
        return fail(&problems, "nothing was written");
    }

    // What changes, as edits of the treaty's file and as the record it must give.
    let text = &data.files[record.file].text;
    let mut display: BTreeMap<String, String> = actors
        .iter()
        .map(|a| (a.id.to_string(), a.name.clone()))
        .collect();
    display.extend(created.iter().cloned());
    let plan = match plan(treaty, &record.node, text, &wanted, file, &display) {
        Ok(plan) => plan,
        Err(conflicts) => return fail(&conflicts, "nothing was written"),
    };
    if plan.edits.is_empty() && created.is_empty() {
        println!("{treaty_id}: the record already has every act and deposit of the table");
        return Ok(ExitCode::SUCCESS);
    }
    let new_text = edit::apply(text, &plan.edits);
    check_result(&new_text, treaty_id, &plan.expected)?;

    // Written: new actors first (a treaty naming a missing actor would not validate).
    for (id, name) in &created {
        let path = data_dir.join("actors").join(format!("{id}.yaml"));
        let yaml = format!("id: {id}\nname: {}\nkind: state\n", edit::scalar(name));
        treatywatch_reporting::write_new_atomic(&path, yaml.as_bytes())
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        println!("created actor {id} ({name}): {}", path.display());
    }
    let path = PathBuf::from(&data.files[record.file].path);
    treatywatch_reporting::write_atomic(&path, new_text.as_bytes())
        .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    println!(
        "{treaty_id}: {} new act(s), of them {} of new parties; {} act(s) gained deposits — {}",
        plan.new_acts,
        plan.new_parties,
        plan.extended_acts,
        path.display()
    );
    Ok(ExitCode::SUCCESS)
}

fn fail(problems: &[String], what: &str) -> Result<ExitCode, String> {
    for p in problems {
        eprintln!("error: {p}");
    }
    eprintln!("error: {what}");
    Ok(ExitCode::from(1))
}

/// An id not used by any actor nor by another new one: `base`, else `base-2`, `base-3`, …
fn unused_id(
    base: &str,
    actors: &[&treatywatch_model::Actor],
    created: &[(String, String)],
) -> String {
    let taken = |id: &str| {
        actors.iter().any(|a| a.id.as_str() == id) || created.iter().any(|(c, _)| c == id)
    };
    let base = if base.is_empty() { "state" } else { base };
    if !taken(base) {
        return base.to_string();
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|id| !taken(id))
        .unwrap_or_else(|| base.to_string())
}

/// The edits to make and the treaty they must give.
struct Plan {
    edits: Vec<Edit>,
    expected: Treaty,
    new_acts: usize,
    extended_acts: usize,
    new_parties: usize,
}

fn plan(
    treaty: &Treaty,
    node: &Node,
    text: &str,
    wanted: &Wanted,
    file: &Path,
    names: &BTreeMap<String, String>,
) -> Result<Plan, Vec<String>> {
    let name = |id: &str| names.get(id).cloned().unwrap_or_else(|| id.to_string());
    let mut expected = treaty.clone();
    let mut edits = Vec::new();
    let mut conflicts = Vec::new();
    let (mut new_acts, mut extended_acts, mut new_parties) = (0, 0, 0);
    // New parties' acts, gathered to be written as one block per party.
    let mut new_party_acts: BTreeMap<String, Vec<Action>> = BTreeMap::new();
    // A party's acts in date order.
    let mut acts: Vec<(&String, &ActionKind, &Deposits)> = wanted
        .iter()
        .map(|((actor, _), (action, deposits))| (actor, action, deposits))
        .collect();
    acts.sort_by_key(|(actor, _, deposits)| {
        (
            (*actor).clone(),
            deposits.first().map(|(d, _)| d.date.sort_key()),
        )
    });
    for (actor, action, deposits) in acts {
        let Some((first, first_line)) = deposits.first() else {
            continue;
        };
        let date = first.date;
        let all: Vec<Deposit> = deposits.iter().map(|(d, _)| d.clone()).collect();
        let party_index = treaty
            .parties
            .iter()
            .position(|p| p.actor.as_str() == actor);
        let Some(p) = party_index else {
            new_party_acts
                .entry(actor.clone())
                .or_default()
                .push(act(*action, date, all));
            continue;
        };
        let party = &treaty.parties[p];
        let existing = party.actions.iter().position(|a| a.action == *action);
        match existing {
            Some(a) if party.actions[a].date != date => conflicts.push(format!(
                "{}:{first_line}: the record has {}'s {} on {}; the table's earliest deposit was on {date} — correct one of them, then import again",
                file.display(),
                name(actor),
                action.as_str(),
                party.actions[a].date,
            )),
            Some(a) => {
                let recorded = &party.actions[a];
                let mut added = Vec::new();
                for d in &all {
                    match recorded.deposits.iter().find(|r| r.depositary == d.depositary) {
                        Some(r) if r.date != d.date => conflicts.push(format!(
                            "{}: the record has {}'s {} deposited with {} on {}; the table says {}",
                            file.display(),
                            name(actor),
                            action.as_str(),
                            d.depositary,
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
                let act_node = node.pointer(&format!("/parties/{p}/actions/{a}"));
                match act_node.and_then(|n| edit::add_deposits(text, n, &added)) {
                    Some(e) => edits.push(e),
                    None => conflicts.push(format!(
                        "{}: {}'s {} in the treaty's file is not in block layout; write it as a block mapping to import into it",
                        file.display(),
                        name(actor),
                        action.as_str()
                    )),
                }
                expected.parties[p].actions[a].deposits.extend(added);
                extended_acts += 1;
            }
            None => {
                let new = act(*action, date, all);
                let actions_node = node.pointer(&format!("/parties/{p}/actions"));
                match actions_node.and_then(|n| edit::add_acts(text, n, std::slice::from_ref(&new))) {
                    Some(e) => edits.push(e),
                    None => conflicts.push(format!(
                        "{}: {}'s acts in the treaty's file are not a block list; write them as one to import into them",
                        file.display(),
                        name(actor)
                    )),
                }
                expected.parties[p].actions.push(new);
                new_acts += 1;
            }
        }
    }
    for (actor, acts) in new_party_acts {
        let party = Party {
            actor: Id(actor.into()),
            actions: acts,
            note: None,
        };
        match edit::add_party(text, node, &party) {
            Some(e) => edits.push(e),
            None => conflicts.push(format!(
                "{}: the treaty's parties are not a block list; write them as one to import into them",
                file.display()
            )),
        }
        new_acts += party.actions.len();
        expected.parties.push(party);
        new_parties += 1;
    }
    if conflicts.is_empty() {
        Ok(Plan {
            edits,
            expected,
            new_acts,
            extended_acts,
            new_parties,
        })
    } else {
        Err(conflicts)
    }
}

fn act(action: ActionKind, date: Date, deposits: Vec<Deposit>) -> Action {
    Action {
        action,
        date,
        from: None,
        source: None,
        note: None,
        deposits,
    }
}

/// Parses the edited file back: it must hold the treaty exactly as planned, and parse
/// without a problem. Anything else is a bug of this command, and nothing is written.
fn check_result(text: &str, treaty_id: &str, expected: &Treaty) -> Result<(), String> {
    let index = treatywatch_loader::LineIndex::new(text);
    let parsed = treatywatch_loader::yaml::parse(text, &index, Limits::default());
    let bug = |why: &str| {
        format!(
            "the edited treaty file would not be right ({why}); nothing was written — please report this"
        )
    };
    if !parsed.problems.is_empty() {
        return Err(bug(&parsed.problems[0].message));
    }
    let root = parsed.root.ok_or_else(|| bug("empty"))?;
    let records: Vec<serde_json::Value> = match root.to_json() {
        serde_json::Value::Array(items) => items,
        one => vec![one],
    };
    let found = records
        .into_iter()
        .find(|r| r.get("id").and_then(|v| v.as_str()) == Some(treaty_id))
        .ok_or_else(|| bug("the treaty is gone"))?;
    let treaty: Treaty = serde_json::from_value(found).map_err(|e| bug(&e.to_string()))?;
    if &treaty != expected {
        return Err(bug("it differs from the planned record"));
    }
    Ok(())
}
