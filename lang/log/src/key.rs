//! Keys: an ed25519 key pair per party, and their text forms.
//!
//! A public key is written `ed25519:` followed by its 32 bytes in standard base64 (with padding, 44 characters);
//! a contract's party declaration carries it. A secret key file holds `ed25519-secret:` and the 32-byte seed in
//! the same encoding, on one line. A public key must be the canonical encoding of a point of the prime-order
//! subgroup: a weak (small-order) key is refused, since a signature by one proves nothing, and so is a key with a
//! small-order component, on which verifiers that follow RFC 8032 in its two allowed ways would disagree.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};

const PUBLIC: &str = "ed25519:";
const SECRET: &str = "ed25519-secret:";

/// A party's public key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PublicKey(VerifyingKey);

/// A party's secret key.
pub struct SecretKey(SigningKey);

/// Reads 32 bytes written in base64 after `prefix`, or says what is wrong.
fn bytes_after(text: &str, prefix: &str) -> Result<[u8; 32], String> {
    let Some(body) = text.strip_prefix(prefix) else {
        return Err(format!("does not start with `{prefix}`"));
    };
    let bytes = STANDARD
        .decode(body)
        .map_err(|_| format!("is not standard base64 after `{prefix}`"))?;
    <[u8; 32]>::try_from(bytes.as_slice())
        .map_err(|_| format!("holds {} bytes where an ed25519 key has 32", bytes.len()))
}

impl PublicKey {
    /// Reads `ed25519:<base64>`; the error says what is wrong, to follow "the key ".
    pub fn parse(text: &str) -> Result<PublicKey, String> {
        let bytes = bytes_after(text, PUBLIC)?;
        let key = VerifyingKey::from_bytes(&bytes)
            .map_err(|_| "is not a point on the ed25519 curve".to_string())?;
        if key.is_weak() {
            return Err("is a weak key, which anyone could sign for".to_string());
        }
        let point = key.to_edwards();
        if point.compress().to_bytes() != bytes {
            return Err("is not the canonical encoding of its point".to_string());
        }
        if !point.is_torsion_free() {
            return Err(
                "has a small-order component, so verifiers could disagree on its signatures"
                    .to_string(),
            );
        }
        Ok(PublicKey(key))
    }

    /// The text form, `ed25519:<base64>`.
    pub fn text(&self) -> String {
        format!("{PUBLIC}{}", STANDARD.encode(self.0.as_bytes()))
    }

    /// Whether `signature` is this key's over `message`, by the strict rules (RFC 8032, no small-order parts).
    pub fn verifies(&self, message: &[u8], signature: &Signature) -> bool {
        self.0.verify_strict(message, signature).is_ok()
    }

    pub fn verifying_key(&self) -> &VerifyingKey {
        &self.0
    }
}

impl SecretKey {
    /// A new key from the operating system's random source.
    pub fn generate() -> Result<SecretKey, String> {
        let mut seed = [0u8; 32];
        getrandom::fill(&mut seed).map_err(|e| format!("no random bytes: {e}"))?;
        Ok(SecretKey(SigningKey::from_bytes(&seed)))
    }

    /// A key from its 32-byte seed (for tests and benchmarks, which need the same key every run).
    pub fn from_seed(seed: [u8; 32]) -> SecretKey {
        SecretKey(SigningKey::from_bytes(&seed))
    }

    /// Reads a secret key file's text (surrounding whitespace allowed).
    pub fn parse(text: &str) -> Result<SecretKey, String> {
        Ok(SecretKey(SigningKey::from_bytes(&bytes_after(
            text.trim(),
            SECRET,
        )?)))
    }

    /// The secret key file's text, ending with a newline.
    pub fn text(&self) -> String {
        format!("{SECRET}{}\n", STANDARD.encode(self.0.to_bytes()))
    }

    pub fn public(&self) -> PublicKey {
        PublicKey(self.0.verifying_key())
    }

    pub fn sign(&self, message: &[u8]) -> Signature {
        self.0.sign(message)
    }
}
