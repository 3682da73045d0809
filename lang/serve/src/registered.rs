//! A contract the parties registered with the service: its files' texts, checked as `cvl check` checks them, and
//! what admitting an entry to its log needs (its model, its parties' keys, its SHA-256 and listing).
//!
//! The texts come in a request, never from the service's disk: [`MemLoader`] resolves `import care` to the module
//! text given for `care` (or the bundled stdlib's when none is given; one given with the bundled text is named as
//! the bundled one, `<stdlib>/care.cvl`, everywhere the service names it) and `import "terms/local.cvl"` to the file
//! given under that path from the contract's directory, as the file system loader names it (cvl-check's
//! loader.rs). The contract's SHA-256 is the SHA-256 of the listing of the files the checker used (spec 10.2),
//! so a registration that names a SHA-256 must name that one.
//!
//! An [`Admission`] verifies a log's entries exactly as `cvl log verify` does: the chain, date, key and signature
//! of each (cvl-log's verifier) and its admission by an admitting evaluation after the entries before it
//! (cvl-eval's fold), plus the clock rule of `cvl log append` for a new entry. It keeps where the verification
//! stands, so that the service admits a new entry without reading the stored ones again.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use cvl_check::loader::{STDLIB, STDLIB_PREFIX};
use cvl_check::model::Contract;
use cvl_check::{LoadError, Loader, Request};
use cvl_eval::{Binding, Fold};
use cvl_event::{Refusal, RefusalKind};
use cvl_log::{Digest, PublicKey, Role, SourceFile, Tail, Verifier};
use cvl_syntax::{FileId, Source, Sources, parse_source};

/// One file of a registration, as a request carries it and the database keeps it.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, Eq)]
pub struct FileText {
    /// `contract`, `module` or `file`.
    pub role: String,
    /// The module's import name (`care`), or the file's path from the contract's directory; absent for the
    /// contract.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    pub text: String,
}

/// A registration: the contract's files, and the SHA-256 the client expects them to make.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Registration {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sha256: Option<String>,
    pub files: Vec<FileText>,
}

/// A contract that checks without errors, with what admitting entries to its log needs.
#[derive(Debug)]
pub struct Registered {
    pub sha256: Digest,
    pub sha256_hex: String,
    /// The files used, as the listing names them, the contract first.
    pub files: Vec<SourceFile>,
    /// The text of each file used, in the same order: what the database keeps.
    pub texts: Vec<FileText>,
    pub contract: Contract,
    /// The texts as checked, the contract's named `contract.cvl`: what a decision's lines cite (the page, page.rs).
    pub sources: Sources,
    keys: BTreeMap<String, Option<PublicKey>>,
}

/// Why a registration is refused: the words, and the diagnostics when the contract has errors.
#[derive(Debug)]
pub struct Refused {
    pub reason: String,
    pub help: Option<String>,
    /// Each error as `FILE:LINE:COLUMN: error[CODE]: MESSAGE`.
    pub diagnostics: Vec<String>,
}

fn refused(reason: impl Into<String>, help: Option<&str>) -> Refused {
    Refused {
        reason: reason.into(),
        help: help.map(str::to_string),
        diagnostics: Vec::new(),
    }
}

/// Most files one registration may carry.
pub const MAX_FILES: usize = 256;

impl Registered {
    /// Checks the registered files as `cvl check` checks a contract and its imports.
    pub fn check(registration: &Registration) -> Result<Registered, Refused> {
        if registration.files.len() > MAX_FILES {
            return Err(refused(
                format!(
                    "the registration has {} files, more than {MAX_FILES}",
                    registration.files.len()
                ),
                None,
            ));
        }
        let mut loader = MemLoader::default();
        let mut contract_text = None;
        for file in &registration.files {
            if let Some(what) = [
                ("role", &file.role),
                ("name", &file.name),
                ("text", &file.text),
            ]
            .iter()
            .find_map(|(what, text)| text.contains('\0').then_some(*what))
            {
                return Err(refused(
                    format!(
                        "a file's {what} holds a NUL character (U+0000), which no text kept here may hold"
                    ),
                    Some("remove the NUL characters: no CVL text holds one"),
                ));
            }
            let slot = match file.role.as_str() {
                "contract" if file.name.is_empty() => {
                    if contract_text.replace(file.text.clone()).is_some() {
                        return Err(refused("the registration has two contract files", None));
                    }
                    continue;
                }
                "contract" => {
                    return Err(refused(
                        format!(
                            "the contract file is named `{}`, and only an import has a name",
                            crate::api::shown_short(&file.name)
                        ),
                        Some("leave out `name` for the file whose role is `contract`"),
                    ));
                }
                "module" => &mut loader.modules,
                "file" => &mut loader.files,
                other => {
                    return Err(refused(
                        format!("a file's role is `{}`", crate::api::shown_short(other)),
                        Some("a file's role is `contract`, `module` or `file`"),
                    ));
                }
            };
            if slot.insert(file.name.clone(), file.text.clone()).is_some() {
                return Err(refused(
                    format!(
                        "the {} `{}` is given twice",
                        file.role,
                        crate::api::shown_short(&file.name)
                    ),
                    None,
                ));
            }
        }
        let Some(text) = contract_text else {
            return Err(refused(
                "the registration has no contract file",
                Some("give the contract's text as a file whose role is `contract`"),
            ));
        };
        let mut sources = Sources::new();
        let root = sources.add(Source::new("contract.cvl", text));
        loader.used.push((root, Role::Contract, String::new()));
        let Some(source) = sources.get(root) else {
            return Err(refused("the contract could not be read", None));
        };
        let parsed = parse_source(root, source);
        let mut problems = parsed.problems;
        let mut contracts = Vec::new();
        if !problems.has_errors() {
            let checked = cvl_check::check(&mut sources, root, &parsed.file, &mut loader);
            problems.merge(checked.problems);
            contracts = checked.contracts;
        }
        if problems.has_errors() {
            let diagnostics = problems
                .into_sorted()
                .iter()
                .filter(|d| d.is_error())
                .map(|d| {
                    let place = sources.get(d.span.file).map_or_else(String::new, |s| {
                        let at = s.line_col(d.span.start);
                        format!("{}:{}:{}: ", s.name, at.line, at.column)
                    });
                    format!("{place}error[{}]: {}", d.code.as_str(), d.message)
                })
                .collect();
            return Err(Refused {
                reason:
                    "the contract has errors, and a log is kept only for a contract without them"
                        .to_string(),
                help: Some("`cvl check` shows the same errors with their context".to_string()),
                diagnostics,
            });
        }
        let count = contracts.len();
        let contract = match contracts.into_iter().next() {
            Some(contract) if count == 1 => contract,
            _ => {
                return Err(refused(
                    format!(
                        "the contract file holds {count} contracts, and a log is kept for exactly one"
                    ),
                    None,
                ));
            }
        };
        let mut files = Vec::new();
        let mut texts = Vec::new();
        for (id, role, name) in &loader.used {
            let Some(source) = sources.get(*id) else {
                continue;
            };
            files.push(SourceFile {
                role: *role,
                name: name.clone(),
                // The registration names no contract file: no name, so that the words name the registered text
                // (`SourceFile::quoted`), not a file.
                shown: if *role == Role::Contract {
                    String::new()
                } else {
                    source.name.clone()
                },
                sha256: cvl_log::contract_digest(source.text.as_bytes()),
            });
            texts.push(FileText {
                role: role_name(*role).to_string(),
                name: name.clone(),
                text: source.text.to_string(),
            });
        }
        for (role, given) in [("module", &loader.modules), ("file", &loader.files)] {
            if let Some(name) = given
                .keys()
                .find(|name| !texts.iter().any(|t| t.role == role && t.name == **name))
            {
                return Err(refused(
                    format!(
                        "the {role} `{}` is given, but the contract does not import it",
                        crate::api::shown_short(name)
                    ),
                    Some("register exactly the files the contract is made of"),
                ));
            }
        }
        let sha256 = cvl_log::sources::contract_sha256(&files);
        let sha256_hex = cvl_log::hex(&sha256);
        if let Some(expected) = &registration.sha256
            && *expected != sha256_hex
        {
            return Err(refused(
                format!(
                    "the files make the contract sha256:{sha256_hex}, not the `{}` the registration names",
                    crate::api::shown_short(expected)
                ),
                Some(
                    "the contract's SHA-256 is that of the listing of its text and every file it imports (spec 10.2)",
                ),
            ));
        }
        let keys = contract
            .parties
            .iter()
            .map(|p| {
                let key = p.key.as_deref().and_then(|k| PublicKey::parse(k).ok());
                (p.id.0.clone(), key)
            })
            .collect();
        Ok(Registered {
            sha256,
            sha256_hex,
            files,
            texts,
            contract,
            sources,
            keys,
        })
    }

    /// Whether `key` is the key of a party of the contract: who may register it, and read and append to its log.
    pub fn is_party_key(&self, key: &PublicKey) -> bool {
        let text = key.text();
        self.keys.values().flatten().any(|k| k.text() == text)
    }

    /// Each party's key, by the party's name.
    pub(crate) fn keys(&self) -> &BTreeMap<String, Option<PublicKey>> {
        &self.keys
    }

    /// The listing's lines.
    pub fn listing(&self) -> Vec<String> {
        self.files.iter().map(SourceFile::line).collect()
    }

    /// The bytes of its texts: what keeping it costs, roughly.
    pub fn weight(&self) -> usize {
        self.texts.iter().map(|t| t.text.len() + t.name.len()).sum()
    }

    /// The admission of the empty log: nothing verified yet.
    pub fn admission(&self) -> Admission<'_> {
        let binding = Binding {
            contract_sha256: Some(&self.sha256_hex),
            sources: &self.files,
            signed_log: true,
        };
        Admission {
            registered: self,
            fold: Fold::admitting(&self.contract, binding),
            tail: Tail {
                entries: 0,
                digest: self.sha256,
                last_at: None,
                marked: None,
            },
        }
    }
}

/// Where a log's verification stands after its stored entries: the verifier's tail (the next entry's seq and
/// `prev`, the last date) and the admitting fold's state. Admitting the next entry against it checks exactly what
/// verifying the whole log again would check, with the same words and line numbers, at a cost that does not grow
/// with the log. A caller tries an entry on a copy (it is cloned) and keeps the copy only once the entry is stored.
#[derive(Clone)]
pub struct Admission<'r> {
    registered: &'r Registered,
    fold: Fold<'r>,
    tail: Tail,
}

impl Admission<'_> {
    /// Where the log verified so far ends.
    pub fn tail(&self) -> Tail {
        self.tail
    }

    /// Verifies `lines`, the entries after those verified so far, as `cvl log verify` does: on a refusal this
    /// admission has moved past the entries before the refused one and should be dropped.
    pub fn extend(&mut self, lines: &[String]) -> Result<(), Refusal> {
        self.verify(lines.iter().map(String::as_str)).map(|_| ())
    }

    /// Verifies `line` as the next entry, and holds it to the clock rule of `cvl log append`: where the log then
    /// ends, or the refusal (then this admission should be dropped).
    pub fn admit(&mut self, line: &str) -> Result<Tail, Refusal> {
        let before = self.tail.entries;
        if let Some(event) = self.verify(std::iter::once(line))?
            && self.tail.entries > before
        {
            cvl_log::clock::not_ahead(&event, cvl_log::clock::now())?;
        }
        Ok(self.tail)
    }

    /// Verifies `lines` after the tail and folds in each entry's event: the last event, if any.
    fn verify<'l>(
        &mut self,
        lines: impl Iterator<Item = &'l str>,
    ) -> Result<Option<cvl_event::Event>, Refusal> {
        let mut text = String::new();
        for line in lines {
            text.push_str(line);
            text.push('\n');
        }
        if text.is_empty() {
            return Ok(None);
        }
        let registered = self.registered;
        let mut verifier = Verifier::after(
            text.as_bytes(),
            registered.sha256,
            registered.keys.clone(),
            self.tail,
        )
        .with_sources(registered.files.clone());
        let mut last = None;
        for event in verifier.by_ref() {
            let event = event?;
            self.fold.apply(&event)?;
            last = Some(event);
        }
        self.tail = verifier.tail();
        Ok(last)
    }
}

/// Whether a refusal is about the entry's place in the chain (its seq or `prev`), which a client fixes by
/// rebasing on the current head, rather than about the entry itself.
pub fn is_stale(refusal: &Refusal) -> bool {
    refusal.kind == RefusalKind::Chain
}

fn role_name(role: Role) -> &'static str {
    match role {
        Role::Contract => "contract",
        Role::Module => "module",
        Role::File => "file",
    }
}

/// Loads imports from the texts of a registration, then the bundled stdlib, never from the disk.
#[derive(Default)]
struct MemLoader {
    modules: BTreeMap<String, String>,
    files: BTreeMap<String, String>,
    /// Each file loaded, by role and name, so that each is loaded once.
    loaded: BTreeMap<(&'static str, String), FileId>,
    /// The files used, in the order first loaded: the listing's order.
    used: Vec<(FileId, Role, String)>,
}

impl MemLoader {
    fn add(
        &mut self,
        sources: &mut Sources,
        role: Role,
        name: &str,
        shown: String,
        text: String,
    ) -> FileId {
        if let Some(id) = self.loaded.get(&(role_name(role), name.to_string())) {
            return *id;
        }
        let id = sources.add(Source::new(shown, text));
        self.loaded.insert((role_name(role), name.to_string()), id);
        self.used.push((id, role, name.to_string()));
        id
    }

    fn role_of(&self, id: FileId) -> Option<(Role, &str)> {
        self.used
            .iter()
            .find(|(used, _, _)| *used == id)
            .map(|(_, role, name)| (*role, name.as_str()))
    }
}

impl Loader for MemLoader {
    fn load(
        &mut self,
        sources: &mut Sources,
        from: FileId,
        request: Request<'_>,
    ) -> Result<FileId, LoadError> {
        match request {
            Request::Module(module) => {
                let bundled = STDLIB.iter().find(|(name, _)| *name == module);
                if let Some(text) = self.modules.get(module).cloned() {
                    // A module given with the bundled module's very text is the bundled module (`cvl log push`
                    // registers every file, the stdlib's too): named as `cvl check` and `cvl report` name it.
                    let shown = match bundled {
                        Some((name, same)) if *same == text => format!("{STDLIB_PREFIX}{name}.cvl"),
                        _ => format!("{}.cvl", module.replace('.', "/")),
                    };
                    return Ok(self.add(sources, Role::Module, module, shown, text));
                }
                if let Some((name, text)) = bundled {
                    let shown = format!("{STDLIB_PREFIX}{name}.cvl");
                    return Ok(self.add(sources, Role::Module, module, shown, (*text).to_string()));
                }
                Err(LoadError::NotFound {
                    searched: vec![
                        "the registered modules".to_string(),
                        "the bundled stdlib".to_string(),
                    ],
                })
            }
            Request::File(file) => {
                let within = match self.role_of(from) {
                    Some((Role::Module, module)) => {
                        return Err(LoadError::Refused(format!(
                            "the module `{module}` is a library module, and a library module imports only modules, by name"
                        )));
                    }
                    Some((Role::File, importer)) => match importer.rsplit_once('/') {
                        Some((dir, _)) => format!("{dir}/{file}"),
                        None => file.to_string(),
                    },
                    Some((Role::Contract, _)) | None => file.to_string(),
                };
                let plain = within
                    .split('/')
                    .all(|part| !part.is_empty() && part != "." && part != "..");
                match self.files.get(&within).cloned() {
                    Some(text) if plain => {
                        Ok(self.add(sources, Role::File, &within, within.clone(), text))
                    }
                    _ => Err(LoadError::NotFound {
                        searched: vec![format!(
                            "the registered files (`{}`)",
                            crate::api::shown_short(&within)
                        )],
                    }),
                }
            }
        }
    }
}
