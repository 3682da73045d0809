//! The termination block (spec 4.11, 4.12): who may terminate, `signed by` every one named or `by` one of them
//! alone, and its notice; and the joining words of an obligation's `by`, which binds every party it names.

use cvl_syntax::ast::{Ident, Stmt, StmtKind};
use cvl_syntax::{Code, Diagnostic, Span};

use crate::Checker;
use crate::model;
use crate::names::Scope;

impl Checker {
    /// The termination's parties and notice, from its statements. `signed by a and b` needs every one of them;
    /// `by a` or `by a or b` lets each named party terminate alone. Exactly one of the two is given: none is
    /// reported by the caller (E0030), both here (E0055), as is a `by` whose parties are joined by `and`.
    pub(crate) fn termination(
        &mut self,
        stmts: &[&Stmt],
        scope: &Scope,
        span: Span,
    ) -> model::Termination {
        let mut termination = model::Termination {
            signatories: Vec::new(),
            alone: false,
            notice: None,
            notice_to_month_end: false,
            span,
        };
        let mut signed_by: Option<Span> = None;
        let mut by: Option<Span> = None;
        for stmt in stmts {
            match &stmt.kind {
                StmtKind::SignedBy(parties) => {
                    signed_by = Some(stmt.span);
                    if by.is_none() {
                        termination.signatories = self.party_refs(parties, scope);
                    }
                }
                StmtKind::By { parties, and, or } => {
                    by = Some(stmt.span);
                    if let Some(and) = and {
                        self.report(
                            Diagnostic::new(
                                Code::E0055,
                                *and,
                                "a termination `by` its parties is made by one of them alone: they are joined by `or`",
                            )
                            .with_label("`and` here")
                            .with_help(format!(
                                "write `by {}` for one that each may make alone, or `signed by {}` for one they all sign",
                                joined(parties, "or"),
                                joined(parties, "and")
                            )),
                        );
                    }
                    let _ = or;
                    if signed_by.is_none() {
                        termination.signatories = self.party_refs(parties, scope);
                        termination.alone = true;
                    }
                }
                StmtKind::Notice { length, month_end } => {
                    termination.notice =
                        self.duration(length, scope, "a notice period", &["months", "days"]);
                    termination.notice_to_month_end = *month_end;
                }
                _ => {}
            }
        }
        if let (Some(signed), Some(alone)) = (signed_by, by) {
            let (first, second) = if signed.start <= alone.start {
                (signed, alone)
            } else {
                (alone, signed)
            };
            self.report(
                Diagnostic::new(
                    Code::E0055,
                    second,
                    "a termination is `signed by` every party it needs or made `by` one of them alone, not both",
                )
                .with_label("given as well")
                .with_secondary(first, "given here")
                .with_help("keep `signed by` for a termination they all sign, or `by` for one that each named party may make alone"),
            );
        }
        termination
    }

    /// An obligation's `by`: every party it names is bound, so they are joined by `and`, not `or` (E0055).
    pub(crate) fn obligation_by(&mut self, parties: &[Ident], or: Option<Span>) {
        if let Some(or) = or {
            self.report(
                Diagnostic::new(
                    Code::E0055,
                    or,
                    "an obligation binds every party its `by` names: they are joined by `and`",
                )
                .with_label("`or` here")
                .with_help(format!("write `by {}`", joined(parties, "and"))),
            );
        }
    }
}

/// `a`, `a and b`, `a, b or c`: party names joined as a help line writes them.
fn joined(parties: &[Ident], word: &str) -> String {
    let names: Vec<&str> = parties.iter().map(|p| p.name.as_str()).collect();
    match names.split_last() {
        None => String::new(),
        Some((last, [])) => (*last).to_string(),
        Some((last, rest)) => format!("{} {word} {last}", rest.join(", ")),
    }
}
