//! No input makes the reader panic: random bytes, and the samples cut, spliced, with bytes changed or elements
//! repeated, are each read or refused — and a refusal is always one line in the house style, pointing inside the
//! file.

#![cfg(test)]

use std::path::Path;

use cvl_invoice::read_bytes;
use proptest::prelude::*;

fn samples() -> Vec<Vec<u8>> {
    [
        "peppol-invoice.xml",
        "peppol-creditnote.xml",
        "peppol-mentor.xml",
        "oioubl-invoice.xml",
        "oioubl-creditnote.xml",
    ]
    .iter()
    .map(|name| {
        std::fs::read(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/data")
                .join(name),
        )
        .expect("sample")
    })
    .collect()
}

/// Reads `bytes`; on a refusal, checks its words and place.
fn check(bytes: &[u8]) {
    if let Err(refusal) = read_bytes(bytes) {
        let words = refusal.to_string();
        assert!(!words.contains('\n'), "one line: {words}");
        assert!(!words.ends_with('.'), "no final period: {words}");
        if let Some(position) = refusal.position {
            let lines = bytes.iter().filter(|b| **b == b'\n').count() + 1;
            assert!(position.line >= 1 && position.line <= lines, "{words}");
            assert!(position.column >= 1, "{words}");
        }
    }
}

/// A change to a sample: which sample, where (as fractions of its length), and what.
#[derive(Debug, Clone)]
enum Change {
    Cut(usize),
    Delete(usize, usize),
    Insert(usize, Vec<u8>),
    Set(usize, u8),
    Repeat(usize, usize),
}

fn change() -> impl Strategy<Value = Change> {
    let text = prop::collection::vec(
        prop_oneof![
            Just(b'<'),
            Just(b'>'),
            Just(b'&'),
            Just(b'/'),
            Just(b'"'),
            Just(b';'),
            Just(b'#'),
            any::<u8>()
        ],
        1..12,
    );
    prop_oneof![
        any::<usize>().prop_map(Change::Cut),
        (any::<usize>(), 1..200usize).prop_map(|(at, n)| Change::Delete(at, n)),
        (any::<usize>(), text).prop_map(|(at, t)| Change::Insert(at, t)),
        (any::<usize>(), any::<u8>()).prop_map(|(at, b)| Change::Set(at, b)),
        (any::<usize>(), 1..400usize).prop_map(|(at, n)| Change::Repeat(at, n)),
    ]
}

fn apply(mut bytes: Vec<u8>, change: &Change) -> Vec<u8> {
    let len = bytes.len().max(1);
    match change {
        Change::Cut(at) => bytes.truncate(at % len),
        Change::Delete(at, n) => {
            let start = at % len;
            let end = (start + n).min(bytes.len());
            bytes.drain(start..end);
        }
        Change::Insert(at, text) => {
            let at = (at % len).min(bytes.len());
            bytes.splice(at..at, text.iter().copied());
        }
        Change::Set(at, byte) => {
            if let Some(slot) = bytes.get_mut(at % len) {
                *slot = *byte;
            }
        }
        Change::Repeat(at, n) => {
            let start = at % len;
            let end = (start + n).min(bytes.len());
            let piece: Vec<u8> = bytes.get(start..end).unwrap_or_default().to_vec();
            bytes.splice(end..end, piece);
        }
    }
    bytes
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2000)) {
        check(&bytes);
    }

    #[test]
    fn random_text_with_markup_never_panics(text in "[<>/&;#!\\[\\]a-zA-Z:= \"'\n-]{0,400}") {
        check(text.as_bytes());
        check(format!("<Invoice xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:Invoice-2\">{text}</Invoice>").as_bytes());
    }

    #[test]
    fn changed_samples_never_panic(which in 0..5usize, changes in prop::collection::vec(change(), 1..4)) {
        let samples = samples();
        let mut bytes = samples.get(which).cloned().unwrap_or_default();
        for change in &changes {
            bytes = apply(bytes, change);
        }
        check(&bytes);
    }
}
