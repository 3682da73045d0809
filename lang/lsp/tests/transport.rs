//! The server over its byte stream, as `cvl lsp` runs it: raw bytes in, framed answers out. Lengths that lie,
//! bodies that are not JSON or nest too deeply, and JSON that is no message are answered as the protocol asks
//! (or end the connection, when no next message can be found), and never crash the server.

use serde_json::{Value, json};

/// The helpers (in a test module, where the lints let a failed step panic).
#[cfg(test)]
mod harness {
    use std::io::Write;
    use std::sync::{Arc, Mutex};

    use cvl_lsp::Options;
    use cvl_lsp::transport::{Broken, serve_io};
    use serde_json::{Value, json};

    /// A writer the test can read after the server is done.
    #[derive(Clone, Default)]
    pub(crate) struct Shared(Arc<Mutex<Vec<u8>>>);

    impl Write for Shared {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    pub(crate) fn frame(body: &str) -> Vec<u8> {
        format!("Content-Length: {}\r\n\r\n{body}", body.len()).into_bytes()
    }

    pub(crate) fn message(value: Value) -> Vec<u8> {
        frame(&value.to_string())
    }

    /// Runs a server on `input` to its end; returns the exit code, why the stream broke, and the messages written.
    pub(crate) fn session(input: Vec<u8>) -> (i32, Option<Broken>, Vec<Value>) {
        let output = Shared::default();
        let (code, broken) = serve_io(
            std::io::Cursor::new(input),
            output.clone(),
            &Options::default(),
        );
        let bytes = output.0.lock().unwrap().clone();
        let mut messages = Vec::new();
        let mut rest = &bytes[..];
        while let Ok(cvl_lsp::transport::Frame::Body(body)) =
            cvl_lsp::transport::read_frame(&mut rest)
        {
            messages.push(serde_json::from_slice(&body).unwrap());
        }
        (code, broken, messages)
    }

    pub(crate) fn initialize(id: i64) -> Vec<u8> {
        message(
            json!({"jsonrpc": "2.0", "id": id, "method": "initialize", "params": {"capabilities": {}}}),
        )
    }

    pub(crate) fn shutdown_and_exit() -> Vec<u8> {
        let mut bytes = message(json!({"jsonrpc": "2.0", "id": 99, "method": "shutdown"}));
        bytes.extend(message(json!({"jsonrpc": "2.0", "method": "exit"})));
        bytes
    }
}

use harness::*;

#[test]
fn malformed_deep_and_shapeless_bodies_are_answered_and_the_server_goes_on() {
    let mut input = frame("{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\"");
    input.extend(frame(&format!(
        "{}{}",
        "[".repeat(100_000),
        "]".repeat(100_000)
    )));
    input.extend(frame("[1, 2]"));
    input.extend(frame("\"text\""));
    input.extend(initialize(1));
    input.extend(shutdown_and_exit());
    let (code, broken, messages) = session(input);
    assert!(broken.is_none(), "{broken:?}");
    assert_eq!(code, 0);
    let codes: Vec<(Value, Value)> = messages
        .iter()
        .map(|m| (m["id"].clone(), m["error"]["code"].clone()))
        .collect();
    assert_eq!(
        codes,
        [
            (Value::Null, json!(-32700)),
            (Value::Null, json!(-32700)),
            (Value::Null, json!(-32600)),
            (Value::Null, json!(-32600)),
            (json!(1), Value::Null),
            (json!(99), Value::Null),
        ]
    );
    insta::assert_snapshot!(
        messages
            .iter()
            .take(4)
            .map(|m| m["error"]["message"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
            .join("\n"),
        @r"
    the message is not JSON: EOF while parsing an object at line 1 column 36
    the message is not JSON: recursion limit exceeded at line 1 column 128
    the message is not a JSON-RPC request, response or notification
    the message is not a JSON-RPC request, response or notification
    "
    );
    assert_eq!(messages[4]["result"]["serverInfo"]["name"], "cvl");
}

#[test]
fn a_body_over_64_mib_is_skipped_and_answered() {
    let length = cvl_lsp::transport::MAX_MESSAGE + 1;
    let mut input = format!("Content-Length: {length}\r\n\r\n").into_bytes();
    input.resize(input.len() + usize::try_from(length).unwrap(), b' ');
    input.extend(initialize(1));
    input.extend(shutdown_and_exit());
    let (code, broken, messages) = session(input);
    assert!(broken.is_none(), "{broken:?}");
    assert_eq!(code, 0);
    assert_eq!(messages[0]["id"], Value::Null);
    assert_eq!(messages[0]["error"]["code"], -32600);
    assert_eq!(
        messages[0]["error"]["message"],
        "the message is 67108865 bytes: at most 67108864 bytes are read"
    );
    assert_eq!(messages[1]["id"], 1);
}

#[test]
fn lengths_that_lie_end_the_connection_without_a_crash() {
    for length in ["1000000000000", "18446744073709551615"] {
        let mut input = initialize(1);
        input.extend(format!("Content-Length: {length}\r\n\r\n{{}}").into_bytes());
        let (code, broken, messages) = session(input);
        assert_eq!(code, 1, "{length}");
        assert_eq!(
            broken.map(|b| b.to_string()).as_deref(),
            Some("the editor closed the connection in the middle of a message")
        );
        assert_eq!(messages.len(), 1);
    }
    let mut input = initialize(1);
    input.extend(b"Content-Length: 99999999999999999999999\r\n\r\n{}");
    let (code, broken, _) = session(input);
    assert_eq!(code, 1);
    assert_eq!(
        broken.map(|b| b.to_string()).as_deref(),
        Some(
            "the editor sent a malformed header: `Content-Length: 99999999999999999999999` is not a length in bytes"
        )
    );
}

#[test]
fn an_id_that_is_no_integer_or_string_and_an_id_without_a_method_are_answered() {
    let bodies = [
        json!({"jsonrpc": "2.0", "id": 1.5, "method": "textDocument/hover", "params": {}}),
        json!({"jsonrpc": "2.0", "id": {"a": 1}, "method": "textDocument/hover", "params": {}}),
        json!({"jsonrpc": "2.0", "id": [1], "method": "shutdown"}),
        json!({"jsonrpc": "2.0", "id": true, "method": "shutdown"}),
        json!({"jsonrpc": "2.0", "id": null, "method": "shutdown"}),
        json!({"jsonrpc": "2.0", "id": 4_294_967_296_i64, "method": "shutdown"}),
        json!({"jsonrpc": "2.0", "id": 5}),
        json!({"jsonrpc": "2.0", "id": "x"}),
    ];
    // Refused by the reader itself, so answered before `initialize` (which the server answers) is read.
    let mut input = Vec::new();
    for body in &bodies {
        input.extend(message(body.clone()));
    }
    input.extend(initialize(1));
    // A response from the client (to a request the server never sent) is taken, not answered.
    input.extend(message(json!({"jsonrpc": "2.0", "id": 7, "result": null})));
    input.extend(shutdown_and_exit());
    let (code, broken, messages) = session(input);
    assert!(broken.is_none(), "{broken:?}");
    assert_eq!(code, 0);
    assert_eq!(messages.len(), bodies.len() + 2, "{messages:?}");
    let refusals = &messages[..bodies.len()];
    for refusal in refusals {
        assert_eq!(refusal["id"], Value::Null, "{refusal}");
        assert_eq!(refusal["error"]["code"], -32600, "{refusal}");
    }
    insta::assert_snapshot!(
        refusals
            .iter()
            .map(|m| m["error"]["message"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
            .join("\n"),
        @r"
    the message's `id` is neither an integer nor a string
    the message's `id` is neither an integer nor a string
    the message's `id` is neither an integer nor a string
    the message's `id` is neither an integer nor a string
    the message's `id` is neither an integer nor a string
    the message's `id` is neither an integer nor a string
    the message has an `id` but neither a `method` nor a `result` or `error`
    the message has an `id` but neither a `method` nor a `result` or `error`
    "
    );
    assert_eq!(messages.last().unwrap()["id"], 99);
}

#[test]
fn two_content_lengths_end_the_connection_saying_why() {
    let mut input = initialize(1);
    input.extend(b"Content-Length: 2\r\nContent-Length: 40\r\n\r\n{}");
    input.extend(shutdown_and_exit());
    let (code, broken, messages) = session(input);
    assert_eq!(code, 1);
    assert_eq!(
        broken.map(|b| b.to_string()).as_deref(),
        Some("the editor sent a malformed header: `Content-Length` is given twice")
    );
    assert_eq!(messages.len(), 1);
}
