//! What the service's suites share (service.rs, reads.rs): the reference case's files, fresh databases (an SQLite
//! file and a PostgreSQL database, so that every test runs on both), a service on the loopback interface, signed
//! entries, and a refusal's status and words for a snapshot.

#![allow(dead_code)]

use std::path::PathBuf;

use serde_json::Value;
use sha2::{Digest as _, Sha256};

use cvl_log::checkpoint::NoteKey;
use cvl_log::{NewEntry, SecretKey};
use cvl_serve::client::{Client, Reply};
use cvl_serve::registered::{FileText, Registration};
use cvl_serve::{Config, Running};

pub const CONTRACT: &str = "../../examples/placement/placement.cvl";
pub const AMENDED: &str = "../../examples/placement/amended-2019-09.cvl";
pub const LOG: &str = "../../examples/placement/log.jsonl";
pub const KEYS: &str = "../../examples/placement/keys";
/// The reference contract's SHA-256 (spec 9.8's figures are made against it).
pub const SHA256: &str = "e9c1b6e36cccfaed5cf78ad5ed3fde775ede605946c0439a9b9b16068652e9fd";

pub fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("cvl-serve-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The PostgreSQL server the tests use: `CVL_TEST_POSTGRES`, or the throwaway cluster `tests/setup` starts.
pub fn postgres_server() -> String {
    std::env::var("CVL_TEST_POSTGRES")
        .ok()
        .filter(|server| !server.is_empty())
        .unwrap_or_else(|| "postgres://postgres@127.0.0.1:55432".to_string())
}

/// Fresh databases for the test `name`: an SQLite file, and a database of its own on the PostgreSQL server
/// ([`postgres_server`]), so that every test runs against both. No PostgreSQL is a failure that says how to start
/// one, never a test passed on SQLite alone.
pub fn databases(name: &str) -> [String; 2] {
    let sqlite = scratch(name)
        .join("logs.sqlite")
        .to_str()
        .unwrap()
        .to_string();
    let server = postgres_server();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let db = format!("cvl_test_{}_{name}", std::process::id());
    runtime.block_on(async {
        use sqlx::Connection as _;
        sqlx::any::install_default_drivers();
        let mut admin = sqlx::AnyConnection::connect(&format!("{server}/postgres"))
            .await
            .unwrap_or_else(|e| {
                panic!(
                    "no PostgreSQL server at {server} ({e}): run `bash tests/setup`, which starts one, or set \
                     CVL_TEST_POSTGRES to a server's URL"
                )
            });
        sqlx::query(&format!("DROP DATABASE IF EXISTS {db}"))
            .execute(&mut admin)
            .await
            .unwrap();
        sqlx::query(&format!("CREATE DATABASE {db}"))
            .execute(&mut admin)
            .await
            .unwrap();
        admin.close().await.unwrap();
    });
    [sqlite, format!("{server}/{db}")]
}

pub fn service_key() -> SecretKey {
    SecretKey::from_seed([42; 32])
}

/// A service over the database `db` (an SQLite file or a PostgreSQL URL), on a runtime of its own.
pub struct Harness {
    pub runtime: tokio::runtime::Runtime,
    pub running: Option<Running>,
    pub db: String,
}

impl Harness {
    pub fn start(db: String) -> Harness {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        let mut harness = Harness {
            runtime,
            running: None,
            db,
        };
        harness.up();
        harness
    }

    pub fn up(&mut self) {
        let config = Config {
            database: self.db.clone(),
            listen: "127.0.0.1:0".to_string(),
            key: service_key(),
            name: "test.cvl.example".to_string(),
            public_url: None,
        };
        self.running = Some(self.runtime.block_on(cvl_serve::start(config)).unwrap());
    }

    pub fn restart(&mut self) {
        let running = self.running.take().unwrap();
        self.runtime.block_on(running.stop()).unwrap();
        self.up();
    }

    pub fn client(&self) -> Client {
        Client::new(&format!("http://{}", self.running.as_ref().unwrap().addr))
    }

    pub fn note_key(&self) -> NoteKey {
        NoteKey::parse(&self.running.as_ref().unwrap().verifier_key).unwrap()
    }
}

impl Drop for Harness {
    fn drop(&mut self) {
        if let Some(running) = self.running.take() {
            let _ = self.runtime.block_on(running.stop());
        }
    }
}

pub fn registration(path: &str) -> Registration {
    Registration {
        sha256: None,
        files: vec![FileText {
            role: "contract".to_string(),
            name: String::new(),
            text: std::fs::read_to_string(path).unwrap(),
        }],
    }
}

pub fn log_lines() -> Vec<String> {
    std::fs::read_to_string(LOG)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect()
}

pub fn digest(line: &str) -> [u8; 32] {
    Sha256::digest(line.as_bytes()).into()
}

pub fn key_of(party: &str) -> SecretKey {
    SecretKey::parse(&std::fs::read_to_string(format!("{KEYS}/{party}.key")).unwrap()).unwrap()
}

/// The key of a party of the reference contract, which signs the requests of most tests.
pub fn party() -> SecretKey {
    key_of("municipality")
}

/// A new entry at `seq` after `prev`, signed with `key`.
pub fn signed(
    seq: u64,
    prev: &str,
    key: &SecretKey,
    actor: &str,
    kind: &str,
    at: &str,
    data: Value,
) -> String {
    let entry = NewEntry {
        id: format!("{kind}-{seq}"),
        at: at.to_string(),
        kind: kind.to_string(),
        actor: actor.to_string(),
        data: data.as_object().unwrap().clone(),
    };
    entry.sign(seq, &digest(prev), key).unwrap().0
}

/// What a refusal says, for the snapshot: its status and its JSON, a checkpoint (signed at a time) masked.
pub fn shown(case: &str, reply: &Reply) -> String {
    let body = match serde_json::from_str::<Value>(&reply.body) {
        Ok(mut value) => {
            if let Some(note) = value.get_mut("checkpoint") {
                *note = Value::from("[checkpoint]");
            }
            serde_json::to_string_pretty(&value).unwrap()
        }
        Err(_) => reply.body.clone(),
    };
    format!(
        "## {case}\nstatus {}\n{}\n\n",
        reply.status,
        without_port(&without_clock(&body))
    )
}

/// `text` with the port of a loopback address (`127.0.0.1:PORT`, the service's, which differs each run) masked.
pub fn without_port(text: &str) -> String {
    const LOOPBACK: &str = "127.0.0.1:";
    let mut out = String::new();
    let mut rest = text;
    while let Some((before, after)) = rest.split_once(LOOPBACK) {
        out.push_str(before);
        out.push_str(LOOPBACK);
        out.push_str("[port]");
        rest = after.trim_start_matches(|c: char| c.is_ascii_digit());
    }
    out.push_str(rest);
    out
}

/// `text` with the clock's time in the clock rule's words masked, so that the snapshot is the same at any time.
pub fn without_clock(text: &str) -> String {
    const CLOCK: &str = "this machine's clock (";
    match text.split_once(CLOCK) {
        Some((before, after)) => {
            let rest = after.split_once(')').map_or("", |(_, rest)| rest);
            format!("{before}{CLOCK}[now]){rest}")
        }
        None => text.to_string(),
    }
}
