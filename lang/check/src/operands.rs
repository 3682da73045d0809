//! What a statement asks of its operands: a date, a duration, an amount payable monthly, a cap, a role, a
//! weekday, parties. Each reports an operand that does not fit and returns what the model needs.

use cvl_syntax::ast::{Expr, Ident};
use cvl_syntax::{Code, Diagnostic, Words, text};

use crate::Checker;
use crate::advice;
use crate::model::{Duration, MoneyRate, PartyId, Role, Weekday};
use crate::names::{BindingKind, Scope, suggestion_text};
use crate::types::{Calendar, Per, Type};
use crate::value::Value;
use crate::words::{per_text, type_text, value_text};

impl Checker {
    /// Types `expr` and reports it unless `accepts` its type; the value when it is constant. The report's help
    /// line is what `fix` says about the expression and the type found, if anything.
    pub(crate) fn expect_type<H: Into<Words>>(
        &mut self,
        expr: &Expr,
        scope: &Scope,
        what: impl Into<Words>,
        accepts: impl Fn(&Type) -> bool,
        fix: impl Fn(&Expr, &Type) -> Option<H>,
    ) -> Option<Value> {
        let typed = self.expr(expr, scope);
        if typed.ty.is_error() {
            return None;
        }
        if !accepts(&typed.ty) {
            let mut d = Diagnostic::new(
                Code::E0018,
                expr.span,
                text!(
                    "check-operands-expected",
                    what = what.into(),
                    found = type_text(&typed.ty)
                ),
            )
            .with_label(text!(
                "check-operands-this-is",
                found = type_text(&typed.ty)
            ));
            if let Some(help) = fix(expr, &typed.ty) {
                d = d.with_help(help);
            }
            self.report(d);
            return None;
        }
        typed.value
    }

    pub(crate) fn date(&mut self, expr: &Expr, scope: &Scope) -> Option<chrono::NaiveDate> {
        let fix = |e: &Expr, _: &Type| Some(advice::date_text(e));
        let what = text!("check-operands-a-date");
        match self.expect_type(expr, scope, what, |t| *t == Type::Date, fix)? {
            Value::Date(d) => Some(d),
            _ => None,
        }
    }

    /// A duration: not negative (E0020), a whole number of days or of months (E0017), at most 100 years (E0040).
    /// `what` names it in messages, and `units` are the units a bare number is offered (`grace 30`: `30 days`).
    /// Every duration in the checked contract has passed here, so evaluation never meets one that it cannot add
    /// to a date.
    pub(crate) fn duration(
        &mut self,
        expr: &Expr,
        scope: &Scope,
        what: impl Into<Words>,
        units: &[&str],
    ) -> Option<Duration> {
        let what: Words = what.into();
        let fix = |e: &Expr, found: &Type| advice::missing_unit_text(e, found, units);
        let is_duration = |t: &Type| matches!(t, Type::Duration(_));
        let value = self.expect_type(expr, scope, what.clone(), is_duration, fix)?;
        let Value::Duration { amount, calendar } = value else {
            return None;
        };
        if amount.is_sign_negative() && !amount.is_zero() {
            self.report(
                Diagnostic::new(
                    Code::E0020,
                    expr.span,
                    text!("check-operands-negative-duration", what = what),
                )
                .with_label(text!(
                    "check-operands-this-is",
                    found = value_text(&Value::Duration { amount, calendar })
                ))
                .with_help(text!("check-operands-negative-duration-help")),
            );
            return None;
        }
        if !amount.fract().is_zero() {
            // A computed length (`1 month / 2`): the calendar counts whole days and whole months (spec 5.8).
            let unit = match calendar {
                Calendar::Months => cvl_syntax::ast::Unit::Month,
                Calendar::Days => cvl_syntax::ast::Unit::Day,
            };
            self.report(
                Diagnostic::new(
                    Code::E0017,
                    expr.span,
                    text!(
                        "check-operands-whole-duration",
                        what = what,
                        units = advice::units_word(&unit)
                    ),
                )
                .with_label(text!(
                    "check-operands-this-is",
                    found = value_text(&Value::Duration { amount, calendar })
                ))
                .with_help(advice::whole_duration_text(calendar)),
            );
            return None;
        }
        if crate::horizon::too_long(amount, calendar) {
            self.report(
                Diagnostic::new(
                    Code::E0040,
                    expr.span,
                    text!("check-operands-too-long", what = what),
                )
                .with_label(text!(
                    "check-operands-this-is",
                    found = value_text(&Value::Duration { amount, calendar })
                ))
                .with_help(text!("check-operands-too-long-help")),
            );
            return None;
        }
        Some(Duration { amount, calendar })
    }

    pub(crate) fn pay_amount(&mut self, expr: &Expr, scope: &Scope) -> Option<MoneyRate> {
        let typed = self.expr(expr, scope);
        let per = match &typed.ty {
            Type::Error => return None,
            Type::Rate(of, per) if matches!(of.as_ref(), Type::Money(_)) => *per,
            other => {
                let mut d = Diagnostic::new(
                    Code::E0018,
                    expr.span,
                    text!(
                        "check-operands-expected",
                        what = text!("check-operands-pay-what"),
                        found = type_text(other)
                    ),
                )
                .with_label(text!("check-operands-this-is", found = type_text(other)));
                if matches!(other, Type::Money(_)) {
                    d = d.with_help(text!("check-operands-pay-per-help"));
                } else if let Some(help) =
                    advice::missing_unit_text(expr, other, &["DKK per month"])
                {
                    // `pay 22_500 per month`: the currency is missing.
                    d = d.with_help(help);
                }
                self.report(d);
                return None;
            }
        };
        if matches!(per, Per::Week | Per::Year) {
            self.report(
                Diagnostic::new(
                    Code::E0019,
                    expr.span,
                    text!("check-operands-not-monthly", per = per_text(per)),
                )
                .with_label(text!("check-operands-paid-per", per = per_text(per)))
                .with_help(match per {
                    Per::Week => text!("check-operands-not-monthly-week-help"),
                    _ => text!("check-operands-not-monthly-year-help"),
                }),
            );
            return None;
        }
        let Some(Value::Rate { of, per }) = typed.value else {
            return None;
        };
        let Value::Money { amount, currency } = *of else {
            return None;
        };
        let how = text!("check-operands-per", per = per_text(per));
        if !self.payment_fits(amount, &currency, how, expr.span) {
            return None;
        }
        Some(MoneyRate {
            amount,
            currency,
            per,
        })
    }

    /// Whether a payment of `amount` (`how`: `per month`, `once`) is not negative (E0020) and within the amount
    /// limit of spec 7 (E0042); each problem is reported at `span`. Every `pay` passes here.
    pub(crate) fn payment_fits(
        &mut self,
        amount: rust_decimal::Decimal,
        currency: &str,
        how: impl Into<Words>,
        span: cvl_syntax::Span,
    ) -> bool {
        let how: Words = how.into();
        let currency = currency.to_string();
        if amount.is_sign_negative() && !amount.is_zero() {
            self.report(
                Diagnostic::new(Code::E0020, span, text!("check-operands-negative-payment"))
                    .with_label(text!(
                        "check-operands-this-pays",
                        amount = value_text(&Value::Money { amount, currency })
                    ))
                    .with_help(text!("check-operands-negative-payment-help")),
            );
            return false;
        }
        if amount > crate::limits::MAX_AMOUNT {
            let most = value_text(&Value::Money {
                amount: crate::limits::MAX_AMOUNT,
                currency: currency.clone(),
            });
            // Shown to the øre it would be rounded to, unless that hides why it is refused: an amount just above
            // the limit that rounds to it is shown with all its decimals.
            let rounded = Value::Money {
                amount,
                currency: currency.clone(),
            };
            let shown = if crate::value::round_money(amount) > crate::limits::MAX_AMOUNT {
                value_text(&rounded)
            } else {
                crate::words::exact_money_text(amount, &currency)
            };
            self.report(
                Diagnostic::new(
                    Code::E0042,
                    span,
                    text!("check-operands-too-much", shown = shown, how = how.clone()),
                )
                .with_label(text!("check-operands-most", most = most, how = how))
                .with_help(text!("check-operands-too-much-help")),
            );
            return false;
        }
        true
    }

    /// `cap 10 hours per month`: the most hours paid in one month.
    pub(crate) fn cap(&mut self, expr: &Expr, scope: &Scope) -> Option<rust_decimal::Decimal> {
        let value = self.expect_type(
            expr,
            scope,
            text!("check-operands-hours-per-month"),
            |t| matches!(t, Type::Rate(of, Per::Month) if **of == Type::Hours),
            |e, found| advice::missing_unit_text(e, found, &["hours per month"]),
        )?;
        let cap = match value {
            Value::Rate { of, .. } => of.amount(),
            _ => None,
        }?;
        if cap.is_sign_negative() && !cap.is_zero() {
            self.report(
                Diagnostic::new(Code::E0020, expr.span, text!("check-operands-negative-cap"))
                    .with_label(text!("check-operands-negative-cap-label"))
                    .with_help(text!("check-operands-negative-cap-help")),
            );
            return None;
        }
        Some(cap)
    }

    pub(crate) fn role(&mut self, role: &Ident) -> Option<Role> {
        let found = Role::from_name(&role.name);
        if found.is_none() {
            let mut d = Diagnostic::new(
                Code::E0035,
                role.span,
                text!("check-operands-unknown-role", name = role.name.as_str()),
            )
            .with_label(text!("check-operands-unknown-role-label"));
            let roles = Role::ALL.iter().map(|(n, _)| *n);
            if let Some(help) = suggestion_text(&role.name, text!("check-operands-roles"), roles) {
                d = d.with_help(help);
            }
            self.report(d);
        }
        found
    }

    /// The weekday a name stands for: a weekday's own name, or a parameter holding one. Where a weekday is
    /// expected, a weekday's name means the weekday even if a party or parameter of another type shares it.
    pub(crate) fn weekday(&mut self, day: &Ident, scope: &Scope) -> Option<Weekday> {
        match scope.get(&day.name) {
            Some(binding) if matches!(binding.ty, Type::Weekday | Type::Error) => {
                if binding.kind != BindingKind::Builtin {
                    self.record_reference(day.span, binding.span);
                }
                match binding.value {
                    Some(Value::Weekday(w)) => Some(w),
                    _ => None,
                }
            }
            _ => {
                if let Some((_, weekday)) = Weekday::ALL.iter().find(|(n, _)| *n == day.name) {
                    return Some(*weekday);
                }
                let mut d = Diagnostic::new(
                    Code::E0034,
                    day.span,
                    text!("check-operands-not-weekday", name = day.name.as_str()),
                )
                .with_label(text!("check-operands-not-weekday-label"));
                let days = Weekday::ALL.iter().map(|(n, _)| *n);
                if let Some(help) =
                    suggestion_text(&day.name, text!("check-operands-weekdays"), days)
                {
                    d = d.with_help(help);
                }
                self.report(d);
                None
            }
        }
    }

    /// A list of parties; the ones that resolve.
    pub(crate) fn party_refs(&mut self, idents: &[Ident], scope: &Scope) -> Vec<PartyId> {
        idents
            .iter()
            .filter_map(|i| self.party_ref(i, scope))
            .collect()
    }

    /// The party a name refers to; `None` when it is not one (reported) or is a parameter without a value yet.
    pub(crate) fn party_ref(&mut self, ident: &Ident, scope: &Scope) -> Option<PartyId> {
        match scope.get(&ident.name) {
            Some(binding) if binding.ty == Type::Party || binding.ty.is_error() => {
                self.record_reference(ident.span, binding.span);
                match &binding.value {
                    Some(Value::Party(p)) => Some(PartyId(p.clone())),
                    _ => None,
                }
            }
            Some(binding) => {
                let binding_span = binding.span;
                let ty = binding.ty.clone();
                self.report(
                    Diagnostic::new(
                        Code::E0015,
                        ident.span,
                        text!("check-operands-not-party", name = ident.name.as_str()),
                    )
                    .with_label(text!("check-operands-not-party-label"))
                    .with_secondary(
                        binding_span,
                        text!(
                            "check-operands-name-is",
                            name = ident.name.as_str(),
                            found = type_text(&ty)
                        ),
                    ),
                );
                None
            }
            None => {
                let mut d = Diagnostic::new(
                    Code::E0015,
                    ident.span,
                    text!("check-operands-no-party", name = ident.name.as_str()),
                )
                .with_label(text!("check-operands-no-party-label"));
                if self.may_show(ident.span) {
                    let parties: Vec<&str> = scope
                        .iter()
                        .filter(|(_, b)| b.ty == Type::Party)
                        .map(|(n, _)| n.as_str())
                        .collect();
                    let what = text!("check-operands-parties");
                    if let Some(help) = suggestion_text(&ident.name, what, parties.iter().copied())
                    {
                        d = d.with_help(help);
                    }
                }
                self.report(d);
                None
            }
        }
    }
}
