//! The reasons a line's months are given (spec 12.6): what is approved of a month and how the contract computes it,
//! what earlier approvals took, and why nothing is approved of a month (not in force, not paid, held back, hours
//! not paid).

use chrono::NaiveDate;
use rust_decimal::Decimal;

use cvl_check::model::{Contract, Item, ItemKind, PartyId, Start};
use cvl_check::types::Per;
use cvl_eval::{Month, Unpaid};

use super::{Claim, MonthReason, Nothing, Runs, months_in_span};
use crate::book::Earliers;
use crate::money;
use crate::{Book, Reason, ReasonKind};

/// What is approved of one month, and how the contract computes it; a month released after a hold says so.
pub(super) fn approved_reason(
    book: &Book<'_>,
    payee: &PartyId,
    month: Month,
    take: Decimal,
    lines: &[&cvl_eval::Line],
    hold: Option<Option<Month>>,
    recorded: bool,
) -> MonthReason {
    let bases: Vec<String> = lines.iter().map(|l| l.basis.to_string()).collect();
    let what = if recorded {
        "approvable now, not recorded yet"
    } else {
        "approved"
    };
    let mut rest = format!("{what}, as the contract decides: {}", bases.join(" + "));
    let mut events: Vec<String> = Vec::new();
    for event in lines.iter().flat_map(|l| l.events.iter()) {
        if !events.iter().any(|e| e == event) {
            events.push(event.to_string());
        }
    }
    if let Some(Some(released)) = hold {
        let held = book
            .payment(payee, month)
            .map(|p| p.held.as_slice())
            .unwrap_or_default();
        let obligations: Vec<String> = held
            .iter()
            .map(|h| format!("`{}`", h.obligation.0))
            .collect();
        rest.push_str(&format!(
            " (held back for {}, released in {released})",
            if obligations.is_empty() {
                "a missed obligation".to_string()
            } else {
                obligations.join(" and ")
            }
        ));
        for event in held.iter().filter_map(|h| h.released_by.as_ref()) {
            if !events.contains(event) {
                events.push(event.clone());
            }
        }
    }
    MonthReason {
        month,
        kind: ReasonKind::Decided,
        amount: take,
        rest,
        clause: lines.first().and_then(|l| l.clause),
        events,
    }
}

/// What was approved for the item's month before, on which invoices.
pub(super) fn earlier_reason(
    month: Month,
    decided: Decimal,
    earlier: &Earliers<'_>,
    item: &Item,
) -> MonthReason {
    let recorded = earlier.shown.iter().any(|e| e.event.is_some());
    let what = if recorded {
        "approved already"
    } else {
        "approved earlier in this run"
    };
    MonthReason {
        month,
        kind: ReasonKind::Approved,
        amount: earlier.sum,
        rest: format!(
            "{what} of the {} the contract decides for `{}`: {}",
            money(decided),
            item.id.0,
            crate::book::named(earlier)
        ),
        clause: item.pay_span,
        events: earlier
            .shown
            .iter()
            .filter_map(|e| e.event.clone())
            .collect(),
    }
}

/// One reason per run of months with the same cause for paying nothing, with the run's first month.
pub(super) fn nothing_reasons(
    book: &Book<'_>,
    item: &Item,
    payee: &PartyId,
    runs: &Runs,
) -> Vec<(Month, Reason)> {
    runs.0
        .iter()
        .map(|(first, last, cause)| {
            let months = if first == last {
                first.to_string()
            } else {
                format!("{first} to {last}")
            };
            let reason = match cause {
                Nothing::NotInForce => not_in_force(book, payee, &months),
                Nothing::NotPaid => not_paid(book.contract, item, &months),
                Nothing::Held => held(book, payee, *first, &months),
            };
            (*first, reason)
        })
        .collect()
}

/// Why nothing is decided for the payee in some months.
pub(super) fn not_in_force(book: &Book<'_>, payee: &PartyId, months: &str) -> Reason {
    let decision = book.decision;
    let paid: Vec<Month> = decision
        .payments
        .iter()
        .filter(|p| &p.payee == payee)
        .map(|p| p.period)
        .collect();
    let why = match (paid.first(), paid.last(), decision.until) {
        (None, _, _) => {
            "nothing is decided for them at all: the contract is not signed or not in force"
                .to_string()
        }
        (Some(first), Some(last), until) => {
            let until = until.map_or_else(String::new, |u| format!(" (decided as of {u})"));
            format!("the contract pays them from {first} to {last}{until}")
        }
        _ => String::new(),
    };
    Reason::new(
        ReasonKind::Period,
        format!("{months}: nothing is decided for `{}`: {why}", payee.0),
    )
    .clause(Some(book.contract.span))
}

/// Why the item pays nothing in some months the payee is paid.
pub(super) fn not_paid(contract: &Contract, item: &Item, months: &str) -> Reason {
    let hourly = item.rate.as_ref().is_some_and(|r| r.per == Per::Hour);
    let why = if hourly {
        format!("no hours of `{}` are paid then", item.id.0)
    } else if item.kind == ItemKind::Supplement {
        format!(
            "the supplement `{}` is not running then: not started, or lapsed without a review",
            item.id.0
        )
    } else if let (Some(first), Some(start)) = (item.first, item_start(contract, item)) {
        let ended = cvl_check::value::add_duration(start, first.amount, first.calendar)
            .and_then(|d| d.pred_opt());
        // A day past 9999-12-31 is never shown as a five-digit year: an item that runs past it has not ended.
        let ended = ended.filter(|d| cvl_check::horizon::in_calendar(*d));
        match ended {
            Some(ended) => format!(
                "`{}` ended on {ended}: it runs for the first {} from {start}",
                item.id.0,
                cvl_check::value::Value::Duration {
                    amount: first.amount,
                    calendar: first.calendar
                }
            ),
            None => format!("`{}` pays nothing then", item.id.0),
        }
    } else if let Some(ends) = item.ends {
        format!("`{}` ended on {ends}", item.id.0)
    } else if let Some(starts) = item.starts {
        format!("`{}` starts on {starts}", item.id.0)
    } else {
        format!("`{}` pays nothing then", item.id.0)
    };
    Reason::new(ReasonKind::Period, format!("{months}: {why}")).clause(Some(item.span))
}

/// The day an item starts: its own `starts on`, else the contract's.
pub(super) fn item_start(contract: &Contract, item: &Item) -> Option<NaiveDate> {
    item.starts.or(match contract.start {
        Some(Start::On(date)) => Some(date),
        _ => None,
    })
}

/// Why the payee's months are held back: each missed obligation that holds the first of them, its due date and
/// the end of its grace.
pub(super) fn held(book: &Book<'_>, payee: &PartyId, first: Month, months: &str) -> Reason {
    let holds = book
        .payment(payee, first)
        .map(|p| p.held.as_slice())
        .unwrap_or_default();
    let named: Vec<String> = holds
        .iter()
        .map(|h| {
            format!(
                "`{}` due {} was missed, its grace ended {}",
                h.obligation.0, h.due, h.grace_end
            )
        })
        .collect();
    let why = if named.is_empty() {
        "a missed obligation".to_string()
    } else {
        named.join("; ")
    };
    Reason::new(
        ReasonKind::Held,
        format!("{months}: held back: {why}; approvable once it is met"),
    )
    .clause(holds.first().map(|h| h.clause))
}

/// For an hourly item: the hours invoiced against those the contract pays, and why the rest are not.
pub(super) fn hours_reason(
    book: &Book<'_>,
    claim: &Claim<'_>,
    item: &Item,
    payee: &PartyId,
) -> Option<Reason> {
    let rate = item.rate.as_ref().filter(|r| r.per == Per::Hour)?;
    let mut not_confirmed = Decimal::ZERO;
    let mut over_cap = Decimal::ZERO;
    let mut outside = Decimal::ZERO;
    let mut paid = Decimal::ZERO;
    let span = months_in_span(book, claim, payee, &mut Runs::default());
    for month in span
        .into_iter()
        .flat_map(|(from, to)| Month::range(from, to))
    {
        let (decided, _) = book.decided(&(item.id.clone(), payee.clone(), month));
        paid = paid.saturating_add(decided.checked_div(rate.amount).unwrap_or_default());
        let Some(payment) = book.payment(payee, month) else {
            continue;
        };
        for unpaid in payment.unpaid_hours.iter().filter(|u| u.item == item.id) {
            match unpaid.reason {
                Unpaid::NotConfirmed => not_confirmed = not_confirmed.saturating_add(unpaid.hours),
                Unpaid::OverCap => over_cap = over_cap.saturating_add(unpaid.hours),
                Unpaid::OutsideContract | Unpaid::OutsideItem => {
                    outside = outside.saturating_add(unpaid.hours)
                }
            }
        }
    }
    let invoiced = claim.line.quantity.value;
    let reported = paid
        .saturating_add(not_confirmed)
        .saturating_add(over_cap)
        .saturating_add(outside);
    let mut first = format!(
        "{} invoiced; the contract pays for {}",
        crate::count(invoiced, "hour"),
        crate::count(paid, "hour")
    );
    if !item.confirmed_by.is_empty() {
        let by: Vec<String> = item
            .confirmed_by
            .iter()
            .map(|p| format!("`{}`", p.0))
            .collect();
        first.push_str(&format!(", confirmed by {}", by.join(" or ")));
    }
    let mut parts = vec![first];
    if !not_confirmed.is_zero() {
        parts.push(format!(
            "{} reported but not confirmed",
            not_confirmed.normalize()
        ));
    }
    if !over_cap.is_zero() {
        parts.push(format!("{} over the monthly cap", over_cap.normalize()));
    }
    if !outside.is_zero() {
        parts.push(format!(
            "{} outside the contract's or the item's period",
            outside.normalize()
        ));
    }
    if invoiced > reported {
        parts.push(format!(
            "{} never reported in the log",
            invoiced.saturating_sub(reported).normalize()
        ));
    }
    Some(Reason::new(ReasonKind::Quantity, parts.join("; ")).clause(item.pay_span))
}
