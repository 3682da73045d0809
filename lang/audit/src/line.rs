//! Judging one invoice line (spec 12.4): whether it can be approved at all (the document's contract and supplier,
//! the item, its payee, currency and unit), then, month by month over its period, what is left of the decision
//! for the item and payee once earlier approvals are taken off, and whether the month is held back. The claim is
//! approved up to what is left, in month order; every part not approved gets a reason, and so does every part
//! approved, citing the `pay` statement and the events behind it.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use cvl_check::model::{Contract, Item, ItemKind, PartyId, Start};
use cvl_check::types::Per;
use cvl_eval::{Month, Unpaid};
use cvl_invoice::Unit;

use crate::book::{Earlier, Key};
use crate::matching::{Context, money};
use crate::{Approval, Book, LineAudit, Reason, ReasonKind, Verdict};

/// An invoice line as matching reads it.
pub(crate) struct Claim<'a> {
    pub line: &'a cvl_invoice::Line,
    /// `cac:Item/cac:SellersItemIdentification/cbc:ID`.
    pub item: &'a str,
    pub start: NaiveDate,
    pub end: NaiveDate,
    /// The line's amount, negative on a credit note.
    pub claimed: Decimal,
}

/// The line's audit.
pub(crate) fn judge(context: &Context<'_>, book: &mut Book<'_>, claim: &Claim<'_>) -> LineAudit {
    let mut audit = LineAudit {
        id: claim.line.id.clone(),
        item: claim.item.to_string(),
        period: (claim.start, claim.end),
        quantity: claim.line.quantity.value,
        unit_code: claim.line.quantity.unit_code.clone(),
        claimed: claim.claimed,
        approved: Decimal::ZERO,
        held: Decimal::ZERO,
        verdict: Verdict::Rejected,
        reasons: Vec::new(),
        approvals: Vec::new(),
    };
    let contract = book.contract;
    let item = match admissible(context, contract, claim) {
        Ok(item) => item,
        Err(reason) => {
            audit.reasons.push(reason);
            return audit;
        }
    };
    let Some(payee) = item.payee.clone() else {
        audit.reasons.push(Reason::new(
            ReasonKind::Item,
            format!("`{}` names no payee", item.id.0),
        ));
        return audit;
    };
    audit.reasons.extend(vat(claim));
    if claim.claimed < Decimal::ZERO {
        credit(context, book, claim, item, &payee, &mut audit);
    } else if let Some(reimburse) = &item.reimburse {
        crate::expense::reimbursed(context, book, claim, item, reimburse, &payee, &mut audit);
    } else {
        audit.reasons.extend(price(claim, item));
        allocate(context, book, claim, item, &payee, &mut audit);
    }
    audit.verdict = if audit.approved == audit.claimed {
        Verdict::Approved
    } else if audit.held > Decimal::ZERO {
        Verdict::Held
    } else if audit.approved.is_zero() {
        Verdict::Rejected
    } else {
        Verdict::Reduced
    };
    let noted = if context.recorded {
        &[][..]
    } else {
        &audit.approvals[..]
    };
    for approval in noted {
        book.record(
            (
                approval.item.clone(),
                approval.payee.clone(),
                approval.month,
            ),
            Earlier {
                invoice: context.number.to_string(),
                sha256: context.sha256.to_string(),
                event: None,
                amount: approval.amount,
            },
        );
    }
    audit
}

/// The item the line is for, if nothing rules the line out whole: another contract or supplier, no such item, an
/// item paid to another party, another currency or unit.
fn admissible<'c>(
    context: &Context<'_>,
    contract: &'c Contract,
    claim: &Claim<'_>,
) -> Result<&'c Item, Reason> {
    if let Some(blocked) = &context.blocked {
        return Err(blocked.clone());
    }
    let Some(item) = contract.items.iter().find(|i| i.id.0 == claim.item) else {
        return Err(crate::expense::covered(contract, claim)
            .unwrap_or_else(|| no_such_item(contract, claim)));
    };
    if item.payee != context.supplier {
        let supplier = context.supplier.as_ref().map_or("-", |p| p.0.as_str());
        let payee = item.payee.as_ref().map_or("-", |p| p.0.as_str());
        return Err(Reason::new(
            ReasonKind::Supplier,
            format!(
                "`{}` is paid to `{payee}`, and the invoice is from `{supplier}`",
                item.id.0
            ),
        )
        .clause(item.pay_span.or(Some(item.span))));
    }
    if let Some(reimburse) = &item.reimburse {
        if reimburse.currency != context.currency {
            return Err(currency(context, item, &reimburse.currency));
        }
        if claim.line.quantity.unit() != Unit::Piece {
            return Err(Reason::new(
                ReasonKind::Quantity,
                format!(
                    "the quantity is in `{}`, and `{}` reimburses expenses: invoice each as one piece, `C62`",
                    claim.line.quantity.unit_code, item.id.0
                ),
            )
            .clause(item.pay_span));
        }
    }
    if let Some(rate) = &item.rate {
        if rate.currency != context.currency {
            return Err(currency(context, item, &rate.currency));
        }
        let (unit, code) = per_unit(rate.per);
        if claim.line.quantity.unit() != unit {
            return Err(Reason::new(
                ReasonKind::Quantity,
                format!(
                    "the quantity is in `{}`, and `{}` is paid per {}: invoice it in `{code}`",
                    claim.line.quantity.unit_code,
                    item.id.0,
                    unit.name()
                ),
            )
            .clause(item.pay_span));
        }
    }
    Ok(item)
}

/// Why a line in another currency than the item's is rejected.
fn currency(context: &Context<'_>, item: &Item, paid_in: &str) -> Reason {
    Reason::new(
        ReasonKind::Currency,
        format!(
            "the invoice is in `{}`, and `{}` is paid in {paid_in}",
            context.currency, item.id.0
        ),
    )
    .clause(item.pay_span)
}

/// The unit an item paid `per` is invoiced in, and its UN/ECE code.
fn per_unit(per: Per) -> (Unit, &'static str) {
    match per {
        Per::Hour => (Unit::Hour, "HUR"),
        Per::Day => (Unit::Day, "DAY"),
        Per::Week => (Unit::Week, "WEE"),
        Per::Month => (Unit::Month, "MON"),
        Per::Year => (Unit::Other, "ANN"),
    }
}

/// Why a line for an item the contract does not have is rejected.
fn no_such_item(contract: &Contract, claim: &Claim<'_>) -> Reason {
    let items: Vec<String> = contract
        .items
        .iter()
        .map(|i| format!("`{}`", i.id.0))
        .collect();
    Reason::new(
        ReasonKind::Item,
        format!(
            "the contract has no item `{}`: its items are {}",
            claim.item,
            items.join(", ")
        ),
    )
}

/// A flag on a line that charges VAT: the line's amount is without VAT, and the VAT is not approved.
fn vat(claim: &Claim<'_>) -> Option<Reason> {
    let percent = claim
        .line
        .tax_category
        .as_ref()
        .and_then(|c| c.percent)
        .filter(|p| *p > Decimal::ZERO);
    let taxed = claim
        .line
        .tax_totals
        .iter()
        .any(|t| t.amount.value > Decimal::ZERO);
    (percent.is_some() || taxed).then(|| {
        let rate = percent.map_or_else(String::new, |p| format!(" at {} %", p.normalize()));
        Reason::new(
            ReasonKind::Vat,
            format!("the line charges VAT{rate}: the contract's payments are exempt from VAT, and no VAT is approved"),
        )
    })
}

/// A flag on a line whose price is above the item's rate.
fn price(claim: &Claim<'_>, item: &Item) -> Option<Reason> {
    let rate = item.rate.as_ref()?;
    let price = claim.line.price.as_ref()?;
    let base = price
        .base_quantity
        .as_ref()
        .map_or(Decimal::ONE, |b| b.value);
    let unit_price = price.amount.value.checked_div(base)?;
    (unit_price > rate.amount).then(|| {
        let (unit, _) = per_unit(rate.per);
        Reason::new(
            ReasonKind::Price,
            format!(
                "the price of {} {} per {} is above the contract's {} {}",
                money(unit_price),
                price.amount.currency,
                unit.name(),
                money(rate.amount),
                rate.currency
            ),
        )
        .clause(item.pay_span)
    })
}

/// Why a month pays nothing (left) for the item: one cause for a run of months.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Nothing {
    /// Nothing is decided for the payee that month: the contract is not in force, or not decided yet.
    NotInForce,
    /// The payee is paid that month, but not for this item.
    NotPaid,
    /// Held back for a missed obligation.
    Held,
}

/// Approves an invoice line up to what is left of each month of its period, in month order.
fn allocate(
    context: &Context<'_>,
    book: &Book<'_>,
    claim: &Claim<'_>,
    item: &Item,
    payee: &PartyId,
    audit: &mut LineAudit,
) {
    let mut left = claim.claimed;
    let mut decided_total = Decimal::ZERO;
    let mut nothing: Vec<(Month, Nothing)> = Vec::new();
    let mut approved_reasons = Vec::new();
    let mut earlier_reasons = Vec::new();
    for month in Month::range(Month::of(claim.start), Month::of(claim.end)) {
        let key: Key = (item.id.clone(), payee.clone(), month);
        let (decided, lines) = book.decided(&key);
        if book.payment(payee, month).is_none() {
            nothing.push((month, Nothing::NotInForce));
            continue;
        }
        if decided <= Decimal::ZERO {
            nothing.push((month, Nothing::NotPaid));
            continue;
        }
        decided_total = decided_total.saturating_add(decided);
        let hold = book.hold(payee, month);
        let earlier = book.earlier(&key, context.sha256);
        let earlier_sum = book.earlier_sum(&key, context.sha256);
        let open = (decided - earlier_sum).max(Decimal::ZERO);
        if !earlier.is_empty() {
            earlier_reasons.push(earlier_reason(month, decided, &earlier, item));
        }
        if open.is_zero() || left <= Decimal::ZERO {
            continue;
        }
        if hold == Some(None) {
            let held = open.min(left);
            audit.held += held;
            left -= held;
            nothing.push((month, Nothing::Held));
            continue;
        }
        let take = open.min(left);
        left -= take;
        audit.approved += take;
        audit.approvals.push(Approval {
            item: item.id.clone(),
            payee: payee.clone(),
            month,
            amount: take,
        });
        let bases: Vec<&str> = lines.iter().map(|l| l.basis.as_str()).collect();
        let mut text = format!(
            "{month}: {} approved, as the contract decides: {}",
            money(take),
            bases.join(" + ")
        );
        let mut events: Vec<String> = lines.iter().flat_map(|l| l.events.clone()).collect();
        if let Some(Some(released)) = hold {
            let payment = book.payment(payee, month);
            let by: Vec<String> = payment
                .map(|p| {
                    p.held
                        .iter()
                        .filter_map(|h| h.released_by.clone())
                        .collect()
                })
                .unwrap_or_default();
            let obligations: Vec<String> = payment
                .map(|p| {
                    p.held
                        .iter()
                        .map(|h| format!("`{}`", h.obligation.0))
                        .collect()
                })
                .unwrap_or_default();
            text.push_str(&format!(
                " (held back for {}, released in {released})",
                if obligations.is_empty() {
                    "a missed obligation".to_string()
                } else {
                    obligations.join(" and ")
                }
            ));
            events.extend(by);
        }
        events.dedup();
        approved_reasons.push(
            Reason::new(ReasonKind::Decided, text)
                .clause(lines.first().and_then(|l| l.clause))
                .events(events),
        );
    }
    let explained = !nothing.is_empty()
        || !earlier_reasons.is_empty()
        || audit.reasons.iter().any(|r| r.kind == ReasonKind::Price);
    audit.reasons.extend(approved_reasons);
    audit.reasons.extend(earlier_reasons);
    audit
        .reasons
        .extend(nothing_reasons(book, item, payee, &nothing));
    if left <= Decimal::ZERO {
        return;
    }
    if let Some(hours) = hours_reason(book, claim, item, payee) {
        audit.reasons.push(Reason {
            text: format!("{} not approved: {}", money(left), hours.text),
            ..hours
        });
    } else if !explained {
        audit.reasons.push(
            Reason::new(
                ReasonKind::Quantity,
                format!(
                    "{} of the {} claimed is not approved: the contract decides {} for `{}` from {} to {}",
                    money(left),
                    money(claim.claimed),
                    money(decided_total),
                    item.id.0,
                    claim.start,
                    claim.end
                ),
            )
            .clause(item.pay_span),
        );
    }
}

/// What was approved for the item's month before, on which invoices.
fn earlier_reason(month: Month, decided: Decimal, earlier: &[&Earlier], item: &Item) -> Reason {
    let on: Vec<String> = earlier
        .iter()
        .map(|e| format!("{} on invoice `{}`", money(e.amount), e.invoice))
        .collect();
    let recorded = earlier.iter().any(|e| e.event.is_some());
    let (what, events) = if recorded {
        (
            "approved already",
            earlier.iter().filter_map(|e| e.event.clone()).collect(),
        )
    } else {
        ("approved earlier in this run", Vec::new())
    };
    Reason::new(
        ReasonKind::Approved,
        format!(
            "{month}: of the {} the contract decides for `{}`, {what}: {}",
            money(decided),
            item.id.0,
            on.join(", ")
        ),
    )
    .clause(item.pay_span)
    .events(events)
}

/// One reason per run of months with the same cause for paying nothing.
fn nothing_reasons(
    book: &Book<'_>,
    item: &Item,
    payee: &PartyId,
    nothing: &[(Month, Nothing)],
) -> Vec<Reason> {
    let mut reasons = Vec::new();
    let mut runs: Vec<(Month, Month, &Nothing)> = Vec::new();
    for (month, cause) in nothing {
        match runs.last_mut() {
            Some((_, last, c)) if *c == cause && last.next() == *month => *last = *month,
            _ => runs.push((*month, *month, cause)),
        }
    }
    for (first, last, cause) in runs {
        let months = if first == last {
            first.to_string()
        } else {
            format!("{first} to {last}")
        };
        reasons.push(match cause {
            Nothing::NotInForce => not_in_force(book, payee, &months),
            Nothing::NotPaid => not_paid(book.contract, item, &months),
            Nothing::Held => held(book, payee, first, &months),
        });
    }
    reasons
}

/// Why nothing is decided for the payee in some months.
fn not_in_force(book: &Book<'_>, payee: &PartyId, months: &str) -> Reason {
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
fn not_paid(contract: &Contract, item: &Item, months: &str) -> Reason {
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
        match ended {
            Some(ended) => format!(
                "`{}` ended on {ended}: it runs for the first {} from {start}",
                item.id.0,
                cvl_check::value::Value::Duration {
                    amount: first.amount,
                    calendar: first.calendar
                }
            ),
            None => format!("`{}` has ended", item.id.0),
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
fn item_start(contract: &Contract, item: &Item) -> Option<NaiveDate> {
    item.starts.or(match contract.start {
        Some(Start::On(date)) => Some(date),
        _ => None,
    })
}

/// Why the payee's months are held back: each missed obligation that holds the first of them, its due date and
/// the end of its grace.
fn held(book: &Book<'_>, payee: &PartyId, first: Month, months: &str) -> Reason {
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
fn hours_reason(
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
    for month in Month::range(Month::of(claim.start), Month::of(claim.end)) {
        let (decided, _) = book.decided(&(item.id.clone(), payee.clone(), month));
        paid += decided.checked_div(rate.amount).unwrap_or_default();
        let Some(payment) = book.payment(payee, month) else {
            continue;
        };
        for unpaid in payment.unpaid_hours.iter().filter(|u| u.item == item.id) {
            match unpaid.reason {
                Unpaid::NotConfirmed => not_confirmed += unpaid.hours,
                Unpaid::OverCap => over_cap += unpaid.hours,
                Unpaid::OutsideContract | Unpaid::OutsideItem => outside += unpaid.hours,
            }
        }
    }
    let invoiced = claim.line.quantity.value;
    let reported = paid + not_confirmed + over_cap + outside;
    let mut first = format!(
        "{} hours invoiced; the contract pays for {}",
        invoiced.normalize(),
        paid.normalize()
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
            (invoiced - reported).normalize()
        ));
    }
    Some(Reason::new(ReasonKind::Quantity, parts.join("; ")).clause(item.pay_span))
}

/// A credit note's line, or a negative line: it reduces what was approved for the item, in the months of its
/// period, latest first; what it credits beyond that is recorded against the last month.
fn credit(
    context: &Context<'_>,
    book: &Book<'_>,
    claim: &Claim<'_>,
    item: &Item,
    payee: &PartyId,
    audit: &mut LineAudit,
) {
    let mut left = -claim.claimed;
    let months: Vec<Month> = Month::range(Month::of(claim.start), Month::of(claim.end)).collect();
    for (i, month) in months.iter().enumerate().rev() {
        if left.is_zero() {
            break;
        }
        let key: Key = (item.id.clone(), payee.clone(), *month);
        let approved = book.earlier_sum(&key, context.sha256).max(Decimal::ZERO);
        let take = if i == 0 { left } else { approved.min(left) };
        if take.is_zero() {
            continue;
        }
        left -= take;
        audit.approvals.push(Approval {
            item: item.id.clone(),
            payee: payee.clone(),
            month: *month,
            amount: -take,
        });
        audit.approved -= take;
        audit.reasons.push(
            Reason::new(
                ReasonKind::Credit,
                format!(
                    "{month}: credits {} against the {} approved for `{}`",
                    money(take),
                    money(approved),
                    item.id.0
                ),
            )
            .clause(item.pay_span),
        );
    }
    audit.approvals.reverse();
}
