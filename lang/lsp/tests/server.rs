//! The server over lsp-server's in-memory connection: the handshake, each request and notification, the errors
//! the protocol asks for, and the exit codes. Answers are snapshot as JSON; `$0` in a fixture marks the cursor.

use cvl_lsp::{Options, serve};
use lsp_server::{Connection, Message, Notification, Request, RequestId};
use serde_json::{Value, json};

pub(crate) const PLACEMENT: &str = include_str!("../../../examples/placement/placement.cvl");
pub(crate) const URI: &str = "file:///fixture/placement.cvl";

/// The client side (in a test module, where the lints let a failed step panic).
#[cfg(test)]
mod harness {
    use std::path::PathBuf;
    use std::thread::JoinHandle;
    use std::time::Duration;

    use cvl_lsp::{Options, serve};
    use lsp_server::{Connection, Message, Notification, Request, RequestId, Response};
    use serde_json::{Value, json};

    use super::URI;

    /// A client talking to a server running on its own thread.
    pub(crate) struct Client {
        pub(crate) connection: Connection,
        pub(crate) server: Option<JoinHandle<i32>>,
        pub(crate) next_id: i32,
    }

    impl Client {
        /// Starts a server; with `initialize`, also performs the handshake with the repository as the workspace.
        pub(crate) fn start(initialize: bool) -> Client {
            let mut client = Client::spawn(None);
            if initialize {
                let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                    .join("../..")
                    .canonicalize()
                    .unwrap();
                let root = lsp_types::Url::from_file_path(root).unwrap();
                let answer = client.request(
                    "initialize",
                    json!({"capabilities": {}, "rootUri": root, "processId": null}),
                );
                assert!(answer.error.is_none(), "{answer:?}");
                client.notify("initialized", json!({}));
            }
            client
        }

        /// Starts a server that copies the stdlib to `cache`, and initializes it without a workspace, so that
        /// definition into the stdlib goes to that copy.
        pub(crate) fn without_workspace(cache: PathBuf) -> Client {
            let mut client = Client::spawn(Some(cache));
            let answer = client.request("initialize", json!({"capabilities": {}}));
            assert!(answer.error.is_none(), "{answer:?}");
            client
        }

        pub(crate) fn spawn(stdlib_cache: Option<PathBuf>) -> Client {
            let (server, connection) = Connection::memory();
            let handle = std::thread::spawn(move || {
                let options = Options {
                    libs: Vec::new(),
                    stdlib_cache,
                };
                serve(&server, &options)
            });
            Client {
                connection,
                server: Some(handle),
                next_id: 0,
            }
        }

        pub(crate) fn request(&mut self, method: &str, params: Value) -> Response {
            self.next_id += 1;
            let id = RequestId::from(self.next_id);
            self.connection
                .sender
                .send(Request::new(id.clone(), method.to_string(), params).into())
                .unwrap();
            match self.receive() {
                Message::Response(response) => {
                    assert_eq!(response.id, id);
                    response
                }
                other => panic!("expected the response to {method}, got {other:?}"),
            }
        }

        pub(crate) fn notify(&self, method: &str, params: Value) {
            self.connection
                .sender
                .send(Notification::new(method.to_string(), params).into())
                .unwrap();
        }

        pub(crate) fn receive(&self) -> Message {
            self.connection
                .receiver
                .recv_timeout(Duration::from_secs(10))
                .expect("a message from the server")
        }

        /// The next `publishDiagnostics` notification's parameters.
        pub(crate) fn diagnostics(&self) -> Value {
            match self.receive() {
                Message::Notification(n) if n.method == "textDocument/publishDiagnostics" => {
                    n.params
                }
                other => panic!("expected diagnostics, got {other:?}"),
            }
        }

        pub(crate) fn open(&self, text: &str) -> Value {
            self.notify(
                "textDocument/didOpen",
                json!({"textDocument": {"uri": URI, "languageId": "cvl", "version": 1, "text": text}}),
            );
            self.diagnostics()
        }

        /// Sends `exit` (after `shutdown` when asked) and returns the server's exit code.
        pub(crate) fn exit(mut self, shutdown: bool) -> i32 {
            if shutdown {
                let answer = self.request("shutdown", Value::Null);
                assert_eq!(answer.result, Some(Value::Null));
                assert!(answer.error.is_none());
                // After shutdown, any request is refused.
                let refused = self.request("textDocument/hover", json!({}));
                assert_eq!(refused.error.unwrap().code, -32600);
            }
            self.notify("exit", Value::Null);
            self.server.take().unwrap().join().unwrap()
        }
    }

    /// The text without its `$0` marker, and the marker's protocol position.
    pub(crate) fn fixture(text: &str) -> (String, Value) {
        let at = text.find("$0").unwrap();
        let before = &text[..at];
        let line = before.matches('\n').count();
        let column: usize = before
            .rsplit('\n')
            .next()
            .unwrap()
            .chars()
            .map(char::len_utf16)
            .sum();
        (
            text.replacen("$0", "", 1),
            json!({"line": line, "character": column}),
        )
    }

    pub(crate) fn at(position: &Value) -> Value {
        json!({"textDocument": {"uri": URI}, "position": position})
    }
}

use harness::*;

#[test]
fn initialize_announces_the_capabilities() {
    let (server, client) = Connection::memory();
    let handle = std::thread::spawn(move || serve(&server, &Options::default()));
    client
        .sender
        .send(
            Request::new(
                RequestId::from(1),
                "initialize".to_string(),
                json!({"capabilities": {}}),
            )
            .into(),
        )
        .unwrap();
    let Message::Response(answer) = client.receiver.recv().unwrap() else {
        panic!("a response")
    };
    let mut result = answer.result.unwrap();
    result["serverInfo"]["version"] = json!("[version]");
    insta::assert_json_snapshot!(result);
    for method in ["initialized", "exit"] {
        client
            .sender
            .send(Notification::new(method.to_string(), json!({})).into())
            .unwrap();
    }
    assert_eq!(handle.join().unwrap(), 1);
}

#[test]
fn a_request_before_initialize_is_refused() {
    let mut client = Client::start(false);
    let answer = client.request("textDocument/hover", json!({}));
    let error = answer.error.unwrap();
    assert_eq!(error.code, -32002, "ServerNotInitialized");
    insta::assert_snapshot!(error.message, @"the server is not initialized: `textDocument/hover` must follow `initialize`");
    // An exit before initialize ends the server with 1.
    assert_eq!(client.exit(false), 1);
}

#[test]
fn diagnostics_are_published_on_open_and_change_and_cleared_on_close() {
    let client = Client::start(true);
    let opened = client.open(&PLACEMENT.replace("to firm", "to frim"));
    assert_eq!(opened["version"], 1);
    insta::assert_json_snapshot!(opened["diagnostics"]);

    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": URI, "version": 2}, "contentChanges": [{"text": PLACEMENT}]}),
    );
    let changed = client.diagnostics();
    assert_eq!(changed["version"], 2);
    assert_eq!(changed["diagnostics"], json!([]));

    client.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": URI}}),
    );
    let closed = client.diagnostics();
    assert_eq!(closed["uri"], URI);
    assert_eq!(closed["diagnostics"], json!([]));
    assert_eq!(client.exit(true), 0);
}

/// Over the protocol: a Danish document's diagnostics are published in Danish, and the initialization option
/// `{"lang": "da"}` puts an English document's in Danish too.
#[test]
fn diagnostics_are_published_in_the_documents_language_or_the_one_the_client_chose() {
    let danish = "kontrakt k \"K\" {\n  starter den 2019-02-30\n}\n";
    let english = "contract k \"K\" {\n  starts on 2019-02-30\n}\n";
    let client = Client::start(true);
    let opened = client.open(danish);
    assert_eq!(
        opened["diagnostics"][0]["message"],
        "`2019-02-30` er ikke en dato i kalenderen\nhjælp: den måned har 28 dage"
    );
    assert_eq!(client.exit(true), 0);

    let mut chosen = Client::spawn(None);
    let answer = chosen.request(
        "initialize",
        json!({"capabilities": {}, "initializationOptions": {"lang": "da"}}),
    );
    assert!(answer.error.is_none(), "{answer:?}");
    let opened = chosen.open(english);
    assert_eq!(
        opened["diagnostics"][0]["message"],
        "`2019-02-30` er ikke en dato i kalenderen\nhjælp: den måned har 28 dage"
    );
    assert_eq!(chosen.exit(true), 0);
}

#[test]
fn hover_shows_an_items_terms() {
    let mut client = Client::start(true);
    let (text, position) = fixture(&PLACEMENT.replace("item taxi", "item $0taxi"));
    client.open(&text);
    let answer = client.request("textDocument/hover", at(&position));
    insta::assert_json_snapshot!(answer.result);
    assert_eq!(client.exit(true), 0);
}

#[test]
fn definition_goes_to_the_stdlib_in_the_workspace() {
    let mut client = Client::start(true);
    let (text, position) =
        fixture(&PLACEMENT.replace("care.status_report", "care.$0status_report"));
    client.open(&text);
    let answer = client.request("textDocument/definition", at(&position));
    let mut result = answer.result.unwrap();
    let uri = result["uri"].as_str().unwrap().to_string();
    assert!(uri.ends_with("/stdlib/care.cvl"), "{uri}");
    result["uri"] = json!("[workspace]/stdlib/care.cvl");
    insta::assert_json_snapshot!(result);
    assert_eq!(client.exit(true), 0);
}

#[test]
fn completion_offers_the_parties_after_to() {
    let mut client = Client::start(true);
    let (text, position) = fixture(&PLACEMENT.replace("to firm\n", "to f$0\n"));
    client.open(&text);
    let answer = client.request(
        "textDocument/completion",
        json!({"textDocument": {"uri": URI}, "position": position}),
    );
    insta::assert_json_snapshot!(answer.result);
    assert_eq!(client.exit(true), 0);
}

#[test]
fn document_symbols_are_the_outline() {
    let mut client = Client::start(true);
    client.open(PLACEMENT);
    let answer = client.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": URI}}),
    );
    let result = answer.result.unwrap();
    let names: Vec<&str> = result[1]["children"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    insta::assert_json_snapshot!(names);
    assert_eq!(client.exit(true), 0);
}

#[test]
fn bad_requests_get_the_protocols_error_codes() {
    let mut client = Client::start(true);
    client.open(PLACEMENT);
    let mut errors = Vec::new();
    for (method, params) in [
        (
            "textDocument/rename",
            at(&json!({"line": 0, "character": 0})),
        ),
        ("textDocument/hover", json!({"textDocument": 3})),
        (
            "textDocument/hover",
            json!({"textDocument": {"uri": "file:///nowhere.cvl"}, "position": {"line": 0, "character": 0}}),
        ),
    ] {
        let answer = client.request(method, params);
        let error = answer.error.unwrap();
        errors.push(json!({"method": method, "code": error.code, "message": error.message}));
    }
    insta::assert_json_snapshot!(errors);
    // A position past the end is no error: there is nothing there.
    let answer = client.request(
        "textDocument/hover",
        at(&json!({"line": 9999, "character": 9999})),
    );
    assert_eq!(answer.result, Some(Value::Null));
    assert_eq!(client.exit(true), 0);
}

#[test]
fn exit_without_shutdown_exits_with_one() {
    let client = Client::start(true);
    assert_eq!(client.exit(false), 1);
}

#[test]
fn formatting_answers_with_one_edit() {
    let mut client = Client::start(true);
    client.open(&PLACEMENT.replace(
        "  item stay \"Stay with support\" {",
        "item    stay \"Stay with support\"   {",
    ));
    let answer = client.request(
        "textDocument/formatting",
        json!({"textDocument": {"uri": URI}, "options": {"tabSize": 2, "insertSpaces": true}}),
    );
    let edits = answer.result.unwrap();
    assert_eq!(edits.as_array().unwrap().len(), 1);
    assert_eq!(edits[0]["newText"], PLACEMENT);
    assert_eq!(
        edits[0]["range"]["start"],
        json!({"line": 0, "character": 0})
    );
    assert_eq!(client.exit(true), 0);
}

#[test]
fn without_a_stdlib_in_the_workspace_definition_goes_to_a_read_only_copy() {
    let cache = std::env::temp_dir().join(format!("cvl-lsp-stdlib-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&cache);
    // No workspace folder: the copy is written to the cache directory.
    let mut client = Client::without_workspace(cache.clone());
    let (text, position) =
        fixture(&PLACEMENT.replace("care.status_report", "care.$0status_report"));
    client.open(&text);
    let answer = client.request("textDocument/definition", at(&position));
    let target = lsp_types::Url::parse(answer.result.unwrap()["uri"].as_str().unwrap()).unwrap();
    let path = target.to_file_path().unwrap();
    assert_eq!(path, cache.join("care.cvl"));
    let copy = std::fs::read_to_string(&path).unwrap();
    assert_eq!(copy, include_str!("../../../stdlib/care.cvl"));
    assert!(std::fs::metadata(&path).unwrap().permissions().readonly());
    assert_eq!(client.exit(false), 1);
    // Read-only files in a directory the test owns: make them writable again to remove them.
    for entry in std::fs::read_dir(&cache).unwrap() {
        let path = entry.unwrap().path();
        let mut permissions = std::fs::metadata(&path).unwrap().permissions();
        #[allow(clippy::permissions_set_readonly_false)]
        permissions.set_readonly(false);
        std::fs::set_permissions(&path, permissions).unwrap();
    }
    std::fs::remove_dir_all(&cache).unwrap();
}

#[test]
fn a_second_initialize_is_an_invalid_request() {
    let mut client = Client::start(true);
    let answer = client.request("initialize", json!({"capabilities": {}}));
    let error = answer.error.unwrap();
    assert_eq!(error.code, -32600, "InvalidRequest");
    insta::assert_snapshot!(error.message, @"the server is already initialized");
    assert_eq!(client.exit(true), 0);
}

#[test]
fn after_an_initialize_with_bad_parameters_the_server_waits_for_a_good_one() {
    let mut client = Client::start(false);
    let answer = client.request("initialize", json!({"capabilities": 5}));
    let error = answer.error.unwrap();
    assert_eq!(error.code, -32602, "InvalidParams");
    insta::assert_snapshot!(error.message, @"the parameters of `initialize` are not the ones the protocol defines");
    let answer = client.request("initialize", json!({"capabilities": {}}));
    assert!(answer.error.is_none(), "{answer:?}");
    assert!(answer.result.unwrap()["capabilities"]["hoverProvider"] == json!(true));
    assert_eq!(client.exit(true), 0);
}

/// The server never writes the stdlib copy through a symbolic link: with a link where a file of the copy should
/// be, it writes no copy, and definition into the stdlib has no location.
#[cfg(unix)]
#[test]
fn the_stdlib_copy_is_never_written_through_a_symbolic_link() {
    let base = std::env::temp_dir().join(format!("cvl-lsp-symlink-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&base);
    let cache = base.join("cache");
    std::fs::create_dir_all(&cache).unwrap();
    let victim = base.join("victim.txt");
    std::fs::write(&victim, "mine").unwrap();
    std::os::unix::fs::symlink(&victim, cache.join("care.cvl")).unwrap();

    let mut client = Client::without_workspace(cache.clone());
    let (text, position) =
        fixture(&PLACEMENT.replace("care.status_report", "care.$0status_report"));
    client.open(&text);
    let answer = client.request("textDocument/definition", at(&position));
    assert_eq!(answer.result, Some(Value::Null));
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "mine");
    assert_eq!(client.exit(false), 1);
    std::fs::remove_dir_all(&base).unwrap();
}

/// A workspace whose `stdlib/` holds a link to `/dev/zero` or a FIFO, and a stdlib cache holding a FIFO: the
/// server reads neither (it would grow without end or hang), answers `initialize` and then `shutdown`.
#[cfg(unix)]
#[test]
fn a_stdlib_that_is_not_a_regular_file_is_not_read() {
    use std::path::{Path, PathBuf};
    let base = std::env::temp_dir().join(format!("cvl-lsp-special-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&base);
    let mkfifo = |path: &Path| {
        let made = std::process::Command::new("mkfifo")
            .arg(path)
            .status()
            .unwrap();
        assert!(made.success());
    };
    let zero = |path: &Path| std::os::unix::fs::symlink("/dev/zero", path).unwrap();
    let names: Vec<&str> = cvl_lsp::engine::bundled_stdlib()
        .iter()
        .map(|(name, _)| *name)
        .collect();
    // Each kind of file in each place: all links to /dev/zero, all FIFOs, and each first in turn.
    let layouts: Vec<Vec<bool>> = vec![
        vec![true; names.len()],
        vec![false; names.len()],
        (0..names.len()).map(|i| i % 2 == 0).collect(),
        (0..names.len()).map(|i| i % 2 == 1).collect(),
    ];
    for (n, layout) in layouts.iter().enumerate() {
        let workspace = base.join(format!("w{n}"));
        let stdlib = workspace.join("stdlib");
        let cache = base.join(format!("cache{n}"));
        std::fs::create_dir_all(&stdlib).unwrap();
        std::fs::create_dir_all(&cache).unwrap();
        for (name, is_zero) in names.iter().zip(layout) {
            let file = format!("{name}.cvl");
            if *is_zero {
                zero(&stdlib.join(&file));
            } else {
                mkfifo(&stdlib.join(&file));
            }
            mkfifo(&cache.join(&file));
        }
        let (server, connection) = Connection::memory();
        let cache_for_server: PathBuf = cache.clone();
        let handle = std::thread::spawn(move || {
            let options = Options {
                libs: Vec::new(),
                stdlib_cache: Some(cache_for_server),
            };
            serve(&server, &options)
        });
        let root = lsp_types::Url::from_file_path(&workspace).unwrap();
        let ask = |id: i32, method: &str, params: Value| {
            connection
                .sender
                .send(Request::new(RequestId::from(id), method.to_string(), params).into())
                .unwrap();
            match connection
                .receiver
                .recv_timeout(std::time::Duration::from_secs(20))
                .expect("an answer from the server")
            {
                Message::Response(response) => response,
                other => panic!("expected a response, got {other:?}"),
            }
        };
        let answer = ask(
            1,
            "initialize",
            json!({"capabilities": {}, "rootUri": root, "processId": null}),
        );
        assert!(answer.error.is_none(), "{answer:?}");
        let answer = ask(2, "shutdown", Value::Null);
        assert_eq!(answer.result, Some(Value::Null));
        connection
            .sender
            .send(Notification::new("exit".to_string(), Value::Null).into())
            .unwrap();
        assert_eq!(handle.join().unwrap(), 0);
    }
    std::fs::remove_dir_all(&base).unwrap();
}
