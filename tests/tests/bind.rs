//! What a party writes, and what a contract is made of (issue 10, classes 4 and 5), end to end through `cvl`:
//!
//! - a party's id or data with terminal escapes, C1 controls or bidi overrides is shown harmlessly by the eval
//!   table, the JSON (as `\u` escapes that read back as the same string), `cvl log append`, `cvl log show` and
//!   every refusal;
//! - a CPR-like value anywhere in an event is refused, without being repeated, by `cvl log append` (before
//!   anything is signed or written), `cvl log verify` and `cvl eval` with `--events` or `--log`;
//! - a module with other text (`--lib evil/`) makes `cvl eval --log` refuse the log, naming the changed file;
//! - a library module cannot import a file.
//!
//! Tests run with `tests/` as the working directory.

#![cfg(test)]

use std::fs;
use std::path::{Path, PathBuf};

const CONTRACT: &str = "../examples/placement/placement.cvl";
const EVENTS: &str = "../examples/placement/events.jsonl";
const LOG: &str = "../examples/placement/log.jsonl";
const KEYS: &str = "../examples/placement/keys";

/// The id a hostile party signs: clear the line, write a fake amount.
const FAKE: &str = "\u{1b}[2K999,999.00 FAKE";

use cvl_tests::run_cvl as run;

fn scratch(name: &str) -> PathBuf {
    cvl_tests::scratch_dir("bind", name)
}

fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// Runs `cvl ARGS` and shows the exit code and both outputs, with the scratch directory's path hidden.
fn shown(dir: &Path, args: &[&str]) -> String {
    let (code, out, err) = run(args);
    format!(
        "$ cvl {}\nexit: {code}\n--- stdout\n{out}--- stderr\n{err}",
        args.iter()
            .map(|a| cvl_syntax::text::shown(a).into_owned())
            .collect::<Vec<_>>()
            .join(" ")
    )
    .replace(path(dir), "<dir>")
}

/// Nothing a terminal acts on, and no CPR-like number, is in `text`.
fn harmless(text: &str) {
    for c in text.chars() {
        assert!(
            c == '\n' || !cvl_syntax::text::is_hidden(c),
            "{c:?} reaches the output: {text}"
        );
    }
    assert!(cvl_syntax::cpr::find(text).is_empty(), "{text}");
}

/// The example's events, with the id of the `hrs-1` event replaced by `id`.
fn events_with_id(dir: &Path, id: &str) -> PathBuf {
    let text = fs::read_to_string(EVENTS).unwrap();
    let quoted = serde_json::to_string(id).unwrap();
    let events = dir.join("events.jsonl");
    fs::write(&events, text.replace("\"hrs-1\"", &quoted)).unwrap();
    events
}

/// `cvl log append` of one entry to `log` by `party`, with `more` arguments.
fn append_args(log: &str, party: &str, kind: &str, at: &str, more: &[&str]) -> Vec<String> {
    let key = format!("{KEYS}/{party}.key");
    let head = [
        "log",
        "append",
        log,
        "--contract",
        CONTRACT,
        "--key",
        &key,
        "--kind",
        kind,
        "--at",
        at,
    ];
    head.iter().chain(more).map(|a| a.to_string()).collect()
}

fn shown_append(dir: &Path, args: &[String]) -> String {
    shown(dir, &args.iter().map(String::as_str).collect::<Vec<_>>())
}

#[test]
fn a_hostile_id_is_shown_harmlessly_in_every_output() {
    let dir = scratch("hostile");
    let mut all = Vec::new();
    // The eval table, from unsigned events.
    let events = events_with_id(&dir, &format!("hrs-1{FAKE}"));
    let (code, table, err) = run(&[
        "eval",
        CONTRACT,
        "--events",
        path(&events),
        "--until",
        "2019-02-28",
    ]);
    assert_eq!((code, err.as_str()), (0, ""));
    harmless(&table);
    all.push(table.replace(path(&dir), "<dir>"));
    // The JSON: the same id, written with escapes.
    let (code, json, _) = run(&[
        "eval",
        CONTRACT,
        "--events",
        path(&events),
        "--until",
        "2019-02-28",
        "--format",
        "json",
    ]);
    assert_eq!(code, 0);
    harmless(&json);
    assert!(json.contains("hrs-1\\u001b[2K999,999.00 FAKE"), "{json}");
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    let ids: Vec<&serde_json::Value> = value["payments"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|p| p["lines"].as_array().unwrap())
        .flat_map(|l| l["events"].as_array().unwrap())
        .collect();
    assert!(
        ids.iter()
            .any(|id| *id == &serde_json::Value::from(format!("hrs-1{FAKE}")))
    );
    // C1 and bidi characters in JSON are escaped as well.
    let events = events_with_id(&dir, "hrs-1\u{9b}2K\u{202e}x");
    let (_, json, _) = run(&[
        "eval",
        CONTRACT,
        "--events",
        path(&events),
        "--until",
        "2019-02-28",
        "--format",
        "json",
    ]);
    harmless(&json);
    assert!(json.contains("hrs-1\\u009b2K\\u202ex"), "{json}");
    // A refusal that names the event.
    let events = events_with_id(&dir, &format!("x{FAKE}\n\u{202e}"));
    let text = fs::read_to_string(&events).unwrap().replace(
        "\"item\":\"consultant\",\"hours\":4",
        "\"item\":\"nothing\",\"hours\":4",
    );
    fs::write(&events, text).unwrap();
    all.push(shown(&dir, &["eval", CONTRACT, "--events", path(&events)]));
    // cvl log append with the id, then cvl log show and cvl eval --log.
    let log = dir.join("log.jsonl");
    assert_eq!(run(&["log", "init", CONTRACT, path(&log)]).0, 0);
    let id = format!("sig{FAKE}\u{85}\u{2066}");
    all.push(shown_append(
        &dir,
        &append_args(
            path(&log),
            "municipality",
            "signed",
            "2019-01-10",
            &["--id", &id],
        ),
    ));
    all.push(shown(&dir, &["log", "show", path(&log)]));
    let (code, table, err) = run(&["eval", CONTRACT, "--log", path(&log)]);
    assert_eq!((code, err.as_str()), (0, ""));
    harmless(&table);
    let acts = table
        .lines()
        .skip_while(|l| *l != "acts")
        .collect::<Vec<_>>();
    all.push(acts.join("\n"));
    let all = all.join("\n");
    harmless(&all);
    insta::assert_snapshot!("hostile_ids", all);
}

#[test]
fn a_cpr_number_in_an_event_is_refused_everywhere_and_never_repeated() {
    let dir = scratch("cpr");
    let mut all = Vec::new();
    let log = dir.join("log.jsonl");
    // The example log's two signatures: the contract has started, and a visit may be appended.
    let signatures: Vec<String> = fs::read_to_string(LOG)
        .unwrap()
        .lines()
        .take(2)
        .map(String::from)
        .collect();
    fs::write(&log, signatures.join("\n") + "\n").unwrap();
    let before = fs::read(&log).unwrap();
    for more in [
        &["--id", "0102031234"][..],
        &["--id", "visit-010203-1234"],
        &["--data", r#"{"note":"child 0102031234"}"#],
        &["--data", r#"{"a":{"b":[1,"x",{"c":"010203-1234"}]}}"#],
        &["--data", r#"{"0102031234":true}"#],
        &["--data", r#"{"n":1102031234}"#],
    ] {
        all.push(shown_append(
            &dir,
            &append_args(path(&log), "firm", "visits", "2019-02-03", more),
        ));
    }
    assert_eq!(
        fs::read(&log).unwrap(),
        before,
        "nothing was signed into the log"
    );
    // An events file and a log that already hold one (written by another tool).
    let events = events_with_id(&dir, "hrs-0102031234");
    all.push(shown(&dir, &["eval", CONTRACT, "--events", path(&events)]));
    let mut lines = signatures;
    let key = cvl_log::SecretKey::parse(&fs::read_to_string(format!("{KEYS}/firm.key")).unwrap())
        .unwrap();
    let last = cvl_log::Entry::read(lines.len(), lines.last().unwrap()).unwrap();
    let entry = cvl_log::NewEntry {
        id: "vis-x".to_string(),
        at: "2019-02-03".to_string(),
        kind: "visits".to_string(),
        actor: "firm".to_string(),
        data: serde_json::from_str(r#"{"note":"010203-1234"}"#).unwrap(),
    };
    let (line, _) = entry.sign(last.seq + 1, &last.digest, &key).unwrap();
    lines.push(line);
    fs::write(&log, lines.join("\n") + "\n").unwrap();
    all.push(shown(
        &dir,
        &["log", "verify", path(&log), "--contract", CONTRACT],
    ));
    all.push(shown(&dir, &["eval", CONTRACT, "--log", path(&log)]));
    let all = all.join("\n");
    for number in ["0102031234", "010203-1234", "1102031234"] {
        assert!(!all.contains(number), "{number} is repeated: {all}");
    }
    insta::assert_snapshot!("cpr_in_events", all);
}

#[test]
fn a_changed_module_makes_the_log_refused_naming_the_file() {
    let dir = scratch("evil");
    let evil = dir.join("evil");
    fs::create_dir_all(&evil).unwrap();
    let care = fs::read_to_string("../stdlib/care.cvl").unwrap();
    fs::write(evil.join("care.cvl"), format!("{care}\n// changed\n")).unwrap();
    let mut all = Vec::new();
    for args in [
        &["eval", CONTRACT, "--log", LOG, "--lib", path(&evil)][..],
        &[
            "log",
            "verify",
            LOG,
            "--contract",
            CONTRACT,
            "--lib",
            path(&evil),
        ],
    ] {
        let (code, _, err) = run(args);
        assert_eq!(code, 1, "{err}");
        assert!(
            err.contains("evil/care.cvl` (module `care`) has SHA-256"),
            "{err}"
        );
        all.push(shown(&dir, args));
    }
    // The same module under --lib, unchanged, is the same contract.
    fs::write(evil.join("care.cvl"), &care).unwrap();
    let (code, out, err) = run(&[
        "eval",
        CONTRACT,
        "--log",
        LOG,
        "--lib",
        path(&evil),
        "--format",
        "json",
    ]);
    assert_eq!((code, err.as_str()), (0, ""));
    let value: serde_json::Value = serde_json::from_str(&out).unwrap();
    all.push(
        serde_json::to_string_pretty(&value["sources"])
            .unwrap()
            .replace(path(&dir), "<dir>"),
    );
    insta::assert_snapshot!("changed_module", all.join("\n"));
}

#[test]
fn a_library_module_imports_no_file() {
    let dir = scratch("libfile");
    let lib = dir.join("lib");
    fs::create_dir_all(&lib).unwrap();
    fs::write(
        lib.join("shared.cvl"),
        "import \"terms.cvl\"\nclause nothing() { }\n",
    )
    .unwrap();
    fs::write(lib.join("terms.cvl"), "clause terms() { }\n").unwrap();
    let contract = dir.join("c.cvl");
    fs::write(
        &contract,
        "import shared\nclause local() { use shared.nothing() }\n",
    )
    .unwrap();
    let out = shown(&dir, &["check", path(&contract), "--lib", path(&lib)]);
    assert!(out.contains("E0041"), "{out}");
    insta::assert_snapshot!("library_module_imports_a_file", out);
}
