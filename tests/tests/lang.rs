//! The language of the messages (issue 16): `--lang en|da` on the commands that show a contract's diagnostics,
//! and without it each file's diagnostics in the language of that file (its first word). Each test runs
//! [`cvl_cli::run`] with `tests/` as the working directory and snapshots the command, its exit code and both
//! outputs, as tests/tests/cli.rs does.

/// Runs `cvl ARGS` and renders the command, exit code, stdout and stderr as one text for a snapshot.
fn cvl(args: &str) -> String {
    let mut out = Vec::new();
    let mut err = Vec::new();
    let argv = std::iter::once("cvl").chain(args.split_whitespace());
    let code = cvl_cli::run(argv, &mut out, &mut err);
    let out = String::from_utf8_lossy(&out).into_owned();
    let err = String::from_utf8_lossy(&err).into_owned();
    format!("$ cvl {args}\nexit: {code}\n--- stdout\n{out}--- stderr\n{err}")
}

#[test]
fn check_lang_da_shows_an_english_file_in_danish() {
    insta::assert_snapshot!(cvl("check --lang da cli/bad.cvl"));
}

#[test]
fn check_lang_da_in_json_and_github() {
    insta::assert_snapshot!(cvl("check --lang da --format json cli/bad.cvl"));
    insta::assert_snapshot!(cvl("check --lang da --format github cli/bad.cvl"));
}

#[test]
fn a_danish_file_is_shown_in_danish_without_lang() {
    insta::assert_snapshot!(cvl("check cli/da-bad.cvl"));
}

/// The words a message quotes from the language are the file's: `til` in a Danish file, whether the message is
/// shown in Danish or in English.
#[test]
fn a_danish_file_s_keywords_in_either_language() {
    insta::assert_snapshot!(cvl("check cli/da-terms.cvl"));
    insta::assert_snapshot!(cvl("check --lang en cli/da-terms.cvl"));
}

#[test]
fn lang_en_shows_a_danish_file_in_english() {
    insta::assert_snapshot!(cvl("check --lang en cli/da-bad.cvl"));
}

#[test]
fn each_file_in_its_own_language_and_the_summary_in_english_when_they_differ() {
    insta::assert_snapshot!(cvl("check cli/bad.cvl cli/da-bad.cvl"));
}

#[test]
fn the_summary_of_denied_warnings_in_danish() {
    insta::assert_snapshot!(cvl(
        "check --lang da --deny-warnings cli/empty.cvl cli/clean.cvl"
    ));
}

#[test]
fn an_unknown_language_is_refused() {
    insta::assert_snapshot!(cvl("check --lang xx cli/bad.cvl"));
}

#[test]
fn eval_and_fmt_show_the_contracts_diagnostics_in_the_language_asked_for() {
    insta::assert_snapshot!(cvl("eval --lang da --events cli/none.jsonl cli/bad.cvl"));
    insta::assert_snapshot!(cvl("eval --events cli/none.jsonl cli/da-bad.cvl"));
    insta::assert_snapshot!(cvl("fmt --lang da --check cli/bad.cvl"));
    insta::assert_snapshot!(cvl("fmt --check cli/da-bad.cvl"));
}
