//! The depositary import called as a library, on the fixture tables of
//! `tests/fixtures/import`: success, unknown names, conflicts, new actors, every layout the
//! loader accepts, rows without a depositary, predecessors, the record's acts kept against the
//! table's, and tables or treaties it cannot use.
//!
//! These are the crate's own tests of what `crates/cli/tests/e2e/import.rs` checks through
//! the binary, test for test and assertion for assertion: `cargo mutants -p
//! treatywatch-import` runs only this crate's tests, so without them a broken import would
//! go unnoticed. Where the end-to-end test reads the command's exit code and output, these
//! read the [`Outcome`] or [`Error`] the command prints (`crates/cli/src/commands/import.rs`):
//! `Written` and `Unchanged` exit 0 with their lines on stdout, `Refused` exits 1 with each
//! problem on stderr as `error: {p}`, and an `Error` exits 2. The other commands the
//! end-to-end test runs are their libraries here: `validate` is the validator (through the
//! test kit), `fmt --check` the loader's layout, `status` the model's status of a party.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a failed unwrap is a failed test

use std::path::{Path, PathBuf};

use treatywatch_import::{Error, Options, Outcome, WithdrawalDates};
use treatywatch_loader::{Limits, Severity};
use treatywatch_model::{ActionKind, Date, PartyStatus, Status};

const IMPORT: &str = "tests/fixtures/import";

mod edges;

/// A copy of the import fixture's data folder, in a temporary folder that also has room for
/// tables a test writes.
fn scratch() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    treatywatch_testkit::copy_into(
        &treatywatch_testkit::repo().join(IMPORT).join("data"),
        &data,
        &[],
    );
    (dir, data)
}

/// The path of a table in the fixture.
fn table(name: &str) -> PathBuf {
    treatywatch_testkit::repo().join(IMPORT).join(name)
}

/// What `import depositary TABLE --treaty npt --source depositary-table --data DATA` asks
/// for, with no other flag.
fn options(data: &Path, table: &Path) -> Options {
    Options {
        data_dir: data.to_path_buf(),
        table: table.to_path_buf(),
        treaty: "npt".to_string(),
        source: "depositary-table".to_string(),
        create_actors: false,
        keep_recorded: false,
        withdrawal: WithdrawalDates::Notice,
        limits: Limits::default(),
    }
}

fn import(options: Options) -> Result<Outcome, Error> {
    treatywatch_import::depositary(&options)
}

/// What the command prints to stdout when the import wrote the data (exit 0).
fn written(result: Result<Outcome, Error>) -> String {
    match result {
        Ok(Outcome::Written(lines)) => lines.iter().map(|l| format!("{l}\n")).collect(),
        other => panic!("expected the data written, got {other:?}"),
    }
}

/// What the command prints to stdout when the record already had everything (exit 0).
fn unchanged(result: Result<Outcome, Error>) -> String {
    match result {
        Ok(Outcome::Unchanged(line)) => format!("{line}\n"),
        other => panic!("expected nothing to write, got {other:?}"),
    }
}

/// What the command prints to stderr when it refused the table (exit 1).
fn refused(result: Result<Outcome, Error>) -> String {
    match result {
        Ok(Outcome::Refused(problems)) => {
            problems.iter().map(|p| format!("error: {p}\n")).collect()
        }
        other => panic!("expected the import refused, got {other:?}"),
    }
}

/// The message of an import that could not run at all (the command's exit 2).
fn failed(result: Result<Outcome, Error>) -> String {
    match result {
        Err(Error(message)) => message,
        other => panic!("expected the import unable to run, got {other:?}"),
    }
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap()
}

/// The text of one of the end-to-end test's insta snapshots, normalised as insta compares
/// them (no header, no trailing whitespace): one expected text for both tests.
fn snapshot(name: &str) -> String {
    let path = treatywatch_testkit::repo()
        .join("crates/cli/tests/e2e/snapshots")
        .join(format!("e2e__import__{name}.snap"));
    let text = read(&path).replace("\r\n", "\n");
    let (_header, contents) = text
        .strip_prefix("---\n")
        .and_then(|rest| rest.split_once("\n---\n"))
        .unwrap_or_else(|| panic!("{} is not an insta snapshot", path.display()));
    contents.trim_end().to_string()
}

/// `validate --data DIR` (with `--deny-warnings` when asked) exits 0: no error, and no
/// warning either when warnings are denied.
fn assert_valid(dir: &Path, deny_warnings: bool) {
    let (data, outcome) = treatywatch_testkit::validate(dir);
    let fails = |s: Severity| s == Severity::Error || (deny_warnings && s == Severity::Warning);
    assert!(
        outcome.diagnostics.iter().all(|d| !fails(d.severity)),
        "{}",
        treatywatch_testkit::describe(&data, &outcome.diagnostics)
    );
}

/// `fmt --check --data DIR` exits 0: every file is in the canonical layout.
fn assert_formatted(dir: &Path) {
    let data = treatywatch_testkit::load(dir);
    let layout = treatywatch_loader::format::layout(&data);
    let changed: Vec<&str> = layout
        .changed
        .iter()
        .map(|(file, _)| data.files[*file].path.as_str())
        .collect();
    assert!(changed.is_empty(), "would reformat {changed:?}");
}

#[test]
fn a_depositary_table_becomes_one_act_per_state_and_action_dated_by_its_earliest_deposit() {
    let (_dir, data) = scratch();
    let before = read(&data.join("treaties/npt.yaml"));
    let actors_before = read(&data.join("actors/states.yaml"));
    let out = written(import(options(&data, &table("depositary.csv"))));
    assert!(
        out.contains("17 new act(s), of them 9 of new parties; 4 act(s) gained deposits"),
        "{out}"
    );
    let after = read(&data.join("treaties/npt.yaml"));
    assert_eq!(after.trim_end(), snapshot("import_npt_after"));
    // Nothing was taken away: every line of the file is still there, in order (comments too).
    let mut lines = after.lines();
    for line in before.lines() {
        assert!(lines.any(|l| l == line), "lost or moved: {line:?}");
    }
    assert_eq!(read(&data.join("actors/states.yaml")), actors_before);
    // The result is valid, in the canonical layout, and a second import changes nothing.
    assert_valid(&data, true);
    assert_formatted(&data);
    let again = unchanged(import(options(&data, &table("depositary.csv"))));
    assert!(again.contains("already has every act"), "{again}");
    assert_eq!(read(&data.join("treaties/npt.yaml")), after);
    // The United Kingdom's ratification: three deposits, dated by the earliest. `status`
    // prints the party's status and its last act; these are the model's answers it prints.
    let loaded = treatywatch_testkit::load(&data);
    let index = loaded.index();
    let npt = index.treaty("npt").unwrap();
    let on = Date::parse("1968-11-28").unwrap();
    assert!(npt.party("gbr").is_some(), "gbr is one of the parties");
    assert_eq!(
        npt.party_status_on("gbr", &on),
        Status::Certain(PartyStatus::Party)
    );
    let last = npt.last_act_on("gbr", &on).unwrap();
    assert_eq!(last.date.to_string(), "1968-11-27");
    assert_eq!(last.action, ActionKind::Ratification);
}

#[test]
fn unknown_names_are_one_error_with_suggestions_and_nothing_is_written() {
    let (_dir, data) = scratch();
    let before = read(&data.join("treaties/npt.yaml"));
    let unknown = table("unknown.csv");
    let err = refused(import(options(&data, &unknown)))
        .replace(&unknown.display().to_string(), "unknown.csv");
    assert_eq!(err.trim_end(), snapshot("import_unknown_names"));
    assert_eq!(read(&data.join("treaties/npt.yaml")), before);
    assert_eq!(std::fs::read_dir(data.join("actors")).unwrap().count(), 1);
}

#[test]
fn create_actors_makes_iso_ids_with_their_code_and_source_and_refuses_a_name_without_a_code() {
    let (_dir, data) = scratch();
    let before = read(&data.join("actors/states.yaml"));
    // Without an ISO code there is no id to give: nothing is written.
    let err = refused(import(Options {
        create_actors: true,
        ..options(&data, &table("unknown.csv"))
    }));
    assert!(
        err.contains(":4: `Atlantis` is not a known state and the table gives no ISO 3166-1 alpha-3 code for it"),
        "{err}"
    );
    assert_eq!(read(&data.join("actors/states.yaml")), before);

    let out = written(import(Options {
        create_actors: true,
        ..options(&data, &table("create.csv"))
    }));
    assert!(out.contains("created 3 state actor(s) in "), "{out}");
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
    assert_valid(&data, true);
    assert_formatted(&data);
}

#[test]
fn every_layout_the_loader_accepts_is_imported_into() {
    let (_dir, data) = scratch();
    let before = read(&data.join("treaties/npt.yaml"));
    written(import(options(&data, &table("real-layouts.csv"))));
    let after = read(&data.join("treaties/npt.yaml"));
    assert_eq!(after.trim_end(), snapshot("import_real_layouts"));
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
    assert_valid(&data, true);
    assert_formatted(&data);
    let again = unchanged(import(options(&data, &table("real-layouts.csv"))));
    assert!(again.contains("already has every act"), "{again}");
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
    let keeping = |data: &Path| Options {
        keep_recorded: true,
        ..options(data, &table("folded.csv"))
    };
    // Without a recorded succession, the row has no owner: nothing is written.
    let err = refused(import(keeping(&data)));
    assert!(
        err.contains(":4: Russian Federation did not exist on 1968-07-01 (it existed from 1991-12-25); the row belongs to a predecessor"),
        "{err}"
    );
    let treaty = data.join("treaties/npt.yaml");
    let mut npt = read(&treaty);
    npt.push_str("  - actor: rus\n    actions:\n      - action: succession\n        date: 1991-12-25\n        from: sun\n");
    std::fs::write(&treaty, &npt).unwrap();
    // China's accession conflicts with the record: refused, unless the record's acts are kept.
    let err = refused(import(options(&data, &table("folded.csv"))));
    assert!(
        err.contains(":5: the record has China's accession on 1992-03-09; the table's earliest deposit was on 1992-03-12"),
        "{err}"
    );
    let out = written(import(keeping(&data)));
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
    assert_valid(&data, false);
    // Kept acts are noted once: a second import changes nothing.
    let again = unchanged(import(keeping(&data)));
    assert!(again.contains("already has every act"), "{again}");
    assert_eq!(read(&treaty), after);
}

#[test]
fn a_missing_source_or_table_cannot_run() {
    let (dir, data) = scratch();
    let err = failed(import(Options {
        source: "nowhere".to_string(),
        ..options(&data, &table("depositary.csv"))
    }));
    assert!(err.contains("no source `nowhere`"), "{err}");
    // A missing --source is clap's to refuse, before the library is called: the CLI's
    // end-to-end test covers it.
    let err = failed(import(options(
        &data,
        &dir.path().join("no-such-table.csv"),
    )));
    assert!(err.contains("no-such-table.csv"), "{err}");
}

#[test]
fn an_act_recorded_on_another_date_is_a_conflict_and_nothing_is_written() {
    let (_dir, data) = scratch();
    let before = read(&data.join("treaties/npt.yaml"));
    let err = refused(import(options(&data, &table("conflict.csv"))));
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
    let err = refused(import(options(&data, &bad)));
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
    let err = refused(import(options(&data, &no_header)));
    assert!(err.contains("no-header.csv:1: no `date` column"), "{err}");
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
    // No `parties`: the record does not fit the model; the import says so (the command's
    // exit 2).
    std::fs::write(&treaty, head).unwrap();
    let err = failed(import(options(&data, &table)));
    assert!(err.contains("does not fit the data model"), "{err}");
    assert_eq!(read(&treaty), head);
}
