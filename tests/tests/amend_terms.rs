//! Amendments and the contract-level terms, end to end (spec 9.13): the end, the termination and its notice are
//! the version's in force; a version may not change the start; the contract's own text is always a known version;
//! a decision that overflows names no event (spec 4.8). The fixtures are `eval/amend/terms/`: `base.cvl` pays
//! `home` 31,000 DKK a month from 2019-01-01 and ends on 2019-03-31; each other text changes one term. Figures
//! by hand in each test.

#![expect(
    clippy::unwrap_used,
    clippy::indexing_slicing,
    reason = "a test's helpers"
)]

fn run(args: &str) -> (i32, String, String) {
    let mut out = Vec::new();
    let mut err = Vec::new();
    let argv = std::iter::once("cvl").chain(args.split_whitespace());
    let code = cvl_cli::run(argv, &mut out, &mut err);
    (
        code,
        String::from_utf8_lossy(&out).into_owned(),
        String::from_utf8_lossy(&err).into_owned(),
    )
}

fn shown(args: &str) -> String {
    let (code, out, err) = run(args);
    format!("$ cvl {args}\nexit: {code}\n--- stdout\n{out}--- stderr\n{err}")
}

const T: &str = "eval/amend/terms";

#[test]
fn an_amendment_that_moves_the_end_later_extends_the_contract_and_diff_shows_the_money() {
    // Effective 2019-02-10, extended.cvl ends on 2019-06-30: February 31,000 × 9/28 = 9,964.29 by base.cvl and
    // × 19/28 = 21,035.71 by extended.cvl; March to June 31,000.00 each; nothing in July.
    insta::assert_snapshot!(
        "terms_extended",
        shown(&format!(
            "eval {T}/base.cvl --events {T}/extend.jsonl --version {T}/extended.cvl --until 2019-07-31"
        ))
    );
    // The new end's money: April to June, 3 × 31,000 = +93,000.00.
    insta::assert_snapshot!(
        "terms_extended_diff",
        shown(&format!(
            "diff {T}/base.cvl {T}/extended.cvl --events {T}/extend.jsonl"
        ))
    );
}

#[test]
fn an_amendment_that_moves_the_end_earlier_shortens_the_contract() {
    // Effective 2019-02-10, shortened.cvl ends on 2019-02-20: February 31,000 × 9/28 = 9,964.29 and × 11/28 =
    // 12,178.57, 22,142.86 in all; nothing in March.
    let (code, out, err) = run(&format!(
        "eval {T}/base.cvl --events {T}/shorten.jsonl --version {T}/shortened.cvl --until 2019-07-31"
    ));
    assert_eq!((code, err.as_str()), (0, ""));
    assert!(out.contains("home 2019-02  total  22,142.86"), "{out}");
    assert!(!out.contains("2019-03"), "{out}");
}

#[test]
fn an_amendment_that_would_end_the_contract_before_it_takes_effect_is_refused() {
    insta::assert_snapshot!(
        "terms_end_before_effective",
        shown(&format!(
            "eval {T}/base.cvl --events {T}/end-before.jsonl --version {T}/ended-before.cvl"
        ))
    );
}

#[test]
fn a_version_that_changes_the_start_is_refused() {
    insta::assert_snapshot!(
        "terms_changed_start",
        shown(&format!(
            "eval {T}/base.cvl --events {T}/signed.jsonl --version eval/amend/later-start.cvl"
        ))
    );
}

#[test]
fn the_termination_is_the_version_in_force_on_its_date() {
    // From 2019-03-01 either.cvl lets `home` terminate alone with a month's notice: its termination of 2019-04-01,
    // effective 2019-05-10, ends the contract; May pays 31,000 × 10/31 = 10,000.00.
    insta::assert_snapshot!(
        "terms_terminated_alone",
        shown(&format!(
            "eval {T}/base.cvl --events {T}/terminate.jsonl --version {T}/either.cvl"
        ))
    );
}

#[test]
fn the_contracts_own_text_is_a_version_and_a_text_may_come_back() {
    // raised.cvl (40,000) from 2019-01-11, base.cvl again from 2019-01-21, raised.cvl again from 2019-02-01, with
    // only raised.cvl given. January: 31,000 × 10/31 = 10,000.00, 40,000 × 10/31 = 12,903.23, 31,000 × 11/31 =
    // 11,000.00: 33,903.23; February and March 40,000.00. The own text's lines cite `eval/amend/terms/base.cvl`,
    // also when a directory that holds it is given by another path.
    insta::assert_snapshot!(
        "terms_amended_back",
        shown(&format!(
            "eval {T}/base.cvl --events {T}/back.jsonl --version {T}/raised.cvl"
        ))
    );
    let (code, out, err) = run(&format!(
        "eval {T}/base.cvl --events {T}/back.jsonl --version {T}/../terms --format json"
    ));
    assert_eq!(code, 0, "{err}");
    let value: serde_json::Value = serde_json::from_str(&out).unwrap();
    let files: Vec<&str> = value["versions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["file"].as_str().unwrap())
        .collect();
    assert_eq!(
        files,
        [
            "eval/amend/terms/base.cvl",
            "eval/amend/terms/../terms/raised.cvl",
            "eval/amend/terms/base.cvl",
            "eval/amend/terms/../terms/raised.cvl"
        ]
    );
}

#[test]
fn a_decision_that_overflows_names_no_event() {
    // Doubling every year from 2019-06-01, 31,000 DKK a month passes 10^12 in 2043.
    insta::assert_snapshot!(
        "terms_overflow",
        shown(&format!(
            "eval {T}/doubling.cvl --events {T}/signed.jsonl --until 2060-12-31"
        ))
    );
}
