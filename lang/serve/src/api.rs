//! The HTTP interface (axum): the routes, the limits on what a request may carry, and the status and words of
//! every answer.
//!
//! - `GET /healthz`: `ok` while the database answers, 503 otherwise;
//! - `GET /v1/key`: the service's verifier key (`NAME+ID+KEY`, cvl-log's checkpoint.rs);
//! - `POST /v1/contracts`: registers a contract's files (a JSON object, [`Registration`]), checked as `cvl check`
//!   checks them, in a request signed by a party of that contract (auth.rs); 201 when new, 200 when it was
//!   registered already, with its SHA-256 and listing;
//! - `POST /v1/logs/{sha256}/entries`: one signed entry line, in a request signed by a party of the contract,
//!   admitted as `cvl log verify` would admit it after the stored entries; 201 with the receipt (the checkpoint of
//!   the log it ends), 409 when its seq or `prev` is not the next one (with the current head, so that the client
//!   rebases), 422 when it is refused otherwise;
//! - `GET /v1/logs/{sha256}/checkpoint` and `GET /v1/logs/{sha256}/entries?after=N`: reading, for the parties
//!   only (read.rs);
//! - `POST /v1/logs/{sha256}/page-link` and `GET /v1/pages/{token}`: a short-lived link to the log's page, asked
//!   for as a read is, and the page, the decision as `cvl report` shows it (page.rs).
//!
//! Every refusal is JSON, `{"error": …, "help": …}` and what the case adds (a wrong method and a path that is no
//! route too), and repeats a request's text at most 128 characters long ([`shown_short`]). Every answer carries the
//! header fields of [`guarded`]: kept by no cache, sniffed as nothing else, no referrer, no framing. An append that is not a fresh signed request by a party of a registered contract gets one answer
//! (404, read.rs's `denied`), whatever the entry and whether or not the contract exists: only a party learns more
//! about a log. Appends to one log are taken one at a time in this process, by the log's appender (kept.rs); the
//! database's primary key is what keeps two writers, in this process or another, from one seq.

use std::sync::{Arc, Mutex};

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{Path, State};
use axum::http::{HeaderMap, Method, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde_json::{Value, json};

use cvl_event::Refusal;
use cvl_log::SecretKey;
use cvl_log::checkpoint::NoteKey;

use crate::kept::{
    Appender, Lru, MAX_CONTRACT_BYTES, MAX_CONTRACTS, MAX_LOGS, NotAppended, Signer,
};
use crate::registered::{Refused, Registered, Registration};
use crate::store::{Appended, Store, StoreError};

/// The largest entry a request may carry: a log's line (1 MiB) and its newline.
pub const MAX_ENTRY: usize = cvl_event::MAX_LINE + 1;

/// How long a request's body may take to come.
pub const BODY_TIME: std::time::Duration = std::time::Duration::from_secs(30);

/// The largest registration: the texts of a contract and its imports.
pub const MAX_REGISTRATION: usize = 16 << 20;

/// What every handler shares.
pub struct Service {
    pub store: Store,
    pub signer: Arc<Signer>,
    /// The service's public authority (auth.rs's `@authority`): what a signed request must be addressed to.
    pub authority: String,
    /// The contracts checked so far, by SHA-256 (hex), least recently used dropped first (kept.rs).
    contracts: Mutex<Lru<Arc<Registered>>>,
    /// The appender of each log appended to lately (kept.rs).
    logs: Mutex<Lru<Appender>>,
    /// The pages made lately, and the one being made (page.rs).
    pub(crate) pages: crate::page::Pages,
}

impl Service {
    pub fn new(store: Store, key: SecretKey, note_key: NoteKey, authority: String) -> Service {
        Service {
            store,
            signer: Arc::new(Signer { key, note_key }),
            authority,
            contracts: Mutex::new(Lru::new(MAX_CONTRACTS, MAX_CONTRACT_BYTES)),
            logs: Mutex::new(Lru::new(MAX_LOGS, usize::MAX)),
            pages: crate::page::Pages::default(),
        }
    }

    /// The service's verifier key's name and key.
    pub fn note_key(&self) -> &NoteKey {
        &self.signer.note_key
    }

    /// The registered contract `sha256`, checked once while it is kept; `None` when it is not registered. The
    /// database is asked whether it is registered every time, kept or not, so that a contract registered and
    /// one that is not cost the same up to there.
    pub(crate) async fn contract(&self, sha256: &str) -> Result<Option<Arc<Registered>>, Answer> {
        let hex = cvl_log::parse_hex(sha256).is_some();
        let registered = self
            .store
            .is_registered(if hex { sha256 } else { "" })
            .await
            .map_err(storage)?;
        if !hex || !registered {
            return Ok(None);
        }
        if let Some(found) = self.contracts.lock().ok().and_then(|mut c| c.get(sha256)) {
            return Ok(Some(found));
        }
        let Some(files) = self.store.contract_files(sha256).await.map_err(storage)? else {
            return Ok(None);
        };
        let registration = Registration {
            sha256: None,
            files,
        };
        let registered = tokio::task::block_in_place(|| Registered::check(&registration))
            .map_err(|refused| storage(StoreError::Damaged(sha256.to_string(), refused.reason)))?;
        if registered.sha256_hex != sha256 {
            return Err(storage(StoreError::Damaged(
                sha256.to_string(),
                "its files make another SHA-256".to_string(),
            )));
        }
        let weight = registered.weight();
        let registered = Arc::new(registered);
        // Two requests may have checked it at once: the first kept is the one every later request gets.
        Ok(Some(match self.contracts.lock() {
            Ok(mut contracts) => contracts.insert(sha256, registered, weight),
            Err(_) => registered,
        }))
    }

    /// The appender of contract `sha256`'s log, started if none is kept.
    fn appender(&self, sha256: &str, registered: &Arc<Registered>) -> Appender {
        let start = || {
            Appender::start(
                self.store.clone(),
                self.signer.clone(),
                sha256.to_string(),
                registered.clone(),
            )
        };
        match self.logs.lock() {
            Ok(mut logs) => match logs.get(sha256) {
                Some(appender) => appender,
                None => logs.insert(sha256, start(), 1),
            },
            Err(_) => start(),
        }
    }

    /// Forgets the appender of contract `sha256`'s log (it has stopped).
    fn forget(&self, sha256: &str) {
        if let Ok(mut logs) = self.logs.lock() {
            logs.remove(sha256);
        }
    }
}

/// The time now, as checkpoints and the database write it.
pub fn now() -> String {
    cvl_log::clock::now()
        .format("%Y-%m-%dT%H:%M:%SZ")
        .to_string()
}

/// The routes of the service.
pub fn router(service: Arc<Service>) -> Router {
    Router::new()
        .route("/healthz", get(healthz))
        .route("/v1/key", get(key))
        .route("/v1/contracts", post(register))
        .route(
            "/v1/logs/{sha256}/entries",
            post(append).get(crate::read::entries),
        )
        .route("/v1/logs/{sha256}/checkpoint", get(crate::read::checkpoint))
        .route("/v1/logs/{sha256}/page-link", post(crate::page::link))
        .route("/v1/pages/{token}", get(crate::page::page))
        .fallback(not_found)
        .method_not_allowed_fallback(not_allowed)
        .layer(axum::middleware::map_response(guarded))
        .with_state(service)
}

/// The header fields of every answer, whatever route or refusal made it (the page sets its own policy): no
/// answer is kept by a cache or a browser (an answer may hold a page link, a log's state or a page), read as
/// another type than it says, or names the address it was got from to another site, and none may be framed or
/// fetch anything.
async fn guarded(mut response: Response) -> Response {
    let headers = response.headers_mut();
    for (name, value) in [
        (header::CACHE_CONTROL, "no-store"),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "no-referrer"),
        (
            header::CONTENT_SECURITY_POLICY,
            "default-src 'none'; frame-ancestors 'none'",
        ),
    ] {
        headers
            .entry(name)
            .or_insert(header::HeaderValue::from_static(value));
    }
    response
}

/// An answer: a status and a JSON body, or a plain text one.
#[derive(Debug)]
pub struct Answer {
    status: StatusCode,
    body: Value,
}

impl IntoResponse for Answer {
    fn into_response(self) -> Response {
        (self.status, axum::Json(self.body)).into_response()
    }
}

pub(crate) fn refusal(status: StatusCode, error: impl Into<String>, help: Option<&str>) -> Answer {
    let mut body = json!({ "error": error.into() });
    if let (Some(help), Some(map)) = (help, body.as_object_mut()) {
        map.insert("help".to_string(), Value::from(help));
    }
    Answer { status, body }
}

pub(crate) fn storage(error: StoreError) -> Answer {
    tracing::error!(%error, "storage failed");
    refusal(
        StatusCode::SERVICE_UNAVAILABLE,
        "the service cannot reach its storage now: nothing was changed",
        Some("try again later"),
    )
}

async fn not_found(uri: Uri) -> Answer {
    // A page's path with no token or more than one segment is a malformed token: the one answer (page.rs).
    if uri.path().starts_with("/v1/pages/") {
        return crate::read::denied();
    }
    refusal(StatusCode::NOT_FOUND, "there is nothing here", None)
}

async fn not_allowed(method: Method, uri: Uri) -> Answer {
    refusal(
        StatusCode::METHOD_NOT_ALLOWED,
        format!(
            "`{}` is not a method that `{}` answers",
            shown_short(method.as_str()),
            shown_short(uri.path())
        ),
        Some("the routes are listed in spec 10.5"),
    )
}

/// The most characters of a request's text (a query, a value in it) that an answer's words repeat.
const SHOWN_CHARS: usize = 128;

/// A request's text as an answer's words repeat it: shown as every output shows text (CPR-like numbers masked,
/// hidden characters escaped), and cut after [`SHOWN_CHARS`] characters with `…`, so that a refusal is never
/// larger than what it refuses needs.
pub(crate) fn shown_short(text: &str) -> String {
    let shown = cvl_syntax::text::shown(text);
    match shown.char_indices().nth(SHOWN_CHARS) {
        Some((cut, _)) => format!("{}…", shown.get(..cut).unwrap_or_default()),
        None => shown.into_owned(),
    }
}

pub(crate) fn text(status: StatusCode, body: String) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        body,
    )
        .into_response()
}

async fn healthz(State(service): State<Arc<Service>>) -> Response {
    match service.store.ping().await {
        Ok(()) => text(StatusCode::OK, "ok\n".to_string()),
        Err(error) => storage(error).into_response(),
    }
}

async fn key(State(service): State<Arc<Service>>) -> Response {
    text(StatusCode::OK, format!("{}\n", service.note_key().text()))
}

/// The request's body, at most `limit` bytes: a larger one is refused (413) without being read further.
pub(crate) async fn body(body: Body, limit: usize, what: &str) -> Result<Bytes, Answer> {
    let read = tokio::time::timeout(BODY_TIME, axum::body::to_bytes(body, limit)).await;
    let Ok(read) = read else {
        return Err(refusal(
            StatusCode::REQUEST_TIMEOUT,
            format!(
                "the body did not come whole within {} seconds",
                BODY_TIME.as_secs()
            ),
            None,
        ));
    };
    read.map_err(|_| {
        refusal(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!(
                "the body is larger than {}, which no {what} is",
                size(limit)
            ),
            None,
        )
    })
}

fn size(limit: usize) -> String {
    if limit >= 1 << 20 {
        format!("{} MiB", limit >> 20)
    } else {
        format!("{limit} bytes")
    }
}

async fn register(
    State(service): State<Arc<Service>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    request: Body,
) -> Result<Response, Answer> {
    let bytes = body(request, MAX_REGISTRATION, "registration").await?;
    let signed = crate::read::signed(&service, &method, &uri, &headers, Some(&bytes))?;
    let help = "send a JSON object: {\"files\": [{\"role\": \"contract\", \"text\": …}, {\"role\": \"module\", \"name\": …, \"text\": …}]}";
    let value: Value = serde_json::from_slice(&bytes).map_err(|error| {
        refusal(
            StatusCode::BAD_REQUEST,
            format!("the body is not a registration: {}", json_error(&error)),
            Some(help),
        )
    })?;
    if !value.is_object() {
        return Err(refusal(
            StatusCode::BAD_REQUEST,
            "the body is not a registration: it is not a JSON object",
            Some(help),
        ));
    }
    let registration: Registration = serde_json::from_value(value).map_err(|error| {
        refusal(
            StatusCode::BAD_REQUEST,
            format!("the body is not a registration: {error}"),
            Some(help),
        )
    })?;
    let registered =
        tokio::task::block_in_place(|| Registered::check(&registration)).map_err(|refused| {
            let Refused {
                reason,
                help,
                diagnostics,
            } = refused;
            let mut answer = refusal(StatusCode::UNPROCESSABLE_ENTITY, reason, help.as_deref());
            if let (false, Some(map)) = (diagnostics.is_empty(), answer.body.as_object_mut()) {
                map.insert("diagnostics".to_string(), Value::from(diagnostics));
            }
            answer
        })?;
    let sha256 = registered.sha256_hex.clone();
    let forbidden = |why: &str| {
        refusal(
            StatusCode::FORBIDDEN,
            format!("the contract is not registered: {why}"),
            Some(crate::read::HELP),
        )
    };
    if !signed.fresh {
        return Err(forbidden(
            "the request's `created` is not within 5 minutes of the service's clock, or it has expired",
        ));
    }
    if !registered.is_party_key(&signed.key) {
        return Err(forbidden(
            "the request is signed with a key that is no party's in this contract",
        ));
    }
    if !crate::auth::remember(
        &service.store,
        &signed.key,
        &signed.nonce,
        signed.created,
        crate::auth::unix_now(),
    )
    .await
    .map_err(storage)?
    {
        return Err(forbidden("the request's nonce was used before"));
    }
    let listing: String = registered
        .listing()
        .iter()
        .map(|l| format!("{l}\n"))
        .collect();
    let empty = service.signer.sign(&sha256, 0, registered.sha256);
    let new = service
        .store
        .register(&sha256, &listing, &registered.texts, &empty, &now())
        .await
        .map_err(storage)?;
    tracing::info!(contract = %sha256, new, "registered");
    let status = if new {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((
        status,
        axum::Json(json!({
            "sha256": sha256,
            "listing": registered.listing(),
        })),
    )
        .into_response())
}

/// A JSON error in words: an empty body said so, not at a column 0.
fn json_error(error: &serde_json::Error) -> String {
    if error.is_eof() && error.line() == 1 && error.column() == 0 {
        "it is empty".to_string()
    } else {
        error.to_string()
    }
}

async fn append(
    State(service): State<Arc<Service>>,
    Path(sha256): Path<String>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    request: Body,
) -> Result<Response, Answer> {
    let bytes = body(request, MAX_ENTRY, "entry").await?;
    // Anything but a fresh signed request by a party of this registered contract is one answer, whatever the entry
    // and whether or not the contract exists; only then is the entry read.
    let registered =
        crate::read::authorized(&service, &sha256, &method, &uri, &headers, Some(&bytes)).await?;
    if bytes.is_empty() {
        return Err(refusal(
            StatusCode::UNPROCESSABLE_ENTITY,
            "the body is empty: it holds no entry",
            Some("post one entry, one line of the log, at a time"),
        ));
    }
    let line = std::str::from_utf8(&bytes).map_err(|_| {
        refusal(
            StatusCode::UNPROCESSABLE_ENTITY,
            "the body is not UTF-8 text",
            None,
        )
    })?;
    let line = line.strip_suffix('\n').unwrap_or(line);
    if line.contains('\n') {
        return Err(refusal(
            StatusCode::UNPROCESSABLE_ENTITY,
            "the body holds more than one line",
            Some("post one entry, one line of the log, at a time"),
        ));
    }
    let mut outcome = None;
    for _ in 0..2 {
        let appender = service.appender(&sha256, &registered);
        outcome = appender.append(line.to_string()).await;
        if outcome.is_some() {
            break;
        }
        // The appender stopped (it never should): another is started.
        service.forget(&sha256);
    }
    let appended = match outcome {
        Some(Ok(appended)) => appended,
        Some(Err(error)) => return Err(storage(error)),
        None => {
            return Err(storage(StoreError::Damaged(
                sha256.clone(),
                "its appender stopped".to_string(),
            )));
        }
    };
    match appended {
        Appended::Inserted {
            seq, checkpoint, ..
        } => {
            tracing::info!(contract = %sha256, seq, "appended");
            Ok((
                StatusCode::CREATED,
                axum::Json(json!({ "seq": seq, "checkpoint": checkpoint })),
            )
                .into_response())
        }
        Appended::Refused(NotAppended::Stale(refusal)) => {
            Err(stale(&service, &sha256, &refusal.to_string()).await)
        }
        Appended::Conflict => {
            Err(stale(&service, &sha256, "another entry took this seq first").await)
        }
        Appended::Refused(NotAppended::Refused(refusal)) => {
            tracing::info!(contract = %sha256, %refusal, "refused");
            Err(refusal_of(StatusCode::UNPROCESSABLE_ENTITY, &refusal))
        }
        Appended::Refused(NotAppended::Damaged(refusal)) => Err(storage(StoreError::Damaged(
            sha256.clone(),
            refusal.to_string(),
        ))),
    }
}

fn refusal_of(status: StatusCode, refused: &Refusal) -> Answer {
    refusal(status, format!("the entry is refused: {refused}"), None)
}

/// The conflict answer: why, and the log's current head and checkpoint, to rebase on.
async fn stale(service: &Service, sha256: &str, why: &str) -> Answer {
    let note = match service.store.checkpoint(sha256).await {
        Ok(note) => note,
        Err(error) => return storage(error),
    };
    let head = note
        .as_deref()
        .and_then(|n| cvl_log::checkpoint::verify(n, service.note_key()).ok());
    let mut answer = refusal(
        StatusCode::CONFLICT,
        format!("the entry is not the log's next: {why}"),
        Some(
            "the log has moved on: sign the entry again as the next one after the head given here",
        ),
    );
    if let (Some(head), Some(map)) = (head, answer.body.as_object_mut()) {
        map.insert("entries".to_string(), Value::from(head.size));
        map.insert("head".to_string(), Value::from(cvl_log::hex(&head.head)));
        map.insert("checkpoint".to_string(), Value::from(note));
    }
    answer
}
