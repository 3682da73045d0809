//! Scoped consequences (spec 4.10): `when missed withhold fee, allowance` holds only the payments of the items it
//! names, the others paid as usual. Each name must be an item or supplement of the contract (in a clause checked
//! on its own, of the clause) paid to a party the obligation binds (E0053); checked once every item is known.

use cvl_syntax::ast::Ident;
use cvl_syntax::{Code, Diagnostic, text};

use crate::Checker;
use crate::contract::Builder;
use crate::model::{ItemKind, TermId};
use crate::names::suggestion_text;

impl Checker {
    /// Checks the names of every `when missed withhold ITEM, …` read into `b` against its items, and keeps in each
    /// obligation only the items that passed.
    pub(crate) fn withheld_items(&mut self, b: &mut Builder) {
        let refs = std::mem::take(&mut b.withheld);
        for (obligation, names) in refs {
            let Some(index) = b.obligations.iter().position(|o| o.id == obligation) else {
                continue;
            };
            let mut kept = Vec::new();
            for name in names {
                if let Some(id) = self.withheld_item(b, index, &name)
                    && !kept.contains(&id)
                {
                    kept.push(id);
                }
            }
            if let Some(o) = b.obligations.get_mut(index) {
                o.withholds = kept;
            }
        }
    }

    fn withheld_item(&mut self, b: &Builder, index: usize, name: &Ident) -> Option<TermId> {
        let obligation = b.obligations.get(index)?;
        let payable = || {
            b.items
                .iter()
                .filter(|i| i.reimburse.is_none())
                .map(|i| i.id.0.as_str())
        };
        let Some(item) = b.items.iter().find(|i| i.id.0 == name.name) else {
            let mut d = Diagnostic::new(
                Code::E0053,
                name.span,
                text!("check-withheld-unknown", name = &name.name),
            )
            .with_label(text!("check-withheld-unknown-label"));
            if let Some(help) =
                suggestion_text(&name.name, text!("check-withheld-what-items"), payable())
            {
                d = d.with_help(text!("check-withheld-hint", hint = help));
            }
            self.report(d);
            return None;
        };
        if let Some(declared) = b.names.get(&name.name) {
            self.record_reference(name.span, *declared);
        }
        let supplement = item.kind == ItemKind::Supplement;
        if item.reimburse.is_some() {
            self.report(
                Diagnostic::new(
                    Code::E0053,
                    name.span,
                    text!("check-withheld-reimbursed", name = &name.name),
                )
                .with_label(text!("check-withheld-reimbursed-label"))
                .with_help(text!("check-withheld-reimbursed-help")),
            );
            return None;
        }
        match &item.payee {
            Some(payee) if !obligation.by.contains(payee) => {
                let bound: Vec<String> =
                    obligation.by.iter().map(|p| format!("`{}`", p.0)).collect();
                let bound = bound_parties(&bound);
                let message = if supplement {
                    text!(
                        "check-withheld-supplement-payee",
                        name = &name.name,
                        payee = &payee.0,
                        bound = bound,
                        obligation = &obligation.id.0
                    )
                } else {
                    text!(
                        "check-withheld-item-payee",
                        name = &name.name,
                        payee = &payee.0,
                        bound = bound,
                        obligation = &obligation.id.0
                    )
                };
                self.report(
                    Diagnostic::new(Code::E0053, name.span, message)
                        .with_label(text!("check-withheld-payee-label", payee = &payee.0))
                        .with_help(text!("check-withheld-payee-help")),
                );
                None
            }
            _ => Some(item.id.clone()),
        }
    }
}

/// The parties an obligation binds, each in backticks, joined by `or` in the language the message is shown in.
fn bound_parties(bound: &[String]) -> cvl_syntax::Text {
    match bound.split_first() {
        None => text!("check-withheld-parties", parties = ""),
        Some((first, [])) => text!("check-withheld-parties", parties = first),
        Some((first, rest)) => text!(
            "check-withheld-parties-or",
            first = first,
            rest = bound_parties(rest)
        ),
    }
}
