//! Yearly regulation of an item's rate (spec 4.8): `regulated by 2.5 % each year from 2020-01-01` raises the rate
//! by that percentage on that day and on the same day of each year after; `regulated by index pl each year from
//! 2020-01-01` by the index's values (the payer's `index_value` events, read by evaluation). This module reads the
//! percentage (a number above 0 and at most 100, with at most 4 decimals) or the index's name, and the day, and
//! refuses a regulation of an item that has no rate per month or day to regulate (E0054).

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use cvl_syntax::ast::{self, Expr, Ident};
use cvl_syntax::{Code, Diagnostic, Span, text};

use crate::Checker;
use crate::model::{self, RegulatedBy, Regulation};
use crate::names::Scope;
use crate::terms::{INTEREST_DECIMALS, percent_fault_text};
use crate::types::{Per, Type};
use crate::value::Value;

impl Checker {
    /// `regulated by P % each year from DATE` or `regulated by index NAME each year from DATE`.
    pub(crate) fn regulation(
        &mut self,
        by: &ast::RegulatedBy,
        from: &Expr,
        scope: &Scope,
        span: Span,
    ) -> Option<Regulation> {
        let by = match by {
            ast::RegulatedBy::Percent(percent) => {
                RegulatedBy::Percent(self.percent(percent, scope)?)
            }
            ast::RegulatedBy::Index(name) => RegulatedBy::Index(name.name.clone()),
        };
        let from = self.date(from, scope)?;
        Some(Regulation { by, from, span })
    }

    /// The percentage of `regulated by P %`: above 0, at most 100, with at most 4 decimals.
    fn percent(&mut self, percent: &Expr, scope: &Scope) -> Option<Decimal> {
        let typed = self.expr(percent, scope);
        let value = match (&typed.ty, &typed.value) {
            (Type::Error, _) | (Type::Count, None) => return None,
            (Type::Count, Some(Value::Count(n))) => n.normalize(),
            (other, _) => {
                self.report(
                    Diagnostic::new(
                        Code::E0054,
                        percent.span,
                        text!("check-regulation-not-a-number", found = other.to_string()),
                    )
                    .with_label(text!(
                        "check-regulation-not-a-number-label",
                        found = other.to_string()
                    ))
                    .with_help(text!("check-regulation-help")),
                );
                return None;
            }
        };
        if let Some(fault) = percent_fault_text(value, false) {
            self.report(
                Diagnostic::new(
                    Code::E0054,
                    percent.span,
                    text!(
                        "check-regulation-percent",
                        percent = value.to_string(),
                        fault = fault
                    ),
                )
                .with_label(text!(
                    "check-regulation-percent-label",
                    decimals = INTEREST_DECIMALS
                ))
                .with_help(text!("check-regulation-help")),
            );
            return None;
        }
        Some(value)
    }

    /// A regulation raises a rate per month or per day: an item paid once, reimbursed or paid per hour has none to
    /// regulate (E0054, reported at the `regulated` statement, and the regulation left out).
    pub(crate) fn regulation_fits(
        &mut self,
        item: &mut model::Item,
        name: &Ident,
        seen: &BTreeMap<&'static str, Span>,
    ) {
        let Some(at) = seen.get("regulated").copied() else {
            return;
        };
        let why = if seen.contains_key("once") {
            Some(text!("check-regulation-why-once"))
        } else if seen.contains_key("reimburse") {
            Some(text!("check-regulation-why-reimbursed"))
        } else if item.rate.as_ref().is_some_and(|r| r.per == Per::Hour) {
            Some(text!("check-regulation-why-per-hour"))
        } else {
            None
        };
        if let Some(why) = why {
            self.report(
                Diagnostic::new(
                    Code::E0054,
                    at,
                    text!("check-regulation-nothing", name = &name.name, why = why),
                )
                .with_label(text!("check-regulation-nothing-label"))
                .with_help(text!("check-regulation-nothing-help")),
            );
            item.regulation = None;
        }
    }
}
