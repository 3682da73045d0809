//! The invoice benchmark's work (`cvl-bench invoices`): one children-and-youth centre's year. [`write`] puts
//! contracts shaped like the reference case, a year of events for each, and the Peppol BIS 3 invoices their
//! providers send in that year into a directory; [`audit`] then checks and evaluates each contract once and audits
//! its invoices with `cvl_audit::audit`, one contract at a time, so that what is held at once is one contract's
//! invoices, never the year's.
//!
//! The invoices follow the decision: for each of the contract's first twelve months, the care home invoices what
//! is decided for its monthly items (one line each, unit `MON`) and the visit firm its confirmed hours (unit `HUR`).
//! Some are wrong on purpose, as real ones are: every twelfth has its first line priced 5 % above what is decided
//! (reduced), and a contract's invoices past its regular ones are, in turn, a credit note for a tenth of an earlier
//! line (it names the invoice it credits), a second invoice for a month already invoiced (rejected), and an invoice
//! for an item the contract does not have (rejected). Months withheld for a missed report are invoiced as usual
//! (held). Like the contracts, every file is the same on every machine.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;
use std::time::{Duration, Instant};

use chrono::{Months, NaiveDate};
use rust_decimal::Decimal;
use sha2::{Digest, Sha256};

use cvl_audit::{Input, Outcome, Verdict};
use cvl_eval::{Decision, Month};
use cvl_syntax::Sources;

use crate::{evaluation, generate, stdlib_loader};

/// A year of events from each contract's start, covering its first twelve months.
pub const YEAR: u64 = 366;

/// The directory of contract `index`'s invoices in a generated directory.
pub fn invoice_dir(index: usize) -> String {
    format!("invoices-{index:05}")
}

/// What was written or audited.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Totals {
    pub contracts: usize,
    pub events: usize,
    pub invoices: usize,
    pub credit_notes: usize,
    /// The invoices' bytes.
    pub bytes: usize,
    pub lines: usize,
    /// Lines approved, reduced, held and rejected.
    pub verdicts: [usize; 4],
    /// Invoices refused (not read, or lacking what matching needs).
    pub refused: usize,
    /// Invoices written wrong on purpose.
    pub wrong: usize,
    /// Where an audit's time went: reading, parsing and checking the contracts and evaluating them; reading,
    /// hashing and parsing the invoices; auditing them.
    pub phases: [Duration; 3],
}

/// Writes contracts `0..contracts` of `seed`, a year of events for each, and `invoices` invoices spread over them
/// (as evenly as they divide) to `dir`, created if missing.
pub fn write(dir: &Path, seed: u64, contracts: usize, invoices: usize) -> Result<Totals, String> {
    fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let mut sources = Sources::new();
    let mut loader = stdlib_loader();
    let mut totals = Totals::default();
    for index in 0..contracts {
        let put = |name: &Path, text: &str| {
            fs::write(name, text).map_err(|e| format!("cannot write {}: {e}", name.display()))
        };
        put(
            &dir.join(generate::file_name(index)),
            &generate::contract_with_cvr(seed, index),
        )?;
        let events = generate::events(seed, index, YEAR);
        totals.events += events.lines().count();
        put(&dir.join(generate::events_file_name(index)), &events)?;
        let contract = evaluation::load(&mut sources, &mut loader, dir, index)?;
        let (decision, _) = evaluation::decide(&contract, dir, index)?;
        let share = invoices / contracts.max(1) + usize::from(index < invoices % contracts.max(1));
        let documents = documents(seed, index, &decision, share);
        let sub = dir.join(invoice_dir(index));
        fs::create_dir_all(&sub).map_err(|e| format!("cannot create {}: {e}", sub.display()))?;
        for (k, document) in documents.iter().enumerate() {
            let xml = document.xml();
            put(&sub.join(format!("{k:03}.xml")), &xml)?;
            totals.invoices += 1;
            totals.bytes += xml.len();
            totals.lines += document.lines.len();
            totals.credit_notes += usize::from(document.credit.is_some());
            totals.wrong += usize::from(document.wrong);
        }
        totals.contracts += 1;
    }
    Ok(totals)
}

/// Checks and evaluates contracts `0..contracts` in `dir` once each, reads each one's invoices (bounded, hashed)
/// and audits them in their order; nothing of one contract is kept for the next but the source text.
pub fn audit(dir: &Path, contracts: usize) -> Result<Totals, String> {
    let mut sources = Sources::new();
    let mut loader = stdlib_loader();
    let mut totals = Totals::default();
    for index in 0..contracts {
        let started = Instant::now();
        let contract = evaluation::load(&mut sources, &mut loader, dir, index)?;
        let (decision, events) = evaluation::decide(&contract, dir, index)?;
        let decided = Instant::now();
        let sub = dir.join(invoice_dir(index));
        let mut files: Vec<_> = fs::read_dir(&sub)
            .map_err(|e| format!("cannot read {}: {e}", sub.display()))?
            .filter_map(Result::ok)
            .map(|entry| entry.path())
            .collect();
        files.sort();
        let mut inputs = Vec::with_capacity(files.len());
        for path in &files {
            let bytes =
                cvl_invoice::file_bytes(path).map_err(|r| format!("{}: {r}", path.display()))?;
            totals.bytes += bytes.len();
            inputs.push(Input {
                file: path.display().to_string(),
                sha256: hex(&Sha256::digest(&bytes)),
                document: cvl_invoice::read_bytes(&bytes),
            });
        }
        let read = Instant::now();
        let audit = cvl_audit::audit(&contract, &decision, &inputs);
        let audited = Instant::now();
        for (phase, time) in
            totals
                .phases
                .iter_mut()
                .zip([decided - started, read - decided, audited - read])
        {
            *phase += time;
        }
        for invoice in &audit.invoices {
            totals.invoices += 1;
            match &invoice.outcome {
                Outcome::Refused(_) => totals.refused += 1,
                Outcome::Checked(checked) => {
                    totals.credit_notes +=
                        usize::from(checked.kind == cvl_invoice::DocumentKind::CreditNote);
                    for line in &checked.lines {
                        totals.lines += 1;
                        let at = match line.verdict {
                            Verdict::Approved => 0,
                            Verdict::Reduced => 1,
                            Verdict::Held => 2,
                            Verdict::Rejected => 3,
                        };
                        if let Some(count) = totals.verdicts.get_mut(at) {
                            *count += 1;
                        }
                    }
                }
            }
        }
        totals.contracts += 1;
        totals.events += events;
    }
    Ok(totals)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().fold(String::with_capacity(64), |mut out, b| {
        let _ = write!(out, "{b:02x}");
        out
    })
}

/// One invoice or credit note to write.
#[derive(Clone, Debug)]
struct Document {
    number: String,
    issue: NaiveDate,
    case: String,
    /// The supplier's CVR number and name.
    supplier: (String, String),
    first: NaiveDate,
    last: NaiveDate,
    lines: Vec<Line>,
    /// The number of the invoice a credit note credits; `None` for an invoice.
    credit: Option<String>,
    wrong: bool,
}

#[derive(Clone, Debug)]
struct Line {
    item: String,
    unit: &'static str,
    quantity: Decimal,
    price: Decimal,
    amount: Decimal,
}

/// Contract `index`'s `share` documents: its regular invoices in month order, then the extra ones.
fn documents(seed: u64, index: usize, decision: &Decision, share: usize) -> Vec<Document> {
    let [_, (provider, provider_title), (firm, firm_title)] = generate::parties(seed, index);
    let case = generate::case(seed, index);
    let rate = Decimal::from(generate::hourly_rate(seed, index));
    let Some(start) = decision.payments.iter().map(|p| p.period).min() else {
        return Vec::new();
    };
    let months: Vec<Month> = (0..12).filter_map(|k| month_plus(start, k)).collect();
    let mut payments: Vec<_> = decision
        .payments
        .iter()
        .filter(|p| months.contains(&p.period) && !p.lines.is_empty())
        .filter_map(|p| {
            let who = if p.payee.0 == provider {
                (generate::cvr(index, 1), provider_title.clone(), 0)
            } else if p.payee.0 == firm {
                (generate::cvr(index, 2), firm_title.clone(), 1)
            } else {
                return None;
            };
            Some((p, who))
        })
        .collect();
    payments.sort_by_key(|(p, (_, _, order))| (p.period, *order));
    let mut documents: Vec<Document> = Vec::with_capacity(share);
    for (payment, (cvr, name, _)) in payments.into_iter().take(share) {
        let (first, last) = month_days(payment.period);
        let lines = payment
            .lines
            .iter()
            .map(|line| {
                if line.item.0 == "consultant" && rate > Decimal::ZERO {
                    Line {
                        item: line.item.0.clone(),
                        unit: "HUR",
                        quantity: (line.amount / rate).round_dp(2),
                        price: rate,
                        amount: line.amount,
                    }
                } else {
                    Line {
                        item: line.item.0.clone(),
                        unit: "MON",
                        quantity: Decimal::ONE,
                        price: line.amount,
                        amount: line.amount,
                    }
                }
            })
            .collect();
        let k = documents.len();
        let mut document = Document {
            number: format!("INV-{index:05}-{k:03}"),
            issue: last.succ_opt().unwrap_or(last),
            case: case.clone(),
            supplier: (cvr, name),
            first,
            last,
            lines,
            credit: None,
            wrong: false,
        };
        if k % 12 == 11
            && let Some(line) = document.lines.first_mut()
        {
            line.price = (line.price * Decimal::new(105, 2)).round_dp(2);
            line.amount = (line.quantity * line.price).round_dp(2);
            document.wrong = true;
        }
        documents.push(document);
    }
    let regular = documents.len();
    for extra in 0..share.saturating_sub(regular) {
        let Some(base) = documents.get((extra * 7 + 3) % regular.max(1)).cloned() else {
            break;
        };
        let number = format!("INV-{index:05}-{:03}", documents.len());
        let issue = base.issue + chrono::Days::new(14);
        let document = match extra % 3 {
            0 => {
                let Some(line) = base.lines.first() else {
                    continue;
                };
                let amount = (line.amount / Decimal::TEN).round_dp(2);
                let credited = Line {
                    quantity: Decimal::ONE,
                    price: amount,
                    amount,
                    ..line.clone()
                };
                Document {
                    number,
                    issue,
                    lines: vec![credited],
                    credit: Some(base.number.clone()),
                    ..base
                }
            }
            1 => Document {
                number,
                issue,
                wrong: true,
                ..base
            },
            _ => Document {
                number,
                issue,
                lines: vec![Line {
                    item: "transport".to_string(),
                    unit: "C62",
                    quantity: Decimal::ONE,
                    price: Decimal::new(125_000, 2),
                    amount: Decimal::new(125_000, 2),
                }],
                wrong: true,
                ..base
            },
        };
        documents.push(document);
    }
    documents
}

fn month_plus(month: Month, k: u32) -> Option<Month> {
    let first = NaiveDate::from_ymd_opt(month.year, month.month, 1)?;
    Some(Month::of(first.checked_add_months(Months::new(k))?))
}

fn month_days(month: Month) -> (NaiveDate, NaiveDate) {
    let first = NaiveDate::from_ymd_opt(month.year, month.month, 1).unwrap_or(NaiveDate::MIN);
    let last = first
        .checked_add_months(Months::new(1))
        .and_then(|d| d.pred_opt())
        .unwrap_or(first);
    (first, last)
}

impl Document {
    /// The document as Peppol BIS Billing 3.0 XML, VAT-exempt (category `E`), in DKK.
    fn xml(&self) -> String {
        let (root, ns, type_code, line_name, quantity_name) = match self.credit {
            None => (
                "Invoice",
                "Invoice-2",
                "<cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode>",
                "InvoiceLine",
                "InvoicedQuantity",
            ),
            Some(_) => (
                "CreditNote",
                "CreditNote-2",
                "<cbc:CreditNoteTypeCode>381</cbc:CreditNoteTypeCode>",
                "CreditNoteLine",
                "CreditedQuantity",
            ),
        };
        let total: Decimal = self.lines.iter().map(|l| l.amount).sum();
        let (cvr, name) = &self.supplier;
        let mut out = String::with_capacity(3_000 + 900 * self.lines.len());
        let _ = write!(
            out,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
             <!-- Generated for cvl-bench: the numbers are invented. -->\n\
             <{root} xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:{ns}\" \
             xmlns:cac=\"urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2\" \
             xmlns:cbc=\"urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2\">\n  \
             <cbc:CustomizationID>urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0</cbc:CustomizationID>\n  \
             <cbc:ProfileID>urn:fdc:peppol.eu:2017:poacc:billing:01:1.0</cbc:ProfileID>\n  \
             <cbc:ID>{number}</cbc:ID>\n  \
             <cbc:IssueDate>{issue}</cbc:IssueDate>\n  \
             {type_code}\n  \
             <cbc:DocumentCurrencyCode>DKK</cbc:DocumentCurrencyCode>\n  \
             <cbc:BuyerReference>{case}</cbc:BuyerReference>\n",
            number = self.number,
            issue = self.issue,
            case = self.case,
        );
        if let Some(credited) = &self.credit {
            let _ = write!(
                out,
                "  <cac:BillingReference>\n    <cac:InvoiceDocumentReference>\n      \
                 <cbc:ID>{credited}</cbc:ID>\n    </cac:InvoiceDocumentReference>\n  </cac:BillingReference>\n"
            );
        }
        let _ = write!(
            out,
            "  <cac:AccountingSupplierParty>\n    <cac:Party>\n      \
             <cbc:EndpointID schemeID=\"0184\">{cvr}</cbc:EndpointID>\n      \
             <cac:PartyName>\n        <cbc:Name>{name}</cbc:Name>\n      </cac:PartyName>\n      \
             <cac:PostalAddress>\n        <cbc:CityName>Odder</cbc:CityName>\n        \
             <cac:Country>\n          <cbc:IdentificationCode>DK</cbc:IdentificationCode>\n        </cac:Country>\n      \
             </cac:PostalAddress>\n      \
             <cac:PartyLegalEntity>\n        <cbc:RegistrationName>{name}</cbc:RegistrationName>\n        \
             <cbc:CompanyID schemeID=\"0184\">{cvr}</cbc:CompanyID>\n      </cac:PartyLegalEntity>\n    \
             </cac:Party>\n  </cac:AccountingSupplierParty>\n  \
             <cac:AccountingCustomerParty>\n    <cac:Party>\n      \
             <cbc:EndpointID schemeID=\"0088\">5798000000001</cbc:EndpointID>\n      \
             <cac:PostalAddress>\n        <cac:Country>\n          <cbc:IdentificationCode>DK</cbc:IdentificationCode>\n        \
             </cac:Country>\n      </cac:PostalAddress>\n      \
             <cac:PartyLegalEntity>\n        <cbc:RegistrationName>Kommunen</cbc:RegistrationName>\n      \
             </cac:PartyLegalEntity>\n    </cac:Party>\n  </cac:AccountingCustomerParty>\n  \
             <cac:TaxTotal>\n    <cbc:TaxAmount currencyID=\"DKK\">0.00</cbc:TaxAmount>\n    <cac:TaxSubtotal>\n      \
             <cbc:TaxableAmount currencyID=\"DKK\">{total:.2}</cbc:TaxableAmount>\n      \
             <cbc:TaxAmount currencyID=\"DKK\">0.00</cbc:TaxAmount>\n      \
             <cac:TaxCategory>\n        <cbc:ID>E</cbc:ID>\n        <cbc:Percent>0</cbc:Percent>\n        \
             <cbc:TaxExemptionReason>Social ydelse, momsfritaget</cbc:TaxExemptionReason>\n        \
             <cac:TaxScheme>\n          <cbc:ID>VAT</cbc:ID>\n        </cac:TaxScheme>\n      </cac:TaxCategory>\n    \
             </cac:TaxSubtotal>\n  </cac:TaxTotal>\n  \
             <cac:LegalMonetaryTotal>\n    \
             <cbc:LineExtensionAmount currencyID=\"DKK\">{total:.2}</cbc:LineExtensionAmount>\n    \
             <cbc:TaxExclusiveAmount currencyID=\"DKK\">{total:.2}</cbc:TaxExclusiveAmount>\n    \
             <cbc:TaxInclusiveAmount currencyID=\"DKK\">{total:.2}</cbc:TaxInclusiveAmount>\n    \
             <cbc:PayableAmount currencyID=\"DKK\">{total:.2}</cbc:PayableAmount>\n  </cac:LegalMonetaryTotal>\n"
        );
        for (k, line) in self.lines.iter().enumerate() {
            let _ = write!(
                out,
                "  <cac:{line_name}>\n    <cbc:ID>{id}</cbc:ID>\n    \
                 <cbc:{quantity_name} unitCode=\"{unit}\">{quantity}</cbc:{quantity_name}>\n    \
                 <cbc:LineExtensionAmount currencyID=\"DKK\">{amount:.2}</cbc:LineExtensionAmount>\n    \
                 <cac:InvoicePeriod>\n      <cbc:StartDate>{first}</cbc:StartDate>\n      \
                 <cbc:EndDate>{last}</cbc:EndDate>\n    </cac:InvoicePeriod>\n    \
                 <cac:Item>\n      <cbc:Name>{item}</cbc:Name>\n      <cac:SellersItemIdentification>\n        \
                 <cbc:ID>{item}</cbc:ID>\n      </cac:SellersItemIdentification>\n      \
                 <cac:ClassifiedTaxCategory>\n        <cbc:ID>E</cbc:ID>\n        <cbc:Percent>0</cbc:Percent>\n        \
                 <cac:TaxScheme>\n          <cbc:ID>VAT</cbc:ID>\n        </cac:TaxScheme>\n      \
                 </cac:ClassifiedTaxCategory>\n    </cac:Item>\n    \
                 <cac:Price>\n      <cbc:PriceAmount currencyID=\"DKK\">{price:.2}</cbc:PriceAmount>\n    </cac:Price>\n  \
                 </cac:{line_name}>\n",
                id = k + 1,
                unit = line.unit,
                quantity = line.quantity.normalize(),
                amount = line.amount,
                first = self.first,
                last = self.last,
                item = line.item,
                price = line.price,
            );
        }
        let _ = writeln!(out, "</{root}>");
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn three_contracts_invoices_read_cleanly_and_are_audited() {
        let dir =
            std::env::temp_dir().join(format!("cvl-bench-invoices-test-{}", std::process::id()));
        let written = write(&dir, 3, 3, 90).unwrap();
        let audited = audit(&dir, 3);
        fs::remove_dir_all(&dir).unwrap();
        let audited = audited.unwrap();
        assert_eq!(written.invoices, 90);
        assert_eq!(audited.invoices, 90);
        assert_eq!(audited.refused, 0, "{audited:?}");
        assert_eq!(audited.lines, written.lines);
        assert_eq!(audited.credit_notes, written.credit_notes);
        assert!(written.credit_notes > 0 && written.wrong > 0, "{written:?}");
        assert_eq!(audited.verdicts.iter().sum::<usize>(), audited.lines);
    }

    #[test]
    fn cvr_numbers_pass_the_check_digit_and_differ() {
        let weights = [2, 7, 6, 5, 4, 3, 2, 1];
        let mut seen = std::collections::BTreeSet::new();
        for index in 0..300 {
            for party in 0..3 {
                let cvr = generate::cvr(index, party);
                assert_eq!(cvr.len(), 8);
                let sum: u32 = cvr
                    .bytes()
                    .zip(weights)
                    .map(|(d, w)| u32::from(d - b'0') * w)
                    .sum();
                assert_eq!(sum % 11, 0, "{cvr}");
                assert!(seen.insert(cvr));
            }
        }
    }
}
