//! The report's sections, in order: the header (files, hashes, verification, version, the command), the timeline
//! (timeline.rs), the summary month by month, paid and outstanding, each month in detail (lines with their basis,
//! the clause quoted from the contract and the events with their signer and entry hash; what is held and why; what
//! is released and by which event), the obligations and the acts; the invoices, the expenses and the warnings are
//! appendix.rs. Every section starts a new printed page.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use cvl_check::model::PartyId;
use cvl_eval::{ActKind, Month, Payment, Status};
use cvl_syntax::{Sources, Span};

use crate::html::Html;
use crate::words::{self as w, Lang};
use crate::{EntryRef, ReportInput};

const STYLE: &str = include_str!("style.css");

/// What every section needs: the input, the language, the currency and the entries by id.
pub(crate) struct Cx<'a> {
    pub input: &'a ReportInput<'a>,
    pub lang: Lang,
    pub currency: String,
    entries: BTreeMap<&'a str, Vec<&'a EntryRef>>,
}

impl<'a> Cx<'a> {
    fn new(input: &'a ReportInput<'a>, lang: Lang) -> Self {
        // The contract's one currency (spec 2.6, E0056): every amount of the report is in it.
        let currency = input.contract.currency().unwrap_or("DKK").to_string();
        let mut entries: BTreeMap<&str, Vec<&EntryRef>> = BTreeMap::new();
        for entry in input.entries {
            entries.entry(entry.id.as_str()).or_default().push(entry);
        }
        Cx {
            input,
            lang,
            currency,
            entries,
        }
    }

    pub fn w(&self, word: &w::Word) -> &'static str {
        self.lang.w(word)
    }

    pub fn money(&self, value: Decimal) -> String {
        self.lang.money(value, &self.currency)
    }

    pub fn month_shown(&self, month: Month) -> bool {
        self.input
            .months
            .is_none_or(|(first, last)| first <= month && month <= last)
    }

    pub fn payee_shown(&self, payee: &PartyId) -> bool {
        self.input.payee.is_none_or(|p| p == payee)
    }

    /// The payments the report is about: of the payee and months chosen.
    pub fn payments(&self) -> impl Iterator<Item = &'a Payment> + '_ {
        self.input
            .decision
            .payments
            .iter()
            .filter(|p| self.payee_shown(&p.payee) && self.month_shown(p.period))
    }

    /// The entries with this id (ids need not be unique: each is cited).
    pub fn entries(&self, id: &str) -> &[&'a EntryRef] {
        self.entries.get(id).map_or(&[], Vec::as_slice)
    }

    /// Every entry, in the file's order.
    pub fn all_entries(&self) -> &'a [EntryRef] {
        self.input.entries
    }

    /// The sources a line's clause is in: its version's when an amendment is in force (spec 9.13), else the
    /// contract's.
    fn sources_of(&self, line: &cvl_eval::Line) -> &'a Sources {
        self.sources_at(line.version)
    }

    /// The sources of a version of the text (its place in the decision's versions), or the contract's.
    fn sources_at(&self, version: Option<usize>) -> &'a Sources {
        version
            .and_then(|v| self.input.decision.versions.get(v))
            .and_then(|v| self.input.texts.iter().find(|(sha, _)| *sha == v.sha256))
            .map_or(self.input.sources, |(_, sources)| *sources)
    }

    /// Where a span is, as `file:line`.
    pub fn place(&self, span: Span) -> String {
        self.place_in(self.input.sources, span)
    }

    fn place_in(&self, sources: &Sources, span: Span) -> String {
        match sources.get(span.file) {
            Some(source) => format!("{}:{}", source.name, source.line_col(span.start).line),
            None => String::new(),
        }
    }

    /// The clause's own text, quoted from its file, with where it is.
    fn quote(&self, h: &mut Html, span: Span) {
        self.quote_in(h, self.input.sources, span);
    }

    /// [`Self::quote`], from `sources`.
    fn quote_in(&self, h: &mut Html, sources: &Sources, span: Span) {
        let Some(source) = sources.get(span.file) else {
            return;
        };
        h.raw("<blockquote class=\"clause\"><cite>")
            .text(&self.place_in(sources, span))
            .raw("</cite><pre>")
            .source(source.slice(span))
            .raw("</pre></blockquote>");
    }

    /// The events with this id: date, kind, signer (or sender) and the entry's SHA-256.
    fn cite(&self, h: &mut Html, id: &str) {
        let found = self.entries(id);
        if found.is_empty() {
            h.raw("<li><code>").text(id).raw("</code></li>");
            return;
        }
        for entry in found {
            h.raw("<li><code>").text(&entry.id).raw("</code> ");
            h.text(&entry.date.to_string()).raw(" · ").text(&entry.kind);
            match &entry.sha256 {
                Some(hash) => {
                    h.raw(" · ").text(self.w(&w::SIGNER)).raw(": ");
                    h.el("b", &entry.actor);
                    if let Some(seq) = entry.seq {
                        h.raw(" · #").text(&seq.to_string());
                    }
                    h.raw("<br><span class=\"hash\">")
                        .text(self.w(&w::ENTRY_HASH))
                        .raw(": ")
                        .text(hash)
                        .raw("</span>");
                }
                None => {
                    h.raw(" · ").text(self.w(&w::ACTOR)).raw(": ");
                    h.el("b", &entry.actor);
                    h.raw(" · ").text(self.w(&w::NO_HASH));
                }
            }
            h.raw("</li>");
        }
    }

    pub fn cites<I: AsRef<str>>(&self, h: &mut Html, ids: impl IntoIterator<Item = I>) {
        h.raw("<ul class=\"events\">");
        for id in ids {
            self.cite(h, id.as_ref());
        }
        h.raw("</ul>");
    }

    pub fn party(&self, id: &PartyId) -> String {
        match self
            .input
            .contract
            .party(id)
            .and_then(|p| p.title.as_deref())
        {
            Some(title) => format!("{} ({title})", id.0),
            None => id.0.clone(),
        }
    }
}

/// A sum that cannot overflow the page: `None` when it would.
fn sum(values: impl IntoIterator<Item = Decimal>) -> Option<Decimal> {
    values
        .into_iter()
        .try_fold(Decimal::ZERO, |a, b| a.checked_add(b))
}

pub(crate) fn page(input: &ReportInput<'_>, lang: Lang) -> String {
    let cx = Cx::new(input, lang);
    let mut h = Html::default();
    h.raw("<!DOCTYPE html>\n<html lang=\"")
        .raw(lang.code())
        .raw("\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
        .text(cx.w(&w::TITLE))
        .raw(": ")
        .text(&input.contract.name)
        .raw("</title>\n<style>\n")
        .raw(STYLE)
        .raw("</style>\n</head>\n<body>\n");
    header(&cx, &mut h);
    crate::timeline::section(&cx, &mut h);
    summary(&cx, &mut h);
    crate::paid::section(&cx, &mut h);
    detail(&cx, &mut h);
    obligations(&cx, &mut h);
    acts(&cx, &mut h);
    crate::appendix::invoices(&cx, &mut h);
    crate::appendix::warnings(&cx, &mut h);
    h.raw("</body>\n</html>\n");
    h.finish()
}

pub(crate) fn row(h: &mut Html, label: &str, value: &str) {
    h.raw("<tr><th scope=\"row\">")
        .text(label)
        .raw("</th><td>")
        .text(value)
        .raw("</td></tr>\n");
}

fn header(cx: &Cx<'_>, h: &mut Html) {
    let input = cx.input;
    let contract = input.contract;
    h.raw("<header>\n<h1>").text(cx.w(&w::TITLE)).raw("</h1>\n");
    h.raw("<p class=\"contract\">")
        .text(contract.title.as_deref().unwrap_or(&contract.name))
        .raw("</p>\n<table class=\"facts\">\n");
    row(h, cx.w(&w::CONTRACT), &contract.name);
    if let Some(case) = &contract.case_ref {
        row(h, cx.w(&w::CASE), case);
    }
    row(h, cx.w(&w::REPORT_DATE), &input.date.to_string());
    let until = input
        .decision
        .until
        .map(|d| d.to_string())
        .unwrap_or_default();
    row(h, cx.w(&w::DECIDED_AS_OF), &until);
    let payee = input
        .payee
        .map_or_else(|| cx.w(&w::ALL_PAYEES).to_string(), |p| cx.party(p));
    let months = input.months.map_or_else(
        || cx.w(&w::ALL_MONTHS).to_string(),
        |(first, last)| format!("{first} – {last}"),
    );
    row(
        h,
        cx.w(&w::SELECTION),
        &format!(
            "{}: {payee}; {}: {months}",
            cx.w(&w::PAYEE),
            cx.w(&w::MONTHS)
        ),
    );
    let verified = match &input.events.verified {
        Some((entries, _)) => format!("{} {entries} {}", cx.w(&w::VERIFIED_LOG), cx.w(&w::ENTRIES)),
        None => cx.w(&w::NOT_VERIFIED).to_string(),
    };
    row(h, cx.w(&w::VERIFIED), &verified);
    row(h, cx.w(&w::VERSION), input.version);
    h.raw("</table>\n");

    h.raw("<h2>").text(cx.w(&w::FILES)).raw("</h2>\n");
    h.raw("<table class=\"files\">\n<thead><tr><th>")
        .text(cx.w(&w::FILE))
        .raw("</th><th>")
        .text(cx.w(&w::ROLE))
        .raw("</th><th>SHA-256</th></tr></thead>\n<tbody>\n");
    for file in input.files {
        let role = match file.role {
            cvl_log::Role::Contract => cx.w(&w::ROLE_CONTRACT).to_string(),
            cvl_log::Role::Module => format!("{} `{}`", cx.w(&w::ROLE_MODULE), file.name),
            cvl_log::Role::File => format!("{} `{}`", cx.w(&w::ROLE_FILE), file.name),
        };
        h.raw("<tr>").el("td", &file.shown).el("td", &role);
        h.el("td class=\"hash\"", &cvl_log::hex(&file.sha256))
            .raw("</tr>\n");
    }
    let role = match input.events.verified {
        Some(_) => cx.w(&w::ROLE_LOG),
        None => cx.w(&w::ROLE_EVENTS),
    };
    h.raw("<tr>").el("td", input.events.file).el("td", role);
    h.el("td class=\"hash\"", input.events.sha256)
        .raw("</tr>\n</tbody>\n</table>\n<table class=\"facts\">\n");
    h.raw("<tr><th scope=\"row\">")
        .text(cx.w(&w::CONTRACT_SHA))
        .raw("</th><td class=\"hash\">")
        .text(input.contract_sha256)
        .raw("</td></tr>\n");
    if let Some((_, head)) = &input.events.verified {
        h.raw("<tr><th scope=\"row\">")
            .text(cx.w(&w::HEAD))
            .raw("</th><td class=\"hash\">")
            .text(head)
            .raw("</td></tr>\n");
    }
    h.raw("</table>\n<h2>")
        .text(cx.w(&w::COMMAND))
        .raw("</h2>\n");
    h.raw("<pre class=\"command\">")
        .text(input.command)
        .raw("</pre>\n");

    h.raw("<h2>")
        .text(cx.w(&w::PARTIES))
        .raw("</h2>\n<table>\n<thead><tr><th>");
    h.text(cx.w(&w::PARTY))
        .raw("</th><th>")
        .text(cx.w(&w::ROLE));
    h.raw("</th><th>CVR</th><th>")
        .text(cx.w(&w::KEY))
        .raw("</th></tr></thead>\n<tbody>\n");
    for party in &contract.parties {
        // The role as the contract writes it (`role payer`).
        let role = party.role.and_then(|r| {
            cvl_check::model::Role::ALL
                .iter()
                .find(|(_, known)| *known == r)
                .map(|(name, _)| *name)
        });
        h.raw("<tr>").el("td", &cx.party(&party.id));
        h.el("td", role.unwrap_or(""));
        h.el("td", party.cvr.as_deref().unwrap_or(""));
        h.el("td class=\"hash\"", party.key.as_deref().unwrap_or(""))
            .raw("</tr>\n");
    }
    h.raw("</tbody>\n</table>\n</header>\n");
}

fn summary(cx: &Cx<'_>, h: &mut Html) {
    h.raw("<section id=\"summary\">\n<h2>")
        .text(cx.w(&w::SUMMARY))
        .raw("</h2>\n<table class=\"figures\">\n<thead><tr>");
    for word in [
        &w::PAYEE,
        &w::MONTH,
        &w::DECIDED,
        &w::WITHHELD,
        &w::RELEASED,
        &w::TOTAL,
        &w::APPROVED,
    ] {
        h.el("th", cx.w(word));
    }
    h.raw("</tr></thead>\n<tbody>\n");
    let mut totals = Vec::new();
    for payment in cx.payments() {
        let decided = sum(payment.lines.iter().map(|l| l.amount));
        let mut month = payment.period.to_string();
        if payment.provisional {
            month.push_str(" *");
        }
        h.raw("<tr>").el("td", &payment.payee.0).el("td", &month);
        h.el(
            "td class=\"n\"",
            &decided.map(|d| cx.money(d)).unwrap_or_default(),
        );
        h.el("td class=\"n\"", &cx.money(payment.withheld));
        h.el("td class=\"n\"", &cx.money(payment.released));
        h.el("td class=\"n total\"", &cx.money(payment.total));
        h.el("td class=\"n\"", &cx.money(payment.approved))
            .raw("</tr>\n");
        totals.push(payment.total);
    }
    h.raw("</tbody>\n<tfoot><tr><th colspan=\"5\">")
        .text(cx.w(&w::TOTAL))
        .raw("</th>");
    h.el(
        "td class=\"n total\"",
        &sum(totals).map(|d| cx.money(d)).unwrap_or_default(),
    );
    h.raw("<td></td></tr></tfoot>\n</table>\n");
    if cx.payments().any(|p| p.provisional) {
        h.raw("<p class=\"note\">* ")
            .text(cx.w(&w::PROVISIONAL))
            .raw("</p>\n");
    }
    h.raw("</section>\n");
}

fn detail(cx: &Cx<'_>, h: &mut Html) {
    h.raw("<section id=\"months\">\n<h2>")
        .text(cx.w(&w::DETAIL))
        .raw("</h2>\n");
    for payment in cx.payments() {
        month(cx, h, payment);
    }
    h.raw("</section>\n");
}

fn month(cx: &Cx<'_>, h: &mut Html, p: &Payment) {
    h.raw("<article class=\"month\">\n<h3>")
        .text(&format!(
            "{} · {} · {} {}",
            p.period,
            cx.party(&p.payee),
            cx.w(&w::TOTAL),
            cx.money(p.total)
        ))
        .raw("</h3>\n");
    if p.provisional {
        h.raw("<p class=\"note\">")
            .text(cx.w(&w::PROVISIONAL))
            .raw("</p>\n");
    }
    h.raw("<table class=\"lines\">\n<thead><tr>");
    for word in [&w::ITEM, &w::AMOUNT, &w::BASIS, &w::CLAUSE, &w::EVENTS] {
        h.el("th", cx.w(word));
    }
    h.raw("</tr></thead>\n<tbody>\n");
    for line in &p.lines {
        h.raw("<tr>").el("td", &line.item.0);
        h.el("td class=\"n\"", &cx.money(line.amount))
            .el("td", &cx.lang.basis(&line.basis.to_string()))
            .raw("<td>");
        if let Some(span) = line.clause {
            cx.quote_in(h, cx.sources_of(line), span);
        }
        if let Some(v) = line.version.and_then(|v| cx.input.decision.versions.get(v)) {
            h.raw("<p class=\"note\">")
                .text(&format!("{} sha256:{}", v.file, v.sha256))
                .raw("</p>");
        }
        h.raw("</td><td>");
        cx.cites(h, &line.events);
        h.raw("</td></tr>\n");
    }
    h.raw("</tbody>\n</table>\n");
    if !p.withheld.is_zero() || !p.held.is_empty() {
        h.raw("<div class=\"held\">\n<p><b>")
            .text(cx.w(&w::WITHHELD))
            .raw(": ")
            .text(&cx.money(p.withheld))
            .raw("</b></p>\n");
        for hold in &p.held {
            h.raw("<p>").text(cx.w(&w::HELD_BY)).raw(": ");
            h.raw("<code>").text(&hold.obligation.0).raw("</code> (");
            h.text(&cx.party(&hold.party)).raw(") ");
            h.text(&format!(
                "{} {}, {}, {} {}",
                cx.w(&w::DUE),
                hold.due,
                cx.w(&w::MISSED),
                cx.w(&w::GRACE_END),
                hold.grace_end
            ));
            match (&hold.released_in, &hold.released_by) {
                (Some(month), by) => {
                    h.text(&format!("; {} {month}", cx.w(&w::RELEASED_IN)));
                    if let Some(by) = by {
                        h.text(&format!(" {} ", cx.w(&w::RELEASED_BY)));
                        h.raw("<code>").text(by).raw("</code>");
                    }
                }
                (None, _) => {
                    h.text(&format!("; {}", cx.w(&w::NOT_RELEASED)));
                }
            }
            h.raw("</p>\n");
            cx.quote_in(h, cx.sources_at(hold.version), hold.clause);
            if let Some(by) = &hold.released_by {
                cx.cites(h, [by]);
            }
        }
        h.raw("</div>\n");
    }
    if !p.released.is_zero() {
        let from: Vec<String> = p.released_from.iter().map(Month::to_string).collect();
        h.raw("<div class=\"released\">\n<p><b>")
            .text(cx.w(&w::RELEASED))
            .raw(": ")
            .text(&cx.money(p.released))
            .raw("</b> ")
            .text(&format!(
                "{} {} {}",
                cx.w(&w::RELEASED_FROM).to_lowercase(),
                from.join(", "),
                cx.w(&w::RELEASED_BY)
            ))
            .raw("</p>\n");
        cx.cites(h, &p.released_by);
        h.raw("</div>\n");
    }
    if !p.approved.is_zero() {
        h.raw("<p>")
            .text(&format!("{}: {}", cx.w(&w::APPROVED), cx.money(p.approved)))
            .raw("</p>\n");
    }
    for flag in &p.flags {
        h.raw("<p class=\"flag\">")
            .text(&format!("{}: {flag}", cx.w(&w::FLAGGED)))
            .raw("</p>\n");
    }
    for unpaid in &p.unpaid_hours {
        h.raw("<p class=\"flag\">")
            .text(&format!(
                "{}: {} {} ({})",
                cx.w(&w::UNPAID_HOURS),
                unpaid.item.0,
                cx.lang.number(unpaid.hours.normalize()),
                cx.w(match unpaid.reason {
                    cvl_eval::Unpaid::OutsideContract => &w::UNPAID_OUTSIDE_CONTRACT,
                    cvl_eval::Unpaid::OutsideItem => &w::UNPAID_OUTSIDE_ITEM,
                    cvl_eval::Unpaid::NotConfirmed => &w::UNPAID_NOT_CONFIRMED,
                    cvl_eval::Unpaid::OverCap => &w::UNPAID_OVER_CAP,
                })
            ))
            .raw("</p>\n");
    }
    h.raw("</article>\n");
}

pub(crate) fn status_word(status: Status) -> &'static w::Word {
    match status {
        Status::Met => &w::ST_MET,
        Status::Late => &w::ST_LATE,
        Status::Missed => &w::ST_MISSED,
        Status::Pending => &w::ST_PENDING,
    }
}

fn obligations(cx: &Cx<'_>, h: &mut Html) {
    h.raw("<section id=\"obligations\">\n<h2>")
        .text(cx.w(&w::OBLIGATIONS))
        .raw("</h2>\n");
    for obligation in &cx.input.contract.obligations {
        h.raw("<h3>").text(&obligation.id.0);
        if let Some(title) = &obligation.title {
            h.raw(": ").text(title);
        }
        h.raw("</h3>\n");
        cx.quote(h, obligation.span);
        h.raw("<table>\n<thead><tr>");
        for word in [&w::PARTY, &w::DUE, &w::STATUS, &w::MET_ON, &w::EVENT] {
            h.el("th", cx.w(word));
        }
        h.raw("</tr></thead>\n<tbody>\n");
        let rows = cx
            .input
            .decision
            .obligations
            .iter()
            .filter(|o| o.kind == obligation.id && cx.month_shown(Month::of(o.due)));
        for o in rows {
            let class = match o.status {
                Status::Met => "<tr class=\"met\">",
                Status::Late => "<tr class=\"late\">",
                Status::Missed => "<tr class=\"missed\">",
                Status::Pending => "<tr class=\"pending\">",
            };
            h.raw(class)
                .el("td", &o.party.0)
                .el("td", &o.due.to_string());
            h.el("td", cx.w(status_word(o.status)));
            h.el("td", &o.met_on.map(|d| d.to_string()).unwrap_or_default());
            h.raw("<td>");
            if let Some(event) = &o.event {
                cx.cites(h, [event]);
            }
            h.raw("</td></tr>\n");
        }
        h.raw("</tbody>\n</table>\n");
    }
    h.raw("</section>\n");
}

pub(crate) fn act_word(kind: ActKind) -> &'static w::Word {
    match kind {
        ActKind::Signing => &w::ACT_SIGNING,
        ActKind::Termination => &w::ACT_TERMINATION,
        ActKind::Amendment => &w::ACT_AMENDMENT,
    }
}

fn acts(cx: &Cx<'_>, h: &mut Html) {
    h.raw("<section id=\"acts\">\n<h2>")
        .text(cx.w(&w::ACTS))
        .raw("</h2>\n");
    for act in &cx.input.decision.acts {
        h.raw("<h3>").text(cx.w(act_word(act.kind)));
        if let Some(subject) = &act.subject {
            h.raw(": ").text(subject);
        }
        let status = match act.done {
            Some(done) => format!("{} {done}", cx.w(&w::DONE)),
            None => cx.w(&w::PENDING).to_string(),
        };
        h.raw(" · ")
            .text(&status)
            .raw("</h3>\n<table>\n<thead><tr>");
        for word in [&w::PARTY, &w::SIGNED, &w::EVENT] {
            h.el("th", cx.w(word));
        }
        h.raw("</tr></thead>\n<tbody>\n");
        for (party, date, event) in &act.signed {
            h.raw("<tr>")
                .el("td", &cx.party(party))
                .el("td", &date.to_string());
            h.raw("<td>");
            cx.cites(h, [event]);
            h.raw("</td></tr>\n");
        }
        for party in &act.missing {
            h.raw("<tr class=\"missed\">").el("td", &cx.party(party));
            h.el("td", cx.w(&w::MISSING)).raw("<td></td></tr>\n");
        }
        h.raw("</tbody>\n</table>\n");
    }
    h.raw("</section>\n");
}
