//! Reading a log on the loopback interface, on SQLite and PostgreSQL: only a party's fresh signed request (RFC 9421)
//! reads it; every bad read with its status and words in a snapshot; a key that is no party, a replayed nonce, a
//! stale `created` and a contract that is not registered get one answer, and so do appends by no party to a
//! registered contract and to none.

#![cfg(test)]

use serde_json::Value;

use cvl_log::SecretKey;
use cvl_log::checkpoint;
use cvl_serve::client::Reply;

mod support;
use support::*;

#[test]
fn a_log_is_read_only_by_a_party_with_a_fresh_signed_request() {
    for db in databases("reads") {
        a_log_is_read_only_by_a_party_with_a_fresh_signed_request_on(db);
    }
}

/// Every bad read with its status and words; a key that is no party, a replayed nonce, a stale `created` and a
/// contract that is not registered get one answer, byte for byte; appends by a non-party to a registered contract
/// and to none get one answer too.
fn a_log_is_read_only_by_a_party_with_a_fresh_signed_request_on(db: String) {
    use cvl_serve::auth;
    let service = Harness::start(db);
    let client = service.client();
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
    let party = key_of("ostervold");
    let stranger = SecretKey::from_seed([7; 32]);
    let unknown = "ab".repeat(32);
    let path = format!("/v1/logs/{SHA256}/checkpoint");
    let entries = format!("/v1/logs/{SHA256}/entries?after=1");
    let authority = service.running.as_ref().unwrap().addr.to_string();
    let headers = |path: &str, key: &SecretKey, created: i64, nonce: &str| {
        let fields = auth::sign("GET", &authority, path, None, key, created, nonce).unwrap();
        (fields[0].1.clone(), fields[1].1.clone())
    };
    let get = |path: &str, (input, signature): &(String, String)| {
        client
            .get_with(
                path,
                &[("signature-input", input), ("signature", signature)],
            )
            .unwrap()
    };
    let now = auth::unix_now();
    let mut out = String::new();
    let mut case = |name: &str, reply: &Reply| out.push_str(&shown(name, reply));

    // A party reads the checkpoint and the entries after entry 1.
    let read = get(&path, &headers(&path, &party, now, "n-1"));
    assert_eq!(read.status, 200, "{}", read.body);
    let checkpoint = checkpoint::verify(&read.body, &service.note_key()).unwrap();
    assert_eq!(checkpoint.size, 2);
    let reply = get(&entries, &headers(&entries, &party, now, "n-2"));
    assert_eq!(reply.status, 200, "{}", reply.body);
    let body: Value = serde_json::from_str(&reply.body).unwrap();
    assert_eq!(body["after"], 1);
    assert_eq!(body["entries"], serde_json::json!([lines[1]]));
    assert!(body["checkpoint"].as_str().unwrap().contains("\n2\n"));

    let unsigned = client.get(&path).unwrap();
    assert_eq!(
        unsigned.body,
        client
            .get(&format!("/v1/logs/{unknown}/checkpoint"))
            .unwrap()
            .body
    );
    case("unsigned", &unsigned);
    case(
        "malformed Signature-Input",
        &client
            .get_with(
                &path,
                &[
                    ("signature-input", "cvl=(\"@method\""),
                    ("signature", "cvl=:AA==:"),
                ],
            )
            .unwrap(),
    );
    let (input, signature) = headers(&path, &party, now, "n-3");
    case(
        "Signature-Input without Signature",
        &client
            .get_with(&path, &[("signature-input", &input)])
            .unwrap(),
    );
    case(
        "a signature that covers no @query",
        &client
            .get_with(
                &path,
                &[
                    ("signature-input", &input.replace(" \"@query\"", "")),
                    ("signature", &signature),
                ],
            )
            .unwrap(),
    );
    // Signed by the stranger under the party's keyid: the signature is not the key's.
    let (_, forged) = headers(&path, &stranger, now, "n-4");
    case(
        "wrong key",
        &get(&path, &(input.replace("n-3", "n-4"), forged)),
    );
    case(
        "signed for another path",
        &get(&entries, &headers(&path, &party, now, "n-5")),
    );
    let non_party = get(&path, &headers(&path, &stranger, now, "n-6"));
    case("key of no party", &non_party);
    let first = get(&path, &headers(&path, &party, now, "n-7"));
    assert_eq!(first.status, 200);
    let replayed = get(&path, &headers(&path, &party, now, "n-7"));
    // Well outside the window, read from the clock as each is signed: the test's `now` is seconds old by here
    // on a loaded machine, and a request 301 s ahead of a clock that has moved on 1 s is fresh.
    let stale = get(
        &path,
        &headers(&path, &party, auth::unix_now() - 600, "n-8"),
    );
    let ahead = get(
        &path,
        &headers(&path, &party, auth::unix_now() + 600, "n-9"),
    );
    let unknown_path = format!("/v1/logs/{unknown}/checkpoint");
    let unregistered = get(&unknown_path, &headers(&unknown_path, &party, now, "n-10"));
    let not_hex = get(
        "/v1/logs/xyz/entries",
        &headers("/v1/logs/xyz/entries", &party, now, "n-11"),
    );
    for (name, reply) in [
        ("replayed nonce", &replayed),
        ("stale created", &stale),
        ("created ahead", &ahead),
        ("unknown contract", &unregistered),
        ("not a SHA-256", &not_hex),
    ] {
        assert_eq!(
            (reply.status, &reply.body),
            (non_party.status, &non_party.body),
            "{name}"
        );
    }
    let bad_after = format!("/v1/logs/{SHA256}/entries?after=x");
    case(
        "after that is no number",
        &get(&bad_after, &headers(&bad_after, &party, now, "n-12")),
    );

    // An append by no party: the same answer for a registered contract and for none.
    let by_stranger = signed(
        3,
        &lines[1],
        &stranger,
        "stranger",
        "visits",
        "2019-02-01",
        serde_json::json!({}),
    );
    let to_registered = client.append(SHA256, &by_stranger, &stranger).unwrap();
    let to_none = client.append(&unknown, &by_stranger, &stranger).unwrap();
    assert_eq!(
        (to_registered.status, &to_registered.body),
        (to_none.status, &to_none.body)
    );
    case("append by no party (to any contract)", &to_registered);
    insta::assert_snapshot!("reads", out);
    drop(service);
}

#[test]
fn entries_come_a_page_at_a_time_with_the_checkpoint() {
    for db in databases("pages") {
        entries_come_a_page_at_a_time_with_the_checkpoint_on(db);
    }
}

/// Stores `total` lines chained as entries are (the client checks each page's seq and prev; no contract admits
/// them), each with an id of `id_len` bytes, straight into the database with a checkpoint of them all.
fn store_chained(
    service: &Harness,
    db: &str,
    total: usize,
    id_len: usize,
) -> (Vec<String>, String) {
    let client = service.client();
    assert_eq!(
        client
            .register(&registration(CONTRACT), &party())
            .unwrap()
            .status,
        201
    );
    let note = checkpoint::Checkpoint {
        origin: format!("test.cvl.example/{SHA256}"),
        size: total as u64,
        head: [0; 32],
        extensions: Vec::new(),
    }
    .sign(&service.note_key(), &service_key());
    let mut prev = [0; 32];
    let chained: Vec<String> = (1..=total as u64)
        .map(|n| {
            let entry = cvl_log::NewEntry {
                id: format!("e-{n}-{}", "x".repeat(id_len)),
                at: "2019-01-10".to_string(),
                kind: "k".to_string(),
                actor: "firm".to_string(),
                data: serde_json::Map::new(),
            };
            let (line, digest) = entry.sign(n, &prev, &key_of("firm")).unwrap();
            prev = digest;
            line
        })
        .collect();
    service.runtime.block_on(async {
        use sqlx::Connection as _;
        let url = cvl_serve::store::database_url(db);
        let mut connection = sqlx::AnyConnection::connect(&url).await.unwrap();
        let mut tx = connection.begin().await.unwrap();
        for (n, line) in chained.iter().enumerate() {
            sqlx::query(
                "INSERT INTO entries (contract, seq, line, digest) VALUES ($1, $2, $3, '')",
            )
            .bind(SHA256)
            .bind(n as i64 + 1)
            .bind(line.as_str())
            .execute(&mut *tx)
            .await
            .unwrap();
        }
        sqlx::query("INSERT INTO checkpoints (contract, size, note) VALUES ($1, $2, $3)")
            .bind(SHA256)
            .bind(total as i64)
            .bind(note.as_str())
            .execute(&mut *tx)
            .await
            .unwrap();
        tx.commit().await.unwrap();
    });
    (chained, note)
}

/// A log longer than a page (the lines stored straight into the database, since only the paging is tested): the
/// first answer holds 1000 lines, the next the rest, each with the checkpoint of the whole log; the client's fetch
/// reads them all.
fn entries_come_a_page_at_a_time_with_the_checkpoint_on(db: String) {
    let service = Harness::start(db.clone());
    let client = service.client();
    let total = cvl_serve::read::PAGE as usize + 5;
    let (chained, note) = store_chained(&service, &db, total, 0);
    let line = |n: usize| chained[n - 1].clone();
    let party = key_of("firm");
    let page = |after: usize| {
        let path = format!("/v1/logs/{SHA256}/entries?after={after}");
        let reply = client.signed_get(&path, &party).unwrap();
        assert_eq!(reply.status, 200, "{}", reply.body);
        serde_json::from_str::<Value>(&reply.body).unwrap()
    };
    let first = page(0);
    let lines = first["entries"].as_array().unwrap();
    assert_eq!(lines.len(), cvl_serve::read::PAGE as usize);
    assert_eq!(
        (&lines[0], &lines[999]),
        (&Value::from(line(1)), &Value::from(line(1000)))
    );
    assert_eq!(first["checkpoint"], note);
    let rest = page(1000);
    assert_eq!(rest["entries"].as_array().unwrap().len(), 5);
    assert_eq!(rest["entries"][4], line(total));
    assert_eq!(page(total)["entries"], serde_json::json!([]));
    // The client fetches page after page up to the checkpoint's size.
    let fetched =
        cvl_serve::client::fetch(&client, SHA256, 3, &party, Some(&service.note_key())).unwrap();
    assert_eq!(fetched.lines.len(), total - 3);
    assert_eq!(fetched.lines[0], line(4));
    assert_eq!(fetched.read.size, total as u64);
    drop(service);
}

#[test]
fn long_lines_come_in_pages_of_at_most_max_page_bytes() {
    for db in databases("longpages") {
        long_lines_come_in_pages_on(db);
    }
}

/// Twelve lines of about 700 KB (8 MB in all, more than the client reads in one answer): a page holds lines up to
/// MAX_PAGE_BYTES, so the first holds five, and the client's fetch reads them all page after page.
fn long_lines_come_in_pages_on(db: String) {
    let service = Harness::start(db.clone());
    let client = service.client();
    let (chained, _) = store_chained(&service, &db, 12, 700_000);
    let party = key_of("firm");
    let reply = client
        .signed_get(&format!("/v1/logs/{SHA256}/entries?after=0"), &party)
        .unwrap();
    assert_eq!(
        reply.status,
        200,
        "{}",
        &reply.body[..200.min(reply.body.len())]
    );
    let first: Value = serde_json::from_str(&reply.body).unwrap();
    let lines = first["entries"].as_array().unwrap();
    let bytes: usize = lines.iter().map(|l| l.as_str().unwrap().len()).sum();
    assert_eq!(lines.len(), 5);
    assert!(bytes <= cvl_serve::MAX_PAGE_BYTES, "{bytes}");
    let fetched =
        cvl_serve::client::fetch(&client, SHA256, 0, &party, Some(&service.note_key())).unwrap();
    assert_eq!(fetched.lines, chained);
    drop(service);
}
