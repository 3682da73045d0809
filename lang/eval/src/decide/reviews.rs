//! Reviews (spec 9.6): a supplement with `review by` must be reviewed at the end of each of its terms. Each term's
//! last day, started or renewed, is an occurrence of an obligation of the reviewing party, met by a
//! `supplement_reviewed` event (each meets the earliest outstanding review, as a meeting event does), with no
//! grace; a missed review flags the supplement's payee's months that end after it while the supplement runs (through
//! the last day of its last term), until the month it is done.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use cvl_check::model::{ItemKind, PartyId, TermId};

use crate::calendar::Month;
use crate::state::State;
use crate::withhold::Flags;
use crate::{ObligationRow, Status};

/// Every review that falls due by `last_day`, with its status as of `as_of`.
pub(super) fn review_rows(
    state: &State<'_>,
    last_day: NaiveDate,
    as_of: NaiveDate,
) -> Vec<ObligationRow> {
    let mut rows = Vec::new();
    for item in &state.contract.items {
        let Some(reviewer) = item.review_by.first() else {
            continue;
        };
        if item.kind != ItemKind::Supplement {
            continue;
        }
        let Some(supplement) = state.supplements.get(&item.id) else {
            continue;
        };
        let mut reviews = supplement.reviews.iter();
        for due in supplement.term_ends.iter().filter(|d| **d <= last_day) {
            let review = reviews.next();
            let status = match review {
                Some((date, _, _)) if date <= due => Status::Met,
                Some(_) => Status::Missed,
                None if as_of > *due => Status::Missed,
                None => Status::Pending,
            };
            rows.push(ObligationRow {
                party: reviewer.clone(),
                kind: item.id.clone(),
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

/// The flags the missed reviews in `rows` put on the months of each supplement's payee through `last_day`: a month
/// that ends after a missed review's due day, before the month it is done and not after the month of the
/// supplement's last paid day, carries one flag per supplement naming the latest such review and counting the
/// others.
pub(super) fn review_flags(
    state: &State<'_>,
    rows: &[ObligationRow],
    last_day: NaiveDate,
    flags: &mut Flags,
) {
    let last = Month::of(last_day);
    let mut covering: BTreeMap<(PartyId, Month, TermId), Vec<NaiveDate>> = BTreeMap::new();
    for row in rows
        .iter()
        .filter(|r| r.review && r.status == Status::Missed)
    {
        let Some(payee) = state
            .contract
            .items
            .iter()
            .find(|i| i.id == row.kind)
            .and_then(|i| i.payee.clone())
        else {
            continue;
        };
        let mut month = Month::of(row.due);
        if month.last_day() <= row.due {
            month = month.next();
        }
        let until = row.met_on.map(Month::of);
        // A supplement that has lapsed is not reviewed any more: its months after the last term are not flagged.
        let runs_to = state
            .supplements
            .get(&row.kind)
            .and_then(|s| s.segments.last())
            .map_or(last, |s| Month::of(s.to).min(last));
        while month <= runs_to && until.is_none_or(|u| month < u) {
            covering
                .entry((payee.clone(), month, row.kind.clone()))
                .or_default()
                .push(row.due);
            month = month.next();
        }
    }
    for ((payee, month, supplement), dues) in covering {
        let (Some(first), Some(latest)) = (dues.first(), dues.last()) else {
            continue;
        };
        let name = &supplement.0;
        let flag = match dues.len() {
            1 => format!("the review of `{name}` due {latest} was missed"),
            2 => format!(
                "the review of `{name}` due {latest} was missed, as was the one due {first}"
            ),
            n => format!(
                "the review of `{name}` due {latest} was missed, as were {} earlier reviews, the first due {first}",
                n - 1
            ),
        };
        flags.entry((payee, month)).or_default().push(flag);
    }
}
