//! Acts of several signatories (spec 9.10): signing, termination and amendments, done on the date of the last
//! signature and pending until then.

use chrono::NaiveDate;

use cvl_check::model::PartyId;

use crate::state::State;
use crate::{Act, ActKind};

/// The acts that take every named signatory: signing, then termination and amendments once anyone has signed
/// them. A pending termination or amendment adds a warning, since it has no effect yet; a done amendment is
/// applied from its effective day (spec 9.13).
pub(super) fn acts(state: &State<'_>, warnings: &mut Vec<crate::Said>) -> Vec<Act> {
    let contract = state.contract;
    let act = |kind,
               subject,
               signatories: &[PartyId],
               signed: &dyn Fn(&PartyId) -> Option<(NaiveDate, String)>| {
        let mut act = Act {
            kind,
            subject,
            signed: Vec::new(),
            missing: Vec::new(),
            done: None,
        };
        for party in signatories {
            match signed(party) {
                Some((date, event)) => act.signed.push((party.clone(), date, event)),
                None => act.missing.push(party.clone()),
            }
        }
        if act.missing.is_empty() {
            act.done = act.signed.iter().map(|(_, date, _)| *date).max();
        }
        act
    };
    let mut acts = vec![act(ActKind::Signing, None, &contract.signatories, &|p| {
        state.signatures.get(p).map(|s| (s.date, s.event.clone()))
    })];
    // The termination clause is the version's in force on the last termination signature's date (spec 9.13), as
    // state.rs applied it.
    let latest = state.termination.values().map(|(s, _)| s.date).max();
    let clause = latest.and_then(|day| state.text_on(day).termination.as_ref());
    if let Some(termination) = clause
        && let Some((_, effective)) = state.termination.values().next()
    {
        // By one party alone (spec 4.12), the act is that party's: it is done on its date.
        let alone: Vec<PartyId> = state.termination.keys().cloned().collect();
        let done = act(
            ActKind::Termination,
            Some(format!("effective {effective}")),
            if termination.alone {
                &alone
            } else {
                &termination.signatories
            },
            &|p| {
                state
                    .termination
                    .get(p)
                    .map(|(s, _)| (s.date, s.event.clone()))
            },
        );
        if !done.missing.is_empty() {
            warnings.push(crate::Said::new(cvl_syntax::text!(
                "eval-warn-termination-unsigned",
                effective = effective.to_string(),
                parties = crate::state::names_text(&done.missing)
            )));
        }
        acts.push(done);
    }
    for amendment in &state.amendments {
        let done = act(
            ActKind::Amendment,
            Some(amendment.contract.clone()),
            &contract.signatories,
            &|p| {
                amendment
                    .signatures
                    .get(p)
                    .map(|s| (s.date, s.event.clone()))
            },
        );
        if done.done.is_none() {
            warnings.push(crate::Said::new(cvl_syntax::text!(
                "eval-warn-amendment-unsigned",
                sha256 = amendment.contract.to_string(),
                effective = amendment.effective.to_string(),
                parties = crate::state::names_text(&done.missing)
            )));
        }
        acts.push(done);
    }
    acts
}
