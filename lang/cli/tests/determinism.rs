//! Output is deterministic across processes: `cvl eval`'s table and JSON, from an events file and from a signed
//! log, are the same bytes from separate `cvl` processes, and the same bytes the library prints in this one.
//!
//! The test lives in the cli package so that it runs the binary Cargo built for it (`CARGO_BIN_EXE_cvl`): nothing
//! is built inside the test.

use std::path::PathBuf;
use std::process::Command;

fn root() -> PathBuf {
    let manifest = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest
        .ancestors()
        .nth(2)
        .map(PathBuf::from)
        .unwrap_or_default()
}

/// Runs the `cvl` binary in a process of its own, in the workspace root: its exit code, stdout and stderr.
#[expect(
    clippy::expect_used,
    reason = "a binary that cannot start fails the test"
)]
fn run_process(args: &str) -> (Option<i32>, Vec<u8>, Vec<u8>) {
    let output = Command::new(env!("CARGO_BIN_EXE_cvl"))
        .args(args.split_whitespace())
        .current_dir(root())
        .env("NO_COLOR", "1")
        .output()
        .expect("cvl runs");
    (output.status.code(), output.stdout, output.stderr)
}

/// Runs `cvl ARGS` in this process (whose working directory the test sets to the workspace root).
fn run_here(args: &str) -> (Option<i32>, Vec<u8>, Vec<u8>) {
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let argv = std::iter::once("cvl").chain(args.split_whitespace());
    let code = cvl_cli::run(argv, &mut out, &mut err);
    (Some(code), out, err)
}

#[test]
fn output_is_byte_identical_in_separate_processes() {
    // The only test of this binary, so it may set the working directory the in-process runs read paths from.
    std::env::set_current_dir(root()).expect("the workspace root");
    // Each process has its own hash seeds, addresses and clock: whatever a run's order could depend on differs.
    let events = "eval examples/placement/placement.cvl --events examples/placement/events.jsonl";
    let log = "eval examples/placement/placement.cvl --log examples/placement/log.jsonl";
    let mentor = "eval examples/mentor/mentor.cvl --events examples/mentor/events.jsonl";
    for args in [
        events.to_string(),
        format!("{events} --format json"),
        log.to_string(),
        format!("{log} --format json"),
        format!("{mentor} --format json --until 2019-03-15"),
    ] {
        let first = run_process(&args);
        assert_eq!(
            first.0,
            Some(0),
            "{args}: {}",
            String::from_utf8_lossy(&first.2)
        );
        assert!(!first.1.is_empty(), "{args} printed nothing");
        for _ in 0..2 {
            assert!(
                run_process(&args) == first,
                "{args} printed other bytes in another process"
            );
        }
        // And the same bytes as the library prints in this process.
        assert!(run_here(&args) == first, "{args}: in process");
    }
}
