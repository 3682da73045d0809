//! One case decided (spec 14.2): its log verified entry by entry as `cvl eval --log` verifies it, and in the same
//! pass folded twice: once as of the portfolio's date (what is decided, withheld, released, approved, paid and
//! outstanding, by cvl-dispute's reconciliation), and once as of the forecast's last day with only the events up to
//! the portfolio's date (what the municipality is committed to under the terms in force and no new events).

use std::collections::BTreeMap;
use std::fs::File;
use std::io::BufReader;
use std::path::PathBuf;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use cvl_check::model::{Contract, PartyId};
use cvl_eval::{Binding, Decision, Fold, Month, Version, Versions};

use crate::folder::{Folder, Loaded};
use crate::{Figures, Measures, Payee};

/// What to decide a case as of.
#[derive(Clone, Copy, Debug)]
pub struct Dates {
    pub as_of: NaiveDate,
    /// The last month forecast.
    pub last: Month,
    /// The last month decided ahead: the last forecast, or the month after the date's when that is later (the
    /// supplements that lapse are told by it).
    pub ahead: Month,
}

/// Reads, verifies and decides the case folder `path` (shown as `shown`): its figures, or why it is left out; and
/// what evaluation warned of, each warning once.
pub fn decide(
    path: &std::path::Path,
    shown: &str,
    libs: &[PathBuf],
    dates: Dates,
) -> (Result<Figures, String>, Vec<String>) {
    let decided = crate::folder::read(path, shown, libs).and_then(|folder| {
        let (now, ahead, entries, head) = fold(&folder, dates)?;
        Ok((folder, now, ahead, entries, head))
    });
    match decided {
        Err(reason) => (Err(reason), Vec::new()),
        Ok((folder, now, ahead, entries, head)) => {
            // As `cvl eval` warns, as of the date or at the forecast's end: that nothing is decided past the
            // contract's reach (100 years from its start, spec 9.3), so that no month is silently empty.
            let past_reach = now
                .warnings
                .iter()
                .chain(&ahead.warnings)
                .filter(|w| w.starts_with("nothing is decided after"));
            let mut warnings: Vec<String> = Vec::new();
            for warning in past_reach {
                if !warnings.iter().any(|w| w == warning.as_str()) {
                    warnings.push(warning.to_string());
                }
            }
            (
                Ok(figures(&folder, &now, &ahead, entries, head, dates)),
                warnings,
            )
        }
    }
}

fn versions<'a>(folder: &'a Folder) -> Versions<'a> {
    Versions {
        file: &folder.contract.name,
        sha256: &folder.contract.sha256_hex,
        amended: folder
            .amended
            .iter()
            .map(|l| Version {
                contract: &l.contract,
                file: &l.name,
                sha256: &l.sha256_hex,
            })
            .collect(),
    }
}

fn binding(loaded: &Loaded) -> Binding<'_> {
    Binding {
        contract_sha256: Some(&loaded.sha256_hex),
        sources: &loaded.files,
        signed_log: true,
    }
}

/// Verifies the log and folds its events: every event into the fold as of the portfolio's date, and those dated
/// up to it into the fold as of the forecast's last day. The first refusal, of an entry or of a decision, is the
/// case's reason.
fn fold(folder: &Folder, dates: Dates) -> Result<(Decision, Decision, u64, String), String> {
    let contract = &folder.contract;
    let log = &folder.log_name;
    let file = File::open(&folder.log)
        .map_err(|e| format!("cannot read `{log}`: {}", cvl_check::loader::io_message(&e)))?;
    let keys = contract
        .contract
        .parties
        .iter()
        .map(|p| {
            let key = p
                .key
                .as_deref()
                .and_then(|k| cvl_log::PublicKey::parse(k).ok());
            (p.id.0.clone(), key)
        })
        .collect();
    let mut verifier = cvl_log::Verifier::new(
        BufReader::with_capacity(1 << 16, file),
        contract.sha256,
        keys,
    )
    .with_sources(contract.files.clone());
    let mut now = Fold::new(&contract.contract, binding(contract), Some(dates.as_of))
        .with_versions(versions(folder));
    let mut ahead = Fold::new(
        &contract.contract,
        binding(contract),
        Some(dates.ahead.last_day()),
    )
    .with_versions(versions(folder));
    let refused = |refusal: cvl_event::Refusal| {
        // As `cvl eval` advises `--version FILE`: here an amended text is found in the case folder.
        let help = if refusal.kind == cvl_event::RefusalKind::Amendment
            && refusal.reason.contains("no text given")
        {
            "; put the amended text (a `.cvl` file) in the case folder"
        } else {
            ""
        };
        format!("`{log}` is refused: {refusal}{help}")
    };
    for event in verifier.by_ref() {
        let event = event.map_err(refused)?;
        now.apply(&event).map_err(refused)?;
        if event.at.date <= dates.as_of {
            ahead.apply(&event).map_err(refused)?;
        }
    }
    let undecidable =
        |refusal: cvl_event::Refusal| format!("the decision cannot be made: {refusal}");
    let decided_now = now.decide().map_err(undecidable)?;
    let decided_ahead = ahead.decide().map_err(undecidable)?;
    let tail = verifier.tail();
    Ok((
        decided_now,
        decided_ahead,
        tail.entries,
        cvl_log::hex(&tail.digest),
    ))
}

/// A payee as the portfolio names it across contracts: by its CVR number when the contract gives one, else by
/// its title (or its name in the contract).
fn payee(contract: &Contract, id: &PartyId) -> Payee {
    let party = contract.party(id);
    let name = party
        .and_then(|p| p.title.clone())
        .unwrap_or_else(|| id.0.clone());
    let cvr = party.and_then(|p| p.cvr.clone());
    Payee {
        key: cvr
            .as_ref()
            .map_or_else(|| format!("name:{name}"), |c| format!("cvr:{c}")),
        name,
        cvr,
    }
}

fn figures(
    folder: &Folder,
    now: &Decision,
    ahead: &Decision,
    entries: u64,
    head: String,
    dates: Dates,
) -> Figures {
    let contract = &folder.contract.contract;
    let current = Month::of(dates.as_of);
    let mut payees: Vec<PartyId> = Vec::new();
    let mut index = |id: &PartyId| match payees.iter().position(|p| p == id) {
        Some(i) => i,
        None => {
            payees.push(id.clone());
            payees.len() - 1
        }
    };
    let mut rows: BTreeMap<(Month, usize), Measures> = BTreeMap::new();
    for payment in &now.payments {
        let m = rows
            .entry((payment.period, index(&payment.payee)))
            .or_default();
        m.decided += payment.total;
        m.withheld += payment.withheld;
        m.released += payment.released;
        m.approved += payment.approved;
    }
    let as_of = cvl_dispute::as_of(now, Some(dates.as_of));
    if let Some(as_of) = as_of
        && let Ok(reconciled) =
            cvl_dispute::reconcile(contract, now, as_of, cvl_dispute::Basis::None)
    {
        for account in &reconciled.payees {
            let i = index(&account.payee);
            for month in &account.months {
                let m = rows.entry((month.month, i)).or_default();
                m.paid += month.paid;
                m.outstanding += month.outstanding;
                m.not_yet_due += month.not_yet_due;
                m.overpaid += month.overpaid;
            }
        }
    }
    for payment in ahead
        .payments
        .iter()
        .filter(|p| p.period >= current && p.period <= dates.last)
    {
        let lines: Decimal = payment.lines.iter().map(|l| l.amount).sum();
        rows.entry((payment.period, index(&payment.payee)))
            .or_default()
            .committed += lines;
    }
    let payees = payees.iter().map(|id| payee(contract, id)).collect();
    let next = current.next();
    let paid_in = |month: Month, id: &cvl_check::model::TermId| {
        ahead
            .payments
            .iter()
            .filter(|p| p.period == month)
            .any(|p| p.lines.iter().any(|l| &l.item == id && !l.amount.is_zero()))
    };
    let lapsing = contract
        .items
        .iter()
        .filter(|i| i.kind == cvl_check::model::ItemKind::Supplement)
        .filter(|i| paid_in(current, &i.id) && !paid_in(next, &i.id))
        .map(|i| i.id.0.clone())
        .collect();
    let missed = now
        .obligations
        .iter()
        .filter(|o| o.status == cvl_eval::Status::Missed && Month::of(o.due) == current)
        .map(|o| (o.kind.0.clone(), o.party.0.clone(), o.due))
        .collect();
    Figures {
        contract: folder.contract.name.clone(),
        sha256: folder.contract.sha256_hex.clone(),
        amended: folder.amended.iter().map(|l| l.name.clone()).collect(),
        case_ref: contract.case_ref.clone(),
        currency: contract.currency().unwrap_or_default().to_string(),
        entries,
        head,
        payees,
        lapsing,
        missed,
        rows: rows
            .into_iter()
            .map(|((month, payee), measures)| crate::Row {
                month,
                payee,
                measures,
            })
            .collect(),
    }
}
