//! The base protocol over standard input and output: `Content-Length` headers, then a
//! JSON-RPC message. Read here rather than by `lsp-server`'s threads so that no input
//! can stop or exhaust the server: a header is at most [`HEADER_LIMIT`] bytes, a message at
//! most [`MESSAGE_LIMIT`] (a larger one is skipped, not allocated), and a message that is
//! not JSON-RPC is reported and passed over. Messages are written with `lsp-server`.

use std::io::{self, BufRead, Read, Write};

use lsp_server::Message;

/// The most one header line may hold.
const HEADER_LIMIT: u64 = 8 << 10;

/// The most one message may hold: a document of 64 MiB is more than an editor sends.
pub const MESSAGE_LIMIT: usize = 64 << 20;

/// What reading the next message gave.
#[derive(Debug)]
pub enum Incoming {
    /// A message.
    Message(Message),
    /// A message that could not be read (too big, not UTF-8, not JSON-RPC), skipped;
    /// `id` is its request id when it had one, to answer with an error.
    Invalid {
        why: String,
        id: Option<lsp_server::RequestId>,
    },
    /// The end of the input.
    End,
}

/// Reads the next message of `input`. `Err` is a failure of the input itself.
pub fn read(input: &mut impl BufRead) -> io::Result<Incoming> {
    let mut length: Option<usize> = None;
    let mut bad_header: Option<String> = None;
    let mut started = false;
    loop {
        let mut line = Vec::new();
        let n = input
            .by_ref()
            .take(HEADER_LIMIT)
            .read_until(b'\n', &mut line)?;
        if n == 0 {
            return Ok(Incoming::End);
        }
        if !line.ends_with(b"\n") {
            // A header line longer than the limit: skip the rest of it.
            skip_line(input)?;
            bad_header.get_or_insert_with(|| "a header line too long".into());
            started = true;
            continue;
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end_matches(['\r', '\n']);
        if text.is_empty() {
            if !started {
                // Blank lines between messages are tolerated.
                continue;
            }
            break;
        }
        started = true;
        match text.split_once(':') {
            Some((name, value)) if name.trim().eq_ignore_ascii_case("content-length") => {
                match value.trim().parse::<usize>() {
                    Ok(v) => length = Some(v),
                    Err(_) => {
                        bad_header
                            .get_or_insert_with(|| "a Content-Length that is not a number".into());
                    }
                }
            }
            Some(_) => {}
            None => {
                bad_header.get_or_insert_with(|| "a header line without `:`".into());
            }
        }
    }
    let Some(length) = length else {
        return Ok(Incoming::Invalid {
            why: bad_header.unwrap_or_else(|| "a message without Content-Length".into()),
            id: None,
        });
    };
    if length > MESSAGE_LIMIT {
        io::copy(&mut input.by_ref().take(length as u64), &mut io::sink())?;
        return Ok(Incoming::Invalid {
            why: format!(
                "a message of {length} bytes, more than the {} MiB a message may hold",
                MESSAGE_LIMIT >> 20
            ),
            id: None,
        });
    }
    let mut body = Vec::with_capacity(length.min(1 << 20));
    input.by_ref().take(length as u64).read_to_end(&mut body)?;
    if body.len() < length {
        return Ok(Incoming::End);
    }
    Ok(parse(&body))
}

/// A message body as JSON-RPC. A request whose shape lsp-server rejects (or takes for a
/// response, as `{"id": 7, "method": 5}`) is invalid, with its id to answer it.
fn parse(body: &[u8]) -> Incoming {
    let value = match serde_json::from_slice::<serde_json::Value>(body) {
        Ok(v) => v,
        Err(e) => {
            return Incoming::Invalid {
                why: format!("a message that is not JSON: {e}"),
                id: None,
            }
        }
    };
    let id = || {
        value
            .get("id")
            .and_then(|id| serde_json::from_value(id.clone()).ok())
    };
    let has_method = value.get("method").is_some();
    match serde_json::from_value::<Message>(value.clone()) {
        Ok(Message::Response(_)) if has_method => Incoming::Invalid {
            why: "a message whose method is not a string".into(),
            id: id(),
        },
        Ok(m) => Incoming::Message(m),
        Err(e) => Incoming::Invalid {
            why: format!("a message that is not JSON-RPC: {e}"),
            id: id(),
        },
    }
}

/// Skips input up to and including the next line feed.
fn skip_line(input: &mut impl BufRead) -> io::Result<()> {
    loop {
        let buf = input.fill_buf()?;
        if buf.is_empty() {
            return Ok(());
        }
        match buf.iter().position(|&b| b == b'\n') {
            Some(i) => {
                input.consume(i + 1);
                return Ok(());
            }
            None => {
                let n = buf.len();
                input.consume(n);
            }
        }
    }
}

/// Writes one message (with its header) and flushes.
pub fn write(output: &mut impl Write, message: Message) -> io::Result<()> {
    message.write(output)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    }

    #[test]
    fn reads_messages_and_passes_over_bad_ones() {
        let ok = r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#;
        let input = [
            frame(ok),
            frame("{not json"),
            frame(r#"{"jsonrpc":"2.0","id":7,"method":5}"#),
            "X-Other: 1\r\nno colon\r\n\r\n".to_string(),
            "Content-Length: x9\r\n\r\n".to_string(),
            frame(ok),
            "Content-Length: 50\r\n\r\n{".to_string(),
        ]
        .concat();
        let mut r = io::Cursor::new(input.into_bytes());
        assert!(matches!(read(&mut r).unwrap(), Incoming::Message(_)));
        assert!(matches!(
            read(&mut r).unwrap(),
            Incoming::Invalid { id: None, .. }
        ));
        match read(&mut r).unwrap() {
            Incoming::Invalid { id: Some(id), .. } => assert_eq!(id, 7.into()),
            other => panic!("{other:?}"),
        }
        assert!(matches!(read(&mut r).unwrap(), Incoming::Invalid { .. }));
        assert!(matches!(read(&mut r).unwrap(), Incoming::Invalid { .. }));
        assert!(matches!(read(&mut r).unwrap(), Incoming::Message(_)));
        // Cut short: the end.
        assert!(matches!(read(&mut r).unwrap(), Incoming::End));
    }

    #[test]
    fn a_huge_message_is_skipped_not_allocated() {
        let ok = r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#;
        let big = MESSAGE_LIMIT + 1;
        let mut input = format!("Content-Length: {big}\r\n\r\n").into_bytes();
        input.resize(input.len() + big, b' ');
        input.extend(frame(ok).into_bytes());
        let mut r = io::Cursor::new(input);
        assert!(matches!(read(&mut r).unwrap(), Incoming::Invalid { .. }));
        assert!(matches!(read(&mut r).unwrap(), Incoming::Message(_)));
        let mut r = io::Cursor::new(b"Content-Length: 99999999999999\r\n\r\n{}".to_vec());
        assert!(matches!(read(&mut r).unwrap(), Incoming::Invalid { .. }));
        assert!(matches!(read(&mut r).unwrap(), Incoming::End));
    }

    #[test]
    fn a_long_header_line_is_skipped() {
        let ok = r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#;
        let input = format!("X: {}\r\n{}", "y".repeat(20000), frame(ok));
        let mut r = io::Cursor::new(input.into_bytes());
        assert!(matches!(read(&mut r).unwrap(), Incoming::Message(_)));
    }
}
