//! Hover on a duration (spec 11.4): the days it means for the contract at hand, when the text fixes them (`the
//! first 3 months: 2019-01-15 to 2019-04-14`, `every 3 months: due 2019-04-15, 2019-07-15, 2019-10-15, …`), and
//! what they depend on when it does not (a start `when` an event, a supplement's start, a termination's day).
//! The days come from `cvl_eval::dates`, the functions the evaluator decides with: hover does no date arithmetic
//! of its own. A duration is found where a statement writes it, or where a `use` gives it to a parameter that a
//! statement of the clause takes.

use chrono::NaiveDate;
use cvl_check::model::{Contract, Duration, End, Start, Weekday};
use cvl_eval::dates;
use cvl_syntax::ast::{DeclKind, EndRule, Expr, ExprKind, StmtKind, TopItem};
use cvl_syntax::{Lang, Span, Text, text};

use crate::engine::Analysis;

/// How many due days hover lists before `…`.
const DUE_DAYS_SHOWN: u32 = 3;

/// The statement a duration is given to, and the declaration it stands in (by name).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    ForFirst,
    Every,
    Grace,
    Lasting,
    Term,
    Notice { month_end: bool },
    EndsAfter,
}

/// The line hover adds on the duration at `span`, whose value is `d` (none for a length in hours); none when it is
/// not a statement's that takes a duration.
pub(crate) fn duration_dates(
    analysis: &Analysis,
    span: Span,
    d: Option<Duration>,
) -> Option<String> {
    let (syntax, contract) = analysis.file.items.iter().find_map(|item| match item {
        TopItem::Contract(c) if c.span.start <= span.start && span.end <= c.span.end => analysis
            .checked
            .contracts
            .iter()
            .find(|m| m.name == c.name.name)
            .map(|m| (c, m)),
        _ => None,
    })?;
    let (role, decl) = find_role(analysis, &syntax.body.stmts, span)?;
    let written = analysis
        .source()
        .and_then(|s| s.text.get(span.start as usize..span.end as usize))
        .map(|t| {
            crate::hover::escape_markdown(&t.split_whitespace().collect::<Vec<_>>().join(" "))
        })?;
    let lang = crate::words::lang_of(analysis);
    if role == Role::Lasting {
        return Some(text!("lsp-dates-lasting", written = written).show(lang));
    }
    Some(explain(
        lang,
        contract,
        role,
        decl.as_deref(),
        &written,
        &d?,
    ))
}

/// The role of the expression at `span` among `stmts` (a contract's), with the name of the declaration it is in.
fn find_role(
    analysis: &Analysis,
    stmts: &[cvl_syntax::ast::Stmt],
    span: Span,
) -> Option<(Role, Option<String>)> {
    for stmt in stmts {
        match &stmt.kind {
            StmtKind::Ends(EndRule::After(e)) if e.span == span => {
                return Some((Role::EndsAfter, None));
            }
            StmtKind::Decl(decl) => {
                let name = decl.name.as_ref().map(|n| n.name.clone());
                for inner in &decl.body.stmts {
                    if let Some(role) = role_of(&inner.kind, |e| e.span == span) {
                        return Some((role, name));
                    }
                }
            }
            StmtKind::Use { clause, args } => {
                if let Some(arg) = args.iter().find(|a| a.value.span == span) {
                    return through_clause(analysis, clause.span, &arg.name.name);
                }
            }
            _ => {}
        }
    }
    None
}

/// The role a statement gives to the expression `is_it` picks, if the statement takes a duration.
fn role_of(kind: &StmtKind, is_it: impl Fn(&Expr) -> bool) -> Option<Role> {
    let (role, expr) = match kind {
        StmtKind::ForFirst(e) => (Role::ForFirst, e),
        StmtKind::Every { interval, .. } => (Role::Every, interval),
        StmtKind::Grace(e) => (Role::Grace, e),
        StmtKind::Lasting(e) => (Role::Lasting, e),
        StmtKind::Term(e) => (Role::Term, e),
        StmtKind::Notice { length, month_end } => (
            Role::Notice {
                month_end: *month_end,
            },
            length,
        ),
        StmtKind::Ends(EndRule::After(e)) => (Role::EndsAfter, e),
        _ => return None,
    };
    is_it(expr).then_some(role)
}

/// The role of the parameter `param` of the clause a `use` at `path` names: the statement of the clause's body
/// that takes the parameter alone.
fn through_clause(analysis: &Analysis, path: Span, param: &str) -> Option<(Role, Option<String>)> {
    let target = analysis
        .checked
        .info
        .references
        .iter()
        .find(|r| path.start <= r.span.start && r.span.end <= path.end)?
        .target;
    let source = analysis.sources.get(target.file)?;
    let parsed = cvl_syntax::parse_source(target.file, source);
    let clause = parsed.file.items.iter().find_map(|item| match item {
        TopItem::Clause(c) if c.name.span == target => Some(c),
        _ => None,
    })?;
    let names_param = |e: &Expr| matches!(&e.kind, ExprKind::Name(n) if n == param);
    for stmt in &clause.body.stmts {
        match &stmt.kind {
            StmtKind::Decl(decl) if decl.kind != DeclKind::Party => {
                for inner in &decl.body.stmts {
                    if let Some(role) = role_of(&inner.kind, names_param) {
                        return Some((role, decl.name.as_ref().map(|n| n.name.clone())));
                    }
                }
            }
            other => {
                if let Some(role) = role_of(other, names_param) {
                    return Some((role, None));
                }
            }
        }
    }
    None
}

/// When the contract starts: a day, or the event whose day it is.
enum Begins<'a> {
    On(NaiveDate),
    When(&'a str),
}

fn explain(
    lang: Lang,
    contract: &Contract,
    role: Role,
    decl: Option<&str>,
    written: &str,
    d: &Duration,
) -> String {
    let begins = match &contract.start {
        Some(Start::On(day)) => Some(Begins::On(*day)),
        Some(Start::When(event)) => Some(Begins::When(event)),
        None => None,
    };
    let t = |text: Text| text.show(lang);
    let depends = |what: Text| match &begins {
        Some(Begins::When(event)) => t(text!("lsp-dates-start-when", what = what, event = *event)),
        _ => t(text!("lsp-dates-start-unknown", what = what)),
    };
    let start = match begins {
        Some(Begins::On(day)) => Some(day),
        _ => None,
    };
    match role {
        Role::ForFirst => {
            let item = contract
                .items
                .iter()
                .find(|i| Some(i.id.0.as_str()) == decl);
            let base = item.and_then(|i| i.starts).or(start);
            let what = text!("lsp-dates-first", written = written);
            match base.and_then(|b| dates::first_days(b, d)) {
                Some((from, to)) => t(text!(
                    "lsp-dates-first-days",
                    what = what,
                    from = from.to_string(),
                    to = to.to_string()
                )),
                None => depends(what),
            }
        }
        Role::Every | Role::Grace => {
            let obligation = contract
                .obligations
                .iter()
                .find(|o| Some(o.id.0.as_str()) == decl);
            let on = obligation.and_then(|o| o.on);
            let every = obligation.and_then(|o| o.every);
            let grace = obligation.and_then(|o| o.grace);
            let last = last_day(contract, start);
            let what = match (role, on) {
                (Role::Grace, _) => text!("lsp-dates-grace", written = written),
                (_, Some(day)) => {
                    text!("lsp-dates-every-on", written = written, day = weekday(day))
                }
                _ => text!("lsp-dates-every", written = written),
            };
            let (Some(start), Some(every)) = (start, every) else {
                return depends(what);
            };
            let dues: Vec<NaiveDate> = (1..=DUE_DAYS_SHOWN + 1)
                .map_while(|k| dates::due_day(start, &every, on, k))
                .take_while(|due| last.is_none_or(|l| *due <= l))
                .collect();
            let Some(first) = dues.first() else {
                return t(text!("lsp-dates-nothing-due", what = what));
            };
            if role == Role::Grace {
                let grace = grace.unwrap_or(*d);
                return t(text!(
                    "lsp-dates-grace-end",
                    what = what,
                    first = first.to_string(),
                    end = dates::grace_end(*first, &grace).to_string()
                ));
            }
            let mut shown: Vec<String> = dues
                .iter()
                .take(DUE_DAYS_SHOWN as usize)
                .map(ToString::to_string)
                .collect();
            if dues.len() > DUE_DAYS_SHOWN as usize {
                shown.push("…".to_string());
            }
            t(text!("lsp-dates-due", what = what, days = shown.join(", ")))
        }
        Role::EndsAfter => {
            let what = text!("lsp-dates-ends-after", written = written);
            match start.and_then(|s| dates::last_day_after(s, d)) {
                Some(last) => t(text!(
                    "lsp-dates-last-day",
                    what = what,
                    last = last.to_string()
                )),
                None => depends(what),
            }
        }
        Role::Lasting => t(text!("lsp-dates-lasting", written = written)),
        Role::Term => t(text!("lsp-dates-term", written = written)),
        Role::Notice { month_end } => t(text!(
            "lsp-dates-notice",
            written = written,
            month_end = u8::from(month_end)
        )),
    }
}

/// The contract's last day in force when the text alone fixes it.
fn last_day(contract: &Contract, start: Option<NaiveDate>) -> Option<NaiveDate> {
    match &contract.end {
        Some(End::On(day)) => Some(*day),
        Some(End::After(d)) => start.and_then(|s| dates::last_day_after(s, d)),
        _ => None,
    }
}

fn weekday(day: Weekday) -> &'static str {
    Weekday::ALL
        .iter()
        .find(|(_, w)| *w == day)
        .map_or("", |(name, _)| name)
}
