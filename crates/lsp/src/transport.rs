//! The protocol's framing (`Content-Length` headers, then a JSON body), read tolerantly: a
//! body that is not JSON-RPC, a missing or absurd length, or a header that is not one is
//! reported (a JSON-RPC "parse error" reply where a reply can be sent) and skipped; only the
//! end of the input ends the reading.

use std::io::{BufRead, Read};

use lsp_server::Message;

/// The largest body read: a 50 MB buffer and its JSON escaping fit.
pub const MAX_BODY: usize = 256 * 1024 * 1024;

/// What one read gave.
#[derive(Debug)]
pub enum Read_ {
    Message(Message),
    /// Something that is not a message: why (the reader goes on after it).
    Invalid(String),
    End,
}

/// Reads the next message from `input`.
pub fn read(input: &mut impl BufRead) -> Read_ {
    let mut length: Option<usize> = None;
    let mut any_header = false;
    loop {
        let mut line = String::new();
        match input.read_line(&mut line) {
            Ok(0) => return Read_::End,
            Ok(_) => {}
            Err(e) => return Read_::Invalid(format!("cannot read a header: {e}")),
        }
        let header = line.trim_end_matches(['\r', '\n']);
        if header.is_empty() {
            if any_header {
                break;
            }
            continue;
        }
        any_header = true;
        if let Some((name, value)) = header.split_once(':') {
            if name.eq_ignore_ascii_case("content-length") {
                length = value.trim().parse().ok();
            }
        } else {
            return Read_::Invalid(format!("not a header: {header:?}"));
        }
    }
    let Some(length) = length else {
        return Read_::Invalid("a message without a valid Content-Length".into());
    };
    if length > MAX_BODY {
        // Skip it without holding it.
        let skipped = std::io::copy(&mut input.take(length as u64), &mut std::io::sink());
        return Read_::Invalid(format!(
            "a message of {length} bytes, over the limit of {MAX_BODY} ({skipped:?} skipped)"
        ));
    }
    // The body grows with what arrives: a header that claims more than is sent costs nothing.
    let mut body = Vec::with_capacity(length.min(1 << 20));
    match input.take(length as u64).read_to_end(&mut body) {
        Ok(n) if n < length => return Read_::End,
        Ok(_) => {}
        Err(e) => return Read_::Invalid(format!("cannot read a message body: {e}")),
    }
    match serde_json::from_slice::<Message>(&body) {
        Ok(message) => Read_::Message(message),
        Err(e) => Read_::Invalid(format!("not a JSON-RPC message: {e}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    }

    #[test]
    fn a_length_larger_than_what_is_sent_ends_the_input() {
        let input = "Content-Length: 200000000\r\n\r\n{\"jsonrpc\":\"2.0\"}";
        let mut input = std::io::Cursor::new(input.as_bytes().to_vec());
        assert!(matches!(read(&mut input), Read_::End));
        let body = r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#;
        let mut input = std::io::Cursor::new(frame(body).into_bytes());
        assert!(matches!(read(&mut input), Read_::Message(_)));
        assert!(matches!(read(&mut input), Read_::End));
    }

    #[test]
    fn bad_messages_are_skipped_and_reading_goes_on() {
        let good = r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#;
        let input = format!(
            "{}{}Content-Type: x\r\n\r\n{}garbage\r\n\r\n{}",
            frame("{not json"),
            frame(r#"{"jsonrpc":"2.0","id":1}"#),
            frame(good),
            frame(good)
        );
        let mut input = std::io::Cursor::new(input.into_bytes());
        let mut kinds = Vec::new();
        loop {
            match read(&mut input) {
                Read_::End => break,
                Read_::Message(_) => kinds.push("message"),
                Read_::Invalid(_) => kinds.push("invalid"),
            }
        }
        // Not JSON; a response (id, no result: still a message); headers without a length;
        // the good message after them; a line that is not a header; the good one after it.
        assert_eq!(
            kinds,
            [
                "invalid", "message", "invalid", "message", "invalid", "message"
            ]
        );
    }

    #[test]
    fn a_truncated_body_is_the_end() {
        let mut input = std::io::Cursor::new(b"Content-Length: 100\r\n\r\n{}".to_vec());
        assert!(matches!(read(&mut input), Read_::End));
    }
}
