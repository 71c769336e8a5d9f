//! `validate --cache DIR` and `--batch-bytes`: every cached or batched run prints exactly what
//! a cold run over all files at once prints, after each kind of change a pull request makes.

use super::*;
use treatywatch_model::RuleName;

/// A copy of the bundled data with claims spread over more files: one that answers a claim
/// of another file, and one-record files.
fn dataset() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&workspace().join("data"), dir.path());
    let claims = dir.path().join("claims");
    std::fs::write(
        claims.join("answer-2019.yaml"),
        "id: answer-2019\ndate: 2014-07-31\nclaimant: rus\nkind: other\ntreaty: inf\n\
         summary: Answers a US finding.\nsources:\n  - source: state-2014-compliance-report\n\
         responds_to: [usa-2014-07-31-inf-russia-violation]\n",
    )
    .unwrap();
    std::fs::write(
        claims.join("second-answer.yaml"),
        "id: second-answer\ndate: 2014-07-31\nclaimant: rus\nkind: other\ntreaty: inf\n\
         summary: Answers the answer.\nsources:\n  - source: state-2014-compliance-report\n\
         responds_to: [answer-2019]\n",
    )
    .unwrap();
    dir
}

/// `validate --format FORMAT` on `data`, with `extra` arguments: exit code, stdout, stderr.
fn validate(data: &Path, format: &str, extra: &[&str]) -> (Option<i32>, String, String) {
    let data = data.to_str().unwrap();
    let mut args = vec!["validate", "--data", data, "--format", format];
    args.extend_from_slice(extra);
    let o = Command::new(env!("CARGO_BIN_EXE_treatywatch"))
        .args(&args)
        .env("TREATYWATCH_TIMINGS", "1")
        .output()
        .unwrap();
    (o.status.code(), stdout(&o), stderr(&o))
}

/// How many claim files the run took from the cache (from the timings line).
fn from_cache(stderr: &str) -> usize {
    let line = stderr.lines().find(|l| l.starts_with("timings:")).unwrap();
    let before = line.split(" files from the cache").next().unwrap();
    before.rsplit(' ').next().unwrap().parse().unwrap()
}

/// Runs with the cache (and in batches of one file) and without either, as of `as_of`, in
/// JSON and human form; the outputs must be equal. Returns the cached run's stderr.
fn same_as_cold(data: &Path, cache: &Path, as_of: &str) -> String {
    let cache = cache.to_str().unwrap();
    let (code, cold, _) = validate(data, "json", &["--as-of", as_of, "--batch-bytes", "0"]);
    let (cached_code, cached, notes) =
        validate(data, "json", &["--as-of", as_of, "--cache", cache]);
    assert_eq!(cached, cold, "cached run");
    assert_eq!(cached_code, code);
    let (_, batched, _) = validate(data, "json", &["--as-of", as_of, "--batch-bytes", "1"]);
    assert_eq!(batched, cold, "a batch per file");
    let (_, human_cold, _) = validate(data, "human", &["--as-of", as_of, "--batch-bytes", "0"]);
    let (_, human, _) = validate(
        data,
        "human",
        &["--as-of", as_of, "--cache", cache, "--batch-bytes", "1"],
    );
    assert_eq!(human, human_cold, "cached run, human");
    notes
}

#[test]
fn cached_runs_equal_cold_runs_through_every_change() {
    let data = dataset();
    let cache = tempfile::tempdir().unwrap();
    let claims = data.path().join("claims");

    // First run: nothing cached; second: everything.
    let notes = same_as_cold(data.path(), cache.path(), AS_OF);
    assert!(!notes.contains("note:"), "{notes}");
    let notes = same_as_cold(data.path(), cache.path(), AS_OF);
    assert_eq!(from_cache(&notes), 4, "{notes}");

    // An edit that breaks a reference another file's claim relies on.
    let edited = std::fs::read_to_string(claims.join("answer-2019.yaml"))
        .unwrap()
        .replace("claimant: rus", "claimant: rusia");
    std::fs::write(claims.join("answer-2019.yaml"), edited).unwrap();
    let notes = same_as_cold(data.path(), cache.path(), AS_OF);
    assert_eq!(
        from_cache(&notes),
        3,
        "only the edited file is read: {notes}"
    );

    // A duplicate id in a new file, and a loop across two files.
    std::fs::write(
        claims.join("loop.yaml"),
        "- id: second-answer\n  date: 2014-07-31\n  claimant: rus\n  kind: other\n  \
         treaty: inf\n  summary: A second record under an id in use.\n  sources:\n    \
         - source: state-2014-compliance-report\n- id: loop-a\n  date: 2014-07-31\n  \
         claimant: rus\n  kind: other\n  treaty: inf\n  summary: Loops.\n  sources:\n    \
         - source: state-2014-compliance-report\n  responds_to: [answer-2019]\n",
    )
    .unwrap();
    let answer = std::fs::read_to_string(claims.join("answer-2019.yaml"))
        .unwrap()
        .replace("[usa-2014-07-31-inf-russia-violation]", "[loop-a]");
    std::fs::write(claims.join("answer-2019.yaml"), answer).unwrap();
    same_as_cold(data.path(), cache.path(), AS_OF);
    let (_, out, _) = validate(data.path(), "json", &["--as-of", AS_OF]);
    for rule in [
        RuleName::DuplicateId,
        RuleName::ReferenceCycle,
        RuleName::UnknownReference,
    ] {
        assert!(
            out.contains(&format!("\"rule\": \"{rule}\"")),
            "{rule}: {out}"
        );
    }

    // A file deleted: what answered its claims now names nothing.
    std::fs::remove_file(claims.join("loop.yaml")).unwrap();
    same_as_cold(data.path(), cache.path(), AS_OF);

    // A file renamed: a one-record file's name must match its id.
    std::fs::rename(
        claims.join("second-answer.yaml"),
        claims.join("renamed.yaml"),
    )
    .unwrap();
    same_as_cold(data.path(), cache.path(), AS_OF);
    let (_, out, _) = validate(data.path(), "json", &["--as-of", AS_OF]);
    assert!(out.contains("\"rule\": \"id-filename-mismatch\""), "{out}");

    // Another as-of date (one before the claims, so `future-date` fires on them): every claim
    // file from the cache all the same — only `future-date` reads the date, and it is decided
    // from the facts at the end — with what a cold run finds.
    let notes = same_as_cold(data.path(), cache.path(), "2015-01-01");
    assert!(!notes.contains("another build"), "{notes}");
    assert!(from_cache(&notes) > 0, "{notes}");
    let (_, out, _) = validate(data.path(), "json", &["--as-of", "2015-01-01"]);
    assert!(out.contains("\"rule\": \"future-date\""), "{out}");
    same_as_cold(data.path(), cache.path(), AS_OF);

    // A source a cached claim cites, deleted.
    let sources = data.path().join("sources/official.yaml");
    let text = std::fs::read_to_string(&sources).unwrap();
    let without = text.replace("id: state-2014-compliance-report", "id: state-2014-report");
    assert_ne!(text, without, "the source is in official.yaml");
    std::fs::write(&sources, without).unwrap();
    let notes = same_as_cold(data.path(), cache.path(), AS_OF);
    assert_eq!(from_cache(&notes), 0, "{notes}");
    let (_, out, _) = validate(data.path(), "json", &["--as-of", AS_OF]);
    assert!(out.contains("state-2014-compliance-report"), "{out}");
}

#[test]
fn a_damaged_or_foreign_cache_is_ignored_with_a_note() {
    let data = dataset();
    let cache = tempfile::tempdir().unwrap();
    same_as_cold(data.path(), cache.path(), AS_OF);
    // Every entry overwritten: with garbage, another file's entry, a cut one.
    let folder = std::fs::read_dir(cache.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.is_dir())
        .unwrap();
    let mut entries: Vec<PathBuf> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    assert_eq!(entries.len(), 4, "{entries:?}");
    let first = std::fs::read(&entries[0]).unwrap();
    std::fs::write(&entries[0], b"not a cache entry").unwrap();
    std::fs::write(&entries[1], &first).unwrap();
    let third = std::fs::read(&entries[2]).unwrap();
    std::fs::write(&entries[2], &third[..third.len() - 1]).unwrap();
    let notes = same_as_cold(data.path(), cache.path(), AS_OF);
    for why in [
        "not a treatywatch cache entry",
        "another file's entry",
        "damaged",
    ] {
        assert!(notes.contains(why), "{why}: {notes}");
    }
    assert_eq!(from_cache(&notes), 1, "{notes}");
    // Written again: the next run trusts them.
    let notes = same_as_cold(data.path(), cache.path(), AS_OF);
    assert_eq!(from_cache(&notes), 4, "{notes}");
    assert!(!notes.contains("note:"), "{notes}");
}
