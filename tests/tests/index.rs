//! Regulation by an index end to end (examples/foster-index): a fee of 20,000 DKK a month regulated each 1 January
//! from 2021 by index `pl`, whose values are the payer's `index_value` events; the figures computed by hand below.
//! A value missing for a regulation day that has come leaves the rate before in force and flags each month, never
//! a refusal; once given, the later decision pays the regulated rate. Every bad `index_value` is refused with a
//! snapshot (eval/index/refusals/*.jsonl, each against the example's contract).
//!
//! Tests run with `tests/` as the working directory; the example is reached as `../examples/…`.

#![cfg(test)]

use serde_json::Value;

use cvl_tests::run_cvl as run;

const CONTRACT: &str = "../examples/foster-index/contract.cvl";
const EVENTS: &str = "../examples/foster-index/events.jsonl";

fn shown(args: &[&str]) -> String {
    let (code, out, err) = run(args);
    format!(
        "$ cvl {}\nexit: {code}\n--- stdout\n{out}--- stderr\n{err}",
        args.join(" ")
    )
}

/// The decision as of `until`: each month's fee line (amount and basis) and flags.
fn fee_by_month(until: &str) -> Vec<(String, String, String, Vec<String>)> {
    let (code, out, err) = run(&[
        "eval", CONTRACT, "--events", EVENTS, "--until", until, "--format", "json",
    ]);
    assert_eq!((code, err.as_str()), (0, ""));
    let d: Value = serde_json::from_str(&out).unwrap();
    d["payments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            let fee = p["lines"]
                .as_array()
                .unwrap()
                .iter()
                .find(|l| l["item"] == "fee")
                .unwrap();
            let flags = p["flags"]
                .as_array()
                .unwrap()
                .iter()
                .map(|f| f.as_str().unwrap().to_string())
                .collect();
            (
                p["period"].as_str().unwrap().to_string(),
                fee["amount"].as_str().unwrap().to_string(),
                fee["basis"].as_str().unwrap().to_string(),
                flags,
            )
        })
        .collect()
}

fn month<'a>(
    months: &'a [(String, String, String, Vec<String>)],
    period: &str,
) -> &'a (String, String, String, Vec<String>) {
    months.iter().find(|m| m.0 == period).unwrap()
}

#[test]
fn two_regulations_by_the_index_each_chain_the_rate_before_rounded_to_the_ore() {
    let months = fee_by_month("2022-12-31");
    // 2020: the fee's own rate, 20,000.00.
    assert_eq!(month(&months, "2020-12").1, "20000.00");
    // 2021-01-01: 20,000.00 × 104.1 / 102.3 = 20,351.906158…, rounded to 20,351.91.
    let jan21 = month(&months, "2021-01");
    assert_eq!(jan21.1, "20351.91");
    assert_eq!(
        jan21.2,
        "20,351.91 DKK/month (regulated by index `pl`: 104.1 / 102.3 from 2021-01-01)"
    );
    // 2022-01-01: 20,351.91 × 106.5 / 104.1 = 20,821.118299…, rounded to 20,821.12.
    let jan22 = month(&months, "2022-01");
    assert_eq!(jan22.1, "20821.12");
    assert_eq!(
        jan22.2,
        "20,821.12 DKK/month (regulated by index `pl`: 106.5 / 104.1 from 2022-01-01)"
    );
    assert_eq!(month(&months, "2022-12").1, "20821.12");
    assert!(months.iter().all(|m| m.3.is_empty()));
}

#[test]
fn a_value_not_yet_in_the_log_leaves_the_rate_before_and_flags_the_month_until_it_arrives() {
    // As of 2022-02-28 the value for 2022 (given on 2022-03-10) is not in the log: January and February 2022 pay
    // the 2021 rate, 20,351.91, each flagged.
    let before = fee_by_month("2022-02-28");
    let flag =
        "`fee` is not regulated from 2022-01-01: the log has no value of index `pl` for 2022";
    for period in ["2022-01", "2022-02"] {
        let m = month(&before, period);
        assert_eq!(
            (m.1.as_str(), m.3.as_slice()),
            ("20351.91", [flag.to_string()].as_slice())
        );
    }
    assert!(month(&before, "2021-12").3.is_empty());
    // As of 2022-03-31 it is: the same months pay 20,821.12, 469.21 more each, unflagged.
    let after = fee_by_month("2022-03-31");
    for period in ["2022-01", "2022-02", "2022-03"] {
        let m = month(&after, period);
        assert_eq!((m.1.as_str(), m.3.len()), ("20821.12", 0));
    }
    insta::assert_snapshot!(
        "index_flagged_until_the_value_arrives",
        shown(&[
            "eval",
            CONTRACT,
            "--events",
            EVENTS,
            "--until",
            "2022-02-28"
        ])
    );
}

#[test]
fn every_bad_index_value_is_refused_and_decides_nothing() {
    let mut names: Vec<String> = std::fs::read_dir("eval/index/refusals")
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".jsonl"))
        .collect();
    names.sort();
    assert!(names.len() >= 15);
    for name in names {
        let events = format!("eval/index/refusals/{name}");
        let args = ["eval", CONTRACT, "--events", events.as_str()];
        let (code, out, err) = run(&args);
        assert_eq!(code, 1, "{name}");
        assert!(out.is_empty(), "{name} decided something: {out}");
        assert!(err.contains("nothing was decided"), "{name}: {err}");
        insta::assert_snapshot!(
            format!("index_refusal_{}", name.trim_end_matches(".jsonl")),
            shown(&args)
        );
    }
}

#[test]
fn a_contract_regulated_by_no_index_does_not_know_index_value() {
    let (code, _, err) = run(&[
        "eval",
        "../examples/foster-family/foster-family.cvl",
        "--events",
        "eval/index/no-index.jsonl",
    ]);
    assert_eq!(code, 1);
    assert!(err.contains("unknown kind `index_value`"), "{err}");
}

/// `cvl log append` admits `index_value` through the same validation as evaluation, and refuses a second value for
/// the same index and year with the same words; `cvl log verify` then verifies the log. (The example's keys are the
/// reference case's: municipality's, and ostervold's for the family.)
#[test]
fn a_signed_log_admits_index_values_and_refuses_a_second_for_the_same_year() {
    let dir = cvl_tests::scratch_dir("index", "log");
    let log = dir.join("log.jsonl");
    let log = log.to_str().unwrap();
    let (code, _, err) = run(&["log", "init", CONTRACT, log]);
    assert_eq!((code, err.as_str()), (0, ""));
    let key = |party: &str| format!("../examples/placement/keys/{party}.key");
    let append = |key: &str, kind: &str, at: &str, data: &str| {
        run(&[
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
            "--data",
            data,
        ])
    };
    for (party, at) in [("municipality", "2019-12-01"), ("ostervold", "2019-12-01")] {
        let (code, _, err) = append(&key(party), "signed", at, "{}");
        assert_eq!((code, err.as_str()), (0, ""), "{party}");
    }
    let value = r#"{"index":"pl","year":2020,"value":"102.3","source":"Finansministeriet, PL-indeks 2020, juni 2020"}"#;
    let (code, _, err) = append(&key("municipality"), "index_value", "2020-06-15", value);
    assert_eq!((code, err.as_str()), (0, ""));
    let again = r#"{"index":"pl","year":2020,"value":"102.4","source":"Finansministeriet, PL-indeks 2020, juni 2020"}"#;
    let (code, _, err) = append(&key("municipality"), "index_value", "2020-06-16", again);
    assert_eq!(code, 1);
    assert!(
        err.contains("index `pl` already has a value for 2020, 102.3 by event"),
        "{err}"
    );
    let (code, _, err) = append(&key("ostervold"), "index_value", "2020-06-16", again);
    assert_eq!(code, 1);
    assert!(
        err.contains("only a party whose role is `payer` may"),
        "{err}"
    );
    let (code, out, err) = run(&["log", "verify", log, "--contract", CONTRACT]);
    assert_eq!((code, err.as_str()), (0, ""), "{out}");
}

/// A month paid at the rate before its value arrived is owed the difference once it has: January 2022 paid
/// 25,351.91 (fee 20,351.91 + allowance 5,000.00) on 2022-02-05; with the value for 2022 given on 2022-03-10 it is
/// decided at 25,821.12, so 25,821.12 − 25,351.91 = 469.21 is owed, due 2022-02-28.
#[test]
fn a_month_paid_before_its_value_arrived_owes_the_difference() {
    let (code, out, err) = run(&[
        "eval",
        CONTRACT,
        "--events",
        "eval/index/paid-before-the-value.jsonl",
        "--until",
        "2022-03-31",
    ]);
    assert_eq!((code, err.as_str()), (0, ""));
    assert!(
        out.contains("tranche         469.21 due 2022-02-28 (2022-01)"),
        "{out}"
    );
}

/// Each refusal of eval/index/refusals is of its kind, named by its file, as the main refusal corpus's are
/// (tests/tests/eval.rs): a program can tell the cases apart without reading the words.
#[test]
fn every_index_refusal_has_its_kind() {
    use cvl_event::RefusalKind as K;
    let kinds = std::collections::BTreeMap::from([
        ("index-missing", K::DataShape),
        ("not-by-the-payer", K::NoAuthority),
        ("source-blank", K::DataShape),
        ("source-missing", K::DataShape),
        ("source-too-long", K::Limit),
        ("unknown-field", K::DataShape),
        ("unknown-index", K::DataShape),
        ("value-as-float", K::DataShape),
        ("value-beyond-the-limit", K::Limit),
        ("value-five-decimals", K::DataShape),
        ("value-negative", K::DataShape),
        ("value-not-a-decimal", K::DataShape),
        ("value-twice", K::Repeated),
        ("value-zero", K::DataShape),
        ("year-as-a-string", K::DataShape),
        ("year-beyond-9999", K::DataShape),
        ("year-missing", K::DataShape),
        ("year-with-a-fraction", K::DataShape),
        ("year-zero", K::DataShape),
    ]);
    let loaded = cvl_cli::contract::load(
        std::path::Path::new(CONTRACT),
        &[],
        false,
        "",
        &mut Vec::new(),
    )
    .unwrap_or_else(|_| panic!("{CONTRACT} does not check"));
    for entry in std::fs::read_dir("eval/index/refusals").unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        let Some(kind) = kinds.get(name.as_str()) else {
            panic!("eval/index/refusals/{name}.jsonl has no kind here: add it");
        };
        let events =
            cvl_event::Reader::new(std::io::BufReader::new(std::fs::File::open(&path).unwrap()));
        let refusal =
            cvl_eval::evaluate_bound(&loaded.contract, loaded.binding(false), events, None)
                .unwrap_err();
        assert_eq!(refusal.kind, *kind, "{name}: {refusal}");
    }
}
