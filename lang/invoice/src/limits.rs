//! The bounds on what an invoice may say (spec 12.3 and section 7), applied where each value is read so that no
//! later step has to round, clamp or guess: Peppol BIS 3's decimal rules (BR-DEC-*: the document's and the lines'
//! amounts have at most two decimals; a price and a quantity may have more), the largest amount and quantity a
//! contract can pay (spec 7), a price's base quantity above zero, and, for what `cvl invoice approve` records in
//! the signed log, the number of lines, the length of the invoice's number and no CPR-like number in it or in a
//! line's id.

use rust_decimal::Decimal;

use crate::node::Node;
use crate::refusal::{Refusal, RefusalKind};

/// The largest amount (in absolute value) an invoice may state, and the largest quantity: 10^12, the largest
/// amount a contract or an event may state (spec 7, cvl-check's `MAX_AMOUNT`).
pub const MAX_AMOUNT: Decimal = Decimal::from_parts(0xD4A5_1000, 0xE8, 0, false, 0);

/// The most decimals a document or line amount may have (Peppol BIS 3, BR-DEC-*).
pub const AMOUNT_DECIMALS: u32 = 2;

/// The most lines a document may have: 10,000, the most one `invoice_approved` entry holds (spec 7).
pub const MAX_LINES: usize = 10_000;

/// The most characters an invoice's number may have: 200, the most an `invoice_approved` entry records (spec 7).
pub const MAX_NUMBER: usize = 200;

/// The Peppol BIS 3 (EN 16931) rule that bounds the decimals of the amount at `path`, if one does: `None` for a
/// price (`cbc:PriceAmount`, BT-146, which may have more).
fn decimal_rule(path: &str) -> Option<&'static str> {
    let last = path.rsplit('/').next().unwrap_or(path);
    let parent = path.rsplit('/').nth(1).unwrap_or("");
    let in_line = path.contains("Line[");
    let rule = match last {
        "cbc:PriceAmount" => return None,
        "cbc:LineExtensionAmount" if in_line => "BR-DEC-23",
        "cbc:LineExtensionAmount" => "BR-DEC-09",
        "cbc:TaxExclusiveAmount" => "BR-DEC-12",
        "cbc:TaxInclusiveAmount" => "BR-DEC-14",
        "cbc:PayableAmount" => "BR-DEC-18",
        "cbc:TaxableAmount" => "BR-DEC-19",
        "cbc:TaxAmount" if parent.starts_with("cac:TaxSubtotal") => "BR-DEC-20",
        "cbc:TaxAmount" => "BR-DEC-13",
        _ => "BR-DEC",
    };
    Some(rule)
}

/// Refuses an amount with more decimals than its rule allows, or beyond [`MAX_AMOUNT`].
pub(crate) fn amount(node: &Node<'_>, value: Decimal) -> Result<(), Refusal> {
    if let Some(rule) = decimal_rule(node.path())
        && value.scale() > AMOUNT_DECIMALS
    {
        return Err(node
            .refuse(
                RefusalKind::BadValue,
                format!(
                    "`{value}` has {} decimals: an amount of the document or of a line has at most {AMOUNT_DECIMALS} (Peppol BIS 3, {rule})",
                    value.scale()
                ),
            )
            .help("write the amount in whole øre (cents), such as `22500.00`; only a price (`cbc:PriceAmount`) may have more decimals"));
    }
    beyond(node, value, "amount")
}

/// Refuses a quantity beyond [`MAX_AMOUNT`].
pub(crate) fn quantity(node: &Node<'_>, value: Decimal) -> Result<(), Refusal> {
    beyond(node, value, "quantity")
}

fn beyond(node: &Node<'_>, value: Decimal, what: &str) -> Result<(), Refusal> {
    if value.abs() > MAX_AMOUNT {
        return Err(node
            .refuse(
                RefusalKind::BadValue,
                format!(
                    "`{value}` is beyond 1,000,000,000,000, the largest {what} an invoice is read with (spec section 7)"
                ),
            )
            .help(format!("no contract pays for this much: check the {what}")));
    }
    Ok(())
}

/// Refuses a price's base quantity that is not above zero: the price is for that many units, and is divided by it.
pub(crate) fn base_quantity(node: &Node<'_>, value: Decimal) -> Result<(), Refusal> {
    if value <= Decimal::ZERO {
        return Err(node
            .refuse(
                RefusalKind::BadValue,
                format!("the base quantity is `{value}`: a price is for more than zero units"),
            )
            .help("write how many units the price is for, such as `1`, or leave `cbc:BaseQuantity` out"));
    }
    quantity(node, value)
}

/// Refuses text that the signed log would refuse to record: what looks like a CPR number (spec 6).
pub(crate) fn personal(node: &Node<'_>, text: &str, what: &str) -> Result<(), Refusal> {
    if !cvl_syntax::cpr::find(text).is_empty() {
        return Err(node
            .refuse(
                RefusalKind::Personal,
                format!("{what} holds what looks like a CPR number, which is never recorded in a log"),
            )
            .help("a personal identification number must not be written into an invoice's number or a line's id: use the case's reference"));
    }
    Ok(())
}

/// Refuses an invoice number longer than [`MAX_NUMBER`] characters.
pub(crate) fn number(node: &Node<'_>, text: &str) -> Result<(), Refusal> {
    personal(node, text, "the document's number")?;
    let length = text.chars().count();
    if length > MAX_NUMBER {
        return Err(node
            .refuse(
                RefusalKind::Limit,
                format!(
                    "the document's number is {length} characters long, more than {MAX_NUMBER}, the most an approval records (spec section 7)"
                ),
            )
            .help("an invoice's number is a short reference, such as `OV-2019-03`"));
    }
    Ok(())
}

/// `10000` as `10,000`.
pub(crate) fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}
