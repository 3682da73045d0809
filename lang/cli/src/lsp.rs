//! `cvl lsp`: the language server on standard input and output, for editors.
//!
//! The server is the `cvl-lsp` crate; this only hands it the library directories. Standard output carries the
//! protocol, so nothing else is written there.

use std::path::PathBuf;

/// Serves one editor until it exits, and returns the exit code: 0 after `shutdown` and `exit`, 1 otherwise.
pub(crate) fn run(libs: &[PathBuf]) -> i32 {
    cvl_lsp::run_stdio(libs.to_vec())
}
