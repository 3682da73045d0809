//! UBL read into the model: the root and profile, the document's fields, the supplier, totals and taxes (spec
//! 12.1–12.3). The lines are read by [`line`]. Elements that are not listed in spec 12.2 are not read, whatever
//! they hold; an element that is listed is refused when it is missing where matching needs it, written twice where
//! UBL writes it once, or holds a value that is not what it should.

mod line;

use crate::model::{
    Amount, CurrencyMismatch, Document, DocumentKind, Identifier, Period, Profile, Supplier,
    TaxCategory, TaxSubtotal, TaxTotal, Totals,
};
use crate::node::Node;
use crate::refusal::{Position, Refusal, RefusalKind};
use crate::value;
use crate::xml::{Element, NS_CREDIT_NOTE, NS_INVOICE, Ns};

/// The `cbc:CustomizationID` of Peppol BIS Billing 3.0; an extension of it appends `#conformant#` and its own name.
pub(crate) const PEPPOL_BIS3: &str =
    "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0";
/// The start of every OIOUBL `cbc:CustomizationID` (`OIOUBL-2.01`, `OIOUBL-2.02`, `OIOUBL-2.1`).
pub(crate) const OIOUBL: &str = "OIOUBL-2.";

/// The state of one reading: the document's currency, and the amounts found in another.
pub(crate) struct Reader {
    currency: String,
    mismatches: Vec<CurrencyMismatch>,
}

/// Reads the tree of a document into the model.
pub(crate) fn document(source: &str, root: &Element) -> Result<Document, Refusal> {
    let kind = kind(source, root)?;
    let doc = Node::root(root, source, kind.root());
    let customization = doc.require(Ns::Cbc, "CustomizationID", "it names the profile")?;
    let customization_id = customization.text("it names the profile")?.to_string();
    let profile = profile(&customization, &customization_id)?;
    let number = doc.require(Ns::Cbc, "ID", "it is the document's number")?;
    let number_text = number.text("it is the document's number")?.to_string();
    crate::limits::number(&number, &number_text)?;
    let number = number_text;
    let issue = doc.require(Ns::Cbc, "IssueDate", "it is the document's date")?;
    let issue_date =
        value::date(issue.text("it is the document's date")?).map_err(|p| issue.refuse_value(p))?;
    let type_code = type_code(&doc, kind)?;
    let currency = doc.require(
        Ns::Cbc,
        "DocumentCurrencyCode",
        "it is the currency of the amounts",
    )?;
    let currency = value::currency(currency.text("it is the currency of the amounts")?)
        .map_err(|p| currency.refuse_value(p))?;
    let buyer_reference = optional_text(&doc, "BuyerReference")?;
    let order_reference = match doc.child(Ns::Cac, "OrderReference")? {
        Some(order) => Some(
            order
                .require(Ns::Cbc, "ID", "it is the order's reference")?
                .text("it is the order's reference")?
                .to_string(),
        ),
        None => None,
    };
    if buyer_reference.is_none() && order_reference.is_none() {
        return Err(Refusal::new(
            RefusalKind::Missing,
            "neither `cbc:BuyerReference` nor `cac:OrderReference/cbc:ID` is written: one of them names the contract",
        )
        .at(&format!("{}/cbc:BuyerReference", kind.root()), None)
        .help("write the contract's case reference in `cbc:BuyerReference`"));
    }
    let mut billing_references = Vec::new();
    for billing in doc.children(Ns::Cac, "BillingReference") {
        if let Some(invoice) = billing.child(Ns::Cac, "InvoiceDocumentReference")? {
            let id = invoice.require(Ns::Cbc, "ID", "it names the invoice referred to")?;
            billing_references.push(id.text("it names the invoice referred to")?.to_string());
        }
    }
    let mut reader = Reader {
        currency: currency.clone(),
        mismatches: Vec::new(),
    };
    let supplier = doc.require(Ns::Cac, "AccountingSupplierParty", "it names the supplier")?;
    let supplier = supplier.require(Ns::Cac, "Party", "it names the supplier")?;
    let supplier = read_supplier(&supplier)?;
    let period = doc
        .child(Ns::Cac, "InvoicePeriod")?
        .map(|p| period(&p))
        .transpose()?;
    let totals = doc.require(
        Ns::Cac,
        "LegalMonetaryTotal",
        "it holds the document's totals",
    )?;
    let totals = reader.totals(&totals)?;
    let tax_totals = doc
        .children(Ns::Cac, "TaxTotal")
        .iter()
        .map(|tax| reader.tax_total(tax))
        .collect::<Result<Vec<_>, _>>()?;
    let lines = line::lines(&mut reader, &doc, kind)?;
    Ok(Document {
        kind,
        profile,
        customization_id,
        number,
        issue_date,
        type_code,
        currency,
        buyer_reference,
        order_reference,
        billing_references,
        supplier,
        period,
        totals,
        tax_totals,
        lines,
        currency_mismatches: reader.mismatches,
    })
}

fn kind(source: &str, root: &Element) -> Result<DocumentKind, Refusal> {
    let position = Some(Position::of_offset(source, root.offset));
    match (root.ns, &*root.name) {
        (Ns::Invoice, "Invoice") => Ok(DocumentKind::Invoice),
        (Ns::CreditNote, "CreditNote") => Ok(DocumentKind::CreditNote),
        (_, name @ ("Invoice" | "CreditNote")) => {
            let expected = if name == "Invoice" { NS_INVOICE } else { NS_CREDIT_NOTE };
            let written = if root.uri.is_empty() {
                "no namespace".to_string()
            } else {
                format!("the namespace `{}`", root.uri)
            };
            Err(Refusal::new(
                RefusalKind::NotUbl,
                format!("the root element is in {written}, not in UBL 2.1's"),
            )
            .at(name, position)
            .help(format!("a UBL `{name}` is in the namespace `{expected}`")))
        }
        (_, name) => Err(Refusal::new(
            RefusalKind::NotUbl,
            "the root element is not a UBL `Invoice` or `CreditNote`",
        )
        .at(name, position)
        .help("an e-invoice is a UBL 2.1 `Invoice` or `CreditNote` (Peppol BIS Billing 3.0 or OIOUBL)")),
    }
}

fn profile(node: &Node<'_>, id: &str) -> Result<Profile, Refusal> {
    if id == PEPPOL_BIS3
        || id
            .strip_prefix(PEPPOL_BIS3)
            .is_some_and(|rest| rest.starts_with("#conformant#"))
    {
        Ok(Profile::PeppolBis3)
    } else if id.starts_with(OIOUBL) {
        Ok(Profile::Oioubl)
    } else {
        Err(node
            .refuse(RefusalKind::Profile, format!("`{id}` is not a profile that is read"))
            .help(format!(
                "the profiles read are Peppol BIS Billing 3.0 (`{PEPPOL_BIS3}`) and OIOUBL (`OIOUBL-2.01`, `OIOUBL-2.02`, `OIOUBL-2.1`)"
            )))
    }
}

/// The type codes of UNCL1001 that Peppol BIS 3 lists for a credit note (BR-CL-01): 81, 83, 381, 396 and 532.
const CREDIT_CODES: [&str; 5] = ["81", "83", "381", "396", "532"];

/// The document's type code, if written; a credit note's code on an `Invoice`, or an invoice's on a `CreditNote`,
/// is refused: the root decides how the amounts are read (negative or not), and the two must not disagree.
fn type_code(doc: &Node<'_>, kind: DocumentKind) -> Result<Option<String>, Refusal> {
    let Some(node) = doc.child(Ns::Cbc, kind.type_code())? else {
        return Ok(None);
    };
    let code = node
        .text("an element that is written holds a value")?
        .to_string();
    let credit = CREDIT_CODES.contains(&code.as_str());
    let refused = match kind {
        DocumentKind::Invoice if credit => Some((
            "a credit note's",
            "write a credit note as a UBL `CreditNote`, or an invoice with an invoice's type code such as `380`",
        )),
        DocumentKind::CreditNote if !credit => Some((
            "not a credit note's",
            "a `CreditNote`'s type code is `381` (or `81`, `83`, `396`, `532`); an invoice is a UBL `Invoice`",
        )),
        _ => None,
    };
    match refused {
        Some((whose, help)) => Err(node
            .refuse(
                RefusalKind::BadValue,
                format!(
                    "the type code `{code}` is {whose}, and the document is a UBL `{}`",
                    kind.root()
                ),
            )
            .help(help)),
        None => Ok(Some(code)),
    }
}

/// The text of a child written at most once, if it is written; written empty, it is refused like any other.
pub(crate) fn optional_text(node: &Node<'_>, name: &str) -> Result<Option<String>, Refusal> {
    match node.child(Ns::Cbc, name)? {
        Some(child) => Ok(Some(
            child
                .text("an element that is written holds a value")?
                .to_string(),
        )),
        None => Ok(None),
    }
}

fn identifier(node: &Node<'_>, what: &str) -> Result<Identifier, Refusal> {
    Ok(Identifier {
        value: node.text(what)?.to_string(),
        scheme: node.attr("schemeID").map(str::to_string),
    })
}

fn read_supplier(party: &Node<'_>) -> Result<Supplier, Refusal> {
    const WHAT: &str = "it identifies the supplier";
    let endpoint = party
        .child(Ns::Cbc, "EndpointID")?
        .map(|id| identifier(&id, WHAT))
        .transpose()?;
    let mut party_ids = Vec::new();
    for identification in party.children(Ns::Cac, "PartyIdentification") {
        let id = identification.require(Ns::Cbc, "ID", WHAT)?;
        party_ids.push(identifier(&id, WHAT)?);
    }
    let mut tax_ids = Vec::new();
    for scheme in party.children(Ns::Cac, "PartyTaxScheme") {
        if let Some(id) = scheme.child(Ns::Cbc, "CompanyID")? {
            tax_ids.push(identifier(&id, WHAT)?);
        }
    }
    let (legal_id, registration_name) = match party.child(Ns::Cac, "PartyLegalEntity")? {
        Some(legal) => (
            legal
                .child(Ns::Cbc, "CompanyID")?
                .map(|id| identifier(&id, WHAT))
                .transpose()?,
            optional_text(&legal, "RegistrationName")?,
        ),
        None => (None, None),
    };
    let name = match party.child(Ns::Cac, "PartyName")? {
        Some(name) => optional_text(&name, "Name")?,
        None => None,
    };
    Ok(Supplier {
        endpoint,
        party_ids,
        legal_id,
        tax_ids,
        name,
        registration_name,
    })
}

/// A `cac:InvoicePeriod`: a start, an end or both, the end not before the start.
pub(crate) fn period(node: &Node<'_>) -> Result<Period, Refusal> {
    let date = |name: &str| -> Result<Option<chrono::NaiveDate>, Refusal> {
        match node.child(Ns::Cbc, name)? {
            Some(child) => {
                let text = child.text("a period's date")?;
                value::date(text)
                    .map(Some)
                    .map_err(|p| child.refuse_value(p))
            }
            None => Ok(None),
        }
    };
    let (start, end) = (date("StartDate")?, date("EndDate")?);
    match (start, end) {
        (None, None) => Err(node
            .refuse(
                RefusalKind::Missing,
                "the period has neither `cbc:StartDate` nor `cbc:EndDate`",
            )
            .help("write the first and last day of the period invoiced")),
        (Some(start), Some(end)) if end < start => Err(node
            .refuse(
                RefusalKind::BadValue,
                format!("the period ends on `{end}`, before it starts on `{start}`"),
            )
            .help("`cbc:EndDate` is the last day of the period, on or after `cbc:StartDate`")),
        _ => Ok(Period { start, end }),
    }
}

impl Reader {
    /// An amount: an exact decimal with its `currencyID`; one in another currency than the document's is noted.
    pub(crate) fn amount(&mut self, node: &Node<'_>, what: &str) -> Result<Amount, Refusal> {
        let value = value::decimal(node.text(what)?).map_err(|p| node.refuse_value(p))?;
        crate::limits::amount(node, value)?;
        let currency = node.require_attr("currencyID", "every amount names its currency")?;
        let currency = value::currency(currency).map_err(|p| node.refuse_value(p))?;
        if currency != self.currency {
            self.mismatches.push(CurrencyMismatch {
                path: node.path().to_string(),
                currency: currency.clone(),
            });
        }
        Ok(Amount { value, currency })
    }

    fn required_amount(
        &mut self,
        parent: &Node<'_>,
        name: &str,
        what: &str,
    ) -> Result<Amount, Refusal> {
        let node = parent.require(Ns::Cbc, name, what)?;
        self.amount(&node, what)
    }

    fn optional_amount(
        &mut self,
        parent: &Node<'_>,
        name: &str,
        what: &str,
    ) -> Result<Option<Amount>, Refusal> {
        match parent.child(Ns::Cbc, name)? {
            Some(node) => self.amount(&node, what).map(Some),
            None => Ok(None),
        }
    }

    fn totals(&mut self, node: &Node<'_>) -> Result<Totals, Refusal> {
        Ok(Totals {
            line_extension: self.required_amount(
                node,
                "LineExtensionAmount",
                "it is the sum of the lines",
            )?,
            tax_exclusive: self.optional_amount(node, "TaxExclusiveAmount", "a total")?,
            tax_inclusive: self.optional_amount(node, "TaxInclusiveAmount", "a total")?,
            payable: self.required_amount(node, "PayableAmount", "it is the amount asked for")?,
        })
    }

    fn tax_total(&mut self, node: &Node<'_>) -> Result<TaxTotal, Refusal> {
        let amount = self.required_amount(node, "TaxAmount", "it is the tax")?;
        let mut subtotals = Vec::new();
        for sub in node.children(Ns::Cac, "TaxSubtotal") {
            subtotals.push(TaxSubtotal {
                taxable: self.optional_amount(&sub, "TaxableAmount", "the amount taxed")?,
                amount: self.required_amount(&sub, "TaxAmount", "it is the tax")?,
                category: sub
                    .child(Ns::Cac, "TaxCategory")?
                    .map(|category| tax_category(&category))
                    .transpose()?,
            });
        }
        Ok(TaxTotal { amount, subtotals })
    }
}

/// A `cac:TaxCategory` or `cac:ClassifiedTaxCategory`: its `cbc:ID` and `cbc:Percent`.
pub(crate) fn tax_category(node: &Node<'_>) -> Result<TaxCategory, Refusal> {
    let id = node.require(Ns::Cbc, "ID", "it names the tax category")?;
    let id = id.text("it names the tax category")?.to_string();
    let percent = match node.child(Ns::Cbc, "Percent")? {
        Some(percent) => {
            Some(value::decimal(percent.text("a tax rate")?).map_err(|p| percent.refuse_value(p))?)
        }
        None => None,
    };
    Ok(TaxCategory { id, percent })
}
