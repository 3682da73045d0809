//! The real `cvl serve` binary: it starts on an ephemeral port of the loopback interface over an SQLite file,
//! says where it listens and its verifier key, answers a health check and a registration, logs to stderr, and on
//! SIGTERM stops gracefully with exit code 0; what it stored is there after a restart.
//!
//! The test lives in the cli package so that it runs the binary Cargo built for it (`CARGO_BIN_EXE_cvl`).

#![cfg(test)]
#![cfg(unix)]

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use cvl_serve::client::Client;
use cvl_serve::registered::{FileText, Registration};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .nth(2)
        .map(PathBuf::from)
        .unwrap()
}

/// Starts `cvl serve` over `db`; the process and the URL it serves on.
fn serve(dir: &Path, db: &Path) -> (Child, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_cvl"))
        .args(["serve", "--listen", "127.0.0.1:0", "--key"])
        .arg(dir.join("service.key"))
        .arg("--database")
        .arg(db)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.as_mut().unwrap())
        .read_line(&mut first)
        .unwrap();
    let url = first
        .strip_prefix("serving on ")
        .and_then(|rest| rest.split_once(';'))
        .map(|(url, _)| url.to_string())
        .unwrap_or_else(|| panic!("{first}"));
    assert!(
        first.contains("checkpoints are signed by `cvl-serve+"),
        "{first}"
    );
    (child, url)
}

/// Sends SIGTERM and waits: the exit code and what it wrote to stderr.
fn terminate(mut child: Child) -> (Option<i32>, String) {
    let status = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let code = child.wait().unwrap().code();
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    (code, err)
}

#[test]
fn cvl_serve_serves_and_stops_gracefully_on_sigterm() {
    let dir = std::env::temp_dir().join(format!("cvl-cli-serve-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let (code, _, err) = Command::new(env!("CARGO_BIN_EXE_cvl"))
        .args(["key", "gen", "service", "--dir"])
        .arg(&dir)
        .output()
        .map(|o| {
            (
                o.status.code(),
                o.stdout,
                String::from_utf8_lossy(&o.stderr).into_owned(),
            )
        })
        .unwrap();
    assert_eq!(code, Some(0), "{err}");
    let db = dir.join("logs.sqlite");
    let party = cvl_log::SecretKey::parse(
        &std::fs::read_to_string(root().join("examples/placement/keys/municipality.key")).unwrap(),
    )
    .unwrap();
    let registration = Registration {
        sha256: None,
        files: vec![FileText {
            role: "contract".to_string(),
            name: String::new(),
            text: std::fs::read_to_string(root().join("examples/placement/placement.cvl")).unwrap(),
        }],
    };

    let (child, url) = serve(&dir, &db);
    let client = Client::new(&url);
    let health = client.get("/healthz").unwrap();
    assert_eq!((health.status, health.body.as_str()), (200, "ok\n"));
    assert_eq!(client.register(&registration, &party).unwrap().status, 201);
    let (code, err) = terminate(child);
    assert_eq!(code, Some(0), "{err}");
    for said in [
        "serving",
        "registered",
        "stopping: finishing the requests under way",
        "stopped",
    ] {
        assert!(err.contains(said), "{said}: {err}");
    }

    let (child, url) = serve(&dir, &db);
    assert_eq!(
        Client::new(&url)
            .register(&registration, &party)
            .unwrap()
            .status,
        200
    );
    let (code, err) = terminate(child);
    assert_eq!(code, Some(0), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}
