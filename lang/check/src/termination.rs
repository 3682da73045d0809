//! The termination block (spec 4.11, 4.12): who may terminate, `signed by` every one named or `by` one of them
//! alone, and its notice; and the joining words of an obligation's `by`, which binds every party it names.

use cvl_syntax::ast::{Ident, Stmt, StmtKind};
use cvl_syntax::{Code, Diagnostic, Span, Text, text};

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
                            Diagnostic::new(Code::E0055, *and, text!("check-termination-by-and"))
                                .with_label(text!("check-termination-by-and-label"))
                                .with_help(text!(
                                    "check-termination-by-and-help",
                                    alone = joined(parties, "check-termination-or"),
                                    all = joined(parties, "check-termination-and")
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
                    termination.notice = self.duration(
                        length,
                        scope,
                        text!("check-termination-what-notice"),
                        &["months", "days"],
                    );
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
                Diagnostic::new(Code::E0055, second, text!("check-termination-both"))
                    .with_label(text!("check-termination-both-label"))
                    .with_secondary(first, text!("check-termination-both-first"))
                    .with_help(text!("check-termination-both-help")),
            );
        }
        termination
    }

    /// An obligation's `by`: every party it names is bound, so they are joined by `and`, not `or` (E0055).
    pub(crate) fn obligation_by(&mut self, parties: &[Ident], or: Option<Span>) {
        if let Some(or) = or {
            self.report(
                Diagnostic::new(Code::E0055, or, text!("check-termination-obligation-or"))
                    .with_label(text!("check-termination-obligation-or-label"))
                    .with_help(text!(
                        "check-termination-obligation-or-help",
                        all = joined(parties, "check-termination-and")
                    )),
            );
        }
    }
}

/// `a`, `a and b`, `a, b or c`: party names joined as a help line writes them, in the language it is shown in;
/// `join` is the message that joins the last two (`check-termination-and` or `check-termination-or`).
fn joined(parties: &[Ident], join: &'static str) -> Text {
    let names: Vec<&str> = parties.iter().map(|p| p.name.as_str()).collect();
    match names.split_last() {
        None => text!("check-termination-names", names = ""),
        Some((last, [])) => text!("check-termination-names", names = *last),
        Some((last, rest)) => Text::new(join)
            .arg("rest", rest.join(", "))
            .arg("last", *last),
    }
}
