//! Lines: what each item pays each payee for each month, and how it was computed (spec 9.4).
//!
//! A monthly rate is prorated by calendar days, a daily rate paid per day, an hourly rate per hour (hourly.rs);
//! every item's days are the contract's, narrowed by its own (`item_days`); `for the first` counts from the item's
//! own start when it has one; a one-off payment is paid once across the versions (once.rs). Every line is built by
//! [`line`], which multiplies a rate by what it pays for (checked: money.rs) and rounds the product by the one rule.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;

use cvl_check::limits::MAX_AMOUNT as MAX_RATE;
use cvl_check::model::{Item, ItemKind, NotRaised, PartyId, RegulatedBy};
use cvl_check::types::Per;

use super::Period;
use super::hourly;
use super::once::Text;
use crate::basis::{Basis, Money};
use crate::calendar::{Month, day_before, days_between, prorate, round_money};
use crate::money::{self, Overflow};
use crate::state::{State, is_hourly};
use crate::withhold::Flags;
use crate::{EventIds, Line, UnpaidHours};

/// Lines by payee and month.
pub(super) type Lines = BTreeMap<(PartyId, Month), Vec<Line>>;

/// Hours not paid, by payee and month.
pub(super) type NotPaid = BTreeMap<(PartyId, Month), Vec<UnpaidHours>>;

/// What every line of a scope comes to: the lines, the hours not paid, and the flags of the months that pay a rate
/// not regulated for want of an index value (spec 9.7).
pub(super) type Lined = (Lines, NotPaid, Flags);

/// A stretch of days with one rate, and the events behind it.
struct Stretch<'a> {
    item: &'a Item,
    from: NaiveDate,
    to: NaiveDate,
    amount: Decimal,
    events: Vec<String>,
    /// Renewals, cited from the month of the first day each adds.
    renewed: Vec<(NaiveDate, String)>,
    /// For a rate raised by a yearly regulation, the rise and the day it applies from (spec 4.8).
    regulated: Option<String>,
    /// For a rate regulated by an index, the `index_value` events behind it.
    index_events: Vec<String>,
    /// For a rate that a rise whose day has come did not raise (an index value not in the log), the flag on each
    /// month it pays.
    unregulated: Option<crate::Said>,
}

impl Stretch<'_> {
    /// The events behind the stretch's days `from` through `to` (one month's): its own, and the renewals whose
    /// terms hold any of those days (spec 9.5, 9.9), never an earlier renewal, so that a line cites a bounded
    /// number of events however long the supplement has run. A renewal's term runs from the first day it adds to
    /// the day before the next renewal's first day; `renewed` is in the order of those days.
    fn events(&self, from: NaiveDate, to: NaiveDate) -> EventIds {
        // The first renewal whose term may hold `from`: the last one that adds a day on or before it.
        let first = self
            .renewed
            .partition_point(|(adds, _)| *adds <= from)
            .saturating_sub(1);
        let renewals = self
            .renewed
            .get(first..)
            .unwrap_or_default()
            .iter()
            .take_while(|(adds, _)| *adds <= to);
        let mut events = EventIds::new();
        events.extend(&self.events);
        events.extend(renewals.map(|(_, id)| id));
        events.extend(&self.index_events);
        events
    }
}

/// The days one version of the text is in force (spec 9.13), and its items: the whole period when the contract is
/// not amended.
pub(super) struct Scope<'a> {
    pub items: &'a [Item],
    /// The version's first and last day in force, within the period.
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// Its place among the versions' windows, and every window (in order of their days) with its version's items:
    /// the hours of a day whose version has no such item are shown by the nearest version that has it.
    pub index: usize,
    pub texts: &'a [Text<'a>],
}

/// Every line of every item of `scope` for its days of `period`, and the hours reported that are not paid; an
/// [`Overflow`] if a line leaves the exact decimal type.
pub(super) fn lines(
    state: &State<'_>,
    period: &Period,
    scope: &Scope<'_>,
    used: &mut hourly::Used,
) -> Result<Lined, Overflow> {
    let signature_events = signature_events(state);
    let mut lines = Lines::new();
    let mut unpaid = NotPaid::new();
    let mut flags = Flags::new();
    for item in scope.items {
        if item.once.is_some() {
            // Paid once per contract across the versions (once.rs).
            continue;
        }
        let (Some(payee), Some(rate)) = (&item.payee, &item.rate) else {
            continue;
        };
        if is_hourly(item) {
            hourly::item_lines(
                state,
                item,
                (payee, rate),
                period,
                scope,
                used,
                (&mut lines, &mut unpaid),
            )?;
            continue;
        }
        for stretch in stretches(state, item, period, scope, &signature_events)? {
            for month in Month::range(Month::of(stretch.from), Month::of(stretch.to)) {
                let from = stretch.from.max(month.first_day());
                let to = stretch.to.min(month.last_day());
                let days = days_between(from, to);
                if days == 0 {
                    continue;
                }
                let line = day_line(&stretch, rate.per, &rate.currency, (from, to), month)?;
                lines.entry((payee.clone(), month)).or_default().push(line);
                if let Some(flag) = &stretch.unregulated {
                    let month_flags = flags.entry((payee.clone(), month)).or_default();
                    if !month_flags.contains(flag) {
                        month_flags.push(flag.clone());
                    }
                }
            }
        }
    }
    Ok((lines, unpaid, flags))
}

/// The events every line of the contract's own rate cites: its signatures (in order of their ids) and the event
/// that started it, if any.
pub(super) fn signature_events(state: &State<'_>) -> Vec<String> {
    let mut events: Vec<String> = state.signatures.values().map(|s| s.event.clone()).collect();
    events.sort();
    events.extend(state.start_event.iter().cloned());
    events
}

/// The first and last day `item` may pay for in `period` (none when the first is after the last): the contract's
/// days in force, narrowed by the item's own `starts on`, `ends on` and `for the first` (spec 4.8, 9.3, 9.4). Every
/// item's days come from here, paid by the month, the day or the hour.
pub(super) fn item_days(item: &Item, period: &Period) -> (NaiveDate, NaiveDate) {
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
        to = to.min(crate::dates::first_days(base, &first).map_or(to, |(_, last)| last));
    }
    (from, to)
}

/// The stretches of days an item pays for, each with one rate.
fn stretches<'a>(
    state: &State<'_>,
    item: &'a Item,
    period: &Period,
    scope: &Scope<'_>,
    signature_events: &[String],
) -> Result<Vec<Stretch<'a>>, Overflow> {
    let (from, to) = item_days(item, period);
    let (from, to) = (from.max(scope.from), to.min(scope.to));
    let clip = |s_from: NaiveDate, s_to: NaiveDate| (s_from.max(from), s_to.min(to));
    Ok(match item.kind {
        ItemKind::Item => {
            let Some(rate) = &item.rate else {
                return Ok(Vec::new());
            };
            if from > to {
                return Ok(Vec::new());
            }
            rates_in_force(state, item, rate.amount, from, to)?
                .into_iter()
                .map(|r| Stretch {
                    item,
                    from: r.from,
                    to: r.to,
                    amount: r.amount,
                    events: signature_events.to_vec(),
                    renewed: Vec::new(),
                    regulated: r.note,
                    index_events: r.index_events,
                    unregulated: r.unregulated,
                })
                .collect()
        }
        ItemKind::Supplement => state
            .supplements
            .get(&item.id)
            .map(|s| {
                s.segments
                    .iter()
                    .filter_map(|seg| {
                        let (f, t) = clip(seg.from, seg.to);
                        // A segment at the supplement's own rate pays the rate of the text in force.
                        let amount = match (&item.rate, seg.own) {
                            (Some(rate), true) => rate.amount,
                            _ => seg.amount,
                        };
                        (f <= t).then(|| Stretch {
                            item,
                            from: f,
                            to: t,
                            amount,
                            events: seg.events.clone(),
                            renewed: seg.renewed.clone(),
                            regulated: None,
                            index_events: Vec::new(),
                            unregulated: None,
                        })
                    })
                    .collect()
            })
            .unwrap_or_default(),
    })
}

/// A rate in force: its first and last day, the amount, what regulated it (none for the item's own rate), the
/// `index_value` events behind it, and the flag of a rise that did not apply.
struct RateInForce {
    from: NaiveDate,
    to: NaiveDate,
    amount: Decimal,
    note: Option<String>,
    index_events: Vec<String>,
    unregulated: Option<crate::Said>,
}

/// The rates of `item` in force from `from` through `to`, each with its days: its own rate, raised by its yearly
/// regulation on the regulation's day and on that day of each later year (spec 4.8). Each regulated rate is the
/// one before it times (1 + P/100), or times value(Y) / value(Y − 1) of its index for the year Y of the day (the
/// values the state holds: the log's, as of the decision), rounded by the one rounding rule; a rate past the
/// amount limit of spec 7 is an [`Overflow`]. A rise whose index values are not both in the log does not apply:
/// the rate before it stays in force, no later rise applies on top of it, and each stretch from its day on carries
/// a flag naming the day and the years missing, never a guessed figure. The reach bounds `to`, so there are at
/// most some 100 rates.
fn rates_in_force(
    state: &State<'_>,
    item: &Item,
    base: Decimal,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<RateInForce>, Overflow> {
    let own = |from, to, amount, note, index_events, unregulated| RateInForce {
        from,
        to,
        amount,
        note,
        index_events,
        unregulated,
    };
    let Some(regulation) = &item.regulation else {
        return Ok(vec![own(from, to, base, None, Vec::new(), None)]);
    };
    let values = |index: &str, year: i32| state.index_values.value(index, year);
    let beyond = |day: NaiveDate| format!("the regulated rate of `{}` from {day}", item.id.0);
    let mut pieces = Vec::new();
    let (mut start, mut rate, mut note) = (from, base, None);
    let mut cited: Vec<String> = Vec::new();
    let mut unregulated: Option<crate::Said> = None;
    for year in 0u32.. {
        let Some(day) = regulation.day(year) else {
            break;
        };
        if day > to {
            break;
        }
        if day > start {
            pieces.push(own(
                start,
                day_before(day),
                rate,
                note.clone(),
                cited.clone(),
                unregulated.clone(),
            ));
            start = day;
        }
        if unregulated.is_some() {
            // A rise that did not apply stops the chain: the rate before it stays until its value is given.
            continue;
        }
        match regulation.raise(rate, day, &values) {
            Ok(raised) if raised <= MAX_RATE => rate = raised,
            Ok(_) | Err(NotRaised::Beyond) => return Err(Overflow(beyond(day))),
            Err(NotRaised::Missing(years)) => {
                let index = match &regulation.by {
                    RegulatedBy::Index(index) => index.as_str(),
                    RegulatedBy::Percent(_) => "",
                };
                // `2019 and 2020`, joined in the language shown.
                let years = years.iter().fold(None, |joined, year| {
                    Some(match joined {
                        None => cvl_syntax::text!("eval-year", year = year.to_string()),
                        Some(before) => {
                            cvl_syntax::text!("eval-and", first = before, last = year.to_string())
                        }
                    })
                });
                unregulated = Some(crate::Said::new(cvl_syntax::text!(
                    "eval-flag-unregulated",
                    item = item.id.0.as_str(),
                    day = day.to_string(),
                    index = index,
                    years = years.unwrap_or_else(|| cvl_syntax::text!("eval-nothing"))
                )));
                continue;
            }
        }
        note = Some(match &regulation.by {
            RegulatedBy::Percent(percent) => {
                format!("regulated {percent} % a year from {}", regulation.from)
            }
            RegulatedBy::Index(index) => {
                let year = day.year();
                let mut shown = |y: i32| {
                    state
                        .index_values
                        .get(index, y)
                        .map_or_else(String::new, |v| {
                            if !cited.contains(&v.event) {
                                cited.push(v.event.clone());
                            }
                            v.value.to_string()
                        })
                };
                let before = shown(year - 1);
                let this = shown(year);
                format!("regulated by index `{index}`: {this} / {before} from {day}")
            }
        });
    }
    pieces.push(own(start, to, rate, note, cited, unregulated));
    Ok(pieces)
}

fn day_line(
    stretch: &Stretch<'_>,
    per: Per,
    currency: &str,
    (from, to): (NaiveDate, NaiveDate),
    month: Month,
) -> Result<Line, Overflow> {
    let days = days_between(from, to);
    let days_in_month = month.days();
    let rate = Money {
        amount: stretch.amount,
        currency: currency.to_string(),
    };
    let regulated = stretch.regulated.clone();
    let (amount, times, basis) = match per {
        Per::Day => (
            stretch.amount,
            Decimal::from(days),
            Basis::Day {
                rate,
                days,
                regulated,
            },
        ),
        _ if days == days_in_month => (
            stretch.amount,
            Decimal::ONE,
            Basis::Month { rate, regulated },
        ),
        _ => (
            prorate(stretch.amount, days, days_in_month)
                .ok_or_else(|| beyond(stretch.item, month))?,
            Decimal::ONE,
            Basis::Prorated {
                rate,
                days,
                of: days_in_month,
                regulated,
            },
        ),
    };
    line(
        stretch.item,
        month,
        amount,
        times,
        basis,
        stretch.events(from, to),
    )
}

/// A line of `item` for `month`: `rate × times`, the product checked (money.rs) and rounded to the øre by the one
/// rule (spec 9.4). Every line is built here, so that none is paid unrounded or wrapped, and a month's total, what
/// it withholds and what it releases are sums of rounded lines.
pub(super) fn line(
    item: &Item,
    month: Month,
    rate: Decimal,
    times: Decimal,
    basis: Basis,
    events: EventIds,
) -> Result<Line, Overflow> {
    let amount = money::mul(rate, times, &|| beyond(item, month).0)?;
    Ok(Line {
        item: item.id.clone(),
        amount: round_money(amount),
        basis,
        clause: item.pay_span,
        events,
        version: None,
    })
}

/// The overflow of `item`'s line for `month`.
fn beyond(item: &Item, month: Month) -> Overflow {
    Overflow(format!("the line of `{}` for {month}", item.id.0))
}
