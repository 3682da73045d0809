//! Withhold and flag: the months a missed obligation holds back or marks, and when what is held is released.
//!
//! A missed occurrence covers every month that ends after its due date plus grace, up to (not including) the
//! month its meeting event arrives, or through the last month decided when none has. The months are swept once per
//! obligation and bound party, so the work and the output grow with the months and the occurrences, never with
//! their product: a month does not list every earlier missed occurrence again, its flag names the latest and
//! counts the others (spec 9.7), and a month held lists, per obligation, only the occurrence whose meeting
//! releases it (the latest that holds it).

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use rust_decimal::Decimal;

use cvl_check::model::{Obligation, PartyId, TermId};
use cvl_check::types::Calendar;
use cvl_check::value::add_duration;
use cvl_syntax::ast::Consequence;

use crate::calendar::Month;
use crate::{Hold, Meeting, ObligationRow, Status};

/// A month held back: the month it is released in, or `None` while some covering occurrence has not been met;
/// and per obligation that holds it, the occurrence whose meeting releases it.
pub(crate) struct Held {
    pub release: Option<Month>,
    pub holds: Vec<Hold>,
}

/// For each party and month held back, what holds it.
pub(crate) type Holds = BTreeMap<(PartyId, Month), Held>;

/// For each party and month: the flags it carries, one per obligation.
pub(crate) type Flags = BTreeMap<(PartyId, Month), Vec<crate::Said>>;

/// The months one missed occurrence covers: from `first` up to, not including, `until`.
struct Cover {
    first: Month,
    until: Option<Month>,
    due: NaiveDate,
    grace_end: NaiveDate,
    /// The event that met the occurrence, late.
    meeting: Option<Meeting>,
    /// Which writing of its obligation it falls due under, in its group's writings (`groups`).
    writing: usize,
}

impl Cover {
    /// The order in which covers release what they hold: the one met last (or never) releases a month that several
    /// hold, and of several such, the one due last is named.
    fn rank(&self) -> (bool, Option<Month>, NaiveDate) {
        (self.until.is_none(), self.until, self.due)
    }
}

/// Due plus grace: the last day on which meeting the obligation is late rather than missed. The checker admits
/// only a whole grace of at most 100 years (spec 5.8, 7), so the sum exists; were it missing, no grace is given.
pub(crate) fn grace_end(due: NaiveDate, grace: Option<(Decimal, Calendar)>) -> NaiveDate {
    grace
        .and_then(|(amount, calendar)| add_duration(due, amount, calendar))
        .unwrap_or(due)
}

/// An obligation as one version of the text writes it, with that version's place in the decision's versions
/// (`None` when no amendment is in force): what a missed occurrence due under it holds or flags, and cites.
pub(crate) type Written<'a> = (Option<usize>, &'a Obligation);

/// The holds and flags that the missed occurrences in `rows` put on the months through `last_day`, for the
/// obligations `names` in order. What each occurrence holds or flags (the consequence, the items it holds, the
/// parties bound, the grace, the clause it cites) is as `written` gives it for its obligation and due day: the
/// version of the text in force on that day (spec 9.13). Occurrences that hold or flag alike are swept together,
/// one hold or flag per month; an amendment that changes what they hold sweeps each writing apart.
pub(crate) fn holds_and_flags<'a>(
    names: &[TermId],
    rows: &[ObligationRow],
    written: impl Fn(&TermId, NaiveDate) -> Option<Written<'a>>,
    last_day: NaiveDate,
) -> (Holds, Flags) {
    let last = Month::of(last_day);
    let mut holds = Holds::new();
    let mut flags = Flags::new();
    for name in names {
        for (writings, covers) in groups(name, rows, &written, last) {
            let Some(start) = covers.first().map(|c| c.first) else {
                continue;
            };
            // Every writing of a group has the same consequence and binds the same parties.
            let Some((_, like)) = writings.first() else {
                continue;
            };
            for party in &like.by {
                match like.consequence {
                    Some(Consequence::Withhold) => {
                        sweep_holds(&covers, start, last, |month, cover| {
                            let Some((version, obligation)) = writings.get(cover.writing) else {
                                return;
                            };
                            let release = cover.until;
                            let hold = Hold {
                                obligation: obligation.id.clone(),
                                party: party.clone(),
                                due: cover.due,
                                grace_end: cover.grace_end,
                                clause: obligation.span,
                                released_in: release,
                                released_by: release
                                    .and(cover.meeting.as_ref().map(|m| m.event.clone())),
                                consequence: obligation.consequence_span,
                                uses: obligation.uses.clone(),
                                release: release.and(cover.meeting.clone()),
                                version: *version,
                                items: obligation.withholds.clone(),
                            };
                            let held = holds.entry((party.clone(), month)).or_insert(Held {
                                release,
                                holds: Vec::new(),
                            });
                            held.release = held.release.zip(release).map(|(a, b)| a.max(b));
                            held.holds.push(hold);
                        })
                    }
                    Some(Consequence::Flag) => {
                        sweep_flags(&covers, start, last, |month, active| {
                            flags
                                .entry((party.clone(), month))
                                .or_default()
                                .push(flag(&name.0, active));
                        })
                    }
                    None => {}
                }
            }
        }
    }
    (holds, flags)
}

/// The missed occurrences of the obligation `name` in `rows`, each as the version in force on its due day writes
/// it, in groups that hold or flag alike (the same consequence, items held and parties bound): per group, its
/// writings (the first of each version met) and the months each occurrence covers, in order of their first month.
/// An occurrence whose writing has no consequence covers nothing.
fn groups<'a>(
    name: &TermId,
    rows: &[ObligationRow],
    written: &impl Fn(&TermId, NaiveDate) -> Option<Written<'a>>,
    last: Month,
) -> Vec<(Vec<Written<'a>>, Vec<Cover>)> {
    let mut groups: Vec<(Vec<Written<'a>>, Vec<Cover>)> = Vec::new();
    for row in rows
        .iter()
        .filter(|row| &row.kind == name && row.status == Status::Missed && !row.review)
    {
        let Some((version, obligation)) = written(name, row.due) else {
            continue;
        };
        if obligation.consequence.is_none() {
            continue;
        }
        let Some(cover) = cover(row, obligation, last) else {
            continue;
        };
        let alike = |(_, o): &Written<'_>| {
            o.consequence == obligation.consequence
                && o.withholds == obligation.withholds
                && o.by == obligation.by
        };
        let at = match groups
            .iter()
            .position(|(w, _)| w.first().is_some_and(alike))
        {
            Some(at) => at,
            None => {
                groups.push((Vec::new(), Vec::new()));
                groups.len() - 1
            }
        };
        let Some((writings, covers)) = groups.get_mut(at) else {
            continue;
        };
        let writing = match writings.iter().position(|(v, _)| *v == version) {
            Some(i) => i,
            None => {
                writings.push((version, obligation));
                writings.len() - 1
            }
        };
        covers.push(Cover { writing, ..cover });
    }
    for (_, covers) in &mut groups {
        covers.sort_by_key(|c| (c.first, c.due));
    }
    groups
}

/// The months one missed occurrence covers, by its obligation's grace as written in force on its due day; none
/// when they all fall after `last` or it was met before its first.
fn cover(row: &ObligationRow, obligation: &Obligation, last: Month) -> Option<Cover> {
    let grace_end = grace_end(row.due, obligation.grace.map(|g| (g.amount, g.calendar)));
    let mut first = Month::of(grace_end);
    if first.last_day() <= grace_end {
        first = first.next();
    }
    let until = row.met_on.filter(|d| *d > grace_end).map(Month::of);
    (first <= last && until.is_none_or(|u| u > first)).then(|| Cover {
        first,
        until,
        due: row.due,
        grace_end,
        meeting: meeting(row),
        writing: 0,
    })
}

/// The event that met an occurrence, with its date and actor, if one did.
fn meeting(row: &ObligationRow) -> Option<Meeting> {
    Some(Meeting {
        event: row.event.clone()?,
        date: row.met_on?,
        actor: row.met_by.clone()?,
    })
}

/// Calls `hold(month, cover)` for each month some cover holds, with the cover that releases it: of the covers
/// that hold it, the one whose meeting arrives last (its `until`, the month's release), or one that has none
/// while one has not arrived; the one due last among equals. Since each meeting event meets the earliest
/// outstanding occurrence (spec 9.6), that is also the latest occurrence that holds the month.
fn sweep_holds<'a>(
    covers: &'a [Cover],
    start: Month,
    last: Month,
    mut hold: impl FnMut(Month, &'a Cover),
) {
    let mut next = covers.iter().peekable();
    let mut holder: Option<&Cover> = None;
    for month in Month::range(start, last) {
        while let Some(cover) = next.next_if(|c| c.first <= month) {
            if holder.is_none_or(|h| cover.rank() >= h.rank()) {
                holder = Some(cover);
            }
        }
        match holder {
            Some(cover) if cover.until.is_none_or(|u| u > month) => hold(month, cover),
            _ if next.peek().is_none() => break,
            _ => {}
        }
    }
}

/// Calls `mark(month, active)` for each month some cover marks, with the due dates of the covers that mark it.
fn sweep_flags(
    covers: &[Cover],
    start: Month,
    last: Month,
    mut mark: impl FnMut(Month, &BTreeSet<(NaiveDate, usize)>),
) {
    let mut next = covers.iter().enumerate().peekable();
    let mut active: BTreeSet<(NaiveDate, usize)> = BTreeSet::new();
    let mut ends: BTreeMap<Month, Vec<(NaiveDate, usize)>> = BTreeMap::new();
    for month in Month::range(start, last) {
        while let Some((i, cover)) = next.next_if(|(_, c)| c.first <= month) {
            active.insert((cover.due, i));
            if let Some(until) = cover.until {
                ends.entry(until).or_default().push((cover.due, i));
            }
        }
        for ended in ends.remove(&month).unwrap_or_default() {
            active.remove(&ended);
        }
        if !active.is_empty() {
            mark(month, &active);
        } else if next.peek().is_none() {
            break;
        }
    }
}

/// A missed occurrence to sweep: its first month, the month it was met in (none while it is not), its due day.
pub(crate) type Missed = (Month, Option<Month>, NaiveDate);

/// Calls `mark(month, latest, first, count)` for each month through `last` that a missed occurrence marks, given
/// each as (its first month, the month it was met in, its due day), with the latest and first due days that mark
/// the month and how many do: the sweep of [`sweep_flags`], for marks other than an obligation's (reviews).
pub(crate) fn sweep_missed(
    missed: &[Missed],
    last: Month,
    mut mark: impl FnMut(Month, NaiveDate, NaiveDate, usize),
) {
    let mut covers: Vec<Cover> = missed
        .iter()
        .map(|(first, until, due)| Cover {
            first: *first,
            until: *until,
            due: *due,
            grace_end: *due,
            meeting: None,
            writing: 0,
        })
        .collect();
    covers.sort_by_key(|c| (c.first, c.due));
    let Some(start) = covers.first().map(|c| c.first) else {
        return;
    };
    sweep_flags(&covers, start, last, |month, active| {
        if let (Some((latest, _)), Some((first, _))) = (active.last(), active.first()) {
            mark(month, *latest, *first, active.len());
        }
    });
}

/// A month's flag for one obligation: the latest missed occurrence that marks it, and how many earlier ones do.
fn flag(obligation: &str, active: &BTreeSet<(NaiveDate, usize)>) -> crate::Said {
    let latest = active.last().map(|(due, _)| *due);
    let first = active.first().map(|(due, _)| *due);
    let (Some(latest), Some(first)) = (latest, first) else {
        return crate::Said::new(cvl_syntax::text!("eval-nothing"));
    };
    crate::Said::new(cvl_syntax::text!(
        "eval-flag-missed",
        obligation = obligation,
        latest = latest.to_string(),
        first = first.to_string(),
        earlier = active.len().saturating_sub(1)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn month(n: u32) -> Month {
        Month::range(
            Month {
                year: 2019,
                month: 1,
            },
            Month {
                year: 2030,
                month: 12,
            },
        )
        .nth(n as usize)
        .unwrap()
    }

    proptest! {
        /// The sweep holds exactly the months the definition of spec 9.7 holds, with the same release: every month
        /// some cover holds, released at the latest arrival among those covers, or never while one has none.
        #[test]
        fn the_sweep_holds_what_the_definition_holds(raw in proptest::collection::vec((0u32..40, proptest::option::of(1u32..20)), 1..12)) {
            let mut covers: Vec<Cover> = raw
                .iter()
                .map(|(first, length)| Cover {
                    first: month(*first),
                    until: length.map(|l| month(first + l)),
                    due: month(*first).first_day(),
                    grace_end: month(*first).first_day(),
                    meeting: None,
                    writing: 0,
                })
                .collect();
            covers.sort_by_key(|c| (c.first, c.due));
            let (start, last) = (month(0), month(60));
            let mut swept = BTreeMap::new();
            sweep_holds(&covers, covers[0].first, last, |m, c| { swept.insert(m, c.until); });
            let mut defined = BTreeMap::new();
            for m in Month::range(start, last) {
                let holding: Vec<&Cover> = covers
                    .iter()
                    .filter(|c| c.first <= m && c.until.is_none_or(|u| m < u))
                    .collect();
                if !holding.is_empty() {
                    let release = holding.iter().map(|c| c.until).collect::<Option<Vec<Month>>>().and_then(|u| u.into_iter().max());
                    defined.insert(m, release);
                }
            }
            prop_assert_eq!(swept, defined);
        }
    }
}
