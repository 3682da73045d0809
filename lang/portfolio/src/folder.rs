//! One case folder of a portfolio (spec 14.1): which of its files is the signed log, which `.cvl` file is the
//! contract (the one whose SHA-256 the log's first entry names as its `prev`) and which are amended texts, each read
//! and checked as `cvl eval` reads a contract and `--version DIR` its amended texts. A folder that does not fit is
//! answered with the reason, in the words the tool uses for the same refusal elsewhere.

use std::fs;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use cvl_check::loader::{FsLoader, io_message};
use cvl_check::model::Contract;
use cvl_check::read::{Kind, read_file};
use cvl_log::{Digest, SourceFile};
use cvl_syntax::{Diagnostic, Source, Sources, parse_source};

/// The signed log's file name in a case folder.
pub const LOG_FILE: &str = "log.jsonl";

/// A contract file that checks without errors.
pub struct Loaded {
    /// The file's name as the output shows it: its path from the portfolio's directory.
    pub name: String,
    pub sha256: Digest,
    pub sha256_hex: String,
    pub files: Vec<SourceFile>,
    pub contract: Contract,
}

/// A case folder's files, read and checked: the contract, its amended texts and the log's path.
pub struct Folder {
    pub contract: Loaded,
    pub amended: Vec<Loaded>,
    pub log: PathBuf,
    /// The log's name as the output shows it.
    pub log_name: String,
}

/// Reads the case folder `path`, shown as `shown` (its name in the portfolio's directory).
pub fn read(path: &Path, shown: &str, libs: &[PathBuf]) -> Result<Folder, String> {
    let log = path.join(LOG_FILE);
    let log_name = format!("{shown}/{LOG_FILE}");
    if fs::symlink_metadata(&log).is_err() {
        return Err(format!(
            "no signed log: the folder holds no `{LOG_FILE}` file"
        ));
    }
    if let Some(what) = not_a_file(&log) {
        return Err(format!(
            "no signed log: `{log_name}` is not a regular file ({what})"
        ));
    }
    let texts = cvl_files(path, shown)?;
    let mut loaded = Vec::new();
    for (file, name) in &texts {
        // A file with no contract in it is a module the contract may import: neither the contract nor a version.
        loaded.extend(load(file, name, libs)?);
    }
    if loaded.is_empty() {
        return Err("no contract: no `.cvl` file in the folder holds a contract".to_string());
    }
    let named = first_prev(&log, &log_name)?;
    let index = match named {
        None if loaded.len() == 1 => 0,
        None => {
            return Err(format!(
                "no contract: `{log_name}` is empty, so nothing says which of the {} `.cvl` files is the contract",
                loaded.len()
            ));
        }
        Some(prev) => {
            let matching: Vec<usize> = (0..loaded.len())
                .filter(|&i| loaded.get(i).is_some_and(|l| l.sha256_hex == prev))
                .collect();
            match matching.as_slice() {
                [one] => *one,
                // One text only: the verifier says which file differs from what the log was signed for.
                [] if loaded.len() == 1 => 0,
                [] => {
                    return Err(format!(
                        "no contract: none of the {} `.cvl` files has the SHA-256 `{prev}` that `{log_name}` begins from",
                        loaded.len()
                    ));
                }
                [first, second, ..] => {
                    let name =
                        |i: &usize| loaded.get(*i).map(|l| l.name.clone()).unwrap_or_default();
                    return Err(format!(
                        "two candidates: `{}` and `{}` both have the SHA-256 `{prev}` that `{log_name}` begins from",
                        name(first),
                        name(second)
                    ));
                }
            }
        }
    };
    let contract = loaded.remove(index);
    let mut amended: Vec<Loaded> = Vec::new();
    for version in loaded {
        if let Err(reason) = cvl_eval::check_kept(&contract.contract, &version.contract)
            .and_then(|()| cvl_eval::currency_kept(&contract.contract, &version.contract))
        {
            return Err(format!(
                "`{}` is refused as a version of `{}`: {reason}",
                version.name, contract.name
            ));
        }
        if version.sha256 != contract.sha256 && !amended.iter().any(|l| l.sha256 == version.sha256)
        {
            amended.push(version);
        }
    }
    Ok(Folder {
        contract,
        amended,
        log,
        log_name,
    })
}

/// The folder's `.cvl` files (the extension in any case), in the order of their names, each with its shown name.
fn cvl_files(path: &Path, shown: &str) -> Result<Vec<(PathBuf, String)>, String> {
    let entries = fs::read_dir(path)
        .map_err(|e| format!("cannot read the directory `{shown}`: {}", io_message(&e)))?;
    let mut files = Vec::new();
    for entry in entries {
        let entry = entry
            .map_err(|e| format!("an entry of `{shown}` cannot be read: {}", io_message(&e)))?;
        let file = entry.path();
        let wanted = file
            .extension()
            .is_some_and(|x| x.eq_ignore_ascii_case("cvl"));
        if wanted {
            let name = format!("{shown}/{}", crate::shown_name(&entry.file_name()));
            if let Some(what) = not_a_file(&file) {
                return Err(format!(
                    "`{name}` is not a regular file ({what}), and every `.cvl` file of a case folder is read as a \
                     contract or a module"
                ));
            }
            files.push((file, name));
        }
    }
    files.sort();
    Ok(files)
}

/// What `path` is when it is not a regular file (nor a link to one): a folder, a named pipe, a link that leads
/// nowhere; `None` for a regular file.
fn not_a_file(path: &Path) -> Option<String> {
    if fs::metadata(path).is_ok_and(|m| m.is_dir()) {
        return Some("it is a folder".to_string());
    }
    crate::odd_entry(path)
}

/// The `prev` of the log's first entry: the SHA-256 of the contract it was begun for (spec 10.2); `None` when the
/// log is empty. A first line that names none is left to the verifier, which refuses it in its own words.
fn first_prev(log: &Path, log_name: &str) -> Result<Option<String>, String> {
    let file =
        fs::File::open(log).map_err(|e| format!("cannot read `{log_name}`: {}", io_message(&e)))?;
    let mut line = Vec::new();
    // A first line is at most 1 MiB (spec 10.2); reading a little past it is enough to tell.
    let mut reader = BufReader::new(file).take(1 << 21);
    reader
        .read_until(b'\n', &mut line)
        .map_err(|e| format!("cannot read `{log_name}`: {}", io_message(&e)))?;
    if line.is_empty() {
        return Ok(None);
    }
    let prev = serde_json::from_slice::<serde_json::Value>(&line)
        .ok()
        .and_then(|v| v.get("prev").and_then(|p| p.as_str()).map(str::to_string));
    Ok(Some(prev.unwrap_or_default()))
}

/// Reads and checks the contract file `path`, as `cvl eval` does; `None` when it holds no contract (a module); the
/// reason it cannot be used otherwise.
pub fn load(path: &Path, name: &str, libs: &[PathBuf]) -> Result<Option<Loaded>, String> {
    let bytes = read_file(path, Kind::Source).map_err(|e| format!("cannot read `{name}`: {e}"))?;
    let mut sources = Sources::new();
    let file = sources.add(Source::from_bytes(name.to_string(), bytes).with_path(path));
    let mut loader = FsLoader::new(libs.to_vec());
    loader.register(path, file);
    let Some(source) = sources.get(file) else {
        return Err(format!("cannot read `{name}`"));
    };
    let parsed = parse_source(file, source);
    let mut problems = parsed.problems;
    let mut contracts = Vec::new();
    if !problems.has_errors() {
        let checked = cvl_check::check(&mut sources, file, &parsed.file, &mut loader);
        problems.merge(checked.problems);
        contracts = checked.contracts;
    }
    if problems.has_errors() {
        let diagnostics: Vec<Diagnostic> = problems.into_sorted();
        let first = diagnostics.iter().find(|d| d.is_error());
        let at = first
            .map(|d| {
                let place = sources
                    .get(d.span.file)
                    .map(|s| {
                        let lc = s.line_col(d.span.start);
                        format!("{}:{}:{}", s.name, lc.line, lc.column)
                    })
                    .unwrap_or_default();
                format!(" (first: {} at {place}: {})", d.code.as_str(), d.message)
            })
            .unwrap_or_default();
        let errors = diagnostics.iter().filter(|d| d.is_error()).count();
        return Err(format!(
            "`{name}` has errors: {errors} error{}{at}; `cvl check` shows them",
            if errors == 1 { "" } else { "s" }
        ));
    }
    let count = contracts.len();
    match contracts.into_iter().next() {
        None => Ok(None),
        Some(contract) if count == 1 => {
            let files = loader.used(&sources);
            let sha256 = cvl_log::sources::contract_sha256(&files);
            Ok(Some(Loaded {
                name: name.to_string(),
                sha256,
                sha256_hex: cvl_log::hex(&sha256),
                files,
                contract,
            }))
        }
        _ => Err(format!(
            "`{name}` holds {count} contracts, and a case's contract file holds exactly one"
        )),
    }
}
