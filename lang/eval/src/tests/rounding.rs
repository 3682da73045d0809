//! Rounding per line (spec 9.4): every line is rounded to the øre by the one rule, a whole month too, and a total
//! is the sum of the lines as printed.

use rust_decimal::Decimal;

use super::{SIGNED, contract, decide, pairs, totals};
use crate::round_money;

/// Two items at `1_000 DKK per week * 52 weeks / 12 months`, 4,333.333… a month.
const WEEKLY: &str = "  item a { pay 1_000 DKK per week * 52 weeks / 12 months to home }
  item b { pay 1_000 DKK per week * 52 weeks / 12 months to home }";

#[test]
fn a_whole_month_at_a_rate_with_more_than_two_decimals_is_rounded_per_line() {
    let c = contract("2019-01-01", WEEKLY);
    let d = decide(&c, &SIGNED, Some("2019-02-28"));
    let amounts: Vec<String> = d.payments[0]
        .lines
        .iter()
        .map(|l| l.amount.to_string())
        .collect();
    assert_eq!(amounts, ["4333.33", "4333.33"]);
    assert_eq!(
        totals(&d, "home"),
        pairs(&[("2019-01", "8666.66"), ("2019-02", "8666.66")])
    );
    assert_eq!(d.payments[0].lines[0].basis, "4,333.33 DKK/month");
}

#[test]
fn every_amount_a_decision_holds_is_rounded_to_the_ore() {
    let c = contract(
        "2019-01-15",
        &format!(
            "{WEEKLY}
  item c {{ pay 100 DKK per day / 3 to home }}
  item h {{ pay 1 DKK per hour / 3 to home }}"
        ),
    );
    let lines = [
        SIGNED[0],
        SIGNED[1],
        // Two decimals at most (spec 9.1); a third of a krone per hour × 1.01 is still not whole øre.
        r#"2019-02-03 hours home {"item":"h","hours":"1.01"}"#,
    ];
    let d = decide(&c, &lines, Some("2019-03-31"));
    for p in &d.payments {
        for amount in p
            .lines
            .iter()
            .map(|l| l.amount)
            .chain([p.withheld, p.released, p.total])
        {
            assert_eq!(amount, round_money(amount), "{amount} in {}", p.period);
        }
        let sum: Decimal = p.lines.iter().map(|l| l.amount).sum();
        assert_eq!(p.total, sum - p.withheld + p.released);
    }
}
