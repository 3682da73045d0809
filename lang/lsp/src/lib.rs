//! CVL's language server: `cvl lsp`.
//!
//! [`engine`] holds the open documents and answers every request as plain data, without I/O (formatting is
//! `cvl fmt`'s own code); [`server`] is the
//! transport on lsp-server (the handshake, the main loop, dispatch); [`convert`] maps byte offsets to the
//! protocol's UTF-16 positions and diagnostics to protocol diagnostics. [`hover`], [`complete`] and [`symbols`]
//! compute one kind of answer each from a document's analysis.

mod complete;
pub mod convert;
pub mod engine;
mod hover;
pub mod server;
mod symbols;

#[cfg(test)]
mod tests;

pub use engine::{Config, Engine};
pub use server::{Options, serve};

/// Runs the server on standard input and output until the client exits; returns the process's exit code.
pub fn run_stdio(libs: Vec<std::path::PathBuf>) -> i32 {
    let (connection, io_threads) = lsp_server::Connection::stdio();
    let options = Options {
        libs,
        stdlib_cache: server::default_stdlib_cache(),
    };
    let code = serve(&connection, &options);
    drop(connection);
    match io_threads.join() {
        Ok(()) => code,
        Err(error) => {
            eprintln!("error: {}", transport_error(&error));
            1
        }
    }
}

/// What went wrong with the connection to the editor, in words: lsp-server's own messages show Rust values.
fn transport_error(error: &std::io::Error) -> String {
    match error.kind() {
        std::io::ErrorKind::InvalidData | std::io::ErrorKind::InvalidInput => {
            "the editor sent a message that is not JSON-RPC".to_string()
        }
        std::io::ErrorKind::UnexpectedEof => {
            "the editor closed the connection in the middle of a message".to_string()
        }
        _ => format!(
            "the connection to the editor failed: {}",
            cvl_check::loader::io_message(error).to_lowercase()
        ),
    }
}
