//! Declarations inside a contract: parties, items, supplements, obligations and the termination, each read into
//! its part of the checked model, with the statements each must have.

use std::collections::BTreeMap;

use cvl_syntax::ast::{Decl, DeclKind, EndRule, Ident, Moment, Stmt, StmtKind, StrLit};
use cvl_syntax::{Code, Diagnostic, Span};

use crate::advice;
use crate::contract::{Builder, Place};
use crate::model::{self, ItemKind, PartyId, Role, TermId};
use crate::names::Scope;
use crate::types::{Per, Type};
use crate::value::Value;
use crate::{Checker, DefinitionKind};

impl Checker {
    /// A party's public key: one that signatures can be checked with, and no other party's.
    fn key(&mut self, key: &StrLit, parties: &[model::Party]) {
        if let Err(reason) = cvl_log::PublicKey::parse(&key.value) {
            self.report(
                Diagnostic::new(
                    Code::E0037,
                    key.span,
                    format!("the key `{}` {reason}", key.value),
                )
                .with_label("not an ed25519 public key")
                .with_help(
                    "a key is `ed25519:` and the 32-byte public key in base64; `cvl key gen NAME` makes a pair",
                ),
            );
            return;
        }
        if let Some(other) = parties
            .iter()
            .find(|p| p.key.as_deref() == Some(key.value.as_str()))
        {
            let mut d = Diagnostic::new(
                Code::E0038,
                key.span,
                format!("`{}` already declares this key", other.id.0),
            )
            .with_label("the same key as another party's")
            .with_help(
                "each party signs with its own key: an entry's signature must tell who made it",
            );
            if let Some(first) = other.key_span {
                d = d.with_secondary(first, "declared here first");
            }
            self.report(d);
        }
    }

    pub(crate) fn decl(&mut self, decl: &Decl, span: Span, scope: &Scope, b: &mut Builder) {
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
                    key_span: None,
                    cvr: None,
                    cvr_span: None,
                    span,
                };
                for stmt in &stmts {
                    match &stmt.kind {
                        StmtKind::Role(role) => party.role = self.role(role),
                        StmtKind::Key(key) => {
                            self.key(key, &b.parties);
                            party.key = Some(key.value.clone());
                            party.key_span = Some(key.span);
                        }
                        StmtKind::Cvr(cvr) => {
                            party.cvr = self.cvr(cvr, &b.parties);
                            party.cvr_span = party.cvr.as_ref().map(|_| cvr.span);
                        }
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
                    let name = decl.name.as_ref().map_or("NAME", |n| n.name.as_str());
                    let help = format!(
                        "run `cvl key gen {name}`: it writes the key pair to `{name}.key` (the party keeps it secret) and `{name}.pub`, and prints the line `key \"ed25519:…\"` to put in this party's block"
                    );
                    missing(self, "key", &help);
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
                let mut item = self.item(name, kind, title, span, &stmts, scope, b);
                self.reimbursement_fits(&mut item, name, &seen);
                self.once_fits(&mut item, name, &seen);
                self.regulation_fits(&mut item, name, &seen);
                if !seen.contains_key("pay") && !seen.contains_key("reimburse") {
                    let payee = example_party(scope, b, Role::Provider);
                    missing(
                        self,
                        "pay",
                        &format!(
                            "say what is paid and to whom: `pay 5_000 DKK per month to {payee}`"
                        ),
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
                        let reviewer = example_party(scope, b, Role::Payer);
                        self.report(
                            Diagnostic::new(Code::W0005, name.span, format!("the supplement `{}` has no review", name.name))
                                .with_label("never reviewed")
                                .with_help(format!("name who reviews it at the end of each term: `review by {reviewer}`")),
                        );
                    }
                }
                b.items.push(item);
            }
            DeclKind::Obligation => {
                let Some(name) = &decl.name else { return };
                self.declare(b, name, DefinitionKind::Obligation, decl);
                let mut obligation = self.obligation(name, title, span, &stmts, scope);
                obligation.uses = b.use_sites.clone();
                for stmt in &stmts {
                    if let StmtKind::WhenMissed { items, .. } = &stmt.kind
                        && !items.is_empty()
                    {
                        b.withheld.push((obligation.id.clone(), items.clone()));
                    }
                }
                if !seen.contains_key("by") {
                    let by = example_party(scope, b, Role::Provider);
                    missing(
                        self,
                        "by",
                        &format!("name the party that must meet it: `by {by}`"),
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
                let termination = self.termination(&stmts, scope, span);
                if !seen.contains_key("signed by") && !seen.contains_key("by") {
                    let signers = example_signatories(scope, b);
                    missing(
                        self,
                        "signed by",
                        &format!(
                            "name who must sign a termination, `signed by {signers}`, or who may make it alone: `by {}`",
                            signers.replace(" and ", " or ")
                        ),
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
    pub(crate) fn item(
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
            covers: Vec::new(),
            reimburse: None,
            once: None,
            regulation: None,
            span,
        };
        let mut limit = None;
        // A `pay` with `once` is an amount paid once (once.rs), whichever statement comes first.
        let once = stmts.iter().any(|s| matches!(s.kind, StmtKind::Once(_)));
        let (mut once_amount, mut once_on) = (None, None);
        let mut approved_by = Vec::new();
        for stmt in stmts {
            match &stmt.kind {
                StmtKind::Pay { amount, payee } if once => {
                    once_amount = self.once_amount(amount, scope);
                    item.payee = self.party_ref(payee, scope);
                    item.pay_span = Some(stmt.span);
                }
                StmtKind::Regulated { by, from } => {
                    item.regulation = self.regulation(by, from, scope, stmt.span);
                }
                StmtKind::Once(day) => {
                    once_on = self.once_day(day, scope).map(|on| (on, stmt.span));
                }
                StmtKind::Pay { amount, payee } => {
                    item.rate = self.pay_amount(amount, scope);
                    if kind == ItemKind::Supplement
                        && item.rate.as_ref().is_some_and(|r| r.per == Per::Hour)
                    {
                        // A supplement's days are its terms (spec 4.9, 9.5); hours are paid by an item.
                        self.report(
                            Diagnostic::new(
                                Code::E0019,
                                amount.span,
                                format!("the supplement `{}` cannot be paid per hour", name.name),
                            )
                            .with_label("paid per hour")
                            .with_help("a supplement pays per month or per day for the days of its terms: pay hours by an `item` with `confirmed by` and a `cap`"),
                        );
                        item.rate = None;
                    }
                    item.payee = self.party_ref(payee, scope);
                    item.pay_span = Some(stmt.span);
                }
                StmtKind::ForFirst(expr) => {
                    item.first = self.duration(expr, scope, "a duration", &["months", "years"])
                }
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
                StmtKind::Term(expr) => {
                    item.term = self.duration(expr, scope, "a term", &["months", "years"])
                }
                StmtKind::ReviewBy(parties) => item.review_by = self.party_refs(parties, scope),
                StmtKind::Covers(covered) => item.covers = self.covers(name, covered),
                StmtKind::Reimburse { payee } => {
                    item.payee = self.party_ref(payee, scope);
                    item.pay_span = Some(stmt.span);
                }
                StmtKind::UpTo(expr) => {
                    limit = self.limit(expr, scope).map(|l| (l, stmt.span));
                }
                StmtKind::ApprovedBy(parties) => approved_by = self.party_refs(parties, scope),
                _ => {}
            }
        }
        if let Some(((limit, currency, per), span)) = limit {
            item.reimburse = Some(model::Reimburse {
                limit,
                currency,
                per,
                approved_by,
                span,
            });
        }
        if let (Some((amount, currency)), Some((on, span))) = (once_amount, once_on) {
            item.once = Some(model::OneOff {
                amount,
                currency,
                on,
                span,
            });
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

    pub(crate) fn obligation(
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
            consequence_span: None,
            withholds: Vec::new(),
            uses: Vec::new(),
            span,
        };
        for stmt in stmts {
            match &stmt.kind {
                StmtKind::By { parties, or, .. } => {
                    self.obligation_by(parties, *or);
                    obligation.by = self.party_refs(parties, scope)
                }
                StmtKind::Every { interval, on } => {
                    obligation.every =
                        self.duration(interval, scope, "an interval", &["weeks", "months"]);
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
                        .expect_type(
                            expr,
                            scope,
                            "hours",
                            |t| *t == Type::Hours,
                            |e, found| advice::missing_unit(e, found, &["hours"]),
                        )
                        .and_then(|v| v.amount());
                    if obligation
                        .lasting
                        .is_some_and(|h| h.is_sign_negative() && !h.is_zero())
                    {
                        self.report(
                            Diagnostic::new(
                                Code::E0020,
                                expr.span,
                                "a visit cannot last negative hours",
                            )
                            .with_label("below zero")
                            .with_help("write the length without a minus sign"),
                        );
                        obligation.lasting = None;
                    }
                }
                StmtKind::Grace(expr) => {
                    obligation.grace =
                        self.duration(expr, scope, "a grace period", &["days", "weeks"])
                }
                StmtKind::WhenMissed { consequence, .. } => {
                    obligation.consequence = Some(*consequence);
                    obligation.consequence_span = Some(stmt.span);
                }
                _ => {}
            }
        }
        obligation
    }
}

/// The parties a help line may name where it is read, best first: the names in `scope` that stand for a party (a
/// contract's parties, or a clause's `party` parameters), those with `role` first, then in the order the contract
/// declares them, then by name. Help lines show the contract's own parties, never an example's.
fn parties_in_scope<'a>(scope: &'a Scope, b: &Builder, role: Option<Role>) -> Vec<&'a str> {
    let mut found: Vec<(bool, usize, &str)> = scope
        .iter()
        .filter(|(_, binding)| binding.ty == Type::Party)
        .map(|(name, binding)| {
            let party = match &binding.value {
                Some(Value::Party(p)) => p.as_str(),
                _ => name.as_str(),
            };
            let position = b.parties.iter().position(|p| p.id.0 == party);
            let has_role = role.is_some()
                && position
                    .and_then(|i| b.parties.get(i))
                    .is_some_and(|p| p.role == role);
            (!has_role, position.unwrap_or(usize::MAX), name.as_str())
        })
        .collect();
    found.sort_unstable();
    found.into_iter().map(|(_, _, name)| name).collect()
}

/// A party of the contract to show in a help line, one with `role` if there is one; `PARTY` if it has none.
fn example_party(scope: &Scope, b: &Builder, role: Role) -> String {
    parties_in_scope(scope, b, Some(role))
        .first()
        .map_or_else(|| "PARTY".to_string(), |p| (*p).to_string())
}

/// Who may sign a termination, for a help line: the contract's signatories where it names them, else its first
/// two parties (`PARTY` if it has none).
fn example_signatories(scope: &Scope, b: &Builder) -> String {
    let parties = parties_in_scope(scope, b, None);
    let signing: Vec<&str> = parties
        .iter()
        .copied()
        .filter(|name| {
            let party = match scope.get(name).and_then(|bd| bd.value.as_ref()) {
                Some(Value::Party(p)) => p.as_str(),
                _ => name,
            };
            b.signatories.iter().any(|s| s.0 == party)
        })
        .collect();
    let chosen: Vec<&str> = if signing.is_empty() {
        parties.into_iter().take(2).collect()
    } else {
        signing
    };
    if chosen.is_empty() {
        "PARTY".to_string()
    } else {
        chosen.join(" and ")
    }
}
