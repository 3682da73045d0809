//! What the end-to-end suites of the log service share (serve.rs, serve_share.rs): the reference case's files, a
//! service on the loopback interface over an SQLite file, and the output of a run with the service's address, the
//! test's directory and the checkpoints' times masked.

#![allow(dead_code)]

use std::path::Path;

use cvl_log::SecretKey;
use cvl_serve::{Config, Running};

pub const CONTRACT: &str = "../examples/placement/placement.cvl";
pub const LOG: &str = "../examples/placement/log.jsonl";
pub const MUNI: &str = "../examples/placement/keys/municipality.key";
pub const SHA256: &str = "e9c1b6e36cccfaed5cf78ad5ed3fde775ede605946c0439a9b9b16068652e9fd";

/// The runtime a test's services run on.
pub fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap()
}

pub fn start(runtime: &tokio::runtime::Runtime, db: &Path) -> Running {
    let config = Config {
        database: db.to_str().unwrap().to_string(),
        listen: "127.0.0.1:0".to_string(),
        key: SecretKey::from_seed([42; 32]),
        name: "test.cvl.example".to_string(),
        public_url: None,
    };
    runtime.block_on(cvl_serve::start(config)).unwrap()
}

/// A run's exit code and output, with the service's address, the test's directory, and the checkpoint's time and
/// so its signature masked.
pub fn shown(url: &str, dir: &Path, (code, out, err): (i32, String, String)) -> String {
    let text = format!("exit: {code}\n--- stdout\n{out}--- stderr\n{err}")
        .replace(url, "[server]")
        .replace(dir.to_str().unwrap(), "[dir]");
    text.lines()
        .map(|line| {
            if line.starts_with("time ") {
                "time [now]"
            } else if line.starts_with("\u{2014} ") {
                "\u{2014} [signature]"
            } else {
                line
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The output with the time the service signed a checkpoint (` at YYYY-MM-DDTHH:MM:SSZ`) masked.
pub fn mask_signed_at(text: &str) -> String {
    let mut masked = String::new();
    let mut rest = text;
    while let Some(start) = rest.find(" at 20") {
        let (before, after) = rest.split_at(start);
        masked.push_str(before);
        match after.get(4..24) {
            Some(time) if time.ends_with('Z') && time.contains('T') => {
                masked.push_str(" at [now]");
                rest = &after[24..];
            }
            _ => {
                masked.push_str(" at ");
                rest = &after[4..];
            }
        }
    }
    masked.push_str(rest);
    masked
}
