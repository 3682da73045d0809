//! Rendering a decision: a table for people (table.rs, in English or Danish), JSON for machines. Both are
//! byte-identical for the same inputs.
//!
//! Every amount is printed with exactly two decimals (JSON as a string, so that no reader turns it into floating
//! point), every line cites the `pay` statement it comes from as `file:line` and the events behind it, and the
//! header names the version of `cvl`, the contract's SHA-256 (of its text and every file it imports, each listed
//! with its own) and the SHA-256 of the events' bytes; a held month names where its hold is imposed and what
//! released it (provenance.rs). Every string from an event or a file name is printed through
//! `cvl_syntax::text::shown` in the table, and as `\u` escapes in the JSON (json.rs), so that none can act on a
//! terminal.

use std::io::{self, Write};

use rust_decimal::Decimal;
use serde::Serialize;

use cvl_eval::{Decision, Line};
use cvl_syntax::{Sources, Span};

use crate::provenance::{
    JsonCvl, JsonMeeting, JsonSource, JsonUse, json_cvl, json_meeting, json_sources, json_uses,
};
pub(crate) use crate::table::{grouped_in, table};

/// A decision with what it was decided from.
pub(crate) struct Report<'a> {
    pub contract_file: &'a str,
    pub contract_sha256: &'a str,
    /// The files the contract is made of, each with its SHA-256; `contract_sha256` is their listing's.
    pub files: &'a [cvl_log::SourceFile],
    pub events_file: &'a str,
    pub events_sha256: &'a str,
    /// How many entries of a signed log were verified (chain and signatures) before evaluating, and the last
    /// one's SHA-256 (the log's head); `None` for an unsigned events file, of which nothing was verified.
    pub verified: Option<(u64, String)>,
    pub decision: &'a Decision,
    pub sources: &'a Sources,
    /// The sources of each amended text given, by its SHA-256: what a line of an amended version cites.
    pub texts: Vec<(&'a str, &'a Sources)>,
    /// What was paid and is owed, with interest (cvl-dispute), when it is shown.
    pub reconciliation: Option<&'a cvl_dispute::Reconciliation>,
}

impl<'a> Report<'a> {
    /// The sources `line` cites its clause in: its version's (spec 9.13), or the contract's.
    pub(crate) fn sources_of(&self, line: &Line) -> &'a Sources {
        self.sources_at(line.version)
    }

    /// The sources of a version of the text (its place in the decision's versions), or the contract's.
    pub(crate) fn sources_at(&self, version: Option<usize>) -> &'a Sources {
        version
            .and_then(|v| self.decision.versions.get(v))
            .and_then(|v| self.texts.iter().find(|(sha, _)| *sha == v.sha256))
            .map_or(self.sources, |(_, sources)| *sources)
    }
}

/// `12345.6` as `12345.60`.
pub(crate) fn amount(value: Decimal) -> String {
    format!("{:.2}", cvl_eval::round_money(value))
}

/// `12345.6` as `12,345.60`.
pub(crate) fn grouped(value: Decimal) -> String {
    cvl_check::value::group_thousands(value, Some(2))
}

/// Where a span is, as `file:line`.
pub(crate) fn place(sources: &Sources, span: Option<Span>) -> String {
    let Some(span) = span else {
        return String::new();
    };
    match sources.get(span.file) {
        Some(source) => format!("{}:{}", source.name, source.line_col(span.start).line),
        None => String::new(),
    }
}

#[derive(Serialize)]
struct JsonDecision<'a> {
    /// The version of `cvl` that decided it.
    cvl: JsonCvl,
    contract_sha256: &'a str,
    /// Each file the contract is made of: the contract first, then each import.
    sources: Vec<JsonSource>,
    events_sha256: &'a str,
    /// `log` for a verified signed log, `events` for an unsigned file of which nothing was verified.
    source: &'static str,
    verified: bool,
    /// For a log: how many entries it has, and the SHA-256 of the last (its head).
    #[serde(skip_serializing_if = "Option::is_none")]
    entries: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    head_sha256: Option<String>,
    until: Option<String>,
    /// The versions of the text in force, when an amendment is (spec 9.13); left out otherwise.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    versions: Vec<JsonVersion>,
    payments: Vec<JsonPayment<'a>>,
    approvals: Vec<JsonApproval>,
    obligations: Vec<JsonObligation>,
    acts: Vec<JsonAct>,
    /// Left out when no expense is approved, so that the output of a contract without reimbursed items is as it was.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    expenses: Vec<JsonExpense>,
    /// Only with a `paid` event, `--rates` or the contract's own rate of interest (dispute.rs).
    #[serde(skip_serializing_if = "Option::is_none")]
    reconciliation: Option<crate::dispute::JsonReconciliation>,
    warnings: Vec<&'a str>,
}

#[derive(Serialize)]
struct JsonVersion {
    file: String,
    sha256: String,
    from: String,
    to: String,
    events: Vec<String>,
}

/// The version a line comes from.
#[derive(Serialize)]
struct JsonCited {
    file: String,
    sha256: String,
}

#[derive(Serialize)]
struct JsonExpense {
    item: String,
    payee: String,
    approved_by: String,
    amount: String,
    date: String,
    reference: String,
    event: String,
}

#[derive(Serialize)]
struct JsonAct {
    act: &'static str,
    subject: Option<String>,
    status: &'static str,
    done: Option<String>,
    signed: Vec<JsonSignature>,
    missing: Vec<String>,
}

#[derive(Serialize)]
struct JsonSignature {
    party: String,
    date: String,
    event: String,
}

#[derive(Serialize)]
struct JsonPayment<'a> {
    payee: String,
    period: String,
    lines: Vec<JsonLine<'a>>,
    withheld: String,
    held: Vec<JsonHold>,
    released: String,
    released_by: Vec<String>,
    /// The events in `released_by`, each with its date and actor.
    releases: Vec<JsonMeeting>,
    total: String,
    approved: String,
    flags: Vec<String>,
    unpaid_hours: Vec<JsonUnpaid>,
    provisional: bool,
}

#[derive(Serialize)]
struct JsonHold {
    obligation: String,
    party: String,
    due: String,
    grace_end: String,
    clause: String,
    /// The `when missed withhold` statement that imposes the hold.
    consequence: String,
    /// The `use` statements the obligation came through, the contract's own first; empty when the contract
    /// declares it.
    imposed_by: Vec<JsonUse>,
    released_in: Option<String>,
    released_by: Option<String>,
    /// The event in `released_by`, with its date and actor.
    release: Option<JsonMeeting>,
    /// The items it holds (`when missed withhold fee, …`); left out when it holds every line of the month.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    items: Vec<String>,
}

#[derive(Serialize)]
struct JsonApproval {
    invoice: String,
    sha256: String,
    event: String,
    date: String,
    line: String,
    item: String,
    payee: String,
    month: String,
    amount: String,
}

#[derive(Serialize)]
struct JsonUnpaid {
    item: String,
    hours: String,
    reason: &'static str,
}

#[derive(Serialize)]
struct JsonLine<'a> {
    item: &'a str,
    amount: String,
    basis: String,
    clause: String,
    /// Borrowed from the decision: a line's events are written as they are, not copied first.
    events: Vec<&'a str>,
    /// The version of the text the line comes from, when an amendment is in force (spec 9.13).
    #[serde(skip_serializing_if = "Option::is_none")]
    version: Option<JsonCited>,
}

#[derive(Serialize)]
struct JsonObligation {
    party: String,
    kind: String,
    due: String,
    status: &'static str,
    event: Option<String>,
    /// Whether it is a supplement's review at the end of a term (`kind` is the supplement); left out when not.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    review: bool,
}

fn json_line<'a>(report: &Report<'_>, line: &'a Line) -> JsonLine<'a> {
    JsonLine {
        item: &line.item.0,
        amount: amount(line.amount),
        basis: line.basis.to_string(),
        clause: place(report.sources_of(line), line.clause),
        events: line.events.iter().collect(),
        version: line
            .version
            .and_then(|v| report.decision.versions.get(v))
            .map(|v| JsonCited {
                file: v.file.clone(),
                sha256: v.sha256.clone(),
            }),
    }
}

pub(crate) fn json(report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
    let decision = report.decision;
    let value = JsonDecision {
        cvl: json_cvl(),
        contract_sha256: report.contract_sha256,
        sources: json_sources(report.files),
        events_sha256: report.events_sha256,
        source: if report.verified.is_some() {
            "log"
        } else {
            "events"
        },
        verified: report.verified.is_some(),
        entries: report.verified.as_ref().map(|(n, _)| *n),
        head_sha256: report.verified.as_ref().map(|(_, head)| head.clone()),
        until: decision.until.map(|d| d.to_string()),
        versions: decision
            .versions
            .iter()
            .map(|v| JsonVersion {
                file: v.file.clone(),
                sha256: v.sha256.clone(),
                from: v.from.to_string(),
                to: v.to.to_string(),
                events: v.events.clone(),
            })
            .collect(),
        payments: decision
            .payments
            .iter()
            .map(|p| JsonPayment {
                payee: p.payee.0.clone(),
                period: p.period.to_string(),
                lines: p.lines.iter().map(|l| json_line(report, l)).collect(),
                withheld: amount(p.withheld),
                held: p
                    .held
                    .iter()
                    .map(|h| JsonHold {
                        obligation: h.obligation.0.clone(),
                        party: h.party.0.clone(),
                        due: h.due.to_string(),
                        grace_end: h.grace_end.to_string(),
                        clause: place(report.sources_at(h.version), Some(h.clause)),
                        consequence: place(report.sources_at(h.version), h.consequence),
                        imposed_by: json_uses(report.sources_at(h.version), h),
                        released_in: h.released_in.map(|m| m.to_string()),
                        released_by: h.released_by.clone(),
                        release: h.release.as_ref().map(json_meeting),
                        items: h.items.iter().map(|i| i.0.clone()).collect(),
                    })
                    .collect(),
                released: amount(p.released),
                released_by: p.released_by.clone(),
                releases: p.released_meetings.iter().map(json_meeting).collect(),
                total: amount(p.total),
                approved: amount(p.approved),
                flags: p.flags.iter().map(ToString::to_string).collect(),
                unpaid_hours: p
                    .unpaid_hours
                    .iter()
                    .map(|u| JsonUnpaid {
                        item: u.item.0.clone(),
                        hours: u.hours.normalize().to_string(),
                        reason: u.reason.as_str(),
                    })
                    .collect(),
                provisional: p.provisional,
            })
            .collect(),
        approvals: decision
            .approvals
            .iter()
            .map(|a| JsonApproval {
                invoice: a.invoice.clone(),
                sha256: a.sha256.clone(),
                event: a.event.clone(),
                date: a.date.to_string(),
                line: a.line.clone(),
                item: a.item.0.clone(),
                payee: a.payee.0.clone(),
                month: a.month.to_string(),
                amount: amount(a.amount),
            })
            .collect(),
        obligations: decision
            .obligations
            .iter()
            .map(|o| JsonObligation {
                party: o.party.0.clone(),
                kind: o.kind.0.clone(),
                due: o.due.to_string(),
                status: o.status.as_str(),
                event: o.event.clone(),
                review: o.review,
            })
            .collect(),
        acts: decision
            .acts
            .iter()
            .map(|a| JsonAct {
                act: a.kind.as_str(),
                subject: a.subject.clone(),
                status: if a.done.is_some() { "done" } else { "pending" },
                done: a.done.map(|d| d.to_string()),
                signed: a
                    .signed
                    .iter()
                    .map(|(party, date, event)| JsonSignature {
                        party: party.0.clone(),
                        date: date.to_string(),
                        event: event.clone(),
                    })
                    .collect(),
                missing: a.missing.iter().map(|p| p.0.clone()).collect(),
            })
            .collect(),
        expenses: decision
            .expenses
            .iter()
            .map(|e| JsonExpense {
                item: e.item.0.clone(),
                payee: e.payee.0.clone(),
                approved_by: e.approved_by.0.clone(),
                amount: amount(e.amount),
                date: e.date.to_string(),
                reference: e.reference.clone(),
                event: e.event.clone(),
            })
            .collect(),
        reconciliation: report.reconciliation.map(crate::dispute::json),
        warnings: decision.warnings.iter().map(|w| w.as_str()).collect(),
    };
    crate::json::write(out, &value)
}
