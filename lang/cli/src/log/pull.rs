//! `cvl log pull LOG --server URL --contract CONTRACT --key KEY [--server-key KEY]`: bringing a party's copy of a
//! log up to the service's, and refusing a service whose log does not extend it.
//!
//! Under the log's lock (cvl-log's append.rs; a LOG that does not exist yet is made whole at the end), the party's
//! client reads the service's lines after its own last entry, signed with its key (cvl-serve's auth.rs), the last
//! one again so that it sees the service still holds it. Nothing is written when the service holds fewer entries
//! than LOG (cut short), when the service's entry at LOG's last is not LOG's (forked), when LOG with the new lines
//! does not verify as `cvl log verify` verifies a log, when the service's checkpoint is not of that log, or when it
//! does not extend the checkpoint kept in `LOG.checkpoint` (cvl-log's extend.rs). Otherwise the new lines are
//! appended atomically, and the service's checkpoint is kept in `LOG.checkpoint` (whole.rs).

use std::io::Write;
use std::path::{Path, PathBuf};

use cvl_log::SecretKey;
use cvl_log::append::{AppendError, Appender};
use cvl_log::checkpoint::{Checkpoint, NoteKey};

use super::checkpoint::Unread;
use crate::check::{display_name, io_message};
use crate::contract::Loaded;
use crate::{EXIT_PROBLEMS, EXIT_USAGE};

/// What a pull did.
pub(crate) struct Pulled {
    /// How many entries were added to LOG.
    pub added: u64,
    /// What the service's checkpoint, now kept, says.
    pub read: Checkpoint,
}

/// Why a pull wrote nothing: the words (after `error: `), a help line, and the exit code.
pub(crate) struct NotPulled {
    pub words: String,
    pub help: Option<String>,
    pub code: i32,
}

fn not_pulled(words: impl Into<String>, help: Option<&str>, code: i32) -> NotPulled {
    NotPulled {
        words: words.into(),
        help: help.map(str::to_string),
        code,
    }
}

const FORKED_HELP: &str = "the service's log does not go on from this copy: entries were cut off it or it went \
                           another way; keep this copy, it is the evidence, and ask the other parties for theirs";

const DISAGREE_HELP: &str = "the service's checkpoint and its entries disagree: it lost entries it signed for, or \
                             its store was changed under it; keep this copy, it is the evidence, and tell the \
                             service's operator";

/// The party whose key `key` is, among the contract's parties.
pub(crate) fn party_of(loaded: &Loaded, key: &SecretKey) -> Option<String> {
    let public = key.public().text();
    loaded
        .contract
        .parties
        .iter()
        .find(|p| p.key.as_deref() == Some(public.as_str()))
        .map(|p| p.id.0.clone())
}

/// The lines of LOG, read as every reader of a log reads them.
fn lines_of(path: &Path, log_name: &str) -> Result<Vec<String>, NotPulled> {
    let file = std::fs::File::open(path).map_err(|error| {
        not_pulled(
            format!("cannot read `{log_name}`: {}", io_message(&error)),
            None,
            EXIT_USAGE,
        )
    })?;
    let mut input = std::io::BufReader::new(file);
    let mut buffer = Vec::new();
    let mut lines = Vec::new();
    loop {
        match cvl_log::verify::next_line(&mut input, &mut buffer) {
            Ok(None) => return Ok(lines),
            Ok(Some(text)) => lines.push(text.to_string()),
            Err((_, reason)) => {
                return Err(not_pulled(
                    format!("`{log_name}` line {}: {reason}", lines.len() + 1),
                    None,
                    EXIT_PROBLEMS,
                ));
            }
        }
    }
}

/// The checkpoint kept beside LOG, if there is one: verified with `key` when given, and of this contract's log.
fn kept(
    path: &Path,
    loaded: &Loaded,
    key: Option<&NoteKey>,
) -> Result<Option<(String, Checkpoint)>, NotPulled> {
    let name = display_name(path);
    const HELP: &str = "the checkpoint beside the log is the one an earlier pull, push or append kept: give the \
                        `--server-key` of the service that signed it; if it is not this log's receipt, move it \
                        aside (keep it: it may be evidence) and pull again";
    let text = match super::checkpoint::kept(path) {
        Ok(text) => text,
        Err(Unread::Missing(_)) => return Ok(None),
        Err(Unread::Io(words)) => return Err(not_pulled(words, None, EXIT_USAGE)),
        Err(Unread::Refused(words)) => return Err(not_pulled(words, Some(HELP), EXIT_PROBLEMS)),
    };
    let read = cvl_serve::client::read_checkpoint(&text, key).map_err(|words| {
        not_pulled(
            words.replacen(
                "the service's checkpoint",
                &format!("the checkpoint `{name}`"),
                1,
            ),
            Some(HELP),
            EXIT_PROBLEMS,
        )
    })?;
    if !cvl_serve::client::of_this_log(&read, key, loaded.sha256_hex()) {
        return Err(not_pulled(
            format!(
                "the checkpoint `{name}` is of another log: its origin is `{}`",
                cvl_event::shown(&read.origin)
            ),
            Some(HELP),
            EXIT_PROBLEMS,
        ));
    }
    Ok(Some((name, read)))
}

/// Pulls the service's log into LOG; see the module's documentation.
pub(crate) fn pull(
    log: &Path,
    loaded: &Loaded,
    client: &cvl_serve::client::Client,
    key: &SecretKey,
    server_key: Option<&NoteKey>,
) -> Result<Pulled, NotPulled> {
    let log_name = display_name(log);
    let exists = std::fs::symlink_metadata(log).is_ok();
    let appender = if exists {
        Some(Appender::lock(log).map_err(|error| {
            not_pulled(
                format!("cannot open `{log_name}` to append: {}", io_message(&error)),
                None,
                EXIT_USAGE,
            )
        })?)
    } else {
        None
    };
    let local = match &appender {
        Some(appender) => lines_of(appender.path(), &log_name)?,
        None => Vec::new(),
    };
    let receipt = crate::serve::receipt_path(log);
    let kept = kept(&receipt, loaded, server_key)?;
    let mine = u64::try_from(local.len()).unwrap_or(u64::MAX);
    // This copy is verified before anything is fetched, so that a fault in it is never laid at the service's door.
    let mut text = String::new();
    for line in &local {
        text.push_str(line);
        text.push('\n');
    }
    loaded
        .verify_log_on(
            text.as_bytes(),
            crate::jobs::default_jobs(),
            crate::versions::given(loaded, &[]),
        )
        .map_err(|refusal| {
            not_pulled(
                format!("this log `{log_name}` is refused: {refusal}; nothing was fetched or pulled"),
                Some(
                    "this copy does not verify on its own (`cvl log verify`): it was changed since it was \
                     written; get a good copy from the other parties, or pull into a new file",
                ),
                EXIT_PROBLEMS,
            )
        })?;
    let prev = local
        .len()
        .checked_sub(2)
        .and_then(|index| local.get(index))
        .map(|line| cvl_log::contract_digest(line.as_bytes()));
    let fetched = cvl_serve::client::fetch_after(
        client,
        loaded.sha256_hex(),
        mine.saturating_sub(1),
        prev,
        key,
        server_key,
    )
    .map_err(|words| match words.split_once("\nhelp: ") {
        Some((words, help)) => not_pulled(words, Some(help), EXIT_PROBLEMS),
        None => not_pulled(words, None, EXIT_PROBLEMS),
    })?;
    let read = &fetched.read;
    if !cvl_serve::client::of_this_log(read, server_key, loaded.sha256_hex()) {
        return Err(not_pulled(
            format!(
                "the service's checkpoint is of another log: its origin is `{}`",
                cvl_event::shown(&read.origin)
            ),
            None,
            EXIT_PROBLEMS,
        ));
    }
    if let Some((name, kept)) = &kept
        && read.size < kept.size
    {
        let cut = cvl_log::extend::NotExtended::CutShort {
            entries: read.size,
            size: kept.size,
        };
        return Err(not_pulled(
            format!(
                "the service's log is refused: {}; nothing was pulled",
                cut.words(name)
            ),
            Some(FORKED_HELP),
            EXIT_PROBLEMS,
        ));
    }
    if read.size < mine {
        return Err(not_pulled(
            format!(
                "the service holds {} entries, fewer than the {mine} of `{log_name}`: this copy is ahead of the \
                 service, or the service's log was cut short; nothing was pulled",
                read.size
            ),
            Some(
                "push the entries the service lacks (`cvl log push`) if they were never sent; if the service had \
                 them, keep this copy, it is the evidence, and ask the other parties for theirs",
            ),
            EXIT_PROBLEMS,
        ));
    }
    let mut new = fetched.lines.as_slice();
    if let Some(last) = local.last() {
        match new.split_first() {
            Some((theirs, rest)) if theirs == last => new = rest,
            _ => {
                return Err(not_pulled(
                    format!(
                        "forked: entry {mine} of `{log_name}` is not the service's entry {mine}: the two logs forked, \
                         and nothing was pulled"
                    ),
                    Some(FORKED_HELP),
                    EXIT_PROBLEMS,
                ));
            }
        }
    }
    for line in new {
        text.push_str(line);
        text.push('\n');
    }
    let mark = kept.as_ref().map(|(_, kept)| kept.size);
    let tail = loaded
        .verify_log_marking(
            text.as_bytes(),
            crate::jobs::default_jobs(),
            crate::versions::given(loaded, &[]),
            mark,
        )
        .map_err(|refusal| {
            not_pulled(
                format!("the service's log is refused: {refusal}; nothing was pulled"),
                None,
                EXIT_PROBLEMS,
            )
        })?;
    if tail.entries != read.size || tail.digest != read.head {
        return Err(not_pulled(
            format!(
                "the service's checkpoint says {} entries ending at sha256:{}, but the log it gave has {} ending at \
                 sha256:{}; nothing was pulled",
                read.size,
                cvl_log::hex(&read.head),
                tail.entries,
                cvl_log::hex(&tail.digest)
            ),
            Some(DISAGREE_HELP),
            EXIT_PROBLEMS,
        ));
    }
    if let Some((name, kept)) = &kept
        && let Err(refusal) = cvl_log::extend::extends(kept, &tail)
    {
        return Err(not_pulled(
            format!(
                "the service's log is refused: {}; nothing was pulled",
                refusal.words(name)
            ),
            Some(FORKED_HELP),
            EXIT_PROBLEMS,
        ));
    }
    let added = u64::try_from(new.len()).unwrap_or(u64::MAX);
    let written = match &appender {
        Some(_) if new.is_empty() => Ok(()),
        Some(appender) => appender
            .append(&new.join("\n"))
            .or_else(|error| match error {
                AppendError::NotFlushed(_) => Ok(()),
                AppendError::NotAppended(error) => Err(error),
            }),
        None => crate::whole::write(log, text.as_bytes()),
    };
    written.map_err(|error| {
        not_pulled(
            format!("cannot write `{log_name}`: {}", io_message(&error)),
            None,
            EXIT_USAGE,
        )
    })?;
    crate::whole::write(&receipt, fetched.checkpoint.as_bytes()).map_err(|error| {
        not_pulled(
            format!(
                "the receipt was not kept in `{}`: {}",
                display_name(&receipt),
                io_message(&error)
            ),
            Some("the entries were pulled; pull again once the file can be written"),
            EXIT_USAGE,
        )
    })?;
    Ok(Pulled {
        added,
        read: fetched.read,
    })
}

/// What `cvl log pull` takes.
#[derive(Debug, clap::Args)]
pub(crate) struct PullArgs {
    /// The log file to bring up to the service's (made when it does not exist)
    #[arg(value_name = "LOG")]
    log: PathBuf,
    /// The service's address, such as http://127.0.0.1:8080
    #[arg(long, value_name = "URL")]
    server: String,
    /// The contract the log is bound to
    #[arg(long, value_name = "CONTRACT")]
    contract: PathBuf,
    /// The secret key of a party of the contract, which signs the reads (`cvl key gen`)
    #[arg(long, value_name = "KEY")]
    key: PathBuf,
    /// The service's verifier key (`NAME+ID+KEY`, as `cvl serve` prints it), or a file holding it
    #[arg(long = "server-key", value_name = "KEY")]
    server_key: Option<String>,
    #[command(flatten)]
    common: crate::ContractArgs,
}

impl PullArgs {
    pub(crate) fn color(&self) -> crate::ColorChoice {
        self.common.color
    }
}

/// The party's key and the service's, read as `cvl log append` and `cvl log verify` read them; the party's
/// name.
pub(crate) fn keys(
    key: &Path,
    server_key: Option<&str>,
    loaded: &Loaded,
    err: &mut dyn Write,
) -> Result<(SecretKey, String, Option<NoteKey>), i32> {
    let server_key = match server_key.map(|k| super::checkpoint::server_key(k, err)) {
        Some(Err(code)) => return Err(code),
        Some(Ok(key)) => Some(key),
        None => None,
    };
    let secret = crate::serve::secret_key(key, err)?;
    let Some(party) = party_of(loaded, &secret) else {
        let _ = writeln!(
            err,
            "error: `{}` is the key of no party of `{}`: its public key is `{}`",
            display_name(key),
            loaded.name,
            secret.public().text()
        );
        let _ = writeln!(
            err,
            "help: a log is read by the parties of its contract, each with the key the contract gives it"
        );
        return Err(EXIT_PROBLEMS);
    };
    Ok((secret, party, server_key))
}

pub(crate) fn run(args: PullArgs, color: bool, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let loaded = match crate::contract::load_in(
        &args.contract,
        &args.common.libs,
        color,
        None,
        &cvl_syntax::text!("cli-nothing-pulled"),
        err,
    ) {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    let (key, party, server_key) = match keys(&args.key, args.server_key.as_deref(), &loaded, err) {
        Ok(keys) => keys,
        Err(code) => return code,
    };
    let client = cvl_serve::client::Client::new(&args.server);
    let log_name = display_name(&args.log);
    match pull(&args.log, &loaded, &client, &key, server_key.as_ref()) {
        Ok(pulled) => {
            let _ = writeln!(
                out,
                "pulled {} {} from {} into `{log_name}` as `{party}`: it holds {} now, head sha256:{}{}",
                pulled.added,
                if pulled.added == 1 {
                    "entry"
                } else {
                    "entries"
                },
                args.server,
                pulled.read.size,
                cvl_log::hex(&pulled.read.head),
                if server_key.is_some() {
                    ""
                } else {
                    " (the checkpoint is not verified: give `--server-key`)"
                }
            );
            let _ = writeln!(
                out,
                "the checkpoint is kept in `{}`: a later pull refuses a service whose log does not extend it",
                display_name(&crate::serve::receipt_path(&args.log))
            );
            crate::EXIT_OK
        }
        Err(not) => report(&not, err),
    }
}

/// Prints why nothing was pulled; the exit code.
pub(crate) fn report(not: &NotPulled, err: &mut dyn Write) -> i32 {
    let _ = writeln!(err, "error: {}", not.words);
    if let Some(help) = &not.help {
        let _ = writeln!(err, "help: {help}");
    }
    not.code
}
