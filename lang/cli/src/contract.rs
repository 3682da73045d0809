//! Reading and checking the one contract that `cvl eval` and `cvl log` work against: its files (the contract and
//! every file it imports) and the contract's SHA-256, the SHA-256 of their listing (cvl-log's sources.rs), which
//! binds events and logs to the exact text of every file; its checked model; and its parties' keys.

use std::collections::BTreeMap;
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};

use cvl_check::model::Contract;
use cvl_eval::{Binding, Fold};
use cvl_event::Refusal;
use cvl_log::{PublicKey, SourceFile, Tail, Verifier};
use cvl_syntax::text::shown;
use cvl_syntax::{Lang, Source, Sources, Text, parse_source, text};

use crate::check::{Kind, cannot_read, display_name, read_file};
use crate::{EXIT_PROBLEMS, EXIT_USAGE, render};
use cvl_check::loader::FsLoader;

/// A contract file that checks without errors.
pub struct Loaded {
    /// The file's name as messages show it.
    pub name: String,
    /// The contract's SHA-256: of the listing of its files, its own text and every file it imports.
    pub sha256: cvl_log::Digest,
    /// The same, in lowercase hex, as events and outputs name it.
    sha256_hex: String,
    /// The files it is made of, the contract first, each with the SHA-256 of its text.
    pub files: Vec<SourceFile>,
    pub sources: Sources,
    pub contract: Contract,
}

impl Loaded {
    pub fn sha256_hex(&self) -> &str {
        &self.sha256_hex
    }

    /// What events read against this contract are bound to: its SHA-256, and whether they come from a signed log.
    pub fn binding(&self, signed_log: bool) -> Binding<'_> {
        Binding {
            contract_sha256: Some(&self.sha256_hex),
            sources: &self.files,
            signed_log,
        }
    }

    /// Verifies a log of this contract entry by entry, as `cvl log verify` does: each entry's chain, date, key and
    /// signature, and its whole admission by evaluation (on its own and after the entries before it), so that it
    /// refuses exactly what `cvl eval --log` refuses. Holds one entry at a time, and an admitting fold whose
    /// memory does not grow with the entries.
    pub fn verify_log<R: BufRead>(&self, input: R) -> Result<Tail, Refusal> {
        self.verify_log_on(input, 1, cvl_eval::Versions::default())
    }

    /// The same, with the signatures checked on up to `jobs` threads (cvl-log's cores.rs): the same answer and
    /// message, holding three runs of at most 512 entries at a time; an event only an amended text among `versions`
    /// knows is admitted once an amendment to it is done (spec 9.13), as `cvl eval --version` admits it.
    pub fn verify_log_on<'c, R: BufRead>(
        &'c self,
        input: R,
        jobs: usize,
        versions: cvl_eval::Versions<'c>,
    ) -> Result<Tail, Refusal> {
        self.verify_log_marking(input, jobs, versions, None)
    }

    /// The same, keeping the digest of entry `mark` in the tail when it is given (cvl-log's
    /// `Verifier::marking`), so that whether the log extends a checkpoint of that size is known in the one pass.
    pub fn verify_log_marking<'c, R: BufRead>(
        &'c self,
        input: R,
        jobs: usize,
        versions: cvl_eval::Versions<'c>,
        mark: Option<u64>,
    ) -> Result<Tail, Refusal> {
        let mut fold = Fold::admitting(&self.contract, self.binding(true)).with_versions(versions);
        let verifier = self.verifier(input);
        let verifier = match mark {
            Some(seq) => verifier.marking(seq),
            None => verifier,
        };
        cvl_log::verify_on_cores(verifier, jobs, |event| fold.apply(&event))
    }

    /// A verifier of a log of this contract.
    pub fn verifier<R: BufRead>(&self, input: R) -> Verifier<R> {
        Verifier::new(input, self.sha256, self.keys()).with_sources(self.files.clone())
    }

    /// The listing's lines, as a `signed` entry carries them in `data.sources`.
    pub fn listing(&self) -> Vec<String> {
        self.files.iter().map(SourceFile::line).collect()
    }

    /// Each file used and its SHA-256, one per line, each starting with `indent`, as every output lists them.
    pub fn described_files(&self, indent: &str) -> String {
        self.files
            .iter()
            .map(|f| {
                format!(
                    "{indent}{}  sha256:{}\n",
                    shown(&f.described()),
                    cvl_log::hex(&f.sha256)
                )
            })
            .collect()
    }

    /// Each party's public key by the party's name (`None` when it declares none).
    pub fn keys(&self) -> BTreeMap<String, Option<PublicKey>> {
        self.contract
            .parties
            .iter()
            .map(|p| {
                let key = p.key.as_deref().and_then(|k| PublicKey::parse(k).ok());
                (p.id.0.clone(), key)
            })
            .collect()
    }
}

/// Reads and checks the contract at `path`; on failure prints why, with `what` ("nothing was decided") after the
/// diagnostics, and returns the exit code. The diagnostics are in the contract's language, `what` as it is.
pub fn load(
    path: &Path,
    libs: &[PathBuf],
    color: bool,
    what: &str,
    err: &mut dyn Write,
) -> Result<Loaded, i32> {
    loaded(path, libs, color, None, &|_| what.to_string(), err)
}

/// [`load`], with `what` a message of the catalogue, and the diagnostics and `what` in `lang` (`--lang`) or else
/// the contract's language.
pub fn load_in(
    path: &Path,
    libs: &[PathBuf],
    color: bool,
    lang: Option<Lang>,
    what: &Text,
    err: &mut dyn Write,
) -> Result<Loaded, i32> {
    loaded(path, libs, color, lang, &|lang| what.show(lang), err)
}

/// [`load`] and [`load_in`]: `what` in the language it is shown in.
fn loaded(
    path: &Path,
    libs: &[PathBuf],
    color: bool,
    lang: Option<Lang>,
    what: &dyn Fn(Lang) -> String,
    err: &mut dyn Write,
) -> Result<Loaded, i32> {
    let name = display_name(path);
    let bytes = match read_file(path, Kind::Source) {
        Ok(bytes) => bytes,
        Err(error) => {
            cannot_read(err, &name, &error);
            return Err(EXIT_USAGE);
        }
    };
    let mut sources = Sources::new();
    let file = sources.add(Source::from_bytes(name.clone(), bytes).with_path(path));
    let mut loader = FsLoader::new(libs.to_vec());
    loader.register(path, file);
    let Some(source) = sources.get(file) else {
        return Err(EXIT_USAGE);
    };
    let shown_in = crate::lang::or_file(lang, &source.text);
    let parsed = parse_source(file, source);
    let mut problems = parsed.problems;
    let mut contracts = Vec::new();
    if !problems.has_errors() {
        let checked = cvl_check::check(&mut sources, file, &parsed.file, &mut loader);
        problems.merge(checked.problems);
        contracts = checked.contracts;
    }
    if problems.has_errors() {
        let diagnostics = crate::lang::shown(problems.into_sorted(), shown_in);
        let _ = render::human(&diagnostics, &sources, color, err);
        let what = what(shown_in);
        let _ = writeln!(
            err,
            "{}",
            text!("cli-has-errors", name = name.as_str(), what = what).show(shown_in)
        );
        return Err(EXIT_PROBLEMS);
    }
    let count = contracts.len();
    match contracts.into_iter().next() {
        Some(contract) if count == 1 => {
            let files = loader.used(&sources);
            let sha256 = cvl_log::sources::contract_sha256(&files);
            Ok(Loaded {
                name,
                sha256,
                sha256_hex: cvl_log::hex(&sha256),
                files,
                sources,
                contract,
            })
        }
        _ => {
            let what = what(Lang::En);
            let _ = writeln!(
                err,
                "error: `{name}` holds {count} contracts: {what}, since this takes a file with exactly one"
            );
            Err(EXIT_USAGE)
        }
    }
}
