//! Clauses: checking a definition on its own, and expanding a `use` with its arguments.
//!
//! A clause is checked once as written, its parameters known by type only, so that a library is checked before
//! any contract uses it. A `use` checks its arguments against the parameters and reads the clause's statements
//! into the contract with the parameters bound to the arguments' values.

use std::collections::BTreeMap;

use cvl_syntax::ast::{self, ClauseDef, TopItem};
use cvl_syntax::{Code, Diagnostic, Span, text};

use crate::advice;
use crate::contract::Builder;
use crate::names::{Binding, BindingKind, Scope, suggestion_text};
use crate::types::Type;
use crate::value::Value;
use crate::{Checker, DefinitionKind};

/// How many `use`s one contract, or one clause checked on its own, may expand in all, counting the uses inside
/// the clauses it uses. A clause that uses another twice, over twenty levels, would otherwise expand a million
/// times; no real contract comes near this.
pub(crate) const MAX_USES: usize = 10_000;

/// How deep `use`s may nest: a clause used by the contract counts one level, a clause it uses two, and so on.
/// Expansion recurses once per level, so this keeps it on a thread's ordinary stack whatever the file says.
pub(crate) const MAX_USE_DEPTH: usize = 64;

impl Checker {
    /// Checks a clause on its own: its parameters have their types but no values.
    pub(crate) fn check_clause_def(&mut self, clause: &ClauseDef) {
        self.record_definition(
            &clause.name.name,
            DefinitionKind::Clause,
            clause.name.span,
            clause
                .title
                .as_ref()
                .map_or_else(String::new, |t| t.value.clone()),
        );
        let mut seen: BTreeMap<&str, Span> = BTreeMap::new();
        for param in &clause.params {
            if let Some(first) = seen.insert(param.name.name.as_str(), param.name.span) {
                self.report(
                    Diagnostic::new(
                        Code::E0014,
                        param.name.span,
                        text!("check-clauses-param-twice", name = &param.name.name),
                    )
                    .with_label(text!("check-clauses-param-twice-label"))
                    .with_secondary(first, text!("check-clauses-param-twice-first"))
                    .with_help(text!("check-clauses-param-twice-help")),
                );
            }
        }
        let scope = self.param_scope(clause, None);
        let mut builder = Builder {
            clause_alone: true,
            ..Builder::default()
        };
        self.block_stmts(&clause.body.stmts, &scope, &mut builder);
        self.withheld_items(&mut builder);
    }

    /// The scope of a clause's body: each parameter with its declared type and, where the clause is used, its value.
    pub(crate) fn param_scope(
        &mut self,
        clause: &ClauseDef,
        args: Option<&BTreeMap<String, Value>>,
    ) -> Scope {
        let mut scope = Scope::new();
        for param in &clause.params {
            let ty = match Type::from_name(&param.ty.name) {
                Some(ty) => ty,
                None => {
                    let mut d = Diagnostic::new(
                        Code::E0033,
                        param.ty.span,
                        text!("check-clauses-unknown-type", name = &param.ty.name),
                    )
                    .with_label(text!("check-clauses-unknown-type-label"));
                    if let Some(help) = suggestion_text(
                        &param.ty.name,
                        text!("check-clauses-what-types"),
                        Type::NAMES.iter().copied(),
                    ) {
                        d = d.with_help(text!("check-clauses-hint", hint = help));
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
            // Where the clause is used, a parameter has its argument's own type: a `duration` given `14 days` is
            // counted in days, and a `rate` given a weekly amount is weekly.
            let ty = match &value {
                Some(v) if !ty.is_error() => v.ty(),
                _ => ty,
            };
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

    /// Expands a `use`, unless the contract (or clause) has used up its [`MAX_USES`].
    pub(crate) fn use_clause(
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
        if self.unusable.contains(&(file, module.clone())) {
            return;
        }
        if target.is_some_and(|t| self.broken.contains(&t)) {
            return;
        }
        let Some(target) = target else {
            let imported: Vec<String> = self
                .modules
                .get(&file)
                .map(|m| m.keys().cloned().collect())
                .unwrap_or_default();
            let mut d = Diagnostic::new(
                Code::E0031,
                path.span,
                text!("check-clauses-no-module", module = &module),
            )
            .with_label(text!("check-clauses-no-module-label"));
            let close = if self.may_show(path.span) {
                suggestion_text(
                    &module,
                    text!("check-clauses-what-modules"),
                    imported.iter().map(String::as_str),
                )
            } else {
                None
            };
            d = d.with_help(match close {
                Some(hint) => text!("check-clauses-hint", hint = hint),
                None => text!("check-clauses-no-module-help", module = &module),
            });
            self.report(d);
            return;
        };
        let Some(clause) = self.clause_in(target, clause_name).cloned() else {
            if !self.may_show(path.span) {
                // Never shown: the clauses there are not gathered for a help no one sees.
                self.report(
                    Diagnostic::new(
                        Code::E0031,
                        path.span,
                        text!("check-clauses-no-clause", name = names.join(".")),
                    )
                    .with_label(text!("check-clauses-no-clause-label")),
                );
                return;
            }
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
                text!("check-clauses-no-clause", name = names.join(".")),
            )
            .with_label(text!("check-clauses-no-clause-label"));
            if let Some(help) = suggestion_text(
                clause_name,
                text!("check-clauses-what-clauses"),
                clauses.iter().map(String::as_str),
            ) {
                d = d.with_help(text!("check-clauses-hint", hint = help));
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
                    text!("check-clauses-uses-itself", name = *clause_name),
                )
                .with_label(text!("check-clauses-uses-itself-label"))
                .with_help(text!("check-clauses-uses-itself-help")),
            );
            return;
        }
        if b.expanding.is_empty() {
            b.outer_use = Some(span);
        }
        if b.expanding.len() >= MAX_USE_DEPTH {
            // Clauses checked on their own meet the same chain again, one level further down each time: it is
            // reported where it is first met, and again only where a chain shares no clause with one reported.
            let reported = b
                .expanding
                .iter()
                .chain([&clause.span])
                .any(|c| self.too_deep.contains(c));
            self.too_deep.extend(b.expanding.iter().copied());
            self.too_deep.insert(clause.span);
            if !reported {
                self.report(
                    Diagnostic::new(
                        Code::E0039,
                        b.outer_use.unwrap_or(span),
                        text!("check-clauses-too-deep", max = MAX_USE_DEPTH),
                    )
                    .with_label(text!("check-clauses-too-deep-label"))
                    .with_help(text!("check-clauses-too-deep-help", max = MAX_USE_DEPTH)),
                );
            }
            return;
        }
        b.uses = b.uses.saturating_add(1);
        if b.uses > MAX_USES {
            if b.uses == MAX_USES + 1 {
                self.report(
                    Diagnostic::new(
                        Code::E0039,
                        b.outer_use.unwrap_or(span),
                        // The catalogues write MAX_USES in each language's notation (a test holds them to it).
                        text!("check-clauses-too-many-uses"),
                    )
                    .with_label(text!("check-clauses-too-many-uses-label"))
                    .with_help(text!("check-clauses-too-many-uses-help")),
                );
            }
            return;
        }
        let values = self.arguments(span, &clause, args, scope);
        let clause_scope = self.param_scope(&clause, Some(&values));
        let foreign = clause.span.file != self.root;
        if foreign {
            self.expanding.push((span, names.join(".")));
        }
        b.expanding.push(clause.span);
        b.use_sites.push(crate::model::UseSite {
            span,
            clause: names.join("."),
            clause_span: clause.span,
        });
        self.block_stmts(&clause.body.stmts, &clause_scope, b);
        b.use_sites.pop();
        b.expanding.pop();
        if foreign {
            self.expanding.pop();
        }
    }

    /// Checks a `use`'s arguments against the clause's parameters and returns the values of the constant ones.
    pub(crate) fn arguments(
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
                    text!(
                        "check-clauses-no-param",
                        clause = &clause.name.name,
                        name = &arg.name.name
                    ),
                )
                .with_label(text!("check-clauses-no-param-label"));
                if self.may_show(arg.name.span)
                    && let Some(help) = suggestion_text(
                        &arg.name.name,
                        text!("check-clauses-what-parameters"),
                        params.iter().copied(),
                    )
                {
                    d = d.with_help(text!("check-clauses-hint", hint = help));
                }
                self.report(d);
                continue;
            };
            if let Some(first) = given.insert(&param.name.name, arg.span) {
                self.report(
                    Diagnostic::new(
                        Code::E0032,
                        arg.span,
                        text!("check-clauses-arg-twice", name = &arg.name.name),
                    )
                    .with_label(text!("check-clauses-arg-twice-label"))
                    .with_secondary(first, text!("check-clauses-arg-twice-first")),
                );
                continue;
            }
            let expected = Type::from_name(&param.ty.name).unwrap_or(Type::Error);
            let generic_duration =
                param.ty.name == "duration" && matches!(typed.ty, Type::Duration(_));
            if !generic_duration && !typed.ty.fits(&expected) {
                let mut d = Diagnostic::new(
                    Code::E0018,
                    arg.value.span,
                    text!(
                        "check-clauses-arg-type",
                        name = &arg.name.name,
                        expected = expected.to_string(),
                        found = typed.ty.to_string()
                    ),
                )
                .with_label(text!(
                    "check-clauses-arg-type-label",
                    found = typed.ty.to_string()
                ));
                let help = if expected == Type::Date {
                    Some(advice::date_text(&arg.value))
                } else {
                    let units = advice::units_of(&expected);
                    let units: Vec<&str> = units.iter().map(String::as_str).collect();
                    advice::missing_unit_text(&arg.value, &typed.ty, &units)
                };
                if let Some(help) = help {
                    d = d.with_help(text!("check-clauses-hint", hint = help));
                }
                self.report(d);
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
                        text!(
                            "check-clauses-missing-arg",
                            clause = &clause.name.name,
                            name = &param.name.name
                        ),
                    )
                    .with_label(text!(
                        "check-clauses-missing-arg-label",
                        name = &param.name.name
                    ))
                    .with_help(text!(
                        "check-clauses-missing-arg-help",
                        name = &param.name.name,
                        ty = &param.ty.name
                    )),
                );
            }
        }
        values
    }
}

#[cfg(test)]
mod tests {
    use cvl_syntax::{Lang, text};
    use rust_decimal::Decimal;

    use crate::value::group_thousands;

    #[test]
    fn the_catalogues_state_the_limit_of_uses_in_each_languages_notation() {
        let message = text!("check-clauses-too-many-uses");
        let english = group_thousands(Decimal::from(super::MAX_USES), None);
        assert!(message.show(Lang::En).contains(&format!(" {english} ")));
        let danish = english.replace(',', ".");
        assert!(message.show(Lang::Da).contains(&format!(" {danish} ")));
    }
}
