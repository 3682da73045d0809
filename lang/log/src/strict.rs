//! The strict rule (ed25519-dalek's `verify_strict`) answered for a block of signatures at once, with the same
//! answer for each signature, from curve25519-dalek's public group operations.
//!
//! `verify_strict` accepts a signature (R, s) of message M under key A when s is a canonical scalar, R decodes to a
//! point, neither R nor A has small order, and the encoding of R' = [s]B − [k]A, k = SHA-512(R ‖ A ‖ M) mod ℓ, is
//! R's bytes. Two of its steps are a field exponentiation each (about a quarter of its time): decoding R (a square
//! root) and encoding R' (an inversion). Here neither is done per signature:
//! - R is not decoded. When the encoding of R' equals R's bytes, those bytes are the canonical encoding of R', so
//!   they decode, to R' itself, and "R has small order" is "R' has small order", tested on R' (three doublings).
//!   When the encodings differ, `verify_strict` refuses too, at whichever step. So the answer is the same.
//! - The R' of a block are encoded together (`EdwardsPoint::compress_batch_alloc`: one inversion for the block, by
//!   Montgomery's trick, and the same bytes as encoding each alone).
//!
//! This is not batch verification: each signature's own equation is checked exactly, with no random weights and
//! no cofactor; only the encoding's arithmetic is shared. `the_block_answers_as_verify_strict_does` holds it to
//! `verify_strict` on good signatures and on every kind of bad one.

use curve25519_dalek::edwards::EdwardsPoint;
use curve25519_dalek::scalar::Scalar;
use ed25519_dalek::{Signature, VerifyingKey};
use sha2::{Digest, Sha512};

/// One signature to check: the key, the signed bytes and the signature.
pub struct Signed<'a> {
    pub key: &'a VerifyingKey,
    pub message: &'a [u8],
    pub signature: &'a Signature,
}

/// Whether each signature passes `verify_strict`, in order.
pub fn verify_block(block: &[Signed<'_>]) -> Vec<bool> {
    let mut expected = Vec::with_capacity(block.len());
    let mut computed = Vec::with_capacity(block.len());
    for signed in block {
        // `None`: refused before the encoding is compared.
        let point = expected_r(signed);
        computed.push(point.unwrap_or_default());
        expected.push(point.is_some());
    }
    let encoded = EdwardsPoint::compress_batch_alloc(&computed);
    block
        .iter()
        .zip(expected)
        .zip(encoded)
        .map(|((signed, passed), encoding)| {
            passed && encoding.as_bytes() == &signed.signature.r_bytes()[..]
        })
        .collect()
}

/// R' = [s]B − [k]A for a signature whose s is canonical, whose key has not small order, and whose R' has not
/// small order; `None` when one of these fails (`verify_strict` refuses it then, see the file's comment).
fn expected_r(signed: &Signed<'_>) -> Option<EdwardsPoint> {
    let s = Option::<Scalar>::from(Scalar::from_canonical_bytes(*signed.signature.s_bytes()))?;
    let key = signed.key.to_edwards();
    if key.is_small_order() {
        return None;
    }
    let mut hash = Sha512::new();
    hash.update(signed.signature.r_bytes());
    hash.update(signed.key.as_bytes());
    hash.update(signed.message);
    let k = Scalar::from_bytes_mod_order_wide(&hash.finalize().into());
    let r = EdwardsPoint::vartime_double_scalar_mul_basepoint(&k, &-key, &s);
    (!r.is_small_order()).then_some(r)
}

#[cfg(test)]
mod tests {
    use curve25519_dalek::constants::{ED25519_BASEPOINT_POINT, EIGHT_TORSION};
    use ed25519_dalek::{Signer, SigningKey};

    use super::*;

    fn key(n: u8) -> SigningKey {
        SigningKey::from_bytes(&[n; 32])
    }

    fn with_r(signature: &Signature, r: [u8; 32]) -> Signature {
        Signature::from_components(r, *signature.s_bytes())
    }

    fn with_s(signature: &Signature, s: [u8; 32]) -> Signature {
        Signature::from_components(*signature.r_bytes(), s)
    }

    /// A signature by `signer` of `message` whose R is the honest one plus `torsion` (what only the key's holder
    /// can make; `verify_strict` refuses it).
    fn torsioned(signer: &SigningKey, message: &[u8], torsion: usize) -> Signature {
        let nonce = Scalar::from_bytes_mod_order_wide(&Sha512::digest(message).into());
        let r = ED25519_BASEPOINT_POINT * nonce + EIGHT_TORSION[torsion % 8];
        let r_bytes = r.compress().to_bytes();
        let mut hash = Sha512::new();
        hash.update(r_bytes);
        hash.update(signer.verifying_key().as_bytes());
        hash.update(message);
        let k = Scalar::from_bytes_mod_order_wide(&hash.finalize().into());
        let s = nonce + k * signer.to_scalar();
        Signature::from_components(r_bytes, s.to_bytes())
    }

    #[test]
    fn the_block_answers_as_verify_strict_does() {
        let keys: Vec<SigningKey> = (1..4).map(key).collect();
        let mut cases: Vec<(VerifyingKey, Vec<u8>, Signature)> = Vec::new();
        for n in 0..40u8 {
            let signer = &keys[usize::from(n) % keys.len()];
            let message = vec![b'm', n, n.wrapping_mul(7)];
            let good = signer.sign(&message);
            let public = signer.verifying_key();
            let other = keys[(usize::from(n) + 1) % keys.len()].verifying_key();
            cases.push((public, message.clone(), good));
            // Another message, another key.
            cases.push((public, vec![b'x', n], good));
            cases.push((other, message.clone(), good));
            // R changed: a byte flipped, the sign bit flipped, the identity, a point of small order, R + T.
            let mut r = good.r_bytes().to_owned();
            r[usize::from(n) % 32] ^= 1 << (n % 8);
            cases.push((public, message.clone(), with_r(&good, r)));
            let mut r = good.r_bytes().to_owned();
            r[31] ^= 0x80;
            cases.push((public, message.clone(), with_r(&good, r)));
            let small = EIGHT_TORSION[usize::from(n) % 8].compress().to_bytes();
            cases.push((public, message.clone(), with_r(&good, small)));
            cases.push((
                public,
                message.clone(),
                torsioned(signer, &message, usize::from(n)),
            ));
            // s not canonical: s + ℓ, and the top bits set.
            let s = Scalar::from_canonical_bytes(*good.s_bytes()).unwrap();
            let mut over = s.to_bytes();
            let ell = (Scalar::ZERO - Scalar::ONE).to_bytes();
            let mut carry = 1u16;
            for (byte, l) in over.iter_mut().zip(ell) {
                let sum = u16::from(*byte) + u16::from(l) + carry;
                *byte = sum as u8;
                carry = sum >> 8;
            }
            cases.push((public, message.clone(), with_s(&good, over)));
            let mut top = *good.s_bytes();
            top[31] |= 0xe0;
            cases.push((public, message.clone(), with_s(&good, top)));
        }
        // Non-canonical encodings of small-y points: y + p for y = 1 (the identity) with either sign.
        let mut p_plus_1 = [0xffu8; 32];
        p_plus_1[0] = 0xee;
        p_plus_1[31] = 0x7f;
        let signer = &keys[0];
        let good = signer.sign(b"m");
        cases.push((
            signer.verifying_key(),
            b"m".to_vec(),
            with_r(&good, p_plus_1),
        ));
        p_plus_1[31] = 0xff;
        cases.push((
            signer.verifying_key(),
            b"m".to_vec(),
            with_r(&good, p_plus_1),
        ));

        let strict: Vec<bool> = cases
            .iter()
            .map(|(key, message, signature)| key.verify_strict(message, signature).is_ok())
            .collect();
        assert!(strict.iter().filter(|passed| **passed).count() >= 40);
        assert!(strict.iter().any(|passed| !passed));
        for size in [1, 3, 16, cases.len()] {
            let mut answers = Vec::new();
            for chunk in cases.chunks(size) {
                let block: Vec<Signed<'_>> = chunk
                    .iter()
                    .map(|(key, message, signature)| Signed {
                        key,
                        message,
                        signature,
                    })
                    .collect();
                answers.extend(verify_block(&block));
            }
            assert_eq!(answers, strict, "blocks of {size}");
        }
    }
}
