//! The `cvl` command line, end to end: each test runs [`cvl_cli::run`] on the inputs under `tests/cli/` with
//! in-memory stdout and stderr, and snapshots the command, its exit code and both outputs together.
//!
//! Tests run with `tests/` as the working directory, so paths such as `cli/bad.cvl` appear in the output exactly as
//! written here. Output is never coloured unless a test asks for it, and those tests assert rather than snapshot.

use cvl_cli::Terminal;

/// What one run of `cvl` did.
struct Run {
    code: i32,
    out: String,
    err: String,
}

fn run_in(terminal: Terminal, args: &str) -> Run {
    let mut out = Vec::new();
    let mut err = Vec::new();
    let argv = std::iter::once("cvl").chain(args.split_whitespace());
    let code = cvl_cli::run_in(terminal, argv, &mut out, &mut err);
    Run {
        code,
        out: String::from_utf8_lossy(&out).into_owned(),
        err: String::from_utf8_lossy(&err).into_owned(),
    }
}

/// Runs `cvl ARGS` and renders the command, exit code, stdout and stderr as one text for a snapshot.
fn cvl(args: &str) -> String {
    let mut out = Vec::new();
    let mut err = Vec::new();
    let argv = std::iter::once("cvl").chain(args.split_whitespace());
    let code = cvl_cli::run(argv, &mut out, &mut err);
    let out = String::from_utf8_lossy(&out).into_owned();
    let err = String::from_utf8_lossy(&err).into_owned();
    assert!(
        !out.contains('\u{1b}') && !err.contains('\u{1b}'),
        "uncoloured output has escape codes"
    );
    format!("$ cvl {args}\nexit: {code}\n--- stdout\n{out}--- stderr\n{err}")
}

// ---------------------------------------------------------------------------------------------------------------
// cvl check

#[test]
fn check_clean_file() {
    insta::assert_snapshot!("check_clean_file", cvl("check cli/clean.cvl"));
}

#[test]
fn check_errors_human() {
    insta::assert_snapshot!("check_errors_human", cvl("check cli/bad.cvl"));
}

#[test]
fn check_errors_json() {
    insta::assert_snapshot!("check_errors_json", cvl("check --format json cli/bad.cvl"));
}

#[test]
fn check_json_is_one_array_with_every_field() {
    let run = run_in(
        Terminal::default(),
        "check --format json cli/bad.cvl cli/empty.cvl",
    );
    assert_eq!(run.code, 1);
    let value: serde_json::Value = serde_json::from_str(&run.out).unwrap();
    let array = value.as_array().unwrap();
    assert_eq!(array.len(), 3);
    for diagnostic in array {
        for field in [
            "file",
            "line",
            "column",
            "end_line",
            "end_column",
            "code",
            "severity",
            "message",
            "help",
            "labels",
        ] {
            assert!(
                diagnostic.get(field).is_some(),
                "no `{field}` in {diagnostic}"
            );
        }
    }
}

#[test]
fn check_clean_json_is_an_empty_array() {
    let run = run_in(Terminal::default(), "check --format json cli/clean.cvl");
    assert_eq!(
        (run.code, run.out.as_str(), run.err.as_str()),
        (0, "[]\n", "")
    );
}

#[test]
fn check_errors_github() {
    insta::assert_snapshot!(
        "check_errors_github",
        cvl("check --format github cli/bad.cvl cli/empty.cvl")
    );
}

#[test]
fn check_several_files_and_a_directory_walk() {
    // The walk takes `.cvl` files only, each directory in sorted order; `cli/tree/b.cvl` is named twice but
    // checked once, where the walk reaches it.
    insta::assert_snapshot!(
        "check_several_files_and_a_directory_walk",
        cvl("check cli/clean.cvl cli/tree/ cli/tree/b.cvl")
    );
}

#[test]
fn check_nonexistent_path_still_checks_the_others() {
    insta::assert_snapshot!(
        "check_nonexistent_path",
        cvl("check cli/missing.cvl cli/clean.cvl")
    );
}

#[test]
fn check_directory_without_contracts() {
    insta::assert_snapshot!(
        "check_directory_without_contracts",
        cvl("check cli/tree/notes")
    );
}

#[test]
fn check_warning_passes_without_deny_warnings() {
    insta::assert_snapshot!("check_warning", cvl("check cli/empty.cvl"));
}

#[test]
fn check_warning_fails_with_deny_warnings() {
    insta::assert_snapshot!(
        "check_warning_denied",
        cvl("check --deny-warnings cli/empty.cvl")
    );
}

#[test]
fn check_colours_only_when_asked_or_on_a_terminal() {
    let tty = Terminal {
        stdout_is_terminal: true,
        stderr_is_terminal: false,
        no_color: false,
    };
    let piped = Terminal::default();
    let no_color = Terminal {
        no_color: true,
        ..tty
    };
    let coloured = |terminal, args| run_in(terminal, args).out.contains('\u{1b}');
    assert!(coloured(piped, "check --color always cli/bad.cvl"));
    assert!(coloured(tty, "check cli/bad.cvl"));
    assert!(!coloured(tty, "check --color never cli/bad.cvl"));
    assert!(!coloured(piped, "check cli/bad.cvl"));
    assert!(!coloured(no_color, "check cli/bad.cvl"));
    assert!(!coloured(tty, "check --format json cli/bad.cvl"));
}

#[test]
fn commands_whose_diagnostics_go_to_stderr_colour_them_by_stderr() {
    let args = "eval eval/bad-contract.cvl --events eval/refusals/not-json.jsonl";
    let stderr_tty = Terminal {
        stderr_is_terminal: true,
        ..Terminal::default()
    };
    let stdout_tty = Terminal {
        stdout_is_terminal: true,
        ..Terminal::default()
    };
    let coloured = |terminal| {
        let run = run_in(terminal, args);
        assert_eq!(run.code, 1, "{}", run.err);
        run.err.contains('\u{1b}')
    };
    assert!(coloured(stderr_tty));
    assert!(!coloured(stdout_tty));
}

#[test]
fn check_checker_errors_json_have_their_further_labels() {
    insta::assert_snapshot!(
        "check_checker_errors_json",
        cvl("check --format json cli/checker.cvl")
    );
}

#[test]
fn check_checker_errors_github() {
    insta::assert_snapshot!(
        "check_checker_errors_github",
        cvl("check --format github cli/checker.cvl")
    );
}

#[test]
fn check_lib_directories_come_before_the_stdlib() {
    // `cli/lib/care.cvl` has a clause that the bundled `care` does not: found with `--lib`, unknown without.
    insta::assert_snapshot!(
        "check_lib_before_stdlib",
        format!(
            "{}\n{}",
            cvl("check --lib cli/lib cli/with-lib.cvl"),
            cvl("check cli/with-lib.cvl")
        )
    );
}

#[test]
fn check_missing_module_says_where_it_looked() {
    insta::assert_snapshot!(
        "check_missing_module",
        cvl("check --lib cli/lib --lib cli/no-such-dir cli/missing-module.cvl")
    );
}

// ---------------------------------------------------------------------------------------------------------------
// Usage

#[test]
fn usage_error_unknown_format() {
    insta::assert_snapshot!(
        "usage_unknown_format",
        cvl("check --format xml cli/clean.cvl")
    );
}

#[test]
fn usage_error_check_without_paths() {
    insta::assert_snapshot!("usage_check_without_paths", cvl("check"));
}

#[test]
fn usage_help_goes_to_stdout() {
    insta::assert_snapshot!("usage_help", cvl("--help"));
}

#[test]
fn usage_check_help_lists_the_options() {
    insta::assert_snapshot!("usage_check_help", cvl("check --help"));
}

#[test]
fn usage_log_help_describes_its_arguments() {
    insta::assert_snapshot!("usage_log_init_help", cvl("log init -h"));
    insta::assert_snapshot!("usage_log_verify_help", cvl("log verify -h"));
    insta::assert_snapshot!("usage_log_pull_help", cvl("log pull -h"));
    insta::assert_snapshot!("usage_log_append_help", cvl("log append -h"));
}

#[test]
fn usage_version_goes_to_stdout() {
    let run = run_in(Terminal::default(), "--version");
    assert_eq!(run.code, 0);
    assert_eq!(run.out, format!("cvl {}\n", env!("CARGO_PKG_VERSION")));
}

// ---------------------------------------------------------------------------------------------------------------
// cvl explain

#[test]
fn explain_a_code() {
    insta::assert_snapshot!("explain_code", cvl("explain E0006"));
}

#[test]
fn explain_reads_codes_in_any_case() {
    assert_eq!(
        cvl("explain w0001").replace("w0001", "W0001"),
        cvl("explain W0001")
    );
}

#[test]
fn explain_an_unknown_code() {
    insta::assert_snapshot!("explain_unknown_code", cvl("explain E9999"));
}

#[test]
fn explain_lists_every_code() {
    insta::assert_snapshot!("explain_list", cvl("explain"));
}
