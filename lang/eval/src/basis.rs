//! How a line's amount was computed ([`Basis`]): the figures, kept as they are decided, and written in words only
//! when the line is shown (`60,000.00 DKK/month × 17/31 days`, `450.00 DKK/hour × 12 hours (14 hours reported, 12
//! hours confirmed)`), so that deciding a line formats nothing. Its words are the same as when they were written at
//! once (spec 9.4): `Display` writes them, and whoever shows a line writes `line.basis` with it.

use std::fmt;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use cvl_check::value::Value;

/// How a line's amount was computed; shown in words by its `Display`.
#[derive(Clone, PartialEq, Eq, Hash)]
pub enum Basis {
    /// A daily rate times the days paid: `{rate}/day × {days} days`.
    Day {
        rate: Money,
        days: u32,
        regulated: Option<String>,
    },
    /// A monthly rate for a whole month: `{rate}/month`.
    Month {
        rate: Money,
        regulated: Option<String>,
    },
    /// A monthly rate prorated by calendar days: `{rate}/month × {days}/{of} days`.
    Prorated {
        rate: Money,
        days: u32,
        of: u32,
        regulated: Option<String>,
    },
    /// A one-off payment: `{amount} once on {day}`, with `, not paid` when no version pays it.
    Once {
        amount: Money,
        day: NaiveDate,
        paid: bool,
    },
    /// An hourly rate times the hours paid, with the hours reported and what became of them.
    Hourly { rate: Money, hours: HoursPaid },
}

/// An amount and its currency, written as a money value (`60,000.00 DKK`).
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Money {
    pub amount: Decimal,
    pub currency: String,
}

/// An hourly line's hours: paid, reported, and what was not paid of them, in the order the words give them.
#[derive(Clone, Default, PartialEq, Eq, Hash)]
pub struct HoursPaid {
    pub paid: Decimal,
    pub reported: Decimal,
    /// Reported for days outside the contract's period (shown when more than zero).
    pub outside_contract: Decimal,
    /// Reported for days outside the item's own (shown when more than zero).
    pub outside_item: Decimal,
    /// The month's confirmed hours left for these, when the item must be confirmed.
    pub confirmed: Option<Decimal>,
    /// The item's cap, when it cut the hours paid.
    pub cap: Option<Decimal>,
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let value = Value::Money {
            amount: self.amount,
            currency: self.currency.clone(),
        };
        fmt::Display::fmt(&value, f)
    }
}

fn hours(f: &mut fmt::Formatter<'_>, amount: Decimal) -> fmt::Result {
    fmt::Display::fmt(&Value::Hours(amount), f)
}

fn regulated(f: &mut fmt::Formatter<'_>, note: &Option<String>) -> fmt::Result {
    match note {
        Some(note) => write!(f, " ({note})"),
        None => Ok(()),
    }
}

impl fmt::Display for Basis {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Basis::Day {
                rate,
                days,
                regulated: note,
            } => {
                let unit = if *days == 1 { "day" } else { "days" };
                write!(f, "{rate}/day × {days} {unit}")?;
                regulated(f, note)
            }
            Basis::Month {
                rate,
                regulated: note,
            } => {
                write!(f, "{rate}/month")?;
                regulated(f, note)
            }
            Basis::Prorated {
                rate,
                days,
                of,
                regulated: note,
            } => {
                write!(f, "{rate}/month × {days}/{of} days")?;
                regulated(f, note)
            }
            Basis::Once { amount, day, paid } => {
                write!(f, "{amount} once on {day}")?;
                if *paid {
                    Ok(())
                } else {
                    f.write_str(", not paid")
                }
            }
            Basis::Hourly { rate, hours: h } => {
                write!(f, "{rate}/hour × ")?;
                hours(f, h.paid)?;
                f.write_str(" (")?;
                hours(f, h.reported)?;
                f.write_str(" reported")?;
                for (outside, what) in [
                    (h.outside_contract, "the contract's"),
                    (h.outside_item, "the item's"),
                ] {
                    if outside > Decimal::ZERO {
                        f.write_str(", ")?;
                        hours(f, outside)?;
                        write!(f, " outside {what} period")?;
                    }
                }
                if let Some(confirmed) = h.confirmed {
                    f.write_str(", ")?;
                    hours(f, confirmed)?;
                    f.write_str(" confirmed")?;
                }
                if let Some(cap) = h.cap {
                    f.write_str(", cap ")?;
                    hours(f, cap)?;
                    f.write_str("/month")?;
                }
                f.write_str(")")
            }
        }
    }
}

/// Shown as its words, as the string it once was.
impl fmt::Debug for Basis {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.to_string(), f)
    }
}

impl PartialEq<str> for Basis {
    fn eq(&self, other: &str) -> bool {
        let shown = self.to_string();
        shown == other
    }
}

impl PartialEq<&str> for Basis {
    fn eq(&self, other: &&str) -> bool {
        let shown = self.to_string();
        shown == *other
    }
}
