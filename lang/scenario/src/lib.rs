//! CVL's scenario tests (spec section 15): files a negotiator writes beside a contract, `NAME.scenario`, that state
//! a situation in events and what must follow from it ("given these events, as of 2019-12-31, Østervold's October
//! is 0.00 and November 180,000.00; the status report due 2019-10-15 is missed"), in English or in Danish.
//!
//! [`parse`] reads a file (words.rs holds the words of both languages, lex.rs the tokens, parse.rs the lines,
//! amount.rs the amounts in each language's notation); [`names`] checks its names against the contract; [`run`]
//! decides each scenario's events with the evaluator and sets each expectation against the decision; [`report`]
//! renders the outcome as text, GitHub annotations or JSON. `cvl test` ([`test_paths`]) and the language server
//! ([`check_text`]) are the two callers; neither adds rules of its own.

pub mod amount;
pub mod ast;
pub mod diag;
mod lex;
pub mod load;
pub mod names;
pub mod parse;
pub mod report;
pub mod run;
pub mod words;

#[cfg(test)]
mod tests;

use std::path::{Path, PathBuf};

pub use diag::{Code, Diag};
pub use parse::{Parsed, parse};
pub use run::Outcome;
pub use words::Lang;

/// The extension of a scenario file: `placement.scenario`. Not `.cvl`, which `cvl check DIR`, `--version DIR` and
/// the portfolio read as contracts.
pub const EXTENSION: &str = "scenario";

/// What testing one scenario file came to.
#[derive(Debug)]
pub struct FileReport {
    /// The file's name as messages show it.
    pub name: String,
    pub text: String,
    pub lang: Option<Lang>,
    /// The language its results and problems are shown in (the file's, English when it has none).
    pub shown_in: cvl_messages::Lang,
    /// The contract's file as the scenario file names it.
    pub contract: Option<String>,
    /// Its problems: a file that has one is not run.
    pub diags: Vec<Diag>,
    /// Why the file itself could not be read, if it could not.
    pub unreadable: Option<String>,
    pub outcomes: Vec<Outcome>,
}

impl FileReport {
    /// Whether the file could not be run: unreadable, or with a problem in its text or names.
    pub fn broken(&self) -> bool {
        self.unreadable.is_some() || !self.diags.is_empty()
    }
}

/// The problems of a scenario file's text, whose path is `path` (the contract is named relative to its directory):
/// its syntax, then, when the contract can be read and checked, its names against the contract.
pub fn check_text(path: &Path, text: &str, libs: &[PathBuf]) -> Vec<Diag> {
    let (diags, _, _) = analyse(path, text, libs);
    diags
}

/// The diagnostics of a file, its parse, and the contract when it could be loaded.
fn analyse(
    path: &Path,
    text: &str,
    libs: &[PathBuf],
) -> (Vec<Diag>, Option<ast::File>, Option<load::Loaded>) {
    let Parsed {
        file, mut diags, ..
    } = parse(text);
    let Some(file) = file else {
        return (diags, None, None);
    };
    let dir = path.parent().unwrap_or(Path::new(""));
    match load::contract(&dir.join(&file.contract.text), libs) {
        Ok(loaded) => {
            diags.extend(names::check(&file, &loaded));
            diags.sort_by_key(|d| (d.span.start, d.span.end));
            (diags, Some(file), Some(loaded))
        }
        Err(reason) => {
            diags.push(
                Diag::new(
                    Code::S0012,
                    file.contract.span.clone(),
                    cvl_messages::text!("scenario-cannot-use", reason = reason),
                )
                .help(cvl_messages::text!("scenario-cannot-use-help")),
            );
            diags.sort_by_key(|d| (d.span.start, d.span.end));
            (diags, Some(file), None)
        }
    }
}

/// Tests one scenario file: reads it, checks it and, when it has no problem, runs each of its scenarios.
pub fn test_file(path: &Path, libs: &[PathBuf]) -> FileReport {
    let name = cvl_check::loader::display_name(path);
    let text = match load::read_text(path) {
        Ok(text) => text,
        Err(reason) => {
            return FileReport {
                name,
                text: String::new(),
                lang: None,
                shown_in: cvl_messages::Lang::En,
                contract: None,
                diags: Vec::new(),
                unreadable: Some(reason),
                outcomes: Vec::new(),
            };
        }
    };
    let (diags, file, loaded) = analyse(path, &text, libs);
    // The language its results and problems are shown in: the file's, from its first word, even when it names
    // no contract.
    let shown_in = file
        .as_ref()
        .map(|f| f.lang)
        .or_else(|| parse(&text).lang)
        .map_or(cvl_messages::Lang::En, Lang::messages);
    let mut outcomes = Vec::new();
    if diags.is_empty()
        && let (Some(file), Some(loaded)) = (&file, &loaded)
    {
        let dir = path.parent().unwrap_or(Path::new(""));
        outcomes = file
            .scenarios
            .iter()
            .map(|s| run::run(s, file.lang, dir, loaded))
            .collect();
    }
    FileReport {
        name,
        lang: file.as_ref().map(|f| f.lang),
        shown_in,
        contract: file.as_ref().map(|f| f.contract.text.clone()),
        text,
        diags,
        unreadable: None,
        outcomes,
    }
}

/// The scenario files `paths` name: a file as it is, and every `*.scenario` file under a directory, in order of
/// their paths. Links to directories are not followed. The words of the first path that cannot be read, if one
/// cannot.
pub fn files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let mut found = Vec::new();
    for path in paths {
        let meta = std::fs::metadata(path).map_err(|e| {
            format!(
                "cannot read `{}`: {}",
                cvl_check::loader::display_name(path),
                cvl_check::loader::io_message(&e)
            )
        })?;
        if meta.is_dir() {
            walk(path, &mut found)?;
        } else {
            found.push(path.clone());
        }
    }
    Ok(found)
}

fn walk(dir: &Path, found: &mut Vec<PathBuf>) -> Result<(), String> {
    let cannot = |e: std::io::Error| {
        format!(
            "cannot read `{}`: {}",
            cvl_check::loader::display_name(dir),
            cvl_check::loader::io_message(&e)
        )
    };
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(cannot)?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()
        .map_err(cannot)?;
    entries.sort();
    for path in entries {
        let Ok(meta) = std::fs::symlink_metadata(&path) else {
            continue;
        };
        if meta.is_dir() {
            walk(&path, found)?;
        } else if path.extension().is_some_and(|e| e == EXTENSION) {
            found.push(path);
        }
    }
    Ok(())
}

/// Tests every scenario file under `paths`.
pub fn test_paths(paths: &[PathBuf], libs: &[PathBuf]) -> Result<Vec<FileReport>, String> {
    Ok(files(paths)?.iter().map(|p| test_file(p, libs)).collect())
}

/// The exit code of a run (spec 15.4): 2 when a file could not be run, else 1 when a scenario fails, else 0.
pub fn exit_code(reports: &[FileReport]) -> i32 {
    if reports.iter().any(FileReport::broken) {
        2
    } else if reports
        .iter()
        .any(|r| r.outcomes.iter().any(|o| !o.holds()))
    {
        1
    } else {
        0
    }
}
