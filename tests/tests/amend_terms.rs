//! Amendments and the contract-level terms, end to end (spec 9.13): the end, the termination and its notice are
//! the version's in force; a version may not change the start; the contract's own text is always a known version;
//! a decision that overflows names no event (spec 4.8). The fixtures are `eval/amend/terms/`: `base.cvl` pays
//! `home` 31,000 DKK a month from 2019-01-01 and ends on 2019-03-31; each other text changes one term. Figures
//! by hand in each test.

#![expect(clippy::unwrap_used, reason = "a test's helpers")]

use cvl_tests::{run_words as run, shown};

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

#[test]
fn diff_of_a_decision_that_overflows_names_no_event() {
    // The same overflow under both texts: refused as the decision's, not the events file's.
    let (code, _, err) = run(&format!(
        "diff {T}/doubling.cvl {T}/doubling.cvl --events {T}/signed.jsonl --until 2060-12-31"
    ));
    assert_eq!(code, 1);
    assert!(
        err.starts_with(
            "error: the decision cannot be made: the regulated rate of `fee` from 2043-06-01"
        ),
        "{err}"
    );
}

/// `cvl log init`'s SHA-256 of `contract`, for a new log `log` in `dir`.
fn init_hash(dir: &std::path::Path, contract: &str, log: &str) -> String {
    let log = dir.join(log);
    let (code, out, err) = cvl_tests::run_cvl(&["log", "init", contract, log.to_str().unwrap()]);
    assert_eq!((code, err.as_str()), (0, ""));
    let at = out.find("(sha256:").unwrap() + "(sha256:".len();
    out[at..at + 64].to_string()
}

#[test]
fn log_append_verify_and_eval_admit_the_contract_level_terms_alike() {
    // base.cvl and either.cvl with keys made here, so that the test can sign.
    let dir = cvl_tests::scratch_dir("amend-terms", "log");
    let p = |name: &str| dir.join(name).to_str().unwrap().to_string();
    let mut keys = Vec::new();
    for party in ["kommune", "home"] {
        let (code, out, _) = cvl_tests::run_cvl(&["key", "gen", party, "--dir", &p("")]);
        assert_eq!(code, 0);
        let at = out.find("key \"").unwrap() + 5;
        keys.push(out[at..].split('"').next().unwrap().to_string());
    }
    for name in ["base", "either"] {
        let text = std::fs::read_to_string(format!("{T}/{name}.cvl"))
            .unwrap()
            .replace(
                "ed25519:AxiotVCLTRFo8Z11ewELoFkGa9ySVw2ilQO/w2dIIB4=",
                &keys[0],
            )
            .replace(
                "ed25519:WM/CGf94Y3JJ9BHySBlUNpcKatyx4+4tLFdc58wBPjU=",
                &keys[1],
            );
        std::fs::write(p(&format!("{name}.cvl")), text).unwrap();
    }
    let either = init_hash(&dir, &p("either.cvl"), "scratch.jsonl");
    let own = init_hash(&dir, &p("base.cvl"), "log.jsonl");
    let (log, contract, v) = (p("log.jsonl"), p("base.cvl"), p("either.cvl"));
    let append = |actor: &str, kind: &str, at: &str, data: &str| {
        let key = p(&format!("{actor}.key"));
        let args = [
            "log",
            "append",
            &log,
            "--contract",
            &contract,
            "--key",
            &key,
            "--kind",
            kind,
            "--at",
            at,
            "--data",
            data,
            "--version",
            &v,
        ];
        cvl_tests::run_cvl(&args)
    };
    // Amended back to its own text (from 2019-01-10), then to either.cvl from 2019-03-01.
    let back = format!("{{\"contract\":\"{own}\",\"effective\":\"2019-01-10\"}}");
    let amend = format!("{{\"contract\":\"{either}\",\"effective\":\"2019-03-01\"}}");
    for (actor, kind, at, data) in [
        ("kommune", "signed", "2018-12-01", "{}"),
        ("home", "signed", "2018-12-01", "{}"),
        ("kommune", "amended", "2019-01-05", back.as_str()),
        ("home", "amended", "2019-01-05", back.as_str()),
        ("kommune", "amended", "2019-02-05", amend.as_str()),
        ("home", "amended", "2019-02-05", amend.as_str()),
    ] {
        let (code, _, err) = append(actor, kind, at, data);
        assert_eq!((code, err.as_str()), (0, ""), "{kind} by {actor}");
    }
    // `home` terminates alone under either.cvl's clause; its notice of a month refuses an end before 2019-05-01.
    let (code, _, err) = append(
        "home",
        "terminated",
        "2019-04-01",
        r#"{"effective":"2019-04-20"}"#,
    );
    assert_eq!(code, 1);
    assert!(
        err.contains("can end on 2019-05-01 at the earliest"),
        "{err}"
    );
    let (code, _, err) = append(
        "home",
        "terminated",
        "2019-04-01",
        r#"{"effective":"2019-05-10"}"#,
    );
    assert_eq!((code, err.as_str()), (0, ""));
    let (code, out, err) = cvl_tests::run_cvl(&[
        "log",
        "verify",
        &log,
        "--contract",
        &contract,
        "--version",
        &v,
    ]);
    assert_eq!((code, err.as_str()), (0, ""));
    assert!(out.contains("verifies: 7 entries"), "{out}");
    // `cvl eval` decides the same log alike: May pays 31,000 × 10/31 = 10,000.00, the last month.
    let (code, out, err) = cvl_tests::run_cvl(&["eval", &contract, "--log", &log, "--version", &v]);
    assert_eq!((code, err.as_str()), (0, ""));
    assert!(out.contains("home 2019-05  total  10,000.00"), "{out}");
    assert!(!out.contains("2019-06"), "{out}");
    // Without either.cvl, only its text is missing: the contract's own is always known.
    let (code, _, err) = cvl_tests::run_cvl(&["eval", &contract, "--log", &log]);
    assert_eq!(code, 1);
    assert!(
        err.contains(&format!("no text given has its SHA-256 `{either}`")),
        "{err}"
    );
}
