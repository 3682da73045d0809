//! The sample e-invoices of the reference case (tests/data/): each is read into the model, shown as text in a
//! snapshot, and its key figures asserted; and spellings that mean the same XML (other prefixes, CDATA, entity
//! references, a byte order mark, white space around values) read into the same model.

#![cfg(test)]

use std::path::Path;

use cvl_invoice::{Document, DocumentKind, Profile, Unit, read_bytes, read_file};
use rust_decimal::Decimal;

fn sample(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name);
    std::fs::read_to_string(path).expect("sample")
}

fn read(name: &str) -> Document {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name);
    read_file(&path).unwrap_or_else(|refusal| panic!("{name}: {refusal}"))
}

fn dec(text: &str) -> Decimal {
    text.parse().expect("decimal")
}

#[test]
fn every_sample_reads_into_its_snapshot() {
    for name in [
        "peppol-invoice.xml",
        "peppol-creditnote.xml",
        "peppol-mentor.xml",
        "oioubl-invoice.xml",
        "oioubl-creditnote.xml",
    ] {
        let doc = read(name);
        insta::assert_snapshot!(name.trim_end_matches(".xml"), doc.to_string());
    }
}

#[test]
fn the_peppol_invoice_is_februarys_stay_school_and_taxi() {
    let doc = read("peppol-invoice.xml");
    assert_eq!(doc.kind, DocumentKind::Invoice);
    assert_eq!(doc.profile, Profile::PeppolBis3);
    assert_eq!(doc.number, "OEV-2019-0002");
    assert_eq!(doc.currency, "DKK");
    assert_eq!(doc.buyer_reference.as_deref(), Some("ANB-2019-0042"));
    assert_eq!(doc.supplier.cvr_numbers(), vec!["87654321".to_string()]);
    let amounts: Vec<Decimal> = doc.lines.iter().map(|l| l.amount.value).collect();
    assert_eq!(
        amounts,
        vec![dec("60000.00"), dec("30000.00"), dec("5000.00")]
    );
    assert_eq!(
        amounts.iter().sum::<Decimal>(),
        doc.totals.line_extension.value
    );
    assert!(doc.lines.iter().all(|l| l.quantity.unit() == Unit::Month));
    let items: Vec<_> = doc
        .lines
        .iter()
        .filter_map(|l| l.sellers_item_id.as_deref())
        .collect();
    assert_eq!(items, ["stay", "school", "taxi"]);
    assert!(doc.currency_mismatches.is_empty());
}

#[test]
fn the_mentor_invoice_is_fifty_hours_at_450() {
    let doc = read("peppol-mentor.xml");
    let line = doc.lines.first().expect("a line");
    assert_eq!(line.quantity.value, dec("50"));
    assert_eq!(line.quantity.unit(), Unit::Hour);
    assert_eq!(
        line.price.as_ref().map(|p| p.amount.value),
        Some(dec("450.00"))
    );
    assert_eq!(line.quantity.value * dec("450.00"), line.amount.value);
    assert_eq!(line.amount.value, dec("22500.00"));
    assert_eq!(doc.order_reference.as_deref(), Some("JC-2019-311"));
    assert_eq!(doc.supplier.cvr_numbers(), vec!["12345678".to_string()]);
}

#[test]
fn the_credit_notes_name_the_invoices_they_correct() {
    let peppol = read("peppol-creditnote.xml");
    assert_eq!(peppol.kind, DocumentKind::CreditNote);
    assert_eq!(peppol.billing_references, ["OEV-2019-0002"]);
    let oioubl = read("oioubl-creditnote.xml");
    assert_eq!(
        (oioubl.kind, oioubl.profile),
        (DocumentKind::CreditNote, Profile::Oioubl)
    );
    assert_eq!(oioubl.billing_references, ["OEV-2019-0003"]);
    assert_eq!(oioubl.type_code, None);
}

#[test]
fn the_oioubl_invoice_names_the_supplier_by_cvr_and_its_period_at_document_level() {
    let doc = read("oioubl-invoice.xml");
    assert_eq!(doc.profile, Profile::Oioubl);
    assert_eq!(doc.customization_id, "OIOUBL-2.02");
    assert_eq!(doc.supplier.cvr_numbers(), vec!["87654321".to_string()]);
    assert_eq!(doc.buyer_reference, None);
    assert_eq!(doc.order_reference.as_deref(), Some("ANB-2019-0042"));
    assert!(doc.lines.iter().all(|l| l.period.is_none()));
    assert!(doc.period.is_some());
    assert!(doc.lines.iter().all(|l| l.tax_totals.len() == 1));
}

/// The same document spelled differently must read into the same model.
#[test]
fn other_spellings_of_the_same_xml_read_the_same() {
    let text = sample("peppol-invoice.xml");
    let expected = read_bytes(text.as_bytes()).expect("sample");
    let prefixes = text
        .replace("xmlns:cbc=", "xmlns:b=")
        .replace("<cbc:", "<b:")
        .replace("</cbc:", "</b:")
        .replace("xmlns:cac=", "xmlns:a=")
        .replace("<cac:", "<a:")
        .replace("</cac:", "</a:");
    let declared_inside = text.replace(
        "<cbc:ID>OEV-2019-0002</cbc:ID>",
        r#"<x:ID xmlns:x="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">OEV-2019-0002</x:ID>"#,
    );
    let spaced = text
        .replace("<cbc:ID>1</cbc:ID>", "<cbc:ID>\n      1\n    </cbc:ID>")
        .replace(">60000.00<", "> 60000.00 <")
        .replace("unitCode=\"MON\"", "unitCode=' MON '");
    let bom = format!("\u{feff}{text}");
    let crlf = text.replace('\n', "\r\n");
    for (what, variant) in [
        ("other prefixes", prefixes),
        ("a prefix declared on the element", declared_inside),
        ("white space around values", spaced),
        ("a byte order mark", bom),
        ("CRLF line ends", crlf),
    ] {
        let doc = read_bytes(variant.as_bytes()).unwrap_or_else(|r| panic!("{what}: {r}"));
        assert_eq!(doc, expected, "{what}");
    }
}

#[test]
fn references_and_cdata_are_resolved_in_text() {
    let text = sample("peppol-invoice.xml");
    for spelled in [
        "<cbc:Name>Ophold &amp; st&#248;tte</cbc:Name>",
        "<cbc:Name><![CDATA[Ophold & støtte]]></cbc:Name>",
        "<cbc:Name>Ophold &#x26; st&#xF8;tte</cbc:Name>",
    ] {
        let variant = text.replace("<cbc:Name>Ophold med støtte</cbc:Name>", spelled);
        let doc = read_bytes(variant.as_bytes()).unwrap_or_else(|r| panic!("{spelled}: {r}"));
        let name = doc.lines.first().and_then(|l| l.item_name.clone());
        assert_eq!(name.as_deref(), Some("Ophold & støtte"), "{spelled}");
    }
}

#[test]
fn an_amount_in_another_currency_is_recorded_where_it_is() {
    let text = sample("peppol-invoice.xml").replace(
        r#"<cbc:LineExtensionAmount currencyID="DKK">30000.00</cbc:LineExtensionAmount>"#,
        r#"<cbc:LineExtensionAmount currencyID="EUR">30000.00</cbc:LineExtensionAmount>"#,
    );
    let doc = read_bytes(text.as_bytes()).expect("read");
    let found: Vec<_> = doc
        .currency_mismatches
        .iter()
        .map(|m| (m.path.as_str(), m.currency.as_str()))
        .collect();
    assert_eq!(
        found,
        [("Invoice/cac:InvoiceLine[2]/cbc:LineExtensionAmount", "EUR")]
    );
}

#[test]
fn decimals_keep_their_digits_and_sign() {
    let text = sample("peppol-creditnote.xml")
        .replace(
            ">5000.00</cbc:LineExtensionAmount>\n    <cac:InvoicePeriod>",
            ">-5000.50</cbc:LineExtensionAmount>\n    <cac:InvoicePeriod>",
        )
        .replace(
            r#"<cbc:CreditedQuantity unitCode="MON">1</cbc:CreditedQuantity>"#,
            r#"<cbc:CreditedQuantity unitCode="DAY">+.25</cbc:CreditedQuantity>"#,
        );
    let doc = read_bytes(text.as_bytes()).expect("read");
    let line = doc.lines.first().expect("line");
    assert_eq!(line.amount.value.to_string(), "-5000.50");
    assert_eq!(line.quantity.value.to_string(), "0.25");
    assert_eq!(line.quantity.unit(), Unit::Day);
}
