//! The contract's terms of payment beyond `paid monthly`: the day of the following month a month's payment falls
//! due on (`paid monthly in arrears, due on day 10`, E0050) and its own rate of interest on late payment
//! (`interest 10 % per year`, E0051). Both are whole-contract statements; evaluation reads them from the checked
//! contract (spec 4.7, 4.19).

use rust_decimal::Decimal;

use cvl_syntax::ast::{Expr, Unit, UnitWord};
use cvl_syntax::{Code, Diagnostic};

use crate::Checker;
use crate::model::Interest;
use crate::names::Scope;
use crate::types::Type;
use crate::value::Value;

/// The most decimals a rate of interest may have: `8.05 %` has two, `0.125 %` three.
pub const INTEREST_DECIMALS: u32 = 4;

/// Which bound a percentage a contract states breaks, in words, the first of: the least (above 0 when
/// `zero_allowed` is false, else at least 0), at most 100, at most [`INTEREST_DECIMALS`] decimals; `None` when it
/// keeps them all. One rule for every percentage the checker reads (E0051, E0054), so each message says which.
pub(crate) fn percent_fault(value: Decimal, zero_allowed: bool) -> Option<String> {
    let value = value.normalize();
    if zero_allowed && value < Decimal::ZERO {
        Some("it must be at least 0".to_string())
    } else if !zero_allowed && value <= Decimal::ZERO {
        Some("it must be above 0".to_string())
    } else if value > Decimal::ONE_HUNDRED {
        Some("it must be at most 100".to_string())
    } else if value.scale() > INTEREST_DECIMALS {
        Some(format!(
            "it has {} decimals, and at most {INTEREST_DECIMALS} are allowed",
            value.scale()
        ))
    } else {
        None
    }
}

impl Checker {
    /// `due on day N`: a whole number from 1 to 31 (a day past a month's last is its last day).
    pub(crate) fn due_day(&mut self, expr: &Expr, scope: &Scope) -> Option<u32> {
        let typed = self.expr(expr, scope);
        let day = match (&typed.ty, &typed.value) {
            (Type::Error, _) | (Type::Count, None) => return None,
            (Type::Count, Some(Value::Count(n))) => *n,
            (other, _) => {
                self.report(
                    Diagnostic::new(
                        Code::E0050,
                        expr.span,
                        format!("a due day is a day of the month, a number from 1 to 31, not {other}"),
                    )
                    .with_label(format!("this is {other}"))
                    .with_help("write the day of the following month the payment falls due on: `due on day 10`"),
                );
                return None;
            }
        };
        // A day is counted, never measured: `10.0` is written with a decimal, so it is not a day even though its
        // value is whole. The scale is the value's as written (or computed), before any normalising.
        if day.scale() > 0 {
            self.report(
                Diagnostic::new(
                    Code::E0050,
                    expr.span,
                    format!("`{day}` is not a day of the month: it is written with decimals"),
                )
                .with_label("a due day is a whole number from 1 to 31, written without decimals")
                .with_help(format!(
                    "write the day as a whole number: `due on day {}`",
                    day.trunc()
                        .max(Decimal::ONE)
                        .min(Decimal::from(31))
                        .normalize()
                )),
            );
            return None;
        }
        let valid = day >= Decimal::ONE && day <= Decimal::from(31);
        let number = u32::try_from(day.mantissa()).ok().filter(|_| valid);
        if number.is_none() {
            self.report(
                Diagnostic::new(
                    Code::E0050,
                    expr.span,
                    format!("`{day}` is not a day of the month"),
                )
                .with_label("a due day is a whole number from 1 to 31")
                .with_help("write the day of the following month the payment falls due on: `due on day 10`; a day past a month's last day is its last day"),
            );
        }
        number
    }

    /// `interest P % per year`: a percentage from 0 to 100, with at most [`INTEREST_DECIMALS`] decimals, a year.
    pub(crate) fn interest(
        &mut self,
        percent: &Expr,
        per: &UnitWord,
        scope: &Scope,
        span: cvl_syntax::Span,
    ) -> Option<Interest> {
        let typed = self.expr(percent, scope);
        let value = match (&typed.ty, &typed.value) {
            (Type::Error, _) | (Type::Count, None) => return None,
            (Type::Count, Some(Value::Count(n))) => *n,
            (other, _) => {
                self.report(
                    Diagnostic::new(
                        Code::E0051,
                        percent.span,
                        format!("a rate of interest is a percentage, a number from 0 to 100, not {other}"),
                    )
                    .with_label(format!("this is {other}"))
                    .with_help("write the rate a year as a number before `%`: `interest 10 % per year`"),
                );
                return None;
            }
        };
        if per.unit != Unit::Year {
            self.report(
                Diagnostic::new(
                    Code::E0051,
                    per.span,
                    "a rate of interest is a percentage per year",
                )
                .with_label("not `year`")
                .with_help("write the rate a year: `interest 10 % per year`"),
            );
            return None;
        }
        let value = value.normalize();
        if let Some(fault) = percent_fault(value, true) {
            self.report(
                Diagnostic::new(
                    Code::E0051,
                    percent.span,
                    format!("`{value} %` is not a rate of interest this contract can state: {fault}"),
                )
                .with_label(format!(
                    "a percentage from 0 to 100, with at most {INTEREST_DECIMALS} decimals"
                ))
                .with_help("write the rate a year, such as `interest 10 % per year`, or leave out `interest` for the Interest Act's rate"),
            );
            return None;
        }
        Some(Interest {
            percent: value,
            span,
        })
    }
}
