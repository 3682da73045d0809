//! Document symbols: the outline of a file, read from its syntax tree.
//!
//! Imports, then contracts with their parties, items, supplements, obligations, termination and the clauses they
//! use, and clause definitions with their parameters and declarations, in source order. Each symbol's detail is
//! its keyword and title (`contract: Placement of Preben`, `item: Taxi to and from school`); a `use` shows the
//! title of the clause it uses (`use: Status report`), a parameter its type. The tree is whatever the
//! parser could read, so a file with syntax errors still has an outline of its intact parts.

use cvl_syntax::Span;
use cvl_syntax::ast::{Block, DeclKind, ImportTarget, StmtKind, TopItem};
use cvl_syntax::text::shown;
use lsp_types::{DocumentSymbol, SymbolKind};

use crate::engine::Analysis;

pub(crate) fn symbols(analysis: &Analysis) -> Vec<DocumentSymbol> {
    analysis
        .file
        .items
        .iter()
        .map(|item| match item {
            TopItem::Import(import) => {
                let (name, at) = match &import.target {
                    ImportTarget::Module(path) => {
                        let dotted: Vec<&str> =
                            path.segments.iter().map(|s| s.name.as_str()).collect();
                        (dotted.join("."), path.span)
                    }
                    ImportTarget::File(file) => (format!("\"{}\"", file.value), file.span),
                };
                symbol(
                    analysis,
                    name,
                    Some("import".to_string()),
                    SymbolKind::MODULE,
                    import.span,
                    at,
                    Vec::new(),
                )
            }
            TopItem::Contract(contract) => symbol(
                analysis,
                contract.name.name.clone(),
                Some(detail(
                    "contract",
                    contract.title.as_ref().map(|t| t.value.as_str()),
                )),
                SymbolKind::NAMESPACE,
                contract.span,
                contract.name.span,
                block(analysis, &contract.body),
            ),
            TopItem::Clause(clause) => {
                let mut children: Vec<DocumentSymbol> = clause
                    .params
                    .iter()
                    .map(|p| {
                        symbol(
                            analysis,
                            p.name.name.clone(),
                            Some(p.ty.name.clone()),
                            SymbolKind::TYPE_PARAMETER,
                            p.span,
                            p.name.span,
                            Vec::new(),
                        )
                    })
                    .collect();
                children.extend(block(analysis, &clause.body));
                symbol(
                    analysis,
                    clause.name.name.clone(),
                    Some(detail(
                        "clause",
                        clause.title.as_ref().map(|t| t.value.as_str()),
                    )),
                    SymbolKind::FUNCTION,
                    clause.span,
                    clause.name.span,
                    children,
                )
            }
        })
        .collect()
}

/// The declarations and `use`s of a contract's or clause's body.
fn block(analysis: &Analysis, body: &Block) -> Vec<DocumentSymbol> {
    body.stmts
        .iter()
        .filter_map(|stmt| match &stmt.kind {
            StmtKind::Decl(decl) => {
                let kind = match decl.kind {
                    DeclKind::Party => SymbolKind::OBJECT,
                    DeclKind::Item | DeclKind::Supplement => SymbolKind::FIELD,
                    DeclKind::Obligation => SymbolKind::EVENT,
                    DeclKind::Termination => SymbolKind::KEY,
                };
                let (name, at) = match &decl.name {
                    Some(name) => (name.name.clone(), name.span),
                    None => (decl.kind.keyword().to_string(), stmt.span),
                };
                Some(symbol(
                    analysis,
                    name,
                    Some(detail(
                        decl.kind.keyword(),
                        decl.title.as_ref().map(|t| t.value.as_str()),
                    )),
                    kind,
                    stmt.span,
                    at,
                    Vec::new(),
                ))
            }
            StmtKind::Use { clause, .. } => {
                let dotted: Vec<&str> = clause.segments.iter().map(|s| s.name.as_str()).collect();
                Some(symbol(
                    analysis,
                    dotted.join("."),
                    Some(detail("use", used_title(analysis, clause.span).as_deref())),
                    SymbolKind::FUNCTION,
                    stmt.span,
                    clause.span,
                    Vec::new(),
                ))
            }
            _ => None,
        })
        .collect()
}

/// A symbol's detail: its keyword and title (`item: Taxi to and from school`).
fn detail(keyword: &str, title: Option<&str>) -> String {
    match title {
        Some(title) => format!("{keyword}: {}", shown(title)),
        None => keyword.to_string(),
    }
}

/// The title of the clause a `use` names at `path`, wherever the clause is defined.
fn used_title(analysis: &Analysis, path: Span) -> Option<String> {
    let target = analysis
        .checked
        .info
        .references
        .iter()
        .find(|r| r.span == path)?
        .target;
    let title = |items: &[TopItem]| {
        items.iter().find_map(|item| match item {
            TopItem::Clause(c) if c.name.span == target => {
                c.title.as_ref().map(|t| t.value.clone())
            }
            _ => None,
        })
    };
    if target.file == analysis.root {
        return title(&analysis.file.items);
    }
    let source = analysis.sources.get(target.file)?;
    title(&cvl_syntax::parse_source(target.file, source).file.items)
}

/// One symbol; `at` (the name) lies within `span` (the whole declaration), as the protocol requires.
fn symbol(
    analysis: &Analysis,
    name: String,
    detail: Option<String>,
    kind: SymbolKind,
    span: Span,
    at: Span,
    children: Vec<DocumentSymbol>,
) -> DocumentSymbol {
    let span = span.to(at);
    #[expect(
        deprecated,
        reason = "the protocol type still has the field; tags replace it"
    )]
    DocumentSymbol {
        name: if name.is_empty() {
            "?".to_string()
        } else {
            name
        },
        detail,
        kind,
        tags: None,
        deprecated: None,
        range: analysis.range(span),
        selection_range: analysis.range(at),
        children: if children.is_empty() {
            None
        } else {
            Some(children)
        },
    }
}
