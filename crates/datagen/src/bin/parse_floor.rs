//! `treatywatch-parse-floor DIR`: the floor under `treatywatch validate`'s time — reads every
//! `.yaml`, `.yml` and `.json` file under DIR and runs the same YAML parser treatywatch uses
//! (saphyr-parser, the same way: every event of a `&str`) over it, on every core, with the
//! same allocator, and does nothing else. `bench/run.sh` times it beside `validate`.
//!
//! `--stage tree` also builds treatywatch's position-keeping tree of each file, and `--stage
//! records` reads each file as `validate` does (tree, records, typed records) and drops it:
//! where the time between the parser and `validate` goes.

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use saphyr_parser::Parser;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn files(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            files(&path, out)?;
        } else if matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("yaml" | "yml" | "json")
        ) {
            out.push(path);
        }
    }
    Ok(())
}

#[derive(Clone, Copy, PartialEq)]
enum Stage {
    Events,
    Tree,
    Records,
}

fn main() -> std::process::ExitCode {
    let usage = || {
        eprintln!("usage: treatywatch-parse-floor DIR [--stage events|tree|records]");
        std::process::ExitCode::from(2)
    };
    let args: Vec<std::ffi::OsString> = std::env::args_os().skip(1).collect();
    let stage = match args.get(1..).unwrap_or_default() {
        [] => Stage::Events,
        [flag, stage] if flag == "--stage" => match stage.to_str() {
            Some("events") => Stage::Events,
            Some("tree") => Stage::Tree,
            Some("records") => Stage::Records,
            _ => return usage(),
        },
        _ => return usage(),
    };
    let Some(dir) = args.first() else {
        return usage();
    };
    if stage == Stage::Records {
        return records(Path::new(dir));
    }
    let mut paths = Vec::new();
    if let Err(e) = files(Path::new(&dir), &mut paths) {
        eprintln!("cannot list {}: {e}", Path::new(&dir).display());
        return std::process::ExitCode::from(2);
    }
    let (events, bytes) = paths
        .par_iter()
        .map(|path| {
            let Ok(text) = std::fs::read_to_string(path) else {
                return (0, 0);
            };
            let mut events = 0usize;
            if stage == Stage::Tree {
                let index = treatywatch_loader::LineIndex::new(&text);
                let parsed = treatywatch_loader::yaml::parse(&text, &index, Default::default());
                events += usize::from(parsed.root.is_some());
                return (events, text.len());
            }
            let mut parser = Parser::new_from_str(&text);
            while let Some(Ok(_)) = parser.next_event() {
                events += 1;
            }
            (events, text.len())
        })
        .reduce(|| (0, 0), |a, b| (a.0 + b.0, a.1 + b.1));
    println!("{} files, {bytes} bytes, {events} events", paths.len());
    std::process::ExitCode::SUCCESS
}

/// Every file read as `validate` reads it, and dropped.
fn records(dir: &Path) -> std::process::ExitCode {
    let listing = match treatywatch_loader::list(dir) {
        Ok(listing) => listing,
        Err(e) => {
            eprintln!("{e}");
            return std::process::ExitCode::from(2);
        }
    };
    let records: usize = (0..listing.len())
        .into_par_iter()
        .map(|i| listing.read(i, Default::default()).records.len())
        .sum();
    println!("{} files, {records} records", listing.len());
    std::process::ExitCode::SUCCESS
}
