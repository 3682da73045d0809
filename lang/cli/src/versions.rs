//! `--version FILE`: the amended texts of a contract that `cvl eval`, `cvl invoice check` and `cvl report` decide
//! with (spec 9.13). Each file (a directory means its `.cvl` files, in the order of their names) is read and checked
//! as a contract, as the contract itself is, and found by its SHA-256 (of its text and every file it imports, as a
//! `signed` event binds the contract's). A text that changes the parties, the case reference or the currency is refused.

use std::io::Write;
use std::path::PathBuf;

use crate::EXIT_PROBLEMS;
use crate::contract::{Loaded, load_in};

/// Reads and checks every amended text `paths` names, each once (by its SHA-256) and the contract's own not at all
/// (it is always known), refusing one that changes what
/// an amendment keeps; on a problem, says so on `err`, followed by `what` (as [`load`] does: "nothing was decided",
/// "nothing was verified", "nothing was appended"), and returns the exit code.
pub(crate) fn load_versions(
    paths: &[PathBuf],
    original: &Loaded,
    libs: &[PathBuf],
    color: bool,
    lang: Option<cvl_syntax::Lang>,
    what: &cvl_syntax::Text,
    err: &mut dyn Write,
) -> Result<Vec<Loaded>, i32> {
    let mut loaded: Vec<Loaded> = Vec::new();
    for path in crate::listing::files(paths, "cvl", err)? {
        let version = load_in(&path, libs, color, lang, what, err)?;
        if let Err(reason) = cvl_eval::check_kept(&original.contract, &version.contract) {
            let help = if reason.starts_with("it changes the start") {
                START
            } else {
                KEPT
            };
            let what = what.show(cvl_syntax::Lang::En);
            refuse(err, &version.name, &original.name, &reason, help, &what);
            return Err(EXIT_PROBLEMS);
        }
        if let Err(reason) = cvl_eval::currency_kept(&original.contract, &version.contract) {
            let what = what.show(cvl_syntax::Lang::En);
            refuse(err, &version.name, &original.name, &reason, CURRENCY, &what);
            return Err(EXIT_PROBLEMS);
        }
        // The contract's own text is always known (spec 9.13): given again (in a directory that holds it, say), it
        // is no amended text, and its lines keep citing the contract's path as given.
        if version.sha256 != original.sha256 && !loaded.iter().any(|l| l.sha256 == version.sha256) {
            loaded.push(version);
        }
    }
    Ok(loaded)
}

const START: &str =
    "an amendment keeps the start; a text that starts on another day makes a new contract";
const KEPT: &str = "an amendment keeps the parties and the case reference; other parties or another case make a new contract";
pub(crate) const CURRENCY: &str = "a contract pays in one currency (spec 2.6): write the amended text's amounts in the contract's currency, or make a new contract";

fn refuse(
    err: &mut dyn Write,
    version: &str,
    original: &str,
    reason: &str,
    help: &str,
    what: &str,
) {
    let shown = cvl_syntax::text::shown;
    let _ = writeln!(
        err,
        "error: `{}` is refused as a version of `{}`: {}",
        shown(version),
        shown(original),
        reason
    );
    let _ = writeln!(err, "help: {help}");
    let _ = writeln!(err, "{what}");
}

/// The texts to decide with: the contract's own and the amended ones.
pub(crate) fn given<'a>(original: &'a Loaded, amended: &'a [Loaded]) -> cvl_eval::Versions<'a> {
    cvl_eval::Versions {
        file: &original.name,
        sha256: original.sha256_hex(),
        amended: amended
            .iter()
            .map(|l| cvl_eval::Version {
                contract: &l.contract,
                file: &l.name,
                sha256: l.sha256_hex(),
            })
            .collect(),
    }
}
