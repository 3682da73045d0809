//! A check of a syntax tree's spans: every node lies inside the file, on character boundaries, and inside the
//! node that holds it.
//!
//! The editor maps spans to positions and the CLI cuts source lines by them, so a span that splits a character
//! or escapes its parent is a crash or a wrong underline waiting to happen. [`bad_spans`] walks a whole tree,
//! including the partial trees of broken files, and lists every span that breaks the rule.

use cvl_syntax::Span;
use cvl_syntax::ast::{
    Block, ClauseDef, EndRule, Expr, ExprKind, File, Ident, ImportTarget, Moment, OnceDay, Path,
    RegulatedBy, StmtKind, StrLit, TopItem, UnitWord,
};

struct Walk<'t> {
    text: &'t str,
    problems: Vec<String>,
}

/// Every span in `file` that is outside `text`, splits a character, or is not inside its parent's span.
pub fn bad_spans(file: &File, text: &str) -> Vec<String> {
    let mut walk = Walk {
        text,
        problems: Vec::new(),
    };
    let whole = Span::from_range(file.span.file, 0..text.len());
    walk.node(whole, file.span, "file");
    for item in &file.items {
        match item {
            TopItem::Import(import) => {
                walk.node(file.span, import.span, "import");
                match &import.target {
                    ImportTarget::Module(path) => walk.path(import.span, path),
                    ImportTarget::File(s) => walk.string(import.span, s),
                }
            }
            TopItem::Contract(contract) => {
                walk.node(file.span, contract.span, "contract");
                walk.ident(contract.span, &contract.name);
                if let Some(title) = &contract.title {
                    walk.string(contract.span, title);
                }
                walk.block(contract.span, &contract.body);
            }
            TopItem::Clause(clause) => walk.clause(file.span, clause),
        }
    }
    walk.problems
}

impl Walk<'_> {
    /// Checks one span against its parent's.
    fn node(&mut self, parent: Span, span: Span, what: &str) {
        let len = self.text.len();
        let (start, end) = (span.start as usize, span.end as usize);
        if start > end || end > len {
            self.problems
                .push(format!("{what} {span} is outside the file of {len} bytes"));
        } else if !self.text.is_char_boundary(start) || !self.text.is_char_boundary(end) {
            self.problems
                .push(format!("{what} {span} splits a character"));
        } else if span.start < parent.start || span.end > parent.end {
            self.problems
                .push(format!("{what} {span} is not inside its parent {parent}"));
        }
    }

    fn ident(&mut self, parent: Span, ident: &Ident) {
        self.node(parent, ident.span, "name");
        if self.text.get(ident.span.range()) != Some(ident.name.as_str()) {
            self.problems.push(format!(
                "name {:?} at {} is not the text there",
                ident.name, ident.span
            ));
        }
    }

    fn string(&mut self, parent: Span, s: &StrLit) {
        self.node(parent, s.span, "string");
    }

    fn path(&mut self, parent: Span, path: &Path) {
        self.node(parent, path.span, "path");
        for segment in &path.segments {
            self.ident(path.span, segment);
        }
    }

    fn clause(&mut self, parent: Span, clause: &ClauseDef) {
        self.node(parent, clause.span, "clause");
        self.ident(clause.span, &clause.name);
        for param in &clause.params {
            self.node(clause.span, param.span, "parameter");
            self.ident(param.span, &param.name);
            self.ident(param.span, &param.ty);
        }
        if let Some(title) = &clause.title {
            self.string(clause.span, title);
        }
        self.block(clause.span, &clause.body);
    }

    fn block(&mut self, parent: Span, block: &Block) {
        self.node(parent, block.span, "block");
        for stmt in &block.stmts {
            let at = stmt.span;
            self.node(block.span, at, "statement");
            match &stmt.kind {
                StmtKind::Decl(decl) => {
                    if let Some(name) = &decl.name {
                        self.ident(at, name);
                    }
                    if let Some(title) = &decl.title {
                        self.string(at, title);
                    }
                    self.block(at, &decl.body);
                }
                StmtKind::Case(s) | StmtKind::Key(s) | StmtKind::Cvr(s) => self.string(at, s),
                StmtKind::Covers(covered) => {
                    for s in covered {
                        self.string(at, s);
                    }
                }
                StmtKind::Reimburse { payee } => self.ident(at, payee),
                StmtKind::Role(name)
                | StmtKind::Starts(Moment::When(name))
                | StmtKind::Ends(EndRule::When(name)) => self.ident(at, name),
                StmtKind::SignedBy(parties)
                | StmtKind::AdjustableBy(parties)
                | StmtKind::ReviewBy(parties)
                | StmtKind::By { parties, .. }
                | StmtKind::ConfirmedBy(parties)
                | StmtKind::ApprovedBy(parties) => {
                    for party in parties {
                        self.ident(at, party);
                    }
                }
                StmtKind::Starts(Moment::On(e))
                | StmtKind::Ends(EndRule::On(e) | EndRule::After(e))
                | StmtKind::ForFirst(e)
                | StmtKind::Term(e)
                | StmtKind::Lasting(e)
                | StmtKind::Grace(e)
                | StmtKind::Cap(e)
                | StmtKind::UpTo(e)
                | StmtKind::Once(OnceDay::On(e))
                | StmtKind::Notice { length: e, .. } => self.expr(at, e),
                StmtKind::Regulated { by, from } => {
                    match by {
                        RegulatedBy::Percent(percent) => self.expr(at, percent),
                        RegulatedBy::Index(name) => self.ident(at, name),
                    }
                    self.expr(at, from);
                }
                StmtKind::Once(OnceDay::Start(word)) => self.node(at, *word, "the word `start`"),
                StmtKind::Pay { amount, payee } => {
                    self.expr(at, amount);
                    self.ident(at, payee);
                }
                StmtKind::Every { interval, on } => {
                    self.expr(at, interval);
                    if let Some(day) = on {
                        self.ident(at, day);
                    }
                }
                StmtKind::PaidMonthly {
                    due_day: Some(e), ..
                }
                | StmtKind::Interest { percent: e, .. } => self.expr(at, e),
                StmtKind::WhenMissed { items, .. } => {
                    for item in items {
                        self.ident(at, item);
                    }
                }
                StmtKind::PaidMonthly { .. } => {}
                StmtKind::Use { clause, args } => {
                    self.path(at, clause);
                    for arg in args {
                        self.node(at, arg.span, "argument");
                        self.ident(arg.span, &arg.name);
                        self.expr(arg.span, &arg.value);
                    }
                }
            }
        }
    }

    fn unit(&mut self, parent: Span, unit: &UnitWord) {
        self.node(parent, unit.span, "unit");
    }

    /// Walks an expression with a work list rather than recursion: a long chain of operators makes a tree as
    /// deep as the chain is long, which the parser's nesting limit does not bound.
    fn expr(&mut self, parent: Span, expr: &Expr) {
        let mut work = vec![(parent, expr)];
        while let Some((parent, expr)) = work.pop() {
            let at = expr.span;
            self.node(parent, at, "expression");
            match &expr.kind {
                ExprKind::Quantity { unit, .. } => {
                    if let Some(unit) = unit {
                        self.unit(at, unit);
                    }
                }
                ExprKind::Date(_) | ExprKind::Str(_) | ExprKind::Bool(_) | ExprKind::Error => {}
                ExprKind::Name(name) => {
                    // A parenthesised expression's span covers its parentheses, so the name need only be inside.
                    let text = self.text.get(at.range()).unwrap_or("");
                    if !text.contains(name.as_str()) {
                        self.problems
                            .push(format!("name {name:?} at {at} is not the text there"));
                    }
                }
                ExprKind::Unary(_, inner) => work.push((at, inner)),
                ExprKind::Binary(_, lhs, rhs) => {
                    work.push((at, rhs));
                    work.push((at, lhs));
                }
                ExprKind::Per(inner, unit) => {
                    self.unit(at, unit);
                    work.push((at, inner));
                }
            }
        }
    }
}
