//! Calendar months, day counts and proration: the calendar rules evaluation decides by.
//!
//! A month is a calendar month; its length is its number of days (28 to 31), by chrono. Adding months to a date
//! clamps to the last day of the month (31 January + 1 month = 28 or 29 February), by chrono. A monthly amount for
//! part of a month is `amount × active days / days in the month`, rounded by the one rule of CVL ([`round_money`],
//! kept with the values in cvl-check); decide.rs rounds every line by it, a whole month too. Nothing here is
//! floating point.

use std::fmt;

use chrono::{Datelike, Days, NaiveDate};
use rust_decimal::Decimal;

pub use cvl_check::value::round_money;

/// A calendar month.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month {
    pub year: i32,
    pub month: u32,
}

impl Month {
    pub fn of(date: NaiveDate) -> Month {
        Month {
            year: date.year(),
            month: date.month(),
        }
    }

    /// Reads `2019-03` exactly so: four digits of a year from 0001 to 9999, `-`, two digits of a month (the
    /// first day of the month must be a date, by the one date reader, cvl-syntax's).
    pub fn parse(text: &str) -> Option<Month> {
        let bytes = text.as_bytes();
        if bytes.len() != 7 {
            return None;
        }
        cvl_syntax::date::parse_date(&format!("{text}-01")).map(Month::of)
    }

    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, 1).unwrap_or(NaiveDate::MIN)
    }

    pub fn next(self) -> Month {
        if self.month == 12 {
            Month {
                year: self.year + 1,
                month: 1,
            }
        } else {
            Month {
                year: self.year,
                month: self.month + 1,
            }
        }
    }

    pub fn last_day(self) -> NaiveDate {
        let first = self.first_day();
        first.with_day(self.days()).unwrap_or(first)
    }

    /// The number of days in the month: the one place a month's length is computed.
    pub fn days(self) -> u32 {
        u32::from(self.first_day().num_days_in_month())
    }

    /// Every month from `first` through `last`.
    pub fn range(first: Month, last: Month) -> impl Iterator<Item = Month> {
        std::iter::successors(Some(first), move |m| (*m < last).then(|| m.next()))
    }
}

impl fmt::Display for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

/// The number of days from `from` through `to`, both included; 0 when `to` is before `from`.
pub fn days_between(from: NaiveDate, to: NaiveDate) -> u32 {
    u32::try_from(to.signed_duration_since(from).num_days() + 1).unwrap_or(0)
}

/// The day before `date`.
pub fn day_before(date: NaiveDate) -> NaiveDate {
    date.checked_sub_days(Days::new(1)).unwrap_or(date)
}

/// `amount × days / of`, rounded to the øre; `None` when the product is beyond the exact decimal type (never
/// within the limits of spec section 7).
pub fn prorate(amount: Decimal, days: u32, of: u32) -> Option<Decimal> {
    if of == 0 {
        return Some(Decimal::ZERO);
    }
    Some(round_money(
        amount
            .checked_mul(Decimal::from(days))?
            .checked_div(Decimal::from(of))?,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn months_know_their_length_in_leap_years_too() {
        assert_eq!(Month::of(date(2019, 2, 10)).days(), 28);
        assert_eq!(Month::of(date(2020, 2, 10)).days(), 29);
        assert_eq!(Month::of(date(2019, 12, 31)).next().to_string(), "2020-01");
        let months: Vec<String> =
            Month::range(Month::of(date(2019, 11, 1)), Month::of(date(2020, 2, 1)))
                .map(|m| m.to_string())
                .collect();
        assert_eq!(months, ["2019-11", "2019-12", "2020-01", "2020-02"]);
    }

    #[test]
    fn a_month_is_read_only_as_yyyy_mm() {
        assert_eq!(
            Month::parse("2019-03"),
            Some(Month {
                year: 2019,
                month: 3
            })
        );
        assert_eq!(
            Month::parse("0001-01").map(|m| m.to_string()).as_deref(),
            Some("0001-01")
        );
        assert_eq!(
            Month::parse("9999-12").map(|m| m.to_string()).as_deref(),
            Some("9999-12")
        );
        for bad in [
            "2019-3",
            "2019-13",
            "2019-00",
            "0000-01",
            "19-03-1",
            "2019/03",
            "2019-03-01",
            "",
            "+019-03",
            "2019-0a",
            "２０19-03",
        ] {
            assert_eq!(Month::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn proration_rounds_half_up_to_the_ore() {
        // 60,000 × 17 / 31 = 32,903.2258… and 5,000 × 14 / 30 = 2,333.333…
        assert_eq!(
            prorate(Decimal::from(60_000), 17, 31),
            Some(Decimal::new(3_290_323, 2))
        );
        assert_eq!(
            prorate(Decimal::from(5_000), 14, 30),
            Some(Decimal::new(233_333, 2))
        );
        // Exactly half an øre rounds up.
        assert_eq!(prorate(Decimal::new(1, 2), 1, 2), Some(Decimal::new(1, 2)));
        // Beyond the type: none, not a panic.
        assert_eq!(prorate(Decimal::MAX, 31, 31), None);
    }

    proptest! {
        /// The prorated parts of a month add up to the monthly amount, within one øre per part.
        #[test]
        fn prorated_parts_add_up(amount in 0i64..1_000_000_000, cuts in proptest::collection::vec(1u32..31, 0..5), days in 28u32..=31) {
            let amount = Decimal::new(amount, 2);
            let mut points: Vec<u32> = cuts.into_iter().filter(|c| *c < days).collect();
            points.sort_unstable();
            points.dedup();
            let mut bounds = vec![0];
            bounds.extend(points);
            bounds.push(days);
            let parts: Vec<Decimal> = bounds.windows(2).map(|w| prorate(amount, w[1] - w[0], days).unwrap()).collect();
            let sum: Decimal = parts.iter().copied().sum();
            let tolerance = Decimal::new(i64::try_from(parts.len()).unwrap(), 2);
            prop_assert!((sum - amount).abs() <= tolerance, "{sum} vs {amount}");
        }
    }
}
