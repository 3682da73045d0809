//! `cvl-bench span`: evaluation over a long span (issue 17). One contract whose supplement has a term of a few days
//! (`--term-days`, 7 by default) and is renewed on the last day of each term, with its events for 25, 50 and 100
//! years (`--years`; the reach is 100 years, spec 7): thousands of renewals. For each span, a child process writes
//! the contract and its events to a temporary directory, and another runs `cvl eval --format json` on them in
//! process (`cvl_cli::run`, the output counted, not kept), the median of `--runs` runs after one to warm up, and
//! reports its time, its peak memory (VmHWM) and the output's size. Linear in the months means the same JSON bytes
//! (and about the same time) per month at every span: a month's line cites the renewals in force for it, not every
//! renewal so far (spec 9.5).

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use chrono::{Days, NaiveDate};

use cvl_bench::timing::{median, millis};

use crate::{generate_in_child, met, peak_kb};

#[derive(Debug, clap::Args)]
pub(crate) struct SpanArgs {
    /// The spans to measure, in years of events from the contract's start (100 is the reach)
    #[arg(long, value_delimiter = ',', default_value = "25,50,100")]
    years: Vec<u64>,
    /// How many timed runs of each span (the median is reported)
    #[arg(long, default_value_t = 3)]
    runs: usize,
    /// The supplement's term, in days: it is renewed on the last day of each
    #[arg(long, default_value_t = 7)]
    term_days: u64,
    /// Only write the contract and the events of the first span to DIR and exit (the harness runs this in a child
    /// process)
    #[arg(long, value_name = "DIR")]
    write: Option<PathBuf>,
    /// Only measure the first span on the contract and events in DIR and print its row (the harness runs this in a
    /// child process, so that each span's peak memory is its own)
    #[arg(long, value_name = "DIR")]
    read: Option<PathBuf>,
}

const CONTRACT: &str = "span.cvl";
const EVENTS: &str = "span.jsonl";

/// The contract's first day.
const START: &str = "2019-01-01";

/// Writes the contract, with a supplement of a term of `term_days` days, and `days` days of its events to `dir`
/// (created): both parties sign before the start, the supplement starts on the first day and is renewed on the
/// last day of each term.
fn write(dir: &Path, days: u64, term_days: u64) -> Result<(), String> {
    let start: NaiveDate = START
        .parse()
        .map_err(|e| format!("the start {START}: {e}"))?;
    let contract = format!(
        "contract span {{\n  case \"S-1\"\n  \
         party kommune {{ role payer key \"ed25519:AxiotVCLTRFo8Z11ewELoFkGa9ySVw2ilQO/w2dIIB4=\" }}\n  \
         party home {{ role provider key \"ed25519:WM/CGf94Y3JJ9BHySBlUNpcKatyx4+4tLFdc58wBPjU=\" }}\n  \
         signed by kommune and home\n  starts on {START}\n  paid monthly in arrears\n  \
         supplement extra {{ pay 3_000 DKK per month to home adjustable by kommune term {term_days} days }}\n}}\n"
    );
    let mut events = String::new();
    let mut id = 0;
    let mut push = |at: NaiveDate, kind: &str, actor: &str, data: &str| {
        id += 1;
        events.push_str(&format!(
            "{{\"id\":\"e{id}\",\"at\":\"{at}\",\"kind\":\"{kind}\",\"actor\":\"{actor}\",\"data\":{{{data}}}}}\n"
        ));
    };
    let before = start.pred_opt().unwrap_or(start);
    push(before, "signed", "kommune", "");
    push(before, "signed", "home", "");
    push(
        start,
        "supplement_started",
        "kommune",
        &format!("\"supplement\":\"extra\",\"from\":\"{start}\""),
    );
    let last = start.checked_add_days(Days::new(days)).unwrap_or(start);
    let mut ends = start.checked_add_days(Days::new(term_days.max(1)));
    while let Some(end) = ends.filter(|e| *e <= last) {
        push(
            end.pred_opt().unwrap_or(end),
            "supplement_renewed",
            "kommune",
            "\"supplement\":\"extra\"",
        );
        ends = end.checked_add_days(Days::new(term_days.max(1)));
    }
    fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    for (name, text) in [(CONTRACT, contract), (EVENTS, events)] {
        let path = dir.join(name);
        fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    Ok(())
}

/// A span's figures, as its child prints them: `months events micros peak_kb json_bytes`.
struct Row {
    years: u64,
    months: u64,
    events: u64,
    time: Duration,
    peak_kb: u64,
    json_bytes: u64,
}

/// The days of events for `years` years.
fn days(years: u64) -> u64 {
    years.saturating_mul(36_525) / 100
}

pub(crate) fn run(args: &SpanArgs) -> Result<(), String> {
    let first = args.years.first().copied().unwrap_or(100);
    if let Some(dir) = &args.write {
        return write(dir, days(first), args.term_days);
    }
    if let Some(dir) = &args.read {
        return measure(dir, first, args.runs);
    }
    if let Ok(load) = fs::read_to_string("/proc/loadavg") {
        let load: Vec<&str> = load.split_whitespace().take(3).collect();
        println!("load average before the runs: {}", load.join(" "));
    }
    println!();
    println!(
        "## `cvl eval --format json` over a long span: one contract, its supplement renewed every {} days, median \
         of {} runs\n",
        args.term_days,
        args.runs.max(1)
    );
    println!(
        "| years | months | events | median | per month | peak memory (VmHWM) | JSON output | JSON per month |"
    );
    println!("|---:|---:|---:|---:|---:|---:|---:|---:|");
    let mut rows = Vec::new();
    for &years in &args.years {
        let row = span(args, years)?;
        let months = row.months.max(1);
        println!(
            "| {} | {} | {} | {} | {} µs | {} kB | {} bytes | {} bytes |",
            row.years,
            row.months,
            row.events,
            millis(row.time),
            row.time.as_micros() / u128::from(months),
            row.peak_kb,
            row.json_bytes,
            row.json_bytes / months
        );
        rows.push(row);
    }
    if let (Some(short), Some(long)) = (rows.first(), rows.last()) {
        let per_month = |row: &Row| row.json_bytes / row.months.max(1);
        println!();
        println!(
            "target: output linear in the months (JSON bytes per month at {} years within 25 % of {} years'): {} \
             against {}, {}",
            long.years,
            short.years,
            per_month(long),
            per_month(short),
            met(per_month(long) * 4 <= per_month(short) * 5)
        );
    }
    Ok(())
}

/// One span: its input written by a child process, measured by another.
fn span(args: &SpanArgs, years: u64) -> Result<Row, String> {
    let dir = std::env::temp_dir().join(format!("cvl-bench-span-{}-{years}", std::process::id()));
    let years_arg = years.to_string();
    let term = args.term_days.to_string();
    let runs = args.runs.to_string();
    let common = ["span", "--years", &years_arg, "--term-days", &term];
    generate_in_child(&common, &dir)?;
    let me = std::env::current_exe().map_err(|e| format!("cannot find this program: {e}"))?;
    let output = Command::new(me)
        .args(common)
        .args(["--runs", &runs, "--read"])
        .arg(&dir)
        .output()
        .map_err(|e| format!("cannot run the measuring child: {e}"));
    let removed = fs::remove_dir_all(&dir);
    let output = output?;
    removed.map_err(|e| format!("cannot remove {}: {e}", dir.display()))?;
    let said = String::from_utf8_lossy(&output.stdout);
    if !output.status.success() {
        return Err(format!(
            "measuring {years} years failed: {}{}",
            said.trim(),
            String::from_utf8_lossy(&output.stderr).trim()
        ));
    }
    let figures: Vec<u64> = said
        .split_whitespace()
        .filter_map(|f| f.parse().ok())
        .collect();
    match figures.as_slice() {
        [months, events, micros, peak_kb, json_bytes] => Ok(Row {
            years,
            months: *months,
            events: *events,
            time: Duration::from_micros(*micros),
            peak_kb: *peak_kb,
            json_bytes: *json_bytes,
        }),
        _ => Err(format!("the measuring child said `{}`", said.trim())),
    }
}

/// Counts the bytes written, keeping none.
#[derive(Default)]
struct Counted(u64);

impl Write for Counted {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0 += u64::try_from(buf.len()).unwrap_or(u64::MAX);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Runs `cvl eval --format json` on the contract and events in `dir`, once to warm up and `runs` times timed, and prints
/// `months events micros peak_kb json_bytes`.
fn measure(dir: &Path, years: u64, runs: usize) -> Result<(), String> {
    let contract = dir.join(CONTRACT);
    let events = dir.join(EVENTS);
    let event_count = fs::read_to_string(&events)
        .map_err(|e| format!("cannot read {}: {e}", events.display()))?
        .lines()
        .count();
    let eval = |out: &mut Counted| -> Result<(), String> {
        let mut err = Vec::new();
        let args = [
            "cvl".as_ref(),
            "eval".as_ref(),
            contract.as_os_str(),
            "--events".as_ref(),
            events.as_os_str(),
            "--format".as_ref(),
            "json".as_ref(),
        ];
        let code = cvl_cli::run(args, out, &mut err);
        if code == 0 {
            Ok(())
        } else {
            Err(format!(
                "cvl eval exited with {code}: {}",
                String::from_utf8_lossy(&err).trim()
            ))
        }
    };
    let mut out = Counted::default();
    eval(&mut out)?;
    let json_bytes = out.0;
    let mut times = Vec::with_capacity(runs.max(1));
    for _ in 0..runs.max(1) {
        let start = Instant::now();
        eval(&mut Counted::default())?;
        times.push(start.elapsed());
    }
    let time = median(&mut times);
    println!(
        "{} {event_count} {} {} {json_bytes}",
        years.saturating_mul(12),
        time.as_micros(),
        peak_kb().unwrap_or(0)
    );
    Ok(())
}
