//! The report's section "Paid and outstanding" (spec 13, item 4), from the reconciliation (cvl-dispute, spec 9.11,
//! 9.12) the caller gives in [`crate::Paid`]: each payee's months with every part of each (paid on time, paid late,
//! owed, or not yet due, each with its days and interest), each payee's totals, the tranches of what is owed, what
//! is not yet due, the rate and the date interest is counted to, any half-year whose rate was floored at 0, and
//! the payments made. Every word is in the report's language (words.rs); the figures in its notation.

use rust_decimal::Decimal;

use cvl_dispute::{MonthAccount, Part, PayeeAccount, Rate, Reconciliation, Tranche};
use cvl_eval::Month;

use crate::html::Html;
use crate::sections::Cx;
use crate::words as w;

/// A sum that cannot overflow the page: `None` when it would.
fn sum(values: impl IntoIterator<Item = Decimal>) -> Option<Decimal> {
    values
        .into_iter()
        .try_fold(Decimal::ZERO, |a, b| a.checked_add(b))
}

pub(crate) fn section(cx: &Cx<'_>, h: &mut Html) {
    let paid = cx.input.paid;
    h.raw("<section id=\"paid\">\n<h2>")
        .text(cx.w(&w::PAID_TITLE))
        .raw("</h2>\n");
    let Some(r) = &paid.reconciliation else {
        if paid.payments.is_empty() {
            h.raw("<p class=\"none\">")
                .text(cx.w(&w::NO_PAYMENTS))
                .raw("</p>\n</section>\n");
            return;
        }
        payments(cx, h);
        h.raw("</section>\n");
        return;
    };
    rate(cx, h, r);
    let payees: Vec<&PayeeAccount> = r
        .payees
        .iter()
        .filter(|p| cx.payee_shown(&p.payee))
        .collect();
    months(cx, h, &payees);
    totals(cx, h, &payees);
    tranches(cx, h, &payees, &w::TRANCHES, |p| &p.tranches, true);
    tranches(cx, h, &payees, &w::UPCOMING, |p| &p.upcoming, false);
    payments(cx, h);
    h.raw("</section>\n");
}

/// The rate, the date interest is counted to, and the half-years whose rate was floored at 0.
fn rate(cx: &Cx<'_>, h: &mut Html, r: &Reconciliation) {
    let rate = match &r.rate {
        Rate::Contract(percent) => format!(
            "{} {} % {}",
            cx.w(&w::RATE_CONTRACT),
            cx.lang.number(percent.normalize()),
            cx.w(&w::A_YEAR)
        ),
        Rate::InterestAct { source } => format!("{} ({source})", cx.w(&w::RATE_ACT)),
        Rate::None => cx.w(&w::RATE_NONE).to_string(),
    };
    h.raw("<p class=\"note\">")
        .text(&format!(
            "{}: {rate}. {} {}.",
            cx.w(&w::INTEREST),
            cx.w(&w::COUNTED_TO),
            r.as_of
        ))
        .raw("</p>\n");
    if !r.floored.is_empty() {
        let halves: Vec<String> = r.floored.iter().map(ToString::to_string).collect();
        h.raw("<p class=\"flag\">")
            .text(&format!(
                "{} {}: {}",
                cx.w(if halves.len() == 1 {
                    &w::FLOORED_IN
                } else {
                    &w::FLOORED_IN_MANY
                }),
                halves.join(", "),
                cx.w(&w::FLOORED)
            ))
            .raw("</p>\n");
    }
}

fn months(cx: &Cx<'_>, h: &mut Html, payees: &[&PayeeAccount]) {
    h.raw("<table class=\"figures\">\n<thead><tr>");
    for word in [
        &w::PAYEE,
        &w::MONTH,
        &w::DECIDED,
        &w::PAID,
        &w::OUTSTANDING,
        &w::NOT_YET_DUE,
        &w::FALLS_DUE,
        &w::INTEREST,
        &w::BASIS,
    ] {
        h.el("th", cx.w(word));
    }
    h.raw("</tr></thead>\n<tbody>\n");
    for payee in payees {
        for m in payee.months.iter().filter(|m| cx.month_shown(m.month)) {
            h.raw("<tr>")
                .el("td", &payee.payee.0)
                .el("td", &m.month.to_string());
            h.el("td class=\"n\"", &cx.money(m.decided));
            h.el("td class=\"n\"", &cx.money(m.paid));
            let mut owed = cx.money(m.outstanding);
            if !m.overpaid.is_zero() {
                owed.push_str(&format!(
                    " (+{} {})",
                    cx.money(m.overpaid),
                    cx.w(&w::OVERPAID_SHORT)
                ));
            }
            h.el("td class=\"n total\"", &owed);
            h.el("td class=\"n\"", &cx.money(m.not_yet_due));
            h.el("td", &m.due.to_string());
            h.el("td class=\"n\"", &interest(cx, m.interest));
            h.raw("<td><ul class=\"parts\">");
            for part in &m.parts {
                h.el("li", &part_words(cx, m, part));
            }
            h.raw("</ul></td></tr>\n");
        }
    }
    h.raw("</tbody>\n</table>\n");
}

/// An amount of interest, or `-` when no rate is known (never 0.00).
fn interest(cx: &Cx<'_>, value: Option<Decimal>) -> String {
    value.map_or_else(|| "-".to_string(), |i| cx.money(i))
}

/// One part of a month in words: `55,365.00 DKK paid on 2019-11-08 by pay-1, on time`; `544,635.00 DKK owed since
/// 2019-11-10, 233 days late: 27,987.52 DKK`; `600,000.00 DKK not yet due, falls due on 2020-01-10`.
fn part_words(cx: &Cx<'_>, m: &MonthAccount, p: &Part) -> String {
    let amount = cx.money(p.amount);
    if p.not_yet_due {
        return format!(
            "{amount} {}, {} {}",
            cx.w(&w::NOT_YET_DUE_LOWER),
            cx.w(&w::FALLS_DUE_ON),
            m.due
        );
    }
    let how = match (p.paid_on, &p.event) {
        (Some(on), Some(event)) => format!(
            "{} {on} {} {event}",
            cx.w(&w::PAID_ON),
            cx.w(&w::RELEASED_BY)
        ),
        (Some(on), None) => format!("{} {on}", cx.w(&w::PAID_ON)),
        (None, _) => format!("{} {}", cx.w(&w::OWED_SINCE), m.due),
    };
    if p.days == 0 {
        let when = if p.paid_on.is_some() {
            &w::ON_TIME
        } else {
            &w::NO_DAYS_LATE
        };
        return format!("{amount} {how}, {}", cx.w(when));
    }
    let late = cx.w(if p.days == 1 {
        &w::DAY_LATE
    } else {
        &w::DAYS_LATE
    });
    match p.interest {
        Some(i) => format!("{amount} {how}, {} {late}: {}", p.days, cx.money(i)),
        None => format!("{amount} {how}, {} {late}, {}", p.days, cx.w(&w::NO_RATE)),
    }
}

/// Each payee's totals over the months shown.
fn totals(cx: &Cx<'_>, h: &mut Html, payees: &[&PayeeAccount]) {
    h.raw("<h3>")
        .text(cx.w(&w::PAYEE_TOTALS))
        .raw("</h3>\n<table class=\"figures\">\n<thead><tr>");
    for word in [
        &w::PAYEE,
        &w::DECIDED,
        &w::PAID,
        &w::OUTSTANDING,
        &w::NOT_YET_DUE,
        &w::OVERPAID,
        &w::INTEREST,
    ] {
        h.el("th", cx.w(word));
    }
    h.raw("</tr></thead>\n<tbody>\n");
    for payee in payees {
        let shown: Vec<&MonthAccount> = payee
            .months
            .iter()
            .filter(|m| cx.month_shown(m.month))
            .collect();
        let total = |f: fn(&MonthAccount) -> Decimal| {
            sum(shown.iter().map(|m| f(m)))
                .map(|d| cx.money(d))
                .unwrap_or_default()
        };
        h.raw("<tr>").el("td", &cx.party(&payee.payee));
        h.el("td class=\"n\"", &total(|m| m.decided));
        h.el("td class=\"n\"", &total(|m| m.paid));
        h.el("td class=\"n total\"", &total(|m| m.outstanding));
        h.el("td class=\"n\"", &total(|m| m.not_yet_due));
        h.el("td class=\"n\"", &total(|m| m.overpaid));
        let interest = if payee.interest.is_none() {
            "-".to_string()
        } else {
            sum(shown.iter().filter_map(|m| m.interest))
                .map(|d| cx.money(d))
                .unwrap_or_default()
        };
        h.el("td class=\"n\"", &interest).raw("</tr>\n");
    }
    h.raw("</tbody>\n</table>\n");
}

/// The tranches of what is owed (each from its due date, with its interest), or what is not yet due.
fn tranches(
    cx: &Cx<'_>,
    h: &mut Html,
    payees: &[&PayeeAccount],
    title: &w::Word,
    of: fn(&PayeeAccount) -> &Vec<Tranche>,
    with_interest: bool,
) {
    let rows: Vec<(&PayeeAccount, &Tranche)> = payees
        .iter()
        .flat_map(|p| of(p).iter().map(move |t| (*p, t)))
        .filter(|(_, t)| cx.month_shown(t.month))
        .collect();
    if rows.is_empty() {
        return;
    }
    h.raw("<h3>")
        .text(cx.w(title))
        .raw("</h3>\n<table class=\"figures\">\n<thead><tr>");
    let mut words = vec![&w::PAYEE, &w::MONTH, &w::AMOUNT, &w::FALLS_DUE];
    if with_interest {
        words.push(&w::INTEREST);
    }
    for word in words {
        h.el("th", cx.w(word));
    }
    h.raw("</tr></thead>\n<tbody>\n");
    for (payee, t) in &rows {
        h.raw("<tr>")
            .el("td", &payee.payee.0)
            .el("td", &t.month.to_string());
        h.el("td class=\"n total\"", &cx.money(t.amount))
            .el("td", &t.due.to_string());
        if with_interest {
            h.el("td class=\"n\"", &interest(cx, t.interest));
        }
        h.raw("</tr>\n");
    }
    h.raw("</tbody>\n<tfoot><tr><th colspan=\"2\">")
        .text(cx.w(&w::TOTAL))
        .raw("</th>");
    let amounts = sum(rows.iter().map(|(_, t)| t.amount)).map(|d| cx.money(d));
    h.el("td class=\"n total\"", &amounts.unwrap_or_default())
        .raw("<td></td>");
    if with_interest {
        let all = if rows.iter().any(|(_, t)| t.interest.is_none()) {
            "-".to_string()
        } else {
            sum(rows.iter().filter_map(|(_, t)| t.interest))
                .map(|d| cx.money(d))
                .unwrap_or_default()
        };
        h.el("td class=\"n\"", &all);
    }
    h.raw("</tr></tfoot>\n</table>\n");
}

/// The payments made: date, payer, payee, amount, months, reference and the event.
fn payments(cx: &Cx<'_>, h: &mut Html) {
    h.raw("<h3>")
        .text(cx.w(&w::PAYMENTS_MADE))
        .raw("</h3>\n<table>\n<thead><tr>");
    for word in [
        &w::DATE,
        &w::PAYER,
        &w::PAYEE,
        &w::AMOUNT,
        &w::MONTHS,
        &w::REFERENCE,
        &w::EVENT,
    ] {
        h.el("th", cx.w(word));
    }
    h.raw("</tr></thead>\n<tbody>\n");
    for p in cx
        .input
        .paid
        .payments
        .iter()
        .filter(|p| cx.payee_shown(&p.payee))
    {
        let months: Vec<String> = p.months.iter().map(Month::to_string).collect();
        h.raw("<tr>")
            .el("td", &p.date.to_string())
            .el("td", &p.payer.0);
        h.el("td", &p.payee.0)
            .el("td class=\"n\"", &cx.money(p.amount));
        h.el("td", &months.join(", ")).el("td", &p.reference);
        h.raw("<td>");
        cx.cites(h, [&p.event]);
        h.raw("</td></tr>\n");
    }
    h.raw("</tbody>\n</table>\n");
}
