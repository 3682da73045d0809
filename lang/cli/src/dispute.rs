//! The reconciliation in `cvl eval`'s output (spec 9.9, 9.11, 9.12): printing only; cvl-dispute decides it. Shown
//! when the log has a `paid` event, `--rates` is given, or the contract states its own rate of interest, so that
//! the output of any other decision is as it was.

use std::io::{self, Write};

use serde::Serialize;

use cvl_dispute::{Part, Reconciliation, Tranche};
use cvl_syntax::text::shown;

use crate::decision::{amount, grouped};

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

/// The reconciliation as the table's section `paid and owed`.
pub(crate) fn table(r: &Reconciliation, out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        "paid and owed as of {}  (interest: {})",
        r.as_of,
        shown(&r.basis)
    )?;
    for payee in &r.payees {
        for m in &payee.months {
            let owed = if m.overpaid > rust_decimal::Decimal::ZERO {
                format!("overpaid {:>14}", grouped(m.overpaid))
            } else if m.not_yet_due > rust_decimal::Decimal::ZERO {
                format!("not yet due {:>14}", grouped(m.not_yet_due))
            } else {
                format!("owed {:>14}", grouped(m.outstanding))
            };
            writeln!(
                out,
                "  {} {}  decided {:>14}  paid {:>14}  {owed}  due {}{}",
                payee.payee.0,
                m.month,
                grouped(m.decided),
                grouped(m.paid),
                m.due,
                m.interest
                    .map_or_else(String::new, |i| format!("  interest {:>12}", grouped(i)))
            )?;
            for p in &m.parts {
                match (&p.paid_on, &p.event) {
                    (Some(on), Some(event)) => writeln!(
                        out,
                        "    paid {:>14} on {on}  [{}]{}",
                        grouped(p.amount),
                        shown(event),
                        interest_words(p)
                    )?,
                    _ if p.not_yet_due => writeln!(
                        out,
                        "    not yet due {:>14}, falls due on {}",
                        grouped(p.amount),
                        m.due
                    )?,
                    _ => writeln!(
                        out,
                        "    owed {:>14} since {}{}",
                        grouped(p.amount),
                        m.due,
                        interest_words(p)
                    )?,
                }
            }
        }
        writeln!(
            out,
            "  {} in all: decided {}, paid {}, owed {}, not yet due {}, overpaid {}{}",
            payee.payee.0,
            grouped(payee.decided),
            grouped(payee.paid),
            grouped(payee.outstanding),
            grouped(payee.not_yet_due),
            grouped(payee.overpaid),
            payee
                .interest
                .map_or_else(String::new, |i| format!(", interest {}", grouped(i)))
        )?;
        for t in &payee.tranches {
            writeln!(
                out,
                "    tranche {:>14} due {} ({}){}",
                grouped(t.amount),
                t.due,
                t.month,
                t.interest
                    .map_or_else(String::new, |i| format!("  interest {}", grouped(i)))
            )?;
        }
        for t in &payee.upcoming {
            writeln!(
                out,
                "    not yet due {:>14} falls due {} ({})",
                grouped(t.amount),
                t.due,
                t.month
            )?;
        }
    }
    if !r.floored.is_empty() {
        let halves: Vec<String> = r.floored.iter().map(|h| format!("from {h}")).collect();
        let (which, halves) = match halves.split_last() {
            Some((last, rest)) if !rest.is_empty() => {
                ("half-years", format!("{} and {last}", rest.join(", ")))
            }
            _ => ("half-year", halves.join("")),
        };
        writeln!(
            out,
            "  the reference rate plus 8 points is below 0 in the {which} {halves}: interest is counted at 0 % there",
        )?;
    }
    Ok(())
}

fn interest_words(p: &Part) -> String {
    match p.interest {
        Some(i) if p.days > 0 => format!("  {} days late, interest {}", p.days, grouped(i)),
        _ if p.days > 0 => format!("  {} days late", p.days),
        _ => String::new(),
    }
}
