//! The log benchmark's work: a signed log of many entries for one contract of the corpus, and verifying it as
//! `cvl log verify` does, beside raw ed25519 verification of as many signatures.
//!
//! The log (written by [`write`], in a child process of the harness) starts with the two signatures of the
//! contract, then the firm's hours reports, one a second from 2019-01-15, each a properly chained entry signed by
//! the firm's key. [`verify`] runs the code of `cvl log verify` (`cvl_cli::contract::Loaded::verify_log`): parse,
//! canonical bytes, SHA-256 chain, date order, signature, and the entry's fit with the contract. [`raw`] verifies
//! the same kind of signatures with nothing around them: the messages, signatures and keys of the log's first
//! entries, taken in turn until as many signatures as the log has entries are verified.

use std::fs::{self, File};
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};

use chrono::{NaiveDate, TimeDelta};
use curve25519_dalek::edwards::{CompressedEdwardsY, EdwardsPoint};
use curve25519_dalek::scalar::Scalar;
use curve25519_dalek::traits::IsIdentity;
use ed25519_dalek::{Signature, VerifyingKey};
use serde_json::{Map, Value};

use cvl_log::{Entry, NewEntry, Tail};

use crate::generate;

/// The contract's and the log's file names in the benchmark's directory.
pub fn paths(dir: &Path) -> (PathBuf, PathBuf) {
    (dir.join("contract.cvl"), dir.join("log.jsonl"))
}

/// Writes contract 0 of the corpus of `seed` and a signed log of `entries` entries for it to `dir`. Returns the
/// log's size in bytes.
pub fn write(dir: &Path, seed: u64, entries: u64) -> Result<u64, String> {
    fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let (contract_path, log_path) = paths(dir);
    let contract = generate::contract(seed, 0);
    fs::write(&contract_path, &contract)
        .map_err(|e| format!("cannot write {}: {e}", contract_path.display()))?;
    let [
        (payer, payer_key),
        (provider, provider_key),
        (firm, firm_key),
    ] = generate::signers(seed, 0);
    // The contract's SHA-256 is of its text and every file it imports (the stdlib's `care`): as `cvl` loads it.
    let mut diagnostics = Vec::new();
    let loaded = cvl_cli::contract::load(&contract_path, &[], false, "", &mut diagnostics)
        .map_err(|_| String::from_utf8_lossy(&diagnostics).into_owned())?;
    let mut prev = loaded.sha256;
    let contract_hash = cvl_log::hex(&prev);
    let file =
        File::create(&log_path).map_err(|e| format!("cannot write {}: {e}", log_path.display()))?;
    let mut out = BufWriter::new(file);
    let start = NaiveDate::from_ymd_opt(2019, 1, 15)
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .ok_or("no start time")?;
    let mut bytes = 0u64;
    for seq in 1..=entries {
        let at = start + TimeDelta::seconds(i64::try_from(seq).unwrap_or(i64::MAX));
        let mut data = Map::new();
        let (actor, key, kind) = match seq {
            1 => (&payer, &payer_key, "signed"),
            2 => (&provider, &provider_key, "signed"),
            _ => (&firm, &firm_key, "hours"),
        };
        if kind == "signed" {
            data.insert("contract".into(), Value::from(contract_hash.clone()));
        } else {
            data.insert("item".into(), Value::from("consultant"));
            data.insert("hours".into(), Value::from("0.25"));
            data.insert("date".into(), Value::from(at.date().to_string()));
        }
        let entry = NewEntry {
            id: format!("e{seq}"),
            at: at.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
            kind: kind.to_string(),
            actor: actor.clone(),
            data,
        };
        let (line, digest) = entry.sign(seq, &prev, key).map_err(|e| e.to_string())?;
        prev = digest;
        bytes += line.len() as u64 + 1;
        writeln!(out, "{line}").map_err(|e| format!("cannot write the log: {e}"))?;
    }
    out.flush()
        .map_err(|e| format!("cannot write the log: {e}"))?;
    Ok(bytes)
}

/// Verifies the log in `dir` as `cvl log verify --jobs 1` does, after reading and checking its contract.
pub fn verify(dir: &Path) -> Result<Tail, String> {
    verify_on(dir, 1)
}

/// Verifies the log in `dir` as `cvl log verify --jobs JOBS` does: the signatures on `jobs` threads.
pub fn verify_on(dir: &Path, jobs: usize) -> Result<Tail, String> {
    let (contract_path, log_path) = paths(dir);
    let mut diagnostics = Vec::new();
    let loaded = cvl_cli::contract::load(
        &contract_path,
        &[],
        false,
        "nothing was verified",
        &mut diagnostics,
    )
    .map_err(|_| String::from_utf8_lossy(&diagnostics).into_owned())?;
    let file =
        File::open(&log_path).map_err(|e| format!("cannot read {}: {e}", log_path.display()))?;
    loaded
        .verify_log_on(
            BufReader::with_capacity(1 << 16, file),
            jobs,
            cvl_eval::Versions::default(),
        )
        .map_err(|refusal| format!("the log is refused: {refusal}"))
}

/// The signatures of the log's first `distinct` entries, with their messages and keys, for [`raw`].
pub struct Sample {
    items: Vec<(Vec<u8>, Signature, VerifyingKey)>,
}

/// Reads the first `distinct` entries of the log in `dir`, written by [`write`] with `seed`.
pub fn sample(dir: &Path, seed: u64, distinct: usize) -> Result<Sample, String> {
    let (_, log_path) = paths(dir);
    let keys: Vec<(String, VerifyingKey)> = generate::signers(seed, 0)
        .into_iter()
        .map(|(name, key)| (name, *key.public().verifying_key()))
        .collect();
    let file =
        File::open(&log_path).map_err(|e| format!("cannot read {}: {e}", log_path.display()))?;
    let mut items = Vec::with_capacity(distinct);
    for (index, line) in BufReader::new(file).lines().take(distinct).enumerate() {
        let line = line.map_err(|e| format!("cannot read the log: {e}"))?;
        let entry = Entry::read(index + 1, &line).map_err(|r| r.to_string())?;
        let key = keys
            .iter()
            .find(|(name, _)| *name == entry.event.actor)
            .map(|(_, key)| *key)
            .ok_or("an entry by an unknown party")?;
        items.push((entry.message, entry.signature, key));
    }
    Ok(Sample { items })
}

/// Verifies `count` signatures of `sample`, one at a time with the strict rules `cvl log verify` uses. Returns
/// how many failed (none should).
pub fn raw(sample: &Sample, count: u64) -> u64 {
    let mut failed = 0;
    let mut items = sample.items.iter().cycle();
    for _ in 0..count {
        if let Some((message, signature, key)) = items.next()
            && key.verify_strict(message, signature).is_err()
        {
            failed += 1;
        }
    }
    failed
}

/// Verifies `count` signatures of `sample` in batches of `batch`, with ed25519-dalek's batch verification.
/// Returns how many batches failed (none should).
pub fn raw_batch(sample: &Sample, count: u64, batch: usize) -> u64 {
    let mut failed = 0;
    let mut done = 0u64;
    let items = &sample.items;
    let mut start = 0;
    while done < count {
        let take = batch.min(usize::try_from(count - done).unwrap_or(batch));
        let chunk: Vec<&(Vec<u8>, Signature, VerifyingKey)> =
            items.iter().cycle().skip(start).take(take).collect();
        let messages: Vec<&[u8]> = chunk.iter().map(|(m, _, _)| m.as_slice()).collect();
        let signatures: Vec<Signature> = chunk.iter().map(|(_, s, _)| *s).collect();
        let keys: Vec<VerifyingKey> = chunk.iter().map(|(_, _, k)| *k).collect();
        if ed25519_dalek::verify_batch(&messages, &signatures, &keys).is_err() {
            failed += 1;
        }
        start = (start + take) % items.len().max(1);
        done += take as u64;
    }
    failed
}

/// Batch verification made exact, the only way the public API allows: each batch as [`raw_batch`], and each
/// signature's R tested for a small-order component (`[ℓ]R` is the identity, by the variable-time multiplication,
/// as the checker tests a key), which the strict rule refuses and a batch may not see. Returns how many batches
/// failed (none should).
pub fn raw_batch_exact(sample: &Sample, count: u64, batch: usize) -> u64 {
    let mut failed = raw_batch(sample, count, batch);
    let mut items = sample.items.iter().cycle();
    for _ in 0..count {
        if let Some((_, signature, _)) = items.next() {
            let r = CompressedEdwardsY(signature.r_bytes().to_owned()).decompress();
            let torsion_free = r.is_some_and(|r| {
                let ell_minus_one = EdwardsPoint::vartime_double_scalar_mul_basepoint(
                    &-Scalar::ONE,
                    &r,
                    &Scalar::ZERO,
                );
                (ell_minus_one + r).is_identity()
            });
            if !torsion_free {
                failed += 1;
            }
        }
    }
    failed
}

/// The log's size and entry count, for the report.
pub fn size(dir: &Path) -> Result<u64, String> {
    let (_, log_path) = paths(dir);
    fs::metadata(&log_path)
        .map(|m| m.len())
        .map_err(|e| format!("cannot read {}: {e}", log_path.display()))
}
