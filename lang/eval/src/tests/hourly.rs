//! Tests of hours paid only for the days an item is in force (spec 9.4): the contract's period and the item's
//! own `starts on`, `ends on` and `for the first`, the hours outside counted as not paid with why; and of the reach
//! applied before the contract is signed (spec 9.3).

use super::*;
use crate::Unpaid;

/// The hours not paid in `month`, as `(item, hours, reason)`.
fn unpaid(d: &Decision, month: &str) -> Vec<(String, String, Unpaid)> {
    d.payments
        .iter()
        .filter(|p| p.period.to_string() == month)
        .flat_map(|p| &p.unpaid_hours)
        .map(|u| (u.item.0.clone(), u.hours.to_string(), u.reason))
        .collect()
}

#[test]
fn hours_outside_an_items_own_days_are_not_paid() {
    let c = contract(
        "2019-01-01",
        "  item a { pay 450 DKK per hour to home starts on 2019-06-01 ends on 2019-06-30 }
  item b { pay 450 DKK per hour to home for the first 1 month }",
    );
    let lines = [
        SIGNED[0],
        SIGNED[1],
        r#"2019-03-05 hours home {"item":"a","hours":"10"}"#,
        r#"2019-03-05 hours home {"item":"b","hours":"10"}"#,
        r#"2019-06-10 hours home {"item":"a","hours":"2"}"#,
        r#"2019-06-10 hours home {"item":"b","hours":"3","date":"2019-01-31"}"#,
        r#"2019-06-10 hours home {"item":"b","hours":"4","date":"2019-02-01"}"#,
    ];
    let d = decide(&c, &lines, Some("2019-06-30"));
    assert_eq!(
        totals(&d, "home"),
        pairs(&[
            ("2019-01", "1350.00"),
            ("2019-02", "0.00"),
            ("2019-03", "0.00"),
            ("2019-06", "900.00")
        ])
    );
    assert_eq!(
        unpaid(&d, "2019-03"),
        [
            ("a".to_string(), "10".to_string(), Unpaid::OutsideItem),
            ("b".to_string(), "10".to_string(), Unpaid::OutsideItem)
        ]
    );
    assert_eq!(
        unpaid(&d, "2019-02"),
        [("b".to_string(), "4".to_string(), Unpaid::OutsideItem)]
    );
    let march = d
        .payments
        .iter()
        .find(|p| p.period.to_string() == "2019-03")
        .unwrap();
    assert_eq!(
        march.flags,
        [
            "10 hours of `a` not paid: worked outside the item's period",
            "10 hours of `b` not paid: worked outside the item's period"
        ]
    );
    assert_eq!(
        march.lines[0].basis,
        "450.00 DKK/hour × 0 hours (10 hours reported, 10 hours outside the item's period)"
    );
}

#[test]
fn hours_outside_the_contracts_period_are_not_paid() {
    // In force from the last signature, 2019-01-20, through the end, 2019-03-10.
    let c = contract(
        "2019-01-15",
        "  item a { pay 100 DKK per hour to home confirmed by kommune }
  ends on 2019-03-10",
    );
    let lines = [
        "2019-01-02 signed kommune",
        "2019-01-20 signed home",
        r#"2019-01-25 hours home {"item":"a","hours":"5","date":"2019-01-05"}"#,
        r#"2019-01-25 hours home {"item":"a","hours":"2","date":"2019-01-19"}"#,
        r#"2019-01-25 hours home {"item":"a","hours":"3","date":"2019-01-20"}"#,
        r#"2019-01-26 hours_confirmed kommune {"item":"a","hours":"10","date":"2019-01-05"}"#,
        r#"2019-01-26 hours_confirmed kommune {"item":"a","hours":"3","date":"2019-01-20"}"#,
        r#"2019-03-25 hours home {"item":"a","hours":"7"}"#,
        r#"2019-03-25 hours home {"item":"a","hours":"1","date":"2019-03-10"}"#,
    ];
    let d = decide(&c, &lines, None);
    assert_eq!(d.until.unwrap().to_string(), "2019-03-10");
    assert_eq!(
        totals(&d, "home"),
        pairs(&[("2019-01", "300.00"), ("2019-03", "0.00")])
    );
    assert_eq!(
        unpaid(&d, "2019-01"),
        [("a".to_string(), "7".to_string(), Unpaid::OutsideContract)]
    );
    // The hour on the last day in force is paid once confirmed; here it is not.
    assert_eq!(
        unpaid(&d, "2019-03"),
        [
            ("a".to_string(), "7".to_string(), Unpaid::OutsideContract),
            ("a".to_string(), "1".to_string(), Unpaid::NotConfirmed)
        ]
    );
    // Confirmations of days outside count for nothing.
    let jan = &d.payments[0];
    assert_eq!(
        jan.lines[0].basis,
        "100.00 DKK/hour × 3 hours (10 hours reported, 7 hours outside the contract's period, 3 hours confirmed)"
    );
}

#[test]
fn the_reach_applies_before_the_contract_is_signed() {
    let c = contract("0001-01-01", "  item stay { pay 1 DKK per month to home }");
    let d = decide(&c, &["0001-01-01 signed home"], Some("9999-12-31"));
    assert_eq!(d.until.unwrap().to_string(), "0100-12-31");
    assert!(d.payments.is_empty());
    assert_eq!(
        d.warnings,
        [
            "not yet signed by `kommune`: nothing is due",
            "nothing is decided after 0100-12-31, 100 years from the contract's start: days and events after it are not counted"
        ]
    );
}
