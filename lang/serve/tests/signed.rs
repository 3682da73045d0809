//! Registering and appending are signed requests by a party (RFC 9421, the body covered by `Content-Digest`), for
//! this service's authority, on SQLite and PostgreSQL: each refusal's status and words in a snapshot; anyone but a
//! party gets one answer for any append; the service's own limits (a header-read timeout, a wrong method, a
//! registration that is no JSON object, a NUL in a text, `after` beyond any log) and its start (the address bound
//! before the database is made, the database named when it cannot be opened).

#![cfg(test)]

use std::io::{Read as _, Write as _};
use std::time::{Duration, Instant};

use cvl_log::SecretKey;
use cvl_serve::auth;
use cvl_serve::client::Reply;

mod support;
use support::*;

/// A raw request with the given header fields, the service's words back.
fn raw(
    base: &str,
    method: &str,
    path: &str,
    fields: &[(&str, String)],
    body: Option<&[u8]>,
) -> Reply {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    let url = format!("{base}{path}");
    let mut response = match body {
        Some(body) => {
            let mut request = agent.post(&url);
            for (name, value) in fields {
                request = request.header(*name, value.as_str());
            }
            request.send(body).unwrap()
        }
        None => {
            let mut request = if method == "DELETE" {
                agent.delete(&url)
            } else {
                agent.get(&url)
            };
            for (name, value) in fields {
                request = request.header(*name, value.as_str());
            }
            request.call().unwrap()
        }
    };
    Reply {
        status: response.status().as_u16(),
        body: response.body_mut().read_to_string().unwrap(),
    }
}

#[test]
fn registering_and_appending_are_a_party_s_signed_requests() {
    for db in databases("signed") {
        registering_and_appending_are_a_party_s_signed_requests_on(db);
    }
}

fn registering_and_appending_are_a_party_s_signed_requests_on(db: String) {
    let service = Harness::start(db);
    let client = service.client();
    let addr = service.running.as_ref().unwrap().addr.to_string();
    let base = format!("http://{addr}");
    let stranger = SecretKey::from_seed([7; 32]);
    let mut out = String::new();
    let mut case = |name: &str, reply: &Reply| out.push_str(&shown(name, reply));
    let body = serde_json::to_vec(&registration(CONTRACT)).unwrap();
    let sign = |method: &str, authority: &str, path: &str, body: Option<&[u8]>, key: &SecretKey| {
        auth::sign(
            method,
            authority,
            path,
            body,
            key,
            auth::unix_now(),
            &auth::nonce().unwrap(),
        )
        .unwrap()
    };

    // Registering.
    case(
        "unsigned registration",
        &raw(&base, "POST", "/v1/contracts", &[], Some(&body)),
    );
    case(
        "registration by a key of no party",
        &client.register(&registration(CONTRACT), &stranger).unwrap(),
    );
    case(
        "registration as a JSON array",
        &client
            .signed_post(
                "/v1/contracts",
                "application/json",
                format!(
                    "[null, [{{\"role\": \"contract\", \"text\": {}}}]]",
                    serde_json::to_string(&registration(CONTRACT).files[0].text).unwrap()
                )
                .as_bytes(),
                &party(),
            )
            .unwrap(),
    );
    case(
        "empty registration",
        &client
            .signed_post("/v1/contracts", "application/json", b"", &party())
            .unwrap(),
    );
    let mut nul = registration(CONTRACT);
    nul.files[0].text.push_str("\n// a NUL \u{0} here\n");
    case("a NUL in a text", &client.register(&nul, &party()).unwrap());
    let digest_of_other = sign("POST", &addr, "/v1/contracts", Some(b"{}"), &party());
    case(
        "Content-Digest of another body",
        &raw(
            &base,
            "POST",
            "/v1/contracts",
            &digest_of_other,
            Some(&body),
        ),
    );
    let registered = client.register(&registration(CONTRACT), &party()).unwrap();
    assert_eq!(registered.status, 201, "{}", registered.body);

    // Appending: anyone but a party gets one answer, whatever the entry and whether or not the contract exists.
    let lines = log_lines();
    let entries = format!("/v1/logs/{SHA256}/entries");
    let unknown = format!("/v1/logs/{}/entries", "ab".repeat(32));
    case(
        "unsigned append",
        &raw(&base, "POST", &entries, &[], Some(lines[0].as_bytes())),
    );
    let by_stranger = client.append(SHA256, &lines[0], &stranger).unwrap();
    let by_stranger_garbage = client.append(SHA256, "not an entry", &stranger).unwrap();
    let by_party_to_none = client
        .append(&"ab".repeat(32), &lines[0], &party())
        .unwrap();
    let by_stranger_to_none = client
        .append(&"ab".repeat(32), "not an entry", &stranger)
        .unwrap();
    for (name, reply) in [
        ("garbage by no party", &by_stranger_garbage),
        ("a party's to no contract", &by_party_to_none),
        ("garbage by no party to no contract", &by_stranger_to_none),
    ] {
        assert_eq!(
            (reply.status, &reply.body),
            (by_stranger.status, &by_stranger.body),
            "{name}"
        );
    }
    case("append by no party (any entry, any contract)", &by_stranger);
    // A party's entry replayed by anyone: the same answer, never the log's state.
    let line = format!("{}\n", lines[0]);
    let mut without_digest = sign("POST", &addr, &entries, Some(line.as_bytes()), &party());
    without_digest.retain(|(name, _)| *name != "content-digest");
    case(
        "append without a Content-Digest field",
        &raw(
            &base,
            "POST",
            &entries,
            &without_digest,
            Some(line.as_bytes()),
        ),
    );
    let get_signed = sign("GET", &addr, &entries, None, &party());
    case(
        "append signed as a read (no content-digest covered)",
        &raw(&base, "POST", &entries, &get_signed, Some(line.as_bytes())),
    );
    let other_service = sign(
        "POST",
        "127.0.0.1:1",
        &entries,
        Some(line.as_bytes()),
        &party(),
    );
    case(
        "append signed for another service",
        &raw(
            &base,
            "POST",
            &entries,
            &other_service,
            Some(line.as_bytes()),
        ),
    );
    let appended = client.append(SHA256, &lines[0], &party()).unwrap();
    assert_eq!(appended.status, 201, "{}", appended.body);
    let replayed = sign("POST", &addr, &entries, Some(line.as_bytes()), &party());
    assert_eq!(
        raw(&base, "POST", &entries, &replayed, Some(line.as_bytes())).status,
        409
    );
    let again = raw(&base, "POST", &entries, &replayed, Some(line.as_bytes()));
    assert_eq!(
        (again.status, &again.body),
        (by_stranger.status, &by_stranger.body)
    );
    let _ = unknown;
    case(
        "empty append",
        &client
            .signed_post(&entries, "application/jsonl", b"", &party())
            .unwrap(),
    );

    // Reads: `@authority` is required; a field that is not text; any `after`.
    let checkpoint = format!("/v1/logs/{SHA256}/checkpoint");
    let mut fields = sign("GET", &addr, &checkpoint, None, &party());
    fields[0].1 = fields[0].1.replace(" \"@authority\"", "");
    case(
        "read whose signature does not cover @authority",
        &raw(&base, "GET", &checkpoint, &fields, None),
    );
    let far = format!("/v1/logs/{SHA256}/entries?after={}", u64::MAX);
    let read = client.signed_get(&far, &party()).unwrap();
    assert_eq!(read.status, 200, "{}", read.body);
    let read: serde_json::Value = serde_json::from_str(&read.body).unwrap();
    assert_eq!(read["entries"], serde_json::json!([]));
    case(
        "a method the route does not answer",
        &raw(&base, "DELETE", &checkpoint, &[], None),
    );
    insta::assert_snapshot!("signed", out);

    // A Signature-Input that is not text: its own words, not a parser's.
    let mut stream = std::net::TcpStream::connect(&addr).unwrap();
    let mut request =
        format!("GET {checkpoint} HTTP/1.1\r\nHost: {addr}\r\nSignature-Input: cvl=").into_bytes();
    request.push(0xff);
    request.extend_from_slice(b"\r\nSignature: cvl=:AA==:\r\nConnection: close\r\n\r\n");
    stream.write_all(&request).unwrap();
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).unwrap();
    let answer = String::from_utf8_lossy(&answer);
    assert!(
        answer.contains("its `Signature-Input` field is not text"),
        "{answer}"
    );
    drop(service);
}

/// A connection that sends part of a request's header fields is closed after the header-read timeout.
#[test]
fn a_connection_that_sends_no_whole_request_is_closed() {
    let [sqlite, _] = databases("idle");
    let service = Harness::start(sqlite);
    let addr = service.running.as_ref().unwrap().addr;
    let mut stream = std::net::TcpStream::connect(addr).unwrap();
    stream
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
        .unwrap();
    stream
        .set_read_timeout(Some(cvl_serve::HEADER_TIME + Duration::from_secs(10)))
        .unwrap();
    let started = Instant::now();
    let mut rest = Vec::new();
    let _ = stream.read_to_end(&mut rest);
    assert!(
        started.elapsed() < cvl_serve::HEADER_TIME + Duration::from_secs(5),
        "closed after {:?}",
        started.elapsed()
    );
    drop(service);
}

/// The address is bound before the database is made; a database that cannot be opened is named, with why.
#[test]
fn the_service_starts_in_order_and_names_its_database() {
    let dir = scratch("start");
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let db = dir.join("never.sqlite");
    let config = |database: String, listen: String| cvl_serve::Config {
        database,
        listen,
        key: service_key(),
        name: "test.cvl.example".to_string(),
        public_url: None,
    };
    let mut out = String::new();
    let error = runtime
        .block_on(cvl_serve::start(config(
            db.to_str().unwrap().to_string(),
            taken.local_addr().unwrap().to_string(),
        )))
        .err()
        .unwrap()
        .to_string();
    assert!(
        !db.exists(),
        "the database was made before the address was bound"
    );
    out.push_str(&format!("## port in use\n{}\n\n", without_port(&error)));
    let error = runtime
        .block_on(cvl_serve::start(config(
            dir.to_str().unwrap().to_string(),
            "127.0.0.1:0".to_string(),
        )))
        .err()
        .unwrap()
        .to_string();
    out.push_str(&format!(
        "## a directory as the database\n{}\n\n",
        error.replace(dir.to_str().unwrap(), "[dir]")
    ));
    let closed = taken.local_addr().unwrap().port();
    drop(taken);
    let started = Instant::now();
    let error = runtime
        .block_on(cvl_serve::start(config(
            format!("postgres://cvl:secret@127.0.0.1:{closed}/none"),
            "127.0.0.1:0".to_string(),
        )))
        .err()
        .unwrap()
        .to_string();
    assert!(started.elapsed() < Duration::from_secs(5));
    out.push_str(&format!(
        "## PostgreSQL that refuses connections\n{}\n\n",
        without_port(&error)
    ));
    let error = runtime
        .block_on(cvl_serve::start(cvl_serve::Config {
            public_url: Some("logs.example".to_string()),
            ..config(
                dir.join("x.sqlite").to_str().unwrap().to_string(),
                "127.0.0.1:0".to_string(),
            )
        }))
        .err()
        .unwrap()
        .to_string();
    out.push_str(&format!("## a public URL without a scheme\n{error}\n\n"));
    insta::assert_snapshot!("start", out);
}
