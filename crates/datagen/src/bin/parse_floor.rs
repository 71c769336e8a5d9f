//! `treatywatch-parse-floor DIR`: the floor under `treatywatch validate`'s time — reads every
//! `.yaml`, `.yml` and `.json` file under DIR and runs the same YAML parser treatywatch uses
//! (saphyr-parser, the same way: every event of a `&str`) over it, on every core, with the
//! same allocator, and does nothing else. `bench/run.sh` times it beside `validate`.

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

fn main() -> std::process::ExitCode {
    let Some(dir) = std::env::args_os().nth(1) else {
        eprintln!("usage: treatywatch-parse-floor DIR");
        return std::process::ExitCode::from(2);
    };
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
