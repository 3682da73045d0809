//! `cvl eval`: checks a contract, evaluates it against its events or its signed log, and prints the decision as
//! a table or JSON.
//!
//! The contract must check without errors (its diagnostics are printed otherwise). The events are read as a
//! stream, through a SHA-256 hasher, so that the output can name the exact bytes it was decided from. A signed
//! log (`--log`) is verified as it is read (cvl-log's `Verifier`: chain, dates, keys, signatures) and its
//! `signed` entries must name the contract's SHA-256; an unsigned events file (`--events`, for drafts and tests)
//! is only read, and the output says that nothing was verified. The first entry or event that does not verify or
//! fit is refused, and nothing is decided.

use std::fs;
use std::io::{self, BufReader, Read, Write};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use sha2::{Digest, Sha256};

use cvl_event::Reader;

use crate::check::{display_name, io_message};
use crate::contract::load_in;
use crate::decision::{Report, json, table};
use crate::{EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE};

/// Where the events come from.
pub(crate) enum Events<'a> {
    /// An unsigned events file: nothing is verified.
    Unsigned(&'a Path),
    /// A signed log, verified before anything is decided from it.
    Log(&'a Path),
}

impl<'a> Events<'a> {
    /// The events `--log` or `--events` names (`--log` when both are given, which clap's group prevents); `None`
    /// when neither is.
    pub fn of(log: Option<&'a Path>, events: Option<&'a Path>) -> Option<Events<'a>> {
        log.map(Events::Log).or(events.map(Events::Unsigned))
    }
}

/// What `cvl eval` was asked to do.
pub(crate) struct Options<'a> {
    pub contract: &'a Path,
    pub events: Events<'a>,
    pub until: Option<NaiveDate>,
    pub json: bool,
    pub libs: &'a [PathBuf],
    pub color: bool,
    /// `--rates FILE`: the reference rates for the Interest Act's interest (spec 9.12).
    pub rates: Option<&'a Path>,
    /// `--version FILE`: the amended texts, or directories of them (spec 9.13).
    pub versions: &'a [PathBuf],
    /// `--lang`: the language of the contract's diagnostics; without it, the contract's own (lang.rs).
    pub lang: Option<cvl_syntax::Lang>,
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

/// A decision with what it was decided from, for `cvl eval` and `cvl invoice` to render.
pub(crate) struct Decided {
    pub loaded: crate::contract::Loaded,
    /// The amended texts given (`--version`), whose sources the lines of an amended version cite.
    pub amended: Vec<crate::contract::Loaded>,
    pub events_name: String,
    pub events_sha256: String,
    /// How many entries of a signed log were verified and its head; `None` for an unsigned events file.
    pub verified: Option<(u64, String)>,
    pub decision: cvl_eval::Decision,
    /// What was paid and is owed, when shown (a `paid` event, `--rates`, or the contract's own rate).
    pub reconciliation: Option<cvl_dispute::Reconciliation>,
}

impl Decided {
    /// The report `cvl eval` prints.
    pub fn report(&self) -> Report<'_> {
        Report {
            contract_file: &self.loaded.name,
            contract_sha256: self.loaded.sha256_hex(),
            files: &self.loaded.files,
            events_file: &self.events_name,
            events_sha256: &self.events_sha256,
            verified: self.verified.clone(),
            decision: &self.decision,
            sources: &self.loaded.sources,
            texts: self
                .amended
                .iter()
                .map(|l| (l.sha256_hex(), &l.sources))
                .collect(),
            reconciliation: self.reconciliation.as_ref(),
        }
    }
}

/// Decides and prints; the table is in `options.lang` when it is given, in the contract's language otherwise.
pub(crate) fn run(options: Options<'_>, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let decided = match decide(&options, err) {
        Ok(decided) => decided,
        Err(code) => return code,
    };
    let report = decided.report();
    let written = if options.json {
        json(&report, out)
    } else {
        let text = decided
            .loaded
            .sources
            .get(cvl_syntax::FileId(0))
            .map_or("", |source| source.text.as_str());
        table(&report, crate::lang::or_file(options.lang, text), out)
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

/// Checks the contract, reads its events or its verified log, and decides; on a problem, says so on `err` and
/// returns the exit code.
pub(crate) fn decide(options: &Options<'_>, err: &mut dyn Write) -> Result<Decided, i32> {
    let loaded = load_in(
        options.contract,
        options.libs,
        options.color,
        options.lang,
        &cvl_syntax::text!("cli-nothing-decided"),
        err,
    )?;
    let amended = crate::versions::load_versions(
        options.versions,
        &loaded,
        options.libs,
        options.color,
        options.lang,
        &cvl_syntax::text!("cli-nothing-decided"),
        err,
    )?;
    let given = crate::versions::given(&loaded, &amended);
    let (path, signed) = match options.events {
        Events::Unsigned(path) => (path, false),
        Events::Log(path) => (path, true),
    };
    let events_name = display_name(path);
    let file = match fs::File::open(path) {
        Ok(file) => file,
        Err(error) => {
            let _ = writeln!(
                err,
                "error: cannot read `{events_name}`: {}",
                io_message(&error)
            );
            return Err(EXIT_USAGE);
        }
    };
    let mut input = BufReader::new(Hashing {
        inner: file,
        hasher: Sha256::new(),
    });
    let binding = loaded.binding(signed);
    let (decided, verified) = if signed {
        let mut verifier = loaded.verifier(&mut input);
        let decided = cvl_eval::evaluate_versions(
            &loaded.contract,
            binding,
            given,
            &mut verifier,
            options.until,
        );
        let tail = verifier.tail();
        (decided, Some((tail.entries, cvl_log::hex(&tail.digest))))
    } else {
        let decided = cvl_eval::evaluate_reader(
            &loaded.contract,
            binding,
            given,
            &mut Reader::new(&mut input),
            options.until,
        );
        (decided, None)
    };
    let decision = match decided {
        Ok(decision) => decision,
        Err(refusal) if refusal.is_decision() => {
            let _ = writeln!(err, "error: {}", undecidable(&refusal));
            let _ = writeln!(
                err,
                "help: no event is at fault: the terms lead to a sum CVL cannot hold; a decision as of an earlier day (`--until`) may be made"
            );
            let _ = writeln!(err, "nothing was decided");
            return Err(EXIT_PROBLEMS);
        }
        Err(refusal) => {
            let _ = writeln!(err, "error: `{events_name}` is refused: {refusal}");
            if refusal.kind == cvl_event::RefusalKind::Amendment
                && refusal.reason.contains("no text given")
            {
                let _ = writeln!(
                    err,
                    "help: give the amended text with `--version FILE` (a file, or a directory of them)"
                );
            }
            let _ = writeln!(err, "nothing was decided");
            return Err(EXIT_PROBLEMS);
        }
    };
    // Hash what is left unread too (nothing, normally), so that the hash is of the whole file.
    if let Err(error) = io::copy(&mut input, &mut io::sink()) {
        let _ = writeln!(
            err,
            "error: cannot read `{events_name}`: {}",
            io_message(&error)
        );
        return Err(EXIT_USAGE);
    }
    let events_sha256 = cvl_log::hex(&input.into_inner().hasher.finalize());
    let reconciliation = reconcile(options, &loaded.contract, &decision, err)?;
    Ok(Decided {
        loaded,
        amended,
        events_name,
        events_sha256,
        verified,
        decision,
        reconciliation,
    })
}

/// The words of a decision that cannot be made (a sum beyond what CVL holds exactly, spec section 7): a refusal of
/// the decision, not of the events file or of any event in it, which each fit.
pub(crate) fn undecidable(refusal: &cvl_event::Refusal) -> String {
    format!("the decision cannot be made: {refusal}")
}

/// Every file `decided` was made from: the contract and each file it imports, each amended text (`--version`) and
/// each file it imports, the log or events file, and the rates file. What the tool writes beside a decision (a
/// report, an Invoice Response) never replaces one of them.
pub(crate) fn made_from(options: &Options<'_>, decided: &Decided) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = vec![options.contract.to_path_buf()];
    files.push(match options.events {
        Events::Log(p) | Events::Unsigned(p) => p.to_path_buf(),
    });
    files.extend(options.rates.map(Path::to_path_buf));
    files.extend(options.versions.iter().cloned());
    for loaded in std::iter::once(&decided.loaded).chain(&decided.amended) {
        files.extend(loaded.files.iter().map(|f| PathBuf::from(&f.shown)));
    }
    files
}

/// Reads `--rates` and reconciles the decision, when there is anything to show (dispute.rs).
fn reconcile(
    options: &Options<'_>,
    contract: &cvl_check::model::Contract,
    decision: &cvl_eval::Decision,
    err: &mut dyn Write,
) -> Result<Option<cvl_dispute::Reconciliation>, i32> {
    let rates = match options.rates {
        None => None,
        Some(path) => {
            let name = display_name(path);
            // Read as every file the tool reads: a regular file, bounded (spec section 7).
            let bytes =
                crate::check::read_file(path, crate::check::Kind::Source).map_err(|error| {
                    crate::check::cannot_read(err, &name, &error);
                    EXIT_USAGE
                })?;
            let text = String::from_utf8(bytes).map_err(|_| {
                let _ = writeln!(err, "error: cannot read `{name}`: it is not UTF-8 text");
                EXIT_USAGE
            })?;
            let rates = cvl_dispute::Rates::parse(&text).map_err(|refusal| {
                let _ = writeln!(err, "error: the rates in `{name}` are refused: {refusal}");
                let _ = writeln!(err, "nothing was decided");
                EXIT_PROBLEMS
            })?;
            Some(rates)
        }
    };
    cvl_report::gather::reconcile(contract, decision, options.until, rates.as_ref())
        .map_err(|no_rate| {
            let file = options.rates.map(display_name).unwrap_or_default();
            let _ = writeln!(err, "error: `{file}`: {no_rate}");
            let _ = writeln!(
                err,
                "help: add a `[[rate]]` with `from = {}` and the rate in force on that day to `{file}`",
                no_rate.half_year
            );
            let _ = writeln!(err, "nothing was decided");
            EXIT_PROBLEMS
        })
}
