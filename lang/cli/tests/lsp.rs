//! The real `cvl lsp` binary, spoken to in JSON-RPC over its standard input and output as an editor would:
//! initialize, initialized, didOpen of a file with an error, the diagnostics it publishes, hover, definition,
//! shutdown and exit, and the exit code.
//!
//! The test lives in the cli package because Cargo builds a package's binaries for its own integration tests and
//! names them in `CARGO_BIN_EXE_<name>`: nothing is built inside the test.

use std::process::{Command, Stdio};

use serde_json::{Value, json};

/// The binary and a client that speaks to it (in a test module, where the lints let a failed step panic).
#[cfg(test)]
mod harness {
    use std::io::{BufRead, BufReader, Read, Write};
    use std::path::PathBuf;
    use std::process::{Child, ChildStdin, ChildStdout};

    use serde_json::{Value, json};

    /// The `cvl` binary that Cargo built for this package's tests.
    pub(crate) fn cvl_binary() -> PathBuf {
        PathBuf::from(env!("CARGO_BIN_EXE_cvl"))
    }

    pub(crate) struct Server {
        pub(crate) child: Child,
        pub(crate) stdin: ChildStdin,
        /// The messages the server writes, read on a thread of their own so that a silent server fails the test.
        pub(crate) messages: std::sync::mpsc::Receiver<Value>,
    }

    /// Reads messages from `stdout` (headers up to an empty line, then `Content-Length` bytes of JSON) until it
    /// closes, and sends each to the returned channel.
    pub(crate) fn read_messages(stdout: ChildStdout) -> std::sync::mpsc::Receiver<Value> {
        let (sender, receiver) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut stdout = BufReader::new(stdout);
            loop {
                let mut length = None;
                loop {
                    let mut line = String::new();
                    if stdout.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim_end();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(n) = line.strip_prefix("Content-Length: ") {
                        length = Some(n.parse::<usize>().unwrap());
                    }
                }
                let mut body = vec![0; length.unwrap()];
                stdout.read_exact(&mut body).unwrap();
                if sender.send(serde_json::from_slice(&body).unwrap()).is_err() {
                    return;
                }
            }
        });
        receiver
    }

    impl Server {
        pub(crate) fn send(&mut self, message: &Value) {
            let body = message.to_string();
            write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
            self.stdin.flush().unwrap();
        }

        pub(crate) fn request(&mut self, id: i64, method: &str, params: Value) -> Value {
            self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
            let answer = self.receive();
            assert_eq!(answer["id"], id, "{answer}");
            answer
        }

        pub(crate) fn notify(&mut self, method: &str, params: Value) {
            self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
        }

        /// Reads one message: headers up to an empty line, then `Content-Length` bytes of JSON.
        pub(crate) fn receive(&mut self) -> Value {
            self.messages
                .recv_timeout(std::time::Duration::from_secs(30))
                .expect("a message from the server within 30 s")
        }
    }
}

use harness::*;

/// The workspace root, two levels above this package's directory.
fn workspace_root() -> std::path::PathBuf {
    let manifest = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest
        .ancestors()
        .nth(2)
        .unwrap_or(manifest)
        .to_path_buf()
}

#[test]
fn cvl_lsp_speaks_json_rpc_over_stdio() {
    let root = workspace_root();
    let mut child = Command::new(cvl_binary())
        .arg("lsp")
        .env(
            "XDG_CACHE_HOME",
            std::env::temp_dir().join("cvl-lsp-test-cache"),
        )
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap();
    let mut server = Server {
        stdin: child.stdin.take().unwrap(),
        messages: read_messages(child.stdout.take().unwrap()),
        child,
    };

    let root_uri = format!("file://{}", root.display());
    let init = server.request(
        1,
        "initialize",
        json!({"processId": null, "rootUri": root_uri, "capabilities": {}}),
    );
    assert_eq!(init["result"]["serverInfo"]["name"], "cvl");
    assert_eq!(init["result"]["capabilities"]["hoverProvider"], true);
    server.notify("initialized", json!({}));

    // The reference case, with a payee that is not a party.
    let text = std::fs::read_to_string(root.join("examples/placement/placement.cvl"))
        .unwrap()
        .replace("to firm", "to frim");
    let uri = format!(
        "file://{}",
        root.join("examples/placement/placement.cvl").display()
    );
    server.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "cvl", "version": 1, "text": text}}),
    );
    let published = server.receive();
    assert_eq!(published["method"], "textDocument/publishDiagnostics");
    let diagnostics = published["params"]["diagnostics"].as_array().unwrap();
    assert_eq!(diagnostics.len(), 1, "{published}");
    assert_eq!(diagnostics[0]["code"], "E0015");
    assert_eq!(diagnostics[0]["source"], "cvl");
    assert!(
        diagnostics[0]["message"]
            .as_str()
            .unwrap()
            .starts_with("`frim` is not a party of this contract")
    );

    let line = |needle: &str| text.lines().position(|l| l.contains(needle)).unwrap();
    let stay = line("item stay");
    let hover = server.request(
        2,
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": stay, "character": 8}}),
    );
    let shown = hover["result"]["contents"]["value"].as_str().unwrap();
    assert!(
        shown.contains("60,000.00 DKK per month to ostervold"),
        "{shown}"
    );

    let use_line = line("use care.status_report");
    let definition = server.request(
        3,
        "textDocument/definition",
        json!({"textDocument": {"uri": uri}, "position": {"line": use_line, "character": 12}}),
    );
    let target = definition["result"]["uri"].as_str().unwrap();
    assert!(target.ends_with("/stdlib/care.cvl"), "{definition}");
    assert_eq!(definition["result"]["range"]["start"]["line"], 8);

    let shutdown = server.request(4, "shutdown", Value::Null);
    assert_eq!(shutdown["result"], Value::Null);
    assert!(shutdown.get("error").is_none());
    server.notify("exit", Value::Null);
    drop(server.stdin);
    let status = server.child.wait().unwrap();
    assert_eq!(status.code(), Some(0));
}
