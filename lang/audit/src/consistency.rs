//! What a document says against itself and against the contract's rates, beyond its totals (spec 12.5): a line's
//! quantity that cannot be what its amount is for (none, of the other sign, or more months or days than its period
//! holds), a line's amount that is not its quantity at its price (Peppol's rule PEPPOL-EN16931-R120, allowances and charges not
//! being read), an hourly line asking for more than its hours at the contract's rate, and VAT on a line of a
//! document that charges none. Each is a problem of the document: the invoice is not approved in full.

use rust_decimal::{Decimal, RoundingStrategy};

use cvl_check::model::Contract;
use cvl_check::types::Per;
use cvl_invoice::{Document, Line, Unit};

use crate::{Reason, ReasonKind, count, money};

/// The problems of `document`'s lines, in line order.
pub(crate) fn problems(contract: &Contract, document: &Document, vat: Decimal) -> Vec<Reason> {
    let mut problems = Vec::new();
    for line in &document.lines {
        // A quantity that cannot be what the amount is for says all there is to say of the line: its price and its
        // hours would only repeat it.
        if let Some(problem) = quantified(document, line) {
            problems.push(problem);
            continue;
        }
        problems.extend(priced(document, line));
        problems.extend(hourly(contract, document, line));
    }
    if vat.is_zero() {
        let taxed: Vec<String> = document
            .lines
            .iter()
            .filter(|l| line_vat(l))
            .map(|l| format!("`{}`", l.id))
            .collect();
        if !taxed.is_empty() {
            problems.push(Reason::new(
                ReasonKind::Vat,
                format!(
                    "line {} charges VAT, and the document's `cac:TaxTotal` charges none: the document contradicts itself, and the contract's payments are exempt from VAT",
                    taxed.join(", ")
                ),
            ));
        }
    }
    problems
}

/// Whether a line charges VAT: a tax category above 0 %, or a tax total of its own above zero.
pub(crate) fn line_vat(line: &Line) -> bool {
    line.tax_category
        .as_ref()
        .and_then(|c| c.percent)
        .is_some_and(|p| p > Decimal::ZERO)
        || line
            .tax_totals
            .iter()
            .any(|t| t.amount.value > Decimal::ZERO)
}

/// The quantity in words: `1 hour`, `17 days`, `3 \`XYZ\``.
fn quantity(line: &Line) -> String {
    match line.quantity.unit() {
        Unit::Other => format!(
            "{} `{}`",
            line.quantity.value.normalize(),
            line.quantity.unit_code
        ),
        unit => count(line.quantity.value, unit.name()),
    }
}

/// A line whose quantity cannot be what its amount is for: none for an amount that is not nothing, a quantity and
/// an amount of opposite signs (a correction is negative in both), or, in months or days, more than its period
/// (the line's, or else the document's) holds. Hours and pieces are weighed against the decision, not here.
fn quantified(document: &Document, line: &Line) -> Option<Reason> {
    let quantity = line.quantity.value;
    let amount = line.amount.value;
    let why = if quantity.is_zero() && !amount.is_zero() {
        format!(
            "asks {} {} for {}",
            money(amount),
            document.currency,
            self::quantity(line)
        )
    } else if !amount.is_zero() && quantity.is_sign_negative() != amount.is_sign_negative() {
        format!(
            "asks {} {} for {}: a quantity and its amount have one sign (a correction is negative in both)",
            money(amount),
            document.currency,
            self::quantity(line)
        )
    } else {
        let period = line.period.as_ref().or(document.period.as_ref())?;
        let (start, end) = (period.start?, period.end?);
        let (most, unit) = match line.quantity.unit() {
            Unit::Month => (months_touched(start, end), "month"),
            Unit::Day => ((end - start).num_days().saturating_add(1), "day"),
            _ => return None,
        };
        if most <= 0 || quantity.abs() <= Decimal::from(most) {
            return None;
        }
        format!(
            "is for {}, and its period from {start} to {end} holds {}",
            self::quantity(line),
            count(Decimal::from(most), unit)
        )
    };
    Some(Reason::new(
        ReasonKind::Quantity,
        format!("line `{}` {why}", line.id),
    ))
}

/// How many calendar months the days from `start` to `end` touch.
fn months_touched(start: chrono::NaiveDate, end: chrono::NaiveDate) -> i64 {
    use chrono::Datelike;
    let months = |d: chrono::NaiveDate| i64::from(d.year()) * 12 + i64::from(d.month0());
    months(end) - months(start) + 1
}

/// A line with a price whose amount is not its quantity at that price, to the øre.
fn priced(document: &Document, line: &Line) -> Option<Reason> {
    let price = line.price.as_ref()?;
    let base = price
        .base_quantity
        .as_ref()
        .map_or(Decimal::ONE, |b| b.value);
    let at = line
        .quantity
        .value
        .checked_mul(price.amount.value)?
        .checked_div(base)?
        .round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    (at != line.amount.value).then(|| {
        let per = if base == Decimal::ONE {
            String::new()
        } else {
            format!(" per {}", base.normalize())
        };
        Reason::new(
            ReasonKind::Totals,
            format!(
                "line `{}`: {} at {}{per} {} is {} {}, and the line's `cbc:LineExtensionAmount` is {} {} (Peppol PEPPOL-EN16931-R120; allowances and charges are not read)",
                line.id,
                quantity(line),
                money(price.amount.value),
                document.currency,
                money(at),
                document.currency,
                money(line.amount.value),
                document.currency
            ),
        )
    })
}

/// An hourly item's line that asks for more than its hours at the contract's rate.
fn hourly(contract: &Contract, document: &Document, line: &Line) -> Option<Reason> {
    let name = line.sellers_item_id.as_deref()?;
    let item = contract.items.iter().find(|i| i.id.0 == name)?;
    let rate = item.rate.as_ref().filter(|r| r.per == Per::Hour)?;
    if line.quantity.unit() != Unit::Hour {
        return None;
    }
    let hours = line.quantity.value;
    let worth = hours.checked_mul(rate.amount)?;
    (line.amount.value.abs() > worth.abs()).then(|| {
        Reason::new(
            ReasonKind::Quantity,
            format!(
                "line `{}` asks {} {} for {}: at the contract's {} {} per hour, {} is {} {}",
                line.id,
                money(line.amount.value),
                document.currency,
                count(hours, "hour"),
                money(rate.amount),
                rate.currency,
                count(hours, "hour"),
                money(worth),
                rate.currency
            ),
        )
        .clause(item.pay_span)
    })
}
