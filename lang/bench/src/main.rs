//! `cvl-bench`: generates a corpus of reference-size contracts, checks that every one is clean, and prints how fast
//! CVL lexes, parses and checks them, as Markdown tables for BENCHMARKS.md.
//!
//! The in-process figures run on one thread (so one core): lexing alone, parsing (which lexes), parsing as
//! `cvl check` does (with the CPR scan), checking pre-parsed trees with the stdlib served from memory, and parsing
//! plus checking. Each is the median of `--runs` passes over the whole corpus; the phases take turns, one pass
//! each per round, after a round to warm up. Then the corpus is written to a temporary directory and the release
//! `cvl check DIR` binary is timed end to end, wall clock and CPU, the median of `--runs` processes after one to
//! warm up. Build both binaries first (see BENCHMARKS.md).
//!
//! `cvl-bench fmt` times the formatter on the same corpus, in process on one thread.
//!
//! `cvl-bench log` writes, in a child process, a contract and a signed log of a million entries, then times
//! verifying it as `cvl log verify` does (in process and the release binary end to end, on one thread and on every
//! core) beside raw ed25519 verification of as many signatures, one by one, in batches, and in batches made exact,
//! and reports the peak memory.
//!
//! `cvl-bench eval` is the evaluation benchmark: a child process writes 250 contracts and five years of events for
//! each (about a million in all) to a temporary directory; then this process checks every contract and evaluates
//! it against its events, read from the disk through `cvl_event::Reader`, on one thread, the median of `--runs`
//! passes after one to warm up, and reports its peak memory (VmHWM), which holds no generator.
//!
//! `cvl-bench invoices` is the invoice benchmark (`invoice_run`): one centre's year, 7,200 Peppol invoices against
//! 250 contracts with a year of events each, read, checked, evaluated and audited on one thread.
//!
//! `cvl-bench national` is the national scale (`national_run`): 14,000 contracts with a signed log each, 2 million
//! entries in all, written in a child process, then checked, verified and evaluated on every core.
//!
//! `cvl-bench span` (`span_run`) times `cvl eval --format json` on one contract over 25, 50 and 100 years, to
//! show time, memory and output linear in the months.
//!
//! Each target is printed `met` or `MISSED`; when one is missed the program exits with code 2 (1 when it could not
//! measure), so that anyone can see at once whether BENCHMARKS.md still holds.
//!
//! `cvl-bench serve` (`serve_run`) times the log service over SQLite or PostgreSQL: appends a second from many
//! clients, an append to a long log against a short one, and the latency of reading a checkpoint.
//!
//! `cvl-bench lsp` is the language server benchmark (`cvl_bench::lsp`): the latency from an edit to its
//! diagnostics, and of a hover, on a generated contract of 2,000 lines.

use std::fs;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use clap::Parser;

mod check_run;
mod invoice_run;
mod log_run;
mod national_run;
mod portfolio_run;
mod serve_run;
mod span_run;
use cvl_bench::timing::{count_per_second, median, megabytes_per_second, millis};
use cvl_bench::{check_text, stdlib_loader};
use cvl_bench::{evaluation, generate};
use cvl_syntax::{FileId, Parsed, Source, Sources};

/// The targets from the issue that asked for this benchmark.
const TARGET_WALL: Duration = Duration::from_millis(150);
const TARGET_MEGABYTES_PER_SECOND: u128 = 25;

/// How many targets this run missed ([`met`] counts them): the program then exits with [`EXIT_MISSED`].
static MISSED: AtomicUsize = AtomicUsize::new(0);

/// The exit code of a run that measured everything but missed a target (1 is a run that could not measure).
const EXIT_MISSED: u8 = 2;

#[derive(Debug, Parser)]
#[command(
    name = "cvl-bench",
    about = "Measure lexing, parsing and checking of generated reference-size contracts"
)]
struct Args {
    /// How many contracts to generate
    #[arg(long, default_value_t = 1_000)]
    contracts: usize,
    /// How many timed runs of each measurement (the median is reported)
    #[arg(long, default_value_t = 11)]
    runs: usize,
    /// The seed the corpus is generated from
    #[arg(long, default_value_t = 2019)]
    seed: u64,
    /// The `cvl` binary to time end to end [default: `cvl` next to this program]
    #[arg(long, value_name = "PATH")]
    cvl: Option<PathBuf>,
    /// Skip the end-to-end timing of the `cvl` binary
    #[arg(long)]
    no_cli: bool,
    /// Keep the public keys found sound from one pass to the next, as a process that has read them before: shows
    /// what the keys' tests cost (the targets are for a fresh process, without it)
    #[arg(long)]
    warm_keys: bool,
    /// Give every party of every contract a key of its own (the worst case for the keys' tests) instead of its
    /// organisation's, which a real corpus's contracts share
    #[arg(long)]
    distinct_keys: bool,
    /// Write the corpus to DIR (which must not exist) and exit, to time `cvl check DIR` by other means
    #[arg(long, value_name = "DIR")]
    write: Option<PathBuf>,
    #[command(subcommand)]
    command: Option<Sub>,
}

#[derive(Debug, clap::Subcommand)]
enum Sub {
    /// Time checking and evaluating contracts against five years of events each, read from the disk
    Eval(EvalArgs),
    /// Time the language server on a large contract: from an edit to its diagnostics, and a hover
    Lsp(LspArgs),
    /// Time the formatter (`cvl_fmt::format`) on the corpus
    Fmt,
    /// Time `cvl log verify` on a signed log of a million entries, beside raw ed25519 verification
    Log(LogArgs),
    /// Time auditing one centre's year of invoices (7,200) against 250 contracts with their events
    Invoices(invoice_run::InvoicesArgs),
    /// Time verifying and evaluating a country's signed logs (14,000 logs, 2 million entries) on every core
    National(national_run::NationalArgs),
    /// Time `cvl portfolio` on a country's case folders (14,000 cases, 2 million entries) at 1/100, 1/10 and in full
    Portfolio(portfolio_run::PortfolioArgs),
    /// Time `cvl eval --format json` on one contract over 25, 50 and 100 years: linear in the months or not
    Span(span_run::SpanArgs),
    /// Time `cvl serve` on the loopback interface: appends a second and read latency, on SQLite or PostgreSQL
    Serve(serve_run::ServeArgs),
}

#[derive(Debug, clap::Args)]
struct LogArgs {
    /// How many entries the log has
    #[arg(long, default_value_t = 1_000_000)]
    entries: u64,
    /// How many timed runs (the median is reported)
    #[arg(long, default_value_t = 3)]
    runs: usize,
    /// The seed the contract and its keys are generated from
    #[arg(long, default_value_t = 2019)]
    seed: u64,
    /// Only write the contract and its log to DIR and exit (the harness runs this in a child process)
    #[arg(long, value_name = "DIR")]
    write: Option<PathBuf>,
    /// The `cvl` binary to time end to end [default: `cvl` next to this program]
    #[arg(long, value_name = "PATH")]
    cvl: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
struct LspArgs {
    /// How many lines the generated contract has
    #[arg(long, default_value_t = 2_000)]
    lines: usize,
    /// How many timed edits and hovers (the median and 95th percentile are reported)
    #[arg(long, default_value_t = 100)]
    runs: usize,
}

/// The language server targets from the issue: the medians.
const TARGET_LSP_CHANGE: Duration = Duration::from_millis(20);
const TARGET_LSP_HOVER: Duration = Duration::from_millis(5);

#[derive(Debug, clap::Args)]
struct EvalArgs {
    /// How many contracts
    #[arg(long, default_value_t = 250)]
    contracts: usize,
    /// How many days of events for each contract, from its start
    #[arg(long, default_value_t = generate::FIVE_YEARS)]
    days: u64,
    /// How many timed runs (the median is reported)
    #[arg(long, default_value_t = 3)]
    runs: usize,
    /// The seed the contracts and events are generated from
    #[arg(long, default_value_t = 2019)]
    seed: u64,
    /// Only write the contracts and events to DIR and exit (the harness runs this in a child process, so that
    /// generating does not count in its peak memory)
    #[arg(long, value_name = "DIR")]
    write: Option<PathBuf>,
    /// A peer evaluator of the same rules (`../shared/peers/pyeval.py`), run with `python3 PEER --dir DIR --quiet`
    /// on the same input, paired with CVL's passes in the same run, and the ratio reported
    #[arg(long, value_name = "PEER")]
    peer: Option<PathBuf>,
    /// The corpus with changes: every other contract's monthly items regulated by 2.5 % a year, every third
    /// contract amended by both signatories, its amended text given as a version (as `cvl eval --version` does);
    /// the peer knows neither, so `--peer` is refused with it
    #[arg(long, conflicts_with = "peer")]
    changes: bool,
}

/// The evaluation targets from the issue.
const TARGET_EVAL_WALL: Duration = Duration::from_secs(2);
const TARGET_EVAL_PEAK_KB: u64 = 200_000;
/// Evaluation against the peer (issue 17): at least this many times its speed on the same input, in the same run.
const TARGET_PEER_RATIO: u128 = 10;

fn main() -> ExitCode {
    let args = Args::parse();
    match run(&args) {
        Ok(()) => match MISSED.load(Ordering::Relaxed) {
            0 => ExitCode::SUCCESS,
            missed => {
                eprintln!(
                    "{missed} {} missed",
                    if missed == 1 { "target" } else { "targets" }
                );
                ExitCode::from(EXIT_MISSED)
            }
        },
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: &Args) -> Result<(), String> {
    match &args.command {
        Some(Sub::Eval(eval)) => return run_eval(eval),
        Some(Sub::Lsp(lsp)) => return run_lsp(lsp),
        Some(Sub::Log(log)) => return log_run::run(log),
        Some(Sub::Invoices(invoices)) => return invoice_run::run(invoices),
        Some(Sub::National(national)) => return national_run::run(national),
        Some(Sub::Portfolio(portfolio)) => return portfolio_run::run(portfolio),
        Some(Sub::Span(span)) => return span_run::run(span),
        Some(Sub::Serve(serve)) => return serve_run::run(serve),
        Some(Sub::Fmt) | None => {}
    }
    let keys = if args.distinct_keys {
        generate::Keys::Distinct
    } else {
        generate::Keys::Organisations
    };
    let corpus = generate::corpus_with(args.seed, args.contracts, keys);
    if let Some(Sub::Fmt) = &args.command {
        return run_fmt(&corpus, args.runs);
    }
    if let Some(dir) = &args.write {
        check_run::write_corpus(dir, &corpus)?;
        println!("wrote {} contracts to {}", corpus.len(), dir.display());
        return Ok(());
    }
    let bytes: usize = corpus.iter().map(String::len).sum();
    assert_clean(&corpus)?;

    let smallest = corpus.iter().map(String::len).min().unwrap_or(0);
    let largest = corpus.iter().map(String::len).max().unwrap_or(0);
    println!(
        "corpus: {} contracts from seed {}, {bytes} bytes (mean {} bytes, {smallest} to {largest}; the reference \
         case is 2090), all clean",
        corpus.len(),
        args.seed,
        bytes / corpus.len().max(1),
    );
    println!(
        "keys: {}",
        match keys {
            generate::Keys::Organisations =>
                "each party's is its organisation's (one municipality, home or firm signs many contracts)",
            generate::Keys::Distinct =>
                "every party of every contract has its own (`--distinct-keys`)",
        }
    );
    println!(
        "runs: median of {} per figure, after one round to warm up",
        args.runs
    );
    if let Ok(load) = fs::read_to_string("/proc/loadavg") {
        // Other work on the machine shows in the figures; say how busy it was.
        let load: Vec<&str> = load.split_whitespace().take(3).collect();
        println!("load average before the runs: {}", load.join(" "));
    }
    println!();

    let throughput = in_process(&corpus, bytes, args.runs, args.warm_keys);
    println!();
    let wall = if args.no_cli {
        None
    } else {
        Some(check_run::end_to_end(args, &corpus)?)
    };

    println!();
    println!(
        "target: parse + check >= {TARGET_MEGABYTES_PER_SECOND} MB/s on one core: {} MB/s, {}",
        megabytes_per_second(bytes, throughput),
        met(tenths_of_megabytes(bytes, throughput) >= TARGET_MEGABYTES_PER_SECOND * 10)
    );
    if let Some(wall) = wall {
        println!(
            "target: `cvl check` of {} files < {}: {}, {}",
            corpus.len(),
            millis(TARGET_WALL),
            millis(wall),
            met(wall < TARGET_WALL)
        );
    }
    Ok(())
}

/// `cvl-bench fmt`: formats every contract of the corpus on one thread, the median of `runs` passes after one to
/// warm up, and says how many were already in the canonical layout.
fn run_fmt(corpus: &[String], runs: usize) -> Result<(), String> {
    let bytes: usize = corpus.iter().map(String::len).sum();
    let mut unchanged = 0;
    let mut output = 0;
    for (index, text) in corpus.iter().enumerate() {
        let formatted = cvl_fmt::format(FileId(0), text).map_err(|_| {
            format!(
                "generated contract {} has errors",
                generate::file_name(index)
            )
        })?;
        unchanged += usize::from(formatted == *text);
        output += formatted.len();
    }
    let mut times = Vec::with_capacity(runs);
    for round in 0..=runs.max(1) {
        let start = Instant::now();
        let written: usize = corpus
            .iter()
            .filter_map(|text| cvl_fmt::format(FileId(0), text).ok())
            .map(|formatted| formatted.len())
            .sum();
        black_box(written);
        if round > 0 {
            times.push(start.elapsed());
        }
    }
    let time = median(&mut times);
    let count = corpus.len();
    println!("## Formatting ({count} contracts, {bytes} bytes in, {output} bytes out)\n");
    println!("| phase | time for the corpus | per contract | contracts/s | MB/s |");
    println!("|---|---:|---:|---:|---:|");
    println!(
        "| format (`cvl_fmt::format`: parse, CPR scan, print, compare tokens) | {} | {} µs | {} | {} |",
        millis(time),
        (time / u32::try_from(count.max(1)).unwrap_or(u32::MAX)).as_micros(),
        count_per_second(count, time),
        megabytes_per_second(bytes, time)
    );
    println!(
        "\n{unchanged} of {count} contracts were already in the canonical layout (median of {runs} runs)"
    );
    Ok(())
}

/// A target's verdict as printed; a missed one is counted, so that the program exits with [`EXIT_MISSED`].
fn met(yes: bool) -> &'static str {
    if yes {
        "met"
    } else {
        MISSED.fetch_add(1, Ordering::Relaxed);
        "MISSED"
    }
}

fn tenths_of_megabytes(bytes: usize, time: Duration) -> u128 {
    (bytes as u128) * 10_000 / time.as_nanos().max(1)
}

/// Every contract must check clean, or the figures measure error recovery instead of the checker.
fn assert_clean(corpus: &[String]) -> Result<(), String> {
    let mut sources = Sources::new();
    let mut loader = stdlib_loader();
    for (index, text) in corpus.iter().enumerate() {
        let name = generate::file_name(index);
        let diagnostics = check_text(&mut sources, &mut loader, &name, text);
        if let Some(first) = diagnostics.first() {
            return Err(format!(
                "generated contract {name} is not clean: [{}] {} at {}\n{text}",
                first.code.as_str(),
                first.message,
                first.span
            ));
        }
    }
    Ok(())
}

/// One piece of work the harness times, over the whole corpus.
#[derive(Clone, Copy, Debug)]
enum Phase {
    Lex,
    Parse,
    ParseSource,
    Check,
    ParseAndCheck,
}

impl Phase {
    const ALL: [Phase; 5] = [
        Phase::Lex,
        Phase::Parse,
        Phase::ParseSource,
        Phase::Check,
        Phase::ParseAndCheck,
    ];

    fn label(self) -> &'static str {
        match self {
            Phase::Lex => "lex (`lexer::lex`)",
            Phase::Parse => "parse (`parse`, lexes too)",
            Phase::ParseSource => "parse as `cvl check` does (`parse_source`: + CPR scan)",
            Phase::Check => "check pre-parsed trees (`check`, stdlib in memory)",
            Phase::ParseAndCheck => "parse + check (`parse_source` + `check`)",
        }
    }
}

/// What the phases work on: the corpus, the run's sources, and the trees that [`Phase::Check`] starts from.
struct Workload<'c> {
    corpus: &'c [String],
    ids: Vec<FileId>,
    sources: Sources,
    loader: cvl_check::loader::FsLoader,
    trees: Vec<Parsed>,
}

impl<'c> Workload<'c> {
    fn new(corpus: &'c [String]) -> Self {
        let mut sources = Sources::new();
        let ids: Vec<FileId> = corpus
            .iter()
            .enumerate()
            .map(|(index, text)| {
                sources.add(Source::new(generate::file_name(index), text.as_str()))
            })
            .collect();
        let trees = ids
            .iter()
            .filter_map(|&id| Some(cvl_syntax::parse_source(id, sources.get(id)?)))
            .collect();
        Workload {
            corpus,
            ids,
            sources,
            loader: stdlib_loader(),
            trees,
        }
    }

    /// Runs `phase` over the whole corpus. The count it returns keeps the work from being optimised away.
    fn run(&mut self, phase: Phase) -> usize {
        let texts = self.ids.iter().zip(self.corpus);
        match phase {
            Phase::Lex => texts
                .map(|(&id, text)| cvl_syntax::lexer::lex(id, text).len())
                .sum(),
            Phase::Parse => texts
                .map(|(&id, text)| cvl_syntax::parse(id, text).file.items.len())
                .sum(),
            Phase::ParseSource => self
                .ids
                .iter()
                .filter_map(|&id| Some(cvl_syntax::parse_source(id, self.sources.get(id)?)))
                .map(|parsed| parsed.file.items.len())
                .sum(),
            Phase::Check => {
                let mut contracts = 0;
                for (&id, parsed) in self.ids.iter().zip(&self.trees) {
                    let checked =
                        cvl_check::check(&mut self.sources, id, &parsed.file, &mut self.loader);
                    contracts += checked.contracts.len();
                }
                contracts
            }
            Phase::ParseAndCheck => {
                let mut contracts = 0;
                for &id in &self.ids {
                    let Some(source) = self.sources.get(id) else {
                        continue;
                    };
                    let parsed = cvl_syntax::parse_source(id, source);
                    let checked =
                        cvl_check::check(&mut self.sources, id, &parsed.file, &mut self.loader);
                    contracts += checked.contracts.len();
                }
                contracts
            }
        }
    }
}

/// Times each phase on this thread and prints a table; returns the time of parse + check.
///
/// The phases take turns, one pass of each per round, so that a burst of other work on the machine slows them
/// alike instead of spoiling one phase's figures. The first round warms up and is not counted.
fn in_process(corpus: &[String], bytes: usize, runs: usize, warm_keys: bool) -> Duration {
    let mut work = Workload::new(corpus);
    let mut times: Vec<Vec<Duration>> = vec![Vec::with_capacity(runs); Phase::ALL.len()];
    for round in 0..=runs.max(1) {
        for (&phase, phase_times) in Phase::ALL.iter().zip(&mut times) {
            // Each pass is timed as a fresh `cvl check` process would run: with no public key known sound yet.
            if !warm_keys {
                cvl_log::key::forget_sound_keys();
            }
            let start = Instant::now();
            black_box(work.run(phase));
            if round > 0 {
                phase_times.push(start.elapsed());
            }
        }
    }

    let count = corpus.len();
    println!("## One core, in process ({count} contracts, {bytes} bytes)\n");
    println!("| phase | time for the corpus | per contract | contracts/s | MB/s |");
    println!("|---|---:|---:|---:|---:|");
    let mut both = Duration::ZERO;
    for (phase, phase_times) in Phase::ALL.iter().zip(&mut times) {
        let time = median(phase_times);
        if matches!(phase, Phase::ParseAndCheck) {
            both = time;
        }
        let per_contract = time / u32::try_from(count.max(1)).unwrap_or(u32::MAX);
        println!(
            "| {} | {} | {} µs | {} | {} |",
            phase.label(),
            millis(time),
            per_contract.as_micros(),
            count_per_second(count, time),
            megabytes_per_second(bytes, time)
        );
    }
    both
}

/// `cvl-bench eval`: writes the contracts and events in a child process, then times checking and evaluating them
/// on this thread, and reports the peak memory of this process (VmHWM), which then holds no generator.
fn run_eval(args: &EvalArgs) -> Result<(), String> {
    if let Some(dir) = &args.write {
        let totals = if args.changes {
            cvl_bench::changes::write(dir, args.seed, args.contracts, args.days)?
        } else {
            evaluation::write(dir, args.seed, args.contracts, args.days)?
        };
        println!(
            "wrote {} contracts and {} events ({} bytes of JSONL) to {}; generator peak memory {} kB",
            totals.contracts,
            totals.events,
            totals.event_bytes,
            dir.display(),
            peak_kb().map_or_else(|| "unknown".to_string(), |kb| kb.to_string())
        );
        return Ok(());
    }
    let (contracts, days, seed) = (
        args.contracts.to_string(),
        args.days.to_string(),
        args.seed.to_string(),
    );
    let mut child = vec![
        "eval",
        "--contracts",
        &contracts,
        "--days",
        &days,
        "--seed",
        &seed,
    ];
    if args.changes {
        child.push("--changes");
    }
    generated(&child, |dir| time_eval(args, dir))
}

/// Generates a benchmark's input into a temporary directory in a child process (`generate_in_child`), measures
/// it with `measure`, and removes the directory whatever the measuring gave.
fn generated(
    child_args: &[&str],
    measure: impl FnOnce(&Path) -> Result<(), String>,
) -> Result<(), String> {
    let name = child_args.first().copied().unwrap_or("input");
    let dir = std::env::temp_dir().join(format!("cvl-bench-{name}-{}", std::process::id()));
    generate_in_child(child_args, &dir)?;
    let result = measure(&dir);
    let removed = fs::remove_dir_all(&dir);
    result?;
    removed.map_err(|e| format!("cannot remove {}: {e}", dir.display()))
}

fn time_eval(args: &EvalArgs, dir: &Path) -> Result<(), String> {
    if let Ok(load) = fs::read_to_string("/proc/loadavg") {
        let load: Vec<&str> = load.split_whitespace().take(3).collect();
        println!("load average before the runs: {}", load.join(" "));
    }
    let before = peak_kb();
    // The corpus with changes is evaluated with its amended texts; `amended` counts the decisions in which one is
    // in force.
    let pass = || -> Result<(evaluation::Totals, usize), String> {
        if args.changes {
            cvl_bench::changes::evaluate(dir, args.contracts)
        } else {
            evaluation::evaluate(dir, args.contracts).map(|totals| (totals, 0))
        }
    };
    // One pass to warm up (and the page cache), then the timed ones.
    let (mut totals, mut amended) = pass()?;
    let mut times = Vec::with_capacity(args.runs);
    for _ in 0..args.runs.max(1) {
        let start = Instant::now();
        (totals, amended) = black_box(pass()?);
        times.push(start.elapsed());
    }
    let peak = peak_kb();
    let slowest = times.iter().max().copied().unwrap_or_default();
    let fastest = times.iter().min().copied().unwrap_or_default();
    let time = median(&mut times);
    println!();
    println!(
        "## Evaluation, one core: {} contracts, {} events read from the disk{}\n",
        totals.contracts,
        totals.events,
        if args.changes {
            format!(
                ", with changes: {} contracts regulated, {amended} decided under an amended text",
                (0..totals.contracts)
                    .filter(|i| cvl_bench::changes::regulated(*i))
                    .count()
            )
        } else {
            String::new()
        }
    );
    println!("| measure | value |");
    println!("|---|---:|");
    println!(
        "| check + evaluate, median of {} runs | {} |",
        args.runs.max(1),
        millis(time)
    );
    println!(
        "| fastest, slowest run | {}, {} |",
        millis(fastest),
        millis(slowest)
    );
    println!("| events/s | {} |", count_per_second(totals.events, time));
    println!(
        "| per contract | {} µs |",
        time.as_micros() / (totals.contracts.max(1) as u128)
    );
    println!("| payments decided | {} |", totals.payments);
    let kb = |kb: Option<u64>| kb.map_or_else(|| "unknown".to_string(), |kb| format!("{kb} kB"));
    println!("| peak memory (VmHWM) before evaluating | {} |", kb(before));
    println!("| peak memory (VmHWM) at the end | {} |", kb(peak));
    println!();
    println!(
        "target: {} contracts and {} events in < 2 s on one core: {}, {}",
        totals.contracts,
        totals.events,
        millis(time),
        met(time < TARGET_EVAL_WALL)
    );
    if let Some(peak) = peak {
        println!(
            "target: peak memory < 200 MB: {peak} kB, {}",
            met(peak < TARGET_EVAL_PEAK_KB)
        );
    }
    if let Some(peer) = &args.peer {
        time_peer(args, dir, peer)?;
    }
    Ok(())
}

/// CVL's evaluation and the peer's, in pairs, on the same input: each pair runs CVL in process and then the peer
/// as `python3 PEER --dir DIR --quiet`, so that both see the same load on a shared machine; the medians and their
/// ratio. The peer's time includes its interpreter's start (tens of milliseconds), CVL's does not include the
/// process start it would add end to end (a few milliseconds).
fn time_peer(args: &EvalArgs, dir: &Path, peer: &Path) -> Result<(), String> {
    let jobs = std::thread::available_parallelism().map_or(1, usize::from);
    let mut ours = Vec::new();
    let mut ours_on_cores = Vec::new();
    let mut theirs = Vec::new();
    let mut said = String::new();
    let mut totals = evaluation::Totals::default();
    for _ in 0..args.runs.max(1) {
        let start = Instant::now();
        totals = black_box(evaluation::evaluate(dir, args.contracts)?);
        ours.push(start.elapsed());
        let start = Instant::now();
        let on_cores = black_box(evaluation::evaluate_on(dir, args.contracts, jobs)?);
        ours_on_cores.push(start.elapsed());
        if on_cores != totals {
            return Err(format!(
                "on {jobs} threads the totals differ: {on_cores:?} against {totals:?}"
            ));
        }
        let start = Instant::now();
        let output = Command::new("python3")
            .arg(peer)
            .arg("--dir")
            .arg(dir)
            .arg("--quiet")
            .output()
            .map_err(|e| format!("cannot run python3 {}: {e}", peer.display()))?;
        theirs.push(start.elapsed());
        if !output.status.success() {
            return Err(format!(
                "the peer {} failed: {}",
                peer.display(),
                output.status
            ));
        }
        said = String::from_utf8_lossy(&output.stderr).trim().to_string();
    }
    let (ours, ours_on_cores, theirs) = (
        median(&mut ours),
        median(&mut ours_on_cores),
        median(&mut theirs),
    );
    println!();
    println!(
        "## Against the peer, paired in one run ({} pairs)\n",
        args.runs.max(1)
    );
    println!("| evaluator | median |");
    println!("|---|---:|");
    println!(
        "| CVL, check + evaluate, in process, one thread | {} |",
        millis(ours)
    );
    println!(
        "| CVL, check + evaluate, in process, {jobs} threads (a contract each at a time) | {} |",
        millis(ours_on_cores)
    );
    println!(
        "| peer: python3 {} --dir --quiet | {} |",
        peer.display(),
        millis(theirs)
    );
    let ratio = theirs.as_micros() * 10 / ours.as_micros().max(1);
    let ratio_on_cores = theirs.as_micros() * 10 / ours_on_cores.as_micros().max(1);
    println!();
    println!(
        "CVL is {}.{}x the peer's speed on one thread, {}.{}x on {jobs} threads",
        ratio / 10,
        ratio % 10,
        ratio_on_cores / 10,
        ratio_on_cores % 10
    );
    println!(
        "target: at least {TARGET_PEER_RATIO}x the peer's speed, the cores used as `cvl check DIR` and `cvl portfolio` \
         use them ({jobs}): {}.{}x, {} (one thread: {}.{}x)",
        ratio_on_cores / 10,
        ratio_on_cores % 10,
        met(ratio_on_cores >= TARGET_PEER_RATIO * 10),
        ratio / 10,
        ratio % 10
    );
    println!(
        "CVL's totals: contracts {} payments {} sum {:.2}; the peer's: {said}",
        totals.contracts, totals.payments, totals.sum
    );
    Ok(())
}

/// Runs this program again with `args` and `--write DIR`, so that writing the benchmark's input happens in a
/// process of its own and does not count in the measuring process's peak memory.
fn generate_in_child(args: &[&str], dir: &Path) -> Result<(), String> {
    let me = std::env::current_exe().map_err(|e| format!("cannot find this program: {e}"))?;
    let status = Command::new(me)
        .args(args)
        .arg("--write")
        .arg(dir)
        .status()
        .map_err(|e| format!("cannot run the generator: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("the generator failed: {status}"))
    }
}

/// The `cvl` binary to time: the one given, or the one next to this program.
fn cvl_binary(given: Option<&PathBuf>) -> Result<PathBuf, String> {
    let cvl = match given {
        Some(path) => path.clone(),
        None => std::env::current_exe()
            .map_err(|e| format!("cannot find this program: {e}"))?
            .with_file_name(format!("cvl{}", std::env::consts::EXE_SUFFIX)),
    };
    if !cvl.is_file() {
        return Err(format!(
            "no `cvl` binary at {}: build it with `cargo build --release -p cvl-cli`, pass --cvl PATH, or \
             --no-cli",
            cvl.display()
        ));
    }
    Ok(cvl)
}

/// This process's peak resident memory in kB, from /proc/self/status (Linux only).
fn peak_kb() -> Option<u64> {
    let status = fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// `cvl-bench lsp`: the language server's latencies on one large contract.
fn run_lsp(args: &LspArgs) -> Result<(), String> {
    let text = cvl_bench::lsp::contract(args.lines);
    println!(
        "contract: {} lines, {} bytes, clean; {} timed runs of each, after one to warm up",
        text.lines().count(),
        text.len(),
        args.runs
    );
    cvl_bench::lsp::measure(&text, 1)?;
    let figures = cvl_bench::lsp::measure(&text, args.runs)?;
    let verdict = |median: Duration, target: Duration| met(median < target);
    println!();
    println!("| measurement | median | p95 | target (median) |");
    println!("|---|---:|---:|---|");
    println!(
        "| `didChange` to `publishDiagnostics` | {} | {} | under {} ({}) |",
        millis(figures.change_median),
        millis(figures.change_p95),
        millis(TARGET_LSP_CHANGE),
        verdict(figures.change_median, TARGET_LSP_CHANGE)
    );
    println!(
        "| hover request to answer | {} | {} | under {} ({}) |",
        millis(figures.hover_median),
        millis(figures.hover_p95),
        millis(TARGET_LSP_HOVER),
        verdict(figures.hover_median, TARGET_LSP_HOVER)
    );
    Ok(())
}
