//! One-off payments (spec 4.8): an item whose `pay` is an amount of money paid once, `once on start` (the item's
//! first day in force) or `once on DATE`, in the month that day falls in. This module reads the amount (money, not
//! a rate: E0052), the day, and refuses the statements that do not fit a payment made once (E0052).

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use cvl_syntax::ast::{Expr, Ident, OnceDay};
use cvl_syntax::{Code, Diagnostic, Span, text};

use crate::Checker;
use crate::model::{self, OnceOn};
use crate::names::Scope;
use crate::types::Type;
use crate::value::Value;

impl Checker {
    /// The amount of a one-off payment's `pay`: money, not negative (E0020), within the limits (E0042); a rate is
    /// E0052, anything else E0018.
    pub(crate) fn once_amount(&mut self, expr: &Expr, scope: &Scope) -> Option<(Decimal, String)> {
        let typed = self.expr(expr, scope);
        match &typed.ty {
            Type::Error => return None,
            Type::Money(_) => {}
            Type::Rate(of, per) if matches!(of.as_ref(), Type::Money(_)) => {
                self.report(
                    Diagnostic::new(
                        Code::E0052,
                        expr.span,
                        text!("check-once-rate", per = per.word()),
                    )
                    .with_label(text!("check-once-rate-label", per = per.word()))
                    .with_help(text!("check-once-amount-help")),
                );
                return None;
            }
            other => {
                self.report(
                    Diagnostic::new(
                        Code::E0018,
                        expr.span,
                        text!("check-once-not-money", found = other.to_string()),
                    )
                    .with_label(text!(
                        "check-once-not-money-label",
                        found = other.to_string()
                    ))
                    .with_help(text!("check-once-amount-help")),
                );
                return None;
            }
        }
        let Some(Value::Money { amount, currency }) = typed.value else {
            return None;
        };
        if !self.payment_fits(amount, &currency, text!("check-once-how"), expr.span) {
            return None;
        }
        Some((amount, currency))
    }

    /// The day of `once on start|DATE`.
    pub(crate) fn once_day(&mut self, day: &OnceDay, scope: &Scope) -> Option<OnceOn> {
        match day {
            OnceDay::Start(_) => Some(OnceOn::Start),
            OnceDay::On(expr) => self.date(expr, scope).map(OnceOn::Date),
        }
    }

    /// A one-off item pays one amount on one day: `cap`, `confirmed by` and `for the first` say how a rate is paid
    /// over time, and a reimbursed item pays what is approved; each is E0052, reported with the `once` statement
    /// and left out of the checked item.
    pub(crate) fn once_fits(
        &mut self,
        item: &mut model::Item,
        name: &Ident,
        seen: &BTreeMap<&'static str, Span>,
    ) {
        let Some(once) = seen.get("once").copied() else {
            return;
        };
        for (word, shown, why) in [
            (
                "cap",
                text!("check-once-word-cap"),
                text!("check-once-cap-why"),
            ),
            (
                "confirmed by",
                text!("check-once-word-confirmed-by"),
                text!("check-once-confirmed-by-why"),
            ),
            (
                "for the first",
                text!("check-once-word-for-the-first"),
                text!("check-once-for-the-first-why"),
            ),
            (
                "reimburse",
                text!("check-once-word-reimburse"),
                text!("check-once-reimburse-why"),
            ),
        ] {
            if let Some(at) = seen.get(word) {
                self.report(
                    Diagnostic::new(
                        Code::E0052,
                        *at,
                        text!("check-once-does-not-fit", word = shown, name = &name.name),
                    )
                    .with_label(text!("check-once-does-not-fit-label"))
                    .with_secondary(once, text!("check-once-does-not-fit-once"))
                    .with_help(text!("check-once-does-not-fit-help", why = why)),
                );
            }
        }
        item.cap = None;
        item.confirmed_by.clear();
        item.first = None;
        if item.reimburse.is_some() || seen.contains_key("reimburse") {
            item.once = None;
        }
    }
}
