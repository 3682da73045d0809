//! Reading what a scenario file names: its contract (with every file it imports, checked as `cvl check` checks
//! it) and the events file or signed log a scenario starts from (verified as `cvl eval --log` verifies it).

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use cvl_check::loader::{FsLoader, display_name, io_message};
use cvl_check::model::Contract;
use cvl_eval::Binding;
use cvl_event::{Event, Reader, Refusal};
use cvl_log::{PublicKey, SourceFile, Verifier};
use cvl_syntax::{Source, Sources, parse_source};

/// The largest contract or events file read (as `cvl eval` reads none larger than its limits, spec section 7).
pub const MAX_FILE: u64 = 256 << 20;

/// A contract that checks without errors.
pub struct Loaded {
    /// Its file's name as messages show it.
    pub name: String,
    pub sources: Sources,
    pub contract: Contract,
    pub files: Vec<SourceFile>,
    pub sha256_hex: String,
    pub sha256: cvl_log::Digest,
}

impl Loaded {
    /// What events read against the contract are bound to (`cvl eval`'s binding).
    pub fn binding(&self, signed_log: bool) -> Binding<'_> {
        Binding {
            contract_sha256: Some(&self.sha256_hex),
            sources: &self.files,
            signed_log,
        }
    }

    /// Where `span` is, as `file:line`.
    pub fn place(&self, span: cvl_syntax::Span) -> String {
        match self.sources.get(span.file) {
            Some(source) => format!("{}:{}", source.name, source.line_col(span.start).line),
            None => String::new(),
        }
    }
}

/// Reads a whole file, bounded, as text.
pub fn read_text(path: &Path) -> Result<String, String> {
    let name = display_name(path);
    let file = std::fs::File::open(path)
        .map_err(|e| format!("cannot read `{name}`: {}", io_message(&e)))?;
    let mut bytes = Vec::new();
    file.take(MAX_FILE + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read `{name}`: {}", io_message(&e)))?;
    if bytes.len() as u64 > MAX_FILE {
        return Err(format!(
            "cannot read `{name}`: it is larger than {} MiB",
            MAX_FILE >> 20
        ));
    }
    String::from_utf8(bytes).map_err(|_| format!("cannot read `{name}`: it is not UTF-8 text"))
}

/// Reads and checks the contract at `path`; the words of the problem when it cannot be used.
pub fn contract(path: &Path, libs: &[PathBuf]) -> Result<Loaded, String> {
    let name = display_name(path);
    let text = read_text(path)?;
    let mut sources = Sources::new();
    let file = sources.add(Source::new(name.clone(), text).with_path(path));
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
        let errors = problems
            .into_sorted()
            .into_iter()
            .filter(|d| d.severity == cvl_syntax::Severity::Error)
            .count();
        return Err(format!(
            "the contract `{name}` has {errors} error{}: `cvl check {name}` shows {}",
            if errors == 1 { "" } else { "s" },
            if errors == 1 { "it" } else { "them" }
        ));
    }
    let count = contracts.len();
    match contracts.into_iter().next() {
        Some(contract) if count == 1 => {
            let files = loader.used(&sources);
            let sha256 = cvl_log::sources::contract_sha256(&files);
            Ok(Loaded {
                name,
                sources,
                contract,
                files,
                sha256_hex: cvl_log::hex(&sha256),
                sha256,
            })
        }
        _ => Err(format!(
            "`{name}` holds {count} contracts, but a scenario tests a file with exactly one"
        )),
    }
}

/// The events of an events file (or a verified log): every event read, and the refusal that stopped the reading,
/// if one did. A file that cannot be opened is the words of why.
pub fn events(
    path: &Path,
    signed: bool,
    loaded: &Loaded,
) -> Result<(Vec<Event>, Option<Refusal>), String> {
    let name = display_name(path);
    let file = std::fs::File::open(path)
        .map_err(|e| format!("cannot read `{name}`: {}", io_message(&e)))?;
    let input = BufReader::new(file.take(MAX_FILE));
    let mut events = Vec::new();
    let mut refused = None;
    if signed {
        for read in verifier(loaded, input) {
            match read {
                Ok(event) => events.push(event),
                Err(refusal) => {
                    refused = Some(refusal);
                    break;
                }
            }
        }
    } else {
        let mut reader = Reader::new(input);
        loop {
            let mut event = Event::empty();
            match reader.read_into(&mut event) {
                None => break,
                Some(Ok(())) => events.push(event),
                Some(Err(refusal)) => {
                    refused = Some(refusal);
                    break;
                }
            }
        }
    }
    Ok((events, refused))
}

/// A verifier of a log of the contract, with its parties' keys.
fn verifier<R: BufRead>(loaded: &Loaded, input: R) -> Verifier<R> {
    let keys: BTreeMap<String, Option<PublicKey>> = loaded
        .contract
        .parties
        .iter()
        .map(|p| {
            (
                p.id.0.clone(),
                p.key.as_deref().and_then(|k| PublicKey::parse(k).ok()),
            )
        })
        .collect();
    Verifier::new(input, loaded.sha256, keys).with_sources(loaded.files.clone())
}
