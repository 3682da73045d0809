//! The report's last sections: the invoices and their verdicts (the audit of spec 12, when invoices are given),
//! the expenses approved and the warnings.

use crate::html::Html;
use crate::sections::{Cx, row};
use crate::words as w;

pub(crate) fn invoices(cx: &Cx<'_>, h: &mut Html) {
    h.raw("<section id=\"invoices\">\n<h2>")
        .text(cx.w(&w::INVOICES))
        .raw("</h2>\n");
    let Some(audit) = cx.input.audit else {
        h.raw("<p class=\"none\">")
            .text(cx.w(&w::NO_INVOICES))
            .raw("</p>\n</section>\n");
        return;
    };
    for invoice in &audit.invoices {
        h.raw("<article class=\"invoice\">\n");
        match &invoice.outcome {
            cvl_audit::Outcome::Refused(refusal) => {
                h.raw("<h3>").text(&invoice.file).raw("</h3>\n");
                h.raw("<p class=\"flag\">")
                    .text(&format!("{}: {refusal}", cx.w(&w::REFUSED)))
                    .raw("</p>\n");
            }
            cvl_audit::Outcome::Checked(checked) => invoice_checked(cx, h, invoice, checked),
        }
        h.raw("</article>\n");
    }
    h.raw("</section>\n");
}

fn invoice_checked(
    cx: &Cx<'_>,
    h: &mut Html,
    invoice: &cvl_audit::InvoiceAudit,
    checked: &cvl_audit::Checked,
) {
    let lang = cx.lang;
    let money = |d| lang.money(d, &checked.currency);
    h.raw("<h3>")
        .text(&format!("{} {}", cx.w(&w::INVOICE), checked.number))
        .raw("</h3>\n<table class=\"facts\">\n");
    row(h, cx.w(&w::FILE), &invoice.file);
    h.raw("<tr><th scope=\"row\">SHA-256</th><td class=\"hash\">")
        .text(&invoice.sha256)
        .raw("</td></tr>\n");
    row(h, cx.w(&w::ISSUED), &checked.issue_date.to_string());
    let supplier = match (&checked.supplier.party, &checked.supplier.name) {
        (Some(party), _) => cx.party(party),
        (None, Some(name)) => name.clone(),
        (None, None) => String::new(),
    };
    row(h, cx.w(&w::PAYEE), &supplier);
    row(h, cx.w(&w::CLAIMED), &money(checked.claimed));
    row(h, cx.w(&w::APPROVED), &money(checked.approved));
    if !checked.recorded.is_empty() {
        row(h, cx.w(&w::RECORDED), &checked.recorded.join(", "));
    }
    h.raw("</table>\n");
    for problem in &checked.problems {
        h.raw("<p class=\"flag\">")
            .text(&problem.text)
            .raw("</p>\n");
    }
    h.raw("<table class=\"lines\">\n<thead><tr>");
    for word in [
        &w::LINE,
        &w::ITEM,
        &w::MONTHS,
        &w::CLAIMED,
        &w::APPROVED,
        &w::WITHHELD,
        &w::VERDICT,
        &w::REASONS,
    ] {
        h.el("th", cx.w(word));
    }
    h.raw("</tr></thead>\n<tbody>\n");
    for line in &checked.lines {
        let verdict = match line.verdict {
            cvl_audit::Verdict::Approved => "<tr class=\"met\">",
            cvl_audit::Verdict::Reduced => "<tr class=\"late\">",
            cvl_audit::Verdict::Held | cvl_audit::Verdict::Rejected => "<tr class=\"missed\">",
        };
        h.raw(verdict).el("td", &line.id).el("td", &line.item);
        h.el("td", &format!("{} – {}", line.period.0, line.period.1));
        h.el("td class=\"n\"", &money(line.claimed));
        h.el("td class=\"n\"", &money(line.approved));
        h.el("td class=\"n\"", &money(line.held));
        h.el("td", line.verdict.as_str())
            .raw("<td><ul class=\"reasons\">");
        for reason in &line.reasons {
            h.raw("<li>").text(&reason.text);
            if let Some(span) = reason.clause {
                h.raw(" <cite>").text(&cx.place(span)).raw("</cite>");
            }
            if !reason.events.is_empty() {
                h.raw(" [").text(&reason.events.join(", ")).raw("]");
            }
            h.raw("</li>");
        }
        h.raw("</ul></td></tr>\n");
    }
    h.raw("</tbody>\n</table>\n");
}

pub(crate) fn warnings(cx: &Cx<'_>, h: &mut Html) {
    let decision = cx.input.decision;
    if !decision.expenses.is_empty() {
        h.raw("<section id=\"expenses\">\n<h2>")
            .text(cx.w(&w::EXPENSES))
            .raw("</h2>\n<table>\n<thead><tr>");
        for word in [
            &w::DATE,
            &w::ITEM,
            &w::AMOUNT,
            &w::PAYEE,
            &w::PAYER,
            &w::REFERENCE,
            &w::EVENT,
        ] {
            h.el("th", cx.w(word));
        }
        h.raw("</tr></thead>\n<tbody>\n");
        for e in decision
            .expenses
            .iter()
            .filter(|e| cx.payee_shown(&e.payee))
        {
            h.raw("<tr>")
                .el("td", &e.date.to_string())
                .el("td", &e.item.0);
            h.el("td class=\"n\"", &cx.money(e.amount))
                .el("td", &e.payee.0);
            h.el("td", &e.approved_by.0).el("td", &e.reference);
            h.raw("<td>");
            cx.cites(h, [&e.event]);
            h.raw("</td></tr>\n");
        }
        h.raw("</tbody>\n</table>\n</section>\n");
    }
    if !decision.warnings.is_empty() {
        h.raw("<section id=\"warnings\">\n<h2>")
            .text(cx.w(&w::WARNINGS))
            .raw("</h2>\n<ul>\n");
        for warning in &decision.warnings {
            h.raw("<li>").text(warning).raw("</li>\n");
        }
        h.raw("</ul>\n</section>\n");
    }
}
