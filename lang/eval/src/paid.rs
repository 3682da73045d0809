//! Payments made: a `paid` event, sent by the payer, records an amount paid to a payee on a date for some of its
//! months, with the bank's reference (spec 9.2). This file reads and checks its data ([`paid`], from admit.rs)
//! and says when a month's payment falls due ([`due_date`], spec 4.7); reconciling what was paid against what was
//! decided, and the interest on what is late, is cvl-dispute's.

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use serde_json::Value;

use cvl_check::limits::{AMOUNT_DECIMALS, MAX_AMOUNT};
use cvl_check::model::{Contract, PartyId, Role};
use cvl_event::{Event, Refusal, RefusalKind};

use crate::admit::{Admitted, MAX_REFERENCE};
use crate::approve::Bounds;
use crate::calendar::Month;
use crate::state::names;

/// The most months one `paid` event may name (a century of months).
pub const MAX_PAID_MONTHS: usize = 1200;

/// A payment made, as a `paid` event records it (spec 9.2), in the order of the log.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PaymentMade {
    pub payee: PartyId,
    pub amount: Decimal,
    /// The day the money was paid (`data.date`).
    pub date: NaiveDate,
    /// The months it pays, in order, each once.
    pub months: Vec<Month>,
    /// The bank's or the payer's reference.
    pub reference: String,
    /// The id of the `paid` event.
    pub event: String,
}

/// The day the payment for `month` falls due under `contract` (spec 4.7): day N of the following month with `due
/// on day N`, clamped to that month's last day; without it, the following month's last day.
pub fn due_date(contract: &Contract, month: Month) -> NaiveDate {
    let following = month.next();
    let last = following.last_day();
    match contract.due_day {
        Some(day) => following
            .first_day()
            .with_day(day)
            .unwrap_or(last)
            .min(last),
        None => last,
    }
}

/// Reads a `paid` event by `actor`, which must be a party whose role is `payer`, and checks its months against
/// what the contract's text fixes (what later events fix is checked by the state, with [`within`]).
pub(crate) fn paid<'c>(
    contract: &'c Contract,
    event: &Event,
    actor: &PartyId,
) -> Result<Admitted<'c>, Refusal> {
    crate::approve::payer_only(contract, event, actor, "record a payment")?;
    event.only(&["payee", "amount", "date", "months", "reference"])?;
    let name = event.text("payee")?;
    let Some(payee) = contract.parties.iter().find(|p| p.id.0 == name) else {
        return Err(event.refusal(
            RefusalKind::DataShape,
            format!("`data.payee` is `{name}`, which is not a party of this contract"),
        ));
    };
    let paid_for = contract
        .items
        .iter()
        .any(|i| i.payee.as_ref() == Some(&payee.id));
    if payee.role != Some(Role::Provider) || !paid_for {
        return Err(event.refusal(
            RefusalKind::DataShape,
            format!(
                "`data.payee` is `{name}`, which is not a provider this contract pays: {}",
                providers(contract)
            ),
        ));
    }
    let amount = event.decimal("amount", AMOUNT_DECIMALS, MAX_AMOUNT)?;
    if amount.is_zero() {
        return Err(event.refusal(
            RefusalKind::DataShape,
            "`data.amount` is zero: a payment made is more than 0",
        ));
    }
    let date = event.date("date")?;
    if date > event.at.date {
        return Err(event.refusal(
            RefusalKind::DataShape,
            format!("the payment is dated {date}, after the event itself"),
        ));
    }
    let months = months(event)?;
    let reference = event.text("reference")?;
    if reference.trim().is_empty() {
        return Err(event.refusal(
            RefusalKind::DataShape,
            "`data.reference` is empty: give the payment's reference, as the bank shows it",
        ));
    }
    if reference.chars().count() > MAX_REFERENCE {
        return Err(event.refusal(
            RefusalKind::Limit,
            format!("`data.reference` is longer than {MAX_REFERENCE} characters"),
        ));
    }
    let start = match &contract.start {
        Some(cvl_check::model::Start::On(date)) => Some(*date),
        _ => None,
    };
    within(event, &months, &Bounds::of(contract, start))?;
    Ok(Admitted::Paid(PaymentMade {
        payee: payee.id.clone(),
        amount,
        date,
        months,
        reference: reference.to_string(),
        event: event.id.clone(),
    }))
}

/// `data.months`: 1 to [`MAX_PAID_MONTHS`] months, each `YYYY-MM`, in order, none twice.
fn months(event: &Event) -> Result<Vec<Month>, Refusal> {
    let months = event.data.value("months");
    let items = match months.as_deref() {
        Some(Value::Array(items)) => items,
        Some(_) => {
            return Err(event.refusal(
                RefusalKind::DataShape,
                "`data.months` must be an array of the months paid (`[\"2019-10\"]`)",
            ));
        }
        None => return Err(event.refusal(RefusalKind::DataShape, "`data.months` is missing")),
    };
    if items.is_empty() {
        return Err(event.refusal(
            RefusalKind::DataShape,
            "`data.months` is empty: a payment pays at least one month",
        ));
    }
    if items.len() > MAX_PAID_MONTHS {
        return Err(event.refusal(RefusalKind::Limit, format!(
            "`data.months` has {} months, more than {MAX_PAID_MONTHS}, the most one payment may name (spec section 7)",
            items.len()
        )));
    }
    let mut months: Vec<Month> = Vec::with_capacity(items.len());
    for (index, value) in items.iter().enumerate() {
        let path = format!("data.months[{index}]");
        let text = event.text_at(Some(value), &path)?;
        let Some(month) = Month::parse(text) else {
            return Err(event.refusal(
                RefusalKind::DataShape,
                format!("`{path}` is `{text}`, which is not a month (`2019-10`)"),
            ));
        };
        if let Some(before) = months.last()
            && month <= *before
        {
            let reason = if month == *before {
                format!("`{path}` is `{month}` again: name each month once, in order")
            } else {
                format!(
                    "`{path}` is `{month}`, before `{before}` named before it: name each month once, in order"
                )
            };
            return Err(event.refusal(RefusalKind::DataShape, reason));
        }
        months.push(month);
    }
    Ok(months)
}

/// Refuses the first month outside `bounds`, naming it.
pub(crate) fn within(event: &Event, months: &[Month], bounds: &Bounds) -> Result<(), Refusal> {
    for (index, month) in months.iter().enumerate() {
        let path = format!("data.months[{index}]");
        if let Some(why) = &bounds.not_started {
            return Err(event.refusal(
                RefusalKind::DataShape,
                format!("`{path}` is `{month}`, but {why}"),
            ));
        }
        if let Some((first, why)) = &bounds.first
            && *month < Month::of(*first)
        {
            return Err(event.refusal(
                RefusalKind::DataShape,
                format!("`{path}` is `{month}`, before {why} on {first}"),
            ));
        }
        if let Some((last, why)) = &bounds.last
            && *month > Month::of(*last)
        {
            return Err(event.refusal(
                RefusalKind::DataShape,
                format!("`{path}` is `{month}`, after {why} on {last}"),
            ));
        }
    }
    Ok(())
}

/// The providers a contract pays, for a refusal's reason.
fn providers(contract: &Contract) -> String {
    let paid: Vec<PartyId> = contract
        .parties
        .iter()
        .filter(|p| {
            p.role == Some(Role::Provider)
                && contract
                    .items
                    .iter()
                    .any(|i| i.payee.as_ref() == Some(&p.id))
        })
        .map(|p| p.id.clone())
        .collect();
    if paid.is_empty() {
        "it pays no party whose role is `provider`".to_string()
    } else {
        format!("it pays {}", names(&paid))
    }
}
