//! The language server's message loop on arbitrary bytes: it must answer or skip, never
//! panic, and never write a file (there is no data folder to write to).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let config = treatywatch_lsp::Config {
        data: std::path::PathBuf::from("/nonexistent/treatywatch-fuzz"),
        limits: treatywatch_loader::Limits::default(),
        as_of: treatywatch_model::Date::parse("2026-01-01").unwrap(),
    };
    let _ = treatywatch_lsp::serve(std::io::Cursor::new(data.to_vec()), std::io::sink(), config);
});
