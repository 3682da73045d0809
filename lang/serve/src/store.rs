//! The service's storage: one code path over SQLite (a file, the default; in write-ahead-log mode) and PostgreSQL,
//! through sqlx's `any` driver, which picks the database from the URL's scheme.
//!
//! The schema is in `migrations/` (embedded; [`MIGRATIONS`] applies each once, in order, in a transaction, and
//! records it in `schema_migrations`). Queries are written once for both databases: `$N` placeholders, `TEXT` and
//! `BIGINT` columns only. An append is one transaction: it reads what the caller has not verified of the log (the
//! lines after the head the caller knows, usually none; the whole log when the caller knows nothing or the head it
//! knows is not the stored one), lets the caller decide on them, and inserts the new entry at the next seq with its
//! checkpoint. The primary key
//! (contract, seq) makes a second writer that raced for the same seq fail with a unique violation, reported as
//! [`Appended::Conflict`]: never two entries at one seq. A database that is busy (SQLite's lock, PostgreSQL's
//! serialization failure) has the whole transaction tried again, a bounded number of times; one that does not
//! answer (no connection within [`ACQUIRE`]) fails the request at once, and the connections are made again once it
//! answers.

use std::time::Duration;

use sqlx::any::{AnyPoolOptions, AnyRow};
use sqlx::{AnyPool, Row};

use crate::registered::FileText;

/// The migrations, in order: a version and its statements.
pub const MIGRATIONS: &[(i64, &str)] = &[
    (1, include_str!("../migrations/0001_logs.sql")),
    (2, include_str!("../migrations/0002_nonces.sql")),
    (3, include_str!("../migrations/0003_page_links.sql")),
    (4, include_str!("../migrations/0004_page_links_by_key.sql")),
];

/// How often a busy transaction is tried.
const TRIES: u32 = 50;

/// How long a request waits for a connection to the database: for one of the pool's to be free, or for a new one
/// while the database does not answer. After it the request is answered 503 (nothing changed), not tried again, so
/// that a database that is down is reported within this time rather than waited for.
pub const ACQUIRE: Duration = Duration::from_secs(3);

/// A database error, in words for the operator's log; requests see only that storage failed.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("the database cannot be used: {0}")]
    Database(#[from] sqlx::Error),
    #[error("the database `{0}` cannot be opened: {1}")]
    Open(String, String),
    #[error("the database stays busy: {0}")]
    Busy(String),
    #[error("the stored log of `{0}` is damaged: {1}")]
    Damaged(String, String),
}

/// The database the logs are kept in.
#[derive(Clone, Debug)]
pub struct Store {
    pool: AnyPool,
    /// Whether the database is SQLite, whose writing transactions take the write lock when they begin.
    sqlite: bool,
    /// On SQLite, which has one writer at a time, this process's writers take turns here first, so that none
    /// waits in SQLite's busy handler (which sleeps in steps of up to 100 ms).
    writer: std::sync::Arc<tokio::sync::Mutex<()>>,
}

/// What the caller decided about the new entry, given the stored lines.
pub enum Decided<R, S = ()> {
    /// Insert `line` at `seq`, with its digest (hex) and the checkpoint of the log it ends; `kept` is handed back
    /// once the transaction has committed (the caller's state after the entry).
    Insert {
        seq: u64,
        line: String,
        digest: String,
        checkpoint: String,
        kept: S,
    },
    /// Insert nothing, for this reason.
    Refuse(R),
}

/// How an append ended.
pub enum Appended<R, S = ()> {
    /// Stored, and committed.
    Inserted {
        seq: u64,
        checkpoint: String,
        kept: S,
    },
    Refused(R),
    /// Another writer took the seq first.
    Conflict,
}

/// A URL for `database`: a `sqlite:` or `postgres:` URL as given, or a plain path as an SQLite file, created if
/// missing.
pub fn database_url(database: &str) -> String {
    if database.contains("://") || database.starts_with("sqlite:") {
        database.to_string()
    } else {
        format!("sqlite://{database}?mode=rwc")
    }
}

/// The database as the operator gave it, its password masked.
fn shown_database(database: &str) -> String {
    let masked = match (database.split_once("://"), database.rfind('@')) {
        (Some((scheme, rest)), Some(_)) => match rest.split_once('@') {
            Some((user, host)) => match user.split_once(':') {
                Some((name, _)) => format!("{scheme}://{name}:***@{host}"),
                None => database.to_string(),
            },
            None => database.to_string(),
        },
        _ => database.to_string(),
    };
    cvl_syntax::text::shown(&masked).into_owned()
}

/// Why a database cannot be opened, in words: the operating system's error when there is one (a connection
/// refused, a directory where a file should be), not the driver's.
fn open_words(error: &sqlx::Error) -> String {
    match error {
        sqlx::Error::Io(io) => cvl_check::loader::io_message(io),
        sqlx::Error::PoolTimedOut => "it did not answer in time".to_string(),
        sqlx::Error::Database(db) => {
            let message = db.message();
            if message.contains("unable to open database file") {
                "SQLite cannot open it as a file (a directory, a missing directory on the way, or no permission)"
                    .to_string()
            } else {
                message.to_string()
            }
        }
        other => other.to_string(),
    }
}

fn busy(error: &sqlx::Error) -> bool {
    match error {
        sqlx::Error::Database(db) => {
            let code = db.code().unwrap_or_default();
            // SQLite: BUSY, LOCKED, BUSY_SNAPSHOT; PostgreSQL: serialization failure, deadlock.
            matches!(code.as_ref(), "5" | "6" | "517" | "261" | "40001" | "40P01")
                || db.message().contains("database is locked")
        }
        _ => false,
    }
}

fn unique_violation(error: &sqlx::Error) -> bool {
    matches!(error, sqlx::Error::Database(db) if db.is_unique_violation())
}

fn to_i64(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

impl Store {
    /// Connects to `url` (through [`database_url`]) and applies the migrations not yet applied.
    pub async fn open(url: &str) -> Result<Store, StoreError> {
        sqlx::any::install_default_drivers();
        let given = url;
        let url = database_url(url);
        let open = |error: sqlx::Error| StoreError::Open(shown_database(given), open_words(&error));
        // One connection first, so that a database that cannot be reached says why at once (the pool would wait,
        // then say only that it timed out).
        {
            use sqlx::Connection as _;
            let first = tokio::time::timeout(
                ACQUIRE.saturating_mul(3),
                sqlx::AnyConnection::connect(&url),
            )
            .await
            .map_err(|_| {
                StoreError::Open(
                    shown_database(given),
                    format!(
                        "it did not answer within {} seconds",
                        ACQUIRE.saturating_mul(3).as_secs()
                    ),
                )
            })?
            .map_err(open)?;
            let _ = first.close().await;
        }
        let pool = AnyPoolOptions::new()
            .max_connections(8)
            .acquire_timeout(ACQUIRE)
            .connect(&url)
            .await
            .map_err(open)?;
        if url.starts_with("sqlite:") {
            // Write-ahead logging: a commit is one sync of the log (still durable: `synchronous` stays FULL), and
            // readers do not wait for a writer. The mode is kept in the file, for every connection after.
            sqlx::query("PRAGMA journal_mode = WAL")
                .fetch_optional(&pool)
                .await
                .map_err(open)?;
        }
        let store = Store {
            sqlite: url.starts_with("sqlite:"),
            writer: std::sync::Arc::default(),
            pool,
        };
        store.migrate().await?;
        Ok(store)
    }

    async fn migrate(&self) -> Result<(), StoreError> {
        sqlx::query("CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY)")
            .execute(&self.pool)
            .await?;
        for (version, sql) in MIGRATIONS {
            let mut tx = self.pool.begin().await?;
            let done = sqlx::query("SELECT version FROM schema_migrations WHERE version = $1")
                .bind(*version)
                .fetch_optional(&mut *tx)
                .await?;
            if done.is_some() {
                continue;
            }
            for statement in statements(sql) {
                sqlx::query(&statement).execute(&mut *tx).await?;
            }
            sqlx::query("INSERT INTO schema_migrations (version) VALUES ($1)")
                .bind(*version)
                .execute(&mut *tx)
                .await?;
            tx.commit().await?;
        }
        Ok(())
    }

    /// On SQLite, this process's turn to write ([`Store::writer`]), held until the transaction ends.
    async fn writing(&self) -> Option<tokio::sync::OwnedMutexGuard<()>> {
        if self.sqlite {
            Some(self.writer.clone().lock_owned().await)
        } else {
            None
        }
    }

    /// A transaction that will write: on SQLite it takes the write lock as it begins (`BEGIN IMMEDIATE`), so that
    /// a second writer (another process's) waits for the first (SQLite's busy timeout) instead of reading, then
    /// failing to write and being tried again.
    async fn begin_writing(&self) -> Result<sqlx::Transaction<'static, sqlx::Any>, sqlx::Error> {
        if self.sqlite {
            self.pool.begin_with("BEGIN IMMEDIATE").await
        } else {
            self.pool.begin().await
        }
    }

    /// Whether the database answers.
    pub async fn ping(&self) -> Result<(), StoreError> {
        sqlx::query("SELECT 1").fetch_one(&self.pool).await?;
        Ok(())
    }

    /// Closes every connection.
    pub async fn close(&self) {
        self.pool.close().await;
    }

    /// Whether contract `sha256` (hex) is registered.
    pub async fn is_registered(&self, sha256: &str) -> Result<bool, StoreError> {
        let known = sqlx::query("SELECT sha256 FROM contracts WHERE sha256 = $1")
            .bind(sha256)
            .fetch_optional(&self.pool)
            .await?;
        Ok(known.is_some())
    }

    /// The registered files of contract `sha256` (hex), if it is registered.
    pub async fn contract_files(&self, sha256: &str) -> Result<Option<Vec<FileText>>, StoreError> {
        let known = sqlx::query("SELECT sha256 FROM contracts WHERE sha256 = $1")
            .bind(sha256)
            .fetch_optional(&self.pool)
            .await?;
        if known.is_none() {
            return Ok(None);
        }
        let rows = sqlx::query(
            "SELECT role, name, text FROM contract_files WHERE contract = $1 ORDER BY position",
        )
        .bind(sha256)
        .fetch_all(&self.pool)
        .await?;
        let files = rows
            .iter()
            .map(|row: &AnyRow| {
                Ok(FileText {
                    role: row.try_get(0)?,
                    name: row.try_get(1)?,
                    text: row.try_get(2)?,
                })
            })
            .collect::<Result<Vec<_>, sqlx::Error>>()?;
        Ok(Some(files))
    }

    /// Registers a contract with its files and the checkpoint of its empty log, in one transaction; `false` when
    /// it was registered already (then nothing changes).
    pub async fn register(
        &self,
        sha256: &str,
        listing: &str,
        files: &[FileText],
        checkpoint: &str,
        now: &str,
    ) -> Result<bool, StoreError> {
        self.retry(|| async {
            let _writing = self.writing().await;
            let mut tx = self.begin_writing().await?;
            let known = sqlx::query("SELECT sha256 FROM contracts WHERE sha256 = $1")
                .bind(sha256)
                .fetch_optional(&mut *tx)
                .await?;
            if known.is_some() {
                return Ok(false);
            }
            let inserted = sqlx::query("INSERT INTO contracts (sha256, listing, registered_at) VALUES ($1, $2, $3)")
                .bind(sha256)
                .bind(listing)
                .bind(now)
                .execute(&mut *tx)
                .await;
            match inserted {
                Err(error) if unique_violation(&error) => return Ok(false),
                other => other?,
            };
            for (position, file) in files.iter().enumerate() {
                sqlx::query(
                    "INSERT INTO contract_files (contract, position, role, name, text) VALUES ($1, $2, $3, $4, $5)",
                )
                .bind(sha256)
                .bind(i64::try_from(position).unwrap_or(i64::MAX))
                .bind(file.role.as_str())
                .bind(file.name.as_str())
                .bind(file.text.as_str())
                .execute(&mut *tx)
                .await?;
            }
            sqlx::query("INSERT INTO checkpoints (contract, size, note) VALUES ($1, 0, $2)")
                .bind(sha256)
                .bind(checkpoint)
                .execute(&mut *tx)
                .await?;
            tx.commit().await?;
            Ok(true)
        })
        .await
    }

    /// The latest checkpoint of contract `sha256`'s log.
    pub async fn checkpoint(&self, sha256: &str) -> Result<Option<String>, StoreError> {
        let row = sqlx::query(
            "SELECT note FROM checkpoints WHERE contract = $1 ORDER BY size DESC LIMIT 1",
        )
        .bind(sha256)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.map(|row| row.try_get(0)).transpose()?)
    }

    /// The stored lines of contract `sha256`'s log, in order.
    pub async fn lines(&self, sha256: &str) -> Result<Vec<String>, StoreError> {
        let rows = sqlx::query("SELECT line FROM entries WHERE contract = $1 ORDER BY seq")
            .bind(sha256)
            .fetch_all(&self.pool)
            .await?;
        Ok(rows
            .iter()
            .map(|row| row.try_get(0))
            .collect::<Result<Vec<String>, _>>()?)
    }

    /// Where contract `sha256`'s stored log ends: its number of entries and the last one's digest (hex; empty for
    /// an empty log).
    pub async fn end(&self, sha256: &str) -> Result<(i64, String), StoreError> {
        let row = sqlx::query(
            "SELECT seq, digest FROM entries WHERE contract = $1 ORDER BY seq DESC LIMIT 1",
        )
        .bind(sha256)
        .fetch_optional(&self.pool)
        .await?;
        match row {
            Some(row) => Ok((row.try_get(0)?, row.try_get(1)?)),
            None => Ok((0, String::new())),
        }
    }

    /// The stored lines of contract `sha256`'s log up to entry `size`, in order, read a few hundred at a time:
    /// `None` as soon as they come to more than `max_bytes`, so that no more than that is ever held.
    pub async fn lines_within(
        &self,
        sha256: &str,
        size: i64,
        max_bytes: usize,
    ) -> Result<Option<Vec<String>>, StoreError> {
        const CHUNK: i64 = 256;
        let mut lines = Vec::new();
        let mut bytes = 0usize;
        let mut after = 0i64;
        while after < size {
            let rows = sqlx::query(
                "SELECT seq, line FROM entries WHERE contract = $1 AND seq > $2 AND seq <= $3 ORDER BY seq LIMIT $4",
            )
            .bind(sha256)
            .bind(after)
            .bind(size)
            .bind(CHUNK)
            .fetch_all(&self.pool)
            .await?;
            if rows.is_empty() {
                break;
            }
            for row in rows {
                after = row.try_get(0)?;
                let line: String = row.try_get(1)?;
                bytes = bytes.saturating_add(line.len() + 1);
                if bytes > max_bytes {
                    return Ok(None);
                }
                lines.push(line);
            }
        }
        Ok(Some(lines))
    }

    /// Appends to contract `sha256`'s log in one transaction. `known` is what the caller has verified of the log
    /// already, if anything: its number of entries and the last one's digest (hex). `decide` is given `after` and
    /// the stored lines after entry `after`: only the lines the caller lacks when the stored entry at `known`'s
    /// seq has `known`'s digest (the common case: none), else the whole log (`after` is 0); it says what to
    /// insert, at which seq. A unique violation on (contract, seq) is a conflict.
    pub async fn append<R, S>(
        &self,
        sha256: &str,
        known: Option<(u64, &str)>,
        decide: impl Fn(u64, &[String]) -> Decided<R, S>,
    ) -> Result<Appended<R, S>, StoreError> {
        self.retry(|| async {
            let _writing = self.writing().await;
            let mut tx = self.begin_writing().await?;
            // The entry at `known`'s seq gives its digest, every later one its line: one query, and none of the
            // log the caller has verified.
            let read = |from: u64| {
                sqlx::query(
                    "SELECT seq, CASE WHEN seq = $2 THEN digest ELSE line END FROM entries \
                     WHERE contract = $1 AND seq >= $2 ORDER BY seq",
                )
                .bind(sha256)
                .bind(to_i64(from))
            };
            let mut after = 0;
            let mut rows = Vec::new();
            if let Some((entries, digest)) = known.filter(|(entries, _)| *entries > 0) {
                rows = read(entries).fetch_all(&mut *tx).await?;
                let head = rows.first().map(|row| {
                    Ok::<_, sqlx::Error>((row.try_get::<i64, _>(0)?, row.try_get::<String, _>(1)?))
                });
                match head.transpose()? {
                    Some((seq, stored)) if seq == to_i64(entries) && stored == digest => {
                        after = entries;
                        rows.remove(0);
                    }
                    // The log is not the one verified (changed behind this process): all of it is read again.
                    _ => rows.clear(),
                }
            }
            if after == 0 {
                rows = read(0).fetch_all(&mut *tx).await?;
            }
            let mut lines = Vec::with_capacity(rows.len());
            for (at, row) in rows.iter().enumerate() {
                let seq: i64 = row.try_get(0)?;
                let expected = u64::try_from(at)
                    .ok()
                    .and_then(|at| at.checked_add(after + 1));
                if u64::try_from(seq).ok() != expected {
                    return Err(StoreError::Damaged(
                        sha256.to_string(),
                        format!(
                            "entry {seq} is stored where entry {} should be",
                            expected.unwrap_or(u64::MAX)
                        ),
                    ));
                }
                lines.push(row.try_get::<String, _>(1)?);
            }
            let (seq, line, digest, checkpoint, kept) =
                match tokio::task::block_in_place(|| decide(after, &lines)) {
                    Decided::Refuse(reason) => return Ok(Appended::Refused(reason)),
                    Decided::Insert {
                        seq,
                        line,
                        digest,
                        checkpoint,
                        kept,
                    } => (seq, line, digest, checkpoint, kept),
                };
            let inserted = sqlx::query(
                "INSERT INTO entries (contract, seq, line, digest) VALUES ($1, $2, $3, $4)",
            )
            .bind(sha256)
            .bind(to_i64(seq))
            .bind(line.as_str())
            .bind(digest.as_str())
            .execute(&mut *tx)
            .await;
            match inserted {
                Err(error) if unique_violation(&error) => return Ok(Appended::Conflict),
                other => other?,
            };
            sqlx::query("INSERT INTO checkpoints (contract, size, note) VALUES ($1, $2, $3)")
                .bind(sha256)
                .bind(to_i64(seq))
                .bind(checkpoint.as_str())
                .execute(&mut *tx)
                .await?;
            match tx.commit().await {
                Err(error) if unique_violation(&error) => return Ok(Appended::Conflict),
                other => other?,
            };
            Ok(Appended::Inserted {
                seq,
                checkpoint,
                kept,
            })
        })
        .await
    }

    /// The connections, for the queries of other modules (auth.rs's nonces, read.rs's reads).
    pub(crate) fn pool(&self) -> &AnyPool {
        &self.pool
    }

    /// Runs `attempt` until it is not stopped by a busy database, at most [`TRIES`] times.
    pub(crate) async fn retry<T, F, Fut>(&self, attempt: F) -> Result<T, StoreError>
    where
        F: Fn() -> Fut,
        Fut: Future<Output = Result<T, StoreError>>,
    {
        let mut last = String::new();
        for tried in 0..TRIES {
            match attempt().await {
                Err(StoreError::Database(error)) if busy(&error) => {
                    last = error.to_string();
                    tokio::time::sleep(Duration::from_millis(5 * u64::from(tried.min(20) + 1)))
                        .await;
                }
                other => return other,
            }
        }
        Err(StoreError::Busy(last))
    }
}

/// The statements of a migration: separated by a line that ends in `;`; comment lines dropped.
fn statements(sql: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    for line in sql.lines() {
        if line.trim_start().starts_with("--") {
            continue;
        }
        current.push_str(line);
        current.push('\n');
        if line.trim_end().ends_with(';') {
            out.push(current.trim().trim_end_matches(';').to_string());
            current.clear();
        }
    }
    if !current.trim().is_empty() {
        out.push(current.trim().to_string());
    }
    out
}
