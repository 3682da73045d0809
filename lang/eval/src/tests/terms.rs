//! The terms of issue 13: one-off payments, scoped consequences, yearly regulation, notice and reviews, each on a
//! small contract written for the rule.

use super::*;

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
    assert!(d.payments.iter().all(|p| p.lines.is_empty()));
}
