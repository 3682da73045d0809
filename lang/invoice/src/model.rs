//! The model an e-invoice is read into: exactly what the UBL document says, for the fields that matching and the
//! document checks need (spec section 12.2). Amounts and quantities are exact decimals, dates are calendar dates;
//! nothing here is computed, rounded or defaulted, so that a later verdict can cite the document as written.

use chrono::NaiveDate;
use rust_decimal::Decimal;

/// An invoice or a credit note.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DocumentKind {
    /// `Invoice` in the namespace `urn:oasis:names:specification:ubl:schema:xsd:Invoice-2`.
    Invoice,
    /// `CreditNote` in the namespace `urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2`.
    CreditNote,
}

impl DocumentKind {
    /// The root element's name, which is also the first step of every path in a refusal.
    pub fn root(self) -> &'static str {
        match self {
            DocumentKind::Invoice => "Invoice",
            DocumentKind::CreditNote => "CreditNote",
        }
    }

    /// The name of a line's element, without its prefix: `InvoiceLine` or `CreditNoteLine`.
    pub fn line(self) -> &'static str {
        match self {
            DocumentKind::Invoice => "InvoiceLine",
            DocumentKind::CreditNote => "CreditNoteLine",
        }
    }

    /// The name of a line's quantity, without its prefix: `InvoicedQuantity` or `CreditedQuantity`.
    pub fn quantity(self) -> &'static str {
        match self {
            DocumentKind::Invoice => "InvoicedQuantity",
            DocumentKind::CreditNote => "CreditedQuantity",
        }
    }

    /// The name of the document's type code, without its prefix: `InvoiceTypeCode` or `CreditNoteTypeCode`.
    pub fn type_code(self) -> &'static str {
        match self {
            DocumentKind::Invoice => "InvoiceTypeCode",
            DocumentKind::CreditNote => "CreditNoteTypeCode",
        }
    }
}

/// The profile the document declares in its `cbc:CustomizationID`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Profile {
    /// Peppol BIS Billing 3.0 (EN 16931): `urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0`.
    PeppolBis3,
    /// The Danish national profile OIOUBL: `OIOUBL-2.01`, `OIOUBL-2.02` or `OIOUBL-2.1`.
    Oioubl,
}

impl Profile {
    /// The profile's name as people know it.
    pub fn name(self) -> &'static str {
        match self {
            Profile::PeppolBis3 => "Peppol BIS Billing 3.0",
            Profile::Oioubl => "OIOUBL",
        }
    }
}

/// An amount and the currency its `currencyID` attribute names.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Amount {
    pub value: Decimal,
    /// The ISO 4217 code, three capital letters, as written.
    pub currency: String,
}

/// An identifier and the scheme its `schemeID` attribute names, if any.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Identifier {
    pub value: String,
    pub scheme: Option<String>,
}

/// A line's quantity with its unit (UN/ECE recommendation 20), both as written.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Quantity {
    pub value: Decimal,
    pub unit_code: String,
}

impl Quantity {
    /// What the unit code means, for the codes CVL's items are priced in.
    pub fn unit(&self) -> Unit {
        Unit::of_code(&self.unit_code)
    }
}

/// The units of UN/ECE recommendation 20 that CVL knows; any other code is [`Unit::Other`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Unit {
    /// `MON`.
    Month,
    /// `WEE`.
    Week,
    /// `DAY`.
    Day,
    /// `HUR`.
    Hour,
    /// One piece, for a one-off: `C62` (one), `EA` (each) or `H87` (piece).
    Piece,
    /// Any other code.
    Other,
}

impl Unit {
    /// The unit in words.
    pub fn name(self) -> &'static str {
        match self {
            Unit::Month => "month",
            Unit::Week => "week",
            Unit::Day => "day",
            Unit::Hour => "hour",
            Unit::Piece => "piece",
            Unit::Other => "a unit CVL does not know",
        }
    }

    /// The meaning of a unit code, compared exactly (codes are upper case).
    pub fn of_code(code: &str) -> Unit {
        match code {
            "MON" => Unit::Month,
            "WEE" => Unit::Week,
            "DAY" => Unit::Day,
            "HUR" => Unit::Hour,
            "C62" | "EA" | "H87" => Unit::Piece,
            _ => Unit::Other,
        }
    }
}

/// A period: `cbc:StartDate` and `cbc:EndDate` of a `cac:InvoicePeriod`, at least one of them, the end not before
/// the start.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Period {
    pub start: Option<NaiveDate>,
    pub end: Option<NaiveDate>,
}

/// The supplier: `cac:AccountingSupplierParty/cac:Party`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Supplier {
    /// `cbc:EndpointID` with its `schemeID` (`0184` or `DK:CVR` for a CVR number, `0088` or `GLN` for a GLN).
    pub endpoint: Option<Identifier>,
    /// Each `cac:PartyIdentification/cbc:ID`, in document order.
    pub party_ids: Vec<Identifier>,
    /// `cac:PartyLegalEntity/cbc:CompanyID`.
    pub legal_id: Option<Identifier>,
    /// Each `cac:PartyTaxScheme/cbc:CompanyID` (a VAT number such as `DK12345678`), in document order.
    pub tax_ids: Vec<Identifier>,
    /// `cac:PartyName/cbc:Name`.
    pub name: Option<String>,
    /// `cac:PartyLegalEntity/cbc:RegistrationName`.
    pub registration_name: Option<String>,
}

impl Supplier {
    /// Every identifier the supplier gives, in the order the fields above are listed.
    pub fn identifiers(&self) -> impl Iterator<Item = &Identifier> {
        self.endpoint
            .iter()
            .chain(&self.party_ids)
            .chain(&self.legal_id)
            .chain(&self.tax_ids)
    }

    /// The CVR numbers (the Danish business register's, eight digits) among the supplier's identifiers, sorted and
    /// without repeats: an identifier whose `schemeID` is `0184` (Peppol) or `DK:CVR` (OIOUBL), read without a
    /// leading `DK` and with spaces removed. A VAT or SE number is not taken for a CVR number: they can differ.
    pub fn cvr_numbers(&self) -> Vec<String> {
        let mut found: Vec<String> = self
            .identifiers()
            .filter(|id| matches!(id.scheme.as_deref(), Some("0184" | "DK:CVR")))
            .filter_map(|id| {
                let digits: String = id.value.chars().filter(|c| *c != ' ').collect();
                let digits = digits.strip_prefix("DK").unwrap_or(&digits).to_string();
                (digits.len() == 8 && digits.bytes().all(|b| b.is_ascii_digit())).then_some(digits)
            })
            .collect();
        found.sort();
        found.dedup();
        found
    }
}

/// The document's totals: `cac:LegalMonetaryTotal`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Totals {
    /// `cbc:LineExtensionAmount`: the sum of the lines' amounts.
    pub line_extension: Amount,
    /// `cbc:TaxExclusiveAmount`, as written: the total without tax in Peppol (EN 16931), but the total tax in
    /// OIOUBL, which gives the element that meaning.
    pub tax_exclusive: Option<Amount>,
    /// `cbc:TaxInclusiveAmount`.
    pub tax_inclusive: Option<Amount>,
    /// `cbc:PayableAmount`: what the supplier asks to be paid.
    pub payable: Amount,
}

/// A tax category: `cbc:ID` (`S`, `E`, `Z`, `O` in Peppol; `StandardRated`, `ZeroRated` in OIOUBL) and
/// `cbc:Percent`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TaxCategory {
    pub id: String,
    pub percent: Option<Decimal>,
}

/// One `cac:TaxTotal`: its `cbc:TaxAmount` and its `cac:TaxSubtotal`s.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TaxTotal {
    pub amount: Amount,
    pub subtotals: Vec<TaxSubtotal>,
}

/// One `cac:TaxSubtotal`: `cbc:TaxableAmount`, `cbc:TaxAmount` and `cac:TaxCategory`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TaxSubtotal {
    pub taxable: Option<Amount>,
    pub amount: Amount,
    pub category: Option<TaxCategory>,
}

/// A line's price: `cac:Price/cbc:PriceAmount` and `cbc:BaseQuantity` (how many units the price is for).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Price {
    pub amount: Amount,
    pub base_quantity: Option<BaseQuantity>,
}

/// A price's base quantity: a number and, if written, its unit code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BaseQuantity {
    pub value: Decimal,
    pub unit_code: Option<String>,
}

/// One `cac:InvoiceLine` or `cac:CreditNoteLine`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line {
    /// Where the line is: `Invoice/cac:InvoiceLine[3]`, for a later verdict or refusal to cite.
    pub path: String,
    /// `cbc:ID`.
    pub id: String,
    /// `cbc:InvoicedQuantity` or `cbc:CreditedQuantity`, with its `unitCode`.
    pub quantity: Quantity,
    /// `cbc:LineExtensionAmount`.
    pub amount: Amount,
    /// `cac:InvoicePeriod`.
    pub period: Option<Period>,
    /// `cac:Item/cbc:Name`.
    pub item_name: Option<String>,
    /// `cac:Item/cac:SellersItemIdentification/cbc:ID`.
    pub sellers_item_id: Option<String>,
    /// `cac:Item/cac:StandardItemIdentification/cbc:ID` with its `schemeID`.
    pub standard_item_id: Option<Identifier>,
    /// `cac:Item/cac:ClassifiedTaxCategory` (Peppol writes a line's tax here).
    pub tax_category: Option<TaxCategory>,
    /// Each of the line's own `cac:TaxTotal` (OIOUBL writes a line's tax here), in document order.
    pub tax_totals: Vec<TaxTotal>,
    /// `cac:Price`.
    pub price: Option<Price>,
}

/// An amount whose `currencyID` is not the document's currency: where it is and what it names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CurrencyMismatch {
    pub path: String,
    pub currency: String,
}

/// An e-invoice as read: what spec section 12.2 lists, each field from the element it names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Document {
    pub kind: DocumentKind,
    pub profile: Profile,
    /// `cbc:CustomizationID` as written.
    pub customization_id: String,
    /// `cbc:ID`: the document's number.
    pub number: String,
    /// `cbc:IssueDate`.
    pub issue_date: NaiveDate,
    /// `cbc:InvoiceTypeCode` or `cbc:CreditNoteTypeCode` (`380` an invoice, `381` a credit note).
    pub type_code: Option<String>,
    /// `cbc:DocumentCurrencyCode`.
    pub currency: String,
    /// `cbc:BuyerReference`.
    pub buyer_reference: Option<String>,
    /// `cac:OrderReference/cbc:ID`.
    pub order_reference: Option<String>,
    /// Each `cac:BillingReference/cac:InvoiceDocumentReference/cbc:ID`: the invoices a credit note corrects.
    pub billing_references: Vec<String>,
    pub supplier: Supplier,
    /// The document-level `cac:InvoicePeriod`.
    pub period: Option<Period>,
    pub totals: Totals,
    /// Each `cac:TaxTotal`, in document order.
    pub tax_totals: Vec<TaxTotal>,
    /// The lines, in document order, at least one.
    pub lines: Vec<Line>,
    /// Every amount read whose `currencyID` is not `currency`, in document order.
    pub currency_mismatches: Vec<CurrencyMismatch>,
}
