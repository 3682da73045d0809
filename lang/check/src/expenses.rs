//! What invoices are matched by and what they may claim: a party's CVR number (`cvr`), what an item's price
//! covers (`covers`), and reimbursed items (`reimburse to`, `up to`, `approved by`), each read into the model with
//! the checks spec 4.4 and 4.8 state.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use cvl_syntax::ast::{Expr, Ident, StrLit};
use cvl_syntax::{Code, Diagnostic, Span, text};

use crate::Checker;
use crate::advice;
use crate::model::{self, Covered, LimitPeriod};
use crate::names::Scope;
use crate::types::{Per, Type};
use crate::value::Value;
use crate::words::{exact_money_text, keyword_text, per_text, type_text, value_text};

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
                    text!("check-expenses-cvr-digits-alone", digits = digits)
                } else {
                    text!("check-expenses-cvr-what")
                };
                self.report(
                    Diagnostic::new(
                        Code::E0044,
                        cvr.span,
                        text!("check-expenses-cvr-not-eight", cvr = text),
                    )
                    .with_label(text!("check-expenses-cvr-not-eight-label"))
                    .with_help(help),
                );
                return None;
            }
            Err(CvrProblem::CheckDigit) => {
                self.report(
                    Diagnostic::new(
                        Code::E0044,
                        cvr.span,
                        text!("check-expenses-cvr-check-digit", cvr = text),
                    )
                    .with_label(text!("check-expenses-cvr-check-digit-label"))
                    .with_help(text!("check-expenses-cvr-check-digit-help")),
                );
                return None;
            }
        }
        if let Some(other) = parties.iter().find(|p| p.cvr.as_deref() == Some(text)) {
            let mut d = Diagnostic::new(
                Code::E0045,
                cvr.span,
                text!(
                    "check-expenses-cvr-taken",
                    party = other.id.0.as_str(),
                    cvr = text
                ),
            )
            .with_label(text!("check-expenses-cvr-taken-label"))
            .with_help(text!("check-expenses-cvr-taken-help"));
            if let Some(first) = other.cvr_span {
                d = d.with_secondary(first, text!("check-expenses-cvr-taken-first"));
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
                    Diagnostic::new(
                        Code::E0046,
                        lit.span,
                        text!("check-expenses-covers-nothing"),
                    )
                    .with_label(if lit.value.is_empty() {
                        text!("check-expenses-covers-empty")
                    } else {
                        text!("check-expenses-covers-blank")
                    })
                    .with_help(text!("check-expenses-covers-nothing-help")),
                );
                continue;
            }
            if let Some(first) = out.iter().find(|c| same_thing(&c.text, text)) {
                self.report(
                    Diagnostic::new(
                        Code::E0047,
                        lit.span,
                        text!(
                            "check-expenses-covers-twice",
                            item = item.name.as_str(),
                            thing = text
                        ),
                    )
                    .with_label(text!("check-expenses-covers-twice-label"))
                    .with_secondary(first.span, text!("check-expenses-covers-twice-first"))
                    .with_help(text!("check-expenses-covers-twice-help")),
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
                            text!(
                                "check-expenses-covered-twice",
                                thing = covered.text.as_str(),
                                owner = *owner,
                                item = item.id.0.as_str()
                            ),
                        )
                        .with_label(text!("check-expenses-covered-twice-label"))
                        .with_secondary(
                            earlier.span,
                            text!("check-expenses-covered-twice-first", owner = *owner),
                        )
                        .with_help(text!("check-expenses-covered-twice-help")),
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
                                text!("check-expenses-limit-per", per = per_text(*other)),
                            )
                            .with_label(text!(
                                "check-expenses-limit-per-label",
                                per = per_text(*other)
                            ))
                            .with_help(text!("check-expenses-limit-per-help")),
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
                    text!("check-expenses-limit-type", found = type_text(other)),
                )
                .with_label(text!("check-expenses-this-is", found = type_text(other)));
                if let Some(help) = advice::missing_unit_text(expr, other, &["DKK per year"]) {
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
                    text!(
                        "check-expenses-limit-nothing",
                        limit = value_text(&Value::Money {
                            amount,
                            currency: currency.clone()
                        })
                    ),
                )
                .with_label(text!("check-expenses-limit-nothing-label"))
                .with_help(text!("check-expenses-limit-nothing-help")),
            );
            return None;
        }
        if amount > crate::limits::MAX_AMOUNT {
            let most = value_text(&Value::Money {
                amount: crate::limits::MAX_AMOUNT,
                currency: currency.clone(),
            });
            let shown = if crate::value::round_money(amount) > crate::limits::MAX_AMOUNT {
                value_text(&Value::Money {
                    amount,
                    currency: currency.clone(),
                })
            } else {
                exact_money_text(amount, &currency)
            };
            self.report(
                Diagnostic::new(
                    Code::E0042,
                    expr.span,
                    text!("check-expenses-limit-too-much", shown = shown),
                )
                .with_label(text!("check-expenses-limit-most", most = most))
                .with_help(text!("check-expenses-limit-too-much-help")),
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
                            text!(
                                "check-expenses-needs-reimburse",
                                word = keyword_text(word),
                                item = name.name.as_str()
                            ),
                        )
                        .with_label(text!("check-expenses-needs-reimburse-label"))
                        .with_help(text!("check-expenses-needs-reimburse-help")),
                    );
                }
            }
            item.reimburse = None;
            return;
        };
        for (word, why) in [
            ("pay", text!("check-expenses-unfit-pay")),
            ("covers", text!("check-expenses-unfit-covers")),
            ("cap", text!("check-expenses-unfit-cap")),
            ("confirmed by", text!("check-expenses-unfit-confirmed-by")),
            ("for the first", text!("check-expenses-unfit-for-the-first")),
            ("starts", text!("check-expenses-unfit-starts")),
            ("ends", text!("check-expenses-unfit-ends")),
        ] {
            if let Some(at) = seen.get(word) {
                self.report(
                    Diagnostic::new(
                        Code::E0048,
                        *at,
                        text!(
                            "check-expenses-unfit",
                            word = keyword_text(word),
                            item = name.name.as_str()
                        ),
                    )
                    .with_label(text!("check-expenses-unfit-label"))
                    .with_secondary(reimburse, text!("check-expenses-unfit-reimbursed"))
                    .with_help(text!("check-expenses-unfit-help", why = why)),
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
            ("up to", text!("check-expenses-needs-up-to-help")),
            (
                "approved by",
                text!("check-expenses-needs-approved-by-help"),
            ),
        ];
        for (word, help) in needs {
            if !seen.contains_key(word) {
                self.report(
                    Diagnostic::new(
                        Code::E0030,
                        name.span,
                        text!("check-expenses-needs", word = keyword_text(word)),
                    )
                    .with_label(text!(
                        "check-expenses-needs-label",
                        word = keyword_text(word)
                    ))
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
