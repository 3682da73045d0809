//! CVL's comparison of two texts of a contract (`cvl diff`, spec 8.10): the terms that changed, by declaration and
//! field rather than by line of text, each in words; and, given the contract's events, what deciding them under
//! the new text instead of the old would pay each payee in each month.
//!
//! [`compare`] reads each text as declarations with facets (terms.rs) and walks them once, by kind and name: a
//! declaration only in the new text is added, only in the old removed, and in both each facet that differs is a
//! change. [`money`] decides the events twice (cvl-eval) and sets the months against each other (money.rs). The
//! crate reads no files: the caller gives it the checked contracts and the events, and renders what it returns.

mod money;
mod terms;

use chrono::NaiveDate;

use cvl_check::model::Contract;

pub use money::{Difference, Money, NotCompared, PayeeTotal, money};
pub use terms::{Declaration, Kind, declarations};

/// What happened to a declaration or one of its facets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Change {
    Added,
    Removed,
    Changed,
}

impl Change {
    pub fn as_str(self) -> &'static str {
        match self {
            Change::Added => "added",
            Change::Removed => "removed",
            Change::Changed => "changed",
        }
    }
}

/// One term that changed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Term {
    pub kind: Kind,
    pub name: String,
    pub change: Change,
    /// The field that changed (`grace`), for a change of one; `None` when the declaration is added or removed.
    pub field: Option<&'static str>,
    /// The value in words in the old and the new text: the field's, or, for a declaration added or removed, all of
    /// its facets.
    pub old: Option<String>,
    pub new: Option<String>,
    /// The change in words: ``stay: 60,000.00 → 62,000.00 DKK per month from 2019-09-01``.
    pub words: String,
}

/// The terms that changed from `old` to `new`, in the order of the declarations (the new text's, then those only
/// in the old). `effective`, the day the amendment to `new` takes effect when the events have one, dates each
/// change of an item's or supplement's rate.
pub fn compare(old: &Contract, new: &Contract, effective: Option<NaiveDate>) -> Vec<Term> {
    let before = declarations(old);
    let after = declarations(new);
    // One declaration in both texts: the same kind and name; the contract's own terms are one in each text, also
    // when its name changes (a facet of them).
    let same = |a: &Declaration, b: &Declaration| {
        a.kind == b.kind && (a.kind == Kind::Contract || a.name == b.name)
    };
    let mut terms = Vec::new();
    for declaration in &after {
        match before.iter().find(|d| same(d, declaration)) {
            Some(was) => changed(was, declaration, effective, &mut terms),
            None => terms.push(whole(declaration, Change::Added, effective)),
        }
    }
    for declaration in &before {
        if !after.iter().any(|d| same(d, declaration)) {
            terms.push(whole(declaration, Change::Removed, effective));
        }
    }
    terms
}

/// How a declaration is named in words: `item `taxi``, or the contract's own terms as `the contract`.
fn named(d: &Declaration) -> String {
    match d.kind {
        Kind::Contract => "the contract".to_string(),
        kind => format!("{} `{}`", kind.as_str(), d.name),
    }
}

fn from(effective: Option<NaiveDate>) -> String {
    effective.map_or_else(String::new, |day| format!(" from {day}"))
}

fn facets(d: &Declaration) -> String {
    d.facets
        .iter()
        .map(|(field, value)| format!("{field} {value}"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn whole(d: &Declaration, change: Change, effective: Option<NaiveDate>) -> Term {
    let all = facets(d);
    let words = match change {
        Change::Added => format!("{} added{}: {all}", named(d), from(effective)),
        _ => format!("{} removed{}", named(d), from(effective)),
    };
    let (old, new) = match change {
        Change::Added => (None, Some(all)),
        _ => (Some(all), None),
    };
    Term {
        kind: d.kind,
        name: d.name.clone(),
        change,
        field: None,
        old,
        new,
        words,
    }
}

/// The facets that differ between two writings of one declaration, in the new one's order, then those only in
/// the old.
fn changed(
    old: &Declaration,
    new: &Declaration,
    effective: Option<NaiveDate>,
    terms: &mut Vec<Term>,
) {
    let value = |d: &Declaration, field: &str| {
        d.facets
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, v)| v.clone())
    };
    let mut fields: Vec<&'static str> = new.facets.iter().map(|(f, _)| *f).collect();
    fields.extend(
        old.facets
            .iter()
            .map(|(f, _)| *f)
            .filter(|f| !new.facets.iter().any(|(g, _)| g == f)),
    );
    for field in fields {
        let (was, is) = (value(old, field), value(new, field));
        if was == is {
            continue;
        }
        let (change, words) = match (&was, &is) {
            (Some(a), Some(b)) => (Change::Changed, arrow(field, a, b)),
            (None, Some(b)) => (Change::Added, format!("{field} {b} added")),
            (Some(a), None) => (Change::Removed, format!("{field} {a} removed")),
            (None, None) => continue,
        };
        let dated = if matches!(new.kind, Kind::Item | Kind::Supplement) {
            from(effective)
        } else {
            String::new()
        };
        let name = match new.kind {
            Kind::Item | Kind::Supplement => new.name.clone(),
            _ => named(new),
        };
        terms.push(Term {
            kind: new.kind,
            name: new.name.clone(),
            change,
            field: Some(field),
            old: was,
            new: is,
            words: format!("{name}: {words}{dated}"),
        });
    }
}

/// `60,000.00 → 62,000.00 DKK per month` for a rate (its unit written once when both share it), `grace 14 days →
/// 7 days` for any other field.
fn arrow(field: &str, old: &str, new: &str) -> String {
    let split = |s: &str| {
        s.split_once(' ')
            .map(|(n, rest)| (n.to_string(), rest.to_string()))
    };
    let label = if field == "pay" {
        String::new()
    } else {
        format!("{field} ")
    };
    match (split(old), split(new)) {
        (Some((a, unit)), Some((b, same)))
            if unit == same && a.starts_with(|c: char| c.is_ascii_digit()) =>
        {
            format!("{label}{a} → {b} {unit}")
        }
        _ => format!("{label}{old} → {new}"),
    }
}

#[cfg(test)]
mod every_term;
#[cfg(test)]
mod tests;
