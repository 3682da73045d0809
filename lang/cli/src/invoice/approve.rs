//! `cvl invoice approve`: audits one invoice against the contract's signed log, as `cvl invoice check --log` does,
//! and appends what is approvable of it now as an `invoice_approved` entry signed by the payer (spec 12.9), through
//! `cvl log append`. The audit is made inside the append, from the log as it stands under its lock (log/append.rs,
//! [`Append::compute`]): reading the log, deciding, auditing and appending are one locked section, so that two
//! approvals at once cannot both spend what is left of a month. The entry is then held to the ledger's rule
//! (spec 12.7) before it is signed.
//!
//! Nothing is appended for an invoice that is refused, that has a problem as a document (spec 12.5), or of which
//! nothing is approvable now: nothing approved at
//! all, or everything recorded by the log already (the message names the entries). An invoice the log recorded in
//! part gets a new entry for what is left on its lines (a month held then and released since, say).

use std::io::Write;
use std::path::{Path, PathBuf};

use serde_json::{Map, Value, json};

use cvl_audit::{Checked, Input, Outcome};
use cvl_eval::Decision;

use super::inputs;
use crate::contract::Loaded;
use crate::log::{self, Append};
use crate::{EXIT_PROBLEMS, EXIT_USAGE};

/// What `cvl invoice approve` was asked to do.
pub(crate) struct Options<'a> {
    pub contract: &'a Path,
    pub log: &'a Path,
    pub key: &'a Path,
    pub invoice: &'a Path,
    pub at: &'a str,
    pub id: Option<&'a str>,
    /// `--version FILE`: the amended texts (spec 9.13).
    pub versions: &'a [PathBuf],
    pub libs: &'a [PathBuf],
    pub color: bool,
}

pub(crate) fn approve(options: &Options<'_>, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let given = [options.invoice.to_path_buf()];
    let inputs: Vec<Input> = match inputs(&given, err) {
        Ok(inputs) => inputs,
        Err(code) => return code,
    };
    let compute = |loaded: &Loaded, decision: &Decision| entry_data(loaded, decision, &inputs);
    log::append(
        &Append {
            log: options.log,
            contract: options.contract,
            key: options.key,
            kind: "invoice_approved",
            at: options.at,
            data: None,
            id: options.id,
            compute: Some(&compute),
            server: None,
            versions: options.versions,
            libs: options.libs,
            color: options.color,
        },
        out,
        err,
    )
}

/// The new entry's data, from the audit of the invoice against what the locked log decides; or why nothing is
/// appended, and the exit code.
fn entry_data(
    loaded: &Loaded,
    decision: &Decision,
    inputs: &[Input],
) -> Result<Map<String, Value>, (String, i32)> {
    let audit = cvl_audit::audit(&loaded.contract, decision, inputs);
    let Some(invoice) = audit.invoices.first() else {
        return Err((
            "the invoice is not a file: give one invoice".to_string(),
            EXIT_USAGE,
        ));
    };
    let checked = match &invoice.outcome {
        Outcome::Refused(refusal) => {
            return Err((
                format!("`{}` is refused: {refusal}", invoice.file),
                EXIT_PROBLEMS,
            ));
        }
        Outcome::Checked(checked) => checked,
    };
    // A document with a problem (its totals, its VAT, its currency, its sender, what the log could record) is no
    // invoice to pay from, whatever its lines would be approved for: `check` says it is not approved, and nothing of
    // it is recorded.
    if !checked.problems.is_empty() {
        let problems: Vec<&str> = checked.problems.iter().map(|p| p.text.as_str()).collect();
        return Err((
            format!(
                "invoice `{}` ({}) is not approved: {}",
                checked.number,
                invoice.file,
                problems.join("; ")
            ),
            EXIT_PROBLEMS,
        ));
    }
    if let Some(data) = data(checked, &invoice.sha256) {
        return Ok(data);
    }
    let reason = if checked.recorded.is_empty() {
        format!(
            "nothing of invoice `{}` is approved: see `cvl invoice check`",
            checked.number
        )
    } else {
        let entries: Vec<String> = checked.recorded.iter().map(|e| format!("`{e}`")).collect();
        format!(
            "nothing more of invoice `{}` ({}) is approvable now: the log recorded it by {} {}, and nothing is left on its lines to approve (see `cvl invoice check`)",
            checked.number,
            invoice.file,
            if entries.len() == 1 {
                "entry"
            } else {
                "entries"
            },
            entries.join(", ")
        )
    };
    Err((reason, EXIT_PROBLEMS))
}

/// The entry's data: the invoice's number and SHA-256, and each amount approvable now (beyond what the log
/// recorded) by line, item and month; `None` when nothing is.
fn data(checked: &Checked, sha256: &str) -> Option<Map<String, Value>> {
    let lines: Vec<Value> = checked
        .lines
        .iter()
        .flat_map(|line| {
            line.approvals
                .iter()
                .filter(|a| !a.amount.is_zero())
                .map(|a| {
                    json!({
                        "line": line.id,
                        "item": a.item.0,
                        "month": a.month.to_string(),
                        "amount": cvl_audit::amount(a.amount),
                    })
                })
        })
        .collect();
    if lines.is_empty() {
        return None;
    }
    let mut data = Map::new();
    data.insert("invoice".to_string(), Value::String(checked.number.clone()));
    data.insert("sha256".to_string(), Value::String(sha256.to_string()));
    data.insert("lines".to_string(), Value::Array(lines));
    Some(data)
}
