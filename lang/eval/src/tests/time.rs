//! Tests of the rules about time: how far a decision reaches, that its size grows linearly in months, `for the
//! first` counted from an item's own start, months decided in part, and hours not paid.

use super::*;
use crate::Unpaid;

#[test]
fn a_century_of_missed_obligations_decides_in_linear_size() {
    // 100 years of monthly reports, every one missed: each month carries one flag and one hold, not every
    // earlier missed occurrence again.
    let c = contract(
        "2019-01-01",
        "  item stay { pay 30_000 DKK per month to home }
  obligation visit { by home every 1 month when missed flag }
  obligation report { by home every 1 month when missed withhold }",
    );
    let d = decide(&c, &SIGNED, Some("2118-12-31"));
    assert_eq!(d.payments.len(), 1_200);
    assert_eq!(d.obligations.len(), 2 * 1_199);
    let flags: usize = d.payments.iter().map(|p| p.flags.len()).sum();
    assert_eq!(flags, 1_199);
    let size: usize = d
        .payments
        .iter()
        .flat_map(|p| {
            let bases = p.lines.iter().map(|l| l.basis.to_string());
            p.flags.iter().map(ToString::to_string).chain(bases)
        })
        .map(|s| s.len())
        .sum();
    assert!(size < 200_000, "{size} bytes of flags and bases");
    let last = d.payments.last().unwrap();
    assert_eq!(
        last.flags,
        [
            "`visit` due 2118-12-01 was missed, as were 1198 earlier occurrences, the first due 2019-02-01"
        ]
    );
    assert_eq!(last.withheld, Decimal::from(30_000));
    assert_eq!(last.total, Decimal::ZERO);
}

#[test]
fn a_hold_is_released_in_the_month_its_occurrence_is_met_and_another_holds_on() {
    let c = contract(
        "2019-01-01",
        "  item stay { pay 30_000 DKK per month to home }
  obligation report { by home every 1 month when missed withhold }",
    );
    // February's report (due 2019-02-01) arrives in April; March's (due 2019-03-01) never does.
    let lines = [SIGNED[0], SIGNED[1], "2019-04-10 report home"];
    let d = decide(&c, &lines, Some("2019-05-31"));
    assert_eq!(
        totals(&d, "home"),
        pairs(&[
            ("2019-01", "30000.00"),
            ("2019-02", "0.00"),
            ("2019-03", "0.00"),
            ("2019-04", "30000.00"),
            ("2019-05", "0.00"),
        ])
    );
    // April is held for March's report, and February (held for February's alone) is released in it.
    let april = d
        .payments
        .iter()
        .find(|p| p.period.to_string() == "2019-04")
        .unwrap();
    assert_eq!(april.withheld, Decimal::from(30_000));
    assert_eq!(april.released, Decimal::from(30_000));
    assert_eq!(april.released_from.len(), 1);
    assert_eq!(april.released_from[0].to_string(), "2019-02");
}

#[test]
fn nothing_is_decided_past_the_last_day_of_the_calendar() {
    // A contract that starts in the calendar's last year reaches 9999-12-31 and no further: every date decided
    // is written with four digits of year, whatever `--until` or the obligations' next due dates say.
    let c = contract(
        "9999-01-15",
        "  item stay { pay 30_000 DKK per month to home }
  obligation report { by home every 1 month when missed withhold }",
    );
    for (until, as_of) in [(Some("9999-12-31"), "9999-12-31"), (None, "9999-12-30")] {
        let lines = [SIGNED[0], SIGNED[1], "9999-12-30 report home"];
        let d = decide(&c, &lines, until);
        assert_eq!(d.until, as_of.parse().ok());
        let periods: Vec<String> = d.payments.iter().map(|p| p.period.to_string()).collect();
        assert_eq!(periods.first().map(String::as_str), Some("9999-01"));
        assert_eq!(periods.last().map(String::as_str), Some("9999-12"));
        assert_eq!(periods.len(), 12);
        assert!(d.obligations.iter().all(|o| o.due.to_string().len() == 10));
    }
    let d = decide(&c, &SIGNED, Some("9999-12-31"));
    assert!(d.warnings.is_empty(), "{:?}", d.warnings);
    // The checker refuses an end past 9999-12-31 (E0040); were one to reach evaluation all the same, it is cut
    // back to the calendar's last day, with a warning, rather than decided into a five-digit year.
    let mut c = c;
    c.end = Some(cvl_check::model::End::After(cvl_check::model::Duration {
        amount: Decimal::from(1_200),
        calendar: cvl_check::types::Calendar::Months,
    }));
    let d = decide(&c, &SIGNED, None);
    assert_eq!(d.until, "9999-12-31".parse().ok());
    assert_eq!(
        d.payments.last().map(|p| p.period.to_string()),
        Some("9999-12".to_string())
    );
    assert_eq!(
        d.warnings,
        [
            "nothing is decided after 9999-12-31, the last day of the calendar: days and events after it are not counted"
        ]
    );
}

#[test]
fn nothing_is_decided_past_a_hundred_years_from_the_start() {
    let c = contract(
        "2019-01-15",
        "  item stay { pay 30_000 DKK per month to home }",
    );
    let d = decide(&c, &SIGNED, Some("9999-12-31"));
    assert_eq!(d.until, "2119-01-14".parse().ok());
    assert_eq!(d.payments.len(), 1_201);
    assert_eq!(d.payments.last().unwrap().period.to_string(), "2119-01");
    assert!(!d.payments.last().unwrap().provisional);
    assert_eq!(
        d.warnings,
        [
            "nothing is decided after 2119-01-14, 100 years from the contract's start: days and events after it are not counted"
        ]
    );
}

#[test]
fn the_first_months_count_from_the_item_s_own_start() {
    let c = contract(
        "2019-01-01",
        "  item stay { pay 30_000 DKK per month to home }
  item camp { pay 3_100 DKK per month to home starts on 2019-03-01 for the first 1 month }",
    );
    let d = decide(&c, &SIGNED, Some("2019-05-31"));
    let camp: Vec<(String, String)> = d
        .payments
        .iter()
        .flat_map(|p| {
            p.lines
                .iter()
                .filter(|l| l.item.0 == "camp")
                .map(move |l| (p.period.to_string(), l.amount.to_string()))
        })
        .collect();
    assert_eq!(camp, pairs(&[("2019-03", "3100")]));
}

#[test]
fn a_month_decided_in_part_is_provisional() {
    let c = contract(
        "2019-01-15",
        "  item stay { pay 31_000 DKK per month to home }
  ends on 2019-03-05",
    );
    let d = decide(&c, &SIGNED, Some("2019-02-10"));
    let provisional: Vec<bool> = d.payments.iter().map(|p| p.provisional).collect();
    assert_eq!(provisional, [false, true]);
    // Decided as of the contract's last day, its last month is whole: there is nothing more to decide.
    let d = decide(&c, &SIGNED, Some("2019-03-05"));
    let provisional: Vec<bool> = d.payments.iter().map(|p| p.provisional).collect();
    assert_eq!(provisional, [false, false, false]);
}

#[test]
fn hours_not_paid_are_counted_with_their_reason() {
    let c = contract(
        "2019-01-01",
        "  item visits { pay 500 DKK per hour to home confirmed by kommune cap 10 hours per month }",
    );
    let lines = [
        SIGNED[0],
        SIGNED[1],
        r#"2019-02-03 hours home {"item":"visits","hours":"50"}"#,
        r#"2019-02-04 hours_confirmed kommune {"item":"visits","hours":12}"#,
    ];
    let d = decide(&c, &lines, Some("2019-02-28"));
    let feb = d
        .payments
        .iter()
        .find(|p| p.period.to_string() == "2019-02")
        .unwrap();
    let unpaid: Vec<(String, Unpaid)> = feb
        .unpaid_hours
        .iter()
        .map(|u| (u.hours.to_string(), u.reason))
        .collect();
    assert_eq!(
        unpaid,
        [
            ("38".to_string(), Unpaid::NotConfirmed),
            ("2".to_string(), Unpaid::OverCap)
        ]
    );
    assert_eq!(feb.total, Decimal::from(5_000));
    assert_eq!(
        feb.flags,
        [
            "38 hours of `visits` not paid: reported but not confirmed",
            "2 hours of `visits` not paid: over the cap for the month"
        ]
    );
}

#[test]
fn a_release_after_the_end_is_listed_only_when_it_releases_something() {
    // The contract ends on 2019-02-28; February is held for the report due 2019-02-01, which arrives in April.
    let with_rate = |rate: &str| {
        contract(
            "2019-01-01",
            &format!(
                "  ends after 2 months
  item stay {{ pay {rate} DKK per month to home }}
  obligation report {{ by home every 1 month when missed withhold }}"
            ),
        )
    };
    let lines = [SIGNED[0], SIGNED[1], "2019-04-10 report home"];
    let d = decide(&with_rate("30_000"), &lines, Some("2019-04-30"));
    assert_eq!(
        totals(&d, "home"),
        pairs(&[
            ("2019-01", "30000.00"),
            ("2019-02", "0.00"),
            ("2019-04", "30000.00"),
        ])
    );
    // Nothing held, nothing released: April is not a month of the payments.
    let d = decide(&with_rate("0"), &lines, Some("2019-04-30"));
    assert_eq!(
        totals(&d, "home"),
        pairs(&[("2019-01", "0.00"), ("2019-02", "0.00")])
    );
}
