//! `cvl invoice check` on a regulated item (spec 4.8, 12.6): an invoice line's price is checked against the rate in
//! force on the line's last day, as regulated, not the rate the text writes. `eval/regulated/contract.cvl` pays a fee
//! of 18,000 DKK a month regulated by 2.5 % each year from 2022-01-01: by hand 18,000 × 1.025 = 18,450.00 in 2022 and
//! 18,450 × 1.025 = 18,911.25 in 2023.
//!
//! Invoices are built by `cvl_tests::ubl` into a scratch directory, whose path the snapshot shows as `<scratch>`.

use std::path::PathBuf;

use cvl_tests::ubl::{Doc, Line};
use cvl_tests::{run_cvl, scratch_dir};

/// An invoice from the home for one month's fee of `ore` øre.
fn fee(
    number: &'static str,
    issue_date: &'static str,
    ore: i64,
    month: (&'static str, &'static str),
) -> Doc {
    let mut line = Line::monthly("1", "fee", 0, month);
    line.ore = ore;
    line.price_ore = Some(ore);
    Doc {
        buyer_reference: "REG-2021-0001",
        ..Doc::ostervold(number, issue_date, vec![line])
    }
}

#[expect(
    clippy::unwrap_used,
    reason = "a test that cannot write its files fails"
)]
fn check(format: &str) -> (i32, String, String) {
    let docs = [
        // At the regulated rate of 2022: approved.
        (
            "january",
            fee(
                "REG-2022-01",
                "2022-02-01",
                1_845_000,
                ("2022-01-01", "2022-01-31"),
            ),
        ),
        // Above it: reduced to 18,450.00, the rate in force named.
        (
            "february",
            fee(
                "REG-2022-02",
                "2022-03-01",
                1_890_000,
                ("2022-02-01", "2022-02-28"),
            ),
        ),
        // The 2022 rate for a month of 2021, before the first regulation: reduced to 18,000.00.
        (
            "december",
            fee(
                "REG-2021-12",
                "2022-01-03",
                1_845_000,
                ("2021-12-01", "2021-12-31"),
            ),
        ),
        // The second regulation, compounded: 18,911.25 approved.
        (
            "next-year",
            fee(
                "REG-2023-01",
                "2023-02-01",
                1_891_125,
                ("2023-01-01", "2023-01-31"),
            ),
        ),
    ];
    let dir = scratch_dir("invoice", "regulated");
    let files: Vec<PathBuf> = docs
        .iter()
        .map(|(name, doc)| {
            let path = dir.join(format!("{name}.xml"));
            std::fs::write(&path, doc.xml()).unwrap();
            path
        })
        .collect();
    let names: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
    let mut args = vec![
        "invoice",
        "check",
        "eval/regulated/contract.cvl",
        "--events",
        "eval/regulated/events.jsonl",
        "--until",
        "2023-02-28",
        "--format",
        format,
    ];
    args.extend(names.iter().map(String::as_str));
    let (code, out, err) = run_cvl(&args);
    let scratch = dir.display().to_string();
    (
        code,
        out.replace(&scratch, "<scratch>"),
        err.replace(&scratch, "<scratch>"),
    )
}

#[test]
fn a_line_is_checked_against_the_rate_in_force_as_regulated() {
    let (code, out, err) = check("json");
    assert_eq!(code, 1, "{err}");
    let value: serde_json::Value = serde_json::from_str(&out).unwrap();
    let verdicts: Vec<(String, String, String)> = value["invoices"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            let line = &i["lines"][0];
            (
                line["verdict"].as_str().unwrap().to_string(),
                line["claimed"].as_str().unwrap().to_string(),
                line["approved"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let expected = [
        ("approved", "18450.00", "18450.00"),
        ("reduced", "18900.00", "18450.00"),
        ("reduced", "18450.00", "18000.00"),
        ("approved", "18911.25", "18911.25"),
    ];
    assert_eq!(
        verdicts,
        expected
            .iter()
            .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
            .collect::<Vec<_>>()
    );
    let (code, out, err) = check("table");
    assert_eq!(code, 1);
    assert!(out.contains("above the contract's 18,450.00 DKK"), "{out}");
    insta::assert_snapshot!(format!("exit: {code}\n--- stdout\n{out}--- stderr\n{err}"));
}
