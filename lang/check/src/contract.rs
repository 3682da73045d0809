//! Contracts and clauses: which statements go where, what each must say, and the checked model they build.
//!
//! A contract's statements are read in order, with each `use` replaced by its clause's statements (the clause's
//! parameters bound to the arguments). Parties, items, supplements and obligations share one namespace per
//! contract. A clause definition is also checked on its own, with its parameters known by type only, so that a
//! library of clauses is checked before any contract uses it.

use std::collections::BTreeMap;

use cvl_syntax::ast::{
    self, ClauseDef, Decl, DeclKind, EndRule, Expr, Ident, Moment, Stmt, StmtKind, TopItem,
};
use cvl_syntax::{Code, Diagnostic, Span};

use crate::model::{
    self, Duration, End, ItemKind, MoneyRate, PartyId, Role, Start, TermId, Weekday,
};
use crate::names::{Binding, BindingKind, Scope, suggestion};
use crate::types::{Per, Type};
use crate::value::Value;
use crate::{Checker, DefinitionKind};

/// The event kinds every contract knows, besides one per obligation (the event that meets it).
const BUILTIN_EVENTS: &[&str] = &["signed", "started", "terminated"];

/// Where a statement stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Place {
    Contract,
    Party,
    Item,
    Supplement,
    Obligation,
    Termination,
}

impl Place {
    fn of(kind: DeclKind) -> Place {
        match kind {
            DeclKind::Party => Place::Party,
            DeclKind::Item => Place::Item,
            DeclKind::Supplement => Place::Supplement,
            DeclKind::Obligation => Place::Obligation,
            DeclKind::Termination => Place::Termination,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Place::Contract => "a contract",
            Place::Party => "a party",
            Place::Item => "an item",
            Place::Supplement => "a supplement",
            Place::Obligation => "an obligation",
            Place::Termination => "a termination",
        }
    }
}

/// The keyword a statement is known by in messages.
fn keyword(kind: &StmtKind) -> &'static str {
    match kind {
        StmtKind::Decl(d) => d.kind.keyword(),
        StmtKind::Case(_) => "case",
        StmtKind::Role(_) => "role",
        StmtKind::Key(_) => "key",
        StmtKind::SignedBy(_) => "signed by",
        StmtKind::Starts(_) => "starts",
        StmtKind::Ends(_) => "ends",
        StmtKind::Pay { .. } => "pay",
        StmtKind::ForFirst(_) => "for the first",
        StmtKind::AdjustableBy(_) => "adjustable by",
        StmtKind::Term(_) => "term",
        StmtKind::ReviewBy(_) => "review by",
        StmtKind::By(_) => "by",
        StmtKind::Every { .. } => "every",
        StmtKind::Lasting(_) => "lasting",
        StmtKind::Grace(_) => "grace",
        StmtKind::WhenMissed(_) => "when missed",
        StmtKind::Cap(_) => "cap",
        StmtKind::ConfirmedBy(_) => "confirmed by",
        StmtKind::Notice(_) => "notice",
        StmtKind::PaidMonthly { .. } => "paid",
        StmtKind::Use { .. } => "use",
    }
}

/// The places a statement may stand in.
fn places(kind: &StmtKind) -> &'static [Place] {
    use Place::*;
    match kind {
        StmtKind::Decl(d) if d.kind == DeclKind::Party => &[Contract],
        StmtKind::Decl(_) | StmtKind::Use { .. } => &[Contract],
        StmtKind::Case(_) | StmtKind::PaidMonthly { .. } => &[Contract],
        StmtKind::Role(_) | StmtKind::Key(_) => &[Party],
        StmtKind::SignedBy(_) => &[Contract, Termination],
        StmtKind::Starts(_) | StmtKind::Ends(_) => &[Contract, Item, Supplement],
        StmtKind::Pay { .. } | StmtKind::Cap(_) | StmtKind::ConfirmedBy(_) => &[Item, Supplement],
        StmtKind::ForFirst(_) => &[Item],
        StmtKind::AdjustableBy(_) | StmtKind::Term(_) | StmtKind::ReviewBy(_) => &[Supplement],
        StmtKind::By(_) | StmtKind::Every { .. } | StmtKind::Lasting(_) => &[Obligation],
        StmtKind::Grace(_) | StmtKind::WhenMissed(_) => &[Obligation],
        StmtKind::Notice(_) => &[Termination],
    }
}

/// What a contract's statements build up, including what is checked once all of them are read.
#[derive(Default)]
struct Builder {
    names: BTreeMap<String, Span>,
    case_ref: Option<String>,
    parties: Vec<model::Party>,
    signatories: Vec<PartyId>,
    signed_span: Option<Span>,
    start: Option<(Start, Span)>,
    end: Option<(End, Span)>,
    paid_monthly: bool,
    in_arrears: bool,
    items: Vec<model::Item>,
    obligations: Vec<model::Obligation>,
    termination: Option<model::Termination>,
    /// Adjusters of supplements, checked against the signatories at the end.
    adjusters: Vec<(PartyId, Span, String)>,
    /// Event kinds named by `starts when` and `ends when`, checked once every obligation is known.
    events: Vec<Ident>,
    /// Statements seen once at the contract's own level.
    seen: BTreeMap<&'static str, Span>,
    /// The clauses being expanded, to refuse one that uses itself.
    expanding: Vec<Span>,
}

impl Checker {
    pub(crate) fn check_root(&mut self, file: &ast::File) {
        for item in &file.items {
            match item {
                TopItem::Clause(clause) => self.check_clause_def(clause),
                TopItem::Contract(contract) => {
                    let checked = self.check_contract(contract);
                    self.contracts.push(checked);
                }
                TopItem::Import(_) => {}
            }
        }
        let has_contract = file.items.iter().any(|i| matches!(i, TopItem::Contract(_)));
        if has_contract {
            for item in &file.items {
                if let TopItem::Clause(clause) = item
                    && !self.used_clauses.contains(&clause.span)
                {
                    self.report(
                        Diagnostic::new(
                            Code::W0002,
                            clause.name.span,
                            format!("the clause `{}` is never used", clause.name.name),
                        )
                        .with_label("defined here")
                        .with_help(format!(
                            "use it with `use {}(…)` or remove it",
                            clause.name.name
                        )),
                    );
                }
            }
        }
    }

    /// Checks a clause on its own: its parameters have their types but no values.
    fn check_clause_def(&mut self, clause: &ClauseDef) {
        self.record_definition(
            &clause.name.name,
            DefinitionKind::Clause,
            clause.name.span,
            clause
                .title
                .as_ref()
                .map_or_else(String::new, |t| t.value.clone()),
        );
        let scope = self.param_scope(clause, None);
        let mut builder = Builder::default();
        self.block_stmts(&clause.body.stmts, &scope, &mut builder);
    }

    /// The scope of a clause's body: each parameter with its declared type and, where the clause is used, its value.
    fn param_scope(&mut self, clause: &ClauseDef, args: Option<&BTreeMap<String, Value>>) -> Scope {
        let mut scope = Scope::new();
        for param in &clause.params {
            let ty = match Type::from_name(&param.ty.name) {
                Some(ty) => ty,
                None => {
                    let mut d = Diagnostic::new(
                        Code::E0033,
                        param.ty.span,
                        format!("unknown type `{}`", param.ty.name),
                    )
                    .with_label("not a type");
                    if let Some(help) =
                        suggestion(&param.ty.name, "types", Type::NAMES.iter().copied())
                    {
                        d = d.with_help(help);
                    }
                    if args.is_none() {
                        self.report(d);
                    }
                    Type::Error
                }
            };
            if args.is_none() {
                self.record_definition(
                    &param.name.name,
                    DefinitionKind::Parameter,
                    param.name.span,
                    ty.to_string(),
                );
            }
            let value = args.and_then(|a| a.get(&param.name.name).cloned());
            scope.insert(
                param.name.name.clone(),
                Binding {
                    ty,
                    value,
                    span: param.name.span,
                    kind: BindingKind::Parameter,
                },
            );
        }
        scope
    }

    fn check_contract(&mut self, contract: &ast::Contract) -> model::Contract {
        let mut builder = Builder::default();
        self.record_definition(
            &contract.name.name,
            DefinitionKind::Contract,
            contract.name.span,
            contract
                .title
                .as_ref()
                .map_or_else(String::new, |t| t.value.clone()),
        );
        // Parties first, so that every statement can name any of them.
        let mut scope = Scope::new();
        for stmt in &contract.body.stmts {
            if let StmtKind::Decl(
                decl @ Decl {
                    kind: DeclKind::Party,
                    name: Some(name),
                    ..
                },
            ) = &stmt.kind
                && self.declare(&mut builder, name, DefinitionKind::Party, decl)
            {
                scope.insert(
                    name.name.clone(),
                    Binding {
                        ty: Type::Party,
                        value: Some(Value::Party(name.name.clone())),
                        span: name.span,
                        kind: BindingKind::Party,
                    },
                );
            }
        }
        self.block_stmts(&contract.body.stmts, &scope, &mut builder);
        self.finish_contract(contract, builder)
    }

    /// Registers a declaration's name in the contract's namespace; false when it is taken.
    fn declare(
        &mut self,
        builder: &mut Builder,
        name: &Ident,
        kind: DefinitionKind,
        decl: &Decl,
    ) -> bool {
        if let Some(first) = builder.names.get(&name.name) {
            self.report(
                Diagnostic::new(
                    Code::E0014,
                    name.span,
                    format!("`{}` is defined twice", name.name),
                )
                .with_label("defined again here")
                .with_secondary(*first, "first defined here")
                .with_help("give each party, item, supplement and obligation its own name"),
            );
            return false;
        }
        builder.names.insert(name.name.clone(), name.span);
        let detail = decl
            .title
            .as_ref()
            .map_or_else(String::new, |t| t.value.clone());
        self.record_definition(&name.name, kind, name.span, detail);
        true
    }

    /// Whether `stmt` may stand in `place` and has not been given there before; reports it when not.
    fn admit(
        &mut self,
        place: Place,
        stmt: &Stmt,
        seen: &mut BTreeMap<&'static str, Span>,
    ) -> bool {
        let word = keyword(&stmt.kind);
        let allowed = places(&stmt.kind);
        if !allowed.contains(&place) {
            let homes: Vec<&str> = allowed.iter().map(|p| p.name()).collect();
            self.report(
                Diagnostic::new(
                    Code::E0025,
                    stmt.span,
                    format!("`{word}` does not belong in {}", place.name()),
                )
                .with_label("not allowed here")
                .with_help(format!("`{word}` belongs in {}", homes.join(" or "))),
            );
            return false;
        }
        if matches!(stmt.kind, StmtKind::Decl(_) | StmtKind::Use { .. }) {
            return true;
        }
        if let Some(first) = seen.get(word) {
            self.report(
                Diagnostic::new(
                    Code::E0026,
                    stmt.span,
                    format!("`{word}` is given twice in {}", place.name()),
                )
                .with_label("given again here")
                .with_secondary(*first, "first given here")
                .with_help("keep one of them"),
            );
            return false;
        }
        seen.insert(word, stmt.span);
        true
    }

    /// The statements of a contract or clause body.
    fn block_stmts(&mut self, stmts: &[Stmt], scope: &Scope, b: &mut Builder) {
        for stmt in stmts {
            let mut seen = std::mem::take(&mut b.seen);
            let admitted = self.admit(Place::Contract, stmt, &mut seen);
            b.seen = seen;
            if !admitted {
                continue;
            }
            match &stmt.kind {
                StmtKind::Decl(decl) => self.decl(decl, stmt.span, scope, b),
                StmtKind::Case(case) => b.case_ref = Some(case.value.clone()),
                StmtKind::SignedBy(parties) => {
                    b.signatories = self.party_refs(parties, scope);
                    b.signed_span = Some(stmt.span);
                }
                StmtKind::Starts(moment) => {
                    if let Some(start) = self.moment(moment, scope, b) {
                        b.start = Some((start, stmt.span));
                    }
                }
                StmtKind::Ends(rule) => {
                    if let Some(end) = self.end_rule(rule, scope, b) {
                        b.end = Some((end, stmt.span));
                    }
                }
                StmtKind::PaidMonthly { in_arrears } => {
                    b.paid_monthly = true;
                    b.in_arrears = *in_arrears;
                }
                StmtKind::Use { clause, args } => {
                    self.use_clause(stmt.span, clause, args, scope, b)
                }
                _ => {}
            }
        }
    }

    fn decl(&mut self, decl: &Decl, span: Span, scope: &Scope, b: &mut Builder) {
        let place = Place::of(decl.kind);
        let mut seen = BTreeMap::new();
        let stmts: Vec<&Stmt> = decl
            .body
            .stmts
            .iter()
            .filter(|s| self.admit(place, s, &mut seen))
            .collect();
        let title = decl.title.as_ref().map(|t| t.value.clone());
        let missing = |this: &mut Self, what: &str, help: &str| {
            let at = decl.name.as_ref().map_or(span, |n| n.span);
            this.report(
                Diagnostic::new(Code::E0030, at, format!("{} needs `{what}`", place.name()))
                    .with_label(format!("no `{what}` here"))
                    .with_help(help.to_string()),
            );
        };
        match decl.kind {
            DeclKind::Party => {
                // Registered in the first pass over the contract; a party inside a clause is not allowed.
                let Some(name) = &decl.name else { return };
                let mut party = model::Party {
                    id: PartyId(name.name.clone()),
                    title,
                    role: None,
                    key: None,
                    span,
                };
                for stmt in &stmts {
                    match &stmt.kind {
                        StmtKind::Role(role) => party.role = self.role(role),
                        StmtKind::Key(key) => party.key = Some(key.value.clone()),
                        _ => {}
                    }
                }
                if !seen.contains_key("role") {
                    missing(
                        self,
                        "role",
                        "say what the party is: `role payer`, `role provider`, …",
                    );
                }
                if !seen.contains_key("key") {
                    missing(
                        self,
                        "key",
                        "give the party's public key: `key \"ed25519:…\"`",
                    );
                }
                b.parties.push(party);
            }
            DeclKind::Item | DeclKind::Supplement => {
                let Some(name) = &decl.name else { return };
                let (kind, def) = if decl.kind == DeclKind::Item {
                    (ItemKind::Item, DefinitionKind::Item)
                } else {
                    (ItemKind::Supplement, DefinitionKind::Supplement)
                };
                self.declare(b, name, def, decl);
                let item = self.item(name, kind, title, span, &stmts, scope, b);
                if !seen.contains_key("pay") {
                    missing(
                        self,
                        "pay",
                        "say what is paid and to whom: `pay 5_000 DKK per month to provider`",
                    );
                }
                if kind == ItemKind::Supplement {
                    if !seen.contains_key("adjustable by") {
                        missing(
                            self,
                            "adjustable by",
                            "name the party that starts and adjusts the supplement",
                        );
                    }
                    if !seen.contains_key("term") {
                        missing(
                            self,
                            "term",
                            "give the supplement a default term: `term 3 months`",
                        );
                    }
                    if !seen.contains_key("review by") {
                        self.report(
                            Diagnostic::new(Code::W0005, name.span, format!("the supplement `{}` has no review", name.name))
                                .with_label("never reviewed")
                                .with_help("name who reviews it at the end of each term: `review by municipality`"),
                        );
                    }
                }
                b.items.push(item);
            }
            DeclKind::Obligation => {
                let Some(name) = &decl.name else { return };
                self.declare(b, name, DefinitionKind::Obligation, decl);
                let obligation = self.obligation(name, title, span, &stmts, scope);
                if !seen.contains_key("by") {
                    missing(
                        self,
                        "by",
                        "name the party that must meet it: `by provider`",
                    );
                }
                if obligation.every.is_none() && !seen.contains_key("every") {
                    self.report(
                        Diagnostic::new(
                            Code::E0023,
                            name.span,
                            format!("the obligation `{}` has no interval", name.name),
                        )
                        .with_label("never falls due")
                        .with_help("say how often it falls due: `every 3 months`"),
                    );
                }
                if !seen.contains_key("when missed") {
                    self.report(
                        Diagnostic::new(
                            Code::W0004,
                            name.span,
                            format!("nothing happens when `{}` is missed", name.name),
                        )
                        .with_label("no consequence")
                        .with_help("add `when missed withhold` or `when missed flag`"),
                    );
                }
                b.obligations.push(obligation);
            }
            DeclKind::Termination => {
                let mut termination = model::Termination {
                    signatories: Vec::new(),
                    notice: None,
                    span,
                };
                for stmt in &stmts {
                    match &stmt.kind {
                        StmtKind::SignedBy(parties) => {
                            termination.signatories = self.party_refs(parties, scope)
                        }
                        StmtKind::Notice(expr) => {
                            termination.notice = self.duration(expr, scope, "a notice period")
                        }
                        _ => {}
                    }
                }
                if !seen.contains_key("signed by") {
                    missing(
                        self,
                        "signed by",
                        "name who must sign a termination: `signed by a and b`",
                    );
                }
                if let Some(first) = &b.termination {
                    self.report(
                        Diagnostic::new(
                            Code::E0026,
                            span,
                            "`termination` is given twice in a contract",
                        )
                        .with_label("given again here")
                        .with_secondary(first.span, "first given here")
                        .with_help("keep one of them"),
                    );
                } else {
                    b.termination = Some(termination);
                }
            }
        }
    }

    #[expect(
        clippy::too_many_arguments,
        reason = "the parts of one declaration, read in one place"
    )]
    fn item(
        &mut self,
        name: &Ident,
        kind: ItemKind,
        title: Option<String>,
        span: Span,
        stmts: &[&Stmt],
        scope: &Scope,
        b: &mut Builder,
    ) -> model::Item {
        let mut item = model::Item {
            id: TermId(name.name.clone()),
            kind,
            title,
            payee: None,
            rate: None,
            pay_span: None,
            first: None,
            starts: None,
            ends: None,
            cap: None,
            confirmed_by: Vec::new(),
            adjustable_by: Vec::new(),
            term: None,
            review_by: Vec::new(),
            span,
        };
        for stmt in stmts {
            match &stmt.kind {
                StmtKind::Pay { amount, payee } => {
                    item.rate = self.pay_amount(amount, scope);
                    item.payee = self.party_ref(payee, scope);
                    item.pay_span = Some(stmt.span);
                }
                StmtKind::ForFirst(expr) => item.first = self.duration(expr, scope, "a duration"),
                StmtKind::Starts(Moment::On(expr)) => item.starts = self.date(expr, scope),
                StmtKind::Ends(EndRule::On(expr)) => item.ends = self.date(expr, scope),
                StmtKind::Starts(Moment::When(_))
                | StmtKind::Ends(EndRule::When(_) | EndRule::After(_)) => {
                    self.report(
                        Diagnostic::new(Code::E0025, stmt.span, "an item starts and ends on dates")
                            .with_label("not allowed here")
                            .with_help("write `starts on DATE` or `ends on DATE`, or `for the first 3 months`"),
                    );
                }
                StmtKind::Cap(expr) => item.cap = self.cap(expr, scope),
                StmtKind::ConfirmedBy(parties) => {
                    item.confirmed_by = self.party_refs(parties, scope)
                }
                StmtKind::AdjustableBy(parties) => {
                    item.adjustable_by = self.party_refs(parties, scope);
                    for (party, ident) in item.adjustable_by.iter().zip(parties) {
                        b.adjusters
                            .push((party.clone(), ident.span, name.name.clone()));
                    }
                }
                StmtKind::Term(expr) => item.term = self.duration(expr, scope, "a term"),
                StmtKind::ReviewBy(parties) => item.review_by = self.party_refs(parties, scope),
                _ => {}
            }
        }
        if let (Some(starts), Some(ends)) = (item.starts, item.ends)
            && ends < starts
        {
            self.report(
                Diagnostic::new(
                    Code::E0021,
                    span,
                    format!("`{}` ends before it starts", name.name),
                )
                .with_label(format!("ends {ends}, starts {starts}"))
                .with_help("swap the dates, or correct the one that is wrong"),
            );
        }
        item
    }

    fn obligation(
        &mut self,
        name: &Ident,
        title: Option<String>,
        span: Span,
        stmts: &[&Stmt],
        scope: &Scope,
    ) -> model::Obligation {
        let mut obligation = model::Obligation {
            id: TermId(name.name.clone()),
            title,
            by: Vec::new(),
            every: None,
            on: None,
            lasting: None,
            grace: None,
            consequence: None,
            span,
        };
        for stmt in stmts {
            match &stmt.kind {
                StmtKind::By(parties) => obligation.by = self.party_refs(parties, scope),
                StmtKind::Every { interval, on } => {
                    obligation.every = self.duration(interval, scope, "an interval");
                    if let Some(every) = obligation.every
                        && every.amount <= rust_decimal::Decimal::ZERO
                    {
                        self.report(
                            Diagnostic::new(
                                Code::E0023,
                                interval.span,
                                "an interval must be longer than nothing",
                            )
                            .with_label("this never moves on")
                            .with_help("give a positive interval: `every 3 months`"),
                        );
                        obligation.every = None;
                    }
                    obligation.on = on.as_ref().and_then(|day| self.weekday(day, scope));
                }
                StmtKind::Lasting(expr) => {
                    obligation.lasting = self
                        .expect_type(expr, scope, "hours", |t| *t == Type::Hours)
                        .and_then(|v| v.amount());
                }
                StmtKind::Grace(expr) => {
                    obligation.grace = self.duration(expr, scope, "a grace period")
                }
                StmtKind::WhenMissed(consequence) => obligation.consequence = Some(*consequence),
                _ => {}
            }
        }
        obligation
    }

    fn use_clause(
        &mut self,
        span: Span,
        path: &ast::Path,
        args: &[ast::Arg],
        scope: &Scope,
        b: &mut Builder,
    ) {
        let names: Vec<&str> = path.segments.iter().map(|s| s.name.as_str()).collect();
        let Some((clause_name, module)) = names.split_last() else {
            return;
        };
        let module = module.join(".");
        let file = span.file;
        let target = if module.is_empty() {
            Some(file)
        } else {
            self.modules
                .get(&file)
                .and_then(|m| m.get(&module))
                .copied()
        };
        let Some(target) = target else {
            let imported: Vec<String> = self
                .modules
                .get(&file)
                .map(|m| m.keys().cloned().collect())
                .unwrap_or_default();
            let mut d = Diagnostic::new(
                Code::E0031,
                path.span,
                format!("no module `{module}` is imported"),
            )
            .with_label("unknown module");
            d = d.with_help(
                suggestion(
                    &module,
                    "imported modules",
                    imported.iter().map(String::as_str),
                )
                .unwrap_or_else(|| format!("add `import {module}` at the top of the file")),
            );
            self.report(d);
            return;
        };
        let Some(clause) = self.clause_in(target, clause_name).cloned() else {
            let clauses: Vec<String> = self
                .files
                .get(&target)
                .map(|f| {
                    f.items
                        .iter()
                        .filter_map(|i| match i {
                            TopItem::Clause(c) => Some(c.name.name.clone()),
                            _ => None,
                        })
                        .collect()
                })
                .unwrap_or_default();
            let mut d = Diagnostic::new(
                Code::E0031,
                path.span,
                format!("there is no clause `{}`", names.join(".")),
            )
            .with_label("unknown clause");
            if let Some(help) = suggestion(
                clause_name,
                "clauses there",
                clauses.iter().map(String::as_str),
            ) {
                d = d.with_help(help);
            }
            self.report(d);
            return;
        };
        self.record_reference(path.span, clause.name.span);
        if target == self.root {
            self.used_clauses.push(clause.span);
        }
        if b.expanding.contains(&clause.span) {
            self.report(
                Diagnostic::new(
                    Code::E0028,
                    span,
                    format!("the clause `{clause_name}` uses itself"),
                )
                .with_label("this use leads back to the clause it is in")
                .with_help("a clause cannot use itself, directly or through another clause"),
            );
            return;
        }
        let values = self.arguments(span, &clause, args, scope);
        let clause_scope = self.param_scope(&clause, Some(&values));
        let foreign = clause.span.file != self.root;
        if foreign {
            self.expanding.push((span, names.join(".")));
        }
        b.expanding.push(clause.span);
        self.block_stmts(&clause.body.stmts, &clause_scope, b);
        b.expanding.pop();
        if foreign {
            self.expanding.pop();
        }
    }

    /// Checks a `use`'s arguments against the clause's parameters and returns the values of the constant ones.
    fn arguments(
        &mut self,
        span: Span,
        clause: &ClauseDef,
        args: &[ast::Arg],
        scope: &Scope,
    ) -> BTreeMap<String, Value> {
        let mut values = BTreeMap::new();
        let mut given: BTreeMap<&str, Span> = BTreeMap::new();
        for arg in args {
            let typed = self.expr(&arg.value, scope);
            let Some(param) = clause.params.iter().find(|p| p.name.name == arg.name.name) else {
                let params: Vec<&str> =
                    clause.params.iter().map(|p| p.name.name.as_str()).collect();
                let mut d = Diagnostic::new(
                    Code::E0032,
                    arg.name.span,
                    format!(
                        "the clause `{}` has no parameter `{}`",
                        clause.name.name, arg.name.name
                    ),
                )
                .with_label("unknown parameter");
                if let Some(help) = suggestion(&arg.name.name, "parameters", params.iter().copied())
                {
                    d = d.with_help(help);
                }
                self.report(d);
                continue;
            };
            if let Some(first) = given.insert(&param.name.name, arg.span) {
                self.report(
                    Diagnostic::new(
                        Code::E0032,
                        arg.span,
                        format!("`{}` is given twice", arg.name.name),
                    )
                    .with_label("given again here")
                    .with_secondary(first, "first given here"),
                );
                continue;
            }
            let expected = Type::from_name(&param.ty.name).unwrap_or(Type::Error);
            if !typed.ty.fits(&expected) {
                self.report(
                    Diagnostic::new(
                        Code::E0018,
                        arg.value.span,
                        format!("`{}` must be {expected}, not {}", arg.name.name, typed.ty),
                    )
                    .with_label(format!("this is {}", typed.ty)),
                );
                continue;
            }
            if let Some(value) = typed.value {
                values.insert(param.name.name.clone(), value);
            }
        }
        for param in &clause.params {
            if !given.contains_key(param.name.name.as_str()) {
                self.report(
                    Diagnostic::new(
                        Code::E0032,
                        span,
                        format!(
                            "the clause `{}` needs the argument `{}`",
                            clause.name.name, param.name.name
                        ),
                    )
                    .with_label(format!("`{}` is missing", param.name.name))
                    .with_help(format!("add `{}: …` ({})", param.name.name, param.ty.name)),
                );
            }
        }
        values
    }

    fn moment(&mut self, moment: &Moment, scope: &Scope, b: &mut Builder) -> Option<Start> {
        match moment {
            Moment::On(expr) => self.date(expr, scope).map(Start::On),
            Moment::When(kind) => {
                b.events.push(kind.clone());
                Some(Start::When(kind.name.clone()))
            }
        }
    }

    fn end_rule(&mut self, rule: &EndRule, scope: &Scope, b: &mut Builder) -> Option<End> {
        match rule {
            EndRule::On(expr) => self.date(expr, scope).map(End::On),
            EndRule::After(expr) => self.duration(expr, scope, "a duration").map(End::After),
            EndRule::When(kind) => {
                b.events.push(kind.clone());
                Some(End::When(kind.name.clone()))
            }
        }
    }

    /// The rest of the contract's rules, once all its statements are read; then the model.
    fn finish_contract(&mut self, contract: &ast::Contract, b: Builder) -> model::Contract {
        let at = contract.name.span;
        if b.case_ref.is_none() {
            self.report(
                Diagnostic::new(
                    Code::E0022,
                    at,
                    format!(
                        "the contract `{}` has no case reference",
                        contract.name.name
                    ),
                )
                .with_label("no `case` in this contract")
                .with_help("add the case's pseudonymous reference: `case \"ANB-2019-0042\"`"),
            );
        }
        for (what, present, help) in [
            (
                "signed by",
                b.signed_span.is_some(),
                "name the parties whose signatures put it in force",
            ),
            (
                "starts",
                b.start.is_some(),
                "say when it starts: `starts on 2019-01-15`",
            ),
            (
                "paid",
                b.paid_monthly,
                "say how it is paid: `paid monthly in arrears`",
            ),
        ] {
            if !present {
                self.report(
                    Diagnostic::new(Code::E0030, at, format!("a contract needs `{what}`"))
                        .with_label(format!("no `{what}` in this contract"))
                        .with_help(help),
                );
            }
        }
        for (party, span, supplement) in &b.adjusters {
            if !b.signatories.contains(party) {
                let mut d = Diagnostic::new(
                    Code::E0024,
                    *span,
                    format!(
                        "`{}` may adjust `{supplement}` but does not sign the contract",
                        party.0
                    ),
                )
                .with_label("not a signatory")
                .with_help(format!(
                    "add `{}` to `signed by`, or let a signatory adjust it",
                    party.0
                ));
                if let Some(signed) = b.signed_span {
                    d = d.with_secondary(signed, "the signatories");
                }
                self.report(d);
            }
        }
        let mut kinds: Vec<&str> = BUILTIN_EVENTS.to_vec();
        kinds.extend(b.obligations.iter().map(|o| o.id.0.as_str()));
        for event in &b.events {
            if !kinds.contains(&event.name.as_str()) {
                let mut d = Diagnostic::new(
                    Code::E0036,
                    event.span,
                    format!("unknown event kind `{}`", event.name),
                )
                .with_label("no such event");
                if let Some(help) = suggestion(&event.name, "event kinds", kinds.iter().copied()) {
                    d = d.with_help(help);
                }
                self.report(d);
            }
        }
        let start = b.start.map(|(s, _)| s);
        let start_date = match &start {
            Some(Start::On(d)) => Some(*d),
            _ => None,
        };
        if let (Some(start_date), Some((End::On(end), end_span))) = (start_date, &b.end)
            && *end < start_date
        {
            self.report(
                Diagnostic::new(
                    Code::E0021,
                    *end_span,
                    format!("the contract ends on {end}, before it starts"),
                )
                .with_label(format!("it starts on {start_date}"))
                .with_help("correct the start or the end date"),
            );
        }
        let end_date = match &b.end {
            Some((End::On(d), _)) => Some(*d),
            _ => None,
        };
        for item in &b.items {
            let never = item
                .first
                .is_some_and(|f| f.amount <= rust_decimal::Decimal::ZERO)
                || matches!((item.starts, end_date), (Some(s), Some(e)) if s > e)
                || matches!((item.ends, start_date), (Some(e), Some(s)) if e < s);
            if never {
                self.report(
                    Diagnostic::new(Code::W0003, item.span, format!("`{}` can never be active", item.id.0))
                        .with_label("outside the contract's period")
                        .with_help("check its dates and its `for the first` against the contract's start and end"),
                );
            }
        }
        model::Contract {
            name: contract.name.name.clone(),
            title: contract.title.as_ref().map(|t| t.value.clone()),
            case_ref: b.case_ref,
            parties: b.parties,
            signatories: b.signatories,
            start,
            end: b.end.map(|(e, _)| e),
            in_arrears: b.in_arrears,
            items: b.items,
            obligations: b.obligations,
            termination: b.termination,
            span: contract.span,
        }
    }

    // -----------------------------------------------------------------------------------------------------------
    // Values a statement asks for

    /// Types `expr` and reports it unless `accepts` its type; the value when it is constant.
    fn expect_type(
        &mut self,
        expr: &Expr,
        scope: &Scope,
        what: &str,
        accepts: impl Fn(&Type) -> bool,
    ) -> Option<Value> {
        let typed = self.expr(expr, scope);
        if typed.ty.is_error() {
            return None;
        }
        if !accepts(&typed.ty) {
            self.report(
                Diagnostic::new(
                    Code::E0018,
                    expr.span,
                    format!("expected {what}, found {}", typed.ty),
                )
                .with_label(format!("this is {}", typed.ty)),
            );
            return None;
        }
        typed.value
    }

    fn date(&mut self, expr: &Expr, scope: &Scope) -> Option<chrono::NaiveDate> {
        match self.expect_type(expr, scope, "a date", |t| *t == Type::Date)? {
            Value::Date(d) => Some(d),
            _ => None,
        }
    }

    fn duration(&mut self, expr: &Expr, scope: &Scope, what: &str) -> Option<Duration> {
        let value = self.expect_type(expr, scope, what, |t| matches!(t, Type::Duration(_)))?;
        let Value::Duration { amount, calendar } = value else {
            return None;
        };
        if amount.is_sign_negative() && !amount.is_zero() {
            self.report(
                Diagnostic::new(Code::E0020, expr.span, format!("{what} cannot be negative"))
                    .with_label(format!("this is {}", Value::Duration { amount, calendar }))
                    .with_help("write the length of time without a minus sign"),
            );
            return None;
        }
        Some(Duration { amount, calendar })
    }

    fn pay_amount(&mut self, expr: &Expr, scope: &Scope) -> Option<MoneyRate> {
        let what = "an amount per month, day or hour";
        let typed = self.expr(expr, scope);
        let per = match &typed.ty {
            Type::Error => return None,
            Type::Rate(of, per) if matches!(of.as_ref(), Type::Money(_)) => *per,
            other => {
                let mut d = Diagnostic::new(
                    Code::E0018,
                    expr.span,
                    format!("expected {what}, found {other}"),
                )
                .with_label(format!("this is {other}"));
                if matches!(other, Type::Money(_)) {
                    d = d.with_help("say what the amount is per: `… DKK per month`");
                }
                self.report(d);
                return None;
            }
        };
        if matches!(per, Per::Week | Per::Year) {
            self.report(
                Diagnostic::new(
                    Code::E0019,
                    expr.span,
                    format!("an amount per {} cannot be paid monthly as it is", per.word()),
                )
                .with_label(format!("paid per {}", per.word()))
                .with_help(match per {
                    Per::Week => "a month is not a whole number of weeks: state the conversion, such as `… per week * 52 weeks / 12 months`, or a daily rate",
                    _ => "state the monthly amount: `… per year / 12`",
                }),
            );
            return None;
        }
        let Some(Value::Rate { of, per }) = typed.value else {
            return None;
        };
        let Value::Money { amount, currency } = *of else {
            return None;
        };
        if amount.is_sign_negative() && !amount.is_zero() {
            self.report(
                Diagnostic::new(Code::E0020, expr.span, "a payment cannot be negative")
                    .with_label(format!("this pays {}", Value::Money { amount, currency }))
                    .with_help("a deduction is not a payment: write the amount that is paid"),
            );
            return None;
        }
        Some(MoneyRate {
            amount,
            currency,
            per,
        })
    }

    fn cap(&mut self, expr: &Expr, scope: &Scope) -> Option<(rust_decimal::Decimal, Per)> {
        let value = self.expect_type(
            expr,
            scope,
            "hours per month, week or day",
            |t| matches!(t, Type::Rate(of, _) if **of == Type::Hours),
        )?;
        match value {
            Value::Rate { of, per } => of.amount().map(|a| (a, per)),
            _ => None,
        }
    }

    fn role(&mut self, role: &Ident) -> Option<Role> {
        let found = Role::from_name(&role.name);
        if found.is_none() {
            let mut d = Diagnostic::new(
                Code::E0035,
                role.span,
                format!("unknown role `{}`", role.name),
            )
            .with_label("not a role");
            if let Some(help) = suggestion(&role.name, "roles", Role::ALL.iter().map(|(n, _)| *n)) {
                d = d.with_help(help);
            }
            self.report(d);
        }
        found
    }

    /// The weekday a name stands for: a weekday's own name, or a parameter holding one.
    fn weekday(&mut self, day: &Ident, scope: &Scope) -> Option<Weekday> {
        match scope.get(&day.name) {
            Some(binding) if matches!(binding.ty, Type::Weekday | Type::Error) => {
                if binding.kind != BindingKind::Builtin {
                    self.record_reference(day.span, binding.span);
                }
                match binding.value {
                    Some(Value::Weekday(w)) => Some(w),
                    _ => None,
                }
            }
            _ => {
                let mut d = Diagnostic::new(
                    Code::E0034,
                    day.span,
                    format!("`{}` is not a weekday", day.name),
                )
                .with_label("not a weekday");
                if let Some(help) =
                    suggestion(&day.name, "weekdays", Weekday::ALL.iter().map(|(n, _)| *n))
                {
                    d = d.with_help(help);
                }
                self.report(d);
                None
            }
        }
    }

    /// A list of parties; the ones that resolve.
    fn party_refs(&mut self, idents: &[Ident], scope: &Scope) -> Vec<PartyId> {
        idents
            .iter()
            .filter_map(|i| self.party_ref(i, scope))
            .collect()
    }

    /// The party a name refers to; `None` when it is not one (reported) or is a parameter without a value yet.
    fn party_ref(&mut self, ident: &Ident, scope: &Scope) -> Option<PartyId> {
        match scope.get(&ident.name) {
            Some(binding) if binding.ty == Type::Party || binding.ty.is_error() => {
                self.record_reference(ident.span, binding.span);
                match &binding.value {
                    Some(Value::Party(p)) => Some(PartyId(p.clone())),
                    _ => None,
                }
            }
            Some(binding) => {
                let binding_span = binding.span;
                let ty = binding.ty.clone();
                self.report(
                    Diagnostic::new(
                        Code::E0015,
                        ident.span,
                        format!("`{}` is not a party", ident.name),
                    )
                    .with_label("a party is needed here")
                    .with_secondary(binding_span, format!("`{}` is {ty}", ident.name)),
                );
                None
            }
            None => {
                let parties: Vec<&str> = scope
                    .iter()
                    .filter(|(_, b)| b.ty == Type::Party)
                    .map(|(n, _)| n.as_str())
                    .collect();
                let mut d = Diagnostic::new(
                    Code::E0015,
                    ident.span,
                    format!("`{}` is not a party of this contract", ident.name),
                )
                .with_label("no such party");
                if let Some(help) = suggestion(&ident.name, "parties", parties.iter().copied()) {
                    d = d.with_help(help);
                }
                self.report(d);
                None
            }
        }
    }
}
