//! The base protocol on a byte stream, read with bounds: headers, then a body of `Content-Length` bytes.
//!
//! lsp-server's own reader trusts the header: it allocates whatever length is claimed (a length of 10^12 aborts
//! the process, `usize::MAX` panics) and ends the connection on a body that is not JSON. This reader is used
//! instead. A header line is at most [`MAX_HEADER_LINE`] bytes and a body at most [`MAX_MESSAGE`]; a longer body is
//! skipped (read and dropped as it comes, never held) and answered with an `InvalidRequest` error; a body that is
//! not JSON, or nests deeper than serde_json's limit of 128, is answered with a `ParseError`; JSON that is no
//! message is answered with `InvalidRequest`, and so is a message whose `id` is neither a 32-bit integer nor a
//! string, or one with an `id` but no `method`, `result` or `error` (either would otherwise go unanswered); all
//! with a `null` id, as JSON-RPC asks when the id cannot be known, and the server goes on reading. Headers that
//! cannot be read (no `Content-Length`, two of them, a length that is not a number, a line that is too long) leave
//! no way to find the next message: the connection ends, and the reason is given back to be reported.
//!
//! [`serve_io`] runs the server of server.rs between this reader and a writer, on three threads: one reads, one
//! writes what the server sends, and the caller's runs the server.

use std::io::{self, BufRead, Read, Write};
use std::sync::{Arc, Mutex, PoisonError};

use lsp_server::{Connection, ErrorCode, Message};

use crate::server::{Options, serve};

/// The largest body read, in bytes: 64 MiB.
pub const MAX_MESSAGE: u64 = 64 * 1024 * 1024;
/// The longest header line read, in bytes.
pub const MAX_HEADER_LINE: u64 = 8 * 1024;

/// What one read of the stream gives.
#[derive(Debug, PartialEq, Eq)]
pub enum Frame {
    /// A body within the limit.
    Body(Vec<u8>),
    /// A body longer than [`MAX_MESSAGE`] of this many bytes, skipped.
    TooLarge(u64),
    /// The stream ended between messages.
    End,
}

/// Why the stream cannot be read further.
#[derive(Debug)]
pub enum Broken {
    /// The headers break the protocol: the message says how.
    Header(String),
    /// The stream failed or ended inside a message.
    Io(io::Error),
}

impl std::fmt::Display for Broken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Broken::Header(reason) => write!(f, "the editor sent a malformed header: {reason}"),
            Broken::Io(error) if error.kind() == io::ErrorKind::UnexpectedEof => {
                f.write_str("the editor closed the connection in the middle of a message")
            }
            Broken::Io(error) => write!(
                f,
                "the connection to the editor failed: {}",
                cvl_check::loader::io_message(error)
            ),
        }
    }
}

/// Reads one message's headers and body from `input`, holding at most [`MAX_MESSAGE`] bytes.
pub fn read_frame(input: &mut dyn BufRead) -> Result<Frame, Broken> {
    let mut length: Option<u64> = None;
    let mut first = true;
    loop {
        let mut line = Vec::new();
        let read = Read::take(&mut *input, MAX_HEADER_LINE + 1)
            .read_until(b'\n', &mut line)
            .map_err(Broken::Io)?;
        if read == 0 {
            return if first {
                Ok(Frame::End)
            } else {
                Err(Broken::Io(io::ErrorKind::UnexpectedEof.into()))
            };
        }
        first = false;
        if u64::try_from(line.len()).unwrap_or(u64::MAX) > MAX_HEADER_LINE {
            return Err(Broken::Header(format!(
                "a header line is longer than {MAX_HEADER_LINE} bytes"
            )));
        }
        let Some(line) = line.strip_suffix(b"\n") else {
            return Err(Broken::Io(io::ErrorKind::UnexpectedEof.into()));
        };
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if line.is_empty() {
            break;
        }
        let text = String::from_utf8_lossy(line);
        let Some((name, value)) = text.split_once(':') else {
            return Err(Broken::Header(format!(
                "`{}` is not `Name: value`",
                text.escape_debug()
            )));
        };
        if name.trim().eq_ignore_ascii_case("Content-Length") {
            let value = value.trim();
            let parsed = value
                .parse::<u64>()
                .ok()
                .filter(|_| value.bytes().all(|b| b.is_ascii_digit()));
            match parsed {
                // Two lengths leave no way to know where the body ends: neither is taken.
                Some(_) if length.is_some() => {
                    return Err(Broken::Header(
                        "`Content-Length` is given twice".to_string(),
                    ));
                }
                Some(n) => length = Some(n),
                None => {
                    return Err(Broken::Header(format!(
                        "`Content-Length: {}` is not a length in bytes",
                        value.escape_debug()
                    )));
                }
            }
        }
    }
    let Some(length) = length else {
        return Err(Broken::Header("there is no `Content-Length`".to_string()));
    };
    if length > MAX_MESSAGE {
        let skipped =
            io::copy(&mut Read::take(&mut *input, length), &mut io::sink()).map_err(Broken::Io)?;
        if skipped < length {
            return Err(Broken::Io(io::ErrorKind::UnexpectedEof.into()));
        }
        return Ok(Frame::TooLarge(length));
    }
    // Grown as the bytes come, so a length that lies costs nothing.
    let mut body = Vec::new();
    Read::take(&mut *input, length)
        .read_to_end(&mut body)
        .map_err(Broken::Io)?;
    if u64::try_from(body.len()).unwrap_or(u64::MAX) < length {
        return Err(Broken::Io(io::ErrorKind::UnexpectedEof.into()));
    }
    Ok(Frame::Body(body))
}

/// A body as a message, or the error response (with a `null` id) that answers it.
pub fn parse_body(body: &[u8]) -> Result<Message, String> {
    // serde_json refuses nesting deeper than 128 (its `unbounded_depth` feature is off), so no input overflows
    // the stack.
    let value: serde_json::Value = match serde_json::from_slice(body) {
        Ok(value) => value,
        Err(error) => {
            return Err(error_response(
                ErrorCode::ParseError,
                &format!("the message is not JSON: {error}"),
            ));
        }
    };
    // serde would read an array as the fields of a message, in order: a message is an object.
    let Some(object) = value.as_object() else {
        return Err(not_a_message());
    };
    if let Some(id) = object.get("id") {
        // An id is an integer (32 bits, as the protocol says) or a string. Anything else would otherwise be read
        // as a notification and go unanswered.
        let integer = id.as_i64().is_some_and(|n| i32::try_from(n).is_ok());
        if !(integer || id.is_string()) {
            return Err(error_response(
                ErrorCode::InvalidRequest,
                "the message's `id` is neither an integer nor a string",
            ));
        }
        if !["method", "result", "error"]
            .iter()
            .any(|k| object.contains_key(*k))
        {
            return Err(error_response(
                ErrorCode::InvalidRequest,
                "the message has an `id` but neither a `method` nor a `result` or `error`",
            ));
        }
    }
    serde_json::from_value::<Message>(value).map_err(|_| not_a_message())
}

/// The answer to JSON that is no message.
fn not_a_message() -> String {
    error_response(
        ErrorCode::InvalidRequest,
        "the message is not a JSON-RPC request, response or notification",
    )
}

/// The text of an error response with a `null` id.
fn error_response(code: ErrorCode, message: &str) -> String {
    serde_json::json!({
        "jsonrpc": "2.0",
        "id": null,
        "error": {"code": code as i32, "message": message},
    })
    .to_string()
}

/// Writes `text` as one message of the base protocol.
fn write_text(output: &mut dyn Write, text: &str) -> io::Result<()> {
    write!(output, "Content-Length: {}\r\n\r\n", text.len())?;
    output.write_all(text.as_bytes())?;
    output.flush()
}

/// Serves one client reading `input` and writing `output` until it exits; returns the exit code and, when the
/// stream broke, why.
pub fn serve_io<R, W>(input: R, output: W, options: &Options) -> (i32, Option<Broken>)
where
    R: BufRead + Send + 'static,
    W: Write + Send + 'static,
{
    let (server, client) = Connection::memory();
    let Connection {
        sender: to_server,
        receiver: from_server,
    } = client;
    let output = Arc::new(Mutex::new(output));
    let broken: Arc<Mutex<Option<Broken>>> = Arc::new(Mutex::new(None));

    let writer_output = Arc::clone(&output);
    let writer = std::thread::spawn(move || {
        for message in from_server {
            let mut output = writer_output.lock().unwrap_or_else(PoisonError::into_inner);
            if message.write(&mut *output).is_err() {
                break;
            }
        }
    });

    let reader_broken = Arc::clone(&broken);
    let reader_output = Arc::clone(&output);
    // The reader thread is not joined: after `exit` it stops by itself, and otherwise it may be waiting on input
    // that never comes when the server ends; the process ends it.
    std::thread::spawn(move || {
        let mut input = input;
        let answer = |text: &str| {
            let mut output = reader_output.lock().unwrap_or_else(PoisonError::into_inner);
            let _ = write_text(&mut *output, text);
        };
        loop {
            let message = match read_frame(&mut input) {
                Ok(Frame::End) => break,
                Ok(Frame::TooLarge(length)) => {
                    answer(&error_response(
                        ErrorCode::InvalidRequest,
                        &format!(
                            "the message is {length} bytes: at most {MAX_MESSAGE} bytes are read"
                        ),
                    ));
                    continue;
                }
                Ok(Frame::Body(body)) => match parse_body(&body) {
                    Ok(message) => message,
                    Err(response) => {
                        answer(&response);
                        continue;
                    }
                },
                Err(reason) => {
                    *reader_broken.lock().unwrap_or_else(PoisonError::into_inner) = Some(reason);
                    break;
                }
            };
            let exit = matches!(&message, Message::Notification(n) if n.method == "exit");
            if to_server.send(message).is_err() || exit {
                break;
            }
        }
        // Dropping `to_server` here tells the server that the client has gone.
    });

    let code = serve(&server, options);
    drop(server);
    let _ = writer.join();
    let broken = broken.lock().unwrap_or_else(PoisonError::into_inner).take();
    (code, broken)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(bytes: &[u8]) -> Result<Frame, Broken> {
        read_frame(&mut &bytes[..])
    }

    #[test]
    fn a_frame_is_read_with_its_length_and_the_stream_end_is_clean() {
        let mut input: &[u8] =
            b"Content-Length: 2\r\nContent-Type: x\r\n\r\n{}Content-Length: 0\r\n\r\n";
        assert_eq!(read_frame(&mut input).unwrap(), Frame::Body(b"{}".to_vec()));
        assert_eq!(read_frame(&mut input).unwrap(), Frame::Body(Vec::new()));
        assert_eq!(read_frame(&mut input).unwrap(), Frame::End);
    }

    #[test]
    fn a_body_over_the_limit_is_skipped_not_held() {
        let mut bytes = format!("Content-Length: {}\r\n\r\n", MAX_MESSAGE + 1).into_bytes();
        bytes.resize(
            bytes.len() + usize::try_from(MAX_MESSAGE + 1).unwrap(),
            b' ',
        );
        bytes.extend_from_slice(b"Content-Length: 2\r\n\r\n{}");
        let mut input = &bytes[..];
        assert_eq!(
            read_frame(&mut input).unwrap(),
            Frame::TooLarge(MAX_MESSAGE + 1)
        );
        assert_eq!(read_frame(&mut input).unwrap(), Frame::Body(b"{}".to_vec()));
    }

    #[test]
    fn huge_lengths_end_in_an_error_not_an_allocation() {
        for length in ["1000000000000", "18446744073709551615"] {
            let header = format!("Content-Length: {length}\r\n\r\n");
            let error = frame(header.as_bytes()).unwrap_err();
            assert!(matches!(&error, Broken::Io(e) if e.kind() == io::ErrorKind::UnexpectedEof));
        }
    }

    #[test]
    fn broken_headers_say_why() {
        let cases: [(&[u8], &str); 6] = [
            (
                b"Content-Length: 2\r\nContent-Length: 2\r\n\r\n{}",
                "`Content-Length` is given twice",
            ),
            (
                b"Content-Length: 200\r\ncontent-length: 2\r\n\r\n{}",
                "`Content-Length` is given twice",
            ),
            (
                b"Content-Length: 99999999999999999999999\r\n\r\n",
                "`Content-Length: 99999999999999999999999` is not a length in bytes",
            ),
            (
                b"Content-Length: -1\r\n\r\n",
                "`Content-Length: -1` is not a length in bytes",
            ),
            (b"Content-Type: x\r\n\r\n", "there is no `Content-Length`"),
            (b"garbage\r\n\r\n", "`garbage` is not `Name: value`"),
        ];
        for (bytes, reason) in cases {
            let error = frame(bytes).unwrap_err().to_string();
            assert_eq!(
                error,
                format!("the editor sent a malformed header: {reason}")
            );
        }
        let long = vec![b'x'; 10_000];
        let error = frame(&long).unwrap_err().to_string();
        assert!(
            error.ends_with("a header line is longer than 8192 bytes"),
            "{error}"
        );
    }

    #[test]
    fn bodies_that_are_not_messages_are_answered_with_a_null_id() {
        let answer = |body: &[u8]| -> serde_json::Value {
            serde_json::from_str(&parse_body(body).unwrap_err()).unwrap()
        };
        let malformed = answer(b"{\"jsonrpc\":");
        assert_eq!(malformed["id"], serde_json::Value::Null);
        assert_eq!(malformed["error"]["code"], -32700);
        let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        let deep = answer(deep.as_bytes());
        assert_eq!(deep["error"]["code"], -32700);
        assert!(
            deep["error"]["message"]
                .as_str()
                .unwrap()
                .contains("recursion limit exceeded"),
            "{deep}"
        );
        assert_eq!(answer(b"[1, 2]")["error"]["code"], -32600);
        assert!(parse_body(b"{\"jsonrpc\":\"2.0\",\"method\":\"exit\"}").is_ok());
    }
}
