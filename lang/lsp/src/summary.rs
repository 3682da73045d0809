//! The summaries hover shows of a contract's terms, in the document's language (lsp.ftl): an item's price and
//! terms ("60,000.00 DKK per month to ostervold, first 3 months from the start"), a party's role and what it is
//! paid for, an obligation's interval and consequence, a contract's dates, termination and size.

use cvl_check::model::{
    Contract, End, Item, ItemKind, Obligation, OnceOn, Party, RegulatedBy, Start,
};
use cvl_check::types::Per;
use cvl_check::value::Value;
use cvl_syntax::ast::{Consequence, EndRule, StmtKind, TopItem};
use cvl_syntax::text::shown;
use cvl_syntax::{Lang, Text, text};

use crate::engine::Analysis;
use crate::hover::{Written, escape_markdown, money, titled};
use crate::words::value as value_in;

/// Party names joined by `and` (`og`).
fn names(lang: Lang, ids: &[cvl_check::model::PartyId]) -> String {
    let names: Vec<&str> = ids.iter().map(|p| p.0.as_str()).collect();
    names.join(&format!(" {} ", text!("lsp-and").show(lang)))
}

/// "60,000.00 DKK per month to ostervold, first 3 months from the start".
pub(crate) fn item_summary(
    analysis: &Analysis,
    lang: Lang,
    item: &Item,
    contract: &Contract,
) -> String {
    let t = |text: Text| text.show(lang);
    let written = Written::of_decl(analysis, item.span);
    let mut parts = Vec::new();
    let pay = match (&item.rate, &item.reimburse) {
        (None, None) if item.once.is_some() => {
            item.once.as_ref().map_or_else(String::new, |once| {
                value_in(lang, &money(once.amount, &once.currency))
            })
        }
        (Some(rate), _) => value_in(
            lang,
            &Value::Rate {
                of: Box::new(money(rate.amount, &rate.currency)),
                per: rate.per,
            },
        ),
        (None, Some(reimburse)) => {
            let limit = value_in(lang, &money(reimburse.limit, &reimburse.currency));
            match reimburse.per {
                None => t(text!("lsp-reimbursed-whole", limit = limit)),
                Some(p) => t(text!(
                    "lsp-reimbursed-per",
                    limit = limit,
                    per = crate::words::per(lang, p.word())
                )),
            }
        }
        (None, None) => t(text!("lsp-no-price")),
    };
    parts.push(match &item.payee {
        Some(payee) => t(text!("lsp-pay-to", pay = pay, payee = payee.0.as_str())),
        None => pay,
    });
    if let Some(once) = &item.once {
        parts.push(match once.on {
            OnceOn::Start => t(text!("lsp-once-start")),
            OnceOn::Date(date) => t(text!(
                "lsp-once-on",
                date = date.format("%Y-%m-%d").to_string()
            )),
        });
    }
    if let (Some(regulation), Some(rate)) = (&item.regulation, &item.rate) {
        let from = regulation.from.format("%Y-%m-%d").to_string();
        parts.push(match &regulation.by {
            RegulatedBy::Percent(percent) => {
                // The rule, and the rate in force from its first day: the rate times (1 + P/100), rounded to the
                // øre.
                let first = regulation
                    .raise(rate.amount, regulation.from, &|_, _| None)
                    .ok()
                    .map(|amount| {
                        value_in(
                            lang,
                            &Value::Rate {
                                of: Box::new(money(amount, &rate.currency)),
                                per: rate.per,
                            },
                        )
                    });
                let rule = text!(
                    "lsp-regulated-percent",
                    percent = cvl_messages::group(lang, &percent.to_string()),
                    from = from
                );
                match first {
                    Some(rate) => t(text!("lsp-regulated-then", rule = rule, rate = rate)),
                    None => t(rule),
                }
            }
            // The rule: the values are the log's, which hover does not read.
            RegulatedBy::Index(index) => t(text!(
                "lsp-regulated-index",
                index = index.as_str(),
                from = from
            )),
        });
    }
    if let Some(first) = item.first {
        let first = written.duration(
            analysis,
            lang,
            |k| matches!(k, StmtKind::ForFirst(_)),
            first,
        );
        parts.push(t(text!("lsp-first", duration = first)));
    }
    if let Some(starts) = item.starts {
        parts.push(t(text!(
            "lsp-from",
            date = starts.format("%Y-%m-%d").to_string()
        )));
    }
    if let Some(ends) = item.ends {
        parts.push(t(text!(
            "lsp-until",
            date = ends.format("%Y-%m-%d").to_string()
        )));
    }
    if let Some(cap) = item.cap {
        parts.push(t(text!(
            "lsp-cap",
            hours = value_in(lang, &Value::Hours(cap))
        )));
    }
    if !item.confirmed_by.is_empty() {
        parts.push(t(text!(
            "lsp-confirmed-by",
            parties = names(lang, &item.confirmed_by)
        )));
    }
    if let Some(reimburse) = &item.reimburse
        && !reimburse.approved_by.is_empty()
    {
        parts.push(t(text!(
            "lsp-approved-by",
            parties = names(lang, &reimburse.approved_by)
        )));
    }
    if !item.covers.is_empty() {
        let covered: Vec<String> = item
            .covers
            .iter()
            .map(|c| format!("\"{}\"", escape_markdown(&shown(&c.text))))
            .collect();
        parts.push(t(text!("lsp-covers", things = covered.join(", "))));
    }
    if item.kind == ItemKind::Supplement {
        parts.push(t(text!("lsp-starts-when-agreed")));
        if let Some(term) = item.term {
            let term = written.duration(analysis, lang, |k| matches!(k, StmtKind::Term(_)), term);
            parts.push(t(text!("lsp-runs", duration = term)));
        }
        if !item.adjustable_by.is_empty() {
            parts.push(t(text!(
                "lsp-adjustable-by",
                parties = names(lang, &item.adjustable_by)
            )));
        }
        if !item.review_by.is_empty() {
            parts.push(t(text!(
                "lsp-reviewed-by",
                parties = names(lang, &item.review_by)
            )));
        }
    }
    if contract.in_arrears && item.rate.as_ref().is_some_and(|r| r.per == Per::Month) {
        parts.push(t(text!("lsp-in-arrears")));
    }
    parts.join(", ")
}

pub(crate) fn party_summary(lang: Lang, party: &Party, contract: &Contract) -> String {
    let t = |text: Text| text.show(lang);
    let mut parts = Vec::new();
    if let Some((word, _)) = cvl_check::model::Role::ALL
        .iter()
        .find(|(_, r)| Some(*r) == party.role)
    {
        parts.push(t(text!("lsp-role", role = *word)));
    }
    if let Some(cvr) = &party.cvr {
        parts.push(t(text!("lsp-cvr", cvr = cvr.as_str())));
    }
    if contract.signatories.contains(&party.id) {
        parts.push(t(text!("lsp-signs")));
    }
    let paid: Vec<&str> = contract
        .items
        .iter()
        .filter(|i| i.payee.as_ref() == Some(&party.id))
        .map(|i| i.id.0.as_str())
        .collect();
    if !paid.is_empty() {
        parts.push(t(text!("lsp-paid-for", items = backticked(&paid))));
    }
    if parts.is_empty() {
        t(text!("lsp-a-party"))
    } else {
        parts.join(", ")
    }
}

fn backticked(names: &[&str]) -> String {
    let names: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    names.join(", ")
}

pub(crate) fn obligation_text(analysis: &Analysis, lang: Lang, obligation: &Obligation) -> String {
    format!(
        "{}\n\n{}",
        text!(
            "lsp-obligation",
            name = obligation.id.0.as_str(),
            title = titled(obligation.title.as_deref())
        )
        .show(lang),
        obligation_summary(analysis, lang, obligation)
    )
}

fn obligation_summary(analysis: &Analysis, lang: Lang, obligation: &Obligation) -> String {
    let t = |text: Text| text.show(lang);
    let written = Written::of_decl(analysis, obligation.span);
    let mut parts = Vec::new();
    if !obligation.by.is_empty() {
        parts.push(t(text!("lsp-by", parties = names(lang, &obligation.by))));
    }
    if let Some(every) = obligation.every {
        let every = written.duration(
            analysis,
            lang,
            |k| matches!(k, StmtKind::Every { .. }),
            every,
        );
        parts.push(match obligation.on {
            Some(day) => t(text!("lsp-every-on", duration = every, day = day.name())),
            None => t(text!("lsp-every", duration = every)),
        });
    }
    if let Some(lasting) = obligation.lasting {
        parts.push(t(text!(
            "lsp-lasting",
            hours = value_in(lang, &Value::Hours(lasting))
        )));
    }
    if let Some(grace) = obligation.grace {
        let grace = written.duration(analysis, lang, |k| matches!(k, StmtKind::Grace(_)), grace);
        parts.push(t(text!("lsp-grace", duration = grace)));
    }
    match obligation.consequence {
        Some(Consequence::Withhold) if obligation.withholds.is_empty() => {
            parts.push(t(text!("lsp-withheld")));
        }
        Some(Consequence::Withhold) => {
            let items: Vec<String> = obligation
                .withholds
                .iter()
                .map(|i| format!("`{}`", i.0))
                .collect();
            let and = format!(" {} ", t(text!("lsp-and")));
            parts.push(t(text!("lsp-withheld-items", items = items.join(&and))));
        }
        Some(Consequence::Flag) => parts.push(t(text!("lsp-flagged"))),
        None => {}
    }
    parts.join(", ")
}

pub(crate) fn contract_summary(analysis: &Analysis, lang: Lang, contract: &Contract) -> String {
    let t = |text: Text| text.show(lang);
    let written = Written {
        stmts: analysis.file.items.iter().find_map(|item| match item {
            TopItem::Contract(c) if c.span == contract.span => Some(c.body.stmts.as_slice()),
            _ => None,
        }),
    };
    let date = |d: &chrono::NaiveDate| d.format("%Y-%m-%d").to_string();
    let mut parts = Vec::new();
    if let Some(case) = &contract.case_ref {
        parts.push(t(text!("lsp-case", case = shown(case))));
    }
    match &contract.start {
        Some(Start::On(day)) => parts.push(t(text!("lsp-starts-on", date = date(day)))),
        Some(Start::When(kind)) => parts.push(t(text!("lsp-starts-when", kind = kind.as_str()))),
        None => {}
    }
    match &contract.end {
        Some(End::On(day)) => parts.push(t(text!("lsp-ends-on", date = date(day)))),
        Some(End::After(d)) => {
            let after = written.duration(
                analysis,
                lang,
                |k| matches!(k, StmtKind::Ends(EndRule::After(_))),
                *d,
            );
            parts.push(t(text!("lsp-ends-after", duration = after)));
        }
        Some(End::When(kind)) => parts.push(t(text!("lsp-ends-when", kind = kind.as_str()))),
        None => {}
    }
    if let Some(day) = contract.due_day {
        parts.push(t(text!("lsp-due-day", day = day.to_string())));
    }
    if let Some(interest) = &contract.interest {
        parts.push(t(text!(
            "lsp-interest",
            percent = cvl_messages::group(lang, &interest.percent.to_string())
        )));
    }
    if let Some(termination) = &contract.termination
        && (termination.notice.is_some() || termination.alone)
    {
        // Who terminates it, and the notice evaluation holds each termination to (spec 4.11, 4.12).
        let who = if termination.alone {
            let names: Vec<&str> = termination
                .signatories
                .iter()
                .map(|p| p.0.as_str())
                .collect();
            let or = format!(" {} ", t(text!("lsp-or")));
            t(text!("lsp-terminated-alone", parties = names.join(&or)))
        } else {
            t(text!(
                "lsp-terminated-signed",
                parties = names(lang, &termination.signatories)
            ))
        };
        let notice = termination.notice.map_or_else(String::new, |notice| {
            let words = match lang {
                Lang::En => cvl_check::value::notice_words(notice.amount, notice.calendar),
                Lang::Da => value_in(
                    lang,
                    &Value::Duration {
                        amount: notice.amount,
                        calendar: notice.calendar,
                    },
                ),
            };
            t(text!(
                "lsp-notice",
                notice = words,
                month_end = u8::from(termination.notice_to_month_end)
            ))
        });
        parts.push(format!("{who}{notice}"));
    }
    parts.push(t(text!("lsp-parties", count = contract.parties.len())));
    parts.push(t(text!("lsp-payment-terms", count = contract.items.len())));
    parts.push(t(text!(
        "lsp-obligations",
        count = contract.obligations.len()
    )));
    parts.join(", ")
}
