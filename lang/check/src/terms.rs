//! The contract's terms of payment beyond `paid monthly`: the day of the following month a month's payment falls
//! due on (`paid monthly in arrears, due on day 10`, E0050) and its own rate of interest on late payment
//! (`interest 10 % per year`, E0051). Both are whole-contract statements; evaluation reads them from the checked
//! contract (spec 4.7, 4.19).

use rust_decimal::Decimal;

use cvl_syntax::ast::{Expr, Unit, UnitWord};
use cvl_syntax::{Code, Diagnostic, Text, text};

use crate::Checker;
use crate::model::Interest;
use crate::names::Scope;
use crate::types::Type;
use crate::value::Value;
use crate::words::type_text;

/// The most decimals a rate of interest may have: `8.05 %` has two, `0.125 %` three.
pub const INTEREST_DECIMALS: u32 = 4;

/// Which bound a percentage a contract states breaks, in the catalogue's words, the first of: the least (above 0
/// when `zero_allowed` is false, else at least 0), at most 100, at most [`INTEREST_DECIMALS`] decimals; `None` when
/// it keeps them all. One rule for every percentage the checker reads (E0051, E0054), so each message says which.
pub(crate) fn percent_fault_text(value: Decimal, zero_allowed: bool) -> Option<Text> {
    let value = value.normalize();
    if zero_allowed && value < Decimal::ZERO {
        Some(text!("check-terms-percent-at-least-zero"))
    } else if !zero_allowed && value <= Decimal::ZERO {
        Some(text!("check-terms-percent-above-zero"))
    } else if value > Decimal::ONE_HUNDRED {
        Some(text!("check-terms-percent-at-most-hundred"))
    } else if value.scale() > INTEREST_DECIMALS {
        Some(text!(
            "check-terms-percent-decimals",
            count = value.scale(),
            most = INTEREST_DECIMALS
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
                        text!("check-terms-due-day-type", found = type_text(other)),
                    )
                    .with_label(text!("check-terms-this-is", found = type_text(other)))
                    .with_help(text!("check-terms-due-day-help")),
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
                    text!("check-terms-due-day-decimals", day = day.to_string()),
                )
                .with_label(text!("check-terms-due-day-decimals-label"))
                .with_help(text!(
                    "check-terms-due-day-decimals-help",
                    day = day
                        .trunc()
                        .max(Decimal::ONE)
                        .min(Decimal::from(31))
                        .normalize()
                        .to_string()
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
                    text!("check-terms-due-day-range", day = day.to_string()),
                )
                .with_label(text!("check-terms-due-day-range-label"))
                .with_help(text!("check-terms-due-day-range-help")),
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
                        text!("check-terms-interest-type", found = type_text(other)),
                    )
                    .with_label(text!("check-terms-this-is", found = type_text(other)))
                    .with_help(text!("check-terms-interest-type-help")),
                );
                return None;
            }
        };
        if per.unit != Unit::Year {
            self.report(
                Diagnostic::new(Code::E0051, per.span, text!("check-terms-interest-per"))
                    .with_label(text!("check-terms-interest-per-label"))
                    .with_help(text!("check-terms-interest-per-help")),
            );
            return None;
        }
        let value = value.normalize();
        if let Some(fault) = percent_fault_text(value, true) {
            self.report(
                Diagnostic::new(
                    Code::E0051,
                    percent.span,
                    text!(
                        "check-terms-interest-fault",
                        value = value.to_string(),
                        fault = fault
                    ),
                )
                .with_label(text!(
                    "check-terms-interest-fault-label",
                    most = INTEREST_DECIMALS
                ))
                .with_help(text!("check-terms-interest-fault-help")),
            );
            return None;
        }
        Some(Interest {
            percent: value,
            span,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cvl_syntax::Lang;

    #[test]
    fn a_percentage_s_fault_is_said_in_each_language() {
        let fault = |value: i64, zero_allowed: bool, lang: Lang| {
            percent_fault_text(Decimal::from(value), zero_allowed).map(|f| f.show(lang))
        };
        assert_eq!(fault(10, false, Lang::Da), None);
        assert_eq!(
            fault(-1, true, Lang::Da).as_deref(),
            Some("den skal være mindst 0")
        );
        assert_eq!(
            fault(0, false, Lang::Da).as_deref(),
            Some("den skal være over 0")
        );
        assert_eq!(
            fault(0, false, Lang::En).as_deref(),
            Some("it must be above 0")
        );
        assert_eq!(
            percent_fault_text(Decimal::new(1_000_001, 5), true)
                .map(|fault| fault.show(Lang::En))
                .as_deref(),
            Some("it has 5 decimals, and at most 4 are allowed")
        );
    }
}
