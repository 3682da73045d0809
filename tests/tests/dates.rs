//! Time, end to end: `cvl log append` refuses an entry dated ahead of the clock, `cvl eval` decides nothing past
//! 100 years from the start and in output that grows linearly with the months, and a month decided in part is
//! marked provisional in the table and the JSON.
//!
//! Tests run with `tests/` as the working directory.

#![cfg(test)]

use std::fs;
use std::path::PathBuf;

use cvl_tests::run_cvl as run;

fn shown(args: &[&str]) -> String {
    let (code, out, err) = run(args);
    format!(
        "$ cvl {}\nexit: {code}\n--- stdout\n{out}--- stderr\n{err}",
        args.join(" ")
    )
}

const CONTRACT: &str = "eval/contract.cvl";

/// A fresh directory for one test.
fn scratch(name: &str) -> PathBuf {
    cvl_tests::scratch_dir("dates", name)
}

#[test]
fn an_entry_dated_ahead_of_the_clock_is_not_appended() {
    let dir = scratch("clock");
    let log = dir.join("log.jsonl");
    let log = log.to_str().unwrap();
    let placement = "../examples/placement/placement.cvl";
    let append = |key: &str, kind: &str, at: &str| {
        let key = format!("../examples/placement/keys/{key}.key");
        run(&[
            "log",
            "append",
            log,
            "--contract",
            placement,
            "--key",
            &key,
            "--kind",
            kind,
            "--at",
            at,
        ])
    };
    assert_eq!(run(&["log", "init", placement, log]).0, 0);
    // The firm, which signs no termination, must not be able to freeze the log with a report from the far future.
    let (code, out, err) = append("firm", "visits", "9999-12-31");
    assert_eq!((code, out.as_str()), (1, ""));
    let err = err.replace(log, "<log>");
    let clock = err
        .split("machine's clock (")
        .nth(1)
        .and_then(|rest| rest.split(')').next())
        .unwrap_or_default()
        .to_string();
    insta::assert_snapshot!("clock_refusal", err.replace(&clock, "<now>"));
    assert_eq!(fs::read_to_string(log).unwrap(), "");
    // Dated today, the same entry is appended; the log is not frozen.
    let today = clock.get(..10).unwrap_or_default().to_string();
    assert_eq!(append("municipality", "signed", &today).0, 0, "{today}");
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn an_event_from_the_far_future_decides_nothing_past_a_hundred_years() {
    let (code, out, err) = run(&[
        "eval",
        CONTRACT,
        "--events",
        "eval/time/far-report.jsonl",
        "--format",
        "json",
    ]);
    assert_eq!((code, err.as_str()), (0, ""));
    // 1,201 months of one payee and 400 quarterly reports: linear in the months, not quadratic.
    assert!(out.len() < 2_000_000, "{} bytes", out.len());
    let value: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(value["until"], "2119-01-14");
    let payments = value["payments"].as_array().unwrap();
    assert_eq!(payments.len(), 1_201);
    assert_eq!(payments.last().unwrap()["period"], "2119-01");
    assert_eq!(
        value["warnings"],
        serde_json::json!([
            "nothing is decided after 2119-01-14, 100 years from the contract's start: days and events after it are not counted"
        ])
    );
    // Each held month holds for the reports still missing, without listing them again.
    let largest = payments.iter().map(|p| p.to_string().len()).max().unwrap();
    assert!(largest < 1_000, "a month of {largest} bytes");
}

#[test]
fn a_month_decided_in_part_is_provisional() {
    let args = [
        "eval",
        CONTRACT,
        "--events",
        "eval/time/signed.jsonl",
        "--until",
        "2019-03-10",
    ];
    insta::assert_snapshot!("provisional_table", shown(&args));
    let mut json = args.to_vec();
    json.extend(["--format", "json"]);
    let (code, out, _) = run(&json);
    assert_eq!(code, 0);
    let value: serde_json::Value = serde_json::from_str(&out).unwrap();
    let provisional: Vec<(&str, bool)> = value["payments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["period"].as_str().unwrap(),
                p["provisional"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        provisional,
        [("2019-01", false), ("2019-02", false), ("2019-03", true)]
    );
}
