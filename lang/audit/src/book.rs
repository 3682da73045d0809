//! The book an audit keeps: for each item, payee and month, what the contract decides (the evaluation's lines), what
//! has been approved against it already (the log's `invoice_approved` entries and the invoices audited before in
//! the same run), and whether the payee's month is held back for a missed obligation (spec 12.4).
//!
//! What is left to approve is what is decided less what is approved, never below nothing: so however many invoices
//! claim one item's month, their approvals together never come to more than the decision. What the log recorded for
//! an invoice is kept by its file, line and item too ([`Book::recorded_for`]): re-audited, an invoice keeps what was
//! recorded for it, and only what is left on its lines is judged again (spec 12.7).

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
    /// For each payee, the first and last month the decision pays: no month outside is ever looked at one by one,
    /// so that a line's period, however long, costs no more than the contract's months.
    spans: BTreeMap<PartyId, (Month, Month)>,
    approved: BTreeMap<Key, Tally>,
    /// The same, by item and payee over all months.
    by_item: BTreeMap<(TermId, PartyId), Tally>,
    /// The invoice files (by SHA-256) audited so far in the run.
    seen: std::collections::BTreeSet<String>,
    /// What the log recorded, by invoice file, line id and item: each month's amount and the entries, in log order.
    own: BTreeMap<(String, String, TermId), Vec<Recorded>>,
}

/// What the log recorded for one line of an invoice, for one month of one item.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Recorded {
    pub month: Month,
    pub amount: Decimal,
    /// The entries that recorded it, in log order.
    pub events: Vec<String>,
}

impl<'d> Book<'d> {
    /// The book of `decision`, with what its log approved already.
    pub fn new(contract: &'d Contract, decision: &'d Decision) -> Book<'d> {
        let mut payments = BTreeMap::new();
        let mut released = BTreeMap::new();
        let mut spans: BTreeMap<PartyId, (Month, Month)> = BTreeMap::new();
        for payment in &decision.payments {
            spans
                .entry(payment.payee.clone())
                .and_modify(|(first, last)| {
                    *first = (*first).min(payment.period);
                    *last = (*last).max(payment.period);
                })
                .or_insert((payment.period, payment.period));
            payments.insert((payment.payee.clone(), payment.period), payment);
            for from in &payment.released_from {
                released.insert((payment.payee.clone(), *from), payment.period);
            }
        }
        let mut book = Book {
            contract,
            decision,
            payments,
            released,
            spans,
            approved: BTreeMap::new(),
            by_item: BTreeMap::new(),
            seen: std::collections::BTreeSet::new(),
            own: BTreeMap::new(),
        };
        for approval in &decision.approvals {
            let months = book
                .own
                .entry((
                    approval.sha256.clone(),
                    approval.line.clone(),
                    approval.item.clone(),
                ))
                .or_default();
            match months.iter_mut().find(|r| r.month == approval.month) {
                Some(recorded) => {
                    recorded.amount = recorded.amount.saturating_add(approval.amount);
                    if !recorded.events.contains(&approval.event) {
                        recorded.events.push(approval.event.clone());
                    }
                }
                None => months.push(Recorded {
                    month: approval.month,
                    amount: approval.amount,
                    events: vec![approval.event.clone()],
                }),
            }
            book.record(
                (
                    approval.item.clone(),
                    approval.payee.clone(),
                    approval.month,
                ),
                Earlier {
                    invoice: approval.invoice.clone(),
                    sha256: approval.sha256.clone(),
                    event: Some(approval.event.clone()),
                    amount: approval.amount,
                },
            );
        }
        book
    }

    /// Notes that the invoice file `sha256` is audited; whether it is the first time in the run.
    pub(crate) fn first_time(&mut self, sha256: &str) -> bool {
        self.seen.insert(sha256.to_string())
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

    /// What the log recorded for line `line` of the invoice file `sha256` and the item, month by month in month
    /// order; nothing when `sha256` is empty (a copy of a file audited before in the run).
    pub(crate) fn recorded_for(&self, sha256: &str, line: &str, item: &TermId) -> Vec<Recorded> {
        if sha256.is_empty() {
            return Vec::new();
        }
        let mut months = self
            .own
            .get(&(sha256.to_string(), line.to_string(), item.clone()))
            .cloned()
            .unwrap_or_default();
        months.sort_by_key(|r| r.month);
        months
    }

    /// Everything approved of the item, payee and month so far: the log's entries (the invoice's own included) and
    /// the invoices before in the run.
    pub(crate) fn total(&self, key: &Key) -> Decimal {
        self.approved.get(key).map_or(Decimal::ZERO, |t| t.total)
    }

    /// What the log recorded of the item, payee and month for the invoice file `sha256`, over all its lines.
    pub(crate) fn own(&self, key: &Key, sha256: &str) -> Decimal {
        self.approved
            .get(key)
            .map_or(Decimal::ZERO, |t| t.own(sha256))
    }

    /// The same over every month of the item and payee.
    pub(crate) fn own_of_item(&self, item: &TermId, payee: &PartyId, sha256: &str) -> Decimal {
        self.by_item
            .get(&(item.clone(), payee.clone()))
            .map_or(Decimal::ZERO, |t| t.own(sha256))
    }

    /// The months of the item and payee with anything approved, and what is, in month order.
    pub(crate) fn months_of_item(&self, item: &TermId, payee: &PartyId) -> Vec<(Month, Decimal)> {
        self.approved
            .iter()
            .filter(|((i, p, _), _)| i == item && p == payee)
            .map(|((_, _, month), tally)| (*month, tally.total))
            .collect()
    }

    /// The first and last month the decision pays the payee for, if any.
    pub(crate) fn span(&self, payee: &PartyId) -> Option<(Month, Month)> {
        self.spans.get(payee).copied()
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
    pub(crate) fn earlier(&self, key: &Key, sha256: &str) -> Earliers<'_> {
        self.approved
            .get(key)
            .map_or_else(Earliers::default, |tally| tally.except(sha256))
    }

    /// The same for every month of the item and payee: what a reimbursed item's earlier invoices were approved for.
    pub(crate) fn earlier_of_item(
        &self,
        item: &TermId,
        payee: &PartyId,
        sha256: &str,
    ) -> Earliers<'_> {
        self.by_item
            .get(&(item.clone(), payee.clone()))
            .map_or_else(Earliers::default, |tally| tally.except(sha256))
    }

    /// Notes an approval, so that later lines and invoices see it.
    pub(crate) fn record(&mut self, key: Key, earlier: Earlier) {
        self.by_item
            .entry((key.0.clone(), key.1.clone()))
            .or_default()
            .add(earlier.clone());
        self.approved.entry(key).or_default().add(earlier);
    }
}

impl Book<'_> {
    /// Takes back what [`Book::record`] noted for an invoice of the run that turns out not to be approvable (a
    /// problem of the document: spec 12.5), so that the invoices after it are judged as if it had not been given.
    pub(crate) fn withdraw(&mut self, key: &Key, earlier: &Earlier) {
        if let Some(tally) = self.by_item.get_mut(&(key.0.clone(), key.1.clone())) {
            tally.remove(earlier);
        }
        if let Some(tally) = self.approved.get_mut(key) {
            tally.remove(earlier);
        }
    }
}

/// How many approvals a reason names; the others are counted.
const NAMED: usize = 3;

/// The approvals of one item, payee and month (or of one item and payee), kept as running sums so that however
/// many lines claim it, each is judged in constant time: their total, the log's by invoice file, and the first few
/// to name in a reason.
#[derive(Clone, Debug, Default)]
pub(crate) struct Tally {
    total: Decimal,
    count: usize,
    /// By invoice file: what the log's entries approved of it, and how many approvals.
    logged: BTreeMap<String, (Decimal, usize)>,
    named: Vec<Earlier>,
}

impl Tally {
    fn add(&mut self, earlier: Earlier) {
        self.total = self.total.saturating_add(earlier.amount);
        self.count += 1;
        if earlier.event.is_some() {
            let logged = self.logged.entry(earlier.sha256.clone()).or_default();
            logged.0 = logged.0.saturating_add(earlier.amount);
            logged.1 += 1;
        }
        if self.named.len() < NAMED {
            self.named.push(earlier);
        }
    }

    /// Takes back one approval [`Tally::add`] counted, one made in the run (a log's entry is never taken back).
    fn remove(&mut self, earlier: &Earlier) {
        if earlier.event.is_some() {
            return;
        }
        self.total = self.total.saturating_sub(earlier.amount);
        self.count = self.count.saturating_sub(1);
        if let Some(at) = self.named.iter().position(|n| n == earlier) {
            self.named.remove(at);
        }
    }

    /// What the log approved of the file `sha256`.
    fn own(&self, sha256: &str) -> Decimal {
        self.logged.get(sha256).map_or(Decimal::ZERO, |l| l.0)
    }

    /// All but what the log approved of the file `sha256`.
    fn except(&self, sha256: &str) -> Earliers<'_> {
        let (own, own_count) = self.logged.get(sha256).copied().unwrap_or_default();
        let shown: Vec<&Earlier> = self
            .named
            .iter()
            .filter(|e| e.event.is_none() || e.sha256 != sha256)
            .collect();
        let count = self.count.saturating_sub(own_count);
        Earliers {
            sum: self.total.saturating_sub(own),
            more: count.saturating_sub(shown.len()),
            shown,
        }
    }
}

/// Approvals made before: their sum, the first few, and how many more there are.
#[derive(Clone, Debug, Default)]
pub(crate) struct Earliers<'a> {
    pub sum: Decimal,
    pub shown: Vec<&'a Earlier>,
    pub more: usize,
}

impl Earliers<'_> {
    pub(crate) fn is_empty(&self) -> bool {
        self.shown.is_empty() && self.more == 0
    }
}

/// The approvals before as a reason names them: `60,000.00 on invoice `OV-3``, the first few, and how many more.
pub(crate) fn named(earlier: &Earliers<'_>) -> String {
    let mut on: Vec<String> = earlier
        .shown
        .iter()
        .map(|e| format!("{} on invoice `{}`", crate::money(e.amount), e.invoice))
        .collect();
    if earlier.more > 0 {
        on.push(format!("and {} more", earlier.more));
    }
    on.join(", ")
}
