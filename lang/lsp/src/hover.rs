//! Hover: what the text under the cursor means, in the negotiator's terms and the document's language (lsp.ftl;
//! the summaries of terms are summary.rs's).
//!
//! On the name of a party, item, supplement, obligation or contract (where it is declared or where it is used)
//! hover shows its title and a summary in words: "60,000.00 DKK per month to ostervold, first 3 months from the
//! start"; a duration keeps its unit as written ("every 2 weeks (14 days)"). A declaration inside a clause
//! definition, hovered there, is shown as written. On a clause (in this file, an imported one or the stdlib) it
//! shows the clause's heading as written and the comment above it, escaped for Markdown; on a parameter, its
//! declared type and what the type means. On an expression it shows its constant value and its type ("5,000.00
//! DKK per month, DKK per month"); inside a `pay` statement, the summary of the item it belongs to follows.

use cvl_check::model::{Contract, Item, ItemKind};
use cvl_check::value::Value;
use cvl_check::{Definition, DefinitionKind};
use cvl_syntax::ast::{EndRule, Expr, Stmt, StmtKind, TopItem};
use cvl_syntax::text::shown;
use cvl_syntax::{Lang, Source, Span, Text, text};
use lsp_types::{Hover, HoverContents, MarkupContent, MarkupKind};

use crate::engine::Analysis;
use crate::summary::{contract_summary, item_summary, obligation_text, party_summary};
use crate::words::{lang_of, ty as type_in, value as value_in};

pub(crate) fn hover(analysis: &Analysis, offset: u32) -> Option<Hover> {
    let lang = lang_of(analysis);
    let t = |text: Text| text.show(lang);
    let info = &analysis.checked.info;
    let contains = |s: Span| s.start <= offset && offset < s.end;
    // A name: where it is declared, or a use of it.
    let named = info
        .references
        .iter()
        .find(|r| contains(r.span))
        .map(|r| (r.span, r.target))
        .or_else(|| {
            info.definitions
                .iter()
                .find(|d| contains(d.span))
                .map(|d| (d.span, d.span))
        });
    if let Some((at, target)) = named
        && let Some(text) = describe_name(analysis, lang, target, offset)
    {
        return Some(markdown(text, analysis.range(at)));
    }
    let typed = info.type_at(offset)?;
    let mut text = match &typed.value {
        // A duration keeps its unit as written: `2 weeks (14 days)`.
        Some(value @ Value::Duration { .. }) => t(text!(
            "lsp-hover-value",
            value = as_written(analysis, typed.span, value_in(lang, value)),
            kind = type_in(lang, &typed.ty)
        )),
        Some(value) => t(text!(
            "lsp-hover-value",
            value = value_in(lang, value),
            kind = type_in(lang, &typed.ty)
        )),
        None => format!("**{}**", type_in(lang, &typed.ty)),
    };
    // The days a duration means for this contract (a length in hours has none, but says what it is).
    let length = match &typed.value {
        Some(Value::Duration { amount, calendar }) => Some(cvl_check::model::Duration {
            amount: *amount,
            calendar: *calendar,
        }),
        _ => None,
    };
    if let Some(days) = crate::dates::duration_dates(analysis, typed.span, length) {
        text.push_str("\n\n");
        text.push_str(&shown_lines(&days));
    }
    if let Some((contract, item)) = paying_item(&analysis.checked.contracts, offset) {
        text.push_str("\n\n");
        text.push_str(&item_heading(lang, item));
        text.push_str(": ");
        text.push_str(&item_summary(analysis, lang, item, contract));
    }
    Some(markdown(text, analysis.range(typed.span)))
}

fn markdown(value: String, range: lsp_types::Range) -> Hover {
    Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value,
        }),
        range: Some(range),
    }
}

/// What the name defined at `target` is, in words.
fn describe_name(analysis: &Analysis, lang: Lang, target: Span, offset: u32) -> Option<String> {
    let t = |text: Text| text.show(lang);
    let contracts = &analysis.checked.contracts;
    if target.file != analysis.root {
        // An obligation a clause from another file declares (named by `ends when`), or the clause itself.
        if let Some((_, obligation)) =
            find(contracts, target, offset, |c| &c.obligations, |o| o.span)
        {
            return Some(obligation_text(analysis, lang, obligation));
        }
        return describe_clause(analysis.sources.get(target.file)?, lang, target);
    }
    let definition = analysis
        .checked
        .info
        .definitions
        .iter()
        .find(|d| d.span == target)?;
    // A declaration inside a clause definition, hovered there: as written, not as one `use` expanded it.
    if let Some(text) = declared_in_clause(analysis, lang, target, offset) {
        return Some(text);
    }
    let text = match definition.kind {
        DefinitionKind::Contract => {
            let contract = contracts.iter().find(|c| c.span.contains(target.start))?;
            format!(
                "{}\n\n{}",
                t(text!(
                    "lsp-contract",
                    name = contract.name.as_str(),
                    title = titled(contract.title.as_deref())
                )),
                contract_summary(analysis, lang, contract)
            )
        }
        DefinitionKind::Party => {
            let (contract, party) = find(contracts, target, offset, |c| &c.parties, |p| p.span)?;
            format!(
                "{}\n\n{}",
                t(text!(
                    "lsp-party",
                    name = party.id.0.as_str(),
                    title = titled(party.title.as_deref())
                )),
                party_summary(lang, party, contract)
            )
        }
        DefinitionKind::Item | DefinitionKind::Supplement => {
            let (contract, item) = find(contracts, target, offset, |c| &c.items, |i| i.span)?;
            format!(
                "{}\n\n{}",
                item_heading(lang, item),
                item_summary(analysis, lang, item, contract)
            )
        }
        DefinitionKind::Obligation => {
            let (_, obligation) = find(contracts, target, offset, |c| &c.obligations, |o| o.span)?;
            obligation_text(analysis, lang, obligation)
        }
        DefinitionKind::Clause => describe_clause(analysis.source()?, lang, target)?,
        DefinitionKind::Parameter => parameter(analysis, lang, definition),
    };
    Some(text)
}

/// The declaration whose span holds `target`, preferring the contract that holds `offset` (a clause used by
/// two contracts declares its terms in both).
fn find<'c, T>(
    contracts: &'c [Contract],
    target: Span,
    offset: u32,
    list: impl Fn(&'c Contract) -> &'c Vec<T>,
    span: impl Fn(&T) -> Span,
) -> Option<(&'c Contract, &'c T)> {
    let mut found = contracts.iter().flat_map(|c| {
        list(c)
            .iter()
            .filter(|t| {
                let s = span(t);
                s.file == target.file && s.contains(target.start)
            })
            .map(move |t| (c, t))
    });
    let first = found.next()?;
    Some(
        std::iter::once(first)
            .chain(found)
            .find(|(c, _)| c.span.contains(offset))
            .unwrap_or(first),
    )
}

/// A clause's parameter: its type as declared, and what the type means (5.4).
fn parameter(analysis: &Analysis, lang: Lang, definition: &Definition) -> String {
    let name = definition.name.as_str();
    let declared = analysis.file.items.iter().find_map(|item| match item {
        TopItem::Clause(c) => c.params.iter().find(|p| p.name.span == definition.span),
        _ => None,
    });
    match declared {
        Some(param) => {
            let ty = &param.ty.name;
            match type_meaning(ty) {
                Some(meaning) => text!(
                    "lsp-parameter-meaning",
                    name = name,
                    kind = ty.as_str(),
                    meaning = meaning
                )
                .show(lang),
                None => text!("lsp-parameter-type", name = name, kind = ty.as_str()).show(lang),
            }
        }
        None => text!(
            "lsp-parameter",
            name = name,
            detail = definition.detail.as_str()
        )
        .show(lang),
    }
}

/// What a parameter type's name means, as 5.4 says (`lsp-type-meaning`).
fn type_meaning(name: &str) -> Option<Text> {
    const TYPES: [&str; 11] = [
        "bool", "count", "date", "days", "duration", "hours", "money", "party", "rate", "text",
        "weekday",
    ];
    TYPES
        .contains(&name)
        .then(|| text!("lsp-type-meaning", kind = name))
}

/// A party, item, supplement or obligation declared inside a clause definition, when the cursor is in that
/// definition: its declaration as written (its terms depend on each `use`'s arguments).
fn declared_in_clause(
    analysis: &Analysis,
    lang: Lang,
    target: Span,
    offset: u32,
) -> Option<String> {
    let clause = analysis.file.items.iter().find_map(|item| match item {
        TopItem::Clause(c) if c.span.contains(target.start) && c.span.contains(offset) => Some(c),
        _ => None,
    })?;
    let stmt = clause.body.stmts.iter().find(|stmt| match &stmt.kind {
        StmtKind::Decl(decl) => decl.name.as_ref().is_some_and(|n| n.span == target),
        _ => false,
    })?;
    let text = &analysis.source()?.text;
    let written = text.get(stmt.span.start as usize..stmt.span.end as usize)?;
    // Lines after the first lose the indentation of the first.
    let line_start = text
        .get(..stmt.span.start as usize)?
        .rfind('\n')
        .map_or(0, |i| i + 1);
    let indent = text.get(line_start..stmt.span.start as usize)?;
    let lines: Vec<&str> = written
        .lines()
        .map(|l| l.strip_prefix(indent).unwrap_or(l))
        .collect();
    Some(format!(
        "{}\n\n{}",
        code_block(&lines.join("\n")),
        text!("lsp-in-clause", clause = clause.name.name.as_str()).show(lang)
    ))
}

/// `text` in a fenced CVL code block, with a fence longer than any run of backticks in it.
fn code_block(text: &str) -> String {
    let text = shown_lines(text);
    let mut fence = "```".to_string();
    while text.contains(fence.as_str()) {
        fence.push('`');
    }
    format!("{fence}cvl\n{text}\n{fence}")
}

/// `text` (one line) with Markdown's special characters escaped, so that it shows as written: those that mark
/// text up anywhere, and those that start a heading or a list at the start of the line.
pub(crate) fn escape_markdown(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    for (i, c) in text.chars().enumerate() {
        let starts_block =
            (i == 0 && "#+-=".contains(c)) || (i == digits && i > 0 && ".)".contains(c));
        if starts_block || "\\`*_[]<>&~|".contains(c) {
            escaped.push('\\');
        }
        escaped.push(c);
    }
    escaped
}

/// A title after its declaration's name, as every user string the server shows: CPR-like numbers masked, hidden
/// characters escaped (spec section 6).
pub(crate) fn titled(title: Option<&str>) -> String {
    title.map_or_else(String::new, |t| format!(": {}", shown(t)))
}

/// Text of several lines, each line as [`shown`] shows it.
fn shown_lines(text: &str) -> String {
    text.lines()
        .map(|line| shown(line).into_owned())
        .collect::<Vec<_>>()
        .join("\n")
}

fn item_heading(lang: Lang, item: &Item) -> String {
    let kind = match item.kind {
        ItemKind::Item => "item",
        ItemKind::Supplement => "supplement",
    };
    text!(
        "lsp-item",
        kind = kind,
        name = item.id.0.as_str(),
        title = titled(item.title.as_deref())
    )
    .show(lang)
}

/// The item whose `pay` statement holds `offset`.
fn paying_item(contracts: &[Contract], offset: u32) -> Option<(&Contract, &Item)> {
    contracts.iter().find_map(|c| {
        c.items
            .iter()
            .find(|i| i.pay_span.is_some_and(|s| s.contains(offset)))
            .map(|i| (c, i))
    })
}

pub(crate) fn money(amount: rust_decimal::Decimal, currency: &str) -> Value {
    Value::Money {
        amount,
        currency: currency.to_string(),
    }
}

fn duration(lang: Lang, d: cvl_check::model::Duration) -> String {
    value_in(
        lang,
        &Value::Duration {
            amount: d.amount,
            calendar: d.calendar,
        },
    )
}

/// The statements of a declaration or contract as written in the document, where durations are read as written.
pub(crate) struct Written<'a> {
    pub(crate) stmts: Option<&'a [Stmt]>,
}

impl<'a> Written<'a> {
    /// The statements of the declaration at `span` (a statement's span), when the document has it.
    pub(crate) fn of_decl(analysis: &'a Analysis, span: Span) -> Self {
        let stmts = analysis
            .file
            .items
            .iter()
            .filter_map(|item| match item {
                TopItem::Contract(c) => Some(&c.body),
                TopItem::Clause(c) => Some(&c.body),
                TopItem::Import(_) => None,
            })
            .flat_map(|body| body.stmts.iter())
            .find_map(|stmt| match &stmt.kind {
                StmtKind::Decl(decl) if stmt.span == span => Some(decl.body.stmts.as_slice()),
                _ => None,
            });
        Written { stmts }
    }

    /// `d` as the statement `which` writes it (`2 weeks (14 days)`), or as it counts (`14 days`).
    pub(crate) fn duration(
        &self,
        analysis: &Analysis,
        lang: Lang,
        which: impl Fn(&StmtKind) -> bool,
        d: cvl_check::model::Duration,
    ) -> String {
        let expr = self
            .stmts
            .into_iter()
            .flatten()
            .find(|stmt| which(&stmt.kind))
            .and_then(|stmt| stmt_expr(&stmt.kind));
        match expr {
            Some(expr) => as_written(analysis, expr.span, duration(lang, d)),
            None => duration(lang, d),
        }
    }
}

/// The duration a statement writes.
fn stmt_expr(kind: &StmtKind) -> Option<&Expr> {
    match kind {
        StmtKind::ForFirst(e)
        | StmtKind::Term(e)
        | StmtKind::Grace(e)
        | StmtKind::Every { interval: e, .. }
        | StmtKind::Ends(EndRule::After(e)) => Some(e),
        _ => None,
    }
}

/// `shown` after the quantity written at `span` when that is a number and a unit that reads differently
/// (`2 weeks (14 days)`, `2 years (24 months)`); `shown` alone otherwise.
fn as_written(analysis: &Analysis, span: Span, shown: String) -> String {
    let text = analysis
        .source()
        .filter(|_| span.file == analysis.root)
        .and_then(|s| s.text.get(span.start as usize..span.end as usize));
    let Some(text) = text else { return shown };
    let words: Vec<&str> = text.split_whitespace().collect();
    let literal = match words.as_slice() {
        [number, unit] => {
            number
                .chars()
                .all(|c| c.is_ascii_digit() || c == '_' || c == '.')
                && unit.chars().all(char::is_alphabetic)
        }
        _ => false,
    };
    let written = words.join(" ");
    if literal && written != shown {
        format!("{written} ({shown})")
    } else {
        shown
    }
}

/// A clause's heading as written, with the comment above it.
fn describe_clause(source: &Source, lang: Lang, target: Span) -> Option<String> {
    let parsed = cvl_syntax::parse_source(target.file, source);
    let clause = parsed.file.items.iter().find_map(|item| match item {
        TopItem::Clause(c) if c.name.span == target => Some(c),
        _ => None,
    })?;
    let params: Vec<String> = clause
        .params
        .iter()
        .map(|p| format!("{}: {}", p.name.name, p.ty.name))
        .collect();
    let mut heading = format!("clause {}({})", clause.name.name, params.join(", "));
    if let Some(title) = &clause.title {
        // The title as written, with its escapes.
        let written = source
            .text
            .get(title.span.start as usize..title.span.end as usize)
            .map_or_else(|| format!("\"{}\"", title.value), str::to_string);
        heading.push(' ');
        heading.push_str(&written);
    }
    let mut text = code_block(&heading);
    // The clause's documentation (spec 4.14): what it means, then each parameter's type and meaning.
    let doc = cvl_library::docs::clause_doc(&source.text, clause);
    if !doc.meaning.is_empty() {
        text.push_str("\n\n");
        text.push_str(&escape_markdown(&shown_lines(&doc.meaning)));
    }
    for param in &doc.params {
        text.push_str(&format!("\n- `{}`: {}", param.name, param.ty));
        if let Some(meaning) = &param.meaning {
            text.push_str(" — ");
            text.push_str(&escape_markdown(&shown_lines(meaning)));
        }
    }
    if let Some(module) = source
        .path
        .is_none()
        .then(|| cvl_check::loader::stdlib_module(&source.name))
        .flatten()
    {
        text.push_str("\n\n");
        text.push_str(&text!("lsp-from-stdlib", module = module).show(lang));
    }
    Some(text)
}
