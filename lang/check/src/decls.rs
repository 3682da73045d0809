//! Declarations inside a contract: parties, items, supplements, obligations and the termination, each read into
//! its part of the checked model, with the statements each must have.

use std::collections::BTreeMap;

use cvl_syntax::ast::{Decl, DeclKind, EndRule, Ident, Moment, Stmt, StmtKind, StrLit};
use cvl_syntax::{Code, Diagnostic, Span, Text, text};

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
                    text!(
                        "check-decls-key-invalid",
                        key = &key.value,
                        reason = key_fault(&reason)
                    ),
                )
                .with_label(text!("check-decls-key-invalid-label"))
                .with_help(text!("check-decls-key-invalid-help")),
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
                text!("check-decls-key-taken", party = &other.id.0),
            )
            .with_label(text!("check-decls-key-taken-label"))
            .with_help(text!("check-decls-key-taken-help"));
            if let Some(first) = other.key_span {
                d = d.with_secondary(first, text!("check-decls-key-taken-first"));
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
        let missing = |this: &mut Self, what: Text, help: Text| {
            let at = decl.name.as_ref().map_or(span, |n| n.span);
            this.report(
                Diagnostic::new(
                    Code::E0030,
                    at,
                    text!(
                        "check-decls-needs",
                        place = place_words(place),
                        what = what.clone()
                    ),
                )
                .with_label(text!("check-decls-needs-label", what = what))
                .with_help(help),
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
                        text!("check-decls-word-role"),
                        text!("check-decls-role-help"),
                    );
                }
                if !seen.contains_key("key") {
                    let name = decl.name.as_ref().map_or("NAME", |n| n.name.as_str());
                    missing(
                        self,
                        text!("check-decls-word-key"),
                        text!("check-decls-key-help", name = name),
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
                let mut item = self.item(name, kind, title, span, &stmts, scope, b);
                self.reimbursement_fits(&mut item, name, &seen);
                self.once_fits(&mut item, name, &seen);
                self.regulation_fits(&mut item, name, &seen);
                if !seen.contains_key("pay") && !seen.contains_key("reimburse") {
                    let payee = example_party(scope, b, Role::Provider);
                    missing(
                        self,
                        text!("check-decls-word-pay"),
                        text!("check-decls-pay-help", payee = payee),
                    );
                }
                if kind == ItemKind::Supplement {
                    if !seen.contains_key("adjustable by") {
                        missing(
                            self,
                            text!("check-decls-word-adjustable-by"),
                            text!("check-decls-adjustable-by-help"),
                        );
                    }
                    if !seen.contains_key("term") {
                        missing(
                            self,
                            text!("check-decls-word-term"),
                            text!("check-decls-term-help"),
                        );
                    }
                    if !seen.contains_key("review by") {
                        let reviewer = example_party(scope, b, Role::Payer);
                        self.report(
                            Diagnostic::new(
                                Code::W0005,
                                name.span,
                                text!("check-decls-no-review", name = &name.name),
                            )
                            .with_label(text!("check-decls-no-review-label"))
                            .with_help(text!("check-decls-no-review-help", reviewer = reviewer)),
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
                        text!("check-decls-word-by"),
                        text!("check-decls-by-help", by = by),
                    );
                }
                if obligation.every.is_none() && !seen.contains_key("every") {
                    self.report(
                        Diagnostic::new(
                            Code::E0023,
                            name.span,
                            text!("check-decls-no-interval", name = &name.name),
                        )
                        .with_label(text!("check-decls-no-interval-label"))
                        .with_help(text!("check-decls-no-interval-help")),
                    );
                }
                if !seen.contains_key("when missed") {
                    self.report(
                        Diagnostic::new(
                            Code::W0004,
                            name.span,
                            text!("check-decls-no-consequence", name = &name.name),
                        )
                        .with_label(text!("check-decls-no-consequence-label"))
                        .with_help(text!("check-decls-no-consequence-help")),
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
                        text!("check-decls-word-signed-by"),
                        text!(
                            "check-decls-signed-by-help",
                            signers = joined(&signers, "check-decls-and"),
                            alone = joined(&signers, "check-decls-or")
                        ),
                    );
                }
                if let Some(first) = &b.termination {
                    self.report(
                        Diagnostic::new(Code::E0026, span, text!("check-decls-termination-twice"))
                            .with_label(text!("check-decls-termination-twice-label"))
                            .with_secondary(
                                first.span,
                                text!("check-decls-termination-twice-first"),
                            )
                            .with_help(text!("check-decls-termination-twice-help")),
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
                                text!("check-decls-supplement-per-hour", name = &name.name),
                            )
                            .with_label(text!("check-decls-supplement-per-hour-label"))
                            .with_help(text!("check-decls-supplement-per-hour-help")),
                        );
                        item.rate = None;
                    }
                    item.payee = self.party_ref(payee, scope);
                    item.pay_span = Some(stmt.span);
                }
                StmtKind::ForFirst(expr) => {
                    item.first = self.duration(
                        expr,
                        scope,
                        text!("check-decls-what-duration"),
                        &["months", "years"],
                    )
                }
                StmtKind::Starts(Moment::On(expr)) => item.starts = self.date(expr, scope),
                StmtKind::Ends(EndRule::On(expr)) => item.ends = self.date(expr, scope),
                StmtKind::Starts(Moment::When(_))
                | StmtKind::Ends(EndRule::When(_) | EndRule::After(_)) => {
                    self.report(
                        Diagnostic::new(Code::E0025, stmt.span, text!("check-decls-item-dates"))
                            .with_label(text!("check-decls-item-dates-label"))
                            .with_help(text!("check-decls-item-dates-help")),
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
                    item.term = self.duration(
                        expr,
                        scope,
                        text!("check-decls-what-term"),
                        &["months", "years"],
                    )
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
                    text!("check-decls-ends-first", name = &name.name),
                )
                .with_label(text!(
                    "check-decls-ends-first-label",
                    ends = ends.to_string(),
                    starts = starts.to_string()
                ))
                .with_help(text!("check-decls-ends-first-help")),
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
                    obligation.every = self.duration(
                        interval,
                        scope,
                        text!("check-decls-what-interval"),
                        &["weeks", "months"],
                    );
                    if let Some(every) = obligation.every
                        && every.amount <= rust_decimal::Decimal::ZERO
                    {
                        self.report(
                            Diagnostic::new(
                                Code::E0023,
                                interval.span,
                                text!("check-decls-empty-interval"),
                            )
                            .with_label(text!("check-decls-empty-interval-label"))
                            .with_help(text!("check-decls-empty-interval-help")),
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
                            text!("check-decls-what-hours"),
                            |t| *t == Type::Hours,
                            |e, found| advice::missing_unit_text(e, found, &["hours"]),
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
                                text!("check-decls-negative-hours"),
                            )
                            .with_label(text!("check-decls-negative-hours-label"))
                            .with_help(text!("check-decls-negative-hours-help")),
                        );
                        obligation.lasting = None;
                    }
                }
                StmtKind::Grace(expr) => {
                    obligation.grace = self.duration(
                        expr,
                        scope,
                        text!("check-decls-what-grace"),
                        &["days", "weeks"],
                    )
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
fn example_signatories(scope: &Scope, b: &Builder) -> Vec<String> {
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
        vec!["PARTY".to_string()]
    } else {
        chosen.into_iter().map(str::to_string).collect()
    }
}

/// `a`, `a and b`, `a and b and c` (or with `or`, as `join` says: `check-decls-and` or `check-decls-or`): party
/// names joined in the language the help line is shown in.
fn joined(names: &[String], join: &'static str) -> Text {
    match names.split_first() {
        None => text!("check-decls-name", name = ""),
        Some((first, [])) => text!("check-decls-name", name = first),
        Some((first, rest)) => Text::new(join)
            .arg("first", first)
            .arg("rest", joined(rest, join)),
    }
}

/// A declaration's kind as a message names it: `a party`, `an item`, …
fn place_words(place: Place) -> Text {
    match place {
        Place::Contract => text!("check-decls-place-contract"),
        Place::Party => text!("check-decls-place-party"),
        Place::Item => text!("check-decls-place-item"),
        Place::Supplement => text!("check-decls-place-supplement"),
        Place::Obligation => text!("check-decls-place-obligation"),
        Place::Termination => text!("check-decls-place-termination"),
    }
}

/// Why a party's `key` is not a public key, in the words that follow `the key `…``.
fn key_fault(fault: &cvl_log::KeyError) -> Text {
    use cvl_log::KeyError;
    match fault {
        KeyError::Prefix { prefix } => text!("check-decls-key-prefix", prefix = *prefix),
        KeyError::NotBase64 { prefix } => text!("check-decls-key-not-base64", prefix = *prefix),
        KeyError::Length(count) => text!("check-decls-key-length", count = *count),
        KeyError::NotOnCurve => text!("check-decls-key-not-on-curve"),
        KeyError::Weak => text!("check-decls-key-weak"),
        KeyError::NotCanonical => text!("check-decls-key-not-canonical"),
        KeyError::SmallOrder => text!("check-decls-key-small-order"),
        KeyError::NoRandom(_) => text!("check-decls-key-other", reason = fault.to_string()),
    }
}
