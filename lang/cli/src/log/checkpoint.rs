//! The checkpoints a party keeps and the service's verifier key: the one reader of a kept checkpoint ([`kept`]:
//! a regular file only, at most 64 KiB, UTF-8; never a FIFO or a device), used by `cvl log pull`, `cvl log
//! append --server` and `cvl log verify --checkpoint`; the one parser of `--server-key` ([`server_key`]: the key
//! itself or a file holding it) for push, pull, append and verify; and `cvl log verify --checkpoint FILE
//! --server-key KEY`'s reading of the checkpoint, refusing one that is malformed, not signed by that key, or of
//! another contract's log. Whether the log extends it is cvl-log's extend.rs.

use std::io::Write;
use std::path::Path;

use cvl_check::read::{Kind as ReadKind, ReadError, read_regular_file};
use cvl_log::checkpoint::{self, Checkpoint, NoteKey};
use cvl_log::{Digest, extend};

use crate::check::{Kind, display_name, io_message, read_file};
use crate::{EXIT_PROBLEMS, EXIT_USAGE};

/// Why a kept checkpoint was not read.
pub(crate) enum Unread {
    /// There is no file at its name: the words, as for one that cannot be read.
    Missing(String),
    /// The system could not read it: the words (exit code 2).
    Io(String),
    /// What is there is no checkpoint file: the words (exit code 1).
    Refused(String),
}

/// The text of the checkpoint kept at `path` (cvl-check's read.rs): read only from a regular file (or a link to
/// one), opened without blocking, at most 64 KiB, and UTF-8.
pub(crate) fn kept(path: &Path) -> Result<String, Unread> {
    let name = display_name(path);
    let bytes = read_regular_file(path, ReadKind::Checkpoint).map_err(|error| match error {
        ReadError::Io(error) if error.kind() == std::io::ErrorKind::NotFound => {
            Unread::Missing(format!("cannot read `{name}`: {}", io_message(&error)))
        }
        ReadError::Io(error) => Unread::Io(format!("cannot read `{name}`: {}", io_message(&error))),
        ReadError::NotRegular => Unread::Refused(format!(
            "the checkpoint `{name}` is not a regular file (a pipe, a device or a socket), and a checkpoint is \
             read only from a regular file"
        )),
        ReadError::TooLarge(_) => Unread::Refused(format!(
            "the checkpoint `{name}` is larger than 64 KiB (65,536 bytes), which no checkpoint is"
        )),
    })?;
    String::from_utf8(bytes)
        .map_err(|_| Unread::Refused(format!("the checkpoint `{name}` is not UTF-8 text")))
}

/// A checkpoint a party kept, verified and of this contract's log.
pub(crate) struct Kept {
    /// The file's name, as outputs show it.
    pub name: String,
    pub checkpoint: Checkpoint,
    /// The service's name, which signed it.
    pub service: String,
}

/// The service's verifier key: `text` itself when it is one (`NAME+ID+KEY`), else the file it names, which holds
/// one. Exit code 2 when it is neither.
pub(crate) fn server_key(text: &str, err: &mut dyn Write) -> Result<NoteKey, i32> {
    let refuse = |err: &mut dyn Write, words: String| {
        let _ = writeln!(err, "error: {words}");
        let _ = writeln!(
            err,
            "help: give the verifier key `cvl serve` printed (`NAME+ID+KEY`), or a file holding it"
        );
        EXIT_USAGE
    };
    let parsed = NoteKey::parse(text);
    let path = Path::new(text);
    match parsed {
        Ok(key) => Ok(key),
        Err(_) if path.is_file() => {
            let name = display_name(path);
            let bytes = read_file(path, Kind::Key).map_err(|error| {
                refuse(err, format!("cannot read `--server-key` `{name}`: {error}"))
            })?;
            NoteKey::parse(&String::from_utf8_lossy(&bytes))
                .map_err(|error| refuse(err, format!("`--server-key` `{name}`: the key {error}")))
        }
        Err(error) => Err(refuse(
            err,
            format!("`--server-key` is not a file, and the key {error}"),
        )),
    }
}

/// Reads the checkpoint at `path`, verifies its signature with `key` and checks that it is of the log of the
/// contract with SHA-256 `contract`. Exit code 2 when the file cannot be read, 1 when the checkpoint is refused.
pub(crate) fn read(
    path: &Path,
    key: &NoteKey,
    contract: &Digest,
    err: &mut dyn Write,
) -> Result<Kept, i32> {
    let name = display_name(path);
    let refuse = |err: &mut dyn Write, words: String| {
        let _ = writeln!(err, "error: {words}");
        let _ = writeln!(
            err,
            "help: give the receipt `cvl log push`, `cvl log pull` or `cvl log append --server` kept for this log \
             (`LOG.checkpoint`) and the verifier key of the service that signed it; nothing was verified"
        );
        EXIT_PROBLEMS
    };
    let text = match kept(path) {
        Ok(text) => text,
        Err(Unread::Missing(words) | Unread::Io(words)) => {
            let _ = writeln!(err, "error: {words}");
            return Err(EXIT_USAGE);
        }
        Err(Unread::Refused(words)) => return Err(refuse(err, words)),
    };
    let text = text.as_str();
    let checkpoint = checkpoint::verify(text, key)
        .map_err(|error| refuse(err, format!("the checkpoint `{name}` {error}")))?;
    extend::of_log(&checkpoint, &key.name, contract)
        .map_err(|refusal| refuse(err, refusal.words(&name)))?;
    Ok(Kept {
        name,
        checkpoint,
        service: key.name.clone(),
    })
}
