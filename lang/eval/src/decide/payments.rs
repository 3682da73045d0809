//! Payments: each payee's month, its lines less what a missed obligation holds back, plus what is released
//! (spec 9.7), with its flags and whether it is decided only in part (spec 9.4).
//!
//! Every amount here is a sum of lines already rounded (lines.rs), so a total is the sum of the printed lines;
//! every sum is checked (money.rs).

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use cvl_check::model::{Contract, PartyId};

use super::Period;
use super::lines::{Lines, NotPaid};
use crate::calendar::Month;
use crate::money::{self, Overflow};
use crate::withhold::{Flags, Holds};
use crate::{Hold, Meeting, Payment, Unpaid};

/// What a month releases: the amount, the months it was held in, and the events that released it.
type Release = (Decimal, Vec<Month>, Vec<Meeting>);

/// The payments, payees in the contract's order and months in order; an [`Overflow`] if a sum leaves the exact
/// decimal type.
pub(super) fn payments(
    contract: &Contract,
    mut lines: Lines,
    mut unpaid: NotPaid,
    holds: &Holds,
    mut flags: Flags,
    period: &Period,
) -> Result<Vec<Payment>, Overflow> {
    let mut withheld: BTreeMap<(PartyId, Month), Decimal> = BTreeMap::new();
    let mut released: BTreeMap<(PartyId, Month), Release> = BTreeMap::new();
    let decided = Month::of(period.as_of);
    for ((party, month), held) in holds {
        let what = || format!("the payments to `{}` for {month}", party.0);
        // Each line is held by the holds that cover its item (all of them, for a hold that names no items, spec
        // 9.7), and released in the month the last of those is met: never, while one is not.
        let mut by_release: BTreeMap<Option<Month>, Decimal> = BTreeMap::new();
        for line in lines.get(&(party.clone(), *month)).into_iter().flatten() {
            let covering: Vec<&Hold> = held.holds.iter().filter(|h| h.holds(&line.item)).collect();
            if covering.is_empty() {
                continue;
            }
            let release = covering
                .iter()
                .try_fold(None, |latest: Option<Month>, h| {
                    h.released_in
                        .map(|at| Some(latest.map_or(at, |l| l.max(at))))
                })
                .flatten();
            let entry = by_release.entry(release).or_default();
            *entry = money::add(*entry, line.amount, &what)?;
        }
        let amount = money::sum(by_release.values().copied(), &what)?;
        withheld.insert((party.clone(), *month), amount);
        for (release, amount) in by_release {
            let Some(at) = release.filter(|at| *at <= decided) else {
                continue;
            };
            let entry = released.entry((party.clone(), at)).or_default();
            entry.0 = money::add(entry.0, amount, &|| {
                format!("what is released to `{}` in {at}", party.0)
            })?;
            if !entry.1.contains(month) {
                entry.1.push(*month);
            }
            // The events met in the month of the release are what released it.
            for hold in held.holds.iter().filter(|h| h.released_in == Some(at)) {
                if let Some(by) = &hold.release
                    && !entry.2.iter().any(|m| m.event == by.event)
                {
                    entry.2.push(by.clone());
                }
            }
        }
    }
    // A month is listed for its lines, or for what it releases; releasing nothing (a month held while its lines
    // came to 0.00) lists no month of its own.
    let releasing = released
        .iter()
        .filter(|(_, (amount, _, _))| !amount.is_zero())
        .map(|(key, _)| key);
    let mut keys: Vec<(PartyId, Month)> = lines.keys().chain(releasing).cloned().collect();
    keys.sort_by_key(|(party, month)| {
        (contract.parties.iter().position(|p| &p.id == party), *month)
    });
    keys.dedup();
    keys.into_iter()
        .map(|key| {
            let what = || format!("the payments to `{}` for {}", key.0.0, key.1);
            let month_lines = lines.remove(&key).unwrap_or_default();
            let sum = money::sum(month_lines.iter().map(|l| l.amount), &what)?;
            let held = withheld.get(&key).copied().unwrap_or(Decimal::ZERO);
            let (freed, freed_months, freed_by) = released.remove(&key).unwrap_or_default();
            // A release after the date decided as of is not in this decision.
            let holding = holds.get(&key).map_or_else(Vec::new, |held| {
                held.holds
                    .iter()
                    .map(|hold| {
                        let within = hold.released_in.filter(|at| *at <= decided);
                        Hold {
                            released_in: within,
                            released_by: within.and(hold.released_by.clone()),
                            release: within.and(hold.release.clone()),
                            ..hold.clone()
                        }
                    })
                    .collect()
            });
            let unpaid_hours = unpaid.remove(&key).unwrap_or_default();
            let mut flags = flags.remove(&key).unwrap_or_default();
            flags.extend(unpaid_hours.iter().map(|u| {
                crate::Said::new(cvl_syntax::text!(
                    "eval-flag-hours-unpaid",
                    hours = cvl_check::words::value_text(&cvl_check::value::Value::Hours(u.hours)),
                    item = u.item.0.as_str(),
                    why = match u.reason {
                        Unpaid::OutsideContract =>
                            cvl_syntax::text!("eval-unpaid-outside-contract"),
                        Unpaid::OutsideItem => cvl_syntax::text!("eval-unpaid-outside-item"),
                        Unpaid::NotConfirmed => cvl_syntax::text!("eval-unpaid-not-confirmed"),
                        Unpaid::OverCap => cvl_syntax::text!("eval-unpaid-over-cap"),
                    }
                ))
            }));
            let provisional = period.as_of < key.1.last_day().min(period.decided_through);
            let total = money::add(money::sub(sum, held, &what)?, freed, &what)?;
            Ok(Payment {
                payee: key.0.clone(),
                period: key.1,
                total,
                lines: month_lines,
                withheld: held,
                released: freed,
                released_from: freed_months,
                released_by: freed_by.iter().map(|m| m.event.clone()).collect(),
                released_meetings: freed_by,
                held: holding,
                approved: Decimal::ZERO,
                flags,
                unpaid_hours,
                provisional,
            })
        })
        .collect()
}
