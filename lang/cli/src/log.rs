//! `cvl log`: starting, appending to, verifying and listing a contract's signed log.
//!
//! - `init CONTRACT LOG` checks the contract and creates the empty log; its first entry will carry the
//!   contract's SHA-256 as `prev`.
//! - `append LOG --contract C --key KEY --kind K --at DATE [--data JSON] [--id ID]` signs a new entry with KEY
//!   for the party whose key it is, after verifying the whole log and checking that the new entry fits the
//!   contract with everything before it and is dated no more than a day after the machine's clock (cvl-log's
//!   clock.rs); under the log's lock, and written atomically (cvl-log's append.rs).
//! - `verify LOG --contract C` checks every entry's chain, date, key and signature, and that each is admitted
//!   by evaluation after the entries before it, as `append` and `cvl eval --log` do, holding one entry at a time.
//! - `show LOG` lists the entries for people, without verifying them.

use std::fs::{File, OpenOptions};
use std::io::{BufReader, Write};
use std::path::{Path, PathBuf};

use serde_json::Value;

use cvl_eval::Fold;
use cvl_event::{At, shown};
use cvl_log::append::{AppendError, Appender};
use cvl_log::{Entry, NewEntry, SecretKey};

use crate::check::{Kind, display_name, io_message, read_file};
use crate::contract::load;
use crate::{EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE};

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
    let loaded = match load(contract, libs, color, "no log was started", err) {
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

pub(crate) fn verify(
    log: &Path,
    contract: &Path,
    libs: &[PathBuf],
    color: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> i32 {
    let loaded = match load(contract, libs, color, "nothing was verified", err) {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    let log_name = display_name(log);
    let input = match open(log, err) {
        Ok(input) => input,
        Err(code) => return code,
    };
    let tail = match loaded.verify_log(input) {
        Ok(tail) => tail,
        Err(refusal) => {
            let _ = writeln!(err, "error: `{log_name}` is refused: {refusal}");
            return EXIT_PROBLEMS;
        }
    };
    if tail.entries == 0 {
        let _ = writeln!(
            out,
            "`{log_name}` has no entries yet: nothing binds it to `{}` until its first entry carries sha256:{}",
            loaded.name,
            loaded.sha256_hex()
        );
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
    let _ = write!(
        out,
        "the contract's files:\n{}",
        loaded.described_files("  ")
    );
    EXIT_OK
}

/// What `cvl log append` is to append.
pub(crate) struct Append<'a> {
    pub log: &'a Path,
    pub contract: &'a Path,
    pub key: &'a Path,
    pub kind: &'a str,
    pub at: &'a str,
    pub data: Option<&'a str>,
    pub id: Option<&'a str>,
    pub libs: &'a [PathBuf],
    pub color: bool,
}

pub(crate) fn append(args: &Append<'_>, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let loaded = match load(
        args.contract,
        args.libs,
        args.color,
        "nothing was appended",
        err,
    ) {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    let log_name = display_name(args.log);
    let key_name = display_name(args.key);
    let refuse = |err: &mut dyn Write, reason: String, code: i32| {
        let _ = writeln!(err, "error: {}", shown(&reason));
        let _ = writeln!(err, "nothing was appended to `{log_name}`");
        code
    };
    let key = match read_file(args.key, Kind::Key) {
        Ok(bytes) => match SecretKey::parse(&String::from_utf8_lossy(&bytes)) {
            Ok(key) => key,
            Err(reason) => {
                return refuse(
                    err,
                    format!("`{key_name}` is not a secret key: it {reason}"),
                    EXIT_USAGE,
                );
            }
        },
        Err(error) => {
            return refuse(
                err,
                format!("cannot read `{key_name}`: {error}"),
                EXIT_USAGE,
            );
        }
    };
    let public = key.public();
    let Some(actor) = loaded
        .contract
        .parties
        .iter()
        .find(|p| p.key.as_deref() == Some(public.text().as_str()))
        .map(|p| p.id.0.clone())
    else {
        return refuse(
            err,
            format!(
                "`{key_name}` is the key of no party of `{}`: its public key is `{}`",
                loaded.name,
                public.text()
            ),
            EXIT_PROBLEMS,
        );
    };
    if At::parse(args.at).is_none() {
        return refuse(
            err,
            format!(
                "`{}` is neither a date (`2019-01-10`) nor a UTC time (`2019-01-10T09:30:00Z`)",
                args.at
            ),
            EXIT_USAGE,
        );
    }
    let mut data = match args.data.map(cvl_event::strict::object).transpose() {
        Ok(data) => data.unwrap_or_default(),
        Err(reason) => return refuse(err, format!("`--data` is refused: {reason}"), EXIT_USAGE),
    };
    // Signing the contract is signing its text and every file it imports: the entry names the contract's SHA-256
    // and the listing it is made of, unless the data already names a contract.
    if args.kind == "signed" && !data.contains_key("contract") {
        data.insert("contract".to_string(), Value::from(loaded.sha256_hex()));
        if !data.contains_key("sources") {
            data.insert("sources".to_string(), Value::from(loaded.listing()));
        }
    }

    let appender = match Appender::lock(args.log) {
        Ok(appender) => appender,
        Err(error) => {
            return refuse(
                err,
                format!("cannot open `{log_name}` to append: {}", io_message(&error)),
                EXIT_USAGE,
            );
        }
    };
    let input = match open(appender.path(), err) {
        Ok(input) => input,
        Err(code) => return code,
    };
    let binding = loaded.binding(true);
    // One pass: each entry is verified and folded into the evaluation, which the new entry then joins.
    let mut fold = Fold::admitting(&loaded.contract, binding);
    let mut verifier = loaded.verifier(input);
    let checked = verifier
        .by_ref()
        .try_for_each(|event| event.and_then(|event| fold.apply(&event)));
    if let Err(refusal) = checked {
        return refuse(
            err,
            format!("`{log_name}` is refused: {refusal}"),
            EXIT_PROBLEMS,
        );
    }
    let tail = verifier.tail();
    let seq = tail.entries.saturating_add(1);
    let entry = NewEntry {
        id: args
            .id
            .map_or_else(|| format!("{}-{seq}", args.kind), str::to_string),
        at: args.at.to_string(),
        kind: args.kind.to_string(),
        actor: actor.clone(),
        data,
    };
    // The entry is admitted before it is signed: nothing that the contract or spec section 6 refuses (a CPR number
    // in its id or data, say) is ever signed or written.
    let line = usize::try_from(seq).unwrap_or(usize::MAX);
    let mut object = serde_json::Map::new();
    object.insert("id".to_string(), Value::from(entry.id.clone()));
    object.insert("at".to_string(), Value::from(entry.at.clone()));
    object.insert("kind".to_string(), Value::from(entry.kind.clone()));
    object.insert("actor".to_string(), Value::from(entry.actor.clone()));
    object.insert("data".to_string(), Value::Object(entry.data.clone()));
    let fits = cvl_event::Event::from_object(line, Some(seq), object).and_then(|event| {
        if let Some(last) = tail.last_at
            && event.at.key() < last.key()
        {
            return Err(event.refusal(format!(
                "dated {}, before entry {} ({last}): entries must be in the order they happened",
                event.at, tail.entries
            )));
        }
        cvl_log::clock::not_ahead(&event, cvl_log::clock::now())?;
        fold.apply(&event)?;
        Ok(event)
    });
    let event = match fits {
        Ok(event) => event,
        Err(refusal) => {
            return refuse(
                err,
                format!("the new entry is refused: {refusal}"),
                EXIT_PROBLEMS,
            );
        }
    };
    let text = match entry.sign(seq, &tail.digest, &key) {
        Ok((text, _)) => text,
        Err(reason) => return refuse(err, format!("the new entry {reason}"), EXIT_PROBLEMS),
    };
    // What is written is the line as it will be read back: it must read back as the entry admitted.
    match Entry::read(line, &text) {
        Ok(written) if written.event == event => {}
        Ok(_) => {
            return refuse(
                err,
                "the new entry does not read back as it was admitted".to_string(),
                EXIT_PROBLEMS,
            );
        }
        Err(refusal) => {
            return refuse(
                err,
                format!("the new entry is refused: {refusal}"),
                EXIT_PROBLEMS,
            );
        }
    }
    match appender.append(&text) {
        Ok(()) => {}
        Err(AppendError::NotAppended(error)) => {
            return refuse(
                err,
                format!("cannot write `{log_name}`: {}", io_message(&error)),
                EXIT_USAGE,
            );
        }
        Err(AppendError::NotFlushed(error)) => {
            let _ = writeln!(
                err,
                "warning: entry {seq} is appended to `{log_name}`, but its directory could not be flushed to the disk ({}): \
                 a crash now could lose it; do not append it again",
                io_message(&error)
            );
        }
    }
    let _ = writeln!(
        out,
        "appended entry {seq} to `{log_name}`: `{}` by `{actor}` at `{}` (event `{}`)",
        shown(&entry.kind),
        entry.at,
        shown(&entry.id)
    );
    let _ = write!(
        out,
        "contract sha256:{}, of\n{}",
        loaded.sha256_hex(),
        loaded.described_files("  ")
    );
    EXIT_OK
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
            Err(reason) => {
                let _ = writeln!(err, "error: `{log_name}` line {line}: {reason}");
                return EXIT_PROBLEMS;
            }
        };
        match Entry::read(line, text) {
            Ok(entry) => {
                let event = &entry.event;
                let data = shown(&Value::Object(event.data.clone()).to_string()).into_owned();
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
