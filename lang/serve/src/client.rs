//! The client side of the service: requests (ureq, blocking, plain HTTP for now), reads signed with a party's key
//! (auth.rs), `cvl log push` and the fetching of `cvl log pull`.
//!
//! [`push`] registers the contract (a contract registered already is fine), reads the service's checkpoint,
//! checks that the local log holds the service's log as its start (the same entry at the checkpoint's size: else
//! one of the two forked, and nothing is sent), then sends the entries the service lacks, one at a time, and ends
//! with the receipt of the last. With the service's verifier key, every checkpoint it gives is verified.

use std::time::Duration;

use serde_json::Value;
use sha2::{Digest as _, Sha256};

use cvl_log::SecretKey;
use cvl_log::checkpoint::{self, Checkpoint, NoteKey};

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

/// A connection to one service.
pub struct Client {
    agent: ureq::Agent,
    base: String,
    /// The authority a signed request is signed for (auth.rs's `@authority`), from `base`; `None` when `base` is
    /// not an `http://` or `https://` URL (why, then: every signed request fails with these words).
    authority: Result<String, String>,
}

impl Client {
    /// A client of the service at `base` (`http://127.0.0.1:8080`).
    pub fn new(base: &str) -> Client {
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(60)))
            .build()
            .into();
        Client {
            agent,
            base: base.trim_end_matches('/').to_string(),
            authority: crate::auth::authority(base),
        }
    }

    fn reply(
        &self,
        sent: Result<ureq::http::Response<ureq::Body>, ureq::Error>,
    ) -> Result<Reply, String> {
        let mut response = sent.map_err(|error| {
            let why = match error {
                ureq::Error::Io(error) => cvl_check::loader::io_message(&error),
                other => other.to_string(),
            };
            format!("cannot reach `{}`: {why}", self.base)
        })?;
        let status = response.status().as_u16();
        let body = response
            .body_mut()
            .read_to_string()
            .map_err(|e| format!("cannot read the answer of `{}`: {e}", self.base))?;
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
                let mut request = self.agent.get(url);
                for (name, value) in &fields {
                    request = request.header(*name, value.as_str());
                }
                self.reply(request.call())
            }
            Some((content_type, bytes)) => {
                let mut request = self.agent.post(url).header("content-type", content_type);
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
            .ok_or_else(|| "the service's receipt has no checkpoint".to_string())?;
        read = read_checkpoint(&note, key)?;
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
/// by page until the last checkpoint's size; each checkpoint verified with `key` when given.
pub fn fetch(
    client: &Client,
    sha256: &str,
    after: u64,
    reader: &SecretKey,
    key: Option<&NoteKey>,
) -> Result<Fetched, String> {
    let mut lines = Vec::new();
    let mut have = after;
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
        let page: Vec<String> = body
            .get("entries")
            .and_then(Value::as_array)
            .ok_or_else(|| "the service's answer has no entries".to_string())?
            .iter()
            .map(|line| line.as_str().map(str::to_string))
            .collect::<Option<_>>()
            .ok_or_else(|| "an entry the service gave is not text".to_string())?;
        let given = u64::try_from(page.len()).unwrap_or(u64::MAX);
        lines.extend(page);
        have = have.saturating_add(given);
        if have >= read.size || given == 0 {
            return Ok(Fetched {
                lines,
                checkpoint: note,
                read,
            });
        }
    }
}
