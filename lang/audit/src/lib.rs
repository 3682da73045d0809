//! CVL's invoice audit: each line of a provider's e-invoice approved, reduced, held or rejected against what a
//! contract's evaluation decides, with the reasons, citing the clause and the events (spec section 12).
//!
//! [`audit`] takes the checked contract, its [`Decision`] and the invoices as read by cvl-invoice, in the order
//! given. A [`Book`](book::Book) keeps, for each item, payee and month, what the contract decides and what has been
//! approved against it: by the `invoice_approved` entries already in the log and by the invoices before this one
//! in the same run. No line is ever approved for more than what is left, so the approvals of one item, payee and
//! month never add up to more than the decision (spec 12.4). The document is matched to the contract
//! (`matching`), each line is judged (`line`), and the response to the supplier is written from the result
//! (`response`). Nothing here reads files or prints: the caller renders the [`Audit`].

mod book;
mod consistency;
mod expense;
pub mod ledger;
mod line;
mod matching;
pub mod response;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use cvl_check::model::{Contract, PartyId, TermId};
use cvl_eval::{Decision, Month};
use cvl_invoice::{Document, DocumentKind, Profile, Refusal};
use cvl_syntax::Span;

pub use book::Book;

/// One invoice file to audit: its name as the output shows it, the SHA-256 of its bytes (lowercase hex), and the
/// document read from it or why it was refused.
#[derive(Clone, Debug)]
pub struct Input {
    pub file: String,
    pub sha256: String,
    pub document: Result<Document, Refusal>,
}

/// The audit of every invoice given, in the order given.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Audit {
    pub invoices: Vec<InvoiceAudit>,
}

impl Audit {
    /// Whether every line of every invoice is approved in full and no invoice was refused or has a problem.
    pub fn all_approved(&self) -> bool {
        self.invoices.iter().all(|invoice| match &invoice.outcome {
            Outcome::Refused(_) => false,
            Outcome::Checked(checked) => {
                checked.problems.is_empty()
                    && checked.lines.iter().all(|l| l.verdict == Verdict::Approved)
            }
        })
    }
}

/// One invoice's audit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvoiceAudit {
    pub file: String,
    pub sha256: String,
    pub outcome: Outcome,
}

/// Whether the invoice could be read and matched, and if so what was found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// The file is not an e-invoice that can be read, or it lacks what matching needs; nothing is approved.
    Refused(Refusal),
    Checked(Box<Checked>),
}

/// The audit of a document that was read and matched.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Checked {
    pub kind: DocumentKind,
    pub profile: Profile,
    /// `cbc:ID`.
    pub number: String,
    pub issue_date: NaiveDate,
    pub supplier: SupplierMatch,
    /// `cbc:DocumentCurrencyCode`.
    pub currency: String,
    /// What the supplier asks: `cbc:PayableAmount`, negative for a credit note.
    pub claimed: Decimal,
    /// The sum of the lines' approved amounts.
    pub approved: Decimal,
    /// What is wrong with the document as a whole: totals that do not add up, VAT charged, another currency.
    pub problems: Vec<Reason>,
    pub lines: Vec<LineAudit>,
    /// The `invoice_approved` entries already in the log for this very file (by its SHA-256).
    pub recorded: Vec<String>,
    /// Why no line can be approved when the invoice names another contract or no single party of it sent it, in
    /// words for the sender: only what the invoice says (spec 12.10). A response says this and nothing else.
    pub unmatched: Option<Reason>,
}

/// Who sent the invoice: the party of the contract whose CVR number the supplier gives, if any.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SupplierMatch {
    pub party: Option<PartyId>,
    /// Every party of the contract whose CVR number the supplier gives: more than one, and `party` is none.
    pub parties: Vec<PartyId>,
    /// The supplier's name as the document gives it (registration name, else party name).
    pub name: Option<String>,
    /// The CVR numbers among the supplier's identifiers.
    pub cvr: Vec<String>,
    /// The supplier's electronic address (`cbc:EndpointID` with its `schemeID`), which a response is sent to.
    pub endpoint: Option<cvl_invoice::Identifier>,
}

/// What is decided for one invoice line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Verdict {
    /// Approved in full.
    Approved,
    /// Approved in part; the rest refused, each part with its reason.
    Reduced,
    /// Not approved now: the period is withheld for a missed obligation, and is approvable once it is met.
    Held,
    /// Nothing approved.
    Rejected,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Approved => "approved",
            Verdict::Reduced => "reduced",
            Verdict::Held => "held",
            Verdict::Rejected => "rejected",
        }
    }
}

/// One invoice line's audit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineAudit {
    /// `cbc:ID`.
    pub id: String,
    /// The item the line names (`cac:SellersItemIdentification/cbc:ID`), as written.
    pub item: String,
    /// The line's period (its own, else the document's), first and last day.
    pub period: (NaiveDate, NaiveDate),
    pub quantity: Decimal,
    /// The quantity's UN/ECE unit code, as written.
    pub unit_code: String,
    /// `cbc:LineExtensionAmount`, negative on a credit note.
    pub claimed: Decimal,
    /// What is approved of it (negative on a credit note: it reduces what was approved).
    pub approved: Decimal,
    /// What of it is held for a missed obligation.
    pub held: Decimal,
    pub verdict: Verdict,
    pub reasons: Vec<Reason>,
    /// What is approvable now, by item, payee and month, beyond what the log recorded for the line: what `cvl
    /// invoice approve` appends.
    pub approvals: Vec<Approval>,
    /// What the log recorded for the line already, by item, payee and month, with the entries (spec 12.7). The
    /// line's `approved` is this and `approvals` together.
    pub recorded: Vec<RecordedApproval>,
}

/// What the log recorded for an invoice line, for one item, payee and month, and by which entries.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecordedApproval {
    pub item: TermId,
    pub payee: PartyId,
    pub month: Month,
    pub amount: Decimal,
    pub events: Vec<String>,
}

/// An approved amount of one item for one payee and month.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Approval {
    pub item: TermId,
    pub payee: PartyId,
    pub month: Month,
    pub amount: Decimal,
}

/// What a reason is about, for a program and for the response's status reason code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ReasonKind {
    /// What the contract decides, approved.
    Decided,
    /// The invoice names another contract, or none the contract knows.
    Reference,
    /// The supplier is not the party the item pays.
    Supplier,
    /// The contract has no such item, or another item's price covers it.
    Item,
    /// The price is above the contract's rate.
    Price,
    /// More hours or units than the contract pays for.
    Quantity,
    /// The period is outside what the contract pays for: not signed, not in force, not running, ended.
    Period,
    /// Approved already, on an earlier invoice.
    Approved,
    /// Held back for a missed obligation.
    Held,
    /// The currency is not the contract's.
    Currency,
    /// VAT is charged where none is due.
    Vat,
    /// The document's totals do not add up.
    Totals,
    /// A credit note: it reduces what was approved.
    Credit,
    /// What is approved cannot be recorded in the signed log as it is (a month outside what the contract
    /// decides, more amounts than one entry holds): `cvl invoice approve` refuses the invoice with these words.
    Record,
}

/// One reason for a verdict: words, the clause they rest on and the events behind them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reason {
    pub kind: ReasonKind,
    /// Lowercase words; text from the invoice is quoted and passed through `cvl_syntax::text::shown` when shown.
    pub text: String,
    /// The clause: a `pay` statement, an obligation, an item.
    pub clause: Option<Span>,
    /// The ids of the events behind it.
    pub events: Vec<String>,
}

impl Reason {
    pub(crate) fn new(kind: ReasonKind, text: impl Into<String>) -> Reason {
        Reason {
            kind,
            text: text.into(),
            clause: None,
            events: Vec::new(),
        }
    }

    pub(crate) fn clause(mut self, clause: Option<Span>) -> Reason {
        self.clause = clause;
        self
    }

    pub(crate) fn events(mut self, events: Vec<String>) -> Reason {
        self.events = events;
        self
    }
}

/// An amount as the audit's outputs write it (the table's, the CSV's, the JSON's, the response's): exactly, never
/// rounded, with at least two decimals (`60000.00`, `-5000.50`; a price per unit may have more, `123.456`). An
/// invoice's amounts have at most two decimals (spec 12.3), and what is approved is cut from them and from what the
/// contract decides, which is in whole øre, so nothing here ever needs rounding; a value with more decimals is
/// shown with all of them rather than changed.
pub fn amount(value: Decimal) -> String {
    let mut value = value.normalize();
    if value.scale() < 2 {
        value.rescale(2);
    }
    value.to_string()
}

/// [`amount`] with thousands grouped, for people: `60,000.00`.
pub fn money(value: Decimal) -> String {
    let text = cvl_check::value::group_thousands(value, None);
    match text.split_once('.') {
        None => format!("{text}.00"),
        Some((whole, fraction)) if fraction.len() < 2 => format!("{whole}.{fraction:0<2}"),
        Some(_) => text,
    }
}

/// `1 hour`, `5 hours`, `1 day`: a count and its noun, singular for exactly one, as every invoice wording says it.
pub fn count(n: impl Into<Decimal>, noun: &str) -> String {
    let n: Decimal = n.into();
    let n = n.normalize();
    if n == Decimal::ONE || n == Decimal::NEGATIVE_ONE {
        format!("{n} {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// Audits `inputs` in order against `contract` and its `decision`: what each line may be approved for, given what
/// the log has approved already and what the invoices before it in `inputs` are approved for.
pub fn audit(contract: &Contract, decision: &Decision, inputs: &[Input]) -> Audit {
    let mut book = Book::new(contract, decision);
    let invoices = inputs
        .iter()
        .map(|input| InvoiceAudit {
            file: input.file.clone(),
            sha256: input.sha256.clone(),
            outcome: match &input.document {
                Err(refusal) => Outcome::Refused(refusal.clone()),
                Ok(document) => matching::check(contract, &mut book, &input.sha256, document),
            },
        })
        .collect();
    Audit { invoices }
}
