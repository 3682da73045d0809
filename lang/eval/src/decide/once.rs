//! One-off payments across the versions of a contract's text (spec 4.8, 9.4, 9.13).
//!
//! A one-off item (`once on start`, `once on DATE`) is paid at most once per contract, by its name, whatever the
//! versions in force: the first version (in the order of their days) that has the item and is in force on the day
//! it gives pays it, in full, in that day's month; no other version pays it again, even one that moves its day. The
//! day of `once on start` is the item's first day in force: the later of its own `starts on` and the first day of
//! the first version that has it (so an item an amendment adds is paid on the amendment's first day in force). A
//! one-off that no version pays, and that no later day decided can pay, is not dropped in silence: its month (that
//! of its day, within the months decided) gets a 0.00 line of it and a flag saying why.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use cvl_syntax::text;

use cvl_check::model::{Item, OnceOn, OneOff, PartyId, TermId};

use super::Period;
use super::lines::{item_days, line};
use crate::Line;
use crate::basis::{Basis, Money};
use crate::calendar::Month;
use crate::money::Overflow;
use crate::withhold::Flags;

/// One window of days with one version in force: its first and last day and that version's items.
pub(super) struct Text<'a> {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub items: &'a [Item],
}

/// The one-off lines, each with the window (index into the texts) whose version it cites, its payee and month; and
/// the flags of the one-offs not paid.
pub(super) type OnceLines = (Vec<(usize, PartyId, Month, Line)>, Flags);

/// Every one-off line of the windows `texts` (in order of their days, covering the days in force of `period`).
pub(super) fn once_lines(
    period: &Period,
    texts: &[Text<'_>],
    signature_events: &[String],
) -> Result<OnceLines, Overflow> {
    let mut names: Vec<&TermId> = Vec::new();
    for text in texts {
        for item in text.items.iter().filter(|i| i.once.is_some()) {
            if !names.contains(&&item.id) {
                names.push(&item.id);
            }
        }
    }
    let mut lines = Vec::new();
    let mut flags = Flags::new();
    for name in names {
        // The versions that have it, in order of their days, each with the day it gives.
        let having: Vec<(usize, &Item, &OneOff, &PartyId)> = texts
            .iter()
            .enumerate()
            .filter_map(|(w, t)| {
                let item = t.items.iter().find(|i| &i.id == name)?;
                Some((w, item, item.once.as_ref()?, item.payee.as_ref()?))
            })
            .collect();
        let Some(first_from) = having
            .first()
            .and_then(|(w, ..)| texts.get(*w))
            .map(|t| t.from)
        else {
            continue;
        };
        let day_of = |item: &Item, once: &OneOff| match once.on {
            OnceOn::Start => item.starts.map_or(first_from, |s| s.max(first_from)),
            OnceOn::Date(date) => date,
        };
        let pays = having.iter().find(|(w, item, once, _)| {
            let day = day_of(item, once);
            let (from, to) = item_days(item, period);
            texts
                .get(*w)
                .is_some_and(|t| t.from <= day && day <= t.to && from <= day && day <= to)
        });
        if let Some((w, item, once, payee)) = pays {
            let day = day_of(item, once);
            let basis = Basis::Once {
                amount: Money {
                    amount: once.amount,
                    currency: once.currency.clone(),
                },
                day,
                paid: true,
            };
            let month = Month::of(day);
            let paid = line(
                item,
                month,
                once.amount,
                Decimal::ONE,
                basis,
                signature_events.iter().collect(),
            )?;
            lines.push((*w, (*payee).clone(), month, paid));
            continue;
        }
        let Some((w, item, once, payee)) = having.last() else {
            continue;
        };
        let day = day_of(item, once);
        // The text in force from here on still has it, on a day not decided yet: it may be paid then.
        let open = period.last_day < period.decided_through;
        let to_come = day > period.last_day && day <= period.decided_through && open;
        if *w + 1 == texts.len() && to_come {
            continue;
        }
        let why = match texts.last() {
            Some(last) if to_come => {
                text!("eval-once-later-text-lacks", from = last.from.to_string())
            }
            _ if day < period.in_force || day > period.last_day => {
                text!("eval-once-not-in-force", day = day.to_string())
            }
            _ if texts
                .iter()
                .find(|t| t.from <= day && day <= t.to)
                .is_some_and(|t| !t.items.iter().any(|i| &i.id == name)) =>
            {
                text!("eval-once-text-lacks", day = day.to_string())
            }
            _ => text!("eval-once-not-that-day", day = day.to_string()),
        };
        let month = Month::of(day)
            .max(Month::of(period.in_force))
            .min(Month::of(period.last_day));
        let basis = Basis::Once {
            amount: Money {
                amount: once.amount,
                currency: once.currency.clone(),
            },
            day,
            paid: false,
        };
        let unpaid = line(
            item,
            month,
            Decimal::ZERO,
            Decimal::ONE,
            basis,
            crate::EventIds::new(),
        )?;
        lines.push((*w, (*payee).clone(), month, unpaid));
        flags
            .entry(((*payee).clone(), month))
            .or_default()
            .push(crate::Said::new(text!(
                "eval-once-unpaid",
                item = name.0.as_str(),
                why = why
            )));
    }
    Ok((lines, flags))
}
