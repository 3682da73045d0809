//! The terms of issue 13: one-off payments, scoped consequences, yearly regulation, notice and reviews, each on a
//! small contract written for the rule.

use super::*;
use cvl_check::model::TermId;

#[test]
fn a_one_off_payment_is_paid_whole_in_the_month_of_its_day() {
    let c = contract(
        "2019-01-15",
        "  item fee { pay 20_000 DKK per month to home }
  item start_up { pay 15_000 DKK to home once on start }
  item bicycle { pay 2_500 DKK to home once on 2019-03-01 }",
    );
    let d = decide(&c, &SIGNED, Some("2019-03-31"));
    assert_eq!(
        totals(&d, "home"),
        pairs(&[
            ("2019-01", "25967.74"),
            ("2019-02", "20000.00"),
            ("2019-03", "22500.00")
        ])
    );
    let january = &d.payments[0];
    let start_up = january
        .lines
        .iter()
        .find(|l| l.item.0 == "start_up")
        .unwrap();
    assert_eq!(start_up.amount, Decimal::from(15_000));
    assert_eq!(start_up.basis, "15,000.00 DKK once on 2019-01-15");
    // No other month has a line of it.
    assert!(
        d.payments[1..]
            .iter()
            .all(|p| p.lines.iter().all(|l| l.item.0 != "start_up"))
    );
}

#[test]
fn once_on_start_falls_on_the_first_day_in_force() {
    // Signed after the start: the contract is in force from the last signature, and so is the start-up payment.
    let c = contract(
        "2019-01-15",
        "  item start_up { pay 15_000 DKK to home once on start }",
    );
    let late = ["2019-02-03 signed kommune", "2019-02-03 signed home"];
    let d = decide(&c, &late, Some("2019-03-31"));
    assert_eq!(totals(&d, "home"), pairs(&[("2019-02", "15000.00")]));
    assert_eq!(
        d.payments[0].lines[0].basis,
        "15,000.00 DKK once on 2019-02-03"
    );
    // An item with its own start pays on that day.
    let c = contract(
        "2019-01-15",
        "  item start_up { starts on 2019-04-10 pay 15_000 DKK to home once on start }",
    );
    let d = decide(&c, &SIGNED, Some("2019-04-30"));
    assert_eq!(totals(&d, "home"), pairs(&[("2019-04", "15000.00")]));
}

#[test]
fn a_one_off_payment_outside_the_days_in_force_or_not_yet_reached_pays_nothing() {
    let c = contract(
        "2019-01-15",
        "  item fee { pay 1_000 DKK per month to home }
  item bicycle { pay 2_500 DKK to home once on 2019-06-01 }",
    );
    // Not reached as of the date decided.
    let d = decide(&c, &SIGNED, Some("2019-05-31"));
    assert!(
        d.payments
            .iter()
            .all(|p| p.lines.iter().all(|l| l.item.0 != "bicycle"))
    );
    // After a termination's effective day.
    let c = contract(
        "2019-01-15",
        "  item bicycle { pay 2_500 DKK to home once on 2019-06-01 }
  termination { signed by kommune and home }",
    );
    let lines = [
        SIGNED[0],
        SIGNED[1],
        r#"2019-03-01 terminated kommune {"effective":"2019-04-30"}"#,
        r#"2019-03-01 terminated home {"effective":"2019-04-30"}"#,
    ];
    let d = decide(&c, &lines, Some("2019-12-31"));
    // Never paid, and not in silence: the last month in force has a 0.00 line of it and a flag (spec 4.8).
    assert_eq!(totals(&d, "home"), pairs(&[("2019-04", "0.00")]));
    let april = &d.payments[0];
    assert_eq!(
        april.lines[0].basis,
        "2,500.00 DKK once on 2019-06-01, not paid"
    );
    assert_eq!(
        april.flags,
        ["the one-off `bicycle` is not paid: the contract is not in force on 2019-06-01"]
    );
}

/// A fee and an allowance, and a report every 3 months, with a month's grace, that holds the fee only.
const SCOPED: &str = "  item fee { pay 20_000 DKK per month to home }
  item allowance { pay 6_000 DKK per month to home }
  obligation report { by home every 3 months grace 1 month when missed withhold fee }";

#[test]
fn a_scoped_hold_holds_only_the_items_it_names() {
    let c = contract("2019-01-01", SCOPED);
    // Due 2019-04-01, grace to 2019-05-01, met on 2019-07-10: May and June hold the fee, July releases it.
    let mut lines = SIGNED.to_vec();
    lines.push("2019-07-10 report home");
    let d = decide(&c, &lines, Some("2019-07-31"));
    assert_eq!(
        totals(&d, "home"),
        pairs(&[
            ("2019-01", "26000.00"),
            ("2019-02", "26000.00"),
            ("2019-03", "26000.00"),
            ("2019-04", "26000.00"),
            ("2019-05", "6000.00"),
            ("2019-06", "6000.00"),
            ("2019-07", "66000.00")
        ])
    );
    let may = &d.payments[4];
    assert_eq!(may.withheld, Decimal::from(20_000));
    assert_eq!(may.held[0].items, vec![TermId("fee".into())]);
    assert_eq!(d.payments[6].released, Decimal::from(40_000));
}

#[test]
fn a_line_held_by_a_whole_hold_and_a_scoped_one_is_released_when_both_are_met() {
    let c = contract(
        "2019-01-01",
        &format!(
            "{SCOPED}
  obligation visit {{ by home every 4 months when missed withhold }}"
        ),
    );
    // `report` (the fee) holds May and June, met 2019-07-10; `visit` due 2019-05-01 (the whole month) holds May,
    // met 2019-06-05: May's allowance is released in June, its fee in July with June's.
    let mut lines = SIGNED.to_vec();
    lines.push("2019-06-05 visit home");
    lines.push("2019-07-10 report home");
    let d = decide(&c, &lines, Some("2019-07-31"));
    assert_eq!(
        totals(&d, "home"),
        pairs(&[
            ("2019-01", "26000.00"),
            ("2019-02", "26000.00"),
            ("2019-03", "26000.00"),
            ("2019-04", "26000.00"),
            ("2019-05", "0.00"),
            ("2019-06", "12000.00"),
            ("2019-07", "66000.00")
        ])
    );
    assert_eq!(d.payments[5].released, Decimal::from(6_000));
    assert_eq!(d.payments[6].released, Decimal::from(40_000));
}

#[test]
fn each_regulated_rate_is_the_one_before_it_raised_and_rounded_to_the_ore() {
    let c = contract(
        "2019-01-01",
        "  item fee { pay 1_000.33 DKK per month to home regulated by 2.5 % each year from 2019-07-01 }
  item day { pay 100 DKK per day to home regulated by 10 % each year from 2018-03-01 }",
    );
    let d = decide(&c, &SIGNED, Some("2020-07-31"));
    let line = |month: &str, item: &str| -> Vec<String> {
        d.payments
            .iter()
            .filter(|p| p.period.to_string() == month)
            .flat_map(|p| p.lines.iter())
            .filter(|l| l.item.0 == item)
            .map(|l| format!("{} {}", l.amount, l.basis))
            .collect()
    };
    assert_eq!(line("2019-06", "fee"), ["1000.33 1,000.33 DKK/month"]);
    // 1,000.33 × 1.025 = 1,025.33825, rounded to 1,025.34; then 1,025.34 × 1.025 = 1,050.9735, to 1,050.97.
    assert_eq!(
        line("2019-07", "fee"),
        ["1025.34 1,025.34 DKK/month (regulated 2.5 % a year from 2019-07-01)"]
    );
    assert_eq!(
        line("2020-07", "fee"),
        ["1050.97 1,050.97 DKK/month (regulated 2.5 % a year from 2019-07-01)"]
    );
    // A rise before the item's first day applies: 110.00 a day from the start, 121.00 from 2019-03-01.
    assert_eq!(
        line("2019-02", "day"),
        ["3080.00 110.00 DKK/day × 28 days (regulated 10 % a year from 2018-03-01)"]
    );
    assert_eq!(
        line("2019-03", "day"),
        ["3751.00 121.00 DKK/day × 31 days (regulated 10 % a year from 2018-03-01)"]
    );
}

#[test]
fn a_regulated_rate_past_the_amount_limit_is_refused() {
    let c = contract(
        "2019-01-01",
        "  item fee { pay 1_000_000_000_000 DKK per month to home regulated by 100 % each year from 2019-06-01 }",
    );
    let refused = evaluate(&c, events(&SIGNED), "2019-12-31".parse().ok())
        .unwrap_err()
        .to_string();
    assert!(refused.contains("the regulated rate of `fee`"), "{refused}");
}

#[test]
fn a_termination_before_its_notice_allows_is_refused_with_the_earliest_end() {
    let terminated = |effective: &str| {
        let mut lines = SIGNED.to_vec();
        let a = format!(r#"2019-03-10 terminated kommune {{"effective":"{effective}"}}"#);
        let b = format!(r#"2019-03-12 terminated home {{"effective":"{effective}"}}"#);
        lines.push(Box::leak(a.into_boxed_str()));
        lines.push(Box::leak(b.into_boxed_str()));
        lines
    };
    let c = contract(
        "2019-01-15",
        "  item fee { pay 20_000 DKK per month to home }
  termination { signed by kommune and home notice 1 month }",
    );
    // Each signature is held to the notice from its own date: the last, on 2019-03-12, allows 2019-04-12.
    assert_eq!(
        refuse(&c, &terminated("2019-04-10")),
        "line 4 (event `e4`): the effective end 2019-04-10 comes before the notice allows: signed on 2019-03-12, with 1 month's notice, the contract can end on 2019-04-12 at the earliest"
    );
    let d = decide(&c, &terminated("2019-04-12"), None);
    assert_eq!(d.until, "2019-04-12".parse().ok());
    // To the end of a month: the month in which the notice ends, through its last day.
    let c = contract(
        "2019-01-15",
        "  item fee { pay 20_000 DKK per month to home }
  termination { signed by kommune and home notice 1 month to the end of a month }",
    );
    assert!(
        refuse(&c, &terminated("2019-04-29"))
            .ends_with("the contract can end on 2019-04-30 at the earliest"),
        "{}",
        refuse(&c, &terminated("2019-04-29"))
    );
    let d = decide(&c, &terminated("2019-04-30"), None);
    assert_eq!(d.until, "2019-04-30".parse().ok());
}

#[test]
fn a_notice_past_the_last_day_cvl_can_hold_is_said_in_words() {
    for (notice, words) in [
        ("1 month", "1 month's notice"),
        (
            "2 months to the end of a month",
            "2 months' notice to the end of a month",
        ),
        ("30 days", "30 days' notice"),
    ] {
        let c = contract(
            "9999-01-01",
            &format!(
                "  item fee {{ pay 20_000 DKK per month to home }}
  termination {{ signed by kommune and home notice {notice} }}"
            ),
        );
        let lines = [
            "9999-01-01 signed kommune",
            "9999-01-01 signed home",
            r#"9999-12-15 terminated kommune {"effective":"9999-12-31"}"#,
        ];
        assert_eq!(
            refuse(&c, &lines),
            format!(
                "line 3 (event `e3`): the effective end 9999-12-31 comes before the notice allows: signed on 9999-12-15, with {words}, the notice would run past 9999-12-31, the last day CVL can hold"
            )
        );
    }
}

#[test]
fn a_supplements_review_falls_due_at_the_end_of_each_term_and_is_flagged_while_it_runs_unreviewed()
{
    let c = contract(
        "2019-01-01",
        "  supplement extra { pay 3_000 DKK per month to home adjustable by kommune term 2 months review by kommune }",
    );
    let mut lines = SIGNED.to_vec();
    lines.push(
        r#"2019-02-01 supplement_started kommune {"supplement":"extra","from":"2019-02-01"}"#,
    );
    lines.push(r#"2019-03-20 supplement_renewed kommune {"supplement":"extra"}"#);
    lines.push(r#"2019-05-10 supplement_reviewed kommune {"supplement":"extra"}"#);
    let d = decide(&c, &lines, Some("2019-07-31"));
    // Terms end 2019-03-31 and 2019-05-31: the first review, done late on 2019-05-10, is missed and flags April
    // (May is the month it is done); the second is never done, but the supplement lapses with it: no month after
    // is flagged.
    let reviews: Vec<(String, &str, Option<String>)> = d
        .obligations
        .iter()
        .filter(|o| o.review)
        .map(|o| (o.due.to_string(), o.status.as_str(), o.event.clone()))
        .collect();
    assert_eq!(
        reviews,
        [
            ("2019-03-31".to_string(), "missed", Some("e5".to_string())),
            ("2019-05-31".to_string(), "missed", None)
        ]
    );
    let flags: Vec<(String, Vec<String>)> = d
        .payments
        .iter()
        .map(|p| {
            (
                p.period.to_string(),
                p.flags.iter().map(ToString::to_string).collect(),
            )
        })
        .collect();
    assert_eq!(
        flags,
        [
            ("2019-02".to_string(), vec![]),
            ("2019-03".to_string(), vec![]),
            (
                "2019-04".to_string(),
                vec!["the review of `extra` due 2019-03-31 was missed".to_string()]
            ),
            ("2019-05".to_string(), vec![]),
        ]
    );
    // Reviewed in time: met, and nothing is flagged.
    let mut lines = SIGNED.to_vec();
    lines.push(
        r#"2019-02-01 supplement_started kommune {"supplement":"extra","from":"2019-02-01"}"#,
    );
    lines.push(r#"2019-03-25 supplement_reviewed kommune {"supplement":"extra"}"#);
    let d = decide(&c, &lines, Some("2019-04-30"));
    assert_eq!(d.obligations[0].status, Status::Met);
    assert!(d.payments.iter().all(|p| p.flags.is_empty()));
}

#[test]
fn a_supplements_term_past_the_calendar_is_said_in_words() {
    let c = contract("9999-01-01", SUPPLEMENT);
    let lines = [
        "9999-01-01 signed kommune",
        "9999-01-01 signed home",
        r#"9999-11-01 supplement_started kommune {"supplement":"extra","from":"9999-11-01"}"#,
        r#"9999-12-01 supplement_started kommune {"supplement":"extra","from":"9999-12-01"}"#,
    ];
    assert_eq!(
        refuse(&c, &lines),
        "line 4 (event `e4`): `extra` is already running, until past 9999-12-31, the last day CVL can hold"
    );
}
