//! A document as text, one fact a line, for a person checking what was read (and for the tests' snapshots). Text
//! from the file goes through [`shown`]: hidden characters escaped, a CPR-like number masked.

use std::fmt;

use cvl_syntax::text::shown;

use crate::model::{Amount, Document, Identifier, Line, Period, TaxCategory, TaxTotal};

impl fmt::Display for Amount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.value, self.currency)
    }
}

impl fmt::Display for Identifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.scheme {
            Some(scheme) => write!(f, "`{}` (scheme `{}`)", shown(&self.value), shown(scheme)),
            None => write!(f, "`{}`", shown(&self.value)),
        }
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let day =
            |d: Option<chrono::NaiveDate>| d.map_or_else(|| "…".to_string(), |d| d.to_string());
        write!(f, "{} to {}", day(self.start), day(self.end))
    }
}

impl fmt::Display for TaxCategory {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.percent {
            Some(percent) => write!(f, "`{}` at {percent} %", shown(&self.id)),
            None => write!(f, "`{}`", shown(&self.id)),
        }
    }
}

fn text(value: &Option<String>) -> String {
    value
        .as_deref()
        .map_or_else(|| "-".to_string(), |v| format!("`{}`", shown(v)))
}

impl fmt::Display for Document {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{} `{}` ({}), issued {}, in {}",
            self.kind.root(),
            shown(&self.number),
            self.profile.name(),
            self.issue_date,
            self.currency
        )?;
        writeln!(f, "customization: `{}`", shown(&self.customization_id))?;
        writeln!(f, "type code: {}", text(&self.type_code))?;
        writeln!(f, "buyer reference: {}", text(&self.buyer_reference))?;
        writeln!(f, "order reference: {}", text(&self.order_reference))?;
        for reference in &self.billing_references {
            writeln!(f, "corrects invoice: `{}`", shown(reference))?;
        }
        let supplier = &self.supplier;
        writeln!(
            f,
            "supplier: {}, registered as {}",
            text(&supplier.name),
            text(&supplier.registration_name)
        )?;
        if let Some(endpoint) = &supplier.endpoint {
            writeln!(f, "  endpoint: {endpoint}")?;
        }
        for id in &supplier.party_ids {
            writeln!(f, "  party id: {id}")?;
        }
        if let Some(id) = &supplier.legal_id {
            writeln!(f, "  legal id: {id}")?;
        }
        for id in &supplier.tax_ids {
            writeln!(f, "  tax id: {id}")?;
        }
        writeln!(f, "  cvr: {}", supplier.cvr_numbers().join(", "))?;
        if let Some(period) = &self.period {
            writeln!(f, "period: {period}")?;
        }
        let totals = &self.totals;
        writeln!(
            f,
            "totals: lines {}, tax exclusive {}, tax inclusive {}, payable {}",
            totals.line_extension,
            optional(&totals.tax_exclusive),
            optional(&totals.tax_inclusive),
            totals.payable
        )?;
        for tax in &self.tax_totals {
            write_tax(f, "", tax)?;
        }
        for line in &self.lines {
            write_line(f, line)?;
        }
        for mismatch in &self.currency_mismatches {
            writeln!(
                f,
                "in another currency: `{}` in {}",
                mismatch.path, mismatch.currency
            )?;
        }
        Ok(())
    }
}

fn optional(amount: &Option<Amount>) -> String {
    amount
        .as_ref()
        .map_or_else(|| "-".to_string(), Amount::to_string)
}

fn write_tax(f: &mut fmt::Formatter<'_>, indent: &str, tax: &TaxTotal) -> fmt::Result {
    writeln!(f, "{indent}tax: {}", tax.amount)?;
    for sub in &tax.subtotals {
        let category = sub
            .category
            .as_ref()
            .map_or_else(|| "-".to_string(), TaxCategory::to_string);
        writeln!(
            f,
            "{indent}  {category}: {} on {}",
            sub.amount,
            optional(&sub.taxable)
        )?;
    }
    Ok(())
}

fn write_line(f: &mut fmt::Formatter<'_>, line: &Line) -> fmt::Result {
    writeln!(
        f,
        "line `{}` ({}): {} {} ({}), {}",
        shown(&line.id),
        line.path,
        line.quantity.value,
        shown(&line.quantity.unit_code),
        line.quantity.unit().name(),
        line.amount
    )?;
    if let Some(period) = &line.period {
        writeln!(f, "  period: {period}")?;
    }
    writeln!(
        f,
        "  item: {}, seller's id {}, standard id {}",
        text(&line.item_name),
        text(&line.sellers_item_id),
        line.standard_item_id
            .as_ref()
            .map_or_else(|| "-".to_string(), Identifier::to_string)
    )?;
    if let Some(price) = &line.price {
        match &price.base_quantity {
            Some(base) => writeln!(
                f,
                "  price: {} per {} {}",
                price.amount,
                base.value,
                base.unit_code
                    .as_deref()
                    .map_or_else(String::new, |u| shown(u).into_owned())
            )?,
            None => writeln!(f, "  price: {}", price.amount)?,
        }
    }
    if let Some(category) = &line.tax_category {
        writeln!(f, "  tax category: {category}")?;
    }
    for tax in &line.tax_totals {
        write_tax(f, "  ", tax)?;
    }
    Ok(())
}
