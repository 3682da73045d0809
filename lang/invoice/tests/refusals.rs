//! Every refusal, each with a snapshot of its message: the sample invoice changed in one place (or a file made for
//! the case), read, and the refusal shown as a person sees it — the element, the line and column, what is wrong
//! and the help — with its kind.

#![cfg(test)]

use std::path::Path;

use cvl_invoice::{MAX_BYTES, MAX_DEPTH, Refusal, RefusalKind, read_bytes, read_file};

fn sample() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/peppol-invoice.xml");
    std::fs::read_to_string(path).expect("sample")
}

fn shown(refusal: &Refusal) -> String {
    let mut out = format!("kind: {:?}\n{refusal}", refusal.kind);
    if let Some(help) = &refusal.help {
        out.push_str(&format!("\nhelp: {help}"));
    }
    out
}

/// Reads `text`, which must be refused; checks the house style of the words and returns them with the kind.
fn refused(text: &[u8]) -> String {
    match read_bytes(text) {
        Ok(doc) => panic!("read, not refused: {doc}"),
        Err(refusal) => {
            let words = refusal.to_string();
            assert!(!words.contains('\n'), "one line: {words}");
            assert!(!words.ends_with('.'), "no final period: {words}");
            assert!(
                words.starts_with(|c: char| c.is_lowercase() || c == '`'),
                "lowercase: {words}"
            );
            shown(&refusal)
        }
    }
}

/// The sample with `from` replaced by `to` (which must occur).
fn changed(from: &str, to: &str) -> String {
    let text = sample();
    assert!(text.contains(from), "the sample has {from}");
    text.replacen(from, to, 1)
}

macro_rules! refusal {
    ($name:ident, $text:expr) => {
        #[test]
        fn $name() {
            let text: String = $text;
            insta::assert_snapshot!(stringify!($name), refused(text.as_bytes()));
        }
    };
}

// Malformed XML, with its line and column.
refusal!(malformed_unclosed_element, changed("</cbc:IssueDate>", ""));
refusal!(malformed_mismatched_end, changed("</cbc:ID>", "</cbc:Id>"));
refusal!(
    malformed_truncated,
    sample().get(..2000).unwrap_or_default().to_string()
);
refusal!(malformed_empty_file, String::new());
refusal!(malformed_not_xml, "Faktura: 95.000 kr.\n".to_string());
refusal!(malformed_second_root, format!("{}<Invoice/>", sample()));
refusal!(
    malformed_text_after_root,
    format!("{}trailing words", sample())
);
refusal!(
    malformed_undeclared_prefix,
    changed("<cbc:Note>", "<x:Note>").replacen("</cbc:Note>", "</x:Note>", 1)
);
refusal!(
    malformed_undeclared_entity,
    changed("Ophold med støtte", "Ophold&nbsp;med støtte")
);
refusal!(
    malformed_bad_character_reference,
    changed("Ophold med støtte", "Ophold &#0; støtte")
);
refusal!(
    malformed_duplicate_attribute,
    changed(
        r#"unitCode="MON">1<"#,
        r#"unitCode="MON" unitCode="DAY">1<"#
    )
);
refusal!(
    malformed_attribute_without_quotes,
    changed(r#"unitCode="MON">1<"#, "unitCode=MON>1<")
);

// Encoding.
refusal!(
    encoding_declared_latin1,
    changed(r#"encoding="UTF-8""#, r#"encoding="ISO-8859-1""#)
);

#[test]
fn encoding_not_utf8() {
    let mut bytes = sample().into_bytes();
    let at = bytes
        .windows(2)
        .position(|w| w == "ø".as_bytes())
        .expect("an ø");
    bytes.splice(at..at + 2, [0xF8]);
    insta::assert_snapshot!(refused(&bytes));
}

#[test]
fn encoding_utf16() {
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(sample().encode_utf16().flat_map(u16::to_le_bytes));
    insta::assert_snapshot!(refused(&bytes));
}

// A document type declaration, whatever it declares: nothing in it is read.
refusal!(
    doctype_billion_laughs,
    changed(
        "<Invoice ",
        r#"<!DOCTYPE Invoice [
  <!ENTITY lol "lol">
  <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<Invoice "#
    )
    .replacen("Ophold med støtte", "&lol3;", 1)
);
refusal!(
    doctype_external_entity,
    changed(
        "<Invoice ",
        "<!DOCTYPE Invoice [ <!ENTITY secret SYSTEM \"file:///etc/passwd\"> ]>\n<Invoice "
    )
    .replacen("Ophold med støtte", "&secret;", 1)
);
refusal!(
    doctype_external_dtd,
    changed(
        "<Invoice ",
        "<!DOCTYPE Invoice SYSTEM \"http://example.com/invoice.dtd\">\n<Invoice "
    )
);
refusal!(
    doctype_parameter_entity,
    changed(
        "<Invoice ",
        "<!DOCTYPE Invoice [ <!ENTITY % p SYSTEM \"http://example.com/p.dtd\"> %p; ]>\n<Invoice "
    )
);

// An entity used without any declaration is refused as undeclared: nothing is expanded, not even in attributes.
refusal!(
    entity_in_attribute,
    changed(
        r#"currencyID="DKK">60000.00"#,
        r#"currencyID="&cur;">60000.00"#
    )
);

// Not a UBL invoice.
refusal!(
    wrong_root,
    changed("<Invoice ", "<Order ").replacen("</Invoice>", "</Order>", 1)
);
refusal!(
    wrong_namespace,
    changed(
        r#"xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2""#,
        r#"xmlns="urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2""#
    )
);
refusal!(
    no_namespace,
    changed(
        r#"xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2""#,
        ""
    )
);
refusal!(
    unknown_profile,
    changed(
        "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0",
        "urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0"
    )
);

// Missing what matching needs, one element at a time.
fn without(element: &str) -> String {
    let text = sample();
    let start = text.find(&format!("<{element}")).expect("the element");
    let close = format!("</{element}>");
    let end = text
        .get(start..)
        .and_then(|rest| rest.find(&close))
        .expect("its end")
        + start
        + close.len();
    format!(
        "{}{}",
        text.get(..start).unwrap_or_default(),
        text.get(end..).unwrap_or_default()
    )
}

refusal!(missing_customization_id, without("cbc:CustomizationID"));
refusal!(missing_number, without("cbc:ID"));
refusal!(missing_issue_date, without("cbc:IssueDate"));
refusal!(missing_currency, without("cbc:DocumentCurrencyCode"));
refusal!(
    missing_buyer_and_order_reference,
    without("cbc:BuyerReference")
);
refusal!(missing_supplier, without("cac:AccountingSupplierParty"));
refusal!(missing_totals, without("cac:LegalMonetaryTotal"));
refusal!(missing_payable_amount, without("cbc:PayableAmount"));
refusal!(missing_lines, {
    let mut text = sample();
    while text.contains("<cac:InvoiceLine>") {
        let start = text.find("<cac:InvoiceLine>").unwrap_or_default();
        let end = text.find("</cac:InvoiceLine>").unwrap_or_default() + "</cac:InvoiceLine>".len();
        text.replace_range(start..end, "");
    }
    text
});
refusal!(missing_line_id, changed("<cbc:ID>2</cbc:ID>", ""));
refusal!(
    missing_line_quantity,
    changed(
        r#"<cbc:InvoicedQuantity unitCode="MON">1</cbc:InvoicedQuantity>"#,
        ""
    )
);
refusal!(
    missing_line_amount,
    changed(
        r#"<cbc:LineExtensionAmount currencyID="DKK">60000.00</cbc:LineExtensionAmount>"#,
        ""
    )
);
refusal!(
    missing_unit_code,
    changed(
        r#"<cbc:InvoicedQuantity unitCode="MON">"#,
        "<cbc:InvoicedQuantity>"
    )
);
refusal!(
    missing_currency_id,
    changed(
        r#"<cbc:PayableAmount currencyID="DKK">"#,
        "<cbc:PayableAmount>"
    )
);
refusal!(
    empty_number,
    changed("<cbc:ID>OEV-2019-0002</cbc:ID>", "<cbc:ID>  </cbc:ID>")
);
refusal!(empty_line_id, changed("<cbc:ID>3</cbc:ID>", "<cbc:ID/>"));
refusal!(
    empty_period,
    changed(
        "<cbc:StartDate>2019-02-01</cbc:StartDate>\n      <cbc:EndDate>2019-02-28</cbc:EndDate>",
        ""
    )
);
refusal!(
    empty_optional_element,
    changed(
        "<cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode>",
        "<cbc:InvoiceTypeCode></cbc:InvoiceTypeCode>"
    )
);
refusal!(
    order_reference_without_id,
    changed(
        "<cbc:BuyerReference>ANB-2019-0042</cbc:BuyerReference>",
        "<cac:OrderReference><cbc:IssueDate>2019-01-10</cbc:IssueDate></cac:OrderReference>"
    )
);

// Written twice where UBL writes it once.
refusal!(
    repeated_number,
    changed(
        "<cbc:ID>OEV-2019-0002</cbc:ID>",
        "<cbc:ID>OEV-2019-0002</cbc:ID><cbc:ID>OEV-2019-0003</cbc:ID>"
    )
);
refusal!(
    repeated_line_id,
    changed("<cbc:ID>2</cbc:ID>", "<cbc:ID>1</cbc:ID>")
);

// Values that are not what their element holds.
refusal!(
    bad_decimal_comma,
    changed(
        ">60000.00</cbc:LineExtensionAmount>",
        ">60.000,00</cbc:LineExtensionAmount>"
    )
);
refusal!(
    bad_decimal_exponent,
    changed(">5000.00</cbc:PriceAmount>", ">5e3</cbc:PriceAmount>")
);
refusal!(
    bad_decimal_quantity,
    changed(
        r#"unitCode="MON">1</cbc:InvoicedQuantity>"#,
        r#"unitCode="MON">one</cbc:InvoicedQuantity>"#
    )
);
refusal!(
    bad_decimal_too_many_digits,
    changed(
        ">95000.00</cbc:PayableAmount>",
        ">95000.000000000000000000000000001</cbc:PayableAmount>"
    )
);
refusal!(
    bad_decimal_percent,
    changed(
        "<cbc:Percent>0</cbc:Percent>",
        "<cbc:Percent>0 %</cbc:Percent>"
    )
);
refusal!(
    bad_date_no_such_day,
    changed(
        "<cbc:IssueDate>2019-03-01</cbc:IssueDate>",
        "<cbc:IssueDate>2019-02-30</cbc:IssueDate>"
    )
);
refusal!(
    bad_date_danish_order,
    changed(
        "<cbc:IssueDate>2019-03-01</cbc:IssueDate>",
        "<cbc:IssueDate>01-03-2019</cbc:IssueDate>"
    )
);
refusal!(
    bad_date_in_line_period,
    changed(
        "<cbc:EndDate>2019-02-28</cbc:EndDate>\n    </cac:InvoicePeriod>\n    <cac:Item>\n      <cbc:Name>Skoledel",
        "<cbc:EndDate>2019-02-29</cbc:EndDate>\n    </cac:InvoicePeriod>\n    <cac:Item>\n      <cbc:Name>Skoledel"
    )
);
refusal!(
    bad_period_backwards,
    changed(
        "<cbc:EndDate>2019-02-28</cbc:EndDate>",
        "<cbc:EndDate>2019-01-31</cbc:EndDate>"
    )
);
refusal!(
    bad_currency_code,
    changed(
        "<cbc:DocumentCurrencyCode>DKK</cbc:DocumentCurrencyCode>",
        "<cbc:DocumentCurrencyCode>kr.</cbc:DocumentCurrencyCode>"
    )
);
refusal!(
    bad_currency_id,
    changed(
        r#"currencyID="DKK">60000.00"#,
        r#"currencyID="Dkk">60000.00"#
    )
);

// Text from the file is shown safely: a CPR-like number is masked and a hidden character escaped.
refusal!(
    hostile_text_in_a_value,
    changed(
        ">60000.00</cbc:LineExtensionAmount>",
        ">010203-1234\u{202e}</cbc:LineExtensionAmount>"
    )
);

// Bounds: depth and size.
refusal!(
    too_deep,
    changed(
        "<cbc:Name>Skoledel</cbc:Name>",
        &format!(
            "{}x{}",
            "<cac:Item>".repeat(MAX_DEPTH),
            "</cac:Item>".repeat(MAX_DEPTH)
        )
    )
);

#[test]
fn depth_at_the_limit_is_read_and_one_more_is_refused() {
    // The root is at depth 1 and `cbc:Note` inside `room` elements at depth `room + 2`.
    let nested = |room: usize| {
        changed(
            "<cbc:Note>",
            &format!(
                "{}<cbc:Note/>{}<cbc:Note>",
                "<cac:X>".repeat(room),
                "</cac:X>".repeat(room)
            ),
        )
    };
    assert!(read_bytes(nested(MAX_DEPTH - 2).as_bytes()).is_ok());
    let refusal = read_bytes(nested(MAX_DEPTH - 1).as_bytes()).expect_err("refused");
    assert_eq!(refusal.kind, RefusalKind::TooDeep);
}

#[test]
fn too_large_bytes() {
    let mut text = sample().into_bytes();
    let size = usize::try_from(MAX_BYTES).expect("fits") + 1;
    text.resize(size, b' ');
    insta::assert_snapshot!(refused(&text));
}

/// A 50 MB file is refused from its size, before it is read (the file is sparse: it takes no room on disk).
#[test]
fn too_large_file_of_50_mb() {
    let dir = std::env::temp_dir().join(format!("cvl-invoice-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("big.xml");
    let file = std::fs::File::create(&path).expect("create");
    file.set_len(50 * 1024 * 1024).expect("set length");
    let refusal = read_file(&path).expect_err("refused");
    std::fs::remove_dir_all(&dir).expect("clean up");
    assert_eq!(refusal.kind, RefusalKind::TooLarge);
    insta::assert_snapshot!(shown(&refusal));
}

/// Reading stops past the limit even where the size cannot be known first (a device that never ends).
#[cfg(unix)]
#[test]
fn too_large_endless_device() {
    let refusal = read_file(Path::new("/dev/zero")).expect_err("refused");
    assert_eq!(refusal.kind, RefusalKind::TooLarge);
}

#[test]
fn unreadable_missing_file() {
    let refusal = read_file(Path::new("/nonexistent/invoice.xml")).expect_err("refused");
    insta::assert_snapshot!(shown(&refusal));
}

#[test]
fn unreadable_directory() {
    let refusal = read_file(Path::new("/")).expect_err("refused");
    insta::assert_snapshot!(shown(&refusal));
}

// Peppol BIS 3's decimal rules (BR-DEC-*): a document or line amount has at most two decimals; a price may have
// more. Each refusal names the element, where it is and the rule.
refusal!(
    decimals_line_amount_three,
    changed(
        r#"<cbc:LineExtensionAmount currencyID="DKK">60000.00<"#,
        r#"<cbc:LineExtensionAmount currencyID="DKK">60000.001<"#
    )
);
refusal!(
    decimals_payable_three,
    changed(
        r#"<cbc:PayableAmount currencyID="DKK">95000.00<"#,
        r#"<cbc:PayableAmount currencyID="DKK">95000.000<"#
    )
);
refusal!(
    decimals_tax_subtotal_three,
    changed(
        r#"<cbc:TaxableAmount currencyID="DKK">95000.00<"#,
        r#"<cbc:TaxableAmount currencyID="DKK">95000.005<"#
    )
);
refusal!(
    decimals_document_tax_three,
    changed(
        r#"<cbc:TaxAmount currencyID="DKK">0.00<"#,
        r#"<cbc:TaxAmount currencyID="DKK">0.000<"#
    )
);

#[test]
fn a_price_may_have_more_decimals_than_an_amount() {
    let text = changed(
        r#"<cbc:PriceAmount currencyID="DKK">60000.00<"#,
        r#"<cbc:PriceAmount currencyID="DKK">60000.0000<"#,
    );
    assert!(read_bytes(text.as_bytes()).is_ok());
}

// The bounds of spec 7: no amount or quantity beyond 10^12, no price for zero units.
refusal!(
    beyond_the_largest_amount,
    changed(
        r#"<cbc:LineExtensionAmount currencyID="DKK">60000.00<"#,
        r#"<cbc:LineExtensionAmount currencyID="DKK">1000000000000.01<"#
    )
);
refusal!(
    beyond_the_largest_quantity,
    changed(
        r#"unitCode="MON">1</cbc:InvoicedQuantity>"#,
        r#"unitCode="MON">99999999999999999</cbc:InvoicedQuantity>"#
    )
);
refusal!(
    base_quantity_zero,
    changed(
        r#"<cbc:BaseQuantity unitCode="MON">1<"#,
        r#"<cbc:BaseQuantity unitCode="MON">0.00<"#
    )
);
refusal!(
    base_quantity_negative,
    changed(
        r#"<cbc:BaseQuantity unitCode="MON">1<"#,
        r#"<cbc:BaseQuantity unitCode="MON">-1<"#
    )
);

// A type code of the other kind of document.
refusal!(
    type_code_credit_on_an_invoice,
    changed("<cbc:InvoiceTypeCode>380<", "<cbc:InvoiceTypeCode>381<")
);
refusal!(type_code_invoice_on_a_credit_note, {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/peppol-creditnote.xml");
    std::fs::read_to_string(path).expect("sample").replacen(
        "<cbc:CreditNoteTypeCode>381<",
        "<cbc:CreditNoteTypeCode>380<",
        1,
    )
});

// What one approval cannot record: a CPR-like number, a number too long, too many lines.
refusal!(
    personal_number_in_the_invoice_number,
    changed("<cbc:ID>OEV-2019-0002<", "<cbc:ID>0102031234<")
);
refusal!(
    personal_number_in_a_line_id,
    changed("<cbc:ID>1</cbc:ID>", "<cbc:ID>010203-1234</cbc:ID>")
);
refusal!(
    number_longer_than_an_approval_records,
    changed(
        "<cbc:ID>OEV-2019-0002<",
        &format!("<cbc:ID>{}<", "N".repeat(201))
    )
);

#[test]
fn more_lines_than_an_approval_records() {
    let text = sample();
    let start = text.find("<cac:InvoiceLine>").expect("a line");
    let end = text.find("</cac:InvoiceLine>").expect("a line") + "</cac:InvoiceLine>".len();
    let line = &text[start..end];
    let many: String = (0..=cvl_invoice::MAX_LINES)
        .map(|i| line.replacen("<cbc:ID>1</cbc:ID>", &format!("<cbc:ID>n{i}</cbc:ID>"), 1))
        .collect();
    let text = text.replacen(line, &many, 1);
    insta::assert_snapshot!(refused(text.as_bytes()));
}
