//! The files `cvl` is given (red-team findings 7, 8 and 9), end to end through `cvl`:
//!
//! - an import that a symbolic link leads outside the contract's directory tree (a linked file, a linked directory
//!   on the way, a link to `/etc/passwd`, a `--lib` module that is a link) is refused with E0041 and nothing is
//!   read from it; a link inside the tree, and a contract that is itself a link, are fine (spec 4.1, 5.3);
//! - no file is read past its size (spec 7): `/dev/zero` and an over-size file as a contract, an import, `cvl fmt`'s
//!   standard input, a key file, and a log line for `cvl log show`;
//! - a file name with a terminal escape and a CPR-like number is shown harmlessly in every output that names it
//!   (spec 6), and `cvl key gen` refuses such a key name (spec 10.1).
//!
//! Tests run with `tests/` as the working directory; each works in a scratch directory of its own, shown as
//! `<dir>` in the snapshots.

#![cfg(test)]

use std::fs;
use std::path::{Path, PathBuf};

/// A clean contract, with `imports` before it.
fn contract(imports: &str) -> String {
    format!("{imports}{}", fs::read_to_string("cli/clean.cvl").unwrap())
}

/// A clause file that checks clean.
const TERMS: &str =
    "clause standard_payment() \"Standard terms\" {\n  paid monthly in arrears\n}\n";

/// What no file may read: it does not parse, so reading it would show as E0029.
const EVIL: &str = "this is not cvl @@@\n";

/// A name with a terminal escape that clears the screen and a CPR-like number.
const HOSTILE: &str = "c\u{1b}[2J0102031234";

fn scratch(name: &str) -> PathBuf {
    cvl_tests::scratch_dir("files", name)
}

fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn run_with(args: &[&str], stdin: &mut dyn std::io::Read) -> (i32, String, String) {
    let mut out = Vec::new();
    let mut err = Vec::new();
    let code = cvl_cli::run_with_stdin(
        cvl_cli::Terminal::default(),
        std::iter::once("cvl").chain(args.iter().copied()),
        stdin,
        &mut out,
        &mut err,
    );
    (
        code,
        String::from_utf8_lossy(&out).into_owned(),
        String::from_utf8_lossy(&err).into_owned(),
    )
}

fn run(args: &[&str]) -> (i32, String, String) {
    run_with(args, &mut std::io::empty())
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

/// Runs `cvl ARGS` and shows the exit code and both outputs, with the scratch directory's path hidden; the output
/// must be harmless.
fn shown_in(dir: &Path, args: &[&str], stdin: &mut dyn std::io::Read) -> String {
    let (code, out, err) = run_with(args, stdin);
    harmless(&out);
    harmless(&err);
    format!(
        "$ cvl {}\nexit: {code}\n--- stdout\n{out}--- stderr\n{err}",
        args.iter()
            .map(|a| cvl_syntax::text::shown(a).into_owned())
            .collect::<Vec<_>>()
            .join(" ")
    )
    .replace(path(dir), "<dir>")
}

fn shown(dir: &Path, args: &[&str]) -> String {
    shown_in(dir, args, &mut std::io::empty())
}

// ---------------------------------------------------------------------------------------------------------------
// Imports through symbolic links (spec 4.1, 5.3)

#[cfg(unix)]
#[test]
fn an_import_that_a_link_leads_outside_is_refused_and_not_read() {
    use std::os::unix::fs::symlink;
    let dir = scratch("links");
    let (imp, outside) = (dir.join("imp"), dir.join("outside"));
    fs::create_dir_all(imp.join("sub")).unwrap();
    fs::create_dir_all(&outside).unwrap();
    fs::write(outside.join("evil.cvl"), EVIL).unwrap();
    fs::write(imp.join("terms.cvl"), TERMS).unwrap();
    // A linked file, a linked directory on the way, a link to a system file, a link to a link that leaves.
    symlink("../outside/evil.cvl", imp.join("link.cvl")).unwrap();
    symlink("../../outside", imp.join("sub/out")).unwrap();
    symlink("/etc/passwd", imp.join("pw.cvl")).unwrap();
    symlink("link.cvl", imp.join("again.cvl")).unwrap();
    // A link that stays inside the tree is followed.
    symlink("terms.cvl", imp.join("alias.cvl")).unwrap();

    let mut all = Vec::new();
    for import in ["link.cvl", "sub/out/evil.cvl", "pw.cvl", "again.cvl"] {
        let file = imp.join("c.cvl");
        fs::write(&file, contract(&format!("import \"{import}\"\n"))).unwrap();
        let (code, out, err) = run(&["check", path(&file), "--format", "json"]);
        assert_eq!((code, err.as_str()), (1, ""), "{out}");
        assert!(out.contains("\"E0041\"") && !out.contains("E0029"), "{out}");
        all.push(shown(&dir, &["check", path(&file)]));
    }
    let file = imp.join("c.cvl");
    fs::write(&file, contract("import \"alias.cvl\"\n")).unwrap();
    let (code, out, _) = run(&["check", path(&file)]);
    assert!(!out.contains("E0041") && !out.contains("E0027"), "{out}");
    assert_eq!(code, 0, "{out}");
    insta::assert_snapshot!("links_leading_outside", all.join("\n"));
    fs::remove_dir_all(&dir).unwrap();
}

#[cfg(unix)]
#[test]
fn a_contract_that_is_a_link_imports_beside_its_name_and_a_linked_module_is_refused() {
    use std::os::unix::fs::symlink;
    let dir = scratch("linked-contract");
    let (here, real, lib, outside) = (
        dir.join("here"),
        dir.join("real"),
        dir.join("lib"),
        dir.join("outside"),
    );
    for d in [&here, &real, &lib, &outside] {
        fs::create_dir_all(d).unwrap();
    }
    // The contract is a link into another directory; its import is looked for beside the link, in its tree.
    fs::write(real.join("c.cvl"), contract("import \"terms.cvl\"\n")).unwrap();
    fs::write(here.join("terms.cvl"), TERMS).unwrap();
    symlink("../real/c.cvl", here.join("c.cvl")).unwrap();
    let (code, out, err) = run(&["check", path(&here.join("c.cvl"))]);
    assert_eq!((code, err.as_str()), (0, ""), "{out}");

    // A module of a `--lib` directory that is a link out of it.
    fs::write(outside.join("care.cvl"), EVIL).unwrap();
    symlink("../outside/care.cvl", lib.join("care.cvl")).unwrap();
    fs::write(here.join("m.cvl"), contract("import care\n")).unwrap();
    let text = shown(
        &dir,
        &["check", "--lib", path(&lib), path(&here.join("m.cvl"))],
    );
    assert!(text.contains("E0041") && !text.contains("E0029"), "{text}");
    insta::assert_snapshot!("linked_module", text);
    fs::remove_dir_all(&dir).unwrap();
}

// ---------------------------------------------------------------------------------------------------------------
// Sizes (spec 7)

/// Every command that reads a contract, a key or a log line, given `/dev/zero`: refused after a bounded read.
#[cfg(target_os = "linux")]
#[test]
fn dev_zero_is_refused_by_every_reader() {
    let dir = scratch("zero");
    let clean = "cli/clean.cvl";
    let events = dir.join("events.jsonl");
    fs::write(&events, "").unwrap();
    let log = dir.join("log.jsonl");
    assert_eq!(run(&["log", "init", clean, path(&log)]).0, 0);
    let new = dir.join("new.jsonl");
    let runs: Vec<Vec<&str>> = vec![
        vec!["check", "/dev/zero"],
        vec!["fmt", "--check", "/dev/zero"],
        vec!["log", "init", "/dev/zero", path(&new)],
        vec!["eval", "/dev/zero", "--events", path(&events)],
        vec!["log", "show", "/dev/zero"],
        vec![
            "log",
            "append",
            path(&log),
            "--contract",
            clean,
            "--key",
            "/dev/zero",
            "--kind",
            "signed",
            "--at",
            "2019-01-10",
        ],
    ];
    let mut all = Vec::new();
    for args in &runs {
        let (code, _, _) = run(args);
        let expected = if args[1] == "show" { 1 } else { 2 };
        assert_eq!(code, expected, "{args:?}");
        all.push(shown(&dir, args));
    }
    // Standard input that never ends.
    all.push(shown_in(&dir, &["fmt", "-"], &mut std::io::repeat(b'\n')));
    insta::assert_snapshot!("dev_zero", all.join("\n"));
    fs::remove_dir_all(&dir).unwrap();
}

/// A FIFO and a link to `/dev/zero` named `*.cvl`, found by walking a directory, and a FIFO an import names: each
/// is reported as not a regular file (exit 2), never opened in a way that blocks; a link to a regular file is
/// checked (spec 7, 8.3, 8.7).
#[cfg(unix)]
#[test]
fn a_file_that_is_not_regular_is_reported_not_read() {
    let dir = scratch("special");
    let sub = dir.join("sub");
    fs::create_dir_all(&sub).unwrap();
    let mkfifo = |p: &Path| {
        assert!(
            std::process::Command::new("mkfifo")
                .arg(p)
                .status()
                .unwrap()
                .success()
        );
    };
    fs::write(dir.join("a.cvl"), contract("")).unwrap();
    mkfifo(&sub.join("f.cvl"));
    std::os::unix::fs::symlink("/dev/zero", sub.join("z.cvl")).unwrap();
    std::os::unix::fs::symlink(dir.join("a.cvl"), sub.join("link.cvl")).unwrap();
    // Not named `.cvl`: not taken, not reported.
    mkfifo(&sub.join("other"));
    let runs: Vec<Vec<&str>> = vec![
        vec!["check", path(&dir)],
        vec!["fmt", "--check", path(&dir)],
        vec!["fmt", path(&dir)],
    ];
    let mut all = Vec::new();
    for args in &runs {
        assert_eq!(run(args).0, 2, "{args:?}");
        all.push(shown(&dir, args));
    }
    // An import naming a FIFO.
    let module = dir.join("m");
    fs::create_dir_all(&module).unwrap();
    mkfifo(&module.join("terms.cvl"));
    fs::write(module.join("c.cvl"), contract("import \"terms.cvl\"\n\n")).unwrap();
    let c = module.join("c.cvl");
    let args = ["check", path(&c)];
    assert_eq!(run(&args).0, 1);
    all.push(shown(&dir, &args));
    insta::assert_snapshot!("not_regular", all.join("\n"));
    fs::remove_dir_all(&dir).unwrap();
}

/// A file one byte past the limit: as a contract, as an import, and as a key.
#[test]
fn a_file_past_its_size_is_refused_naming_it_and_the_limit() {
    let dir = scratch("big");
    let limit = usize::try_from(cvl_check::read::MAX_SOURCE).unwrap();
    let big = dir.join("big.cvl");
    fs::write(&big, "\n".repeat(limit + 1)).unwrap();
    let c = dir.join("c.cvl");
    fs::write(&c, contract("import \"big.cvl\"\n")).unwrap();
    let key = dir.join("a.key");
    fs::write(&key, "x".repeat(5000)).unwrap();
    let log = dir.join("log.jsonl");
    assert_eq!(run(&["log", "init", "cli/clean.cvl", path(&log)]).0, 0);
    let mut all = vec![
        shown(&dir, &["check", path(&big)]),
        shown(&dir, &["fmt", path(&big)]),
        shown(&dir, &["check", path(&c)]),
        shown(
            &dir,
            &[
                "log",
                "append",
                path(&log),
                "--contract",
                "cli/clean.cvl",
                "--key",
                path(&key),
                "--kind",
                "signed",
                "--at",
                "2019-01-10",
            ],
        ),
    ];
    // Exactly the limit is read (and, here, is a file of blank lines: clean).
    fs::write(&big, "\n".repeat(limit)).unwrap();
    let (code, out, err) = run(&["fmt", "--check", path(&big)]);
    assert_eq!(err, "");
    assert!(code <= 1, "{out}");
    all.push(String::new());
    insta::assert_snapshot!("past_the_size", all.join("\n"));
    fs::remove_dir_all(&dir).unwrap();
}

// ---------------------------------------------------------------------------------------------------------------
// File names (spec 6, 10.1)

/// A contract with an error, named with an escape and a CPR-like number, in every format of `cvl check`, and in
/// `cvl fmt`, `cvl log`, `cvl eval`.
#[test]
fn a_hostile_file_name_is_shown_harmlessly_everywhere() {
    let dir = scratch("names");
    let sub = dir.join(format!("d{HOSTILE}"));
    fs::create_dir_all(&sub).unwrap();
    let bad = sub.join(format!("{HOSTILE}.cvl"));
    let text = contract("").replace("starts on 2019-01-15", "starts on 2019-01-15 x");
    fs::write(&bad, text).unwrap();
    let mut all = Vec::new();
    for format in ["human", "json", "github"] {
        all.push(shown(&dir, &["check", "--format", format, path(&bad)]));
    }
    // The directory walk names it too, and `cannot read` and `fmt --check`'s listing.
    let (_, out, _) = run(&["check", "--format", "json", path(&dir)]);
    harmless(&out);
    all.push(shown(
        &dir,
        &["check", path(&sub.join(format!("{HOSTILE}-missing.cvl")))],
    ));
    let clean = sub.join(format!("{HOSTILE}-clean.cvl"));
    fs::write(&clean, format!("{}\n\n", contract(""))).unwrap();
    all.push(shown(&dir, &["fmt", "--check", path(&clean)]));
    all.push(shown(&dir, &["fmt", "--check", path(&bad)]));
    // The log commands and eval, with the log and events under hostile names too.
    fs::write(&clean, contract("")).unwrap();
    let log = sub.join(format!("{HOSTILE}.jsonl"));
    all.push(shown(&dir, &["log", "init", path(&clean), path(&log)]));
    all.push(shown(&dir, &["log", "show", path(&log)]));
    all.push(shown(
        &dir,
        &["log", "verify", path(&log), "--contract", path(&clean)],
    ));
    let events = sub.join(format!("ev{HOSTILE}.jsonl"));
    fs::write(&events, "").unwrap();
    let (code, out, err) = run(&[
        "eval",
        path(&clean),
        "--events",
        path(&events),
        "--until",
        "2019-01-31",
    ]);
    assert_eq!((code, err.as_str()), (0, ""));
    harmless(&out);
    let (code, out, _) = run(&[
        "eval",
        path(&clean),
        "--events",
        path(&events),
        "--until",
        "2019-01-31",
        "--format",
        "json",
    ]);
    assert_eq!(code, 0);
    harmless(&out);
    all.push(shown(
        &dir,
        &["eval", path(&bad), "--events", path(&events)],
    ));
    insta::assert_snapshot!("hostile_file_names", all.join("\n"));
    fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn key_gen_refuses_a_name_that_is_no_plain_file_name() {
    let dir = scratch("keys");
    let mut all = Vec::new();
    for name in [
        "0102031234",
        "ana-010203-1234",
        "a\u{1b}[2Jb",
        "a\u{202e}b",
        "a/b",
        "a\\b",
        ".hidden",
        "",
    ] {
        all.push(shown(&dir, &["key", "gen", name, "--dir", path(&dir)]));
    }
    let left: Vec<_> = fs::read_dir(&dir).unwrap().collect();
    assert!(left.is_empty(), "{left:?}");
    // A plain name in a directory with a hostile name: the files are named harmlessly.
    let sub = dir.join(HOSTILE);
    fs::create_dir_all(&sub).unwrap();
    let made = shown(&dir, &["key", "gen", "ana", "--dir", path(&sub)]);
    assert!(sub.join("ana.key").is_file() && sub.join("ana.pub").is_file());
    let made: Vec<&str> = made.lines().filter(|l| !l.contains("ed25519:")).collect();
    all.push(made.join("\n"));
    all.push(shown(&dir, &["key", "gen", "ana", "--dir", path(&sub)]));
    insta::assert_snapshot!("key_names", all.join("\n"));
    fs::remove_dir_all(&dir).unwrap();
}
