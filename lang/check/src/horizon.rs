//! How far in time a contract and its decisions may reach: the bound on every duration the language can write,
//! and on the last day a decision covers.
//!
//! No real contract runs for a century, and every date the tool computes is a contract date (from 0001-01-01 to
//! 9999-12-31, [`in_calendar`]) plus at most this bound, so no date computation can leave the range of the date
//! type. The checker reports a longer duration (E0040) and a contract date outside the calendar (E0017);
//! evaluation decides no day past [`reach`], which is never after 9999-12-31, so every date the tool writes has
//! four digits of year (spec 7, 9.3).

use chrono::{Months, NaiveDate};
use rust_decimal::Decimal;

use crate::types::Calendar;

/// The first day a contract's dates may name.
pub const FIRST_DAY: NaiveDate = match NaiveDate::from_ymd_opt(1, 1, 1) {
    Some(day) => day,
    None => NaiveDate::MIN,
};

/// The last day a contract's dates may name, and the last day any decision covers.
pub const LAST_DAY: NaiveDate = match NaiveDate::from_ymd_opt(9999, 12, 31) {
    Some(day) => day,
    None => NaiveDate::MAX,
};

/// Whether `date` is a day a contract may name: from 0001-01-01 to 9999-12-31, the dates written `YYYY-MM-DD`.
pub fn in_calendar(date: NaiveDate) -> bool {
    (FIRST_DAY..=LAST_DAY).contains(&date)
}

/// A day as a message shows it: `YYYY-MM-DD`, or, for a day a sum of dates and durations put past 9999-12-31,
/// those words instead of a year CVL cannot write (`past 9999-12-31, the last day CVL can hold`).
pub fn shown(day: NaiveDate) -> String {
    if day > LAST_DAY {
        format!("past {LAST_DAY}, the last day CVL can hold")
    } else {
        day.to_string()
    }
}

/// The longest duration in months: 100 years.
pub const MAX_MONTHS: u32 = 1_200;

/// The longest duration in days: 100 years of 365.25 days.
pub const MAX_DAYS: u32 = 36_525;

/// The longest duration counted in `calendar`.
pub fn max_duration(calendar: Calendar) -> Decimal {
    match calendar {
        Calendar::Months => Decimal::from(MAX_MONTHS),
        Calendar::Days => Decimal::from(MAX_DAYS),
    }
}

/// Whether a duration of `amount` counted in `calendar` is longer than the bound.
pub fn too_long(amount: Decimal, calendar: Calendar) -> bool {
    amount > max_duration(calendar)
}

/// The last day a decision about a contract that starts on `start` may cover: the day before start + 100 years,
/// or 9999-12-31 if that is earlier (the calendar ends there: no decision names a later day).
pub fn reach(start: NaiveDate) -> NaiveDate {
    start
        .checked_add_months(Months::new(MAX_MONTHS))
        .and_then(|d| d.pred_opt())
        .map_or(LAST_DAY, |d| d.min(LAST_DAY))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn a_decision_reaches_a_hundred_years_from_the_start() {
        assert_eq!(reach(date(2019, 1, 15)), date(2119, 1, 14));
        assert_eq!(reach(date(9899, 12, 31)), date(9999, 12, 30));
        assert_eq!(reach(date(9900, 1, 1)), date(9999, 12, 31));
        assert_eq!(reach(date(9999, 12, 31)), date(9999, 12, 31));
        assert!(in_calendar(date(1, 1, 1)) && in_calendar(date(9999, 12, 31)));
        assert!(!in_calendar(date(0, 12, 31)) && !in_calendar(date(10000, 1, 1)));
        assert!(too_long(Decimal::from(1_201), Calendar::Months));
        assert!(!too_long(Decimal::from(1_200), Calendar::Months));
        assert!(too_long(Decimal::from(36_526), Calendar::Days));
    }
}
