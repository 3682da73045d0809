//! Hover: what the text under the cursor means, in the negotiator's terms.
//!
//! On the name of a party, item, supplement, obligation or contract (where it is declared or where it is used)
//! hover shows its title and a summary in words: "60,000.00 DKK per month to ostervold, first 3 months from the
//! start"; a duration keeps its unit as written ("every 2 weeks (14 days)"). A declaration inside a clause
//! definition, hovered there, is shown as written. On a clause (in this file, an imported one or the stdlib) it
//! shows the clause's heading as written and the comment above it, escaped for Markdown; on a parameter, its
//! declared type and what the type means. On an expression it shows its constant value and its type ("5,000.00
//! DKK per month, DKK per month"); inside a `pay` statement, the summary of the item it belongs to follows.

use cvl_check::model::{
    Contract, End, Item, ItemKind, Obligation, OnceOn, Party, RegulatedBy, Start,
};
use cvl_check::types::Per;
use cvl_check::value::Value;
use cvl_check::{Definition, DefinitionKind};
use cvl_syntax::ast::{Consequence, EndRule, Expr, Stmt, StmtKind, TopItem};
use cvl_syntax::text::shown;
use cvl_syntax::{Lang, Source, Span, Text, text};
use lsp_types::{Hover, HoverContents, MarkupContent, MarkupKind};

use crate::engine::Analysis;
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
fn titled(title: Option<&str>) -> String {
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

fn money(amount: rust_decimal::Decimal, currency: &str) -> Value {
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
struct Written<'a> {
    stmts: Option<&'a [Stmt]>,
}

impl<'a> Written<'a> {
    /// The statements of the declaration at `span` (a statement's span), when the document has it.
    fn of_decl(analysis: &'a Analysis, span: Span) -> Self {
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
    fn duration(
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

/// Party names joined by `and` (`og`).
fn names(lang: Lang, ids: &[cvl_check::model::PartyId]) -> String {
    let names: Vec<&str> = ids.iter().map(|p| p.0.as_str()).collect();
    names.join(&format!(" {} ", text!("lsp-and").show(lang)))
}

/// "60,000.00 DKK per month to ostervold, first 3 months from the start".
pub(crate) fn item_summary(
    analysis: &Analysis,
    lang: Lang,
    item: &Item,
    contract: &Contract,
) -> String {
    let t = |text: Text| text.show(lang);
    let written = Written::of_decl(analysis, item.span);
    let mut parts = Vec::new();
    let pay = match (&item.rate, &item.reimburse) {
        (None, None) if item.once.is_some() => {
            item.once.as_ref().map_or_else(String::new, |once| {
                value_in(lang, &money(once.amount, &once.currency))
            })
        }
        (Some(rate), _) => value_in(
            lang,
            &Value::Rate {
                of: Box::new(money(rate.amount, &rate.currency)),
                per: rate.per,
            },
        ),
        (None, Some(reimburse)) => {
            let limit = value_in(lang, &money(reimburse.limit, &reimburse.currency));
            match reimburse.per {
                None => t(text!("lsp-reimbursed-whole", limit = limit)),
                Some(p) => t(text!(
                    "lsp-reimbursed-per",
                    limit = limit,
                    per = crate::words::per(lang, p.word())
                )),
            }
        }
        (None, None) => t(text!("lsp-no-price")),
    };
    parts.push(match &item.payee {
        Some(payee) => t(text!("lsp-pay-to", pay = pay, payee = payee.0.as_str())),
        None => pay,
    });
    if let Some(once) = &item.once {
        parts.push(match once.on {
            OnceOn::Start => t(text!("lsp-once-start")),
            OnceOn::Date(date) => t(text!("lsp-once-on", date = date.format("%Y-%m-%d").to_string())),
        });
    }
    if let (Some(regulation), Some(rate)) = (&item.regulation, &item.rate) {
        let from = regulation.from.format("%Y-%m-%d").to_string();
        parts.push(match &regulation.by {
            RegulatedBy::Percent(percent) => {
                // The rule, and the rate in force from its first day: the rate times (1 + P/100), rounded to the
                // øre.
                let first = regulation
                    .raise(rate.amount, regulation.from, &|_, _| None)
                    .ok()
                    .map(|amount| {
                        value_in(
                            lang,
                            &Value::Rate {
                                of: Box::new(money(amount, &rate.currency)),
                                per: rate.per,
                            },
                        )
                    });
                let rule = text!(
                    "lsp-regulated-percent",
                    percent = cvl_messages::group(lang, &percent.to_string()),
                    from = from
                );
                match first {
                    Some(rate) => t(text!("lsp-regulated-then", rule = rule, rate = rate)),
                    None => t(rule),
                }
            }
            // The rule: the values are the log's, which hover does not read.
            RegulatedBy::Index(index) => t(text!(
                "lsp-regulated-index",
                index = index.as_str(),
                from = from
            )),
        });
    }
    if let Some(first) = item.first {
        let first = written.duration(analysis, lang, |k| matches!(k, StmtKind::ForFirst(_)), first);
        parts.push(t(text!("lsp-first", duration = first)));
    }
    if let Some(starts) = item.starts {
        parts.push(t(text!("lsp-from", date = starts.format("%Y-%m-%d").to_string())));
    }
    if let Some(ends) = item.ends {
        parts.push(t(text!("lsp-until", date = ends.format("%Y-%m-%d").to_string())));
    }
    if let Some(cap) = item.cap {
        parts.push(t(text!("lsp-cap", hours = value_in(lang, &Value::Hours(cap)))));
    }
    if !item.confirmed_by.is_empty() {
        parts.push(t(text!(
            "lsp-confirmed-by",
            parties = names(lang, &item.confirmed_by)
        )));
    }
    if let Some(reimburse) = &item.reimburse
        && !reimburse.approved_by.is_empty()
    {
        parts.push(t(text!(
            "lsp-approved-by",
            parties = names(lang, &reimburse.approved_by)
        )));
    }
    if !item.covers.is_empty() {
        let covered: Vec<String> = item
            .covers
            .iter()
            .map(|c| format!("\"{}\"", escape_markdown(&shown(&c.text))))
            .collect();
        parts.push(t(text!("lsp-covers", things = covered.join(", "))));
    }
    if item.kind == ItemKind::Supplement {
        parts.push(t(text!("lsp-starts-when-agreed")));
        if let Some(term) = item.term {
            let term = written.duration(analysis, lang, |k| matches!(k, StmtKind::Term(_)), term);
            parts.push(t(text!("lsp-runs", duration = term)));
        }
        if !item.adjustable_by.is_empty() {
            parts.push(t(text!(
                "lsp-adjustable-by",
                parties = names(lang, &item.adjustable_by)
            )));
        }
        if !item.review_by.is_empty() {
            parts.push(t(text!(
                "lsp-reviewed-by",
                parties = names(lang, &item.review_by)
            )));
        }
    }
    if contract.in_arrears && item.rate.as_ref().is_some_and(|r| r.per == Per::Month) {
        parts.push(t(text!("lsp-in-arrears")));
    }
    parts.join(", ")
}

fn party_summary(lang: Lang, party: &Party, contract: &Contract) -> String {
    let t = |text: Text| text.show(lang);
    let mut parts = Vec::new();
    if let Some((word, _)) = cvl_check::model::Role::ALL
        .iter()
        .find(|(_, r)| Some(*r) == party.role)
    {
        parts.push(t(text!("lsp-role", role = *word)));
    }
    if let Some(cvr) = &party.cvr {
        parts.push(t(text!("lsp-cvr", cvr = cvr.as_str())));
    }
    if contract.signatories.contains(&party.id) {
        parts.push(t(text!("lsp-signs")));
    }
    let paid: Vec<&str> = contract
        .items
        .iter()
        .filter(|i| i.payee.as_ref() == Some(&party.id))
        .map(|i| i.id.0.as_str())
        .collect();
    if !paid.is_empty() {
        parts.push(t(text!("lsp-paid-for", items = backticked(&paid))));
    }
    if parts.is_empty() {
        t(text!("lsp-a-party"))
    } else {
        parts.join(", ")
    }
}

fn backticked(names: &[&str]) -> String {
    let names: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    names.join(", ")
}

fn obligation_text(analysis: &Analysis, lang: Lang, obligation: &Obligation) -> String {
    format!(
        "{}\n\n{}",
        text!(
            "lsp-obligation",
            name = obligation.id.0.as_str(),
            title = titled(obligation.title.as_deref())
        )
        .show(lang),
        obligation_summary(analysis, lang, obligation)
    )
}

fn obligation_summary(analysis: &Analysis, lang: Lang, obligation: &Obligation) -> String {
    let t = |text: Text| text.show(lang);
    let written = Written::of_decl(analysis, obligation.span);
    let mut parts = Vec::new();
    if !obligation.by.is_empty() {
        parts.push(t(text!("lsp-by", parties = names(lang, &obligation.by))));
    }
    if let Some(every) = obligation.every {
        let every = written.duration(
            analysis,
            lang,
            |k| matches!(k, StmtKind::Every { .. }),
            every,
        );
        parts.push(match obligation.on {
            Some(day) => t(text!("lsp-every-on", duration = every, day = day.name())),
            None => t(text!("lsp-every", duration = every)),
        });
    }
    if let Some(lasting) = obligation.lasting {
        parts.push(t(text!(
            "lsp-lasting",
            hours = value_in(lang, &Value::Hours(lasting))
        )));
    }
    if let Some(grace) = obligation.grace {
        let grace = written.duration(analysis, lang, |k| matches!(k, StmtKind::Grace(_)), grace);
        parts.push(t(text!("lsp-grace", duration = grace)));
    }
    match obligation.consequence {
        Some(Consequence::Withhold) if obligation.withholds.is_empty() => {
            parts.push(t(text!("lsp-withheld")));
        }
        Some(Consequence::Withhold) => {
            let items: Vec<String> = obligation
                .withholds
                .iter()
                .map(|i| format!("`{}`", i.0))
                .collect();
            let and = format!(" {} ", t(text!("lsp-and")));
            parts.push(t(text!("lsp-withheld-items", items = items.join(&and))));
        }
        Some(Consequence::Flag) => parts.push(t(text!("lsp-flagged"))),
        None => {}
    }
    parts.join(", ")
}

fn contract_summary(analysis: &Analysis, lang: Lang, contract: &Contract) -> String {
    let t = |text: Text| text.show(lang);
    let written = Written {
        stmts: analysis.file.items.iter().find_map(|item| match item {
            TopItem::Contract(c) if c.span == contract.span => Some(c.body.stmts.as_slice()),
            _ => None,
        }),
    };
    let date = |d: &chrono::NaiveDate| d.format("%Y-%m-%d").to_string();
    let mut parts = Vec::new();
    if let Some(case) = &contract.case_ref {
        parts.push(t(text!("lsp-case", case = shown(case))));
    }
    match &contract.start {
        Some(Start::On(day)) => parts.push(t(text!("lsp-starts-on", date = date(day)))),
        Some(Start::When(kind)) => parts.push(t(text!("lsp-starts-when", kind = kind.as_str()))),
        None => {}
    }
    match &contract.end {
        Some(End::On(day)) => parts.push(t(text!("lsp-ends-on", date = date(day)))),
        Some(End::After(d)) => {
            let after = written.duration(
                analysis,
                lang,
                |k| matches!(k, StmtKind::Ends(EndRule::After(_))),
                *d,
            );
            parts.push(t(text!("lsp-ends-after", duration = after)));
        }
        Some(End::When(kind)) => parts.push(t(text!("lsp-ends-when", kind = kind.as_str()))),
        None => {}
    }
    if let Some(day) = contract.due_day {
        parts.push(t(text!("lsp-due-day", day = day.to_string())));
    }
    if let Some(interest) = &contract.interest {
        parts.push(t(text!(
            "lsp-interest",
            percent = cvl_messages::group(lang, &interest.percent.to_string())
        )));
    }
    if let Some(termination) = &contract.termination
        && (termination.notice.is_some() || termination.alone)
    {
        // Who terminates it, and the notice evaluation holds each termination to (spec 4.11, 4.12).
        let who = if termination.alone {
            let names: Vec<&str> = termination
                .signatories
                .iter()
                .map(|p| p.0.as_str())
                .collect();
            let or = format!(" {} ", t(text!("lsp-or")));
            t(text!("lsp-terminated-alone", parties = names.join(&or)))
        } else {
            t(text!(
                "lsp-terminated-signed",
                parties = names(lang, &termination.signatories)
            ))
        };
        let notice = termination.notice.map_or_else(String::new, |notice| {
            let words = match lang {
                Lang::En => cvl_check::value::notice_words(notice.amount, notice.calendar),
                Lang::Da => value_in(
                    lang,
                    &Value::Duration {
                        amount: notice.amount,
                        calendar: notice.calendar,
                    },
                ),
            };
            t(text!(
                "lsp-notice",
                notice = words,
                month_end = u8::from(termination.notice_to_month_end)
            ))
        });
        parts.push(format!("{who}{notice}"));
    }
    parts.push(t(text!("lsp-parties", count = contract.parties.len())));
    parts.push(t(text!("lsp-payment-terms", count = contract.items.len())));
    parts.push(t(text!("lsp-obligations", count = contract.obligations.len())));
    parts.join(", ")
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
