//! One entry of a log: reading it (its fields, its canonical bytes, its digest) and signing a new one.
//!
//! The canonical bytes are RFC 8785's: the entry's JSON with keys sorted, no insignificant whitespace, and numbers
//! and strings in one spelling. The signature is over the canonical bytes of the entry without `sig`. A line of a
//! log must be exactly the canonical bytes of its whole entry, so that one log has one spelling; the entry's
//! digest, which the next entry carries as `prev`, is the SHA-256 of the line. Since `sig` sorts after every other
//! field of an entry, the whole entry's canonical bytes are the unsigned ones with `,"sig":"…"` put before the
//! closing brace, which is how they are computed here (a test checks that against the canonicalizer).

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use ed25519_dalek::Signature;
use serde_json::{Map, Value};
use sha2::{Digest as _, Sha256};

use cvl_event::{Event, Refusal, RefusalKind};

use crate::{Digest, SecretKey, hex, parse_hex};

/// An entry as read, not yet verified.
#[derive(Clone, Debug)]
pub struct Entry {
    pub seq: u64,
    pub prev: Digest,
    pub signature: Signature,
    pub event: Event,
    /// The canonical bytes of the entry without `sig`: what the signature is over.
    pub message: Vec<u8>,
    /// The SHA-256 of the canonical bytes of the whole entry: what the next entry's `prev` must be.
    pub digest: Digest,
}

/// What a new entry says, before it is numbered, chained and signed.
#[derive(Clone, Debug, PartialEq)]
pub struct NewEntry {
    pub id: String,
    /// `2019-01-10` or `2019-01-10T09:30:00Z`.
    pub at: String,
    pub kind: String,
    pub actor: String,
    pub data: Map<String, Value>,
}

/// The whole entry's canonical bytes, from the unsigned ones and the signature's text.
pub(crate) fn with_sig(message: &[u8], sig: &str) -> Vec<u8> {
    let body = message.strip_suffix(b"}").unwrap_or(message);
    let mut line = Vec::with_capacity(body.len() + sig.len() + 10);
    line.extend_from_slice(body);
    line.extend_from_slice(b",\"sig\":\"");
    line.extend_from_slice(sig.as_bytes());
    line.extend_from_slice(b"\"}");
    line
}

/// The fields an entry may have.
const FIELDS: [&str; 8] = ["seq", "prev", "id", "at", "kind", "actor", "data", "sig"];

impl Entry {
    /// Reads line `line` of a log.
    pub fn read(line: usize, text: &str) -> Result<Entry, Refusal> {
        let refuse = |kind, seq, id: Option<&str>, reason: String| Refusal {
            kind,
            line,
            seq,
            id: id.map(str::to_string),
            reason,
        };
        let (mut map, plain_message) = match crate::plain::read(text) {
            Some(plain) => (plain.members, Some(plain.message)),
            None => (
                cvl_event::strict::object(text)
                    .map_err(|error| refuse(error.kind(), None, None, error.to_string()))?,
                None,
            ),
        };
        let id = map.get("id").and_then(Value::as_str).map(str::to_string);
        let id = id.as_deref();
        let seq = match map.get("seq") {
            Some(Value::Number(n)) => n.as_u64().filter(|n| *n >= 1),
            _ => None,
        }
        .ok_or_else(|| {
            refuse(
                RefusalKind::Shape,
                None,
                id,
                "`seq` must be a whole number, 1 or more".to_string(),
            )
        })?;
        let refuse = |kind, reason: String| refuse(kind, Some(seq), id, reason);
        let prev = map
            .get("prev")
            .and_then(Value::as_str)
            .and_then(parse_hex)
            .ok_or_else(|| {
                refuse(
                    RefusalKind::Shape,
                    "`prev` must be a SHA-256 in lowercase hex".to_string(),
                )
            })?;
        let Some(Value::String(sig)) = map.remove("sig") else {
            return Err(refuse(
                RefusalKind::Shape,
                "`sig` is missing or not a string: every entry is signed".to_string(),
            ));
        };
        let signature = STANDARD
            .decode(&sig)
            .ok()
            .filter(|bytes| STANDARD.encode(bytes) == sig)
            .and_then(|bytes| <[u8; 64]>::try_from(bytes.as_slice()).ok())
            .map(|bytes| Signature::from_bytes(&bytes))
            .ok_or_else(|| {
                refuse(
                    RefusalKind::Shape,
                    "`sig` must be 64 bytes in standard base64".to_string(),
                )
            })?;
        if let Some(extra) = map.keys().find(|k| !FIELDS.contains(&k.as_str())) {
            return Err(refuse(
                RefusalKind::Shape,
                format!(
                    "unknown field `{extra}`: an entry has `seq`, `prev`, `id`, `at`, `kind`, `actor`, `data` and `sig`"
                ),
            ));
        }
        let message = match plain_message {
            Some(message) => message,
            None => {
                let message = serde_json_canonicalizer::to_vec(&map).map_err(|e| {
                    refuse(
                        RefusalKind::Canonical,
                        format!("has no canonical form: {e}"),
                    )
                })?;
                if with_sig(&message, &sig) != text.as_bytes() {
                    return Err(refuse(
                        RefusalKind::Canonical,
                        "is not written in its canonical form (RFC 8785: sorted keys, no spaces, one spelling of \
                         each value), as every line of a log must be"
                            .to_string(),
                    ));
                }
                message
            }
        };
        map.remove("seq");
        map.remove("prev");
        let event = Event::from_object(line, Some(seq), map)?;
        let digest = Sha256::digest(text.as_bytes()).into();
        Ok(Entry {
            seq,
            prev,
            signature,
            event,
            message,
            digest,
        })
    }
}

/// Why a new entry cannot be signed: its words follow "the new entry ".
#[derive(Debug, thiserror::Error)]
pub enum SignError {
    /// Its JSON has no canonical form (RFC 8785 refuses it).
    #[error("has no canonical form: {0}")]
    NotCanonical(#[source] serde_json::Error),
}

impl NewEntry {
    /// The entry numbered `seq`, chained to `prev` and signed with `key`, as one line of canonical JSON (without
    /// the newline), with its digest.
    pub fn sign(
        &self,
        seq: u64,
        prev: &Digest,
        key: &SecretKey,
    ) -> Result<(String, Digest), SignError> {
        let mut map = Map::new();
        map.insert("seq".to_string(), Value::from(seq));
        map.insert("prev".to_string(), Value::from(hex(prev)));
        map.insert("id".to_string(), Value::from(self.id.clone()));
        map.insert("at".to_string(), Value::from(self.at.clone()));
        map.insert("kind".to_string(), Value::from(self.kind.clone()));
        map.insert("actor".to_string(), Value::from(self.actor.clone()));
        map.insert("data".to_string(), Value::Object(self.data.clone()));
        let message = serde_json_canonicalizer::to_vec(&map).map_err(SignError::NotCanonical)?;
        let sig = STANDARD.encode(key.sign(&message).to_bytes());
        // Canonical JSON is UTF-8, and so is base64.
        let line = String::from_utf8_lossy(&with_sig(&message, &sig)).into_owned();
        let digest = Sha256::digest(line.as_bytes()).into();
        Ok((line, digest))
    }
}
