//! CVL's checker: from a parsed file to checked contracts and their problems.
//!
//! [`check`] resolves a file's imports (through a [`Loader`], so that the checker itself never touches the file
//! system), checks every clause definition and contract in it, and returns the checked contracts, every problem
//! found, and what the editor needs: each expression's type and constant value, each definition, and where each
//! name is used.

pub mod advice;
mod clauses;
mod contract;
mod currency;
mod decls;
mod expenses;
mod expr;
pub mod horizon;
mod imports;
pub mod limits;
pub mod loader;
pub mod model;
pub mod names;
mod once;
mod operands;
pub mod placeholder;
pub mod read;
mod regulation;
mod termination;
mod terms;
pub mod types;
pub mod value;
mod withheld;
pub mod words;

#[cfg(test)]
mod tests;

use std::collections::BTreeMap;

use cvl_syntax::ast::{ClauseDef, File};
use cvl_syntax::{Diagnostic, FileId, Problems, Sources, Span};

pub use expr::Typed;
pub use imports::{LoadError, Loader, Request};
use types::Type;
use value::Value;

/// The event kinds every contract knows, besides one per obligation (the event that meets it): what `starts when`
/// and `ends when` may name.
pub const BUILTIN_EVENTS: &[&str] = &["started", "terminated"];

/// The result of checking one file.
#[derive(Clone, Debug, Default)]
pub struct Checked {
    pub contracts: Vec<model::Contract>,
    pub problems: Problems,
    pub info: Info,
}

/// What the checker learned about the text, for hover, completion and go to definition.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Info {
    /// The type (and constant value) of every expression checked, by span.
    pub types: Vec<TypeInfo>,
    /// Every name defined: parties, items, supplements, obligations, clauses, parameters.
    pub definitions: Vec<Definition>,
    /// Every use of a name, with the span of its definition (which may be in another file).
    pub references: Vec<Reference>,
    /// The modules the file imports, by the name a `use` gives them (`care`, or a file's stem), in source order.
    pub imports: Vec<(String, FileId)>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TypeInfo {
    pub span: Span,
    pub ty: Type,
    pub value: Option<Value>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum DefinitionKind {
    Contract,
    Party,
    Item,
    Supplement,
    Obligation,
    Clause,
    Parameter,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Definition {
    pub name: String,
    pub kind: DefinitionKind,
    /// The span of the name where it is defined.
    pub span: Span,
    /// The title or type, in words.
    pub detail: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Reference {
    pub span: Span,
    pub target: Span,
}

/// Checks the file `root`, already parsed as `file`. Imported files are loaded into `sources` and parsed here.
pub fn check(sources: &mut Sources, root: FileId, file: &File, loader: &mut dyn Loader) -> Checked {
    let mut checker = Checker::new(root);
    checker.load_imports(sources, root, file, loader);
    checker.check_root(file);
    if let Some(source) = sources.get(root) {
        placeholder::report(
            &mut checker.problems,
            &placeholder::find(root, &source.text),
        );
    }
    let mut info = checker.info;
    info.normalise();
    Checked {
        contracts: checker.contracts,
        problems: checker.problems,
        info,
    }
}

impl Info {
    /// Puts everything in source order and merges what a clause used more than once recorded again: an
    /// expression keeps its value only where every use gave it the same one.
    fn normalise(&mut self) {
        self.types
            .sort_by_key(|t| (t.span.start, std::cmp::Reverse(t.span.end)));
        let mut merged: Vec<TypeInfo> = Vec::with_capacity(self.types.len());
        for info in self.types.drain(..) {
            match merged.last_mut() {
                Some(last) if last.span == info.span => {
                    if last.ty != info.ty || last.value != info.value {
                        last.value = None;
                    }
                    if last.ty.is_error() {
                        last.ty = info.ty;
                    }
                }
                _ => merged.push(info),
            }
        }
        self.types = merged;
        self.definitions.sort_by_key(|d| (d.span, d.kind));
        self.definitions.dedup();
        self.references.sort_by_key(|r| (r.span, r.target));
        self.references.dedup();
    }

    /// The innermost expression at byte `offset`: what hover shows.
    pub fn type_at(&self, offset: u32) -> Option<&TypeInfo> {
        self.types
            .iter()
            .filter(|t| t.span.start <= offset && offset < t.span.end)
            .min_by_key(|t| t.span.len())
    }

    /// The definition that the name at byte `offset` refers to, or that it is.
    pub fn definition_at(&self, offset: u32) -> Option<Span> {
        let contains = |s: Span| s.start <= offset && offset < s.end;
        self.references
            .iter()
            .find(|r| contains(r.span))
            .map(|r| r.target)
            .or_else(|| {
                self.definitions
                    .iter()
                    .find(|d| contains(d.span))
                    .map(|d| d.span)
            })
    }
}

/// The state of one check: the files loaded so far, and what has been found.
pub(crate) struct Checker {
    root: FileId,
    /// Every file loaded for imports, parsed, by id.
    files: BTreeMap<FileId, File>,
    /// The modules each file imported, by the name it refers to them with.
    modules: BTreeMap<FileId, BTreeMap<String, FileId>>,
    contracts: Vec<model::Contract>,
    problems: Problems,
    info: Info,
    /// While a clause from another file is expanded: the `use` that expands it, where its problems are shown.
    expanding: Vec<(Span, String)>,
    /// The clauses used in the root file, by their definition's span.
    used_clauses: Vec<Span>,
    /// Modules whose import failed or that have errors of their own (already reported at the import): a `use`
    /// of them says nothing more.
    unusable: std::collections::BTreeSet<(FileId, String)>,
    broken: std::collections::BTreeSet<FileId>,
    /// Clauses on a chain of uses found to nest past [`clauses::MAX_USE_DEPTH`], so that the chain is reported once.
    too_deep: std::collections::BTreeSet<Span>,
}

impl Checker {
    fn new(root: FileId) -> Self {
        Checker {
            root,
            files: BTreeMap::new(),
            modules: BTreeMap::new(),
            contracts: Vec::new(),
            problems: Problems::new(),
            info: Info::default(),
            expanding: Vec::new(),
            used_clauses: Vec::new(),
            unusable: std::collections::BTreeSet::new(),
            broken: std::collections::BTreeSet::new(),
            too_deep: std::collections::BTreeSet::new(),
        }
    }

    /// Whether a problem at `span` may still be shown (see [`Problems::may_show`]), where [`Checker::report`]
    /// would put it: a help that compares names (a "did you mean") is worked out only then, so that the work for
    /// many unknown names stays bounded by the diagnostics shown (spec section 7).
    pub(crate) fn may_show(&self, span: Span) -> bool {
        let span = match self.expanding.first() {
            Some((use_span, _)) if span.file != self.root => *use_span,
            _ => span,
        };
        self.problems.may_show(span)
    }

    /// Reports a problem. One found inside a clause from another file is shown at the `use` that brought it in.
    pub(crate) fn report(&mut self, mut diagnostic: Diagnostic) {
        if diagnostic.span.file != self.root
            && let Some((use_span, clause)) = self.expanding.first()
        {
            let clause = clause.to_string();
            diagnostic = diagnostic
                .reword_message(|message| {
                    cvl_syntax::text!("check-in-clause", message = message, clause = clause)
                })
                .with_label(cvl_syntax::text!("check-in-clause-used-here"));
            diagnostic.span = *use_span;
            diagnostic.retain_secondary(|l| l.span.file == use_span.file);
        }
        self.problems.push(diagnostic);
    }

    pub(crate) fn record_type(&mut self, span: Span, typed: &Typed) {
        if span.file == self.root {
            self.info.types.push(TypeInfo {
                span,
                ty: typed.ty.clone(),
                value: typed.value.clone(),
            });
        }
    }

    pub(crate) fn record_reference(&mut self, span: Span, target: Span) {
        if span.file == self.root {
            self.info.references.push(Reference { span, target });
        }
    }

    pub(crate) fn record_definition(
        &mut self,
        name: &str,
        kind: DefinitionKind,
        span: Span,
        detail: String,
    ) {
        if span.file == self.root {
            self.info.definitions.push(Definition {
                name: name.to_string(),
                kind,
                span,
                detail,
            });
        }
    }

    /// The clause `name` in the file `file`.
    fn clause_in(&self, file: FileId, name: &str) -> Option<&ClauseDef> {
        self.files
            .get(&file)?
            .items
            .iter()
            .find_map(|item| match item {
                cvl_syntax::ast::TopItem::Clause(c) if c.name.name == name => Some(c),
                _ => None,
            })
    }
}
