//! `cvl log`: starting, appending to, verifying and listing a contract's signed log.
//!
//! - `init CONTRACT LOG` checks the contract and creates the empty log; its first entry will carry the
//!   contract's SHA-256 as `prev`.
//! - `append LOG --contract C --key KEY --kind K --at DATE [--data JSON] [--id ID]` signs a new entry with KEY
//!   for the party whose key it is, after verifying the whole log and checking that the new entry fits the
//!   contract with everything before it and is dated no more than a day after the machine's clock (cvl-log's
//!   clock.rs); under the log's lock, and written atomically (cvl-log's append.rs). Its steps are append.rs.
//! - `verify LOG --contract C` checks every entry's chain, date, key and signature, and that each is admitted
//!   by evaluation after the entries before it, as `append` and `cvl eval --log` do, holding a run of entries at
//!   a time and checking their signatures on every core (`--jobs`), with the answer of one thread.
//! - `pull LOG --server URL --contract C --key KEY` brings LOG up to a log service's copy, refusing one that does
//!   not extend it (pull.rs).
//! - `page --server URL --contract C --key KEY` prints a short-lived link to the log's page on a log service, the
//!   decision as `cvl report` shows it, for a browser (page.rs).
//! - `show LOG` lists the entries for people, without verifying them.

use std::fs::{File, OpenOptions};
use std::io::{BufReader, Write};
use std::path::{Path, PathBuf};

use cvl_event::shown;
use cvl_log::Entry;

use crate::check::{display_name, io_message};
use crate::contract::load_in;
use crate::{EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE};

mod append;
pub(crate) mod checkpoint;
pub(crate) mod page;
pub(crate) mod pull;

pub(crate) use append::{Append, append};

fn open(path: &Path, err: &mut dyn Write) -> Result<BufReader<File>, i32> {
    match File::open(path) {
        Ok(file) => Ok(BufReader::with_capacity(1 << 16, file)),
        Err(error) => {
            let _ = writeln!(
                err,
                "error: cannot read `{}`: {}",
                display_name(path),
                io_message(&error)
            );
            Err(EXIT_USAGE)
        }
    }
}

pub(crate) fn init(
    contract: &Path,
    log: &Path,
    libs: &[PathBuf],
    color: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> i32 {
    let loaded = match load_in(
        contract,
        libs,
        color,
        None,
        &cvl_syntax::text!("cli-no-log-started"),
        err,
    ) {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    let log_name = display_name(log);
    if let Err(error) = OpenOptions::new().write(true).create_new(true).open(log) {
        let reason = if error.kind() == std::io::ErrorKind::AlreadyExists {
            "it already exists, and a log is started only once".to_string()
        } else {
            io_message(&error)
        };
        let _ = writeln!(err, "error: cannot start `{log_name}`: {reason}");
        return EXIT_USAGE;
    }
    let _ = write!(
        out,
        "started `{log_name}` for `{}` (sha256:{}); its first entry will carry this hash as `prev`; the contract's \
         files:\n{}",
        loaded.name,
        loaded.sha256_hex(),
        loaded.described_files("  ")
    );
    EXIT_OK
}

/// What `cvl log verify` takes.
#[derive(Debug, clap::Args)]
pub(crate) struct VerifyArgs {
    /// The log file to verify
    #[arg(value_name = "LOG")]
    log: PathBuf,
    /// The contract the log is bound to
    #[arg(long, value_name = "CONTRACT")]
    contract: PathBuf,
    /// How many threads check signatures (by default one per core); the answer is the same for any number
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    jobs: Option<u16>,
    /// An amended text of the contract, or a directory of them, found by its SHA-256 (may be repeated)
    #[arg(long = "version", value_name = "FILE")]
    versions: Vec<PathBuf>,
    /// A checkpoint kept from a log service (`cvl log push` keeps `LOG.checkpoint`): the log must extend it
    #[arg(long, value_name = "FILE", requires = "server_key")]
    checkpoint: Option<PathBuf>,
    /// The service's verifier key (`NAME+ID+KEY`, as `cvl serve` prints it), or a file holding it
    #[arg(long = "server-key", value_name = "KEY", requires = "checkpoint")]
    server_key: Option<String>,
    #[command(flatten)]
    common: crate::ContractArgs,
}

impl VerifyArgs {
    pub(crate) fn color(&self) -> crate::ColorChoice {
        self.common.color
    }
}

pub(crate) fn verify(
    args: &VerifyArgs,
    color: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> i32 {
    let VerifyArgs {
        log,
        contract,
        versions,
        common,
        ..
    } = args;
    let libs = &common.libs;
    let jobs = args
        .jobs
        .map_or_else(crate::jobs::default_jobs, usize::from);
    let server_key = match args
        .server_key
        .as_deref()
        .map(|k| checkpoint::server_key(k, err))
    {
        Some(Err(code)) => return code,
        Some(Ok(key)) => Some(key),
        None => None,
    };
    let loaded = match load_in(
        contract,
        libs,
        color,
        None,
        &cvl_syntax::text!("cli-nothing-verified"),
        err,
    ) {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    let kept = match (args.checkpoint.as_deref(), server_key.as_ref()) {
        (Some(path), Some(key)) => match checkpoint::read(path, key, &loaded.sha256, err) {
            Ok(kept) => Some(kept),
            Err(code) => return code,
        },
        _ => None,
    };
    let amended = match crate::versions::load_versions(
        versions,
        &loaded,
        libs,
        color,
        None,
        &cvl_syntax::text!("cli-nothing-verified"),
        err,
    ) {
        Ok(amended) => amended,
        Err(code) => return code,
    };
    let given = crate::versions::given(&loaded, &amended);
    let log_name = display_name(log);
    let input = match open(log, err) {
        Ok(input) => input,
        Err(code) => return code,
    };
    let mark = kept.as_ref().map(|kept| kept.checkpoint.size);
    let tail = match loaded.verify_log_marking(input, jobs, given, mark) {
        Ok(tail) => tail,
        Err(refusal) => {
            let _ = writeln!(err, "error: `{log_name}` is refused: {refusal}");
            return EXIT_PROBLEMS;
        }
    };
    let extended = match kept.as_ref().map(|kept| extended(kept, &tail)) {
        Some(Err(words)) => {
            let _ = writeln!(err, "error: `{log_name}` is refused: {words}");
            let _ = writeln!(
                err,
                "help: this copy is not the log the checkpoint saw: entries were cut off it or it went another way; \
                 get the longer log from the party or the service that holds it"
            );
            return EXIT_PROBLEMS;
        }
        Some(Ok(line)) => line,
        None => String::new(),
    };
    if tail.entries == 0 {
        let _ = writeln!(
            out,
            "`{log_name}` has no entries yet: nothing binds it to `{}` until its first entry carries sha256:{}",
            loaded.name,
            loaded.sha256_hex()
        );
        let _ = write!(out, "{extended}{}", provenance(&loaded));
        return EXIT_OK;
    }
    let _ = writeln!(
        out,
        "`{log_name}` verifies: {} {}, chained to `{}` (sha256:{}), each signed by its actor's key and \
         within its actor's authority{}",
        tail.entries,
        if tail.entries == 1 {
            "entry"
        } else {
            "entries"
        },
        loaded.name,
        loaded.sha256_hex(),
        tail.last_at
            .map_or_else(String::new, |at| format!("; the last is dated {at}"))
    );
    let _ = writeln!(
        out,
        "head: entry {} has sha256:{}; a log cut short after some entry still verifies, so compare the head with \
         the other parties' copies",
        tail.entries,
        cvl_log::hex(&tail.digest)
    );
    let _ = write!(out, "{extended}{}", provenance(&loaded));
    EXIT_OK
}

/// The line that says the log extends the checkpoint kept, or the words of why it does not.
fn extended(kept: &checkpoint::Kept, tail: &cvl_log::Tail) -> Result<String, String> {
    cvl_log::extend::extends(&kept.checkpoint, tail)
        .map_err(|refusal| refusal.words(&kept.name))?;
    let size = kept.checkpoint.size;
    Ok(format!(
        "checkpoint: the log extends `{}`, signed by `{}`{}: entry {size}'s digest is the head the checkpoint saw, and {} \
         {} came after it\n",
        kept.name,
        kept.service,
        kept.checkpoint
            .time()
            .map_or_else(String::new, |time| format!(
                " at {}",
                cvl_event::shown(time)
            )),
        tail.entries.saturating_sub(size),
        if tail.entries.saturating_sub(size) == 1 {
            "entry"
        } else {
            "entries"
        },
    ))
}

/// What `verify` ends with: the contract's files with their SHA-256, and the version of `cvl` that verified.
fn provenance(loaded: &crate::contract::Loaded) -> String {
    format!(
        "the contract's files:\n{}verified by {}\n",
        loaded.described_files("  "),
        crate::provenance::version()
    )
}

pub(crate) fn show(log: &Path, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let log_name = display_name(log);
    let mut input = match open(log, err) {
        Ok(input) => input,
        Err(code) => return code,
    };
    let _ = writeln!(
        out,
        "{log_name}: not verified here (`cvl log verify {log_name} --contract CONTRACT` does that)"
    );
    let _ = writeln!(
        out,
        "{:>5}  {:<20} {:<14} {:<22} {:<14} data",
        "seq", "at", "actor", "kind", "id"
    );
    let mut buffer = Vec::new();
    let mut line = 0;
    loop {
        line += 1;
        // Read as every reader of a log reads it: a line of at most 1 MiB (cvl-log's verify.rs).
        let text = match cvl_log::verify::next_line(&mut input, &mut buffer) {
            Ok(None) => return EXIT_OK,
            Ok(Some(text)) => text,
            Err((_, reason)) => {
                let _ = writeln!(err, "error: `{log_name}` line {line}: {reason}");
                return EXIT_PROBLEMS;
            }
        };
        match Entry::read(line, text) {
            Ok(entry) => {
                let event = &entry.event;
                let data = shown(&event.data.to_value().to_string()).into_owned();
                let _ = writeln!(
                    out,
                    "{:>5}  {:<20} {:<14} {:<22} {:<14} {}",
                    entry.seq,
                    event.at.to_string(),
                    shown(&event.actor),
                    shown(&event.kind),
                    shown(&event.id),
                    if data == "{}" { String::new() } else { data }
                );
            }
            Err(refusal) => {
                let _ = writeln!(err, "error: `{log_name}` cannot be read further: {refusal}");
                return EXIT_PROBLEMS;
            }
        }
    }
}
