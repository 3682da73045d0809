//! The statements of the terms of payment: `paid monthly [in arrears][, due on day N]` and `interest P % per
//! year` (spec 4.7, 4.19); an item's `once on start|DATE` and `regulated by P % each year from DATE` (spec 4.8);
//! an obligation's `when missed withhold [ITEM, …]|flag` (spec 4.10) and a termination's `notice DURATION [to
//! the end of a month]` (spec 4.11), after their first keyword.

use super::Parser;
use crate::ast::{Consequence, ExprKind, Ident, OnceDay, RegulatedBy, StmtKind};
use crate::danish::{Language, Word};
use crate::lexer::Token;
use crate::{Code, Diagnostic};
use cvl_messages::text;

impl Parser<'_> {
    /// `monthly [in arrears][, due on day N]`, after `paid`.
    pub(super) fn expect_paid_rest(&mut self) -> Option<StmtKind> {
        self.expect_token(
            Token::Monthly,
            text!("syntax-want-monthly", lang = self.lang.code()),
        )?;
        let in_arrears = if self.eat(Token::In).is_some() {
            self.expect_token(
                Token::Arrears,
                text!("syntax-want-arrears", lang = self.lang.code()),
            )?;
            true
        } else {
            false
        };
        let due_day = if self.eat(Token::Comma).is_some() {
            for (token, what) in [
                (
                    Token::Due,
                    text!("syntax-want-due-on-day", lang = self.lang.code()),
                ),
                (
                    Token::On,
                    text!("syntax-want-on-day", lang = self.lang.code()),
                ),
            ] {
                if !self.at(token) {
                    self.expected_with_help(
                        what,
                        Some(text!("syntax-due-help", lang = self.lang.code())),
                    );
                    return None;
                }
                self.bump();
            }
            if !(self.at(Token::Ident) && self.at_word(Word::Day)) {
                self.expected_with_help(
                    text!("syntax-want-day-of-month", lang = self.lang.code()),
                    Some(text!("syntax-due-help", lang = self.lang.code())),
                );
                return None;
            }
            self.bump();
            Some(self.expect_expr()?)
        } else {
            None
        };
        Some(StmtKind::PaidMonthly {
            in_arrears,
            due_day,
        })
    }

    /// `P % per year`, after `interest`.
    pub(super) fn expect_interest_rest(&mut self) -> Option<StmtKind> {
        let percent = self.expect_expr()?;
        if !self.at(Token::Percent) && matches!(percent.kind, ExprKind::Per(..)) {
            // `interest 10 per year`: the `%` is missing inside what reads as a rate.
            let written = self.text_of(percent.span).to_string();
            self.last_error_at = Some(self.pos);
            self.report(
                Diagnostic::new(
                    Code::E0004,
                    percent.span,
                    text!("syntax-interest-not-rate", written = written),
                )
                .with_label(text!(
                    "syntax-interest-not-rate-label",
                    lang = self.lang.code()
                ))
                .with_help(text!(
                    "syntax-interest-not-rate-help",
                    lang = self.lang.code()
                )),
            );
            return None;
        }
        if !self.at(Token::Percent) {
            self.expected_with_help(
                text!("syntax-want-percent-per-year", lang = self.lang.code()),
                Some(text!("syntax-interest-help", lang = self.lang.code())),
            );
            return None;
        }
        self.bump();
        self.expect_token(
            Token::Per,
            text!("syntax-want-per-year", lang = self.lang.code()),
        )?;
        let per = self.expect_unit_after_per()?;
        Some(StmtKind::Interest { percent, per })
    }

    /// `on start` or `on DATE`, after `once`.
    pub(super) fn expect_once_rest(&mut self) -> Option<StmtKind> {
        if !self.at(Token::On) {
            self.expected_with_help(
                text!("syntax-want-once-on", lang = self.lang.code()),
                Some(text!("syntax-once-help", lang = self.lang.code())),
            );
            return None;
        }
        self.bump();
        if self.at(Token::Ident) && self.at_word(Word::Start) {
            let span = self.peek_span();
            self.bump();
            return Some(StmtKind::Once(OnceDay::Start(span)));
        }
        Some(StmtKind::Once(OnceDay::On(self.expect_expr()?)))
    }

    /// `by P % each year from DATE` or `by index NAME each year from DATE`, after `regulated`. `index` is not a
    /// reserved word: it starts the index form unless `%` follows it (a constant named `index`, a percentage).
    pub(super) fn expect_regulated_rest(&mut self) -> Option<StmtKind> {
        self.expect_token(
            Token::By,
            text!("syntax-want-by-percentage", lang = self.lang.code()),
        )?;
        let by_index =
            self.at(Token::Ident) && self.at_word(Word::Index) && self.peek_at(1) != Token::Percent;
        let (by, help) = if by_index {
            self.bump();
            // `each` after `index` is the next words, not a name: the name is missing.
            if !self.at(Token::Ident) || self.at_word(Word::Each) {
                self.expected_with_help(
                    text!("syntax-want-index-name", lang = self.lang.code()),
                    Some(text!(
                        "syntax-regulated-index-help",
                        lang = self.lang.code()
                    )),
                );
                return None;
            }
            let span = self.bump();
            let name = Ident {
                name: self.text_of(span).to_string(),
                span,
            };
            (
                RegulatedBy::Index(name),
                text!("syntax-regulated-index-help", lang = self.lang.code()),
            )
        } else {
            let percent = self.expect_expr()?;
            if !self.at(Token::Percent) {
                self.expected_with_help(
                    text!("syntax-want-percent-each-year", lang = self.lang.code()),
                    Some(text!("syntax-regulated-help", lang = self.lang.code())),
                );
                return None;
            }
            self.bump();
            (
                RegulatedBy::Percent(percent),
                text!("syntax-regulated-help", lang = self.lang.code()),
            )
        };
        for word in [Word::Each, Word::Year, Word::From] {
            if !(self.at(Token::Ident) && self.at_word(word)) {
                let word = word.text(self.lang);
                self.expected_with_help(text!("syntax-want-word", word = word), Some(help));
                return None;
            }
            self.bump();
        }
        let from = self.expect_expr()?;
        Some(StmtKind::Regulated { by, from })
    }

    /// `DURATION [to the end of a month]`, after `notice`.
    pub(super) fn expect_notice_rest(&mut self) -> Option<StmtKind> {
        let length = self.expect_expr()?;
        if self.eat(Token::To).is_none() {
            return Some(StmtKind::Notice {
                length,
                month_end: false,
            });
        }
        // Danish has no word for `the` here: `til udgangen af en måned`.
        if self.lang == Language::English {
            if !self.at(Token::The) {
                self.expected_with_help(
                    text!("syntax-want-end-of-month", lang = self.lang.code()),
                    Some(text!("syntax-notice-help", lang = self.lang.code())),
                );
                return None;
            }
            self.bump();
        }
        for word in [Word::End, Word::Of, Word::A, Word::Month] {
            // `af` is a keyword in Danish (`by`), the others are names in both languages.
            if !((self.at(Token::Ident) || self.at(Token::By)) && self.at_word(word)) {
                let word = word.text(self.lang);
                self.expected_with_help(
                    text!("syntax-want-word", word = word),
                    Some(text!("syntax-notice-help", lang = self.lang.code())),
                );
                return None;
            }
            self.bump();
        }
        Some(StmtKind::Notice {
            length,
            month_end: true,
        })
    }

    /// `missed withhold [ITEM, …]` or `missed flag`, after `when` (spec 4.10).
    pub(super) fn expect_when_missed_rest(&mut self) -> Option<StmtKind> {
        self.expect_token(
            Token::Missed,
            text!("syntax-want-missed", lang = self.lang.code()),
        )?;
        let (consequence, items) = if self.eat(Token::Withhold).is_some() {
            // `withhold fee, allowance`: the items it holds, if it names any.
            let mut items = Vec::new();
            if self.at(Token::Ident) {
                items.push(self.expect_ident(text!("syntax-want-item", lang = self.lang.code()))?);
                while self.eat(Token::Comma).is_some() || self.eat(Token::And).is_some() {
                    items.push(self.expect_ident(text!(
                        "syntax-want-withheld-item",
                        lang = self.lang.code()
                    ))?);
                }
            }
            (Consequence::Withhold, items)
        } else if self.eat(Token::Flag).is_some() {
            (Consequence::Flag, Vec::new())
        } else {
            self.expected(text!(
                "syntax-want-withhold-or-flag",
                lang = self.lang.code()
            ));
            return None;
        };
        Some(StmtKind::WhenMissed { consequence, items })
    }
}
