//! Regulation by an index (spec 4.8): the payer's `index_value` events, the rates they chain, and the flag on a
//! month whose rate a rise did not reach for want of a value.

use super::*;

/// A fee of 20,000 DKK a month regulated by index `pl` each 1 January from 2020.
fn fee() -> Contract {
    contract(
        "2019-01-01",
        "  item fee { pay 20_000 DKK per month to home regulated by index pl each year from 2020-01-01 }",
    )
}

fn value(at: &str, year: &str, value: &str) -> String {
    format!(
        r#"{at} index_value kommune {{"index":"pl","year":{year},"value":"{value}","source":"Finansministeriet, PL-indeks {year}"}}"#
    )
}

fn month(d: &Decision, month: &str) -> (String, Vec<String>, Vec<String>) {
    let p = d
        .payments
        .iter()
        .find(|p| p.period.to_string() == month)
        .unwrap();
    let line = &p.lines[0];
    (
        format!("{:.2} {}", line.amount, line.basis),
        line.events.to_vec(),
        p.flags.iter().map(ToString::to_string).collect(),
    )
}

#[test]
fn a_rate_regulated_by_an_index_is_the_one_before_it_times_the_ratio_of_the_values() {
    let c = fee();
    let mut lines: Vec<String> = SIGNED.iter().map(|s| s.to_string()).collect();
    lines.push(value("2019-06-01", "2019", "102.3"));
    lines.push(value("2019-06-01", "2020", "104.1"));
    lines.push(value("2020-06-01", "2021", "106.5"));
    let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
    let d = decide(&c, &refs, Some("2021-12-31"));
    assert_eq!(month(&d, "2019-12").0, "20000.00 20,000.00 DKK/month");
    // 20,000 × 104.1 / 102.3 = 20,351.906…, rounded to 20,351.91; cites the values' events (e3, e4).
    let (basis, events, flags) = month(&d, "2020-01");
    assert_eq!(
        basis,
        "20351.91 20,351.91 DKK/month (regulated by index `pl`: 104.1 / 102.3 from 2020-01-01)"
    );
    assert_eq!(events, ["e1", "e2", "e3", "e4"]);
    assert!(flags.is_empty());
    // 20,351.91 × 106.5 / 104.1 = 20,821.118…, rounded to 20,821.12.
    let (basis, events, _) = month(&d, "2021-07");
    assert_eq!(
        basis,
        "20821.12 20,821.12 DKK/month (regulated by index `pl`: 106.5 / 104.1 from 2021-01-01)"
    );
    assert_eq!(events, ["e1", "e2", "e3", "e4", "e5"]);
}

#[test]
fn a_missing_value_leaves_the_rate_before_and_flags_each_month_until_it_arrives() {
    let c = fee();
    let mut lines: Vec<String> = SIGNED.iter().map(|s| s.to_string()).collect();
    lines.push(value("2019-06-01", "2019", "102.3"));
    lines.push(value("2019-06-01", "2020", "104.1"));
    let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
    let d = decide(&c, &refs, Some("2022-02-28"));
    // No value for 2021: the 2020 rate stays in 2021, and 2022's rise (which needs 2021 and 2022) neither applies.
    let flag =
        "`fee` is not regulated from 2021-01-01: the log has no value of index `pl` for 2021";
    for m in ["2021-01", "2021-12", "2022-02"] {
        let (basis, _, flags) = month(&d, m);
        assert_eq!(
            basis,
            "20351.91 20,351.91 DKK/month (regulated by index `pl`: 104.1 / 102.3 from 2020-01-01)",
            "{m}"
        );
        assert_eq!(flags, [flag], "{m}");
    }
    assert!(month(&d, "2020-12").2.is_empty());
    // Given later, the values regulate the months from their days (decided as of a day after they are given: the
    // log as of the decision), and the flag is gone.
    lines.push(value("2022-03-01", "2021", "106.5"));
    lines.push(value("2022-03-01", "2022", "110.2"));
    let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
    let d = decide(&c, &refs, Some("2022-03-31"));
    assert_eq!(
        month(&d, "2021-01").0,
        "20821.12 20,821.12 DKK/month (regulated by index `pl`: 106.5 / 104.1 from 2021-01-01)"
    );
    // 20,821.12 × 110.2 / 106.5 = 21,544.482…, rounded to 21,544.48.
    assert_eq!(
        month(&d, "2022-02").0,
        "21544.48 21,544.48 DKK/month (regulated by index `pl`: 110.2 / 106.5 from 2022-01-01)"
    );
    assert!(d.payments.iter().all(|p| p.flags.is_empty()));
}

#[test]
fn a_first_rise_without_either_value_flags_both_years() {
    let d = decide(&fee(), &SIGNED, Some("2020-01-31"));
    let (basis, _, flags) = month(&d, "2020-01");
    assert_eq!(basis, "20000.00 20,000.00 DKK/month");
    assert_eq!(
        flags,
        [
            "`fee` is not regulated from 2020-01-01: the log has no value of index `pl` for 2019 and 2020"
        ]
    );
}

#[test]
fn each_bad_index_value_is_refused() {
    let c = fee();
    let refused = |data: &str, actor: &str| {
        let mut lines: Vec<String> = SIGNED.iter().map(|s| s.to_string()).collect();
        lines.push(format!("2019-06-01 index_value {actor} {data}"));
        let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
        refuse(&c, &refs)
    };
    let ok = r#""source":"PL""#;
    for (data, actor, reason) in [
        (
            format!(r#"{{"index":"pl","year":2019,"value":"1",{ok}}}"#),
            "home",
            "only a party whose role is `payer` may",
        ),
        (
            format!(r#"{{"index":"nl","year":2019,"value":"1",{ok}}}"#),
            "kommune",
            "`data.index` is `nl`, which no item",
        ),
        (
            format!(r#"{{"index":"pl","year":"2019","value":"1",{ok}}}"#),
            "kommune",
            "`data.year` is `\"2019\"`, which is not a year",
        ),
        (
            format!(r#"{{"index":"pl","year":0,"value":"1",{ok}}}"#),
            "kommune",
            "`data.year` is `0`",
        ),
        (
            format!(r#"{{"index":"pl","year":10000,"value":"1",{ok}}}"#),
            "kommune",
            "`data.year` is `10000`",
        ),
        (
            format!(r#"{{"index":"pl","value":"1",{ok}}}"#),
            "kommune",
            "`data.year` is missing",
        ),
        (
            format!(r#"{{"index":"pl","year":2019,"value":"0",{ok}}}"#),
            "kommune",
            "`data.value` is zero",
        ),
        (
            format!(r#"{{"index":"pl","year":2019,"value":"-1",{ok}}}"#),
            "kommune",
            "cannot be negative",
        ),
        (
            format!(r#"{{"index":"pl","year":2019,"value":"1.00001",{ok}}}"#),
            "kommune",
            "more than 4 decimals",
        ),
        (
            format!(r#"{{"index":"pl","year":2019,"value":"1000001",{ok}}}"#),
            "kommune",
            "more than 1,000,000",
        ),
        (
            r#"{"index":"pl","year":2019,"value":"1","source":" "}"#.to_string(),
            "kommune",
            "`data.source` is empty",
        ),
        (
            format!(
                r#"{{"index":"pl","year":2019,"value":"1","source":"{}"}}"#,
                "x".repeat(201)
            ),
            "kommune",
            "`data.source` is longer than 200",
        ),
        (
            format!(r#"{{"index":"pl","year":2019,"value":"1",{ok},"note":"x"}}"#),
            "kommune",
            "unknown field `data.note`",
        ),
    ] {
        let got = refused(&data, actor);
        assert!(got.contains(reason), "{data}: {got}");
    }
    // A second value for the same index and year names the first.
    let mut lines: Vec<String> = SIGNED.iter().map(|s| s.to_string()).collect();
    lines.push(value("2019-06-01", "2019", "102.3"));
    lines.push(value("2019-07-01", "2019", "102.4"));
    let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
    let got = refuse(&c, &refs);
    assert!(
        got.contains("index `pl` already has a value for 2019, 102.3 by event `e3`"),
        "{got}"
    );
    // A contract regulated by no index does not know the kind.
    let plain = contract(
        "2019-01-01",
        "  item fee { pay 20_000 DKK per month to home }",
    );
    let mut lines: Vec<String> = SIGNED.iter().map(|s| s.to_string()).collect();
    lines.push(value("2019-06-01", "2019", "102.3"));
    let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
    assert!(refuse(&plain, &refs).contains("unknown kind `index_value`"));
}
