//! Constant values of expressions, computed exactly, and how they read to a negotiator.
//!
//! Money and hours are exact decimals; durations are whole-or-fractional counts of days or of months (weeks are
//! stored as days, years as months); dates are calendar dates, and adding months to one clamps to the last day of
//! the month (31 January + 1 month = 28 or 29 February). Nothing here is ever floating point.

use std::fmt;

use chrono::{Days, Months, NaiveDate};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use crate::model::Weekday;
use crate::types::{Calendar, Per, Type};

/// The value of a constant expression.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    Money { amount: Decimal, currency: String },
    Duration { amount: Decimal, calendar: Calendar },
    Date(NaiveDate),
    Hours(Decimal),
    Count(Decimal),
    Rate { of: Box<Value>, per: Per },
    Bool(bool),
    Text(String),
    Party(String),
    Weekday(Weekday),
}

impl Value {
    pub fn ty(&self) -> Type {
        match self {
            Value::Money { currency, .. } => Type::Money(currency.clone()),
            Value::Duration { calendar, .. } => Type::Duration(*calendar),
            Value::Date(_) => Type::Date,
            Value::Hours(_) => Type::Hours,
            Value::Count(_) => Type::Count,
            Value::Rate { of, per } => Type::Rate(Box::new(of.ty()), *per),
            Value::Bool(_) => Type::Bool,
            Value::Text(_) => Type::Text,
            Value::Party(_) => Type::Party,
            Value::Weekday(_) => Type::Weekday,
        }
    }

    /// The number inside a quantity (money, duration, hours, count), if this is one.
    pub fn amount(&self) -> Option<Decimal> {
        match self {
            Value::Money { amount, .. } | Value::Duration { amount, .. } => Some(*amount),
            Value::Hours(amount) | Value::Count(amount) => Some(*amount),
            _ => None,
        }
    }

    /// The same kind of value with another amount (for quantities; other values are returned unchanged).
    pub fn with_amount(&self, amount: Decimal) -> Value {
        match self {
            Value::Money { currency, .. } => Value::Money {
                amount,
                currency: currency.clone(),
            },
            Value::Duration { calendar, .. } => Value::Duration {
                amount,
                calendar: *calendar,
            },
            Value::Hours(_) => Value::Hours(amount),
            Value::Count(_) => Value::Count(amount),
            Value::Rate { of, per } => Value::Rate {
                of: Box::new(of.with_amount(amount)),
                per: *per,
            },
            other => other.clone(),
        }
    }

    /// Whether the value is a quantity below zero (a rate counts by its amount).
    pub fn is_negative(&self) -> bool {
        match self {
            Value::Rate { of, .. } => of.is_negative(),
            other => other
                .amount()
                .is_some_and(|a| a.is_sign_negative() && !a.is_zero()),
        }
    }
}

/// `date + duration`, clamping to the month's last day; `None` when the result is out of the date type's range or
/// the duration is not a whole number. Every duration of a checked contract is whole, at most 100 years (spec 5.8,
/// 7), and every date of it from 0001-01-01 to 9999-12-31, so evaluation's sums of them always exist; where one
/// still fails, its caller says what it does instead, and never reads the failure as "no end".
pub fn add_duration(date: NaiveDate, amount: Decimal, calendar: Calendar) -> Option<NaiveDate> {
    if !amount.fract().is_zero() {
        return None;
    }
    let n = amount.to_i64()?;
    let magnitude = u32::try_from(n.unsigned_abs()).ok()?;
    match (calendar, n >= 0) {
        (Calendar::Months, true) => date.checked_add_months(Months::new(magnitude)),
        (Calendar::Months, false) => date.checked_sub_months(Months::new(magnitude)),
        (Calendar::Days, true) => date.checked_add_days(Days::new(u64::from(magnitude))),
        (Calendar::Days, false) => date.checked_sub_days(Days::new(u64::from(magnitude))),
    }
}

/// A notice period in words, as English says it (spec 4.11): `1 month's notice`, `2 months' notice`, `1 day's
/// notice`, `14 days' notice`.
pub fn notice_words(amount: Decimal, calendar: Calendar) -> String {
    let length = Value::Duration { amount, calendar }.to_string();
    if length.ends_with('s') {
        format!("{length}' notice")
    } else {
        format!("{length}'s notice")
    }
}

/// Rounds to the øre, half away from zero: the one rounding rule of CVL (spec 9.4), for every amount evaluation
/// pays and every amount shown with two decimals.
pub fn round_money(amount: Decimal) -> Decimal {
    round_half_away(amount, 2)
}

/// Rounds to `decimals` decimals, half away from zero.
fn round_half_away(amount: Decimal, decimals: u32) -> Decimal {
    amount.round_dp_with_strategy(
        decimals,
        rust_decimal::RoundingStrategy::MidpointAwayFromZero,
    )
}

/// A decimal with thousands separators and, for money, exactly two decimals: `60,000.00`.
pub fn group_thousands(amount: Decimal, decimals: Option<u32>) -> String {
    let amount = match decimals {
        Some(d) => round_half_away(amount, d),
        None => amount.normalize(),
    };
    let text = match decimals {
        Some(d) => format!("{:.*}", d as usize, amount),
        None => amount.to_string(),
    };
    let (sign, unsigned) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text.as_str()),
    };
    let (whole, fraction) = match unsigned.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (unsigned, None),
    };
    let mut grouped = String::with_capacity(whole.len() + whole.len() / 3);
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    match fraction {
        Some(f) => format!("{sign}{grouped}.{f}"),
        None => format!("{sign}{grouped}"),
    }
}

fn plural(amount: Decimal, one: &str, many: &str) -> String {
    let word = if amount.abs() == Decimal::ONE {
        one
    } else {
        many
    };
    format!("{} {word}", group_thousands(amount, None))
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Money { amount, currency } => {
                write!(f, "{} {currency}", group_thousands(*amount, Some(2)))
            }
            Value::Duration {
                amount,
                calendar: Calendar::Days,
            } => f.write_str(&plural(*amount, "day", "days")),
            Value::Duration {
                amount,
                calendar: Calendar::Months,
            } => f.write_str(&plural(*amount, "month", "months")),
            Value::Date(date) => write!(f, "{}", date.format("%Y-%m-%d")),
            Value::Hours(amount) => f.write_str(&plural(*amount, "hour", "hours")),
            Value::Count(amount) => f.write_str(&group_thousands(*amount, None)),
            Value::Rate { of, per } => write!(f, "{of} per {}", per.word()),
            Value::Bool(b) => write!(f, "{b}"),
            Value::Text(text) => write!(f, "\"{text}\""),
            Value::Party(name) => f.write_str(name),
            Value::Weekday(day) => f.write_str(day.name()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn money_reads_with_separators_and_two_decimals() {
        let v = Value::Rate {
            of: Box::new(Value::Money {
                amount: Decimal::from(60_000),
                currency: "DKK".into(),
            }),
            per: Per::Month,
        };
        assert_eq!(v.to_string(), "60,000.00 DKK per month");
        assert_eq!(
            group_thousands(Decimal::new(-1_234_567_891, 3), Some(2)),
            "-1,234,567.89"
        );
        assert_eq!(group_thousands(Decimal::new(5, 3), Some(2)), "0.01");
    }

    #[test]
    fn adding_months_clamps_to_the_last_day() {
        let one = Decimal::ONE;
        assert_eq!(
            add_duration(date(2019, 1, 31), one, Calendar::Months),
            Some(date(2019, 2, 28))
        );
        assert_eq!(
            add_duration(date(2020, 1, 31), one, Calendar::Months),
            Some(date(2020, 2, 29))
        );
        assert_eq!(
            add_duration(date(2019, 1, 15), Decimal::from(3), Calendar::Months),
            Some(date(2019, 4, 15))
        );
        assert_eq!(
            add_duration(date(2019, 1, 15), Decimal::new(15, 1), Calendar::Months),
            None
        );
    }

    #[test]
    fn durations_and_hours_use_the_right_plural() {
        let d = |n, calendar| Value::Duration {
            amount: Decimal::from(n),
            calendar,
        };
        assert_eq!(d(1, Calendar::Months).to_string(), "1 month");
        assert_eq!(d(-1, Calendar::Months).to_string(), "-1 month");
        assert_eq!(d(-2, Calendar::Days).to_string(), "-2 days");
        assert_eq!(d(14, Calendar::Days).to_string(), "14 days");
        assert_eq!(Value::Hours(Decimal::from(4)).to_string(), "4 hours");
    }
}
