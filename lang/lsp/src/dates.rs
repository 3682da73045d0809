//! Hover on a duration (spec 11.4): the days it means for the contract at hand, when the text fixes them (`the
//! first 3 months: 2019-01-15 to 2019-04-14`, `every 3 months: due 2019-04-15, 2019-07-15, 2019-10-15, …`), and
//! what they depend on when it does not (a start `when` an event, a supplement's start, a termination's day).
//! The days come from `cvl_eval::dates`, the functions the evaluator decides with: hover does no date arithmetic
//! of its own. A duration is found where a statement writes it, or where a `use` gives it to a parameter that a
//! statement of the clause takes.

use chrono::NaiveDate;
use cvl_check::model::{Contract, Duration, End, Start, Weekday};
use cvl_eval::dates;
use cvl_syntax::Span;
use cvl_syntax::ast::{DeclKind, EndRule, Expr, ExprKind, StmtKind, TopItem};

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
    if role == Role::Lasting {
        return Some(format!("lasting {written}: each time, on each due day"));
    }
    Some(explain(contract, role, decl.as_deref(), &written, &d?))
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
    let depends = |what: &str| match &begins {
        Some(Begins::When(event)) => format!(
            "{what}: counted from the contract's start, which is when `{event}` happens, so the dates are not known from the text"
        ),
        _ => format!("{what}: counted from the contract's start, which the text does not give"),
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
            let what = format!("the first {written}");
            match base.and_then(|b| dates::first_days(b, d)) {
                Some((from, to)) => format!("{what}: {from} to {to}"),
                None => depends(&what),
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
                (Role::Grace, _) => format!("grace {written}"),
                (_, Some(day)) => format!("every {written} on {}", weekday(day)),
                _ => format!("every {written}"),
            };
            let (Some(start), Some(every)) = (start, every) else {
                return depends(&what);
            };
            let dues: Vec<NaiveDate> = (1..=DUE_DAYS_SHOWN + 1)
                .map_while(|k| dates::due_day(start, &every, on, k))
                .take_while(|due| last.is_none_or(|l| *due <= l))
                .collect();
            let Some(first) = dues.first() else {
                return format!("{what}: nothing falls due while the contract is in force");
            };
            if role == Role::Grace {
                let grace = grace.unwrap_or(*d);
                return format!(
                    "{what}: the first, due {first}, is missed when not met by {}",
                    dates::grace_end(*first, &grace)
                );
            }
            let mut shown: Vec<String> = dues
                .iter()
                .take(DUE_DAYS_SHOWN as usize)
                .map(ToString::to_string)
                .collect();
            if dues.len() > DUE_DAYS_SHOWN as usize {
                shown.push("…".to_string());
            }
            format!("{what}: due {}", shown.join(", "))
        }
        Role::EndsAfter => {
            let what = format!("ends after {written}");
            match start.and_then(|s| dates::last_day_after(s, d)) {
                Some(last) => format!("{what}: the last day in force is {last}"),
                None => depends(&what),
            }
        }
        Role::Lasting => format!("lasting {written}: each time, on each due day"),
        Role::Term => format!(
            "term {written}: {written} at a time from the day a `supplement_started` event gives, so the dates are not known from the text"
        ),
        Role::Notice { month_end } => {
            let to = if month_end {
                ", at the end of a month"
            } else {
                ""
            };
            format!(
                "notice {written}: the contract ends no sooner than {written} after the day the termination is given{to}, so the dates depend on the `terminated` event"
            )
        }
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
