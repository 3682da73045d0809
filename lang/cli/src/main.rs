//! The `cvl` binary: hands the process's arguments, stdout and stderr to [`cvl_cli::run_in`] and exits with its
//! code. Everything else lives in the library, where tests can reach it.

use std::io::Write;

fn main() {
    let terminal = cvl_cli::Terminal::detect();
    let stdout = std::io::stdout();
    let stderr = std::io::stderr();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut err = stderr.lock();
    let code = cvl_cli::run_in(terminal, std::env::args_os(), &mut out, &mut err);
    // Nothing useful can be done if the final flush fails (stdout closed); the exit code still tells.
    let _ = out.flush();
    std::process::exit(code);
}
