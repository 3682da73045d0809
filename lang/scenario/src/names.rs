//! The names a scenario uses, checked against its contract before anything is run (and by the language server as
//! the negotiator types): each payee, item and obligation the contract has, each month and due date within the
//! contract's period, and each event on its own as the evaluator admits it (its actor, its kind, its data: the
//! evaluator's own `admit`, so that the words are the ones `cvl eval` would refuse it with).

use cvl_check::model::{Contract, End, ItemKind, Start};
use cvl_eval::Month;

use crate::ast::{File, Named, PayeeMonth, Scenario, What};
use crate::diag::{Code, Diag};
use crate::load::Loaded;
use crate::run::event;

/// The problems of `file`'s names against the contract.
pub fn check(file: &File, loaded: &Loaded) -> Vec<Diag> {
    let mut diags = Vec::new();
    for scenario in &file.scenarios {
        check_scenario(scenario, loaded, &mut diags);
    }
    diags.sort_by_key(|d| (d.span.start, d.span.end));
    diags
}

fn check_scenario(scenario: &Scenario, loaded: &Loaded, diags: &mut Vec<Diag>) {
    let contract = &loaded.contract;
    let expects_refusal = scenario
        .expects
        .iter()
        .any(|e| matches!(e.what, What::Refused { .. }));
    // An event the scenario means to be refused is not reported here: the run shows whether it is.
    if !expects_refusal {
        let binding = loaded.binding(scenario.base.as_ref().is_some_and(|b| b.signed));
        for line in &scenario.events {
            if let Err(refusal) = cvl_eval::admit(contract, binding, &event(line)) {
                diags.push(
                    Diag::new(
                        Code::S0011,
                        line.span.clone(),
                        format!("the event does not fit the contract: {}", refusal.reason),
                    )
                    .help("if the scenario shows that such an event is refused, say so: `refused \"WORDS\"`"),
                );
            }
        }
    }
    for expect in &scenario.expects {
        match &expect.what {
            What::Total { at, .. }
            | What::Withheld { at, .. }
            | What::Released { at, .. }
            | What::Flagged { at, .. } => {
                payee_month(contract, at, diags);
            }
            What::Line { at, item, .. } => {
                if payee_month(contract, at, diags) {
                    line_item(contract, at, item, diags);
                }
            }
            What::Status {
                obligation,
                due,
                due_span,
                ..
            } => {
                let known = contract
                    .obligations
                    .iter()
                    .any(|o| o.id.0 == obligation.text)
                    || contract
                        .items
                        .iter()
                        .any(|i| i.id.0 == obligation.text && !i.review_by.is_empty());
                if !known {
                    let mut names: Vec<String> = contract
                        .obligations
                        .iter()
                        .map(|o| format!("`{}`", o.id.0))
                        .collect();
                    names.extend(
                        contract
                            .items
                            .iter()
                            .filter(|i| !i.review_by.is_empty())
                            .map(|i| format!("`{}` (its review)", i.id.0)),
                    );
                    diags.push(unknown(obligation, "an obligation", &names));
                } else if let Some(start) = first_day(contract)
                    && *due < start
                {
                    diags.push(
                        Diag::new(
                            Code::S0010,
                            due_span.clone(),
                            format!("`{due}` is before the contract starts on {start}"),
                        )
                        .help("nothing falls due before the contract starts"),
                    );
                }
            }
            What::Refused { .. } => {}
        }
    }
}

/// Checks the payee and the month; whether the payee is one.
fn payee_month(contract: &Contract, at: &PayeeMonth, diags: &mut Vec<Diag>) -> bool {
    let payees: Vec<String> = payees(contract);
    if !payees.iter().any(|p| p.trim_matches('`') == at.payee.text) {
        let what = if contract.parties.iter().any(|p| p.id.0 == at.payee.text) {
            Diag::new(
                Code::S0009,
                at.payee.span.clone(),
                format!("no item of the contract pays `{}`", at.payee.text),
            )
            .help(format!("the contract pays {}", list(&payees)))
        } else {
            unknown(&at.payee, "a payee", &payees)
        };
        diags.push(what);
        return false;
    }
    let (first, last) = (
        first_day(contract).map(Month::of),
        last_day(contract).map(Month::of),
    );
    let before = first.is_some_and(|f| at.month < f);
    let after = last.is_some_and(|l| at.month > l);
    if before || after {
        let period = match (first, last) {
            (Some(f), Some(l)) => format!("from {f} to {l}"),
            (Some(f), None) => format!("from {f}"),
            (None, Some(l)) => format!("until {l}"),
            (None, None) => String::new(),
        };
        diags.push(
            Diag::new(
                Code::S0010,
                at.month_span.clone(),
                format!("{} is outside the contract, which runs {period}", at.month),
            )
            .help("name a month of the contract's period"),
        );
    }
    true
}

fn line_item(contract: &Contract, at: &PayeeMonth, item: &Named, diags: &mut Vec<Diag>) {
    let pays: Vec<String> = contract
        .items
        .iter()
        .filter(|i| i.payee.as_ref().is_some_and(|p| p.0 == at.payee.text))
        .map(|i| format!("`{}`", i.id.0))
        .collect();
    if pays.iter().any(|i| i.trim_matches('`') == item.text) {
        return;
    }
    if contract.items.iter().any(|i| i.id.0 == item.text) {
        diags.push(
            Diag::new(
                Code::S0009,
                item.span.clone(),
                format!("`{}` does not pay `{}`", item.text, at.payee.text),
            )
            .help(format!("`{}` is paid by {}", at.payee.text, list(&pays))),
        );
    } else {
        let what = if contract
            .items
            .iter()
            .any(|i| i.kind == ItemKind::Supplement)
        {
            "an item or supplement"
        } else {
            "an item"
        };
        diags.push(unknown(item, what, &pays));
    }
}

fn payees(contract: &Contract) -> Vec<String> {
    contract
        .parties
        .iter()
        .filter(|p| {
            contract
                .items
                .iter()
                .any(|i| i.payee.as_ref() == Some(&p.id))
        })
        .map(|p| format!("`{}`", p.id.0))
        .collect()
}

fn unknown(name: &Named, what: &str, known: &[String]) -> Diag {
    Diag::new(
        Code::S0009,
        name.span.clone(),
        format!("`{}` is not {what} of the contract", name.text),
    )
    .help(if known.is_empty() {
        format!("the contract has no {what}")
    } else {
        format!("the contract has {}", list(known))
    })
}

fn list(names: &[String]) -> String {
    match names.split_last() {
        None => "none".to_string(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
    }
}

/// The contract's first day, when its text fixes it.
fn first_day(contract: &Contract) -> Option<chrono::NaiveDate> {
    match contract.start {
        Some(Start::On(date)) => Some(date),
        _ => None,
    }
}

/// The contract's last day, when its text fixes it (`ends on`).
fn last_day(contract: &Contract) -> Option<chrono::NaiveDate> {
    match contract.end {
        Some(End::On(date)) => Some(date),
        _ => None,
    }
}
