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

use lsp_server::Message;
use lsp_types::notification::{self, Notification as _};

use crate::transport::Read_;

/// Serves the protocol on `input` and `output` until `exit` (or the end of the input).
/// Returns the exit code the protocol asks for: 0 after `shutdown`, 1 otherwise.
pub fn serve(mut input: impl BufRead, mut output: impl Write, config: Config) -> i32 {
    let mut server = Server::new(config);
    loop {
        let message = match transport::read(&mut input) {
            Read_::End => return 1,
            Read_::Invalid(why) => {
                // JSON-RPC's parse error, with no id to answer (the request could not be read).
                let reply = serde_json::json!({
                    "jsonrpc": "2.0",
                    "id": null,
                    "error": {"code": -32700, "message": why},
                });
                if write_json(&mut output, &reply).is_err() {
                    return 1;
                }
                continue;
            }
            Read_::Message(m) => m,
        };
        if let Message::Notification(n) = &message
            && n.method == notification::Exit::METHOD
        {
            return if server.is_shut_down() { 0 } else { 1 };
        }
        for reply in server.handle(message) {
            if reply.write(&mut output).is_err() {
                return 1;
            }
        }
    }
}

fn write_json(output: &mut impl Write, value: &serde_json::Value) -> std::io::Result<()> {
    let body = value.to_string();
    write!(output, "Content-Length: {}\r\n\r\n{body}", body.len())?;
    output.flush()
}
