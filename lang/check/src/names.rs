//! Scopes, and the "did you mean" that follows an unknown name.
//!
//! A scope maps a name to what it is bound to: a party of the contract, or a clause's parameter (with its type and,
//! when the clause is used, the argument's value). Declarations (items, supplements, obligations) share one
//! namespace per contract, kept by the contract builder.

use std::collections::BTreeMap;

use cvl_syntax::Span;

use crate::model::Weekday;
use crate::types::Type;
use crate::value::Value;

/// What a name in scope stands for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Binding {
    pub ty: Type,
    /// The value, when it is known here (always for parties; for a parameter only where its clause is used).
    pub value: Option<Value>,
    /// Where the name was defined.
    pub span: Span,
    pub kind: BindingKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BindingKind {
    Party,
    Parameter,
    /// A name every contract knows (the weekdays); it has no place of definition.
    Builtin,
}

/// The names visible in a block, in order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Scope {
    names: BTreeMap<String, Binding>,
}

impl Scope {
    /// A scope with the built-in names only: the weekdays.
    pub fn new() -> Self {
        let mut scope = Scope::default();
        for (name, day) in Weekday::ALL {
            scope.insert(
                *name,
                Binding {
                    ty: Type::Weekday,
                    value: Some(Value::Weekday(*day)),
                    span: Span::default(),
                    kind: BindingKind::Builtin,
                },
            );
        }
        scope
    }

    pub fn insert(&mut self, name: impl Into<String>, binding: Binding) {
        self.names.insert(name.into(), binding);
    }

    pub fn get(&self, name: &str) -> Option<&Binding> {
        self.names.get(name)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&String, &Binding)> {
        self.names.iter()
    }
}

/// The closest of `candidates` to `name`, if one is close enough to be a likely typo.
pub fn did_you_mean<'a>(
    name: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let limit = (name.chars().count() / 3).max(1);
    candidates
        .into_iter()
        .filter(|c| *c != name)
        .map(|c| (strsim::levenshtein(name, c), c))
        .filter(|(d, _)| *d <= limit)
        .min()
        .map(|(_, c)| c)
}

/// A help line for an unknown name: a suggestion when one is close, else the list of what there is.
pub fn suggestion<'a>(
    name: &str,
    what: &str,
    candidates: impl IntoIterator<Item = &'a str> + Clone,
) -> Option<String> {
    if let Some(close) = did_you_mean(name, candidates.clone()) {
        return Some(format!("did you mean `{close}`?"));
    }
    let all: Vec<String> = candidates.into_iter().map(|c| format!("`{c}`")).collect();
    match all.len() {
        0 => None,
        1..=8 => Some(format!("the {what} are {}", all.join(", "))),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_a_close_name_and_not_a_far_one() {
        let parties = ["municipality", "ostervold", "firm"];
        assert_eq!(did_you_mean("ostervol", parties), Some("ostervold"));
        assert_eq!(did_you_mean("muncipality", parties), Some("municipality"));
        assert_eq!(did_you_mean("citizen", parties), None);
    }

    #[test]
    fn lists_the_candidates_when_none_is_close() {
        assert_eq!(
            suggestion("zz", "parties", ["a1", "b2"]),
            Some("the parties are `a1`, `b2`".to_string())
        );
    }
}
