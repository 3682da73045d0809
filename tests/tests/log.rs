//! The signed log, end to end: the reference case's log is its events signed by their actors and decides exactly
//! what the events do; every way of tampering with it is refused at the first bad entry, with the refusal's text
//! in a snapshot, and nothing is decided; and a seeded sample of single-byte changes is each refused or decides
//! exactly as the original.
//!
//! Tests run with `tests/` as the working directory; the examples are reached as `../examples/…`. Logs made by a
//! test are written to a directory of its own under the system's temporary directory.

#![cfg(test)]

use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value;

const CONTRACT: &str = "../examples/placement/placement.cvl";
const EVENTS: &str = "../examples/placement/events.jsonl";
const LOG: &str = "../examples/placement/log.jsonl";
const KEYS: &str = "../examples/placement/keys";

/// Runs `cvl` with `args`; the exit code, stdout and stderr.
use cvl_tests::run_cvl as run;

/// A fresh directory for one test.
fn scratch(name: &str) -> PathBuf {
    cvl_tests::scratch_dir("log", name)
}

fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// The example's secret key file of `party`.
fn key_of(party: &str) -> String {
    format!("{KEYS}/{party}.key")
}

/// The arguments of `cvl log append LOG --contract CONTRACT --key KEY --kind KIND --at AT`, then `more`.
fn append_args(log: &str, key: &str, kind: &str, at: &str, more: &[&str]) -> Vec<String> {
    let head = [
        "log",
        "append",
        log,
        "--contract",
        CONTRACT,
        "--key",
        key,
        "--kind",
        kind,
        "--at",
        at,
    ];
    head.iter().chain(more).map(|a| a.to_string()).collect()
}

/// Runs `cvl log append` with `append_args`.
fn append(log: &Path, key: &str, kind: &str, at: &str, more: &[&str]) -> (i32, String, String) {
    let args = append_args(path(log), key, kind, at, more);
    run(&args.iter().map(String::as_str).collect::<Vec<_>>())
}

/// Builds the reference case's log from its events through `cvl log init` and `cvl log append`.
fn sign_events(dir: &Path) -> PathBuf {
    let log = dir.join("log.jsonl");
    let (code, _, err) = run(&["log", "init", CONTRACT, path(&log)]);
    assert_eq!((code, err.as_str()), (0, ""));
    for line in fs::read_to_string(EVENTS).unwrap().lines() {
        let event: Value = serde_json::from_str(line).unwrap();
        let data = event["data"].to_string();
        let (code, _, err) = append(
            &log,
            &key_of(event["actor"].as_str().unwrap()),
            event["kind"].as_str().unwrap(),
            event["at"].as_str().unwrap(),
            &["--id", event["id"].as_str().unwrap(), "--data", &data],
        );
        assert_eq!((code, err.as_str()), (0, ""), "{line}");
    }
    log
}

#[test]
fn the_example_log_is_its_events_signed_by_their_actors() {
    let dir = scratch("sign");
    let built = fs::read_to_string(sign_events(&dir)).unwrap();
    if std::env::var_os("CVL_BLESS_LOG").is_some() {
        fs::write(LOG, &built).unwrap();
    }
    assert_eq!(
        built,
        fs::read_to_string(LOG).unwrap(),
        "the example log differs from its events signed again; CVL_BLESS_LOG=1 rewrites it"
    );
    assert_eq!(
        built.lines().count(),
        fs::read_to_string(EVENTS).unwrap().lines().count()
    );
}

#[test]
fn the_reference_case_decides_the_same_from_its_log_as_from_its_events() {
    let (code, from_log, err) = run(&["eval", CONTRACT, "--log", LOG, "--format", "json"]);
    assert_eq!((code, err.as_str()), (0, ""));
    let (code, from_events, _) = run(&["eval", CONTRACT, "--events", EVENTS, "--format", "json"]);
    assert_eq!(code, 0);
    let log: Value = serde_json::from_str(&from_log).unwrap();
    let events: Value = serde_json::from_str(&from_events).unwrap();
    assert_eq!(log["payments"], events["payments"]);
    assert_eq!(log["obligations"], events["obligations"]);
    assert_eq!(
        (&log["source"], &log["verified"]),
        (&Value::from("log"), &Value::from(true))
    );
    assert_eq!(
        (&events["source"], &events["verified"]),
        (&Value::from("events"), &Value::from(false))
    );
    let ostervold: Vec<&str> = log["payments"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["payee"] == "ostervold")
        .map(|p| p["total"].as_str().unwrap())
        .collect();
    assert_eq!(
        ostervold,
        [
            "52096.78",
            "100000.00",
            "100000.00",
            "97333.33",
            "95000.00",
            "95000.00",
            "95000.00",
            "90000.00",
            "90000.00",
            "0.00",
            "180000.00",
            "90000.00",
            "40645.16"
        ]
    );
    let (code, table, _) = run(&["eval", CONTRACT, "--log", LOG]);
    assert_eq!(code, 0);
    insta::assert_snapshot!("eval_from_log", table);
    // From a verified log, the release names its event, its date and the party whose key signed it (spec 9.7).
    assert!(
        table.contains("released in 2019-11 by rep-3 dated 2019-11-20, signed by ostervold"),
        "{table}"
    );
}

#[test]
fn verify_and_show_describe_the_example_log() {
    let (code, out, err) = run(&["log", "verify", LOG, "--contract", CONTRACT]);
    assert_eq!((code, err.as_str()), (0, ""));
    insta::assert_snapshot!("verify_example", out);
    let (code, out, err) = run(&["log", "show", LOG]);
    assert_eq!((code, err.as_str()), (0, ""));
    insta::assert_snapshot!("show_example", out);
}

/// The example log's lines.
fn lines() -> Vec<String> {
    fs::read_to_string(LOG)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect()
}

fn write_lines(dir: &Path, lines: &[String]) -> PathBuf {
    let log = dir.join("log.jsonl");
    fs::write(
        &log,
        lines.iter().map(|l| format!("{l}\n")).collect::<String>(),
    )
    .unwrap();
    log
}

/// Replaces the signature of entry `index` (from 0) of `lines` by `key`'s over the same canonical bytes.
fn resign(lines: &mut [String], index: usize, key: &cvl_log::SecretKey) {
    use base64::Engine;
    let entry = cvl_log::Entry::read(index + 1, &lines[index]).unwrap();
    let sig = base64::engine::general_purpose::STANDARD.encode(key.sign(&entry.message).to_bytes());
    let mut object: serde_json::Map<String, Value> = serde_json::from_str(&lines[index]).unwrap();
    object.insert("sig".to_string(), Value::from(sig));
    lines[index] = Value::Object(object).to_string();
}

/// Appends a visit by the firm, dated `at`, to the log at `log`.
fn firm_visit(log: &Path, at: &str) -> (i32, String, String) {
    append(log, &key_of("firm"), "visits", at, &[])
}

fn secret(party: &str) -> cvl_log::SecretKey {
    cvl_log::SecretKey::parse(&fs::read_to_string(key_of(party)).unwrap()).unwrap()
}

/// Appends to the first `keep` entries of the example log a new entry signed by `party`'s key.
fn with_new_entry(keep: usize, party: &str, at: &str, kind: &str, data: Value) -> Vec<String> {
    let mut lines: Vec<String> = lines().into_iter().take(keep).collect();
    let last = lines
        .last()
        .map(|l| cvl_log::Entry::read(keep, l).unwrap().digest);
    let prev = last.unwrap_or_else(|| {
        let mut sink = Vec::new();
        let loaded = cvl_cli::contract::load(Path::new(CONTRACT), &[], false, "", &mut sink)
            .unwrap_or_else(|_| unreachable!());
        loaded.sha256
    });
    let Value::Object(data) = data else {
        unreachable!()
    };
    let entry = cvl_log::NewEntry {
        id: format!("x-{keep}"),
        at: at.to_string(),
        kind: kind.to_string(),
        actor: party.to_string(),
        data,
    };
    let (line, _) = entry.sign(keep as u64 + 1, &prev, &secret(party)).unwrap();
    lines.push(line);
    lines
}

/// `cvl log verify` and `cvl eval --log` both refuse the log; verify's message is returned.
fn refused(dir: &Path, contract: &str) -> String {
    let log = dir.join("log.jsonl");
    let (code, out, err) = run(&["log", "verify", path(&log), "--contract", contract]);
    assert_eq!((code, out.as_str()), (1, ""), "{err}");
    let (code, out, eval_err) = run(&["eval", contract, "--log", path(&log)]);
    assert_eq!((code, out.as_str()), (1, ""), "{eval_err}");
    assert!(eval_err.ends_with("nothing was decided\n"), "{eval_err}");
    err.replace(path(dir), "<dir>")
}

#[test]
fn every_kind_of_tampering_is_refused_at_the_first_bad_entry() {
    let original = lines();
    let mut cases: Vec<(&str, String)> = Vec::new();

    let dir = scratch("byte");
    let mut changed = original.clone();
    changed[2] = changed[2].replacen("\"5000.00\"", "\"6000.00\"", 1);
    assert_ne!(changed[2], original[2]);
    write_lines(&dir, &changed);
    cases.push(("a byte of an entry changed", refused(&dir, CONTRACT)));

    let dir = scratch("deleted");
    let mut deleted = original.clone();
    deleted.remove(9);
    write_lines(&dir, &deleted);
    cases.push(("an entry deleted", refused(&dir, CONTRACT)));

    let dir = scratch("swapped");
    let mut swapped = original.clone();
    swapped.swap(9, 10);
    write_lines(&dir, &swapped);
    cases.push(("two entries swapped", refused(&dir, CONTRACT)));

    let dir = scratch("cut");
    let log = write_lines(&dir, &original);
    let text = fs::read_to_string(&log).unwrap();
    fs::write(&log, &text[..text.len() - 40]).unwrap();
    cases.push(("the last entry cut mid-line", refused(&dir, CONTRACT)));

    let dir = scratch("duplicated");
    let mut duplicated = original.clone();
    duplicated.insert(10, original[9].clone());
    write_lines(&dir, &duplicated);
    cases.push(("an entry duplicated", refused(&dir, CONTRACT)));

    let dir = scratch("other-party");
    let mut other = original.clone();
    resign(&mut other, 2, &secret("ostervold"));
    write_lines(&dir, &other);
    cases.push((
        "a signature replaced by another party's over the same entry",
        refused(&dir, CONTRACT),
    ));

    let dir = scratch("stranger");
    let mut stranger = original.clone();
    resign(&mut stranger, 2, &cvl_log::SecretKey::from_seed([7; 32]));
    write_lines(&dir, &stranger);
    cases.push((
        "an entry signed by a key the contract does not declare",
        refused(&dir, CONTRACT),
    ));

    let dir = scratch("other-contract");
    write_lines(&dir, &original);
    let amended = dir.join("placement.cvl");
    let text = fs::read_to_string(CONTRACT).unwrap();
    fs::write(&amended, text.replacen("60_000 DKK", "61_000 DKK", 1)).unwrap();
    let message = refused(&dir, path(&amended));
    cases.push(("a log bound to another version of the contract", message));

    let dir = scratch("backwards");
    write_lines(
        &dir,
        &with_new_entry(10, "firm", "2019-01-02", "visits", serde_json::json!({})),
    );
    cases.push((
        "an entry dated before its predecessor",
        refused(&dir, CONTRACT),
    ));

    let dir = scratch("authority");
    write_lines(
        &dir,
        &with_new_entry(
            10,
            "ostervold",
            "2019-06-01",
            "supplement_adjusted",
            serde_json::json!({"supplement": "school_support", "amount": "9000.00", "from": "2019-06-01"}),
        ),
    );
    cases.push((
        "an entry whose actor may not perform its kind",
        refused(&dir, CONTRACT),
    ));

    let shown: String = cases
        .iter()
        .map(|(what, message)| format!("--- {what}\n{message}"))
        .collect();
    insta::assert_snapshot!("tampering", shown);
}

/// Decides the reference case from `log` bytes, verified, or refuses it.
fn decide_from(
    loaded: &cvl_cli::contract::Loaded,
    log: &[u8],
) -> Result<cvl_eval::Decision, cvl_event::Refusal> {
    cvl_eval::evaluate_bound(
        &loaded.contract,
        loaded.binding(true),
        loaded.verifier(log),
        None,
    )
}

#[test]
fn every_changed_byte_of_the_example_log_is_refused_or_decides_as_the_original() {
    let loaded = cvl_cli::contract::load(Path::new(CONTRACT), &[], false, "", &mut Vec::new())
        .unwrap_or_else(|_| panic!("{CONTRACT} does not check"));
    let original = fs::read(LOG).unwrap();
    let baseline = decide_from(&loaded, &original).unwrap();
    // A fixed, seeded sample: 3,000 (position, new byte) pairs, each changing one byte to another value.
    let mut state: u64 = 0x2019_0115;
    let mut next = || {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        state >> 33
    };
    let variants: Vec<(usize, u8)> = (0..3_000)
        .map(|_| {
            let at = next() as usize % original.len();
            let delta = (next() % 255 + 1) as u8;
            (at, original[at].wrapping_add(delta))
        })
        .collect();
    let outcomes: Vec<(usize, usize)> = std::thread::scope(|scope| {
        let handles: Vec<_> = variants
            .chunks(variants.len() / 2 + 1)
            .map(|chunk| {
                let (loaded, original, baseline) = (&loaded, &original, &baseline);
                scope.spawn(move || {
                    let (mut refused, mut same) = (0, 0);
                    for &(at, byte) in chunk {
                        let mut changed = original.clone();
                        changed[at] = byte;
                        match decide_from(loaded, &changed) {
                            Err(_) => refused += 1,
                            Ok(decision) => {
                                assert_eq!(
                                    decision, *baseline,
                                    "byte {at} changed to {byte:#04x} decides differently"
                                );
                                same += 1;
                            }
                        }
                    }
                    (refused, same)
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let refused: usize = outcomes.iter().map(|o| o.0).sum();
    let same: usize = outcomes.iter().map(|o| o.1).sum();
    assert_eq!(refused + same, variants.len());
    // A canonical line has no byte a change could leave meaning the same: every variant is refused.
    assert_eq!(same, 0, "{same} changed logs still verified");
}

/// Runs `cvl ARGS` and shows the exit code and both outputs, with the scratch directory's path hidden.
fn shown(dir: &Path, args: &[&str]) -> String {
    let (code, out, err) = run(args);
    format!(
        "$ cvl {}\nexit: {code}\n--- stdout\n{out}--- stderr\n{err}",
        args.join(" ")
    )
    .replace(path(dir), "<dir>")
}

#[test]
fn the_commands_refuse_bad_input_with_their_reasons() {
    let dir = scratch("cli");
    let log = dir.join("log.jsonl");
    let log = path(&log);
    let key = key_of;
    let stranger = dir.join("stranger");
    let dir_text = path(&dir);
    let mut shown_all: Vec<String> = [
        &["key", "gen", "stranger", "--dir", dir_text][..],
        &["key", "gen", "stranger", "--dir", dir_text],
        &["key", "gen", "../up", "--dir", dir_text],
        &["log", "init", CONTRACT, log],
        &["log", "init", CONTRACT, log],
    ]
    .iter()
    .map(|args| shown(&dir, args))
    .collect();
    let stranger_key = format!("{}.key", path(&stranger));
    let append = |key: &str, kind: &str, at: &str, data: &str| {
        append_args(log, key, kind, at, &["--data", data])
    };
    for args in [
        append(&stranger_key, "signed", "2019-01-10", "{}"),
        append(&key("municipality"), "signed", "soon", "{}"),
        append(
            &key("municipality"),
            "signed",
            "2019-01-10",
            "{\"a\":1,\"a\":2}",
        ),
        append(&key("municipality"), "signed", "2019-01-10", "{}"),
        append(&key("municipality"), "signed", "2019-01-11", "{}"),
        append(&key("firm"), "signed", "2019-01-11", "{}"),
        append(&key("ostervold"), "status_report", "2019-01-09", "{}"),
        append(&key("ostervold"), "invoice", "2019-01-12", "{}"),
        append(
            &format!("{KEYS}/municipality.pub"),
            "signed",
            "2019-01-12",
            "{}",
        ),
    ] {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        shown_all.push(shown(&dir, &args));
    }
    shown_all.push(shown(&dir, &["log", "show", log]));
    fs::write(dir.join("broken.jsonl"), "{\"seq\":1}\nnot json\n").unwrap();
    shown_all.push(shown(
        &dir,
        &["log", "show", path(&dir.join("broken.jsonl"))],
    ));
    shown_all.push(shown(
        &dir,
        &[
            "log",
            "verify",
            path(&dir.join("missing.jsonl")),
            "--contract",
            CONTRACT,
        ],
    ));
    // Appending to a log that is not there, or to a directory.
    for target in ["missing.jsonl", "."] {
        let args = append_args(
            path(&dir.join(target)),
            &key("firm"),
            "visits",
            "2019-02-03",
            &[],
        );
        shown_all.push(shown(
            &dir,
            &args.iter().map(String::as_str).collect::<Vec<_>>(),
        ));
    }
    shown_all.push(shown(&dir, &["eval", CONTRACT]));
    shown_all.push(shown(
        &dir,
        &["eval", CONTRACT, "--log", log, "--events", EVENTS],
    ));
    // The key made here is new on every run: the snapshot names it by what it is.
    let made = fs::read_to_string(format!("{}.pub", path(&stranger))).unwrap();
    let shown_all = shown_all
        .join("\n")
        .replace(made.trim(), "ed25519:<the key just made>");
    insta::assert_snapshot!("command_line", shown_all);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(&stranger_key).unwrap().permissions().mode();
        assert_eq!(
            mode & 0o777,
            0o600,
            "the secret key is readable by its owner only"
        );
    }
}

#[test]
fn appenders_at_the_same_time_take_turns_and_the_log_verifies() {
    let dir = scratch("concurrent");
    let log = dir.join("log.jsonl");
    let (code, _, err) = run(&["log", "init", CONTRACT, path(&log)]);
    assert_eq!((code, err.as_str()), (0, ""));
    let signer = |party: &str, at: &str| append(&log, &key_of(party), "signed", at, &[]);
    assert_eq!(signer("municipality", "2019-01-10").0, 0);
    assert_eq!(signer("ostervold", "2019-01-10").0, 0);
    // Eight visits by the firm, appended from eight threads at once, all dated the same day.
    let handles: Vec<_> = (0..8)
        .map(|i| {
            let log = log.clone();
            std::thread::spawn(move || {
                let id = format!("visit-{i}");
                append(
                    &log,
                    &key_of("firm"),
                    "visits",
                    "2019-02-03",
                    &["--id", &id],
                )
            })
        })
        .collect();
    for handle in handles {
        let (code, _, err) = handle.join().unwrap();
        assert_eq!((code, err.as_str()), (0, ""));
    }
    let (code, out, err) = run(&["log", "verify", path(&log), "--contract", CONTRACT]);
    assert_eq!((code, err.as_str()), (0, ""));
    assert!(out.contains("verifies: 10 entries"), "{out}");
    let ids: std::collections::BTreeSet<String> = fs::read_to_string(&log)
        .unwrap()
        .lines()
        .map(|l| {
            serde_json::from_str::<Value>(l).unwrap()["id"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(ids.len(), 10);
}

#[test]
fn an_append_interrupted_before_its_rename_leaves_the_log_as_it_was() {
    let dir = scratch("interrupted");
    let log = write_lines(&dir, &lines()[..5]);
    let before = fs::read(&log).unwrap();
    // What a crash between writing the new log and renaming it leaves: a whole or partial copy beside the log.
    let mut partial = before.clone();
    partial.extend_from_slice(b"{\"seq\":6,\"prev\":\"");
    fs::write(dir.join("log.jsonl.append"), &partial).unwrap();
    let (code, out, err) = run(&["log", "verify", path(&log), "--contract", CONTRACT]);
    assert_eq!((code, err.as_str()), (0, ""));
    assert!(out.contains("verifies: 5 entries"), "{out}");
    let (code, _, err) = firm_visit(&log, "2019-02-17");
    assert_eq!((code, err.as_str()), (0, ""));
    let after = fs::read(&log).unwrap();
    assert!(after.starts_with(&before));
    assert!(!dir.join("log.jsonl.append").exists());
    let (code, out, _) = run(&["log", "verify", path(&log), "--contract", CONTRACT]);
    assert_eq!(code, 0);
    assert!(out.contains("verifies: 6 entries"), "{out}");
}

#[cfg(unix)]
#[test]
fn an_append_writes_through_no_link_and_keeps_the_log_s_permissions() {
    use std::os::unix::fs::{PermissionsExt, symlink};
    let dir = scratch("links");
    let real = write_lines(&dir, &lines()[..5]);
    fs::set_permissions(&real, fs::Permissions::from_mode(0o600)).unwrap();
    // A link planted where the append writes its new log, and the log reached through a link of its own.
    let victim = dir.join("victim.txt");
    fs::write(&victim, "keep me\n").unwrap();
    symlink(&victim, dir.join("log.jsonl.append")).unwrap();
    let link = dir.join("link.jsonl");
    symlink(&real, &link).unwrap();
    let (code, _, err) = firm_visit(&link, "2019-02-17");
    assert_eq!((code, err.as_str()), (0, ""));
    assert_eq!(fs::read_to_string(&victim).unwrap(), "keep me\n");
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(fs::read_to_string(&real).unwrap().lines().count(), 6);
    assert_eq!(
        fs::metadata(&real).unwrap().permissions().mode() & 0o777,
        0o600
    );
}

#[test]
fn hostile_lines_are_refused_without_growing_or_garbling() {
    let dir = scratch("hostile");
    let mut shown_all = Vec::new();
    // A number beyond 2^53 - 1, which two readers could read as two numbers with one canonical form.
    let log = dir.join("log.jsonl");
    fs::copy(LOG, &log).unwrap();
    let args = append_args(
        path(&log),
        &key_of("firm"),
        "hours",
        "2020-01-14",
        &[
            "--data",
            r#"{"item":"consultant","hours":9007199254740993}"#,
        ],
    );
    shown_all.push(shown(
        &dir,
        &args.iter().map(String::as_str).collect::<Vec<_>>(),
    ));
    // An entry not written in its canonical form, though it means the same.
    let mut spaced = lines();
    spaced[3] = spaced[3].replacen(",", ", ", 1);
    write_lines(&dir, &spaced);
    shown_all.push(shown(
        &dir,
        &["log", "verify", path(&log), "--contract", CONTRACT],
    ));
    // A line longer than any entry: refused as soon as it is seen to be too long.
    let long = format!("{}\n{}\n", lines()[0], "x".repeat(2 << 20));
    fs::write(&log, long).unwrap();
    shown_all.push(shown(
        &dir,
        &["log", "verify", path(&log), "--contract", CONTRACT],
    ));
    // Control characters in an id are shown escaped, so that they cannot move the cursor or fake a line.
    let mut garbled = lines();
    garbled[0] = garbled[0].replace("\"sig-1\"", "\"sig\\u001b[31m\\nerror: fake\"");
    write_lines(&dir, &garbled);
    shown_all.push(shown(
        &dir,
        &["log", "verify", path(&log), "--contract", CONTRACT],
    ));
    shown_all.push(
        shown(&dir, &["log", "show", path(&log)])
            .lines()
            .take(9)
            .collect::<Vec<_>>()
            .join("\n"),
    );
    let all = shown_all.join("\n");
    assert!(!all.contains('\u{1b}'), "{all}");
    insta::assert_snapshot!("hostile", all);
}
