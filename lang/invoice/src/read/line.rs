//! The lines: each `cac:InvoiceLine` of an invoice or `cac:CreditNoteLine` of a credit note, with what matching
//! needs of it (its id, quantity and unit, amount) and what it may say (period, item, price, tax category).

use std::collections::BTreeMap;

use super::{Reader, optional_text, period, tax_category};
use crate::model::{BaseQuantity, DocumentKind, Identifier, Line, Price, Quantity};
use crate::node::Node;
use crate::refusal::{Refusal, RefusalKind};
use crate::value;
use crate::xml::Ns;

/// Every line of the document, at least one, their ids distinct.
pub(super) fn lines(
    reader: &mut Reader,
    doc: &Node<'_>,
    kind: DocumentKind,
) -> Result<Vec<Line>, Refusal> {
    let nodes = doc.children(Ns::Cac, kind.line());
    if nodes.is_empty() {
        return Err(Refusal::new(
            RefusalKind::Missing,
            format!(
                "the document has no `cac:{}`: there is nothing to check",
                kind.line()
            ),
        )
        .at(&format!("{}/cac:{}", kind.root(), kind.line()), None));
    }
    if nodes.len() > crate::limits::MAX_LINES {
        return Err(Refusal::new(
            RefusalKind::Limit,
            format!(
                "the document has {} lines, more than {}, the most one approval records (spec section 7)",
                crate::limits::grouped(nodes.len()),
                crate::limits::grouped(crate::limits::MAX_LINES)
            ),
        )
        .at(&format!("{}/cac:{}", kind.root(), kind.line()), None)
        .help("split the lines over several invoices"));
    }
    let mut seen: BTreeMap<String, String> = BTreeMap::new();
    let mut lines = Vec::with_capacity(nodes.len());
    for node in &nodes {
        let line = read_line(reader, node, kind)?;
        if let Some(first) = seen.get(&line.id) {
            return Err(node
                .refuse(
                    RefusalKind::Repeated,
                    format!("the line id `{}` is also the id of `{first}`", line.id),
                )
                .help("give each line its own `cbc:ID`, so that a verdict names one line"));
        }
        seen.insert(line.id.clone(), line.path.clone());
        lines.push(line);
    }
    Ok(lines)
}

fn read_line(reader: &mut Reader, node: &Node<'_>, kind: DocumentKind) -> Result<Line, Refusal> {
    let id = node.require(Ns::Cbc, "ID", "it names the line")?;
    let id_text = id.text("it names the line")?.to_string();
    crate::limits::personal(&id, &id_text, "the line's id")?;
    let id = id_text;
    let quantity = node.require(Ns::Cbc, kind.quantity(), "it is how much is invoiced")?;
    let quantity_value = value::decimal(quantity.text("it is how much is invoiced")?)
        .map_err(|p| quantity.refuse_value(p))?;
    crate::limits::quantity(&quantity, quantity_value)?;
    let quantity = Quantity {
        value: quantity_value,
        unit_code: quantity
            .require_attr(
                "unitCode",
                "it is the unit of the quantity (`MON`, `DAY`, `HUR`, `C62`)",
            )?
            .to_string(),
    };
    let amount = node.require(Ns::Cbc, "LineExtensionAmount", "it is the line's amount")?;
    let amount = reader.amount(&amount, "it is the line's amount")?;
    let period = node
        .child(Ns::Cac, "InvoicePeriod")?
        .map(|p| period(&p))
        .transpose()?;
    let (mut item_name, mut sellers_item_id, mut standard_item_id, mut tax_category_read) =
        (None, None, None, None);
    if let Some(item) = node.child(Ns::Cac, "Item")? {
        item_name = optional_text(&item, "Name")?;
        if let Some(sellers) = item.child(Ns::Cac, "SellersItemIdentification")? {
            let id = sellers.require(Ns::Cbc, "ID", "it identifies the item")?;
            sellers_item_id = Some(id.text("it identifies the item")?.to_string());
        }
        if let Some(standard) = item.child(Ns::Cac, "StandardItemIdentification")? {
            let id = standard.require(Ns::Cbc, "ID", "it identifies the item")?;
            standard_item_id = Some(Identifier {
                value: id.text("it identifies the item")?.to_string(),
                scheme: id.attr("schemeID").map(str::to_string),
            });
        }
        tax_category_read = item
            .child(Ns::Cac, "ClassifiedTaxCategory")?
            .map(|category| tax_category(&category))
            .transpose()?;
    }
    let tax_totals = node
        .children(Ns::Cac, "TaxTotal")
        .iter()
        .map(|tax| reader.tax_total(tax))
        .collect::<Result<Vec<_>, _>>()?;
    let price = match node.child(Ns::Cac, "Price")? {
        Some(price) => {
            let amount = price.require(Ns::Cbc, "PriceAmount", "it is the price")?;
            let amount = reader.amount(&amount, "it is the price")?;
            let base_quantity = match price.child(Ns::Cbc, "BaseQuantity")? {
                Some(base) => {
                    let value = value::decimal(base.text("it is the quantity the price is for")?)
                        .map_err(|p| base.refuse_value(p))?;
                    crate::limits::base_quantity(&base, value)?;
                    Some(BaseQuantity {
                        value,
                        unit_code: base.attr("unitCode").map(str::to_string),
                    })
                }
                None => None,
            };
            Some(Price {
                amount,
                base_quantity,
            })
        }
        None => None,
    };
    Ok(Line {
        path: node.path().to_string(),
        id,
        quantity,
        amount,
        period,
        item_name,
        sellers_item_id,
        standard_item_id,
        tax_category: tax_category_read,
        tax_totals,
        price,
    })
}
