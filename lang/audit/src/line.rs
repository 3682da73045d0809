//! Judging one invoice line (spec 12.4): whether it can be approved at all (the document's contract and supplier,
//! the item, its payee, currency and unit), then, month by month over its period, what is left of the decision
//! for the item and payee once earlier approvals are taken off, and whether the month is held back. The claim is
//! approved up to what is left, in month order; every part not approved gets a reason, and so does every part
//! approved, citing the `pay` statement and the events behind it.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use cvl_check::model::{Contract, Item, PartyId};
use cvl_check::types::Per;
use cvl_eval::Month;
use cvl_invoice::Unit;
use cvl_syntax::Span;

use crate::book::{Earlier, Key};
use crate::matching::Context;
use crate::money;
use crate::{Approval, Book, LineAudit, Reason, ReasonKind, Verdict};

mod reasons;
use reasons::{approved_reason, earlier_reason, hours_reason, nothing_reasons};

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
        recorded: Vec::new(),
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
    let rest = recorded(context, book, claim, item, &payee, &mut audit);
    if claim.claimed < Decimal::ZERO {
        if rest < Decimal::ZERO {
            credit(book, claim, rest, item, &payee, &mut audit);
        }
    } else if rest <= Decimal::ZERO {
        // All of it is recorded already: nothing is left to judge.
    } else if let Some(reimburse) = &item.reimburse {
        crate::expense::reimbursed(
            context, book, claim, rest, item, reimburse, &payee, &mut audit,
        );
    } else {
        audit
            .reasons
            .extend(price(claim, item, &book.decision.index_values));
        allocate(context, book, claim, rest, item, &payee, &mut audit);
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
    // What the log recorded is in the book already; what is approvable now is noted, so that later lines and
    // invoices of the run see it.
    for approval in &audit.approvals {
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

/// What the log recorded for the line already (when the invoice was recorded: its own entries, by line, item and
/// month), which stays approved for it, with a reason per run of months naming the entries; what is left of the
/// claim to judge now.
fn recorded(
    context: &Context<'_>,
    book: &Book<'_>,
    claim: &Claim<'_>,
    item: &Item,
    payee: &PartyId,
    audit: &mut LineAudit,
) -> Decimal {
    let mut rest = claim.claimed;
    let mut reasons = Vec::new();
    for recorded in book.recorded_for(context.sha256, &claim.line.id, &item.id) {
        rest = rest.saturating_sub(recorded.amount);
        audit.approved = audit.approved.saturating_add(recorded.amount);
        reasons.push(MonthReason {
            month: recorded.month,
            kind: ReasonKind::Decided,
            amount: recorded.amount,
            rest: format!("recorded in the log for this line of `{}`", item.id.0),
            clause: item.pay_span,
            events: recorded.events.clone(),
        });
        audit.recorded.push(crate::RecordedApproval {
            item: item.id.clone(),
            payee: payee.clone(),
            month: recorded.month,
            amount: recorded.amount,
            events: recorded.events,
        });
    }
    audit
        .reasons
        .extend(merged(reasons).into_iter().map(|(_, r)| r));
    rest
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

/// A flag on a line whose price is above the item's rate, for a regulated item the one in force on its last day:
/// for a regulation by an index, by the values of the log the decision read (`values`), a rise without both of its
/// values not applied (spec 4.8).
fn price(claim: &Claim<'_>, item: &Item, values: &cvl_eval::IndexValues) -> Option<Reason> {
    let rate = item.rate.as_ref()?;
    let regulated = item.regulation.as_ref().map(|r| {
        r.rate_on(rate.amount, claim.end, &|index, year| {
            values.value(index, year)
        })
    });
    let in_force = regulated.unwrap_or(Some(rate.amount))?;
    let price = claim.line.price.as_ref()?;
    let base = price
        .base_quantity
        .as_ref()
        .map_or(Decimal::ONE, |b| b.value);
    let unit_price = price.amount.value.checked_div(base)?;
    (unit_price > in_force).then(|| {
        let (unit, _) = per_unit(rate.per);
        Reason::new(
            ReasonKind::Price,
            format!(
                "the price of {} {} per {} is above the contract's {} {}",
                money(unit_price),
                price.amount.currency,
                unit.name(),
                money(in_force),
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

/// Runs of months and why each pays nothing, merged as they are added.
#[derive(Default)]
struct Runs(Vec<(Month, Month, Nothing)>);

impl Runs {
    fn add(&mut self, first: Month, last: Month, cause: Nothing) {
        match self.0.last_mut() {
            Some((_, end, c)) if *c == cause && end.next() == first => *end = last,
            _ => self.0.push((first, last, cause)),
        }
    }

    fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// A reason about one month, before runs of months with the same words are merged into one.
struct MonthReason {
    month: Month,
    kind: ReasonKind,
    /// The amount the reason is about, which a run states per month.
    amount: Decimal,
    /// The words after the amount.
    rest: String,
    clause: Option<Span>,
    events: Vec<String>,
}

/// The most month reasons of one kind a line lists; past it the middle ones are counted, not listed.
const MONTH_REASONS: usize = 24;

/// Merges consecutive months whose reasons say the same into one reason per run (`2019-02 to 2019-12: 60,000.00 a
/// month for 11 months approved, …`), and keeps the list bounded: past [`MONTH_REASONS`] runs, the middle ones are
/// summed up in one reason. Each reason comes with the first month it is about.
fn merged(reasons: Vec<MonthReason>) -> Vec<(Month, Reason)> {
    let mut runs: Vec<(Month, Month, u32, MonthReason)> = Vec::new();
    for reason in reasons {
        match runs.last_mut() {
            Some((_, last, n, r))
                if last.next() == reason.month
                    && r.kind == reason.kind
                    && r.amount == reason.amount
                    && r.rest == reason.rest
                    && r.clause == reason.clause
                    && r.events == reason.events =>
            {
                *last = reason.month;
                *n += 1;
            }
            _ => runs.push((reason.month, reason.month, 1, reason)),
        }
    }
    let render = |(first, last, n, r): &(Month, Month, u32, MonthReason)| {
        let text = if n == &1 {
            format!("{first}: {} {}", money(r.amount), r.rest)
        } else {
            format!(
                "{first} to {last}: {} a month for {n} months {}",
                money(r.amount),
                r.rest
            )
        };
        (
            *first,
            Reason::new(r.kind, text)
                .clause(r.clause)
                .events(r.events.clone()),
        )
    };
    if runs.len() <= MONTH_REASONS {
        return runs.iter().map(render).collect();
    }
    let head = MONTH_REASONS / 2;
    let tail = MONTH_REASONS - head - 1;
    let middle = runs.get(head..runs.len() - tail).unwrap_or_default();
    let sum = middle.iter().fold(Decimal::ZERO, |sum, (_, _, n, r)| {
        sum.saturating_add(r.amount.saturating_mul(Decimal::from(*n)))
    });
    let months: u32 = middle.iter().map(|(_, _, n, _)| *n).sum();
    let (first, last) = match (middle.first(), middle.last()) {
        (Some((first, _, _, _)), Some((_, last, _, _))) => (*first, *last),
        _ => return runs.iter().map(render).collect(),
    };
    let mut out: Vec<(Month, Reason)> = runs.iter().take(head).map(render).collect();
    out.push((
        first,
        Reason::new(
            middle.first().map_or(ReasonKind::Decided, |(_, _, _, r)| r.kind),
            format!(
                "{first} to {last}: {} in all over {months} months, each as the contract decides (not listed one by one)",
                money(sum)
            ),
        ),
    ));
    out.extend(runs.iter().skip(runs.len() - tail).map(render));
    out
}

/// The months of the claim's period that the decision pays the payee in (the only ones looked at one by one), and
/// the runs before and after them, which nothing is decided for.
fn months_in_span(
    book: &Book<'_>,
    claim: &Claim<'_>,
    payee: &PartyId,
    runs: &mut Runs,
) -> Option<(Month, Month)> {
    let (first, last) = (Month::of(claim.start), Month::of(claim.end));
    let Some((paid_first, paid_last)) = book.span(payee) else {
        runs.add(first, last, Nothing::NotInForce);
        return None;
    };
    let (from, to) = (first.max(paid_first), last.min(paid_last));
    if from > to {
        runs.add(first, last, Nothing::NotInForce);
        return None;
    }
    if first < from {
        runs.add(first, previous(from), Nothing::NotInForce);
    }
    Some((from, to))
}

/// The month before `month` (January 0001 has none, and is returned).
fn previous(month: Month) -> Month {
    if month.month == 1 {
        Month {
            year: month.year.saturating_sub(1).max(1),
            month: if month.year > 1 { 12 } else { 1 },
        }
    } else {
        Month {
            year: month.year,
            month: month.month - 1,
        }
    }
}

/// Approves `rest`, what is left of an invoice line once what the log recorded for it is taken off, up to what is
/// left of each month of its period, in month order.
fn allocate(
    context: &Context<'_>,
    book: &Book<'_>,
    claim: &Claim<'_>,
    rest: Decimal,
    item: &Item,
    payee: &PartyId,
    audit: &mut LineAudit,
) {
    let mut left = rest;
    let mut decided_total = Decimal::ZERO;
    let mut runs = Runs::default();
    let mut approved_reasons = Vec::new();
    let mut earlier_reasons = Vec::new();
    let span = months_in_span(book, claim, payee, &mut runs);
    for month in span
        .into_iter()
        .flat_map(|(from, to)| Month::range(from, to))
    {
        let key: Key = (item.id.clone(), payee.clone(), month);
        let (decided, lines) = book.decided(&key);
        if book.payment(payee, month).is_none() {
            runs.add(month, month, Nothing::NotInForce);
            continue;
        }
        if decided <= Decimal::ZERO {
            runs.add(month, month, Nothing::NotPaid);
            continue;
        }
        decided_total = decided_total.saturating_add(decided);
        let hold = book.hold(payee, month);
        let earlier = book.earlier(&key, context.sha256);
        // Everything approved of the month counts, this invoice's own recorded amounts too (they are approved for
        // it, and shown as recorded, not as approved before).
        let open = decided
            .saturating_sub(earlier.sum)
            .saturating_sub(book.own(&key, context.sha256))
            .max(Decimal::ZERO);
        if !earlier.is_empty() {
            earlier_reasons.push(earlier_reason(month, decided, &earlier, item));
        }
        if open.is_zero() || left <= Decimal::ZERO {
            continue;
        }
        if hold == Some(None) {
            let held = open.min(left);
            audit.held = audit.held.saturating_add(held);
            left = left.saturating_sub(held);
            runs.add(month, month, Nothing::Held);
            continue;
        }
        let take = open.min(left);
        left = left.saturating_sub(take);
        audit.approved = audit.approved.saturating_add(take);
        audit.approvals.push(Approval {
            item: item.id.clone(),
            payee: payee.clone(),
            month,
            amount: take,
        });
        approved_reasons.push(approved_reason(
            book,
            payee,
            month,
            take,
            &lines,
            hold,
            context.recorded,
        ));
    }
    if let Some((_, to)) = span
        && to < Month::of(claim.end)
    {
        runs.add(to.next(), Month::of(claim.end), Nothing::NotInForce);
    }
    let explained = !runs.is_empty()
        || !earlier_reasons.is_empty()
        || audit.reasons.iter().any(|r| r.kind == ReasonKind::Price);
    // The month reasons in the order of their months (of a run, its first), and of one month: what is approved,
    // what was approved before, what pays nothing (the sort is stable).
    let mut by_month = merged(approved_reasons);
    by_month.extend(merged(earlier_reasons));
    by_month.extend(nothing_reasons(book, item, payee, &runs));
    by_month.sort_by_key(|(month, _)| *month);
    audit.reasons.extend(by_month.into_iter().map(|(_, r)| r));
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

/// A credit note's line, or a negative line: `rest` (negative) is what is left of it once what the log recorded for
/// it is taken off. It takes back what was approved for the item and payee (the log's entries and the invoices
/// before in the run), latest month first: for an item paid by the month, in the months of its period; for a
/// reimbursed item, what was reimbursed in any month through its period's last. It never takes back more than was
/// approved: the part beyond is not approved, with the reason, and so never makes room for more than the decision.
fn credit(
    book: &Book<'_>,
    claim: &Claim<'_>,
    rest: Decimal,
    item: &Item,
    payee: &PartyId,
    audit: &mut LineAudit,
) {
    let mut left = -rest;
    let last = Month::of(claim.end);
    let months: Vec<(Month, Decimal)> = if item.reimburse.is_some() {
        book.months_of_item(&item.id, payee)
            .into_iter()
            .filter(|(month, _)| *month <= last)
            .collect()
    } else {
        months_in_span(book, claim, payee, &mut Runs::default())
            .into_iter()
            .flat_map(|(from, to)| Month::range(from, to))
            .map(|month| {
                let key: Key = (item.id.clone(), payee.clone(), month);
                (month, book.total(&key))
            })
            .collect()
    };
    let mut reasons = Vec::new();
    let mut approvals = Vec::new();
    let mut approved_in_all = Decimal::ZERO;
    for (month, approved) in months.iter().rev() {
        let approved = (*approved).max(Decimal::ZERO);
        approved_in_all = approved_in_all.saturating_add(approved);
        let take = approved.min(left);
        if take.is_zero() {
            continue;
        }
        left = left.saturating_sub(take);
        approvals.push(Approval {
            item: item.id.clone(),
            payee: payee.clone(),
            month: *month,
            amount: -take,
        });
        audit.approved = audit.approved.saturating_sub(take);
        reasons.push(MonthReason {
            month: *month,
            kind: ReasonKind::Credit,
            amount: take,
            rest: format!(
                "credited against the {} approved for `{}`",
                money(approved),
                item.id.0
            ),
            clause: item.pay_span,
            events: Vec::new(),
        });
    }
    reasons.reverse();
    approvals.reverse();
    audit
        .reasons
        .extend(merged(reasons).into_iter().map(|(_, r)| r));
    audit.approvals.extend(approvals);
    if left > Decimal::ZERO {
        // What was approved before this credit: what is approved now, and what the log recorded it took back.
        let approved_in_all = approved_in_all.saturating_add(rest.saturating_sub(claim.claimed));
        let first = Month::of(claim.start);
        let what = if item.reimburse.is_some() {
            format!("reimbursed for `{}` through {last}", item.id.0)
        } else if first == last {
            format!("approved for `{}` in {last}", item.id.0)
        } else {
            format!("approved for `{}` from {first} to {last}", item.id.0)
        };
        audit.reasons.push(
            Reason::new(
                ReasonKind::Credit,
                format!(
                    "{} of the {} credited is not taken back: {} was {what}, and a credit takes back only what was approved",
                    money(left),
                    money(-claim.claimed),
                    money(approved_in_all),
                ),
            )
            .clause(item.pay_span),
        );
    }
}
