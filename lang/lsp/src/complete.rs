//! Completion: the keywords (of the file's language), and the names in scope at the cursor.
//!
//! The names come from the contract the cursor is in (from every contract when it is in none): its parties,
//! items, supplements and obligations; inside a clause definition, the clause's parameters and its own
//! declarations instead; the clauses a `use` can name (this file's own, and each imported module's as
//! `module.clause`); and the event kinds `starts when` and `ends when` accept. The words before the cursor narrow
//! the list: after `starts when` or `ends when` only event kinds, after any other `when` only `missed`, after
//! `missed` only `withhold` and `flag`, after `withhold` the items and supplements it may hold, after `use` only
//! clauses, after `to`, `by` or `and` only parties (in a
//! clause, its `party` parameters), after `on` the weekdays (nothing after `starts on` or `ends on`; `start` after
//! `once on`), after `once` only `on`, after `role`
//! the roles. Names are read from the syntax tree as well as from the checked contract, so
//! that a file with errors still completes. The list is sorted and has each label once, and each item replaces
//! the whole dotted word being typed (`care.st` becomes `care.status_report`, not `care.care.status_report`).

use cvl_syntax::text::shown;
use std::collections::BTreeMap;

use cvl_check::BUILTIN_EVENTS;
use cvl_check::model::{Role, Weekday};
use cvl_syntax::ast::{Block, DeclKind, StmtKind, TopItem};
use cvl_syntax::lexer::KEYWORDS;
use cvl_syntax::{Lang, Span, text};
use lsp_types::{CompletionItem, CompletionItemKind, CompletionTextEdit, TextEdit};

use crate::engine::Analysis;

/// What the word before the cursor asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Want {
    Anything,
    EventKind,
    Missed,
    Consequence,
    Clause,
    Party,
    /// After `every … on`: a weekday.
    Weekday,
    /// After `role`.
    Role,
    /// After `withhold`: the items and supplements a missed obligation may hold.
    Item,
    /// The one keyword that follows: `to` after `reimburse` and `up`, `by` after `approved`, `on` after `once`,
    /// the word `start` after `once on`, and the word `index` after `regulated by`.
    Then(&'static str),
}

pub(crate) fn completion(analysis: &Analysis, offset: u32) -> Vec<CompletionItem> {
    let text = analysis.source().map_or("", |s| s.text.as_str());
    // The details are in the document's language (lsp.ftl).
    let lang = crate::words::lang_of(analysis);
    let keyword_detail = || text!("lsp-complete-keyword").show(lang);
    let previous = previous_word(text, offset);
    let want = match previous.map(|(_, word)| word) {
        Some("when") => match previous.and_then(|(start, _)| previous_word(text, start)) {
            Some((_, "starts" | "ends")) => Want::EventKind,
            _ => Want::Missed,
        },
        Some("missed") => Want::Consequence,
        Some("withhold") => Want::Item,
        // `starts on` and `ends on` take a date, which has no completion; `every 2 weeks on` takes a weekday.
        Some("on") => match previous.and_then(|(start, _)| previous_word(text, start)) {
            Some((_, "starts" | "ends")) => return Vec::new(),
            // `once on` takes `start` or a date.
            Some((_, "once")) => Want::Then("start"),
            _ => Want::Weekday,
        },
        Some("role") => Want::Role,
        Some("reimburse" | "up") => Want::Then("to"),
        Some("once") => Want::Then("on"),
        Some("approved") => Want::Then("by"),
        // `up to` takes an amount, which has no completion.
        Some("to")
            if matches!(
                previous.and_then(|(start, _)| previous_word(text, start)),
                Some((_, "up"))
            ) =>
        {
            return Vec::new();
        }
        Some("use") => Want::Clause,
        // `regulated by` takes a percentage, which has no completion, or `index` and the index's name.
        Some("by")
            if matches!(
                previous.and_then(|(start, _)| previous_word(text, start)),
                Some((_, "regulated"))
            ) =>
        {
            Want::Then("index")
        }
        Some("to" | "by" | "and") => Want::Party,
        _ => Want::Anything,
    };
    // Each item replaces the dotted word from its start to the cursor.
    let range = analysis.range(Span::new(analysis.root, word_start(text, offset), offset));
    let mut items: BTreeMap<String, CompletionItem> = BTreeMap::new();
    let mut add = |label: &str, kind: CompletionItemKind, detail: String| {
        items
            .entry(label.to_string())
            .or_insert_with(|| CompletionItem {
                label: label.to_string(),
                kind: Some(kind),
                detail: Some(detail),
                text_edit: Some(CompletionTextEdit::Edit(TextEdit::new(
                    range,
                    label.to_string(),
                ))),
                ..CompletionItem::default()
            });
    };
    match want {
        Want::Missed => {
            add("missed", CompletionItemKind::KEYWORD, keyword_detail());
            return items.into_values().collect();
        }
        Want::Then(keyword) => {
            add(keyword, CompletionItemKind::KEYWORD, keyword_detail());
            return items.into_values().collect();
        }
        Want::Consequence => {
            for keyword in ["flag", "withhold"] {
                add(keyword, CompletionItemKind::KEYWORD, keyword_detail());
            }
            return items.into_values().collect();
        }
        Want::Role => {
            for (role, _) in Role::ALL {
                add(
                    role,
                    CompletionItemKind::ENUM_MEMBER,
                    text!("lsp-complete-role").show(lang),
                );
            }
            return items.into_values().collect();
        }
        Want::Weekday => {
            for (day, _) in Weekday::ALL {
                add(
                    day,
                    CompletionItemKind::ENUM_MEMBER,
                    text!("lsp-complete-weekday").show(lang),
                );
            }
        }
        _ => {}
    }

    let clause = analysis.file.items.iter().find_map(|item| match item {
        TopItem::Clause(c) if c.span.contains(offset) => Some(c),
        _ => None,
    });
    let in_contract = clause.is_some()
        || analysis.file.items.iter().any(|item| match item {
            TopItem::Contract(c) => c.span.contains(offset),
            _ => false,
        });
    let in_scope = |span: cvl_syntax::Span| !in_contract || span.contains(offset);
    // Inside a clause definition: its parameters, and its own declarations below.
    let mut bodies: Vec<&Block> = Vec::new();
    if let Some(clause) = clause {
        for param in &clause.params {
            let is_party = param.ty.name == "party";
            let is_weekday = param.ty.name == "weekday";
            if want == Want::Anything
                || (want == Want::Party && is_party)
                || (want == Want::Weekday && is_weekday)
            {
                let kind = if is_party {
                    CompletionItemKind::VARIABLE
                } else {
                    CompletionItemKind::VALUE
                };
                add(
                    &param.name.name,
                    kind,
                    text!("lsp-complete-parameter", kind = param.ty.name.as_str()).show(lang),
                );
            }
        }
        bodies.push(&clause.body);
    }
    // Declarations as written, then what the checker found (obligations brought in by a `use`).
    let mut obligations: Vec<String> = Vec::new();
    for item in &analysis.file.items {
        if let TopItem::Contract(contract) = item
            && in_scope(contract.span)
        {
            bodies.push(&contract.body);
        }
    }
    for body in bodies {
        for (kind, name, title) in declarations(body) {
            let detail = match kind {
                DeclKind::Party => "party",
                DeclKind::Item => "item",
                DeclKind::Supplement => "supplement",
                DeclKind::Obligation => "obligation",
                DeclKind::Termination => continue,
            };
            let detail = text!(
                "lsp-complete-declaration",
                kind = detail,
                title = title
                    .as_deref()
                    .map_or_else(String::new, |t| format!(": {}", shown(t)))
            )
            .show(lang);
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
                (DeclKind::Item | DeclKind::Supplement, Want::Item) => {
                    add(&name, CompletionItemKind::FIELD, detail);
                }
                _ => {}
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
            add(
                kind,
                CompletionItemKind::EVENT,
                text!("lsp-complete-event").show(lang),
            );
        }
        for name in &obligations {
            add(
                name,
                CompletionItemKind::EVENT,
                text!("lsp-complete-event-met", name = name.as_str()).show(lang),
            );
        }
    }
    if matches!(want, Want::Anything | Want::Clause) {
        for (name, title) in clauses(&analysis.file.items) {
            add(
                &name,
                CompletionItemKind::FUNCTION,
                clause_detail(lang, title),
            );
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
                    clause_detail(lang, title),
                );
            }
        }
    }
    if want == Want::Anything {
        // The keywords of the file's language (spec 2.5).
        let language = cvl_syntax::lexer::lex_in(cvl_syntax::FileId(0), text).0;
        let keywords = match language {
            cvl_syntax::danish::Language::English => KEYWORDS,
            cvl_syntax::danish::Language::Danish => cvl_syntax::danish::DANISH_KEYWORDS,
        };
        for (keyword, _) in keywords {
            add(keyword, CompletionItemKind::KEYWORD, keyword_detail());
        }
    }
    items.into_values().collect()
}

fn clause_detail(lang: Lang, title: Option<String>) -> String {
    text!(
        "lsp-complete-clause",
        title = title.map_or_else(String::new, |t| format!(": {}", shown(&t)))
    )
    .show(lang)
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

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '.'
}

/// Where the dotted word being typed at `offset` starts (`offset` itself when none is).
fn word_start(text: &str, offset: u32) -> u32 {
    let Some(before) = text.get(..offset as usize) else {
        return offset;
    };
    let word = before.len() - before.trim_end_matches(is_word).len();
    offset.saturating_sub(u32::try_from(word).unwrap_or(0))
}

/// The whole word before the one being typed at `offset`, with the offset it starts at.
fn previous_word(text: &str, offset: u32) -> Option<(u32, &str)> {
    let before = text.get(..offset as usize)?;
    let before = before.trim_end_matches(is_word).trim_end();
    let start = before
        .char_indices()
        .rev()
        .find(|(_, c)| !is_word(*c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let word = before.get(start..).filter(|w| !w.is_empty())?;
    Some((u32::try_from(start).ok()?, word))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_previous_word_skips_the_one_being_typed() {
        assert_eq!(previous_word("starts when sta", 15), Some((7, "when")));
        assert_eq!(previous_word("starts  when sta", 8), Some((0, "starts")));
        assert_eq!(previous_word("pay 5 DKK to ", 13), Some((10, "to")));
        assert_eq!(previous_word("use care.st", 11), Some((0, "use")));
        assert_eq!(previous_word("  item", 6), None);
        assert_eq!(previous_word("ø å", 5), Some((0, "ø")));
        // An offset inside a character has no word.
        assert_eq!(previous_word("ø", 1), None);
    }

    #[test]
    fn the_word_being_typed_starts_at_its_first_dotted_part() {
        assert_eq!(word_start("use care.st", 11), 4);
        assert_eq!(word_start("use care.", 9), 4);
        assert_eq!(word_start("to ", 3), 3);
        assert_eq!(word_start("ø", 1), 1);
    }
}
