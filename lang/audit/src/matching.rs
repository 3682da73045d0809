//! Matching a document to the contract (spec 12.3): what matching needs must be in the document, or it is refused
//! naming the element; the contract it names (`cbc:BuyerReference` or `cac:OrderReference/cbc:ID` against the
//! contract's `case`), the party it comes from (a CVR number the supplier gives against the parties' `cvr`), and
//! its currency decide whether its lines can be approved at all. The document's own checks (its lines add up to
//! its total, no VAT is charged) are problems of the whole invoice. Each line is then judged (line.rs).

use chrono::NaiveDate;
use rust_decimal::Decimal;

use cvl_check::model::{Contract, PartyId};
use cvl_invoice::{Document, DocumentKind, Refusal, RefusalKind};

use crate::line::{self, Claim};
use crate::{Book, Checked, LineAudit, Outcome, Reason, ReasonKind, SupplierMatch, Verdict, money};

/// What holds for every line of a document: why none can be approved, if something does.
pub(crate) struct Context<'a> {
    pub number: &'a str,
    pub sha256: &'a str,
    pub currency: &'a str,
    /// The party the invoice comes from.
    pub supplier: Option<PartyId>,
    /// Why no line of the document can be approved: another contract, an unknown supplier.
    pub blocked: Option<Reason>,
    /// Whether the log has approved this very file already: its approvals are in the book, and are not noted again.
    pub recorded: bool,
}

/// Reads `document` against `contract` and judges each line, noting what is approved in `book`.
pub(crate) fn check(
    contract: &Contract,
    book: &mut Book<'_>,
    sha256: &str,
    document: &Document,
) -> Outcome {
    let claims = match claims(document) {
        Ok(claims) => claims,
        Err(refusal) => return Outcome::Refused(refusal),
    };
    let supplier = supplier(contract, document);
    let blocked = reference(contract, document).or_else(|| supplier_problem(contract, &supplier));
    let recorded = book.recorded(sha256);
    // An invoice the log approved is judged again without its own approvals, once: a copy of it given again in
    // the run (the same bytes under another name, or the same file twice) sees them, and is approved for nothing
    // more.
    let own = if book.first_time(sha256) { sha256 } else { "" };
    let context = Context {
        number: &document.number,
        sha256: own,
        currency: &document.currency,
        supplier: supplier.party.clone(),
        blocked,
        recorded: !recorded.is_empty(),
    };
    let mut lines: Vec<_> = claims
        .iter()
        .map(|claim| line::judge(&context, book, claim))
        .collect();
    let mut problems = problems(contract, document, &supplier);
    problems.extend(unrecordable(book, &lines, &document.currency));
    if let Some(first) = problems.first() {
        let kind = first.kind;
        for line in &mut lines {
            unapproved(book, document, sha256, line, kind);
        }
    }
    let approved = lines
        .iter()
        .try_fold(Decimal::ZERO, |sum, l| sum.checked_add(l.approved))
        .unwrap_or(Decimal::MAX);
    let sign = sign(document.kind);
    let unmatched = unmatched(contract, document, &supplier);
    Checked {
        kind: document.kind,
        profile: document.profile,
        number: document.number.clone(),
        issue_date: document.issue_date,
        supplier,
        currency: document.currency.clone(),
        claimed: document.totals.payable.value * sign,
        approved,
        problems,
        unmatched,
        lines,
        recorded,
    }
    .into()
}

impl From<Checked> for Outcome {
    fn from(checked: Checked) -> Outcome {
        Outcome::Checked(Box::new(checked))
    }
}

/// A line of a document with a problem (spec 12.5), which is not approved: nothing of it is approvable now, and
/// what it would have been approved for is taken out of the book again, so that the invoices after it in the run
/// are judged as if it had not been given. What the log recorded for it stands.
fn unapproved(
    book: &mut Book<'_>,
    document: &Document,
    sha256: &str,
    line: &mut LineAudit,
    kind: ReasonKind,
) {
    for approval in line.approvals.drain(..) {
        book.withdraw(
            &(
                approval.item.clone(),
                approval.payee.clone(),
                approval.month,
            ),
            &crate::book::Earlier {
                invoice: document.number.clone(),
                sha256: sha256.to_string(),
                event: None,
                amount: approval.amount,
            },
        );
    }
    let recorded = line
        .recorded
        .iter()
        .fold(Decimal::ZERO, |sum, r| sum.saturating_add(r.amount));
    if line.approved != recorded {
        line.reasons.push(Reason::new(
            kind,
            format!(
                "{} of it is not approved now: the invoice has a problem as a document (above), and a document with a problem is not approved",
                money(line.approved.saturating_sub(recorded)),
            ),
        ));
        line.approved = recorded;
    }
    line.verdict = if line.approved == line.claimed {
        Verdict::Approved
    } else if line.approved.is_zero() {
        Verdict::Rejected
    } else {
        Verdict::Reduced
    };
}

/// `1` for an invoice, `-1` for a credit note: a credit note's amounts reduce what is approved.
fn sign(kind: DocumentKind) -> Decimal {
    match kind {
        DocumentKind::Invoice => Decimal::ONE,
        DocumentKind::CreditNote => Decimal::NEGATIVE_ONE,
    }
}

/// Each line as matching reads it; a refusal naming the element when a line lacks what matching needs.
fn claims(document: &Document) -> Result<Vec<Claim<'_>>, Refusal> {
    if document.buyer_reference.is_none() && document.order_reference.is_none() {
        return Err(Refusal::new(
            RefusalKind::Missing,
            "the invoice names no contract: it has neither `cbc:BuyerReference` nor `cac:OrderReference/cbc:ID`",
        )
        .at(&format!("{}/cbc:BuyerReference", document.kind.root()), None)
        .help("the buyer's reference is the contract's case reference, such as `ANB-2019-0042`"));
    }
    let sign = sign(document.kind);
    document
        .lines
        .iter()
        .map(|l| {
            let item = l.sellers_item_id.as_deref().ok_or_else(|| {
                Refusal::new(
                    RefusalKind::Missing,
                    "the line names no item: it has no seller's item identifier",
                )
                .at(
                    &format!("{}/cac:Item/cac:SellersItemIdentification/cbc:ID", l.path),
                    None,
                )
                .help("the seller's item identifier is the name of the contract's item, such as `stay`")
            })?;
            let period = l.period.or(document.period);
            let (start, end) = period_days(period, &l.path, document.kind)?;
            Ok(Claim {
                line: l,
                item,
                start,
                end,
                claimed: l.amount.value * sign,
            })
        })
        .collect()
}

/// The first and last day of a line's period, or a refusal naming what is missing.
fn period_days(
    period: Option<cvl_invoice::Period>,
    path: &str,
    kind: DocumentKind,
) -> Result<(NaiveDate, NaiveDate), Refusal> {
    let missing = |element: &str, what: &str| {
        Refusal::new(
            RefusalKind::Missing,
            format!("the line's period has no {what}: a line is matched to the months it is for"),
        )
        .at(&format!("{path}/cac:InvoicePeriod{element}"), None)
        .help(format!(
            "give the line a `cac:InvoicePeriod` with `cbc:StartDate` and `cbc:EndDate`, or the {} one",
            kind.root()
        ))
    };
    let Some(period) = period else {
        return Err(missing("", "period at all, nor has the document"));
    };
    let start = period
        .start
        .ok_or_else(|| missing("/cbc:StartDate", "first day"))?;
    let end = period
        .end
        .ok_or_else(|| missing("/cbc:EndDate", "last day"))?;
    Ok((start, end))
}

/// The supplier as the document gives it, and the contract's party with one of its CVR numbers.
fn supplier(contract: &Contract, document: &Document) -> SupplierMatch {
    let cvr = document.supplier.cvr_numbers();
    let parties: Vec<PartyId> = contract
        .parties
        .iter()
        .filter(|p| p.cvr.as_ref().is_some_and(|c| cvr.contains(c)))
        .map(|p| p.id.clone())
        .collect();
    // An invoice that gives the CVR numbers of two parties is from neither: which one sent it is not known.
    let party = match parties.as_slice() {
        [one] => Some(one.clone()),
        _ => None,
    };
    SupplierMatch {
        party,
        parties,
        name: document
            .supplier
            .registration_name
            .clone()
            .or_else(|| document.supplier.name.clone()),
        cvr,
        endpoint: document.supplier.endpoint.clone(),
    }
}

/// Why the document's lines cannot be approved if it names another contract.
fn reference(contract: &Contract, document: &Document) -> Option<Reason> {
    let named = [&document.buyer_reference, &document.order_reference];
    let Some(case) = &contract.case_ref else {
        return Some(Reason::new(
            ReasonKind::Reference,
            "the contract has no case reference (`case`), so no invoice can name it",
        ));
    };
    if named
        .iter()
        .any(|r| r.as_deref().map(str::trim) == Some(case.as_str()))
    {
        return None;
    }
    let given: Vec<String> = named
        .iter()
        .filter_map(|r| r.as_deref())
        .map(|r| format!("`{r}`"))
        .collect();
    Some(
        Reason::new(
            ReasonKind::Reference,
            format!(
                "the invoice names {}, not this contract's case `{case}`",
                given.join(" and ")
            ),
        )
        .clause(Some(contract.span)),
    )
}

/// Why the document's lines cannot be approved if no party of the contract sent it.
fn supplier_problem(contract: &Contract, supplier: &SupplierMatch) -> Option<Reason> {
    if supplier.party.is_some() {
        return None;
    }
    if supplier.parties.len() > 1 {
        return Some(several_parties(supplier));
    }
    let declared: Vec<String> = contract
        .parties
        .iter()
        .filter_map(|p| p.cvr.as_ref().map(|c| format!("`{}` ({c})", p.id.0)))
        .collect();
    let known = if declared.is_empty() {
        "the contract declares no party's CVR number (`cvr`)".to_string()
    } else {
        format!("the contract's parties are {}", declared.join(", "))
    };
    let text = if supplier.cvr.is_empty() {
        format!(
            "the supplier gives no CVR number (an identifier with `schemeID` `0184` or `DK:CVR`); {known}"
        )
    } else {
        let given: Vec<String> = supplier.cvr.iter().map(|c| format!("`{c}`")).collect();
        format!(
            "the supplier's CVR number {} is no party's in this contract; {known}",
            given.join(", ")
        )
    };
    Some(Reason::new(ReasonKind::Supplier, text))
}

/// What of the lines' approvals the signed log would refuse to record (spec 12.7, 9.2): an approval for a month
/// the decision does not pay the payee in (outside the contract, before its start, after its end), or more
/// approvals than one entry holds. `cvl invoice approve` records nothing of an invoice with such a problem, and
/// says these words.
fn unrecordable(book: &Book<'_>, lines: &[crate::LineAudit], currency: &str) -> Vec<Reason> {
    let mut problems = Vec::new();
    for line in lines {
        for approval in &line.approvals {
            if approval.amount.is_zero() || book.payment(&approval.payee, approval.month).is_some()
            {
                continue;
            }
            let what = if approval.amount < Decimal::ZERO {
                "credits"
            } else {
                "approves"
            };
            problems.push(Reason::new(
                ReasonKind::Record,
                format!(
                    "line `{}` {what} {} {} of `{}` in {}, a month the contract does not pay `{}` in: the log records no approval outside what the contract decides, so this invoice cannot be approved",
                    line.id,
                    money(approval.amount.abs()),
                    currency,
                    approval.item.0,
                    approval.month,
                    approval.payee.0
                ),
            ));
        }
    }
    let count = lines
        .iter()
        .flat_map(|l| &l.approvals)
        .filter(|a| !a.amount.is_zero())
        .count();
    if count > cvl_invoice::MAX_LINES {
        problems.push(Reason::new(
            ReasonKind::Record,
            format!(
                "the invoice is approved for {} amounts by line, item and month, more than {}, the most one approval records (spec section 7), so it cannot be approved",
                crate::money(Decimal::from(count)).trim_end_matches(".00"),
                crate::money(Decimal::from(cvl_invoice::MAX_LINES)).trim_end_matches(".00")
            ),
        ));
    }
    problems
}

/// Why no line can be approved, in words for the sender (spec 12.10): only what the invoice itself says, never
/// the contract's parties, its case or its files. `None` when the invoice is matched to the contract and a party.
fn unmatched(contract: &Contract, document: &Document, supplier: &SupplierMatch) -> Option<Reason> {
    if reference(contract, document).is_some() {
        let given: Vec<String> = [&document.buyer_reference, &document.order_reference]
            .iter()
            .filter_map(|r| r.as_deref())
            .map(|r| format!("`{}`", r.trim()))
            .collect();
        return Some(Reason::new(
            ReasonKind::Reference,
            format!(
                "the invoice's reference {} is not the reference of a contract with the supplier",
                given.join(" and ")
            ),
        ));
    }
    if supplier.party.is_some() {
        return None;
    }
    let text = match supplier.cvr.as_slice() {
        [] => "the invoice gives no CVR number of the supplier (an identifier with `schemeID` `0184` or `DK:CVR`)".to_string(),
        _ if supplier.parties.len() > 1 => {
            "the supplier gives the CVR numbers of more than one party: an invoice comes from one".to_string()
        }
        cvr => {
            let given: Vec<String> = cvr.iter().map(|c| format!("`{c}`")).collect();
            format!(
                "the supplier's CVR number {} is not that of a party of the contract the invoice names",
                given.join(", ")
            )
        }
    };
    Some(Reason::new(ReasonKind::Supplier, text))
}

/// Why an invoice that gives the CVR numbers of several parties of the contract is matched to none of them.
fn several_parties(supplier: &SupplierMatch) -> Reason {
    let named: Vec<String> = supplier
        .parties
        .iter()
        .map(|p| format!("`{}`", p.0))
        .collect();
    Reason::new(
        ReasonKind::Supplier,
        format!(
            "the supplier gives the CVR numbers of {} parties of the contract, {}: an invoice comes from one party, so it is matched to none",
            named.len(),
            named.join(" and ")
        ),
    )
}

/// What is wrong with the document as a whole.
fn problems(contract: &Contract, document: &Document, supplier: &SupplierMatch) -> Vec<Reason> {
    let mut problems = Vec::new();
    if supplier.parties.len() > 1 {
        problems.push(several_parties(supplier));
    }
    let sum = document
        .lines
        .iter()
        .try_fold(Decimal::ZERO, |sum, l| sum.checked_add(l.amount.value));
    let total = document.totals.line_extension.value;
    if sum != Some(total) {
        // Every amount is at most 10^12 and a document at most 10,000 lines (spec 12.3), so the sum always fits.
        let sum = money(sum.unwrap_or_default());
        problems.push(Reason::new(
            ReasonKind::Totals,
            format!(
                "the lines add up to {sum} {}, and `cac:LegalMonetaryTotal/cbc:LineExtensionAmount` says {} {}",
                document.currency,
                money(total),
                document.currency
            ),
        ));
    }
    let vat = document
        .tax_totals
        .iter()
        .try_fold(Decimal::ZERO, |sum, t| sum.checked_add(t.amount.value))
        .unwrap_or(Decimal::MAX);
    let asked = document.totals.payable.value;
    if sum.and_then(|lines| lines.checked_add(vat)) != Some(asked) {
        problems.push(Reason::new(
            ReasonKind::Totals,
            format!(
                "the amount asked, `cac:LegalMonetaryTotal/cbc:PayableAmount` {} {}, is not the lines' sum plus the VAT: allowances, charges and amounts paid in advance are not read, so the invoice is not approved in full",
                money(asked),
                document.currency
            ),
        ));
    }
    if vat > Decimal::ZERO {
        problems.push(Reason::new(
            ReasonKind::Vat,
            format!(
                "VAT of {} {} is charged: the contract's payments are exempt from VAT, so none is approved",
                money(vat),
                document.currency
            ),
        ));
    }
    problems.extend(crate::consistency::problems(contract, document, vat));
    for mismatch in &document.currency_mismatches {
        problems.push(Reason::new(
            ReasonKind::Currency,
            format!(
                "`{}` is in `{}`, not the document's currency `{}`",
                mismatch.path, mismatch.currency, document.currency
            ),
        ));
    }
    problems
}
