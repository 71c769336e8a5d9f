//! `treatywatch import depositary` on the fixture tables of tests/fixtures/import: success,
//! unknown names, conflicts, new actors, every layout the loader accepts, rows without a
//! depositary, predecessors, and the record's acts kept against the table's.

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
        "--source",
        "depositary-table",
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
fn create_actors_makes_iso_ids_with_their_code_and_source_and_refuses_a_name_without_a_code() {
    let (_dir, data) = scratch();
    let before = read(&data.join("actors/states.yaml"));
    // Without an ISO code there is no id to give: nothing is written.
    let o = import(&data, &table("unknown.csv"), &["--create-actors"]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    assert!(
        stderr(&o).contains(":4: `Atlantis` is not a known state and the table gives no ISO 3166-1 alpha-3 code for it"),
        "{}",
        stderr(&o)
    );
    assert_eq!(read(&data.join("actors/states.yaml")), before);

    let o = import(&data, &table("create.csv"), &["--create-actors"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("created 3 state actor(s) in "),
        "{}",
        stdout(&o)
    );
    let states = read(&data.join("actors/states.yaml"));
    assert!(
        states.starts_with(&before),
        "appended, nothing else changed"
    );
    assert!(
        states.ends_with("\n- id: aut\n  name: Austria\n  kind: state\n  iso3166: AUT\n  sources:\n    - source: depositary-table\n      locator: \"the state named “Austria” (table line 2)\"\n\n- id: caf\n  name: Central African Republic\n  kind: state\n  iso3166: CAF\n  sources:\n    - source: depositary-table\n      locator: \"the state named “Central African Republic” (table line 4)\"\n\n- id: per\n  name: Peru\n  kind: state\n  iso3166: PER\n  sources:\n    - source: depositary-table\n      locator: \"the state named “Peru” (table line 5)\"\n"),
        "{states}"
    );
    let npt = read(&data.join("treaties/npt.yaml"));
    // Every act cites the source; a row's note is the act's; an unnamed depositary is kept
    // as a deposit with no depositary.
    assert!(
        npt.contains("  - actor: caf\n    actions:\n      - action: accession\n        date: 1970-10-25\n        source: depositary-table\n        note: \"A Sunday: check the day.\"\n        deposits:\n          - date: 1970-10-25\n"),
        "{npt}"
    );
    assert!(
        npt.contains(
            "        deposits:\n          - depositary: London\n            date: 1970-03-05\n"
        ),
        "{npt}"
    );
    let d = data.to_str().unwrap();
    let v = run(&["validate", "--data", d, "--deny-warnings"]);
    assert_eq!(v.status.code(), Some(0), "{}", stdout(&v));
    assert_eq!(run(&["fmt", "--check", "--data", d]).status.code(), Some(0));
}

#[test]
fn every_layout_the_loader_accepts_is_imported_into() {
    let (_dir, data) = scratch();
    let before = read(&data.join("treaties/npt.yaml"));
    let o = import(&data, &table("real-layouts.csv"), &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let after = read(&data.join("treaties/npt.yaml"));
    insta::assert_snapshot!("import_real_layouts", after);
    // China's act ended in a folded note: its new signature goes after the note, which is
    // kept byte for byte; its accession gains the London deposit.
    assert!(
        after.contains("          Handed over in London on 9 March 1992; the snapshot's date was not the earliest\n          deposit.\n        deposits:\n          - depositary: London\n            date: 1992-03-09\n      - action: signature\n        date: 1968-07-01\n        source: depositary-table\n"),
        "{after}"
    );
    // France's flow-style act is rewritten in block layout with its new deposit; India's
    // `actions: []` becomes a block list; its note stays.
    assert!(
        after.contains("  - actor: fra\n    actions:\n      - action: accession\n        date: 1992-08-03\n        deposits:\n          - depositary: Washington\n            date: 1992-08-03\n"),
        "{after}"
    );
    assert!(
        after.contains("  - actor: ind\n    actions:\n      - action: signature\n        date: 1998-05-11\n        source: depositary-table\n        deposits:\n          - date: 1998-05-11\n    note: Never signed or acceded to the Treaty.\n"),
        "{after}"
    );
    // Everything before the touched parties is unchanged, comments included.
    let untouched = before.split("  - actor: chn").next().unwrap();
    assert!(after.starts_with(untouched));
    let d = data.to_str().unwrap();
    let v = run(&["validate", "--data", d, "--deny-warnings"]);
    assert_eq!(v.status.code(), Some(0), "{}", stdout(&v));
    assert_eq!(run(&["fmt", "--check", "--data", d]).status.code(), Some(0));
    let again = import(&data, &table("real-layouts.csv"), &[]);
    assert!(
        stdout(&again).contains("already has every act"),
        "{}",
        stdout(&again)
    );
}

#[test]
fn a_row_before_its_state_existed_is_its_predecessors_and_the_records_acts_can_be_kept() {
    let (_dir, data) = scratch();
    let states = data.join("actors/states.yaml");
    let text = read(&states).replace(
        "  aliases: [Russian Federation]\n",
        "  aliases: [Russian Federation]\n  existed: 1991-12-25/..\n",
    );
    std::fs::write(&states, text).unwrap();
    // Without a recorded succession, the row has no owner: nothing is written.
    let o = import(&data, &table("folded.csv"), &["--keep-recorded"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains(":4: Russian Federation did not exist on 1968-07-01 (it existed from 1991-12-25); the row belongs to a predecessor"),
        "{}",
        stderr(&o)
    );
    let treaty = data.join("treaties/npt.yaml");
    let mut npt = read(&treaty);
    npt.push_str("  - actor: rus\n    actions:\n      - action: succession\n        date: 1991-12-25\n        from: sun\n");
    std::fs::write(&treaty, &npt).unwrap();
    // China's accession conflicts with the record: refused, unless the record's acts are kept.
    let o = import(&data, &table("folded.csv"), &[]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains(":5: the record has China's accession on 1992-03-09; the table's earliest deposit was on 1992-03-12"),
        "{}",
        stderr(&o)
    );
    let o = import(&data, &table("folded.csv"), &["--keep-recorded"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains(":4: Russian Federation did not exist on 1968-07-01 (it existed from 1991-12-25): the row's signature is taken as sun's, its predecessor"),
        "{out}"
    );
    assert!(
        out.contains(":5: kept China's accession of 1992-03-09; the table dates it 1992-03-12"),
        "{out}"
    );
    let after = read(&treaty);
    assert!(
        after.contains("        note: >-\n          Handed over in London on 9 March 1992; the snapshot's date was not the earliest\n          deposit. The record of A depositary, 2026, dates this accession 1992-03-12.\n"),
        "{after}"
    );
    assert!(
        after.contains("  - actor: sun\n    actions:\n      - action: signature\n        date: 1968-07-01\n        source: depositary-table\n"),
        "{after}"
    );
    let d = data.to_str().unwrap();
    let v = run(&["validate", "--data", d]);
    assert_eq!(v.status.code(), Some(0), "{}", stdout(&v));
    // Kept acts are noted once: a second import changes nothing.
    let again = import(&data, &table("folded.csv"), &["--keep-recorded"]);
    assert!(
        stdout(&again).contains("already has every act"),
        "{}",
        stdout(&again)
    );
    assert_eq!(read(&treaty), after);
}

#[test]
fn a_missing_source_or_table_cannot_run() {
    let (_dir, data) = scratch();
    let d = data.to_str().unwrap();
    let t = table("depositary.csv");
    let o = run(&[
        "import",
        "depositary",
        &t,
        "--treaty",
        "npt",
        "--source",
        "nowhere",
        "--data",
        d,
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no source `nowhere`"), "{}", stderr(&o));
    let o = run(&["import", "depositary", &t, "--treaty", "npt", "--data", d]);
    assert_eq!(o.status.code(), Some(2), "--source is required");
    let o = import(&data, "no-such-table.csv", &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no-such-table.csv"), "{}", stderr(&o));
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
        "# provenance\ndate,state,action,depositary\n1968-13-01,Ireland,Signatory,London\n1969-01-01,Ireland,Denunciation,London\n1969-01-01,,Accession,\n",
    )
    .unwrap();
    let o = import(&data, bad.to_str().unwrap(), &[]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("bad.csv:3: date `1968-13-01`"), "{err}");
    assert!(
        err.contains("bad.csv:4: action `Denunciation` is not one of"),
        "{err}"
    );
    assert!(err.contains("bad.csv:5: no state"), "{err}");
    assert!(
        !err.contains("no depositary"),
        "an empty depositary is allowed: {err}"
    );
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
fn a_treaty_that_does_not_fit_the_model_is_left_untouched() {
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
}
