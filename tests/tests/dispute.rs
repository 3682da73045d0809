//! The lawsuit's figures (examples/dispute): 624,010 DKK outstanding in three tranches from three due dates, and the
//! Interest Act's interest on each as of 2020-06-30, each computed by hand below; and the refusals of a rates file.

#![cfg(test)]

use cvl_tests::run_cvl as run;

const ARGS: &[&str] = &[
    "eval",
    "../examples/dispute/dispute.cvl",
    "--events",
    "../examples/dispute/events.jsonl",
    "--until",
    "2020-06-30",
    "--rates",
    "../examples/rates/nationalbanken.toml",
    "--format",
    "json",
];

#[test]
fn the_lawsuit_tranches_and_their_interest() {
    let (code, out, err) = run(ARGS);
    assert_eq!(code, 0, "{err}");
    let value: serde_json::Value = serde_json::from_str(&out).unwrap();
    let payee = &value["reconciliation"]["payees"][0];
    assert_eq!(payee["payee"], "ostervold");
    assert_eq!(payee["outstanding"], "624010.00");
    // Every day here has the reference rate 0.05 % (2019-07-01 and 2020-01-01), so the rate is 8.05 % a year.
    // October 2019: 600,000.00 decided, 55,365.00 paid on 2019-11-08, before its due date 2019-11-10 (day 10 of
    // November): 544,635.00 owed from 2019-11-11 through 2020-06-30 = 20 + 31 + 31 + 29 + 31 + 30 + 31 + 30 = 233
    // days; 544,635 × 233 × 8.05 / 36,500 = 27,987.5165… = 27,987.52.
    // November 2019: 556,760.00 paid on its due date 2019-12-10: 43,240.00 owed for 21 + 31 + 29 + 31 + 30 + 31 + 30
    // = 203 days; 43,240 × 203 × 8.05 / 36,500 = 1,935.9101… = 1,935.91.
    // December 2019: 563,865.00 paid on 2020-01-09: 36,135.00 owed from 2020-01-11, 21 + 29 + 31 + 30 + 31 + 30 = 172
    // days; 36,135 × 172 × 8.05 / 36,500 = 1,370.7475… = 1,370.75.
    let tranches: Vec<(String, String, String)> = payee["tranches"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            (
                t["amount"].as_str().unwrap().to_string(),
                t["due"].as_str().unwrap().to_string(),
                t["interest"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let expected = [
        ("544635.00", "2019-11-10", "27987.52"),
        ("43240.00", "2019-12-10", "1935.91"),
        ("36135.00", "2020-01-10", "1370.75"),
    ];
    assert_eq!(
        tranches,
        expected
            .iter()
            .map(|(a, d, i)| (a.to_string(), d.to_string(), i.to_string()))
            .collect::<Vec<_>>()
    );
    // 27,987.52 + 1,935.91 + 1,370.75
    assert_eq!(payee["interest"], "31294.18");
}

#[test]
fn the_table_shows_what_is_owed() {
    let args: Vec<&str> = ARGS.iter().copied().take(8).collect();
    let (code, out, err) = run(&args);
    assert_eq!(code, 0, "{err}");
    let from = out.find("paid and owed").unwrap();
    insta::assert_snapshot!("dispute_table", &out[from..]);
}

#[test]
fn a_rates_file_is_refused_naming_its_line() {
    let dir = cvl_tests::scratch_dir("dispute", "rates");
    let cases = [
        (
            "no-source",
            "[[rate]]\nfrom = 2019-01-01\npercent = \"0.05\"\n",
        ),
        (
            "not-a-half-year",
            "source = \"x\"\n[[rate]]\nfrom = 2019-02-01\npercent = \"0.05\"\n",
        ),
        (
            "out-of-order",
            "source = \"x\"\n[[rate]]\nfrom = 2019-07-01\npercent = \"0.05\"\n[[rate]]\nfrom = 2019-01-01\npercent = \"0.05\"\n",
        ),
        (
            "a-gap",
            "source = \"x\"\n[[rate]]\nfrom = 2019-01-01\npercent = \"0.05\"\n[[rate]]\nfrom = 2020-01-01\npercent = \"0.05\"\n",
        ),
        (
            "percent-as-float",
            "source = \"x\"\n[[rate]]\nfrom = 2019-01-01\npercent = 0.05\n",
        ),
        (
            "unknown-key",
            "source = \"x\"\n[[rate]]\nfrom = 2019-01-01\nrate = \"0.05\"\n",
        ),
        (
            "not-toml-a-key-twice",
            "source = \"x\"\n[[rate]]\nfrom = 2019-01-01\nfrom = 2019-07-01\n",
        ),
        (
            "too-many-decimals",
            "source = \"x\" # where from\n[[rate]]\nfrom = 2019-01-01\npercent = \"0.00001\"\n",
        ),
        (
            "rate-not-an-array-of-tables",
            "\u{feff}source = \"x\"\n[rate]\nfrom = 2019-01-01\npercent = \"0.05\"\n",
        ),
        (
            "no-rate-for-a-day",
            "source = \"x\"\n[[rate]]\nfrom = 2019-07-01\npercent = \"0.05\"\n",
        ),
    ];
    let mut shown = String::new();
    for (name, text) in cases {
        let path = dir.join(format!("{name}.toml"));
        std::fs::write(&path, text).unwrap();
        let mut args: Vec<&str> = ARGS.iter().copied().take(6).collect();
        let path = path.to_str().unwrap().to_string();
        args.extend(["--rates", &path]);
        let (code, out, err) = run(&args);
        assert_eq!((code, out.as_str()), (1, ""), "{name}");
        shown.push_str(&format!("--- {name}\n{}", err.replace(&path, "RATES")));
    }
    insta::assert_snapshot!("dispute_rates_refused", shown);
}

fn reconciliation(args: &[&str]) -> serde_json::Value {
    let (code, out, err) = run(args);
    assert_eq!(code, 0, "{err}");
    let value: serde_json::Value = serde_json::from_str(&out).unwrap();
    value["reconciliation"].clone()
}

#[test]
fn what_is_not_yet_due_is_kept_apart_from_what_is_owed() {
    // As of 2019-12-31: October (due 2019-11-10) and November (due 2019-12-10) have fallen due; December, due
    // 2020-01-10, is not yet due: its 600,000.00 is not owed, bears no interest and is listed with its due day.
    let mut args: Vec<&str> = ARGS.to_vec();
    args[5] = "2019-12-31";
    let r = reconciliation(&args);
    let payee = &r["payees"][0];
    assert_eq!(payee["outstanding"], "587875.00");
    assert_eq!(payee["not_yet_due"], "600000.00");
    assert_eq!(payee["tranches"].as_array().unwrap().len(), 2);
    assert_eq!(
        payee["upcoming"],
        serde_json::json!([{"month": "2019-12", "amount": "600000.00", "due": "2020-01-10", "interest": null}])
    );
    let december = &payee["months"][2];
    assert_eq!(
        (
            &december["outstanding"],
            &december["not_yet_due"],
            &december["interest"]
        ),
        (
            &serde_json::json!("0.00"),
            &serde_json::json!("600000.00"),
            &serde_json::json!("0.00")
        )
    );
    assert_eq!(december["parts"][0]["not_yet_due"], true);
}

#[test]
fn interest_is_never_counted_past_the_reach() {
    // The contract with its own rate (no rates file to run out): its reach is 2119-09-30, 100 years from its start
    // 2019-10-01 less a day. As of 2200-01-01 it is reconciled as of the reach, with the same figures.
    let dir = cvl_tests::scratch_dir("dispute", "reach");
    let text = std::fs::read_to_string("../examples/dispute/dispute.cvl").unwrap();
    let text = text.replace(
        "paid monthly in arrears, due on day 10",
        "paid monthly in arrears, due on day 10\n  interest 8.05 % per year",
    );
    let contract = dir.join("dispute.cvl");
    std::fs::write(&contract, text).unwrap();
    let contract = contract.to_str().unwrap().to_string();
    let ask = |until: &'static str| {
        reconciliation(&[
            "eval",
            &contract,
            "--events",
            "../examples/dispute/events.jsonl",
            "--until",
            until,
            "--format",
            "json",
        ])
    };
    let far = ask("2200-01-01");
    assert_eq!(far["as_of"], "2119-09-30");
    assert_eq!(far, ask("2119-09-30"));
}

#[test]
fn payments_recorded_out_of_date_order_are_spread_by_their_dates() {
    // The log records a payment of 2020-01-20 for October and November first, then (entered late) one made on
    // 2019-11-08 for October. Spread by the day paid: 2019-11-08 pays October on time; 2020-01-20 pays November,
    // 41 days late (2019-12-11 to 2020-01-20: 21 + 20); 600,000 × 41 × 8.05 / 36,500 = 5,425.4794… = 5,425.48.
    // December is owed from 2020-01-10, 172 days to 2020-06-30: 600,000 × 172 × 8.05 / 36,500 = 22,760.5479… =
    // 22,760.55. In the log's order October would be paid 71 days late and the on-time payment overpaid.
    let dir = cvl_tests::scratch_dir("dispute", "out-of-order");
    let events = [
        r#"{"id":"sig-1","at":"2019-09-20","kind":"signed","actor":"municipality","data":{}}"#,
        r#"{"id":"sig-2","at":"2019-09-21","kind":"signed","actor":"ostervold","data":{}}"#,
        r#"{"id":"pay-a","at":"2020-01-20","kind":"paid","actor":"municipality","data":{"payee":"ostervold","amount":"600000.00","date":"2020-01-20","months":["2019-10","2019-11"],"reference":"A"}}"#,
        r#"{"id":"pay-b","at":"2020-01-21","kind":"paid","actor":"municipality","data":{"payee":"ostervold","amount":"600000.00","date":"2019-11-08","months":["2019-10"],"reference":"B"}}"#,
    ];
    let path = dir.join("events.jsonl");
    std::fs::write(&path, events.join("\n") + "\n").unwrap();
    let path = path.to_str().unwrap().to_string();
    let mut args: Vec<&str> = ARGS.to_vec();
    args[3] = &path;
    let r = reconciliation(&args);
    let months = &r["payees"][0]["months"];
    let part = |m: usize, p: usize, key: &str| months[m]["parts"][p][key].clone();
    assert_eq!(part(0, 0, "event"), "pay-b");
    assert_eq!(
        (part(0, 0, "days"), part(0, 0, "interest")),
        (0.into(), "0.00".into())
    );
    assert_eq!(part(1, 0, "event"), "pay-a");
    assert_eq!(
        (part(1, 0, "days"), part(1, 0, "interest")),
        (41.into(), "5425.48".into())
    );
    assert_eq!(months[2]["interest"], "22760.55");
    assert_eq!(r["payees"][0]["overpaid"], "0.00");
    assert_eq!(r["payees"][0]["interest"], "28186.03");
}

#[test]
fn a_reference_rate_below_minus_8_gives_no_interest_and_says_so() {
    // -9 % + 8 = -1 % a year on every day: floored to 0, never a credit to the late payer.
    let dir = cvl_tests::scratch_dir("dispute", "floored");
    let mut text = String::from("source = \"a test of a negative rate\"\n");
    for half in ["2019-07-01", "2020-01-01", "2020-07-01"] {
        text.push_str(&format!("[[rate]]\nfrom = {half}\npercent = \"-9\"\n"));
    }
    let path = dir.join("rates.toml");
    std::fs::write(&path, text).unwrap();
    let path = path.to_str().unwrap().to_string();
    let mut args: Vec<&str> = ARGS.to_vec();
    args[7] = &path;
    let r = reconciliation(&args);
    assert_eq!(
        r["floored"],
        serde_json::json!(["2019-07-01", "2020-01-01"])
    );
    assert_eq!(r["payees"][0]["interest"], "0.00");
    assert_eq!(r["payees"][0]["outstanding"], "624010.00");
    // The report says so, beside the rate.
    let out = dir.join("report.html");
    let out = out.to_str().unwrap().to_string();
    let (code, _, err) = run(&[
        "report",
        "../examples/dispute/dispute.cvl",
        "--events",
        "../examples/dispute/events.jsonl",
        "--until",
        "2020-06-30",
        "--rates",
        &path,
        "--date",
        "2020-07-01",
        "-o",
        &out,
    ]);
    assert_eq!(code, 0, "{err}");
    let page = std::fs::read_to_string(&out).unwrap();
    assert!(page.contains(
        "The reference rate plus 8 percentage points is below 0 in the half-years from 2019-07-01, 2020-01-01: the rate there is 0 %, never negative"
    ));
}
