//! Output that cannot be written fails the command: each subcommand run by the real binary with its standard
//! output (or standard error) on `/dev/full` exits 2, and says why on standard error when that can be written.
#![cfg(target_os = "linux")]

use std::fs::File;
use std::process::Stdio;

/// The helpers (in a test module, where the lints let a failed step panic).
#[cfg(test)]
mod harness {
    use std::fs::File;
    use std::path::PathBuf;
    use std::process::{Command, Output, Stdio};

    pub(crate) fn root() -> PathBuf {
        let manifest = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        manifest.ancestors().nth(2).unwrap().to_path_buf()
    }

    /// Runs `cvl` in the workspace root with `stdin`, standard output on `/dev/full` when `full_out`, and standard
    /// error on `/dev/full` otherwise.
    pub(crate) fn run_full(args: &[&str], stdin: Stdio, full_out: bool) -> Output {
        let full = || Stdio::from(File::create("/dev/full").unwrap());
        let mut command = Command::new(env!("CARGO_BIN_EXE_cvl"));
        command.args(args).current_dir(root()).stdin(stdin);
        if full_out {
            command.stdout(full()).stderr(Stdio::piped());
        } else {
            command.stdout(Stdio::piped()).stderr(full());
        }
        command.output().unwrap()
    }

    pub(crate) fn assert_reported(args: &[&str], stdin: Stdio) {
        let output = run_full(args, stdin, true);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(
            stderr.ends_with("error: cannot write the output: no space left on device\n"),
            "{args:?}: {stderr}"
        );
    }
}

use harness::*;

#[test]
fn every_command_whose_output_is_lost_exits_2() {
    let placement = "examples/placement/placement.cvl";
    let log = "examples/placement/log.jsonl";
    let events = "examples/placement/events.jsonl";
    assert_reported(&["check", "tests/cli/clean.cvl"], Stdio::null());
    assert_reported(
        &["check", "--format", "json", "tests/cli/bad.cvl"],
        Stdio::null(),
    );
    assert_reported(&["eval", placement, "--events", events], Stdio::null());
    assert_reported(
        &["eval", placement, "--log", log, "--format", "json"],
        Stdio::null(),
    );
    assert_reported(
        &["fmt", "-"],
        Stdio::from(File::open(root().join("tests/cli/clean.cvl")).unwrap()),
    );
    assert_reported(&["explain"], Stdio::null());
    assert_reported(&["explain", "E0004"], Stdio::null());
    assert_reported(&["log", "show", log], Stdio::null());
    assert_reported(
        &["log", "verify", log, "--contract", placement],
        Stdio::null(),
    );
    assert_reported(&["--help"], Stdio::null());

    let dir = std::env::temp_dir().join(format!("cvl-output-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let dir_text = dir.display().to_string();
    assert_reported(&["key", "gen", "ana", "--dir", &dir_text], Stdio::null());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn lost_diagnostics_on_stderr_exit_2() {
    // eval and fmt print diagnostics on standard error; with it full, nothing can say why, but the code does.
    for args in [
        &[
            "eval",
            "tests/eval/bad-contract.cvl",
            "--events",
            "examples/placement/events.jsonl",
        ][..],
        &["fmt", "--check", "tests/cli/bad.cvl"][..],
        &["check", "tests/cli/missing-file.cvl"][..],
    ] {
        let output = run_full(args, Stdio::null(), false);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
    }
}
