//! A small builder of Peppol BIS Billing 3.0 invoices and credit notes for the invoice tests: each test says only
//! what differs from a plain monthly invoice of Østervold's (the reference case, examples/placement), and the
//! builder writes the rest as a real supplier's system would, the totals added up from the lines unless a test
//! overrides them.

use std::fmt::Write as _;

/// One line of a document.
#[derive(Clone, Debug)]
pub struct Line {
    pub id: &'static str,
    /// `cac:SellersItemIdentification/cbc:ID`; `None` leaves it out.
    pub item: Option<&'static str>,
    pub quantity: &'static str,
    pub unit: &'static str,
    /// `cbc:LineExtensionAmount`, in øre (so that the builder adds exactly).
    pub ore: i64,
    /// `cac:Price/cbc:PriceAmount`, in øre; `None` leaves the price out.
    pub price_ore: Option<i64>,
    /// The line's `cac:InvoicePeriod`; `None` leaves it to the document's.
    pub period: Option<(&'static str, &'static str)>,
    /// The line's VAT percentage (category `S`); `None` is category `E` at 0 %.
    pub vat_percent: Option<&'static str>,
}

impl Line {
    /// A line of `kroner` for `item`, one month, for the month starting `start` and ending `end`.
    pub fn monthly(
        id: &'static str,
        item: &'static str,
        kroner: i64,
        period: (&'static str, &'static str),
    ) -> Line {
        Line {
            id,
            item: Some(item),
            quantity: "1",
            unit: "MON",
            ore: kroner * 100,
            price_ore: Some(kroner * 100),
            period: Some(period),
            vat_percent: None,
        }
    }
}

/// A document.
#[derive(Clone, Debug)]
pub struct Doc {
    pub credit_note: bool,
    pub number: &'static str,
    pub issue_date: &'static str,
    pub currency: &'static str,
    /// `cbc:BuyerReference`.
    pub buyer_reference: &'static str,
    /// The supplier's CVR number, written as a Peppol endpoint (`schemeID="0184"`); `None` leaves it out.
    pub cvr: Option<&'static str>,
    /// The document's `cac:InvoicePeriod`.
    pub period: Option<(&'static str, &'static str)>,
    /// `cac:TaxTotal/cbc:TaxAmount`, in øre.
    pub vat_ore: i64,
    /// Overrides `cbc:LineExtensionAmount` (in øre), which is otherwise the lines' sum.
    pub line_total_ore: Option<i64>,
    /// The invoices a credit note corrects.
    pub corrects: Option<&'static str>,
    pub lines: Vec<Line>,
}

impl Doc {
    /// An invoice from Østervold (CVR 31259614) for case ANB-2019-0042, in DKK, with these lines.
    pub fn ostervold(number: &'static str, issue_date: &'static str, lines: Vec<Line>) -> Doc {
        Doc {
            credit_note: false,
            number,
            issue_date,
            currency: "DKK",
            buyer_reference: "ANB-2019-0042",
            cvr: Some("31259614"),
            period: None,
            vat_ore: 0,
            line_total_ore: None,
            corrects: None,
            lines,
        }
    }

    /// The document as XML.
    pub fn xml(&self) -> String {
        let (root, line_el, qty_el, type_el, type_code, ns) = if self.credit_note {
            (
                "CreditNote",
                "CreditNoteLine",
                "CreditedQuantity",
                "CreditNoteTypeCode",
                "381",
                "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2",
            )
        } else {
            (
                "Invoice",
                "InvoiceLine",
                "InvoicedQuantity",
                "InvoiceTypeCode",
                "380",
                "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2",
            )
        };
        let cur = self.currency;
        let sum: i64 = self.lines.iter().map(|l| l.ore).sum();
        let line_total = self.line_total_ore.unwrap_or(sum);
        let mut x = String::new();
        let _ = writeln!(x, r#"<?xml version="1.0" encoding="UTF-8"?>"#);
        let _ = writeln!(
            x,
            r#"<{root} xmlns="{ns}" xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2" xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">"#
        );
        let _ = writeln!(
            x,
            "<cbc:CustomizationID>urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0</cbc:CustomizationID>"
        );
        let _ = writeln!(x, "<cbc:ID>{}</cbc:ID>", self.number);
        let _ = writeln!(x, "<cbc:IssueDate>{}</cbc:IssueDate>", self.issue_date);
        let _ = writeln!(x, "<cbc:{type_el}>{type_code}</cbc:{type_el}>");
        let _ = writeln!(
            x,
            "<cbc:DocumentCurrencyCode>{cur}</cbc:DocumentCurrencyCode>"
        );
        let _ = writeln!(
            x,
            "<cbc:BuyerReference>{}</cbc:BuyerReference>",
            self.buyer_reference
        );
        if let Some((start, end)) = self.period {
            let _ = writeln!(
                x,
                "<cac:InvoicePeriod><cbc:StartDate>{start}</cbc:StartDate><cbc:EndDate>{end}</cbc:EndDate></cac:InvoicePeriod>"
            );
        }
        if let Some(corrects) = self.corrects {
            let _ = writeln!(
                x,
                "<cac:BillingReference><cac:InvoiceDocumentReference><cbc:ID>{corrects}</cbc:ID></cac:InvoiceDocumentReference></cac:BillingReference>"
            );
        }
        let _ = writeln!(x, "<cac:AccountingSupplierParty><cac:Party>");
        if let Some(cvr) = self.cvr {
            let _ = writeln!(
                x,
                r#"<cbc:EndpointID schemeID="0184">{cvr}</cbc:EndpointID>"#
            );
        }
        let _ = writeln!(
            x,
            "<cac:PartyLegalEntity><cbc:RegistrationName>Opholdsstedet Østervold</cbc:RegistrationName></cac:PartyLegalEntity>"
        );
        let _ = writeln!(x, "</cac:Party></cac:AccountingSupplierParty>");
        let _ = writeln!(
            x,
            r#"<cac:TaxTotal><cbc:TaxAmount currencyID="{cur}">{}</cbc:TaxAmount></cac:TaxTotal>"#,
            kr(self.vat_ore)
        );
        let _ = writeln!(x, "<cac:LegalMonetaryTotal>");
        let _ = writeln!(
            x,
            r#"<cbc:LineExtensionAmount currencyID="{cur}">{}</cbc:LineExtensionAmount>"#,
            kr(line_total)
        );
        let _ = writeln!(
            x,
            r#"<cbc:PayableAmount currencyID="{cur}">{}</cbc:PayableAmount>"#,
            kr(line_total + self.vat_ore)
        );
        let _ = writeln!(x, "</cac:LegalMonetaryTotal>");
        for line in &self.lines {
            let _ = writeln!(x, "<cac:{line_el}>");
            let _ = writeln!(x, "<cbc:ID>{}</cbc:ID>", line.id);
            let _ = writeln!(
                x,
                r#"<cbc:{qty_el} unitCode="{}">{}</cbc:{qty_el}>"#,
                line.unit, line.quantity
            );
            let _ = writeln!(
                x,
                r#"<cbc:LineExtensionAmount currencyID="{cur}">{}</cbc:LineExtensionAmount>"#,
                kr(line.ore)
            );
            if let Some((start, end)) = line.period {
                let _ = writeln!(
                    x,
                    "<cac:InvoicePeriod><cbc:StartDate>{start}</cbc:StartDate><cbc:EndDate>{end}</cbc:EndDate></cac:InvoicePeriod>"
                );
            }
            let _ = writeln!(
                x,
                "<cac:Item><cbc:Name>{}</cbc:Name>",
                line.item.unwrap_or("a line")
            );
            if let Some(item) = line.item {
                let _ = writeln!(
                    x,
                    "<cac:SellersItemIdentification><cbc:ID>{item}</cbc:ID></cac:SellersItemIdentification>"
                );
            }
            let (category, percent) = match line.vat_percent {
                Some(percent) => ("S", percent),
                None => ("E", "0"),
            };
            let _ = writeln!(
                x,
                "<cac:ClassifiedTaxCategory><cbc:ID>{category}</cbc:ID><cbc:Percent>{percent}</cbc:Percent><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:ClassifiedTaxCategory></cac:Item>"
            );
            if let Some(price) = line.price_ore {
                let _ = writeln!(
                    x,
                    r#"<cac:Price><cbc:PriceAmount currencyID="{cur}">{}</cbc:PriceAmount></cac:Price>"#,
                    kr(price)
                );
            }
            let _ = writeln!(x, "</cac:{line_el}>");
        }
        let _ = writeln!(x, "</{root}>");
        x
    }
}

/// Øre as kroner with two decimals: `6000000` as `60000.00`.
fn kr(ore: i64) -> String {
    let sign = if ore < 0 { "-" } else { "" };
    let ore = ore.unsigned_abs();
    format!("{sign}{}.{:02}", ore / 100, ore % 100)
}
