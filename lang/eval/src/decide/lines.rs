//! Lines: what each item pays each payee for each month, and how it was computed (spec 9.4).
//!
//! A monthly rate is prorated by calendar days, a daily rate paid per day, an hourly rate per hour delivered,
//! confirmed and under the cap (the hours not paid are kept, with why); `for the first` counts from the item's own
//! start when it has one. Every line is built by [`line`], which multiplies a rate by what it pays for (checked:
//! money.rs) and rounds the product by the one rule.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use cvl_check::model::{Item, ItemKind, PartyId};
use cvl_check::types::Per;
use cvl_check::value::{Value, add_duration};

use super::Period;
use crate::calendar::{Month, day_before, days_between, prorate, round_money};
use crate::money::{self, Overflow};
use crate::state::{State, is_hourly};
use crate::{Line, Unpaid, UnpaidHours};

/// Lines by payee and month.
pub(super) type Lines = BTreeMap<(PartyId, Month), Vec<Line>>;

/// Hours not paid, by payee and month.
pub(super) type NotPaid = BTreeMap<(PartyId, Month), Vec<UnpaidHours>>;

/// A stretch of days with one rate, and the events behind it.
struct Stretch<'a> {
    item: &'a Item,
    from: NaiveDate,
    to: NaiveDate,
    amount: Decimal,
    events: Vec<String>,
    /// Renewals, cited from the month of the first day each adds.
    renewed: Vec<(NaiveDate, String)>,
}

impl Stretch<'_> {
    /// The events behind the stretch's days in `month`.
    fn events(&self, month: Month) -> Vec<String> {
        let renewals = self
            .renewed
            .iter()
            .filter(|(from, _)| *from <= month.last_day());
        let mut events = self.events.clone();
        events.extend(renewals.map(|(_, id)| id.clone()));
        events
    }
}

/// Every line of every item for the days of `period`, and the hours reported that are not paid; an [`Overflow`]
/// if a line leaves the exact decimal type.
pub(super) fn lines(
    state: &State<'_>,
    period: &Period,
    warnings: &mut Vec<String>,
) -> Result<(Lines, NotPaid), Overflow> {
    let mut signature_events: Vec<String> =
        state.signatures.values().map(|s| s.event.clone()).collect();
    signature_events.sort();
    signature_events.extend(state.start_event.iter().cloned());
    let mut lines = Lines::new();
    let mut unpaid = NotPaid::new();
    for item in &state.contract.items {
        let (Some(payee), Some(rate)) = (&item.payee, &item.rate) else {
            continue;
        };
        if is_hourly(item) {
            for ((id, month), hours) in state
                .hours
                .range((item.id.clone(), Month::of(NaiveDate::MIN))..)
            {
                if *id != item.id {
                    break;
                }
                if *month < Month::of(period.in_force) || *month > Month::of(period.last_day) {
                    warnings.push(format!(
                        "hours of `{}` in {month} fall outside the contract's period and are not paid",
                        item.id.0
                    ));
                    continue;
                }
                let (line, not_paid) = hourly_line(
                    item,
                    rate.amount,
                    &rate.currency,
                    hours.reported,
                    hours.confirmed,
                    &hours.events,
                    *month,
                )?;
                lines.entry((payee.clone(), *month)).or_default().push(line);
                if !not_paid.is_empty() {
                    unpaid
                        .entry((payee.clone(), *month))
                        .or_default()
                        .extend(not_paid);
                }
            }
            continue;
        }
        for stretch in stretches(state, item, period, &signature_events) {
            for month in Month::range(Month::of(stretch.from), Month::of(stretch.to)) {
                let from = stretch.from.max(month.first_day());
                let to = stretch.to.min(month.last_day());
                let days = days_between(from, to);
                if days == 0 {
                    continue;
                }
                let line = day_line(&stretch, rate.per, &rate.currency, days, month)?;
                lines.entry((payee.clone(), month)).or_default().push(line);
            }
        }
    }
    Ok((lines, unpaid))
}

/// The stretches of days an item pays for, each with one rate.
fn stretches<'a>(
    state: &State<'_>,
    item: &'a Item,
    period: &Period,
    signature_events: &[String],
) -> Vec<Stretch<'a>> {
    let mut from = period.in_force;
    let mut to = period.last_day;
    if let Some(s) = item.starts {
        from = from.max(s);
    }
    if let Some(e) = item.ends {
        to = to.min(e);
    }
    if let Some(first) = item.first {
        // Counted from the item's own start when it has one, else from the contract's (spec 4.8, 9.4). The checker
        // admits only whole days or months, at most 100 years (spec 5.8, 7), so the sum exists; were it missing,
        // the item would run to the end of the period decided, which the reach bounds.
        let base = item.starts.unwrap_or(period.start);
        to = to.min(add_duration(base, first.amount, first.calendar).map_or(to, day_before));
    }
    let clip = |s_from: NaiveDate, s_to: NaiveDate| (s_from.max(from), s_to.min(to));
    match item.kind {
        ItemKind::Item => {
            let Some(rate) = &item.rate else {
                return Vec::new();
            };
            if from > to {
                return Vec::new();
            }
            vec![Stretch {
                item,
                from,
                to,
                amount: rate.amount,
                events: signature_events.to_vec(),
                renewed: Vec::new(),
            }]
        }
        ItemKind::Supplement => state
            .supplements
            .get(&item.id)
            .map(|s| {
                s.segments
                    .iter()
                    .filter_map(|seg| {
                        let (f, t) = clip(seg.from, seg.to);
                        (f <= t).then(|| Stretch {
                            item,
                            from: f,
                            to: t,
                            amount: seg.amount,
                            events: seg.events.clone(),
                            renewed: seg.renewed.clone(),
                        })
                    })
                    .collect()
            })
            .unwrap_or_default(),
    }
}

fn money(amount: Decimal, currency: &str) -> String {
    Value::Money {
        amount,
        currency: currency.to_string(),
    }
    .to_string()
}

fn day_line(
    stretch: &Stretch<'_>,
    per: Per,
    currency: &str,
    days: u32,
    month: Month,
) -> Result<Line, Overflow> {
    let days_in_month = month.days();
    let rate = money(stretch.amount, currency);
    let (amount, times, basis) = match per {
        Per::Day => (
            stretch.amount,
            Decimal::from(days),
            format!(
                "{rate}/day × {days} {}",
                if days == 1 { "day" } else { "days" }
            ),
        ),
        _ if days == days_in_month => (stretch.amount, Decimal::ONE, format!("{rate}/month")),
        _ => (
            prorate(stretch.amount, days, days_in_month)
                .ok_or_else(|| beyond(stretch.item, month))?,
            Decimal::ONE,
            format!("{rate}/month × {days}/{days_in_month} days"),
        ),
    };
    line(
        stretch.item,
        month,
        amount,
        times,
        basis,
        stretch.events(month),
    )
}

/// A line of `item` for `month`: `rate × times`, the product checked (money.rs) and rounded to the øre by the one
/// rule (spec 9.4). Every line is built here, so that none is paid unrounded or wrapped, and a month's total, what
/// it withholds and what it releases are sums of rounded lines.
fn line(
    item: &Item,
    month: Month,
    rate: Decimal,
    times: Decimal,
    basis: String,
    events: Vec<String>,
) -> Result<Line, Overflow> {
    let amount = money::mul(rate, times, &|| beyond(item, month).0)?;
    Ok(Line {
        item: item.id.clone(),
        amount: round_money(amount),
        basis,
        clause: item.pay_span,
        events,
    })
}

/// The overflow of `item`'s line for `month`.
fn beyond(item: &Item, month: Month) -> Overflow {
    Overflow(format!("the line of `{}` for {month}", item.id.0))
}

/// An hourly item's line for a month, and the hours reported that it does not pay, with why.
fn hourly_line(
    item: &Item,
    rate: Decimal,
    currency: &str,
    reported: Decimal,
    confirmed: Decimal,
    events: &[String],
    month: Month,
) -> Result<(Line, Vec<UnpaidHours>), Overflow> {
    let mut paid = reported;
    let mut notes = vec![format!("{} reported", hours(reported))];
    let mut unpaid = Vec::new();
    let mut not_paid = |hours: Decimal, reason| {
        if hours > Decimal::ZERO {
            unpaid.push(UnpaidHours {
                item: item.id.clone(),
                hours,
                reason,
            });
        }
    };
    if !item.confirmed_by.is_empty() {
        let limited = paid.min(confirmed);
        not_paid(paid - limited, Unpaid::NotConfirmed);
        paid = limited;
        notes.push(format!("{} confirmed", hours(confirmed)));
    }
    if let Some(cap) = item.cap
        && paid > cap
    {
        not_paid(paid - cap, Unpaid::OverCap);
        paid = cap;
        notes.push(format!("cap {}/month", hours(cap)));
    }
    let basis = format!(
        "{}/hour × {} ({})",
        money(rate, currency),
        hours(paid),
        notes.join(", ")
    );
    Ok((
        line(item, month, rate, paid, basis, events.to_vec())?,
        unpaid,
    ))
}

pub(super) fn hours(amount: Decimal) -> String {
    Value::Hours(amount).to_string()
}
