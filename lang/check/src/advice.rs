//! How amounts meet their currency, and the help lines for values a negotiator wrote another way.
//!
//! Two rules live here. An amount written in a currency, and a number literal multiplied into one (`22.500 * 1
//! DKK`), has at most as many decimals as the currency has ([`currency_decimals`]), so that `22.500 DKK`, which a
//! Danish reader takes for twenty-two thousand five hundred, is refused rather than paid as 22.50. A duration
//! literal is a whole number of its unit ([`duration_literal`]): `0.5 months` is no length the calendar counts.
//! The rest only advises: the unit a bare number needs where a
//! duration, hours, money or a rate is due (`grace 30` → `30 days`), and the `YYYY-MM-DD` form of a date written
//! as a subtraction or a division (`01-03-2024`, `1/3/2024`).

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use cvl_syntax::ast::{BinaryOp, Expr, ExprKind, Unit};
use cvl_syntax::misread;
use cvl_syntax::{Code, Diagnostic, Span, Text, text};

use crate::types::{Calendar, Type};
use crate::words::code_text;

/// The currencies of ISO 4217 whose amounts have no decimals.
const NO_DECIMALS: &[&str] = &[
    "BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "UYI", "VND",
    "VUV", "XAF", "XOF", "XPF",
];

/// The currencies of ISO 4217 whose amounts have three decimals.
const THREE_DECIMALS: &[&str] = &["BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"];

/// The currencies of ISO 4217 whose amounts have four decimals.
const FOUR_DECIMALS: &[&str] = &["CLF", "UYW"];

/// How many decimals an amount in `currency` may have: its minor unit in ISO 4217 (DKK, EUR, USD: 2; JPY, ISK: 0;
/// KWD, BHD: 3), and 2 for every code the standard does not list otherwise.
pub fn currency_decimals(currency: &str) -> u32 {
    if NO_DECIMALS.contains(&currency) {
        0
    } else if THREE_DECIMALS.contains(&currency) {
        3
    } else if FOUR_DECIMALS.contains(&currency) {
        4
    } else {
        2
    }
}

/// A number as CVL writes it: the whole part grouped in threes with `_`, then the decimals as written.
fn literal(value: Decimal) -> String {
    let text = value.abs().to_string();
    let (whole, fraction) = match text.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (text.as_str(), None),
    };
    let whole = misread::grouped(whole);
    match fraction {
        Some(f) => format!("{whole}.{f}"),
        None => whole,
    }
}

/// The problem with `amount currency`, written at `span`, when the amount has more decimals than the currency.
pub fn money_literal(span: Span, amount: Decimal, currency: &str) -> Option<Diagnostic> {
    too_fine(span, amount, Some(currency), currency)
}

/// The problem with a number literal (with `unit`, if it has one other than a currency) that is a factor of an
/// amount in `currency` (`22.500 * 1 DKK`), when it has more decimals than the currency: multiplied into the
/// amount, it is read as an amount is.
pub fn money_factor(
    span: Span,
    amount: Decimal,
    unit: Option<&str>,
    currency: &str,
) -> Option<Diagnostic> {
    too_fine(span, amount, unit, currency)
}

/// E0007 for `amount`, written with `unit` after it (a currency, or another unit, or none), when it has more
/// decimals than `currency`.
fn too_fine(span: Span, amount: Decimal, unit: Option<&str>, currency: &str) -> Option<Diagnostic> {
    let allowed = currency_decimals(currency);
    let written = amount.scale();
    if written <= allowed {
        return None;
    }
    let with_unit = |number: String| match unit {
        Some(unit) => text!(
            "check-advice-code",
            code = code_text(&format!("{number} {unit}"))
        ),
        None => text!("check-advice-code", code = number),
    };
    let text = literal(amount);
    let allowed_words = || text!("check-advice-decimals", count = allowed);
    let trimmed = amount.normalize();
    let exact = (trimmed.scale() <= allowed).then(|| {
        // The same amount with the currency's decimals: `22.500` is `22.50`, `100.0` is `100`.
        let mut shown = trimmed;
        shown.rescale(allowed);
        with_unit(literal(shown))
    });
    let whole_digits = amount.trunc().abs().to_string();
    let help = if written == 3 && allowed < 3 && whole_digits.len() <= 3 && whole_digits != "0" {
        // `22.500 DKK`: in Danish the point groups thousands.
        let fraction = text.rsplit_once('.').map_or("", |(_, f)| f);
        let thousands = with_unit(misread::grouped(&format!("{whole_digits}{fraction}")));
        match exact {
            Some(exact) => text!(
                "check-advice-point-groups-or-exact",
                thousands = thousands,
                exact = exact
            ),
            None => text!("check-advice-point-groups", thousands = thousands),
        }
    } else {
        match exact {
            Some(exact) => text!(
                "check-advice-write-exact",
                exact = exact,
                currency = currency,
                allowed = allowed_words()
            ),
            None if allowed == 0 => text!("check-advice-write-whole", currency = currency),
            None => text!(
                "check-advice-write-at-most",
                currency = currency,
                allowed = allowed_words()
            ),
        }
    };
    let label = if unit == Some(currency) {
        text!(
            "check-advice-currency-has",
            currency = currency,
            allowed = allowed_words()
        )
    } else {
        text!(
            "check-advice-factor-of",
            currency = currency,
            allowed = allowed_words()
        )
    };
    Some(
        Diagnostic::new(
            Code::E0007,
            span,
            text!(
                "check-advice-too-fine",
                written = with_unit(text),
                currency = currency
            ),
        )
        .with_label(label)
        .with_help(help),
    )
}

/// The plural word of a unit of time (`days`, `hours`) in a message, in its language.
pub(crate) fn units_word(unit: &Unit) -> Text {
    text!("check-advice-units", unit = unit.word(false))
}

/// E0007 for a duration literal that is not a whole number of its unit (`0.5 months`, `2.5 weeks`): the calendar
/// counts whole days and whole months. The help line offers the same length in a smaller unit only where that is
/// exact (a year is 12 months); a month has no fixed number of days.
pub fn duration_literal(span: Span, amount: Decimal, unit: &Unit) -> Option<Diagnostic> {
    if amount.fract().is_zero() {
        return None;
    }
    let help = match unit {
        Unit::Year => match amount.checked_mul(Decimal::from(12)) {
            Some(months) if months.fract().is_zero() => text!(
                "check-advice-year-in-months",
                months = literal(months.normalize())
            ),
            _ => text!("check-advice-whole-years"),
        },
        Unit::Month => month_parts(),
        Unit::Week => text!("check-advice-whole-weeks"),
        _ => text!("check-advice-whole-units", units = units_word(unit)),
    };
    Some(
        Diagnostic::new(
            Code::E0007,
            span,
            text!(
                "check-advice-duration-not-whole",
                amount = literal(amount),
                units = units_word(unit)
            ),
        )
        .with_label(text!("check-advice-duration-not-whole-label"))
        .with_help(help),
    )
}

/// The help line for a part of a month.
pub fn month_parts() -> Text {
    text!("check-advice-month-parts")
}

/// The help line for a duration counted in `calendar` that is not whole.
pub fn whole_duration_text(calendar: Calendar) -> Text {
    match calendar {
        Calendar::Months => month_parts(),
        Calendar::Days => text!("check-advice-whole-days"),
    }
}

/// The help line for a number written without the unit that `expected` needs: `30 days` where a grace period is
/// due, `22 DKK per month` where a payment is. `units` are the unit words to offer, the likeliest first.
pub fn missing_unit_text(expr: &Expr, found: &Type, units: &[&str]) -> Option<Text> {
    if !matches!(found, Type::Count) && !matches!(found, Type::Rate(of, _) if **of == Type::Count) {
        return None;
    }
    let (number, per) = match &expr.kind {
        ExprKind::Quantity { value, unit: None } => (Some(*value), None),
        ExprKind::Per(inner, unit) => match &inner.kind {
            ExprKind::Quantity { value, unit: None } => (Some(*value), Some(unit.unit.word(false))),
            _ => (None, Some(unit.unit.word(false))),
        },
        _ => (None, None),
    };
    let written = |unit: &str| {
        let amount = number.map_or_else(|| "…".to_string(), literal);
        let unit = match number {
            // `1 month`, not `1 months`: the singular for one.
            Some(n) if n == Decimal::ONE => unit.strip_suffix('s').unwrap_or(unit),
            _ => unit,
        };
        // The unit of time as written (`22 per week`), else the one the unit words carry.
        let written = match (per, unit.split_once(" per ")) {
            (Some(per), Some((of, _))) => format!("{amount} {of} per {per}"),
            _ => format!("{amount} {unit}"),
        };
        text!("check-advice-code", code = code_text(&written))
    };
    let offered = units.iter().map(|u| written(u)).collect();
    let choices = crate::words::or_list(offered)?;
    Some(text!("check-advice-missing-unit", choices = choices))
}

/// The unit words a value of type `expected` is written with, the likeliest first.
pub fn units_of(expected: &Type) -> Vec<String> {
    match expected {
        Type::Money(currency) => vec![currency.clone()],
        Type::Duration(Calendar::Days) => vec!["days".into(), "weeks".into()],
        Type::Duration(Calendar::Months) => vec!["months".into(), "days".into()],
        Type::Hours => vec!["hours".into()],
        Type::Rate(of, per) => units_of(of)
            .into_iter()
            .take(1)
            .map(|u| format!("{u} per {}", per.word()))
            .collect(),
        _ => Vec::new(),
    }
}

/// The help line where a date is due but `expr` is not one: the `YYYY-MM-DD` form of a date written as
/// `01-03-2024`, `1/3/2024` or `2024-3-1` (which read as a subtraction or a division of numbers), or how a date
/// is written.
pub fn date_text(expr: &Expr) -> Text {
    cvl_syntax::misread::date_help_text(date_written_as_arithmetic(expr).flatten())
}

/// Whether `expr` is three whole numbers joined by the same `-` or `/`, as a date written day first or year first
/// reads: `Some` of the date (when it is one in the calendar) if so.
pub fn date_written_as_arithmetic(expr: &Expr) -> Option<Option<chrono::NaiveDate>> {
    let ExprKind::Binary(op, left, c) = &expr.kind else {
        return None;
    };
    if !matches!(op, BinaryOp::Sub | BinaryOp::Div) {
        return None;
    }
    let ExprKind::Binary(inner, a, b) = &left.kind else {
        return None;
    };
    if inner != op {
        return None;
    }
    let whole = |e: &Expr| match &e.kind {
        ExprKind::Quantity { value, unit: None } if value.scale() == 0 => value.to_u64(),
        _ => None,
    };
    let (a, b, c) = (whole(a)?, whole(b)?, whole(c)?);
    let short = |n: u64| (1..=31).contains(&n);
    if short(a) && short(b) && c >= 1000 {
        Some(misread::calendar_day(c, b, a))
    } else if a >= 1000 && short(b) && short(c) {
        Some(misread::calendar_day(a, b, c))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cvl_syntax::ast::UnitWord;
    use cvl_syntax::{FileId, Lang};

    fn span() -> Span {
        Span::new(FileId(0), 0, 1)
    }

    fn help(amount: &str, currency: &str) -> Option<String> {
        let amount = Decimal::from_str_exact(amount).ok()?;
        money_literal(span(), amount, currency).and_then(|d| d.help)
    }

    #[test]
    fn an_amount_has_no_more_decimals_than_its_currency() {
        assert_eq!(help("22.50", "DKK"), None);
        assert_eq!(help("22.5", "EUR"), None);
        assert_eq!(help("1.234", "KWD"), None);
        assert_eq!(help("100", "JPY"), None);
        let danish = help("22.500", "DKK").unwrap_or_default();
        assert!(danish.contains("`22_500 DKK`"), "{danish}");
        assert!(danish.contains("`22.50 DKK`"), "{danish}");
        assert!(
            help("22.505", "DKK")
                .unwrap_or_default()
                .contains("`22_505 DKK` if")
        );
        assert!(
            help("1.2345", "EUR")
                .unwrap_or_default()
                .contains("at most 2 decimals")
        );
        assert!(
            help("100.0", "JPY")
                .unwrap_or_default()
                .contains("`100 JPY`")
        );
        assert!(
            help("100.5", "JPY")
                .unwrap_or_default()
                .contains("whole amount")
        );
        assert!(
            help("1.2345", "KWD")
                .unwrap_or_default()
                .contains("3 decimals")
        );
    }

    fn number(n: i64) -> Expr {
        Expr {
            kind: ExprKind::Quantity {
                value: Decimal::from(n),
                unit: None,
            },
            span: span(),
        }
    }

    fn join(op: BinaryOp, a: Expr, b: Expr) -> Expr {
        Expr {
            kind: ExprKind::Binary(op, Box::new(a), Box::new(b)),
            span: span(),
        }
    }

    #[test]
    fn dates_written_as_arithmetic_read_day_first_or_year_first() {
        let dmy = |op, d, m, y| join(op, join(op, number(d), number(m)), number(y));
        assert!(
            date_text(&dmy(BinaryOp::Sub, 1, 3, 2024))
                .show(Lang::En)
                .contains("`2024-03-01`")
        );
        assert!(
            date_text(&dmy(BinaryOp::Div, 31, 12, 2019))
                .show(Lang::En)
                .contains("`2019-12-31`")
        );
        assert!(
            date_text(&dmy(BinaryOp::Sub, 2024, 3, 1))
                .show(Lang::En)
                .contains("`2024-03-01`")
        );
        assert!(
            date_text(&dmy(BinaryOp::Sub, 30, 2, 2024))
                .show(Lang::En)
                .contains("such as")
        );
        assert!(date_text(&number(5)).show(Lang::En).contains("such as"));
        let mixed = join(
            BinaryOp::Div,
            join(BinaryOp::Sub, number(1), number(3)),
            number(2024),
        );
        assert_eq!(date_written_as_arithmetic(&mixed), None);
    }

    #[test]
    fn a_bare_number_is_shown_with_the_unit_it_needs() {
        let help = |e: &Expr, found: &Type, units: &[&str]| {
            missing_unit_text(e, found, units)
                .map(|help| help.show(Lang::En))
                .unwrap_or_default()
        };
        assert_eq!(
            help(&number(30), &Type::Count, &["days", "weeks"]),
            "a number needs its unit here: write `30 days` or `30 weeks`"
        );
        assert_eq!(
            help(&number(1), &Type::Count, &["months"]),
            "a number needs its unit here: write `1 month`"
        );
        let per = Expr {
            kind: ExprKind::Per(
                Box::new(number(22_500)),
                UnitWord {
                    unit: cvl_syntax::ast::Unit::Week,
                    plural: false,
                    span: span(),
                },
            ),
            span: span(),
        };
        let found = Type::Rate(Box::new(Type::Count), crate::types::Per::Week);
        assert_eq!(
            help(&per, &found, &["DKK per month"]),
            "a number needs its unit here: write `22_500 DKK per week`"
        );
        assert_eq!(missing_unit_text(&number(3), &Type::Date, &["days"]), None);
    }

    #[test]
    fn a_duration_literal_is_whole_and_only_exact_conversions_are_offered() {
        let help = |amount: &str, unit: Unit| {
            let amount = Decimal::from_str_exact(amount).unwrap_or_default();
            duration_literal(span(), amount, &unit).and_then(|d| d.help)
        };
        assert_eq!(help("3", Unit::Month), None);
        assert_eq!(help("1.0", Unit::Day), None);
        assert_eq!(
            help("1.5", Unit::Year).as_deref(),
            Some("write `18 months`: a year is 12 months")
        );
        assert_eq!(
            help("0.25", Unit::Year).as_deref(),
            Some("write `3 months`: a year is 12 months")
        );
        assert_eq!(
            help("1.05", Unit::Year).as_deref(),
            Some("write a whole number of years or of months")
        );
        assert_eq!(help("0.5", Unit::Month), Some(month_parts().show(Lang::En)));
        assert_eq!(
            help("2.5", Unit::Week).as_deref(),
            Some("write a whole number of weeks or of days")
        );
    }

    #[test]
    fn a_factor_of_an_amount_gets_the_amount_s_help_without_its_currency() {
        let d = money_factor(span(), Decimal::new(22_500, 3), None, "DKK");
        assert_eq!(
            d.as_ref().map(|d| d.message.as_str()),
            Some("`22.500` has more decimals than DKK has")
        );
        let hours = money_factor(span(), Decimal::new(1_255, 3), Some("hours"), "DKK")
            .and_then(|d| d.help)
            .unwrap_or_default();
        assert!(hours.contains("`1_255 hours`"), "{hours}");
        // `0.125` is no Danish thousands: no `0_125` is offered.
        let zero = money_factor(span(), Decimal::new(125, 3), None, "DKK")
            .and_then(|d| d.help)
            .unwrap_or_default();
        assert!(!zero.contains("0_125"), "{zero}");
        assert_eq!(
            money_factor(span(), Decimal::new(2_250, 2), None, "DKK"),
            None
        );
    }

    #[test]
    fn currencies_count_their_decimals_as_iso_4217_does() {
        assert_eq!(currency_decimals("DKK"), 2);
        assert_eq!(currency_decimals("JPY"), 0);
        assert_eq!(currency_decimals("KWD"), 3);
        assert_eq!(currency_decimals("ABC"), 2);
    }
}
