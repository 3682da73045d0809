//! Rendering an invoice audit: a table for people, JSON for programs, CSV (one row per invoice line) for a
//! finance system. All three are byte-identical for the same inputs; amounts have exactly two decimals (JSON as
//! strings); every reason cites its clause as `file:line` and the events behind it; text from an invoice is shown
//! through `cvl_syntax::text::shown` in the table and CSV, and escaped in the JSON (json.rs).

use std::io::{self, Write};

use rust_decimal::Decimal;
use serde::Serialize;

use cvl_audit::{Audit, Checked, InvoiceAudit, LineAudit, Outcome, Reason};
use cvl_syntax::Sources;
use cvl_syntax::text::shown;

use cvl_audit::{amount, money as grouped};

use crate::decision::place;
use crate::eval::Decided;
use crate::provenance::{JsonCvl, JsonSource, json_cvl, json_sources, version};

#[derive(Serialize)]
struct JsonAudit<'a> {
    /// The version of `cvl` that checked the invoices.
    cvl: JsonCvl,
    contract_sha256: &'a str,
    /// Each file the contract is made of: the contract first, then each import.
    sources: Vec<JsonSource>,
    log_sha256: &'a str,
    source: &'static str,
    verified: bool,
    until: Option<String>,
    invoices: Vec<JsonInvoice>,
}

#[derive(Serialize)]
struct JsonInvoice {
    file: String,
    sha256: String,
    status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    refused: Option<JsonRefusal>,
    #[serde(skip_serializing_if = "Option::is_none")]
    kind: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    profile: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    number: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    issue_date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    supplier: Option<JsonSupplier>,
    #[serde(skip_serializing_if = "Option::is_none")]
    currency: Option<String>,
    claimed: String,
    approved: String,
    problems: Vec<JsonReason>,
    recorded: Vec<String>,
    lines: Vec<JsonLine>,
}

#[derive(Serialize)]
struct JsonRefusal {
    element: Option<String>,
    line: Option<usize>,
    column: Option<usize>,
    message: String,
    help: Option<String>,
}

#[derive(Serialize)]
struct JsonSupplier {
    party: Option<String>,
    name: Option<String>,
    cvr: Vec<String>,
}

#[derive(Serialize)]
struct JsonLine {
    id: String,
    item: String,
    period: JsonPeriod,
    quantity: String,
    unit: String,
    claimed: String,
    approved: String,
    held: String,
    verdict: &'static str,
    reasons: Vec<JsonReason>,
    approvals: Vec<JsonApproval>,
    recorded: Vec<JsonRecorded>,
}

/// What the log recorded for a line already, by the entries named.
#[derive(Serialize)]
struct JsonRecorded {
    item: String,
    payee: String,
    month: String,
    amount: String,
    events: Vec<String>,
}

#[derive(Serialize)]
struct JsonPeriod {
    start: String,
    end: String,
}

#[derive(Serialize)]
struct JsonReason {
    kind: &'static str,
    text: String,
    clause: String,
    events: Vec<String>,
}

#[derive(Serialize)]
struct JsonApproval {
    item: String,
    payee: String,
    month: String,
    amount: String,
}

/// Text from an invoice file as the JSON holds it: CPR-like numbers masked, as every output masks them (spec 6);
/// hidden characters are escaped by the JSON writer (json.rs).
fn masked(text: &str) -> String {
    cvl_syntax::cpr::mask(text).into_owned()
}

/// A reason kind's name in the output.
fn kind_name(reason: &Reason) -> &'static str {
    use cvl_audit::ReasonKind as K;
    match reason.kind {
        K::Decided => "decided",
        K::Reference => "reference",
        K::Supplier => "supplier",
        K::Item => "item",
        K::Price => "price",
        K::Quantity => "quantity",
        K::Period => "period",
        K::Approved => "approved_before",
        K::Held => "held",
        K::Currency => "currency",
        K::Vat => "vat",
        K::Totals => "totals",
        K::Credit => "credit",
        K::Record => "not_recordable",
    }
}

fn json_reason(sources: &Sources, reason: &Reason) -> JsonReason {
    JsonReason {
        kind: kind_name(reason),
        text: masked(&reason.text),
        clause: place(sources, reason.clause),
        events: reason.events.clone(),
    }
}

/// An invoice's status in a word: `approved` when every line is approved in full and nothing is wrong with the
/// document, `refused` when it could not be read or matched, else `not_approved`.
fn status(invoice: &InvoiceAudit) -> &'static str {
    match &invoice.outcome {
        Outcome::Refused(_) => "refused",
        Outcome::Checked(checked) if fully_approved(checked) => "approved",
        Outcome::Checked(_) => "not_approved",
    }
}

fn fully_approved(checked: &Checked) -> bool {
    checked.problems.is_empty()
        && checked
            .lines
            .iter()
            .all(|l| l.verdict == cvl_audit::Verdict::Approved)
}

fn json_line(sources: &Sources, line: &LineAudit) -> JsonLine {
    JsonLine {
        id: masked(&line.id),
        item: masked(&line.item),
        period: JsonPeriod {
            start: line.period.0.to_string(),
            end: line.period.1.to_string(),
        },
        quantity: line.quantity.normalize().to_string(),
        unit: masked(&line.unit_code),
        claimed: amount(line.claimed),
        approved: amount(line.approved),
        held: amount(line.held),
        verdict: line.verdict.as_str(),
        reasons: line
            .reasons
            .iter()
            .map(|r| json_reason(sources, r))
            .collect(),
        approvals: line
            .approvals
            .iter()
            .map(|a| JsonApproval {
                item: a.item.0.clone(),
                payee: a.payee.0.clone(),
                month: a.month.to_string(),
                amount: amount(a.amount),
            })
            .collect(),
        recorded: line
            .recorded
            .iter()
            .map(|r| JsonRecorded {
                item: r.item.0.clone(),
                payee: r.payee.0.clone(),
                month: r.month.to_string(),
                amount: amount(r.amount),
                events: r.events.iter().map(|e| masked(e)).collect(),
            })
            .collect(),
    }
}

fn json_invoice(sources: &Sources, invoice: &InvoiceAudit) -> JsonInvoice {
    let mut json = JsonInvoice {
        file: masked(&invoice.file),
        sha256: invoice.sha256.clone(),
        status: status(invoice),
        refused: None,
        kind: None,
        profile: None,
        number: None,
        issue_date: None,
        supplier: None,
        currency: None,
        claimed: amount(Decimal::ZERO),
        approved: amount(Decimal::ZERO),
        problems: Vec::new(),
        recorded: Vec::new(),
        lines: Vec::new(),
    };
    match &invoice.outcome {
        Outcome::Refused(refusal) => {
            json.refused = Some(JsonRefusal {
                element: refusal.path.as_deref().map(masked),
                line: refusal.position.map(|p| p.line),
                column: refusal.position.map(|p| p.column),
                message: masked(&refusal.message),
                help: refusal.help.as_deref().map(masked),
            });
        }
        Outcome::Checked(checked) => {
            json.kind = Some(match checked.kind {
                cvl_invoice::DocumentKind::Invoice => "invoice",
                cvl_invoice::DocumentKind::CreditNote => "credit_note",
            });
            json.profile = Some(checked.profile.name());
            json.number = Some(masked(&checked.number));
            json.issue_date = Some(checked.issue_date.to_string());
            json.supplier = Some(JsonSupplier {
                party: checked.supplier.party.as_ref().map(|p| p.0.clone()),
                name: checked.supplier.name.as_deref().map(masked),
                cvr: checked.supplier.cvr.clone(),
            });
            json.currency = Some(masked(&checked.currency));
            json.claimed = amount(checked.claimed);
            json.approved = amount(checked.approved);
            json.problems = checked
                .problems
                .iter()
                .map(|r| json_reason(sources, r))
                .collect();
            json.recorded = checked.recorded.clone();
            json.lines = checked
                .lines
                .iter()
                .map(|l| json_line(sources, l))
                .collect();
        }
    }
    json
}

pub(crate) fn json(decided: &Decided, audit: &Audit, out: &mut dyn Write) -> io::Result<()> {
    let sources = &decided.loaded.sources;
    let value = JsonAudit {
        cvl: json_cvl(),
        contract_sha256: decided.loaded.sha256_hex(),
        sources: json_sources(&decided.loaded.files),
        log_sha256: &decided.events_sha256,
        source: if decided.verified.is_some() {
            "log"
        } else {
            "events"
        },
        verified: decided.verified.is_some(),
        until: decided.decision.until.map(|d| d.to_string()),
        invoices: audit
            .invoices
            .iter()
            .map(|i| json_invoice(sources, i))
            .collect(),
    };
    crate::json::write(out, &value)
}

/// The reason's words with its clause and events: `… (placement.cvl:31; events sig-1, sig-2)`.
fn reason_line(sources: &Sources, reason: &Reason) -> String {
    let mut cites = Vec::new();
    let clause = place(sources, reason.clause);
    if !clause.is_empty() {
        cites.push(clause);
    }
    if !reason.events.is_empty() {
        cites.push(format!("events {}", reason.events.join(", ")));
    }
    if cites.is_empty() {
        shown(&reason.text).into_owned()
    } else {
        format!("{} ({})", shown(&reason.text), shown(&cites.join("; ")))
    }
}

pub(crate) fn table(decided: &Decided, audit: &Audit, out: &mut dyn Write) -> io::Result<()> {
    let sources = &decided.loaded.sources;
    writeln!(out, "checked by {}", version())?;
    writeln!(
        out,
        "contract  {}  sha256 {}",
        shown(&decided.loaded.name),
        decided.loaded.sha256_hex()
    )?;
    for file in &decided.loaded.files {
        writeln!(
            out,
            "  source  {}  sha256 {}",
            shown(&file.described()),
            cvl_log::hex(&file.sha256)
        )?;
    }
    let source = match &decided.verified {
        Some((entries, _)) => format!("log ({entries} entries verified)"),
        None => "events (unsigned, not verified)".to_string(),
    };
    writeln!(
        out,
        "{source}  {}  sha256 {}",
        shown(&decided.events_name),
        decided.events_sha256
    )?;
    if let Some(until) = decided.decision.until {
        writeln!(out, "decided as of {until}")?;
    }
    for invoice in &audit.invoices {
        writeln!(out)?;
        match &invoice.outcome {
            Outcome::Refused(refusal) => {
                writeln!(out, "{}: refused: {refusal}", shown(&invoice.file))?;
                if let Some(help) = &refusal.help {
                    writeln!(out, "  help: {}", shown(help))?;
                }
            }
            Outcome::Checked(checked) => table_invoice(sources, invoice, checked, out)?,
        }
    }
    writeln!(out)?;
    let (claimed, approved, lines, full) = totals(audit);
    writeln!(
        out,
        "{} invoice{}, {lines} line{}: {} claimed, {} approved; {full} line{} approved in full",
        audit.invoices.len(),
        plural(audit.invoices.len()),
        plural(lines),
        grouped(claimed),
        grouped(approved),
        plural(full),
    )
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// What all invoices claim and are approved for, how many lines, and how many are approved in full.
fn totals(audit: &Audit) -> (Decimal, Decimal, usize, usize) {
    let mut claimed = Decimal::ZERO;
    let mut approved = Decimal::ZERO;
    let mut lines = 0;
    let mut full = 0;
    for invoice in &audit.invoices {
        if let Outcome::Checked(checked) = &invoice.outcome {
            claimed = claimed.saturating_add(checked.claimed);
            approved = approved.saturating_add(checked.approved);
            lines += checked.lines.len();
            full += checked
                .lines
                .iter()
                .filter(|l| l.verdict == cvl_audit::Verdict::Approved)
                .count();
        }
    }
    (claimed, approved, lines, full)
}

fn table_invoice(
    sources: &Sources,
    invoice: &InvoiceAudit,
    checked: &Checked,
    out: &mut dyn Write,
) -> io::Result<()> {
    let what = match checked.kind {
        cvl_invoice::DocumentKind::Invoice => "invoice",
        cvl_invoice::DocumentKind::CreditNote => "credit note",
    };
    let from = match (&checked.supplier.party, checked.supplier.cvr.first()) {
        (Some(party), Some(cvr)) => format!("from `{}` (CVR {cvr})", party.0),
        (None, Some(cvr)) => format!("from CVR {cvr}, no party of the contract"),
        _ => "from a supplier without a CVR number".to_string(),
    };
    writeln!(
        out,
        "{}: {what} `{}` of {} ({}), {from}",
        shown(&invoice.file),
        shown(&checked.number),
        checked.issue_date,
        checked.profile.name(),
    )?;
    writeln!(
        out,
        "  claimed {} {}, approved {} {}: {}",
        grouped(checked.claimed),
        shown(&checked.currency),
        grouped(checked.approved),
        shown(&checked.currency),
        status(invoice).replace('_', " ")
    )?;
    for entry in &checked.recorded {
        writeln!(out, "  recorded in the log by `{}`", shown(entry))?;
    }
    for problem in &checked.problems {
        writeln!(out, "  problem: {}", reason_line(sources, problem))?;
    }
    for line in &checked.lines {
        writeln!(
            out,
            "  line {}  {}  {} to {}  {} {}  claimed {}  approved {}  {}",
            shown(&line.id),
            shown(&line.item),
            line.period.0,
            line.period.1,
            line.quantity.normalize(),
            shown(&line.unit_code),
            grouped(line.claimed),
            grouped(line.approved),
            line.verdict.as_str()
        )?;
        for reason in &line.reasons {
            writeln!(out, "    - {}", reason_line(sources, reason))?;
        }
    }
    Ok(())
}

/// A CSV field: text shown safely, quoted when it holds a comma, a quote or a line break, and, when it would start
/// a spreadsheet formula (`=`, `+`, `-`, `@`), led by an apostrophe.
fn field(text: &str) -> String {
    let mut text = shown(text).into_owned();
    if text.starts_with(['=', '+', '-', '@']) {
        text.insert(0, '\'');
    }
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

pub(crate) fn csv(decided: &Decided, audit: &Audit, out: &mut dyn Write) -> io::Result<()> {
    let sources = &decided.loaded.sources;
    writeln!(
        out,
        "file,invoice_sha256,invoice,kind,issue_date,supplier,supplier_cvr,line,item,period_start,period_end,quantity,unit,claimed,approved,held,verdict,reasons"
    )?;
    for invoice in &audit.invoices {
        match &invoice.outcome {
            Outcome::Refused(refusal) => writeln!(
                out,
                "{},{},,,,,,,,,,,,0.00,0.00,0.00,refused,{}",
                field(&invoice.file),
                field(&invoice.sha256),
                field(&refusal.to_string())
            )?,
            Outcome::Checked(checked) => {
                for line in &checked.lines {
                    let reasons: Vec<String> = line
                        .reasons
                        .iter()
                        .map(|r| reason_line(sources, r))
                        .collect();
                    writeln!(
                        out,
                        "{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{}",
                        field(&invoice.file),
                        field(&invoice.sha256),
                        field(&checked.number),
                        match checked.kind {
                            cvl_invoice::DocumentKind::Invoice => "invoice",
                            cvl_invoice::DocumentKind::CreditNote => "credit_note",
                        },
                        checked.issue_date,
                        field(checked.supplier.party.as_ref().map_or("", |p| p.0.as_str())),
                        field(&checked.supplier.cvr.join(" ")),
                        field(&line.id),
                        field(&line.item),
                        line.period.0,
                        line.period.1,
                        line.quantity.normalize(),
                        field(&line.unit_code),
                        amount(line.claimed),
                        amount(line.approved),
                        amount(line.held),
                        line.verdict.as_str(),
                        field(&reasons.join(" | "))
                    )?;
                }
            }
        }
    }
    Ok(())
}
