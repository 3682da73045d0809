//! CVL's report: what a contract decided from its log, as one self-contained HTML file a lawyer or a judge can
//! read without the tool, and print to PDF from a browser.
//!
//! [`render`] takes a [`ReportInput`] (the contract, its decision, the log's entries, the invoices' audit, and
//! what was paid: [`Paid`]) and a [`Lang`], and returns the page: inline CSS (style.css, with print rules) and
//! inline SVG (timeline.rs), no script, nothing fetched. The page is deterministic: the same input gives the same
//! bytes (no clock: the report's date is an input; no order from hashing). Every string from a file or an event is
//! written through html.rs, which shows it as every output of `cvl` does and escapes it; markup is only ever a
//! `&'static str` of this crate. The sections are in sections.rs; the words in both languages in words.rs.
//!
//! **Paid and outstanding** (paid.rs) renders the reconciliation of payments (cvl-dispute: decided, paid, owed, not
//! yet due, the date each amount fell due, the interest part by part, the totals and tranches), which comes in as
//! a [`Paid`], filled by the caller. An empty [`Paid`] (the default) makes that section say that no payments are
//! recorded.
//!
//! gather.rs is what every caller gathers besides the decision (each entry again for citing, what was paid, the
//! reconciliation), shared by `cvl report` and the log service's page (cvl-serve), so that both show one page.

mod appendix;
pub mod gather;
mod html;
mod paid;
mod sections;
mod timeline;
mod words;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use cvl_audit::Audit;
use cvl_check::model::{Contract, PartyId};
use cvl_eval::{Decision, Month};
use cvl_syntax::Sources;

pub use words::Lang;

/// Everything a report is made from. The caller decides, audits and reads the log; the report only renders.
pub struct ReportInput<'a> {
    /// The date of the report, as the caller gives it (`--date`): the page reads no clock.
    pub date: NaiveDate,
    /// The version of `cvl` that decided it.
    pub version: &'a str,
    /// The command line that reproduces the report, as a shell would read it.
    pub command: &'a str,
    /// The contract's file, as messages name it.
    pub contract_file: &'a str,
    /// The contract's SHA-256: of the listing of its text and every file it imports (spec 10.2).
    pub contract_sha256: &'a str,
    /// Each file the contract is made of, the contract first, each with the SHA-256 of its bytes.
    pub files: &'a [cvl_log::SourceFile],
    /// The log or events file the decision was made from.
    pub events: EventsFile<'a>,
    pub contract: &'a Contract,
    /// The contract's source texts: the clauses are quoted from them.
    pub sources: &'a Sources,
    /// The source texts of each amended version given, by its SHA-256: a line of an amended version (spec 9.13)
    /// quotes its clause from them.
    pub texts: &'a [(&'a str, &'a Sources)],
    pub decision: &'a Decision,
    /// Every entry of the log (or event of the events file), in the file's order: what an id is cited with.
    pub entries: &'a [EntryRef],
    /// The invoices' audit, when invoices were given.
    pub audit: Option<&'a Audit>,
    /// Only this payee's payments, when given.
    pub payee: Option<&'a PartyId>,
    /// Only these months, first and last included, when given.
    pub months: Option<(Month, Month)>,
    /// What was paid: the section "Paid and outstanding".
    pub paid: &'a Paid,
}

/// The file the events were read from.
pub struct EventsFile<'a> {
    pub file: &'a str,
    /// The SHA-256 of the file's bytes.
    pub sha256: &'a str,
    /// For a signed log: how many entries were verified, and the last one's SHA-256 (its head); `None` for an
    /// unsigned events file, of which nothing was verified.
    pub verified: Option<(u64, String)>,
}

/// One entry of a log, or one event of an events file, as the report cites it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EntryRef {
    pub id: String,
    /// Its sequence number in the log; `None` in an events file.
    pub seq: Option<u64>,
    pub date: NaiveDate,
    pub kind: String,
    /// The party that sent it: in a log, the party whose key signed it.
    pub actor: String,
    /// What it is about: its data's `supplement` or `item`, if any.
    pub about: Option<String>,
    /// The SHA-256 of the entry's line, in lowercase hex (what the next entry's `prev` carries); `None` in an
    /// unsigned events file.
    pub sha256: Option<String>,
}

/// What was paid and what is owed: the input of the section "Paid and outstanding" (paid.rs) and of the payments
/// on the timeline. Filled by the caller from the `paid` events of the log and their reconciliation; the default,
/// empty, says that no payments are recorded.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Paid {
    /// Every payment made, in the order of the log.
    pub payments: Vec<PaymentMade>,
    /// The reconciliation (cvl-dispute, spec 9.11, 9.12): each payee's months and their parts, totals, tranches,
    /// what is not yet due, the rate and the date interest is counted to; `None` when none was made.
    pub reconciliation: Option<cvl_dispute::Reconciliation>,
}

/// One payment made: a `paid` event of the log.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PaymentMade {
    /// The id of the `paid` event.
    pub event: String,
    pub payer: PartyId,
    pub payee: PartyId,
    /// The day it was paid.
    pub date: NaiveDate,
    pub amount: Decimal,
    /// The payment's reference.
    pub reference: String,
    /// The months it pays.
    pub months: Vec<Month>,
}

/// The report, as one HTML file.
pub fn render(input: &ReportInput<'_>, lang: Lang) -> String {
    sections::page(input, lang)
}
