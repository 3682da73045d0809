//! `cvl-bench invoices`: the invoice benchmark's harness. A child process writes one centre's year (contracts, a
//! year of events each, and the invoices, `cvl_bench::invoices`) to a temporary directory; then this process, on
//! one thread, checks and evaluates each contract once and audits its invoices with `cvl_audit::audit`, one
//! contract at a time, the median of `--runs` passes after one to warm up, and reports its peak memory (VmHWM).

use std::fs;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use cvl_bench::invoices::{self, Totals};
use cvl_bench::timing::{count_per_second, median, millis};

use crate::{generated, met, peak_kb};

/// The targets from issue 11: 7,200 invoices against 250 contracts in under 2 s on one core.
const TARGET_WALL: Duration = Duration::from_secs(2);

#[derive(Debug, clap::Args)]
pub(crate) struct InvoicesArgs {
    /// How many contracts
    #[arg(long, default_value_t = 250)]
    contracts: usize,
    /// How many invoices in all, spread over the contracts
    #[arg(long, default_value_t = 7_200)]
    invoices: usize,
    /// How many timed runs (the median is reported)
    #[arg(long, default_value_t = 3)]
    runs: usize,
    /// The seed the contracts, events and invoices are generated from
    #[arg(long, default_value_t = 2019)]
    seed: u64,
    /// Only write the contracts, events and invoices to DIR and exit (the harness runs this in a child process, so
    /// that generating does not count in its peak memory)
    #[arg(long, value_name = "DIR")]
    write: Option<PathBuf>,
}

pub(crate) fn run(args: &InvoicesArgs) -> Result<(), String> {
    if let Some(dir) = &args.write {
        let totals = invoices::write(dir, args.seed, args.contracts, args.invoices)?;
        println!(
            "wrote {} contracts, {} events, {} invoices ({} credit notes, {} wrong on purpose, {} lines, {} bytes) to \
             {}; generator peak memory {} kB",
            totals.contracts,
            totals.events,
            totals.invoices,
            totals.credit_notes,
            totals.wrong,
            totals.lines,
            totals.bytes,
            dir.display(),
            peak_kb().map_or_else(|| "unknown".to_string(), |kb| kb.to_string())
        );
        return Ok(());
    }
    generated(
        &[
            "invoices",
            "--contracts",
            &args.contracts.to_string(),
            "--invoices",
            &args.invoices.to_string(),
            "--seed",
            &args.seed.to_string(),
        ],
        |dir| measure(args, dir),
    )
}

fn measure(args: &InvoicesArgs, dir: &Path) -> Result<(), String> {
    if let Ok(load) = fs::read_to_string("/proc/loadavg") {
        let load: Vec<&str> = load.split_whitespace().take(3).collect();
        println!("load average before the runs: {}", load.join(" "));
    }
    let before = peak_kb();
    // One pass to warm up (and the page cache), then the timed ones.
    let mut totals: Totals = invoices::audit(dir, args.contracts)?;
    let mut times = Vec::with_capacity(args.runs);
    for _ in 0..args.runs.max(1) {
        let start = Instant::now();
        totals = black_box(invoices::audit(dir, args.contracts)?);
        times.push(start.elapsed());
    }
    let peak = peak_kb();
    let slowest = times.iter().max().copied().unwrap_or_default();
    let fastest = times.iter().min().copied().unwrap_or_default();
    let time = median(&mut times);
    let [approved, reduced, held, rejected] = totals.verdicts;
    println!();
    println!(
        "## Invoices, one core: {} invoices ({} credit notes, {} lines, {} bytes) against {} contracts and {} events\n",
        totals.invoices,
        totals.credit_notes,
        totals.lines,
        totals.bytes,
        totals.contracts,
        totals.events
    );
    println!("| measure | value |");
    println!("|---|---:|");
    println!(
        "| read + check + evaluate + audit, median of {} runs | {} |",
        args.runs.max(1),
        millis(time)
    );
    println!(
        "| fastest, slowest run | {}, {} |",
        millis(fastest),
        millis(slowest)
    );
    println!(
        "| invoices/s | {} |",
        count_per_second(totals.invoices, time)
    );
    let [decide, read, audit] = totals.phases;
    println!(
        "| … check + evaluate the contracts (last run) | {} |",
        millis(decide)
    );
    println!(
        "| … read, hash and parse the invoices (last run) | {} |",
        millis(read)
    );
    println!("| … audit (last run) | {} |", millis(audit));
    println!(
        "| lines approved, reduced, held, rejected | {approved}, {reduced}, {held}, {rejected} |"
    );
    println!("| invoices refused | {} |", totals.refused);
    let kb = |kb: Option<u64>| kb.map_or_else(|| "unknown".to_string(), |kb| format!("{kb} kB"));
    println!("| peak memory (VmHWM) before auditing | {} |", kb(before));
    println!("| peak memory (VmHWM) at the end | {} |", kb(peak));
    println!();
    println!(
        "target: {} invoices against {} contracts in < 2 s on one core: {}, {}",
        totals.invoices,
        totals.contracts,
        millis(time),
        met(time < TARGET_WALL)
    );
    Ok(())
}
