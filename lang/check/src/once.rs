//! One-off payments (spec 4.8): an item whose `pay` is an amount of money paid once, `once on start` (the item's
//! first day in force) or `once on DATE`, in the month that day falls in. This module reads the amount (money, not
//! a rate: E0052), the day, and refuses the statements that do not fit a payment made once (E0052).

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use cvl_syntax::ast::{Expr, Ident, OnceDay};
use cvl_syntax::{Code, Diagnostic, Span};

use crate::Checker;
use crate::model::{self, OnceOn};
use crate::names::Scope;
use crate::types::Type;
use crate::value::Value;

/// The help line every refusal of a one-off payment's amount ends with.
const AMOUNT_HELP: &str = "a one-off payment is an amount paid once: `pay 15_000 DKK to PARTY` with `once on start`, or give a rate and leave out `once`";

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
                        format!(
                            "a one-off payment is an amount, not an amount per {}",
                            per.word()
                        ),
                    )
                    .with_label(format!("paid per {}", per.word()))
                    .with_help(AMOUNT_HELP),
                );
                return None;
            }
            other => {
                self.report(
                    Diagnostic::new(
                        Code::E0018,
                        expr.span,
                        format!("expected an amount of money paid once, found {other}"),
                    )
                    .with_label(format!("this is {other}"))
                    .with_help(AMOUNT_HELP),
                );
                return None;
            }
        }
        let Some(Value::Money { amount, currency }) = typed.value else {
            return None;
        };
        if !self.payment_fits(amount, &currency, "once", expr.span) {
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
        for (word, why) in [
            (
                "cap",
                "hours are paid by an item with a rate per hour: remove `cap`",
            ),
            (
                "confirmed by",
                "hours are confirmed for an item with a rate per hour: remove `confirmed by`",
            ),
            (
                "for the first",
                "it is paid on one day, not over a period: remove `for the first`",
            ),
            (
                "reimburse",
                "a reimbursed item pays approved expenses: keep `once` with `pay`, or `reimburse`",
            ),
        ] {
            if let Some(at) = seen.get(word) {
                self.report(
                    Diagnostic::new(
                        Code::E0052,
                        *at,
                        format!("`{word}` does not fit the one-off payment `{}`", name.name),
                    )
                    .with_label("not for a payment made once")
                    .with_secondary(once, "paid once here")
                    .with_help(format!(
                        "a one-off payment pays one amount on one day; {why}"
                    )),
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
