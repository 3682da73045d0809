//! `cvl eval`: checks a contract, evaluates it against its events, and prints the decision as a table or JSON.
//!
//! The contract must check without errors (its diagnostics are printed otherwise). The events file is read as a
//! stream, through a SHA-256 hasher, so that the output can name the exact bytes it was decided from; the
//! contract's bytes are hashed too. An event that does not fit is refused with its line, and nothing is decided.

use std::fs;
use std::io::{self, BufReader, Read, Write};
use std::path::Path;

use chrono::NaiveDate;
use sha2::{Digest, Sha256};

use cvl_event::Reader;
use cvl_syntax::{Diagnostic, Source, Sources, parse_source};

use crate::check::{display_name, io_message};
use crate::decision::{Report, json, table};
use crate::{EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, render};
use cvl_check::loader::FsLoader;

/// What `cvl eval` was asked to do.
pub(crate) struct Options<'a> {
    pub contract: &'a Path,
    pub events: &'a Path,
    pub until: Option<NaiveDate>,
    pub json: bool,
    pub libs: &'a [std::path::PathBuf],
    pub color: bool,
}

/// Reads through to an inner reader while hashing every byte read.
struct Hashing<R> {
    inner: R,
    hasher: Sha256,
}

impl<R: Read> Read for Hashing<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.hasher.update(buf.get(..n).unwrap_or(&[]));
        Ok(n)
    }
}

pub(crate) fn run(options: Options<'_>, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let contract_name = display_name(options.contract);
    let bytes = match fs::read(options.contract) {
        Ok(bytes) => bytes,
        Err(error) => {
            let _ = writeln!(
                err,
                "error: cannot read `{contract_name}`: {}",
                io_message(&error)
            );
            return EXIT_USAGE;
        }
    };
    let contract_sha256 = hex(&Sha256::digest(&bytes));
    let mut sources = Sources::new();
    let file = sources.add(Source::from_bytes(contract_name.clone(), bytes));
    let mut loader = FsLoader::new(options.libs.to_vec());
    loader.register(options.contract, file);
    let Some(source) = sources.get(file) else {
        return EXIT_USAGE;
    };
    let parsed = parse_source(file, source);
    let mut problems = parsed.problems;
    let mut contracts = Vec::new();
    if !problems.has_errors() {
        let checked = cvl_check::check(&mut sources, file, &parsed.file, &mut loader);
        problems.extend(checked.problems);
        contracts = checked.contracts;
    }
    if problems.has_errors() {
        let diagnostics: Vec<Diagnostic> = problems.into_sorted();
        let _ = render::human(&diagnostics, &sources, options.color, err);
        let _ = writeln!(
            err,
            "error: `{contract_name}` has errors: nothing was decided"
        );
        return EXIT_PROBLEMS;
    }
    let [contract] = contracts.as_slice() else {
        let _ = writeln!(
            err,
            "error: `{contract_name}` holds {} contracts: evaluation takes a file with exactly one",
            contracts.len()
        );
        return EXIT_USAGE;
    };

    let events_name = display_name(options.events);
    let file = match fs::File::open(options.events) {
        Ok(file) => file,
        Err(error) => {
            let _ = writeln!(
                err,
                "error: cannot read `{events_name}`: {}",
                io_message(&error)
            );
            return EXIT_USAGE;
        }
    };
    let mut input = BufReader::new(Hashing {
        inner: file,
        hasher: Sha256::new(),
    });
    let decision = match cvl_eval::evaluate(contract, Reader::new(&mut input), options.until) {
        Ok(decision) => decision,
        Err(refusal) => {
            let _ = writeln!(err, "error: `{events_name}` is refused: {refusal}");
            let _ = writeln!(err, "nothing was decided");
            return EXIT_PROBLEMS;
        }
    };
    // Hash what is left unread too (nothing, normally), so that the hash is of the whole file.
    if let Err(error) = io::copy(&mut input, &mut io::sink()) {
        let _ = writeln!(
            err,
            "error: cannot read `{events_name}`: {}",
            io_message(&error)
        );
        return EXIT_USAGE;
    }
    let events_sha256 = hex(&input.into_inner().hasher.finalize());
    let report = Report {
        contract_file: &contract_name,
        contract_sha256: &contract_sha256,
        events_file: &events_name,
        events_sha256: &events_sha256,
        decision: &decision,
        sources: &sources,
    };
    let written = if options.json {
        json(&report, out)
    } else {
        table(&report, out)
    };
    match written {
        Ok(()) => EXIT_OK,
        Err(error) => {
            let _ = writeln!(
                err,
                "error: cannot write the output: {}",
                io_message(&error)
            );
            EXIT_USAGE
        }
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
