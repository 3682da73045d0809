//! `cvl serve`: one HTTP service holding the signed logs of many contracts, so that parties who do not fully trust
//! each other append to, and read, one log (issue 14). This crate is the service and its client.
//!
//! - registered.rs: a contract registered by its files' texts, checked as `cvl check` checks it, and admitting an
//!   entry exactly as `cvl log verify` admits it after the stored ones (cvl-log's verifier, cvl-eval's fold);
//! - store.rs: SQLite or PostgreSQL through one code path (sqlx's `any` driver), the embedded migrations, and the
//!   append transaction that never puts two entries at one seq;
//! - api.rs: the HTTP routes (axum), their limits, statuses and words;
//! - auth.rs: signed requests (HTTP Message Signatures, RFC 9421), by which a party reads its log, and their nonces;
//! - read.rs: reading a log's checkpoint and entries, for its parties only;
//! - client.rs: what `cvl log push`, `cvl log pull` and `cvl log append --server` do against a service (ureq,
//!   blocking).
//!
//! The receipts are checkpoints in the transparency-log format, signed with the service's own key (cvl-log's
//! checkpoint.rs). The service holds no party's key: every entry it stores was signed by its actor.
//! [`start`] binds and serves until told to stop; [`run`] is `cvl serve`: it logs to stderr (tracing) and stops
//! gracefully on ctrl-c or SIGTERM, finishing the requests under way.

pub mod api;
pub mod auth;
pub mod client;
pub mod read;
pub mod registered;
pub mod store;

use std::net::SocketAddr;
use std::sync::Arc;

use cvl_log::SecretKey;
use cvl_log::checkpoint::NoteKey;

pub use store::Store;

/// How a service is started.
pub struct Config {
    /// A `sqlite:` or `postgres:` URL, or a path to an SQLite file.
    pub database: String,
    /// The address to listen on (`127.0.0.1:8080`; port 0 for any free port).
    pub listen: String,
    /// The service's own key, which signs its checkpoints.
    pub key: SecretKey,
    /// The service's name: its checkpoints' key name and the start of their origin.
    pub name: String,
}

/// The name a service has unless told another.
pub const DEFAULT_NAME: &str = "cvl-serve";

/// The most bytes of entry lines in one page of `GET /v1/logs/{sha256}/entries` (4 MiB), which the service pages
/// by as well as by count and the client reads by (client.rs's `MAX_BODY`): a page holds lines while they come to
/// at most this, and always one at least (a line is at most 1 MiB).
pub const MAX_PAGE_BYTES: usize = 4 << 20;

/// Why a service did not start, or stopped.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error("{0}")]
    Store(#[from] store::StoreError),
    #[error("cannot listen on `{0}`: {1}")]
    Listen(String, String),
    #[error(
        "the service name `{0}` cannot name its key: a key name is not empty and holds no space, control character or `+`"
    )]
    Name(String),
    #[error("the service stopped: {0}")]
    Stopped(String),
}

fn listen(address: &str, error: &std::io::Error) -> ServeError {
    ServeError::Listen(
        cvl_syntax::text::shown(address).into_owned(),
        cvl_check::loader::io_message(error),
    )
}

/// A service that is serving.
pub struct Running {
    /// Where it listens.
    pub addr: SocketAddr,
    /// Its verifier key, `NAME+ID+KEY`.
    pub verifier_key: String,
    stop: tokio::sync::oneshot::Sender<()>,
    task: tokio::task::JoinHandle<std::io::Result<()>>,
    store: Store,
}

impl Running {
    /// Stops taking requests, finishes those under way, and closes the database.
    pub async fn stop(self) -> Result<(), ServeError> {
        let _ = self.stop.send(());
        let served = self.task.await;
        self.store.close().await;
        match served {
            Ok(Ok(())) => Ok(()),
            Ok(Err(error)) => Err(ServeError::Stopped(error.to_string())),
            Err(error) => Err(ServeError::Stopped(error.to_string())),
        }
    }
}

/// Opens the database, binds the address and serves in the background, on the current tokio runtime (which must
/// be multi-threaded).
pub async fn start(config: Config) -> Result<Running, ServeError> {
    let note_key = NoteKey::new(&config.name, config.key.public())
        .map_err(|_| ServeError::Name(cvl_syntax::text::shown(&config.name).into_owned()))?;
    let store = Store::open(&config.database).await?;
    let listener = tokio::net::TcpListener::bind(&config.listen)
        .await
        .map_err(|e| listen(&config.listen, &e))?;
    let addr = listener
        .local_addr()
        .map_err(|e| listen(&config.listen, &e))?;
    let verifier_key = note_key.text();
    let service = Arc::new(api::Service::new(store.clone(), config.key, note_key));
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let app = api::router(service);
    let task = tokio::spawn(async move {
        axum::serve(listener, app)
            .with_graceful_shutdown(async {
                let _ = stopped.await;
            })
            .await
    });
    tracing::info!(%addr, key = %verifier_key, "serving");
    Ok(Running {
        addr,
        verifier_key,
        stop,
        task,
        store,
    })
}

/// `cvl serve`: serves until ctrl-c or SIGTERM, logging to stderr; `started` is told the address and verifier key
/// once it listens.
pub fn run(config: Config, started: impl FnOnce(&Running)) -> Result<(), ServeError> {
    let _ = tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_ansi(false)
        .with_target(false)
        .try_init();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| ServeError::Stopped(e.to_string()))?;
    runtime.block_on(async {
        let running = start(config).await?;
        started(&running);
        stop_signal().await;
        tracing::info!("stopping: finishing the requests under way");
        running.stop().await?;
        tracing::info!("stopped");
        Ok(())
    })
}

/// Waits for ctrl-c or, on Unix, SIGTERM.
async fn stop_signal() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {},
        () = terminate => {},
    }
}
