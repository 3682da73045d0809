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
use crate::words::{Lang, Word};
use cvl_messages::{Text, text};

/// The problems of `file`'s names against the contract.
pub fn check(file: &File, loaded: &Loaded) -> Vec<Diag> {
    let mut diags = Vec::new();
    for scenario in &file.scenarios {
        check_scenario(scenario, file.lang, loaded, &mut diags);
    }
    diags.sort_by_key(|d| (d.span.start, d.span.end));
    diags
}

fn check_scenario(scenario: &Scenario, lang: Lang, loaded: &Loaded, diags: &mut Vec<Diag>) {
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
                        text!("scenario-event-does-not-fit", reason = &refusal.reason),
                    )
                    .help(text!(
                        "scenario-event-does-not-fit-help",
                        refused = Word::Refused.spelled(lang)
                    )),
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
                    let mut names: Vec<Text> = contract
                        .obligations
                        .iter()
                        .map(|o| quoted(&o.id.0))
                        .collect();
                    names.extend(
                        contract
                            .items
                            .iter()
                            .filter(|i| !i.review_by.is_empty())
                            .map(|i| text!("scenario-its-review", item = &i.id.0)),
                    );
                    diags.push(unknown(obligation, "obligation", &names));
                } else if let Some(start) = first_day(contract)
                    && *due < start
                {
                    diags.push(
                        Diag::new(
                            Code::S0010,
                            due_span.clone(),
                            text!(
                                "scenario-before-start",
                                due = due.to_string(),
                                start = start.to_string()
                            ),
                        )
                        .help(text!("scenario-before-start-help")),
                    );
                }
            }
            What::Refused { .. } => {}
        }
    }
}

/// Checks the payee and the month; whether the payee is one.
fn payee_month(contract: &Contract, at: &PayeeMonth, diags: &mut Vec<Diag>) -> bool {
    let payees: Vec<&str> = payees(contract);
    if !payees.contains(&at.payee.text.as_str()) {
        let payees: Vec<Text> = payees.into_iter().map(quoted).collect();
        let what = if contract.parties.iter().any(|p| p.id.0 == at.payee.text) {
            Diag::new(
                Code::S0009,
                at.payee.span.clone(),
                text!("scenario-no-item-pays", payee = &at.payee.text),
            )
            .help(text!("scenario-contract-pays", names = list(&payees)))
        } else {
            unknown(&at.payee, "payee", &payees)
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
            (Some(f), Some(l)) => text!(
                "scenario-from-to",
                first = f.to_string(),
                last = l.to_string()
            ),
            (Some(f), None) => text!("scenario-from", first = f.to_string()),
            (None, Some(l)) => text!("scenario-until", last = l.to_string()),
            (None, None) => text!("scenario-words", words = ""),
        };
        diags.push(
            Diag::new(
                Code::S0010,
                at.month_span.clone(),
                text!(
                    "scenario-outside",
                    month = at.month.to_string(),
                    period = period
                ),
            )
            .help(text!("scenario-outside-help")),
        );
    }
    true
}

fn line_item(contract: &Contract, at: &PayeeMonth, item: &Named, diags: &mut Vec<Diag>) {
    let pays: Vec<&str> = contract
        .items
        .iter()
        .filter(|i| i.payee.as_ref().is_some_and(|p| p.0 == at.payee.text))
        .map(|i| i.id.0.as_str())
        .collect();
    if pays.contains(&item.text.as_str()) {
        return;
    }
    let pays: Vec<Text> = pays.into_iter().map(quoted).collect();
    if contract.items.iter().any(|i| i.id.0 == item.text) {
        diags.push(
            Diag::new(
                Code::S0009,
                item.span.clone(),
                text!(
                    "scenario-does-not-pay",
                    item = &item.text,
                    payee = &at.payee.text
                ),
            )
            .help(text!(
                "scenario-paid-by",
                payee = &at.payee.text,
                names = list(&pays)
            )),
        );
    } else {
        let what = if contract
            .items
            .iter()
            .any(|i| i.kind == ItemKind::Supplement)
        {
            "item-or-supplement"
        } else {
            "item"
        };
        diags.push(unknown(item, what, &pays));
    }
}

fn payees(contract: &Contract) -> Vec<&str> {
    contract
        .parties
        .iter()
        .filter(|p| {
            contract
                .items
                .iter()
                .any(|i| i.payee.as_ref() == Some(&p.id))
        })
        .map(|p| p.id.0.as_str())
        .collect()
}

/// An unknown name of the `kind` (`payee`, `obligation`, `item`, `item-or-supplement`, which the catalogue puts
/// in words), with the names of that kind there are.
fn unknown(name: &Named, kind: &'static str, known: &[Text]) -> Diag {
    Diag::new(
        Code::S0009,
        name.span.clone(),
        text!("scenario-not-of-contract", name = &name.text, kind = kind),
    )
    .help(if known.is_empty() {
        text!("scenario-contract-has-none", kind = kind)
    } else {
        text!("scenario-contract-has", names = list(known))
    })
}

/// A name in backticks.
fn quoted(name: &str) -> Text {
    text!("scenario-quoted", word = name)
}

/// `a`, `a and b`, `a, b and c` in the language they are shown in.
fn list(names: &[Text]) -> Text {
    match names.split_last() {
        None => text!("scenario-none"),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => {
            let mut first = rest
                .first()
                .cloned()
                .unwrap_or_else(|| text!("scenario-none"));
            for next in rest.iter().skip(1) {
                first = text!("scenario-comma", first = first, next = next.clone());
            }
            text!("scenario-and", first = first, last = last.clone())
        }
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
