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
    warnings: &mut Vec<String>,
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
            warnings.push(format!(
                "{} approved to `{}` for {} ({}), more than the {} the month decides{}: {} approved without a decision behind it",
                grouped(approved.sum),
                key.0.0,
                key.1,
                by(&approved),
                grouped(approvable),
                if approvable == lines {
                    ""
                } else {
                    " (its lines less what is withheld)"
                },
                grouped(money::sub(approved.sum, approvable, &what)?),
            ));
        } else if approved.sum.is_sign_negative() {
            warnings.push(format!(
                "{} approved to `{}` for {} ({}): more was credited than approved",
                grouped(approved.sum),
                key.0.0,
                key.1,
                by(&approved),
            ));
        }
    }
    let mut unbacked: Vec<((PartyId, Month), Approved<'_>)> = by_month.into_iter().collect();
    unbacked.sort_by_key(|((party, month), _)| {
        (contract.parties.iter().position(|p| &p.id == party), *month)
    });
    for ((party, month), approved) in unbacked {
        warnings.push(format!(
            "{} approved to `{}` for {} ({}), but no payment is decided for that month: all of it is approved without a decision behind it",
            grouped(approved.sum),
            party.0,
            month,
            by(&approved),
        ));
    }
    Ok(())
}

/// The approvals behind a sum, in words: `invoice `OV-3`, event `app-1``, and how many more.
fn by(approved: &Approved<'_>) -> String {
    let first = format!(
        "invoice `{}`, event `{}`",
        approved.first.invoice, approved.first.event
    );
    match approved.count {
        0 | 1 => first,
        2 => format!("{first}, and 1 more line"),
        n => format!("{first}, and {} more lines", n - 1),
    }
}

fn grouped(amount: Decimal) -> String {
    group_thousands(amount, Some(2))
}
