//! `cvl serve` and `cvl log push`: the arguments and the printing; the service and its client are cvl-serve.
//!
//! - `serve [--database URL] [--listen ADDR] [--public-url URL] [--name NAME] --key FILE` runs the log service
//!   until ctrl-c or SIGTERM, its checkpoints signed with the key in FILE (`cvl key gen`'s format).
//! - `log push LOG --server URL --contract CONTRACT --key KEY [--server-key KEY]` registers the contract with the service
//!   (if it is not yet) and sends the entries of LOG the service lacks, then prints the service's receipt and
//!   keeps it in `LOG.checkpoint` beside the log, for `cvl log verify --checkpoint`.

use std::io::{BufReader, Write};
use std::path::{Path, PathBuf};

use cvl_log::{Role, SecretKey};
use cvl_serve::registered::{FileText, Registration};

use crate::check::{Kind, display_name, io_message, read_file};
use crate::contract::{Loaded, load_in};
use crate::{ContractArgs, EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE};

#[derive(Debug, clap::Args)]
pub(crate) struct ServeArgs {
    /// Where the logs are kept: an SQLite file, or a `sqlite:` or `postgres://` URL
    #[arg(long, value_name = "URL", default_value = "cvl-serve.sqlite")]
    database: String,
    /// The address to listen on
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:8080")]
    listen: String,
    /// The service's own secret key (`cvl key gen`), which signs its checkpoints
    #[arg(long, value_name = "FILE")]
    key: PathBuf,
    /// The service's name, in its checkpoints and its verifier key
    #[arg(long, value_name = "NAME", default_value = cvl_serve::DEFAULT_NAME)]
    name: String,
    /// The URL clients reach the service by (a TLS proxy's, such as https://logs.example), which signed requests
    /// are signed for [default: http:// and the listen address]
    #[arg(long = "public-url", value_name = "URL")]
    public_url: Option<String>,
}

#[derive(Debug, clap::Args)]
pub(crate) struct PushArgs {
    /// The log file to push
    #[arg(value_name = "LOG")]
    log: PathBuf,
    /// The service's address, such as http://127.0.0.1:8080
    #[arg(long, value_name = "URL")]
    server: String,
    /// The contract the log is bound to
    #[arg(long, value_name = "CONTRACT")]
    contract: PathBuf,
    /// The secret key of a party of the contract, which signs the requests to the service
    #[arg(long, value_name = "KEY")]
    key: PathBuf,
    /// The service's verifier key (`NAME+ID+KEY`, as `cvl serve` prints it), to verify its checkpoints
    #[arg(long = "server-key", value_name = "KEY")]
    server_key: Option<String>,
    #[command(flatten)]
    common: ContractArgs,
}

impl PushArgs {
    pub(crate) fn color(&self) -> crate::ColorChoice {
        self.common.color
    }
}

/// Reads a secret key file as `cvl log append` does.
pub(crate) fn secret_key(path: &Path, err: &mut dyn Write) -> Result<SecretKey, i32> {
    let name = display_name(path);
    let bytes = read_file(path, Kind::Key).map_err(|error| {
        let _ = writeln!(err, "error: cannot read `{name}`: {error}");
        EXIT_USAGE
    })?;
    SecretKey::parse(&String::from_utf8_lossy(&bytes)).map_err(|reason| {
        let _ = writeln!(err, "error: `{name}` is not a secret key: it {reason}");
        EXIT_USAGE
    })
}

pub(crate) fn serve(args: ServeArgs, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let key = match secret_key(&args.key, err) {
        Ok(key) => key,
        Err(code) => return code,
    };
    let config = cvl_serve::Config {
        database: args.database,
        listen: args.listen,
        key,
        name: args.name,
        public_url: args.public_url,
    };
    let served = cvl_serve::run(config, |running| {
        let _ = writeln!(
            out,
            "serving on http://{}; checkpoints are signed by `{}`",
            running.addr, running.verifier_key
        );
        let _ = out.flush();
    });
    match served {
        Ok(()) => EXIT_OK,
        Err(error) => {
            let _ = writeln!(err, "error: {error}");
            EXIT_USAGE
        }
    }
}

/// The registration of a loaded contract: each file it is made of, with its text.
fn registration(loaded: &Loaded) -> Registration {
    let files = loaded
        .files
        .iter()
        .filter_map(|file| {
            let text = loaded
                .sources
                .iter()
                .find(|(_, source)| source.name == file.shown)
                .map(|(_, source)| source.text.clone())?;
            let role = match file.role {
                Role::Contract => "contract",
                Role::Module => "module",
                Role::File => "file",
            };
            Some(FileText {
                role: role.to_string(),
                name: file.name.clone(),
                text,
            })
        })
        .collect();
    Registration {
        sha256: Some(loaded.sha256_hex().to_string()),
        files,
    }
}

/// The lines of the log at `path`, each read as every reader of a log reads it (at most 1 MiB).
fn log_lines(path: &Path, err: &mut dyn Write) -> Result<Vec<String>, i32> {
    let name = display_name(path);
    let file = std::fs::File::open(path).map_err(|error| {
        let _ = writeln!(err, "error: cannot read `{name}`: {}", io_message(&error));
        EXIT_USAGE
    })?;
    let mut input = BufReader::new(file);
    let mut buffer = Vec::new();
    let mut lines = Vec::new();
    loop {
        match cvl_log::verify::next_line(&mut input, &mut buffer) {
            Ok(None) => return Ok(lines),
            Ok(Some(text)) => lines.push(text.to_string()),
            Err((_, reason)) => {
                let _ = writeln!(err, "error: `{name}` line {}: {reason}", lines.len() + 1);
                return Err(EXIT_PROBLEMS);
            }
        }
    }
}

/// Where the receipt for the log at `log` is kept: `LOG.checkpoint`, beside it.
pub(crate) fn receipt_path(log: &Path) -> PathBuf {
    let mut path = log.as_os_str().to_os_string();
    path.push(".checkpoint");
    PathBuf::from(path)
}

/// Writes the receipt beside the log, whole or not at all and never in place of a non-file (whole.rs), so that
/// `cvl log verify --checkpoint LOG.checkpoint` can later refuse a copy of the log that does not extend it.
fn keep_receipt(
    log: &Path,
    receipt: &str,
    verify: &str,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> i32 {
    let path = receipt_path(log);
    let name = display_name(&path);
    match crate::whole::write(&path, receipt.as_bytes()) {
        Ok(()) => {
            let _ = writeln!(
                out,
                "the receipt is kept in `{name}`: `{verify}` refuses a copy of the log that does not extend it"
            );
            EXIT_OK
        }
        Err(error) => {
            let _ = writeln!(
                err,
                "error: the receipt was not kept in `{name}`: {}",
                io_message(&error)
            );
            let _ = writeln!(
                err,
                "help: the entries were pushed; keep the receipt above by hand, or push again once `{name}` can be \
                 written"
            );
            EXIT_USAGE
        }
    }
}

pub(crate) fn push(args: PushArgs, color: bool, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let key = match args
        .server_key
        .as_deref()
        .map(|key| crate::log::checkpoint::server_key(key, err))
        .transpose()
    {
        Ok(key) => key,
        Err(code) => return code,
    };
    let loaded = match load_in(
        &args.contract,
        &args.common.libs,
        color,
        None,
        &cvl_syntax::text!("cli-nothing-pushed"),
        err,
    ) {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    let reader = match crate::log::pull::keys(&args.key, None, &loaded, err) {
        Ok((reader, _, _)) => reader,
        Err(code) => return code,
    };
    let lines = match log_lines(&args.log, err) {
        Ok(lines) => lines,
        Err(code) => return code,
    };
    let client = cvl_serve::client::Client::new(&args.server);
    let log_name = display_name(&args.log);
    match cvl_serve::client::push(
        &client,
        &registration(&loaded),
        loaded.sha256_hex(),
        &lines,
        key.as_ref(),
        &reader,
    ) {
        Ok(pushed) => {
            let _ = writeln!(
                out,
                "pushed {} of the {} entries of `{log_name}` to {}; it holds {} now, head sha256:{}{}",
                pushed.sent,
                lines.len(),
                args.server,
                pushed.read.size,
                cvl_log::hex(&pushed.read.head),
                if key.is_some() {
                    ""
                } else {
                    " (the receipt is not verified: give `--server-key`)"
                }
            );
            let _ = write!(out, "receipt:\n{}", pushed.checkpoint);
            let verify = format!(
                "cvl log verify {log_name} --contract {} --checkpoint {} --server-key {}",
                display_name(&args.contract),
                display_name(&receipt_path(&args.log)),
                args.server_key.as_deref().unwrap_or("KEY")
            );
            keep_receipt(&args.log, &pushed.checkpoint, &verify, out, err)
        }
        Err(reason) => {
            let _ = writeln!(err, "error: {reason}");
            if !reason.contains("\nhelp: ") {
                let _ = writeln!(
                    err,
                    "help: `{log_name}` was not pushed whole: the service keeps what it stored before this, and a \
                     push again sends only what it lacks"
                );
            }
            EXIT_PROBLEMS
        }
    }
}
