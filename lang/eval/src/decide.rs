//! Deciding: from the state the events built, each payee's payment for each month, with the reasons.
//!
//! The contract is in force from the later of its start and its last required signature, through the earliest
//! of its own end, its termination's effective end (that day included) and the date evaluation is as of. Each
//! item pays for the days it is active in each month (a monthly rate prorated by calendar days, a daily rate per
//! day, an hourly rate per hour delivered, confirmed and under the cap). Each obligation falls due every interval
//! from the start; a missed one with `withhold` holds the party's payments for every month that ends after its
//! due date plus grace, until the event that meets it, and releases them in the month that event arrives.

use std::collections::BTreeMap;

use chrono::{Datelike, Days, NaiveDate};
use rust_decimal::Decimal;

use cvl_check::model::{End, Item, ItemKind, PartyId, Weekday};
use cvl_check::types::Per;
use cvl_check::value::{Value, add_duration};
use cvl_syntax::ast::Consequence;

use crate::calendar::{Month, day_before, days_between, prorate, round_money};
use crate::money::{self, Overflow};
use crate::state::{State, is_hourly, names};
use crate::{Act, ActKind, Decision, Line, ObligationRow, Payment, Status};

/// A stretch of days with one rate, and the events behind it.
struct Stretch<'a> {
    item: &'a Item,
    from: NaiveDate,
    to: NaiveDate,
    amount: Decimal,
    events: Vec<String>,
}

/// The decision; an [`Overflow`] only if a sum leaves the exact decimal type, which the limits of spec section 7
/// rule out.
pub(crate) fn decide(
    state: &State<'_>,
    until: Option<NaiveDate>,
    last_event: Option<NaiveDate>,
) -> Result<Decision, Overflow> {
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
        return Ok(empty(until.or(last_event), warnings, acts));
    }
    let Some(start) = state.start else {
        warnings.push("the contract has not started: nothing is due".to_string());
        return Ok(empty(until.or(last_event), warnings, acts));
    };
    let in_force = state
        .signatures
        .values()
        .map(|s| s.date)
        .max()
        .unwrap_or(start)
        .max(start);
    let mut end: Option<NaiveDate> = match &contract.end {
        Some(End::On(date)) => Some(*date),
        Some(End::After(d)) => add_duration(start, d.amount, d.calendar).map(day_before),
        Some(End::When(_)) | None => None,
    };
    if let Some((_, effective, _)) = state.terminated {
        end = Some(end.map_or(effective, |e| e.min(effective)));
    }
    let as_of = until.or(end).or(last_event).unwrap_or(start);
    let last_day = end.map_or(as_of, |e| e.min(as_of));

    let mut signature_events: Vec<String> =
        state.signatures.values().map(|s| s.event.clone()).collect();
    signature_events.sort();
    signature_events.extend(state.start_event.iter().cloned());

    // Every line, by payee and month.
    let mut lines: BTreeMap<(PartyId, Month), Vec<Line>> = BTreeMap::new();
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
                let line = hourly_line(
                    item,
                    rate.amount,
                    &rate.currency,
                    hours.reported,
                    hours.confirmed,
                    &hours.events,
                    *month,
                )?;
                lines.entry((payee.clone(), *month)).or_default().push(line);
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
                let line = day_line(&stretch, rate.per, &rate.currency, days, month)?;
                lines.entry((payee.clone(), month)).or_default().push(line);
            }
        }
    }

    let obligations = obligation_rows(state, start, last_day, as_of, &mut warnings);

    // Holds and flags, by party and month.
    let mut holds: BTreeMap<(PartyId, Month), Vec<Option<Month>>> = BTreeMap::new();
    let mut flags: BTreeMap<(PartyId, Month), Vec<String>> = BTreeMap::new();
    for row in &obligations {
        let Some(obligation) = contract.obligations.iter().find(|o| o.id == row.kind) else {
            continue;
        };
        let grace_end = grace_end(row.due, obligation.grace.map(|g| (g.amount, g.calendar)));
        let arrived = row.met_on.filter(|d| *d > grace_end).map(Month::of);
        let missed = row.status == Status::Missed;
        if !missed {
            continue;
        }
        for month in Month::range(Month::of(grace_end), Month::of(last_day)) {
            if month.last_day() <= grace_end || arrived.is_some_and(|a| month >= a) {
                continue;
            }
            for party in &obligation.by {
                match obligation.consequence {
                    Some(Consequence::Withhold) => holds
                        .entry((party.clone(), month))
                        .or_default()
                        .push(arrived),
                    Some(Consequence::Flag) => flags
                        .entry((party.clone(), month))
                        .or_default()
                        .push(format!("`{}` due {} was missed", obligation.id.0, row.due)),
                    None => {}
                }
            }
        }
    }

    // Payments: each month's lines, less what is held, plus what is released.
    let mut withheld: BTreeMap<(PartyId, Month), Decimal> = BTreeMap::new();
    let mut released: BTreeMap<(PartyId, Month), (Decimal, Vec<Month>)> = BTreeMap::new();
    for ((party, month), held_by) in &holds {
        let what = || format!("the payments to `{}` for {month}", party.0);
        let amount: Decimal = match lines.get(&(party.clone(), *month)) {
            Some(ls) => money::sum(ls.iter().map(|l| l.amount), &what)?,
            None => Decimal::ZERO,
        };
        withheld.insert((party.clone(), *month), amount);
        let release = held_by
            .iter()
            .copied()
            .collect::<Option<Vec<Month>>>()
            .and_then(|ms| ms.into_iter().max());
        match release {
            Some(at) if at <= Month::of(as_of) => {
                let entry = released.entry((party.clone(), at)).or_default();
                entry.0 = money::add(entry.0, amount, &|| {
                    format!("what is released to `{}` in {at}", party.0)
                })?;
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
            let what = || format!("the payments to `{}` for {}", key.0.0, key.1);
            let month_lines = lines.remove(&key).unwrap_or_default();
            let sum = money::sum(month_lines.iter().map(|l| l.amount), &what)?;
            let held = withheld.get(&key).copied().unwrap_or(Decimal::ZERO);
            let (freed, freed_months) = released.remove(&key).unwrap_or_default();
            let total = money::add(money::sub(sum, held, &what)?, freed, &what)?;
            Ok(Payment {
                payee: key.0.clone(),
                period: key.1,
                total,
                lines: month_lines,
                withheld: held,
                released: freed,
                released_from: freed_months,
                flags: flags.remove(&key).unwrap_or_default(),
            })
        })
        .collect::<Result<_, Overflow>>()?;
    Ok(Decision {
        until: Some(as_of),
        payments,
        obligations,
        acts,
        warnings,
    })
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
    if let Some(first) = item.first
        && let Some(first_end) = add_duration(start, first.amount, first.calendar)
    {
        to = to.min(day_before(first_end));
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
    month: Month,
) -> Result<Line, Overflow> {
    let days_in_month = month.days();
    let what = || format!("the line of `{}` for {month}", stretch.item.id.0);
    let rate = money(stretch.amount, currency);
    let (amount, basis) = match per {
        Per::Day => (
            round_money(money::mul(stretch.amount, Decimal::from(days), &what)?),
            format!(
                "{rate}/day × {days} {}",
                if days == 1 { "day" } else { "days" }
            ),
        ),
        _ if days == days_in_month => (stretch.amount, format!("{rate}/month")),
        _ => (
            prorate(stretch.amount, days, days_in_month).ok_or_else(|| Overflow(what()))?,
            format!("{rate}/month × {days}/{days_in_month} days"),
        ),
    };
    Ok(Line {
        item: stretch.item.id.clone(),
        amount,
        basis,
        clause: stretch.item.pay_span,
        events: stretch.events.clone(),
    })
}

fn hourly_line(
    item: &Item,
    rate: Decimal,
    currency: &str,
    reported: Decimal,
    confirmed: Decimal,
    events: &[String],
    month: Month,
) -> Result<Line, Overflow> {
    let mut paid = reported;
    let mut notes = vec![format!("{} reported", hours(reported))];
    if !item.confirmed_by.is_empty() {
        paid = paid.min(confirmed);
        notes.push(format!("{} confirmed", hours(confirmed)));
    }
    if let Some(cap) = item.cap
        && paid > cap
    {
        paid = cap;
        notes.push(format!("cap {}/month", hours(cap)));
    }
    let what = || format!("the line of `{}` for {month}", item.id.0);
    Ok(Line {
        item: item.id.clone(),
        amount: round_money(money::mul(rate, paid, &what)?),
        basis: format!(
            "{}/hour × {} ({})",
            money(rate, currency),
            hours(paid),
            notes.join(", ")
        ),
        clause: item.pay_span,
        events: events.to_vec(),
    })
}

fn hours(amount: Decimal) -> String {
    Value::Hours(amount).to_string()
}

fn grace_end(due: NaiveDate, grace: Option<(Decimal, cvl_check::types::Calendar)>) -> NaiveDate {
    grace
        .and_then(|(amount, calendar)| add_duration(due, amount, calendar))
        .unwrap_or(due)
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
            // A multiple beyond the exact type is beyond the calendar too: no more occurrences.
            let Some(due) = every
                .amount
                .checked_mul(Decimal::from(k))
                .and_then(|n| add_duration(start, n, every.calendar))
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
