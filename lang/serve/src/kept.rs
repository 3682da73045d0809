//! What the process keeps in memory between requests, bounded: the contracts checked so far and, per log, a task
//! that appends to it one entry at a time and keeps where its verification stands ([`Admission`]).
//!
//! Both are kept least recently used first out ([`Lru`]): at most [`MAX_CONTRACTS`] contracts and
//! [`MAX_CONTRACT_BYTES`] of their texts, at most [`MAX_LOGS`] logs' appenders. A contract is shared (`Arc`), so
//! that one dropped from the cache lives on only while a request or an appender uses it. An appender is a task
//! that owns its contract and, beside it, the admission that borrows it; it takes its log's appends in turn from a
//! channel, and ends once it is dropped from the cache and its queue is done. Two appenders of one log (one
//! dropped, one new) may then overlap for a moment: the database's primary key keeps them from one seq, as it
//! keeps two processes.

use std::collections::BTreeMap;
use std::sync::Arc;

use cvl_log::checkpoint::{Checkpoint, NoteKey};
use cvl_log::{Digest, SecretKey};

use crate::registered::{Admission, Registered, is_stale};
use crate::store::{Appended, Decided, Store, StoreError};
use cvl_event::Refusal;

/// The most contracts kept checked.
pub const MAX_CONTRACTS: usize = 64;
/// The most bytes of their texts kept.
pub const MAX_CONTRACT_BYTES: usize = 64 << 20;
/// The most logs whose appenders (and verification state) are kept.
pub const MAX_LOGS: usize = 256;
/// The most appends one log's appender holds waiting.
const QUEUE: usize = 64;

/// A map that keeps at most `max_count` values and `max_weight` of their weights, dropping the least recently used.
pub struct Lru<T> {
    map: BTreeMap<String, (T, u64, usize)>,
    tick: u64,
    weight: usize,
    max_count: usize,
    max_weight: usize,
}

impl<T: Clone> Lru<T> {
    pub fn new(max_count: usize, max_weight: usize) -> Lru<T> {
        Lru {
            map: BTreeMap::new(),
            tick: 0,
            weight: 0,
            max_count,
            max_weight,
        }
    }

    /// The value under `key`, now the most recently used.
    pub fn get(&mut self, key: &str) -> Option<T> {
        self.tick += 1;
        let tick = self.tick;
        self.map.get_mut(key).map(|(value, used, _)| {
            *used = tick;
            value.clone()
        })
    }

    /// Keeps `value` under `key` (the value kept already, if any, is kept instead and returned), dropping the least
    /// recently used others while there are too many or they weigh too much.
    pub fn insert(&mut self, key: &str, value: T, weight: usize) -> T {
        if let Some(kept) = self.get(key) {
            return kept;
        }
        self.tick += 1;
        self.map
            .insert(key.to_string(), (value.clone(), self.tick, weight));
        self.weight = self.weight.saturating_add(weight);
        while self.map.len() > self.max_count
            || (self.weight > self.max_weight && self.map.len() > 1)
        {
            let oldest = self
                .map
                .iter()
                .filter(|(k, _)| k.as_str() != key)
                .min_by_key(|(_, (_, used, _))| *used)
                .map(|(k, _)| k.clone());
            let Some(oldest) = oldest else { break };
            if let Some((_, _, weight)) = self.map.remove(&oldest) {
                self.weight = self.weight.saturating_sub(weight);
            }
        }
        value
    }

    pub fn remove(&mut self, key: &str) {
        if let Some((_, _, weight)) = self.map.remove(key) {
            self.weight = self.weight.saturating_sub(weight);
        }
    }

    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
}

/// What signs the checkpoints: the service's key and its name.
pub struct Signer {
    pub key: SecretKey,
    pub note_key: NoteKey,
}

impl Signer {
    /// The checkpoint of the log of contract `sha256` that has `size` entries and ends at `head`, signed now.
    pub fn sign(&self, sha256: &str, size: u64, head: Digest) -> String {
        Checkpoint {
            origin: format!("{}/{sha256}", self.note_key.name),
            size,
            head,
            extensions: vec![format!("time {}", crate::api::now())],
        }
        .sign(&self.note_key, &self.key)
    }
}

/// Why an entry is not appended, decided in the transaction.
pub enum NotAppended {
    /// Its seq or `prev` is not the next: the client rebases.
    Stale(Refusal),
    /// It is refused as `cvl log verify` refuses it.
    Refused(Refusal),
    /// The stored log itself fails: the database was changed behind the service.
    Damaged(Refusal),
}

/// How one append ended.
pub type Outcome = Result<Appended<NotAppended>, StoreError>;

type Job = (String, tokio::sync::oneshot::Sender<Outcome>);

/// A log's appender: where its appends are sent.
#[derive(Clone)]
pub struct Appender {
    jobs: tokio::sync::mpsc::Sender<Job>,
}

impl Appender {
    /// Starts the appender of contract `sha256`'s log.
    pub fn start(
        store: Store,
        signer: Arc<Signer>,
        sha256: String,
        registered: Arc<Registered>,
    ) -> Appender {
        let (jobs, queue) = tokio::sync::mpsc::channel(QUEUE);
        tokio::spawn(appender(store, signer, sha256, registered, queue));
        Appender { jobs }
    }

    /// Appends `line`, after the appends sent before it; `None` when the appender has stopped.
    pub async fn append(&self, line: String) -> Option<Outcome> {
        let (reply, answer) = tokio::sync::oneshot::channel();
        self.jobs.send((line, reply)).await.ok()?;
        answer.await.ok()
    }
}

async fn appender(
    store: Store,
    signer: Arc<Signer>,
    sha256: String,
    registered: Arc<Registered>,
    mut queue: tokio::sync::mpsc::Receiver<Job>,
) {
    let registered: &Registered = &registered;
    let mut cached: Option<Admission<'_>> = None;
    while let Some((line, reply)) = queue.recv().await {
        let outcome = append_one(&store, &signer, &sha256, registered, &mut cached, &line).await;
        let _ = reply.send(outcome);
    }
}

/// Appends `line` to the log in one transaction, from where `cached` stands; keeps in `cached` the admission after
/// the entry once it is committed, the stored entries verified when it was refused, and nothing after a conflict or
/// a failure (built again next time).
async fn append_one<'r>(
    store: &Store,
    signer: &Signer,
    sha256: &str,
    registered: &'r Registered,
    cached: &mut Option<Admission<'r>>,
    line: &str,
) -> Outcome {
    let known = cached.as_ref().map(|admission| {
        let tail = admission.tail();
        (tail.entries, cvl_log::hex(&tail.digest))
    });
    let kept = &*cached;
    let decide = |after: u64, stored: &[String]| {
        // The stored entries this process has not verified yet (none, usually) are verified first, from where
        // the kept admission stands, or from the empty log.
        let mut admission = match kept.as_ref() {
            Some(kept) if after > 0 && kept.tail().entries == after => kept.clone(),
            _ => registered.admission(),
        };
        if let Err(refusal) = admission.extend(stored) {
            return Decided::Refuse((NotAppended::Damaged(refusal), None));
        }
        let caught_up = (!stored.is_empty()).then(|| admission.clone());
        match admission.admit(line) {
            Ok(tail) => Decided::Insert {
                seq: tail.entries,
                line: line.to_string(),
                digest: cvl_log::hex(&tail.digest),
                checkpoint: signer.sign(sha256, tail.entries, tail.digest),
                kept: admission,
            },
            Err(refusal) if is_stale(&refusal) => {
                Decided::Refuse((NotAppended::Stale(refusal), caught_up))
            }
            Err(refusal) => Decided::Refuse((NotAppended::Refused(refusal), caught_up)),
        }
    };
    let appended = store
        .append(
            sha256,
            known
                .as_ref()
                .map(|(entries, digest)| (*entries, digest.as_str())),
            decide,
        )
        .await;
    match appended {
        Ok(Appended::Inserted {
            seq,
            checkpoint,
            kept,
        }) => {
            *cached = Some(kept);
            Ok(Appended::Inserted {
                seq,
                checkpoint,
                kept: (),
            })
        }
        Ok(Appended::Refused((NotAppended::Damaged(refusal), _))) => {
            *cached = None;
            Ok(Appended::Refused(NotAppended::Damaged(refusal)))
        }
        Ok(Appended::Refused((reason, caught_up))) => {
            if let Some(caught_up) = caught_up {
                *cached = Some(caught_up);
            }
            Ok(Appended::Refused(reason))
        }
        Ok(Appended::Conflict) => {
            *cached = None;
            Ok(Appended::Conflict)
        }
        Err(error) => {
            *cached = None;
            Err(error)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Lru;

    #[test]
    fn the_least_recently_used_goes_first_by_count_and_by_weight() {
        let mut lru = Lru::new(2, 10);
        lru.insert("a", 1, 1);
        lru.insert("b", 2, 1);
        assert_eq!(lru.get("a"), Some(1));
        lru.insert("c", 3, 1);
        assert_eq!(
            (lru.get("b"), lru.get("a"), lru.get("c")),
            (None, Some(1), Some(3))
        );
        // Too heavy: the others go, the newest stays even alone.
        lru.insert("d", 4, 20);
        assert_eq!((lru.len(), lru.get("d")), (1, Some(4)));
        // The value kept first is the one kept.
        assert_eq!(lru.insert("d", 5, 1), 4);
    }
}
