//! The portfolio's totals (spec 14.3): per month, per provider (payee, by CVR number or title) and per case, and
//! overall, each kept apart per currency (no amount is added to one in another currency). Only decided cases count;
//! a case left out is in none of them.

use std::collections::BTreeMap;

use cvl_eval::Month;
use cvl_syntax::text::shown;

use crate::{Case, Measures};

/// Every total of a portfolio. Maps are ordered by their keys, so every rendering is in one order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Totals {
    /// By month, then currency.
    pub months: BTreeMap<(Month, String), Measures>,
    /// By payee key (`cvr:…`, `name:…`), then currency: the payee's name (the first case's, in the folders' order)
    /// and its measures.
    pub payees: BTreeMap<(String, String), (String, Measures)>,
    /// By case, in the folders' order: the folder, the currency and its measures.
    pub cases: Vec<(String, String, Measures)>,
    /// By currency.
    pub all: BTreeMap<String, Measures>,
    /// How many cases were decided, and how many left out.
    pub decided: usize,
    pub left_out: usize,
    /// Each payee's names by its key (`cvr:…`, `name:…`), each with the first folder that names it so, in the
    /// folders' order: a CVR number with two titles is warned of.
    pub names: BTreeMap<String, Vec<(String, String)>>,
}

impl Totals {
    pub fn of(cases: &[Case]) -> Totals {
        let mut totals = Totals::default();
        for case in cases {
            let Ok(figures) = &case.outcome else {
                totals.left_out += 1;
                continue;
            };
            totals.decided += 1;
            let currency = &figures.currency;
            let mut sum = Measures::default();
            for row in &figures.rows {
                sum.add(&row.measures);
                totals
                    .months
                    .entry((row.month, currency.clone()))
                    .or_default()
                    .add(&row.measures);
                if let Some(payee) = figures.payees.get(row.payee) {
                    let names = totals.names.entry(payee.key.clone()).or_default();
                    if !names.iter().any(|(name, _)| name == &payee.name) {
                        names.push((payee.name.clone(), case.folder.clone()));
                    }
                    totals
                        .payees
                        .entry((payee.key.clone(), currency.clone()))
                        .or_insert_with(|| (payee.name.clone(), Measures::default()))
                        .1
                        .add(&row.measures);
                }
            }
            totals.all.entry(currency.clone()).or_default().add(&sum);
            totals
                .cases
                .push((case.folder.clone(), currency.clone(), sum));
        }
        totals
    }

    /// What the totals warn of: a CVR number that two contracts give different titles (its totals go by the
    /// first), and a payee with no CVR number whose name is the title of one with a CVR number (kept apart).
    pub fn notes(&self) -> Vec<String> {
        let mut notes = Vec::new();
        for (key, names) in &self.names {
            let Some(cvr) = key.strip_prefix("cvr:") else {
                continue;
            };
            if let [(first, in_first), rest @ ..] = names.as_slice()
                && !rest.is_empty()
            {
                let others: Vec<String> = rest
                    .iter()
                    .map(|(name, folder)| format!("`{}` in `{folder}`", shown(name)))
                    .collect();
                notes.push(format!(
                    "CVR {cvr} has more than one title: `{first}` in `{in_first}`, {}; its totals are named `{first}`",
                    others.join(", "),
                    first = shown(first)
                ));
            }
            for (name, folder) in names {
                if let Some(plain) = self.names.get(&format!("name:{name}"))
                    && let Some((_, alone)) = plain.first()
                {
                    notes.push(format!(
                        "`{}` has no CVR number in `{alone}` but CVR {cvr} in `{folder}`: the two are kept apart \
                         as two providers; give the CVR number in every contract to count them as one",
                        shown(name)
                    ));
                }
            }
        }
        notes
    }
}
