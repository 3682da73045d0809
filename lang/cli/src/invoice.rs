//! `cvl invoice check`: decides the contract as `cvl eval` does, reads each e-invoice (cvl-invoice), audits them
//! in the order given (cvl-audit) and prints the verdicts as a table, JSON or CSV (invoice/render.rs); with
//! `--response DIR`, writes a Peppol Invoice Response for each invoice read. `cvl invoice approve` records what
//! one invoice is approved for in the contract's signed log (invoice/approve.rs).
//!
//! Exit codes: 0 when every line of every invoice is approved in full, 1 when any is not (or an invoice is
//! refused), 2 when the command line is wrong or a file cannot be read or written.

mod approve;
mod render;

pub(crate) use approve::{Options as ApproveOptions, approve};

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use cvl_audit::response::{ResponseParty, application_response};
use cvl_audit::{Audit, Input, Outcome};

use crate::check::{display_name, io_message};
use crate::eval::{self, Decided};
use crate::{EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE};

/// How `cvl invoice check` prints its verdicts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Format {
    Table,
    Json,
    Csv,
}

/// What `cvl invoice check` was asked to do.
pub(crate) struct Options<'a> {
    pub decide: eval::Options<'a>,
    pub invoices: &'a [PathBuf],
    pub format: Format,
    pub response: Option<&'a Path>,
    /// The date the responses are issued on.
    pub response_date: Option<chrono::NaiveDate>,
}

pub(crate) fn check(options: Options<'_>, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let decided = match eval::decide(&options.decide, err) {
        Ok(decided) => decided,
        Err(code) => return code,
    };
    let inputs = match inputs(options.invoices, err) {
        Ok(inputs) => inputs,
        Err(code) => return code,
    };
    let audit = cvl_audit::audit(&decided.loaded.contract, &decided.decision, &inputs);
    let written = match options.format {
        Format::Table => render::table(&decided, &audit, out),
        Format::Json => render::json(&decided, &audit, out),
        Format::Csv => render::csv(&decided, &audit, out),
    };
    if let Err(error) = written {
        let _ = writeln!(
            err,
            "error: cannot write the output: {}",
            io_message(&error)
        );
        return EXIT_USAGE;
    }
    let issue_date = options
        .response_date
        .unwrap_or_else(|| cvl_log::clock::now().date());
    if let Some(dir) = options.response
        && let Err(code) = responses(
            &decided,
            &audit,
            &eval::made_from(&options.decide, &decided),
            dir,
            issue_date,
            err,
        )
    {
        return code;
    }
    if audit.all_approved() {
        EXIT_OK
    } else {
        EXIT_PROBLEMS
    }
}

/// The invoices to audit, in the order given, a directory's `.xml` files (`.XML` too: the extension in any case)
/// in the order of their names; each read (bounded) and hashed. What in a directory could be an invoice and is not
/// read (a sub-directory, a link to nothing, a device or pipe, an entry that cannot be read) is named in a warning
/// with the reason; files with another extension are passed over. A file that cannot be read at all is a usage problem; one that is not an e-invoice is
/// refused in the audit.
pub(crate) fn inputs(paths: &[PathBuf], err: &mut dyn Write) -> Result<Vec<Input>, i32> {
    let files = crate::listing::files(paths, "xml", err)?;
    let mut inputs = Vec::with_capacity(files.len());
    for path in files {
        let file = display_name(&path);
        let bytes = match cvl_invoice::file_bytes(&path) {
            Ok(bytes) => bytes,
            Err(refusal) if refusal.kind == cvl_invoice::RefusalKind::Unreadable => {
                let _ = writeln!(err, "error: {refusal}");
                return Err(EXIT_USAGE);
            }
            Err(refusal) => {
                inputs.push(Input {
                    file,
                    sha256: String::new(),
                    document: Err(refusal),
                });
                continue;
            }
        };
        inputs.push(Input {
            file,
            sha256: cvl_log::hex(&Sha256::digest(&bytes)),
            document: cvl_invoice::read_bytes(&bytes),
        });
    }
    Ok(inputs)
}

/// Writes one Invoice Response per invoice read and matched into `dir` (made if missing), named after the
/// invoice's file: `2019-03.xml` gets `2019-03.response.xml`, and a second invoice of the same name
/// `2019-03-2.response.xml`. The buyer that sends them is the contract's first
/// payer with a CVR number. Each file is written whole to a new temporary file and renamed into place, so that a
/// response is never half written and a link at its name is replaced, not followed.
fn responses(
    decided: &Decided,
    audit: &Audit,
    made_from: &[PathBuf],
    dir: &Path,
    issue_date: chrono::NaiveDate,
    err: &mut dyn Write,
) -> Result<(), i32> {
    let contract = &decided.loaded.contract;
    let Some(payer) = contract
        .parties
        .iter()
        .find(|p| p.role == Some(cvl_check::model::Role::Payer) && p.cvr.is_some())
    else {
        let _ = writeln!(
            err,
            "error: no response is written: a response is sent from the payer's CVR number, and no party with `role payer` declares a `cvr`"
        );
        return Err(EXIT_USAGE);
    };
    let responder = ResponseParty {
        scheme: "0184".to_string(),
        endpoint: payer.cvr.clone().unwrap_or_default(),
        name: payer.title.clone().unwrap_or_else(|| payer.id.0.clone()),
    };
    let failed = |error: std::io::Error, err: &mut dyn Write| {
        let _ = writeln!(
            err,
            "error: cannot write a response into `{}`: {}",
            display_name(dir),
            io_message(&error)
        );
        EXIT_USAGE
    };
    fs::create_dir_all(dir).map_err(|e| failed(e, err))?;
    // A response never replaces an input: a name that is an invoice of the run, or a file the decision is made
    // from (the contract, its imports, an amended text, the log, the rates), or a link to one, is taken.
    let inputs: Vec<PathBuf> = audit
        .invoices
        .iter()
        .map(|i| PathBuf::from(&i.file))
        .chain(made_from.iter().cloned())
        .filter_map(|path| fs::canonicalize(path).ok())
        .collect();
    let is_input = |target: &Path| fs::canonicalize(target).is_ok_and(|t| inputs.contains(&t));
    let mut taken = std::collections::BTreeSet::new();
    for invoice in &audit.invoices {
        let Outcome::Checked(checked) = &invoice.outcome else {
            continue;
        };
        let text = application_response(
            invoice,
            checked,
            &decided.loaded.sources,
            &responder,
            issue_date,
        );
        let stem = Path::new(&invoice.file)
            .file_stem()
            .map_or_else(|| "invoice".into(), |s| s.to_string_lossy());
        // Two invoices of one name (from two directories, or one file given twice) get two responses.
        let mut name = format!("{stem}.response.xml");
        let mut n = 1;
        while !taken.insert(name.clone())
            || is_input(&dir.join(&name))
            || crate::whole::unwritable(&dir.join(&name)).is_some()
        {
            n += 1;
            name = format!("{stem}-{n}.response.xml");
        }
        crate::whole::write(&dir.join(&name), text.as_bytes()).map_err(|e| failed(e, err))?;
    }
    Ok(())
}
