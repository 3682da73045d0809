//! `cvl invoice approve`: audits one invoice against the contract's signed log, as `cvl invoice check --log` does,
//! and appends what it is approved for as an `invoice_approved` entry signed by the payer (spec 12.6), through
//! `cvl log append`, which verifies the log again under its lock and admits the entry before signing it.
//!
//! Nothing is appended for an invoice that is refused, that the log has recorded already (by its SHA-256), or of
//! which nothing is approved.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde_json::{Map, Value, json};

use cvl_audit::{Checked, Input, Outcome};
use cvl_syntax::text::shown;

use super::inputs;
use crate::eval::{self, Events};
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
    let decide = eval::Options {
        contract: options.contract,
        events: Events::Log(options.log),
        until: None,
        json: false,
        libs: options.libs,
        color: options.color,
        rates: None,
        versions: options.versions,
    };
    let decided = match eval::decide(&decide, err) {
        Ok(decided) => decided,
        Err(code) => return code,
    };
    let given = [options.invoice.to_path_buf()];
    let inputs: Vec<Input> = match inputs(&given, err) {
        Ok(inputs) => inputs,
        Err(code) => return code,
    };
    let audit = cvl_audit::audit(&decided.loaded.contract, &decided.decision, &inputs);
    let Some(invoice) = audit.invoices.first() else {
        return refuse(
            err,
            "the invoice is not a file: give one invoice",
            EXIT_USAGE,
        );
    };
    let checked = match &invoice.outcome {
        Outcome::Refused(refusal) => {
            return refuse(
                err,
                &format!("`{}` is refused: {refusal}", invoice.file),
                EXIT_PROBLEMS,
            );
        }
        Outcome::Checked(checked) => checked,
    };
    if let Some(entry) = checked.recorded.first() {
        return refuse(
            err,
            &format!(
                "invoice `{}` ({}) is approved already, by entry `{entry}`",
                checked.number, invoice.file
            ),
            EXIT_PROBLEMS,
        );
    }
    let Some(data) = data(checked, &invoice.sha256) else {
        return refuse(
            err,
            &format!(
                "nothing of invoice `{}` is approved: see `cvl invoice check`",
                checked.number
            ),
            EXIT_PROBLEMS,
        );
    };
    let data = Value::Object(data).to_string();
    log::append(
        &Append {
            log: options.log,
            contract: options.contract,
            key: options.key,
            kind: "invoice_approved",
            at: options.at,
            data: Some(&data),
            id: options.id,
            libs: options.libs,
            color: options.color,
        },
        out,
        err,
    )
}

/// The entry's data: the invoice's number and SHA-256, and each amount approved by line, item and month; `None`
/// when nothing is.
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
                        "amount": format!("{:.2}", a.amount),
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

fn refuse(err: &mut dyn Write, reason: &str, code: i32) -> i32 {
    let _ = writeln!(err, "error: {}", shown(reason));
    let _ = writeln!(err, "nothing was appended");
    code
}
