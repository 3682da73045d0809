//! What invoices are matched by and what they may claim: a party's CVR number (`cvr`), what an item's price
//! covers (`covers`), and reimbursed items (`reimburse to`, `up to`, `approved by`), each read into the model with
//! the checks spec 4.4 and 4.8 state.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use cvl_syntax::ast::{Expr, Ident, StrLit};
use cvl_syntax::{Code, Diagnostic, Span};

use crate::Checker;
use crate::advice;
use crate::model::{self, Covered, LimitPeriod};
use crate::names::Scope;
use crate::types::{Per, Type};
use crate::value::Value;

/// The weights of the CVR number's modulus-11 check, digit by digit.
const CVR_WEIGHTS: [u32; 8] = [2, 7, 6, 5, 4, 3, 2, 1];

/// Whether `text` is a CVR number: 8 ASCII digits whose weighted sum (weights 2, 7, 6, 5, 4, 3, 2, 1) is divisible
/// by 11; `Err` says which of the two it fails.
pub fn cvr_check(text: &str) -> Result<(), CvrProblem> {
    if text.len() != 8 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(CvrProblem::NotEightDigits);
    }
    let sum: u32 = text
        .bytes()
        .zip(CVR_WEIGHTS)
        .map(|(b, w)| u32::from(b - b'0') * w)
        .sum();
    if sum.is_multiple_of(11) {
        Ok(())
    } else {
        Err(CvrProblem::CheckDigit)
    }
}

/// Why a CVR number is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CvrProblem {
    NotEightDigits,
    CheckDigit,
}

/// Where a statement that only a reimbursed item may have, or that no reimbursed item may have, is written.
pub(crate) type Seen<'a> = BTreeMap<&'static str, Span>;

impl Checker {
    /// A party's CVR number: 8 digits with a valid check digit (E0044), and no other party's (E0045).
    pub(crate) fn cvr(&mut self, cvr: &StrLit, parties: &[model::Party]) -> Option<String> {
        let text = cvr.value.as_str();
        match cvr_check(text) {
            Ok(()) => {}
            Err(CvrProblem::NotEightDigits) => {
                let digits: String = text
                    .strip_prefix("DK")
                    .unwrap_or(text)
                    .chars()
                    .filter(|c| !c.is_whitespace() && *c != '-')
                    .collect();
                let help = if digits != text && cvr_check(&digits).is_ok() {
                    format!("write the 8 digits alone: `cvr \"{digits}\"`")
                } else {
                    "a CVR number is the 8 digits the Danish business register (cvr.dk) gives the company"
                        .to_string()
                };
                self.report(
                    Diagnostic::new(
                        Code::E0044,
                        cvr.span,
                        format!("the CVR number `{text}` is not 8 digits"),
                    )
                    .with_label("not a CVR number")
                    .with_help(help),
                );
                return None;
            }
            Err(CvrProblem::CheckDigit) => {
                self.report(
                    Diagnostic::new(
                        Code::E0044,
                        cvr.span,
                        format!("the CVR number `{text}` has a wrong check digit"),
                    )
                    .with_label("fails the modulus-11 check")
                    .with_help("a digit is wrong or two are swapped: copy the number from the Danish business register (cvr.dk)"),
                );
                return None;
            }
        }
        if let Some(other) = parties.iter().find(|p| p.cvr.as_deref() == Some(text)) {
            let mut d = Diagnostic::new(
                Code::E0045,
                cvr.span,
                format!("`{}` already has the CVR number `{text}`", other.id.0),
            )
            .with_label("the same CVR number as another party's")
            .with_help("an invoice names its supplier by CVR number: each party needs its own");
            if let Some(first) = other.cvr_span {
                d = d.with_secondary(first, "declared here first");
            }
            self.report(d);
            return None;
        }
        Some(text.to_string())
    }

    /// What an item's price covers: each thing named (E0046 for an empty one), once (E0047), trimmed.
    pub(crate) fn covers(&mut self, item: &Ident, covered: &[StrLit]) -> Vec<Covered> {
        let mut out: Vec<Covered> = Vec::new();
        for lit in covered {
            let text = lit.value.trim();
            if text.is_empty() {
                self.report(
                    Diagnostic::new(Code::E0046, lit.span, "`covers` names nothing here")
                        .with_label(if lit.value.is_empty() {
                            "an empty string"
                        } else {
                            "only white space"
                        })
                        .with_help("name what the price covers, such as `\"pocket money\"`, or remove the string"),
                );
                continue;
            }
            if let Some(first) = out.iter().find(|c| same_thing(&c.text, text)) {
                self.report(
                    Diagnostic::new(
                        Code::E0047,
                        lit.span,
                        format!("`{}` covers `{text}` twice", item.name),
                    )
                    .with_label("named again here")
                    .with_secondary(first.span, "first named here")
                    .with_help("name each thing once"),
                );
                continue;
            }
            out.push(Covered {
                text: text.to_string(),
                span: lit.span,
            });
        }
        out
    }

    /// No two items cover the same thing (E0047): an invoice line for it would not tell which price covers it.
    pub(crate) fn covered_once(&mut self, items: &[model::Item]) {
        let mut first: Vec<(&str, &Covered)> = Vec::new();
        for item in items {
            for covered in &item.covers {
                if let Some((owner, earlier)) = first
                    .iter()
                    .find(|(owner, c)| *owner != item.id.0 && same_thing(&c.text, &covered.text))
                {
                    self.report(
                        Diagnostic::new(
                            Code::E0047,
                            covered.span,
                            format!(
                                "`{}` is covered by both `{owner}` and `{}`",
                                covered.text, item.id.0
                            ),
                        )
                        .with_label("covered again here")
                        .with_secondary(earlier.span, format!("covered by `{owner}` here"))
                        .with_help("say in one item what its price covers"),
                    );
                } else {
                    first.push((item.id.0.as_str(), covered));
                }
            }
        }
    }

    /// `up to 10_000 DKK per year`: an amount of money, over the whole contract or per month or year, more than
    /// zero (E0049) and within the amount limit (E0042).
    pub(crate) fn limit(
        &mut self,
        expr: &Expr,
        scope: &Scope,
    ) -> Option<(Decimal, String, Option<LimitPeriod>)> {
        let typed = self.expr(expr, scope);
        let (of, per) = match (&typed.ty, typed.value) {
            (Type::Error, _) => return None,
            (Type::Money(_), Some(value)) => (value, None),
            (Type::Rate(of, per), Some(Value::Rate { of: value, .. }))
                if matches!(of.as_ref(), Type::Money(_)) =>
            {
                match per {
                    Per::Month => (*value, Some(LimitPeriod::Month)),
                    Per::Year => (*value, Some(LimitPeriod::Year)),
                    other => {
                        self.report(
                            Diagnostic::new(
                                Code::E0019,
                                expr.span,
                                format!("a reimbursement limit cannot count per {}", other.word()),
                            )
                            .with_label(format!("per {}", other.word()))
                            .with_help("give the most per calendar month (`… DKK per month`), per calendar year (`… DKK per year`), or over the whole contract (`… DKK`)"),
                        );
                        return None;
                    }
                }
            }
            (Type::Money(_) | Type::Rate(..), None) => return None,
            (other, _) => {
                let mut d = Diagnostic::new(
                    Code::E0018,
                    expr.span,
                    format!("expected an amount of money, found {other}"),
                )
                .with_label(format!("this is {other}"));
                if let Some(help) = advice::missing_unit(expr, other, &["DKK per year"]) {
                    d = d.with_help(help);
                }
                self.report(d);
                return None;
            }
        };
        let Value::Money { amount, currency } = of else {
            return None;
        };
        if amount <= Decimal::ZERO {
            self.report(
                Diagnostic::new(
                    Code::E0049,
                    expr.span,
                    format!(
                        "a reimbursement limit of {} reimburses nothing",
                        Value::Money {
                            amount,
                            currency: currency.clone()
                        }
                    ),
                )
                .with_label("not more than zero")
                .with_help("give the most that is reimbursed, such as `up to 10_000 DKK per year`"),
            );
            return None;
        }
        if amount > crate::limits::MAX_AMOUNT {
            let most = Value::Money {
                amount: crate::limits::MAX_AMOUNT,
                currency: currency.clone(),
            };
            let shown = if crate::value::round_money(amount) > crate::limits::MAX_AMOUNT {
                Value::Money {
                    amount,
                    currency: currency.clone(),
                }
                .to_string()
            } else {
                format!("{} {currency}", amount.normalize())
            };
            self.report(
                Diagnostic::new(
                    Code::E0042,
                    expr.span,
                    format!("a reimbursement limit of {shown} is more than CVL pays"),
                )
                .with_label(format!("the most is {most}"))
                .with_help("no contract pays this much: check the number of digits (the limits are in `cvl explain E0042`)"),
            );
            return None;
        }
        Some((amount, currency, per))
    }

    /// The statements of an item that a reimbursement needs (E0030 when missing) or refuses (E0048), by where
    /// `seen` says each is written; what is refused is left out of the model.
    pub(crate) fn reimbursement_fits(
        &mut self,
        item: &mut model::Item,
        name: &Ident,
        seen: &Seen<'_>,
    ) {
        let Some(reimburse) = seen.get("reimburse").copied() else {
            for word in ["up to", "approved by"] {
                if let Some(at) = seen.get(word) {
                    self.report(
                        Diagnostic::new(
                            Code::E0048,
                            *at,
                            format!("`{word}` needs `reimburse` in `{}`", name.name),
                        )
                        .with_label("only for a reimbursed item")
                        .with_help("`up to` and `approved by` say how a reimbursed item (`reimburse to PARTY`) pays: add `reimburse to`, or remove this"),
                    );
                }
            }
            item.reimburse = None;
            return;
        };
        for (word, why) in [
            (
                "pay",
                "it pays what is approved, not a rate: keep `pay` or `reimburse`",
            ),
            (
                "covers",
                "its price is what is approved: say in the item with the price what it covers",
            ),
            ("cap", "its limit is `up to`: remove `cap`"),
            (
                "confirmed by",
                "its expenses are approved by the parties of `approved by`: remove `confirmed by`",
            ),
            (
                "for the first",
                "its limit counts over the contract's period: remove `for the first`",
            ),
            (
                "starts",
                "it pays expenses dated within the contract's period: remove `starts`",
            ),
            (
                "ends",
                "it pays expenses dated within the contract's period: remove `ends`",
            ),
        ] {
            if let Some(at) = seen.get(word) {
                self.report(
                    Diagnostic::new(
                        Code::E0048,
                        *at,
                        format!("`{word}` does not fit the reimbursed item `{}`", name.name),
                    )
                    .with_label("not for a reimbursed item")
                    .with_secondary(reimburse, "reimbursed here")
                    .with_help(format!(
                        "a reimbursed item pays approved expenses up to its limit; {why}"
                    )),
                );
            }
        }
        item.rate = None;
        item.cap = None;
        item.confirmed_by.clear();
        item.first = None;
        item.starts = None;
        item.ends = None;
        item.covers.clear();
        let needs = [
            (
                "up to",
                "say the most it pays: `up to 10_000 DKK per year`, per month, or over the whole contract without `per`",
            ),
            (
                "approved by",
                "name the party whose approval an expense needs: `approved by PARTY`",
            ),
        ];
        for (word, help) in needs {
            if !seen.contains_key(word) {
                self.report(
                    Diagnostic::new(
                        Code::E0030,
                        name.span,
                        format!("a reimbursed item needs `{word}`"),
                    )
                    .with_label(format!("no `{word}` here"))
                    .with_help(help),
                );
            }
        }
        if seen.contains_key("pay") {
            item.reimburse = None;
        }
    }
}

/// Whether two things covered are the same: compared trimmed and without regard to case.
fn same_thing(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;
    use cvl_syntax::{Source, Sources, parse_source};

    #[test]
    fn the_reference_case_keeps_cvr_numbers_what_the_stay_covers_and_the_reimbursed_item() {
        let mut sources = Sources::new();
        let text = include_str!("../../../examples/placement/placement.cvl");
        let id = sources.add(Source::new("placement.cvl", text));
        let parsed = parse_source(id, sources.get(id).unwrap());
        let checked = crate::check(
            &mut sources,
            id,
            &parsed.file,
            &mut crate::loader::FsLoader::new(Vec::new()),
        );
        assert!(checked.problems.is_empty(), "{:?}", checked.problems);
        let contract = &checked.contracts[0];
        let cvr = |name: &str| {
            let party = contract.parties.iter().find(|p| p.id.0 == name).unwrap();
            let span = party.cvr_span.map(|s| &text[s.range()]);
            (party.cvr.as_deref(), span)
        };
        assert_eq!(
            cvr("municipality"),
            (Some("29189587"), Some("\"29189587\""))
        );
        assert_eq!(cvr("ostervold"), (Some("31259614"), Some("\"31259614\"")));
        let stay = contract.items.iter().find(|i| i.id.0 == "stay").unwrap();
        let covered: Vec<(&str, &str)> = stay
            .covers
            .iter()
            .map(|c| (c.text.as_str(), &text[c.span.range()]))
            .collect();
        assert_eq!(
            covered,
            [
                ("board and lodging", "\"board and lodging\""),
                ("pocket money", "\"pocket money\""),
                ("clothing", "\"clothing\""),
            ]
        );
        assert!(stay.reimburse.is_none());
        let medicine = contract
            .items
            .iter()
            .find(|i| i.id.0 == "medicine")
            .unwrap();
        assert_eq!(medicine.rate, None);
        assert_eq!(medicine.payee, Some(model::PartyId("ostervold".into())));
        assert_eq!(
            medicine.pay_span.map(|s| &text[s.range()]),
            Some("reimburse to ostervold")
        );
        let reimburse = medicine.reimburse.as_ref().unwrap();
        assert_eq!(
            (
                reimburse.limit,
                reimburse.currency.as_str(),
                reimburse.per,
                reimburse.approved_by.as_slice(),
                &text[reimburse.span.range()]
            ),
            (
                Decimal::from(10_000),
                "DKK",
                Some(LimitPeriod::Year),
                [model::PartyId("municipality".into())].as_slice(),
                "up to 10_000 DKK per year"
            )
        );
        assert!(medicine.covers.is_empty());
    }

    #[test]
    fn cvr_numbers_pass_the_modulus_11_check() {
        for good in ["29189587", "31259614", "36849614", "40176667"] {
            assert_eq!(cvr_check(good), Ok(()), "{good}");
        }
        assert_eq!(cvr_check("29189588"), Err(CvrProblem::CheckDigit));
        assert_eq!(cvr_check("92189587"), Err(CvrProblem::CheckDigit));
        for bad in [
            "",
            "2918958",
            "291895870",
            "2918 9587",
            "DK29189587",
            "2918958a",
            "２9189587",
        ] {
            assert_eq!(cvr_check(bad), Err(CvrProblem::NotEightDigits), "{bad}");
        }
    }
}
