//! Admitting an `invoice_approved` event: the payer records what it approved of one invoice, per line, item and
//! month (spec 9.2). Its data is read here, every value by cvl-event's readers for nested values (so an amount is
//! read exactly as any other event's, `data.lines[2].amount` named in the words), and its months are checked
//! against the contract's period: what the contract's text fixes here, on the event alone ([`approved`], from
//! admit.rs); what earlier events fix (a `starts when` start, a termination, an `ends when` end), by the state
//! ([`within`], from state.rs), with the same words.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde_json::Value;

use cvl_check::horizon;
use cvl_check::limits::{AMOUNT_DECIMALS, MAX_AMOUNT};
use cvl_check::model::{Contract, End, Item, PartyId, Role, Start};
use cvl_check::value::add_duration;
use cvl_event::{Event, Refusal, RefusalKind, Sign};

use crate::admit::Admitted;
use crate::calendar::{Month, day_before};
use crate::state::names;

/// The most characters an invoice's number may have (spec 7).
pub(crate) const MAX_INVOICE: usize = 200;

/// The most lines one approval may hold (spec 7).
pub(crate) const MAX_LINES: usize = 10_000;

/// The fields of a line of an approval.
const LINE_FIELDS: &[&str] = &["line", "item", "month", "amount"];

/// One approved line, read.
pub(crate) struct ApprovedLine<'c> {
    /// Where it is in `data.lines`, counted from 0.
    pub index: usize,
    pub line: String,
    pub item: &'c Item,
    pub payee: &'c PartyId,
    pub month: Month,
    pub amount: Decimal,
}

/// What bounds the months an approval may name: the contract's first and last day, each with what sets it, in
/// words (`the contract's start`), when known.
#[derive(Default)]
pub(crate) struct Bounds {
    pub first: Option<(NaiveDate, String)>,
    pub last: Option<(NaiveDate, String)>,
    /// Why no month can be named yet: the contract has not started.
    pub not_started: Option<String>,
}

impl Bounds {
    /// The bounds the contract's text sets, with `start` (its `starts on` date, or its `starts when` event's) when
    /// known: the start, `ends on`, `ends after` and the reach (spec 9.3).
    pub fn of(contract: &Contract, start: Option<NaiveDate>) -> Bounds {
        let Some(start) = start else {
            return Bounds {
                last: match &contract.end {
                    Some(End::On(date)) => Some((*date, "the contract's end".to_string())),
                    _ => None,
                },
                ..Bounds::default()
            };
        };
        let reach = horizon::reach(start);
        let end = match &contract.end {
            Some(End::On(date)) => Some(*date),
            Some(End::After(d)) => add_duration(start, d.amount, d.calendar).map(day_before),
            _ => None,
        };
        let last = match end {
            Some(end) if end <= reach => (end, "the contract's end".to_string()),
            _ => (reach, "the contract's reach (spec 9.3)".to_string()),
        };
        Bounds {
            first: Some((start, "the contract's start".to_string())),
            last: Some(last),
            not_started: None,
        }
    }

    /// Narrows the last day to `date`, for `why`, when that is earlier.
    pub fn end_by(&mut self, date: NaiveDate, why: String) {
        if self.last.as_ref().is_none_or(|(last, _)| date < *last) {
            self.last = Some((date, why));
        }
    }
}

/// Refuses `event` unless its `actor` is a party whose role is `payer`: only the payer approves what it pays, or
/// records that it paid (`doing`, in words: `approve an invoice`, `record a payment`).
pub(crate) fn payer_only(
    contract: &Contract,
    event: &Event,
    actor: &PartyId,
    doing: &str,
) -> Result<(), Refusal> {
    let payers: Vec<PartyId> = contract
        .parties
        .iter()
        .filter(|p| p.role == Some(Role::Payer))
        .map(|p| p.id.clone())
        .collect();
    if payers.contains(actor) {
        return Ok(());
    }
    let who = if payers.is_empty() {
        "this contract has no party whose role is `payer`".to_string()
    } else {
        format!("only a party whose role is `payer` may: {}", names(&payers))
    };
    Err(event.refusal(
        RefusalKind::NoAuthority,
        format!("`{}` cannot {doing}: {who}", event.actor),
    ))
}

/// Reads an `invoice_approved` event by `actor`, which must be a party whose role is `payer`, and checks its
/// months against what the contract's text fixes.
pub(crate) fn approved<'c>(
    contract: &'c Contract,
    event: &Event,
    actor: &PartyId,
) -> Result<Admitted<'c>, Refusal> {
    payer_only(contract, event, actor, "approve an invoice")?;
    event.only(&["invoice", "sha256", "lines"])?;
    let invoice = event.text("invoice")?;
    if invoice.is_empty() {
        return Err(event.refusal(
            RefusalKind::DataShape,
            "`data.invoice` is empty: it is the invoice's number",
        ));
    }
    let length = invoice.chars().count();
    if length > MAX_INVOICE {
        return Err(event.refusal(RefusalKind::Limit, format!(
            "`data.invoice` is {length} characters long, more than {MAX_INVOICE}, the most an invoice's number may have (spec section 7)"
        )));
    }
    let sha256 = event.text("sha256")?;
    if sha256.len() != 64
        || !sha256
            .bytes()
            .all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
    {
        return Err(event.refusal(
            RefusalKind::DataShape,
            format!("`data.sha256` is `{sha256}`, which is not a SHA-256 in lowercase hex"),
        ));
    }
    let lines = event.data.value("lines");
    let items = match lines.as_deref() {
        Some(Value::Array(items)) => items,
        Some(_) => {
            return Err(event.refusal(
                RefusalKind::DataShape,
                "`data.lines` must be an array of the lines approved",
            ));
        }
        None => {
            return Err(event.refusal(RefusalKind::DataShape, "`data.lines` is missing"));
        }
    };
    if items.is_empty() {
        return Err(event.refusal(
            RefusalKind::DataShape,
            "`data.lines` is empty: an approval approves at least one line",
        ));
    }
    if items.len() > MAX_LINES {
        return Err(event.refusal(RefusalKind::Limit, format!(
            "`data.lines` has {} lines, more than {}, the most one approval may hold (spec section 7)",
            cvl_check::value::group_thousands(Decimal::from(items.len()), None),
            cvl_check::value::group_thousands(Decimal::from(MAX_LINES), None)
        )));
    }
    let lines = items
        .iter()
        .enumerate()
        .map(|(index, value)| line(contract, event, index, value))
        .collect::<Result<Vec<_>, _>>()?;
    let start = match &contract.start {
        Some(Start::On(date)) => Some(*date),
        _ => None,
    };
    within(event, &lines, &Bounds::of(contract, start))?;
    Ok(Admitted::Approved {
        invoice: invoice.to_string(),
        sha256: sha256.to_string(),
        lines,
    })
}

/// Reads line `index` of `data.lines`.
fn line<'c>(
    contract: &'c Contract,
    event: &Event,
    index: usize,
    value: &Value,
) -> Result<ApprovedLine<'c>, Refusal> {
    let path = format!("data.lines[{index}]");
    let Value::Object(fields) = value else {
        return Err(event.refusal(
            RefusalKind::DataShape,
            format!("`{path}` must be an object with `line`, `item`, `month` and `amount`"),
        ));
    };
    event.only_at(
        fields,
        &path,
        &"a line of an `invoice_approved` event",
        LINE_FIELDS,
    )?;
    let at = |name: &str| format!("{path}.{name}");
    let line = event.text_at(fields.get("line"), &at("line"))?;
    if line.is_empty() {
        return Err(event.refusal(
            RefusalKind::DataShape,
            format!("`{}` is empty: it is the invoice line's id", at("line")),
        ));
    }
    let name = event.text_at(fields.get("item"), &at("item"))?;
    let Some(item) = contract.items.iter().find(|i| i.id.0 == name) else {
        return Err(event.refusal(
            RefusalKind::DataShape,
            format!(
                "`{}` is `{name}`, which is not an item or supplement of this contract",
                at("item")
            ),
        ));
    };
    let Some(payee) = item.payee.as_ref() else {
        return Err(event.refusal(
            RefusalKind::DataShape,
            format!("`{}` is `{name}`, which pays no party", at("item")),
        ));
    };
    let month_text = event.text_at(fields.get("month"), &at("month"))?;
    let Some(month) = Month::parse(month_text) else {
        return Err(event.refusal(
            RefusalKind::DataShape,
            format!(
                "`{}` is `{month_text}`, which is not a month (`2019-03`)",
                at("month")
            ),
        ));
    };
    let amount = event.decimal_at(
        fields.get("amount"),
        &at("amount"),
        AMOUNT_DECIMALS,
        MAX_AMOUNT,
        Sign::Either,
    )?;
    if amount.is_zero() {
        let written = match fields.get("amount") {
            Some(Value::String(s)) => s.clone(),
            other => other.map_or_else(String::new, Value::to_string),
        };
        return Err(event.refusal(
            RefusalKind::DataShape,
            format!(
                "`{}` is `{written}`: an approved amount is not zero (a credit note's is negative)",
                at("amount")
            ),
        ));
    }
    Ok(ApprovedLine {
        index,
        line: line.to_string(),
        item,
        payee,
        month,
        amount,
    })
}

/// Refuses the first line whose month is not within `bounds`, naming it.
pub(crate) fn within(
    event: &Event,
    lines: &[ApprovedLine<'_>],
    bounds: &Bounds,
) -> Result<(), Refusal> {
    for line in lines {
        let path = format!("data.lines[{}].month", line.index);
        let month = line.month;
        if let Some(why) = &bounds.not_started {
            return Err(event.refusal(
                RefusalKind::DataShape,
                format!("`{path}` is `{month}`, but {why}"),
            ));
        }
        if let Some((first, why)) = &bounds.first
            && month < Month::of(*first)
        {
            return Err(event.refusal(
                RefusalKind::DataShape,
                format!("`{path}` is `{month}`, before {why} on {first}"),
            ));
        }
        if let Some((last, why)) = &bounds.last
            && month > Month::of(*last)
        {
            return Err(event.refusal(
                RefusalKind::DataShape,
                format!("`{path}` is `{month}`, after {why} on {last}"),
            ));
        }
    }
    Ok(())
}
