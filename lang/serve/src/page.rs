//! A log's page, for its parties: the decision the service's stored log makes under its registered contract, as
//! `cvl report` shows it (cvl-report's page, assembled by cvl-report's gather.rs as `cvl report` assembles it), in
//! a browser, which cannot sign requests.
//!
//! - `POST /v1/logs/{sha256}/page-link`: a party's signed request (read.rs's [`crate::read::authorized`], exactly
//!   as a read; an empty body, covered by its `Content-Digest`) gets a short-lived link, `/v1/pages/{token}`: 32
//!   bytes from the operating system's random source (getrandom), in unpadded base64url. The database keeps only
//!   the token's SHA-256, with the contract, the key that asked and when it expires ([`LINK_LIFE`] after);
//!   expired links are deleted as new ones are made.
//! - `GET /v1/pages/{token}?as-of=YYYY-MM-DD&lang=en|da`: the page, one self-contained HTML document (no script),
//!   served with a strict Content-Security-Policy, `Cache-Control: no-store` and `Referrer-Policy: no-referrer`.
//!   A token that is unknown, expired or malformed gets read.rs's `denied`, the one answer to every request that
//!   is not a party's. The decision is made as `cvl eval --log` makes it from the log a party pulls (the stored
//!   lines, each ended by a newline): as of `as-of` when given (`--until`), else as the log stands; the page's date
//!   is `as-of`, else today. The same log and date give the same bytes.
//!
//! What the pages cost is bounded: one key holds at most [`MAX_LINKS`] living links to a log's page; a page is
//! made from at most [`MAX_PAGE_LOG`] bytes of lines, read a few hundred at a time; one page is made at a time,
//! and the pages made lately are kept ([`Pages`]), so that a page viewed again costs a database read.

use std::sync::Arc;

use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::NaiveDate;
use serde_json::json;
use sha2::{Digest as _, Sha256};
use sqlx::Row;

use cvl_report::{EventsFile, Lang, ReportInput};

use crate::api::{Answer, Service, refusal, storage};
use crate::read::denied;
use crate::registered::Registered;
use crate::store::StoreError;

/// How long a page link lives, in seconds (15 minutes).
pub const LINK_LIFE: i64 = 15 * 60;

/// The most bytes of a page-link request's body (which is empty).
const MAX_LINK_BODY: usize = 1024;

/// The most links to one log's page that one party's key may hold at once, living: a party asks for a link when
/// it opens the page, and a key that asks for more is refused until its oldest expires, so that the table of
/// links is bounded by the parties, not by the requests.
pub const MAX_LINKS: i64 = 16;

/// The most bytes of stored lines (each with its newline) a page is made from: a larger log's page is refused,
/// before more than that is read, and `cvl report` shows it from the pulled log.
pub const MAX_PAGE_LOG: usize = 32 << 20;

/// The most pages kept made, and the most bytes of them.
const KEPT_PAGES: usize = 32;
const KEPT_PAGE_BYTES: usize = 64 << 20;

/// What the pages cost the service, bounded: one page is made at a time (a view waits for the one being made,
/// so that pages take at most one core from the appends), and the pages made lately are kept, by the log's
/// end (its number of entries and last digest), `as-of`, day and language, so that viewing a page again costs
/// a database read, not a verification.
pub struct Pages {
    making: tokio::sync::Semaphore,
    kept: std::sync::Mutex<crate::kept::Lru<Arc<String>>>,
}

impl Default for Pages {
    fn default() -> Pages {
        Pages {
            making: tokio::sync::Semaphore::new(1),
            kept: std::sync::Mutex::new(crate::kept::Lru::new(KEPT_PAGES, KEPT_PAGE_BYTES)),
        }
    }
}

impl Pages {
    fn get(&self, key: &str) -> Option<Arc<String>> {
        self.kept.lock().ok().and_then(|mut kept| kept.get(key))
    }

    fn keep(&self, key: &str, html: Arc<String>) -> Arc<String> {
        let weight = html.len();
        match self.kept.lock() {
            Ok(mut kept) => kept.insert(key, html, weight),
            Err(_) => html,
        }
    }
}

/// The page's Content-Security-Policy: nothing is fetched or run; its own inline style and inline SVG only.
pub const POLICY: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; \
                          form-action 'none'; frame-ancestors 'none'";

/// The SHA-256 of a token, in hex: what the database keeps of it.
fn token_sha256(token: &str) -> String {
    cvl_log::hex(&Sha256::digest(token.as_bytes()))
}

/// A new token: 32 random bytes from the operating system, in unpadded base64url.
fn new_token() -> Result<String, Answer> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|error| {
        storage(StoreError::Busy(format!(
            "no random token from the operating system: {error}"
        )))
    })?;
    Ok(URL_SAFE_NO_PAD.encode(bytes))
}

fn at(unix: i64) -> String {
    chrono::DateTime::from_timestamp(unix, 0)
        .map(|t| t.format("%Y-%m-%dT%H:%M:%SZ").to_string())
        .unwrap_or_default()
}

/// `POST /v1/logs/{sha256}/page-link`.
pub async fn link(
    State(service): State<Arc<Service>>,
    Path(sha256): Path<String>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    request: Body,
) -> Result<Response, Answer> {
    let bytes = crate::api::body(request, MAX_LINK_BODY, "page-link request").await?;
    let (_, key) =
        crate::read::authorized_by(&service, &sha256, &method, &uri, &headers, Some(&bytes))
            .await?;
    if !bytes.is_empty() {
        return Err(refusal(
            StatusCode::UNPROCESSABLE_ENTITY,
            "the body is not empty: a page link is asked for with an empty body",
            Some("post an empty body, signed as a read is; `cvl log page` does"),
        ));
    }
    let token = new_token()?;
    let now = crate::auth::unix_now();
    let expires = now.saturating_add(LINK_LIFE);
    let hashed = token_sha256(&token);
    let keyid = key.text();
    let store = &service.store;
    let made = store
        .retry(|| async {
            let mut tx = store.pool().begin().await?;
            sqlx::query("DELETE FROM page_links WHERE expires < $1")
                .bind(now)
                .execute(&mut *tx)
                .await?;
            let held = sqlx::query(
                "SELECT COUNT(*), MIN(expires) FROM page_links WHERE contract = $1 AND keyid = $2",
            )
            .bind(sha256.as_str())
            .bind(keyid.as_str())
            .fetch_one(&mut *tx)
            .await?;
            let count: i64 = held.try_get(0)?;
            if count >= MAX_LINKS {
                let oldest: Option<i64> = held.try_get(1)?;
                return Ok(Err(oldest.unwrap_or(expires)));
            }
            sqlx::query(
                "INSERT INTO page_links (token_sha256, contract, keyid, expires) VALUES ($1, $2, $3, $4)",
            )
            .bind(hashed.as_str())
            .bind(sha256.as_str())
            .bind(keyid.as_str())
            .bind(expires)
            .execute(&mut *tx)
            .await?;
            tx.commit().await.map_err(StoreError::from).map(Ok)
        })
        .await
        .map_err(storage)?;
    if let Err(oldest) = made {
        tracing::info!(contract = %sha256, "a page link was refused: the key holds as many as it may");
        return Err(refusal(
            StatusCode::TOO_MANY_REQUESTS,
            format!(
                "this key holds {MAX_LINKS} living links to this log's page, as many as a party may hold: no \
                 link was made"
            ),
            Some(&format!(
                "open a link given before, or ask again once the oldest expires, at {}",
                at(oldest)
            )),
        ));
    }
    tracing::info!(contract = %sha256, "a page link was made");
    Ok((
        StatusCode::CREATED,
        axum::Json(json!({ "page": format!("/v1/pages/{token}"), "expires": at(expires) })),
    )
        .into_response())
}

/// What the page's query asks: `as-of=YYYY-MM-DD` and `lang=en|da`, each at most once.
fn query(query: Option<&str>) -> Result<(Option<NaiveDate>, Lang), Answer> {
    let help = Some(
        "ask for the page as of a day with `?as-of=YYYY-MM-DD`, in Danish with `lang=da`, each once",
    );
    let wrong = |words: String| refusal(StatusCode::BAD_REQUEST, words, help);
    let mut as_of = None;
    let mut lang = None;
    for pair in query.unwrap_or("").split('&').filter(|p| !p.is_empty()) {
        let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
        let shown = crate::api::shown_short(value);
        match name {
            "as-of" if as_of.is_none() => {
                // The one reader of a written date, as `cvl report --until` reads one (cvl-syntax's date.rs).
                use cvl_syntax::date;
                as_of = Some(date::parse_date(value).ok_or_else(|| {
                    wrong(match date::parse_written_day(value) {
                        Some(_) => format!(
                            "`as-of={shown}` is before {}: dates run from 0001-01-01 to 9999-12-31",
                            date::FIRST_DAY
                        ),
                        None => format!("`as-of={shown}` is not a day written YYYY-MM-DD"),
                    })
                })?);
            }
            "lang" if lang.is_none() => {
                lang = Some(match value {
                    "en" => Lang::En,
                    "da" => Lang::Da,
                    _ => return Err(wrong(format!("`lang={shown}` is not `en` or `da`"))),
                });
            }
            _ => {
                return Err(wrong(format!(
                    "the query `{}` is not `as-of=YYYY-MM-DD` or `lang=en|da`, each once",
                    crate::api::shown_short(query.unwrap_or(""))
                )));
            }
        }
    }
    Ok((as_of, lang.unwrap_or_default()))
}

/// `GET /v1/pages/{token}`.
pub async fn page(
    State(service): State<Arc<Service>>,
    Path(token): Path<String>,
    uri: Uri,
) -> Result<Response, Answer> {
    let row = sqlx::query("SELECT contract, expires FROM page_links WHERE token_sha256 = $1")
        .bind(token_sha256(&token))
        .fetch_optional(service.store.pool())
        .await
        .map_err(|e| storage(StoreError::from(e)))?;
    let Some(row) = row else {
        return Err(denied());
    };
    let contract: String = row.try_get(0).map_err(|e| storage(StoreError::from(e)))?;
    let expires: i64 = row.try_get(1).map_err(|e| storage(StoreError::from(e)))?;
    if expires < crate::auth::unix_now() {
        return Err(denied());
    }
    let (as_of, lang) = query(uri.query())?;
    let Some(registered) = service.contract(&contract).await? else {
        return Err(denied());
    };
    let today = cvl_log::clock::now().date();
    let (size, head) = service.store.end(&contract).await.map_err(storage)?;
    let as_of_key = as_of.map(|d| d.to_string()).unwrap_or_default();
    let key = format!(
        "{contract} {size} {head} {as_of_key} {today} {}",
        lang.code()
    );
    let html = match service.pages.get(&key) {
        Some(html) => html,
        None => {
            // One page is made at a time; one made while this view waited is not made again.
            let _making = service.pages.making.acquire().await.map_err(|_| {
                storage(StoreError::Busy("the pages are no longer made".to_string()))
            })?;
            match service.pages.get(&key) {
                Some(html) => html,
                None => {
                    let html =
                        make(&service, &registered, &contract, size, as_of, today, lang).await?;
                    service.pages.keep(&key, Arc::new(html))
                }
            }
        }
    };
    tracing::info!(contract = %contract, "a page was served");
    let mut response = (StatusCode::OK, html.as_str().to_string()).into_response();
    let headers = response.headers_mut();
    for (name, value) in [
        (header::CONTENT_TYPE, "text/html; charset=utf-8"),
        (header::CONTENT_SECURITY_POLICY, POLICY),
        (header::CACHE_CONTROL, "no-store"),
        (header::REFERRER_POLICY, "no-referrer"),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
    ] {
        headers.insert(name, HeaderValue::from_static(value));
    }
    Ok(response)
}

/// The page of the first `size` stored entries of `contract`'s log, or the refusal: a log of more than
/// [`MAX_PAGE_LOG`] bytes, or one the decision cannot be made from.
async fn make(
    service: &Service,
    registered: &Registered,
    contract: &str,
    size: i64,
    as_of: Option<NaiveDate>,
    today: NaiveDate,
    lang: Lang,
) -> Result<String, Answer> {
    let Some(lines) = service
        .store
        .lines_within(contract, size, MAX_PAGE_LOG)
        .await
        .map_err(storage)?
    else {
        return Err(refusal(
            StatusCode::UNPROCESSABLE_ENTITY,
            format!(
                "the log is too large to show as a page: its {size} entries come to more than {} MiB, the most a \
                 page is made from",
                MAX_PAGE_LOG >> 20
            ),
            Some("`cvl log pull` the log and run `cvl report` on it, which shows the same page"),
        ));
    };
    tokio::task::block_in_place(|| render(registered, &lines, as_of, today, lang)).map_err(
        |words| {
            refusal(
                StatusCode::UNPROCESSABLE_ENTITY,
                format!("the decision cannot be shown: {words}"),
                Some("`cvl eval --log` on the log `cvl log pull` fetches says the same"),
            )
        },
    )
}

/// The page of `registered`'s log `lines`, as `cvl report CONTRACT --log LOG [--until AS_OF] --date DATE` writes
/// it for the log a party pulls: decided as `cvl eval --log` decides (verified entry by entry first), dated
/// `as_of`, else `today`. The words of the refusal when the log does not decide.
pub fn render(
    registered: &Registered,
    lines: &[String],
    as_of: Option<NaiveDate>,
    today: NaiveDate,
    lang: Lang,
) -> Result<String, String> {
    let mut text = String::new();
    for line in lines {
        text.push_str(line);
        text.push('\n');
    }
    let mut verifier = cvl_log::Verifier::new(
        text.as_bytes(),
        registered.sha256,
        registered.keys().clone(),
    )
    .with_sources(registered.files.clone());
    let binding = cvl_eval::Binding {
        contract_sha256: Some(&registered.sha256_hex),
        sources: &registered.files,
        signed_log: true,
    };
    let decision = cvl_eval::evaluate_versions(
        &registered.contract,
        binding,
        cvl_eval::Versions::default(),
        &mut verifier,
        as_of,
    )
    .map_err(|refusal| refusal.to_string())?;
    let tail = verifier.tail();
    let reconciliation =
        cvl_report::gather::reconcile(&registered.contract, &decision, as_of, None)
            .map_err(|no_rate| no_rate.to_string())?;
    let entries = cvl_report::gather::log_entries(text.as_bytes()).map_err(|r| r.to_string())?;
    let paid = cvl_report::gather::paid(&registered.contract, &decision, reconciliation, &entries);
    let date = as_of.unwrap_or(today);
    let until = as_of.map(|d| format!(" --until {d}")).unwrap_or_default();
    let command = format!(
        "cvl report {CONTRACT} --log {LOG}{until} --lang {} --date {date} -o report.html",
        lang.code()
    );
    let events_sha256 = cvl_log::hex(&Sha256::digest(text.as_bytes()));
    // The registered contract has no file name (registered.rs): the page names it as a party's copy is named.
    let files: Vec<cvl_log::SourceFile> = registered
        .files
        .iter()
        .map(|file| {
            let mut file = file.clone();
            if file.role == cvl_log::Role::Contract && file.shown.is_empty() {
                file.shown = CONTRACT.to_string();
            }
            file
        })
        .collect();
    let input = ReportInput {
        date,
        version: env!("CARGO_PKG_VERSION"),
        command: &command,
        contract_file: CONTRACT,
        contract_sha256: &registered.sha256_hex,
        files: &files,
        events: EventsFile {
            file: LOG,
            sha256: &events_sha256,
            verified: Some((tail.entries, cvl_log::hex(&tail.digest))),
        },
        contract: &registered.contract,
        sources: &registered.sources,
        texts: &[],
        decision: &decision,
        entries: &entries,
        audit: None,
        payee: None,
        months: None,
        paid: &paid,
    };
    Ok(cvl_report::render(&input, lang))
}

/// The names the page gives the registered contract and the stored log: those a party's copies would have.
const CONTRACT: &str = "contract.cvl";
const LOG: &str = "log.jsonl";
