//! The `cvl` binary: hands the process's arguments, stdout and stderr to [`cvl_cli::run_in`] and exits with its
//! code. Everything else lives in the library, where tests can reach it.

use std::io::Write;

fn main() {
    let terminal = cvl_cli::Terminal::detect();
    // The streams are not locked for the whole run: `cvl lsp` writes the protocol to stdout from a thread of its own.
    let mut out = std::io::BufWriter::new(std::io::stdout());
    let mut err = std::io::stderr();
    let code = cvl_cli::run_in(terminal, std::env::args_os(), &mut out, &mut err);
    // `run_in` has flushed and reported a failure already; this only drops the buffer.
    let _ = out.flush();
    std::process::exit(code);
}
