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
