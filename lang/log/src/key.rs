//! Keys: an ed25519 key pair per party, and their text forms.
//!
//! A public key is written `ed25519:` followed by its 32 bytes in standard base64 (with padding, 44 characters);
//! a contract's party declaration carries it. A secret key file holds `ed25519-secret:` and the 32-byte seed in
//! the same encoding, on one line. A public key must be the canonical encoding of a point of the prime-order
//! subgroup: a weak (small-order) key is refused, since a signature by one proves nothing, and so is a key with a
//! small-order component, on which verifiers that follow RFC 8032 in its two allowed ways would disagree.

use std::collections::BTreeMap;
use std::sync::{Mutex, OnceLock};

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use curve25519_dalek::edwards::EdwardsPoint;
use curve25519_dalek::scalar::Scalar;
use curve25519_dalek::traits::IsIdentity;
use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};

const PUBLIC: &str = "ed25519:";
const SECRET: &str = "ed25519-secret:";

/// The public keys found sound so far in this process, by their bytes. The small-order test costs a scalar
/// multiplication, and a contract's keys are read by the checker, by evaluation and by the log alike, while a
/// portfolio names the same few keys in every contract: so each distinct key is tested once. Only sound keys are
/// kept, and at most [`SOUND_KEYS`] of them, so no input can make the memory grow without bound; a key beyond it
/// is simply tested again.
static SOUND: OnceLock<Mutex<BTreeMap<[u8; 32], VerifyingKey>>> = OnceLock::new();

/// How many sound keys [`SOUND`] keeps.
const SOUND_KEYS: usize = 4096;

/// Forgets the keys found sound so far, so that the next reading of each is tested again: what a benchmark calls to
/// time a process that has read no key yet.
pub fn forget_sound_keys() {
    if let Ok(mut keys) = sound().lock() {
        keys.clear();
    }
}

fn sound() -> &'static Mutex<BTreeMap<[u8; 32], VerifyingKey>> {
    SOUND.get_or_init(|| Mutex::new(BTreeMap::new()))
}

/// A party's public key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PublicKey(VerifyingKey);

/// A party's secret key.
pub struct SecretKey(SigningKey);

/// Why a key's text is refused, or a key cannot be made. Its words follow "the key " (or "`FILE` is not a secret
/// key: it "), as the messages that show it put them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum KeyError {
    /// The text does not start with `ed25519:` (a public key) or `ed25519-secret:` (a secret key).
    #[error("does not start with `{prefix}`")]
    Prefix { prefix: &'static str },
    /// What follows the prefix is not standard base64.
    #[error("is not standard base64 after `{prefix}`")]
    NotBase64 { prefix: &'static str },
    /// The base64 holds this many bytes, not 32.
    #[error("holds {0} bytes where an ed25519 key has 32")]
    Length(usize),
    #[error("is not a point on the ed25519 curve")]
    NotOnCurve,
    /// A small-order point: a signature by it proves nothing.
    #[error("is a weak key, which anyone could sign for")]
    Weak,
    /// A second spelling of a point.
    #[error("is not the canonical encoding of its point")]
    NotCanonical,
    /// A point with a small-order component, on which verifiers may disagree.
    #[error("has a small-order component, so verifiers could disagree on its signatures")]
    SmallOrder,
    /// The operating system gave no random bytes to make a key of.
    #[error("no random bytes: {0}")]
    NoRandom(getrandom::Error),
}

/// Whether `point` lies in the prime-order subgroup, that is whether `[ℓ]P` is the identity: the same test as
/// curve25519-dalek's `is_torsion_free`, computed as `[ℓ−1]P + P` by the library's variable-time multiplication
/// (the scalar `−1` is the integer `ℓ−1`, so nothing is reduced away), since a public key is no secret and the
/// constant-time multiplication costs about twice as much.
fn torsion_free(point: &EdwardsPoint) -> bool {
    let ell_minus_one =
        EdwardsPoint::vartime_double_scalar_mul_basepoint(&-Scalar::ONE, point, &Scalar::ZERO);
    (ell_minus_one + point).is_identity()
}

/// Whether the encoding's y (its low 255 bits, little-endian) is below p = 2^255 − 19, that is whether the bytes
/// are the canonical encoding of the point they decode to, for a point that is not weak: decoding reduces a y of p
/// or more, and the sign bit is then the x's own, which is unique but for x = 0, whose two points (y = 1 and
/// y = −1) are small-order and refused before. A comparison of bytes instead of re-encoding the point, which costs
/// a field inversion (a test checks the two agree).
fn canonical_y(bytes: &[u8; 32]) -> bool {
    // p in little-endian: 0xed, then thirty 0xff, then 0x7f.
    let Some((&low, rest)) = bytes.split_first() else {
        return false;
    };
    let Some((&high, middle)) = rest.split_last() else {
        return false;
    };
    !(high & 0x7f == 0x7f && middle.iter().all(|b| *b == 0xff) && low >= 0xed)
}

/// Reads 32 bytes written in base64 after `prefix`, or says what is wrong.
fn bytes_after(text: &str, prefix: &'static str) -> Result<[u8; 32], KeyError> {
    let Some(body) = text.strip_prefix(prefix) else {
        return Err(KeyError::Prefix { prefix });
    };
    let bytes = STANDARD
        .decode(body)
        .map_err(|_| KeyError::NotBase64 { prefix })?;
    <[u8; 32]>::try_from(bytes.as_slice()).map_err(|_| KeyError::Length(bytes.len()))
}

impl PublicKey {
    /// Reads `ed25519:<base64>`; the error's words say what is wrong, to follow "the key ".
    pub fn parse(text: &str) -> Result<PublicKey, KeyError> {
        let bytes = bytes_after(text, PUBLIC)?;
        if let Some(key) = sound()
            .lock()
            .ok()
            .and_then(|keys| keys.get(&bytes).copied())
        {
            return Ok(PublicKey(key));
        }
        let key = Self::tested(&bytes)?;
        if let Ok(mut keys) = sound().lock()
            && keys.len() < SOUND_KEYS
        {
            keys.insert(bytes, key);
        }
        Ok(PublicKey(key))
    }

    /// The key of `bytes` if it is sound: on the curve, not weak, canonical, without a small-order component.
    fn tested(bytes: &[u8; 32]) -> Result<VerifyingKey, KeyError> {
        let key = VerifyingKey::from_bytes(bytes).map_err(|_| KeyError::NotOnCurve)?;
        if key.is_weak() {
            return Err(KeyError::Weak);
        }
        if !canonical_y(bytes) {
            return Err(KeyError::NotCanonical);
        }
        if !torsion_free(&key.to_edwards()) {
            return Err(KeyError::SmallOrder);
        }
        Ok(key)
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
    pub fn generate() -> Result<SecretKey, KeyError> {
        let mut seed = [0u8; 32];
        getrandom::fill(&mut seed).map_err(KeyError::NoRandom)?;
        Ok(SecretKey(SigningKey::from_bytes(&seed)))
    }

    /// A key from its 32-byte seed (for tests and benchmarks, which need the same key every run).
    pub fn from_seed(seed: [u8; 32]) -> SecretKey {
        SecretKey(SigningKey::from_bytes(&seed))
    }

    /// Reads a secret key file's text (surrounding whitespace allowed).
    pub fn parse(text: &str) -> Result<SecretKey, KeyError> {
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

#[cfg(test)]
mod tests {
    use curve25519_dalek::constants::{ED25519_BASEPOINT_POINT, EIGHT_TORSION};
    use curve25519_dalek::edwards::EdwardsPoint;
    use curve25519_dalek::scalar::Scalar;

    use super::{KeyError, PublicKey, torsion_free};

    /// The variable-time test agrees with the library's own on points of the subgroup, with every one of the eight
    /// small-order components added, and on the small-order points themselves.
    #[test]
    fn the_subgroup_test_agrees_with_the_library() {
        let mut points: Vec<EdwardsPoint> = (1u64..40)
            .map(|k| ED25519_BASEPOINT_POINT * Scalar::from(k * 7919 + 3))
            .collect();
        points.push(EdwardsPoint::default());
        for point in points {
            for torsion in EIGHT_TORSION {
                let p = point + torsion;
                assert_eq!(torsion_free(&p), p.is_torsion_free(), "{p:?}");
            }
        }
    }

    /// The test by bytes refuses exactly the encodings that do not re-encode to themselves: every y from p − 20
    /// to 2^255 − 1 with either sign, and real keys with either sign bit.
    #[test]
    fn the_canonical_test_by_bytes_agrees_with_re_encoding() {
        let mut encodings = Vec::new();
        for low in 0xd9u8..=0xff {
            for sign in [0u8, 0x80] {
                let mut bytes = [0xffu8; 32];
                bytes[0] = low;
                bytes[31] = 0x7f | sign;
                encodings.push(bytes);
            }
        }
        for k in 1u64..200 {
            let mut bytes = (ED25519_BASEPOINT_POINT * Scalar::from(k))
                .compress()
                .to_bytes();
            encodings.push(bytes);
            bytes[31] ^= 0x80;
            encodings.push(bytes);
        }
        for y in 0u8..20 {
            for sign in [0u8, 0x80] {
                let mut bytes = [0u8; 32];
                bytes[0] = y;
                bytes[31] = sign;
                encodings.push(bytes);
            }
        }
        let (mut canonical_seen, mut second_spellings) = (0, 0);
        for bytes in encodings {
            let by_re_encoding = match ed25519_dalek::VerifyingKey::from_bytes(&bytes) {
                Err(_) => Err(KeyError::NotOnCurve),
                Ok(key) if key.is_weak() => Err(KeyError::Weak),
                Ok(key) if key.to_edwards().compress().to_bytes() != bytes => {
                    Err(KeyError::NotCanonical)
                }
                Ok(key) if !key.to_edwards().is_torsion_free() => Err(KeyError::SmallOrder),
                Ok(key) => Ok(key),
            };
            match by_re_encoding {
                Ok(_) => canonical_seen += 1,
                Err(KeyError::NotCanonical) => second_spellings += 1,
                Err(_) => {}
            }
            assert_eq!(PublicKey::tested(&bytes), by_re_encoding, "{bytes:?}");
        }
        assert!(
            canonical_seen > 100 && second_spellings > 3,
            "{second_spellings}"
        );
    }
}
