//! Contracts: which statements go where, the contract's own statements, and the rules checked once all of them
//! are read.
//!
//! A contract's statements are read in order, with each `use` replaced by its clause's statements (clauses.rs);
//! declarations are read by decls.rs and their operands by operands.rs. Parties, items, supplements and
//! obligations share one namespace per contract.

use std::collections::BTreeMap;

use cvl_syntax::ast::{self, Decl, DeclKind, EndRule, Ident, Moment, Stmt, StmtKind, TopItem};
use cvl_syntax::{Code, Diagnostic, Span, Text, text};

use crate::model::{self, End, PartyId, Start};
use crate::names::{Binding, BindingKind, Scope, suggestion_text};
use crate::types::Type;
use crate::value::Value;
use crate::words::{keyword_text, or_list, value_text};
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

    /// The place's words in a message, in its language (`a contract` / `en kontrakt`).
    pub(crate) fn text(self) -> Text {
        match self {
            Place::Contract => text!("check-contract-place-contract"),
            Place::Party => text!("check-contract-place-party"),
            Place::Item => text!("check-contract-place-item"),
            Place::Supplement => text!("check-contract-place-supplement"),
            Place::Obligation => text!("check-contract-place-obligation"),
            Place::Termination => text!("check-contract-place-termination"),
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
                        text!(
                            "check-contract-top-twice",
                            what = what,
                            name = name.name.as_str()
                        ),
                    )
                    .with_label(text!("check-contract-defined-again"))
                    .with_secondary(first, text!("check-contract-first-defined"))
                    .with_help(text!("check-contract-top-twice-help", what = what)),
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
                            text!("check-contract-unused", name = clause.name.name.as_str()),
                        )
                        .with_label(text!("check-contract-unused-label"))
                        .with_help(text!(
                            "check-contract-unused-help",
                            name = clause.name.name.as_str()
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
                    text!("check-contract-name-twice", name = name.name.as_str()),
                )
                .with_label(text!("check-contract-defined-again"))
                .with_secondary(*first, text!("check-contract-first-defined"))
                .with_help(text!("check-contract-name-twice-help")),
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
            let mut d = Diagnostic::new(
                Code::E0025,
                stmt.span,
                text!(
                    "check-contract-misplaced",
                    word = keyword_text(word),
                    place = place.text()
                ),
            )
            .with_label(text!("check-contract-not-allowed"));
            if let Some(homes) = or_list(allowed.iter().map(|p| p.text()).collect()) {
                d = d.with_help(text!(
                    "check-contract-misplaced-help",
                    word = keyword_text(word),
                    homes = homes
                ));
            }
            self.report(d);
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
                    text!(
                        "check-contract-given-twice",
                        word = keyword_text(word),
                        place = place.text()
                    ),
                )
                .with_label(text!("check-contract-given-twice-label"))
                .with_secondary(*first, text!("check-contract-given-twice-first"))
                .with_help(text!("check-contract-given-twice-help")),
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
                        Diagnostic::new(
                            Code::E0025,
                            stmt.span,
                            text!("check-contract-party-in-clause"),
                        )
                        .with_label(text!("check-contract-not-allowed"))
                        .with_help(text!("check-contract-party-in-clause-help")),
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
                .duration(
                    expr,
                    scope,
                    text!("check-contract-a-duration"),
                    &["months", "years"],
                )
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
                    text!("check-contract-no-case", name = contract.name.name.as_str()),
                )
                .with_label(text!("check-contract-no-case-label"))
                .with_help(text!("check-contract-no-case-help")),
            );
        }
        for (what, present, help) in [
            (
                "signed by",
                b.seen.contains_key("signed by"),
                text!("check-contract-needs-signed-by-help"),
            ),
            (
                "starts",
                b.seen.contains_key("starts"),
                text!("check-contract-needs-starts-help"),
            ),
            (
                "paid",
                b.seen.contains_key("paid"),
                text!("check-contract-needs-paid-help"),
            ),
        ] {
            if !present {
                self.report(
                    Diagnostic::new(
                        Code::E0030,
                        at,
                        text!("check-contract-needs", word = keyword_text(what)),
                    )
                    .with_label(text!(
                        "check-contract-needs-label",
                        word = keyword_text(what)
                    ))
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
                    text!(
                        "check-contract-adjuster",
                        party = party.0.as_str(),
                        supplement = supplement.as_str()
                    ),
                )
                .with_label(text!("check-contract-adjuster-label"))
                .with_help(text!(
                    "check-contract-adjuster-help",
                    party = party.0.as_str()
                ));
                if let Some(signed) = b.signed_span {
                    d = d.with_secondary(signed, text!("check-contract-adjuster-signatories"));
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
                        text!("check-contract-no-termination"),
                    )
                    .with_label(text!("check-contract-no-termination-label"))
                    .with_help(text!("check-contract-no-termination-help")),
                );
            } else if !kinds.contains(&event.name.as_str()) {
                let mut d = Diagnostic::new(
                    Code::E0036,
                    event.span,
                    text!("check-contract-unknown-event", name = event.name.as_str()),
                )
                .with_label(text!("check-contract-unknown-event-label"));
                let what = text!("check-contract-event-kinds");
                if self.may_show(event.span)
                    && let Some(help) = suggestion_text(&event.name, what, kinds.iter().copied())
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
                    text!("check-contract-ends-before", end = end.to_string()),
                )
                .with_label(text!(
                    "check-contract-starts-on",
                    start = start_date.to_string()
                ))
                .with_help(text!("check-contract-ends-before-help")),
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
                    text!("check-contract-too-long", end = end.to_string()),
                )
                .with_label(text!(
                    "check-contract-starts-on",
                    start = start_date.to_string()
                ))
                .with_help(text!(
                    "check-contract-too-long-help",
                    last = crate::horizon::reach(start_date).to_string()
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
                        text!("check-contract-past-calendar"),
                    )
                    .with_label(text!(
                        "check-contract-past-calendar-label",
                        start = start_date.to_string(),
                        length = value_text(&length)
                    ))
                    .with_help(text!("check-contract-past-calendar-help")),
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
                    text!(
                        "check-contract-never-in-force",
                        name = contract.name.name.as_str()
                    ),
                )
                .with_label(text!("check-contract-never-in-force-label"))
                .with_help(text!("check-contract-never-in-force-help")),
            );
        }
        self.covered_once(&b.items);
        self.one_currency(&b.items);
        for item in &b.items {
            if item_never_active(item, start_date, end_date) {
                self.report(
                    Diagnostic::new(
                        Code::W0003,
                        item.span,
                        text!("check-contract-never-active", item = item.id.0.as_str()),
                    )
                    .with_label(text!("check-contract-never-active-label"))
                    .with_help(text!("check-contract-never-active-help")),
                );
            }
            if let Some(on) = once_outside(item, start_date, end_date) {
                // `once on 2018-12-01` in a contract that starts on 2019-01-15: the day is never in force.
                self.report(
                    Diagnostic::new(
                        Code::W0003,
                        item.span,
                        text!("check-contract-never-pays", item = item.id.0.as_str()),
                    )
                    .with_label(text!("check-contract-once-outside", on = on.to_string()))
                    .with_help(text!("check-contract-once-outside-help")),
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
                    Diagnostic::new(
                        Code::W0003,
                        item.span,
                        text!("check-contract-never-pays", item = item.id.0.as_str()),
                    )
                    .with_label(text!("check-contract-zero-cap"))
                    .with_help(text!("check-contract-zero-cap-help")),
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
