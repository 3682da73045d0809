//! What an item's price covers, and reimbursed expenses (spec 12.6): a line for something another item's price
//! covers is rejected citing that item's `covers`; a line of a reimbursed item is approved up to the expenses its
//! approving party has approved (`expense_approved`, dated on or before the line's last day) less what earlier
//! invoices were approved for of the same item, whatever their months.

use rust_decimal::Decimal;

use cvl_check::model::{Contract, Item, PartyId, Reimburse};
use cvl_eval::Month;

use crate::line::Claim;
use crate::matching::Context;
use crate::money;
use crate::{Approval, Book, LineAudit, Reason, ReasonKind};

/// The words of a text, lowercase and one space apart: every character that is not a letter or a digit
/// (punctuation, `_`, `-`, brackets) is read as a space, so `Pocket_money` is `pocket money` and `(clothing),` is
/// `clothing`.
fn normal(text: &str) -> String {
    text.to_lowercase()
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Why a line for something no item is named after is rejected, if an item's price covers it: the line's item
/// identifier or name is, or holds, a thing that item's `covers` lists.
pub(crate) fn covered(contract: &Contract, claim: &Claim<'_>) -> Option<Reason> {
    let names: Vec<String> = std::iter::once(claim.item)
        .chain(claim.line.item_name.as_deref())
        .map(normal)
        .filter(|n| !n.is_empty())
        .collect();
    contract.items.iter().find_map(|item| {
        let covered = item.covers.iter().find(|c| {
            let thing = normal(&c.text);
            names
                .iter()
                .any(|n| *n == thing || format!(" {n} ").contains(&format!(" {thing} ")))
        })?;
        Some(
            Reason::new(
                ReasonKind::Item,
                format!(
                    "`{}` is covered by the price of `{}`, which covers \"{}\"",
                    claim.item, item.id.0, covered.text
                ),
            )
            .clause(Some(covered.span)),
        )
    })
}

/// Approves `rest` of a reimbursed item's line (what is left once what the log recorded for it is taken off) up to
/// the expenses approved by the end of its period and not invoiced yet: everything approved of the item counts,
/// this invoice's own recorded amounts too.
#[expect(
    clippy::too_many_arguments,
    reason = "the line's context, book, claim and what is left of it, the item, its reimbursement and payee, and the audit"
)]
pub(crate) fn reimbursed(
    context: &Context<'_>,
    book: &Book<'_>,
    claim: &Claim<'_>,
    rest: Decimal,
    item: &Item,
    reimburse: &Reimburse,
    payee: &PartyId,
    audit: &mut LineAudit,
) {
    let expenses: Vec<&cvl_eval::Expense> = book
        .decision
        .expenses
        .iter()
        .filter(|e| e.item == item.id && &e.payee == payee && e.date <= claim.end)
        .collect();
    let approved = expenses
        .iter()
        .try_fold(Decimal::ZERO, |sum, e| sum.checked_add(e.amount))
        .unwrap_or(Decimal::MAX);
    let earlier = book.earlier_of_item(&item.id, payee, context.sha256);
    let invoiced = earlier.sum;
    let open = approved
        .saturating_sub(invoiced)
        .saturating_sub(book.own_of_item(&item.id, payee, context.sha256))
        .max(Decimal::ZERO);
    let take = open.min(rest);
    let listed: Vec<String> = expenses
        .iter()
        .map(|e| format!("{} on {} (`{}`)", money(e.amount), e.date, e.reference))
        .collect();
    let events: Vec<String> = expenses.iter().map(|e| e.event.clone()).collect();
    let approvers: Vec<String> = reimburse
        .approved_by
        .iter()
        .map(|p| format!("`{}`", p.0))
        .collect();
    if take > Decimal::ZERO {
        audit.approved = audit.approved.saturating_add(take);
        audit.approvals.push(Approval {
            item: item.id.clone(),
            payee: payee.clone(),
            month: Month::of(claim.end),
            amount: take,
        });
        audit.reasons.push(
            Reason::new(
                ReasonKind::Decided,
                format!(
                    "{} approved against the expenses of `{}` approved by {}: {}",
                    money(take),
                    item.id.0,
                    approvers.join(" or "),
                    listed.join(", ")
                ),
            )
            .clause(item.pay_span)
            .events(events.clone()),
        );
    }
    if !earlier.is_empty() {
        audit.reasons.push(
            Reason::new(
                ReasonKind::Approved,
                format!(
                    "of the expenses approved, {} was invoiced and approved before: {}",
                    money(invoiced),
                    crate::book::named(&earlier)
                ),
            )
            .clause(item.pay_span)
            .events(
                earlier
                    .shown
                    .iter()
                    .filter_map(|e| e.event.clone())
                    .collect(),
            ),
        );
    }
    let left = rest.saturating_sub(take);
    if left > Decimal::ZERO {
        let text = if expenses.is_empty() {
            format!(
                "no expense of `{}` is approved by {} on or before {}: a reimbursed item is paid only against an approval",
                item.id.0,
                approvers.join(" or "),
                claim.end
            )
        } else {
            format!(
                "{} of the {} claimed is more than the expenses approved and not invoiced yet ({})",
                money(left),
                money(claim.claimed),
                money(open)
            )
        };
        audit.reasons.push(
            Reason::new(ReasonKind::Quantity, text)
                .clause(Some(reimburse.span))
                .events(events),
        );
    }
}
