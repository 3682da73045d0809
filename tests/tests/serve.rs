//! `cvl log push` against a log service on the loopback interface (an ephemeral port, an SQLite file of the
//! test's own): the reference log pushed whole with a receipt that verifies, pushed again (nothing to send), a log
//! shorter than the service's, and a log that forked from it, each with its words in a snapshot.

#![cfg(test)]

use std::fs;
use std::path::Path;

use cvl_log::SecretKey;
use cvl_log::checkpoint::{self, NoteKey};
use cvl_serve::client::Client;
use cvl_serve::{Config, Running};

use cvl_tests::run_cvl as run;

const CONTRACT: &str = "../examples/placement/placement.cvl";
const LOG: &str = "../examples/placement/log.jsonl";
const MUNI: &str = "../examples/placement/keys/municipality.key";
const SHA256: &str = "0d3e2a2c873a26dc9d8a412dd3542969be2ec4007231fc4f837d5beeea918254";

/// The runtime a test's services run on.
fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap()
}

fn start(runtime: &tokio::runtime::Runtime, db: &Path) -> Running {
    let config = Config {
        database: db.to_str().unwrap().to_string(),
        listen: "127.0.0.1:0".to_string(),
        key: SecretKey::from_seed([42; 32]),
        name: "test.cvl.example".to_string(),
    };
    runtime.block_on(cvl_serve::start(config)).unwrap()
}

/// A run's exit code and output, with the service's address, the test's directory, and the checkpoint's time and
/// so its signature masked.
fn shown(url: &str, dir: &Path, (code, out, err): (i32, String, String)) -> String {
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

#[test]
fn a_log_is_pushed_with_a_receipt_and_a_cut_or_forked_log_is_refused() {
    let dir = cvl_tests::scratch_dir("serve", "push");
    let runtime = runtime();
    let running = start(&runtime, &dir.join("logs.sqlite"));
    let url = format!("http://{}", running.addr);
    let key = running.verifier_key.clone();
    // A copy of the reference log, since a push keeps its receipt beside the log.
    let copy = dir.join("log.jsonl");
    fs::copy(LOG, &copy).unwrap();
    let log_copy = copy.to_str().unwrap();
    let push = |log: &str| {
        run(&[
            "log",
            "push",
            "--key",
            MUNI,
            log,
            "--server",
            &url,
            "--contract",
            CONTRACT,
            "--server-key",
            &key,
        ])
    };

    let whole = push(log_copy);
    assert_eq!(whole.0, 0, "{}", whole.2);
    // The receipt printed is the one kept beside the log.
    let receipt = fs::read_to_string(format!("{log_copy}.checkpoint")).unwrap();
    assert!(whole.1.contains(&format!("receipt:\n{receipt}")));
    let read = checkpoint::verify(&receipt, &NoteKey::parse(&key).unwrap()).unwrap();
    assert_eq!(read.size, 101);
    let mut out = shown(&url, &dir, whole);
    out.push_str("\n\n");
    out.push_str(&shown(&url, &dir, push(log_copy)));

    let lines: Vec<&str> = include_str!("../../examples/placement/log.jsonl")
        .lines()
        .collect();
    let short = dir.join("short.jsonl");
    fs::write(&short, format!("{}\n", lines[..50].join("\n"))).unwrap();
    out.push_str("\n\n");
    out.push_str(&shown(&url, &dir, push(short.to_str().unwrap())));

    // A second contract's service holds entries 1 and 2 and another entry 3: the local log forked from it.
    let forked = start(&runtime, &dir.join("forked.sqlite"));
    let forked_url = format!("http://{}", forked.addr);
    let client = Client::new(&forked_url);
    let local = dir.join("local.jsonl");
    fs::write(&local, format!("{}\n", lines[..3].join("\n"))).unwrap();
    let (code, _, err) = run(&[
        "log",
        "push",
        "--key",
        MUNI,
        local.to_str().unwrap(),
        "--server",
        &forked_url,
        "--contract",
        CONTRACT,
    ]);
    assert_eq!(code, 0, "{err}");
    let other = cvl_log::NewEntry {
        id: "vis-x".to_string(),
        at: "2019-02-02".to_string(),
        kind: "visits".to_string(),
        actor: "firm".to_string(),
        data: serde_json::Map::new(),
    };
    let firm =
        SecretKey::parse(&fs::read_to_string("../examples/placement/keys/firm.key").unwrap())
            .unwrap();
    let prev = cvl_log::contract_digest(lines[2].as_bytes());
    let (line, _) = other.sign(4, &prev, &firm).unwrap();
    assert_eq!(client.append(SHA256, &line).unwrap().status, 201);
    let diverged = dir.join("diverged.jsonl");
    fs::write(&diverged, format!("{}\n", lines[..4].join("\n"))).unwrap();
    let (code, out_forked, err) = run(&[
        "log",
        "push",
        "--key",
        MUNI,
        diverged.to_str().unwrap(),
        "--server",
        &forked_url,
        "--contract",
        CONTRACT,
    ]);
    out.push_str("\n\n");
    out.push_str(&shown(&forked_url, &dir, (code, out_forked, err)));
    out.push_str("\n\n");
    out.push_str(&shown(
        &url,
        &dir,
        run(&[
            "log",
            "push",
            "--key",
            MUNI,
            log_copy,
            "--server",
            &url,
            "--contract",
            CONTRACT,
            "--server-key",
            "nonsense",
        ]),
    ));
    // A tampered entry is refused by the service with its words; an unreachable service and a receipt signed by
    // another key than the one given are refused by the client.
    let tampered = dir.join("tampered.jsonl");
    fs::write(
        &tampered,
        format!("{}\n{}\n", lines[0], lines[1].replacen("sig-2", "sig-X", 1)),
    )
    .unwrap();
    let fresh = start(&runtime, &dir.join("fresh.sqlite"));
    let fresh_url = format!("http://{}", fresh.addr);
    out.push_str("\n\n");
    out.push_str(&shown(
        &fresh_url,
        &dir,
        run(&[
            "log",
            "push",
            "--key",
            MUNI,
            tampered.to_str().unwrap(),
            "--server",
            &fresh_url,
            "--contract",
            CONTRACT,
        ]),
    ));
    let other = NoteKey::new("other.example", SecretKey::from_seed([1; 32]).public())
        .unwrap()
        .text();
    out.push_str("\n\n");
    out.push_str(&shown(
        &url,
        &dir,
        run(&[
            "log",
            "push",
            "--key",
            MUNI,
            log_copy,
            "--server",
            &url,
            "--contract",
            CONTRACT,
            "--server-key",
            &other,
        ]),
    ));
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let closed_url = format!("http://{}", closed.local_addr().unwrap());
    drop(closed);
    out.push_str("\n\n");
    out.push_str(&shown(
        &closed_url,
        &dir,
        run(&[
            "log",
            "push",
            "--key",
            MUNI,
            log_copy,
            "--server",
            &closed_url,
            "--contract",
            CONTRACT,
        ]),
    ));
    runtime.block_on(fresh.stop()).unwrap();
    insta::assert_snapshot!("push", out);
    runtime.block_on(running.stop()).unwrap();
    runtime.block_on(forked.stop()).unwrap();
    let _ = fs::remove_dir_all(&dir);
}

/// A contract that imports a bundled module, a library module and a file is registered from the texts `cvl log
/// push` sends, and the service finds the SHA-256 that `cvl log init` finds on the disk: the same listing.
#[test]
fn a_contract_with_every_kind_of_import_is_registered_with_the_same_sha256() {
    let dir = cvl_tests::scratch_dir("serve", "imports");
    let runtime = runtime();
    let running = start(&runtime, &dir.join("logs.sqlite"));
    let url = format!("http://{}", running.addr);
    // The reference contract, importing a library module and a file besides the bundled `care`.
    let text = fs::read_to_string(CONTRACT).unwrap().replacen(
        "import care\n",
        "import care\nimport municipal.visits\nimport \"local/terms.cvl\"\n",
        1,
    );
    fs::create_dir_all(dir.join("local")).unwrap();
    fs::create_dir_all(dir.join("lib/municipal")).unwrap();
    fs::write(dir.join("placement.cvl"), text).unwrap();
    fs::copy("corpus/ok/local/terms.cvl", dir.join("local/terms.cvl")).unwrap();
    fs::copy(
        "corpus/ok/lib/municipal/visits.cvl",
        dir.join("lib/municipal/visits.cvl"),
    )
    .unwrap();
    let contract = dir.join("placement.cvl");
    let contract = contract.to_str().unwrap();
    let lib = dir.join("lib");
    let lib = lib.to_str().unwrap();
    let log = dir.join("empty.jsonl");
    let log = log.to_str().unwrap();
    let (code, out, err) = run(&["log", "init", contract, log, "--lib", lib]);
    assert_eq!(code, 0, "{err}");
    let sha256 = out
        .split("(sha256:")
        .nth(1)
        .unwrap()
        .split(')')
        .next()
        .unwrap()
        .to_string();
    let (code, out, err) = run(&[
        "log",
        "push",
        "--key",
        MUNI,
        log,
        "--server",
        &url,
        "--contract",
        contract,
        "--lib",
        lib,
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains(&format!("it holds 0 now, head sha256:{sha256}")),
        "{out}"
    );
    // Without the library the module is not found: nothing is registered or pushed.
    let (code, _, err) = run(&[
        "log",
        "push",
        "--key",
        MUNI,
        log,
        "--server",
        &url,
        "--contract",
        contract,
    ]);
    assert_eq!(code, 1, "{err}");
    runtime.block_on(running.stop()).unwrap();
    let _ = fs::remove_dir_all(&dir);
}

/// `cvl serve` refuses to start, with its words and exit code 2, on a key it cannot read, a database it cannot
/// open, an address it cannot bind and a name that cannot name a key.
#[test]
fn cvl_serve_refuses_to_start_with_its_reasons() {
    let dir = cvl_tests::scratch_dir("serve", "refusals");
    let key = dir.join("service.key");
    fs::write(&key, SecretKey::from_seed([42; 32]).text()).unwrap();
    let key = key.to_str().unwrap();
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let taken = taken.local_addr().unwrap().to_string();
    let db = dir.join("logs.sqlite");
    let db = db.to_str().unwrap();
    let mut out = String::new();
    for args in [
        vec!["serve", "--key", "missing.key", "--database", db],
        vec!["serve", "--key", "Cargo.toml", "--database", db],
        vec![
            "serve",
            "--key",
            key,
            "--database",
            "/nonexistent-cvl-dir/logs.sqlite",
        ],
        vec!["serve", "--key", key, "--database", db, "--listen", &taken],
        vec![
            "serve",
            "--key",
            key,
            "--database",
            db,
            "--name",
            "two words",
        ],
        vec!["serve", "--database", db],
    ] {
        let shown_args = args.join(" ").replace(&taken, "[taken]");
        out.push_str(&format!("$ cvl {shown_args}\n"));
        out.push_str(&shown(&taken, &dir, run(&args)).replace("[server]", "[taken]"));
        out.push_str("\n\n");
    }
    insta::assert_snapshot!(
        "serve_refusals",
        out.replace(&dir.to_str().unwrap().to_string(), "[dir]")
    );
    let _ = fs::remove_dir_all(&dir);
}

/// `cvl log verify --checkpoint` with the receipts `cvl log push` kept: the full log extends them, a copy cut short
/// or forked after the checkpoint is refused, and so is a checkpoint of another contract, one whose signature does
/// not verify, a file that is no checkpoint and a key that is no verifier key, each with its words in a snapshot.
#[test]
fn verify_with_a_kept_checkpoint_refuses_a_cut_or_forked_log() {
    let dir = cvl_tests::scratch_dir("serve", "checkpoint");
    let runtime = runtime();
    let running = start(&runtime, &dir.join("logs.sqlite"));
    let url = format!("http://{}", running.addr);
    let key = running.verifier_key.clone();
    let path = |name: &str| dir.join(name).to_str().unwrap().to_string();
    let lines: Vec<&str> = include_str!("../../examples/placement/log.jsonl")
        .lines()
        .collect();
    let write_log = |name: &str, lines: &[&str]| {
        fs::write(dir.join(name), format!("{}\n", lines.join("\n"))).unwrap();
        path(name)
    };
    let full = write_log("log.jsonl", &lines);
    let short = write_log("short.jsonl", &lines[..60]);
    // The service saw 60 entries, then all 101: each push keeps its receipt beside its log.
    for log in [&short, &full] {
        let (code, out, err) = run(&[
            "log",
            "push",
            "--key",
            MUNI,
            log,
            "--server",
            &url,
            "--contract",
            CONTRACT,
            "--server-key",
            &key,
        ]);
        assert_eq!(code, 0, "{err}");
        assert!(out.contains(".checkpoint` refuses a copy"), "{out}");
    }
    let kept = format!("{full}.checkpoint");
    let kept_short = format!("{short}.checkpoint");
    assert!(fs::read_to_string(&kept).unwrap().contains("\n101\n"));
    assert!(fs::read_to_string(&kept_short).unwrap().contains("\n60\n"));

    // A copy whose entry 101 is another one, signed by its actor all the same: a fork at the checkpoint's size.
    let municipality = SecretKey::parse(
        &fs::read_to_string("../examples/placement/keys/municipality.key").unwrap(),
    )
    .unwrap();
    let last: serde_json::Value = serde_json::from_str(lines[100]).unwrap();
    let other = cvl_log::NewEntry {
        id: "pay-99".to_string(),
        at: "2020-02-20".to_string(),
        kind: "paid".to_string(),
        actor: "municipality".to_string(),
        data: last["data"].as_object().unwrap().clone(),
    };
    let prev = cvl_log::contract_digest(lines[99].as_bytes());
    let (line, _) = other.sign(101, &prev, &municipality).unwrap();
    let mut forked_lines = lines[..100].to_vec();
    forked_lines.push(&line);
    let forked = write_log("forked.jsonl", &forked_lines);

    // Another contract's log, checkpointed by the same service's key; a receipt changed after it was signed; a
    // file that is no signed note; the verifier key in a file.
    let service = SecretKey::from_seed([42; 32]);
    let note_key = NoteKey::parse(&key).unwrap();
    let another = checkpoint::Checkpoint {
        origin: format!("test.cvl.example/{}", "ab".repeat(32)),
        size: 1,
        head: [1; 32],
        extensions: Vec::new(),
    }
    .sign(&note_key, &service);
    fs::write(dir.join("another.checkpoint"), another).unwrap();
    let changed = fs::read_to_string(&kept)
        .unwrap()
        .replacen("\n101\n", "\n100\n", 1);
    fs::write(dir.join("changed.checkpoint"), changed).unwrap();
    fs::write(dir.join("nonsense.checkpoint"), "not a checkpoint\n").unwrap();
    fs::write(dir.join("service.vkey"), format!("{key}\n")).unwrap();

    let mut out = String::new();
    let cases: Vec<(&str, Vec<String>)> = vec![
        (
            "the full log extends the receipt",
            vec![full.clone(), kept.clone(), key.clone()],
        ),
        (
            "and the earlier one (key in a file)",
            vec![full.clone(), kept_short.clone(), path("service.vkey")],
        ),
        (
            "a copy cut short",
            vec![short.clone(), kept.clone(), key.clone()],
        ),
        (
            "a copy forked at entry 101",
            vec![forked.clone(), kept.clone(), key.clone()],
        ),
        (
            "which extends the earlier one",
            vec![forked.clone(), kept_short.clone(), key.clone()],
        ),
        (
            "another contract's checkpoint",
            vec![full.clone(), path("another.checkpoint"), key.clone()],
        ),
        (
            "a receipt changed after it was signed",
            vec![full.clone(), path("changed.checkpoint"), key.clone()],
        ),
        (
            "no signed note",
            vec![full.clone(), path("nonsense.checkpoint"), key.clone()],
        ),
        (
            "no checkpoint file",
            vec![full.clone(), path("missing.checkpoint"), key.clone()],
        ),
        (
            "no verifier key",
            vec![full.clone(), kept.clone(), "nonsense".to_string()],
        ),
        (
            "a file that holds no verifier key",
            vec![full.clone(), kept.clone(), path("nonsense.checkpoint")],
        ),
    ];
    for (what, args) in &cases {
        let result = run(&[
            "log",
            "verify",
            &args[0],
            "--contract",
            CONTRACT,
            "--checkpoint",
            &args[1],
            "--server-key",
            &args[2],
        ]);
        out.push_str(&format!("# {what}\n"));
        out.push_str(&mask_signed_at(&shown(&url, &dir, result)));
        out.push_str("\n\n");
    }
    // A receipt is never written in place of a directory: the push is done, and says the receipt was not kept.
    let blocked = write_log("blocked.jsonl", &lines);
    fs::create_dir(format!("{blocked}.checkpoint")).unwrap();
    let result = run(&[
        "log",
        "push",
        "--key",
        MUNI,
        &blocked,
        "--server",
        &url,
        "--contract",
        CONTRACT,
        "--server-key",
        &key,
    ]);
    assert_eq!(result.0, 2);
    out.push_str("# a push whose receipt cannot be kept\n");
    out.push_str(&shown(&url, &dir, result));
    out.push_str("\n\n");
    out.push_str("# --checkpoint without --server-key\n");
    let result = run(&[
        "log",
        "verify",
        &full,
        "--contract",
        CONTRACT,
        "--checkpoint",
        &kept,
    ]);
    assert_eq!(result.0, 2);
    out.push_str(&shown(&url, &dir, result));
    insta::assert_snapshot!("verify_checkpoint", out.replace(&key, "[server key]"));
    runtime.block_on(running.stop()).unwrap();
    let _ = fs::remove_dir_all(&dir);
}

/// The output with the time the service signed a checkpoint (` at YYYY-MM-DDTHH:MM:SSZ`) masked.
fn mask_signed_at(text: &str) -> String {
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

/// The reference case run as three parties would: the municipality pushes its log, the care home and the visit
/// firm pull it with their own keys (one into a new file, one into a copy of the first 50 entries), and each copy
/// verifies. Then the service cuts its log short, and then forks it (the database edited under it, the checkpoint
/// signed again with its key): a party that pulled refuses both, and nothing is written.
#[test]
fn three_parties_share_a_log_and_a_pulling_party_detects_a_cut_or_a_fork() {
    let dir = cvl_tests::scratch_dir("serve", "pull");
    let runtime = runtime();
    let db = dir.join("logs.sqlite");
    let running = start(&runtime, &db);
    let url = format!("http://{}", running.addr);
    let key = running.verifier_key.clone();
    let path = |name: &str| dir.join(name).to_str().unwrap().to_string();
    let lines: Vec<&str> = include_str!("../../examples/placement/log.jsonl")
        .lines()
        .collect();
    let municipality = path("municipality.jsonl");
    fs::write(&municipality, format!("{}\n", lines.join("\n"))).unwrap();
    let (code, _, err) = run(&[
        "log",
        "push",
        &municipality,
        "--server",
        &url,
        "--contract",
        CONTRACT,
        "--key",
        MUNI,
        "--server-key",
        &key,
    ]);
    assert_eq!(code, 0, "{err}");
    let care = path("care.jsonl");
    let firm = path("firm.jsonl");
    fs::write(&firm, format!("{}\n", lines[..50].join("\n"))).unwrap();
    let pull = |log: &str, party: &str| {
        run(&[
            "log",
            "pull",
            log,
            "--server",
            &url,
            "--contract",
            CONTRACT,
            "--key",
            &if party.ends_with(".key") {
                party.to_string()
            } else {
                format!("../examples/placement/keys/{party}.key")
            },
            "--server-key",
            &key,
        ])
    };
    let mut out = String::new();
    let mut show = |what: &str, result: (i32, String, String)| {
        out.push_str(&format!("# {what}\n"));
        out.push_str(&shown(&url, &dir, result).replace(&key, "[server key]"));
        out.push_str("\n\n");
    };
    show(
        "the care home pulls into a new file",
        pull(&care, "ostervold"),
    );
    show(
        "the firm pulls into its first 50 entries",
        pull(&firm, "firm"),
    );
    show("again: nothing new", pull(&firm, "firm"));
    let full = fs::read_to_string(LOG).unwrap();
    assert_eq!(fs::read_to_string(&care).unwrap(), full);
    assert_eq!(fs::read_to_string(&firm).unwrap(), full);
    let (code, _, err) = run(&[
        "log",
        "verify",
        &care,
        "--contract",
        CONTRACT,
        "--checkpoint",
        &format!("{care}.checkpoint"),
        "--server-key",
        &key,
    ]);
    assert_eq!(code, 0, "{err}");
    fs::write(path("stranger.key"), SecretKey::from_seed([7; 32]).text()).unwrap();
    show(
        "a key that is no party's",
        pull(&path("none.jsonl"), &path("stranger.key")),
    );

    // The service cuts its log to 60 entries.
    let sql = |statements: Vec<(String, Vec<String>)>| {
        runtime.block_on(async {
            use sqlx::Connection as _;
            sqlx::any::install_default_drivers();
            let mut db = sqlx::AnyConnection::connect(&format!("sqlite://{}", db.display()))
                .await
                .unwrap();
            for (statement, binds) in statements {
                let mut query = sqlx::query(&statement);
                for bind in binds {
                    query = query.bind(bind);
                }
                query.execute(&mut db).await.unwrap();
            }
        })
    };
    let before = fs::read_to_string(format!("{care}.checkpoint")).unwrap();
    sql(vec![
        ("DELETE FROM entries WHERE seq > 60".to_string(), vec![]),
        (
            "DELETE FROM checkpoints WHERE size > 60".to_string(),
            vec![],
        ),
    ]);
    show(
        "the service cut its log to 60 entries",
        pull(&care, "ostervold"),
    );
    // A copy without a kept checkpoint cannot tell a service cut short from entries never pushed: it says both.
    let unkept = path("unkept.jsonl");
    fs::write(&unkept, &full).unwrap();
    show("a longer copy, without a checkpoint", pull(&unkept, "firm"));
    // A party whose copy was lost, but who kept the checkpoint, detects the cut as well.
    let fresh = path("fresh.jsonl");
    fs::write(format!("{fresh}.checkpoint"), &before).unwrap();
    show(
        "a new copy, with the checkpoint kept",
        pull(&fresh, "ostervold"),
    );
    assert!(!Path::new(&fresh).exists());

    // The service forks: entry 61 becomes another one, signed by its actor all the same, and the checkpoint of 61
    // entries is signed again.
    let entry: serde_json::Value = serde_json::from_str(lines[60]).unwrap();
    let actor = entry["actor"].as_str().unwrap().to_string();
    let actor_key = SecretKey::parse(
        &fs::read_to_string(format!("../examples/placement/keys/{actor}.key")).unwrap(),
    )
    .unwrap();
    let other = cvl_log::NewEntry {
        id: "forked-61".to_string(),
        at: entry["at"].as_str().unwrap().to_string(),
        kind: entry["kind"].as_str().unwrap().to_string(),
        actor,
        data: entry["data"].as_object().unwrap().clone(),
    };
    let prev = cvl_log::contract_digest(lines[59].as_bytes());
    let (line, digest) = other.sign(61, &prev, &actor_key).unwrap();
    let note_key = NoteKey::parse(&key).unwrap();
    let note = checkpoint::Checkpoint {
        origin: format!("test.cvl.example/{SHA256}"),
        size: 61,
        head: digest,
        extensions: vec!["time 2020-03-01T00:00:00Z".to_string()],
    }
    .sign(&note_key, &SecretKey::from_seed([42; 32]));
    sql(vec![
        (
            "INSERT INTO entries (contract, seq, line, digest) VALUES ($1, 61, $2, $3)".to_string(),
            vec![SHA256.to_string(), line, cvl_log::hex(&digest)],
        ),
        (
            "INSERT INTO checkpoints (contract, size, note) VALUES ($1, 61, $2)".to_string(),
            vec![SHA256.to_string(), note],
        ),
    ]);
    show("the service forked at entry 61", pull(&care, "ostervold"));
    let copy = path("sixty-one.jsonl");
    fs::write(&copy, format!("{}\n", lines[..61].join("\n"))).unwrap();
    show(
        "a copy of 61 entries, forked from the service's",
        pull(&copy, "firm"),
    );
    assert_eq!(fs::read_to_string(&care).unwrap(), full);
    assert_eq!(
        fs::read_to_string(format!("{care}.checkpoint")).unwrap(),
        before
    );
    insta::assert_snapshot!("pull", mask_signed_at(&out));
    runtime.block_on(running.stop()).unwrap();
    let _ = fs::remove_dir_all(&dir);
}

/// The reference case's first 12 entries appended as its three parties would, each with its own key and its own
/// copy of the log, through `cvl log append --server` (pull, sign after the service's head, post, write): the
/// service's log, and every copy, is the reference log byte for byte. Then two copies of the firm's client append
/// at once: each entry is stored once, whoever lost a race pulled and signed again.
#[test]
fn three_parties_append_through_the_service() {
    let dir = cvl_tests::scratch_dir("serve", "append");
    let runtime = runtime();
    let running = start(&runtime, &dir.join("logs.sqlite"));
    let url = format!("http://{}", running.addr);
    let key = running.verifier_key.clone();
    let path = |name: &str| dir.join(name).to_str().unwrap().to_string();
    let lines: Vec<&str> = include_str!("../../examples/placement/log.jsonl")
        .lines()
        .collect();
    // The municipality registers the contract (an empty log pushed).
    let municipality_log = path("municipality.jsonl");
    fs::write(&municipality_log, "").unwrap();
    let (code, _, err) = run(&[
        "log",
        "push",
        &municipality_log,
        "--server",
        &url,
        "--contract",
        CONTRACT,
        "--key",
        MUNI,
    ]);
    assert_eq!(code, 0, "{err}");
    let append = |party: &str, entry: &serde_json::Value, id: &str, at: &str| {
        let data = entry["data"].to_string();
        let log = path(&format!("{party}.jsonl"));
        let key_file = format!("../examples/placement/keys/{party}.key");
        let kind = entry["kind"].as_str().unwrap().to_string();
        run(&[
            "log",
            "append",
            &log,
            "--contract",
            CONTRACT,
            "--key",
            &key_file,
            "--kind",
            &kind,
            "--at",
            at,
            "--data",
            &data,
            "--id",
            id,
            "--server",
            &url,
            "--server-key",
            &key,
        ])
    };
    let mut first = String::new();
    for line in &lines[..12] {
        let entry: serde_json::Value = serde_json::from_str(line).unwrap();
        let party = entry["actor"].as_str().unwrap();
        let result = append(
            party,
            &entry,
            entry["id"].as_str().unwrap(),
            entry["at"].as_str().unwrap(),
        );
        assert_eq!(result.0, 0, "{}", result.2);
        if first.is_empty() {
            first = shown(&url, &dir, result);
        }
    }
    let reference = format!("{}\n", lines[..12].join("\n"));
    for party in ["municipality", "ostervold", "firm"] {
        let (code, _, err) = run(&[
            "log",
            "pull",
            &path(&format!("{party}.jsonl")),
            "--server",
            &url,
            "--contract",
            CONTRACT,
            "--key",
            &format!("../examples/placement/keys/{party}.key"),
            "--server-key",
            &key,
        ]);
        assert_eq!(code, 0, "{err}");
        assert_eq!(
            fs::read_to_string(path(&format!("{party}.jsonl"))).unwrap(),
            reference
        );
    }
    insta::assert_snapshot!("append_server", first);

    // Two copies of the firm's client, each with a log of its own, append three visits each at once.
    fs::copy(path("firm.jsonl"), path("firm-a.jsonl")).unwrap();
    fs::copy(path("firm.jsonl"), path("firm-b.jsonl")).unwrap();
    let visit = serde_json::json!({"kind": "visits", "data": {}});
    let racers: Vec<_> = ["a", "b"]
        .into_iter()
        .map(|copy| {
            let (url, key, dir, visit) = (url.clone(), key.clone(), dir.clone(), visit.clone());
            std::thread::spawn(move || {
                for n in 1..=3 {
                    let log = dir.join(format!("firm-{copy}.jsonl"));
                    let (code, _, err) = run(&[
                        "log",
                        "append",
                        log.to_str().unwrap(),
                        "--contract",
                        CONTRACT,
                        "--key",
                        "../examples/placement/keys/firm.key",
                        "--kind",
                        "visits",
                        "--at",
                        "2019-03-18",
                        "--data",
                        &visit["data"].to_string(),
                        "--id",
                        &format!("race-{copy}-{n}"),
                        "--server",
                        &url,
                        "--server-key",
                        &key,
                    ]);
                    assert_eq!(code, 0, "{err}");
                }
            })
        })
        .collect();
    for racer in racers {
        racer.join().unwrap();
    }
    let (code, _, err) = run(&[
        "log",
        "pull",
        &path("firm.jsonl"),
        "--server",
        &url,
        "--contract",
        CONTRACT,
        "--key",
        "../examples/placement/keys/firm.key",
        "--server-key",
        &key,
    ]);
    assert_eq!(code, 0, "{err}");
    let pulled = fs::read_to_string(path("firm.jsonl")).unwrap();
    assert_eq!(pulled.lines().count(), 18);
    for copy in ["a", "b"] {
        for n in 1..=3 {
            assert_eq!(pulled.matches(&format!("\"race-{copy}-{n}\"")).count(), 1);
        }
    }

    // Refused: a copy that forked from the service's (nothing is appended anywhere), a service that cannot be
    // reached, `--server-key` without `--server`.
    let mut out = String::new();
    let forked = path("forked.jsonl");
    fs::write(&forked, format!("{}\n", lines[..13].join("\n"))).unwrap();
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let closed_url = format!("http://{}", closed.local_addr().unwrap());
    drop(closed);
    let firm_key = "../examples/placement/keys/firm.key";
    for (what, server) in [
        ("a copy forked from the service's", url.as_str()),
        ("no service", closed_url.as_str()),
    ] {
        let result = run(&[
            "log",
            "append",
            &forked,
            "--contract",
            CONTRACT,
            "--key",
            firm_key,
            "--kind",
            "visits",
            "--at",
            "2019-03-19",
            "--server",
            server,
            "--server-key",
            &key,
        ]);
        out.push_str(&format!(
            "# {what}\n{}\n\n",
            shown(&url, &dir, result).replace(&closed_url, "[closed]")
        ));
    }
    assert_eq!(
        fs::read_to_string(&forked).unwrap(),
        format!("{}\n", lines[..13].join("\n"))
    );
    let result = run(&[
        "log",
        "append",
        &forked,
        "--contract",
        CONTRACT,
        "--key",
        firm_key,
        "--kind",
        "visits",
        "--at",
        "2019-03-19",
        "--server-key",
        &key,
    ]);
    out.push_str(&format!(
        "# --server-key without --server\n{}\n",
        shown(&url, &dir, result)
    ));
    insta::assert_snapshot!("append_server_refusals", out.replace(&key, "[server key]"));
    runtime.block_on(running.stop()).unwrap();
    let _ = fs::remove_dir_all(&dir);
}
