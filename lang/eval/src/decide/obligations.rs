//! Obligations (spec 9.6): each occurrence's due date and its status as of the date decided, met by the meeting
//! events in the order of the log.

use chrono::{Datelike, Days, NaiveDate};
use rust_decimal::Decimal;

use cvl_check::model::{PartyId, Weekday};
use cvl_check::value::add_duration;

use crate::state::State;
use crate::withhold::grace_end;
use crate::{ObligationRow, Status};

/// Every occurrence of every obligation that falls due by the last day, with its status as of `as_of`.
pub(super) fn obligation_rows(
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
                Some((date, _, _)) if *date <= due => Status::Met,
                Some((date, _, _)) if *date <= grace => Status::Late,
                Some(_) => Status::Missed,
                None if as_of > grace => Status::Missed,
                None => Status::Pending,
            };
            rows.push(ObligationRow {
                party: party.clone(),
                kind: obligation.id.clone(),
                due,
                status,
                event: meeting.map(|(_, id, _)| id.clone()),
                met_on: meeting.map(|(date, _, _)| *date),
                met_by: meeting.map(|(_, _, actor)| actor.clone()),
                review: false,
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
