//! `treatywatch lsp`: a language server over stdio for the data folder's files. Every rule's
//! diagnostics from the editor's unsaved text (per file and across records, for every file
//! whose diagnostics an edit changes), the rule's documentation on hover and the record an id
//! names, completion of ids by the kind the field expects, of enum values and of field names,
//! go to definition and find references for ids, and code actions (the "did you mean" id, an
//! id that differs from its file name, a missing required field, the canonical layout).
//!
//! The validation is a [`treatywatch_validator::session::Session`]: the records other than
//! claims and every claim file's results stay in memory, and an edit to a claim file checks
//! that file again and then the rules on every record's facts.
//!
//! The transport is ours ([`transport`]): a message that is not JSON-RPC gets an error reply
//! and the server reads on. The server writes no file: edits go to the editor as edits.

mod actions;
pub mod cursor;
mod features;
pub mod fuzzing;
mod server;
pub mod text;
pub mod transport;

pub use server::{Config, Server};

use std::io::{BufRead, Write};

/// Serves the protocol on `input` and `output` until `exit` (or the end of the input).
/// Returns the exit code the protocol asks for: 0 after `shutdown`, 1 otherwise.
pub fn serve(input: impl BufRead, output: impl Write, config: Config) -> i32 {
    server::run(input, output, config)
}
