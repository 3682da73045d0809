//! The Peppol Invoice Response (UBL ApplicationResponse) for an audited invoice: what the buyer tells the supplier
//! it accepted and rejected, and why, in the status and reason codes of Peppol BIS Invoice Response 3.0 (spec 12).
//!
//! The document follows the BIS's structure (OpenPEPPOL poacc-upgrade-3, `structure/syntax/ubl-invoiceresponse.xml`)
//! element for element and in its order: `cbc:CustomizationID`, `cbc:ProfileID`, `cbc:ID`, `cbc:IssueDate`,
//! `cbc:Note`, `cac:SenderParty` (the buyer: [`ResponseParty`]), `cac:ReceiverParty` (the supplier), and one
//! `cac:DocumentResponse` with the `cac:Response` (status code and one `cac:Status` per reason) and the
//! `cac:DocumentReference` to the invoice (`cbc:ID`, `cbc:IssueDate`, `cbc:DocumentTypeCode`).
//!
//! The BIS has no element for an invoice line in a response: a response has one status for the whole invoice, and
//! a reason is clarified by `cac:Condition`s, each naming a business term of the invoice (`cbc:AttributeID`) and a
//! value (`cbc:Description`). So a line's reason names its line by the condition `BT-126` (the invoice line
//! identifier) with the line's `cbc:ID`, and, when the line is not approved in full, the condition `BT-131` (the
//! invoice line net amount) with what the buyer approves of it: the value the buyer holds to be right, as the BIS
//! asks of a condition's value. The reason's text also names the line, for a reader without a program.
//!
//! The XML is written by quick-xml's writer and escaped by quick-xml (`<`, `>` and `&` in text, attributes in
//! full); characters XML 1.0 cannot carry at all are replaced first. The output depends on nothing but the
//! arguments: it is byte-identical on every run.

use std::io;

use chrono::NaiveDate;
use quick_xml::Writer;
use quick_xml::escape::partial_escape;
use quick_xml::events::{BytesDecl, BytesText, Event};
use rust_decimal::Decimal;

use cvl_invoice::DocumentKind;
use cvl_syntax::{Sources, Span};

use crate::{Checked, InvoiceAudit, LineAudit, Reason, ReasonKind, Verdict};

/// `cbc:CustomizationID` of a Peppol Invoice Response 3.
pub const CUSTOMIZATION_ID: &str = "urn:fdc:peppol.eu:poacc:trns:invoice_response:3";
/// `cbc:ProfileID` of a Peppol Invoice Response 3.
pub const PROFILE_ID: &str = "urn:fdc:peppol.eu:poacc:bis:invoice_response:3";
/// The namespace of the root `ApplicationResponse`.
pub const NS_APPLICATION_RESPONSE: &str =
    "urn:oasis:names:specification:ubl:schema:xsd:ApplicationResponse-2";
/// The namespace of the `cac:` elements.
pub const NS_CAC: &str = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2";
/// The namespace of the `cbc:` elements.
pub const NS_CBC: &str = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2";
/// The `listID` of a status reason code.
pub const REASON_LIST: &str = "OPStatusReason";
/// The business term of EN 16931 that identifies an invoice line.
pub const LINE_ID_TERM: &str = "BT-126";
/// The business term of EN 16931 for an invoice line's net amount.
pub const LINE_AMOUNT_TERM: &str = "BT-131";

/// Who sends the response (the buyer, `cac:SenderParty`): its Peppol endpoint and its registered name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResponseParty {
    /// `cbc:EndpointID/@schemeID`: the electronic address scheme, `0184` for a CVR number, `0088` for a GLN.
    pub scheme: String,
    /// `cbc:EndpointID`.
    pub endpoint: String,
    /// `cac:PartyLegalEntity/cbc:RegistrationName`.
    pub name: String,
}

/// The invoice's status as the BIS's code list UNCL4343 (subset T111) names it.
///
/// - `AP` (accepted) when every line is approved in full and the document has no problem: "the Buyer has given a
///   final approval of the invoice and the next step is payment".
/// - `UQ` (under query) when any line is held, whatever the others: a held period is approvable once the supplier
///   meets the missed obligation, so the invoice is not finally decided; the BIS uses UQ "when Buyer will not
///   proceed to accept the Invoice without receiving additional information from the Seller", here the report or
///   delivery the obligation asks for. RE would be wrong: it is final, the buyer "will not process the referenced
///   Invoice any further".
/// - `RE` (rejected) when nothing is approved (every line rejected, none held).
/// - `CA` (conditionally accepted) otherwise: part is approved (a line reduced or rejected beside approved ones, or a
///   problem with the document as a whole); the BIS uses CA "when Buyer is accepting the Invoice under conditions
///   stated in 'Status Reason' and proceed to pay accordingly unless disputed by Seller", which is what the buyer
///   does with what is approved.
///
/// UQ, CA and RE each require a status reason code (rule PEPPOL-T111-R001); the response always has one, since a
/// line not approved in full has a reason.
pub fn response_code(checked: &Checked) -> &'static str {
    let lines = &checked.lines;
    if checked.problems.is_empty() && lines.iter().all(|l| l.verdict == Verdict::Approved) {
        "AP"
    } else if lines.iter().any(|l| l.verdict == Verdict::Held) {
        "UQ"
    } else if lines.iter().all(|l| l.verdict == Verdict::Rejected) {
        "RE"
    } else {
        "CA"
    }
}

/// The status reason code (code list OPStatusReason) for a kind of reason.
pub fn reason_code(kind: ReasonKind) -> &'static str {
    match kind {
        // Approved as decided, or a credit that reduces what was approved: no issue.
        ReasonKind::Decided | ReasonKind::Credit => "NON",
        // Another contract, or none: "references incorrect".
        ReasonKind::Reference => "REF",
        // The supplier is not the party paid: "commercial transaction not recognized".
        ReasonKind::Supplier => "UNR",
        ReasonKind::Item => "ITM",
        ReasonKind::Price => "PRI",
        ReasonKind::Quantity => "QTY",
        // Not signed, not in force, not running, ended: "delivery proposed or provided is not acceptable".
        ReasonKind::Period => "DEL",
        // An obligation of the provider's service was missed: the delivery is not acceptable until it is met.
        ReasonKind::Held => "DEL",
        // VAT on an exempt service, totals that break EN 16931's sums: "not according to legal requirements".
        ReasonKind::Vat | ReasonKind::Totals => "LEG",
        ReasonKind::Currency => "FIN",
        // Invoiced twice: the list has no code for a duplicate; the reason's text says it (rule R002).
        ReasonKind::Approved | ReasonKind::Record => "OTH",
    }
}

/// The Peppol Invoice Response to `audit`'s invoice, `checked` being its outcome, as `responder` sends it on
/// `issue_date`. Clauses are shown as `file:line` through `sources`.
pub fn application_response(
    audit: &InvoiceAudit,
    checked: &Checked,
    sources: &Sources,
    responder: &ResponseParty,
    issue_date: NaiveDate,
) -> String {
    let mut writer = Writer::new_with_indent(Vec::new(), b' ', 2);
    // Writing to a vector cannot fail; should it ever, the document is empty rather than cut short.
    let bytes = match write_response(&mut writer, audit, checked, sources, responder, issue_date) {
        Ok(()) => writer.into_inner(),
        Err(_) => Vec::new(),
    };
    let mut text = String::from_utf8(bytes)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
    text.push('\n');
    text
}

type Out = Writer<Vec<u8>>;

fn write_response(
    w: &mut Out,
    audit: &InvoiceAudit,
    checked: &Checked,
    sources: &Sources,
    responder: &ResponseParty,
    issue_date: NaiveDate,
) -> io::Result<()> {
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    w.create_element("ApplicationResponse")
        .with_attributes([
            ("xmlns", NS_APPLICATION_RESPONSE),
            ("xmlns:cac", NS_CAC),
            ("xmlns:cbc", NS_CBC),
        ])
        .write_inner_content(|w| {
            text(w, "cbc:CustomizationID", CUSTOMIZATION_ID)?;
            text(w, "cbc:ProfileID", PROFILE_ID)?;
            text(w, "cbc:ID", &format!("response-{}", audit.sha256))?;
            text(w, "cbc:IssueDate", &issue_date.to_string())?;
            text(w, "cbc:Note", &note(checked))?;
            party(
                w,
                "cac:SenderParty",
                Some((&responder.scheme, &responder.endpoint)),
                &responder.name,
            )?;
            let cvr = checked.supplier.cvr.first();
            let name = checked
                .supplier
                .name
                .clone()
                .or_else(|| cvr.map(|c| format!("CVR {c}")))
                .unwrap_or_else(|| "the supplier".to_string());
            // The supplier's own endpoint when its scheme is a Peppol electronic address scheme (four digits, such as
            // `0184` or `0088`), else its CVR number: an OIOUBL scheme such as `DK:CVR` is not one.
            let endpoint = checked
                .supplier
                .endpoint
                .as_ref()
                .and_then(|e| {
                    e.scheme
                        .as_deref()
                        .filter(|s| s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()))
                        .map(|s| (s, e.value.as_str()))
                })
                .or_else(|| cvr.map(|c| ("0184", c.as_str())));
            party(w, "cac:ReceiverParty", endpoint, &name)?;
            w.create_element("cac:DocumentResponse")
                .write_inner_content(|w| {
                    w.create_element("cac:Response").write_inner_content(|w| {
                        text(w, "cbc:ResponseCode", response_code(checked))?;
                        statuses(w, checked, sources)
                    })?;
                    w.create_element("cac:DocumentReference")
                        .write_inner_content(|w| {
                            text(w, "cbc:ID", &checked.number)?;
                            text(w, "cbc:IssueDate", &checked.issue_date.to_string())?;
                            let type_code = match checked.kind {
                                DocumentKind::Invoice => "380",
                                DocumentKind::CreditNote => "381",
                            };
                            text(w, "cbc:DocumentTypeCode", type_code)
                        })?;
                    Ok(())
                })?;
            Ok(())
        })?;
    Ok(())
}

/// What was claimed and what is approved, in one sentence for `cbc:Note`.
fn note(checked: &Checked) -> String {
    format!(
        "claimed {} {}, approved {} {}",
        money(checked.claimed),
        checked.currency,
        money(checked.approved),
        checked.currency
    )
}

fn party(w: &mut Out, element: &str, endpoint: Option<(&str, &str)>, name: &str) -> io::Result<()> {
    w.create_element(element).write_inner_content(|w| {
        if let Some((scheme, id)) = endpoint {
            w.create_element("cbc:EndpointID")
                .with_attribute(("schemeID", xml_chars(scheme).as_str()))
                .write_text_content(escaped(id))?;
        }
        w.create_element("cac:PartyLegalEntity")
            .write_inner_content(|w| text(w, "cbc:RegistrationName", name))?;
        Ok(())
    })?;
    Ok(())
}

/// One `cac:Status` per reason: the document's problems first, then each line's reasons in line order.
fn statuses(w: &mut Out, checked: &Checked, sources: &Sources) -> io::Result<()> {
    // An invoice that is not matched to the contract, or to one party of it, is answered with what it sent and
    // the verdict: never the contract's parties, its case or its clauses.
    if let Some(reason) = &checked.unmatched {
        return status(w, reason, &reason.text, &[]);
    }
    let mut written = 0usize;
    for reason in &checked.problems {
        status(w, reason, &reason_text(reason, sources), &[])?;
        written += 1;
    }
    for line in &checked.lines {
        let mut conditions = vec![(LINE_ID_TERM, line.id.clone())];
        if line.verdict != Verdict::Approved {
            conditions.push((LINE_AMOUNT_TERM, money(line.approved)));
        }
        for reason in &line.reasons {
            let words = format!("{}: {}", line_words(line), reason_text(reason, sources));
            status(w, reason, &words, &conditions)?;
            written += 1;
        }
    }
    if written == 0 && response_code(checked) != "AP" {
        // A line not approved in full always has a reason; should one not, the BIS still needs a code (R001).
        let reason = Reason::new(ReasonKind::Approved, "the invoice is not approved in full");
        status(w, &reason, &reason.text, &[])?;
    }
    Ok(())
}

fn status(
    w: &mut Out,
    reason: &Reason,
    words: &str,
    conditions: &[(&str, String)],
) -> io::Result<()> {
    w.create_element("cac:Status").write_inner_content(|w| {
        w.create_element("cbc:StatusReasonCode")
            .with_attribute(("listID", REASON_LIST))
            .write_text_content(escaped(reason_code(reason.kind)))?;
        text(w, "cbc:StatusReason", words)?;
        for (term, value) in conditions {
            w.create_element("cac:Condition").write_inner_content(|w| {
                text(w, "cbc:AttributeID", term)?;
                text(w, "cbc:Description", value)
            })?;
        }
        Ok(())
    })?;
    Ok(())
}

/// The line as a reader finds it on the invoice: `line 2 (taxi, 2019-05-01..2019-05-31) rejected`.
fn line_words(line: &LineAudit) -> String {
    format!(
        "line {} ({}, {}..{}) {}",
        line.id,
        line.item,
        line.period.0,
        line.period.1,
        line.verdict.as_str()
    )
}

/// A reason's words and, if it has one, its clause: `the taxi ended on 2019-04-14 (placement.cvl:39)`.
fn reason_text(reason: &Reason, sources: &Sources) -> String {
    match reason.clause.and_then(|span| place(sources, span)) {
        Some(place) => format!("{} ({place})", reason.text),
        None => reason.text.clone(),
    }
}

/// Where a span is, as `file:line`, the file by its name alone: a response goes to the supplier, and never
/// carries a path of the buyer's machine.
fn place(sources: &Sources, span: Span) -> Option<String> {
    let source = sources.get(span.file)?;
    let name = std::path::Path::new(&source.name)
        .file_name()
        .map_or_else(|| source.name.clone(), |n| n.to_string_lossy().into_owned());
    Some(format!("{name}:{}", source.line_col(span.start).line))
}

/// An amount with two decimals, as UBL writes amounts: `60000.00`, `-5000.00`.
fn money(value: Decimal) -> String {
    crate::amount(value)
}

/// An element with text content; an empty text is not written at all, as the BIS forbids empty elements.
fn text(w: &mut Out, element: &str, content: &str) -> io::Result<()> {
    let content = xml_chars(content);
    if content.trim().is_empty() {
        return Ok(());
    }
    w.create_element(element)
        .write_text_content(escaped(&content))?;
    Ok(())
}

/// Text content as quick-xml escapes it for an element: `<`, `>` and `&` (quotes need no escaping there).
fn escaped(content: &str) -> BytesText<'static> {
    BytesText::from_escaped(partial_escape(xml_chars(content)).into_owned())
}

/// The text with every character XML 1.0 cannot carry, escaped or not (most control characters, lone surrogates
/// cannot occur in a `str`, U+FFFE and U+FFFF), replaced by U+FFFD. quick-xml escapes the rest.
fn xml_chars(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\t' | '\n' | '\r' => c,
            '\u{0}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}' => '\u{fffd}',
            _ => c,
        })
        .collect()
}
