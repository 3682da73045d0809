//! Whether a log extends a checkpoint a party kept: the check that makes a cut or a fork detectable by anyone who
//! has once seen the longer log.
//!
//! A checkpoint (checkpoint.rs) says that a log of some contract had `size` entries and ended at `head`. Since the
//! log is a hash chain, a log extends it when it has at least `size` entries and its entry `size` has `head` as its
//! digest (for size 0, the contract's SHA-256, where an empty log starts): every entry up to it is then the one the
//! checkpoint saw, through the `prev` fields. The digest of entry `size` is kept by the verifier in the same pass
//! that verifies the log ([`crate::Verifier::marking`]), so the check reads the log once. A checkpoint is first
//! checked to be of this log: its origin is the service's name, `/`, and this contract's SHA-256 in hex.

use cvl_event::shown;

use crate::checkpoint::Checkpoint;
use crate::{Digest, Tail, hex};

/// Why a log does not extend a checkpoint, or why the checkpoint is not of this log.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NotExtended {
    /// The checkpoint's origin is not this contract's log at the service that signed it.
    OtherLog { origin: String, expected: String },
    /// The log has fewer entries than the checkpoint saw.
    CutShort { entries: u64, size: u64 },
    /// The log's entry `size` (the contract's SHA-256 for size 0) is not the checkpoint's head.
    Forked {
        size: u64,
        digest: Digest,
        head: Digest,
    },
    /// The log is longer than the checkpoint, but was verified without marking entry `size`: nothing is known.
    Unmarked { size: u64 },
}

impl NotExtended {
    /// The words of the refusal, naming the checkpoint as `name` (its file, say).
    pub fn words(&self, name: &str) -> String {
        match self {
            NotExtended::OtherLog { origin, expected } => format!(
                "the checkpoint `{name}` is of another log: its origin is `{}`, and this contract's log there is \
                 `{expected}`",
                shown(origin)
            ),
            NotExtended::CutShort { entries, size } => format!(
                "cut short: the log has {entries} {}, the checkpoint `{name}` saw {size}",
                if *entries == 1 { "entry" } else { "entries" }
            ),
            NotExtended::Forked {
                size: 0,
                digest,
                head,
            } => format!(
                "forked: the log starts from the contract's sha256:{} but the checkpoint `{name}` saw sha256:{} as \
                 the head of the empty log",
                hex(digest),
                hex(head)
            ),
            NotExtended::Forked { size, digest, head } => format!(
                "forked: entry {size}'s digest is sha256:{} but the checkpoint `{name}` saw sha256:{}",
                hex(digest),
                hex(head)
            ),
            NotExtended::Unmarked { size } => format!(
                "entry {size}'s digest was not kept while the log was verified, so whether it extends the \
                 checkpoint `{name}` is not known"
            ),
        }
    }
}

/// The origin of the checkpoints of the log of the contract with SHA-256 `contract` at the service named `service`.
pub fn origin(service: &str, contract: &Digest) -> String {
    format!("{service}/{}", hex(contract))
}

/// Whether `checkpoint`, signed by the service named `service`, is of the log of the contract with SHA-256
/// `contract`.
pub fn of_log(
    checkpoint: &Checkpoint,
    service: &str,
    contract: &Digest,
) -> Result<(), NotExtended> {
    let expected = origin(service, contract);
    if checkpoint.origin == expected {
        Ok(())
    } else {
        Err(NotExtended::OtherLog {
            origin: checkpoint.origin.clone(),
            expected,
        })
    }
}

/// Whether the log that ended at `tail`, verified by a verifier marking entry `checkpoint.size`
/// ([`crate::Verifier::marking`]), extends `checkpoint`.
pub fn extends(checkpoint: &Checkpoint, tail: &Tail) -> Result<(), NotExtended> {
    let size = checkpoint.size;
    if tail.entries < size {
        return Err(NotExtended::CutShort {
            entries: tail.entries,
            size,
        });
    }
    let digest = if tail.entries == size {
        Some(tail.digest)
    } else {
        tail.marked
    };
    match digest {
        Some(digest) if digest == checkpoint.head => Ok(()),
        Some(digest) => Err(NotExtended::Forked {
            size,
            digest,
            head: checkpoint.head,
        }),
        None => Err(NotExtended::Unmarked { size }),
    }
}
