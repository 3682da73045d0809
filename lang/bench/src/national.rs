//! The national benchmark's work: every placement of a country, each a contract of the corpus with its own signed
//! log, verified and evaluated on every core.
//!
//! [`write`] writes contracts `from..to` of a seed and, for each, a signed log of its first events
//! (`generate::events`: the two signatures, each carrying the contract's SHA-256, then the reports, visits, hours
//! and confirmations), each entry chained and signed by its actor's key. [`verify_and_decide`] does to one of them
//! what `cvl eval --log` does: reads and checks the contract, verifies the log entry by entry (chain, date, key,
//! strict signature, admission by evaluation) and decides its payments.

use std::fs::{self, File};
use std::io::{BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};

use serde_json::Value;

use cvl_eval::Fold;
use cvl_log::NewEntry;

use crate::generate;

/// Contract `index`'s file and its log's in `dir`.
pub fn paths(dir: &Path, index: usize) -> (PathBuf, PathBuf) {
    (
        dir.join(generate::file_name(index)),
        dir.join(format!("log-{index:05}.jsonl")),
    )
}

/// How many entries log `index` of `logs` has when `entries` are shared out among them.
pub fn entries_of(index: usize, logs: usize, entries: u64) -> u64 {
    let logs = logs.max(1) as u64;
    let index = index as u64;
    entries / logs + u64::from(index < entries % logs)
}

/// Writes contract `index` of `seed` and its signed log of `entries` entries to `dir`. Returns the log's bytes.
pub fn write(dir: &Path, seed: u64, index: usize, entries: u64) -> Result<u64, String> {
    let (contract_path, log_path) = paths(dir, index);
    fs::write(&contract_path, generate::contract(seed, index))
        .map_err(|e| format!("cannot write {}: {e}", contract_path.display()))?;
    let mut diagnostics = Vec::new();
    let loaded = cvl_cli::contract::load(&contract_path, &[], false, "", &mut diagnostics)
        .map_err(|_| String::from_utf8_lossy(&diagnostics).into_owned())?;
    let signers = generate::signers(seed, index);
    let contract_hash = cvl_log::hex(&loaded.sha256);
    let mut prev = loaded.sha256;
    let file =
        File::create(&log_path).map_err(|e| format!("cannot write {}: {e}", log_path.display()))?;
    let mut out = BufWriter::new(file);
    let mut bytes = 0u64;
    // About two events a day: a day per entry is more than enough.
    let events = generate::events(seed, index, entries.max(40));
    let mut written = 0u64;
    for line in events.lines() {
        if written == entries {
            break;
        }
        let Ok(Value::Object(mut event)) = serde_json::from_str::<Value>(line) else {
            return Err(format!("a generated event is not an object: {line}"));
        };
        let mut text = |field: &str| match event.remove(field) {
            Some(Value::String(text)) => Ok(text),
            _ => Err(format!("a generated event has no `{field}`: {line}")),
        };
        let (id, at, kind, actor) = (text("id")?, text("at")?, text("kind")?, text("actor")?);
        let mut data = match event.remove("data") {
            Some(Value::Object(data)) => data,
            _ => serde_json::Map::new(),
        };
        if kind == "signed" {
            data.insert("contract".into(), Value::from(contract_hash.clone()));
        }
        let key = signers
            .iter()
            .find(|(name, _)| *name == actor)
            .map(|(_, key)| key)
            .ok_or_else(|| format!("no key for `{actor}`"))?;
        let entry = NewEntry {
            id,
            at,
            kind,
            actor,
            data,
        };
        written += 1;
        let (line, digest) = entry.sign(written, &prev, key).map_err(|e| e.to_string())?;
        prev = digest;
        bytes += line.len() as u64 + 1;
        writeln!(out, "{line}").map_err(|e| format!("cannot write the log: {e}"))?;
    }
    if written < entries {
        return Err(format!(
            "contract {index} has {written} events, not {entries}"
        ));
    }
    out.flush()
        .map_err(|e| format!("cannot write the log: {e}"))?;
    Ok(bytes)
}

/// What verifying and evaluating one log gave.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Verified {
    pub entries: u64,
    /// Payments decided (one per payee and month).
    pub payments: usize,
}

/// Reads and checks contract `index` in `dir`, verifies its log and evaluates it, as `cvl eval --log` does: the
/// signatures one by one on this thread (the logs are what is spread over the cores).
pub fn verify_and_decide(dir: &Path, index: usize) -> Result<Verified, String> {
    let (contract_path, log_path) = paths(dir, index);
    let mut diagnostics = Vec::new();
    let loaded = cvl_cli::contract::load(&contract_path, &[], false, "", &mut diagnostics)
        .map_err(|_| String::from_utf8_lossy(&diagnostics).into_owned())?;
    let file =
        File::open(&log_path).map_err(|e| format!("cannot read {}: {e}", log_path.display()))?;
    let mut fold = Fold::new(&loaded.contract, loaded.binding(true), None);
    let tail = cvl_log::verify_on_cores(
        loaded.verifier(BufReader::with_capacity(1 << 16, file)),
        1,
        |event| fold.apply(&event),
    )
    .map_err(|refusal| format!("log {index} is refused: {refusal}"))?;
    let decision = fold
        .decide()
        .map_err(|refusal| format!("log {index} is refused: {refusal}"))?;
    Ok(Verified {
        entries: tail.entries,
        payments: decision.payments.len(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_are_shared_out_to_the_last_one() {
        let total: u64 = (0..14_000).map(|i| entries_of(i, 14_000, 2_000_000)).sum();
        assert_eq!(total, 2_000_000);
        assert_eq!(entries_of(0, 3, 10), 4);
        assert_eq!(entries_of(2, 3, 10), 3);
    }

    #[test]
    fn three_small_logs_verify_and_decide() {
        let dir =
            std::env::temp_dir().join(format!("cvl-bench-national-test-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        for index in 0..3 {
            write(&dir, 7, index, 60).unwrap();
        }
        let verified: Vec<Verified> = (0..3)
            .map(|i| verify_and_decide(&dir, i).unwrap())
            .collect();
        fs::remove_dir_all(&dir).unwrap();
        assert!(verified.iter().all(|v| v.entries == 60), "{verified:?}");
        assert!(verified.iter().any(|v| v.payments > 0), "{verified:?}");
    }
}
