//! The engine: the open documents, their analysis, and the answer to every request, as plain data.
//!
//! The engine knows nothing of the transport: the server hands it the editor's text and asks it questions. Its
//! only I/O is the loader's reading of imported files that are not open in the editor. Each document is analysed when it is opened or changed, the way `cvl check` checks a
//! file: it is parsed, its imports are resolved by the same loader (`--lib` directories, then the bundled
//! stdlib; a file import relative to the importing file, and not found from an untitled document), with the text of every open document read instead of
//! the disk, and it is checked. The diagnostics are `cvl check`'s: a file with syntax errors shows only those.
//! The checker runs on a broken file all the same, so that hover, definition and the outline still work on its
//! intact parts. A document that imports one that changed is analysed again. Formatting is `cvl fmt`'s
//! (`cvl_fmt::format`), on the document's text.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use cvl_check::loader::{FsLoader, STDLIB, stdlib_module};
use cvl_check::{Checked, check};
use cvl_check::{LoadError, Loader, Request};
use cvl_syntax::ast::File;
use cvl_syntax::lexer::language_of;
use cvl_syntax::{Diagnostic, FileId, Lang, Source, Sources, Span, parse_source};
use lsp_types::{
    CompletionItem, DocumentSymbol, Hover, Location, Position, PublishDiagnosticsParams, TextEdit,
    Url,
};

use crate::convert;

/// How the engine resolves imports and where go to definition finds the bundled stdlib.
#[derive(Clone, Debug, Default)]
pub struct Config {
    /// Directories searched for imported modules before the bundled stdlib, as `cvl check --lib`.
    pub libs: Vec<PathBuf>,
    /// A directory holding the bundled stdlib's files (`care.cvl`, …) with the same text, for go to definition
    /// into the stdlib; without one, a stdlib definition has no location.
    pub stdlib_dir: Option<PathBuf>,
    /// The language of every document's diagnostics (the initialization option `lang`); without it, each
    /// document's own, as its first word decides it (`cvl check` without `--lang`).
    pub lang: Option<Lang>,
}

/// A request the engine cannot answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Error {
    /// The request names a document that is not open.
    UnknownDocument(Url),
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::UnknownDocument(uri) => write!(f, "the document `{uri}` is not open"),
        }
    }
}

/// One open document and what was learned from it.
#[derive(Debug)]
pub(crate) struct Document {
    version: i32,
    pub(crate) analysis: Analysis,
}

/// A document parsed and checked.
#[derive(Debug)]
pub(crate) struct Analysis {
    /// The document's own text is `root`; the files it imports follow.
    pub(crate) sources: Sources,
    pub(crate) root: FileId,
    pub(crate) file: File,
    pub(crate) checked: Checked,
    /// What `cvl check` would report for the file.
    pub(crate) diagnostics: Vec<Diagnostic>,
}

impl Analysis {
    pub(crate) fn source(&self) -> Option<&Source> {
        self.sources.get(self.root)
    }

    /// The byte offset of `position` in the document (clamped to its text).
    pub(crate) fn offset(&self, position: Position) -> u32 {
        self.source().map_or(0, |s| convert::offset(s, position))
    }

    pub(crate) fn range(&self, span: Span) -> lsp_types::Range {
        self.sources
            .get(span.file)
            .map(|s| convert::range(s, span))
            .unwrap_or_default()
    }
}

/// The open documents, by URI.
#[derive(Debug, Default)]
pub struct Engine {
    config: Config,
    documents: BTreeMap<Url, Document>,
    /// The open scenario files (scenario.rs), by URI: their version and text.
    scenarios: BTreeMap<Url, (i32, String)>,
}

impl Engine {
    pub fn new(config: Config) -> Self {
        Engine {
            config,
            documents: BTreeMap::new(),
            scenarios: BTreeMap::new(),
        }
    }

    /// Opens a document and returns the diagnostics to publish: its own, then every other open document's,
    /// since any of them may import it (an import that was not found may be found now).
    pub fn open(&mut self, uri: Url, version: i32, text: String) -> Vec<PublishDiagnosticsParams> {
        if crate::scenario::is_scenario(&uri) {
            return self.scenario(uri, version, text);
        }
        let mut published = self.update(uri.clone(), version, text);
        published.extend(self.reanalyse(&uri, |_| true));
        published
    }

    /// Replaces an open document's whole text (full-document sync) and returns the diagnostics to publish: its
    /// own, and those of every open document that imports it. A document that is not open is left alone.
    pub fn change(
        &mut self,
        uri: Url,
        version: i32,
        text: String,
    ) -> Vec<PublishDiagnosticsParams> {
        if self.scenarios.contains_key(&uri) {
            return self.scenario(uri, version, text);
        }
        // A change to a document that was never opened is ignored: it is not open (11.1).
        if !self.documents.contains_key(&uri) {
            return Vec::new();
        }
        let mut published = self.update(uri.clone(), version, text);
        let changed = file_path(&uri);
        published.extend(self.reanalyse(&uri, |analysis| {
            changed.as_deref().is_some_and(|changed| {
                analysis.sources.iter().any(|(id, s)| {
                    id != analysis.root && s.path.as_deref().is_some_and(|p| same_file(p, changed))
                })
            })
        }));
        published
    }

    /// Closes a document: its diagnostics are cleared, and the other open documents are analysed again (one that
    /// imports it reads it from disk now).
    pub fn close(&mut self, uri: &Url) -> Vec<PublishDiagnosticsParams> {
        if self.scenarios.remove(uri).is_some() {
            return vec![PublishDiagnosticsParams::new(uri.clone(), Vec::new(), None)];
        }
        if self.documents.remove(uri).is_none() {
            return Vec::new();
        }
        let mut published = vec![PublishDiagnosticsParams::new(uri.clone(), Vec::new(), None)];
        published.extend(self.reanalyse(uri, |_| true));
        published
    }

    /// Keeps a scenario document's text and returns its diagnostics (scenario.rs).
    fn scenario(&mut self, uri: Url, version: i32, text: String) -> Vec<PublishDiagnosticsParams> {
        let published = crate::scenario::publish(
            &uri,
            file_path(&uri).as_deref(),
            version,
            &text,
            &self.config.libs,
        );
        self.scenarios.insert(uri, (version, text));
        vec![published]
    }

    fn update(&mut self, uri: Url, version: i32, text: String) -> Vec<PublishDiagnosticsParams> {
        let analysis = self.analyse(&uri, text);
        self.documents
            .insert(uri.clone(), Document { version, analysis });
        self.publish(&uri).into_iter().collect()
    }

    /// The document's diagnostics as the protocol publishes them.
    pub fn publish(&self, uri: &Url) -> Option<PublishDiagnosticsParams> {
        let document = self.documents.get(uri)?;
        let analysis = &document.analysis;
        let source = analysis.source()?;
        let locate = |span: Span| self.locate(uri, analysis, span);
        let lang = self
            .config
            .lang
            .unwrap_or_else(|| language_of(&source.text).lang());
        let diagnostics = analysis
            .diagnostics
            .iter()
            .map(|d| convert::diagnostic(&d.in_language(lang), lang, source, uri, &locate))
            .collect();
        Some(PublishDiagnosticsParams::new(
            uri.clone(),
            diagnostics,
            Some(document.version),
        ))
    }

    /// What the text at `position` means; on the character just after a name (`to ostervold|`), the name.
    pub fn hover(&self, uri: &Url, position: Position) -> Result<Option<Hover>, Error> {
        if self.scenarios.contains_key(uri) {
            return Ok(None);
        }
        let analysis = self.analysis(uri)?;
        Ok(at_or_after_name(analysis, position, |offset| {
            crate::hover::hover(analysis, offset)
        }))
    }

    /// Where the name at `position` (or just before it) is defined: a party, item, supplement, obligation,
    /// parameter or clause, in this file, an imported one or the stdlib.
    pub fn definition(&self, uri: &Url, position: Position) -> Result<Option<Location>, Error> {
        if self.scenarios.contains_key(uri) {
            return Ok(None);
        }
        let analysis = self.analysis(uri)?;
        Ok(at_or_after_name(analysis, position, |offset| {
            analysis
                .checked
                .info
                .definition_at(offset)
                .and_then(|target| self.locate(uri, analysis, target))
        }))
    }

    pub fn completion(&self, uri: &Url, position: Position) -> Result<Vec<CompletionItem>, Error> {
        if self.scenarios.contains_key(uri) {
            return Ok(Vec::new());
        }
        let analysis = self.analysis(uri)?;
        Ok(crate::complete::completion(
            analysis,
            analysis.offset(position),
        ))
    }

    /// The outline: contracts with their parties, items, supplements, obligations and clauses, and clause
    /// definitions with their parameters.
    pub fn symbols(&self, uri: &Url) -> Result<Vec<DocumentSymbol>, Error> {
        if self.scenarios.contains_key(uri) {
            return Ok(Vec::new());
        }
        let analysis = self.analysis(uri)?;
        Ok(crate::symbols::symbols(analysis))
    }

    /// The edit that puts the document in `cvl fmt`'s canonical layout: one edit replacing the whole text, none
    /// when it is in the layout already, and `None` when it cannot be formatted (syntax errors, or a CPR number).
    /// The layout keeps the document's line endings (those of its first line): a document with CRLF line endings
    /// is in the layout when only its line endings set it apart from `cvl fmt`'s output.
    pub fn format(&self, uri: &Url) -> Result<Option<Vec<TextEdit>>, Error> {
        if self.scenarios.contains_key(uri) {
            return Ok(None);
        }
        let analysis = self.analysis(uri)?;
        let Some(source) = analysis.source() else {
            return Ok(None);
        };
        let Ok(formatted) = cvl_fmt::format(analysis.root, &source.text) else {
            return Ok(None);
        };
        let crlf = source
            .text
            .split_once('\n')
            .is_some_and(|(line, _)| line.ends_with('\r'));
        let formatted = if crlf {
            formatted.replace('\n', "\r\n")
        } else {
            formatted
        };
        if formatted == source.text {
            return Ok(Some(Vec::new()));
        }
        let end = u32::try_from(source.text.len()).unwrap_or(u32::MAX);
        let whole = convert::range(source, Span::new(analysis.root, 0, end));
        Ok(Some(vec![TextEdit::new(whole, formatted)]))
    }

    pub(crate) fn analysis(&self, uri: &Url) -> Result<&Analysis, Error> {
        self.documents
            .get(uri)
            .map(|d| &d.analysis)
            .ok_or_else(|| Error::UnknownDocument(uri.clone()))
    }

    /// Parses and checks `text` as the document `uri`, with every other open document's text overlaid.
    fn analyse(&self, uri: &Url, text: String) -> Analysis {
        let path = file_path(uri);
        let name = path
            .as_deref()
            .map_or_else(|| uri.to_string(), cvl_check::loader::display_name);
        let mut sources = Sources::new();
        let root = match &path {
            Some(path) => sources.add(Source::new(name, text).with_path(path)),
            None => sources.add(Source::new(name, text)),
        };
        let mut loader = DocumentLoader {
            files: FsLoader::new(self.config.libs.clone()),
            root,
            saved: path.is_some(),
        };
        if let Some(path) = &path {
            loader.files.register(path, root);
        }
        for (other, document) in &self.documents {
            if let (Some(path), Some(source)) = (file_path(other), document.analysis.source())
                && other != uri
            {
                loader.files.overlay(&path, source.text.clone());
            }
        }
        let parsed = match sources.get(root) {
            Some(source) => parse_source(root, source),
            None => cvl_syntax::parse(root, ""),
        };
        let checked = check(&mut sources, root, &parsed.file, &mut loader);
        let mut problems = parsed.problems;
        if !problems.has_errors() {
            problems.merge(checked.problems.clone());
        }
        Analysis {
            sources,
            root,
            file: parsed.file,
            checked,
            diagnostics: problems.into_sorted(),
        }
    }

    /// Analyses again every open document but `uri` for which `stale` holds, and returns their diagnostics.
    fn reanalyse(
        &mut self,
        uri: &Url,
        stale: impl Fn(&Analysis) -> bool,
    ) -> Vec<PublishDiagnosticsParams> {
        let stale: Vec<(Url, String)> = self
            .documents
            .iter()
            .filter(|(other, document)| *other != uri && stale(&document.analysis))
            .filter_map(|(other, document)| {
                Some((other.clone(), document.analysis.source()?.text.clone()))
            })
            .collect();
        let mut published = Vec::new();
        for (other, text) in stale {
            let analysis = self.analyse(&other, text);
            if let Some(document) = self.documents.get_mut(&other) {
                document.analysis = analysis;
            }
            published.extend(self.publish(&other));
        }
        published
    }

    /// The protocol location of `span`, a span in the document `uri` or in a file it imports.
    pub(crate) fn locate(&self, uri: &Url, analysis: &Analysis, span: Span) -> Option<Location> {
        let range = analysis.range(span);
        if span.file == analysis.root {
            return Some(Location::new(uri.clone(), range));
        }
        let source = analysis.sources.get(span.file)?;
        let target = match &source.path {
            Some(path) => std::path::absolute(path).ok()?,
            None => {
                let module = stdlib_module(&source.name)?;
                self.config
                    .stdlib_dir
                    .as_ref()?
                    .join(format!("{module}.cvl"))
            }
        };
        Some(Location::new(Url::from_file_path(target).ok()?, range))
    }
}

/// The loader of a document's imports: `cvl check`'s, except that a document that is not a file (an `untitled:`
/// one) has no directory for `import "PATH"` to be relative to, so that such an import is not found.
struct DocumentLoader {
    files: FsLoader,
    root: FileId,
    saved: bool,
}

impl Loader for DocumentLoader {
    fn load(
        &mut self,
        sources: &mut Sources,
        from: FileId,
        request: Request<'_>,
    ) -> Result<FileId, LoadError> {
        if !self.saved && from == self.root && matches!(request, Request::File(_)) {
            return Err(LoadError::NotFound {
                searched: vec![
                    "no directory, since the document is not saved to a file".to_string(),
                ],
            });
        }
        self.files.load(sources, from, request)
    }
}

/// Runs `answer` at `position`'s offset; when it finds nothing there and the character before is part of a
/// name, at the offset before, so that a cursor just after a name (`to ostervold|`) answers for the name.
fn at_or_after_name<T>(
    analysis: &Analysis,
    position: Position,
    answer: impl Fn(u32) -> Option<T>,
) -> Option<T> {
    let offset = analysis.offset(position);
    answer(offset).or_else(|| {
        let text = analysis.source()?.text.get(..offset as usize)?;
        let before = text.chars().next_back()?;
        if before.is_alphanumeric() || before == '_' {
            answer(offset.checked_sub(u32::try_from(before.len_utf8()).ok()?)?)
        } else {
            None
        }
    })
}

/// The file a `file:` URI names.
fn file_path(uri: &Url) -> Option<PathBuf> {
    if uri.scheme() == "file" {
        uri.to_file_path().ok()
    } else {
        None
    }
}

/// Whether two paths of files (as the loader read them) are the same file.
fn same_file(a: &Path, b: &Path) -> bool {
    let absolute = |p: &Path| std::path::absolute(p).ok();
    a == b || absolute(a).is_some_and(|a| Some(a) == absolute(b))
}

/// The bundled stdlib's modules, by name and text: what the server writes to the stdlib directory.
pub fn bundled_stdlib() -> &'static [(&'static str, &'static str)] {
    STDLIB
}
