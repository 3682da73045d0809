//! The shared helpers of the CVL test suite.
//!
//! The suite keeps two parsers side by side, as the style guide asks: the normative pest grammar
//! (`lang/syntax/src/grammar.pest`), compiled here into [`Grammar`], and the hand-written parser that the product
//! uses ([`cvl_syntax::parse`]). [`pest_accepts`] and [`parser_accepts`] give each one's verdict on a text, and
//! `tests/grammar.rs` fails wherever the two disagree. [`corpus_files`] finds the input files that the corpus and
//! grammar tests run over, [`generate`] makes random sentences of the grammar and near-misses of them,
//! [`mess::mess`] re-spaces a formatted file for the formatter's tests, [`spans::bad_spans`] checks that a tree's
//! spans nest as its nodes do, and [`textmate`] colours a text with the editor's TextMate grammar so that
//! `tests/editor.rs` can compare it with the lexer.

pub mod generate;
pub mod mess;
pub mod spans;
pub mod textmate;
pub mod ubl;

use std::path::{Path, PathBuf};

use cvl_syntax::diagnostic::Class;
use cvl_syntax::span::FileId;
use pest::Parser as _;

/// The pest grammar as a parser. The path is relative to this crate's manifest directory (`tests/`), which is
/// where pest_derive looks first.
#[derive(pest_derive::Parser)]
#[grammar = "../lang/syntax/src/grammar.pest"]
pub struct Grammar;

/// Every `*.cvl` file under `dir`, recursively, sorted by path. A directory that does not exist has none.
pub fn corpus_files(dir: impl AsRef<Path>) -> Vec<PathBuf> {
    let mut found = Vec::new();
    collect(dir.as_ref(), &mut found);
    found.sort();
    found
}

fn collect(dir: &Path, found: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, found);
        } else if path.extension().is_some_and(|ext| ext == "cvl") {
            found.push(path);
        }
    }
}

/// Whether the pest grammar accepts `text` as a whole file.
pub fn pest_accepts(text: &str) -> bool {
    Grammar::parse(Rule::file, text).is_ok()
}

/// Whether the hand-written parser accepts `text`: it reports no diagnostic of the grammar class. Diagnostics of
/// the other classes (an invalid date, a nesting limit, a CPR number, an empty file) are about a text that the
/// grammar accepts, so they do not count against it.
pub fn parser_accepts(text: &str) -> bool {
    grammar_errors(text).is_empty()
}

/// The codes of the grammar-class diagnostics that the hand-written parser reports for `text`, in source order.
pub fn grammar_errors(text: &str) -> Vec<cvl_syntax::Code> {
    cvl_syntax::parse(FileId(0), text)
        .problems
        .into_sorted()
        .into_iter()
        .filter(|d| d.code.class() == Class::Grammar)
        .map(|d| d.code)
        .collect()
}

/// The workspace root (the parent of this crate's directory), for tests that read examples and the stdlib.
pub fn workspace_root() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().unwrap_or(manifest).to_path_buf()
}

/// Runs `cvl ARGS` in this process, through the library the binary calls: the exit code, standard output and
/// standard error (as text).
pub fn run_cvl(args: &[&str]) -> (i32, String, String) {
    let mut out = Vec::new();
    let mut err = Vec::new();
    let code = cvl_cli::run(
        std::iter::once("cvl").chain(args.iter().copied()),
        &mut out,
        &mut err,
    );
    (
        code,
        String::from_utf8_lossy(&out).into_owned(),
        String::from_utf8_lossy(&err).into_owned(),
    )
}

/// Runs `cvl ARGS`, ARGS split at white space (so no argument may hold a space): the exit code, standard output and
/// standard error, as [`run_cvl`].
pub fn run_words(args: &str) -> (i32, String, String) {
    run_cvl(&args.split_whitespace().collect::<Vec<_>>())
}

/// What `cvl ARGS` printed, as a snapshot shows it: the command, its exit code, standard output and standard error.
pub fn shown(args: &str) -> String {
    let (code, out, err) = run_words(args);
    format!("$ cvl {args}\nexit: {code}\n--- stdout\n{out}--- stderr\n{err}")
}

/// A fresh, empty scratch directory for one test of `suite`, unique in the run (each call gets its own).
#[expect(
    clippy::expect_used,
    reason = "a test that cannot make its scratch directory cannot run"
)]
pub fn scratch_dir(suite: &str, name: &str) -> PathBuf {
    static COUNT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = COUNT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!(
        "cvl-{suite}-test-{}-{name}-{n}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a scratch directory");
    dir
}

/// Runs `program` (a browser, pdftotext) with `args`, killed after two minutes: whether it succeeded, and what it
/// said. The browser tests of the report and the portfolio share it.
pub fn run_bounded(program: &str, args: &[String]) -> (bool, String) {
    let child = std::process::Command::new(program)
        .args(args)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn();
    let mut child = match child {
        Ok(child) => child,
        Err(error) => {
            return (false, format!("cannot run `{program}`: {error}"));
        }
    };
    let started = std::time::Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(_)) => break,
            Ok(None) if started.elapsed() > std::time::Duration::from_secs(120) => {
                let _ = child.kill();
                let _ = child.wait();
                return (false, format!("`{program}` took more than two minutes"));
            }
            Ok(None) => std::thread::sleep(std::time::Duration::from_millis(50)),
            Err(error) => return (false, error.to_string()),
        }
    }
    match child.wait_with_output() {
        Ok(output) => (
            output.status.success(),
            format!(
                "{}{}",
                String::from_utf8_lossy(&output.stdout),
                String::from_utf8_lossy(&output.stderr)
            ),
        ),
        Err(error) => (false, error.to_string()),
    }
}
