//! What a document says against itself and against the contract's rates, beyond its totals (spec 12.5): a line's
//! amount that is not its quantity at its price (Peppol's rule PEPPOL-EN16931-R120, allowances and charges not
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
