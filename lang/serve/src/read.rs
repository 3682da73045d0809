//! Reading a log, for its parties only: `GET /v1/logs/{sha256}/checkpoint` and `GET /v1/logs/{sha256}/entries?after=N`.
//!
//! Each answers only a request signed by a party of the contract (auth.rs), fresh, with a nonce its key has not used
//! before, and so does an append (api.rs, through [`authorized`]). An unsigned request (401), an unreadable
//! signature (400) and one that does not verify (401) are told so, from the request alone; anything else that is
//! not a fresh party's request (a key that is no party, a contract that is not registered or a path that holds no
//! SHA-256, a stale `created`, a nonce seen before) gets [`denied`], one answer, byte for byte, whether or not the
//! contract exists. Before it, the same work is done whether or not the contract exists: the signature is checked,
//! then the database is asked for the contract (service.contract).
//!
//! The entries come as one JSON object: `after` (N), `entries` (the stored lines after entry N, at most [`PAGE`] of
//! them and [`crate::MAX_PAGE_BYTES`] of lines, one at least, in order) and `checkpoint` (the signed checkpoint of the log the lines are of, which holds entry N + the
//! number given, or more): the lines and the checkpoint are read so that the checkpoint's size is never below the
//! last line given.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use serde_json::json;
use sqlx::Row;

use crate::api::{Answer, Service, refusal, storage, text};
use crate::auth::{self, NotSigned, Target};
use crate::registered::Registered;
use crate::store::StoreError;

/// How many lines a page is read from the database at a time.
const CHUNK: i64 = 16;

/// The most lines one answer gives.
pub const PAGE: i64 = 1000;

pub(crate) const HELP: &str = "a contract is registered, and its log read and appended to, by its parties only: \
                    sign the request with a party's key (HTTP Message Signatures, RFC 9421) for this service's \
                    address, within 5 minutes of its clock and with a new nonce; `cvl log push` and `cvl log pull` do";

/// The one answer to every request that is not a fresh party's, whether or not the contract exists.
pub fn denied() -> Answer {
    refusal(
        StatusCode::NOT_FOUND,
        "there is no log here that this request may read or append to",
        Some(HELP),
    )
}

fn not_signed(why: NotSigned) -> Answer {
    match why {
        NotSigned::Unsigned => refusal(
            StatusCode::UNAUTHORIZED,
            "the request is not signed, and only a party of the contract may make it",
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

/// A header field's lines, joined as HTTP joins a field's lines (`, `); `None` when it has none; refused when one
/// is not visible ASCII text.
fn field(headers: &HeaderMap, name: &'static str, shown: &str) -> Result<Option<String>, Answer> {
    let lines = headers
        .get_all(name)
        .iter()
        .map(|value| value.to_str().ok())
        .collect::<Option<Vec<&str>>>()
        .ok_or_else(|| {
            not_signed(NotSigned::Malformed(format!(
                "its `{shown}` field is not text: a structured field is visible ASCII"
            )))
        })?;
    Ok((!lines.is_empty()).then(|| lines.join(", ")))
}

/// The request's signature, checked from the request alone (`body` for a request that has one): the refusal when
/// it is unsigned, unreadable or does not verify.
pub(crate) fn signed(
    service: &Service,
    method: &Method,
    uri: &Uri,
    headers: &HeaderMap,
    body: Option<&[u8]>,
) -> Result<auth::Signed, Answer> {
    let digest = field(headers, "content-digest", "Content-Digest")?;
    let target = Target {
        method: method.as_str(),
        path: uri.path(),
        query: uri.query(),
        authority: &service.authority,
        body: body.map(|body| (body, digest.as_deref())),
    };
    auth::check(
        field(headers, "signature-input", "Signature-Input")?.as_deref(),
        field(headers, "signature", "Signature")?.as_deref(),
        &target,
        auth::unix_now(),
    )
    .map_err(|why| {
        if why == NotSigned::BadSignature {
            refusal(
                StatusCode::UNAUTHORIZED,
                format!(
                    "the request's signature does not verify with the key its `keyid` names, for a request to `{}`",
                    cvl_syntax::text::shown(&service.authority)
                ),
                Some(HELP),
            )
        } else {
            not_signed(why)
        }
    })
}

/// The contract whose log a fresh, signed request by one of its parties may read or append to (`body` for an
/// append); the answer otherwise.
pub(crate) async fn authorized(
    service: &Service,
    sha256: &str,
    method: &Method,
    uri: &Uri,
    headers: &HeaderMap,
    body: Option<&[u8]>,
) -> Result<Arc<Registered>, Answer> {
    authorized_by(service, sha256, method, uri, headers, body)
        .await
        .map(|(registered, _)| registered)
}

/// The same, with the key of the party that signed the request.
pub(crate) async fn authorized_by(
    service: &Service,
    sha256: &str,
    method: &Method,
    uri: &Uri,
    headers: &HeaderMap,
    body: Option<&[u8]>,
) -> Result<(Arc<Registered>, cvl_log::PublicKey), Answer> {
    let signed = signed(service, method, uri, headers, body)?;
    // The database is asked for the contract whether or not the request is fresh, so that the answers cost the same.
    let contract = service.contract(sha256).await?;
    if !signed.fresh {
        return Err(denied());
    }
    let Some(registered) = contract else {
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
        auth::unix_now(),
    )
    .await
    .map_err(storage)?
    {
        tracing::info!(contract = %sha256, "a request's nonce came again: refused");
        return Err(denied());
    }
    Ok((registered, signed.key))
}

/// `GET /v1/logs/{sha256}/checkpoint`.
pub async fn checkpoint(
    State(service): State<Arc<Service>>,
    Path(sha256): Path<String>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
) -> Result<Response, Answer> {
    authorized(&service, &sha256, &method, &uri, &headers, None).await?;
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
                    crate::api::shown_short(query.unwrap_or(""))
                ),
                Some("ask for the entries after entry N with `?after=N` (N from 0), once"),
            ));
        }
        found = Some(value);
    }
    match found {
        None => Ok(0),
        Some(value) => value
            .parse::<u64>()
            .ok()
            .filter(|_| value.bytes().all(|b| b.is_ascii_digit()))
            // No log holds more than `i64::MAX` entries: any `after` beyond is past its end.
            .map(|n| i64::try_from(n).unwrap_or(i64::MAX))
            .ok_or_else(|| {
                refusal(
                    StatusCode::BAD_REQUEST,
                    format!(
                        "`after={}` is not a number of entries",
                        crate::api::shown_short(value)
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
    authorized(&service, &sha256, &method, &uri, &headers, None).await?;
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
    // Lines while they come to at most MAX_PAGE_BYTES (always one at least) and PAGE of them, read a few at a
    // time, so that a page of long lines is never read whole into memory.
    let mut lines: Vec<String> = Vec::new();
    let mut bytes = 0usize;
    let mut cursor = after;
    'page: while (lines.len() as i64) < PAGE {
        let rows = sqlx::query(
            "SELECT seq, line FROM entries WHERE contract = $1 AND seq > $2 AND seq <= $3 ORDER BY seq LIMIT $4",
        )
        .bind(sha256.as_str())
        .bind(cursor)
        .bind(size)
        .bind(CHUNK)
        .fetch_all(pool)
        .await
        .map_err(|e| storage(StoreError::from(e)))?;
        let got = rows.len();
        for row in rows {
            let seq: i64 = row.try_get(0).map_err(|e| storage(StoreError::from(e)))?;
            let line: String = row.try_get(1).map_err(|e| storage(StoreError::from(e)))?;
            if !lines.is_empty()
                && (bytes + line.len() > crate::MAX_PAGE_BYTES || lines.len() as i64 >= PAGE)
            {
                break 'page;
            }
            bytes += line.len();
            cursor = seq;
            lines.push(line);
        }
        if (got as i64) < CHUNK {
            break;
        }
    }
    Ok((
        StatusCode::OK,
        axum::Json(json!({ "after": after, "entries": lines, "checkpoint": note })),
    )
        .into_response())
}
