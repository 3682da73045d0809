//! The layout: walks the syntax tree and tells the [`Printer`] which token comes next and what goes before it.
//!
//! The tree says where statements, blocks and lists are; the printer supplies each token's text and the comments.
//! Where the tree does not record a token that the source has (parentheses around an expression, the `()` of a
//! `use` without arguments, a trailing comma, `,` or `and` between parties), the layout looks at the next token
//! and prints what is there, so that nothing is added or dropped.
//!
//! A parameter or argument list stays on one line when that line fits in [`WIDTH`] characters (not counting a
//! comment at its end), no comment stands inside the list and it has no trailing comma; otherwise every element
//! goes on a line of its own, one level deeper than the line with the `(`, and the `)` on a line of its own at
//! that line's indentation.
//! The trailing comma is the writer's way to ask for one element per line (as in rustfmt's and Black's
//! layouts): the formatter never adds or drops a token, so it cannot add one to a list it breaks.

use cvl_syntax::ast::{
    Arg, BinaryOp, Block, ClauseDef, Consequence, Contract, Decl, DeclKind, EndRule, Expr,
    ExprKind, File, Import, ImportTarget, Moment, OnceDay, Param, Path, RegulatedBy, Stmt,
    StmtKind, TopItem, UnaryOp,
};
use cvl_syntax::lexer::Token;

use crate::printer::{Blank, Mismatch, Printer, Result, Sep};

/// The widest a line may be before a parameter or argument list is broken up, in characters.
pub const WIDTH: usize = 120;

pub(crate) fn file(p: &mut Printer<'_>, file: &File) -> Result {
    let mut previous_import = false;
    for (i, item) in file.items.iter().enumerate() {
        let is_import = matches!(item, TopItem::Import(_));
        let blank = if i == 0 || (previous_import && is_import) {
            Blank::Keep
        } else {
            Blank::Force
        };
        let sep = Sep::line(0, blank);
        match item {
            TopItem::Import(import) => self::import(p, import, sep)?,
            TopItem::Contract(contract) => self::contract(p, contract, sep)?,
            TopItem::Clause(clause) => clause_def(p, clause, sep)?,
        }
        previous_import = is_import;
    }
    Ok(())
}

fn import(p: &mut Printer<'_>, import: &Import, sep: Sep) -> Result {
    p.token(Token::Import, sep)?;
    match &import.target {
        ImportTarget::Module(module) => path(p, module, Sep::Space),
        ImportTarget::File(_) => p.token(Token::String, Sep::Space),
    }
}

fn path(p: &mut Printer<'_>, path: &Path, sep: Sep) -> Result {
    for (i, _) in path.segments.iter().enumerate() {
        if i == 0 {
            p.token(Token::Ident, sep)?;
        } else {
            p.token(Token::Dot, Sep::None)?;
            p.token(Token::Ident, Sep::None)?;
        }
    }
    Ok(())
}

fn contract(p: &mut Printer<'_>, contract: &Contract, sep: Sep) -> Result {
    p.token(Token::Contract, sep)?;
    p.token(Token::Ident, Sep::Space)?;
    title(p, contract.title.is_some())?;
    block(p, &contract.body, 0)
}

fn clause_def(p: &mut Printer<'_>, clause: &ClauseDef, sep: Sep) -> Result {
    p.token(Token::Clause, sep)?;
    p.token(Token::Ident, Sep::Space)?;
    list(p, &clause.params, param, |p| {
        title(p, clause.title.is_some())?;
        p.token(Token::LBrace, Sep::Space)
    })?;
    block_body(p, &clause.body, 0)
}

fn param(p: &mut Printer<'_>, _: &Param, sep: Sep) -> Result {
    p.token(Token::Ident, sep)?;
    p.token(Token::Colon, Sep::None)?;
    // A type is a name, or the keyword `party`.
    let ty = if p.peek() == Token::Party {
        Token::Party
    } else {
        Token::Ident
    };
    p.token(ty, Sep::Space)
}

fn arg(p: &mut Printer<'_>, arg: &Arg, sep: Sep) -> Result {
    p.token(Token::Ident, sep)?;
    p.token(Token::Colon, Sep::None)?;
    expr(p, &arg.value, Sep::Space)
}

fn title(p: &mut Printer<'_>, present: bool) -> Result {
    if present {
        p.token(Token::String, Sep::Space)?;
    }
    Ok(())
}

/// A parenthesised list, with `then` for the rest of its line (a clause's title and `{`): on one line if it fits,
/// else one element per line.
fn list<T>(
    p: &mut Printer<'_>,
    items: &[T],
    element: fn(&mut Printer<'_>, &T, Sep) -> Result,
    then: impl Fn(&mut Printer<'_>) -> Result,
) -> Result {
    let mark = p.mark();
    p.token(Token::LParen, Sep::None)?;
    let comments = p.comments_written();
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            p.token(Token::Comma, Sep::None)?;
        }
        element(p, item, if i == 0 { Sep::None } else { Sep::Space })?;
    }
    let trailing = trailing_comma(p)?;
    p.token(Token::RParen, Sep::None)?;
    let commented = p.comments_written() != comments;
    then(p)?;
    if !trailing && !commented && p.line_width(mark) <= WIDTH {
        return Ok(());
    }
    p.restore(mark);
    p.token(Token::LParen, Sep::None)?;
    p.opened();
    // The `(` may stand on a continuation line (after a comment): the list goes one level deeper than that line.
    let indent = p.line_indent();
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            p.token(Token::Comma, Sep::None)?;
        }
        element(p, item, Sep::line(indent + 1, Blank::Never))?;
    }
    trailing_comma(p)?;
    p.token(Token::RParen, Sep::close(indent))?;
    then(p)
}

/// The comma after the last element, if there is one.
fn trailing_comma(p: &mut Printer<'_>) -> Result<bool> {
    let present = p.peek() == Token::Comma;
    if present {
        p.token(Token::Comma, Sep::None)?;
    }
    Ok(present)
}

fn block(p: &mut Printer<'_>, block: &Block, indent: u32) -> Result {
    p.token(Token::LBrace, Sep::Space)?;
    block_body(p, block, indent)
}

/// The statements of a block whose `{` is written, and its `}`.
fn block_body(p: &mut Printer<'_>, block: &Block, indent: u32) -> Result {
    for stmt in &block.stmts {
        self::stmt(p, stmt, indent + 1)?;
    }
    p.token(Token::RBrace, Sep::close(indent))
}

fn stmt(p: &mut Printer<'_>, stmt: &Stmt, indent: u32) -> Result {
    let sep = Sep::line(indent, Blank::Keep);
    let space = Sep::Space;
    match &stmt.kind {
        StmtKind::Decl(decl) => self::decl(p, decl, sep, indent),
        StmtKind::Case(_) => keyword_then(p, Token::Case, sep, Token::String),
        StmtKind::Role(_) => keyword_then(p, Token::Role, sep, Token::Ident),
        StmtKind::Key(_) => keyword_then(p, Token::Key, sep, Token::String),
        StmtKind::SignedBy(_) => {
            p.token(Token::Signed, sep)?;
            by_parties(p)
        }
        StmtKind::Starts(moment) => {
            p.token(Token::Starts, sep)?;
            match moment {
                Moment::On(date) => {
                    p.token(Token::On, space)?;
                    expr(p, date, space)
                }
                Moment::When(_) => keyword_then(p, Token::When, space, Token::Ident),
            }
        }
        StmtKind::Ends(rule) => {
            p.token(Token::Ends, sep)?;
            match rule {
                EndRule::On(date) => {
                    p.token(Token::On, space)?;
                    expr(p, date, space)
                }
                EndRule::After(length) => {
                    p.token(Token::After, space)?;
                    expr(p, length, space)
                }
                EndRule::When(_) => keyword_then(p, Token::When, space, Token::Ident),
            }
        }
        StmtKind::Pay { amount, .. } => {
            p.token(Token::Pay, sep)?;
            expr(p, amount, space)?;
            keyword_then(p, Token::To, space, Token::Ident)
        }
        StmtKind::ForFirst(length) => {
            p.token(Token::For, sep)?;
            p.token(Token::The, space)?;
            p.token(Token::First, space)?;
            expr(p, length, space)
        }
        StmtKind::AdjustableBy(_) => {
            p.token(Token::Adjustable, sep)?;
            by_parties(p)
        }
        StmtKind::ReviewBy(_) => {
            p.token(Token::Review, sep)?;
            by_parties(p)
        }
        StmtKind::ConfirmedBy(_) => {
            p.token(Token::Confirmed, sep)?;
            by_parties(p)
        }
        StmtKind::By { .. } => {
            p.token(Token::By, sep)?;
            parties(p)
        }
        StmtKind::Term(e) => keyword_expr(p, Token::Term, sep, e),
        StmtKind::Lasting(e) => keyword_expr(p, Token::Lasting, sep, e),
        StmtKind::Grace(e) => keyword_expr(p, Token::Grace, sep, e),
        StmtKind::Cap(e) => keyword_expr(p, Token::Cap, sep, e),
        StmtKind::Notice { length, month_end } => {
            keyword_expr(p, Token::Notice, sep, length)?;
            if *month_end {
                p.token(Token::To, space)?;
                // Danish has no `the` here, and its `of` (`af`) is a keyword: `til udgangen af en måned`.
                if p.peek() == Token::The {
                    p.token(Token::The, space)?;
                }
                for _ in ["end", "of", "a", "month"] {
                    let word = p.peek();
                    if !matches!(word, Token::Ident | Token::By) {
                        return Err(Mismatch);
                    }
                    p.token(word, space)?;
                }
            }
            Ok(())
        }
        StmtKind::Every { interval, on } => {
            keyword_expr(p, Token::Every, sep, interval)?;
            if on.is_some() {
                keyword_then(p, Token::On, space, Token::Ident)?;
            }
            Ok(())
        }
        StmtKind::WhenMissed { consequence, items } => {
            p.token(Token::When, sep)?;
            p.token(Token::Missed, space)?;
            let word = match consequence {
                Consequence::Withhold => Token::Withhold,
                Consequence::Flag => Token::Flag,
            };
            p.token(word, space)?;
            if items.is_empty() { Ok(()) } else { parties(p) }
        }
        StmtKind::PaidMonthly {
            in_arrears,
            due_day,
        } => {
            p.token(Token::Paid, sep)?;
            p.token(Token::Monthly, space)?;
            if *in_arrears {
                p.token(Token::In, space)?;
                p.token(Token::Arrears, space)?;
            }
            if let Some(day) = due_day {
                p.token(Token::Comma, Sep::None)?;
                p.token(Token::Due, space)?;
                p.token(Token::On, space)?;
                p.token(Token::Ident, space)?;
                expr(p, day, space)?;
            }
            Ok(())
        }
        StmtKind::Interest { percent, .. } => {
            keyword_expr(p, Token::Interest, sep, percent)?;
            p.token(Token::Percent, space)?;
            keyword_then(p, Token::Per, space, Token::Ident)
        }
        StmtKind::Cvr(_) => keyword_then(p, Token::Cvr, sep, Token::String),
        StmtKind::Covers(covered) => {
            p.token(Token::Covers, sep)?;
            for (i, _) in covered.iter().enumerate() {
                if i > 0 {
                    p.token(Token::Comma, Sep::None)?;
                }
                p.token(Token::String, space)?;
            }
            Ok(())
        }
        StmtKind::Reimburse { .. } => {
            p.token(Token::Reimburse, sep)?;
            keyword_then(p, Token::To, space, Token::Ident)
        }
        StmtKind::UpTo(limit) => {
            p.token(Token::Up, sep)?;
            keyword_expr(p, Token::To, space, limit)
        }
        StmtKind::ApprovedBy(_) => {
            p.token(Token::Approved, sep)?;
            by_parties(p)
        }
        StmtKind::Once(day) => {
            p.token(Token::Once, sep)?;
            p.token(Token::On, space)?;
            match day {
                OnceDay::Start(_) => p.token(Token::Ident, space),
                OnceDay::On(date) => expr(p, date, space),
            }
        }
        StmtKind::Regulated { by, from } => {
            p.token(Token::Regulated, sep)?;
            match by {
                RegulatedBy::Percent(percent) => {
                    keyword_expr(p, Token::By, space, percent)?;
                    p.token(Token::Percent, space)?;
                }
                RegulatedBy::Index(_) => {
                    // `by index NAME`: `index` and the name are names to the lexer.
                    p.token(Token::By, space)?;
                    p.token(Token::Ident, space)?;
                    p.token(Token::Ident, space)?;
                }
            }
            for _ in ["each", "year", "from"] {
                p.token(Token::Ident, space)?;
            }
            expr(p, from, space)
        }
        StmtKind::Use { clause, args } => {
            p.token(Token::Use, sep)?;
            path(p, clause, space)?;
            // `use a.b` and `use a.b()` have the same tree: print the parentheses if they are there.
            if p.peek() == Token::LParen {
                list(p, args, self::arg, |_| Ok(()))?;
            }
            Ok(())
        }
    }
}

fn decl(p: &mut Printer<'_>, decl: &Decl, sep: Sep, indent: u32) -> Result {
    let keyword = match decl.kind {
        DeclKind::Party => Token::Party,
        DeclKind::Item => Token::Item,
        DeclKind::Supplement => Token::Supplement,
        DeclKind::Obligation => Token::Obligation,
        DeclKind::Termination => Token::Termination,
    };
    p.token(keyword, sep)?;
    if decl.name.is_some() {
        p.token(Token::Ident, Sep::Space)?;
    }
    title(p, decl.title.is_some())?;
    block(p, &decl.body, indent)
}

fn keyword_then(p: &mut Printer<'_>, keyword: Token, sep: Sep, then: Token) -> Result {
    p.token(keyword, sep)?;
    p.token(then, Sep::Space)
}

fn keyword_expr(p: &mut Printer<'_>, keyword: Token, sep: Sep, e: &Expr) -> Result {
    p.token(keyword, sep)?;
    expr(p, e, Sep::Space)
}

/// `by` and the parties.
fn by_parties(p: &mut Printer<'_>) -> Result {
    p.token(Token::By, Sep::Space)?;
    parties(p)
}

/// `a`, `a and b`, `a, b and c`, `a or b`: each separator as written.
fn parties(p: &mut Printer<'_>) -> Result {
    p.token(Token::Ident, Sep::Space)?;
    loop {
        match p.peek() {
            Token::Comma => p.token(Token::Comma, Sep::None)?,
            Token::And => p.token(Token::And, Sep::Space)?,
            Token::Or => p.token(Token::Or, Sep::Space)?,
            _ => return Ok(()),
        }
        p.token(Token::Ident, Sep::Space)?;
    }
}

/// An expression, with the parentheses around it that the source has (the tree keeps none).
fn expr(p: &mut Printer<'_>, e: &Expr, sep: Sep) -> Result {
    let mut open = p.pos();
    let mut close = p.last_token_ending_at(e.span.end)?;
    let mut layers = 0;
    while p.parens_enclose(open, close) {
        p.token(Token::LParen, if layers == 0 { sep } else { Sep::None })?;
        layers += 1;
        open += 1;
        close = close.checked_sub(1).ok_or(Mismatch)?;
    }
    expr_kind(p, e, if layers == 0 { sep } else { Sep::None })?;
    for _ in 0..layers {
        p.token(Token::RParen, Sep::None)?;
    }
    Ok(())
}

fn expr_kind(p: &mut Printer<'_>, e: &Expr, sep: Sep) -> Result {
    match &e.kind {
        ExprKind::Quantity { unit, .. } => {
            p.token(Token::Number, sep)?;
            if unit.is_some() {
                p.token(Token::Ident, Sep::Space)?;
            }
            Ok(())
        }
        ExprKind::Date(_) => p.token(Token::Date, sep),
        ExprKind::Str(_) => p.token(Token::String, sep),
        ExprKind::Bool(true) => p.token(Token::True, sep),
        ExprKind::Bool(false) => p.token(Token::False, sep),
        ExprKind::Name(_) => p.token(Token::Ident, sep),
        ExprKind::Unary(UnaryOp::Neg, operand) => {
            p.token(Token::Minus, sep)?;
            // `- -1`, not `--1`.
            let gap = if p.peek() == Token::Minus {
                Sep::Space
            } else {
                Sep::None
            };
            expr(p, operand, gap)
        }
        ExprKind::Unary(UnaryOp::Not, operand) => {
            p.token(Token::Not, sep)?;
            expr(p, operand, Sep::Space)
        }
        ExprKind::Binary(op, left, right) => {
            expr(p, left, sep)?;
            p.token(operator(*op), Sep::Space)?;
            expr(p, right, Sep::Space)
        }
        ExprKind::Per(amount, _) => {
            expr(p, amount, sep)?;
            keyword_then(p, Token::Per, Sep::Space, Token::Ident)
        }
        ExprKind::Error => Err(Mismatch),
    }
}

fn operator(op: BinaryOp) -> Token {
    match op {
        BinaryOp::Or => Token::Or,
        BinaryOp::And => Token::And,
        BinaryOp::Eq => Token::EqEq,
        BinaryOp::NotEq => Token::NotEq,
        BinaryOp::Lt => Token::Lt,
        BinaryOp::LtEq => Token::LtEq,
        BinaryOp::Gt => Token::Gt,
        BinaryOp::GtEq => Token::GtEq,
        BinaryOp::Add => Token::Plus,
        BinaryOp::Sub => Token::Minus,
        BinaryOp::Mul => Token::Star,
        BinaryOp::Div => Token::Slash,
    }
}
