//! The book an audit keeps: for each item, payee and month, what the contract decides (the evaluation's lines), what
//! has been approved against it already (the log's `invoice_approved` entries and the invoices audited before in
//! the same run), and whether the payee's month is held back for a missed obligation (spec 12.4).
//!
//! What is left to approve is what is decided less what is approved, never below nothing: so however many invoices
//! claim one item's month, their approvals together never come to more than the decision.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use cvl_check::model::{Contract, PartyId, TermId};
use cvl_eval::{Decision, Line, Month, Payment};

/// The key the book is kept by: an item, its payee and a month.
pub(crate) type Key = (TermId, PartyId, Month);

/// An approval made before the line being audited: by an entry of the log or an invoice earlier in the run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Earlier {
    /// The invoice's number.
    pub invoice: String,
    /// The invoice file's SHA-256.
    pub sha256: String,
    /// The log entry that recorded it; `None` for an invoice earlier in this run, not recorded yet.
    pub event: Option<String>,
    pub amount: Decimal,
}

/// What is decided and approved, by item, payee and month.
#[derive(Clone, Debug)]
pub struct Book<'d> {
    pub(crate) contract: &'d Contract,
    pub(crate) decision: &'d Decision,
    payments: BTreeMap<(PartyId, Month), &'d Payment>,
    /// For each payee's month held back: the month its hold is released in, if it is.
    released: BTreeMap<(PartyId, Month), Month>,
    approved: BTreeMap<Key, Vec<Earlier>>,
}

impl<'d> Book<'d> {
    /// The book of `decision`, with what its log approved already.
    pub fn new(contract: &'d Contract, decision: &'d Decision) -> Book<'d> {
        let mut payments = BTreeMap::new();
        let mut released = BTreeMap::new();
        for payment in &decision.payments {
            payments.insert((payment.payee.clone(), payment.period), payment);
            for from in &payment.released_from {
                released.insert((payment.payee.clone(), *from), payment.period);
            }
        }
        let mut approved: BTreeMap<Key, Vec<Earlier>> = BTreeMap::new();
        for approval in &decision.approvals {
            approved
                .entry((
                    approval.item.clone(),
                    approval.payee.clone(),
                    approval.month,
                ))
                .or_default()
                .push(Earlier {
                    invoice: approval.invoice.clone(),
                    sha256: approval.sha256.clone(),
                    event: Some(approval.event.clone()),
                    amount: approval.amount,
                });
        }
        Book {
            contract,
            decision,
            payments,
            released,
            approved,
        }
    }

    /// The log's entries that approved the invoice file `sha256`, each once, in log order.
    pub(crate) fn recorded(&self, sha256: &str) -> Vec<String> {
        let mut entries: Vec<String> = Vec::new();
        for approval in self
            .decision
            .approvals
            .iter()
            .filter(|a| a.sha256 == sha256)
        {
            if !entries.contains(&approval.event) {
                entries.push(approval.event.clone());
            }
        }
        entries
    }

    /// The payee's payment for the month, if the decision has one.
    pub(crate) fn payment(&self, payee: &PartyId, month: Month) -> Option<&'d Payment> {
        self.payments.get(&(payee.clone(), month)).copied()
    }

    /// The lines the decision has for the item, payee and month, and their sum.
    pub(crate) fn decided(&self, key: &Key) -> (Decimal, Vec<&'d Line>) {
        let Some(payment) = self.payment(&key.1, key.2) else {
            return (Decimal::ZERO, Vec::new());
        };
        let lines: Vec<&Line> = payment.lines.iter().filter(|l| l.item == key.0).collect();
        let sum = lines
            .iter()
            .try_fold(Decimal::ZERO, |sum, l| sum.checked_add(l.amount))
            .unwrap_or(Decimal::MAX);
        (sum, lines)
    }

    /// Whether the payee's month is held back: `Some(None)` while it is, `Some(Some(m))` when it was and was
    /// released in month `m`, `None` when it never was.
    pub(crate) fn hold(&self, payee: &PartyId, month: Month) -> Option<Option<Month>> {
        let payment = self.payment(payee, month)?;
        if payment.withheld.is_zero() {
            return None;
        }
        Some(self.released.get(&(payee.clone(), month)).copied())
    }

    /// The approvals of the item, payee and month made before, except those the log recorded for the invoice file
    /// `sha256` itself (so that an invoice approved already is judged again as it was). Approvals earlier in the
    /// run count even for the same file: a file given twice is approved once.
    pub(crate) fn earlier(&self, key: &Key, sha256: &str) -> Vec<&Earlier> {
        self.approved
            .get(key)
            .map(|all| {
                all.iter()
                    .filter(|e| e.event.is_none() || e.sha256 != sha256)
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The sum of [`Book::earlier`].
    pub(crate) fn earlier_sum(&self, key: &Key, sha256: &str) -> Decimal {
        self.earlier(key, sha256)
            .iter()
            .try_fold(Decimal::ZERO, |sum, e| sum.checked_add(e.amount))
            .unwrap_or(Decimal::MAX)
    }

    /// Notes an approval, so that later lines and invoices see it.
    pub(crate) fn record(&mut self, key: Key, earlier: Earlier) {
        self.approved.entry(key).or_default().push(earlier);
    }
}
