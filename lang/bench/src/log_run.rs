//! `cvl-bench log`: the log verification benchmark's harness. A child process writes the contract and its signed
//! log (signing a million entries takes a while, and its memory should not count); then this process times, on
//! one thread, raw ed25519 verification of as many signatures (one by one, as `cvl log verify` does, in batches,
//! and in batches made exact by testing each R for a small-order component), then `cvl log verify`'s own code in
//! process and the release `cvl log verify` binary end to end, each on one thread (`--jobs 1`) and on every core,
//! and reports its peak memory before and after verifying.

use std::fs;
use std::hint::black_box;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use cvl_bench::signed;
use cvl_bench::timing::{count_per_second, median, millis};

use crate::{LogArgs, cvl_binary, generate_in_child, met, peak_kb};

/// The target of issue 10: `cvl log verify` on one thread reaches at least 70 % of the raw verification rate.
const TARGET_SHARE_PERCENT: u128 = 70;

/// The target of issue 17: `cvl log verify` on every core reaches at least 150 % of the raw one-by-one rate of
/// one core.
const TARGET_CORES_PERCENT: u128 = 150;

pub(crate) fn run(args: &LogArgs) -> Result<(), String> {
    if let Some(dir) = &args.write {
        let bytes = signed::write(dir, args.seed, args.entries)?;
        println!(
            "wrote a log of {} entries ({bytes} bytes) to {}",
            args.entries,
            dir.display()
        );
        return Ok(());
    }
    let cvl = cvl_binary(args.cvl.as_ref())?;
    let dir = std::env::temp_dir().join(format!("cvl-bench-log-{}", std::process::id()));
    let started = Instant::now();
    generate_in_child(
        &[
            "log",
            "--entries",
            &args.entries.to_string(),
            "--seed",
            &args.seed.to_string(),
        ],
        &dir,
    )?;
    println!(
        "writing and signing the log took {}",
        millis(started.elapsed())
    );
    let result = measure(args, &dir, &cvl);
    let removed = fs::remove_dir_all(&dir);
    result?;
    removed.map_err(|e| format!("cannot remove {}: {e}", dir.display()))
}

/// The median of `runs` timings of `work`, and the fastest.
fn timed(
    runs: usize,
    mut work: impl FnMut() -> Result<(), String>,
) -> Result<(Duration, Duration), String> {
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs.max(1) {
        let start = Instant::now();
        work()?;
        times.push(start.elapsed());
    }
    let fastest = times.iter().min().copied().unwrap_or_default();
    Ok((median(&mut times), fastest))
}

fn measure(args: &LogArgs, dir: &Path, cvl: &Path) -> Result<(), String> {
    if let Ok(load) = fs::read_to_string("/proc/loadavg") {
        let load: Vec<&str> = load.split_whitespace().take(3).collect();
        println!("load average before the runs: {}", load.join(" "));
    }
    let entries = args.entries;
    let bytes = signed::size(dir)?;
    let sample = signed::sample(dir, args.seed, 1_000)?;
    // Warm up: one pass of each (and the page cache for the log).
    signed::verify(dir)?;
    let before = peak_kb();
    let (raw, raw_fastest) = timed(args.runs, || match signed::raw(&sample, entries) {
        0 => Ok(()),
        failed => Err(format!("{failed} raw signatures failed")),
    })?;
    let (batch, _) = timed(args.runs, || {
        match signed::raw_batch(&sample, entries, 64) {
            0 => Ok(()),
            failed => Err(format!("{failed} batches failed")),
        }
    })?;
    let (exact, _) = timed(args.runs, || {
        match signed::raw_batch_exact(&sample, entries, 64) {
            0 => Ok(()),
            failed => Err(format!("{failed} batches or Rs failed")),
        }
    })?;
    let jobs = std::thread::available_parallelism().map_or(1, usize::from);
    let peak_before_verify = peak_kb();
    let (verify, verify_fastest) = timed(args.runs, || {
        let tail = black_box(signed::verify(dir)?);
        if tail.entries == entries {
            Ok(())
        } else {
            Err(format!("verified {} entries of {entries}", tail.entries))
        }
    })?;
    let (verify_cores, _) = timed(args.runs, || {
        let tail = black_box(signed::verify_on(dir, jobs)?);
        if tail.entries == entries {
            Ok(())
        } else {
            Err(format!("verified {} entries of {entries}", tail.entries))
        }
    })?;
    let peak_after_verify = peak_kb();
    let (contract, log) = signed::paths(dir);
    // `cvl log verify` as a user runs it, with `extra` arguments (`--jobs 1` for one thread).
    let run_verify = |extra: &[&str]| -> Result<(), String> {
        let output = Command::new(cvl)
            .arg("log")
            .arg("verify")
            .args(extra)
            .arg(&log)
            .arg("--contract")
            .arg(&contract)
            .output()
            .map_err(|e| format!("cannot run {}: {e}", cvl.display()))?;
        if output.status.success() {
            Ok(())
        } else {
            Err(format!(
                "`cvl log verify` failed: {}",
                String::from_utf8_lossy(&output.stderr)
            ))
        }
    };
    let (binary, _) = timed(args.runs, || run_verify(&["--jobs", "1"]))?;
    let (binary_cores, _) = timed(args.runs, || run_verify(&[]))?;
    let share = |time: Duration| raw.as_nanos() * 100 / time.as_nanos().max(1);
    let kb = |kb: Option<u64>| kb.map_or_else(|| "unknown".to_string(), |kb| format!("{kb} kB"));
    println!();
    println!(
        "## Log verification: {entries} entries ({}.{} MB), median of {} runs\n",
        bytes / 1_000_000,
        bytes / 100_000 % 10,
        args.runs.max(1)
    );
    println!("| measure | time | entries/s | share of the raw rate |");
    println!("|---|---:|---:|---:|");
    println!(
        "| raw ed25519 `verify_strict`, one by one | {} | {} | 100 % |",
        millis(raw),
        count_per_second(entries as usize, raw)
    );
    println!(
        "| raw ed25519 batch verification (64 a batch) | {} | {} | {} % |",
        millis(batch),
        count_per_second(entries as usize, batch),
        share(batch)
    );
    println!(
        "| raw batch verification made exact (64 a batch, and each R tested for a small-order component) | {} | \
         {} | {} % |",
        millis(exact),
        count_per_second(entries as usize, exact),
        share(exact)
    );
    for (what, time) in [
        ("`cvl log verify`'s code, in process, one thread", verify),
        ("`cvl log verify --jobs 1` binary, end to end", binary),
        (
            "`cvl log verify`'s code, in process, {jobs} threads",
            verify_cores,
        ),
        (
            "`cvl log verify` binary (every core), end to end",
            binary_cores,
        ),
    ] {
        println!(
            "| {} | {} | {} | {} % |",
            what.replace("{jobs}", &jobs.to_string()),
            millis(time),
            count_per_second(entries as usize, time),
            share(time)
        );
    }
    println!();
    println!(
        "fastest runs: raw {}, in process {}",
        millis(raw_fastest),
        millis(verify_fastest)
    );
    println!(
        "peak memory (VmHWM): {} after warming up, {} before the timed verification, {} after it",
        kb(before),
        kb(peak_before_verify),
        kb(peak_after_verify)
    );
    println!();
    println!(
        "target: `cvl log verify` on one thread at least {TARGET_SHARE_PERCENT} % of the raw verify rate: {} % in \
         process, {} % end to end, {}",
        share(verify),
        share(binary),
        met(share(binary) >= TARGET_SHARE_PERCENT)
    );
    println!(
        "target: `cvl log verify` on every core ({jobs}) at least {TARGET_CORES_PERCENT} % of the raw one-by-one \
         rate of one core: {} % end to end, {}",
        share(binary_cores),
        met(share(binary_cores) >= TARGET_CORES_PERCENT)
    );
    Ok(())
}
