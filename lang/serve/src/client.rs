//! The client side of the service: requests (ureq, blocking, HTTP or HTTPS through rustls), reads signed with a
//! party's key (auth.rs, covering `@authority` too), `cvl log push` and the fetching of `cvl log pull`.
//!
//! Every answer is read whole but bounded ([`MAX_BODY`]: the most a page of entries may legitimately be, spec
//! 10.5), redirects are never followed (an answer 3xx is refused, naming where it points), and what the transport
//! says is put in the client's own words ([`transport`]). A page of entries is checked as it arrives ([`fetch`]):
//! no more lines than asked, each the next seq, each `prev` the digest of the line before; and a pull takes at
//! most [`MAX_FETCH`] bytes of lines in all. A receipt is accepted only when it is this log's, of exactly the
//! entries the service holds after what was sent, its head the digest of the last line sent ([`receipt`]).
//!
//! [`push`] registers the contract (a contract registered already is fine), reads the service's checkpoint,
//! checks that the local log holds the service's log as its start (the same entry at the checkpoint's size: else
//! one of the two forked, and nothing is sent), then sends the entries the service lacks, one at a time, and ends
//! with the receipt of the last. With the service's verifier key, every checkpoint it gives is verified.
//! [`page_link`] asks, as a read is signed, for a short-lived link to the log's page (page.rs).

use std::time::Duration;

use serde_json::Value;
use sha2::{Digest as _, Sha256};

use cvl_log::checkpoint::{self, Checkpoint, NoteKey};
use cvl_log::{Entry, SecretKey};

use crate::registered::Registration;

/// A service's answer: its status and body.
#[derive(Clone, Debug)]
pub struct Reply {
    pub status: u16,
    pub body: String,
}

impl Reply {
    /// The refusal's words, and its help line, from a JSON body; the body itself otherwise.
    pub fn words(&self) -> String {
        match serde_json::from_str::<Value>(&self.body) {
            Ok(value) => {
                let error = value
                    .get("error")
                    .and_then(Value::as_str)
                    .unwrap_or(&self.body);
                match value.get("help").and_then(Value::as_str) {
                    Some(help) => format!("{error}\nhelp: {help}"),
                    None => error.to_string(),
                }
            }
            Err(_) => self.body.trim_end().to_string(),
        }
    }

    fn json(&self) -> Option<Value> {
        serde_json::from_str(&self.body).ok()
    }
}

/// The most bytes of a service's answer the client reads: a page of entries at its largest (its lines at most
/// [`crate::MAX_PAGE_BYTES`], and the one that goes past it at most 1 MiB, each at most twice as long in JSON),
/// and room for the checkpoint and the JSON around them.
pub const MAX_BODY: u64 =
    2 * (crate::MAX_PAGE_BYTES as u64 + cvl_event::MAX_LINE as u64) + (64 << 10);

/// The most bytes of lines one fetch takes in all (256 MiB), whatever the service's checkpoint claims.
pub const MAX_FETCH: u64 = 256 << 20;

/// How long a request may take, in seconds.
const TIMEOUT: u64 = 60;

/// A connection to one service.
pub struct Client {
    agent: ureq::Agent,
    base: String,
    /// The authority a signed request is signed for (auth.rs's `@authority`), from `base`; `None` when `base` is
    /// not an `http://` or `https://` URL (why, then: every signed request fails with these words).
    authority: Result<String, String>,
}

/// What the transport says, in the client's words; `body` when it was reading an answer's body.
fn transport(error: ureq::Error, body: bool) -> String {
    match error {
        ureq::Error::Io(error) if body && error.kind() == std::io::ErrorKind::InvalidData => {
            "its answer is not UTF-8 text".to_string()
        }
        ureq::Error::Io(error) if error.kind() == std::io::ErrorKind::InvalidData => {
            match error.into_inner() {
                Some(inner) => format!("TLS failed: {inner}"),
                None => "its answer is not HTTP".to_string(),
            }
        }
        ureq::Error::Io(error) => cvl_check::loader::io_message(&error),
        ureq::Error::Timeout(_) => format!("it did not answer within {TIMEOUT} seconds"),
        ureq::Error::BodyExceedsLimit(_) => format!(
            "its answer is larger than {} MiB, more than a service ever sends",
            MAX_BODY >> 20
        ),
        ureq::Error::HostNotFound => "its host is not found".to_string(),
        ureq::Error::ConnectionFailed => "the connection failed".to_string(),
        ureq::Error::BadUri(_) | ureq::Error::Http(_) => {
            "it is not an `http://` or `https://` address".to_string()
        }
        ureq::Error::Tls(words) => format!("TLS failed: {words}"),
        ureq::Error::Rustls(error) => format!("TLS failed: {error}"),
        ureq::Error::LargeResponseHeader(_, _) => "its answer's header is too large".to_string(),
        ureq::Error::Protocol(_) => "its answer is not HTTP".to_string(),
        other => other.to_string(),
    }
}

impl Client {
    /// A client of the service at `base` (`http://127.0.0.1:8080`, `https://logs.example`).
    pub fn new(base: &str) -> Client {
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .timeout_global(Some(Duration::from_secs(TIMEOUT)))
            .build()
            .into();
        let base = base.trim_end_matches('/').to_string();
        Client {
            agent,
            authority: crate::auth::authority(&base),
            base,
        }
    }

    fn reply(
        &self,
        sent: Result<ureq::http::Response<ureq::Body>, ureq::Error>,
    ) -> Result<Reply, String> {
        let mut response = sent.map_err(|error| {
            format!("cannot reach `{}`: {}", self.base, transport(error, false))
        })?;
        let status = response.status().as_u16();
        if (300..400).contains(&status) {
            let to = response
                .headers()
                .get("location")
                .map(|to| String::from_utf8_lossy(to.as_bytes()).into_owned())
                .unwrap_or_default();
            return Err(format!(
                "`{}` answered with a redirect (status {status}) to `{}`, which is not followed\nhelp: give \
                 `--server` the service's own address; a signed request is never sent on to another",
                self.base,
                cvl_event::shown(&to)
            ));
        }
        let body = response
            .body_mut()
            .with_config()
            .limit(MAX_BODY)
            .read_to_string()
            .map_err(|error| {
                format!(
                    "cannot read the answer of `{}`: {}",
                    self.base,
                    transport(error, true)
                )
            })?;
        Ok(Reply { status, body })
    }

    /// `GET path`.
    pub fn get(&self, path: &str) -> Result<Reply, String> {
        self.reply(self.agent.get(format!("{}{path}", self.base)).call())
    }

    /// `GET path` with the header fields `headers`.
    pub fn get_with(&self, path: &str, headers: &[(&str, &str)]) -> Result<Reply, String> {
        let mut request = self.agent.get(format!("{}{path}", self.base));
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        self.reply(request.call())
    }

    /// `POST path` with `body` of `content_type`.
    pub fn post(&self, path: &str, content_type: &str, body: &[u8]) -> Result<Reply, String> {
        self.reply(
            self.agent
                .post(format!("{}{path}", self.base))
                .header("content-type", content_type)
                .send(body),
        )
    }

    /// A `method` request for `path` with `body` (a POST's), signed with the party's `key` (RFC 9421, for this
    /// service's authority, a new nonce, created now; a body covered by its `Content-Digest`).
    fn signed(
        &self,
        method: &str,
        path: &str,
        body: Option<(&str, &[u8])>,
        key: &SecretKey,
    ) -> Result<Reply, String> {
        let authority = self.authority.as_deref().map_err(|why| {
            format!(
                "cannot reach `{}`: {why}",
                cvl_syntax::text::shown(&self.base)
            )
        })?;
        let nonce = crate::auth::nonce()?;
        let fields = crate::auth::sign(
            method,
            authority,
            path,
            body.map(|(_, bytes)| bytes),
            key,
            crate::auth::unix_now(),
            &nonce,
        )?;
        let url = format!("{}{path}", self.base);
        match body {
            None => {
                let mut request = self.agent.get(url).header("host", authority);
                for (name, value) in &fields {
                    request = request.header(*name, value.as_str());
                }
                self.reply(request.call())
            }
            Some((content_type, bytes)) => {
                let mut request = self
                    .agent
                    .post(url)
                    .header("host", authority)
                    .header("content-type", content_type);
                for (name, value) in &fields {
                    request = request.header(*name, value.as_str());
                }
                self.reply(request.send(bytes))
            }
        }
    }

    /// `POST path` with `body` of `content_type`, signed with the party's `key`.
    pub fn signed_post(
        &self,
        path: &str,
        content_type: &str,
        body: &[u8],
        key: &SecretKey,
    ) -> Result<Reply, String> {
        self.signed("POST", path, Some((content_type, body)), key)
    }

    /// `GET path`, signed with the party's `key`.
    pub fn signed_get(&self, path: &str, key: &SecretKey) -> Result<Reply, String> {
        self.signed("GET", path, None, key)
    }

    /// The log's current checkpoint, read as the party whose key is `key`.
    pub fn signed_checkpoint(&self, sha256: &str, key: &SecretKey) -> Result<Reply, String> {
        self.signed_get(&format!("/v1/logs/{sha256}/checkpoint"), key)
    }

    /// Registers the contract, in a request signed by the party whose key is `key`.
    pub fn register(&self, registration: &Registration, key: &SecretKey) -> Result<Reply, String> {
        let body = serde_json::to_vec(registration).map_err(|e| e.to_string())?;
        self.signed(
            "POST",
            "/v1/contracts",
            Some(("application/json", &body)),
            key,
        )
    }

    pub fn checkpoint(&self, sha256: &str) -> Result<Reply, String> {
        self.get(&format!("/v1/logs/{sha256}/checkpoint"))
    }

    /// Appends the entry `line` to the log of `sha256`, in a request signed by the party whose key is `key`.
    pub fn append(&self, sha256: &str, line: &str, key: &SecretKey) -> Result<Reply, String> {
        self.signed(
            "POST",
            &format!("/v1/logs/{sha256}/entries"),
            Some(("application/jsonl", format!("{line}\n").as_bytes())),
            key,
        )
    }
}

/// A link to a log's page (page.rs): the whole URL, and when it expires.
#[derive(Clone, Debug)]
pub struct PageLink {
    pub url: String,
    pub expires: String,
}

/// Asks the service for a short-lived link to the page of the log of `sha256`, as the party whose key is `reader`.
pub fn page_link(client: &Client, sha256: &str, reader: &SecretKey) -> Result<PageLink, String> {
    let reply = client.signed(
        "POST",
        &format!("/v1/logs/{sha256}/page-link"),
        Some(("text/plain", b"")),
        reader,
    )?;
    if reply.status == 404 {
        return Err(
            "the service gave no page link: it holds no log of this contract that this key may read\nhelp: a link \
             is given to a party of a contract the service holds: push the log first (`cvl log push`)"
                .to_string(),
        );
    }
    if reply.status != 201 {
        return Err(format!(
            "the service gave no page link (status {}): {}",
            reply.status,
            reply.words()
        ));
    }
    let value = reply.json();
    let field = |name: &str| {
        value
            .as_ref()
            .and_then(|v| v.get(name))
            .and_then(Value::as_str)
            .map(str::to_string)
    };
    let page = field("page")
        .filter(|page| {
            page.strip_prefix("/v1/pages/").is_some_and(|token| {
                !token.is_empty()
                    && token
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
            })
        })
        .ok_or_else(|| {
            "the service's answer holds no page link: it is not a CVL log service, or another version".to_string()
        })?;
    // The expiry is printed to the party: only a time written as the service writes one, never other words.
    let expires = field("expires")
        .filter(|e| chrono::NaiveDateTime::parse_from_str(e, "%Y-%m-%dT%H:%M:%SZ").is_ok() && e.len() == 20)
        .ok_or_else(|| {
            "the service's answer holds no page link: it is not a CVL log service, or another version".to_string()
        })?;
    Ok(PageLink {
        url: format!("{}{page}", client.base),
        expires,
    })
}

/// What a push did.
#[derive(Clone, Debug)]
pub struct Pushed {
    /// How many entries the service had before.
    pub before: u64,
    /// How many were sent.
    pub sent: u64,
    /// The service's checkpoint after the push: the receipt.
    pub checkpoint: String,
    /// What it says.
    pub read: Checkpoint,
}

/// Reads a checkpoint the service gave, verifying it with `key` when given.
pub fn read_checkpoint(note: &str, key: Option<&NoteKey>) -> Result<Checkpoint, String> {
    let text = match key {
        Some(key) => {
            checkpoint::open_note(note, key).map_err(|e| format!("the service's checkpoint {e}"))?
        }
        None => note.split_once("\n\n").map_or(note, |(text, _)| text),
    };
    let text = if text.ends_with('\n') {
        text.to_string()
    } else {
        format!("{text}\n")
    };
    Checkpoint::parse(&text).map_err(|e| format!("the service's checkpoint {e}"))
}

/// Whether the checkpoint `read` is of the log of the contract whose SHA-256 is `sha256` (hex): its origin is the
/// service's (`key`'s name) and the contract's when the service's key is given, else it ends with the contract's.
pub fn of_this_log(read: &Checkpoint, key: Option<&NoteKey>, sha256: &str) -> bool {
    match (key, cvl_log::parse_hex(sha256)) {
        (Some(key), Some(contract)) => cvl_log::extend::of_log(read, &key.name, &contract).is_ok(),
        (Some(_), None) => false,
        (None, _) => read.origin.ends_with(&format!("/{sha256}")),
    }
}

/// The help of a refused page of entries.
const PAGE_HELP: &str = "the service's answer is not a page of this log as the service signed it: nothing of it \
                         is written; keep your copy, and tell the service's operator";

/// The help of a refused receipt.
const RECEIPT_HELP: &str = "a receipt is the service's word that it stored what was sent: this one is not, so \
                            nothing of it was kept; check that `--server` is the service of this log, and ask its \
                            operator";

/// Reads the receipt `note` the service gave for entry `seq` of the log of `sha256`, whose line is `line`: it must
/// verify with `key` when given, be of this log, say exactly `seq` entries, and end at the line's digest.
pub fn receipt(
    note: &str,
    key: Option<&NoteKey>,
    sha256: &str,
    seq: u64,
    line: &str,
) -> Result<Checkpoint, String> {
    let refuse = |why: String| {
        format!("the service's receipt for entry {seq} is refused: {why}\nhelp: {RECEIPT_HELP}")
    };
    let read = read_checkpoint(note, key).map_err(|words| {
        refuse(
            words
                .strip_prefix("the service's checkpoint ")
                .map_or_else(|| words.clone(), str::to_string),
        )
    })?;
    if !of_this_log(&read, key, sha256) {
        return Err(refuse(format!(
            "it is of another log: its origin is `{}`",
            cvl_event::shown(&read.origin)
        )));
    }
    if read.size != seq {
        return Err(refuse(format!(
            "it says the log has {} entries, not the {seq} it holds once entry {seq} is stored",
            read.size
        )));
    }
    let digest: [u8; 32] = Sha256::digest(line.as_bytes()).into();
    if read.head != digest {
        return Err(refuse(format!(
            "its head is sha256:{}, not sha256:{}, the digest of entry {seq} as sent",
            cvl_log::hex(&read.head),
            cvl_log::hex(&digest)
        )));
    }
    Ok(read)
}

/// Pushes the log `lines` of the contract `registration` makes (its SHA-256 `sha256`) to the service.
pub fn push(
    client: &Client,
    registration: &Registration,
    sha256: &str,
    lines: &[String],
    key: Option<&NoteKey>,
    reader: &SecretKey,
) -> Result<Pushed, String> {
    let registered = client.register(registration, reader)?;
    if !matches!(registered.status, 200 | 201) {
        return Err(format!(
            "the service refused the contract: {}",
            registered.words()
        ));
    }
    let reply = client.signed_checkpoint(sha256, reader)?;
    if reply.status != 200 {
        return Err(format!("the service gave no checkpoint: {}", reply.words()));
    }
    let mut note = reply.body;
    let mut read = read_checkpoint(&note, key)?;
    if !of_this_log(&read, key, sha256) {
        return Err(format!(
            "the service's checkpoint is of another log: its origin is `{}`; nothing was sent",
            cvl_event::shown(&read.origin)
        ));
    }
    let before = read.size;
    let local = u64::try_from(lines.len()).unwrap_or(u64::MAX);
    if before > local {
        return Err(format!(
            "the service holds {before} entries, more than the {local} of this log: this log is behind, or cut short"
        ));
    }
    if before > 0 {
        let index = usize::try_from(before - 1).unwrap_or(usize::MAX);
        let ours: [u8; 32] = lines
            .get(index)
            .map(|line| Sha256::digest(line.as_bytes()).into())
            .unwrap_or_default();
        if ours != read.head {
            return Err(format!(
                "entry {before} of this log is not the service's entry {before}: the two logs forked, and nothing was sent"
            ));
        }
    }
    let mut sent = 0;
    for line in lines
        .iter()
        .skip(usize::try_from(before).unwrap_or(usize::MAX))
    {
        let reply = client.append(sha256, line, reader)?;
        if reply.status != 201 {
            return Err(format!(
                "the service refused entry {} (status {}): {}",
                before + sent + 1,
                reply.status,
                reply.words()
            ));
        }
        sent += 1;
        note = reply
            .json()
            .and_then(|v| {
                v.get("checkpoint")
                    .and_then(Value::as_str)
                    .map(str::to_string)
            })
            .ok_or_else(|| {
                format!(
                    "the service's receipt for entry {} has no checkpoint\nhelp: {RECEIPT_HELP}",
                    before + sent
                )
            })?;
        read = receipt(&note, key, sha256, before + sent, line)?;
    }
    Ok(Pushed {
        before,
        sent,
        checkpoint: note,
        read,
    })
}

/// What the service gave of a log: the lines after some entry, and the checkpoint of the log they end.
#[derive(Clone, Debug)]
pub struct Fetched {
    pub lines: Vec<String>,
    pub checkpoint: String,
    pub read: Checkpoint,
}

/// Fetches the service's lines after entry `after` of the log of `sha256`, as the party whose key is `reader`, page
/// by page until the last checkpoint's size; each checkpoint verified with `key` when given. Each page is checked
/// as it arrives: no more lines than the checkpoint it came with has after those already taken, each line the next
/// entry (`seq`), its `prev` the digest of the line before it (`prev` is that of entry `after` when given); and at
/// most [`MAX_FETCH`] bytes of lines are taken in all.
pub fn fetch(
    client: &Client,
    sha256: &str,
    after: u64,
    reader: &SecretKey,
    key: Option<&NoteKey>,
) -> Result<Fetched, String> {
    fetch_after(client, sha256, after, None, reader, key)
}

/// As [`fetch`], knowing the digest `prev` of entry `after`, which the first line given must carry as its `prev`.
pub fn fetch_after(
    client: &Client,
    sha256: &str,
    after: u64,
    prev: Option<[u8; 32]>,
    reader: &SecretKey,
    key: Option<&NoteKey>,
) -> Result<Fetched, String> {
    let mut lines = Vec::new();
    let mut have = after;
    let mut prev = prev;
    let mut bytes: u64 = 0;
    loop {
        let reply =
            client.signed_get(&format!("/v1/logs/{sha256}/entries?after={have}"), reader)?;
        if reply.status != 200 {
            return Err(format!(
                "the service did not give the log (status {}): {}",
                reply.status,
                reply.words()
            ));
        }
        let body = reply
            .json()
            .ok_or_else(|| "the service's answer is not JSON".to_string())?;
        let note = body
            .get("checkpoint")
            .and_then(Value::as_str)
            .ok_or_else(|| "the service's answer has no checkpoint".to_string())?
            .to_string();
        let read = read_checkpoint(&note, key)?;
        let page = body
            .get("entries")
            .and_then(Value::as_array)
            .ok_or_else(|| "the service's answer has no entries".to_string())?;
        let given = u64::try_from(page.len()).unwrap_or(u64::MAX);
        if given > 0 && have.saturating_add(given) > read.size {
            return Err(format!(
                "the service gave entries {} to {}, but its checkpoint says the log has {}; nothing was pulled\nhelp: {PAGE_HELP}",
                have.saturating_add(1),
                have.saturating_add(given),
                read.size
            ));
        }
        for line in page {
            let line = line
                .as_str()
                .ok_or_else(|| "an entry the service gave is not text".to_string())?;
            let seq = have.saturating_add(1);
            bytes = bytes.saturating_add(u64::try_from(line.len()).unwrap_or(u64::MAX));
            if bytes > MAX_FETCH {
                return Err(format!(
                    "the service's entries after entry {after} come to more than {} MiB, the most a pull takes; \
                     nothing was pulled\nhelp: no log grows that large in one pull; a service that sends more does \
                     not keep to its word: keep your copy, and tell the service's operator",
                    MAX_FETCH >> 20
                ));
            }
            let entry = Entry::read(usize::try_from(seq).unwrap_or(usize::MAX), line).map_err(
                |refusal| {
                    format!("the service's entry {seq} is refused: {refusal}\nhelp: {PAGE_HELP}")
                },
            )?;
            if entry.seq != seq {
                return Err(format!(
                    "the service gave entry {} where entry {seq} was due; nothing was pulled\nhelp: {PAGE_HELP}",
                    entry.seq
                ));
            }
            if let Some(prev) = prev
                && entry.prev != prev
            {
                return Err(format!(
                    "the service's entry {seq} does not follow entry {}: its `prev` is not that entry's digest; \
                     nothing was pulled\nhelp: {PAGE_HELP}",
                    seq.saturating_sub(1)
                ));
            }
            prev = Some(entry.digest);
            have = seq;
            lines.push(line.to_string());
        }
        if given == 0 && have < read.size {
            return Err(format!(
                "the service's checkpoint says the log has {} entries, but the service gives none after entry \
                 {have}: its checkpoint and its entries disagree; nothing was pulled\nhelp: the service lost \
                 entries it signed for, or its store was changed under it; keep your copy, it is the evidence, and \
                 tell the service's operator",
                read.size
            ));
        }
        if have >= read.size {
            return Ok(Fetched {
                lines,
                checkpoint: note,
                read,
            });
        }
    }
}
