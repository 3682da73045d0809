//! Deciding: from the state the events built, each payee's payment for each month, with the reasons.
//!
//! The contract is in force from the later of its start and its last required signature, through the earliest
//! of its own end (`ends when` once its event has arrived), its termination's effective end (that day included),
//! the date evaluation is as of, and its reach (100 years from the start: nothing later is decided): that is the
//! [`Period`], worked out here. Then, each in its own module: the lines each item pays for the days and hours of
//! each month (lines.rs); the occurrences of each obligation and their status (obligations.rs), and what a missed
//! one holds or flags (withhold.rs); each payee's month, less what is held, plus what is released (payments.rs);
//! and the acts of several signatories (acts.rs); then what the payer has approved against each month
//! (approved.rs). A month that ends after the date decided as of, before the contract's last day, is provisional.

mod acts;
mod approved;
mod hourly;
mod lines;
mod obligations;
mod once;
mod payments;
mod reviews;

use chrono::NaiveDate;

use cvl_check::horizon;
use cvl_check::model::{End, PartyId};
use cvl_syntax::text;

use crate::calendar::day_before;
use crate::money::Overflow;
use crate::state::State;
use crate::versions::{self, InForce, Versions, Window};
use crate::withhold::holds_and_flags;
use crate::{Decision, Line, Said};

/// The days a decision covers.
pub(crate) struct Period {
    /// The contract's start: the date it starts on, or of its `starts when` event.
    pub start: NaiveDate,
    /// The first day in force: the later of the start and the last signature.
    pub in_force: NaiveDate,
    /// The last day paid: the earliest of the contract's end and the date decided as of.
    pub last_day: NaiveDate,
    /// The date decided as of (never after the reach).
    pub as_of: NaiveDate,
    /// The last day there is to decide: a month that ends later, decided as of an earlier day, is provisional.
    pub decided_through: NaiveDate,
}

/// The decision; an [`Overflow`] only if a sum leaves the exact decimal type, which the limits of spec section 7
/// rule out.
pub(crate) fn decide(
    state: &State<'_>,
    given: &Versions<'_>,
    until: Option<NaiveDate>,
    last_event: Option<NaiveDate>,
) -> Result<Decision, Overflow> {
    let contract = state.contract;
    let mut warnings = Vec::new();
    let acts = acts::acts(state, &mut warnings);
    unnamed(state, given, &mut warnings);
    let period = match period(state, until, last_event, &mut warnings) {
        Ok(period) => period,
        Err(as_of) => {
            approved::approve(contract, &mut [], &state.approvals, &mut warnings)?;
            return Ok(Decision {
                until: as_of,
                reach: state.start.map(horizon::reach),
                payments: Vec::new(),
                obligations: Vec::new(),
                acts,
                approvals: state.approvals.clone(),
                expenses: state.expenses.clone(),
                payments_made: state.payments_made.clone(),
                index_values: state.index_values.clone(),
                versions: Vec::new(),
                warnings,
            });
        }
    };
    let done = versions::done(state, given);
    let effective: Vec<NaiveDate> = done.iter().map(|(day, _, _)| *day).collect();
    let mut windows = versions::windows(period.in_force, period.last_day, &effective);
    if windows.is_empty() {
        windows.push(Window {
            from: period.in_force,
            to: period.last_day,
            version: 0,
        });
    }
    // Each window's text: the contract's own, or a done amendment's.
    let text = |w: &Window| match w.version.checked_sub(1).and_then(|i| done.get(i)) {
        Some((_, version, events)) => (
            version.contract,
            version.file,
            version.sha256,
            events.clone(),
        ),
        None => (contract, given.file, given.sha256, Vec::new()),
    };
    let amended = windows.iter().any(|w| w.version > 0);
    let texts: Vec<once::Text<'_>> = windows
        .iter()
        .map(|w| once::Text {
            from: w.from,
            to: w.to,
            items: &text(w).0.items,
        })
        .collect();
    let (once_lines, once_flags) =
        once::once_lines(&period, &texts, &lines::signature_events(state))?;
    let mut in_force = Vec::new();
    let mut lines = lines::Lines::new();
    let mut unpaid = lines::NotPaid::new();
    let mut unregulated = once_flags;
    let mut used = hourly::Used::new();
    let count = windows.len();
    for (i, window) in windows.iter().enumerate() {
        let (text_of, file, sha256, events) = text(window);
        let scope = lines::Scope {
            items: &text_of.items,
            from: window.from,
            to: window.to,
            index: i,
            texts: &texts,
        };
        let (mut window_lines, window_unpaid, window_flags) =
            lines::lines(state, &period, &scope, &mut used)?;
        for (w, payee, month, line) in &once_lines {
            if *w == i {
                window_lines
                    .entry((payee.clone(), *month))
                    .or_default()
                    .push(line.clone());
            }
        }
        for (key, fs) in window_flags {
            let month_flags: &mut Vec<crate::Said> = unregulated.entry(key).or_default();
            for flag in fs {
                if !month_flags.contains(&flag) {
                    month_flags.push(flag);
                }
            }
        }
        // A line of an amended text cites the version and the events that amended the contract to it.
        let cite = amended.then_some(i);
        for (key, ls) in window_lines {
            lines
                .entry(key)
                .or_default()
                .extend(ls.into_iter().map(|mut l| {
                    l.events.extend(events.iter());
                    Line { version: cite, ..l }
                }));
        }
        for (key, us) in window_unpaid {
            merge_unpaid(unpaid.entry(key).or_default(), us);
        }
        in_force.push(InForce {
            file: file.to_string(),
            sha256: sha256.to_string(),
            from: window.from,
            to: window.to,
            events,
        });
    }
    if !amended {
        in_force.clear();
    }
    // The obligations by the version in force on each due day; the first window from the start, the last through
    // the last day (spec 9.13).
    let scopes: Vec<obligations::Scope<'_>> = windows
        .iter()
        .enumerate()
        .map(|(i, w)| obligations::Scope {
            contract: text(w).0,
            from: if i == 0 { NaiveDate::MIN } else { w.from },
            to: if i + 1 == count { NaiveDate::MAX } else { w.to },
        })
        .collect();
    let obligations = obligations::obligation_rows(
        state,
        &scopes,
        period.start,
        period.last_day,
        period.as_of,
        &mut warnings,
    );
    let names: Vec<cvl_check::model::TermId> = obligations::declared(&scopes)
        .into_iter()
        .map(|o| o.id)
        .collect();
    // What a missed occurrence holds or flags, and the clause its hold cites, are as the version in force on its
    // due day writes its obligation (spec 9.13); a hold cites that version when an amendment is in force.
    let written = |name: &cvl_check::model::TermId, due: NaiveDate| {
        let at = scopes.iter().position(|s| s.from <= due && due <= s.to)?;
        let obligation = scopes
            .get(at)?
            .contract
            .obligations
            .iter()
            .find(|o| &o.id == name)?;
        Some((amended.then_some(at), obligation))
    };
    let (holds, mut flags) = holds_and_flags(&names, &obligations, written, period.last_day);
    // Each supplement's review at the end of a term is an obligation of its reviewer, flagged when missed.
    let reviews = reviews::review_rows(state, &scopes, period.last_day, period.as_of);
    reviews::review_flags(state, &scopes, &reviews, period.last_day, &mut flags);
    // A month that pays a rate its index did not regulate for want of a value is flagged (spec 4.8, 9.7).
    for (key, fs) in unregulated {
        flags.entry(key).or_default().extend(fs);
    }
    let mut obligations = obligations;
    obligations.extend(reviews);
    obligations.sort_by(|a, b| (a.due, &a.kind.0).cmp(&(b.due, &b.kind.0)));
    let mut payments = payments::payments(contract, lines, unpaid, &holds, flags, &period)?;
    approved::approve(contract, &mut payments, &state.approvals, &mut warnings)?;
    Ok(Decision {
        until: Some(period.as_of),
        reach: Some(horizon::reach(period.start)),
        payments,
        obligations,
        acts,
        approvals: state.approvals.clone(),
        expenses: state.expenses.clone(),
        payments_made: state.payments_made.clone(),
        index_values: state.index_values.clone(),
        versions: in_force,
        warnings,
    })
}

/// Adds one version's hours not paid in a month to those of the versions before it: one entry per item and reason
/// (spec 9.4: a flag per item and reason), the hours of each summed, in the order of the reasons.
fn merge_unpaid(month: &mut Vec<crate::UnpaidHours>, more: Vec<crate::UnpaidHours>) {
    for u in more {
        match month
            .iter_mut()
            .find(|m| m.item == u.item && m.reason == u.reason)
        {
            Some(m) => m.hours = m.hours.saturating_add(u.hours),
            None => month.push(u),
        }
    }
    let first = |item: &cvl_check::model::TermId, all: &[crate::UnpaidHours]| {
        all.iter().position(|u| &u.item == item)
    };
    let order: Vec<_> = month
        .iter()
        .map(|u| (first(&u.item, month), u.reason as u8))
        .collect();
    let mut keyed: Vec<_> = order.into_iter().zip(month.drain(..)).collect();
    keyed.sort_by_key(|(k, _)| *k);
    month.extend(keyed.into_iter().map(|(_, u)| u));
}

/// A warning for each text given that no amendment names: it decides nothing.
fn unnamed(state: &State<'_>, given: &Versions<'_>, warnings: &mut Vec<Said>) {
    for version in &given.amended {
        if !state
            .amendments
            .iter()
            .any(|a| a.contract == version.sha256)
        {
            warnings.push(Said::new(text!(
                "eval-warn-version-unnamed",
                file = version.file,
                sha256 = version.sha256.to_string()
            )));
        }
    }
}

/// The days in force and decided; while nothing is due (not signed by all, or not started), the date decided as
/// of instead, with a warning, never after the reach when the start is known (spec 9.3).
fn period(
    state: &State<'_>,
    until: Option<NaiveDate>,
    last_event: Option<NaiveDate>,
    warnings: &mut Vec<Said>,
) -> Result<Period, Option<NaiveDate>> {
    let contract = state.contract;
    let unsigned: Vec<PartyId> = contract
        .signatories
        .iter()
        .filter(|p| !state.signatures.contains_key(*p))
        .cloned()
        .collect();
    if !unsigned.is_empty() {
        warnings.push(Said::new(text!(
            "eval-warn-not-signed",
            parties = crate::state::names_text(&unsigned)
        )));
        let as_of = until.or(last_event);
        return Err(match state.start {
            Some(start) => as_of.map(|d| within_reach(d, start, warnings)),
            None => as_of,
        });
    }
    let Some(start) = state.start else {
        warnings.push(Said::new(text!("eval-warn-not-started")));
        return Err(until.or(last_event));
    };
    let in_force = state
        .signatures
        .values()
        .map(|s| s.date)
        .max()
        .unwrap_or(start)
        .max(start);
    // Nothing is decided past the reach (spec 7): a date beyond it, from the contract's text or from an event, is
    // cut back to it with a warning. The reach is never after 9999-12-31, so every date decided has four digits.
    let reach = horizon::reach(start);
    let end = last_day(state, start);
    let as_of = within_reach(
        until.or(end).or(last_event).unwrap_or(start),
        start,
        warnings,
    );
    Ok(Period {
        start,
        in_force,
        last_day: end.map_or(as_of, |e| e.min(as_of)),
        as_of,
        decided_through: end.map_or(reach, |e| e.min(reach)),
    })
}

/// The contract's last day in force, where the texts and the events so far fix one, for a contract that started on
/// `start`: the end the texts in force state ([`texts_end`]), and its termination's effective end, whichever is
/// earlier.
pub(crate) fn last_day(state: &State<'_>, start: NaiveDate) -> Option<NaiveDate> {
    let mut end = texts_end(state, start, true);
    if let Some((effective, _)) = state.terminated {
        end = Some(end.map_or(effective, |e| e.min(effective)));
    }
    end
}

/// The contract's end as the texts in force state it (spec 9.3, 9.13): a day is in force only if it is within the
/// end stated by the version in force on it. Each version, from its first day in force until the next one's, ends
/// the contract at its own end (`ends on`, `ends after` counted from the start, and with `by_event` the date of
/// its `ends when` event) when that falls within its days, and on the day before its first day when that falls
/// before them (an amendment's `amended` event that would do so is refused, state.rs); so an amendment that moves
/// the end later extends the contract, and one that moves it earlier shortens it. None when no version ends it in
/// its days, or when a done amendment's text is not known (a fold that only admits, without the texts).
pub(crate) fn texts_end(state: &State<'_>, start: NaiveDate, by_event: bool) -> Option<NaiveDate> {
    let timeline = versions::timeline(state)?;
    for (i, (from, text)) in timeline.iter().enumerate() {
        let to = timeline
            .get(i + 1)
            .map_or(NaiveDate::MAX, |(next, _)| day_before(*next));
        let Some(end) = text_end(state, text, start, by_event) else {
            continue;
        };
        if end < *from {
            return Some(day_before(*from));
        }
        if end <= to {
            return Some(end);
        }
    }
    None
}

/// The end `text` states for a contract that started on `start`: its `ends on` date, its `ends after` length
/// counted from the start, and with `by_event` the date of its `ends when` event once it has arrived.
pub(crate) fn text_end(
    state: &State<'_>,
    text: &cvl_check::model::Contract,
    start: NaiveDate,
    by_event: bool,
) -> Option<NaiveDate> {
    match &text.end {
        Some(End::On(date)) => Some(*date),
        // The checker admits only a whole number of days or months, at most 100 years (spec 5.8, 7), so the sum
        // always exists (a start is at most 9999-12-31, far inside the date type). Were it ever missing, the end
        // is the reach: the contract is not treated as having no end.
        Some(End::After(d)) => {
            Some(crate::dates::last_day_after(start, d).unwrap_or_else(|| horizon::reach(start)))
        }
        // The first event of the kind, that day included (spec 4.6); `terminated` ends it by the termination.
        Some(End::When(_)) if by_event => state.ended.as_ref().map(|e| e.date),
        _ => None,
    }
}

/// `as_of`, or the reach of a contract starting on `start` when that is earlier, with a warning (spec 9.3): signed
/// or not, nothing is decided past it.
fn within_reach(as_of: NaiveDate, start: NaiveDate, warnings: &mut Vec<Said>) -> NaiveDate {
    let reach = horizon::reach(start);
    if as_of <= reach {
        return as_of;
    }
    let why = if reach == horizon::LAST_DAY {
        text!("eval-warn-reach-calendar")
    } else {
        text!("eval-warn-reach-century")
    };
    warnings.push(Said::new(text!(
        "eval-warn-reach",
        reach = reach.to_string(),
        why = why
    )));
    reach
}
