//! Folding in an approved expense of a reimbursed item (spec 9.2, `expense_approved`): its date within the
//! contract's period, and what the item's approvals come to within one limit period (a calendar month or year,
//! or the whole contract) never past its limit.

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;

use cvl_check::model::{Item, LimitPeriod, PartyId, Reimburse};
use cvl_check::value::Value;
use cvl_event::{Event, Refusal, RefusalKind};

use super::State;
use crate::Expense;

/// Which of an item's limit periods an expense counts in: the year and month for a limit per month, the year for
/// one per year, neither for one over the whole contract.
pub(crate) type LimitPeriodKey = (Option<i32>, Option<u32>);

fn period_key(per: Option<LimitPeriod>, date: NaiveDate) -> LimitPeriodKey {
    match per {
        Some(LimitPeriod::Month) => (Some(date.year()), Some(date.month())),
        Some(LimitPeriod::Year) => (Some(date.year()), None),
        None => (None, None),
    }
}

/// The limit period an expense dated `date` counts in, as a message names it.
fn period_name(per: Option<LimitPeriod>, date: NaiveDate) -> String {
    match per {
        Some(LimitPeriod::Month) => format!("{}", date.format("%Y-%m")),
        Some(LimitPeriod::Year) => format!("{}", date.year()),
        None => "the whole contract".to_string(),
    }
}

impl State<'_> {
    /// Folds in an approval of `amount` for an expense of `item` dated `spent`, or refuses it: dated outside the
    /// contract's period, or taking what is approved within the limit period past the limit.
    pub(super) fn expense(
        &mut self,
        event: &Event,
        item: &Item,
        reimburse: &Reimburse,
        amount: Decimal,
        spent: NaiveDate,
        reference: String,
    ) -> Result<(), Refusal> {
        let name = &item.id.0;
        let Some(start) = self.start else {
            return Err(event.refusal(
                RefusalKind::DataShape,
                format!(
                    "the contract has not started, so no expense of `{name}` can be approved yet"
                ),
            ));
        };
        if spent < start {
            return Err(event.refusal(
                RefusalKind::DataShape,
                format!("the expense is dated {spent}, before the contract starts on {start}"),
            ));
        }
        if let Some(last) = crate::decide::last_day(self, start)
            && spent > last
        {
            return Err(event.refusal(
                RefusalKind::DataShape,
                format!("the expense is dated {spent}, after the contract's last day, {last}"),
            ));
        }
        let money = |amount: Decimal| Value::Money {
            amount,
            currency: reimburse.currency.clone(),
        };
        let key = (item.id.clone(), period_key(reimburse.per, spent));
        let before = self.approved.get(&key).copied().unwrap_or(Decimal::ZERO);
        // Both are at most 10^12 (spec 7), so the sum fits.
        let total = before.saturating_add(amount);
        if total > reimburse.limit {
            let limit = match reimburse.per {
                Some(per) => format!("{} per {}", money(reimburse.limit), per.word()),
                None => money(reimburse.limit).to_string(),
            };
            return Err(event.refusal(
                RefusalKind::Limit,
                format!(
                    "approving {} for `{name}` would bring its approved expenses for {} to {}, past its limit of {limit}: {} is approved already, so at most {} more can be",
                    money(amount),
                    period_name(reimburse.per, spent),
                    money(total),
                    money(before),
                    money(reimburse.limit.saturating_sub(before).max(Decimal::ZERO)),
                ),
            ));
        }
        self.approved.insert(key, total);
        if self.cite {
            self.expenses.push(Expense {
                item: item.id.clone(),
                payee: item.payee.clone().unwrap_or_else(|| PartyId(String::new())),
                approved_by: PartyId(event.actor.clone()),
                amount,
                date: spent,
                reference,
                event: event.id.clone(),
            });
        }
        Ok(())
    }
}
