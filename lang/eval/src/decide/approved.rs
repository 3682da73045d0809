//! What has been approved against what is decided (spec 9.9): each payment's `approved` is the sum of the
//! approvals for its payee and month, over all items, and approvals that no decision backs are warned of, never
//! dropped: those for a payee and month with no payment, those that come to more than the month decides (its
//! lines, less what is withheld and not released within the decision), and those that come to less than zero (a
//! credit beyond what was approved). Money is never invented: a warning says how much is approved without a
//! decision behind it.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use cvl_check::model::{Contract, PartyId};
use cvl_check::value::group_thousands;

use crate::calendar::Month;
use crate::money::{self, Overflow};
use crate::{Approval, Payment};

/// The approvals of one payee and month: their sum, how many, and the first (its event and invoice).
struct Approved<'a> {
    sum: Decimal,
    count: usize,
    first: &'a Approval,
}

/// Sets each payment's `approved`, and warns of approvals no decision backs, payees in the contract's order and
/// months in order.
pub(super) fn approve(
    contract: &Contract,
    payments: &mut [Payment],
    approvals: &[Approval],
    warnings: &mut Vec<crate::Said>,
) -> Result<(), Overflow> {
    let mut by_month: BTreeMap<(PartyId, Month), Approved<'_>> = BTreeMap::new();
    for approval in approvals {
        let key = (approval.payee.clone(), approval.month);
        let what = || format!("what is approved to `{}` for {}", key.0.0, key.1);
        match by_month.get_mut(&key) {
            Some(approved) => {
                approved.sum = money::add(approved.sum, approval.amount, &what)?;
                approved.count += 1;
            }
            None => {
                by_month.insert(
                    key.clone(),
                    Approved {
                        sum: approval.amount,
                        count: 1,
                        first: approval,
                    },
                );
            }
        }
    }
    for payment in payments.iter_mut() {
        let key = (payment.payee.clone(), payment.period);
        let Some(approved) = by_month.remove(&key) else {
            continue;
        };
        payment.approved = approved.sum;
        let what = || format!("the payments to `{}` for {}", key.0.0, key.1);
        let lines = money::sum(payment.lines.iter().map(|l| l.amount), &what)?;
        let released = payment.held.iter().all(|h| h.released_in.is_some());
        let approvable = if released {
            lines
        } else {
            money::sub(lines, payment.withheld, &what)?
        };
        if approved.sum > approvable {
            warnings.push(crate::Said::new(cvl_syntax::text!(
                "eval-warn-approved-beyond",
                approved = grouped(approved.sum),
                payee = key.0.0.as_str(),
                month = key.1.to_string(),
                by = by(&approved),
                decided = grouped(approvable),
                withheld = if approvable == lines { "no" } else { "yes" },
                beyond = grouped(money::sub(approved.sum, approvable, &what)?)
            )));
        } else if approved.sum.is_sign_negative() {
            warnings.push(crate::Said::new(cvl_syntax::text!(
                "eval-warn-credited",
                approved = grouped(approved.sum),
                payee = key.0.0.as_str(),
                month = key.1.to_string(),
                by = by(&approved)
            )));
        }
    }
    let mut unbacked: Vec<((PartyId, Month), Approved<'_>)> = by_month.into_iter().collect();
    unbacked.sort_by_key(|((party, month), _)| {
        (contract.parties.iter().position(|p| &p.id == party), *month)
    });
    for ((party, month), approved) in unbacked {
        warnings.push(crate::Said::new(cvl_syntax::text!(
            "eval-warn-approved-undecided",
            approved = grouped(approved.sum),
            payee = party.0.as_str(),
            month = month.to_string(),
            by = by(&approved)
        )));
    }
    Ok(())
}

/// The approvals behind a sum, in words: `invoice `OV-3`, event `app-1``, and how many more.
fn by(approved: &Approved<'_>) -> cvl_syntax::Text {
    cvl_syntax::text!(
        "eval-warn-approved-by",
        invoice = approved.first.invoice.as_str(),
        event = approved.first.event.as_str(),
        more = approved.count.saturating_sub(1)
    )
}

/// An amount in the notation of the language it is shown in (`1,234.50` / `1.234,50`).
fn grouped(amount: Decimal) -> cvl_syntax::Text {
    let english = group_thousands(amount, Some(2));
    let danish = cvl_check::words::danish_figure(&english);
    cvl_check::words::in_each(english, danish)
}
