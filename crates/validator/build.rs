//! A digest of everything validation's results are made by — the sources of the model, the
//! loader and the validator, and the lock file (the versions of jsonschema and the YAML
//! parser) — for the `validate --cache` key: a build whose rules can differ gets another
//! digest, and reading it costs nothing at run time (it replaced hashing the 100 MB
//! executable on every run).

use std::hash::{DefaultHasher, Hasher};
use std::path::{Path, PathBuf};

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            files(&path, out);
        } else {
            out.push(path);
        }
    }
}

fn main() {
    let here = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default());
    let crates = here.join("..");
    let mut inputs = Vec::new();
    for dir in ["model/src", "loader/src", "validator/src"] {
        let dir = crates.join(dir);
        println!("cargo:rerun-if-changed={}", dir.display());
        files(&dir, &mut inputs);
    }
    let lock = crates.join("../Cargo.lock");
    println!("cargo:rerun-if-changed={}", lock.display());
    inputs.push(lock);
    inputs.sort();
    let mut hash = DefaultHasher::new();
    for path in &inputs {
        let relative = path.strip_prefix(&crates).unwrap_or(path);
        hash.write(relative.to_string_lossy().as_bytes());
        hash.write(&std::fs::read(path).unwrap_or_default());
    }
    hash.write(std::env::var("PROFILE").unwrap_or_default().as_bytes());
    println!(
        "cargo:rustc-env=TREATYWATCH_RULES_DIGEST={}-{:016x}",
        std::env::var("CARGO_PKG_VERSION").unwrap_or_default(),
        hash.finish()
    );
}
