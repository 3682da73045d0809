//! The log service end to end, on the loopback interface (an ephemeral port) over an SQLite file in a directory of
//! the test's own: registering the reference contract, appending its signed log, the receipts (checkpoints that
//! verify with the service's key and change with each append), a restart that keeps everything, a race for one
//! seq, and every refusal with its status and words in a snapshot.
//!
//! Every test runs once on each database [`databases`] gives: a fresh SQLite file, and a fresh database on a
//! PostgreSQL server (the throwaway cluster `tests/setup` starts, or the server `CVL_TEST_POSTGRES` names).

#![cfg(test)]

use std::sync::Arc;

use serde_json::Value;

use cvl_log::SecretKey;
use cvl_log::checkpoint;
use cvl_serve::client::Reply;
use cvl_serve::registered::{FileText, Registration};
use cvl_serve::store::{Appended, Decided, Store};

mod support;
use support::*;

#[test]
fn a_log_is_registered_appended_with_receipts_and_survives_a_restart() {
    for db in databases("restart") {
        a_log_is_registered_appended_with_receipts_and_survives_a_restart_on(db);
    }
}

fn a_log_is_registered_appended_with_receipts_and_survives_a_restart_on(db: String) {
    let mut service = Harness::start(db);
    let client = service.client();
    let key = service.note_key();
    let first = client.register(&registration(CONTRACT), &party()).unwrap();
    assert_eq!(first.status, 201, "{}", first.body);
    let body: Value = serde_json::from_str(&first.body).unwrap();
    assert_eq!(body["sha256"], SHA256);
    assert_eq!(
        client
            .register(&registration(CONTRACT), &party())
            .unwrap()
            .status,
        200
    );

    let empty = client
        .signed_checkpoint(SHA256, &key_of("municipality"))
        .unwrap();
    assert_eq!(empty.status, 200);
    let read = checkpoint::verify(&empty.body, &key).unwrap();
    assert_eq!(
        (read.size, cvl_log::hex(&read.head)),
        (0, SHA256.to_string())
    );
    assert_eq!(read.origin, format!("test.cvl.example/{SHA256}"));

    let lines = log_lines();
    let mut heads = vec![read.head];
    for (at, line) in lines.iter().take(5).enumerate() {
        let reply = client.append(SHA256, line, &party()).unwrap();
        assert_eq!(reply.status, 201, "{}", reply.body);
        let receipt: Value = serde_json::from_str(&reply.body).unwrap();
        assert_eq!(receipt["seq"], at + 1);
        let read = checkpoint::verify(receipt["checkpoint"].as_str().unwrap(), &key).unwrap();
        assert_eq!(read.size, at as u64 + 1);
        assert_eq!(read.head, digest(line));
        assert!(!heads.contains(&read.head));
        heads.push(read.head);
        let current = client
            .signed_checkpoint(SHA256, &key_of("municipality"))
            .unwrap();
        assert_eq!(current.body, receipt["checkpoint"].as_str().unwrap());
    }

    service.restart();
    let client = service.client();
    let read = checkpoint::verify(
        &client
            .signed_checkpoint(SHA256, &key_of("municipality"))
            .unwrap()
            .body,
        &service.note_key(),
    )
    .unwrap();
    assert_eq!((read.size, read.head), (5, digest(&lines[4])));
    for line in lines.iter().skip(5) {
        let reply = client.append(SHA256, line, &party()).unwrap();
        assert_eq!(reply.status, 201, "{}", reply.body);
    }
    let read = checkpoint::verify(
        &client
            .signed_checkpoint(SHA256, &key_of("municipality"))
            .unwrap()
            .body,
        &service.note_key(),
    )
    .unwrap();
    assert_eq!(read.size, lines.len() as u64);
    let health = client.get("/healthz").unwrap();
    assert_eq!((health.status, health.body.as_str()), (200, "ok\n"));
    drop(service);
}

#[test]
fn of_racing_appends_for_one_seq_exactly_one_is_admitted() {
    for db in databases("race") {
        of_racing_appends_for_one_seq_exactly_one_is_admitted_on(db);
    }
}

fn of_racing_appends_for_one_seq_exactly_one_is_admitted_on(db: String) {
    let service = Harness::start(db);
    let client = Arc::new(service.client());
    assert_eq!(
        client
            .register(&registration(CONTRACT), &party())
            .unwrap()
            .status,
        201
    );
    let lines = log_lines();
    for line in lines.iter().take(2) {
        assert_eq!(client.append(SHA256, line, &party()).unwrap().status, 201);
    }
    // Eight different entries, each a valid third entry: all race for seq 3.
    let candidates: Vec<String> = (0..8)
        .map(|n| {
            signed(
                3,
                &lines[1],
                &key_of("firm"),
                "firm",
                "visits",
                &format!("2019-02-0{}", n + 1),
                serde_json::json!({}),
            )
        })
        .collect();
    let barrier = Arc::new(std::sync::Barrier::new(candidates.len()));
    let handles: Vec<_> = candidates
        .into_iter()
        .map(|line| {
            let client = client.clone();
            let barrier = barrier.clone();
            std::thread::spawn(move || {
                barrier.wait();
                client.append(SHA256, &line, &party()).unwrap()
            })
        })
        .collect();
    let replies: Vec<Reply> = handles.into_iter().map(|h| h.join().unwrap()).collect();
    let mut statuses: Vec<u16> = replies.iter().map(|r| r.status).collect();
    statuses.sort_unstable();
    assert_eq!(
        statuses,
        [201, 409, 409, 409, 409, 409, 409, 409],
        "{replies:?}"
    );
    for reply in replies.iter().filter(|r| r.status == 409) {
        let body: Value = serde_json::from_str(&reply.body).unwrap();
        assert_eq!(body["entries"], 3);
    }
    let read = checkpoint::verify(
        &client
            .signed_checkpoint(SHA256, &key_of("municipality"))
            .unwrap()
            .body,
        &service.note_key(),
    )
    .unwrap();
    assert_eq!(read.size, 3);
    drop(service);
}

#[test]
fn every_refusal_has_its_status_and_words() {
    for db in databases("refusals") {
        every_refusal_has_its_status_and_words_on(db);
    }
}

fn every_refusal_has_its_status_and_words_on(db: String) {
    let service = Harness::start(db);
    let client = service.client();
    let lines = log_lines();
    let mut out = String::new();
    let mut case = |name: &str, reply: Reply| out.push_str(&shown(name, &reply));

    case(
        "registration that is not JSON",
        client
            .signed_post(
                "/v1/contracts",
                "application/json",
                b"{\"files\": [",
                &party(),
            )
            .unwrap(),
    );
    case(
        "registration with an unknown field",
        client
            .signed_post(
                "/v1/contracts",
                "application/json",
                b"{\"files\": [], \"extra\": 1}",
                &party(),
            )
            .unwrap(),
    );
    case(
        "registration without a contract",
        client
            .signed_post(
                "/v1/contracts",
                "application/json",
                b"{\"files\": []}",
                &party(),
            )
            .unwrap(),
    );
    let mut broken = registration(CONTRACT);
    broken.files[0].text = broken.files[0].text.replace("role payer", "role payr");
    case(
        "contract with errors",
        client.register(&broken, &party()).unwrap(),
    );
    let mut named = registration(CONTRACT);
    named.sha256 = Some("00".repeat(32));
    case(
        "registration naming another SHA-256",
        client.register(&named, &party()).unwrap(),
    );
    let mut extra = registration(CONTRACT);
    extra.files.push(FileText {
        role: "file".to_string(),
        name: "unused.cvl".to_string(),
        text: String::new(),
    });
    case(
        "registration with a file not imported",
        client.register(&extra, &party()).unwrap(),
    );
    let file = |role: &str, name: &str, text: &str| FileText {
        role: role.to_string(),
        name: name.to_string(),
        text: text.to_string(),
    };
    let contract = registration(CONTRACT).files[0].text.clone();
    for (name, files) in [
        (
            "registration with two contract files",
            vec![
                file("contract", "", &contract),
                file("contract", "", &contract),
            ],
        ),
        (
            "contract file with a name",
            vec![file("contract", "placement.cvl", &contract)],
        ),
        (
            "unknown role",
            vec![file("contract", "", &contract), file("library", "care", "")],
        ),
        (
            "module given twice",
            vec![
                file("contract", "", &contract),
                file("module", "care", ""),
                file("module", "care", ""),
            ],
        ),
        (
            "file with two contracts",
            vec![file(
                "contract",
                "",
                &format!(
                    "{contract}\n{}",
                    contract.replace("contract placement", "contract other")
                ),
            )],
        ),
        (
            "more than 256 files",
            (0..257)
                .map(|n| file("file", &format!("f{n}.cvl"), ""))
                .collect(),
        ),
    ] {
        let reply = client
            .register(
                &Registration {
                    sha256: None,
                    files,
                },
                &party(),
            )
            .unwrap();
        case(name, reply);
    }
    case(
        "oversized registration",
        client
            .post(
                "/v1/contracts",
                "application/json",
                &vec![b' '; cvl_serve::api::MAX_REGISTRATION + 1],
            )
            .unwrap(),
    );

    assert_eq!(
        client
            .register(&registration(CONTRACT), &party())
            .unwrap()
            .status,
        201
    );
    let amended = client.register(&registration(AMENDED), &party()).unwrap();
    assert_eq!(amended.status, 201, "{}", amended.body);
    let amended: Value = serde_json::from_str(&amended.body).unwrap();
    let amended = amended["sha256"].as_str().unwrap().to_string();
    for line in lines.iter().take(2) {
        assert_eq!(client.append(SHA256, line, &party()).unwrap().status, 201);
    }
    let entries = format!("/v1/logs/{SHA256}/entries");
    case(
        "unknown contract",
        client
            .append(&"ab".repeat(32), &lines[2], &party())
            .unwrap(),
    );
    case(
        "not a SHA-256",
        client.append("not-a-hash", &lines[2], &party()).unwrap(),
    );
    case(
        "checkpoint of an unknown contract",
        client.checkpoint(&"ab".repeat(32)).unwrap(),
    );
    case(
        "oversized entry",
        client
            .post(
                &entries,
                "application/jsonl",
                &vec![b'x'; cvl_serve::api::MAX_ENTRY + 1],
            )
            .unwrap(),
    );
    case(
        "not UTF-8",
        client
            .signed_post(
                &entries,
                "application/jsonl",
                b"{\"a\":\"\xff\"}\n",
                &party(),
            )
            .unwrap(),
    );
    case(
        "two lines",
        client
            .signed_post(
                &entries,
                "application/jsonl",
                format!("{}\n{}\n", lines[2], lines[3]).as_bytes(),
                &party(),
            )
            .unwrap(),
    );
    case(
        "empty body",
        client
            .signed_post(&entries, "application/jsonl", b"", &party())
            .unwrap(),
    );
    case(
        "malformed JSON",
        client.append(SHA256, "{\"seq\": 3,", &party()).unwrap(),
    );
    let tampered = lines[2].replacen("5000.00", "9000.00", 1);
    case(
        "bad signature (data changed after signing)",
        client.append(SHA256, &tampered, &party()).unwrap(),
    );
    let data = serde_json::json!({"amount": "5000.00", "from": "2019-02-01", "supplement": "school_support"});
    case(
        "signed with another party's key",
        client
            .append(
                SHA256,
                &signed(
                    3,
                    &lines[1],
                    &key_of("firm"),
                    "municipality",
                    "supplement_started",
                    "2019-02-01",
                    data.clone(),
                ),
                &party(),
            )
            .unwrap(),
    );
    case(
        "actor that is no party",
        client
            .append(
                SHA256,
                &signed(
                    3,
                    &lines[1],
                    &SecretKey::from_seed([7; 32]),
                    "stranger",
                    "visits",
                    "2019-02-01",
                    serde_json::json!({}),
                ),
                &party(),
            )
            .unwrap(),
    );
    case(
        "party without the authority for the kind",
        client
            .append(
                SHA256,
                &signed(
                    3,
                    &lines[1],
                    &key_of("ostervold"),
                    "ostervold",
                    "supplement_started",
                    "2019-02-01",
                    data,
                ),
                &party(),
            )
            .unwrap(),
    );
    case(
        "dated ahead of the clock",
        client
            .append(
                SHA256,
                &signed(
                    3,
                    &lines[1],
                    &key_of("firm"),
                    "firm",
                    "visits",
                    "9999-12-31",
                    serde_json::json!({}),
                ),
                &party(),
            )
            .unwrap(),
    );
    case(
        "log of another contract",
        client.append(&amended, &lines[0], &party()).unwrap(),
    );
    case(
        "stale seq (an entry stored already)",
        client.append(SHA256, &lines[0], &party()).unwrap(),
    );
    case(
        "seq ahead of the head",
        client.append(SHA256, &lines[4], &party()).unwrap(),
    );
    case("unknown route", client.get("/v1/nothing").unwrap());

    // Nothing refused changed the log.
    let read = checkpoint::verify(
        &client
            .signed_checkpoint(SHA256, &key_of("municipality"))
            .unwrap()
            .body,
        &service.note_key(),
    )
    .unwrap();
    assert_eq!((read.size, read.head), (2, digest(&lines[1])));
    let read = checkpoint::verify(
        &client
            .signed_checkpoint(&amended, &key_of("municipality"))
            .unwrap()
            .body,
        &service.note_key(),
    )
    .unwrap();
    assert_eq!(read.size, 0);
    insta::assert_snapshot!("refusals", out);
    drop(service);
}

/// Two transactions that both insert seq 1 (on PostgreSQL both having read the empty log): one is inserted, the
/// other is a conflict, never a second entry at seq 1. The body takes a database URL, so that it runs on any database.
fn two_writers_for_one_seq(url: &str) {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let store = Store::open(url).await.unwrap();
        let contract = "cd".repeat(32);
        assert!(
            store
                .register(&contract, "", &[], "note", "now")
                .await
                .unwrap()
        );
        // On PostgreSQL both read the empty log before either inserts. On SQLite a writing transaction takes the
        // write lock as it begins, so the second reads only once the first has committed (a barrier would wait
        // forever): it decides on the stored entry, inserts at seq 1 all the same, and meets the primary key.
        let racing = if url.starts_with("postgres") { 2 } else { 1 };
        let barrier = Arc::new(std::sync::Barrier::new(racing));
        let append = |line: &'static str| {
            let store = store.clone();
            let contract = contract.clone();
            let barrier = barrier.clone();
            tokio::spawn(async move {
                let first = std::sync::atomic::AtomicBool::new(true);
                store
                    .append(&contract, None, |_, stored| {
                        if first.swap(false, std::sync::atomic::Ordering::SeqCst) {
                            barrier.wait();
                        }
                        assert!(stored.len() <= 1);
                        Decided::<()>::Insert {
                            seq: 1,
                            line: line.to_string(),
                            digest: String::new(),
                            checkpoint: String::new(),
                            kept: (),
                        }
                    })
                    .await
                    .unwrap()
            })
        };
        let (a, b) = (append("a"), append("b"));
        let outcomes = [a.await.unwrap(), b.await.unwrap()];
        let inserted = outcomes
            .iter()
            .filter(|o| matches!(o, Appended::Inserted { .. }))
            .count();
        let conflicts = outcomes
            .iter()
            .filter(|o| matches!(o, Appended::Conflict))
            .count();
        assert_eq!((inserted, conflicts), (1, 1));
        assert_eq!(store.lines(&contract).await.unwrap().len(), 1);
        store.close().await;
    });
}

#[test]
fn two_writers_for_one_seq_get_one_entry_and_one_conflict() {
    for db in databases("writers") {
        two_writers_for_one_seq(&db);
    }
}
