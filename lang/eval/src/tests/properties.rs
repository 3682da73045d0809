//! Properties of evaluation that hold for every contract and every log it admits, checked on generated ones with
//! tame values and extreme ones (amounts up to 10^12 with rates of many decimals, thousands of hours, decades of
//! events): every amount is rounded to the øre and a total is the sum of its lines less withheld plus released; a
//! day is paid at most once per item; nothing is paid outside the days in force; an event changes no month that
//! ended before its date (what it releases is paid in its own month); the prorated parts of a month add up to the
//! monthly amount within one øre per part.

use chrono::{Datelike, Days, Months};
use proptest::test_runner::Config;

use super::*;
use crate::{Month, Payment, round_money};

/// An amount: tame (under 20,000), large (up to 10^12) or tiny, with øre.
fn amount() -> impl Strategy<Value = Decimal> {
    prop_oneof![
        (0i64..2_000_000).prop_map(|c| Decimal::new(c, 2)),
        (0i64..=100_000_000_000_000).prop_map(|c| Decimal::new(c, 2)),
        Just(Decimal::new(1_000_000_000_000, 0)),
        (0i64..10).prop_map(|c| Decimal::new(c, 2)),
    ]
}

/// The contract's terms, generated.
#[derive(Clone, Debug)]
struct Terms {
    stay: Decimal,
    /// `stay` is written `A DKK per month / divisor`: a rate with more than two decimals unless it is 1.
    divisor: u32,
    day: Decimal,
    supplement: Decimal,
    term: u32,
    hourly: Decimal,
    cap: u32,
    every: u32,
    /// `ends after N months`, or no end of its own.
    ends_after: Option<u32>,
}

fn terms() -> impl Strategy<Value = Terms> {
    (
        amount(),
        prop_oneof![Just(1u32), 3u32..13],
        amount(),
        amount(),
        1u32..13,
        amount(),
        prop_oneof![1u32..200, Just(10_000)],
        1u32..7,
        proptest::option::of(1u32..60),
    )
        .prop_map(
            |(stay, divisor, day, supplement, term, hourly, cap, every, ends_after)| Terms {
                stay,
                divisor,
                day,
                supplement,
                term,
                hourly,
                cap,
                every,
                ends_after,
            },
        )
}

const START: &str = "2019-01-15";

fn build(t: &Terms) -> Contract {
    let end = t
        .ends_after
        .map_or(String::new(), |n| format!("  ends after {n} months\n"));
    contract(
        START,
        &format!(
            "{end}  item stay {{ pay {} DKK per month / {} to home }}
  item day {{ pay {} DKK per day to home }}
  supplement extra {{ pay {} DKK per month to home adjustable by kommune term {} months review by kommune }}
  item mentor {{ pay {} DKK per hour to home confirmed by kommune cap {} hours per month }}
  obligation report {{ by home every {} months grace 10 days when missed withhold }}
  obligation visit {{ by home every 1 month when missed flag }}
  termination {{ signed by kommune and home }}",
            t.stay, t.divisor, t.day, t.supplement, t.term, t.hourly, t.cap, t.every
        ),
    )
}

/// One generated event: what, how many days after the one before, by whom, and an amount or a number of hours.
type Step = (usize, u32, usize, Decimal, u32);

fn steps(max_gap: u32) -> impl Strategy<Value = Vec<Step>> {
    proptest::collection::vec(
        (
            0usize..9,
            prop_oneof![4 => 0u32..40, 1 => 0..max_gap],
            0usize..2,
            amount(),
            prop_oneof![0u32..30, 0u32..=10_000],
        ),
        0..24,
    )
}

/// The event line of a step dated `at`; none of them reaches back before its own date (a `from` or `date` in the
/// past may change an earlier month, as spec 9.4 and 9.5 allow).
fn event(step: &Step, at: NaiveDate) -> String {
    let (kind, gap, who, amount, hours) = *step;
    let actor = ["kommune", "home"][who];
    let (kind, data) = match kind {
        0 => ("report", "{}".to_string()),
        1 => ("visit", "{}".to_string()),
        2 => (
            "supplement_started",
            format!(r#"{{"supplement":"extra","from":"{at}"}}"#),
        ),
        3 => (
            "supplement_adjusted",
            format!(r#"{{"supplement":"extra","amount":"{amount}","from":"{at}"}}"#),
        ),
        4 => (
            "supplement_renewed",
            r#"{"supplement":"extra"}"#.to_string(),
        ),
        5 => ("hours", format!(r#"{{"item":"mentor","hours":{hours}}}"#)),
        6 => (
            "hours_confirmed",
            format!(r#"{{"item":"mentor","hours":{hours}}}"#),
        ),
        7 => (
            "terminated",
            format!(
                r#"{{"effective":"{}"}}"#,
                at + Days::new(u64::from(gap % 90))
            ),
        ),
        _ => ("report", "{}".to_string()),
    };
    let actor = match kind {
        "report" | "visit" | "hours" => "home",
        "terminated" => actor,
        _ => "kommune",
    };
    format!("{at} {kind} {actor} {data}")
}

/// The days a line pays, read from its basis; `None` for an hourly line.
fn days_paid(payment: &Payment, basis: &str) -> Option<u32> {
    if let Some((_, rest)) = basis.split_once("/month × ") {
        return rest.split('/').next()?.parse().ok();
    }
    if basis.ends_with("/month") {
        return Some(payment.period.days());
    }
    let (_, rest) = basis.split_once("/day × ")?;
    rest.split(' ').next()?.parse().ok()
}

/// The last day in force, from the contract's text, the termination and the date decided as of.
fn last_day(t: &Terms, lines: &[String], until: NaiveDate) -> NaiveDate {
    let start: NaiveDate = START.parse().unwrap();
    let mut end = until;
    if let Some(n) = t.ends_after {
        end = end.min(
            start
                .checked_add_months(Months::new(n))
                .unwrap()
                .pred_opt()
                .unwrap(),
        );
    }
    let effective: Vec<(&str, NaiveDate)> = lines
        .iter()
        .filter(|l| l.contains(" terminated "))
        .map(|l| {
            let actor = l.split(' ').nth(2).unwrap();
            let date = l.split("effective\":\"").nth(1).unwrap().get(..10).unwrap();
            (actor, date.parse().unwrap())
        })
        .collect();
    if effective.iter().any(|(a, _)| *a == "kommune") && effective.iter().any(|(a, _)| *a == "home")
    {
        end = end.min(effective[0].1);
    }
    end
}

/// The properties every decision holds on its own.
fn holds_on_its_own(
    t: &Terms,
    d: &Decision,
    lines: &[String],
    until: NaiveDate,
) -> Result<(), TestCaseError> {
    let start: NaiveDate = START.parse().unwrap();
    let last = last_day(t, lines, until);
    for p in &d.payments {
        let sum: Decimal = p.lines.iter().map(|l| l.amount).sum();
        prop_assert_eq!(
            p.total,
            sum - p.withheld + p.released,
            "total of {}",
            p.period
        );
        for amount in p
            .lines
            .iter()
            .map(|l| l.amount)
            .chain([p.withheld, p.released, p.total])
        {
            prop_assert_eq!(
                amount,
                round_money(amount),
                "{} in {} is not in øre",
                amount,
                p.period
            );
        }
        // A month outside the period is listed only to show the hours worked in it, which it does not pay.
        let outside = p.lines.iter().all(|l| l.amount.is_zero())
            && p.unpaid_hours
                .iter()
                .any(|u| u.reason == crate::Unpaid::OutsideContract);
        if outside {
            prop_assert!(
                p.total.is_zero() || p.released > Decimal::ZERO,
                "{} pays hours outside the period",
                p.period
            );
        } else if !p.lines.is_empty() {
            prop_assert!(
                Month::of(start) <= p.period && p.period <= Month::of(last),
                "{} is paid outside {start}..{last}",
                p.period
            );
        } else {
            prop_assert!(
                p.released > Decimal::ZERO,
                "{} has neither lines nor a release",
                p.period
            );
        }
        // A day is paid at most once per item, and only a day in force.
        let first = start.max(p.period.first_day());
        let through = last.min(p.period.last_day());
        let in_force = u32::try_from((through - first).num_days() + 1).unwrap_or(0);
        for item in ["stay", "day", "extra"] {
            let days: u32 = p
                .lines
                .iter()
                .filter(|l| l.item.0 == item)
                .filter_map(|l| days_paid(p, &l.basis.to_string()))
                .sum();
            prop_assert!(
                days <= in_force,
                "{item} pays {days} days of {in_force} in force in {}",
                p.period
            );
        }
        prop_assert!(p.lines.iter().filter(|l| l.item.0 == "mentor").count() <= 1);
    }
    Ok(())
}

/// A month as no later event changes it: a later event may only say when its hold is released, and by which
/// event, and what is approved against it.
fn settled(p: &Payment) -> Payment {
    let mut p = p.clone();
    for hold in &mut p.held {
        hold.released_in = None;
        hold.released_by = None;
        hold.release = None;
    }
    p.approved = Decimal::ZERO;
    p
}

proptest! {
    #![proptest_config(Config { cases: 48, ..Config::default() })]

    /// Every decision of every admitted log holds the properties above, and each event added to a log leaves
    /// every month that ended before its date as it was.
    #[test]
    fn decisions_hold_their_properties_and_an_event_changes_no_earlier_month(t in terms(), steps in steps(2_000)) {
        let c = build(&t);
        let mut lines: Vec<String> = SIGNED.iter().map(|s| s.to_string()).collect();
        let mut at: NaiveDate = "2019-01-01".parse().unwrap();
        let dates: Vec<NaiveDate> = steps
            .iter()
            .map(|s| {
                at = at + Days::new(u64::from(s.1));
                at
            })
            .collect();
        let until = at + Days::new(60);
        let mut before = {
            let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
            evaluate(&c, events(&refs), Some(until)).unwrap()
        };
        holds_on_its_own(&t, &before, &lines, until)?;
        for (step, date) in steps.iter().zip(dates) {
            lines.push(event(step, date));
            let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
            let Ok(after) = evaluate(&c, events(&refs), Some(until)) else {
                lines.pop();
                continue;
            };
            holds_on_its_own(&t, &after, &lines, until)?;
            for p in before.payments.iter().filter(|p| p.period.last_day() < date) {
                let same = after.payments.iter().find(|q| q.payee == p.payee && q.period == p.period);
                prop_assert_eq!(Some(settled(p)), same.map(settled), "`{}` changed {}", lines.last().unwrap(), p.period);
            }
            prop_assert!(
                after.payments.iter().all(|q| q.period.last_day() >= date
                    || before.payments.iter().any(|p| p.payee == q.payee && p.period == q.period)),
                "`{}` added a month before its date", lines.last().unwrap()
            );
            before = after;
        }
    }

    /// A month cut into parts by adjustments that keep the amount pays the monthly amount, within one øre per
    /// part, for any amount, tame or near the limit, with two decimals or more.
    #[test]
    fn the_prorated_parts_of_a_month_add_up_to_the_monthly_amount(
        amount in amount(),
        divisor in prop_oneof![Just(1u32), 3u32..13],
        month in 0u32..24,
        cuts in proptest::collection::btree_set(2u32..29, 0..6),
    ) {
        let c = contract(
            "2019-01-01",
            &format!("  supplement extra {{ pay {amount} DKK per month / {divisor} to home adjustable by kommune term 12 months }}"),
        );
        let first = NaiveDate::from_ymd_opt(2019, 1, 1).unwrap().checked_add_months(Months::new(month)).unwrap();
        let mut lines: Vec<String> = SIGNED.iter().map(|s| s.to_string()).collect();
        lines.push(format!(r#"{first} supplement_started kommune {{"supplement":"extra","from":"{first}"}}"#));
        for day in &cuts {
            let from = first.with_day(*day).unwrap();
            lines.push(format!(r#"{from} supplement_adjusted kommune {{"supplement":"extra","from":"{from}"}}"#));
        }
        let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
        let d = decide(&c, &refs, Some(&Month::of(first).last_day().to_string()));
        let paid = d.payments.iter().find(|p| p.period == Month::of(first)).unwrap();
        prop_assert_eq!(paid.lines.len(), cuts.len() + 1);
        let sum: Decimal = paid.lines.iter().map(|l| l.amount).sum();
        let monthly = amount / Decimal::from(divisor);
        let tolerance = Decimal::new(i64::try_from(paid.lines.len()).unwrap(), 2);
        prop_assert!((sum - monthly).abs() <= tolerance, "{} paid for {}", sum, monthly);
        prop_assert_eq!(paid.total, sum);
    }
}

#[test]
fn the_largest_amounts_are_paid_exactly_for_a_century() {
    // 10^12 a month, divided by 7 (142,857,142,857.142857…), for a hundred years, with 10,000 hours a month at
    // 10^12 an hour: every line in øre, every total the sum of its lines.
    let c = contract(
        "2019-01-15",
        "  item stay { pay 1_000_000_000_000 DKK per month / 7 to home }
  item mentor { pay 1_000_000_000_000 DKK per hour to home cap 10_000 hours per month }",
    );
    let mut lines = SIGNED.to_vec();
    lines.push(r#"2019-02-01 hours home {"item":"mentor","hours":10000}"#);
    let d = decide(&c, &lines, Some("2118-12-31"));
    assert_eq!(d.payments.len(), 1_200);
    assert_eq!(d.payments[1].lines[0].amount.to_string(), "142857142857.14");
    assert_eq!(d.payments[1].total.to_string(), "10000142857142857.14");
    for p in &d.payments {
        let sum: Decimal = p.lines.iter().map(|l| l.amount).sum();
        assert_eq!(p.total, sum);
        assert_eq!(p.total, round_money(p.total));
    }
    // January 2019: 17 days of 31.
    assert_eq!(d.payments[0].lines[0].amount.to_string(), "78341013824.88");
}
