//! Reading a log, for its parties only: `GET /v1/logs/{sha256}/checkpoint` and `GET /v1/logs/{sha256}/entries?after=N`.
//!
//! Each answers only a request signed by a party of the contract (auth.rs), fresh, with a nonce its key has not used
//! before. An unsigned request (401), an unreadable signature (400) and one that does not verify (401) are told so,
//! from the request alone; anything else that is not a fresh party's request (a key that is no party, a contract
//! that is not registered or a path that holds no SHA-256, a stale `created`, a nonce seen before) gets [`denied`],
//! one answer, byte for byte, whether or not the contract exists.
//!
//! The entries come as one JSON object: `after` (N), `entries` (the stored lines after entry N, at most [`PAGE`] of
//! them, in order) and `checkpoint` (the signed checkpoint of the log the lines are of, which holds entry N + the
//! number given, or more): the lines and the checkpoint are read so that the checkpoint's size is never below the
//! last line given.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::{HeaderMap, Method, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use serde_json::json;
use sqlx::Row;

use crate::api::{Answer, Service, refusal, storage, text};
use crate::auth::{self, NotSigned, Target};
use crate::registered::Registered;
use crate::store::StoreError;

/// The most lines one answer gives.
pub const PAGE: i64 = 1000;

const HELP: &str = "a log is read by the parties of its contract only: sign the request with a party's key (HTTP \
                    Message Signatures, RFC 9421), within 5 minutes of the service's clock and with a new nonce; \
                    `cvl log pull` does";

/// The one answer to every request that is not a fresh party's, whether or not the contract exists.
pub fn denied() -> Answer {
    refusal(
        StatusCode::NOT_FOUND,
        "there is no log here that this request may read",
        Some(HELP),
    )
}

fn not_signed(why: NotSigned) -> Answer {
    match why {
        NotSigned::Unsigned => refusal(
            StatusCode::UNAUTHORIZED,
            "the request is not signed, and a log is read by the parties of its contract only",
            Some(HELP),
        ),
        NotSigned::Malformed(words) => refusal(
            StatusCode::BAD_REQUEST,
            format!("the request's signature cannot be read: {words}"),
            Some(HELP),
        ),
        NotSigned::BadSignature => refusal(
            StatusCode::UNAUTHORIZED,
            "the request's signature does not verify with the key its `keyid` names",
            Some(HELP),
        ),
    }
}

/// A header field's lines, joined as HTTP joins a field's lines (`, `); `None` when it has none or one that is not
/// text.
fn field(headers: &HeaderMap, name: &str) -> Option<String> {
    let lines: Vec<&str> = headers
        .get_all(name)
        .iter()
        .map(|value| value.to_str().unwrap_or("\u{0}"))
        .collect();
    (!lines.is_empty()).then(|| lines.join(", "))
}

/// The contract whose log a fresh, signed request by one of its parties may read; the answer otherwise.
async fn authorized(
    service: &Service,
    sha256: &str,
    method: &Method,
    uri: &Uri,
    headers: &HeaderMap,
) -> Result<&'static Registered, Answer> {
    let now = auth::unix_now();
    let target = Target {
        method: method.as_str(),
        path: uri.path(),
        query: uri.query(),
        authority: headers
            .get(header::HOST)
            .and_then(|h| h.to_str().ok())
            .or_else(|| uri.authority().map(|a| a.as_str())),
    };
    let signed = auth::check(
        field(headers, "signature-input").as_deref(),
        field(headers, "signature").as_deref(),
        &target,
        now,
    )
    .map_err(not_signed)?;
    if !signed.fresh {
        return Err(denied());
    }
    let Some(registered) = service.contract(sha256).await? else {
        return Err(denied());
    };
    if !registered.is_party_key(&signed.key) {
        return Err(denied());
    }
    if !auth::remember(
        &service.store,
        &signed.key,
        &signed.nonce,
        signed.created,
        now,
    )
    .await
    .map_err(storage)?
    {
        tracing::info!(contract = %sha256, "a read's nonce came again: refused");
        return Err(denied());
    }
    Ok(registered)
}

/// `GET /v1/logs/{sha256}/checkpoint`.
pub async fn checkpoint(
    State(service): State<Arc<Service>>,
    Path(sha256): Path<String>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
) -> Result<Response, Answer> {
    authorized(&service, &sha256, &method, &uri, &headers).await?;
    match service.store.checkpoint(&sha256).await.map_err(storage)? {
        Some(note) => Ok(text(StatusCode::OK, note)),
        None => Err(denied()),
    }
}

/// `after` from the query (`after=N`; 0 when there is none).
fn after(query: Option<&str>) -> Result<i64, Answer> {
    let mut found = None;
    for pair in query.unwrap_or("").split('&').filter(|p| !p.is_empty()) {
        let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
        if name != "after" || found.is_some() {
            return Err(refusal(
                StatusCode::BAD_REQUEST,
                format!(
                    "the query `{}` is not `after=N`",
                    cvl_syntax::text::shown(query.unwrap_or(""))
                ),
                Some("ask for the entries after entry N with `?after=N` (N from 0), once"),
            ));
        }
        found = Some(value);
    }
    match found {
        None => Ok(0),
        Some(value) => value
            .parse::<u32>()
            .ok()
            .filter(|_| value.bytes().all(|b| b.is_ascii_digit()))
            .map(i64::from)
            .ok_or_else(|| {
                refusal(
                    StatusCode::BAD_REQUEST,
                    format!(
                        "`after={}` is not a number of entries",
                        cvl_syntax::text::shown(value)
                    ),
                    Some("ask for the entries after entry N with `?after=N` (N from 0), once"),
                )
            }),
    }
}

/// `GET /v1/logs/{sha256}/entries?after=N`.
pub async fn entries(
    State(service): State<Arc<Service>>,
    Path(sha256): Path<String>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
) -> Result<Response, Answer> {
    authorized(&service, &sha256, &method, &uri, &headers).await?;
    let after = after(uri.query())?;
    let pool = service.store.pool();
    let latest = sqlx::query(
        "SELECT size, note FROM checkpoints WHERE contract = $1 ORDER BY size DESC LIMIT 1",
    )
    .bind(sha256.as_str())
    .fetch_optional(pool)
    .await
    .map_err(|e| storage(StoreError::from(e)))?;
    let Some(latest) = latest else {
        return Err(denied());
    };
    let size: i64 = latest
        .try_get(0)
        .map_err(|e| storage(StoreError::from(e)))?;
    let note: String = latest
        .try_get(1)
        .map_err(|e| storage(StoreError::from(e)))?;
    let rows = sqlx::query(
        "SELECT line FROM entries WHERE contract = $1 AND seq > $2 AND seq <= $3 ORDER BY seq LIMIT $4",
    )
    .bind(sha256.as_str())
    .bind(after)
    .bind(size)
    .bind(PAGE)
    .fetch_all(pool)
    .await
    .map_err(|e| storage(StoreError::from(e)))?;
    let lines = rows
        .iter()
        .map(|row| row.try_get::<String, _>(0))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| storage(StoreError::from(e)))?;
    Ok((
        StatusCode::OK,
        axum::Json(json!({ "after": after, "entries": lines, "checkpoint": note })),
    )
        .into_response())
}
