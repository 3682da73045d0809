//! The ledger's rule, checked when an `invoice_approved` entry is appended to a log (spec 12.7): with the entry,
//! the log's approvals of an item, payee and month never come to more than the decision pays for it, nor below
//! nothing.
//!
//! [`overdrawn`] takes the decision made from the log with the new entry folded in (so, as of the entry's date) and
//! the entry's id, and says why the entry breaks the rule, if it does, naming the entry, the item, the month and
//! the amounts. It looks only at what the entry changes: an item, payee and month the entry adds to must stay
//! within what is approvable (the item's lines that month, nothing while the month is held back; for a reimbursed
//! item, the expenses approved by the end of each month from the entry's on), and one it takes back from must not
//! go below nothing. What later events change (a month held back after it was approved) is not the entry's doing;
//! evaluation warns of it (spec 9.9).

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use cvl_check::model::{Contract, PartyId, TermId};
use cvl_eval::{Decision, Month};

use crate::Book;
use crate::book::Key;
use crate::money;

/// Why the entry `event` brings an item's approvals for some month past what the decision pays, or below nothing;
/// `None` when it does not, or when the decision holds no approval of that entry.
pub fn overdrawn(contract: &Contract, decision: &Decision, event: &str) -> Option<String> {
    let mut changes: Vec<(Key, Decimal)> = Vec::new();
    let mut totals: BTreeMap<Key, Decimal> = BTreeMap::new();
    for approval in &decision.approvals {
        let key: Key = (
            approval.item.clone(),
            approval.payee.clone(),
            approval.month,
        );
        let total = totals.entry(key.clone()).or_default();
        *total = total.saturating_add(approval.amount);
        if approval.event != event {
            continue;
        }
        match changes.iter_mut().find(|(k, _)| *k == key) {
            Some((_, delta)) => *delta = delta.saturating_add(approval.amount),
            None => changes.push((key, approval.amount)),
        }
    }
    let book = Book::new(contract, decision);
    changes.iter().find_map(|(key, delta)| {
        let total = totals.get(key).copied().unwrap_or_default();
        let before = total.saturating_sub(*delta);
        let (item, payee, month) = key;
        if *delta < Decimal::ZERO {
            return (total < Decimal::ZERO).then(|| {
                format!(
                    "entry `{event}` takes back {} of `{}` to `{}` for {month}, and only {} was approved for it before: a credit takes back only what was approved",
                    money(-*delta),
                    item.0,
                    payee.0,
                    money(before.max(Decimal::ZERO)),
                )
            });
        }
        let reimbursed = contract
            .items
            .iter()
            .find(|i| &i.id == item)
            .is_some_and(|i| i.reimburse.is_some());
        if reimbursed {
            return reimbursed_past(decision, event, item, payee, *month);
        }
        let (decided, _) = book.decided(key);
        let (approvable, why) = match book.hold(payee, *month) {
            Some(None) => (
                Decimal::ZERO,
                " (the month is held back for a missed obligation)",
            ),
            _ => (decided, ""),
        };
        // The decision is as of the entry's date: a month not yet ended is decided for its days so far only.
        let as_of = match decision.until {
            Some(until) if until < month.last_day() => format!(" as of {until}"),
            _ => String::new(),
        };
        (total > approvable).then(|| {
            format!(
                "entry `{event}` would bring the approvals of `{}` to `{}` for {month} to {}, more than the {} the contract decides for it{as_of}{why}: {} was approved before it, so at most {} more can be",
                item.0,
                payee.0,
                money(total),
                money(approvable),
                money(before),
                money(approvable.saturating_sub(before).max(Decimal::ZERO)),
            )
        })
    })
}

/// For a reimbursed item: whether what is approved of it through some month, from `from` on, comes to more than
/// its expenses approved by the end of that month, and the words if so.
fn reimbursed_past(
    decision: &Decision,
    event: &str,
    item: &TermId,
    payee: &PartyId,
    from: Month,
) -> Option<String> {
    let mut by_month: BTreeMap<Month, Decimal> = BTreeMap::new();
    for approval in decision
        .approvals
        .iter()
        .filter(|a| &a.item == item && &a.payee == payee)
    {
        let sum = by_month.entry(approval.month).or_default();
        *sum = sum.saturating_add(approval.amount);
    }
    let mut through = Decimal::ZERO;
    for (month, sum) in by_month {
        through = through.saturating_add(sum);
        if month < from {
            continue;
        }
        let expenses = decision
            .expenses
            .iter()
            .filter(|e| &e.item == item && &e.payee == payee && e.date <= month.last_day())
            .fold(Decimal::ZERO, |sum, e| sum.saturating_add(e.amount));
        if through > expenses {
            return Some(format!(
                "entry `{event}` would bring what is approved of `{}` to `{}` through {month} to {}, more than the {} of its expenses approved by the end of {month}",
                item.0,
                payee.0,
                money(through),
                money(expenses),
            ));
        }
    }
    None
}
