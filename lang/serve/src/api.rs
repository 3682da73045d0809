//! The HTTP interface (axum): the routes, the limits on what a request may carry, and the status and words of
//! every answer.
//!
//! - `GET /healthz`: `ok` while the database answers, 503 otherwise;
//! - `GET /v1/key`: the service's verifier key (`NAME+ID+KEY`, cvl-log's checkpoint.rs);
//! - `POST /v1/contracts`: registers a contract's files (JSON, [`Registration`]), checked as `cvl check` checks
//!   them; 201 when new, 200 when it was registered already, with its SHA-256, listing and current checkpoint;
//! - `POST /v1/logs/{sha256}/entries`: one signed entry line, admitted as `cvl log verify` would admit it after
//!   the stored entries; 201 with the receipt (the checkpoint of the log it ends), 409 when its seq or `prev` is
//!   not the next one (with the current head, so that the client rebases), 422 when it is refused otherwise;
//! - `GET /v1/logs/{sha256}/checkpoint` and `GET /v1/logs/{sha256}/entries?after=N`: reading, for the parties
//!   only (read.rs).
//!
//! Every refusal is JSON, `{"error": …, "help": …}` and what the case adds. An entry that is not signed by its
//! actor, a party of a registered contract, gets one answer (404) whether or not the contract exists: only a party
//! learns more about a log. Appends to one log are taken one at a time in this process (a lock per
//! contract); the database's primary key is what keeps two writers, in this process or another, from one seq.
//!
//! Beside each log's lock the process keeps where the log's verification stands ([`Admission`]), built from the
//! database on the log's first append after the start: an append reads only the stored head (and any entries
//! another process added since), admits the entry against a copy, and keeps the copy once the transaction has
//! committed. A conflict, a storage failure or a stored log that fails drops it, so that the next append builds it
//! again from the database.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde_json::{Value, json};

use cvl_event::Refusal;
use cvl_log::SecretKey;
use cvl_log::checkpoint::{Checkpoint, NoteKey};

use crate::registered::{Admission, Refused, Registered, Registration, is_stale};
use crate::store::{Appended, Decided, Store, StoreError};

/// The largest entry a request may carry: a log's line (1 MiB) and its newline.
pub const MAX_ENTRY: usize = cvl_event::MAX_LINE + 1;

/// The largest registration: the texts of a contract and its imports.
pub const MAX_REGISTRATION: usize = 16 << 20;

/// What every handler shares.
pub struct Service {
    pub store: Store,
    pub key: SecretKey,
    pub note_key: NoteKey,
    /// The contracts checked so far, by SHA-256 (hex): each is kept for the life of the process (so `'static`, which
    /// lets the admissions kept per log borrow it), and checked once.
    contracts: Mutex<BTreeMap<String, &'static Registered>>,
    /// One lock per log, so that this process appends to a log one entry at a time, and under it where the log's
    /// verification stands, once an append has built it.
    locks: Mutex<BTreeMap<String, Arc<tokio::sync::Mutex<Option<Admission>>>>>,
}

impl Service {
    pub fn new(store: Store, key: SecretKey, note_key: NoteKey) -> Service {
        Service {
            store,
            key,
            note_key,
            contracts: Mutex::new(BTreeMap::new()),
            locks: Mutex::new(BTreeMap::new()),
        }
    }

    /// The checkpoint of the log of `registered` that has `size` entries and ends at `head`, signed now.
    fn sign(&self, sha256: &str, size: u64, head: cvl_log::Digest) -> String {
        Checkpoint {
            origin: format!("{}/{sha256}", self.note_key.name),
            size,
            head,
            extensions: vec![format!("time {}", now())],
        }
        .sign(&self.note_key, &self.key)
    }

    /// The registered contract `sha256`, checked once per process; `None` when it is not registered.
    pub(crate) async fn contract(
        &self,
        sha256: &str,
    ) -> Result<Option<&'static Registered>, Answer> {
        if cvl_log::parse_hex(sha256).is_none() {
            return Ok(None);
        }
        if let Some(found) = self
            .contracts
            .lock()
            .ok()
            .and_then(|c| c.get(sha256).copied())
        {
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
        let Ok(mut contracts) = self.contracts.lock() else {
            return Err(storage(StoreError::Damaged(
                sha256.to_string(),
                "the contracts checked cannot be read".to_string(),
            )));
        };
        // Two requests may have checked it at once: the first kept is the one every later request gets.
        let kept = contracts
            .entry(sha256.to_string())
            .or_insert_with(|| Box::leak(Box::new(registered)));
        Ok(Some(*kept))
    }

    fn lock_of(&self, sha256: &str) -> Arc<tokio::sync::Mutex<Option<Admission>>> {
        match self.locks.lock() {
            Ok(mut locks) => locks.entry(sha256.to_string()).or_default().clone(),
            Err(_) => Arc::default(),
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
        .fallback(not_found)
        .with_state(service)
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

/// The one answer to an entry that is not signed by its actor, a party of a registered contract: the same whether
/// or not the contract exists.
fn not_a_party() -> Answer {
    refusal(
        StatusCode::NOT_FOUND,
        "the entry is refused: it is not signed by its actor as a party of a contract registered here",
        Some(
            "an entry is appended to the log of a registered contract (`cvl log push` registers it) by a party of \
             that contract, signed with the key the contract gives it",
        ),
    )
}

async fn not_found() -> Answer {
    refusal(StatusCode::NOT_FOUND, "there is nothing here", None)
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
    text(StatusCode::OK, format!("{}\n", service.note_key.text()))
}

/// The request's body, at most `limit` bytes: a larger one is refused (413) without being read further.
async fn body(body: Body, limit: usize, what: &str) -> Result<Bytes, Answer> {
    axum::body::to_bytes(body, limit).await.map_err(|_| {
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

async fn register(State(service): State<Arc<Service>>, request: Body) -> Result<Response, Answer> {
    let bytes = body(request, MAX_REGISTRATION, "registration").await?;
    let registration: Registration = serde_json::from_slice(&bytes).map_err(|error| {
        refusal(
            StatusCode::BAD_REQUEST,
            format!("the body is not a registration: {error}"),
            Some("send JSON: {\"files\": [{\"role\": \"contract\", \"text\": …}, {\"role\": \"module\", \"name\": …, \"text\": …}]}"),
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
    let listing: String = registered
        .listing()
        .iter()
        .map(|l| format!("{l}\n"))
        .collect();
    let empty = service.sign(&sha256, 0, registered.sha256);
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

/// Why an entry is not appended, decided in the transaction.
enum NotAppended {
    /// Its seq or `prev` is not the next: the client rebases.
    Stale(Refusal),
    /// It is refused as `cvl log verify` refuses it.
    Refused(Refusal),
    /// The stored log itself fails: the database was changed behind the service.
    Damaged(Refusal),
}

async fn append(
    State(service): State<Arc<Service>>,
    Path(sha256): Path<String>,
    request: Body,
) -> Result<Response, Answer> {
    let bytes = body(request, MAX_ENTRY, "entry").await?;
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
    // What is refused before the contract is looked up is refused for the entry alone; then anything but an entry
    // signed by its actor, a party of this registered contract, is one answer, whether or not the contract exists.
    let entry = cvl_log::Entry::read(1, line).map_err(|refused| {
        refusal(
            StatusCode::UNPROCESSABLE_ENTITY,
            format!(
                "the entry is refused: {}",
                cvl_syntax::text::shown(&refused.reason)
            ),
            None,
        )
    })?;
    let registered = match service.contract(&sha256).await? {
        Some(registered) if registered.signed_by_its_actor(&entry) => registered,
        _ => return Err(not_a_party()),
    };
    let lock = service.lock_of(&sha256);
    let mut cached = lock.lock().await;
    let known = cached.as_ref().map(|admission| {
        let tail = admission.tail();
        (tail.entries, cvl_log::hex(&tail.digest))
    });
    let decide = |after: u64, stored: &[String]| {
        // The stored entries this process has not verified yet (none, usually) are verified first, from where
        // the kept admission stands, or from the empty log.
        let mut admission = match cached.as_ref() {
            Some(kept) if after > 0 && kept.tail().entries == after => kept.clone(),
            _ => registered.admission(),
        };
        if let Err(refusal) = admission.extend(stored) {
            return Decided::Refuse((NotAppended::Damaged(refusal), None));
        }
        let caught_up = (!stored.is_empty()).then(|| admission.clone());
        match admission.admit(line) {
            Ok(tail) => Decided::Insert {
                seq: tail.entries,
                line: line.to_string(),
                digest: cvl_log::hex(&tail.digest),
                checkpoint: service.sign(&sha256, tail.entries, tail.digest),
                kept: admission,
            },
            Err(refusal) if is_stale(&refusal) => {
                Decided::Refuse((NotAppended::Stale(refusal), caught_up))
            }
            Err(refusal) => Decided::Refuse((NotAppended::Refused(refusal), caught_up)),
        }
    };
    let appended = service
        .store
        .append(
            &sha256,
            known
                .as_ref()
                .map(|(entries, digest)| (*entries, digest.as_str())),
            decide,
        )
        .await;
    // What this process keeps of the log: the admission after the entry once it is committed, the stored entries
    // verified when the entry was refused, and nothing after a conflict or a failure (built again next time).
    let appended = match appended {
        Ok(Appended::Inserted {
            seq,
            checkpoint,
            kept,
        }) => {
            *cached = Some(kept);
            Appended::Inserted {
                seq,
                checkpoint,
                kept: (),
            }
        }
        Ok(Appended::Refused((NotAppended::Damaged(refusal), _))) => {
            *cached = None;
            Appended::Refused(NotAppended::Damaged(refusal))
        }
        Ok(Appended::Refused((reason, caught_up))) => {
            if let Some(caught_up) = caught_up {
                *cached = Some(caught_up);
            }
            Appended::Refused(reason)
        }
        Ok(Appended::Conflict) => {
            *cached = None;
            Appended::Conflict
        }
        Err(error) => {
            *cached = None;
            return Err(storage(error));
        }
    };
    drop(cached);
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
        .and_then(|n| cvl_log::checkpoint::verify(n, &service.note_key).ok());
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
