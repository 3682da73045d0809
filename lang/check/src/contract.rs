//! Contracts: which statements go where, the contract's own statements, and the rules checked once all of them
//! are read.
//!
//! A contract's statements are read in order, with each `use` replaced by its clause's statements (clauses.rs);
//! declarations are read by decls.rs and their operands by operands.rs. Parties, items, supplements and
//! obligations share one namespace per contract.

use std::collections::BTreeMap;

use cvl_syntax::ast::{self, Decl, DeclKind, EndRule, Ident, Moment, Stmt, StmtKind, TopItem};
use cvl_syntax::{Code, Diagnostic, Span};

use crate::model::{self, End, PartyId, Start};
use crate::names::{Binding, BindingKind, Scope, suggestion};
use crate::types::Type;
use crate::value::Value;
use crate::{BUILTIN_EVENTS, Checker, DefinitionKind};

/// Where a statement stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Place {
    Contract,
    Party,
    Item,
    Supplement,
    Obligation,
    Termination,
}

impl Place {
    pub(crate) fn of(kind: DeclKind) -> Place {
        match kind {
            DeclKind::Party => Place::Party,
            DeclKind::Item => Place::Item,
            DeclKind::Supplement => Place::Supplement,
            DeclKind::Obligation => Place::Obligation,
            DeclKind::Termination => Place::Termination,
        }
    }

    pub(crate) fn name(self) -> &'static str {
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
        StmtKind::By { .. } => "by",
        StmtKind::Every { .. } => "every",
        StmtKind::Lasting(_) => "lasting",
        StmtKind::Grace(_) => "grace",
        StmtKind::WhenMissed { .. } => "when missed",
        StmtKind::Cap(_) => "cap",
        StmtKind::ConfirmedBy(_) => "confirmed by",
        StmtKind::Notice { .. } => "notice",
        StmtKind::PaidMonthly { .. } => "paid",
        StmtKind::Interest { .. } => "interest",
        StmtKind::Use { .. } => "use",
        StmtKind::Cvr(_) => "cvr",
        StmtKind::Covers(_) => "covers",
        StmtKind::Reimburse { .. } => "reimburse",
        StmtKind::UpTo(_) => "up to",
        StmtKind::ApprovedBy(_) => "approved by",
        StmtKind::Once(_) => "once",
        StmtKind::Regulated { .. } => "regulated",
    }
}

/// The places a statement may stand in.
fn places(kind: &StmtKind) -> &'static [Place] {
    use Place::*;
    match kind {
        StmtKind::Decl(d) if d.kind == DeclKind::Party => &[Contract],
        StmtKind::Decl(_) | StmtKind::Use { .. } => &[Contract],
        StmtKind::Case(_) | StmtKind::PaidMonthly { .. } | StmtKind::Interest { .. } => &[Contract],
        StmtKind::Role(_) | StmtKind::Key(_) | StmtKind::Cvr(_) => &[Party],
        StmtKind::Covers(_) => &[Item, Supplement],
        StmtKind::Reimburse { .. } | StmtKind::UpTo(_) | StmtKind::ApprovedBy(_) => &[Item],
        StmtKind::SignedBy(_) => &[Contract, Termination],
        StmtKind::Starts(_) | StmtKind::Ends(_) => &[Contract, Item, Supplement],
        StmtKind::Pay { .. } | StmtKind::Cap(_) | StmtKind::ConfirmedBy(_) => &[Item, Supplement],
        StmtKind::ForFirst(_) | StmtKind::Once(_) | StmtKind::Regulated { .. } => &[Item],
        StmtKind::AdjustableBy(_) | StmtKind::Term(_) | StmtKind::ReviewBy(_) => &[Supplement],
        StmtKind::By { .. } => &[Obligation, Termination],
        StmtKind::Every { .. } | StmtKind::Lasting(_) => &[Obligation],
        StmtKind::Grace(_) | StmtKind::WhenMissed { .. } => &[Obligation],
        StmtKind::Notice { .. } => &[Termination],
    }
}

/// What a contract's statements build up, including what is checked once all of them are read.
#[derive(Default)]
pub(crate) struct Builder {
    pub(crate) names: BTreeMap<String, Span>,
    pub(crate) case_ref: Option<String>,
    pub(crate) parties: Vec<model::Party>,
    pub(crate) signatories: Vec<PartyId>,
    pub(crate) signed_span: Option<Span>,
    pub(crate) start: Option<(Start, Span)>,
    pub(crate) end: Option<(End, Span)>,
    pub(crate) paid_monthly: bool,
    pub(crate) in_arrears: bool,
    pub(crate) due_day: Option<u32>,
    pub(crate) interest: Option<model::Interest>,
    pub(crate) items: Vec<model::Item>,
    pub(crate) obligations: Vec<model::Obligation>,
    pub(crate) termination: Option<model::Termination>,
    /// Adjusters of supplements, checked against the signatories at the end.
    pub(crate) adjusters: Vec<(PartyId, Span, String)>,
    /// Event kinds named by `starts when` and `ends when`, checked once every obligation is known.
    pub(crate) events: Vec<Ident>,
    /// Statements seen once at the contract's own level.
    pub(crate) seen: BTreeMap<&'static str, Span>,
    /// Whether the statements are a clause's, checked on its own.
    pub(crate) clause_alone: bool,
    /// The clauses being expanded, to refuse one that uses itself.
    pub(crate) expanding: Vec<Span>,
    /// How many `use`s have been expanded, counting those inside used clauses, up to [`crate::clauses::MAX_USES`].
    pub(crate) uses: usize,
    /// The `use` written in the contract (or clause) itself that is being expanded: where a problem deep inside
    /// the clauses it uses is reported.
    pub(crate) outer_use: Option<Span>,
    /// The `use` statements being expanded, outermost first: where an obligation's terms came from.
    pub(crate) use_sites: Vec<model::UseSite>,
    /// The items each obligation's `when missed withhold ITEM, …` names, checked once every item is known.
    pub(crate) withheld: Vec<(model::TermId, Vec<Ident>)>,
}

impl Builder {
    /// Whether the statements being read are a clause's, alone or expanded into a contract.
    pub(crate) fn in_clause(&self) -> bool {
        self.clause_alone || !self.expanding.is_empty()
    }
}

impl Checker {
    pub(crate) fn check_root(&mut self, file: &ast::File) {
        // Clauses and contracts are named once per file.
        let mut names: BTreeMap<(bool, &str), Span> = BTreeMap::new();
        for item in &file.items {
            let (is_clause, name) = match item {
                TopItem::Clause(c) => (true, &c.name),
                TopItem::Contract(c) => (false, &c.name),
                TopItem::Import(_) => continue,
            };
            if let Some(first) = names.insert((is_clause, name.name.as_str()), name.span) {
                let what = if is_clause { "clause" } else { "contract" };
                self.report(
                    Diagnostic::new(
                        Code::E0014,
                        name.span,
                        format!("the {what} `{}` is defined twice", name.name),
                    )
                    .with_label("defined again here")
                    .with_secondary(first, "first defined here")
                    .with_help(format!("give each {what} in a file its own name")),
                );
            }
        }
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

    pub(crate) fn check_contract(&mut self, contract: &ast::Contract) -> model::Contract {
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
    pub(crate) fn declare(
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
    pub(crate) fn admit(
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
    pub(crate) fn block_stmts(&mut self, stmts: &[Stmt], scope: &Scope, b: &mut Builder) {
        for stmt in stmts {
            let mut seen = std::mem::take(&mut b.seen);
            let admitted = self.admit(Place::Contract, stmt, &mut seen);
            b.seen = seen;
            if !admitted {
                continue;
            }
            match &stmt.kind {
                StmtKind::Decl(decl) if decl.kind == DeclKind::Party && b.in_clause() => {
                    self.report(
                        Diagnostic::new(Code::E0025, stmt.span, "`party` does not belong in a clause")
                            .with_label("not allowed here")
                            .with_help("declare the party in the contract and pass it to the clause as a `party` argument"),
                    );
                }
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
                StmtKind::PaidMonthly {
                    in_arrears,
                    due_day,
                } => {
                    b.paid_monthly = true;
                    b.in_arrears = *in_arrears;
                    b.due_day = due_day.as_ref().and_then(|e| self.due_day(e, scope));
                }
                StmtKind::Interest { percent, per } => {
                    b.interest = self.interest(percent, per, scope, stmt.span);
                }
                StmtKind::Use { clause, args } => {
                    self.use_clause(stmt.span, clause, args, scope, b)
                }
                _ => {}
            }
        }
    }

    pub(crate) fn moment(
        &mut self,
        moment: &Moment,
        scope: &Scope,
        b: &mut Builder,
    ) -> Option<Start> {
        match moment {
            Moment::On(expr) => self.date(expr, scope).map(Start::On),
            Moment::When(kind) => {
                b.events.push(kind.clone());
                Some(Start::When(kind.name.clone()))
            }
        }
    }

    pub(crate) fn end_rule(
        &mut self,
        rule: &EndRule,
        scope: &Scope,
        b: &mut Builder,
    ) -> Option<End> {
        match rule {
            EndRule::On(expr) => self.date(expr, scope).map(End::On),
            EndRule::After(expr) => self
                .duration(expr, scope, "a duration", &["months", "years"])
                .map(End::After),
            EndRule::When(kind) => {
                b.events.push(kind.clone());
                Some(End::When(kind.name.clone()))
            }
        }
    }

    /// The rest of the contract's rules, once all its statements are read; then the model.
    pub(crate) fn finish_contract(
        &mut self,
        contract: &ast::Contract,
        mut b: Builder,
    ) -> model::Contract {
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
                b.seen.contains_key("signed by"),
                "name the parties whose signatures put it in force",
            ),
            (
                "starts",
                b.seen.contains_key("starts"),
                "say when it starts: `starts on 2019-01-15`",
            ),
            (
                "paid",
                b.seen.contains_key("paid"),
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
        // Without `signed by` (reported above) there are no signatories to hold the adjusters to.
        let adjusters = if b.signed_span.is_some() {
            b.adjusters.as_slice()
        } else {
            &[]
        };
        for (party, span, supplement) in adjusters {
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
        self.withheld_items(&mut b);
        let mut kinds: Vec<&str> = BUILTIN_EVENTS.to_vec();
        kinds.extend(b.obligations.iter().map(|o| o.id.0.as_str()));
        for event in &b.events {
            // An obligation's name used as an event kind refers to the obligation, for hover and definition.
            if b.obligations.iter().any(|o| o.id.0 == event.name)
                && let Some(declared) = b.names.get(&event.name)
            {
                self.record_reference(event.span, *declared);
            }
            if event.name == "terminated" && b.termination.is_none() {
                // Without a termination clause no `terminated` event is admitted (spec 9.2): a start or an end
                // that waits for one would silently never come.
                self.report(
                    Diagnostic::new(
                        Code::E0036,
                        event.span,
                        "`terminated` cannot happen: the contract has no termination clause",
                    )
                    .with_label("no `termination` in this contract")
                    .with_help(
                        "add `termination { signed by … }` to say who may terminate it, or give a date: `ends on 2020-01-14`",
                    ),
                );
            } else if !kinds.contains(&event.name.as_str()) {
                let mut d = Diagnostic::new(
                    Code::E0036,
                    event.span,
                    format!("unknown event kind `{}`", event.name),
                )
                .with_label("no such event");
                if self.may_show(event.span)
                    && let Some(help) =
                        suggestion(&event.name, "event kinds", kinds.iter().copied())
                {
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
        // The last day of the contract, where it is known from the text: `ends on`, or `ends after` counted from
        // `starts on` (the day before the start plus the length, as evaluation counts it).
        let end_date = match &b.end {
            Some((End::On(d), _)) => Some(*d),
            Some((End::After(length), _)) => start_date
                .and_then(|s| crate::value::add_duration(s, length.amount, length.calendar))
                .and_then(|e| e.pred_opt()),
            _ => None,
        };
        if let (Some(start_date), Some((End::On(end), end_span))) = (start_date, &b.end)
            && *end > crate::horizon::reach(start_date)
        {
            self.report(
                Diagnostic::new(
                    Code::E0040,
                    *end_span,
                    format!("the contract ends on {end}, more than 100 years after it starts"),
                )
                .with_label(format!("it starts on {start_date}"))
                .with_help(format!(
                    "no contract reaches further than 100 years: the last day this one may have is {}",
                    crate::horizon::reach(start_date)
                )),
            );
        }
        if let (Some(start_date), Some((End::After(length), end_span))) = (start_date, &b.end) {
            // The last day the calendar has is the last day a contract may have (spec 7): an end past it would
            // be written with a five-digit year, or be none at all.
            let past = end_date.is_none_or(|end| end > crate::horizon::LAST_DAY);
            if past {
                let length = crate::value::Value::Duration {
                    amount: length.amount,
                    calendar: length.calendar,
                };
                self.report(
                    Diagnostic::new(
                        Code::E0040,
                        *end_span,
                        "the contract would end after 9999-12-31, the last day a contract may have",
                    )
                    .with_label(format!("it starts on {start_date} and lasts {length}"))
                    .with_help(
                        "end it by 9999-12-31: check its start, and the length and its unit",
                    ),
                );
            }
        }
        if let Some((End::After(length), end_span)) = &b.end
            && length.amount.is_zero()
        {
            // `ends after 0 days` ends the day before it starts: nothing is ever in force or paid.
            self.report(
                Diagnostic::new(
                    Code::W0003,
                    *end_span,
                    format!("the contract `{}` can never be in force", contract.name.name),
                )
                .with_label("it ends before its first day")
                .with_help("give the length it runs for, such as `ends after 12 months`, or leave out `ends` if it runs until it is terminated"),
            );
        }
        self.covered_once(&b.items);
        self.one_currency(&b.items);
        for item in &b.items {
            if item_never_active(item, start_date, end_date) {
                self.report(
                    Diagnostic::new(Code::W0003, item.span, format!("`{}` can never be active", item.id.0))
                        .with_label("outside the contract's period")
                        .with_help("check its dates and its `for the first` against the contract's start and end"),
                );
            }
            if let Some(on) = once_outside(item, start_date, end_date) {
                // `once on 2018-12-01` in a contract that starts on 2019-01-15: the day is never in force.
                self.report(
                    Diagnostic::new(Code::W0003, item.span, format!("`{}` can never pay", item.id.0))
                        .with_label(format!("paid once on {on}, outside the days it may pay for"))
                        .with_help("check the date of `once on` against the start and end of the item and the contract, or pay it `once on start`"),
                );
            }
            if item.cap.is_some_and(|c| c.is_zero())
                && item
                    .rate
                    .as_ref()
                    .is_some_and(|r| r.per == crate::types::Per::Hour)
            {
                // `cap 0 hours per month` pays for no hour, as `for the first 0 months` pays for no day.
                self.report(
                    Diagnostic::new(Code::W0003, item.span, format!("`{}` can never pay", item.id.0))
                        .with_label("its cap is 0 hours a month")
                        .with_help("give the most hours paid in a month, such as `cap 10 hours per month`, or leave out `cap`"),
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
            due_day: b.due_day,
            interest: b.interest,
            items: b.items,
            obligations: b.obligations,
            termination: b.termination,
            span: contract.span,
        }
    }
}

/// Whether an item can never pay, by what the text says: it is `for the first` zero, or the days it may pay for
/// (from the later of its own start and the contract's, through the earliest of its own end, the contract's last
/// day and, with `for the first`, the day before its own start, or else the contract's, plus that long) are
/// none. A date the text leaves open (a start on an event) narrows nothing.
fn item_never_active(
    item: &model::Item,
    start: Option<chrono::NaiveDate>,
    end: Option<chrono::NaiveDate>,
) -> bool {
    let first_end = item.first.and_then(|first| {
        item.starts
            .or(start)
            .and_then(|base| crate::value::add_duration(base, first.amount, first.calendar))
            .and_then(|e| e.pred_opt())
    });
    let from = item.starts.into_iter().chain(start).max();
    let to = [item.ends, end, first_end].into_iter().flatten().min();
    // An item, or a contract, that ends before it starts is E0021, not this.
    let backwards = matches!((item.starts, item.ends), (Some(s), Some(e)) if e < s)
        || matches!((start, end), (Some(s), Some(e)) if e < s);
    item.first
        .is_some_and(|f| f.amount <= rust_decimal::Decimal::ZERO)
        || (!backwards && matches!((from, to), (Some(f), Some(t)) if f > t))
}

/// The date of an item's `once on DATE` when it lies outside the days the item may pay for by what the text says
/// (from the later of its own start and the contract's, through the earlier of its own end and the contract's).
fn once_outside(
    item: &model::Item,
    start: Option<chrono::NaiveDate>,
    end: Option<chrono::NaiveDate>,
) -> Option<chrono::NaiveDate> {
    let model::OnceOn::Date(on) = item.once.as_ref()?.on else {
        return None;
    };
    let from = item.starts.into_iter().chain(start).max();
    let to = [item.ends, end].into_iter().flatten().min();
    (from.is_some_and(|f| on < f) || to.is_some_and(|t| on > t)).then_some(on)
}
