//! The decision as a table for people (`cvl eval`): its words from the catalogue (eval.ftl) in the chosen language,
//! its amounts in the language's notation (`12,345.60` in English, `12.345,60` in Danish), dates ISO. Every line
//! cites the `pay` statement it comes from as `file:line` and the events behind it; a held month names where its
//! hold is imposed and what released it (provenance.rs). Every string from an event or a file name is printed
//! through `cvl_syntax::text::shown`, so that none can act on a terminal.

use std::collections::BTreeMap;
use std::io::{self, Write};

use rust_decimal::Decimal;

use cvl_eval::{Decision, Month};
use cvl_syntax::text::shown;
use cvl_syntax::{Lang, Text, text};

use crate::decision::{Report, amount, grouped, place};
use crate::provenance::{imposed, meeting, release, version};

/// The decision as a table for people, its words in `lang` (eval.ftl) and its amounts in the language's notation.
pub(crate) fn table(report: &Report<'_>, lang: Lang, out: &mut dyn Write) -> io::Result<()> {
    let decision = report.decision;
    let signed = report.verified.is_some();
    let t = |text: Text| text.show(lang);
    let money = |value: Decimal| grouped_in(lang, value);
    writeln!(out, "{}", t(text!("eval-decided-by", version = version())))?;
    writeln!(
        out,
        "{}",
        t(text!(
            "eval-contract",
            file = shown(report.contract_file),
            sha256 = report.contract_sha256
        ))
    )?;
    for file in report.files {
        writeln!(
            out,
            "  {}",
            t(text!(
                "eval-source",
                file = shown(&file.described()),
                sha256 = cvl_log::hex(&file.sha256)
            ))
        )?;
    }
    let events = shown(report.events_file);
    match &report.verified {
        Some((entries, head)) => writeln!(
            out,
            "{}\n          {}",
            t(text!(
                "eval-log",
                file = events.as_ref(),
                sha256 = report.events_sha256
            )),
            t(text!(
                "eval-log-verified",
                entries = *entries,
                head = head.as_str()
            ))
        )?,
        None => writeln!(
            out,
            "{}\n          {}",
            t(text!(
                "eval-events",
                file = events.as_ref(),
                sha256 = report.events_sha256
            )),
            t(text!("eval-events-unsigned"))
        )?,
    }
    if let Some(until) = decision.until {
        writeln!(out, "{}", t(text!("eval-as-of", date = until.to_string())))?;
    }
    // The versions in force, when an amendment is: each line's `[file:line]` names its version's file.
    for v in &decision.versions {
        let version = text!(
            "eval-version",
            file = shown(&v.file),
            sha256 = v.sha256.as_str(),
            from = v.from.to_string(),
            to = v.to.to_string()
        );
        let version = if v.events.is_empty() {
            version
        } else {
            text!(
                "eval-version-amended",
                version = version,
                events = shown(&v.events.join(" "))
            )
        };
        writeln!(out, "{}", t(version))?;
    }
    let withheld_word = t(text!("eval-withheld"));
    let released_word = t(text!("eval-released"));
    let approved_word = t(text!("eval-approved"));
    let item_width = decision
        .payments
        .iter()
        .flat_map(|p| p.lines.iter().map(|l| l.item.0.chars().count()))
        .chain([8])
        .chain([&withheld_word, &released_word, &approved_word].map(|w| w.chars().count()))
        .max()
        .unwrap_or(8);
    let amount_width = decision
        .payments
        .iter()
        .flat_map(|p| {
            p.lines
                .iter()
                .map(|l| l.amount)
                .chain([p.total, p.withheld, p.released, p.approved])
        })
        .map(|a| money(a).chars().count() + 1)
        .max()
        .unwrap_or(10);
    let approvals = approvals_by_month(decision);
    for payment in &decision.payments {
        writeln!(out)?;
        writeln!(
            out,
            "{} {}  {} {:>w$}",
            payment.payee.0,
            payment.period,
            t(text!("eval-total")),
            money(payment.total),
            w = amount_width
        )?;
        for line in &payment.lines {
            writeln!(
                out,
                "  {:<iw$} {:>w$}  {}  [{}{}]",
                line.item.0,
                money(line.amount),
                shown(&basis(lang, &line.basis)),
                place(report.sources_of(line), line.clause),
                if line.events.is_empty() {
                    String::new()
                } else {
                    format!("; {}", summarize(lang, &line.events))
                },
                iw = item_width,
                w = amount_width
            )?;
        }
        if !payment.withheld.is_zero() {
            // Each hold: what was missed and where the obligation is, where the hold is imposed, and its release.
            let indent = " ".repeat(item_width + amount_width + 5);
            if payment.held.is_empty() {
                writeln!(
                    out,
                    "  {:<iw$} {:>w$}  {}",
                    withheld_word,
                    format!("-{}", money(payment.withheld)),
                    t(text!("eval-held-back")),
                    iw = item_width,
                    w = amount_width
                )?;
            }
            for (i, h) in payment.held.iter().enumerate() {
                // A hold that names its items says which it holds (spec 9.7); one that names none holds them all.
                let items: Vec<String> = h.items.iter().map(|i| format!("`{}`", i.0)).collect();
                let missed = t(text!(
                    "eval-held-missed",
                    items = items.join(", "),
                    count = items.len(),
                    obligation = h.obligation.0.as_str(),
                    due = h.due.to_string(),
                    grace = h.grace_end.to_string(),
                    clause = place(report.sources_at(h.version), Some(h.clause))
                ));
                if i == 0 {
                    writeln!(
                        out,
                        "  {:<iw$} {:>w$}  {missed}",
                        withheld_word,
                        format!("-{}", money(payment.withheld)),
                        iw = item_width,
                        w = amount_width
                    )?;
                } else {
                    writeln!(out, "{indent}{missed}")?;
                }
                writeln!(
                    out,
                    "{indent}  {}",
                    t(imposed(report.sources_at(h.version), h))
                )?;
                writeln!(out, "{indent}  {}", t(release(h, signed)))?;
            }
        }
        if !payment.released.is_zero() {
            let from: Vec<String> = payment
                .released_from
                .iter()
                .map(ToString::to_string)
                .collect();
            let by: Vec<String> = payment
                .released_meetings
                .iter()
                .map(|m| t(meeting(m, signed)))
                .collect();
            // The events are listed when there are a few.
            let listed = if by.len() > 4 { 0 } else { by.len() };
            let released = t(text!(
                "eval-released-from",
                months = from.join(", "),
                listed = listed,
                by = by.join("; ")
            ));
            writeln!(
                out,
                "  {:<iw$} {:>w$}  {released}  [{}]",
                released_word,
                format!("+{}", money(payment.released)),
                summarize(lang, &payment.released_by),
                iw = item_width,
                w = amount_width
            )?;
        }
        if let Some(by) = approvals.get(&(payment.payee.0.as_str(), payment.period)) {
            writeln!(
                out,
                "  {:<iw$} {:>w$}  {}",
                approved_word,
                money(payment.approved),
                t(text!("eval-approved-by", invoices = invoices(lang, by))),
                iw = item_width,
                w = amount_width
            )?;
        }
        for flag in &payment.flags {
            writeln!(
                out,
                "  {}",
                t(text!("eval-flagged", flag = shown(&flag.show(lang))))
            )?;
        }
        if payment.provisional
            && let Some(until) = decision.until
        {
            writeln!(
                out,
                "  {}",
                t(text!("eval-provisional", date = until.to_string()))
            )?;
        }
    }
    if !decision.obligations.is_empty() {
        writeln!(out)?;
        writeln!(out, "{}", t(text!("eval-obligations")))?;
        for row in &decision.obligations {
            writeln!(
                out,
                "  {}  {:<8} {} `{}`{}{}",
                row.due,
                t(text!("eval-status", status = row.status.as_str())),
                row.party.0,
                row.kind.0,
                if row.review {
                    format!(" {}", t(text!("eval-review")))
                } else {
                    String::new()
                },
                row.event
                    .as_ref()
                    .map_or_else(String::new, |e| format!("  [{}]", shown(e)))
            )?;
        }
    }
    expenses(decision, lang, out)?;
    writeln!(out)?;
    writeln!(out, "{}", t(text!("eval-acts")))?;
    for act in &decision.acts {
        let signed: Vec<String> = act
            .signed
            .iter()
            .map(|(party, date, event)| format!("{} {date} [{}]", party.0, shown(event)))
            .collect();
        writeln!(
            out,
            "  {:<11} {}{}{}{}",
            t(text!("eval-act", act = act.kind.as_str())),
            act.done.map_or_else(
                || format!("{:<10}", t(text!("eval-act-pending"))),
                |d| d.to_string()
            ),
            act.subject
                .as_ref()
                .map_or_else(String::new, |s| format!("  {}", shown(s))),
            if signed.is_empty() {
                String::new()
            } else {
                format!(
                    "  {}",
                    t(text!("eval-signed-by", parties = signed.join(", ")))
                )
            },
            if act.missing.is_empty() {
                String::new()
            } else {
                let missing: Vec<&str> = act.missing.iter().map(|p| p.0.as_str()).collect();
                format!(
                    "  {}",
                    t(text!("eval-awaiting", parties = missing.join(", ")))
                )
            }
        )?;
    }
    if let Some(reconciliation) = report.reconciliation {
        crate::dispute::table(reconciliation, lang, out)?;
    }
    for warning in &decision.warnings {
        writeln!(
            out,
            "{}",
            t(text!("eval-warning", warning = shown(warning)))
        )?;
    }
    Ok(())
}

/// An amount as the table writes it in `lang`: `12,345.60` in English, `12.345,60` in Danish.
pub(crate) fn grouped_in(lang: Lang, value: Decimal) -> String {
    match lang {
        Lang::En => grouped(value),
        Lang::Da => cvl_messages::group(lang, &amount(value)),
    }
}

/// How a line's amount was computed, in `lang`: as evaluation writes it in English, and in Danish with the
/// report's words and Danish notation (`60.000,00 kr./måned × 17/31 dage`).
fn basis(lang: Lang, basis: &cvl_eval::Basis) -> String {
    match lang {
        Lang::En => basis.to_string(),
        Lang::Da => cvl_report::Lang::Da.basis(&basis.to_string()),
    }
}

/// Per payee and month, the invoices approved against it and the events that approved them, each once, in the
/// order of the events.
fn approvals_by_month(decision: &Decision) -> BTreeMap<(&str, Month), Vec<(&str, &str)>> {
    let mut by: BTreeMap<(&str, Month), Vec<(&str, &str)>> = BTreeMap::new();
    for a in &decision.approvals {
        let invoices = by.entry((a.payee.0.as_str(), a.month)).or_default();
        let pair = (a.invoice.as_str(), a.event.as_str());
        if invoices.last() != Some(&pair) {
            invoices.push(pair);
        }
    }
    by
}

/// Invoices as the table names them: `invoice `OV-3` [app-1]`, all of a few or the first and last of many.
fn invoices(lang: Lang, by: &[(&str, &str)]) -> String {
    let one = |(invoice, event): &(&str, &str)| {
        text!(
            "eval-invoice",
            invoice = shown(invoice),
            event = shown(event)
        )
        .show(lang)
    };
    match by {
        [first, .., last] if by.len() > 4 => text!(
            "eval-invoices-many",
            first = one(first),
            last = one(last),
            count = by.len()
        )
        .show(lang),
        all => all.iter().map(one).collect::<Vec<_>>().join(", "),
    }
}

/// The table's section of approved expenses, in the order of their events; nothing when there are none.
fn expenses(decision: &Decision, lang: Lang, out: &mut dyn Write) -> io::Result<()> {
    if decision.expenses.is_empty() {
        return Ok(());
    }
    let item_width = decision
        .expenses
        .iter()
        .map(|e| e.item.0.chars().count())
        .max()
        .unwrap_or(0);
    let amounts: Vec<String> = decision
        .expenses
        .iter()
        .map(|e| grouped_in(lang, e.amount))
        .collect();
    let amount_width = amounts.iter().map(String::len).max().unwrap_or(0);
    writeln!(out)?;
    writeln!(out, "{}", text!("eval-expenses").show(lang))?;
    for (expense, shown_amount) in decision.expenses.iter().zip(&amounts) {
        writeln!(
            out,
            "  {}  {:<iw$}  {:>w$}  {}  {}  [{}]",
            expense.date,
            expense.item.0,
            shown_amount,
            text!(
                "eval-expense-to",
                payee = expense.payee.0.as_str(),
                approver = expense.approved_by.0.as_str()
            )
            .show(lang),
            shown(&expense.reference),
            shown(&expense.event),
            iw = item_width,
            w = amount_width
        )?;
    }
    Ok(())
}

/// Event ids as the table shows them (each through `shown`): all of a few, or the first and last of many.
fn summarize<S: AsRef<str>>(lang: Lang, events: impl IntoIterator<Item = S>) -> String {
    let events: Vec<String> = events
        .into_iter()
        .map(|e| shown(e.as_ref()).into_owned())
        .collect();
    match events.as_slice() {
        [] => String::new(),
        [a, b, c, d, ..] if events.len() > 4 => {
            let _ = (b, c, d);
            text!(
                "eval-events-many",
                first = a.as_str(),
                last = events.last().map_or("", String::as_str),
                count = events.len()
            )
            .show(lang)
        }
        all => all.join(" "),
    }
}
