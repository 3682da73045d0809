//! The foster-family example (examples/foster-family): a contract built from stdlib/foster.cvl with every term of
//! issue 13 (a one-off start-up payment, a fee regulated each year, a report whose miss holds the fee only, a
//! supplement with a review, termination by either party alone with notice), decided from its events, its figures
//! checked by hand month by month.
//!
//! Tests run with `tests/` as the working directory; the examples are reached as `../examples/…`.

#![cfg(test)]

use serde_json::Value;

use cvl_tests::run_cvl as run;

const CONTRACT: &str = "../examples/foster-family/foster-family.cvl";
const EVENTS: &str = "../examples/foster-family/events.jsonl";

fn decision() -> Value {
    let (code, out, err) = run(&["eval", CONTRACT, "--events", EVENTS, "--format", "json"]);
    assert_eq!((code, err.as_str()), (0, ""));
    serde_json::from_str(&out).unwrap()
}

/// One month: its period, its lines (item and amount), withheld, released and total.
type Month = (String, Vec<(String, String)>, String, String, String);

/// Each month as the decision gives it.
fn months(decision: &Value) -> Vec<Month> {
    decision["payments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            assert_eq!(p["payee"], "family");
            let lines = p["lines"]
                .as_array()
                .unwrap()
                .iter()
                .map(|l| {
                    (
                        l["item"].as_str().unwrap().to_string(),
                        l["amount"].as_str().unwrap().to_string(),
                    )
                })
                .collect();
            let s = |k: &str| p[k].as_str().unwrap().to_string();
            (s("period"), lines, s("withheld"), s("released"), s("total"))
        })
        .collect()
}

#[test]
fn the_foster_family_example_pays_what_its_terms_say_month_by_month() {
    let d = decision();
    let got = months(&d);
    let line = |item: &str, amount: &str| (item.to_string(), amount.to_string());
    // fee 18,000.00 and allowance 5,200.00 a month; start-up 20,000.00 once on the start; school_support 3,000.00 a
    // month from 2021-08-01 for its term of 6 months (to 2022-01-31); the fee 18,000.00 × 1.025 = 18,450.00 from
    // 2022-01-01.
    let whole = |month: &str, total: &str| {
        (
            month.to_string(),
            vec![line("fee", "18000.00"), line("allowance", "5200.00")],
            "0.00".to_string(),
            "0.00".to_string(),
            total.to_string(),
        )
    };
    let with_support = |month: &str, fee: &str, withheld: &str, released: &str, total: &str| {
        (
            month.to_string(),
            vec![
                line("fee", fee),
                line("allowance", "5200.00"),
                line("school_support", "3000.00"),
            ],
            withheld.to_string(),
            released.to_string(),
            total.to_string(),
        )
    };
    let regulated = |month: &str| {
        (
            month.to_string(),
            vec![line("fee", "18450.00"), line("allowance", "5200.00")],
            "0.00".to_string(),
            "0.00".to_string(),
            // 18,450.00 + 5,200.00
            "23650.00".to_string(),
        )
    };
    let expected = vec![
        // In force from 2021-03-15 (signed 2021-03-01): 17 days of 31. fee 18,000.00 × 17/31 = 9,870.967… →
        // 9,870.97; allowance 5,200.00 × 17/31 = 2,851.612… → 2,851.61; start-up 20,000.00 once on 2021-03-15.
        // 9,870.97 + 2,851.61 + 20,000.00 = 32,722.58.
        (
            "2021-03".to_string(),
            vec![
                line("fee", "9870.97"),
                line("allowance", "2851.61"),
                line("start_up", "20000.00"),
            ],
            "0.00".to_string(),
            "0.00".to_string(),
            "32722.58".to_string(),
        ),
        // Whole months: 18,000.00 + 5,200.00 = 23,200.00.
        whole("2021-04", "23200.00"),
        whole("2021-05", "23200.00"),
        whole("2021-06", "23200.00"),
        whole("2021-07", "23200.00"),
        // The supplement from 2021-08-01: 23,200.00 + 3,000.00 = 26,200.00.
        with_support("2021-08", "18000.00", "0.00", "0.00", "26200.00"),
        // The report due 2021-09-15 (6 months from 2021-03-15) is missed past its grace (2021-09-29): the fee is
        // held, the allowance and the supplement paid: 26,200.00 − 18,000.00 = 8,200.00.
        with_support("2021-09", "18000.00", "18000.00", "0.00", "8200.00"),
        // The report arrives on 2021-10-20: September's fee is released: 26,200.00 + 18,000.00 = 44,200.00.
        with_support("2021-10", "18000.00", "0.00", "18000.00", "44200.00"),
        with_support("2021-11", "18000.00", "0.00", "0.00", "26200.00"),
        with_support("2021-12", "18000.00", "0.00", "0.00", "26200.00"),
        // The fee regulated on 2022-01-01: 18,000.00 × 1.025 = 18,450.00; the supplement's last month of its term:
        // 18,450.00 + 5,200.00 + 3,000.00 = 26,650.00.
        with_support("2022-01", "18450.00", "0.00", "0.00", "26650.00"),
        // The supplement lapsed at the end of its term; the report due 2022-03-15 was met on 2022-03-10.
        regulated("2022-02"),
        regulated("2022-03"),
        regulated("2022-04"),
        // The family terminates alone on 2022-05-10, a month's notice to the end of a month: 2022-06-30 at the
        // earliest, the effective end it gives. June is paid whole, and nothing after it.
        regulated("2022-05"),
        regulated("2022-06"),
    ];
    assert_eq!(got, expected);
    // Sum of the totals: 32,722.58 + 4 × 23,200.00 + 26,200.00 + 8,200.00 + 44,200.00 + 2 × 26,200.00 + 26,650.00
    // + 5 × 23,650.00 = 32,722.58 + 92,800.00 + 26,200.00 + 8,200.00 + 44,200.00 + 52,400.00 + 26,650.00 +
    // 118,250.00 = 401,422.58.
    let cents: i64 = got
        .iter()
        .map(|(_, _, _, _, total)| total.replace('.', "").parse::<i64>().unwrap())
        .sum();
    assert_eq!(cents, 40_142_258);
    assert_eq!(d["until"], "2022-06-30");
    // The obligations: the first report missed, the supplement's review met by the municipality, the second report
    // met; the termination done by the family alone on 2022-05-10.
    let obligations: Vec<(&str, &str)> = d["obligations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| (o["due"].as_str().unwrap(), o["status"].as_str().unwrap()))
        .collect();
    assert_eq!(
        obligations,
        [
            ("2021-09-15", "missed"),
            ("2022-01-31", "met"),
            ("2022-03-15", "met")
        ]
    );
    let termination = &d["acts"].as_array().unwrap()[1];
    assert_eq!(termination["done"], "2022-05-10");
}
