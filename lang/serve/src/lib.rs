//! `cvl serve`: one HTTP service holding the signed logs of many contracts, so that parties who do not fully trust
//! each other append to, and read, one log (issue 14). This crate is the service and its client.
//!
//! - registered.rs: a contract registered by its files' texts, checked as `cvl check` checks it, and admitting an
//!   entry exactly as `cvl log verify` admits it after the stored ones (cvl-log's verifier, cvl-eval's fold);
//! - store.rs: SQLite or PostgreSQL through one code path (sqlx's `any` driver), the embedded migrations, and the
//!   append transaction that never puts two entries at one seq;
//! - api.rs: the HTTP routes (axum), their limits, statuses and words;
//! - auth.rs: signed requests (HTTP Message Signatures, RFC 9421), by which a party registers its contract, reads
//!   and appends to its log, and their nonces;
//! - read.rs: reading a log's checkpoint and entries, for its parties only, and who may (shared with appends);
//! - page.rs: a log's page for its parties, the decision as `cvl report` shows it, reached by a short-lived link a
//!   party asks for with a signed request (a browser signs nothing);
//! - kept.rs: what the process keeps between requests, bounded: the contracts checked and each log's appender;
//! - client.rs: what `cvl log push`, `cvl log pull` and `cvl log append --server` do against a service (ureq,
//!   blocking).
//!
//! The receipts are checkpoints in the transparency-log format, signed with the service's own key (cvl-log's
//! checkpoint.rs). The service holds no party's key: every entry it stores was signed by its actor.
//! [`start`] binds, then opens the database, and serves until told to stop: each connection's request headers must
//! come within [`HEADER_TIME`], and at most [`MAX_CONNECTIONS`] connections are open at once (the next waits to be
//! accepted); [`run`] is `cvl serve`: it logs to stderr (tracing) and stops
//! gracefully on ctrl-c or SIGTERM, finishing the requests under way.

pub mod api;
pub mod auth;
pub mod client;
pub mod kept;
pub mod page;
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
    /// The URL its clients reach it by (`https://logs.example` behind a TLS proxy), whose authority every signed
    /// request must be signed for; `None`: `http://` and the address it listens on.
    pub public_url: Option<String>,
}

/// How long a connection may take to send a request's header fields.
pub const HEADER_TIME: std::time::Duration = std::time::Duration::from_secs(10);

/// The most connections open at once.
pub const MAX_CONNECTIONS: usize = 1024;

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
    #[error("the public URL {0}")]
    PublicUrl(String),
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

/// Binds the address, opens the database and serves in the background, on the current tokio runtime (which must
/// be multi-threaded).
pub async fn start(config: Config) -> Result<Running, ServeError> {
    let note_key = NoteKey::new(&config.name, config.key.public())
        .map_err(|_| ServeError::Name(cvl_syntax::text::shown(&config.name).into_owned()))?;
    let public = config
        .public_url
        .as_deref()
        .map(auth::authority)
        .transpose()
        .map_err(ServeError::PublicUrl)?;
    let listener = tokio::net::TcpListener::bind(&config.listen)
        .await
        .map_err(|e| listen(&config.listen, &e))?;
    let addr = listener
        .local_addr()
        .map_err(|e| listen(&config.listen, &e))?;
    let store = Store::open(&config.database).await?;
    let authority = public.unwrap_or_else(|| addr.to_string());
    let verifier_key = note_key.text();
    let service = Arc::new(api::Service::new(
        store.clone(),
        config.key,
        note_key,
        authority,
    ));
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let app = api::router(service);
    let task = tokio::spawn(serve(listener, app, stopped));
    tracing::info!(%addr, key = %verifier_key, "serving");
    Ok(Running {
        addr,
        verifier_key,
        stop,
        task,
        store,
    })
}

/// Accepts connections until `stopped`, at most [`MAX_CONNECTIONS`] open at once, each with [`HEADER_TIME`] to send
/// a request's header fields; then finishes the requests under way.
async fn serve(
    listener: tokio::net::TcpListener,
    app: axum::Router,
    stopped: tokio::sync::oneshot::Receiver<()>,
) -> std::io::Result<()> {
    use hyper_util::rt::{TokioIo, TokioTimer};
    use hyper_util::service::TowerToHyperService;
    let open = Arc::new(tokio::sync::Semaphore::new(MAX_CONNECTIONS));
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    let mut stopped = std::pin::pin!(stopped);
    loop {
        let permit = tokio::select! {
            permit = open.clone().acquire_owned() => match permit {
                Ok(permit) => permit,
                Err(_) => break,
            },
            _ = &mut stopped => break,
        };
        let accepted = tokio::select! {
            accepted = listener.accept() => accepted,
            _ = &mut stopped => break,
        };
        let stream = match accepted {
            Ok((stream, _)) => stream,
            Err(error) => {
                // Out of file descriptors, or a connection reset before it was accepted: wait a little and go on.
                tracing::warn!(%error, "a connection was not accepted");
                tokio::time::sleep(std::time::Duration::from_millis(50)).await;
                continue;
            }
        };
        let connection = hyper::server::conn::http1::Builder::new()
            .timer(TokioTimer::new())
            .header_read_timeout(HEADER_TIME)
            .serve_connection(TokioIo::new(stream), TowerToHyperService::new(app.clone()));
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            let _ = connection.await;
            drop(permit);
        });
    }
    drop(listener);
    graceful.shutdown().await;
    Ok(())
}

/// Whether `addr` is reached only from this machine.
fn loopback(addr: &SocketAddr) -> bool {
    addr.ip().is_loopback()
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
        let plain = config.public_url.as_deref().is_none_or(|url| !url.starts_with("https://"));
        let running = start(config).await?;
        if !loopback(&running.addr) && plain {
            tracing::warn!(
                addr = %running.addr,
                "listening beyond the loopback interface over plain HTTP: put a TLS proxy in front, and give its URL \
                 as --public-url"
            );
        }
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
