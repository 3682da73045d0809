//! Reviews (spec 9.6): a supplement with `review by` must be reviewed at the end of each of its terms. Each term's
//! last day, started or renewed, is an occurrence of an obligation of the reviewing party, met by a
//! `supplement_reviewed` event (each meets the earliest outstanding review, as a meeting event does), with no
//! grace; a missed review flags the supplement's payee's months that end after it, in which the supplement runs,
//! until the month it is done.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;

use cvl_check::model::{Item, ItemKind, TermId};

use super::obligations::Scope;

use crate::calendar::Month;
use crate::state::State;
use crate::withhold::{Flags, Missed};
use crate::{ObligationRow, Status};

/// Every review that falls due by `last_day`, with its status as of `as_of`. Whether a term's end is reviewed,
/// and by whom, is as the version of the text in force on that day writes the supplement (spec 9.13): an amendment
/// that adds, drops or changes `review by` decides the reviews due in its days. The supplements are taken by
/// their names, in the order the versions first declare them.
pub(super) fn review_rows(
    state: &State<'_>,
    scopes: &[Scope<'_>],
    last_day: NaiveDate,
    as_of: NaiveDate,
) -> Vec<ObligationRow> {
    let mut rows = Vec::new();
    for name in supplements(scopes) {
        let Some(supplement) = state.supplements.get(name) else {
            continue;
        };
        let mut reviews = supplement.reviews.iter();
        for due in supplement.term_ends.iter().filter(|d| **d <= last_day) {
            let Some(reviewer) = written(scopes, name, *due).and_then(|i| i.review_by.first())
            else {
                continue;
            };
            let review = reviews.next();
            let status = match review {
                Some((date, _, _)) if date <= due => Status::Met,
                Some(_) => Status::Missed,
                None if as_of > *due => Status::Missed,
                None => Status::Pending,
            };
            rows.push(ObligationRow {
                party: reviewer.clone(),
                kind: name.clone(),
                due: *due,
                status,
                event: review.map(|(_, id, _)| id.clone()),
                met_on: review.map(|(date, _, _)| *date),
                met_by: review.map(|(_, _, actor)| actor.clone()),
                review: true,
            });
        }
    }
    rows
}

/// The supplements of every version, by name, in the order the versions first declare them.
fn supplements<'a>(scopes: &[Scope<'a>]) -> Vec<&'a TermId> {
    let mut names: Vec<&'a TermId> = Vec::new();
    for scope in scopes {
        for item in &scope.contract.items {
            if item.kind == ItemKind::Supplement && !names.contains(&&item.id) {
                names.push(&item.id);
            }
        }
    }
    names
}

/// The supplement `name` as the version in force on `day` writes it, if it does.
fn written<'a>(scopes: &[Scope<'a>], name: &TermId, day: NaiveDate) -> Option<&'a Item> {
    scopes
        .iter()
        .find(|s| s.from <= day && day <= s.to)?
        .contract
        .items
        .iter()
        .find(|i| i.kind == ItemKind::Supplement && &i.id == name)
}

/// The flags the missed reviews in `rows` put on the months of each supplement's payee through `last_day`: a month
/// that ends after a missed review's due day, before the month it is done, in which the supplement runs (a lapsed
/// supplement is not reviewed any more), carries one flag per supplement naming the latest such review and counting
/// the others. The months are swept once per supplement (withhold.rs), so the work grows with the months and the
/// reviews, never with their product.
pub(super) fn review_flags(
    state: &State<'_>,
    scopes: &[Scope<'_>],
    rows: &[ObligationRow],
    last_day: NaiveDate,
    flags: &mut Flags,
) {
    let last = Month::of(last_day);
    let mut missed: BTreeMap<&TermId, Vec<Missed>> = BTreeMap::new();
    for row in rows
        .iter()
        .filter(|r| r.review && r.status == Status::Missed)
    {
        let mut first = Month::of(row.due);
        if first.last_day() <= row.due {
            first = first.next();
        }
        missed
            .entry(&row.kind)
            .or_default()
            .push((first, row.met_on.map(Month::of), row.due));
    }
    for (supplement, missed) in missed {
        // The payee as the version in force on the latest missed review's day writes the supplement.
        let latest = missed.iter().map(|(_, _, due)| *due).max();
        let Some(item) = latest.and_then(|day| written(scopes, supplement, day)) else {
            continue;
        };
        let (Some(payee), Some(runs)) = (&item.payee, state.supplements.get(supplement)) else {
            continue;
        };
        // The months the supplement runs in: its segments are disjoint, so this is linear in them and the months.
        let mut running: BTreeSet<Month> = BTreeSet::new();
        for segment in &runs.segments {
            let to = Month::of(segment.to).min(last);
            let mut month = Month::of(segment.from);
            while month <= to {
                running.insert(month);
                month = month.next();
            }
        }
        let name = &supplement.0;
        crate::withhold::sweep_missed(&missed, last, |month, latest, first, count| {
            if !running.contains(&month) {
                return;
            }
            let flag = crate::Said::new(cvl_syntax::text!(
                "eval-flag-review-missed",
                supplement = name.as_str(),
                latest = latest.to_string(),
                first = first.to_string(),
                earlier = count.saturating_sub(1)
            ));
            flags.entry((payee.clone(), month)).or_default().push(flag);
        });
    }
}
