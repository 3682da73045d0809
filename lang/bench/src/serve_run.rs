//! `cvl-bench serve`: the log service under load, on the loopback interface (issue 14).
//!
//! The release `cvl serve` runs in a child process, as it is deployed, over a fresh database: an SQLite file in a
//! temporary directory (`--database sqlite`), or a database of its own on a PostgreSQL server (`--database
//! postgres`, on `--postgres`; created for the run and dropped after). Contracts 0 to `--logs` − 1 of the corpus
//! are registered and signed by both signatories; every entry is signed before the clock starts, so that the
//! clients' machine time is the requests' only. Then, each phase timed by the wall clock:
//!
//! - appends: `--clients` threads, each the only writer of its share of the logs (as each party appends its own
//!   reports), post `--entries` hours reports to each log, the logs taken in turn: appends a second over all, and
//!   each append's latency (median and 99th percentile);
//! - one long log: one client posts `--long` entries to one log: the first tenth's appends against the last
//!   tenth's, whose median latencies are the same when admitting an entry does not read the log again (the
//!   target: the last at most 125 % of the first);
//! - reads: `--clients` threads `GET` the checkpoint of logs taken in turn, `--reads` in all: reads a second and
//!   the latency's median and 99th percentile.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use chrono::{NaiveDate, TimeDelta};
use serde_json::{Map, Value};

use cvl_bench::generate;
use cvl_bench::timing::{millis, percentile};
use cvl_log::{NewEntry, SecretKey};
use cvl_serve::client::Client;
use cvl_serve::registered::{FileText, Registration};

use crate::{cvl_binary, met};

#[derive(Debug, clap::Args)]
pub(crate) struct ServeArgs {
    /// The database the service keeps the logs in: `sqlite` (a file in a temporary directory) or `postgres` (a
    /// fresh database on the `--postgres` server, dropped after)
    #[arg(long, default_value = "sqlite", value_parser = ["sqlite", "postgres"])]
    database: String,
    /// The PostgreSQL server for `--database postgres` (`bash tests/setup` starts this one)
    #[arg(
        long,
        value_name = "URL",
        default_value = "postgres://postgres@127.0.0.1:55432"
    )]
    postgres: String,
    /// How many logs (contracts of the corpus)
    #[arg(long, default_value_t = 16)]
    logs: usize,
    /// How many clients append and read at once
    #[arg(long, default_value_t = 8)]
    clients: usize,
    /// How many entries the appends phase posts to each log
    #[arg(long, default_value_t = 100)]
    entries: usize,
    /// How many entries the long log has
    #[arg(long, default_value_t = 4_000)]
    long: usize,
    /// How many reads of a checkpoint
    #[arg(long, default_value_t = 4_000)]
    reads: usize,
    /// The seed the contracts and their keys are generated from
    #[arg(long, default_value_t = 2019)]
    seed: u64,
    /// The `cvl` binary to serve with [default: `cvl` next to this program]
    #[arg(long, value_name = "PATH")]
    cvl: Option<PathBuf>,
}

/// The median append to the long log's last tenth may take at most this share (in percent) of the first tenth's.
const TARGET_FLAT_PERCENT: u128 = 125;

/// The service in its child process, and where it keeps its database and its log.
struct Service {
    child: Child,
    url: String,
}

impl Drop for Service {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn serve(cvl: &Path, dir: &Path, database: &str) -> Result<Service, String> {
    let key = dir.join("service.key");
    std::fs::write(&key, SecretKey::from_seed([42; 32]).text())
        .map_err(|e| format!("cannot write the service's key: {e}"))?;
    let log = std::fs::File::create(dir.join("serve.log"))
        .map_err(|e| format!("cannot write the service's log: {e}"))?;
    let mut child = Command::new(cvl)
        .args(["serve", "--listen", "127.0.0.1:0", "--database", database])
        .arg("--key")
        .arg(&key)
        .stdout(Stdio::piped())
        .stderr(log)
        .spawn()
        .map_err(|e| format!("cannot run `{}`: {e}", cvl.display()))?;
    let mut first = String::new();
    if let Some(out) = child.stdout.as_mut() {
        let _ = std::io::BufRead::read_line(&mut std::io::BufReader::new(out), &mut first);
    }
    let url = first
        .strip_prefix("serving on ")
        .and_then(|rest| rest.split_once(';'))
        .map(|(url, _)| url.to_string());
    match url {
        Some(url) => Ok(Service { child, url }),
        None => {
            let _ = child.kill();
            let said = std::fs::read_to_string(dir.join("serve.log")).unwrap_or_default();
            Err(format!("`cvl serve` did not start: {first}{said}"))
        }
    }
}

/// A fresh database `name` on the PostgreSQL server `server`, and what drops it after.
fn postgres(server: &str, name: &str, create: bool) -> Result<String, String> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| e.to_string())?;
    runtime.block_on(async {
        use sqlx::Connection as _;
        sqlx::any::install_default_drivers();
        let mut admin = sqlx::AnyConnection::connect(&format!("{server}/postgres"))
            .await
            .map_err(|e| {
                format!("no PostgreSQL server at {server} ({e}): `bash tests/setup` starts one")
            })?;
        let mut statements = vec![format!("DROP DATABASE IF EXISTS {name}")];
        if create {
            statements.push(format!("CREATE DATABASE {name}"));
        }
        for statement in statements {
            sqlx::query(&statement)
                .execute(&mut admin)
                .await
                .map_err(|e| format!("{statement}: {e}"))?;
        }
        let _ = admin.close().await;
        Ok(format!("{server}/{name}"))
    })
}

/// One log: its contract's SHA-256, and its entries after the two signatures, signed in order.
struct Log {
    sha256: String,
    entries: Vec<String>,
    /// The key of the party that reads the log's checkpoint (reads are for the parties only, signed).
    reader: SecretKey,
}

/// Registers contract `index` of the corpus, appends both signatures, and signs `entries` hours reports by the
/// firm after them.
fn log(client: &Client, seed: u64, index: usize, entries: usize) -> Result<Log, String> {
    let text = generate::contract(seed, index);
    let registration = Registration {
        sha256: None,
        files: vec![FileText {
            role: "contract".to_string(),
            name: String::new(),
            text,
        }],
    };
    let [
        (payer, payer_key),
        (provider, provider_key),
        (firm, firm_key),
    ] = generate::signers(seed, index);
    let reply = client.register(&registration, &firm_key)?;
    let body: Value = serde_json::from_str(&reply.body)
        .map_err(|_| format!("the registration answered {}: {}", reply.status, reply.body))?;
    let sha256 = body
        .get("sha256")
        .and_then(Value::as_str)
        .ok_or_else(|| format!("the registration answered {}: {}", reply.status, reply.body))?
        .to_string();
    let mut prev = cvl_log::parse_hex(&sha256).ok_or("the registration gave no SHA-256")?;
    let start = NaiveDate::from_ymd_opt(2019, 1, 15)
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .ok_or("no start time")?;
    let mut lines = Vec::with_capacity(entries + 2);
    for seq in 1..=u64::try_from(entries).unwrap_or(u64::MAX).saturating_add(2) {
        let at = start + TimeDelta::seconds(i64::try_from(seq).unwrap_or(i64::MAX));
        let mut data = Map::new();
        let (actor, key, kind) = match seq {
            1 => (&payer, &payer_key, "signed"),
            2 => (&provider, &provider_key, "signed"),
            _ => (&firm, &firm_key, "hours"),
        };
        if kind == "signed" {
            data.insert("contract".into(), Value::from(sha256.clone()));
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
        lines.push(line);
    }
    let entries = lines.split_off(2.min(lines.len()));
    for line in &lines {
        append(client, &sha256, line, &firm_key)?;
    }
    Ok(Log {
        sha256,
        entries,
        reader: firm_key,
    })
}

/// Posts one entry; anything but a 201 is an error.
fn append(client: &Client, sha256: &str, line: &str, key: &SecretKey) -> Result<(), String> {
    let reply = client.append(sha256, line, key)?;
    if reply.status == 201 {
        Ok(())
    } else {
        Err(format!(
            "an append answered {}: {}",
            reply.status, reply.body
        ))
    }
}

/// Runs `work` on `threads` threads, each given its number; every latency they measured, and the wall time.
fn at_once<F>(threads: usize, work: F) -> Result<(Vec<Duration>, Duration), String>
where
    F: Fn(usize) -> Result<Vec<Duration>, String> + Sync,
{
    let start = Instant::now();
    let results: Vec<Result<Vec<Duration>, String>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|thread| {
                let work = &work;
                scope.spawn(move || work(thread))
            })
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join()
                    .unwrap_or_else(|_| Err("a client failed".to_string()))
            })
            .collect()
    });
    let wall = start.elapsed();
    let mut times = Vec::new();
    for result in results {
        times.extend(result?);
    }
    Ok((times, wall))
}

fn per_second(count: usize, time: Duration) -> u128 {
    cvl_bench::timing::count_per_second(count, time)
}

pub(crate) fn run(args: &ServeArgs) -> Result<(), String> {
    let cvl = cvl_binary(args.cvl.as_ref())?;
    let dir = std::env::temp_dir().join(format!("cvl-bench-serve-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let pg_name = format!("cvl_bench_{}", std::process::id());
    let database = match args.database.as_str() {
        "postgres" => postgres(&args.postgres, &pg_name, true)?,
        _ => dir.join("logs.sqlite").display().to_string(),
    };
    let measured = measure(args, &cvl, &dir, &database);
    if args.database == "postgres" {
        let _ = postgres(&args.postgres, &pg_name, false);
    }
    let _ = std::fs::remove_dir_all(&dir);
    measured
}

fn measure(args: &ServeArgs, cvl: &Path, dir: &Path, database: &str) -> Result<(), String> {
    let clients = args.clients.max(1);
    let service = serve(cvl, dir, database)?;
    let client = Client::new(&service.url);
    let logs = (0..args.logs.max(1))
        .map(|index| log(&client, args.seed, index, args.entries))
        .collect::<Result<Vec<Log>, String>>()?;
    let long = log(&client, args.seed, args.logs.max(1), args.long)?;
    if let Ok(load) = std::fs::read_to_string("/proc/loadavg") {
        let load: Vec<&str> = load.split_whitespace().take(3).collect();
        println!("load average before the runs: {}", load.join(" "));
    }
    println!(
        "`{}` over {} ({} logs, {clients} clients, on the loopback interface)\n",
        cvl.display(),
        args.database,
        logs.len()
    );

    // Appends: each client the only writer of the logs whose index is its number modulo the clients.
    let (mut append_times, append_wall) = at_once(clients, |me| {
        let client = Client::new(&service.url);
        let mine: Vec<&Log> = logs.iter().skip(me).step_by(clients).collect();
        let mut times = Vec::new();
        for at in 0..args.entries {
            for log in &mine {
                if let Some(line) = log.entries.get(at) {
                    let start = Instant::now();
                    append(&client, &log.sha256, line, &log.reader)?;
                    times.push(start.elapsed());
                }
            }
        }
        Ok(times)
    })?;
    let appended = append_times.len();

    // One long log, one client: the first tenth of its appends against the last.
    let mut long_times = Vec::with_capacity(long.entries.len());
    for line in &long.entries {
        let start = Instant::now();
        append(&client, &long.sha256, line, &long.reader)?;
        long_times.push(start.elapsed());
    }
    let tenth = (long_times.len() / 10).max(1);
    let mut first: Vec<Duration> = long_times.iter().take(tenth).copied().collect();
    let mut last: Vec<Duration> = long_times.iter().rev().take(tenth).copied().collect();
    let (first_wall, last_wall) = (first.iter().sum(), last.iter().sum());

    // Reads of the checkpoint, the logs taken in turn.
    let (mut read_times, read_wall) = at_once(clients, |me| {
        let client = Client::new(&service.url);
        let mut times = Vec::new();
        for at in (me..args.reads).step_by(clients) {
            let log = logs.get(at % logs.len()).ok_or("no log to read")?;
            let start = Instant::now();
            let reply = client.signed_checkpoint(&log.sha256, &log.reader)?;
            times.push(start.elapsed());
            if reply.status != 200 {
                return Err(format!("a read answered {}: {}", reply.status, reply.body));
            }
        }
        Ok(times)
    })?;
    let read = read_times.len();
    drop(service);

    println!("| phase | count | wall | per second | median | 99th percentile |");
    println!("|---|---:|---:|---:|---:|---:|");
    println!(
        "| appends, {} logs, {clients} clients | {appended} | {} | {} | {} | {} |",
        logs.len(),
        millis(append_wall),
        per_second(appended, append_wall),
        millis(percentile(&mut append_times, 50)),
        millis(percentile(&mut append_times, 99)),
    );
    let (first_median, last_median) = (percentile(&mut first, 50), percentile(&mut last, 50));
    println!(
        "| appends to one log of {} entries, one client: the first tenth | {tenth} | {} | {} | {} | {} |",
        long.entries.len() + 2,
        millis(first_wall),
        per_second(tenth, first_wall),
        millis(first_median),
        millis(percentile(&mut first, 99)),
    );
    println!(
        "| … the last tenth | {tenth} | {} | {} | {} | {} |",
        millis(last_wall),
        per_second(tenth, last_wall),
        millis(last_median),
        millis(percentile(&mut last, 99)),
    );
    println!(
        "| reads of a checkpoint, {clients} clients | {read} | {} | {} | {} | {} |",
        millis(read_wall),
        per_second(read, read_wall),
        millis(percentile(&mut read_times, 50)),
        millis(percentile(&mut read_times, 99)),
    );
    // The medians, which a slow sync of the disk now and then does not move.
    let share = last_median.as_micros() * 100 / first_median.as_micros().max(1);
    println!(
        "\ntarget: an append to a log of {} entries costs what one to a log of {} does (the last tenth's median at \
         most {TARGET_FLAT_PERCENT} % of the first tenth's): {share} %, {}",
        long.entries.len() + 2,
        tenth + 2,
        met(share <= TARGET_FLAT_PERCENT)
    );
    Ok(())
}
