//! `cvl log push` against a log service on the loopback interface (an ephemeral port, an SQLite file of the
//! test's own): the reference log pushed whole with a receipt that verifies, pushed again (nothing to send), a log
//! shorter than the service's, and a log that forked from it, each with its words in a snapshot.

#![cfg(test)]

use std::fs;

use cvl_log::SecretKey;
use cvl_log::checkpoint::{self, NoteKey};
use cvl_serve::client::Client;

use cvl_tests::run_cvl as run;

mod serve_support;
use serve_support::{CONTRACT, LOG, MUNI, SHA256, mask_signed_at, runtime, shown, start};

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
    assert_eq!(client.append(SHA256, &line, &firm).unwrap().status, 201);
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
        assert!(out.contains("` refuses a copy of the log"), "{out}");
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

/// `cvl log page`: a party gets a link to its log's page and the link serves the decision; a key of no party is
/// refused before anything is sent, and a log the service does not hold gets the service's one answer.
#[test]
fn cvl_log_page_prints_a_link_to_the_page() {
    let dir = cvl_tests::scratch_dir("serve", "page");
    let runtime = runtime();
    let running = start(&runtime, &dir.join("logs.sqlite"));
    let url = format!("http://{}", running.addr);
    let ostervold = "../examples/placement/keys/ostervold.key";
    let page = |key: &str| {
        run(&[
            "log",
            "page",
            "--server",
            &url,
            "--contract",
            CONTRACT,
            "--key",
            key,
        ])
    };
    let mut out = String::from("# before the log is pushed\n");
    let before = page(ostervold);
    assert_eq!(before.0, 1, "{}", before.2);
    out.push_str(&shown(&url, &dir, before));

    let copy = dir.join("log.jsonl");
    fs::copy(LOG, &copy).unwrap();
    let pushed = run(&[
        "log",
        "push",
        copy.to_str().unwrap(),
        "--server",
        &url,
        "--contract",
        CONTRACT,
        "--key",
        MUNI,
    ]);
    assert_eq!(pushed.0, 0, "{}", pushed.2);
    let (code, stdout, stderr) = page(ostervold);
    assert_eq!(code, 0, "{stderr}");
    let link = stdout.lines().next().unwrap().to_string();
    let path = link.strip_prefix(&url).unwrap();
    let token = path.strip_prefix("/v1/pages/").unwrap();
    let served = Client::new(&url)
        .get(&format!("{path}?as-of=2020-01-14"))
        .unwrap();
    assert_eq!(served.status, 200);
    assert!(served.body.contains("Withheld: 90,000.00 DKK"));
    let expires = stdout.split(", until ").nth(1).unwrap().get(..20).unwrap();
    out.push_str("\n\n# a party\n");
    out.push_str(
        &shown(&url, &dir, (code, stdout.clone(), stderr))
            .replace(token, "[token]")
            .replace(expires, "[15 minutes from now]"),
    );

    let stranger = dir.join("keys");
    fs::create_dir_all(&stranger).unwrap();
    let made = run(&[
        "key",
        "gen",
        "stranger",
        "--dir",
        stranger.to_str().unwrap(),
    ]);
    assert_eq!(made.0, 0, "{}", made.2);
    let result = page(stranger.join("stranger.key").to_str().unwrap());
    assert_eq!(result.0, 1);
    let public = fs::read_to_string(stranger.join("stranger.pub")).unwrap();
    out.push_str("\n\n# a key of no party\n");
    out.push_str(&shown(&url, &dir, result).replace(public.trim(), "[its public key]"));
    insta::assert_snapshot!("log_page", out);
    runtime.block_on(running.stop()).unwrap();
    let _ = fs::remove_dir_all(&dir);
}
