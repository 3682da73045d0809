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

/// The longest name, in characters, for which a close name is looked for: a typo in a longer one is not what
/// happened, and comparing two names costs the product of their lengths.
pub const MAX_SUGGESTED_NAME: usize = 64;

/// How many candidates, in the order given, are compared with a name: so that the work for one unknown name is
/// bounded whatever the file declares.
pub const MAX_CANDIDATES: usize = 1_000;

/// The closest of `candidates` to `name`, if one is close enough to be a likely typo. Bounded work: nothing for
/// a name longer than [`MAX_SUGGESTED_NAME`]; only the first [`MAX_CANDIDATES`]; and a candidate whose length
/// differs by more than the edits allowed is passed over without comparing (it cannot be close), so no comparison
/// costs more than 64 × 85 steps.
pub fn did_you_mean<'a>(
    name: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let length = name.chars().take(MAX_SUGGESTED_NAME + 1).count();
    if length > MAX_SUGGESTED_NAME {
        return None;
    }
    let limit = (length / 3).max(1);
    candidates
        .into_iter()
        .take(MAX_CANDIDATES)
        .filter(|c| *c != name && within_reach(length, limit, c))
        .map(|c| {
            #[cfg(test)]
            COMPARISONS.with(|n| n.set(n.get() + 1));
            (strsim::levenshtein(name, c), c)
        })
        .filter(|(d, _)| *d <= limit)
        .min()
        .map(|(_, c)| c)
}

#[cfg(test)]
thread_local! {
    /// How many names [`did_you_mean`] has compared on this thread: for the tests that bound the work.
    pub(crate) static COMPARISONS: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// Whether `candidate` is within `limit` characters of `length` (a lower bound on its edit distance), counting
/// no further than that.
fn within_reach(length: usize, limit: usize, candidate: &str) -> bool {
    let most = length.saturating_add(limit);
    let count = candidate.chars().take(most.saturating_add(1)).count();
    count <= most && count.saturating_add(limit) >= length
}

/// A help line for an unknown name: a suggestion when one is close, else the list of what there is (`what`,
/// such as `parties`, put in the language the help is shown in).
pub fn suggestion_text<'a>(
    name: &str,
    what: cvl_syntax::Text,
    candidates: impl IntoIterator<Item = &'a str> + Clone,
) -> Option<cvl_syntax::Text> {
    if let Some(close) = did_you_mean(name, candidates.clone()) {
        return Some(cvl_syntax::text!(
            "check-advice-did-you-mean",
            close = close
        ));
    }
    let all: Vec<String> = candidates.into_iter().map(|c| format!("`{c}`")).collect();
    match all.len() {
        0 => None,
        1..=8 => Some(cvl_syntax::text!(
            "check-advice-there-are",
            what = what,
            all = all.join(", ")
        )),
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
    fn the_work_for_a_suggestion_is_bounded() {
        // The red team's case: 30,000 characters against one edit away. No suggestion, and no comparison made.
        let long = "x".repeat(30_000);
        let near = format!("{}y", "x".repeat(29_999));
        assert_eq!(did_you_mean(&long, [near.as_str()]), None);
        // A name of the longest length still gets its suggestion; one character more does not.
        let name = "a".repeat(MAX_SUGGESTED_NAME);
        let typo = format!("{}b", "a".repeat(MAX_SUGGESTED_NAME - 1));
        assert_eq!(did_you_mean(&typo, [name.as_str()]), Some(name.as_str()));
        let longer = format!("{name}b");
        assert_eq!(did_you_mean(&format!("{name}c"), [longer.as_str()]), None);
        // A short name is never compared with a long candidate, however long.
        assert!(!within_reach(5, 1, &"x".repeat(1_000_000)));
        assert!(within_reach(5, 1, "xxxxxx"));
        assert!(within_reach(5, 1, "xxxx"));
        assert!(!within_reach(5, 1, "xxx"));
        // Only the first candidates are compared.
        let many: Vec<String> = (0..MAX_CANDIDATES).map(|i| format!("zz{i}")).collect();
        let with_close = many.iter().map(String::as_str).chain(["ostervold"]);
        assert_eq!(did_you_mean("ostervol", with_close), None);
    }

    #[test]
    fn lists_the_candidates_when_none_is_close() {
        assert_eq!(
            suggestion_text(
                "zz",
                cvl_syntax::text!("check-clauses-what-parameters"),
                ["a1", "b2"]
            )
            .map(|help| help.show(cvl_syntax::Lang::En)),
            Some("the parameters are `a1`, `b2`".to_string())
        );
    }
}
