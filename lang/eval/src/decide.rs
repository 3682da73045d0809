//! Deciding: from the state the events built, each payee's payment for each month, with the reasons.
//!
//! The contract is in force from the later of its start and its last required signature, through the earliest
//! of its own end, its termination's effective end (that day included), the date evaluation is as of, and its
//! reach (100 years from the start: nothing later is decided). Each item pays for the days it is active in each
//! month (a monthly rate prorated by calendar days, a daily rate per day, an hourly rate per hour delivered,
//! confirmed and under the cap, with the hours not paid and why); `for the first` counts from the item's own start
//! when it has one. Each obligation falls due every interval from the start; what a missed one holds or flags is
//! withhold.rs. A month that ends after the date decided as of, before the contract's last day, is provisional.

use std::collections::BTreeMap;

use chrono::{Datelike, Days, NaiveDate};
use rust_decimal::Decimal;

use cvl_check::horizon;
use cvl_check::model::{End, Item, ItemKind, PartyId, Weekday};
use cvl_check::types::Per;
use cvl_check::value::{Value, add_duration};

use crate::calendar::{Month, day_before, days_between, prorate, round_money};
use crate::state::{State, is_hourly, names};
use crate::withhold::{grace_end, holds_and_flags};
use crate::{Act, ActKind, Decision, Line, ObligationRow, Payment, Status, Unpaid, UnpaidHours};

/// A stretch of days with one rate, and the events behind it.
struct Stretch<'a> {
    item: &'a Item,
    from: NaiveDate,
    to: NaiveDate,
    amount: Decimal,
    events: Vec<String>,
}

pub(crate) fn decide(
    state: &State<'_>,
    until: Option<NaiveDate>,
    last_event: Option<NaiveDate>,
) -> Decision {
    let contract = state.contract;
    let mut warnings = Vec::new();
    let acts = acts(state, &mut warnings);
    let unsigned: Vec<PartyId> = contract
        .signatories
        .iter()
        .filter(|p| !state.signatures.contains_key(*p))
        .cloned()
        .collect();
    let empty = |until: Option<NaiveDate>, warnings, acts| Decision {
        until,
        payments: Vec::new(),
        obligations: Vec::new(),
        acts,
        warnings,
    };
    if !unsigned.is_empty() {
        warnings.push(format!(
            "not yet signed by {}: nothing is due",
            names(&unsigned)
        ));
        return empty(until.or(last_event), warnings, acts);
    }
    let Some(start) = state.start else {
        warnings.push("the contract has not started: nothing is due".to_string());
        return empty(until.or(last_event), warnings, acts);
    };
    let in_force = state
        .signatures
        .values()
        .map(|s| s.date)
        .max()
        .unwrap_or(start)
        .max(start);
    // Nothing is decided past the reach (spec 7): a date beyond it, from the contract's text or from an event, is
    // cut back to it with a warning; so is a length that would leave the calendar.
    let reach = horizon::reach(start);
    let mut end: Option<NaiveDate> = match &contract.end {
        Some(End::On(date)) => Some(*date),
        Some(End::After(d)) => {
            Some(add_duration(start, d.amount, d.calendar).map_or(reach, day_before))
        }
        // The first event of the kind, that day included (spec 4.6); `terminated` ends it by the termination below.
        Some(End::When(_)) => state.ended.as_ref().map(|e| e.date),
        None => None,
    };
    if let Some((effective, _)) = state.terminated {
        end = Some(end.map_or(effective, |e| e.min(effective)));
    }
    let mut as_of = until.or(end).or(last_event).unwrap_or(start);
    if as_of > reach {
        warnings.push(format!(
            "nothing is decided after {reach}, 100 years from the contract's start: days and events after it are not counted"
        ));
        as_of = reach;
    }
    let last_day = end.map_or(as_of, |e| e.min(as_of));
    // The last day there is to decide: a month that ends later, decided as of an earlier day, is provisional.
    let decided_through = end.map_or(reach, |e| e.min(reach));

    let mut signature_events: Vec<String> =
        state.signatures.values().map(|s| s.event.clone()).collect();
    signature_events.sort();
    signature_events.extend(state.start_event.iter().cloned());

    // Every line, by payee and month.
    let mut lines: BTreeMap<(PartyId, Month), Vec<Line>> = BTreeMap::new();
    let mut unpaid: BTreeMap<(PartyId, Month), Vec<UnpaidHours>> = BTreeMap::new();
    for item in &contract.items {
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
                if *month < Month::of(in_force) || *month > Month::of(last_day) {
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
                );
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
        for stretch in stretches(state, item, start, in_force, last_day, &signature_events) {
            for month in Month::range(Month::of(stretch.from), Month::of(stretch.to)) {
                let from = stretch.from.max(month.first_day());
                let to = stretch.to.min(month.last_day());
                let days = days_between(from, to);
                if days == 0 {
                    continue;
                }
                let line = day_line(&stretch, rate.per, &rate.currency, days, month.days());
                lines.entry((payee.clone(), month)).or_default().push(line);
            }
        }
    }

    let obligations = obligation_rows(state, start, last_day, as_of, &mut warnings);

    let (holds, mut flags) = holds_and_flags(&contract.obligations, &obligations, last_day);

    // Payments: each month's lines, less what is held, plus what is released.
    let mut withheld: BTreeMap<(PartyId, Month), Decimal> = BTreeMap::new();
    let mut released: BTreeMap<(PartyId, Month), (Decimal, Vec<Month>)> = BTreeMap::new();
    for ((party, month), release) in &holds {
        let amount: Decimal = lines
            .get(&(party.clone(), *month))
            .map_or(Decimal::ZERO, |ls| ls.iter().map(|l| l.amount).sum());
        withheld.insert((party.clone(), *month), amount);
        match *release {
            Some(at) if at <= Month::of(as_of) => {
                let entry = released.entry((party.clone(), at)).or_default();
                entry.0 += amount;
                entry.1.push(*month);
            }
            _ => {}
        }
    }
    let mut keys: Vec<(PartyId, Month)> = lines.keys().chain(released.keys()).cloned().collect();
    keys.sort_by_key(|(party, month)| {
        (contract.parties.iter().position(|p| &p.id == party), *month)
    });
    keys.dedup();
    let payments = keys
        .into_iter()
        .map(|key| {
            let month_lines = lines.remove(&key).unwrap_or_default();
            let sum: Decimal = month_lines.iter().map(|l| l.amount).sum();
            let held = withheld.get(&key).copied().unwrap_or(Decimal::ZERO);
            let (freed, freed_months) = released.remove(&key).unwrap_or_default();
            let unpaid_hours = unpaid.remove(&key).unwrap_or_default();
            let mut flags = flags.remove(&key).unwrap_or_default();
            flags.extend(unpaid_hours.iter().map(|u| {
                format!(
                    "{} of `{}` not paid: {}",
                    hours(u.hours),
                    u.item.0,
                    match u.reason {
                        Unpaid::NotConfirmed => "reported but not confirmed",
                        Unpaid::OverCap => "over the cap for the month",
                    }
                )
            }));
            let provisional = as_of < key.1.last_day().min(decided_through);
            Payment {
                payee: key.0.clone(),
                period: key.1,
                total: sum - held + freed,
                lines: month_lines,
                withheld: held,
                released: freed,
                released_from: freed_months,
                flags,
                unpaid_hours,
                provisional,
            }
        })
        .collect();
    Decision {
        until: Some(as_of),
        payments,
        obligations,
        acts,
        warnings,
    }
}

/// The acts that take every named signatory: signing, then termination and amendments once anyone has signed
/// them. A pending termination and a done amendment each add a warning, since this decision does not apply them.
fn acts(state: &State<'_>, warnings: &mut Vec<String>) -> Vec<Act> {
    let contract = state.contract;
    let act = |kind,
               subject,
               signatories: &[PartyId],
               signed: &dyn Fn(&PartyId) -> Option<(NaiveDate, String)>| {
        let mut act = Act {
            kind,
            subject,
            signed: Vec::new(),
            missing: Vec::new(),
            done: None,
        };
        for party in signatories {
            match signed(party) {
                Some((date, event)) => act.signed.push((party.clone(), date, event)),
                None => act.missing.push(party.clone()),
            }
        }
        if act.missing.is_empty() {
            act.done = act.signed.iter().map(|(_, date, _)| *date).max();
        }
        act
    };
    let mut acts = vec![act(ActKind::Signing, None, &contract.signatories, &|p| {
        state.signatures.get(p).map(|s| (s.date, s.event.clone()))
    })];
    if let Some(termination) = &contract.termination
        && let Some((_, effective)) = state.termination.values().next()
    {
        let done = act(
            ActKind::Termination,
            Some(format!("effective {effective}")),
            &termination.signatories,
            &|p| {
                state
                    .termination
                    .get(p)
                    .map(|(s, _)| (s.date, s.event.clone()))
            },
        );
        if !done.missing.is_empty() {
            warnings.push(format!(
                "the termination (effective {effective}) is not yet signed by {}: until it is, it has no effect",
                names(&done.missing)
            ));
        }
        acts.push(done);
    }
    for amendment in &state.amendments {
        let done = act(
            ActKind::Amendment,
            Some(amendment.contract.clone()),
            &contract.signatories,
            &|p| {
                amendment
                    .signatures
                    .get(p)
                    .map(|s| (s.date, s.event.clone()))
            },
        );
        match done.done {
            Some(date) => warnings.push(format!(
                "the contract was amended on {date} (to the text with SHA-256 `{}`): this decision applies the terms of this text only",
                amendment.contract
            )),
            None => warnings.push(format!(
                "an amendment (to the text with SHA-256 `{}`) is not yet signed by {}: until it is, it has no effect",
                amendment.contract,
                names(&done.missing)
            )),
        }
        acts.push(done);
    }
    acts
}

/// The stretches of days an item pays for, each with one rate.
fn stretches<'a>(
    state: &State<'_>,
    item: &'a Item,
    start: NaiveDate,
    in_force: NaiveDate,
    last_day: NaiveDate,
    signature_events: &[String],
) -> Vec<Stretch<'a>> {
    let mut from = in_force;
    let mut to = last_day;
    if let Some(s) = item.starts {
        from = from.max(s);
    }
    if let Some(e) = item.ends {
        to = to.min(e);
    }
    if let Some(first) = item.first {
        // Counted from the item's own start when it has one, else from the contract's (spec 4.8, 9.4).
        let base = item.starts.unwrap_or(start);
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
    days_in_month: u32,
) -> Line {
    let rate = money(stretch.amount, currency);
    let (amount, basis) = match per {
        Per::Day => (
            stretch.amount * Decimal::from(days),
            format!(
                "{rate}/day × {days} {}",
                if days == 1 { "day" } else { "days" }
            ),
        ),
        _ if days == days_in_month => (stretch.amount, format!("{rate}/month")),
        _ => (
            prorate(stretch.amount, days, days_in_month),
            format!("{rate}/month × {days}/{days_in_month} days"),
        ),
    };
    line(stretch.item, amount, basis, stretch.events.clone())
}

/// A line of `item`, its amount rounded to the øre by the one rule (spec 9.4): every line is built here, so that
/// none is paid unrounded, and a month's total, what it withholds and what it releases are sums of rounded lines.
fn line(item: &Item, amount: Decimal, basis: String, events: Vec<String>) -> Line {
    Line {
        item: item.id.clone(),
        amount: round_money(amount),
        basis,
        clause: item.pay_span,
        events,
    }
}

/// An hourly item's line for a month, and the hours reported that it does not pay, with why.
fn hourly_line(
    item: &Item,
    rate: Decimal,
    currency: &str,
    reported: Decimal,
    confirmed: Decimal,
    events: &[String],
) -> (Line, Vec<UnpaidHours>) {
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
    (line(item, rate * paid, basis, events.to_vec()), unpaid)
}

fn hours(amount: Decimal) -> String {
    Value::Hours(amount).to_string()
}

/// Every occurrence of every obligation that falls due by the last day, with its status as of `as_of`.
fn obligation_rows(
    state: &State<'_>,
    start: NaiveDate,
    last_day: NaiveDate,
    as_of: NaiveDate,
    warnings: &mut Vec<String>,
) -> Vec<ObligationRow> {
    let mut rows = Vec::new();
    for obligation in &state.contract.obligations {
        let Some(every) = obligation.every else {
            continue;
        };
        let mut meetings = state
            .met
            .get(&obligation.id)
            .map(|v| v.iter())
            .into_iter()
            .flatten();
        let party = obligation
            .by
            .first()
            .cloned()
            .unwrap_or_else(|| PartyId(String::new()));
        for k in 1u32.. {
            let Some(due) = add_duration(start, every.amount * Decimal::from(k), every.calendar)
            else {
                break;
            };
            let due = match obligation.on {
                Some(day) => next_weekday(due, day),
                None => due,
            };
            if due > last_day {
                break;
            }
            let grace = grace_end(due, obligation.grace.map(|g| (g.amount, g.calendar)));
            let meeting = meetings.next();
            let status = match meeting {
                Some((date, _)) if *date <= due => Status::Met,
                Some((date, _)) if *date <= grace => Status::Late,
                Some(_) => Status::Missed,
                None if as_of > grace => Status::Missed,
                None => Status::Pending,
            };
            rows.push(ObligationRow {
                party: party.clone(),
                kind: obligation.id.clone(),
                due,
                status,
                event: meeting.map(|(_, id)| id.clone()),
                met_on: meeting.map(|(date, _)| *date),
            });
        }
        let extra = meetings.count();
        if extra > 0 {
            warnings.push(format!(
                "{extra} `{}` event(s) beyond the occurrences that fall due",
                obligation.id.0
            ));
        }
    }
    rows.sort_by(|a, b| (a.due, &a.kind.0).cmp(&(b.due, &b.kind.0)));
    rows
}

/// The first `day` on or after `date`.
fn next_weekday(date: NaiveDate, day: Weekday) -> NaiveDate {
    let target = match day {
        Weekday::Monday => chrono::Weekday::Mon,
        Weekday::Tuesday => chrono::Weekday::Tue,
        Weekday::Wednesday => chrono::Weekday::Wed,
        Weekday::Thursday => chrono::Weekday::Thu,
        Weekday::Friday => chrono::Weekday::Fri,
        Weekday::Saturday => chrono::Weekday::Sat,
        Weekday::Sunday => chrono::Weekday::Sun,
    };
    let ahead = (7 + target.num_days_from_monday() - date.weekday().num_days_from_monday()) % 7;
    date.checked_add_days(Days::new(u64::from(ahead)))
        .unwrap_or(date)
}
