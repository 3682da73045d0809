//! `cvl log append`: signing one new entry into a log, in steps that each stop the append with the reason.
//!
//! The arguments and the key are read first ([`read_arguments`]); then the log is locked, verified and folded
//! into an admitting evaluation in one pass ([`lock_and_fold`]); a caller that makes the entry's data from the log
//! (`cvl invoice approve`, through [`Append::compute`]) makes it now, from what the verified log decides under the
//! lock, so that no other append can come between what it read and what it writes; the new entry is built and
//! admitted after every entry before it ([`admit_new`]: the date order, the clock rule of cvl-log's clock.rs, the
//! contract), an `invoice_approved` entry is held to the ledger's rule ([`ledger`], spec 12.7), it is signed and
//! read back as it will be read ([`sign_and_read_back`]), and only then written, atomically under the lock
//! ([`write`]). Nothing is signed or written that a later `cvl log verify` or `cvl eval --log` would refuse.
//!
//! With `--server URL` the log is shared (spec 10.5): LOG is first pulled (pull.rs), so the entry is signed after
//! the service's head; it is posted before it is written to LOG, and written only once the service stored it
//! (201), its receipt kept in `LOG.checkpoint`. When another party took the place first (409), the whole append is
//! done again from a new pull, at most [`TRIES`] times.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

use cvl_eval::{Decision, Fold};
use cvl_event::{At, Event, Refusal, shown};
use cvl_log::append::{AppendError, Appender};
use cvl_log::{Entry, NewEntry, SecretKey, Tail};

use super::open;
use crate::check::{Kind, display_name, io_message, read_file};
use crate::contract::{Loaded, load_in};
use crate::{EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE};

/// Makes a new entry's data from the log as it stands under its lock: from the contract and what the verified log
/// decides; the data, or why nothing is appended (the words and the exit code).
pub(crate) type Compute<'a> =
    &'a dyn Fn(&Loaded, &Decision) -> Result<Map<String, Value>, (String, i32)>;

/// What `cvl log append` is to append.
pub(crate) struct Append<'a> {
    pub log: &'a Path,
    pub contract: &'a Path,
    pub key: &'a Path,
    pub kind: &'a str,
    pub at: &'a str,
    pub data: Option<&'a str>,
    pub id: Option<&'a str>,
    /// Makes the data from the locked log instead of `data`.
    pub compute: Option<Compute<'a>>,
    /// The log service the log is shared through (`--server URL`), and its verifier key (`--server-key`).
    pub server: Option<(&'a str, Option<&'a str>)>,
    /// The amended texts to decide by (spec 9.13), when the data is made from a decision or held to the ledger's
    /// rule.
    pub versions: &'a [PathBuf],
    pub libs: &'a [PathBuf],
    pub color: bool,
}

/// Why an append stops before anything is written.
enum Stop {
    /// A reason to print, followed by "nothing was appended", and the exit code.
    Refused { reason: String, code: i32 },
    /// The message is already printed; the exit code.
    Printed(i32),
    /// The service holds another entry at this place now (409): its words.
    Moved(String),
}

/// How many times `--server` pulls and signs again when another party took the place first.
pub(crate) const TRIES: u32 = 5;

/// Where an entry is posted before it is written: the service, and the contract's SHA-256.
struct Post<'p> {
    client: &'p cvl_serve::client::Client,
    sha256: &'p str,
    /// The party's key, which signs the request.
    key: &'p cvl_log::SecretKey,
    /// The service's verifier key, which its receipts must verify with, when given.
    server_key: Option<&'p cvl_log::checkpoint::NoteKey>,
}

fn refused(reason: String, code: i32) -> Stop {
    Stop::Refused { reason, code }
}

/// Who signs the new entry, and its data, from the arguments.
struct Signer {
    key: SecretKey,
    /// The party whose key it is: the entry's actor.
    actor: String,
    data: Map<String, Value>,
}

pub(crate) fn append(args: &Append<'_>, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let loaded = match load_in(
        args.contract,
        args.libs,
        args.color,
        None,
        &cvl_syntax::text!("cli-nothing-appended"),
        err,
    ) {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    let amended = match crate::versions::load_versions(
        args.versions,
        &loaded,
        args.libs,
        args.color,
        None,
        &cvl_syntax::text!("cli-nothing-appended"),
        err,
    ) {
        Ok(amended) => amended,
        Err(code) => return code,
    };
    let versions = crate::versions::given(&loaded, &amended);
    let log_name = display_name(args.log);
    if let Some((url, server_key)) = args.server {
        return shared(args, &loaded, versions, url, server_key, out, err);
    }
    match append_to(args, &loaded, versions, &log_name, None, err) {
        Ok((seq, entry, _)) => {
            let _ = writeln!(
                out,
                "appended entry {seq} to `{log_name}`: `{}` by `{}` at `{}` (event `{}`)",
                shown(&entry.kind),
                entry.actor,
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
        Err(Stop::Refused { reason, code }) => {
            print_refused(&reason, err);
            let _ = writeln!(err, "nothing was appended to `{log_name}`");
            code
        }
        Err(Stop::Printed(code)) => code,
        Err(Stop::Moved(words)) => {
            let _ = writeln!(err, "error: {}", shown(&words));
            let _ = writeln!(err, "nothing was appended to `{log_name}`");
            EXIT_PROBLEMS
        }
    }
}

/// Prints why an append stopped: the words after `error: `, and a help line when they end with one.
fn print_refused(reason: &str, err: &mut dyn Write) {
    match reason.split_once("\nhelp: ") {
        Some((words, help)) => {
            let _ = writeln!(err, "error: {}", shown(words));
            let _ = writeln!(err, "help: {}", shown(help));
        }
        None => {
            let _ = writeln!(err, "error: {}", shown(reason));
        }
    }
}

/// `cvl log append --server URL`: pull, sign after the service's head, post, and write once stored; again from a
/// new pull when another party took the place first.
fn shared(
    args: &Append<'_>,
    loaded: &Loaded,
    versions: cvl_eval::Versions<'_>,
    url: &str,
    server_key: Option<&str>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> i32 {
    let log_name = display_name(args.log);
    let (key, _, server_key) = match super::pull::keys(args.key, server_key, loaded, err) {
        Ok(keys) => keys,
        Err(code) => return code,
    };
    let client = cvl_serve::client::Client::new(url);
    let post = Post {
        client: &client,
        sha256: loaded.sha256_hex(),
        key: &key,
        server_key: server_key.as_ref(),
    };
    let mut moved = String::new();
    for _ in 0..TRIES {
        if let Err(not) = super::pull::pull(args.log, loaded, &client, &key, server_key.as_ref()) {
            let code = super::pull::report(&not, err);
            let _ = writeln!(err, "nothing was appended to `{log_name}` or to {url}");
            return code;
        }
        match append_to(args, loaded, versions.clone(), &log_name, Some(&post), err) {
            Ok((seq, entry, receipt)) => {
                let _ = writeln!(
                    out,
                    "appended entry {seq} to {url} and to `{log_name}`: `{}` by `{}` at `{}` (event `{}`)",
                    shown(&entry.kind),
                    entry.actor,
                    entry.at,
                    shown(&entry.id)
                );
                let receipt_path = crate::serve::receipt_path(args.log);
                let receipt_name = display_name(&receipt_path);
                return match crate::whole::write(
                    &receipt_path,
                    receipt.unwrap_or_default().as_bytes(),
                ) {
                    Ok(()) => {
                        let _ = writeln!(out, "the receipt is kept in `{receipt_name}`");
                        EXIT_OK
                    }
                    Err(error) => {
                        let _ = writeln!(
                            err,
                            "error: the receipt was not kept in `{receipt_name}`: {}",
                            io_message(&error)
                        );
                        let _ = writeln!(
                            err,
                            "help: the entry was appended; pull again to keep the receipt"
                        );
                        EXIT_USAGE
                    }
                };
            }
            Err(Stop::Moved(words)) => moved = words,
            Err(Stop::Refused { reason, code }) => {
                print_refused(&reason, err);
                let _ = writeln!(err, "nothing was appended to `{log_name}` or to {url}");
                return code;
            }
            Err(Stop::Printed(code)) => return code,
        }
    }
    let _ = writeln!(
        err,
        "error: the service's log moved on {TRIES} times while the entry was signed: {}",
        shown(&moved)
    );
    let _ = writeln!(err, "help: other parties are appending now; try again");
    let _ = writeln!(err, "nothing was appended to `{log_name}` or to {url}");
    EXIT_PROBLEMS
}

/// Every step of an append, in order; the number and the entry appended, and the service's receipt when it was
/// posted to `post` first.
fn append_to<'c>(
    args: &Append<'_>,
    loaded: &'c Loaded,
    versions: cvl_eval::Versions<'c>,
    log_name: &str,
    post: Option<&Post<'_>>,
    err: &mut dyn Write,
) -> Result<(u64, NewEntry, Option<String>), Stop> {
    let mut signer = read_arguments(args, loaded)?;
    // Making the data, and the ledger's rule, need a decision that cites the log's approvals and meetings.
    let cite = args.compute.is_some() || args.kind == INVOICE_APPROVED;
    // What an approval is made from and held to is decided as of the entry's own date (spec 12.7): a month not
    // yet ended is approvable only for its days so far, and one to come not at all.
    let as_of = At::parse(args.at).map(|at| at.date);
    let (appender, mut fold, tail) =
        lock_and_fold(args.log, loaded, versions, as_of, log_name, cite, err)?;
    if let Some(compute) = args.compute {
        let decision = fold.decide().map_err(|refusal| {
            let reason = if refusal.is_decision() {
                crate::eval::undecidable(&refusal)
            } else {
                format!("`{log_name}` is refused: {refusal}")
            };
            refused(reason, EXIT_PROBLEMS)
        })?;
        signer.data = compute(loaded, &decision).map_err(|(reason, code)| refused(reason, code))?;
    }
    let seq = tail.entries.saturating_add(1);
    let entry = NewEntry {
        id: args
            .id
            .map_or_else(|| format!("{}-{seq}", args.kind), str::to_string),
        at: args.at.to_string(),
        kind: args.kind.to_string(),
        actor: signer.actor,
        data: signer.data,
    };
    let event = admit_new(&entry, seq, &tail, &mut fold).map_err(|refusal| {
        refused(
            format!("the new entry is refused: {refusal}"),
            EXIT_PROBLEMS,
        )
    })?;
    if entry.kind == INVOICE_APPROVED {
        ledger(&fold, loaded, &entry.id)?;
    }
    let text = sign_and_read_back(&entry, seq, &tail, &signer.key, &event)?;
    let receipt = post.map(|post| posted(post, &text, seq)).transpose()?;
    write(&appender, &text, seq, log_name, err)?;
    Ok((seq, entry, receipt))
}

/// Reads the key and finds the party it is the key of, checks `--at`, and reads `--data`; a `signed` entry
/// names the contract it signs.
fn read_arguments(args: &Append<'_>, loaded: &Loaded) -> Result<Signer, Stop> {
    let key_name = display_name(args.key);
    // A key file is read as every file the tool reads: bounded (spec section 7).
    let bytes = read_file(args.key, Kind::Key)
        .map_err(|error| refused(format!("cannot read `{key_name}`: {error}"), EXIT_USAGE))?;
    let key = SecretKey::parse(&String::from_utf8_lossy(&bytes)).map_err(|reason| {
        refused(
            format!("`{key_name}` is not a secret key: it {reason}"),
            EXIT_USAGE,
        )
    })?;
    let public = key.public().text();
    let Some(actor) = loaded
        .contract
        .parties
        .iter()
        .find(|p| p.key.as_deref() == Some(public.as_str()))
        .map(|p| p.id.0.clone())
    else {
        return Err(refused(
            format!(
                "`{key_name}` is the key of no party of `{}`: its public key is `{public}`",
                loaded.name
            ),
            EXIT_PROBLEMS,
        ));
    };
    if At::parse(args.at).is_none() {
        return Err(refused(
            format!(
                "`{}` is neither a date (`2019-01-10`) nor a UTC time (`2019-01-10T09:30:00Z`)",
                args.at
            ),
            EXIT_USAGE,
        ));
    }
    let mut data = match args.data.map(cvl_event::strict::object).transpose() {
        Ok(data) => data.unwrap_or_default(),
        Err(reason) => {
            return Err(refused(
                format!("`--data` is refused: {reason}"),
                EXIT_USAGE,
            ));
        }
    };
    // Signing the contract is signing its text and every file it imports: the entry names the contract's SHA-256
    // and the listing it is made of, unless the data already names a contract.
    if args.kind == "signed" && !data.contains_key("contract") {
        data.insert("contract".to_string(), Value::from(loaded.sha256_hex()));
        if !data.contains_key("sources") {
            data.insert("sources".to_string(), Value::from(loaded.listing()));
        }
    }
    Ok(Signer { key, actor, data })
}

/// The kind whose entries the ledger's rule holds to.
const INVOICE_APPROVED: &str = "invoice_approved";

/// The ledger's rule (spec 12.7, cvl-audit's ledger.rs), on the decision with the new entry folded in: its
/// approvals bring no item's month past what the decision pays for it, nor below nothing.
fn ledger(fold: &Fold<'_>, loaded: &Loaded, id: &str) -> Result<(), Stop> {
    let decision = fold.decide().map_err(|refusal| {
        let reason = if refusal.is_decision() {
            crate::eval::undecidable(&refusal)
        } else {
            format!("the new entry is refused: {refusal}")
        };
        refused(reason, EXIT_PROBLEMS)
    })?;
    match cvl_audit::ledger::overdrawn(&loaded.contract, &decision, id) {
        Some(reason) => Err(refused(
            format!("the new entry is refused: {reason}"),
            EXIT_PROBLEMS,
        )),
        None => Ok(()),
    }
}

/// Takes the log's lock, and in one pass verifies each entry and folds it into an evaluation (one that only admits,
/// unless `cite`: then one that keeps what a decision cites, to decide from as of `as_of`), which the new entry
/// then joins; the
/// lock, the fold, and where the log ends.
fn lock_and_fold<'c>(
    log: &Path,
    loaded: &'c Loaded,
    versions: cvl_eval::Versions<'c>,
    as_of: Option<chrono::NaiveDate>,
    log_name: &str,
    cite: bool,
    err: &mut dyn Write,
) -> Result<(Appender, Fold<'c>, Tail), Stop> {
    let appender = Appender::lock(log).map_err(|error| {
        refused(
            format!("cannot open `{log_name}` to append: {}", io_message(&error)),
            EXIT_USAGE,
        )
    })?;
    let input = open(appender.path(), err).map_err(Stop::Printed)?;
    let mut fold = if cite {
        Fold::new(&loaded.contract, loaded.binding(true), as_of).with_versions(versions)
    } else {
        Fold::admitting(&loaded.contract, loaded.binding(true)).with_versions(versions)
    };
    let mut verifier = loaded.verifier(input);
    verifier
        .by_ref()
        .try_for_each(|event| event.and_then(|event| fold.apply(&event)))
        .map_err(|refusal| refused(format!("`{log_name}` is refused: {refusal}"), EXIT_PROBLEMS))?;
    let tail = verifier.tail();
    Ok((appender, fold, tail))
}

/// The new entry as the event it will be read as, admitted after every entry before it: in date order, dated no
/// more than a day after the clock, and fitting the contract. It is admitted before it is signed, so that nothing
/// the contract or spec section 6 refuses (a CPR number in its id or data, say) is ever signed or written.
fn admit_new(
    entry: &NewEntry,
    seq: u64,
    tail: &Tail,
    fold: &mut Fold<'_>,
) -> Result<Event, Refusal> {
    let mut object = Map::new();
    object.insert("id".to_string(), Value::from(entry.id.clone()));
    object.insert("at".to_string(), Value::from(entry.at.clone()));
    object.insert("kind".to_string(), Value::from(entry.kind.clone()));
    object.insert("actor".to_string(), Value::from(entry.actor.clone()));
    object.insert("data".to_string(), Value::Object(entry.data.clone()));
    let event = Event::from_object(line_of(seq), Some(seq), object)?;
    cvl_event::in_order(&event, tail.last())?;
    cvl_log::clock::not_ahead(&event, cvl_log::clock::now())?;
    fold.apply(&event)?;
    Ok(event)
}

/// The line entry `seq` is on.
fn line_of(seq: u64) -> usize {
    usize::try_from(seq).unwrap_or(usize::MAX)
}

/// Signs the entry as entry `seq` after `tail`, and reads the line back as it will be read: it must read back as
/// the event admitted. The line, without its newline.
fn sign_and_read_back(
    entry: &NewEntry,
    seq: u64,
    tail: &Tail,
    key: &SecretKey,
    admitted: &Event,
) -> Result<String, Stop> {
    let (text, _) = entry
        .sign(seq, &tail.digest, key)
        .map_err(|reason| refused(format!("the new entry {reason}"), EXIT_PROBLEMS))?;
    match Entry::read(line_of(seq), &text) {
        Ok(written) if written.event == *admitted => Ok(text),
        Ok(_) => Err(refused(
            "the new entry does not read back as it was admitted".to_string(),
            EXIT_PROBLEMS,
        )),
        Err(refusal) => Err(refused(
            format!("the new entry is refused: {refusal}"),
            EXIT_PROBLEMS,
        )),
    }
}

/// Posts the signed entry `seq` to the service: its receipt when stored, [`Stop::Moved`] when another entry took
/// its place first.
fn posted(post: &Post<'_>, text: &str, seq: u64) -> Result<String, Stop> {
    let reply = post
        .client
        .append(post.sha256, text, post.key)
        .map_err(|words| refused(words, EXIT_PROBLEMS))?;
    match reply.status {
        201 => {
            let note = serde_json::from_str::<Value>(&reply.body)
                .ok()
                .and_then(|body| {
                    body.get("checkpoint")
                        .and_then(Value::as_str)
                        .map(str::to_string)
                })
                .ok_or_else(|| {
                    refused(
                        format!("the service's receipt for entry {seq} has no checkpoint"),
                        EXIT_PROBLEMS,
                    )
                })?;
            cvl_serve::client::receipt(&note, post.server_key, post.sha256, seq, text)
                .map_err(|words| refused(words, EXIT_PROBLEMS))?;
            Ok(note)
        }
        409 => Err(Stop::Moved(reply.words())),
        status => Err(refused(
            format!(
                "the service refused entry {seq} (status {status}): {}",
                reply.words()
            ),
            EXIT_PROBLEMS,
        )),
    }
}

/// Appends the line under the lock; a directory that cannot be flushed afterwards is a warning, since the entry
/// is in place.
fn write(
    appender: &Appender,
    text: &str,
    seq: u64,
    log_name: &str,
    err: &mut dyn Write,
) -> Result<(), Stop> {
    match appender.append(text) {
        Ok(()) => Ok(()),
        Err(AppendError::NotAppended(error)) => Err(refused(
            format!("cannot write `{log_name}`: {}", io_message(&error)),
            EXIT_USAGE,
        )),
        Err(AppendError::NotFlushed(error)) => {
            let _ = writeln!(
                err,
                "warning: entry {seq} is appended to `{log_name}`, but its directory could not be flushed to the disk ({}): \
                 a crash now could lose it; do not append it again",
                io_message(&error)
            );
            Ok(())
        }
    }
}
