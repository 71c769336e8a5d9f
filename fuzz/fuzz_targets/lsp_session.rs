//! The language server on a real data folder (a copy of `tests/fixtures/valid`), fed one
//! JSON-RPC message a line with `DATA` standing for the folder's URI: opening, editing and
//! asking about its files with any text and at any position, it answers, never panics and
//! never changes a file. The property is in `treatywatch_lsp::fuzzing`.
#![no_main]

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;

/// A copy of the fixture, made once per process.
fn data() -> &'static Path {
    static DATA: OnceLock<PathBuf> = OnceLock::new();
    DATA.get_or_init(|| {
        let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/valid");
        let to = std::env::temp_dir()
            .join(format!("treatywatch-fuzz-lsp-{}", std::process::id()))
            .join("data");
        for kind in std::fs::read_dir(&from).expect("the fixture") {
            let kind = kind.expect("a folder").path();
            let folder = to.join(kind.file_name().expect("a name"));
            std::fs::create_dir_all(&folder).expect("a temporary folder");
            for file in std::fs::read_dir(&kind).expect("a kind folder") {
                let file = file.expect("a file").path();
                std::fs::copy(&file, folder.join(file.file_name().expect("a name")))
                    .expect("a copy");
            }
        }
        to
    })
}

fuzz_target!(|input: &[u8]| {
    treatywatch_lsp::fuzzing::check_session(input, data());
});
