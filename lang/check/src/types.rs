//! Types with units, and what each operator accepts.
//!
//! Every expression has a [`Type`]. Quantities carry their dimension: money in a currency, a duration counted
//! in days or in months (the two never mix: a month is not a fixed number of days), hours of work, a plain count,
//! and rates (a quantity per unit of time). [`binary`] is the table of what each operator accepts and gives;
//! spec.md shows the same table.

use std::fmt;

use cvl_syntax::ast::{BinaryOp, Unit};

/// How a duration is counted. Days and weeks convert exactly (a week is 7 days), as do months and years (a year
/// is 12 months); a day-counted and a month-counted duration never convert into each other.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Calendar {
    Days,
    Months,
}

/// The unit of time a rate is per.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Per {
    Hour,
    Day,
    Week,
    Month,
    Year,
}

impl Per {
    pub fn from_unit(unit: &Unit) -> Option<Per> {
        Some(match unit {
            Unit::Hour => Per::Hour,
            Unit::Day => Per::Day,
            Unit::Week => Per::Week,
            Unit::Month => Per::Month,
            Unit::Year => Per::Year,
            Unit::Currency(_) => return None,
        })
    }

    pub fn word(self) -> &'static str {
        match self {
            Per::Hour => "hour",
            Per::Day => "day",
            Per::Week => "week",
            Per::Month => "month",
            Per::Year => "year",
        }
    }

    /// The quantity that a rate per this unit is multiplied by to give its amount.
    pub fn quantity(self) -> Type {
        match self {
            Per::Hour => Type::Hours,
            Per::Day | Per::Week => Type::Duration(Calendar::Days),
            Per::Month | Per::Year => Type::Duration(Calendar::Months),
        }
    }
}

/// The type of an expression or a parameter.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Type {
    /// An amount of money in a currency (`5_000 DKK`).
    Money(String),
    /// A length of time (`3 months`, `14 days`).
    Duration(Calendar),
    /// A calendar date (`2019-01-15`).
    Date,
    /// Hours of work delivered (`4 hours`).
    Hours,
    /// A number without a unit.
    Count,
    /// A quantity per unit of time (`5_000 DKK per month`, `10 hours per month`).
    Rate(Box<Type>, Per),
    Bool,
    Text,
    Party,
    /// A day of the week (`sunday`): the weekdays are names every contract knows.
    Weekday,
    /// The type of an expression that already has an error reported; it agrees with everything.
    Error,
}

impl Type {
    /// The type a parameter's type name stands for, or `None` when the name is not a type.
    pub fn from_name(name: &str) -> Option<Type> {
        Some(match name {
            "money" => Type::Money("DKK".to_string()),
            "duration" => Type::Duration(Calendar::Months),
            "days" => Type::Duration(Calendar::Days),
            "date" => Type::Date,
            "hours" => Type::Hours,
            "count" => Type::Count,
            "rate" => Type::Rate(Box::new(Type::Money("DKK".to_string())), Per::Month),
            "bool" => Type::Bool,
            "text" => Type::Text,
            "party" => Type::Party,
            "weekday" => Type::Weekday,
            _ => return None,
        })
    }

    /// The names a parameter may be given as its type.
    pub const NAMES: &'static [&'static str] = &[
        "bool", "count", "date", "days", "duration", "hours", "money", "party", "rate", "text",
        "weekday",
    ];

    pub fn is_error(&self) -> bool {
        matches!(self, Type::Error)
    }

    /// Whether a value of type `self` may stand where `expected` is asked for. A `duration` parameter takes
    /// both kinds of duration (the caller allows that); everything agrees with [`Type::Error`].
    pub fn fits(&self, expected: &Type) -> bool {
        match (self, expected) {
            (Type::Error, _) | (_, Type::Error) => true,
            (Type::Rate(a, _), Type::Rate(b, _)) => a.fits(b),
            (a, b) => a == b,
        }
    }
}

impl fmt::Display for Type {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Type::Money(currency) => write!(f, "money ({currency})"),
            Type::Duration(Calendar::Days) => f.write_str("a duration in days"),
            Type::Duration(Calendar::Months) => f.write_str("a duration in months"),
            Type::Date => f.write_str("a date"),
            Type::Hours => f.write_str("hours"),
            Type::Count => f.write_str("a number"),
            Type::Rate(of, per) => match of.as_ref() {
                Type::Money(currency) => write!(f, "{currency} per {}", per.word()),
                Type::Hours => write!(f, "hours per {}", per.word()),
                Type::Count => write!(f, "a number per {}", per.word()),
                other => write!(f, "{other} per {}", per.word()),
            },
            Type::Bool => f.write_str("true or false"),
            Type::Text => f.write_str("text"),
            Type::Party => f.write_str("a party"),
            Type::Weekday => f.write_str("a weekday"),
            Type::Error => f.write_str("unknown"),
        }
    }
}

/// The type of `lhs op rhs`, or `None` when the operator does not accept those operands.
pub fn binary(op: BinaryOp, lhs: &Type, rhs: &Type) -> Option<Type> {
    use Type::*;
    if lhs.is_error() || rhs.is_error() {
        return Some(match op {
            BinaryOp::Or | BinaryOp::And => Bool,
            op if is_comparison(op) => Bool,
            _ => Error,
        });
    }
    match op {
        BinaryOp::Or | BinaryOp::And => (*lhs == Bool && *rhs == Bool).then_some(Bool),
        BinaryOp::Eq | BinaryOp::NotEq => (lhs == rhs).then_some(Bool),
        BinaryOp::Lt | BinaryOp::LtEq | BinaryOp::Gt | BinaryOp::GtEq => {
            (lhs == rhs && is_ordered(lhs)).then_some(Bool)
        }
        BinaryOp::Add => match (lhs, rhs) {
            (Date, Duration(_)) => Some(Date),
            (Duration(_), Date) => Some(Date),
            (a, b) if a == b && is_additive(a) => Some(a.clone()),
            _ => None,
        },
        BinaryOp::Sub => match (lhs, rhs) {
            (Date, Duration(_)) => Some(Date),
            (Date, Date) => Some(Duration(Calendar::Days)),
            (a, b) if a == b && is_additive(a) => Some(a.clone()),
            _ => None,
        },
        BinaryOp::Mul => match (lhs, rhs) {
            (Count, x) | (x, Count) if is_scalable(x) => Some(x.clone()),
            (Rate(of, per), q) | (q, Rate(of, per)) if *q == per.quantity() => {
                Some(of.as_ref().clone())
            }
            _ => None,
        },
        BinaryOp::Div => match (lhs, rhs) {
            (x, Count) if is_scalable(x) => Some(x.clone()),
            (a, b) if a == b && is_additive(a) && *a != Count => Some(Count),
            (Money(c), Duration(Calendar::Months)) => {
                Some(Rate(Box::new(Money(c.clone())), Per::Month))
            }
            (Money(c), Duration(Calendar::Days)) => {
                Some(Rate(Box::new(Money(c.clone())), Per::Day))
            }
            (Money(c), Hours) => Some(Rate(Box::new(Money(c.clone())), Per::Hour)),
            _ => None,
        },
    }
}

fn is_comparison(op: BinaryOp) -> bool {
    matches!(
        op,
        BinaryOp::Eq
            | BinaryOp::NotEq
            | BinaryOp::Lt
            | BinaryOp::LtEq
            | BinaryOp::Gt
            | BinaryOp::GtEq
    )
}

/// Types whose values can be added to and subtracted from each other.
fn is_additive(t: &Type) -> bool {
    matches!(
        t,
        Type::Money(_) | Type::Duration(_) | Type::Hours | Type::Count | Type::Rate(..)
    )
}

/// Types that a plain number can multiply or divide.
fn is_scalable(t: &Type) -> bool {
    is_additive(t)
}

fn is_ordered(t: &Type) -> bool {
    is_additive(t) || *t == Type::Date
}

/// The type of `-operand`, or `None` when it cannot be negated.
pub fn negate(operand: &Type) -> Option<Type> {
    match operand {
        Type::Error => Some(Type::Error),
        t if is_additive(t) => Some(t.clone()),
        _ => None,
    }
}

/// The type of `quantity per unit`, or `None` when the quantity cannot be a rate.
pub fn per(quantity: &Type, per: Per) -> Option<Type> {
    match quantity {
        Type::Error => Some(Type::Error),
        Type::Money(_) | Type::Hours | Type::Count => {
            Some(Type::Rate(Box::new(quantity.clone()), per))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dkk() -> Type {
        Type::Money("DKK".into())
    }

    fn rate(of: Type, per: Per) -> Type {
        Type::Rate(Box::new(of), per)
    }

    #[test]
    fn money_adds_to_money_of_the_same_currency_only() {
        assert_eq!(binary(BinaryOp::Add, &dkk(), &dkk()), Some(dkk()));
        assert_eq!(
            binary(BinaryOp::Add, &dkk(), &Type::Money("EUR".into())),
            None
        );
        assert_eq!(binary(BinaryOp::Add, &dkk(), &Type::Hours), None);
    }

    #[test]
    fn a_rate_times_its_matching_quantity_is_money() {
        let monthly = rate(dkk(), Per::Month);
        let hourly = rate(dkk(), Per::Hour);
        let months = Type::Duration(Calendar::Months);
        let days = Type::Duration(Calendar::Days);
        assert_eq!(binary(BinaryOp::Mul, &monthly, &months), Some(dkk()));
        assert_eq!(binary(BinaryOp::Mul, &months, &monthly), Some(dkk()));
        assert_eq!(binary(BinaryOp::Mul, &hourly, &Type::Hours), Some(dkk()));
        // A month is not a number of days.
        assert_eq!(binary(BinaryOp::Mul, &monthly, &days), None);
        assert_eq!(binary(BinaryOp::Add, &months, &days), None);
    }

    #[test]
    fn dates_move_by_durations_and_do_not_compare_with_them() {
        let months = Type::Duration(Calendar::Months);
        assert_eq!(
            binary(BinaryOp::Add, &Type::Date, &months),
            Some(Type::Date)
        );
        assert_eq!(
            binary(BinaryOp::Sub, &Type::Date, &Type::Date),
            Some(Type::Duration(Calendar::Days))
        );
        assert_eq!(binary(BinaryOp::Lt, &Type::Date, &months), None);
    }

    #[test]
    fn money_over_a_duration_states_a_rate() {
        let weekly = rate(dkk(), Per::Week);
        let weeks = Type::Duration(Calendar::Days);
        let months = Type::Duration(Calendar::Months);
        let yearly_total = binary(BinaryOp::Mul, &weekly, &weeks).unwrap();
        assert_eq!(
            binary(BinaryOp::Div, &yearly_total, &months),
            Some(rate(dkk(), Per::Month))
        );
    }

    #[test]
    fn errors_do_not_cascade() {
        assert_eq!(
            binary(BinaryOp::Add, &Type::Error, &Type::Date),
            Some(Type::Error)
        );
        assert_eq!(
            binary(BinaryOp::Lt, &Type::Error, &Type::Date),
            Some(Type::Bool)
        );
    }

    #[test]
    fn types_read_as_a_negotiator_would_say_them() {
        assert_eq!(rate(dkk(), Per::Month).to_string(), "DKK per month");
        assert_eq!(
            Type::Duration(Calendar::Months).to_string(),
            "a duration in months"
        );
        assert_eq!(dkk().to_string(), "money (DKK)");
    }
}
