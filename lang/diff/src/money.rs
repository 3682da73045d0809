//! What deciding the events under the new text instead of the old would pay (spec 8.10): per payee and month, the
//! old and the new total and their difference, for the months that differ; per payee and in all, the sums.
//!
//! When the events amend the contract to the new text (`amended` events naming its SHA-256), the new decision
//! applies it from its effective day, as `cvl eval --version` would, and the old one leaves the amendment out;
//! otherwise the new text decides in the old one's stead every day the old one is in force. The other amendments
//! the events hold are applied in their own days under both, by the texts the caller gives. Both texts pay in one
//! currency, the same ([`NotCompared::Currencies`] otherwise): amounts in two are never set against each other.
//! Payees are listed in the old text's order, then the new one's new ones.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use cvl_check::model::{Contract, PartyId};
use cvl_eval::{Binding, Decision, Month, Version, Versions, evaluate_versions};
use cvl_event::{Event, Refusal};

/// One payee's month whose total the new text changes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Difference {
    pub payee: PartyId,
    pub month: Month,
    pub old: Decimal,
    pub new: Decimal,
    /// `new - old`.
    pub difference: Decimal,
}

/// A payee's differences added up.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PayeeTotal {
    pub payee: PartyId,
    pub difference: Decimal,
}

/// The money the new text changes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Money {
    /// The effective day of the amendment to the new text, when the events have one that is done.
    pub effective: Option<NaiveDate>,
    /// The `amended` events that amend the contract to the new text, in the order of the events.
    pub amended_by: Vec<String>,
    /// Payees in the order of spec 8.10 (those the old text pays, in its order, then those only the new one pays),
    /// months in order.
    pub months: Vec<Difference>,
    pub payees: Vec<PayeeTotal>,
    pub total: Decimal,
}

/// The `amended` events of `events` that name `sha256`, and the effective day they name.
fn amendment(events: &[Event], sha256: &str) -> (Vec<String>, Option<NaiveDate>) {
    let mut ids = Vec::new();
    let mut effective = None;
    for event in events.iter().filter(|e| e.kind == "amended") {
        if event.text("contract").is_ok_and(|h| h == sha256) {
            ids.push(event.id.clone());
            effective = effective.or(event.date("effective").ok());
        }
    }
    (ids, effective)
}

/// Decides `events` under `old` and under `new` (with `new_file` and `new_sha256` for the lines to cite), as of
/// `until`, and sets the months against each other; `others` are the texts of the other amendments the events hold
/// (spec 8.10), each applied in its own days under both. When the events amend the contract to `new`, the old
/// decision leaves that amendment out and the new one applies it from its effective day; otherwise the new
/// decision is the same events with `new` in `old`'s stead for the days `old` is in force (those no other
/// amendment holds). An event that fits neither decision is refused, as is an amendment done whose text is not
/// among `others`.
pub fn money(
    old: &Contract,
    new: &Contract,
    (new_file, new_sha256): (&str, &str),
    others: &[Version<'_>],
    events: &[Event],
    until: Option<NaiveDate>,
) -> Result<Money, NotCompared> {
    // Money in two currencies is never set against each other (spec 2.6): each text pays in one (E0056), so the
    // two must pay in the same. An amendment to a text in another currency is refused by evaluation alike.
    if let (Some(was), Some(is)) = (old.currency(), new.currency())
        && was != is
    {
        return Err(NotCompared::Currencies {
            old: was.to_string(),
            new: is.to_string(),
        });
    }
    let (amended_by, effective) = amendment(events, new_sha256);
    let stream = |skip: bool| -> Vec<Result<Event, Refusal>> {
        events
            .iter()
            .filter(|e| !(skip && amended_by.contains(&e.id) && e.kind == "amended"))
            .cloned()
            .map(Ok)
            .collect()
    };
    let texts = |with_new: bool| Versions {
        file: "",
        sha256: "",
        amended: others
            .iter()
            .copied()
            .filter(|v| v.sha256 != new_sha256)
            .chain(with_new.then_some(Version {
                contract: new,
                file: new_file,
                sha256: new_sha256,
            }))
            .collect(),
    };
    let before = evaluate_versions(old, Binding::default(), texts(false), stream(true), until)
        .map_err(NotCompared::Refused)?;
    let after = if amended_by.is_empty() {
        evaluate_versions(new, Binding::default(), texts(false), stream(false), until)
    } else {
        evaluate_versions(old, Binding::default(), texts(true), stream(false), until)
    }
    .map_err(NotCompared::Refused)?;
    // The amendment to the new text is done when every signatory has signed it (its act, 9.10).
    let done = after.acts.iter().any(|act| {
        act.kind == cvl_eval::ActKind::Amendment
            && act.subject.as_deref() == Some(new_sha256)
            && act.done.is_some()
    });
    let mut money = differences(old, new, &before, &after);
    money.amended_by = amended_by;
    money.effective = effective.filter(|_| done);
    Ok(money)
}

/// Why the money of two texts is not compared.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NotCompared {
    /// An event fits neither decision, or an amendment done has no text given.
    Refused(Refusal),
    /// The two texts pay in two currencies: `old`'s and `new`'s.
    Currencies { old: String, new: String },
}

impl std::fmt::Display for NotCompared {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NotCompared::Refused(refusal) => refusal.fmt(f),
            NotCompared::Currencies { old, new } => write!(
                f,
                "the old text pays in `{old}` and the new one in `{new}`: money in two currencies is never compared"
            ),
        }
    }
}

/// The payees in the order spec 8.10 lists them: those `old` pays (by its items and supplements, in their order),
/// then those only `new` pays, in its order.
fn payee_order(old: &Contract, new: &Contract) -> Vec<PartyId> {
    let mut order: Vec<PartyId> = Vec::new();
    for payee in old
        .items
        .iter()
        .chain(&new.items)
        .filter_map(|i| i.payee.as_ref())
    {
        if !order.contains(payee) {
            order.push(payee.clone());
        }
    }
    order
}

/// Each payee's month whose total differs, and the sums; payees in [`payee_order`], then any other by name.
pub(crate) fn differences(
    old: &Contract,
    new: &Contract,
    before: &Decision,
    after: &Decision,
) -> Money {
    let order = payee_order(old, new);
    let totals = |d: &Decision| -> BTreeMap<(usize, PartyId, Month), Decimal> {
        d.payments
            .iter()
            .map(|p| {
                let at = order
                    .iter()
                    .position(|x| *x == p.payee)
                    .unwrap_or(usize::MAX);
                ((at, p.payee.clone(), p.period), p.total)
            })
            .collect()
    };
    let (a, b) = (totals(before), totals(after));
    let mut keys: Vec<&(usize, PartyId, Month)> = a.keys().chain(b.keys()).collect();
    keys.sort();
    keys.dedup();
    let mut months = Vec::new();
    let mut payees: Vec<PayeeTotal> = Vec::new();
    let mut total = Decimal::ZERO;
    for key in keys {
        let old = a.get(key).copied().unwrap_or(Decimal::ZERO);
        let new = b.get(key).copied().unwrap_or(Decimal::ZERO);
        if old == new {
            continue;
        }
        // Each total is within the limits of spec 7, so their difference and sums fit the decimal type.
        let difference = new.saturating_sub(old);
        total = total.saturating_add(difference);
        match payees.iter_mut().find(|p| p.payee == key.1) {
            Some(p) => p.difference = p.difference.saturating_add(difference),
            None => payees.push(PayeeTotal {
                payee: key.1.clone(),
                difference,
            }),
        }
        months.push(Difference {
            payee: key.1.clone(),
            month: key.2,
            old,
            new,
            difference,
        });
    }
    Money {
        effective: None,
        amended_by: Vec::new(),
        months,
        payees,
        total,
    }
}
