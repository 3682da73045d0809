//! CVL's language server: `cvl lsp`.
//!
//! [`engine`] holds the open documents and answers every request as plain data, without I/O (formatting is
//! `cvl fmt`'s own code); [`server`] is the
//! server on lsp-server's connection (the handshake, the main loop, dispatch) and [`transport`] the bounded reader
//! of the byte stream that feeds it; [`convert`] maps byte offsets to the
//! protocol's UTF-16 positions and diagnostics to protocol diagnostics. [`hover`], [`complete`] and [`symbols`]
//! compute one kind of answer each from a document's analysis; [`dates`] the days a duration means, for hover.

mod complete;
pub mod convert;
mod dates;
pub mod engine;
mod hover;
mod scenario;
pub mod server;
mod summary;
mod symbols;
pub mod transport;
mod words;

#[cfg(test)]
mod tests;

pub use engine::{Config, Engine};
pub use server::{Options, serve};

use std::io::Write;

/// Runs the server on standard input and output until the client exits; returns the process's exit code.
pub fn run_stdio(libs: Vec<std::path::PathBuf>) -> i32 {
    let options = Options {
        libs,
        stdlib_cache: server::default_stdlib_cache(),
    };
    let (code, broken) = transport::serve_io(
        std::io::BufReader::new(std::io::stdin()),
        std::io::stdout(),
        &options,
    );
    match broken {
        Some(reason) => {
            // `eprintln!` would panic if standard error is closed; the exit code says it anyway.
            let _ = writeln!(std::io::stderr(), "error: {reason}");
            1
        }
        None => code,
    }
}
