//! The transport: the initialize handshake, the main loop over an `lsp_server::Connection`, and dispatch of each
//! request and notification to the engine.
//!
//! Requests are answered in the order they arrive, on one thread: every answer comes from the analysis made when
//! the document last changed, so none is slow. A request with parameters that do not parse is answered with
//! `InvalidParams`, one about a document that is not open likewise, an unknown method with `MethodNotFound`,
//! any request before `initialize` with `ServerNotInitialized`, a second `initialize` and any request after
//! `shutdown` with `InvalidRequest`. An `initialize` whose parameters do not parse gets `InvalidParams`, and the
//! server waits for another. The process exits with 0 after `shutdown` then `exit`, and
//! with 1 on an `exit` without `shutdown` or when the client goes away, as the protocol asks.

use std::path::{Path, PathBuf};

use lsp_server::{Connection, ErrorCode, Message, Notification, Request, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidCloseTextDocument, DidOpenTextDocument, Notification as _,
    PublishDiagnostics,
};
use lsp_types::request::{
    Completion, DocumentSymbolRequest, Formatting, GotoDefinition, HoverRequest, Request as _,
    Shutdown,
};
use lsp_types::{
    CompletionOptions, CompletionParams, CompletionResponse, DocumentFormattingParams,
    DocumentSymbolParams, DocumentSymbolResponse, GotoDefinitionParams, GotoDefinitionResponse,
    HoverParams, HoverProviderCapability, InitializeParams, OneOf, PublishDiagnosticsParams,
    ServerCapabilities, ServerInfo, TextDocumentSyncCapability, TextDocumentSyncKind,
};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::engine::{self, Config, Engine};

/// How the server is started.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Directories searched for imported modules before the bundled stdlib (`cvl lsp --lib`).
    pub libs: Vec<PathBuf>,
    /// Where to write the bundled stdlib's files for go to definition, when the workspace has no copy of them.
    pub stdlib_cache: Option<PathBuf>,
}

/// What the server offers: full-document sync, hover, go to definition, completion, the outline and formatting.
pub fn capabilities() -> ServerCapabilities {
    ServerCapabilities {
        text_document_sync: Some(TextDocumentSyncCapability::Kind(TextDocumentSyncKind::FULL)),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        definition_provider: Some(OneOf::Left(true)),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(vec![".".to_string()]),
            ..CompletionOptions::default()
        }),
        document_symbol_provider: Some(OneOf::Left(true)),
        document_formatting_provider: Some(OneOf::Left(true)),
        ..ServerCapabilities::default()
    }
}

/// Serves one client on `connection` until it exits; returns the process's exit code.
pub fn serve(connection: &Connection, options: &Options) -> i32 {
    // An `initialize` whose parameters do not parse is refused, and the server waits for another.
    let params = loop {
        let Some((id, params)) = wait_for_initialize(connection) else {
            return 1;
        };
        match serde_json::from_value::<InitializeParams>(params) {
            Ok(params) => break (id, params),
            Err(_) => send(
                connection,
                Response::new_err(
                    id,
                    ErrorCode::InvalidParams as i32,
                    "the parameters of `initialize` are not the ones the protocol defines"
                        .to_string(),
                ),
            ),
        }
    };
    let (id, params) = params;
    let result = lsp_types::InitializeResult {
        capabilities: capabilities(),
        server_info: Some(ServerInfo {
            name: "cvl".to_string(),
            version: Some(env!("CARGO_PKG_VERSION").to_string()),
        }),
    };
    // The `initialized` notification that follows is one the main loop ignores.
    send(connection, Response::new_ok(id, to_value(&result)));
    let config = Config {
        libs: options.libs.clone(),
        stdlib_dir: stdlib_dir(&params, options.stdlib_cache.as_deref()),
        lang: lang_option(&params),
    };
    main_loop(connection, Engine::new(config))
}

/// Waits for the `initialize` request; answers every other request with `ServerNotInitialized` and ignores
/// notifications, as the protocol asks. `None` when the client exits or goes away first.
fn wait_for_initialize(
    connection: &Connection,
) -> Option<(lsp_server::RequestId, serde_json::Value)> {
    for message in &connection.receiver {
        match message {
            Message::Request(request) if request.method == "initialize" => {
                return Some((request.id, request.params));
            }
            Message::Request(request) => send(
                connection,
                Response::new_err(
                    request.id,
                    ErrorCode::ServerNotInitialized as i32,
                    format!(
                        "the server is not initialized: `{}` must follow `initialize`",
                        request.method
                    ),
                ),
            ),
            Message::Notification(notification) if notification.method == "exit" => return None,
            Message::Notification(_) | Message::Response(_) => {}
        }
    }
    None
}

fn main_loop(connection: &Connection, mut engine: Engine) -> i32 {
    let mut shutting_down = false;
    for message in &connection.receiver {
        match message {
            Message::Request(request) if shutting_down => send(
                connection,
                Response::new_err(
                    request.id,
                    ErrorCode::InvalidRequest as i32,
                    "the server is shutting down".to_string(),
                ),
            ),
            Message::Request(request) if request.method == "initialize" => send(
                connection,
                Response::new_err(
                    request.id,
                    ErrorCode::InvalidRequest as i32,
                    "the server is already initialized".to_string(),
                ),
            ),
            Message::Request(request) if request.method == Shutdown::METHOD => {
                shutting_down = true;
                send(connection, Response::new_ok(request.id, ()));
            }
            Message::Request(request) => send(connection, respond(&engine, request)),
            Message::Notification(notification) if notification.method == "exit" => {
                return if shutting_down { 0 } else { 1 };
            }
            Message::Notification(notification) => {
                for published in notify(&mut engine, notification) {
                    send(
                        connection,
                        Notification::new(PublishDiagnostics::METHOD.to_string(), published),
                    );
                }
            }
            Message::Response(_) => {}
        }
    }
    1
}

/// The answer to one request.
fn respond(engine: &Engine, request: Request) -> Response {
    let id = request.id.clone();
    let answer = match request.method.as_str() {
        HoverRequest::METHOD => with::<HoverParams, _>(request, |p| {
            let at = p.text_document_position_params;
            engine.hover(&at.text_document.uri, at.position)
        }),
        GotoDefinition::METHOD => with::<GotoDefinitionParams, _>(request, |p| {
            let at = p.text_document_position_params;
            engine
                .definition(&at.text_document.uri, at.position)
                .map(|l| l.map(GotoDefinitionResponse::Scalar))
        }),
        Completion::METHOD => with::<CompletionParams, _>(request, |p| {
            let at = p.text_document_position;
            engine
                .completion(&at.text_document.uri, at.position)
                .map(CompletionResponse::Array)
        }),
        DocumentSymbolRequest::METHOD => with::<DocumentSymbolParams, _>(request, |p| {
            engine
                .symbols(&p.text_document.uri)
                .map(DocumentSymbolResponse::Nested)
        }),
        Formatting::METHOD => {
            with::<DocumentFormattingParams, _>(request, |p| engine.format(&p.text_document.uri))
        }
        method => Err((
            ErrorCode::MethodNotFound,
            format!("the method `{method}` is not supported"),
        )),
    };
    match answer {
        Ok(value) => Response {
            id,
            result: Some(value),
            error: None,
        },
        Err((code, message)) => Response::new_err(id, code as i32, message),
    }
}

/// Reads the request's parameters and answers with `answer`, or with the error that stopped it.
fn with<P: DeserializeOwned, R: Serialize>(
    request: Request,
    answer: impl FnOnce(P) -> Result<R, engine::Error>,
) -> Result<serde_json::Value, (ErrorCode, String)> {
    // serde's own message names Rust types, which a message never shows.
    let params: P = serde_json::from_value(request.params).map_err(|_| {
        (
            ErrorCode::InvalidParams,
            format!(
                "the parameters of `{}` are not the ones the protocol defines",
                request.method
            ),
        )
    })?;
    answer(params)
        .map(|result| to_value(&result))
        .map_err(|error| (ErrorCode::InvalidParams, error.to_string()))
}

/// Applies a notification; returns the diagnostics to publish.
fn notify(engine: &mut Engine, notification: Notification) -> Vec<PublishDiagnosticsParams> {
    match notification.method.as_str() {
        DidOpenTextDocument::METHOD => {
            match notification
                .extract::<lsp_types::DidOpenTextDocumentParams>(DidOpenTextDocument::METHOD)
            {
                Ok(p) => engine.open(
                    p.text_document.uri,
                    p.text_document.version,
                    p.text_document.text,
                ),
                Err(_) => Vec::new(),
            }
        }
        DidChangeTextDocument::METHOD => {
            match notification
                .extract::<lsp_types::DidChangeTextDocumentParams>(DidChangeTextDocument::METHOD)
            {
                // Full sync: the last change holds the whole text.
                Ok(mut p) => match p.content_changes.pop() {
                    Some(change) => {
                        engine.change(p.text_document.uri, p.text_document.version, change.text)
                    }
                    None => Vec::new(),
                },
                Err(_) => Vec::new(),
            }
        }
        DidCloseTextDocument::METHOD => {
            match notification
                .extract::<lsp_types::DidCloseTextDocumentParams>(DidCloseTextDocument::METHOD)
            {
                Ok(p) => engine.close(&p.text_document.uri),
                Err(_) => Vec::new(),
            }
        }
        // Notifications the server has no use for (`initialized`, `$/cancelRequest`, saves, …) are ignored, as
        // the protocol allows.
        _ => Vec::new(),
    }
}

fn send(connection: &Connection, message: impl Into<Message>) {
    // A send fails only when the client has gone; the main loop then ends when the receiver closes.
    let _ = connection.sender.send(message.into());
}

fn to_value(value: &impl Serialize) -> serde_json::Value {
    serde_json::to_value(value).unwrap_or(serde_json::Value::Null)
}

/// The initialization option `lang` (`{"lang": "da"}`): the language of every document's diagnostics instead of
/// each document's own. Anything else there (another value, no such option) leaves each document's own.
fn lang_option(params: &InitializeParams) -> Option<cvl_syntax::Lang> {
    let code = params
        .initialization_options
        .as_ref()?
        .get("lang")?
        .as_str()?;
    cvl_syntax::Lang::from_code(code)
}

/// Where go to definition finds the bundled stdlib: the workspace's own `stdlib/` when its files have the same
/// text as the bundled ones (the CVL repository itself), else a copy written to `cache`; `None` when neither is
/// possible.
fn stdlib_dir(params: &InitializeParams, cache: Option<&Path>) -> Option<PathBuf> {
    #[expect(deprecated, reason = "root_uri is still what many clients send")]
    let roots: Vec<PathBuf> = params
        .workspace_folders
        .iter()
        .flatten()
        .map(|f| &f.uri)
        .chain(params.root_uri.iter())
        .filter_map(|uri| uri.to_file_path().ok())
        .collect();
    let same = |dir: &Path| {
        engine::bundled_stdlib()
            .iter()
            .all(|(name, text)| same_text(&dir.join(format!("{name}.cvl")), text))
    };
    if let Some(dir) = roots.iter().map(|r| r.join("stdlib")).find(|d| same(d)) {
        return Some(dir);
    }
    let cache = cache?;
    materialise(cache).ok()?;
    Some(cache.to_path_buf())
}

/// Whether the file at `path` is a regular file (or a link to one) holding exactly `text`. It is read through the
/// one bounded reader, which refuses a FIFO, a device or a socket before opening it (spec section 11.3).
fn same_text(path: &Path, text: &str) -> bool {
    cvl_check::read::read_regular_file(path, cvl_check::read::Kind::Source)
        .is_ok_and(|bytes| bytes == text.as_bytes())
}

/// Writes the bundled stdlib into `dir`, read-only, unless the same text is there already. The directory is
/// created private to the user (mode 0700 on Unix); a symbolic link where the directory or one of its files
/// should be is refused, so that the server never writes through one.
fn materialise(dir: &Path) -> std::io::Result<()> {
    let refuse_link = |path: &Path| match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => Err(std::io::Error::other(format!(
            "`{}` is a symbolic link",
            path.display()
        ))),
        _ => Ok(()),
    };
    // A FIFO, a device or a socket where a stdlib file should be is never written to (writing to a FIFO blocks).
    let refuse_special = |path: &Path| match std::fs::symlink_metadata(path) {
        Ok(meta) if !meta.is_file() => Err(std::io::Error::other(format!(
            "`{}` is not a regular file",
            path.display()
        ))),
        _ => Ok(()),
    };
    refuse_link(dir)?;
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)?;
    refuse_link(dir)?;
    for (name, text) in engine::bundled_stdlib() {
        let path = dir.join(format!("{name}.cvl"));
        refuse_link(&path)?;
        refuse_special(&path)?;
        if same_text(&path, text) {
            continue;
        }
        if let Ok(meta) = std::fs::symlink_metadata(&path) {
            let mut permissions = meta.permissions();
            #[expect(
                clippy::permissions_set_readonly_false,
                reason = "the server's own read-only copy is replaced by the new text"
            )]
            permissions.set_readonly(false);
            std::fs::set_permissions(&path, permissions)?;
        }
        std::fs::write(&path, text)?;
        let mut permissions = std::fs::symlink_metadata(&path)?.permissions();
        permissions.set_readonly(true);
        std::fs::set_permissions(&path, permissions)?;
    }
    Ok(())
}

/// The default place for the stdlib copy: the user's cache directory (`$XDG_CACHE_HOME`, else `~/.cache`), under
/// the server's version. `None` without either: the server then writes no copy, since a directory shared by all
/// users is not one to write it to.
pub fn default_stdlib_cache() -> Option<PathBuf> {
    stdlib_cache_in(std::env::var_os("XDG_CACHE_HOME"), std::env::var_os("HOME"))
}

/// The stdlib copy's directory, given the values of `XDG_CACHE_HOME` and `HOME`.
pub(crate) fn stdlib_cache_in(
    xdg_cache_home: Option<std::ffi::OsString>,
    home: Option<std::ffi::OsString>,
) -> Option<PathBuf> {
    let base = xdg_cache_home
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| {
            home.filter(|v| !v.is_empty())
                .map(|h| PathBuf::from(h).join(".cache"))
        })?;
    Some(
        base.join("cvl")
            .join(format!("stdlib-{}", env!("CARGO_PKG_VERSION"))),
    )
}
