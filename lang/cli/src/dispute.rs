//! The reconciliation in `cvl eval`'s output (spec 9.9, 9.11, 9.12): printing only; cvl-dispute decides it. Shown
//! when the log has a `paid` event, `--rates` is given, or the contract states its own rate of interest, so that
//! the output of any other decision is as it was.

use std::io::{self, Write};

use serde::Serialize;

use cvl_dispute::{Part, Reconciliation, Tranche};
use rust_decimal::Decimal;

use cvl_syntax::text::shown;
use cvl_syntax::{Lang, Text, text};

use crate::decision::{amount, grouped_in};

/// The reconciliation as JSON (`reconciliation`).
#[derive(Serialize)]
pub(crate) struct JsonReconciliation {
    as_of: String,
    basis: String,
    /// The half-years on which the Interest Act's rate was below 0 and counted as 0.
    floored: Vec<String>,
    payees: Vec<JsonPayee>,
}

#[derive(Serialize)]
struct JsonPayee {
    payee: String,
    decided: String,
    paid: String,
    outstanding: String,
    not_yet_due: String,
    overpaid: String,
    interest: Option<String>,
    tranches: Vec<JsonTranche>,
    upcoming: Vec<JsonTranche>,
    months: Vec<JsonMonth>,
}

#[derive(Serialize)]
struct JsonTranche {
    month: String,
    amount: String,
    due: String,
    interest: Option<String>,
}

#[derive(Serialize)]
struct JsonMonth {
    month: String,
    decided: String,
    paid: String,
    outstanding: String,
    not_yet_due: String,
    overpaid: String,
    due: String,
    interest: Option<String>,
    parts: Vec<JsonPart>,
}

#[derive(Serialize)]
struct JsonPart {
    amount: String,
    paid_on: Option<String>,
    event: Option<String>,
    not_yet_due: bool,
    days: u32,
    interest: Option<String>,
}

fn part(p: &Part) -> JsonPart {
    JsonPart {
        amount: amount(p.amount),
        paid_on: p.paid_on.map(|d| d.to_string()),
        event: p.event.clone(),
        not_yet_due: p.not_yet_due,
        days: p.days,
        interest: p.interest.map(amount),
    }
}

fn tranche(t: &Tranche) -> JsonTranche {
    JsonTranche {
        month: t.month.to_string(),
        amount: amount(t.amount),
        due: t.due.to_string(),
        interest: t.interest.map(amount),
    }
}

pub(crate) fn json(r: &Reconciliation) -> JsonReconciliation {
    JsonReconciliation {
        as_of: r.as_of.to_string(),
        basis: r.basis.clone(),
        floored: r.floored.iter().map(ToString::to_string).collect(),
        payees: r
            .payees
            .iter()
            .map(|p| JsonPayee {
                payee: p.payee.0.clone(),
                decided: amount(p.decided),
                paid: amount(p.paid),
                outstanding: amount(p.outstanding),
                not_yet_due: amount(p.not_yet_due),
                overpaid: amount(p.overpaid),
                interest: p.interest.map(amount),
                tranches: p.tranches.iter().map(tranche).collect(),
                upcoming: p.upcoming.iter().map(tranche).collect(),
                months: p
                    .months
                    .iter()
                    .map(|m| JsonMonth {
                        month: m.month.to_string(),
                        decided: amount(m.decided),
                        paid: amount(m.paid),
                        outstanding: amount(m.outstanding),
                        not_yet_due: amount(m.not_yet_due),
                        overpaid: amount(m.overpaid),
                        due: m.due.to_string(),
                        interest: m.interest.map(amount),
                        parts: m.parts.iter().map(part).collect(),
                    })
                    .collect(),
            })
            .collect(),
    }
}

/// The reconciliation as the table's section `paid and owed`, in `lang`.
pub(crate) fn table(r: &Reconciliation, lang: Lang, out: &mut dyn Write) -> io::Result<()> {
    let t = |text: Text| text.show(lang);
    let money = |value: Decimal| grouped_in(lang, value);
    writeln!(
        out,
        "{}",
        t(text!(
            "eval-paid-owed",
            date = r.as_of.to_string(),
            basis = shown(&r.basis)
        ))
    )?;
    for payee in &r.payees {
        for m in &payee.months {
            let owed = if m.overpaid > Decimal::ZERO {
                t(text!(
                    "eval-month-overpaid",
                    amount = format!("{:>14}", money(m.overpaid))
                ))
            } else if m.not_yet_due > Decimal::ZERO {
                t(text!(
                    "eval-month-not-yet-due",
                    amount = format!("{:>14}", money(m.not_yet_due))
                ))
            } else {
                t(text!(
                    "eval-month-owed",
                    amount = format!("{:>14}", money(m.outstanding))
                ))
            };
            writeln!(
                out,
                "  {} {}  {}{}",
                payee.payee.0,
                m.month,
                t(text!(
                    "eval-month",
                    decided = format!("{:>14}", money(m.decided)),
                    paid = format!("{:>14}", money(m.paid)),
                    owed = owed,
                    due = m.due.to_string()
                )),
                m.interest.map_or_else(String::new, |i| format!(
                    "  {}",
                    t(text!("eval-interest", amount = format!("{:>12}", money(i))))
                ))
            )?;
            for p in &m.parts {
                let amount = format!("{:>14}", money(p.amount));
                let line = match (&p.paid_on, &p.event) {
                    (Some(on), Some(event)) => text!(
                        "eval-part-paid",
                        amount = amount,
                        date = on.to_string(),
                        event = shown(event),
                        late = interest_words(p, lang)
                    ),
                    _ if p.not_yet_due => text!(
                        "eval-part-not-yet-due",
                        amount = amount,
                        due = m.due.to_string()
                    ),
                    _ => text!(
                        "eval-part-owed",
                        amount = amount,
                        due = m.due.to_string(),
                        late = interest_words(p, lang)
                    ),
                };
                writeln!(out, "    {}", t(line))?;
            }
        }
        writeln!(
            out,
            "  {}",
            t(text!(
                "eval-payee-in-all",
                payee = payee.payee.0.as_str(),
                decided = money(payee.decided),
                paid = money(payee.paid),
                owed = money(payee.outstanding),
                not_yet_due = money(payee.not_yet_due),
                overpaid = money(payee.overpaid),
                interest = payee.interest.map_or_else(String::new, |i| t(text!(
                    "eval-payee-interest",
                    amount = money(i)
                )))
            ))
        )?;
        for tr in &payee.tranches {
            writeln!(
                out,
                "    {}",
                t(text!(
                    "eval-tranche",
                    amount = format!("{:>14}", money(tr.amount)),
                    due = tr.due.to_string(),
                    month = tr.month.to_string(),
                    interest = tr.interest.map_or_else(String::new, |i| format!(
                        "  {}",
                        t(text!("eval-interest", amount = money(i)))
                    ))
                ))
            )?;
        }
        for tr in &payee.upcoming {
            writeln!(
                out,
                "    {}",
                t(text!(
                    "eval-upcoming",
                    amount = format!("{:>14}", money(tr.amount)),
                    due = tr.due.to_string(),
                    month = tr.month.to_string()
                ))
            )?;
        }
    }
    if !r.floored.is_empty() {
        let halves: Vec<String> = r
            .floored
            .iter()
            .map(|h| t(text!("eval-floored-from", half = h.to_string())))
            .collect();
        let halves = match halves.split_last() {
            Some((last, rest)) if !rest.is_empty() => t(text!(
                "eval-and",
                first = rest.join(", "),
                last = last.as_str()
            )),
            _ => halves.join(""),
        };
        writeln!(
            out,
            "  {}",
            t(text!(
                "eval-floored",
                count = r.floored.len(),
                halves = halves
            ))
        )?;
    }
    Ok(())
}

/// How late a part was paid, and its interest: a [`Text`] that is empty when it was not late.
fn interest_words(p: &Part, lang: Lang) -> Text {
    match p.interest {
        Some(i) if p.days > 0 => text!(
            "eval-days-late-interest",
            days = p.days,
            amount = grouped_in(lang, i)
        ),
        _ if p.days > 0 => text!("eval-days-late", days = p.days),
        _ => text!("eval-empty"),
    }
}
