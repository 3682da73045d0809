//! `cvl-bench national`: the national scale. A child process writes, on every core, a country's placements: each
//! a contract of the corpus with its own signed log, 14,000 logs and 2 million entries in all by default
//! (`cvl_bench::national`). Then this process verifies and evaluates every log on every core, as `cvl eval --log`
//! does each (check the contract, verify each entry's chain, date, key and strict signature and its admission,
//! decide the payments), the logs shared out to the threads one at a time, and reports the wall time, the CPU time,
//! the peak memory (VmHWM) and whether the target (under 30 s) is met.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use cvl_bench::cores::on_cores;
use cvl_bench::national::{self, Verified};
use cvl_bench::timing::{count_per_second, median, millis};

use crate::{generate_in_child, met, peak_kb};

/// The target of issue 17: the whole country verified and evaluated in under 30 s on this machine.
const TARGET_WALL: Duration = Duration::from_secs(30);

#[derive(Debug, clap::Args)]
pub(crate) struct NationalArgs {
    /// How many logs (one contract each)
    #[arg(long, default_value_t = 14_000)]
    logs: usize,
    /// How many signed entries in all, shared out among the logs
    #[arg(long, default_value_t = 2_000_000)]
    entries: u64,
    /// How many threads [default: one per core]
    #[arg(long)]
    jobs: Option<usize>,
    /// How many timed runs (the median is reported); the logs were just written, so they are in the page cache
    #[arg(long, default_value_t = 1)]
    runs: usize,
    /// The seed the contracts, keys and events are generated from
    #[arg(long, default_value_t = 2019)]
    seed: u64,
    /// Only write the contracts and their logs to DIR and exit (the harness runs this in a child process)
    #[arg(long, value_name = "DIR")]
    write: Option<PathBuf>,
    /// Keep the logs in DIR: written there when DIR holds none, else measured as they are (to profile or repeat
    /// the measurement without writing them again); DIR is not removed after
    #[arg(long, value_name = "DIR", conflicts_with = "write")]
    keep: Option<PathBuf>,
}

fn jobs(args: &NationalArgs) -> usize {
    args.jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, usize::from))
}

pub(crate) fn run(args: &NationalArgs) -> Result<(), String> {
    if let Some(dir) = &args.write {
        fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        let bytes = on_cores(
            args.logs,
            jobs(args),
            |index| {
                national::write(
                    dir,
                    args.seed,
                    index,
                    national::entries_of(index, args.logs, args.entries),
                )
            },
            |sum, bytes| *sum += bytes,
        )?;
        println!(
            "wrote {} logs, {} entries ({bytes} bytes) to {}",
            args.logs,
            args.entries,
            dir.display()
        );
        return Ok(());
    }
    if let Some(dir) = &args.keep {
        if !dir.join(WRITTEN).is_file() {
            write_in_child(args, dir)?;
            fs::write(
                dir.join(WRITTEN),
                format!("{} {} {}\n", args.logs, args.entries, args.seed),
            )
            .map_err(|e| format!("cannot write {}: {e}", dir.join(WRITTEN).display()))?;
        } else {
            let kept = fs::read_to_string(dir.join(WRITTEN)).unwrap_or_default();
            if kept.trim() != format!("{} {} {}", args.logs, args.entries, args.seed) {
                return Err(format!(
                    "{} holds logs of other arguments (logs, entries, seed: {}): remove it or pass those",
                    dir.display(),
                    kept.trim()
                ));
            }
            println!("measuring the logs kept in {}", dir.display());
        }
        return measure(args, dir);
    }
    let dir = std::env::temp_dir().join(format!("cvl-bench-national-{}", std::process::id()));
    let written = write_in_child(args, &dir);
    let result = written.and_then(|()| measure(args, &dir));
    let removed = fs::remove_dir_all(&dir);
    result?;
    removed.map_err(|e| format!("cannot remove {}: {e}", dir.display()))
}

/// The file `--keep` leaves in its directory once every log is written: the logs, entries and seed they are of.
const WRITTEN: &str = "written";

/// Writes the logs to `dir` in a child process (on every core), saying how long it took.
fn write_in_child(args: &NationalArgs, dir: &Path) -> Result<(), String> {
    let started = Instant::now();
    let written = generate_in_child(
        &[
            "national",
            "--logs",
            &args.logs.to_string(),
            "--entries",
            &args.entries.to_string(),
            "--seed",
            &args.seed.to_string(),
        ],
        dir,
    );
    println!(
        "writing and signing the logs took {}",
        millis(started.elapsed())
    );
    written
}

/// This process's user and system CPU time, from /proc/self/stat (Linux only), in ticks of 1/100 s.
fn own_cpu() -> Option<Duration> {
    let stat = fs::read_to_string("/proc/self/stat").ok()?;
    let rest = stat.get(stat.rfind(')')? + 1..)?;
    let mut fields = rest.split_whitespace().skip(11);
    let user: u64 = fields.next()?.parse().ok()?;
    let system: u64 = fields.next()?.parse().ok()?;
    Some(Duration::from_millis((user + system) * 10))
}

fn measure(args: &NationalArgs, dir: &Path) -> Result<(), String> {
    if let Ok(load) = fs::read_to_string("/proc/loadavg") {
        let load: Vec<&str> = load.split_whitespace().take(3).collect();
        println!("load average before the runs: {}", load.join(" "));
    }
    let jobs = jobs(args);
    let bytes: u64 = fs::read_dir(dir)
        .map_err(|e| format!("cannot read {}: {e}", dir.display()))?
        .filter_map(Result::ok)
        .filter_map(|entry| entry.metadata().ok())
        .map(|meta| meta.len())
        .sum();
    let before = peak_kb();
    let mut walls = Vec::new();
    let mut cpus = Vec::new();
    let mut totals = Verified::default();
    for _ in 0..args.runs.max(1) {
        cvl_log::key::forget_sound_keys();
        let cpu_before = own_cpu();
        let start = Instant::now();
        totals = on_cores(
            args.logs,
            jobs,
            |index| national::verify_and_decide(dir, index),
            |sum, one| {
                sum.entries += one.entries;
                sum.payments += one.payments;
            },
        )?;
        walls.push(start.elapsed());
        if let (Some(before), Some(after)) = (cpu_before, own_cpu()) {
            cpus.push(after.saturating_sub(before));
        }
    }
    if totals.entries != args.entries {
        return Err(format!(
            "verified {} entries of {}",
            totals.entries, args.entries
        ));
    }
    let peak = peak_kb();
    let wall = median(&mut walls);
    let cpu = (cpus.len() == walls.len()).then(|| median(&mut cpus));
    let kb = |kb: Option<u64>| kb.map_or_else(|| "unknown".to_string(), |kb| format!("{kb} kB"));
    println!();
    println!(
        "## National scale: {} logs, {} signed entries ({}.{} MB with the contracts), {jobs} threads, median of {} \
         runs\n",
        args.logs,
        totals.entries,
        bytes / 1_000_000,
        bytes / 100_000 % 10,
        args.runs.max(1)
    );
    println!("| measure | value |");
    println!("|---|---:|");
    println!(
        "| check + verify + evaluate every log, wall | {} |",
        millis(wall)
    );
    if let Some(cpu) = cpu {
        let hundredths = cpu.as_nanos() * 100 / wall.as_nanos().max(1);
        println!("| CPU (user + system) | {} |", millis(cpu));
        println!(
            "| cores used (CPU / wall) | {}.{:02} |",
            hundredths / 100,
            hundredths % 100
        );
        println!(
            "| entries/s per core busy | {} |",
            count_per_second(totals.entries as usize, cpu)
        );
    }
    println!(
        "| entries/s | {} |",
        count_per_second(totals.entries as usize, wall)
    );
    println!("| payments decided (payee-months) | {} |", totals.payments);
    println!(
        "| peak memory (VmHWM) before, after | {}, {} |",
        kb(before),
        kb(peak)
    );
    println!();
    println!(
        "target: {} logs with {} entries verified and evaluated in < {}: {}, {}",
        args.logs,
        totals.entries,
        millis(TARGET_WALL),
        millis(wall),
        met(wall < TARGET_WALL)
    );
    Ok(())
}
