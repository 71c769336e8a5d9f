//! `treatywatch import depositary` on the fixture table of tests/fixtures/import: success,
//! unknown names, conflicts, new actors.

use super::*;

const IMPORT: &str = "tests/fixtures/import";

/// A copy of the import fixture: its data folder, and the path of a table in the fixture.
fn scratch() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    copy_dir(&workspace().join(IMPORT).join("data"), &data);
    (dir, data)
}

fn table(name: &str) -> String {
    workspace()
        .join(IMPORT)
        .join(name)
        .to_string_lossy()
        .into_owned()
}

fn import(data: &Path, table: &str, more: &[&str]) -> Output {
    let mut args = vec![
        "import",
        "depositary",
        table,
        "--treaty",
        "npt",
        "--data",
        data.to_str().unwrap(),
    ];
    args.extend(more);
    run(&args)
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap()
}

#[test]
fn a_depositary_table_becomes_one_act_per_state_and_action_dated_by_its_earliest_deposit() {
    let (_dir, data) = scratch();
    let before = read(&data.join("treaties/npt.yaml"));
    let actors_before = read(&data.join("actors/states.yaml"));
    let o = import(&data, &table("depositary.csv"), &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("17 new act(s), of them 9 of new parties; 4 act(s) gained deposits"),
        "{}",
        stdout(&o)
    );
    let after = read(&data.join("treaties/npt.yaml"));
    insta::assert_snapshot!("import_npt_after", after);
    // Nothing was taken away: every line of the file is still there, in order (comments too).
    let mut lines = after.lines();
    for line in before.lines() {
        assert!(lines.any(|l| l == line), "lost or moved: {line:?}");
    }
    assert_eq!(read(&data.join("actors/states.yaml")), actors_before);
    // The result is valid, in the canonical layout, and a second import changes nothing.
    let d = data.to_str().unwrap();
    let v = run(&["validate", "--data", d, "--deny-warnings"]);
    assert_eq!(v.status.code(), Some(0), "{}", stdout(&v));
    assert_eq!(run(&["fmt", "--check", "--data", d]).status.code(), Some(0));
    let again = import(&data, &table("depositary.csv"), &[]);
    assert_eq!(again.status.code(), Some(0));
    assert!(
        stdout(&again).contains("already has every act"),
        "{}",
        stdout(&again)
    );
    assert_eq!(read(&data.join("treaties/npt.yaml")), after);
    // The United Kingdom's ratification: three deposits, dated by the earliest.
    let status = run(&[
        "status",
        "npt",
        "--data",
        d,
        "--as-of",
        "1968-11-28",
        "--format",
        "json",
    ]);
    let status: serde_json::Value = serde_json::from_slice(&status.stdout).unwrap();
    let gbr = status["parties"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["actor"] == "gbr")
        .unwrap();
    assert_eq!(gbr["status"], "party");
    assert_eq!(gbr["last_act"]["date"], "1968-11-27");
}

#[test]
fn unknown_names_are_one_error_with_suggestions_and_nothing_is_written() {
    let (_dir, data) = scratch();
    let before = read(&data.join("treaties/npt.yaml"));
    let o = import(&data, &table("unknown.csv"), &[]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o).replace(&table("unknown.csv"), "unknown.csv");
    insta::assert_snapshot!("import_unknown_names", err);
    assert_eq!(read(&data.join("treaties/npt.yaml")), before);
    assert_eq!(std::fs::read_dir(data.join("actors")).unwrap().count(), 1);
}

#[test]
fn create_actors_adds_the_unknown_states_and_lists_them() {
    let (_dir, data) = scratch();
    let o = import(&data, &table("unknown.csv"), &["--create-actors"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("created actor atlantis (Atlantis)"), "{out}");
    assert!(
        out.contains("created actor cote-d-ivoir (Cote d Ivoir)"),
        "{out}"
    );
    assert_eq!(
        read(&data.join("actors/atlantis.yaml")),
        "id: atlantis\nname: Atlantis\nkind: state\n"
    );
    let d = data.to_str().unwrap();
    let v = run(&["validate", "--data", d]);
    assert_eq!(v.status.code(), Some(0), "{}", stdout(&v));
    // Atlantis acceded with two depositaries: one act, dated by the earlier deposit.
    let npt = read(&data.join("treaties/npt.yaml"));
    assert!(
        npt.contains("  - actor: atlantis\n    actions:\n      - action: accession\n        date: 1985-01-01\n"),
        "{npt}"
    );
}

#[test]
fn an_act_recorded_on_another_date_is_a_conflict_and_nothing_is_written() {
    let (_dir, data) = scratch();
    let before = read(&data.join("treaties/npt.yaml"));
    let o = import(&data, &table("conflict.csv"), &[]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains(":3: the record has United States's signature on 1968-07-01; the table's earliest deposit was on 1968-07-02"),
        "{err}"
    );
    assert!(err.contains("nothing was written"), "{err}");
    assert_eq!(read(&data.join("treaties/npt.yaml")), before);
}

#[test]
fn a_malformed_table_is_reported_by_line() {
    let (dir, data) = scratch();
    let bad = dir.path().join("bad.csv");
    std::fs::write(
        &bad,
        "date,state,action,depositary\n1968-13-01,Ireland,Signatory,London\n1969-01-01,Ireland,Denunciation,London\n1969-01-01,,Accession,\n",
    )
    .unwrap();
    let o = import(&data, bad.to_str().unwrap(), &[]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("bad.csv:2: date `1968-13-01`"), "{err}");
    assert!(
        err.contains("bad.csv:3: action `Denunciation` is not one of"),
        "{err}"
    );
    assert!(err.contains("bad.csv:4: no state"), "{err}");
    assert!(err.contains("bad.csv:4: no depositary"), "{err}");
    let no_header = dir.path().join("no-header.csv");
    std::fs::write(&no_header, "when,country,what\n").unwrap();
    let o = import(&data, no_header.to_str().unwrap(), &[]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("no-header.csv:1: no `date` column"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_treaty_that_does_not_fit_the_model_or_has_flow_style_acts_is_left_untouched() {
    let (dir, data) = scratch();
    let treaty = data.join("treaties/npt.yaml");
    let head = "# A treaty record.\nid: npt\nname: Treaty on the Non-Proliferation of Nuclear Weapons\nshort_name: NPT\nkind: multilateral\nopened: 1968-07-01\nentry_into_force: 1970-03-05\n";
    let table = dir.path().join("two.csv");
    std::fs::write(
        &table,
        "date,state,action,depositary\n1969-01-21,Mexico,Ratification,Washington\n1969-01-21,Mexico,Ratification,London\n",
    )
    .unwrap();
    // No `parties`: the record does not fit the model; the import says so (exit 2).
    std::fs::write(&treaty, head).unwrap();
    let o = import(&data, table.to_str().unwrap(), &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("does not fit the data model"),
        "{}",
        stderr(&o)
    );
    assert_eq!(read(&treaty), head);
    // Acts written in flow style are not rewritten: the import says so and writes nothing.
    let flow = format!(
        "{head}parties:\n  - actor: mex\n    actions: [{{action: signature, date: 1968-07-26}}]\n"
    );
    std::fs::write(&treaty, &flow).unwrap();
    let o = import(&data, table.to_str().unwrap(), &[]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("Mexico's acts in the treaty's file are not a block list"),
        "{}",
        stderr(&o)
    );
    assert_eq!(read(&treaty), flow);
}
