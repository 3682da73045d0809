//! Unit tests of the log: keys, canonical bytes, the chain and each way a log can be wrong.

use std::collections::BTreeMap;

use serde_json::{Map, Value, json};

use proptest::prop_assert;
use proptest::prop_assert_eq;

use super::*;

fn key(n: u8) -> SecretKey {
    SecretKey::from_seed([n; 32])
}

fn new(id: &str, at: &str, kind: &str, actor: &str, data: Value) -> NewEntry {
    let Value::Object(data) = data else {
        unreachable!()
    };
    NewEntry {
        id: id.to_string(),
        at: at.to_string(),
        kind: kind.to_string(),
        actor: actor.to_string(),
        data,
    }
}

const CONTRACT: &[u8] = b"contract c { }";

fn keys() -> BTreeMap<String, Option<PublicKey>> {
    BTreeMap::from([
        ("a".to_string(), Some(key(1).public())),
        ("b".to_string(), Some(key(2).public())),
        ("c".to_string(), None),
    ])
}

/// A log of three entries by `a`, `b`, `a`.
fn log() -> String {
    let mut prev = contract_digest(CONTRACT);
    let mut text = String::new();
    for (seq, (actor, signer)) in [("a", 1), ("b", 2), ("a", 1)].into_iter().enumerate() {
        let seq = seq as u64 + 1;
        let entry = new(
            &format!("e{seq}"),
            "2019-01-10",
            "k",
            actor,
            json!({"n": seq}),
        );
        let (line, digest) = entry.sign(seq, &prev, &key(signer)).unwrap();
        text.push_str(&line);
        text.push('\n');
        prev = digest;
    }
    text
}

fn verify(text: &str) -> Result<u64, String> {
    let mut verifier = Verifier::new(text.as_bytes(), contract_digest(CONTRACT), keys());
    for event in verifier.by_ref() {
        event.map_err(|r| r.to_string())?;
    }
    Ok(verifier.tail().entries)
}

#[test]
fn keys_have_one_text_form() {
    let secret = key(7);
    let public = secret.public();
    assert!(public.text().starts_with("ed25519:"));
    assert_eq!(public.text().len(), "ed25519:".len() + 44);
    assert_eq!(PublicKey::parse(&public.text()).unwrap(), public);
    let again = SecretKey::parse(&secret.text()).unwrap();
    assert_eq!(again.public(), public);
    assert_eq!(
        PublicKey::parse("ed25519:AAAA").unwrap_err(),
        KeyError::Length(3)
    );
    assert_eq!(
        PublicKey::parse("rsa:AAAA").unwrap_err().to_string(),
        "does not start with `ed25519:`"
    );
    assert_eq!(
        PublicKey::parse("ed25519:not base64!").unwrap_err(),
        KeyError::NotBase64 { prefix: "ed25519:" }
    );
    // The identity point has small order.
    let mut identity = [0u8; 32];
    identity[0] = 1;
    let text = format!(
        "ed25519:{}",
        base64::Engine::encode(&base64::engine::general_purpose::STANDARD, identity)
    );
    assert_eq!(PublicKey::parse(&text).unwrap_err(), KeyError::Weak);
    // A key with a small-order component: verifiers following RFC 8032's two equations would disagree on it.
    let torsioned = key(7).public().verifying_key().to_edwards()
        + curve25519_dalek::constants::EIGHT_TORSION[1];
    let text = format!(
        "ed25519:{}",
        base64::Engine::encode(
            &base64::engine::general_purpose::STANDARD,
            torsioned.compress().to_bytes()
        )
    );
    assert_eq!(PublicKey::parse(&text).unwrap_err(), KeyError::SmallOrder);
    // A refused key is refused every time (only sound keys are remembered), and a sound key read again is the
    // same key.
    assert_eq!(PublicKey::parse(&text).unwrap_err(), KeyError::SmallOrder);
    let sound = key(7).public().text();
    assert_eq!(
        PublicKey::parse(&sound).unwrap(),
        PublicKey::parse(&sound).unwrap()
    );
    assert_eq!(PublicKey::parse(&sound).unwrap(), key(7).public());
    let a = SecretKey::generate().unwrap();
    let b = SecretKey::generate().unwrap();
    assert_ne!(a.public(), b.public());
}

#[test]
fn a_line_is_its_canonical_bytes_and_its_digest_is_theirs() {
    let entry = new(
        "e1",
        "2019-01-10",
        "k",
        "a",
        json!({"z": "1.50", "é": 2, "a": [1, {"y": true, "b": null}]}),
    );
    let (line, digest) = entry.sign(1, &[0; 32], &key(1)).unwrap();
    let value: Value = serde_json::from_str(&line).unwrap();
    let canonical = serde_json_canonicalizer::to_string(&value).unwrap();
    assert_eq!(line, canonical);
    assert_eq!(digest, contract_digest(canonical.as_bytes()));
    let read = Entry::read(1, &line).unwrap();
    assert_eq!(read.digest, digest);
    assert_eq!(read.event.data.value("z").as_deref(), Some(&json!("1.50")));
    // The same entry written with other whitespace, another key order, an escape or a trailing CR is refused:
    // a log has one spelling.
    let Value::Object(map) = value else {
        unreachable!()
    };
    let reordered: Map<String, Value> = map.into_iter().rev().collect();
    let pretty = serde_json::to_string_pretty(&Value::Object(reordered))
        .unwrap()
        .replace('\n', " ");
    let escaped = line.replace("\"e1\"", "\"\\u0065\\u0031\"");
    for other in [pretty, format!("{line}\r"), format!(" {line}"), escaped] {
        assert_eq!(
            Entry::read(1, &other).unwrap_err().reason,
            "is not written in its canonical form (RFC 8785: sorted keys, no spaces, one spelling of each value), as every line of a log must be",
            "{other}"
        );
    }
}

#[test]
fn a_log_verifies_and_tells_where_it_ends() {
    let text = log();
    assert_eq!(verify(&text), Ok(3));
    assert_eq!(verify(""), Ok(0));
}

#[test]
fn each_way_of_tampering_is_refused_at_the_first_bad_entry() {
    let text = log();
    let lines: Vec<&str> = text.lines().collect();
    let join = |lines: &[&str]| lines.iter().map(|l| format!("{l}\n")).collect::<String>();
    let changed = text.replacen("\"n\":2", "\"n\":3", 1);
    assert_eq!(
        verify(&changed).unwrap_err(),
        "entry 2 (line 2, event `e2`): the signature is not `b`'s: the entry was changed after it was signed, or signed with a key the contract does not declare"
    );
    assert_eq!(
        verify(&join(&[lines[0], lines[2]])).unwrap_err(),
        "entry 3 (line 2, event `e3`): seq 3 where 2 was expected: an entry is missing, or entries are out of order"
    );
    assert_eq!(
        verify(&join(&[lines[0], lines[1], lines[1], lines[2]])).unwrap_err(),
        "entry 2 (line 3, event `e2`): seq 2 comes again after entry 2: an entry is repeated, or entries are out of order"
    );
    assert_eq!(
        verify(&text[..text.len() - 5]).unwrap_err(),
        "line 3: the last entry is cut short (its line does not end): the log was not written whole"
    );
    let other = Verifier::new(text.as_bytes(), contract_digest(b"another"), keys())
        .find_map(Result::err)
        .unwrap();
    assert!(
        other
            .to_string()
            .starts_with("entry 1 (line 1, event `e1`): the log is bound to another contract")
    );
}

#[test]
fn an_entry_of_the_wrong_shape_is_refused_with_its_reason() {
    let (line, _) = new("e1", "2019-01-10", "k", "a", json!({}))
        .sign(1, &contract_digest(CONTRACT), &key(1))
        .unwrap();
    let entry: Map<String, Value> = serde_json::from_str(&line).unwrap();
    let with = |field: &str, value: Option<Value>| {
        let mut entry = entry.clone();
        match value {
            Some(value) => entry.insert(field.to_string(), value),
            None => entry.remove(field),
        };
        serde_json_canonicalizer::to_string(&entry).unwrap()
    };
    let cases = [
        (
            with("seq", Some(json!(0))),
            "line 1 (event `e1`): `seq` must be a whole number, 1 or more",
        ),
        (
            with("seq", Some(json!("1"))),
            "line 1 (event `e1`): `seq` must be a whole number, 1 or more",
        ),
        (
            with("prev", Some(json!("ABC"))),
            "entry 1 (line 1, event `e1`): `prev` must be a SHA-256 in lowercase hex",
        ),
        (
            with("sig", None),
            "entry 1 (line 1, event `e1`): `sig` is missing or not a string: every entry is signed",
        ),
        (
            with("sig", Some(json!("AAAA"))),
            "entry 1 (line 1, event `e1`): `sig` must be 64 bytes in standard base64",
        ),
        (
            with("note", Some(json!("x"))),
            "entry 1 (line 1, event `e1`): unknown field `note`: an entry has `seq`, `prev`, `id`, `at`, `kind`, `actor`, `data` and `sig`",
        ),
    ];
    for (text, expected) in cases {
        assert_eq!(
            Entry::read(1, &text).unwrap_err().to_string(),
            expected,
            "{text}"
        );
    }
    assert_eq!(
        verify("\n").unwrap_err(),
        "line 1: is blank: every line of a log is one entry"
    );
    let not_utf8 = Verifier::new(&b"\xff\n"[..], contract_digest(CONTRACT), keys())
        .find_map(Result::err)
        .unwrap();
    assert_eq!(not_utf8.to_string(), "line 1: is not UTF-8 text");
    let long = format!("{}\n", "x".repeat(cvl_event::MAX_LINE + 1));
    assert_eq!(
        verify(&long).unwrap_err(),
        "line 1: is longer than 1 MiB, which no entry is"
    );
}

#[test]
fn a_signature_by_another_party_or_an_undeclared_key_is_refused() {
    let prev = contract_digest(CONTRACT);
    let by_b = new("e1", "2019-01-10", "k", "a", json!({}))
        .sign(1, &prev, &key(2))
        .unwrap()
        .0;
    assert_eq!(
        verify(&format!("{by_b}\n")).unwrap_err(),
        "entry 1 (line 1, event `e1`): the signature is `b`'s, not `a`'s: an entry is signed by its actor"
    );
    let by_stranger = new("e1", "2019-01-10", "k", "a", json!({}))
        .sign(1, &prev, &key(9))
        .unwrap()
        .0;
    assert!(
        verify(&format!("{by_stranger}\n"))
            .unwrap_err()
            .contains("a key the contract does not declare")
    );
    let keyless = new("e1", "2019-01-10", "k", "c", json!({}))
        .sign(1, &prev, &key(9))
        .unwrap()
        .0;
    assert_eq!(
        verify(&format!("{keyless}\n")).unwrap_err(),
        "entry 1 (line 1, event `e1`): `c` declares no key in the contract, so its entries cannot be verified"
    );
}

proptest::proptest! {
    /// Whatever the bytes, verifying them never panics: each is a log, or refused at its first bad entry.
    #[test]
    fn any_bytes_are_verified_or_refused(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..600)) {
        let mut verifier = Verifier::new(bytes.as_slice(), contract_digest(CONTRACT), keys());
        for event in verifier.by_ref() {
            if event.is_err() {
                break;
            }
        }
        let _ = verifier.tail();
    }

    /// A real log with one byte changed, or cut anywhere, is refused or verifies to the same entries.
    #[test]
    fn a_changed_or_cut_log_never_panics(at in 0usize..2_000, byte in proptest::num::u8::ANY, cut in proptest::bool::ANY) {
        let mut bytes = log().into_bytes();
        let at = at % bytes.len();
        if cut {
            bytes.truncate(at);
        } else {
            bytes[at] = byte;
        }
        let events: Vec<_> = Verifier::new(bytes.as_slice(), contract_digest(CONTRACT), keys()).collect();
        let original: Vec<_> = Verifier::new(log().as_bytes(), contract_digest(CONTRACT), keys()).collect();
        if events.iter().all(Result::is_ok) {
            // Whatever verifies is a prefix of the original log (a cut after a whole entry) or the log itself.
            prop_assert!(events.len() <= original.len());
            for (a, b) in events.iter().zip(&original) {
                prop_assert_eq!(a, b);
            }
        }
    }
}

#[test]
fn a_key_written_with_a_second_encoding_of_its_point_is_refused() {
    // y = p + 3, which decodes to the point with y = 3: a second spelling of that key.
    let mut bytes = [0xffu8; 32];
    bytes[0] = 0xed + 3;
    bytes[31] = 0x7f;
    let text = format!(
        "ed25519:{}",
        base64::Engine::encode(&base64::engine::general_purpose::STANDARD, bytes)
    );
    assert_eq!(PublicKey::parse(&text).unwrap_err(), KeyError::NotCanonical);
}

/// The refusal of the first bad entry of `text`.
fn refusal(text: &[u8]) -> cvl_event::Refusal {
    Verifier::new(text, contract_digest(CONTRACT), keys())
        .find_map(Result::err)
        .unwrap()
}

/// A log of entries by `a` signed by `a`, dated `dates`.
fn dated(dates: &[&str], actor: &str) -> String {
    let mut prev = contract_digest(CONTRACT);
    let mut text = String::new();
    for (seq, at) in (1u64..).zip(dates) {
        let (line, digest) = new(&format!("e{seq}"), at, "k", actor, json!({}))
            .sign(seq, &prev, &key(1))
            .unwrap();
        text.push_str(&line);
        text.push('\n');
        prev = digest;
    }
    text
}

#[test]
fn each_refusal_of_a_log_has_its_kind() {
    use cvl_event::RefusalKind as K;
    let text = log();
    let lines: Vec<&str> = text.lines().collect();
    let join = |lines: &[&str]| lines.iter().map(|l| format!("{l}\n")).collect::<String>();
    let cases: Vec<(Vec<u8>, K)> = vec![
        (text.replacen("\"n\":2", "\"n\":3", 1).into(), K::Signature),
        (dated(&["2019-01-10"], "c").into(), K::Signature),
        (join(&[lines[0], lines[2]]).into(), K::Chain),
        (join(&[lines[0], lines[1], lines[1]]).into(), K::Chain),
        (text[..text.len() - 5].into(), K::Unreadable),
        (b"\xff\n".to_vec(), K::Unreadable),
        (b"\n".to_vec(), K::NotJson),
        (b"[1]\n".to_vec(), K::NotJson),
        (b"{\"seq\":1,\"seq\":1}\n".to_vec(), K::Shape),
        (b"{\"seq\":9007199254740993}\n".to_vec(), K::Limit),
        (
            format!("{}\n", "x".repeat(cvl_event::MAX_LINE + 1)).into(),
            K::Limit,
        ),
        (format!(" {}\n", lines[0]).into(), K::Canonical),
        (
            dated(&["2019-01-10", "2019-01-09"], "a").into(),
            K::OutOfOrder,
        ),
        (dated(&["2019-01-10"], "d").into(), K::NotAParty),
    ];
    for (text, kind) in cases {
        let refusal = refusal(&text);
        assert_eq!(refusal.kind, kind, "{refusal}");
    }
    let other = Verifier::new(text.as_bytes(), contract_digest(b"another"), keys())
        .find_map(Result::err)
        .unwrap();
    assert_eq!(other.kind, K::Binding);
    let backwards = refusal(&dated(&["2019-01-10", "2019-01-09"], "a").into_bytes());
    assert_eq!(
        backwards.to_string(),
        "entry 2 (line 2, event `e2`): dated 2019-01-09, before entry 1 (2019-01-10): entries must be in the order they happened"
    );
}

/// A JSON value of any shape a party could sign: the values entries hold and the ones they must not.
fn any_json() -> impl proptest::strategy::Strategy<Value = Value> {
    use proptest::prelude::*;
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        Just(json!(9_007_199_254_740_993u64)),
        Just(json!(2.5)),
        Just(json!(-0.0)),
        "[a-z0-9:\\-T.Z ]{0,24}".prop_map(Value::from),
        Just(Value::from("2019-01-11")),
        Just(Value::from("2019-01-11T09:30:00Z")),
        Just(Value::from("\u{1b}[2K\u{202e}")),
    ];
    leaf.prop_recursive(3, 12, 4, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(Value::from),
            proptest::collection::btree_map("[a-z]{1,6}", inner, 0..4)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// How a signed entry is changed before it is signed: each field can be dropped, replaced by any value, or
/// joined by a field an entry does not have.
#[derive(Clone, Debug)]
enum Mutation {
    Drop(&'static str),
    Replace(&'static str, Value),
    Add(String, Value),
}

fn mutation() -> impl proptest::strategy::Strategy<Value = Mutation> {
    use proptest::prelude::*;
    let field = proptest::sample::select(vec!["seq", "prev", "id", "at", "kind", "actor", "data"]);
    prop_oneof![
        field.clone().prop_map(Mutation::Drop),
        (field, any_json()).prop_map(|(f, v)| Mutation::Replace(f, v)),
        ("[a-z]{1,6}", any_json()).prop_map(|(k, v)| Mutation::Add(k, v)),
    ]
}

proptest::proptest! {
    /// Entries that are signed and chained but changed in any field (a field missing, of another type, a value
    /// out of range, a field too many): random bytes seldom get past the JSON reader, these reach every later
    /// check. Each is verified or refused at its own entry, and one that verifies reads back as what was signed.
    #[test]
    fn mutated_entries_signed_by_their_actor_are_verified_or_refused_at_that_entry(
        mutations in proptest::collection::vec(mutation(), 1..3),
        signer in 1u8..=2,
    ) {
        let first = log().lines().next().unwrap().to_string();
        let prev = contract_digest(first.as_bytes());
        let mut map = Map::new();
        map.insert("seq".to_string(), json!(2));
        map.insert("prev".to_string(), Value::from(hex(&prev)));
        map.insert("id".to_string(), json!("e2"));
        map.insert("at".to_string(), json!("2019-01-11"));
        map.insert("kind".to_string(), json!("k"));
        map.insert("actor".to_string(), json!(if signer == 1 { "a" } else { "b" }));
        map.insert("data".to_string(), json!({"n": 2}));
        for m in &mutations {
            match m {
                Mutation::Drop(f) => { map.remove(*f); }
                Mutation::Replace(f, v) => { map.insert((*f).to_string(), v.clone()); }
                Mutation::Add(k, v) => { map.insert(k.clone(), v.clone()); }
            }
        }
        // An object RFC 8785 cannot write (a number it has no spelling for) cannot be signed: nothing to verify.
        let Ok(message) = serde_json_canonicalizer::to_vec(&map) else { return Ok(()); };
        let sig = base64::Engine::encode(&base64::engine::general_purpose::STANDARD, key(signer).sign(&message).to_bytes());
        let line = String::from_utf8(entry::with_sig(&message, &sig)).unwrap();
        let text = format!("{first}\n{line}\n");
        let mut verifier = Verifier::new(text.as_bytes(), contract_digest(CONTRACT), keys());
        let first_entry = verifier.next();
        prop_assert!(matches!(first_entry, Some(Ok(_))));
        match verifier.next() {
            Some(Ok(event)) => {
                prop_assert_eq!(verifier.tail().entries, 2);
                prop_assert_eq!(Some(&Value::from(event.id.clone())), map.get("id"));
                prop_assert_eq!(Some(&Value::from(event.kind.clone())), map.get("kind"));
            }
            Some(Err(refusal)) => {
                let words = refusal.to_string();
                prop_assert!(words.starts_with("entry 2") || words.starts_with("line 2"), "{}", words);
            }
            None => prop_assert!(false, "the second entry was not read"),
        }
    }
}

/// The lines of [`log`] with entry 2 signed over other data: a fork after entry 1.
fn forked_log() -> String {
    let text = log();
    let first = text.lines().next().unwrap();
    let prev = contract_digest(first.as_bytes());
    let (second, digest) = new("e2", "2019-01-10", "k", "b", json!({"n": 20}))
        .sign(2, &prev, &key(2))
        .unwrap();
    let (third, _) = new("e3", "2019-01-10", "k", "a", json!({"n": 3}))
        .sign(3, &digest, &key(1))
        .unwrap();
    format!("{first}\n{second}\n{third}\n")
}

/// The checkpoint of the first `size` entries of `text`.
fn checkpoint_of(text: &str, size: usize) -> checkpoint::Checkpoint {
    let head = match text.lines().nth(size.wrapping_sub(1)) {
        Some(line) if size > 0 => contract_digest(line.as_bytes()),
        _ => contract_digest(CONTRACT),
    };
    checkpoint::Checkpoint {
        origin: extend::origin("svc", &contract_digest(CONTRACT)),
        size: size as u64,
        head,
        extensions: Vec::new(),
    }
}

/// The tail of `text` verified on `jobs` threads, marking entry `mark`.
fn marked_tail(text: &str, mark: u64, jobs: usize) -> Tail {
    let verifier = Verifier::new(text.as_bytes(), contract_digest(CONTRACT), keys()).marking(mark);
    verify_on_cores(verifier, jobs, |_| Ok(())).unwrap()
}

#[test]
fn a_log_extends_the_checkpoint_of_each_of_its_prefixes() {
    let text = log();
    for size in 0..=3 {
        let checkpoint = checkpoint_of(&text, size);
        for jobs in [1, 2] {
            let tail = marked_tail(&text, size as u64, jobs);
            assert_eq!(extend::extends(&checkpoint, &tail), Ok(()), "size {size}");
        }
        // A prefix at least as long as the checkpoint extends it too.
        let prefix: String = text.lines().take(size).map(|l| format!("{l}\n")).collect();
        assert_eq!(
            extend::extends(&checkpoint, &marked_tail(&prefix, size as u64, 1)),
            Ok(())
        );
    }
}

#[test]
fn a_cut_or_forked_log_does_not_extend_the_checkpoint() {
    let text = log();
    let name = "log.jsonl.checkpoint";
    let cut: String = text.lines().take(2).map(|l| format!("{l}\n")).collect();
    let refusal = extend::extends(&checkpoint_of(&text, 3), &marked_tail(&cut, 3, 1)).unwrap_err();
    assert_eq!(
        refusal.words(name),
        "cut short: the log has 2 entries, the checkpoint `log.jsonl.checkpoint` saw 3"
    );
    let one: String = text.lines().take(1).map(|l| format!("{l}\n")).collect();
    let refusal = extend::extends(&checkpoint_of(&text, 2), &marked_tail(&one, 2, 1)).unwrap_err();
    assert_eq!(
        refusal.words(name),
        "cut short: the log has 1 entry, the checkpoint `log.jsonl.checkpoint` saw 2"
    );
    let forked = forked_log();
    // Entry 1 is shared; entries 2 and 3 are not: the fork is caught at the checkpoint's size, whatever it is.
    assert_eq!(
        extend::extends(&checkpoint_of(&text, 1), &marked_tail(&forked, 1, 2)),
        Ok(())
    );
    for size in [2u64, 3] {
        let checkpoint = checkpoint_of(&text, size as usize);
        let tail = marked_tail(&forked, size, 2);
        let digest = contract_digest(forked.lines().nth(size as usize - 1).unwrap().as_bytes());
        let refusal = extend::extends(&checkpoint, &tail).unwrap_err();
        assert_eq!(
            refusal,
            extend::NotExtended::Forked {
                size,
                digest,
                head: checkpoint.head
            }
        );
        assert_eq!(
            refusal.words(name),
            format!(
                "forked: entry {size}'s digest is sha256:{} but the checkpoint `log.jsonl.checkpoint` saw sha256:{}",
                hex(&digest),
                hex(&checkpoint.head)
            )
        );
    }
    // An empty log's checkpoint whose head is not the contract's.
    let mut empty = checkpoint_of(&text, 0);
    empty.head = [7; 32];
    let refusal = extend::extends(&empty, &marked_tail(&text, 0, 1)).unwrap_err();
    assert_eq!(
        refusal.words(name),
        format!(
            "forked: the log starts from the contract's sha256:{} but the checkpoint `log.jsonl.checkpoint` saw \
             sha256:{} as the head of the empty log",
            hex(&contract_digest(CONTRACT)),
            hex(&[7; 32])
        )
    );
    // A longer log verified without the mark proves nothing.
    let unmarked = verify_on_cores(
        Verifier::new(text.as_bytes(), contract_digest(CONTRACT), keys()),
        1,
        |_| Ok(()),
    )
    .unwrap();
    assert_eq!(
        extend::extends(&checkpoint_of(&text, 2), &unmarked)
            .unwrap_err()
            .words(name),
        "entry 2's digest was not kept while the log was verified, so whether it extends the checkpoint \
         `log.jsonl.checkpoint` is not known"
    );
}

#[test]
fn a_checkpoint_of_another_log_is_refused() {
    let contract = contract_digest(CONTRACT);
    let checkpoint = checkpoint_of(&log(), 1);
    assert_eq!(extend::of_log(&checkpoint, "svc", &contract), Ok(()));
    let other = contract_digest(b"contract d { }");
    let refusal = extend::of_log(&checkpoint, "svc", &other).unwrap_err();
    assert_eq!(
        refusal.words("c.checkpoint"),
        format!(
            "the checkpoint `c.checkpoint` is of another log: its origin is `svc/{}`, and this contract's log there \
             is `svc/{}`",
            hex(&contract),
            hex(&other)
        )
    );
    assert!(extend::of_log(&checkpoint, "other", &contract).is_err());
}

/// What verifying `text` gives: the events' ids, the refusal (in words) if one, and where the log ends.
fn outcome<R: std::io::BufRead>(mut verifier: Verifier<R>) -> (Vec<String>, Option<String>, Tail) {
    let mut ids = Vec::new();
    let mut refused = None;
    for event in verifier.by_ref() {
        match event {
            Ok(event) => ids.push(event.id),
            Err(refusal) => refused = Some(refusal.to_string()),
        }
    }
    (ids, refused, verifier.tail())
}

#[test]
fn a_log_verified_in_two_parts_gives_what_one_pass_gives() {
    let text = log();
    let lines: Vec<&str> = text.lines().collect();
    let join = |lines: &[&str]| lines.iter().map(|l| format!("{l}\n")).collect::<String>();
    let logs = [
        text.clone(),
        text.replacen("\"n\":2", "\"n\":3", 1),
        join(&[lines[0], lines[2]]),
        join(&[lines[0], lines[1], lines[1], lines[2]]),
        text[..text.len() - 5].to_string(),
        format!("{}\n\n", lines[0]),
        dated(&["2019-01-10", "2019-01-09", "2019-01-11"], "a"),
        dated(&["2019-01-10", "2019-01-10"], "d"),
        dated(&["2019-01-10", "2019-01-10"], "c"),
    ];
    for log in &logs {
        let whole = outcome(Verifier::new(
            log.as_bytes(),
            contract_digest(CONTRACT),
            keys(),
        ));
        let parts: Vec<&str> = log.split_inclusive('\n').collect();
        for at in 0..=parts.len() {
            let (first, rest) = parts.split_at(at);
            let (mut ids, refused, tail) = outcome(Verifier::new(
                first.concat().as_bytes(),
                contract_digest(CONTRACT),
                keys(),
            ));
            let pieces = if refused.is_some() {
                (ids, refused, tail)
            } else {
                let (more, refused, tail) = outcome(Verifier::after(
                    rest.concat().as_bytes(),
                    contract_digest(CONTRACT),
                    keys(),
                    tail,
                ));
                ids.extend(more);
                (ids, refused, tail)
            };
            assert_eq!(pieces, whole, "split after line {at} of\n{log}");
        }
    }
}
