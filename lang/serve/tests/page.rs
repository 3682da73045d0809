//! A log's page for its parties (page.rs), on SQLite and PostgreSQL: a party's signed request gets a short-lived
//! link, and the link serves the decision as `cvl report` shows it, the reference case's figures, in a real browser
//! too; every request that is not a party's gets one answer, byte for byte (a key of no party, a replayed nonce, a
//! stale request, a contract that is not registered, another contract's log; an unknown, expired or malformed
//! token), with the words of each refusal in a snapshot.

#![cfg(test)]

use std::time::Duration;

use cvl_log::SecretKey;
use cvl_serve::auth;
use cvl_serve::client::Reply;

mod support;
use support::*;

/// A service over `db` holding the reference contract and its whole log, registered as `cvl log push` registers
/// it: with the text of every file it is made of, the bundled module `care`'s too.
fn with_the_reference_log(db: String) -> Harness {
    let service = Harness::start(db);
    let client = service.client();
    let mut files = registration(CONTRACT);
    let (_, care) = cvl_check::loader::STDLIB
        .iter()
        .find(|(name, _)| *name == "care")
        .unwrap();
    files.files.push(cvl_serve::registered::FileText {
        role: "module".to_string(),
        name: "care".to_string(),
        text: care.to_string(),
    });
    let registered = client.register(&files, &party()).unwrap();
    assert_eq!(registered.status, 201, "{}", registered.body);
    for line in log_lines() {
        let reply = client.append(SHA256, &line, &party()).unwrap();
        assert_eq!(reply.status, 201, "{}", reply.body);
    }
    service
}

/// `GET url` by a browser: the status, the header fields asked for, and the body.
fn browse(url: &str, fields: &[&str]) -> (u16, Vec<String>, String) {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    let mut response = agent.get(url).call().unwrap();
    let status = response.status().as_u16();
    let values = fields
        .iter()
        .map(|name| {
            response
                .headers()
                .get(*name)
                .map(|v| v.to_str().unwrap().to_string())
                .unwrap_or_default()
        })
        .collect();
    let body = response.body_mut().read_to_string().unwrap();
    (status, values, body)
}

#[test]
fn a_party_gets_a_link_and_the_page_shows_the_decision() {
    for (i, db) in databases("page").into_iter().enumerate() {
        a_party_gets_a_link_and_the_page_shows_the_decision_on(db, i == 0);
    }
}

fn a_party_gets_a_link_and_the_page_shows_the_decision_on(db: String, browser: bool) {
    let service = with_the_reference_log(db);
    let client = service.client();
    let base = format!("http://{}", service.running.as_ref().unwrap().addr);
    let link = cvl_serve::client::page_link(&client, SHA256, &key_of("ostervold")).unwrap();
    let token = link.url.strip_prefix(&format!("{base}/v1/pages/")).unwrap();
    assert_eq!(token.len(), 43, "32 bytes in unpadded base64url: {token}");
    let expires =
        chrono::NaiveDateTime::parse_from_str(&link.expires, "%Y-%m-%dT%H:%M:%SZ").unwrap();
    let left = expires - cvl_log::clock::now();
    assert!(
        left <= chrono::TimeDelta::minutes(15) && left > chrono::TimeDelta::minutes(14),
        "{left}"
    );

    let as_of = format!("{}?as-of=2020-01-14", link.url);
    let fields = [
        "content-type",
        "content-security-policy",
        "cache-control",
        "referrer-policy",
    ];
    let (status, values, page) = browse(&as_of, &fields);
    assert_eq!(status, 200, "{page}");
    assert_eq!(
        values,
        [
            "text/html; charset=utf-8",
            "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; \
             frame-ancestors 'none'",
            "no-store",
            "no-referrer"
        ]
    );
    assert!(!page.contains("<script"), "the page runs no script");
    for figure in [
        "52,096.78 DKK",
        "Withheld: 90,000.00 DKK",
        "2019-10-29",
        "rep-3",
        "sig-1",
        "sup-1",
        "cvl report contract.cvl --log log.jsonl --until 2020-01-14 --lang en --date 2020-01-14 -o report.html",
        "e9c1b6e36cccfaed5cf78ad5ed3fde775ede605946c0439a9b9b16068652e9fd",
    ] {
        assert!(page.contains(figure), "the page lacks `{figure}`");
    }
    // The bundled module, registered with its text, is named as `cvl report` names it.
    assert!(
        page.contains("&lt;stdlib&gt;/care.cvl:"),
        "the page cites `<stdlib>/care.cvl`"
    );
    assert!(
        !page.contains(">care.cvl") && !page.contains(" care.cvl"),
        "the page names the bundled module as `cvl report` does"
    );
    // The same log and day give the same bytes, through another party's link too.
    let again = cvl_serve::client::page_link(&client, SHA256, &key_of("firm")).unwrap();
    assert_ne!(again.url, link.url);
    assert_eq!(
        browse(&format!("{}?as-of=2020-01-14", again.url), &[]).2,
        page
    );
    // An earlier day decides less; Danish is asked for with `lang=da`.
    let march = browse(&format!("{}?as-of=2019-03-31", link.url), &[]).2;
    assert!(march.contains("52,096.78 DKK") && !march.contains("rep-3"));
    let danish = browse(&format!("{}?lang=da&as-of=2020-01-14", link.url), &[]).2;
    assert!(danish.contains("52.096,78 kr."), "the Danish page");
    // Without `as-of`, as the log stands, dated today.
    let today = browse(&link.url, &[]);
    assert_eq!(today.0, 200);
    assert!(today.2.contains(&cvl_log::clock::now().date().to_string()));

    if browser {
        in_a_real_browser(&as_of);
    }
}

/// Runs `program` with `args`, killed after two minutes: whether it succeeded, and what it said.
fn run_bounded(program: &str, args: &[String]) -> (bool, String) {
    use std::process::{Command, Stdio};
    let child = Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let mut child = match child {
        Ok(child) => child,
        Err(error) => return (false, format!("cannot run `{program}`: {error}")),
    };
    let started = std::time::Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(_)) => break,
            Ok(None) if started.elapsed() > Duration::from_secs(120) => {
                let _ = child.kill();
                return (false, format!("`{program}` took more than two minutes"));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(50)),
            Err(error) => return (false, error.to_string()),
        }
    }
    let output = child.wait_with_output().unwrap();
    (
        output.status.success(),
        format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        ),
    )
}

const INSTALL: &str = "the page's browser test needs Chromium and poppler-utils (pdftotext): run `bash tests/setup`, \
     which installs them";

/// The page as a browser gets it from the service (Debian's Chromium, headless), printed to PDF: its text holds
/// the reference case's figures.
fn in_a_real_browser(url: &str) {
    let dir = scratch("page-browser");
    let pdf = dir.join("page.pdf");
    let args: Vec<String> = vec![
        "--headless".into(),
        "--no-sandbox".into(),
        "--disable-gpu".into(),
        "--disable-quic".into(),
        "--no-first-run".into(),
        "--disable-background-networking".into(),
        "--disable-component-update".into(),
        "--disable-sync".into(),
        "--no-pdf-header-footer".into(),
        format!("--user-data-dir={}", dir.join("profile").display()),
        format!("--print-to-pdf={}", pdf.display()),
        url.to_string(),
    ];
    let (ok, said) = run_bounded("chromium", &args);
    assert!(ok && pdf.exists(), "{INSTALL}\n{said}");
    let (ok, text) = run_bounded("pdftotext", &[pdf.display().to_string(), "-".into()]);
    assert!(ok, "{INSTALL}\n{text}");
    for figure in [
        "52,096.78 DKK",
        "Withheld: 90,000.00 DKK",
        "2019-01 · ostervold (Opholdsstedet Østervold) · Total 52,096.78 DKK",
        "rep-3",
    ] {
        assert!(text.contains(figure), "the PDF lacks `{figure}`:\n{text}");
    }
}

#[test]
fn a_page_is_for_the_parties_only_with_one_answer() {
    for db in databases("page_refused") {
        a_page_is_for_the_parties_only_with_one_answer_on(db);
    }
}

/// A page-link request signed with `key` at `created` with `nonce`, carrying `body`.
fn ask(
    authority: &str,
    sha256: &str,
    key: &SecretKey,
    created: i64,
    nonce: &str,
    body: &[u8],
) -> Reply {
    let path = format!("/v1/logs/{sha256}/page-link");
    let fields = auth::sign("POST", authority, &path, Some(body), key, created, nonce).unwrap();
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    let mut request = agent.post(format!("http://{authority}{path}"));
    for (name, value) in &fields {
        request = request.header(*name, value.as_str());
    }
    let mut response = request.send(body).unwrap();
    Reply {
        status: response.status().as_u16(),
        body: response.body_mut().read_to_string().unwrap(),
    }
}

fn a_page_is_for_the_parties_only_with_one_answer_on(db: String) {
    let service = with_the_reference_log(db.clone());
    let client = service.client();
    let authority = service.running.as_ref().unwrap().addr.to_string();
    let ostervold = key_of("ostervold");
    let stranger = SecretKey::from_seed([7; 32]);
    // Another contract, whose parties do not include Østervold: its key is the stranger's there.
    let text = std::fs::read_to_string(CONTRACT).unwrap();
    let other_text = text.replace(&ostervold.public().text(), &stranger.public().text());
    assert_ne!(text, other_text);
    let mut other = registration(CONTRACT);
    other.files[0].text = other_text;
    let reply = client.register(&other, &party()).unwrap();
    assert_eq!(reply.status, 201, "{}", reply.body);
    let other_sha256 = serde_json::from_str::<serde_json::Value>(&reply.body).unwrap()["sha256"]
        .as_str()
        .unwrap()
        .to_string();
    let unknown = "ab".repeat(32);
    let now = auth::unix_now();
    let mut out = String::new();
    let mut case = |name: &str, reply: &Reply| out.push_str(&shown(name, reply));

    let first = ask(&authority, SHA256, &ostervold, now, "p-1", b"");
    assert_eq!(first.status, 201, "{}", first.body);
    let non_party = ask(&authority, SHA256, &stranger, now, "p-2", b"");
    case("a key of no party", &non_party);
    assert_eq!(non_party.status, 404);
    for (name, reply) in [
        (
            "a replayed nonce",
            ask(&authority, SHA256, &ostervold, now, "p-1", b""),
        ),
        (
            "a stale request",
            ask(
                &authority,
                SHA256,
                &ostervold,
                auth::unix_now() - 600,
                "p-3",
                b"",
            ),
        ),
        (
            "a contract not registered",
            ask(&authority, &unknown, &ostervold, now, "p-4", b""),
        ),
        (
            "another contract's log",
            ask(&authority, &other_sha256, &ostervold, now, "p-5", b""),
        ),
    ] {
        assert_eq!(
            (reply.status, &reply.body),
            (non_party.status, &non_party.body),
            "{name}"
        );
    }
    let unsigned = client
        .post(&format!("/v1/logs/{SHA256}/page-link"), "text/plain", b"")
        .unwrap();
    assert_eq!(
        unsigned.body,
        client
            .post(&format!("/v1/logs/{unknown}/page-link"), "text/plain", b"")
            .unwrap()
            .body
    );
    case("an unsigned request (for any contract)", &unsigned);
    case(
        "a body that is not empty",
        &ask(&authority, SHA256, &ostervold, now, "p-6", b"x"),
    );

    // The link's token: unknown, malformed, expired: the same answer as a key of no party's.
    let link = serde_json::from_str::<serde_json::Value>(&first.body).unwrap();
    let page = link["page"].as_str().unwrap().to_string();
    assert_eq!(client.get(&page).unwrap().status, 200);
    let refused = |path: &str| client.get(path).unwrap();
    let unknown_token = refused(&format!("/v1/pages/{}", "A".repeat(43)));
    let malformed = refused("/v1/pages/..%2Fv1%2Fkey");
    for (name, reply) in [
        ("an unknown token", &unknown_token),
        ("a malformed token", &malformed),
    ] {
        assert_eq!(
            (reply.status, &reply.body),
            (non_party.status, &non_party.body),
            "{name}"
        );
    }
    case(
        "an as-of that is no day",
        &refused(&format!("{page}?as-of=2020-1-14")),
    );
    case(
        "a lang that is not en or da",
        &refused(&format!("{page}?lang=de")),
    );
    case("another query", &refused(&format!("{page}?after=1")));
    // The clock moved past the link's life: the database's record is what says when it expires.
    service.runtime.block_on(async {
        use sqlx::Connection as _;
        sqlx::any::install_default_drivers();
        let mut db = sqlx::AnyConnection::connect(&cvl_serve::store::database_url(&db))
            .await
            .unwrap();
        let changed = sqlx::query("UPDATE page_links SET expires = $1")
            .bind(auth::unix_now() - 1)
            .execute(&mut db)
            .await
            .unwrap();
        assert_eq!(changed.rows_affected(), 1);
        db.close().await.unwrap();
    });
    let expired = refused(&page);
    assert_eq!(
        (expired.status, &expired.body),
        (non_party.status, &non_party.body),
        "an expired token"
    );
    // The database keeps no token, only its SHA-256.
    let kept = service.runtime.block_on(async {
        use sqlx::{Connection as _, Row as _};
        let mut db = sqlx::AnyConnection::connect(&cvl_serve::store::database_url(&db))
            .await
            .unwrap();
        let row = sqlx::query("SELECT token_sha256, contract FROM page_links")
            .fetch_one(&mut db)
            .await
            .unwrap();
        let kept: (String, String) = (row.try_get(0).unwrap(), row.try_get(1).unwrap());
        db.close().await.unwrap();
        kept
    });
    let token = page.strip_prefix("/v1/pages/").unwrap();
    assert_ne!(kept.0, token);
    assert_eq!(
        kept.0,
        cvl_log::hex(&<sha2::Sha256 as sha2::Digest>::digest(token.as_bytes()))
    );
    assert_eq!(kept.1, SHA256);
    insta::assert_snapshot!("page_refusals", out);
}

#[test]
fn what_a_page_costs_is_bounded_and_every_answer_is_guarded() {
    for db in databases("page_bounds") {
        what_a_page_costs_is_bounded_and_every_answer_is_guarded_on(db);
    }
}

/// A page's answers with the words of each refusal: the header fields every answer carries (a refusal's too),
/// the links one key may hold, the days `as-of` may name (those `cvl report --until` takes), a query repeated at
/// most 128 characters, and a log too large to be made a page of.
fn what_a_page_costs_is_bounded_and_every_answer_is_guarded_on(db: String) {
    let service = with_the_reference_log(db.clone());
    let client = service.client();
    let base = format!("http://{}", service.running.as_ref().unwrap().addr);
    let mut out = String::new();
    let mut case = |name: &str, reply: &Reply| out.push_str(&shown(name, reply));

    let firm = key_of("firm");
    let link = cvl_serve::client::page_link(&client, SHA256, &firm).unwrap();
    // Every answer, a refusal's too, is kept by no cache, sniffed as nothing else, sends no referrer, may not be
    // framed and fetches nothing: the page's own policy allows its inline style.
    let guarded = [
        "cache-control",
        "x-content-type-options",
        "referrer-policy",
        "content-security-policy",
    ];
    for url in [
        format!("{base}/v1/pages/{}", "A".repeat(43)),
        format!("{base}/v1/pages/"),
        format!("{base}/v1/pages/a/b"),
        format!("{}?lang=de", link.url),
        format!("{base}/healthz"),
        format!("{base}/v1/key"),
        format!("{base}/v1/logs/{SHA256}/checkpoint"),
        format!("{base}/nothing"),
    ] {
        let (status, values, _) = browse(&url, &guarded);
        assert_eq!(
            values,
            [
                "no-store",
                "nosniff",
                "no-referrer",
                "default-src 'none'; frame-ancestors 'none'"
            ],
            "{url} ({status})"
        );
    }
    // A path under /v1/pages/ that holds no token is a malformed token: the one answer.
    let unknown = client
        .get(&format!("/v1/pages/{}", "A".repeat(43)))
        .unwrap();
    for path in ["/v1/pages/", "/v1/pages/a/b"] {
        let reply = client.get(path).unwrap();
        assert_eq!(
            (reply.status, &reply.body),
            (unknown.status, &unknown.body),
            "{path}"
        );
    }

    // The days `as-of` may name are those `cvl report --until` takes.
    let refused = |query: &str| {
        client
            .get(&format!(
                "{}?{query}",
                link.url.strip_prefix(&base).unwrap()
            ))
            .unwrap()
    };
    assert_eq!(refused("as-of=0001-01-01").status, 200);
    assert_eq!(refused("as-of=9999-12-31").status, 200);
    case("an as-of in the year 0000", &refused("as-of=0000-01-01"));
    case("an as-of past 9999", &refused("as-of=+10000-01-01"));
    case(
        "a query of 3,000 characters",
        &refused(&format!("x={}", "a".repeat(3000))),
    );

    // One key holds at most 16 living links to a log's page; another party's key is not held back by it.
    for _ in 1..cvl_serve::page::MAX_LINKS {
        cvl_serve::client::page_link(&client, SHA256, &firm).unwrap();
    }
    let path = format!("/v1/logs/{SHA256}/page-link");
    let seventeenth = client.signed_post(&path, "text/plain", b"", &firm).unwrap();
    assert_eq!(seventeenth.status, 429, "{}", seventeenth.body);
    let mut seventeenth = seventeenth;
    seventeenth.body = regex_time(&seventeenth.body);
    case("a 17th living link for one key", &seventeenth);
    cvl_serve::client::page_link(&client, SHA256, &key_of("ostervold")).unwrap();
    let held = count_links(&service, &db, &firm.public().text());
    assert_eq!(held, cvl_serve::page::MAX_LINKS);
    // The links made before still serve the page.
    assert_eq!(browse(&link.url, &[]).0, 200);

    // A log whose stored lines come to more than 32 MiB is refused as a page before more is read: an entry
    // that long is put in the database behind the service (its own checks would refuse such an entry).
    service.runtime.block_on(async {
        use sqlx::Connection as _;
        let mut db = sqlx::AnyConnection::connect(&cvl_serve::store::database_url(&db))
            .await
            .unwrap();
        sqlx::query("INSERT INTO entries (contract, seq, line, digest) VALUES ($1, 102, $2, 'x')")
            .bind(SHA256)
            .bind("x".repeat(cvl_serve::page::MAX_PAGE_LOG))
            .execute(&mut db)
            .await
            .unwrap();
        db.close().await.unwrap();
    });
    case("a log of more than 32 MiB", &refused("as-of=2020-01-14"));
    insta::assert_snapshot!("page_bounds", out);
}

/// The page links the key `keyid` holds.
fn count_links(service: &Harness, db: &str, keyid: &str) -> i64 {
    service.runtime.block_on(async {
        use sqlx::{Connection as _, Row as _};
        let mut db = sqlx::AnyConnection::connect(&cvl_serve::store::database_url(db))
            .await
            .unwrap();
        let row = sqlx::query("SELECT COUNT(*) FROM page_links WHERE keyid = $1")
            .bind(keyid)
            .fetch_one(&mut db)
            .await
            .unwrap();
        let count: i64 = row.try_get(0).unwrap();
        db.close().await.unwrap();
        count
    })
}

/// `text` with each time `YYYY-MM-DDTHH:MM:SSZ` written `TIME`, for a snapshot.
fn regex_time(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find('T') {
        let start = at.saturating_sub(10);
        let candidate = rest.get(start..at + 10).unwrap_or("");
        if candidate.len() == 20
            && chrono::NaiveDateTime::parse_from_str(candidate, "%Y-%m-%dT%H:%M:%SZ").is_ok()
        {
            out.push_str(&rest[..start]);
            out.push_str("TIME");
            rest = &rest[at + 10..];
        } else {
            out.push_str(&rest[..=at]);
            rest = &rest[at + 1..];
        }
    }
    out.push_str(rest);
    out
}
