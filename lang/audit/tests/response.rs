//! The Peppol Invoice Response written for an audited invoice: a snapshot for an approved, a reduced, a held and a
//! rejected invoice (the audits built by hand from the placement example's figures), and a re-reading of the output
//! with quick-xml that checks its namespaces, its structure and its codes against the BIS's lists.

#![cfg(test)]

use std::path::Path;

use chrono::NaiveDate;
use quick_xml::events::Event;
use quick_xml::name::ResolveResult;
use quick_xml::reader::NsReader;
use rust_decimal::Decimal;

use cvl_audit::response::{
    NS_APPLICATION_RESPONSE, NS_CAC, NS_CBC, ResponseParty, application_response, reason_code,
};
use cvl_audit::{
    Checked, InvoiceAudit, LineAudit, Outcome, Reason, ReasonKind, SupplierMatch, Verdict,
};
use cvl_invoice::{DocumentKind, Profile};
use cvl_syntax::{Source, Sources, Span};

fn date(text: &str) -> NaiveDate {
    text.parse().expect("a date")
}

fn dec(text: &str) -> Decimal {
    text.parse().expect("a decimal")
}

/// The placement example as the one source, and the span of the first line that contains `needle`.
struct Contract {
    sources: Sources,
    file: cvl_syntax::FileId,
    text: String,
}

impl Contract {
    fn placement() -> Contract {
        let path =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/placement/placement.cvl");
        let text = std::fs::read_to_string(path).expect("the placement example");
        let mut sources = Sources::new();
        let file = sources.add(Source::new(
            "examples/placement/placement.cvl",
            text.clone(),
        ));
        Contract {
            sources,
            file,
            text,
        }
    }

    fn clause(&self, needle: &str) -> Option<Span> {
        let start = self.text.find(needle).expect("the clause");
        let start = u32::try_from(start).expect("a small file");
        Some(Span::new(self.file, start, start))
    }
}

fn reason(kind: ReasonKind, text: &str, clause: Option<Span>) -> Reason {
    Reason {
        kind,
        text: text.to_string(),
        clause,
        events: vec!["sig-1".to_string(), "sig-2".to_string()],
    }
}

fn line(
    id: &str,
    item: &str,
    month: u32,
    claimed: &str,
    approved: &str,
    verdict: Verdict,
    reasons: Vec<Reason>,
) -> LineAudit {
    let first = NaiveDate::from_ymd_opt(2019, month, 1).expect("a month");
    let last = first
        .checked_add_months(chrono::Months::new(1))
        .and_then(|d| d.pred_opt())
        .expect("its last day");
    LineAudit {
        id: id.to_string(),
        item: item.to_string(),
        period: (first, last),
        quantity: Decimal::ONE,
        unit_code: "MON".to_string(),
        claimed: dec(claimed),
        approved: dec(approved),
        held: if verdict == Verdict::Held {
            dec(claimed)
        } else {
            Decimal::ZERO
        },
        verdict,
        reasons,
        approvals: Vec::new(),
        recorded: Vec::new(),
    }
}

fn invoice(
    file: &str,
    number: &str,
    issue: &str,
    lines: Vec<LineAudit>,
) -> (InvoiceAudit, Checked) {
    let checked = Checked {
        kind: DocumentKind::Invoice,
        profile: Profile::PeppolBis3,
        number: number.to_string(),
        issue_date: date(issue),
        supplier: SupplierMatch {
            party: None,
            parties: Vec::new(),
            name: Some("Opholdsstedet Østervold ApS".to_string()),
            cvr: vec!["31259614".to_string()],
            endpoint: None,
        },
        currency: "DKK".to_string(),
        claimed: lines.iter().map(|l| l.claimed).sum(),
        approved: lines.iter().map(|l| l.approved).sum(),
        problems: Vec::new(),
        lines,
        recorded: Vec::new(),
        unmatched: None,
    };
    let audit = InvoiceAudit {
        file: file.to_string(),
        sha256: format!("{:0>64}", number.len()),
        outcome: Outcome::Checked(Box::new(checked.clone())),
    };
    (audit, checked)
}

fn municipality() -> ResponseParty {
    ResponseParty {
        scheme: "0184".to_string(),
        endpoint: "29189587".to_string(),
        name: "Odder Kommune, Børn og Unge".to_string(),
    }
}

fn respond(contract: &Contract, (audit, checked): &(InvoiceAudit, Checked)) -> String {
    application_response(
        audit,
        checked,
        &contract.sources,
        &municipality(),
        date("2019-12-02"),
    )
}

fn approved(c: &Contract) -> (InvoiceAudit, Checked) {
    invoice(
        "2019-09.xml",
        "OEV-2019-0009",
        "2019-10-01",
        vec![
            line(
                "1",
                "stay",
                9,
                "60000.00",
                "60000.00",
                Verdict::Approved,
                vec![reason(
                    ReasonKind::Decided,
                    "60,000.00 decided for 2019-09: 60,000.00 DKK/month",
                    c.clause("pay 60_000"),
                )],
            ),
            line(
                "2",
                "school",
                9,
                "30000.00",
                "30000.00",
                Verdict::Approved,
                vec![reason(
                    ReasonKind::Decided,
                    "30,000.00 decided for 2019-09: 30,000.00 DKK/month",
                    c.clause("pay 30_000"),
                )],
            ),
        ],
    )
}

fn reduced(c: &Contract) -> (InvoiceAudit, Checked) {
    invoice(
        "2019-08.xml",
        "OEV-2019-0008",
        "2019-09-01",
        vec![
            line(
                "1",
                "stay",
                8,
                "62000.00",
                "60000.00",
                Verdict::Reduced,
                vec![
                    reason(
                        ReasonKind::Decided,
                        "60,000.00 decided for 2019-08: 60,000.00 DKK/month",
                        c.clause("pay 60_000"),
                    ),
                    reason(
                        ReasonKind::Price,
                        "2,000.00 refused: the price 62,000.00 is above the contract's 60,000.00 DKK/month",
                        c.clause("pay 60_000"),
                    ),
                ],
            ),
            line(
                "2",
                "school",
                8,
                "30000.00",
                "30000.00",
                Verdict::Approved,
                vec![reason(
                    ReasonKind::Decided,
                    "30,000.00 decided for 2019-08: 30,000.00 DKK/month",
                    c.clause("pay 30_000"),
                )],
            ),
        ],
    )
}

fn held(c: &Contract) -> (InvoiceAudit, Checked) {
    let withheld = || {
        reason(
            ReasonKind::Held,
            "ostervold's `status_report` due 2019-10-15 (grace 14 days) was missed; approvable once it is met",
            c.clause("use care.status_report"),
        )
    };
    invoice(
        "2019-10.xml",
        "OEV-2019-0010",
        "2019-11-01",
        vec![
            line(
                "1",
                "stay",
                10,
                "60000.00",
                "0.00",
                Verdict::Held,
                vec![withheld()],
            ),
            line(
                "2",
                "school",
                10,
                "30000.00",
                "0.00",
                Verdict::Held,
                vec![withheld()],
            ),
        ],
    )
}

fn rejected(c: &Contract) -> (InvoiceAudit, Checked) {
    invoice(
        "2019-03b-again.xml",
        "OEV-2019-0013",
        "2019-04-15",
        vec![line(
            "1",
            "stay",
            3,
            "60000.00",
            "0.00",
            Verdict::Rejected,
            vec![reason(
                ReasonKind::Approved,
                "2019-03 is approved already, 60,000.00 on invoice `OEV-2019-0003`",
                c.clause("pay 60_000"),
            )],
        )],
    )
}

#[test]
fn an_approved_invoice_is_accepted() {
    let c = Contract::placement();
    insta::assert_snapshot!(respond(&c, &approved(&c)));
}

#[test]
fn a_reduced_invoice_is_conditionally_accepted() {
    let c = Contract::placement();
    insta::assert_snapshot!(respond(&c, &reduced(&c)));
}

#[test]
fn a_held_invoice_is_under_query() {
    let c = Contract::placement();
    insta::assert_snapshot!(respond(&c, &held(&c)));
}

#[test]
fn a_rejected_invoice_is_rejected() {
    let c = Contract::placement();
    insta::assert_snapshot!(respond(&c, &rejected(&c)));
}

/// An element as re-read: its namespace, local name, attributes and text, and its children.
#[derive(Debug, Default)]
struct Node {
    ns: String,
    name: String,
    attrs: Vec<(String, String)>,
    text: String,
    children: Vec<Node>,
}

impl Node {
    fn all<'a>(&'a self, name: &str, out: &mut Vec<&'a Node>) {
        if self.name == name {
            out.push(self);
        }
        for child in &self.children {
            child.all(name, out);
        }
    }

    fn find(&self, name: &str) -> Vec<&Node> {
        let mut out = Vec::new();
        self.all(name, &mut out);
        out
    }

    fn each(&self, f: &mut dyn FnMut(&Node)) {
        f(self);
        for child in &self.children {
            child.each(f);
        }
    }
}

fn reread(xml: &str) -> Node {
    let mut reader = NsReader::from_str(xml);
    let mut stack: Vec<Node> = vec![Node::default()];
    loop {
        let (resolved, event) = reader.read_resolved_event().expect("well-formed XML");
        let ns = match resolved {
            ResolveResult::Bound(ns) => ns.as_ref().to_string(),
            _ => String::new(),
        };
        match event {
            Event::Start(ref start) | Event::Empty(ref start) => {
                let name = start.local_name().as_ref().to_string();
                let attrs = start
                    .attributes()
                    .map(|a| a.expect("an attribute"))
                    .filter(|a| a.key.as_namespace_binding().is_none())
                    .map(|a| {
                        let value = a
                            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                            .expect("a value");
                        (a.key.as_ref().to_string(), value.into_owned())
                    })
                    .collect();
                let node = Node {
                    ns,
                    name,
                    attrs,
                    ..Node::default()
                };
                if matches!(event, Event::Empty(_)) {
                    stack.last_mut().expect("a parent").children.push(node);
                } else {
                    stack.push(node);
                }
            }
            Event::End(_) => {
                let node = stack.pop().expect("an open element");
                stack.last_mut().expect("a parent").children.push(node);
            }
            Event::Text(t) => stack
                .last_mut()
                .expect("an element")
                .text
                .push_str(&t.xml10_content()),
            Event::GeneralRef(r) => {
                let name = r.xml10_content();
                let c = quick_xml::escape::resolve_predefined_entity(&name)
                    .expect("a predefined entity");
                stack.last_mut().expect("an element").text.push_str(c);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    let mut document = stack.pop().expect("the document");
    assert_eq!(document.children.len(), 1, "one root");
    document.children.pop().expect("the root")
}

const RESPONSE_CODES: [&str; 8] = ["AB", "IP", "UQ", "CA", "RE", "AP", "PD", "PD"];
const REASON_CODES: [&str; 14] = [
    "NON", "REF", "LEG", "REC", "QUA", "DEL", "PRI", "QTY", "ITM", "PAY", "UNR", "FIN", "PPD",
    "OTH",
];

#[test]
fn the_response_rereads_with_the_bis_namespaces_structure_and_codes() {
    let c = Contract::placement();
    for (case, expected) in [
        (approved(&c), "AP"),
        (reduced(&c), "CA"),
        (held(&c), "UQ"),
        (rejected(&c), "RE"),
    ] {
        let xml = respond(&c, &case);
        assert_eq!(xml, respond(&c, &case), "deterministic");
        let root = reread(&xml);
        assert_eq!(
            (root.ns.as_str(), root.name.as_str()),
            (NS_APPLICATION_RESPONSE, "ApplicationResponse")
        );
        root.children.iter().for_each(|child| {
            child.each(&mut |node| {
                let expected = if node.children.is_empty() {
                    NS_CBC
                } else {
                    NS_CAC
                };
                assert_eq!(node.ns, expected, "`{}` in its namespace", node.name);
                assert!(
                    !node.children.is_empty() || !node.text.trim().is_empty(),
                    "`{}` is empty",
                    node.name
                );
            })
        });
        let top: Vec<&str> = root.children.iter().map(|n| n.name.as_str()).collect();
        assert_eq!(
            top,
            [
                "CustomizationID",
                "ProfileID",
                "ID",
                "IssueDate",
                "Note",
                "SenderParty",
                "ReceiverParty",
                "DocumentResponse"
            ]
        );
        assert_eq!(
            root.find("CustomizationID")[0].text,
            "urn:fdc:peppol.eu:poacc:trns:invoice_response:3"
        );
        assert_eq!(
            root.find("ProfileID")[0].text,
            "urn:fdc:peppol.eu:poacc:bis:invoice_response:3"
        );
        let codes = root.find("ResponseCode");
        assert_eq!(codes.len(), 1);
        assert!(RESPONSE_CODES.contains(&codes[0].text.as_str()));
        assert_eq!(codes[0].text, expected);
        let statuses = root.find("StatusReasonCode");
        assert!(
            !statuses.is_empty(),
            "{expected}: a reason (PEPPOL-T111-R001)"
        );
        for status in statuses {
            assert_eq!(
                status.attrs,
                [("listID".to_string(), "OPStatusReason".to_string())]
            );
            assert!(
                REASON_CODES.contains(&status.text.as_str()),
                "{}",
                status.text
            );
        }
        for condition in root.find("Condition") {
            let names: Vec<&str> = condition.children.iter().map(|n| n.name.as_str()).collect();
            assert_eq!(names, ["AttributeID", "Description"]);
        }
        let reference = &root.find("DocumentReference")[0];
        let names: Vec<&str> = reference.children.iter().map(|n| n.name.as_str()).collect();
        assert_eq!(names, ["ID", "IssueDate", "DocumentTypeCode"]);
        assert_eq!(
            root.find("EndpointID")[0].attrs,
            [("schemeID".to_string(), "0184".to_string())]
        );
    }
}

#[test]
fn every_reason_kind_has_a_code_of_the_list() {
    use ReasonKind::*;
    for kind in [
        Decided, Reference, Supplier, Item, Price, Quantity, Period, Approved, Held, Currency, Vat,
        Totals, Credit,
    ] {
        assert!(REASON_CODES.contains(&reason_code(kind)), "{kind:?}");
        assert_ne!(
            reason_code(kind),
            "PPD",
            "PPD goes only with PD (PEPPOL-T111-R005)"
        );
    }
}

#[test]
fn text_from_the_invoice_is_escaped_and_characters_xml_cannot_carry_are_replaced() {
    let c = Contract::placement();
    let (audit, mut checked) = rejected(&c);
    if let Some(line) = checked.lines.first_mut() {
        line.item = "<clothing> & \"shoes\"\u{1}".to_string();
    }
    checked.supplier.name = Some("Østervold & Co <ApS>".to_string());
    let xml = application_response(
        &audit,
        &checked,
        &c.sources,
        &municipality(),
        date("2019-12-02"),
    );
    let root = reread(&xml);
    let reason = &root.find("StatusReason")[0].text;
    assert!(
        reason.starts_with("line 1 (<clothing> & \"shoes\"\u{fffd}, "),
        "{reason}"
    );
    assert_eq!(
        root.find("RegistrationName")[1].text,
        "Østervold & Co <ApS>"
    );
}
