//! The import's edges the CLI's end-to-end tests do not reach: where new actors go, and a
//! withdrawal on the day of a recorded revocation.

use super::*;

/// Where new actors go: appended to `actors/states.yaml` (a line break added when the file
/// lacks its last one), or a new file of that name when there is none; never into a file that
/// is not a list of records.
#[test]
fn new_actors_are_appended_to_the_states_list_or_start_it() {
    let creating = |data: &Path| Options {
        create_actors: true,
        ..options(data, &table("create.csv"))
    };
    // No final line break: the new records still start on their own line.
    let (_dir, data) = scratch();
    let states = data.join("actors/states.yaml");
    let before = read(&states);
    std::fs::write(&states, before.trim_end()).unwrap();
    written(import(creating(&data)));
    let after = read(&states);
    assert!(after.starts_with(before.trim_end()), "{after}");
    assert!(after.contains("\n\n- id: aut\n"), "{after}");
    assert_valid(&data, true);

    // The states in another file: states.yaml is made, holding only the new ones.
    let (_dir, data) = scratch();
    let states = data.join("actors/states.yaml");
    std::fs::rename(&states, data.join("actors/known.yaml")).unwrap();
    written(import(creating(&data)));
    let made = read(&states);
    assert!(made.starts_with("- id: aut\n"), "{made}");
    assert_eq!(made.matches("\n- id: ").count() + 1, 3, "{made}");
    assert_valid(&data, true);

    // states.yaml holding one record, not a list: refused, nothing written.
    let (_dir, data) = scratch();
    let states = data.join("actors/states.yaml");
    let one = "id: usa\nname: United States\nkind: state\niso3166: USA\n";
    std::fs::rename(&states, data.join("actors/known.yaml")).unwrap();
    let known = read(&data.join("actors/known.yaml")).replace(
        "- id: usa\n  name: United States\n  kind: state\n  aliases: [United States of America]\n  iso3166: USA\n",
        "",
    );
    std::fs::write(data.join("actors/known.yaml"), known).unwrap();
    std::fs::write(&states, one).unwrap();
    let npt = read(&data.join("treaties/npt.yaml"));
    let message = failed(import(creating(&data)));
    assert!(message.contains("is not a list of records"), "{message}");
    assert_eq!(read(&states), one);
    assert_eq!(read(&data.join("treaties/npt.yaml")), npt);
}

/// A withdrawal in the table on the day the record has the party's ratification revoked is
/// that act in other words (UNODA calls Russia's CTBT revocation a withdrawal): with
/// `keep_recorded` the recorded act stands and notes what the table calls it. Without it, or
/// on another day, the table's act is a new one.
#[test]
fn a_withdrawal_on_the_day_of_a_recorded_revocation_is_that_act() {
    let acts_of_usa = |data: &Path| -> Vec<(ActionKind, String, Option<String>)> {
        let loaded = treatywatch_testkit::load(data);
        let index = loaded.index();
        let npt = index.treaty("npt").unwrap();
        let usa = npt
            .parties
            .iter()
            .find(|p| p.actor.as_str() == "usa")
            .unwrap();
        usa.actions
            .iter()
            .map(|a| (a.action, a.date.to_string(), a.note.clone()))
            .collect()
    };
    let revoked = |dir: &Path, data: &Path, day: &str| -> PathBuf {
        let path = data.join("treaties/npt.yaml");
        let npt = read(&path).replace(
            "        note: Deposited on the day of entry into force.\n",
            "        note: Deposited on the day of entry into force.\n      - action: ratification-revoked\n        date: 2001-12-13\n",
        );
        assert!(npt.contains("ratification-revoked"));
        std::fs::write(&path, npt).unwrap();
        let csv = dir.join("revoked.csv");
        let row =
            format!("date,state,action,depositary\n{day},United States of America,Withdrawal,\n");
        std::fs::write(&csv, row).unwrap();
        csv
    };

    // The same day, keeping the record's acts: the revocation notes the table's words.
    let (dir, data) = scratch();
    let csv = revoked(dir.path(), &data, "2001-12-13");
    written(import(Options {
        keep_recorded: true,
        ..options(&data, &csv)
    }));
    let acts = acts_of_usa(&data);
    assert!(
        !acts.iter().any(|a| a.0 == ActionKind::WithdrawalNotice),
        "{acts:?}"
    );
    let revocation = acts
        .iter()
        .find(|a| a.0 == ActionKind::RatificationRevoked)
        .unwrap();
    let note = revocation.2.as_deref().unwrap_or_default();
    assert!(
        note.contains("calls this act a withdrawal notice of 2001-12-13."),
        "{note}"
    );

    // The same day without keeping them, and another day with: a new notice.
    for (keep_recorded, day) in [(false, "2001-12-13"), (true, "2001-12-14")] {
        let (dir, data) = scratch();
        let csv = revoked(dir.path(), &data, day);
        written(import(Options {
            keep_recorded,
            ..options(&data, &csv)
        }));
        let acts = acts_of_usa(&data);
        assert!(
            acts.iter()
                .any(|a| a.0 == ActionKind::WithdrawalNotice && a.1 == day),
            "{keep_recorded} {day}: {acts:?}"
        );
        let revocation = acts
            .iter()
            .find(|a| a.0 == ActionKind::RatificationRevoked)
            .unwrap();
        assert_eq!(revocation.2, None, "{keep_recorded} {day}");
    }
}

/// Writes a table beside the data folder: the header and `rows`.
fn write_table(data: &Path, rows: &[&str]) -> PathBuf {
    let path = data.parent().unwrap().join("table.csv");
    let mut text = String::from("date,state,action,depositary\n");
    for row in rows {
        text.push_str(row);
        text.push('\n');
    }
    std::fs::write(&path, text).unwrap();
    path
}

/// The United States' NPT ratification as recorded, with a deposit with London on
/// `london` when given.
fn with_london_deposit(data: &Path, london: &str) {
    let path = data.join("treaties/npt.yaml");
    let npt = read(&path).replace(
        "        note: Deposited on the day of entry into force.\n",
        &format!(
            "        note: Deposited on the day of entry into force.\n        deposits:\n          - depositary: London\n            date: {london}\n"
        ),
    );
    assert!(npt.contains("depositary: London"));
    std::fs::write(&path, npt).unwrap();
}

/// One state's deposits of one act with one depositary on two days: the table contradicts
/// itself, and says where.
#[test]
fn two_days_for_one_deposit_with_one_depositary_are_refused() {
    let (_dir, data) = scratch();
    let table = write_table(
        &data,
        &[
            "1970-03-05,United States of America,Ratification,London",
            "1970-03-07,United States of America,Ratification,London",
        ],
    );
    let npt = read(&data.join("treaties/npt.yaml"));
    let message = refused(import(options(&data, &table)));
    assert!(
        message.contains(
            "table.csv:3: United States of America deposited its ratification with London on 1970-03-07 and, on line 2, on 1970-03-05"
        ),
        "{message}"
    );
    assert_eq!(read(&data.join("treaties/npt.yaml")), npt);
    // The same deposit twice is one deposit, not a contradiction.
    let table = write_table(
        &data,
        &[
            "1970-03-05,United States of America,Ratification,London",
            "1970-03-05,United States of America,Ratification,London",
        ],
    );
    written(import(options(&data, &table)));
    assert_eq!(
        read(&data.join("treaties/npt.yaml"))
            .matches("depositary: London")
            .count(),
        1
    );
}

/// A deposit whose depositary the table does not name is kept once however often the table
/// repeats it, and adds nothing on the act's own day.
#[test]
fn a_deposit_without_a_depositary_is_added_once_and_never_on_the_acts_day() {
    let (_dir, data) = scratch();
    // The act's own day: nothing to add.
    let table = write_table(
        &data,
        &["1970-03-05,United States of America,Ratification,"],
    );
    unchanged(import(options(&data, &table)));
    // A later day, twice: one deposit.
    let table = write_table(
        &data,
        &[
            "1970-03-05,United States of America,Ratification,Washington",
            "1970-03-06,United States of America,Ratification,",
            "1970-03-06,United States of America,Ratification,",
        ],
    );
    written(import(options(&data, &table)));
    let usa = party(&data, "usa");
    let ratification = usa
        .actions
        .iter()
        .find(|a| a.action == ActionKind::Ratification)
        .unwrap();
    let days: Vec<String> = ratification
        .deposits
        .iter()
        .map(|d| format!("{} {}", d.date, d.depositary.as_deref().unwrap_or("-")))
        .collect();
    assert_eq!(days, ["1970-03-05 Washington", "1970-03-06 -"]);
    assert_valid(&data, false);
}

/// A deposit the record has with a depositary on another day than the table's: a conflict,
/// and nothing is written.
#[test]
fn a_recorded_deposit_on_another_day_is_a_conflict() {
    let (_dir, data) = scratch();
    with_london_deposit(&data, "1970-03-05");
    let table = write_table(
        &data,
        &[
            "1970-03-05,United States of America,Ratification,Washington",
            "1970-03-07,United States of America,Ratification,London",
        ],
    );
    let npt = read(&data.join("treaties/npt.yaml"));
    let message = refused(import(options(&data, &table)));
    assert!(
        message.contains(
            "the record has United States's ratification deposited with London on 1970-03-05; the table says 1970-03-07"
        ),
        "{message}"
    );
    assert_eq!(read(&data.join("treaties/npt.yaml")), npt);
    // The same day: the recorded deposit stands and Washington's is added beside it.
    let table = write_table(
        &data,
        &[
            "1970-03-05,United States of America,Ratification,Washington",
            "1970-03-05,United States of America,Ratification,London",
        ],
    );
    written(import(options(&data, &table)));
    let text = read(&data.join("treaties/npt.yaml"));
    assert_eq!(text.matches("depositary: London").count(), 1, "{text}");
    assert!(text.contains("depositary: Washington"), "{text}");
}

/// `--treaty` must name a treaty: an actor's id is "no treaty", not a treaty that does not
/// fit the model; and the error reads as its message.
#[test]
fn a_treaty_id_that_names_an_actor_is_no_treaty() {
    let (_dir, data) = scratch();
    let options = Options {
        treaty: "usa".to_string(),
        ..options(&data, &table("depositary.csv"))
    };
    let error = import(options).unwrap_err();
    assert!(error.0.starts_with("no treaty `usa` in "), "{error:?}");
    assert_eq!(error.to_string(), error.0);
}

/// Where `actors/states.yaml` is there but is no file of data (a folder of that name), new
/// actors are not written anywhere: the import says so.
#[test]
fn new_actors_are_not_written_where_states_yaml_is_not_a_data_file() {
    let (_dir, data) = scratch();
    let states = data.join("actors/states.yaml");
    let known = data.join("actors/known.yaml");
    std::fs::rename(&states, &known).unwrap();
    std::fs::create_dir_all(states.join("inside")).unwrap();
    let npt = read(&data.join("treaties/npt.yaml"));
    let creating = Options {
        create_actors: true,
        ..options(&data, &table("create.csv"))
    };
    let message = failed(import(creating));
    assert!(message.contains("could not be read as data"), "{message}");
    assert_eq!(read(&data.join("treaties/npt.yaml")), npt);
}

/// Only a withdrawal (or its notice) can be a recorded act of another kind in other words:
/// with `keep_recorded`, a ratification or a withdrawal in the table on the day of a recorded
/// signature is a new act, not that signature.
#[test]
fn an_act_on_the_day_of_a_recorded_signature_is_a_new_act() {
    // A table's withdrawal is dated by its notice (the import's default).
    for (row, action) in [
        ("Ratification", "ratification"),
        ("Withdrawal", "withdrawal-notice"),
    ] {
        let (_dir, data) = scratch();
        let table = write_table(
            &data,
            &[&format!(
                "1968-07-01,United Kingdom of Great Britain and Northern Ireland,{row},London"
            )],
        );
        let keeping = Options {
            keep_recorded: true,
            ..options(&data, &table)
        };
        written(import(keeping));
        let gbr = party(&data, "gbr");
        let acts: Vec<String> = gbr
            .actions
            .iter()
            .map(|a| format!("{} {}", a.action.as_str(), a.date))
            .collect();
        assert_eq!(
            acts,
            [
                "signature 1968-07-01".to_string(),
                format!("{action} 1968-07-01")
            ],
            "{row}"
        );
        assert!(
            gbr.actions[0].note.is_none(),
            "{row}: {:?}",
            gbr.actions[0].note
        );
    }
}

/// A deposit without a depositary is new unless the record has a deposit on its day: one on
/// another day does not make it known.
#[test]
fn a_deposit_without_a_depositary_is_known_by_its_day() {
    let ratification_deposits = |data: &Path| -> Vec<String> {
        let usa = party(data, "usa");
        usa.actions
            .iter()
            .find(|a| a.action == ActionKind::Ratification)
            .unwrap()
            .deposits
            .iter()
            .map(|d| format!("{} {}", d.date, d.depositary.as_deref().unwrap_or("-")))
            .collect()
    };
    // The record's deposit is on another day: the table's is added.
    let (_dir, data) = scratch();
    with_london_deposit(&data, "1970-03-05");
    let table = write_table(
        &data,
        &[
            "1970-03-05,United States of America,Ratification,Washington",
            "1970-03-06,United States of America,Ratification,",
        ],
    );
    written(import(options(&data, &table)));
    let deposits = ratification_deposits(&data);
    assert!(
        deposits.contains(&"1970-03-06 -".to_string()),
        "{deposits:?}"
    );
    // The record's deposit is on its day: it is not added again.
    let (_dir, data) = scratch();
    with_london_deposit(&data, "1970-03-06");
    let table = write_table(
        &data,
        &[
            "1970-03-05,United States of America,Ratification,Washington",
            "1970-03-06,United States of America,Ratification,",
        ],
    );
    written(import(options(&data, &table)));
    let deposits = ratification_deposits(&data);
    assert!(!deposits.iter().any(|d| d.ends_with(" -")), "{deposits:?}");
    assert!(
        deposits.contains(&"1970-03-06 London".to_string()),
        "{deposits:?}"
    );
}

/// Deposits added to a recorded act are inserted after its lines: the act's own lines and
/// comments stay as the contributor wrote them.
#[test]
fn deposits_are_added_without_rewriting_the_act() {
    let (_dir, data) = scratch();
    let path = data.join("treaties/npt.yaml");
    let npt = read(&path).replace(
        "        note: Deposited on the day of entry into force.\n",
        "        # Deposited in London first; the other capitals followed.\n        note:   Deposited on the day of entry into force.\n",
    );
    assert!(npt.contains("# Deposited in London first"));
    std::fs::write(&path, &npt).unwrap();
    let table = write_table(
        &data,
        &["1970-03-05,United States of America,Ratification,London"],
    );
    written(import(options(&data, &table)));
    let text = read(&path);
    assert!(
        text.contains("        # Deposited in London first; the other capitals followed.\n        note:   Deposited on the day of entry into force.\n"),
        "{text}"
    );
    assert!(text.contains("depositary: London"), "{text}");
}

/// Acts appended at the end of a treaty file that lacks its final line break start on a line
/// of their own.
#[test]
fn acts_appended_at_the_end_of_a_file_without_a_final_line_break() {
    let (_dir, data) = scratch();
    let path = data.join("treaties/npt.yaml");
    let npt = read(&path);
    let end = npt.find("  - actor: ind\n").unwrap();
    std::fs::write(&path, npt[..end].trim_end()).unwrap();
    let table = write_table(&data, &["2019-01-01,France,Withdrawal,London"]);
    written(import(options(&data, &table)));
    let text = read(&path);
    assert!(
        text.ends_with("      - {action: accession, date: 1992-08-03}\n      - action: withdrawal-notice\n        date: 2019-01-01\n        source: depositary-table\n        deposits:\n          - depositary: London\n            date: 2019-01-01\n")
            || text.contains("date: 1992-08-03}\n      - action: withdrawal-notice"),
        "{text}"
    );
}

/// An act appended to a one-line list of acts goes after that line, not into it; in a list
/// indented as deep as its key (YAML allows it), before the party's next key, not after it.
#[test]
fn acts_appended_to_a_one_line_list_and_an_indentless_one() {
    let acts_of_france = |data: &Path| -> Vec<String> {
        let fra = party(data, "fra");
        fra.actions
            .iter()
            .map(|a| format!("{} {}", a.action.as_str(), a.date))
            .chain(fra.note.clone())
            .collect()
    };
    let table = |data: &Path| write_table(data, &["2019-01-01,France,Withdrawal,London"]);
    let (_dir, data) = scratch();
    written(import(options(&data, &table(&data))));
    assert_eq!(
        acts_of_france(&data),
        ["accession 1992-08-03", "withdrawal-notice 2019-01-01"]
    );
    assert_valid(&data, false);

    let (_dir, data) = scratch();
    let path = data.join("treaties/npt.yaml");
    let npt = read(&path).replace(
        "  - actor: fra\n    actions:\n      - {action: accession, date: 1992-08-03}\n",
        "  - actor: fra\n    actions:\n    - {action: accession, date: 1992-08-03}\n    note: Acceded in 1992.\n",
    );
    assert!(npt.contains("    note: Acceded in 1992.\n"));
    std::fs::write(&path, npt).unwrap();
    written(import(options(&data, &table(&data))));
    assert_eq!(
        acts_of_france(&data),
        [
            "accession 1992-08-03",
            "withdrawal-notice 2019-01-01",
            "Acceded in 1992."
        ]
    );
}

/// A flow act written over two lines (its second line left of its `{`) is rewritten whole
/// when a deposit is added to it: no piece of it is left behind.
#[test]
fn a_flow_act_over_two_lines_is_rewritten_whole() {
    let (_dir, data) = scratch();
    let path = data.join("treaties/npt.yaml");
    let npt = read(&path).replace(
        "      - {action: accession, date: 1992-08-03}\n",
        "      - {action: accession,\n       date: 1992-08-03}\n",
    );
    assert!(npt.contains("accession,\n       date"));
    std::fs::write(&path, npt).unwrap();
    assert_valid(&data, false);
    let table = write_table(&data, &["1992-08-03,France,Accession,London"]);
    written(import(options(&data, &table)));
    let text = read(&path);
    assert!(!text.contains("1992-08-03}"), "{text}");
    assert!(text.contains("depositary: London"), "{text}");
    assert_valid(&data, false);
}

/// A deposit added to an act whose deposits are indented as deep as their key (YAML allows
/// it): the act, rewritten in the canonical layout, keeps its note and both deposits.
#[test]
fn a_deposit_appended_to_an_indentless_list() {
    let (_dir, data) = scratch();
    let path = data.join("treaties/npt.yaml");
    let npt = read(&path).replace(
        "        note: Deposited on the day of entry into force.\n",
        "        deposits:\n        - depositary: London\n          date: 1970-03-05\n        note: Deposited on the day of entry into force.\n",
    );
    assert!(npt.contains("        - depositary: London\n"));
    std::fs::write(&path, npt).unwrap();
    assert_valid(&data, false);
    let table = write_table(
        &data,
        &[
            "1970-03-05,United States of America,Ratification,London",
            "1970-03-05,United States of America,Ratification,Washington",
        ],
    );
    written(import(options(&data, &table)));
    let text = read(&path);
    assert!(text.contains("depositary: Washington"), "{text}");
    assert!(
        text.contains("        note: Deposited on the day of entry into force.\n"),
        "{text}"
    );
    assert_valid(&data, false);
}

/// The NPT party `actor` as the data folder now records it.
fn party(data: &Path, actor: &str) -> treatywatch_model::Party {
    let loaded = treatywatch_testkit::load(data);
    let index = loaded.index();
    let npt = index.treaty("npt").unwrap();
    npt.parties
        .iter()
        .find(|p| p.actor.as_str() == actor)
        .unwrap()
        .clone()
}
