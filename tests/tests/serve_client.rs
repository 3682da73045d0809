//! The client of the log service against a service that does not keep to its word (a fake one on the loopback
//! interface, answering as told): every page of entries checked as it arrives, receipts that are not this log's or
//! not of what was sent refused with nothing kept or written, redirects refused, answers not UTF-8 or too large
//! refused in the client's words; and the checkpoint kept beside a log read only from a regular file, a copy of
//! the log that does not verify refused as this copy's fault before anything is fetched.

#![cfg(test)]

use std::fs;
use std::io::{Read, Write};
use std::net::TcpListener;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use cvl_log::SecretKey;
use cvl_log::checkpoint::{Checkpoint, NoteKey};

use cvl_tests::run_cvl as run;

mod serve_support;
use serve_support::{CONTRACT, LOG, MUNI, SHA256, shown};

/// An answer of the fake service: status, header fields, body.
type Answer = (u16, Vec<(String, String)>, Vec<u8>);
type Handler = dyn Fn(&str, &str) -> Answer + Send + Sync;

/// A fake service on a free loopback port answering each request (method, path and query) with `handler`; its
/// address and how many requests it had.
fn fake(handler: Arc<Handler>) -> (String, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let count = Arc::new(AtomicUsize::new(0));
    let counted = count.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            counted.fetch_add(1, Ordering::SeqCst);
            let mut request = Vec::new();
            let mut byte = [0u8; 1];
            while !request.ends_with(b"\r\n\r\n") && stream.read(&mut byte).unwrap_or(0) == 1 {
                request.push(byte[0]);
            }
            let head = String::from_utf8_lossy(&request).to_string();
            let length: usize = head
                .lines()
                .find_map(|l| {
                    l.to_ascii_lowercase()
                        .strip_prefix("content-length:")
                        .map(|v| v.trim().parse().unwrap())
                })
                .unwrap_or(0);
            let mut body = vec![0; length];
            let _ = stream.read_exact(&mut body);
            let mut first = head.lines().next().unwrap_or("").split(' ');
            let method = first.next().unwrap_or("").to_string();
            let path = first.next().unwrap_or("").to_string();
            let (status, fields, body) = handler(&method, &path);
            let mut answer = format!(
                "HTTP/1.1 {status} X\r\ncontent-length: {}\r\nconnection: close\r\n",
                body.len()
            );
            for (name, value) in fields {
                answer.push_str(&format!("{name}: {value}\r\n"));
            }
            answer.push_str("\r\n");
            let _ = stream.write_all(answer.as_bytes());
            let _ = stream.write_all(&body);
        }
    });
    (url, count)
}

fn lines() -> Vec<&'static str> {
    include_str!("../../examples/placement/log.jsonl")
        .lines()
        .collect()
}

fn digest(line: &str) -> [u8; 32] {
    cvl_log::contract_digest(line.as_bytes())
}

/// A checkpoint of `size` entries ending at `head`, of the log whose origin is `origin`, signed by a fake key.
fn note(origin: &str, size: u64, head: [u8; 32]) -> String {
    let secret = SecretKey::from_seed([7; 32]);
    let name = NoteKey::new("fake.example", secret.public()).unwrap();
    Checkpoint {
        origin: origin.to_string(),
        size,
        head,
        extensions: vec![],
    }
    .sign(&name, &secret)
}

fn ours(size: u64, head: [u8; 32]) -> String {
    note(&format!("fake.example/{SHA256}"), size, head)
}

fn json(status: u16, value: serde_json::Value) -> Answer {
    (
        status,
        vec![("content-type".into(), "application/json".into())],
        value.to_string().into_bytes(),
    )
}

/// A page: the entries and the checkpoint.
fn page(entries: &[&str], checkpoint: String) -> Answer {
    json(
        200,
        serde_json::json!({ "entries": entries, "checkpoint": checkpoint }),
    )
}

fn pull(url: &str, log: &str) -> (i32, String, String) {
    run(&[
        "log",
        "pull",
        log,
        "--server",
        url,
        "--contract",
        CONTRACT,
        "--key",
        MUNI,
    ])
}

#[test]
fn a_pulling_client_checks_every_page_and_answer_as_it_arrives() {
    let dir = cvl_tests::scratch_dir("serve", "client-pages");
    let lines = lines();
    let (l1, l2, l3) = (lines[0], lines[1], lines[2]);
    let mut out = String::new();
    let mut case = |what: &str, handler: Arc<Handler>| {
        let (url, _) = fake(handler);
        let log = dir.join(format!("{}.jsonl", out.len()));
        let result = pull(&url, log.to_str().unwrap());
        assert!(!log.exists(), "{what}: nothing is written");
        out.push_str(&format!("# {what}\n{}\n\n", shown(&url, &dir, result)));
    };
    case(
        "one line over and over, and a checkpoint of a huge size",
        Arc::new(move |_, _| page(&vec![l1; 1000], ours(999_999_999_999_999, [0; 32]))),
    );
    let mut unlinked: serde_json::Value = serde_json::from_str(l2).unwrap();
    unlinked["prev"] = serde_json::Value::from("00".repeat(32));
    let unlinked = Box::leak(unlinked.to_string().into_boxed_str()) as &str;
    case(
        "entry 2 whose prev is not entry 1's digest",
        Arc::new(move |_, _| page(&[l1, unlinked], ours(2, digest(unlinked)))),
    );
    case(
        "an entry out of order",
        Arc::new(move |_, _| page(&[l1, l3], ours(3, digest(l3)))),
    );
    case(
        "more entries than the checkpoint says",
        Arc::new(move |_, _| page(&[l1, l2], ours(1, digest(l1)))),
    );
    case(
        "a checkpoint of entries the service does not give",
        Arc::new(move |_, _| page(&[], ours(101, [1; 32]))),
    );
    case(
        "a redirect",
        Arc::new(|_, _| {
            (
                302,
                vec![("location".into(), "http://127.0.0.1:9/elsewhere".into())],
                vec![],
            )
        }),
    );
    case(
        "an answer that is not UTF-8",
        Arc::new(|_, _| (200, vec![], vec![0xff, 0xfe, 0xfd])),
    );
    let huge = usize::try_from(cvl_serve::client::MAX_BODY).unwrap() + 1;
    case(
        "an answer larger than any page",
        Arc::new(move |_, _| (200, vec![], vec![b' '; huge])),
    );
    // HTTPS is spoken (rustls): to a plain HTTP service it fails in the TLS handshake, in the client's words.
    let plain = TcpListener::bind("127.0.0.1:0").unwrap();
    let https = format!("https://{}", plain.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in plain.incoming() {
            let Ok(mut stream) = stream else { continue };
            let _ = stream.write_all(b"HTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\n\r\n");
        }
    });
    let result = pull(&https, dir.join("tls.jsonl").to_str().unwrap());
    out.push_str(&format!(
        "# https:// to a service that speaks plain HTTP\n{}\n\n",
        shown(&https, &dir, result)
    ));
    insta::assert_snapshot!("client_pages", out);
}

#[test]
fn a_receipt_that_is_not_of_what_was_sent_is_refused_and_nothing_kept() {
    let dir = cvl_tests::scratch_dir("serve", "client-receipts");
    let lines = lines();
    let (l1, l2) = (lines[0], lines[1]);
    let contract = cvl_log::parse_hex(SHA256).unwrap();
    let mut out = String::new();
    // push: the service holds nothing, then answers each append with `receipt`.
    let receipts: [(&str, String); 3] = [
        ("a receipt of 50 entries", ours(50, digest(l1))),
        (
            "a receipt of another contract's log",
            note(&format!("fake.example/{}", "ab".repeat(32)), 1, digest(l1)),
        ),
        (
            "a receipt whose head is not the entry sent",
            ours(1, [9; 32]),
        ),
    ];
    for (what, receipt) in receipts {
        let (url, _) = fake(Arc::new(move |method, path| match (method, path) {
            ("POST", "/v1/contracts") => json(201, serde_json::json!({})),
            ("GET", _) => (200, vec![], ours(0, contract).into_bytes()),
            _ => json(201, serde_json::json!({ "checkpoint": receipt })),
        }));
        let log = dir.join(format!("push{}.jsonl", out.len()));
        fs::write(&log, format!("{l1}\n")).unwrap();
        let log = log.to_str().unwrap();
        let result = run(&[
            "log",
            "push",
            log,
            "--server",
            &url,
            "--contract",
            CONTRACT,
            "--key",
            MUNI,
        ]);
        assert!(
            !dir.join(format!("{log}.checkpoint")).exists(),
            "{what}: no receipt kept"
        );
        out.push_str(&format!(
            "# push: {what}\n{}\n\n",
            shown(&url, &dir, result)
        ));
    }
    // append --server: the pull finds the service at entry 2, the post of entry 3 gets a receipt of 50.
    let entry: serde_json::Value = serde_json::from_str(lines[2]).unwrap();
    let (url, _) = fake(Arc::new(move |method, _| match method {
        "GET" => page(&[l2], ours(2, digest(l2))),
        _ => json(
            201,
            serde_json::json!({ "checkpoint": ours(50, digest(l2)) }),
        ),
    }));
    let log = dir.join("append.jsonl");
    fs::write(&log, format!("{l1}\n{l2}\n")).unwrap();
    let data = entry["data"].to_string();
    let result = run(&[
        "log",
        "append",
        log.to_str().unwrap(),
        "--contract",
        CONTRACT,
        "--key",
        MUNI,
        "--kind",
        "supplement_started",
        "--at",
        "2019-02-01",
        "--data",
        &data,
        "--id",
        "sup-1",
        "--server",
        &url,
    ]);
    assert_eq!(
        fs::read_to_string(&log).unwrap(),
        format!("{l1}\n{l2}\n"),
        "nothing is written"
    );
    out.push_str(&format!(
        "# append --server: a receipt of 50 entries\n{}\n\n",
        shown(&url, &dir, result)
    ));
    insta::assert_snapshot!("client_receipts", out);
}

#[test]
fn kept_checkpoints_are_read_only_from_regular_files_and_this_copy_is_blamed_for_its_own_faults() {
    let dir = cvl_tests::scratch_dir("serve", "client-kept");
    let lines = lines();
    let (url, count) = fake(Arc::new(|_, _| (500, vec![], vec![])));
    let path = |name: &str| dir.join(name).to_str().unwrap().to_string();
    let mut out = String::new();
    let mut show =
        |what: &str, result| out.push_str(&format!("# {what}\n{}\n\n", shown(&url, &dir, result)));
    let fifo = path("fifo.jsonl");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(format!("{fifo}.checkpoint"))
            .status()
            .unwrap()
            .success()
    );
    show("pull with a FIFO as the kept checkpoint", pull(&url, &fifo));
    let zero = path("zero.jsonl");
    std::os::unix::fs::symlink("/dev/zero", format!("{zero}.checkpoint")).unwrap();
    show(
        "pull with a link to /dev/zero as the kept checkpoint",
        pull(&url, &zero),
    );
    let large = path("large.jsonl");
    fs::write(format!("{large}.checkpoint"), vec![b'a'; 65_537]).unwrap();
    show(
        "pull with a kept checkpoint over 64 KiB",
        pull(&url, &large),
    );
    let key = NoteKey::new("fake.example", SecretKey::from_seed([7; 32]).public())
        .unwrap()
        .text();
    show(
        "verify --checkpoint a FIFO",
        run(&[
            "log",
            "verify",
            LOG,
            "--contract",
            CONTRACT,
            "--checkpoint",
            &format!("{fifo}.checkpoint"),
            "--server-key",
            &key,
        ]),
    );
    let tampered = path("tampered.jsonl");
    let mut copy: Vec<String> = lines[..60].iter().map(|l| l.to_string()).collect();
    copy[49] = copy[49].replacen("\"hours\":", "\"hours\":1", 1);
    assert_ne!(copy[49], lines[49]);
    fs::write(&tampered, format!("{}\n", copy.join("\n"))).unwrap();
    show(
        "pull into a copy changed since it was written",
        pull(&url, &tampered),
    );
    show(
        "push with `--server-key` that is neither a key nor a file",
        run(&[
            "log",
            "push",
            &tampered,
            "--server",
            &url,
            "--contract",
            CONTRACT,
            "--key",
            MUNI,
            "--server-key",
            "garbage",
        ]),
    );
    let key_file = path("server.pub");
    fs::write(&key_file, "garbage\n").unwrap();
    show(
        "pull with `--server-key` a file that holds no key",
        run(&[
            "log",
            "pull",
            &tampered,
            "--server",
            &url,
            "--contract",
            CONTRACT,
            "--key",
            MUNI,
            "--server-key",
            &key_file,
        ]),
    );
    assert_eq!(
        count.load(Ordering::SeqCst),
        0,
        "nothing was asked of the service"
    );
    insta::assert_snapshot!("client_kept", out);
}

/// `cvl log page` against a service whose answer is no page link (no `page`, one that is not `/v1/pages/TOKEN`, a
/// token with characters no token has, an expiry that is not a time), or another refusal than the one 404 (too many
/// links): each refused in the client's words, and nothing printed on stdout.
#[test]
fn cvl_log_page_refuses_an_answer_that_is_no_page_link() {
    let dir = cvl_tests::scratch_dir("serve_client", "page");
    let mut out = String::new();
    for (what, status, body) in [
        ("no page", 201, r#"{"expires": "2026-01-01T00:00:00Z"}"#),
        (
            "a page elsewhere",
            201,
            r#"{"page": "https://elsewhere.example/x"}"#,
        ),
        (
            "a token with markup",
            201,
            r#"{"page": "/v1/pages/<b>x</b>"}"#,
        ),
        ("not JSON", 201, "page"),
        (
            "an expiry that is no time",
            201,
            r#"{"page": "/v1/pages/abc", "expires": "never: trust this link\u001b[2K"}"#,
        ),
        (
            "a too-many-links refusal",
            429,
            r#"{"error": "this key holds 16 living links to this log's page, as many as a party may hold: no link was made", "help": "open a link given before, or ask again once the oldest expires, at 2026-01-01T00:15:00Z"}"#,
        ),
        (
            "another refusal",
            503,
            r#"{"error": "the service cannot reach its storage now: nothing was changed", "help": "try again later"}"#,
        ),
    ] {
        let body = body.as_bytes().to_vec();
        let (url, _) = fake(Arc::new(move |_: &str, _: &str| {
            (status, vec![], body.clone())
        }));
        let result = run(&[
            "log",
            "page",
            "--server",
            &url,
            "--contract",
            CONTRACT,
            "--key",
            MUNI,
        ]);
        assert_eq!(result.0, 1, "{what}");
        assert!(result.1.is_empty(), "{what}");
        out.push_str(&format!("# {what}\n{}\n\n", shown(&url, &dir, result)));
    }
    insta::assert_snapshot!("log_page_refused", out);
    let _ = fs::remove_dir_all(&dir);
}
