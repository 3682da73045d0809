//! Verifying a log as a stream: each entry's place in the chain, its date, its actor's key and its signature, in
//! the order written, holding one entry at a time.
//!
//! [`Verifier`] is an iterator of the events of a log, each given out only once its entry has passed. The first
//! entry that fails is refused, naming its seq (and line) and what is wrong, and the iteration ends there: a
//! caller that stops at the first error decides nothing from a log that does not verify.

use std::collections::BTreeMap;
use std::io::{BufRead, Read};

use cvl_event::{At, Event, MAX_LINE, Place, Refusal, RefusalKind};

use crate::{Digest, PublicKey, SourceFile, entry::Entry, hex, sources};

/// Where a verified log ends: what the next entry must carry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tail {
    /// How many entries were verified.
    pub entries: u64,
    /// The last entry's digest, or the contract's when there is none.
    pub digest: Digest,
    /// When the last entry happened.
    pub last_at: Option<At>,
    /// The digest of the entry the verifier was asked to mark ([`Verifier::marking`]) once the log has reached
    /// it: the contract's SHA-256 for entry 0; `None` while the log is shorter, or when no entry is marked.
    pub marked: Option<Digest>,
}

impl Tail {
    /// The last entry's date and place, for the date-order check of the entry after it ([`cvl_event::in_order`]).
    pub fn last(&self) -> Option<(At, Place)> {
        self.last_at.map(|at| (at, Place::Entry(self.entries)))
    }
}

/// Reads the next line of a log into `buffer` (cleared first) as every reader of a log does (`cvl log verify`,
/// `append`, `show`, `cvl eval --log`): at most [`MAX_LINE`] bytes (1 MiB) are read, whatever the input, so a line
/// that never ends (`/dev/zero`) is refused, not read into memory. `Ok(None)` at the end of the log; otherwise the
/// line's text without its newline, or why the line is refused: longer than 1 MiB, cut short (no newline),
/// not UTF-8, or unreadable, with the kind of refusal each is.
pub fn next_line<'b, R: BufRead>(
    input: &mut R,
    buffer: &'b mut Vec<u8>,
) -> Result<Option<&'b str>, (RefusalKind, String)> {
    buffer.clear();
    let limit = u64::try_from(MAX_LINE)
        .unwrap_or(u64::MAX)
        .saturating_add(1);
    match input.take(limit).read_until(b'\n', buffer) {
        Ok(0) => return Ok(None),
        Ok(_) if buffer.len() > MAX_LINE => {
            return Err((
                RefusalKind::Limit,
                "is longer than 1 MiB, which no entry is".to_string(),
            ));
        }
        Ok(_) => {}
        Err(error) => return Err((RefusalKind::Unreadable, format!("cannot be read: {error}"))),
    }
    let Some(text) = buffer.strip_suffix(b"\n") else {
        return Err((
            RefusalKind::Unreadable,
            "the last entry is cut short (its line does not end): the log was not written whole"
                .to_string(),
        ));
    };
    match std::str::from_utf8(text) {
        Ok(text) => Ok(Some(text)),
        Err(_) => Err((RefusalKind::Unreadable, "is not UTF-8 text".to_string())),
    }
}

/// Verifies a log as it is read.
pub struct Verifier<R> {
    input: R,
    buffer: Vec<u8>,
    line: usize,
    contract: Digest,
    /// The files the contract is made of, when known: a log bound to another contract is refused naming the files
    /// that differ.
    sources: Vec<SourceFile>,
    /// Each party's key, by the party's name; `None` for a party that declares no key.
    keys: BTreeMap<String, Option<PublicKey>>,
    tail: Tail,
    /// The seq of the entry whose digest the tail keeps (`Tail::marked`), if any.
    mark: Option<u64>,
    stopped: bool,
}

impl<R: BufRead> Verifier<R> {
    /// Verifies the log read from `input`, bound to the contract whose text has SHA-256 `contract`, whose parties
    /// have `keys`.
    pub fn new(input: R, contract: Digest, keys: BTreeMap<String, Option<PublicKey>>) -> Self {
        Verifier {
            input,
            buffer: Vec::new(),
            line: 0,
            contract,
            sources: Vec::new(),
            keys,
            tail: Tail {
                entries: 0,
                digest: contract,
                last_at: None,
                marked: None,
            },
            mark: None,
            stopped: false,
        }
    }

    /// A verifier that goes on from a log verified up to `tail` (as [`Verifier::tail`] gave it): `input` holds the
    /// entries after it, which are checked, and numbered in refusals, exactly as they would be after the entries
    /// before them in one pass over the whole log. This is how the log service admits an entry without reading
    /// the stored log again.
    pub fn after(
        input: R,
        contract: Digest,
        keys: BTreeMap<String, Option<PublicKey>>,
        tail: Tail,
    ) -> Self {
        let mut verifier = Verifier::new(input, contract, keys);
        verifier.line = usize::try_from(tail.entries).unwrap_or(usize::MAX);
        verifier.tail = Tail {
            marked: None,
            ..tail
        };
        verifier
    }

    /// The same verifier, told the files the contract is made of (`contract` must be their listing's SHA-256), so
    /// that a log bound to another contract is refused naming the files that differ.
    pub fn with_sources(mut self, sources: Vec<SourceFile>) -> Self {
        self.sources = sources;
        self
    }

    /// The same verifier, keeping the digest of entry `seq` in the tail (`Tail::marked`) as the log passes it, so
    /// that a caller can check in the one pass that the log extends a checkpoint of that size (extend.rs).
    pub fn marking(mut self, seq: u64) -> Self {
        self.mark = Some(seq);
        self.tail.marked = (seq == 0).then_some(self.contract);
        self
    }

    /// Why the first entry's `prev` is not this contract's: the hashes, and which files differ when the entry
    /// is a signature that lists the files it signed (`data.sources`), or else the files used here.
    fn other_contract(&self, entry: &Entry) -> String {
        let mut reason = format!(
            "the log is bound to another contract: its first entry carries `{}`, but this contract's SHA-256 (of the \
             listing of its text and every file it imports) is `{}`",
            hex(&entry.prev),
            hex(&self.contract)
        );
        if self.sources.is_empty() {
            return reason;
        }
        let signed: Option<Vec<&str>> = match entry.event.data.get("sources") {
            Some(cvl_event::Field::Json(serde_json::Value::Array(lines)))
                if entry.event.kind == "signed" =>
            {
                lines.iter().map(serde_json::Value::as_str).collect()
            }
            _ => None,
        };
        match signed {
            Some(lines) => {
                let found = sources::differences(&lines, &self.sources);
                if !found.is_empty() {
                    reason.push_str(": ");
                    reason.push_str(&found.join("; "));
                }
            }
            None => {
                let used: Vec<String> = self
                    .sources
                    .iter()
                    .map(|f| format!("{} sha256:{}", f.quoted(), hex(&f.sha256)))
                    .collect();
                reason.push_str("; the files used here are ");
                reason.push_str(&used.join(", "));
            }
        }
        reason
    }

    /// Where the log verified so far ends.
    pub fn tail(&self) -> Tail {
        self.tail
    }

    /// The refusal of the line just read, which is no entry.
    fn refuse(&self, kind: RefusalKind, reason: impl Into<String>) -> Refusal {
        Refusal::of_line(kind, self.line, reason)
    }

    /// Reads the next line and checks everything of its entry but the signature: its place in the chain, its
    /// date, its actor; the tail then moves past it. `None` at the end of the log.
    pub(crate) fn next_unsigned(&mut self) -> Option<Result<Unsigned, Refusal>> {
        self.buffer.clear();
        self.line += 1;
        let text = match next_line(&mut self.input, &mut self.buffer) {
            Ok(None) => return None,
            Ok(Some(text)) => text,
            Err((kind, reason)) => return Some(Err(self.refuse(kind, reason))),
        };
        if text.trim().is_empty() {
            return Some(Err(self.refuse(
                RefusalKind::NotJson,
                "is blank: every line of a log is one entry",
            )));
        }
        Some(Entry::read(self.line, text).and_then(|entry| self.check_unsigned(entry)))
    }

    /// Reads and checks the next entry, its signature too.
    fn step(&mut self) -> Option<Result<Event, Refusal>> {
        let before = self.tail;
        let unsigned = match self.next_unsigned()? {
            Ok(unsigned) => unsigned,
            Err(refusal) => return Some(Err(refusal)),
        };
        if unsigned.signed() {
            Some(Ok(unsigned.entry.event))
        } else {
            self.tail = before;
            Some(Err(self.bad_signature(&unsigned)))
        }
    }

    /// Everything of an entry but its signature; the tail moves past it.
    fn check_unsigned(&mut self, entry: Entry) -> Result<Unsigned, Refusal> {
        let expected = self.tail.entries.saturating_add(1);
        let event = &entry.event;
        let refuse = |kind, reason: String| Refusal {
            kind,
            line: self.line,
            seq: Some(entry.seq),
            id: Some(event.id.clone()),
            reason,
        };
        if entry.seq < expected {
            return Err(refuse(
                RefusalKind::Chain,
                format!(
                    "seq {} comes again after entry {}: an entry is repeated, or entries are out of order",
                    entry.seq, self.tail.entries
                ),
            ));
        }
        if entry.seq > expected {
            return Err(refuse(
                RefusalKind::Chain,
                format!(
                    "seq {} where {expected} was expected: an entry is missing, or entries are out of order",
                    entry.seq
                ),
            ));
        }
        if entry.prev != self.tail.digest {
            return Err(if self.tail.entries == 0 {
                refuse(RefusalKind::Binding, self.other_contract(&entry))
            } else {
                refuse(
                    RefusalKind::Chain,
                    format!(
                        "`prev` is not the SHA-256 of entry {}: an entry before it was changed, removed or reordered",
                        self.tail.entries
                    ),
                )
            });
        }
        cvl_event::in_order(event, self.tail.last())?;
        let key = match self.keys.get(&event.actor) {
            None => {
                return Err(refuse(
                    RefusalKind::NotAParty,
                    format!("`{}` is not a party of the contract", event.actor),
                ));
            }
            Some(None) => {
                return Err(refuse(
                    RefusalKind::Signature,
                    format!(
                        "`{}` declares no key in the contract, so its entries cannot be verified",
                        event.actor
                    ),
                ));
            }
            Some(Some(key)) => *key,
        };
        self.tail = Tail {
            entries: entry.seq,
            digest: entry.digest,
            last_at: Some(event.at),
            marked: if self.mark == Some(entry.seq) {
                Some(entry.digest)
            } else {
                self.tail.marked
            },
        };
        Ok(Unsigned {
            entry,
            key,
            line: self.line,
        })
    }

    /// The refusal of an entry whose signature is not its actor's: whose it is, if another party's.
    pub(crate) fn bad_signature(&self, unsigned: &Unsigned) -> Refusal {
        let entry = &unsigned.entry;
        let event = &entry.event;
        let signer = self
            .keys
            .iter()
            .find(|(_, k)| k.is_some_and(|k| k.verifies(&entry.message, &entry.signature)));
        Refusal {
            kind: RefusalKind::Signature,
            line: unsigned.line,
            seq: Some(entry.seq),
            id: Some(event.id.clone()),
            reason: match signer {
                Some((party, _)) => format!(
                    "the signature is `{party}`'s, not `{}`'s: an entry is signed by its actor",
                    event.actor
                ),
                None => format!(
                    "the signature is not `{}`'s: the entry was changed after it was signed, or signed with a key the contract does not declare",
                    event.actor
                ),
            },
        }
    }
}

/// An entry that has passed every check but its signature's, with its actor's key.
#[derive(Clone, Debug)]
pub(crate) struct Unsigned {
    pub(crate) entry: Entry,
    pub(crate) key: PublicKey,
    pub(crate) line: usize,
}

impl Unsigned {
    /// Whether the signature is the actor's, by the strict rules ([`PublicKey::verifies`]).
    pub(crate) fn signed(&self) -> bool {
        self.key
            .verifies(&self.entry.message, &self.entry.signature)
    }

    /// The entry's signature as a block of them checks it ([`crate::strict::verify_block`]).
    pub(crate) fn to_check(&self) -> crate::strict::Signed<'_> {
        crate::strict::Signed {
            key: self.key.verifying_key(),
            message: &self.entry.message,
            signature: &self.entry.signature,
        }
    }
}

impl<R: BufRead> Iterator for Verifier<R> {
    type Item = Result<Event, Refusal>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.stopped {
            return None;
        }
        let result = self.step();
        if !matches!(result, Some(Ok(_))) {
            self.stopped = true;
        }
        result
    }
}
