//! What a report is made from besides the decision, gathered once for every caller (`cvl report` from files, the
//! log service's page from its stored log): each entry again for citing ([`log_entries`], [`event_entries`]), what
//! was paid ([`paid`]) and the reconciliation `cvl eval` shows ([`reconcile`]). The callers only read their inputs
//! and print or serve the page: nothing here reads a file, a clock or a database.

use chrono::NaiveDate;

use cvl_check::model::{Contract, PartyId, Role};
use cvl_dispute::{Basis, NoRate, Rates, Reconciliation};
use cvl_eval::Decision;
use cvl_event::{Event, Refusal};

use crate::{EntryRef, Paid, PaymentMade};

/// One event as the report cites it, with its entry's SHA-256 (hex) in a signed log.
pub fn entry_ref(event: &Event, sha256: Option<String>) -> EntryRef {
    let about = ["supplement", "item"]
        .iter()
        .find_map(|k| event.text(k).ok())
        .map(str::to_string);
    EntryRef {
        id: event.id.clone(),
        seq: event.seq,
        date: event.at.date,
        kind: event.kind.clone(),
        actor: event.actor.clone(),
        about,
        sha256,
    }
}

/// Every entry of a signed log's bytes, each with its signer and its entry's SHA-256; the first entry that cannot
/// be read is refused.
pub fn log_entries(bytes: &[u8]) -> Result<Vec<EntryRef>, Refusal> {
    let mut found = Vec::new();
    for (i, line) in bytes.split(|b| *b == b'\n').enumerate() {
        if line.is_empty() {
            continue;
        }
        let text = String::from_utf8_lossy(line);
        let entry = cvl_log::Entry::read(i + 1, &text)?;
        found.push(entry_ref(&entry.event, Some(cvl_log::hex(&entry.digest))));
    }
    Ok(found)
}

/// Every event of an unsigned events file's bytes; the first that cannot be read is refused.
pub fn event_entries(bytes: &[u8]) -> Result<Vec<EntryRef>, Refusal> {
    cvl_event::Reader::new(bytes)
        .map(|event| event.map(|e| entry_ref(&e, None)))
        .collect()
}

/// What was paid and is owed, from the decision's `paid` events and its reconciliation (cvl-dispute), for the
/// section "Paid and outstanding": each payment's payer is the party that sent its event, or the contract's payer.
pub fn paid(
    contract: &Contract,
    decision: &Decision,
    reconciliation: Option<Reconciliation>,
    entries: &[EntryRef],
) -> Paid {
    let payer = |event: &str| {
        entries
            .iter()
            .find(|e| e.id == event)
            .map(|e| PartyId(e.actor.clone()))
            .or_else(|| {
                contract
                    .parties
                    .iter()
                    .find(|p| p.role == Some(Role::Payer))
                    .map(|p| p.id.clone())
            })
            .unwrap_or_else(|| PartyId(String::new()))
    };
    let payments = decision
        .payments_made
        .iter()
        .map(|p| PaymentMade {
            event: p.event.clone(),
            payer: payer(&p.event),
            payee: p.payee.clone(),
            date: p.date,
            amount: p.amount,
            reference: p.reference.clone(),
            months: p.months.clone(),
        })
        .collect();
    Paid {
        payments,
        reconciliation,
    }
}

/// The reconciliation `cvl eval` shows with a decision, as of `until` (or as the log stands), at the contract's own
/// rate, else the Interest Act's from `rates`: `None` when there is nothing to show (no payment made, no rate).
pub fn reconcile(
    contract: &Contract,
    decision: &Decision,
    until: Option<NaiveDate>,
    rates: Option<&Rates>,
) -> Result<Option<Reconciliation>, NoRate> {
    if decision.payments_made.is_empty() && rates.is_none() && contract.interest.is_none() {
        return Ok(None);
    }
    let basis = match (&contract.interest, rates) {
        (Some(own), _) => Basis::Contract(own.percent),
        (None, Some(rates)) => Basis::InterestAct(rates),
        (None, None) => Basis::None,
    };
    // As of `until`; without it, as the log stands; never past the evaluation's reach (cvl_dispute::as_of).
    let Some(as_of) = cvl_dispute::as_of(decision, until) else {
        return Ok(None);
    };
    cvl_dispute::reconcile(contract, decision, as_of, basis).map(Some)
}
