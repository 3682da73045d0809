//! Hours and one-off payments across versions of the text (spec 4.8, 9.4, 9.13): each hour is paid by the version
//! in force on the day it was worked, a month's confirmations confirm its hours in the order worked, and a one-off
//! is paid once per contract by its name, on its first day in force for `once on start`, or flagged.

use super::amend::{amended, decide_amended};
use super::*;
use crate::Unpaid;

const HR: &str = "  item consultant { pay 500 DKK per hour to home confirmed by kommune cap 10 hours per month }";
const HR2: &str = "  item consultant { pay 600 DKK per hour to home confirmed by kommune cap 10 hours per month }";

/// The month's lines as (amount, basis, version).
fn shown(d: &Decision, month: &str) -> Vec<(String, String, Option<usize>)> {
    d.payments
        .iter()
        .filter(|p| p.period.to_string() == month)
        .flat_map(|p| &p.lines)
        .map(|l| (format!("{:.2}", l.amount), l.basis.to_string(), l.version))
        .collect()
}

fn flags(d: &Decision, month: &str) -> Vec<String> {
    d.payments
        .iter()
        .filter(|p| p.period.to_string() == month)
        .flat_map(|p| p.flags.iter().map(ToString::to_string))
        .collect()
}

/// Six hours on each of 2019-01-05, 10, 20 and 25; the 500 DKK text until 2019-01-15, the 600 DKK one from
/// 2019-01-16; `confirmed` hours confirmed in one event at the month's end.
fn january(old: &str, new: &str, confirmed: &str) -> Decision {
    let (o, n) = (contract("2019-01-01", old), contract("2019-01-01", new));
    let (a, b) = (
        amended("2019-01-05", "kommune", "2019-01-16"),
        amended("2019-01-05", "home", "2019-01-16"),
    );
    let confirm = format!(
        r#"2019-01-31 hours_confirmed kommune {{"item":"consultant","hours":"{confirmed}"}}"#
    );
    let lines = [
        SIGNED[0],
        SIGNED[1],
        &a,
        &b,
        r#"2019-01-05 hours home {"item":"consultant","hours":"6"}"#,
        r#"2019-01-10 hours home {"item":"consultant","hours":"6"}"#,
        r#"2019-01-20 hours home {"item":"consultant","hours":"6"}"#,
        r#"2019-01-25 hours home {"item":"consultant","hours":"6"}"#,
        &confirm,
    ];
    decide_amended(&o, &n, &lines, "2019-01-31")
}

#[test]
fn hours_are_paid_by_the_version_in_force_on_the_day_worked_not_on_the_confirmation() {
    let d = january(HR, HR2, "24");
    // The old text's 12 hours, capped at 10: 5,000.00; the new text's 12, capped at 10: 6,000.00. Each version's
    // cap limits its own days' hours of the month.
    assert_eq!(totals(&d, "home"), pairs(&[("2019-01", "11000.00")]));
    assert_eq!(
        shown(&d, "2019-01"),
        vec![
            (
                "5000.00".into(),
                "500.00 DKK/hour × 10 hours (12 hours reported, 24 hours confirmed, cap 10 hours/month)".into(),
                Some(0)
            ),
            (
                "6000.00".into(),
                "600.00 DKK/hour × 10 hours (12 hours reported, 12 hours confirmed, cap 10 hours/month)".into(),
                Some(1)
            ),
        ]
    );
    // One flag per item and reason, the hours of both versions summed.
    assert_eq!(
        flags(&d, "2019-01"),
        ["4 hours of `consultant` not paid: over the cap for the month"]
    );
}

#[test]
fn a_months_confirmations_confirm_its_hours_in_the_order_worked() {
    // 15 confirmed: the first 12 worked (the old text's days), then 3 of the new text's.
    let d = january(HR, HR2, "15");
    // 500 × 10 = 5,000.00 and 600 × 3 = 1,800.00.
    assert_eq!(totals(&d, "home"), pairs(&[("2019-01", "6800.00")]));
    let unpaid: Vec<(String, Unpaid)> = d.payments[0]
        .unpaid_hours
        .iter()
        .map(|u| (u.hours.to_string(), u.reason))
        .collect();
    assert_eq!(
        unpaid,
        [
            ("9".to_string(), Unpaid::NotConfirmed),
            ("2".to_string(), Unpaid::OverCap)
        ]
    );
}

#[test]
fn hours_of_a_day_whose_version_drops_the_item_are_shown_unpaid_by_the_one_that_has_it() {
    let d = january(HR, "  item stay { pay 1_000 DKK per month to home }", "24");
    // The 12 hours worked from 2019-01-16 are the new text's days, which has no `consultant`: not paid, and said.
    let jan = shown(&d, "2019-01");
    assert_eq!(
        jan[0],
        (
            "5000.00".into(),
            "500.00 DKK/hour × 10 hours (24 hours reported, 12 hours outside the item's period, 24 hours confirmed, cap 10 hours/month)".into(),
            Some(0)
        )
    );
    assert_eq!(
        flags(&d, "2019-01"),
        [
            "12 hours of `consultant` not paid: worked outside the item's period",
            "2 hours of `consultant` not paid: over the cap for the month"
        ]
    );
    // And the other way: an item the amendment adds pays only from its effective day.
    let d = january("  item stay { pay 1_000 DKK per month to home }", HR2, "24");
    let jan = shown(&d, "2019-01");
    assert_eq!(
        jan.last().unwrap().1,
        "600.00 DKK/hour × 10 hours (24 hours reported, 12 hours outside the item's period, 24 hours confirmed, cap 10 hours/month)"
    );
}

/// Decides `old` amended to `new` from 2019-02-10 (signed 2019-01-10, amended 2019-02-05), as of `until`.
fn once(old: &str, new: &str, until: &str) -> Decision {
    let fee = "  item fee { pay 31_000 DKK per month to home }\n";
    let (o, n) = (
        contract("2019-01-01", &format!("{fee}{old}")),
        contract("2019-01-01", &format!("{fee}{new}")),
    );
    let (a, b) = (
        amended("2019-02-05", "kommune", "2019-02-10"),
        amended("2019-02-05", "home", "2019-02-10"),
    );
    let lines = [
        "2019-01-10 signed kommune",
        "2019-01-10 signed home",
        &a,
        &b,
    ];
    decide_amended(&o, &n, &lines, until)
}

fn one_offs(d: &Decision) -> Vec<(String, String, String)> {
    d.payments
        .iter()
        .flat_map(|p| p.lines.iter().map(move |l| (p.period.to_string(), l)))
        .filter(|(_, l)| l.item.0 == "start_up")
        .map(|(m, l)| (m, format!("{:.2}", l.amount), l.basis.to_string()))
        .collect()
}

const ON_START: &str = "  item start_up { pay 10_000 DKK to home once on start }";
const ON_MARCH: &str = "  item start_up { pay 10_000 DKK to home once on 2019-03-01 }";
const ON_APRIL: &str = "  item start_up { pay 10_000 DKK to home once on 2019-04-01 }";
const ON_JAN_20: &str = "  item start_up { pay 10_000 DKK to home once on 2019-01-20 }";

#[test]
fn a_one_off_is_paid_once_by_its_name_whatever_a_later_version_says() {
    // Paid on 2019-01-10 by the old text; the new one moving it to 2019-03-01 does not pay it again.
    let d = once(ON_START, ON_MARCH, "2019-04-30");
    assert_eq!(
        one_offs(&d),
        [(
            "2019-01".into(),
            "10000.00".into(),
            "10,000.00 DKK once on 2019-01-10".into()
        )]
    );
    // Moved to a later day before it was paid: paid then, once.
    let d = once(ON_MARCH, ON_APRIL, "2019-04-30");
    assert_eq!(
        one_offs(&d),
        [(
            "2019-04".into(),
            "10000.00".into(),
            "10,000.00 DKK once on 2019-04-01".into()
        )]
    );
    // Not reached yet as of the date decided: nothing, and no flag.
    let d = once(ON_MARCH, ON_APRIL, "2019-03-31");
    assert!(one_offs(&d).is_empty());
    assert!(d.payments.iter().all(|p| p.flags.is_empty()));
}

#[test]
fn once_on_start_in_an_amended_text_is_its_first_day_in_force() {
    let d = once("", ON_START, "2019-03-31");
    assert_eq!(
        one_offs(&d),
        [(
            "2019-02".into(),
            "10000.00".into(),
            "10,000.00 DKK once on 2019-02-10".into()
        )]
    );
}

#[test]
fn a_one_off_no_version_pays_is_flagged() {
    // Moved to a day that had passed under the old text, which paid it on another: paid by no one.
    let d = once(ON_MARCH, ON_JAN_20, "2019-04-30");
    assert_eq!(
        one_offs(&d),
        [(
            "2019-01".into(),
            "0.00".into(),
            "10,000.00 DKK once on 2019-01-20, not paid".into()
        )]
    );
    assert_eq!(
        flags(&d, "2019-01"),
        [
            "the one-off `start_up` is not paid: the text in force on 2019-01-20 does not pay it that day"
        ]
    );
    // Dropped by the amendment before its day: said in the last month decided.
    let d = once(ON_MARCH, "", "2019-02-28");
    assert_eq!(
        flags(&d, "2019-02"),
        ["the one-off `start_up` is not paid: the text in force from 2019-02-10 does not have it"]
    );
    // A day before the contract is in force (signed 2019-01-10), in both texts.
    let early = "  item start_up { pay 10_000 DKK to home once on 2019-01-05 }";
    let d = once(early, early, "2019-01-31");
    assert_eq!(
        flags(&d, "2019-01"),
        ["the one-off `start_up` is not paid: the contract is not in force on 2019-01-05"]
    );
}
