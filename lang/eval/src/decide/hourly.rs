//! Hours: what an item paid by the hour pays each month, across the versions of the text (spec 4.8, 9.4, 9.13).
//!
//! Each hour reported is paid by the version in force on the day it was WORKED, at that version's rate and under
//! that version's cap, never by the version in force on the day of a confirmation. A month's confirmations are one
//! pool: the hours confirmed for the month (dated, by their `date` or the event's, on a day the contract is in
//! force) confirm the month's hours that can be paid in the order they were worked, so the versions in order of
//! their days take from the pool what their hours need ([`Used`]). Each version's cap then limits the confirmed
//! hours of its days of the month. The hours of a day whose version has no such item are shown unpaid (outside the
//! item's period) by the nearest version that has it (the next one, else the one before), so none is dropped.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use cvl_check::model::{Item, MoneyRate as Rate, PartyId, TermId};

use super::Period;
use super::lines::{Lines, NotPaid, Scope, item_days, line};
use crate::basis::{Basis, HoursPaid, Money};
use crate::calendar::Month;
use crate::money::Overflow;
use crate::state::{Hours, State, is_hourly};
use crate::{Line, Unpaid, UnpaidHours};

/// The confirmed hours of each item's month already taken by the hours of earlier versions' days.
pub(super) type Used = BTreeMap<(TermId, Month), Decimal>;

/// The lines of the hourly `item` of `scope`'s version, one per month it shows, and the hours they do not pay.
pub(super) fn item_lines(
    state: &State<'_>,
    item: &Item,
    (payee, rate): (&PartyId, &Rate),
    period: &Period,
    scope: &Scope<'_>,
    used: &mut Used,
    (lines, unpaid): (&mut Lines, &mut NotPaid),
) -> Result<(), Overflow> {
    let owner = |day: NaiveDate| owner(scope, &item.id, day);
    for (month, worked) in state.hours.get(&item.id).into_iter().flatten() {
        if *month > Month::of(period.as_of) {
            // Past the reach (events after `--until` are not read), whose warning says nothing after it is counted.
            continue;
        }
        let in_window = *month >= Month::of(scope.from) && *month <= Month::of(scope.to);
        let owns_reported = worked
            .days
            .iter()
            .any(|(day, (reported, _))| !reported.is_zero() && owner(*day) == Some(scope.index));
        if !owns_reported && !in_window {
            // A month of another version, or one not in force with only confirmations, which show nothing unpaid.
            continue;
        }
        let taken = used.entry((item.id.clone(), *month)).or_default();
        let (line, not_paid) = hourly_line(item, rate, worked, *month, period, scope, taken)?;
        lines.entry((payee.clone(), *month)).or_default().push(line);
        if !not_paid.is_empty() {
            unpaid
                .entry((payee.clone(), *month))
                .or_default()
                .extend(not_paid);
        }
    }
    Ok(())
}

/// The window whose version shows the hours of `item` worked on `day`: the one in force that day (the first for a
/// day before the contract's days, the last for one after), or, when its version has no such item, the next one
/// that has it, else the one before that has it.
fn owner(scope: &Scope<'_>, item: &TermId, day: NaiveDate) -> Option<usize> {
    let texts = scope.texts;
    let has = |w: &usize| {
        texts
            .get(*w)
            .is_some_and(|t| t.items.iter().any(|i| &i.id == item && is_hourly(i)))
    };
    let at = texts
        .iter()
        .position(|t| day <= t.to)
        .unwrap_or(texts.len().saturating_sub(1));
    if has(&at) {
        return Some(at);
    }
    (at + 1..texts.len())
        .find(has)
        .or_else(|| (0..at).rev().find(has))
}

/// An hourly item's line for a month of its version's, and the hours reported that it does not pay, with why:
/// first those worked on a day outside the contract's period, then outside the item's own days (or on a day whose
/// version has no such item), then, of the rest, those beyond the month's hours confirmed that earlier versions did
/// not take (`taken`), then those above this version's cap (spec 9.4, 9.13).
fn hourly_line(
    item: &Item,
    rate: &Rate,
    worked: &Hours,
    month: Month,
    period: &Period,
    scope: &Scope<'_>,
    taken: &mut Decimal,
) -> Result<(Line, Vec<UnpaidHours>), Overflow> {
    let (from, to) = item_days(item, period);
    // Every sum is of one month's hours, which admission keeps within MAX_MONTH_HOURS (state.rs).
    let (mut outside_contract, mut outside_item) = (Decimal::ZERO, Decimal::ZERO);
    let (mut paid, mut pool) = (Decimal::ZERO, Decimal::ZERO);
    let mut reported = Decimal::ZERO;
    for (day, (reported_on, confirmed_on)) in &worked.days {
        let in_force = period.in_force <= *day && *day <= period.last_day;
        if in_force {
            // The month's confirmations, whatever the version of their day.
            pool += *confirmed_on;
        }
        if owner(scope, &item.id, *day) != Some(scope.index) {
            continue;
        }
        reported += *reported_on;
        if !in_force {
            outside_contract += *reported_on;
        } else if *day < scope.from || *day > scope.to || *day < from || *day > to {
            outside_item += *reported_on;
        } else {
            paid += *reported_on;
        }
    }
    let mut shown = HoursPaid {
        reported,
        outside_contract,
        outside_item,
        ..HoursPaid::default()
    };
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
    not_paid(outside_contract, Unpaid::OutsideContract);
    not_paid(outside_item, Unpaid::OutsideItem);
    if !item.confirmed_by.is_empty() {
        let left = (pool - *taken).max(Decimal::ZERO);
        let confirmed = paid.min(left);
        *taken += confirmed;
        not_paid(paid - confirmed, Unpaid::NotConfirmed);
        paid = confirmed;
        shown.confirmed = Some(left);
    }
    if let Some(cap) = item.cap
        && paid > cap
    {
        not_paid(paid - cap, Unpaid::OverCap);
        paid = cap;
        shown.cap = Some(cap);
    }
    shown.paid = paid;
    let basis = Basis::Hourly {
        rate: Money {
            amount: rate.amount,
            currency: rate.currency.clone(),
        },
        hours: shown,
    };
    Ok((
        line(item, month, rate.amount, paid, basis, worked.events.clone())?,
        unpaid,
    ))
}
