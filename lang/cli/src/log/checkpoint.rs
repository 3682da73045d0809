//! `cvl log verify --checkpoint FILE --server-key KEY`: reading the checkpoint a party kept (the receipt `cvl log
//! push` wrote to `LOG.checkpoint`) and the service's verifier key, and refusing a checkpoint that is malformed,
//! not signed by that key, or of another contract's log. Whether the log extends it is cvl-log's extend.rs.

use std::io::{Read, Write};
use std::path::Path;

use cvl_log::checkpoint::{self, Checkpoint, NoteKey};
use cvl_log::{Digest, extend};

use crate::check::{Kind, display_name, io_message, read_file};
use crate::{EXIT_PROBLEMS, EXIT_USAGE};

/// The most bytes a checkpoint file may hold: 64 KiB (a checkpoint with one signature is some 250 bytes).
const MAX_CHECKPOINT: u64 = 64 << 10;

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
    let mut bytes = Vec::new();
    if let Err(error) = std::fs::File::open(path)
        .and_then(|file| file.take(MAX_CHECKPOINT + 1).read_to_end(&mut bytes))
    {
        let _ = writeln!(err, "error: cannot read `{name}`: {}", io_message(&error));
        return Err(EXIT_USAGE);
    }
    let refuse = |err: &mut dyn Write, words: String| {
        let _ = writeln!(err, "error: {words}");
        let _ = writeln!(
            err,
            "help: give the receipt `cvl log push` kept for this log (`LOG.checkpoint`) and the verifier key of \
             the service that signed it; nothing was verified"
        );
        EXIT_PROBLEMS
    };
    if u64::try_from(bytes.len()).unwrap_or(u64::MAX) > MAX_CHECKPOINT {
        return Err(refuse(
            err,
            format!(
                "the checkpoint `{name}` is larger than 64 KiB (65,536 bytes), which no checkpoint is"
            ),
        ));
    }
    let Ok(text) = std::str::from_utf8(&bytes) else {
        return Err(refuse(
            err,
            format!("the checkpoint `{name}` is not UTF-8 text"),
        ));
    };
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
