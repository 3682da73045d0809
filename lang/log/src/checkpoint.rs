//! Checkpoints: a log service's signed statement of how long a log is and where it ends, in the transparency-log
//! formats (C2SP tlog-checkpoint, carried in a C2SP signed note, the format of `golang.org/x/mod/sumdb/note`).
//!
//! A checkpoint's text is its origin line (which log), the number of entries in decimal, the head (the last
//! entry's digest, or the contract's SHA-256 for an empty log) in standard base64, then any extension lines, each
//! line ending in a newline. A signed note is that text, an empty line, and one signature line per signer:
//! `— NAME BASE64`, where BASE64 encodes the key's 4-byte id and the 64-byte Ed25519 signature over the text. The
//! key id is the first 4 bytes of SHA-256(NAME ‖ `\n` ‖ 0x01 ‖ the 32-byte public key), and a verifier key is
//! written `NAME+HEXID+BASE64(0x01 ‖ public key)`.
//!
//! CVL's log is a hash chain, not a Merkle tree: the head stands where a tlog's root hash stands, and it commits to
//! every entry before it through the `prev` fields, so that a log extends a checkpoint when its entry N (N the
//! checkpoint's size) has the checkpoint's head as its digest. [`verify`] is what a client uses.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use ed25519_dalek::Signature;
use sha2::{Digest as _, Sha256};

use crate::{Digest, PublicKey, SecretKey};

/// What a checkpoint says about one log.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Checkpoint {
    /// Which log: the service's name, `/`, the contract's SHA-256 in lowercase hex.
    pub origin: String,
    /// How many entries the log has.
    pub size: u64,
    /// The log's head: the last entry's digest, or the contract's SHA-256 when it has none.
    pub head: Digest,
    /// Extension lines (CVL writes one, `time YYYY-MM-DDTHH:MM:SSZ`, when the service signed it).
    pub extensions: Vec<String>,
}

/// Why a checkpoint or a key is refused: the words follow "the checkpoint " or "the key ".
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CheckpointError {
    #[error("is not a signed note: {0}")]
    Note(&'static str),
    #[error("is not a checkpoint: {0}")]
    Body(&'static str),
    #[error("carries no valid signature by `{0}`")]
    Unsigned(String),
    #[error("is not a verifier key `NAME+ID+KEY`: {0}")]
    Key(&'static str),
}

/// A signer's name and public key, as a note names and checks them.
#[derive(Clone, Debug)]
pub struct NoteKey {
    pub name: String,
    pub key: PublicKey,
}

/// The algorithm byte of Ed25519 in signed notes.
const ED25519: u8 = 0x01;

/// A note signature line starts with an em dash and a space.
const DASH: &str = "\u{2014} ";

impl NoteKey {
    /// The key named `name`, which must be a signed note's key name: not empty, no space, no `+`.
    pub fn new(name: &str, key: PublicKey) -> Result<NoteKey, CheckpointError> {
        if name.is_empty()
            || name
                .chars()
                .any(|c| c.is_whitespace() || c.is_control() || c == '+')
        {
            return Err(CheckpointError::Key(
                "a key name is not empty and holds no space, control character or `+`",
            ));
        }
        Ok(NoteKey {
            name: name.to_string(),
            key,
        })
    }

    /// The key's 4-byte id.
    pub fn id(&self) -> [u8; 4] {
        let mut hasher = Sha256::new();
        hasher.update(self.name.as_bytes());
        hasher.update(b"\n");
        hasher.update([ED25519]);
        hasher.update(self.key.verifying_key().as_bytes());
        let hash = hasher.finalize();
        let mut id = [0u8; 4];
        id.copy_from_slice(hash.get(..4).unwrap_or(&[0; 4]));
        id
    }

    /// The verifier key's text, `NAME+HEXID+BASE64`.
    pub fn text(&self) -> String {
        let mut bytes = vec![ED25519];
        bytes.extend_from_slice(self.key.verifying_key().as_bytes());
        format!(
            "{}+{}+{}",
            self.name,
            crate::hex(&self.id()),
            STANDARD.encode(bytes)
        )
    }

    /// Reads a verifier key's text.
    pub fn parse(text: &str) -> Result<NoteKey, CheckpointError> {
        let mut parts = text.trim().splitn(3, '+');
        let (Some(name), Some(id), Some(key)) = (parts.next(), parts.next(), parts.next()) else {
            return Err(CheckpointError::Key("it has fewer than three parts"));
        };
        let bytes = STANDARD
            .decode(key)
            .map_err(|_| CheckpointError::Key("its key is not base64"))?;
        let Some((&ED25519, public)) = bytes.split_first() else {
            return Err(CheckpointError::Key("its key is not an Ed25519 key"));
        };
        let public = PublicKey::parse(&format!("ed25519:{}", STANDARD.encode(public)))
            .map_err(|_| CheckpointError::Key("its key is not a sound Ed25519 public key"))?;
        let key = NoteKey::new(name, public)?;
        if crate::hex(&key.id()) != id {
            return Err(CheckpointError::Key(
                "its id is not the id of its name and key",
            ));
        }
        Ok(key)
    }
}

impl Checkpoint {
    /// The checkpoint's text: what the signature is over.
    pub fn text(&self) -> String {
        let mut text = format!(
            "{}\n{}\n{}\n",
            self.origin,
            self.size,
            STANDARD.encode(self.head)
        );
        for line in &self.extensions {
            text.push_str(line);
            text.push('\n');
        }
        text
    }

    /// The checkpoint as a note signed with `key` under the name `name`.
    pub fn sign(&self, name: &NoteKey, key: &SecretKey) -> String {
        sign_note(&self.text(), name, key)
    }

    /// Reads a checkpoint's text (not its signature).
    pub fn parse(text: &str) -> Result<Checkpoint, CheckpointError> {
        let body = text
            .strip_suffix('\n')
            .ok_or(CheckpointError::Body("its last line does not end"))?;
        let mut lines = body.split('\n');
        let origin = lines
            .next()
            .filter(|o| !o.is_empty())
            .ok_or(CheckpointError::Body("it has no origin line"))?;
        let size = lines
            .next()
            .filter(|s| {
                !s.is_empty()
                    && s.bytes().all(|b| b.is_ascii_digit())
                    && (s.len() == 1 || !s.starts_with('0'))
            })
            .and_then(|s| s.parse::<u64>().ok())
            .ok_or(CheckpointError::Body(
                "its second line is not a number of entries",
            ))?;
        let head = lines
            .next()
            .and_then(|h| {
                let bytes = STANDARD.decode(h).ok()?;
                <[u8; 32]>::try_from(bytes.as_slice()).ok()
            })
            .ok_or(CheckpointError::Body(
                "its third line is not a SHA-256 in base64",
            ))?;
        let extensions: Vec<String> = lines.map(str::to_string).collect();
        if extensions.iter().any(String::is_empty) {
            return Err(CheckpointError::Body("it has an empty line"));
        }
        Ok(Checkpoint {
            origin: origin.to_string(),
            size,
            head,
            extensions,
        })
    }

    /// The time the service signed it, from its `time` extension line, if any.
    pub fn time(&self) -> Option<&str> {
        self.extensions.iter().find_map(|l| l.strip_prefix("time "))
    }
}

/// `text` (lines each ending in a newline) as a signed note with one signature, by `key` under `name`.
pub fn sign_note(text: &str, name: &NoteKey, key: &SecretKey) -> String {
    let signature = key.sign(text.as_bytes());
    let mut bytes = name.id().to_vec();
    bytes.extend_from_slice(&signature.to_bytes());
    format!("{text}\n{DASH}{} {}\n", name.name, STANDARD.encode(bytes))
}

/// Opens a signed note: its text, if one of its signatures is `key`'s and verifies; signatures by other keys are
/// passed over, as the signed-note format says.
pub fn open_note<'n>(note: &'n str, key: &NoteKey) -> Result<&'n str, CheckpointError> {
    if note.chars().any(|c| c.is_control() && c != '\n') {
        return Err(CheckpointError::Note("it holds a control character"));
    }
    let split = note.rfind("\n\n").ok_or(CheckpointError::Note(
        "it has no empty line before its signatures",
    ))?;
    let text = note.get(..=split).unwrap_or_default();
    let signatures = note
        .get(split + 2..)
        .and_then(|s| s.strip_suffix('\n'))
        .ok_or(CheckpointError::Note("its last line does not end"))?;
    let id = key.id();
    let mut found = false;
    for (count, line) in signatures.split('\n').enumerate() {
        if count >= 100 {
            return Err(CheckpointError::Note("it has more than 100 signatures"));
        }
        let (name, sig) = line
            .strip_prefix(DASH)
            .and_then(|rest| rest.split_once(' '))
            .ok_or(CheckpointError::Note(
                "a signature line is not `— NAME SIGNATURE`",
            ))?;
        let bytes = STANDARD
            .decode(sig)
            .map_err(|_| CheckpointError::Note("a signature is not base64"))?;
        if name != key.name || bytes.get(..4) != Some(&id[..]) {
            continue;
        }
        let signature = bytes
            .get(4..)
            .and_then(|s| <[u8; 64]>::try_from(s).ok())
            .map(|s| Signature::from_bytes(&s));
        if signature.is_some_and(|s| key.key.verifies(text.as_bytes(), &s)) {
            found = true;
        } else {
            return Err(CheckpointError::Unsigned(key.name.clone()));
        }
    }
    if found {
        Ok(text)
    } else {
        Err(CheckpointError::Unsigned(key.name.clone()))
    }
}

/// Verifies a signed checkpoint with the service's key, and reads it.
pub fn verify(note: &str, key: &NoteKey) -> Result<Checkpoint, CheckpointError> {
    Checkpoint::parse(open_note(note, key)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The example of `golang.org/x/mod/sumdb/note`: its key, text and signature, byte for byte.
    const VKEY: &str = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
    const SKEY: &str = "AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
    const TEXT: &str = "If you think cryptography is the answer to your problem,\n\
                        then you don't know what your problem is.\n";
    const SIG: &str = "\u{2014} PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";

    fn peter() -> (NoteKey, SecretKey) {
        let bytes = STANDARD.decode(SKEY).unwrap();
        let seed: [u8; 32] = bytes[1..].try_into().unwrap();
        let secret = SecretKey::from_seed(seed);
        (
            NoteKey::new("PeterNeumann", secret.public()).unwrap(),
            secret,
        )
    }

    #[test]
    fn the_reference_note_is_signed_and_opened_byte_for_byte() {
        let (name, secret) = peter();
        assert_eq!(name.text(), VKEY);
        let note = sign_note(TEXT, &name, &secret);
        assert_eq!(note, format!("{TEXT}\n{SIG}"));
        let parsed = NoteKey::parse(VKEY).unwrap();
        assert_eq!(open_note(&note, &parsed).unwrap(), TEXT);
        let changed = note.replace("cryptography", "cryptographY");
        assert_eq!(
            open_note(&changed, &parsed),
            Err(CheckpointError::Unsigned("PeterNeumann".to_string()))
        );
    }

    #[test]
    fn a_checkpoint_round_trips_and_a_changed_one_is_refused() {
        let (name, secret) = peter();
        let checkpoint = Checkpoint {
            origin: "cvl.example/abc".to_string(),
            size: 3,
            head: [7; 32],
            extensions: vec!["time 2026-01-01T00:00:00Z".to_string()],
        };
        let note = checkpoint.sign(&name, &secret);
        assert_eq!(verify(&note, &name).unwrap(), checkpoint);
        assert_eq!(checkpoint.time(), Some("2026-01-01T00:00:00Z"));
        let cut = note.replacen("\n3\n", "\n2\n", 1);
        assert!(verify(&cut, &name).is_err());
        let other = NoteKey::new("other", SecretKey::from_seed([9; 32]).public()).unwrap();
        assert_eq!(
            verify(&note, &other),
            Err(CheckpointError::Unsigned("other".to_string()))
        );
    }

    /// Every way a verifier key, a note or a checkpoint is refused, with its words.
    #[test]
    fn every_refusal_says_what_is_wrong() {
        let (name, secret) = peter();
        let keys: Vec<String> = [
            "PeterNeumann",
            "PeterNeumann+c74f20a3+!!!",
            "PeterNeumann+c74f20a3+AhpcNlQ=",
            "PeterNeumann+c74f20a3+AQAA",
            "Peter Neumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
            "PeterNeumann+00000000+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
        ]
        .iter()
        .map(|k| format!("the key {}", NoteKey::parse(k).unwrap_err()))
        .collect();
        assert_eq!(
            keys,
            [
                "the key is not a verifier key `NAME+ID+KEY`: it has fewer than three parts",
                "the key is not a verifier key `NAME+ID+KEY`: its key is not base64",
                "the key is not a verifier key `NAME+ID+KEY`: its key is not an Ed25519 key",
                "the key is not a verifier key `NAME+ID+KEY`: its key is not a sound Ed25519 public key",
                "the key is not a verifier key `NAME+ID+KEY`: a key name is not empty and holds no space, control character or `+`",
                "the key is not a verifier key `NAME+ID+KEY`: its id is not the id of its name and key",
            ]
        );
        let note = sign_note(TEXT, &name, &secret);
        let notes: Vec<String> = [
            note.replace("problem,", "problem,\u{7}"),
            TEXT.to_string(),
            note.trim_end().to_string(),
            note.replace("\u{2014} ", "- "),
            note.replace("x08go", "x08g!"),
            format!("{TEXT}\n{}", "\u{2014} other AAAA\n".repeat(101)),
        ]
        .iter()
        .map(|n| format!("the checkpoint {}", open_note(n, &name).unwrap_err()))
        .collect();
        assert_eq!(
            notes,
            [
                "the checkpoint is not a signed note: it holds a control character",
                "the checkpoint is not a signed note: it has no empty line before its signatures",
                "the checkpoint is not a signed note: its last line does not end",
                "the checkpoint is not a signed note: a signature line is not `\u{2014} NAME SIGNATURE`",
                "the checkpoint is not a signed note: a signature is not base64",
                "the checkpoint is not a signed note: it has more than 100 signatures",
            ]
        );
        let bodies: Vec<String> = [
            "o\n1\nAAAA",
            "\n1\nAAAA\n",
            "o\n01\nAAAA\n",
            "o\n1\nAAAA\n",
            "o\n0\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n\n",
        ]
        .iter()
        .map(|b| format!("the checkpoint {}", Checkpoint::parse(b).unwrap_err()))
        .collect();
        assert_eq!(
            bodies,
            [
                "the checkpoint is not a checkpoint: its last line does not end",
                "the checkpoint is not a checkpoint: it has no origin line",
                "the checkpoint is not a checkpoint: its second line is not a number of entries",
                "the checkpoint is not a checkpoint: its third line is not a SHA-256 in base64",
                "the checkpoint is not a checkpoint: it has an empty line",
            ]
        );
    }
}
