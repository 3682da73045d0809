//! `cvl report`: decides the contract as `cvl eval` does, audits the invoices given as `cvl invoice check` does,
//! reads the log's entries again to cite each event with its signer and entry hash, and writes the report
//! (cvl-report) to one HTML file. This module only gathers and prints: what the page holds is cvl-report's.
//!
//! The events file is read a second time for the entries; its SHA-256 must be the one the decision was made
//! from, or nothing is written (the file changed while it was read).

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use sha2::{Digest, Sha256};

use cvl_check::model::PartyId;
use cvl_eval::Month;
use cvl_report::{EntryRef, EventsFile, Lang, ReportInput};

use crate::check::{display_name, io_message};
use crate::eval::{self, Decided, Events};
use crate::{EXIT_OK, EXIT_USAGE};

/// What `cvl report` was asked to do.
pub(crate) struct Options<'a> {
    pub decide: eval::Options<'a>,
    pub payee: Option<&'a str>,
    pub months: Option<(Month, Month)>,
    pub invoices: &'a [PathBuf],
    pub lang: Lang,
    /// The report's date; today when not given.
    pub date: Option<NaiveDate>,
    pub output: &'a Path,
}

pub(crate) fn run(options: &Options<'_>, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    if let Some((from, to)) = options.months
        && from > to
    {
        let _ = writeln!(
            err,
            "error: `--from {from}` is after `--to {to}`: nothing would be reported"
        );
        let _ = writeln!(
            err,
            "help: give the first month with `--from` and the last with `--to`"
        );
        return EXIT_USAGE;
    }
    let decided = match eval::decide(&options.decide, err) {
        Ok(decided) => decided,
        Err(code) => return code,
    };
    if let Some(input) = overwritten_input(options, &decided) {
        let _ = writeln!(
            err,
            "error: `-o {}` is `{input}`, which the report is made from: nothing was written",
            display_name(options.output)
        );
        let _ = writeln!(
            err,
            "help: write the report to a file of its own, such as `report.html`"
        );
        return EXIT_USAGE;
    }
    let payee = match options.payee {
        Some(name) => match payee(&decided, name, err) {
            Ok(payee) => Some(payee),
            Err(code) => return code,
        },
        None => None,
    };
    let audit = if options.invoices.is_empty() {
        None
    } else {
        let inputs = match crate::invoice::inputs(options.invoices, err) {
            Ok(inputs) => inputs,
            Err(code) => return code,
        };
        Some(cvl_audit::audit(
            &decided.loaded.contract,
            &decided.decision,
            &inputs,
        ))
    };
    let entries = match entries(&options.decide, &decided, err) {
        Ok(entries) => entries,
        Err(code) => return code,
    };
    let date = options.date.unwrap_or_else(|| cvl_log::clock::now().date());
    let command = command(options, date);
    let paid = cvl_report::gather::paid(
        &decided.loaded.contract,
        &decided.decision,
        decided.reconciliation.clone(),
        &entries,
    );
    let texts: Vec<(&str, &cvl_syntax::Sources)> = decided
        .amended
        .iter()
        .map(|l| (l.sha256_hex(), &l.sources))
        .collect();
    let input = ReportInput {
        date,
        version: env!("CARGO_PKG_VERSION"),
        command: &command,
        contract_file: &decided.loaded.name,
        contract_sha256: decided.loaded.sha256_hex(),
        files: &decided.loaded.files,
        events: EventsFile {
            file: &decided.events_name,
            sha256: &decided.events_sha256,
            verified: decided.verified.clone(),
        },
        contract: &decided.loaded.contract,
        sources: &decided.loaded.sources,
        texts: &texts,
        decision: &decided.decision,
        entries: &entries,
        audit: audit.as_ref(),
        payee: payee.as_ref(),
        months: options.months,
        paid: &paid,
    };
    let page = cvl_report::render(&input, options.lang);
    if let Err(error) = crate::whole::write(options.output, page.as_bytes()) {
        let _ = writeln!(
            err,
            "error: cannot write `{}`: {}",
            display_name(options.output),
            io_message(&error)
        );
        return EXIT_USAGE;
    }
    let _ = writeln!(
        out,
        "wrote the report to `{}` ({} bytes, sha256:{})",
        display_name(options.output),
        page.len(),
        cvl_log::hex(&Sha256::digest(page.as_bytes()))
    );
    EXIT_OK
}

/// The payee asked for, which must be a party some item pays.
fn payee(decided: &Decided, name: &str, err: &mut dyn Write) -> Result<PartyId, i32> {
    let contract = &decided.loaded.contract;
    let mut payees: Vec<&PartyId> = Vec::new();
    for party in &contract.parties {
        if contract
            .items
            .iter()
            .any(|i| i.payee.as_ref() == Some(&party.id))
        {
            payees.push(&party.id);
        }
    }
    if let Some(found) = payees.iter().find(|p| p.0 == name) {
        return Ok((*found).clone());
    }
    let listed: Vec<String> = payees.iter().map(|p| format!("`{}`", p.0)).collect();
    let _ = writeln!(
        err,
        "error: `{}` is not a payee of the contract: nothing was reported",
        cvl_syntax::text::shown(name)
    );
    let _ = writeln!(err, "help: the payees are {}", listed.join(", "));
    Err(EXIT_USAGE)
}

/// Every entry of the log (or event of the events file) again, for citing: each with its signer and, in a log,
/// its entry's SHA-256. The file must be the bytes the decision was made from.
fn entries(
    options: &eval::Options<'_>,
    decided: &Decided,
    err: &mut dyn Write,
) -> Result<Vec<EntryRef>, i32> {
    let (path, signed) = match options.events {
        Events::Unsigned(path) => (path, false),
        Events::Log(path) => (path, true),
    };
    let changed = |err: &mut dyn Write, why: String| {
        let _ = writeln!(
            err,
            "error: `{}` {why}: nothing was reported",
            decided.events_name
        );
        EXIT_USAGE
    };
    let bytes = fs::read(path)
        .map_err(|e| changed(err, format!("cannot be read again: {}", io_message(&e))))?;
    if cvl_log::hex(&Sha256::digest(&bytes)) != decided.events_sha256 {
        return Err(changed(
            err,
            "changed while the report was made".to_string(),
        ));
    }
    let found = if signed {
        cvl_report::gather::log_entries(&bytes)
    } else {
        cvl_report::gather::event_entries(&bytes)
    };
    found.map_err(|r| changed(err, format!("is refused when read again: {r}")))
}

/// The command line that makes the same report, each argument quoted for a POSIX shell where it needs it.
fn command(options: &Options<'_>, date: NaiveDate) -> String {
    let mut args: Vec<String> = vec!["cvl".into(), "report".into()];
    let path = |p: &Path| p.to_string_lossy().into_owned();
    args.push(path(options.decide.contract));
    match options.decide.events {
        Events::Log(p) => args.extend(["--log".into(), path(p)]),
        Events::Unsigned(p) => args.extend(["--events".into(), path(p)]),
    }
    if let Some(until) = options.decide.until {
        args.extend(["--until".into(), until.to_string()]);
    }
    if let Some(rates) = options.decide.rates {
        args.extend(["--rates".into(), path(rates)]);
    }
    if let Some(payee) = options.payee {
        args.extend(["--payee".into(), payee.to_string()]);
    }
    if let Some((from, to)) = options.months {
        args.extend([
            "--from".into(),
            from.to_string(),
            "--to".into(),
            to.to_string(),
        ]);
    }
    if !options.invoices.is_empty() {
        args.push("--invoices".into());
        args.extend(options.invoices.iter().map(|p| path(p)));
    }
    for lib in options.decide.libs {
        args.extend(["--lib".into(), path(lib)]);
    }
    args.extend([
        "--lang".into(),
        options.lang.code().into(),
        "--date".into(),
        date.to_string(),
        "-o".into(),
        path(options.output),
    ]);
    args.iter().map(|a| quoted(a)).collect::<Vec<_>>().join(" ")
}

/// `arg` as a POSIX shell reads it back: as is when it holds only safe characters, else in single quotes.
pub(crate) fn quoted(arg: &str) -> String {
    let safe = !arg.is_empty()
        && arg
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./:=@%+,".contains(c));
    if safe {
        arg.to_string()
    } else {
        format!("'{}'", arg.replace('\'', r"'\''"))
    }
}

/// The input that `-o` names, if it names one (through a link or another spelling of its path): the contract, a
/// file it imports, an amended text or a file it imports, the log or events file, the rates file or an invoice. The report is never written over what it
/// is made from.
fn overwritten_input(options: &Options<'_>, decided: &Decided) -> Option<String> {
    let output = fs::canonicalize(options.output).ok()?;
    let mut inputs = crate::eval::made_from(&options.decide, decided);
    for invoice in options.invoices {
        inputs.push(invoice.clone());
        if let Ok(entries) = fs::read_dir(invoice) {
            inputs.extend(entries.filter_map(Result::ok).map(|e| e.path()));
        }
    }
    inputs
        .iter()
        .find(|input| fs::canonicalize(input).ok().as_ref() == Some(&output))
        .map(|input| display_name(input))
}

#[cfg(test)]
mod tests {
    use super::quoted;

    #[test]
    fn arguments_are_quoted_for_a_shell() {
        assert_eq!(
            quoted("examples/placement/log.jsonl"),
            "examples/placement/log.jsonl"
        );
        assert_eq!(quoted("my report.html"), "'my report.html'");
        assert_eq!(quoted("it's"), r"'it'\''s'");
        assert_eq!(quoted("$(rm -rf /)"), "'$(rm -rf /)'");
        assert_eq!(quoted(""), "''");
    }
}
