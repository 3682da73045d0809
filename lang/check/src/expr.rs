//! Typing expressions, and computing the value of the constant ones.
//!
//! Every expression gets a [`Type`] (recorded with its span for the editor) and, when everything in it is known,
//! its [`Value`]. An operator that does not accept its operands is reported once, naming both types and pointing
//! at both operands; the result is then [`Type::Error`], which agrees with everything so that one mistake is not
//! reported again by every expression around it.

use rust_decimal::Decimal;

use cvl_syntax::ast::{BinaryOp, Expr, ExprKind, UnaryOp, Unit};
use cvl_syntax::{Code, Diagnostic, Text, text};

use crate::Checker;
use crate::advice;
use crate::names::{BindingKind, Scope, suggestion_text};
use crate::types::{self, Calendar, Per, Type};
use crate::value::{Value, add_duration};

/// An expression's type and, when constant, its value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Typed {
    pub ty: Type,
    pub value: Option<Value>,
}

impl Typed {
    fn error() -> Self {
        Typed {
            ty: Type::Error,
            value: None,
        }
    }

    fn known(value: Value) -> Self {
        Typed {
            ty: value.ty(),
            value: Some(value),
        }
    }
}

impl Checker {
    /// Types `expr` in `scope`, reports what does not fit, and records the result for the editor.
    pub(crate) fn expr(&mut self, expr: &Expr, scope: &Scope) -> Typed {
        let typed = self.expr_inner(expr, scope);
        self.record_type(expr.span, &typed);
        typed
    }

    fn expr_inner(&mut self, expr: &Expr, scope: &Scope) -> Typed {
        match &expr.kind {
            ExprKind::Quantity { value, unit } => {
                let unit = unit.as_ref().map(|u| &u.unit);
                let problem = match unit {
                    Some(Unit::Currency(currency)) => {
                        advice::money_literal(expr.span, *value, currency)
                    }
                    Some(Unit::Day | Unit::Week | Unit::Month | Unit::Year) => {
                        unit.and_then(|u| advice::duration_literal(expr.span, *value, u))
                    }
                    _ => None,
                };
                let known = Typed::known(quantity(*value, unit));
                match problem {
                    // A duration that is not whole keeps its type but has no value, so that nothing counts it.
                    Some(problem) if matches!(known.ty, Type::Duration(_)) => {
                        self.report(problem);
                        Typed {
                            ty: known.ty,
                            value: None,
                        }
                    }
                    Some(problem) => {
                        self.report(problem);
                        known
                    }
                    None => known,
                }
            }
            ExprKind::Date(date) => {
                if crate::horizon::in_calendar(*date) {
                    Typed::known(Value::Date(*date))
                } else {
                    self.report(outside_calendar(expr.span, *date));
                    Typed {
                        ty: Type::Date,
                        value: None,
                    }
                }
            }
            ExprKind::Str(text) => Typed::known(Value::Text(text.clone())),
            ExprKind::Bool(b) => Typed::known(Value::Bool(*b)),
            ExprKind::Name(name) => match scope.get(name) {
                Some(binding) => {
                    if binding.kind != BindingKind::Builtin {
                        self.record_reference(expr.span, binding.span);
                    }
                    Typed {
                        ty: binding.ty.clone(),
                        value: binding.value.clone(),
                    }
                }
                None => {
                    let mut diagnostic = Diagnostic::new(
                        Code::E0013,
                        expr.span,
                        text!("check-expr-unknown-name", name = name),
                    )
                    .with_label(text!("check-expr-unknown-name-label"));
                    if self.may_show(expr.span) {
                        let names: Vec<&str> = scope.iter().map(|(n, _)| n.as_str()).collect();
                        if let Some(help) = suggestion_text(
                            name,
                            text!("check-expr-what-names"),
                            names.iter().copied(),
                        ) {
                            diagnostic =
                                diagnostic.with_help(text!("check-expr-hint", hint = help));
                        }
                    }
                    self.report(diagnostic);
                    Typed::error()
                }
            },
            ExprKind::Unary(op, operand) => {
                let inner = self.expr(operand, scope);
                self.unary(*op, expr, operand, inner)
            }
            ExprKind::Binary(op, lhs, rhs) => {
                let left = self.expr(lhs, scope);
                let right = self.expr(rhs, scope);
                self.binary(*op, expr, (lhs, left), (rhs, right))
            }
            ExprKind::Per(inner, unit) => {
                let quantity = self.expr(inner, scope);
                let Some(per) = Per::from_unit(&unit.unit) else {
                    self.report(
                        Diagnostic::new(
                            Code::E0016,
                            unit.span,
                            text!("check-expr-per-not-time", unit = unit.unit.word(false)),
                        )
                        .with_label(text!("check-expr-per-not-time-label"))
                        .with_help(text!("check-expr-per-not-time-help")),
                    );
                    return Typed::error();
                };
                match types::per(&quantity.ty, per) {
                    Some(ty) => Typed {
                        ty,
                        value: quantity.value.map(|of| Value::Rate {
                            of: Box::new(of),
                            per,
                        }),
                    },
                    None => {
                        self.report(
                            Diagnostic::new(
                                Code::E0016,
                                expr.span,
                                text!("check-expr-not-a-rate", ty = quantity.ty.to_string()),
                            )
                            .with_secondary(inner.span, this_is(&quantity.ty))
                            .with_help(text!("check-expr-not-a-rate-help")),
                        );
                        Typed::error()
                    }
                }
            }
            ExprKind::Error => Typed::error(),
        }
    }

    fn unary(&mut self, op: UnaryOp, expr: &Expr, operand: &Expr, inner: Typed) -> Typed {
        let ty = match op {
            UnaryOp::Neg => types::negate(&inner.ty),
            UnaryOp::Not => matches!(inner.ty, Type::Bool | Type::Error).then_some(Type::Bool),
        };
        let Some(ty) = ty else {
            let message = match op {
                UnaryOp::Neg => text!("check-expr-cannot-negate", ty = inner.ty.to_string()),
                UnaryOp::Not => text!("check-expr-cannot-not", ty = inner.ty.to_string()),
            };
            self.report(
                Diagnostic::new(Code::E0016, expr.span, message)
                    .with_secondary(operand.span, this_is(&inner.ty)),
            );
            return Typed::error();
        };
        let value = inner.value.and_then(|v| match (op, v) {
            (UnaryOp::Not, Value::Bool(b)) => Some(Value::Bool(!b)),
            (UnaryOp::Neg, v) => v.amount().map(|a| v.with_amount(-a)).or_else(|| match &v {
                Value::Rate { of, per } => of.amount().map(|a| Value::Rate {
                    of: Box::new(of.with_amount(-a)),
                    per: *per,
                }),
                _ => None,
            }),
            _ => None,
        });
        Typed { ty, value }
    }

    fn binary(
        &mut self,
        op: BinaryOp,
        expr: &Expr,
        left: (&Expr, Typed),
        right: (&Expr, Typed),
    ) -> Typed {
        let ((lhs, l), (rhs, r)) = (left, right);
        let Some(ty) = types::binary(op, &l.ty, &r.ty) else {
            // `01-03-2024 + 14 days`: a date written day first reads as a subtraction of numbers.
            let help = [lhs, rhs]
                .into_iter()
                .find(|e| advice::date_written_as_arithmetic(e).is_some())
                .map_or_else(
                    || operator_help(op, &l.ty, &r.ty),
                    |e| text!("check-expr-hint", hint = advice::date_text(e)),
                );
            self.report(
                Diagnostic::new(Code::E0016, expr.span, operator_message(op, &l.ty, &r.ty))
                    .with_label(text!("check-expr-operator-label", operator = op.symbol()))
                    .with_secondary(lhs.span, this_is(&l.ty))
                    .with_secondary(rhs.span, this_is(&r.ty))
                    .with_help(help),
            );
            return Typed::error();
        };
        if op == BinaryOp::Mul
            && let Some(currency) = money_currency(&ty)
        {
            // `22.500 * 1 DKK`: a number multiplied into an amount is read as the amount is (spec 5.8).
            for (operand, typed) in [(lhs, &l.ty), (rhs, &r.ty)] {
                if money_currency(typed).is_none() {
                    self.factors(operand, &currency);
                }
            }
        }
        let value = match (l.value, r.value) {
            (Some(a), Some(b)) => match compute(op, &a, &b) {
                Ok(value) => value,
                Err(Problem { message, help }) => {
                    self.report(
                        Diagnostic::new(Code::E0017, expr.span, message)
                            .with_label(text!("check-expr-no-value-label"))
                            .with_help(help),
                    );
                    return Typed::error();
                }
            },
            _ => None,
        };
        Typed { ty, value }
    }

    /// Reports each number literal among the factors of `expr`, a factor of an amount in `currency` that is not
    /// itself money, that has more decimals than the currency: the numbers, and hours, that `expr` multiplies
    /// (through `*` and `-`). A product that is money reports its own factors; a quotient's decimals are no
    /// misreading (spec 9.4 rounds each line), and a duration's literal has a rule of its own.
    fn factors(&mut self, expr: &Expr, currency: &str) {
        match &expr.kind {
            ExprKind::Quantity { value, unit } => {
                let unit = match unit.as_ref().map(|u| &u.unit) {
                    None => None,
                    Some(Unit::Hour) => Some(if *value == Decimal::ONE {
                        "hour"
                    } else {
                        "hours"
                    }),
                    Some(_) => return,
                };
                if let Some(problem) = advice::money_factor(expr.span, *value, unit, currency) {
                    self.report(problem);
                }
            }
            ExprKind::Unary(UnaryOp::Neg, inner) => self.factors(inner, currency),
            ExprKind::Binary(BinaryOp::Mul, a, b) => {
                self.factors(a, currency);
                self.factors(b, currency);
            }
            _ => {}
        }
    }
}

/// The currency of an amount or of a rate of one.
fn money_currency(ty: &Type) -> Option<String> {
    match ty {
        Type::Money(currency) => Some(currency.clone()),
        Type::Rate(of, _) => match of.as_ref() {
            Type::Money(currency) => Some(currency.clone()),
            _ => None,
        },
        _ => None,
    }
}

/// E0017 for a date outside the calendar a contract may name (0001-01-01 to 9999-12-31, spec 7).
fn outside_calendar(span: cvl_syntax::Span, date: chrono::NaiveDate) -> Diagnostic {
    let (message, label) = if date > crate::horizon::LAST_DAY {
        (
            text!("check-expr-after-calendar"),
            text!("check-expr-after-calendar-label"),
        )
    } else {
        (
            text!("check-expr-before-calendar"),
            text!("check-expr-before-calendar-label"),
        )
    };
    Diagnostic::new(Code::E0017, span, message)
        .with_label(label)
        .with_help(text!("check-expr-calendar-help"))
}

/// `this is TYPE`, said of an operand.
fn this_is(ty: &Type) -> Text {
    text!("check-expr-this-is", ty = ty.to_string())
}

/// Why a constant has no value: the message, and the help line.
struct Problem {
    message: Text,
    help: Text,
}

impl From<Text> for Problem {
    fn from(message: Text) -> Self {
        Problem {
            message,
            help: text!("check-expr-no-value-help"),
        }
    }
}

/// `date + amount` counted in `calendar` (negative to go back), if that is a day a contract may name: a whole
/// number of days or months, landing from 0001-01-01 to 9999-12-31.
fn shifted(date: chrono::NaiveDate, amount: Decimal, calendar: Calendar) -> Result<Value, Problem> {
    if !amount.fract().is_zero() {
        let shown = Value::Duration {
            amount: amount.abs(),
            calendar,
        };
        let message = match calendar {
            Calendar::Months => text!("check-expr-whole-months", duration = shown.to_string()),
            Calendar::Days => text!("check-expr-whole-days", duration = shown.to_string()),
        };
        return Err(Problem {
            message,
            help: text!(
                "check-expr-hint",
                hint = advice::whole_duration_text(calendar)
            ),
        });
    }
    match add_duration(date, amount, calendar) {
        Some(day) if crate::horizon::in_calendar(day) => Ok(Value::Date(day)),
        _ => {
            let message = if amount.is_sign_negative() {
                text!("check-expr-before-calendar")
            } else {
                text!("check-expr-after-calendar")
            };
            Err(Problem {
                message,
                help: text!("check-expr-calendar-help"),
            })
        }
    }
}

/// The value of a number with its unit: weeks are counted as days, years as months.
fn quantity(amount: Decimal, unit: Option<&Unit>) -> Value {
    let duration = |amount, calendar| Value::Duration { amount, calendar };
    match unit {
        None => Value::Count(amount),
        Some(Unit::Currency(code)) => Value::Money {
            amount,
            currency: code.clone(),
        },
        Some(Unit::Day) => duration(amount, Calendar::Days),
        Some(Unit::Week) => duration(amount * Decimal::from(7), Calendar::Days),
        Some(Unit::Month) => duration(amount, Calendar::Months),
        Some(Unit::Year) => duration(amount * Decimal::from(12), Calendar::Months),
        Some(Unit::Hour) => Value::Hours(amount),
    }
}

/// The amount of a rate, if `value` is one.
fn of_rate(value: &Value) -> Option<Decimal> {
    match value {
        Value::Rate { of, .. } => of.amount(),
        _ => None,
    }
}

/// How many of `per` a quantity is: 14 days is 2 weeks, 6 months is half a year.
fn in_units_of(quantity: &Value, per: Per) -> Option<Decimal> {
    let amount = quantity.amount()?;
    let divisor = match (quantity, per) {
        (Value::Hours(_), Per::Hour) => 1,
        (
            Value::Duration {
                calendar: Calendar::Days,
                ..
            },
            Per::Day,
        ) => 1,
        (
            Value::Duration {
                calendar: Calendar::Days,
                ..
            },
            Per::Week,
        ) => 7,
        (
            Value::Duration {
                calendar: Calendar::Months,
                ..
            },
            Per::Month,
        ) => 1,
        (
            Value::Duration {
                calendar: Calendar::Months,
                ..
            },
            Per::Year,
        ) => 12,
        _ => return None,
    };
    amount.checked_div(Decimal::from(divisor))
}

/// The value of `a op b` for constants whose types the operator accepts. `Ok(None)` when the value is not
/// computed here; `Err` when it does not exist (a division by zero, a date outside the calendar).
fn compute(op: BinaryOp, a: &Value, b: &Value) -> Result<Option<Value>, Problem> {
    use Value::*;
    let overflow = || Problem::from(text!("check-expr-too-large"));
    Ok(match op {
        BinaryOp::Or | BinaryOp::And => match (a, b) {
            (Bool(x), Bool(y)) => Some(Bool(if op == BinaryOp::Or {
                *x || *y
            } else {
                *x && *y
            })),
            _ => None,
        },
        BinaryOp::Eq => Some(Bool(a == b)),
        BinaryOp::NotEq => Some(Bool(a != b)),
        BinaryOp::Lt | BinaryOp::LtEq | BinaryOp::Gt | BinaryOp::GtEq => {
            let ordering = match (a, b) {
                (Date(x), Date(y)) => Some(x.cmp(y)),
                (Rate { of: x, .. }, Rate { of: y, .. }) => {
                    x.amount().zip(y.amount()).map(|(x, y)| x.cmp(&y))
                }
                _ => a.amount().zip(b.amount()).map(|(x, y)| x.cmp(&y)),
            };
            ordering.map(|o| {
                Bool(match op {
                    BinaryOp::Lt => o.is_lt(),
                    BinaryOp::LtEq => o.is_le(),
                    BinaryOp::Gt => o.is_gt(),
                    _ => o.is_ge(),
                })
            })
        }
        BinaryOp::Add | BinaryOp::Sub => {
            // `x + y` or `x - y`, checked: a sum beyond the exact decimal type is `None`.
            let combine = |x: Decimal, y: Decimal| {
                if op == BinaryOp::Add {
                    x.checked_add(y)
                } else {
                    x.checked_sub(y)
                }
            };
            match (a, b) {
                (Date(d), Duration { amount, calendar }) => Some(shifted(
                    *d,
                    combine(Decimal::ZERO, *amount).ok_or_else(overflow)?,
                    *calendar,
                )?),
                (Duration { amount, calendar }, Date(d)) if op == BinaryOp::Add => {
                    Some(shifted(*d, *amount, *calendar)?)
                }
                (Date(x), Date(y)) => Some(Duration {
                    amount: Decimal::from(x.signed_duration_since(*y).num_days()),
                    calendar: Calendar::Days,
                }),
                (Rate { of: x, per }, Rate { of: y, .. }) => {
                    let sum = x.amount().zip(y.amount()).map(|(x, y)| combine(x, y));
                    match sum {
                        Some(Some(amount)) => Some(Rate {
                            of: Box::new(x.with_amount(amount)),
                            per: *per,
                        }),
                        Some(None) => return Err(overflow()),
                        None => None,
                    }
                }
                _ => match a.amount().zip(b.amount()) {
                    Some((x, y)) => Some(a.with_amount(combine(x, y).ok_or_else(overflow)?)),
                    None => None,
                },
            }
        }
        BinaryOp::Mul => match (a, b) {
            (Count(n), x) | (x, Count(n)) => match x {
                Rate { of, per } => match of.amount() {
                    Some(amount) => Some(Rate {
                        of: Box::new(of.with_amount(amount.checked_mul(*n).ok_or_else(overflow)?)),
                        per: *per,
                    }),
                    None => None,
                },
                x => match x.amount() {
                    Some(amount) => {
                        Some(x.with_amount(amount.checked_mul(*n).ok_or_else(overflow)?))
                    }
                    None => None,
                },
            },
            (Rate { of, per }, q) | (q, Rate { of, per }) => {
                match (of.amount(), in_units_of(q, *per)) {
                    (Some(amount), Some(units)) => {
                        Some(of.with_amount(amount.checked_mul(units).ok_or_else(overflow)?))
                    }
                    _ => None,
                }
            }
            _ => None,
        },
        BinaryOp::Div => {
            let Some(divisor) = b.amount() else {
                return Ok(None);
            };
            if divisor.is_zero() {
                return Err(Problem::from(text!("check-expr-division-by-zero")));
            }
            let quotient = |amount: Decimal| amount.checked_div(divisor).ok_or_else(overflow);
            let (Some(amount), rate_amount) = (a.amount(), of_rate(a)) else {
                return Ok(match (a, b, of_rate(a)) {
                    (Rate { of, per }, Count(_), Some(amount)) => Some(Rate {
                        of: Box::new(of.with_amount(quotient(amount)?)),
                        per: *per,
                    }),
                    _ => None,
                });
            };
            let _ = rate_amount;
            let amount = quotient(amount)?;
            match (a, b) {
                (x, Count(_)) => Some(x.with_amount(amount)),
                (Money { .. }, Duration { calendar, .. }) => Some(Rate {
                    of: Box::new(a.with_amount(amount)),
                    per: match calendar {
                        Calendar::Days => Per::Day,
                        Calendar::Months => Per::Month,
                    },
                }),
                (Money { .. }, Hours(_)) => Some(Rate {
                    of: Box::new(a.with_amount(amount)),
                    per: Per::Hour,
                }),
                _ => Some(Count(amount)),
            }
        }
    })
}

fn operator_message(op: BinaryOp, l: &Type, r: &Type) -> Text {
    let (l, r) = (l.to_string(), r.to_string());
    match op {
        BinaryOp::Sub => text!("check-expr-cannot-subtract", left = l, right = r),
        BinaryOp::Div => text!("check-expr-cannot-divide", left = l, right = r),
        BinaryOp::Mul => text!("check-expr-cannot-multiply", left = l, right = r),
        BinaryOp::Add => text!("check-expr-cannot-add", left = l, right = r),
        BinaryOp::And | BinaryOp::Or => text!("check-expr-cannot-combine", left = l, right = r),
        _ => text!("check-expr-cannot-compare", left = l, right = r),
    }
}

fn operator_help(op: BinaryOp, l: &Type, r: &Type) -> Text {
    let months_and_days = matches!(
        (l, r),
        (
            Type::Duration(Calendar::Months),
            Type::Duration(Calendar::Days)
        ) | (
            Type::Duration(Calendar::Days),
            Type::Duration(Calendar::Months)
        )
    );
    if months_and_days {
        return text!("check-expr-months-and-days-help");
    }
    match (op, l, r) {
        (_, Type::Date, Type::Duration(_)) | (_, Type::Duration(_), Type::Date) => {
            text!("check-expr-date-and-duration-help")
        }
        (BinaryOp::Mul, Type::Rate(_, per), _) | (BinaryOp::Mul, _, Type::Rate(_, per)) => text!(
            "check-expr-rate-times-help",
            per = per.word(),
            quantity = per.quantity().to_string()
        ),
        _ => text!("check-expr-operator-help"),
    }
}
