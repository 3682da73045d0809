//! Completion: the keywords, and the names in scope at the cursor.
//!
//! The names come from the contract the cursor is in (from every contract when it is in none): its parties,
//! items, supplements and obligations; the clauses a `use` can name (this file's own, and each imported module's
//! as `module.clause`); and the event kinds `starts when` and `ends when` accept. The word before the cursor
//! narrows the list: after `when` only event kinds, after `use` only clauses, after `to`, `by` or `and` only
//! parties. Names are read from the syntax tree as well as from the checked contract, so that a file with errors
//! still completes. The list is sorted and has each label once.

use std::collections::BTreeMap;

use cvl_check::BUILTIN_EVENTS;
use cvl_syntax::ast::{Block, DeclKind, StmtKind, TopItem};
use cvl_syntax::lexer::KEYWORDS;
use lsp_types::{CompletionItem, CompletionItemKind};

use crate::engine::Analysis;

/// What the word before the cursor asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Want {
    Anything,
    EventKind,
    Clause,
    Party,
}

pub(crate) fn completion(analysis: &Analysis, offset: u32) -> Vec<CompletionItem> {
    let text = analysis.source().map_or("", |s| s.text.as_str());
    let want = match previous_word(text, offset) {
        Some("when") => Want::EventKind,
        Some("use") => Want::Clause,
        Some("to" | "by" | "and") => Want::Party,
        _ => Want::Anything,
    };
    let mut items: BTreeMap<String, CompletionItem> = BTreeMap::new();
    let mut add = |label: &str, kind: CompletionItemKind, detail: String| {
        items
            .entry(label.to_string())
            .or_insert_with(|| CompletionItem {
                label: label.to_string(),
                kind: Some(kind),
                detail: Some(detail),
                ..CompletionItem::default()
            });
    };

    let in_contract = analysis.file.items.iter().any(|item| match item {
        TopItem::Contract(c) => c.span.contains(offset),
        _ => false,
    });
    let in_scope = |span: cvl_syntax::Span| !in_contract || span.contains(offset);
    // Declarations as written, then what the checker found (obligations brought in by a `use`).
    let mut obligations: Vec<String> = Vec::new();
    for item in &analysis.file.items {
        if let TopItem::Contract(contract) = item
            && in_scope(contract.span)
        {
            for (kind, name, title) in declarations(&contract.body) {
                let detail = match kind {
                    DeclKind::Party => "party",
                    DeclKind::Item => "item",
                    DeclKind::Supplement => "supplement",
                    DeclKind::Obligation => "obligation",
                    DeclKind::Termination => continue,
                };
                let detail = match &title {
                    Some(title) => format!("{detail}: {title}"),
                    None => detail.to_string(),
                };
                if kind == DeclKind::Obligation {
                    obligations.push(name.clone());
                }
                match (kind, want) {
                    (DeclKind::Party, Want::Anything | Want::Party) => {
                        add(&name, CompletionItemKind::VARIABLE, detail);
                    }
                    (_, Want::Anything) if kind != DeclKind::Party => {
                        add(&name, CompletionItemKind::FIELD, detail);
                    }
                    _ => {}
                }
            }
        }
    }
    for contract in &analysis.checked.contracts {
        if in_scope(contract.span) {
            obligations.extend(contract.obligations.iter().map(|o| o.id.0.clone()));
        }
    }

    if matches!(want, Want::Anything | Want::EventKind) {
        for kind in BUILTIN_EVENTS {
            add(kind, CompletionItemKind::EVENT, "event kind".to_string());
        }
        for name in &obligations {
            add(
                name,
                CompletionItemKind::EVENT,
                format!("event kind: `{name}` was met"),
            );
        }
    }
    if matches!(want, Want::Anything | Want::Clause) {
        for (name, title) in clauses(&analysis.file.items) {
            add(&name, CompletionItemKind::FUNCTION, clause_detail(title));
        }
        for (module, file) in &analysis.checked.info.imports {
            let Some(source) = analysis.sources.get(*file) else {
                continue;
            };
            let parsed = cvl_syntax::parse_source(*file, source);
            for (name, title) in clauses(&parsed.file.items) {
                add(
                    &format!("{module}.{name}"),
                    CompletionItemKind::FUNCTION,
                    clause_detail(title),
                );
            }
        }
    }
    if want == Want::Anything {
        for (keyword, _) in KEYWORDS {
            add(keyword, CompletionItemKind::KEYWORD, "keyword".to_string());
        }
    }
    items.into_values().collect()
}

fn clause_detail(title: Option<String>) -> String {
    match title {
        Some(title) => format!("clause: {title}"),
        None => "clause".to_string(),
    }
}

/// The clause definitions among `items`, with their titles.
fn clauses(items: &[TopItem]) -> Vec<(String, Option<String>)> {
    items
        .iter()
        .filter_map(|item| match item {
            TopItem::Clause(c) => Some((
                c.name.name.clone(),
                c.title.as_ref().map(|t| t.value.clone()),
            )),
            _ => None,
        })
        .collect()
}

/// The named declarations directly in `block`: kind, name and title.
fn declarations(block: &Block) -> Vec<(DeclKind, String, Option<String>)> {
    block
        .stmts
        .iter()
        .filter_map(|stmt| match &stmt.kind {
            StmtKind::Decl(decl) => decl.name.as_ref().map(|name| {
                (
                    decl.kind,
                    name.name.clone(),
                    decl.title.as_ref().map(|t| t.value.clone()),
                )
            }),
            _ => None,
        })
        .collect()
}

/// The whole word before the one being typed at `offset`.
fn previous_word(text: &str, offset: u32) -> Option<&str> {
    let before = text.get(..offset as usize)?;
    let is_word = |c: char| c.is_alphanumeric() || c == '_' || c == '.';
    let before = before.trim_end_matches(is_word).trim_end();
    let start = before
        .char_indices()
        .rev()
        .find(|(_, c)| !is_word(*c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    before.get(start..).filter(|w| !w.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_previous_word_skips_the_one_being_typed() {
        assert_eq!(previous_word("starts when sta", 15), Some("when"));
        assert_eq!(previous_word("pay 5 DKK to ", 13), Some("to"));
        assert_eq!(previous_word("use care.st", 11), Some("use"));
        assert_eq!(previous_word("  item", 6), None);
        assert_eq!(previous_word("ø å", 5), Some("ø"));
        // An offset inside a character has no word.
        assert_eq!(previous_word("ø", 1), None);
    }
}
