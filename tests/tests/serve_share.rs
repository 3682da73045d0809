//! The log shared by the parties of the reference case through one `cvl serve`, each with its own key and its own
//! copy: `cvl log pull` into a new file and into a short copy, a pulling party that refuses a service that cut its
//! log or forked it (the database edited under it), and `cvl log append --server`, racing clients included.

#![cfg(test)]

use std::fs;
use std::path::Path;

use cvl_log::SecretKey;
use cvl_log::checkpoint::{self, NoteKey};

use cvl_tests::run_cvl as run;

mod serve_support;
use serve_support::{CONTRACT, LOG, MUNI, SHA256, mask_signed_at, runtime, shown, start};

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
    // A kept checkpoint that the service's key did not sign, and one of another contract's log.
    let impostor =
        NoteKey::new("test.cvl.example", SecretKey::from_seed([1; 32]).public()).unwrap();
    let foreign = |origin: String| checkpoint::Checkpoint {
        origin,
        size: 1,
        head: [1; 32],
        extensions: Vec::new(),
    };
    fs::write(
        path("impostor.jsonl.checkpoint"),
        foreign(format!("test.cvl.example/{SHA256}"))
            .sign(&impostor, &SecretKey::from_seed([1; 32])),
    )
    .unwrap();
    show(
        "a kept checkpoint signed by another key",
        pull(&path("impostor.jsonl"), "firm"),
    );
    fs::write(
        path("other.jsonl.checkpoint"),
        foreign(format!("test.cvl.example/{}", "ab".repeat(32))).sign(
            &NoteKey::parse(&key).unwrap(),
            &SecretKey::from_seed([42; 32]),
        ),
    )
    .unwrap();
    show(
        "a kept checkpoint of another log",
        pull(&path("other.jsonl"), "firm"),
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
