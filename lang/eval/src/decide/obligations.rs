//! Obligations (spec 9.6): each occurrence's due date and its status as of the date decided, met by the meeting
//! events in the order of the log.

use chrono::NaiveDate;

use cvl_check::model::{Contract, Obligation, PartyId, TermId};

use crate::state::State;
use crate::withhold::grace_end;
use crate::{ObligationRow, Status};

/// One version of the text and the due days it decides (spec 9.13): the first version from the beginning, the
/// last through the end.
pub(super) struct Scope<'a> {
    pub contract: &'a Contract,
    pub from: NaiveDate,
    pub to: NaiveDate,
}

/// Each obligation by its name, in the order the versions first declare them, as the first version that declares
/// it writes it: what a missed occurrence holds or flags, and where (spec 9.13).
pub(super) fn declared(scopes: &[Scope<'_>]) -> Vec<Obligation> {
    let mut names: Vec<&TermId> = Vec::new();
    for scope in scopes {
        for obligation in &scope.contract.obligations {
            if !names.contains(&&obligation.id) {
                names.push(&obligation.id);
            }
        }
    }
    names
        .into_iter()
        .filter_map(|name| {
            scopes
                .iter()
                .find_map(|s| s.contract.obligations.iter().find(|o| &o.id == name))
                .cloned()
        })
        .collect()
}

/// Every occurrence of every obligation that falls due by the last day, with its status as of `as_of`. An
/// obligation continues by its name across the versions of the text: its occurrences are counted from the start
/// by the version in force on each due day, and met by its events in order.
pub(super) fn obligation_rows(
    state: &State<'_>,
    scopes: &[Scope<'_>],
    start: NaiveDate,
    last_day: NaiveDate,
    as_of: NaiveDate,
    warnings: &mut Vec<crate::Said>,
) -> Vec<ObligationRow> {
    let mut rows = Vec::new();
    for named in declared(scopes) {
        // The due days and the version's obligation on each.
        let mut dues: Vec<(NaiveDate, &Obligation)> = Vec::new();
        for scope in scopes {
            let Some(obligation) = scope.contract.obligations.iter().find(|o| o.id == named.id)
            else {
                continue;
            };
            let Some(every) = obligation.every else {
                continue;
            };
            for k in 1u32.. {
                // A multiple beyond the exact type is beyond the calendar too: no more occurrences.
                let Some(due) = crate::dates::due_day(start, &every, obligation.on, k) else {
                    break;
                };
                if due > last_day || due > scope.to {
                    break;
                }
                if due >= scope.from {
                    dues.push((due, obligation));
                }
            }
        }
        dues.sort_by_key(|(due, _)| *due);
        let mut meetings = state
            .met
            .get(&named.id)
            .map(|v| v.iter())
            .into_iter()
            .flatten();
        for (due, obligation) in dues {
            let party = obligation
                .by
                .first()
                .cloned()
                .unwrap_or_else(|| PartyId(String::new()));
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
                party,
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
            warnings.push(crate::Said::new(cvl_syntax::text!(
                "eval-warn-extra-events",
                extra = extra,
                kind = named.id.0.as_str()
            )));
        }
    }
    rows.sort_by(|a, b| (a.due, &a.kind.0).cmp(&(b.due, &b.kind.0)));
    rows
}
