//! One currency per contract (spec 2.6, E0056): every amount a contract pays (an item's or supplement's rate, a
//! one-off amount, a reimbursement limit) is in one currency, so that every sum of its money (a payee's month, a
//! decision's totals, `cvl diff`'s differences, an invoice's lines, a report) adds like to like. The first amount
//! written sets the currency; each item that pays in another is E0056, naming both items and both currencies.

use cvl_syntax::{Code, Diagnostic, Span, text};

use crate::Checker;
use crate::model::Item;

/// The currencies an item pays in, each with the statement that writes it.
fn currencies(item: &Item) -> Vec<(&str, Span)> {
    let mut all = Vec::new();
    if let Some(rate) = &item.rate {
        all.push((rate.currency.as_str(), item.pay_span.unwrap_or(item.span)));
    }
    if let Some(once) = &item.once {
        all.push((once.currency.as_str(), item.pay_span.unwrap_or(once.span)));
    }
    if let Some(reimburse) = &item.reimburse {
        all.push((reimburse.currency.as_str(), reimburse.span));
    }
    all
}

impl Checker {
    /// Reports each item (or supplement) that pays in another currency than the contract's first amount, once
    /// per item, at the amount, with a label at the first.
    pub(crate) fn one_currency(&mut self, items: &[Item]) {
        let mut first: Option<(&str, &str, Span)> = None;
        for item in items {
            for (currency, at) in currencies(item) {
                let Some((one, by, first_at)) = first else {
                    first = Some((currency, item.id.0.as_str(), at));
                    continue;
                };
                if currency == one {
                    continue;
                }
                self.report(
                    Diagnostic::new(
                        Code::E0056,
                        at,
                        text!(
                            "check-currency-two",
                            item = item.id.0.as_str(),
                            currency = currency,
                            by = by,
                            one = one
                        ),
                    )
                    .with_label(text!("check-currency-two-label", currency = currency))
                    .with_secondary(
                        first_at,
                        text!("check-currency-two-first", by = by, one = one),
                    )
                    .with_help(text!(
                        "check-currency-two-help",
                        currency = currency,
                        one = one
                    )),
                );
                break;
            }
        }
    }
}
