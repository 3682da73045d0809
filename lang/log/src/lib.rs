//! CVL's signed event log: the record that makes a decision trustworthy to a party who does not trust the others.
//!
//! A log is a file of JSON Lines. Each entry is an event (`id`, `at`, `kind`, `actor`, `data`, as `cvl-event`
//! reads them) plus three fields of the log's own:
//!
//! - `seq`: 1 for the first entry, then one more for each;
//! - `prev`: the SHA-256, in lowercase hex, of the previous entry's canonical bytes; the first entry carries the
//!   contract's SHA-256 instead (the SHA-256 of the listing of its text and every file it imports, sources.rs),
//!   which binds the whole log to that text;
//! - `sig`: the actor's ed25519 signature, in base64, over the entry's canonical bytes without `sig`.
//!
//! Canonical bytes are the entry's JSON canonicalized by RFC 8785 (`serde_json_canonicalizer`). Keys are
//! `ed25519:` and the 32-byte public key in base64 (key.rs). Reading and signing one entry is entry.rs;
//! checking a whole log as a stream, in constant memory, is verify.rs, and on every core cores.rs; appending to it under a lock, so that a
//! crash or a second writer can never leave a log that fails to verify, is append.rs. A log service's signed
//! statement of a log's size and head (a transparency-log checkpoint in a signed note) is checkpoint.rs, and whether a
//! log extends such a checkpoint a party kept (neither cut short nor forked from it) is extend.rs. This crate
//! knows nothing of payments: whether an event fits the contract is the evaluator's question.

pub mod append;
pub mod checkpoint;
pub mod clock;
pub mod cores;
pub mod entry;
pub mod extend;
pub mod key;
mod plain;
pub mod sources;
mod strict;
pub mod verify;

pub use cores::verify_on_cores;
pub use entry::{Entry, NewEntry, SignError};
pub use key::{KeyError, PublicKey, SecretKey};
pub use sources::{Role, SourceFile};
pub use verify::{Tail, Verifier};

/// A SHA-256 digest.
pub type Digest = [u8; 32];

/// A digest in lowercase hex, as the log writes it.
pub fn hex(digest: &[u8]) -> String {
    use std::fmt::Write;
    digest
        .iter()
        .fold(String::with_capacity(64), |mut text, b| {
            let _ = write!(text, "{b:02x}");
            text
        })
}

/// Reads a SHA-256 written in lowercase hex.
pub fn parse_hex(text: &str) -> Option<Digest> {
    if text.len() != 64 {
        return None;
    }
    let mut digest = [0u8; 32];
    for (byte, pair) in digest.iter_mut().zip(text.as_bytes().chunks(2)) {
        let nibble = |c: &u8| match c {
            b'0'..=b'9' => Some(c - b'0'),
            b'a'..=b'f' => Some(c - b'a' + 10),
            _ => None,
        };
        let (high, low) = match pair {
            [h, l] => (nibble(h)?, nibble(l)?),
            _ => return None,
        };
        *byte = high << 4 | low;
    }
    Some(digest)
}

/// The SHA-256 of some bytes (a file's text, a contract's listing: sources.rs).
pub fn contract_digest(text: &[u8]) -> Digest {
    use sha2::Digest as _;
    sha2::Sha256::digest(text).into()
}

#[cfg(test)]
mod tests;
