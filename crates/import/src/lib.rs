//! Writes records into the data folder: skeletons of new records ([`scaffold`], for
//! `treatywatch new`), and outside records imported.
//!
//! The import: a depositary participation table merged into a
//! treaty's `parties` — one act per state and action, dated by its earliest deposit, every
//! deposit kept in the act's `deposits`, every act citing the source the table came from.
//!
//! Nothing is written unless everything fits: an unknown state name (without
//! `create_actors`), an ambiguous one, a row dated before its state existed with no recorded
//! predecessor, or an act the record already has on another date (unless the record's acts
//! are kept) is reported, with the table's line, and the data is left as it was. The treaty's
//! file is edited in place — lines inserted, and only an act or a list not in block layout,
//! or an act whose note changes, rewritten — and the result is parsed back and checked
//! against the intended record before anything is written, atomically.

mod edit;
mod emit;
mod names;
mod plan;
mod resolve;
pub mod scaffold;
mod table;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use treatywatch_loader::Limits;
use treatywatch_loader::temporary::write_atomic;
use treatywatch_model::{Actor, ActorKind, Citation, Id, Record, RecordKind, Treaty};

pub use table::WithdrawalDates;

/// What to import and how.
#[derive(Debug, Clone)]
pub struct Options {
    pub data_dir: PathBuf,
    /// The table (CSV).
    pub table: PathBuf,
    /// The treaty's id.
    pub treaty: String,
    /// The source record the table came from: every act written cites it.
    pub source: String,
    /// Create a state actor for every unknown name, its id the table's ISO 3166-1 alpha-3
    /// code in lower case.
    pub create_actors: bool,
    /// Where the table dates an act the record already has on another day, keep the
    /// record's act and note the table's date in it, instead of refusing.
    pub keep_recorded: bool,
    pub withdrawal: WithdrawalDates,
    pub limits: Limits,
}

/// What an import did.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// The data changed: the summary lines to print.
    Written(Vec<String>),
    /// The record already had everything.
    Unchanged(String),
    /// Nothing was written: every problem, each with its place.
    Refused(Vec<String>),
}

/// Why the import could not run at all (a usage error: the command exits 2).
#[derive(Debug, Clone, PartialEq)]
pub struct Error(pub String);

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

/// Merges the depositary table of `options` into its treaty.
pub fn depositary(options: &Options) -> Result<Outcome, Error> {
    let data = treatywatch_loader::load(&options.data_dir, options.limits)
        .map_err(|e| Error(e.to_string()))?;
    let treaty_id = options.treaty.as_str();
    let Some(record) = data
        .records
        .iter()
        .find(|r| r.id() == Some(treaty_id) && r.kind == RecordKind::Treaty)
    else {
        return Err(Error(format!(
            "no treaty `{treaty_id}` in {}",
            options.data_dir.display()
        )));
    };
    let Some(Record::Treaty(treaty)) = &record.record else {
        return Err(Error(format!(
            "the treaty `{treaty_id}` ({}) does not fit the data model; run `treatywatch validate` and fix it first",
            data.files[record.file].path
        )));
    };
    let index = data.index();
    let Some(source) = index.source(&options.source) else {
        return Err(Error(format!(
            "no source `{}` in {}: add a source record for the table (what it is, where it came from) and name it with --source",
            options.source,
            options.data_dir.display()
        )));
    };
    // How a kept act's note names the table, by what a reader can look up: "The record of
    // United Nations Office for Disarmament Affairs (UNODA), 2026-08-22,".
    let origin = format!("The record of {}, {},", source.publisher, source.published);
    let rows = match table::read(&options.table, options.withdrawal).map_err(Error)? {
        Ok(rows) => rows,
        Err(problems) => return Ok(refused(problems, "the table has errors")),
    };
    let actors: Vec<&Actor> = index.actors().map(|(_, a)| a).collect();
    let table_name = options.table.display().to_string();
    let resolved = match resolve::resolve(&rows, &actors, treaty, options, &table_name) {
        Ok(r) => r,
        Err(problems) => return Ok(refused(problems, "nothing was written")),
    };
    let text = &data.files[record.file].text;
    let mut names: BTreeMap<String, String> = actors
        .iter()
        .map(|a| (a.id.to_string(), a.name.clone()))
        .collect();
    names.extend(
        resolved
            .created
            .iter()
            .map(|a| (a.id.to_string(), a.name.clone())),
    );
    let plan = match plan::plan(
        treaty,
        &record.node,
        text,
        &resolved,
        options,
        &names,
        &origin,
    ) {
        Ok(plan) => plan,
        Err(conflicts) => return Ok(refused(conflicts, "nothing was written")),
    };
    if plan.edits.is_empty() && resolved.created.is_empty() {
        return Ok(Outcome::Unchanged(format!(
            "{treaty_id}: the record already has every act and deposit of the table"
        )));
    }
    let new_text = edit::apply(text, &plan.edits);
    check_treaty(&new_text, treaty_id, &plan.expected, options.limits)?;

    // Written: new actors first (a treaty naming a missing actor would not validate).
    let mut summary = Vec::new();
    if !resolved.created.is_empty() {
        let (path, text) = actors_file(&data, &options.data_dir, &resolved.created)?;
        check_actors(&text, &resolved.created, options.limits)?;
        write_atomic(&path, text.as_bytes())
            .map_err(|e| Error(format!("cannot write {}: {e}", path.display())))?;
        summary.push(format!(
            "created {} state actor(s) in {}: {}",
            resolved.created.len(),
            path.display(),
            resolved
                .created
                .iter()
                .map(|a| a.id.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    summary.extend(resolved.attributed.iter().cloned());
    let path = PathBuf::from(&data.files[record.file].path);
    write_atomic(&path, new_text.as_bytes())
        .map_err(|e| Error(format!("cannot write {}: {e}", path.display())))?;
    summary.extend(plan.kept.iter().cloned());
    summary.push(format!(
        "{treaty_id}: {} new act(s), of them {} of new parties; {} act(s) gained deposits; {} recorded act(s) kept with the table's date noted — {}",
        plan.new_acts,
        plan.new_parties,
        plan.extended_acts,
        plan.kept.len(),
        path.display()
    ));
    Ok(Outcome::Written(summary))
}

fn refused(mut problems: Vec<String>, what: &str) -> Outcome {
    problems.push(what.to_string());
    Outcome::Refused(problems)
}

/// Where new actors go, and that file's new text: appended to `actors/states.yaml` when it is
/// a list of records, else a new file of that name holding them.
fn actors_file(
    data: &treatywatch_loader::Dataset,
    data_dir: &Path,
    created: &[Actor],
) -> Result<(PathBuf, String), Error> {
    let path = data_dir.join("actors").join("states.yaml");
    let shown = treatywatch_loader::display_path(&path);
    let items: String = created
        .iter()
        .map(|a| format!("\n{}", emit::actor_item(a)))
        .collect();
    match data.files.iter().find(|f| f.path == shown) {
        Some(file) => {
            let listed = data
                .records
                .iter()
                .any(|r| r.in_list && data.files[r.file].path == shown);
            if !listed {
                return Err(Error(format!(
                    "{shown} is not a list of records: new actors cannot be appended to it"
                )));
            }
            let mut text = file.text.clone();
            if !text.ends_with('\n') {
                text.push('\n');
            }
            text.push_str(&items);
            Ok((path, text))
        }
        None if path.exists() => Err(Error(format!("{shown} could not be read as data"))),
        None => Ok((path, items.trim_start().to_string())),
    }
}

/// The new actors' records, built from the table: id and code from `iso3166`, the table's
/// name, and the source that names the state.
pub(crate) fn new_actor(name: &str, code: &str, source: &str, line: usize) -> Actor {
    Actor {
        id: Id(code.to_ascii_lowercase().into()),
        name: name.to_string(),
        kind: ActorKind::State,
        aliases: Vec::new(),
        iso3166: Some(code.to_string()),
        wikidata: None,
        existed: None,
        roles: Vec::new(),
        sources: vec![Citation {
            source: Id(source.into()),
            locator: Some(format!("the state named “{name}” (table line {line})")),
        }],
        note: None,
        allow: Vec::new(),
    }
}

fn parse_back(text: &str, limits: Limits) -> Result<Vec<serde_json::Value>, Error> {
    let index = treatywatch_loader::LineIndex::new(text);
    let parsed = treatywatch_loader::yaml::parse(text, &index, limits);
    if let Some(problem) = parsed.problems.first() {
        return Err(bug(&problem.message));
    }
    let root = parsed.root.ok_or_else(|| bug("empty"))?;
    Ok(match root.to_json() {
        serde_json::Value::Array(items) => items,
        one => vec![one],
    })
}

fn bug(why: &str) -> Error {
    Error(format!(
        "the edited file would not be right ({why}); nothing was written — please report this"
    ))
}

/// Parses the edited treaty file back: it must hold the treaty exactly as planned, and parse
/// without a problem. Anything else is a bug of this command, and nothing is written.
fn check_treaty(
    text: &str,
    treaty_id: &str,
    expected: &Treaty,
    limits: Limits,
) -> Result<(), Error> {
    let found = parse_back(text, limits)?
        .into_iter()
        .find(|r| r.get("id").and_then(|v| v.as_str()) == Some(treaty_id))
        .ok_or_else(|| bug("the treaty is gone"))?;
    let treaty: Treaty = serde_json::from_value(found).map_err(|e| bug(&e.to_string()))?;
    if &treaty != expected {
        return Err(bug("it differs from the planned record"));
    }
    Ok(())
}

/// Parses the new actors file back: its last records must be the new actors.
fn check_actors(text: &str, created: &[Actor], limits: Limits) -> Result<(), Error> {
    let records = parse_back(text, limits)?;
    let tail = records
        .len()
        .checked_sub(created.len())
        .ok_or_else(|| bug("actors are missing"))?;
    for (value, expected) in records[tail..].iter().zip(created) {
        let actor: Actor =
            serde_json::from_value(value.clone()).map_err(|e| bug(&e.to_string()))?;
        if &actor != expected {
            return Err(bug("a new actor differs from the planned record"));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const TREATY: &str = "- id: t\n  name: T\n  short_name: T\n  kind: bilateral\n  opened: 1987-12-08\n  parties: []\n";
    const ACTORS: &str = "- id: aut\n  name: Austria\n  kind: state\n  iso3166: AUT\n";

    /// The self-checks refuse an edited file that does not hold what was planned: the last
    /// guard before a wrong file is written.
    #[test]
    fn the_edited_files_are_checked_against_the_plan() {
        let limits = Limits::default();
        let value = parse_back(TREATY, limits).unwrap().remove(0);
        let planned: Treaty = serde_json::from_value(value).unwrap();
        assert_eq!(check_treaty(TREATY, "t", &planned, limits), Ok(()));
        let other = Treaty {
            name: "Another".into(),
            ..planned.clone()
        };
        let refused = check_treaty(TREATY, "t", &other, limits).unwrap_err();
        assert!(
            refused.0.contains("differs from the planned record"),
            "{refused}"
        );
        assert!(check_treaty(TREATY, "gone", &planned, limits).is_err());

        let value = parse_back(ACTORS, limits).unwrap().remove(0);
        let created: Actor = serde_json::from_value(value).unwrap();
        assert_eq!(
            check_actors(ACTORS, std::slice::from_ref(&created), limits),
            Ok(())
        );
        let renamed = Actor {
            name: "Österreich".into(),
            ..created.clone()
        };
        let refused = check_actors(ACTORS, &[renamed], limits).unwrap_err();
        assert!(
            refused.0.contains("differs from the planned record"),
            "{refused}"
        );
        assert!(check_actors(ACTORS, &[created.clone(), created], limits).is_err());
    }
}
