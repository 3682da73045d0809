//! The log service under load and faults, on the loopback interface, each case on SQLite and on PostgreSQL:
//!
//! - many parties appending at once to many logs through two `cvl serve` processes over one database;
//! - the service killed with SIGKILL at random moments under load, and started again;
//! - PostgreSQL stopped under the service (a throwaway cluster of the test's own, on a port of its own) and started
//!   again: the service answers 503 while it is down, and recovers.
//!
//! Each party keeps its own view of each log's head, rebases on a 409, and counts an entry as acknowledged only on
//! a 201 with its receipt. Afterwards every acknowledged entry is in the database once, at its seq; every log
//! verifies with `cvl log verify` against the last receipt a party was given; and each log's latest checkpoint is
//! of all its entries (nothing half-written). The test lives in the cli package to run the real binary.

#![cfg(test)]
#![cfg(unix)]

use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::Value;
use sha2::{Digest as _, Sha256};

use cvl_log::checkpoint::{self, NoteKey};
use cvl_log::{NewEntry, SecretKey};
use cvl_serve::client::Client;
use cvl_serve::registered::{FileText, Registration};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .nth(2)
        .map(PathBuf::from)
        .unwrap()
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("cvl-serve-load-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A small random generator (xorshift), seeded from the clock; the seed is printed so a run can be told apart.
struct Random(u64);

impl Random {
    fn new(salt: u64) -> Random {
        let seed = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos() as u64
            ^ salt.wrapping_mul(0x9e37_79b9_7f4a_7c15);
        Random(seed | 1)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n.max(1)
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn digest(line: &str) -> [u8; 32] {
    Sha256::digest(line.as_bytes()).into()
}

fn key_of(party: &str) -> SecretKey {
    SecretKey::parse(
        &std::fs::read_to_string(root().join(format!("examples/placement/keys/{party}.key")))
            .unwrap(),
    )
    .unwrap()
}

const SERVICE_SEED: [u8; 32] = [42; 32];

/// A `cvl serve` process over `database`, listening on `port` (the same port after each restart).
struct Serve {
    child: Option<Child>,
    database: String,
    port: u16,
    dir: PathBuf,
}

impl Serve {
    fn start(dir: &Path, database: &str) -> Serve {
        let key = dir.join("service.key");
        if !key.exists() {
            std::fs::write(&key, SecretKey::from_seed(SERVICE_SEED).text()).unwrap();
        }
        let mut serve = Serve {
            child: None,
            database: database.to_string(),
            port: free_port(),
            dir: dir.to_path_buf(),
        };
        serve.up();
        serve
    }

    fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    fn up(&mut self) {
        // The structured logs go to a file: a pipe nobody reads would fill and stop the service.
        let log = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(self.dir.join(format!("serve-{}.log", self.port)))
            .unwrap();
        let mut child = Command::new(env!("CARGO_BIN_EXE_cvl"))
            .args(["serve", "--listen", &format!("127.0.0.1:{}", self.port)])
            .arg("--key")
            .arg(self.dir.join("service.key"))
            .args(["--database", &self.database])
            .stdout(Stdio::piped())
            .stderr(log)
            .spawn()
            .unwrap();
        let mut first = String::new();
        BufReader::new(child.stdout.as_mut().unwrap())
            .read_line(&mut first)
            .unwrap();
        assert!(first.starts_with("serving on "), "{first}");
        self.child = Some(child);
    }

    /// SIGKILL: the process ends at once, whatever it was doing.
    fn kill(&mut self) {
        if let Some(mut child) = self.child.take() {
            child.kill().unwrap();
            child.wait().unwrap();
        }
    }

    /// SIGTERM, and the exit code.
    fn stop(&mut self) -> Option<i32> {
        let mut child = self.child.take()?;
        let status = Command::new("kill")
            .args(["-TERM", &child.id().to_string()])
            .status()
            .unwrap();
        assert!(status.success());
        child.wait().unwrap().code()
    }
}

impl Drop for Serve {
    fn drop(&mut self) {
        self.kill();
    }
}

/// The PostgreSQL binaries `tests/setup` uses.
fn postgres_bin() -> PathBuf {
    let mut found: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .expect("PostgreSQL is not installed: run `bash tests/setup`")
        .flatten()
        .map(|e| e.path().join("bin"))
        .filter(|bin| bin.join("initdb").exists())
        .collect();
    found.sort_by_key(|p| {
        p.parent()
            .and_then(|v| v.file_name())
            .and_then(|v| v.to_str())
            .and_then(|v| v.parse::<u32>().ok())
    });
    found
        .pop()
        .expect("no PostgreSQL binaries: run `bash tests/setup`")
}

/// Runs a PostgreSQL binary, as the `postgres` user when the test runs as root (PostgreSQL refuses root).
fn pg(program: &str, args: &[&str]) -> std::process::Output {
    let bin = postgres_bin().join(program);
    let root = Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.stdout.starts_with(b"0"));
    let mut command = if root {
        let mut c = Command::new("runuser");
        c.args(["-u", "postgres", "--"]).arg(bin);
        c
    } else {
        Command::new(bin)
    };
    command.args(args).output().unwrap()
}

/// A fresh database on the shared server `tests/setup` starts (or `CVL_TEST_POSTGRES`).
fn shared_postgres(name: &str) -> String {
    let server = std::env::var("CVL_TEST_POSTGRES")
        .ok()
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "postgres://postgres@127.0.0.1:55432".to_string());
    let db = format!("cvl_load_{}_{name}", std::process::id());
    let host_port = server.rsplit('@').next().unwrap_or("127.0.0.1:55432");
    let (host, port) = host_port.split_once(':').unwrap_or((host_port, "5432"));
    let _ = pg(
        "dropdb",
        &["-h", host, "-p", port, "-U", "postgres", "--if-exists", &db],
    );
    let made = pg("createdb", &["-h", host, "-p", port, "-U", "postgres", &db]);
    assert!(made.status.success(), "{made:?}");
    format!("{server}/{db}")
}

/// A throwaway PostgreSQL cluster of one test's own, on a port of its own, to be stopped and started under the
/// service.
struct Cluster {
    dir: PathBuf,
    port: u16,
}

impl Cluster {
    fn new(dir: &Path) -> Cluster {
        let dir = dir.join("postgres");
        std::fs::create_dir_all(&dir).unwrap();
        let _ = Command::new("chown").arg("postgres").arg(&dir).status();
        let data = dir.join("data");
        let made = pg(
            "initdb",
            &[
                "-D",
                data.to_str().unwrap(),
                "-A",
                "trust",
                "-U",
                "postgres",
            ],
        );
        assert!(made.status.success(), "{made:?}");
        let cluster = Cluster {
            dir,
            port: free_port(),
        };
        cluster.start();
        cluster
    }

    fn url(&self) -> String {
        format!("postgres://postgres@127.0.0.1:{}/postgres", self.port)
    }

    fn start(&self) {
        let options = format!(
            "-p {} -k {} -c listen_addresses=127.0.0.1",
            self.port,
            self.dir.display()
        );
        let started = pg(
            "pg_ctl",
            &[
                "-D",
                self.dir.join("data").to_str().unwrap(),
                "-l",
                self.dir.join("server.log").to_str().unwrap(),
                "-w",
                "-o",
                &options,
                "start",
            ],
        );
        assert!(started.status.success(), "{started:?}");
    }

    /// Stops at once, as a crash would (`immediate`: no checkpoint, clients cut off).
    fn stop(&self) {
        let stopped = pg(
            "pg_ctl",
            &[
                "-D",
                self.dir.join("data").to_str().unwrap(),
                "-m",
                "immediate",
                "-w",
                "stop",
            ],
        );
        assert!(stopped.status.success(), "{stopped:?}");
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        let _ = pg(
            "pg_ctl",
            &[
                "-D",
                self.dir.join("data").to_str().unwrap(),
                "-m",
                "immediate",
                "stop",
            ],
        );
    }
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap()
}

/// A log of the test: its contract file (the reference contract, made distinct by a comment), its SHA-256, and
/// its head after the two signatures every log starts with.
struct Log {
    contract: PathBuf,
    sha256: String,
    head: (u64, [u8; 32]),
}

/// Registers `count` contracts and signs each (entries 1 and 2), through `url`.
fn logs(dir: &Path, url: &str, count: usize) -> Vec<Log> {
    let client = Client::new(url);
    let text = std::fs::read_to_string(root().join("examples/placement/placement.cvl")).unwrap();
    (0..count)
        .map(|n| {
            let text = format!("{text}\n// the load test's log {n}\n");
            let contract = dir.join(format!("contract-{n}.cvl"));
            std::fs::write(&contract, &text).unwrap();
            let registration = Registration {
                sha256: None,
                files: vec![FileText {
                    role: "contract".to_string(),
                    name: String::new(),
                    text,
                }],
            };
            let reply = client
                .register(&registration, &key_of("municipality"))
                .unwrap();
            assert_eq!(reply.status, 201, "{}", reply.body);
            let body: Value = serde_json::from_str(&reply.body).unwrap();
            let sha256 = body["sha256"].as_str().unwrap().to_string();
            let mut prev = cvl_log::parse_hex(&sha256).unwrap();
            for (seq, party) in [(1, "municipality"), (2, "ostervold")] {
                let entry = NewEntry {
                    id: format!("sig-{seq}"),
                    at: "2019-01-10".to_string(),
                    kind: "signed".to_string(),
                    actor: party.to_string(),
                    data: serde_json::json!({"contract": sha256, "sources": body["listing"]})
                        .as_object()
                        .unwrap()
                        .clone(),
                };
                let (line, next) = entry.sign(seq, &prev, &key_of(party)).unwrap();
                let reply = client.append(&sha256, &line, &key_of(party)).unwrap();
                assert_eq!(reply.status, 201, "{}", reply.body);
                prev = next;
            }
            Log {
                contract,
                sha256,
                head: (2, prev),
            }
        })
        .collect()
}

/// What the parties were told: each acknowledged entry (log, seq, line), and the last receipt of each log.
#[derive(Default)]
struct Told {
    acknowledged: Vec<(usize, u64, String)>,
    receipts: BTreeMap<usize, (u64, String)>,
    /// Answers that were neither 201 nor 409, by status (503 while a database is down, 0 for no answer).
    others: BTreeMap<u16, usize>,
}

/// `parties` threads, each appending `each` entries (a visit by the firm) to logs picked at random, through the
/// services at `urls` picked at random, rebasing on a 409 and trying again after no answer or a 503, until
/// `deadline`.
fn append_at_once(
    logs: &[Log],
    urls: &[String],
    parties: usize,
    each: usize,
    deadline: Duration,
) -> Told {
    let told = Arc::new(Mutex::new(Told::default()));
    let heads: Vec<(String, (u64, [u8; 32]))> =
        logs.iter().map(|l| (l.sha256.clone(), l.head)).collect();
    let started = Instant::now();
    let threads: Vec<_> = (0..parties)
        .map(|party| {
            let told = told.clone();
            let mut heads = heads.clone();
            let urls = urls.to_vec();
            std::thread::spawn(move || {
                let firm = key_of("firm");
                let clients: Vec<Client> = urls.iter().map(|u| Client::new(u)).collect();
                let mut random = Random::new(party as u64);
                let mut done = 0;
                let mut n = 0;
                while done < each && started.elapsed() < deadline {
                    let which = random.below(heads.len() as u64) as usize;
                    let (sha256, (seq, prev)) = &heads[which];
                    n += 1;
                    let entry = NewEntry {
                        id: format!("visit-{party}-{n}"),
                        at: "2019-02-01".to_string(),
                        kind: "visits".to_string(),
                        actor: "firm".to_string(),
                        data: serde_json::Map::new(),
                    };
                    let (line, next) = entry.sign(seq + 1, prev, &firm).unwrap();
                    let sha256 = sha256.clone();
                    // The same line until it is taken or refused as stale: an entry whose answer was lost may
                    // have been stored, and then it is its own conflict.
                    loop {
                        let client = &clients[random.below(clients.len() as u64) as usize];
                        let reply = client.append(&sha256, &line, &firm);
                        let status = reply.as_ref().map_or(0, |r| r.status);
                        match status {
                            201 => {
                                let body: Value =
                                    serde_json::from_str(&reply.unwrap().body).unwrap();
                                let receipt = body["checkpoint"].as_str().unwrap().to_string();
                                let mut told = told.lock().unwrap();
                                told.acknowledged.push((which, seq + 1, line.clone()));
                                let last = told.receipts.entry(which).or_default();
                                if last.0 < seq + 1 {
                                    *last = (seq + 1, receipt);
                                }
                                heads[which].1 = (seq + 1, next);
                                done += 1;
                                break;
                            }
                            409 => {
                                let body: Value =
                                    serde_json::from_str(&reply.unwrap().body).unwrap();
                                let entries = body["entries"].as_u64().unwrap();
                                let head =
                                    cvl_log::parse_hex(body["head"].as_str().unwrap()).unwrap();
                                heads[which].1 = (entries, head);
                                break;
                            }
                            0 | 503 => {
                                *told.lock().unwrap().others.entry(status).or_default() += 1;
                                if started.elapsed() >= deadline {
                                    break;
                                }
                                std::thread::sleep(Duration::from_millis(20));
                            }
                            _ => panic!("an append answered {reply:?}"),
                        }
                    }
                }
            })
        })
        .collect();
    for thread in threads {
        thread.join().unwrap();
    }
    Arc::try_unwrap(told).ok().unwrap().into_inner().unwrap()
}

/// Reads each log from `database` and checks it: every acknowledged entry there once at its seq, the latest
/// checkpoint of all the entries, and `cvl log verify` against the last receipt. The number of entries stored.
fn check_logs(dir: &Path, database: &str, logs: &[Log], told: &Told) -> usize {
    let runtime = runtime();
    let key = NoteKey::new("cvl-serve", SecretKey::from_seed(SERVICE_SEED).public()).unwrap();
    let stored: Vec<(Vec<String>, Option<String>)> = runtime.block_on(async {
        let store = cvl_serve::Store::open(database).await.unwrap();
        let mut stored = Vec::new();
        for log in logs {
            stored.push((
                store.lines(&log.sha256).await.unwrap(),
                store.checkpoint(&log.sha256).await.unwrap(),
            ));
        }
        store.close().await;
        stored
    });
    for (which, seq, line) in &told.acknowledged {
        let lines = &stored[*which].0;
        assert_eq!(
            lines.get(*seq as usize - 1),
            Some(line),
            "acknowledged entry {seq} of log {which} is not stored"
        );
    }
    let mut total = 0;
    for (which, (log, (lines, note))) in logs.iter().zip(&stored).enumerate() {
        let distinct: BTreeSet<&String> = lines.iter().collect();
        assert_eq!(distinct.len(), lines.len(), "an entry stored twice");
        let latest = checkpoint::verify(note.as_deref().unwrap(), &key).unwrap();
        assert_eq!(latest.size, lines.len() as u64);
        assert_eq!(latest.head, digest(lines.last().unwrap()));
        let file = dir.join(format!("log-{which}.jsonl"));
        std::fs::write(
            &file,
            lines.iter().map(|l| format!("{l}\n")).collect::<String>(),
        )
        .unwrap();
        let mut verify = Command::new(env!("CARGO_BIN_EXE_cvl"));
        verify
            .args(["log", "verify"])
            .arg(&file)
            .arg("--contract")
            .arg(&log.contract);
        if let Some((_, receipt)) = told.receipts.get(&which) {
            let kept = dir.join(format!("log-{which}.checkpoint"));
            std::fs::write(&kept, receipt).unwrap();
            verify
                .arg("--checkpoint")
                .arg(&kept)
                .args(["--server-key", &key.text()]);
        }
        let out = verify.output().unwrap();
        assert!(
            out.status.success(),
            "log {which}: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        total += lines.len();
    }
    total
}

fn databases(dir: &Path, name: &str) -> [String; 2] {
    [
        dir.join("logs.sqlite").to_str().unwrap().to_string(),
        shared_postgres(name),
    ]
}

#[test]
fn many_parties_append_at_once_to_many_logs_through_two_services_on_one_database() {
    let dir = scratch("many");
    for database in databases(&dir, "many") {
        let mut first = Serve::start(&dir, &database);
        let mut second = Serve::start(&dir, &database);
        let logs = logs(&dir, &first.url(), 6);
        let told = append_at_once(
            &logs,
            &[first.url(), second.url()],
            8,
            25,
            Duration::from_secs(60),
        );
        assert_eq!(told.acknowledged.len(), 8 * 25, "{:?}", told.others);
        assert!(told.others.is_empty(), "{:?}", told.others);
        assert_eq!(first.stop(), Some(0));
        assert_eq!(second.stop(), Some(0));
        let stored = check_logs(&dir, &database, &logs, &told);
        assert_eq!(stored, 6 * 2 + 8 * 25);
    }
}

#[test]
fn the_service_killed_at_random_moments_under_load_loses_no_acknowledged_entry() {
    let dir = scratch("kill");
    for database in databases(&dir, "kill") {
        let serve = Serve::start(&dir, &database);
        let logs = logs(&dir, &serve.url(), 4);
        let urls = [serve.url()];
        let stop = Arc::new(AtomicBool::new(false));
        let kills = Arc::new(AtomicU64::new(0));
        let (told, mut serve) = std::thread::scope(|scope| {
            let killer = scope.spawn(|| {
                let mut serve = serve;
                let mut random = Random::new(99);
                while !stop.load(Ordering::SeqCst) {
                    std::thread::sleep(Duration::from_millis(100 + random.below(400)));
                    if stop.load(Ordering::SeqCst) {
                        break;
                    }
                    serve.kill();
                    kills.fetch_add(1, Ordering::SeqCst);
                    serve.up();
                }
                serve
            });
            let told = append_at_once(&logs, &urls, 6, 30, Duration::from_secs(60));
            stop.store(true, Ordering::SeqCst);
            (told, killer.join().unwrap())
        });
        assert!(kills.load(Ordering::SeqCst) >= 1);
        assert_eq!(told.acknowledged.len(), 6 * 30, "{:?}", told.others);
        serve.kill();
        check_logs(&dir, &database, &logs, &told);
    }
}

#[test]
fn postgres_stopped_under_the_service_is_503_and_the_service_recovers() {
    let dir = scratch("restart");
    let cluster = Cluster::new(&dir);
    let database = cluster.url();
    let mut serve = Serve::start(&dir, &database);
    // Three logs under load, and a fourth that is not, so that the append below waits for no other.
    let logs = logs(&dir, &serve.url(), 4);
    let loaded = &logs[..3];
    let client = Client::new(&serve.url());
    let told = std::thread::scope(|scope| {
        let load =
            scope.spawn(|| append_at_once(loaded, &[serve.url()], 4, 40, Duration::from_secs(60)));
        std::thread::sleep(Duration::from_millis(300));
        cluster.stop();
        // While the database is down, the service says so, quickly, and stores nothing.
        let asked = Instant::now();
        let health = client.get("/healthz").unwrap();
        assert_eq!(health.status, 503, "{}", health.body);
        assert!(
            asked.elapsed() < Duration::from_secs(5),
            "{:?}",
            asked.elapsed()
        );
        let asked = Instant::now();
        // A whole, signed entry, so that it is the database that is missed, not the entry that is refused.
        let (seq, prev) = logs[3].head;
        let visit = NewEntry {
            id: "while-down".to_string(),
            at: "2019-02-01".to_string(),
            kind: "visits".to_string(),
            actor: "firm".to_string(),
            data: serde_json::Map::new(),
        };
        let (line, _) = visit.sign(seq + 1, &prev, &key_of("firm")).unwrap();
        let reply = client
            .append(&logs[3].sha256, &line, &key_of("firm"))
            .unwrap();
        assert_eq!(reply.status, 503, "{}", reply.body);
        assert!(
            asked.elapsed() < Duration::from_secs(5),
            "{:?}",
            asked.elapsed()
        );
        assert!(reply.body.contains("nothing was changed"), "{}", reply.body);
        std::thread::sleep(Duration::from_millis(500));
        cluster.start();
        load.join().unwrap()
    });
    assert_eq!(told.acknowledged.len(), 4 * 40, "{:?}", told.others);
    assert!(told.others.contains_key(&503), "{:?}", told.others);
    let health = client.get("/healthz").unwrap();
    assert_eq!((health.status, health.body.as_str()), (200, "ok\n"));
    assert_eq!(serve.stop(), Some(0));
    check_logs(&dir, &database, loaded, &told);
}
