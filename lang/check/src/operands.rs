//! What a statement asks of its operands: a date, a duration, an amount payable monthly, a cap, a role, a
//! weekday, parties. Each reports an operand that does not fit and returns what the model needs.

use cvl_syntax::ast::{Expr, Ident};
use cvl_syntax::{Code, Diagnostic};

use crate::Checker;
use crate::advice;
use crate::model::{Duration, MoneyRate, PartyId, Role, Weekday};
use crate::names::{BindingKind, Scope, suggestion};
use crate::types::{Calendar, Per, Type};
use crate::value::Value;

impl Checker {
    /// Types `expr` and reports it unless `accepts` its type; the value when it is constant. The report's help
    /// line is what `fix` says about the expression and the type found, if anything.
    pub(crate) fn expect_type(
        &mut self,
        expr: &Expr,
        scope: &Scope,
        what: &str,
        accepts: impl Fn(&Type) -> bool,
        fix: impl Fn(&Expr, &Type) -> Option<String>,
    ) -> Option<Value> {
        let typed = self.expr(expr, scope);
        if typed.ty.is_error() {
            return None;
        }
        if !accepts(&typed.ty) {
            let mut d = Diagnostic::new(
                Code::E0018,
                expr.span,
                format!("expected {what}, found {}", typed.ty),
            )
            .with_label(format!("this is {}", typed.ty));
            if let Some(help) = fix(expr, &typed.ty) {
                d = d.with_help(help);
            }
            self.report(d);
            return None;
        }
        typed.value
    }

    pub(crate) fn date(&mut self, expr: &Expr, scope: &Scope) -> Option<chrono::NaiveDate> {
        let fix = |e: &Expr, _: &Type| Some(advice::date_help(e));
        match self.expect_type(expr, scope, "a date", |t| *t == Type::Date, fix)? {
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
        what: &str,
        units: &[&str],
    ) -> Option<Duration> {
        let fix = |e: &Expr, found: &Type| advice::missing_unit(e, found, units);
        let value = self.expect_type(expr, scope, what, |t| matches!(t, Type::Duration(_)), fix)?;
        let Value::Duration { amount, calendar } = value else {
            return None;
        };
        if amount.is_sign_negative() && !amount.is_zero() {
            self.report(
                Diagnostic::new(Code::E0020, expr.span, format!("{what} cannot be negative"))
                    .with_label(format!("this is {}", Value::Duration { amount, calendar }))
                    .with_help("write the length of time without a minus sign"),
            );
            return None;
        }
        if !amount.fract().is_zero() {
            // A computed length (`1 month / 2`): the calendar counts whole days and whole months (spec 5.8).
            let unit = match calendar {
                Calendar::Months => "months",
                Calendar::Days => "days",
            };
            self.report(
                Diagnostic::new(
                    Code::E0017,
                    expr.span,
                    format!("{what} must be a whole number of {unit}"),
                )
                .with_label(format!("this is {}", Value::Duration { amount, calendar }))
                .with_help(advice::whole_duration_help(calendar)),
            );
            return None;
        }
        if crate::horizon::too_long(amount, calendar) {
            self.report(
                Diagnostic::new(
                    Code::E0040,
                    expr.span,
                    format!("{what} cannot be longer than 100 years"),
                )
                .with_label(format!("this is {}", Value::Duration { amount, calendar }))
                .with_help(
                    "no contract reaches further than 100 years (1,200 months, 36,525 days): check the number and its unit",
                ),
            );
            return None;
        }
        Some(Duration { amount, calendar })
    }

    pub(crate) fn pay_amount(&mut self, expr: &Expr, scope: &Scope) -> Option<MoneyRate> {
        let what = "an amount per month, day or hour";
        let typed = self.expr(expr, scope);
        let per = match &typed.ty {
            Type::Error => return None,
            Type::Rate(of, per) if matches!(of.as_ref(), Type::Money(_)) => *per,
            other => {
                let mut d = Diagnostic::new(
                    Code::E0018,
                    expr.span,
                    format!("expected {what}, found {other}"),
                )
                .with_label(format!("this is {other}"));
                if matches!(other, Type::Money(_)) {
                    d = d.with_help(
                        "say what the amount is per: `… DKK per month`; or, for an amount paid once, add `once on start` or `once on DATE`",
                    );
                } else if let Some(help) = advice::missing_unit(expr, other, &["DKK per month"]) {
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
                    format!("an amount per {} cannot be paid monthly as it is", per.word()),
                )
                .with_label(format!("paid per {}", per.word()))
                .with_help(match per {
                    Per::Week => "a month is not a whole number of weeks: state the conversion, such as `… per week * 52 weeks / 12 months`, or a daily rate",
                    _ => "state the conversion, such as `… per year * 1 year / 12 months`",
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
        if !self.payment_fits(amount, &currency, &format!("per {}", per.word()), expr.span) {
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
        how: &str,
        span: cvl_syntax::Span,
    ) -> bool {
        let currency = currency.to_string();
        if amount.is_sign_negative() && !amount.is_zero() {
            self.report(
                Diagnostic::new(Code::E0020, span, "a payment cannot be negative")
                    .with_label(format!("this pays {}", Value::Money { amount, currency }))
                    .with_help("a deduction is not a payment: write the amount that is paid"),
            );
            return false;
        }
        if amount > crate::limits::MAX_AMOUNT {
            let most = Value::Money {
                amount: crate::limits::MAX_AMOUNT,
                currency: currency.clone(),
            };
            // Shown to the øre it would be rounded to, unless that hides why it is refused: an amount just above
            // the limit that rounds to it is shown with all its decimals.
            let rounded = Value::Money {
                amount,
                currency: currency.clone(),
            };
            let shown = if crate::value::round_money(amount) > crate::limits::MAX_AMOUNT {
                rounded.to_string()
            } else {
                format!("{} {currency}", amount.normalize())
            };
            self.report(
                Diagnostic::new(
                    Code::E0042,
                    span,
                    format!("a payment of {shown} {how} is more than CVL pays"),
                )
                .with_label(format!("the most is {most} {how}"))
                .with_help("no contract pays this much: check the number of digits (the limits are in `cvl explain E0042`)"),
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
            "hours per month",
            |t| matches!(t, Type::Rate(of, Per::Month) if **of == Type::Hours),
            |e, found| advice::missing_unit(e, found, &["hours per month"]),
        )?;
        let cap = match value {
            Value::Rate { of, .. } => of.amount(),
            _ => None,
        }?;
        if cap.is_sign_negative() && !cap.is_zero() {
            self.report(
                Diagnostic::new(Code::E0020, expr.span, "a cap cannot be negative")
                    .with_label("below zero")
                    .with_help("write the most hours paid in a month: `cap 10 hours per month`"),
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
                format!("unknown role `{}`", role.name),
            )
            .with_label("not a role");
            if let Some(help) = suggestion(&role.name, "roles", Role::ALL.iter().map(|(n, _)| *n)) {
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
                    format!("`{}` is not a weekday", day.name),
                )
                .with_label("not a weekday");
                if let Some(help) =
                    suggestion(&day.name, "weekdays", Weekday::ALL.iter().map(|(n, _)| *n))
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
                        format!("`{}` is not a party", ident.name),
                    )
                    .with_label("a party is needed here")
                    .with_secondary(binding_span, format!("`{}` is {ty}", ident.name)),
                );
                None
            }
            None => {
                let mut d = Diagnostic::new(
                    Code::E0015,
                    ident.span,
                    format!("`{}` is not a party of this contract", ident.name),
                )
                .with_label("no such party");
                if self.may_show(ident.span) {
                    let parties: Vec<&str> = scope
                        .iter()
                        .filter(|(_, b)| b.ty == Type::Party)
                        .map(|(n, _)| n.as_str())
                        .collect();
                    if let Some(help) = suggestion(&ident.name, "parties", parties.iter().copied())
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
