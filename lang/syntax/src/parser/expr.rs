//! Expressions, by precedence climbing, and the literals in them.
//!
//! Binding powers follow the grammar's expression rules from loosest to tightest: `or`, `and`, `not` (a prefix
//! whose operand is a comparison), comparisons (non-associative), `+ -`, `* /` and the postfix `per UNIT`, then
//! unary `-`. Literals are valued here: numbers as exact decimals, dates as calendar dates, strings with their
//! escapes resolved; a literal that is not valid is reported and becomes [`ExprKind::Error`] (a string keeps what
//! could be read of it).

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;

use super::Parser;
use crate::ast::{BinaryOp, Expr, ExprKind, UnaryOp, Unit, UnitWord};
use crate::danish::{self, Language};
use crate::diagnostic::{Code, Diagnostic};
use crate::lexer::Token;
use crate::misread;
use crate::span::Span;
use cvl_messages::text;

/// Binding powers, loosest first.
const OR: u8 = 1;
const AND: u8 = 2;
const NOT: u8 = 3;
const COMPARE: u8 = 4;
const SUM: u8 = 5;
const PRODUCT: u8 = 6;
const UNARY: u8 = 7;

/// The most digits a number literal may have: every such number is held exactly.
const MAX_DIGITS: usize = 28;

fn infix(token: Token) -> Option<(u8, BinaryOp)> {
    Some(match token {
        Token::Or => (OR, BinaryOp::Or),
        Token::And => (AND, BinaryOp::And),
        Token::EqEq => (COMPARE, BinaryOp::Eq),
        Token::NotEq => (COMPARE, BinaryOp::NotEq),
        Token::Lt => (COMPARE, BinaryOp::Lt),
        Token::LtEq => (COMPARE, BinaryOp::LtEq),
        Token::Gt => (COMPARE, BinaryOp::Gt),
        Token::GtEq => (COMPARE, BinaryOp::GtEq),
        Token::Plus => (SUM, BinaryOp::Add),
        Token::Minus => (SUM, BinaryOp::Sub),
        Token::Star => (PRODUCT, BinaryOp::Mul),
        Token::Slash => (PRODUCT, BinaryOp::Div),
        _ => return None,
    })
}

impl Parser<'_> {
    /// An expression; `None` (reported) when none starts here.
    pub(super) fn expect_expr(&mut self) -> Option<Expr> {
        let expr = self.expr_bp(0)?;
        if self.too_deep {
            return None;
        }
        Some(expr)
    }

    /// An expression whose operators all bind at least as tightly as `min`.
    fn expr_bp(&mut self, min: u8) -> Option<Expr> {
        if !self.enter() {
            return None;
        }
        let result = self.expr_bp_inner(min);
        self.leave();
        result
    }

    /// Parses one operand and the operators that follow it. Each operator applied adds a level to the tree (a
    /// chain `1 + 1 + …` is a tree as deep as it is long), so each counts toward [`super::MAX_DEPTH`] too: a tree
    /// that deep could not even be dropped without overflowing the stack.
    fn expr_bp_inner(&mut self, min: u8) -> Option<Expr> {
        let mut chained = 0;
        let result = self.operator_chain(min, &mut chained);
        for _ in 0..chained {
            self.leave();
        }
        result
    }

    fn operator_chain(&mut self, min: u8, chained: &mut u32) -> Option<Expr> {
        let mut lhs = self.expect_prefix(min)?;
        // Comparisons do not chain: `a < b < c` is an error, not `(a < b) < c`.
        let mut compared = false;
        loop {
            let token = self.peek();
            if token == Token::Ident
                && misread::is_per_abbreviation(self.text_of(self.peek_span()))
                && PRODUCT >= min
            {
                // `… DKK pr. måned`: Danish for `per`. Reported, then read as `per` so that the unit is checked too.
                let word = self.bump();
                let span = self.eat_glued_dot(word);
                let written = self.text_of(span).to_string();
                self.last_error_at = Some(self.pos);
                self.report(
                    Diagnostic::new(
                        Code::E0004,
                        span,
                        text!("syntax-not-a-word", written = written),
                    )
                    .with_label(match self.lang {
                        Language::English => text!("syntax-per-label"),
                        Language::Danish => text!("syntax-per-label-danish"),
                    })
                    .with_help(match self.lang {
                        Language::English => text!("syntax-per-help"),
                        Language::Danish => text!("syntax-per-help-danish"),
                    }),
                );
                let unit = self.expect_unit_after_per();
                let end = unit.as_ref().map_or(span, |u| u.span);
                lhs = Expr {
                    kind: ExprKind::Error,
                    span: lhs.span.to(end),
                };
                continue;
            }
            if token == Token::Per {
                if PRODUCT < min {
                    break;
                }
                if !self.enter() {
                    return None;
                }
                *chained += 1;
                self.bump();
                let unit = self.expect_unit_after_per()?;
                let span = lhs.span.to(unit.span);
                lhs = Expr {
                    kind: ExprKind::Per(Box::new(lhs), unit),
                    span,
                };
                continue;
            }
            let Some((bp, op)) = infix(token) else { break };
            if bp < min {
                break;
            }
            if bp == COMPARE && compared {
                let span = self.peek_span();
                self.last_error_at = Some(self.pos);
                self.report(
                    Diagnostic::new(Code::E0011, span, text!("syntax-chained-comparison"))
                        .with_label(text!("syntax-chained-comparison-label"))
                        .with_secondary(lhs.span, text!("syntax-chained-comparison-first"))
                        .with_help(text!(
                            "syntax-chained-comparison-help",
                            lang = self.lang.code()
                        )),
                );
                return None;
            }
            if !self.enter() {
                return None;
            }
            *chained += 1;
            self.bump();
            let rhs = self.expr_bp(bp + 1)?;
            compared = bp == COMPARE;
            let span = lhs.span.to(rhs.span);
            lhs = Expr {
                kind: ExprKind::Binary(op, Box::new(lhs), Box::new(rhs)),
                span,
            };
        }
        Some(lhs)
    }

    fn expect_prefix(&mut self, min: u8) -> Option<Expr> {
        let (op, operand_bp) = match self.peek() {
            Token::Not if min <= NOT => (UnaryOp::Not, NOT),
            Token::Not => {
                self.expected_with_help(
                    text!("syntax-want-expression", lang = self.lang.code()),
                    Some(text!("syntax-not-help", lang = self.lang.code())),
                );
                return None;
            }
            Token::Minus => (UnaryOp::Neg, UNARY),
            _ => return self.expect_primary(),
        };
        let start = self.bump();
        let operand = self.expr_bp(operand_bp)?;
        let span = start.to(operand.span);
        Some(Expr {
            kind: ExprKind::Unary(op, Box::new(operand)),
            span,
        })
    }

    fn expect_primary(&mut self) -> Option<Expr> {
        let span = self.peek_span();
        let kind = match self.peek() {
            Token::LParen => {
                self.bump();
                let inner = self.expr_bp(0)?;
                self.expect_close(Token::RParen, span)?;
                return Some(Expr {
                    kind: inner.kind,
                    span: self.span_from(span),
                });
            }
            Token::Number => {
                if let Some(date) = self.date_in_words() {
                    return Some(date);
                }
                self.bump();
                if !misread::is_number(self.text_of(span)) {
                    self.misread_number(span);
                    let unit = self.parse_unit_after_number();
                    let span = unit.as_ref().map_or(span, |u| span.to(u.span));
                    return Some(Expr {
                        kind: ExprKind::Error,
                        span,
                    });
                }
                let value = self.number_value(span);
                let unit = self.parse_unit_after_number();
                let span = unit.as_ref().map_or(span, |u| span.to(u.span));
                return Some(Expr {
                    kind: match value {
                        Some(value) => ExprKind::Quantity { value, unit },
                        None => ExprKind::Error,
                    },
                    span,
                });
            }
            Token::Date => {
                self.bump();
                self.date_value(span)
                    .map_or(ExprKind::Error, ExprKind::Date)
            }
            Token::String | Token::UnterminatedString => {
                self.bump();
                ExprKind::Str(self.string_value(span))
            }
            Token::True => {
                self.bump();
                ExprKind::Bool(true)
            }
            Token::False => {
                self.bump();
                ExprKind::Bool(false)
            }
            Token::Ident => {
                if let Some(date) = self.date_in_words() {
                    return Some(date);
                }
                self.bump();
                ExprKind::Name(self.text_of(span).to_string())
            }
            _ => {
                self.expected(text!("syntax-want-expression", lang = self.lang.code()));
                return None;
            }
        };
        Some(Expr { kind, span })
    }

    /// The unit word right after a number, if a name follows it; a name that is no unit is E0012.
    fn parse_unit_after_number(&mut self) -> Option<UnitWord> {
        // `22 DKK pr. måned`: `pr` is the operator `per` misspelt, not a unit; the operator loop reports it.
        if !self.at(Token::Ident) || misread::is_per_abbreviation(self.text_of(self.peek_span())) {
            return None;
        }
        self.unit_word()
    }

    /// In a Danish file, the interval of `hver 3. måned` (spec 2.6), right after `hver`: a whole number written
    /// with a final point and a time unit word after it, valued as the number without its point. `None`, having
    /// consumed nothing, when the next tokens are not that.
    pub(super) fn parse_ordinal(&mut self) -> Option<Expr> {
        let span = self.peek_span();
        let text = self.text_of(span);
        let digits = text.strip_suffix('.')?;
        let whole = digits.starts_with(|c: char| c.is_ascii_digit())
            && digits.bytes().all(|b| b.is_ascii_digit() || b == b'_');
        let unit_follows = self.peek_at(1) == Token::Ident
            && self.tokens.get(self.pos + 1).is_some_and(|(_, s)| {
                danish::unit(self.text_of(*s))
                    .is_some_and(|(unit, _)| !matches!(unit, Unit::Currency(_)))
            });
        if self.lang != Language::Danish || !self.at(Token::Number) || !whole || !unit_follows {
            return None;
        }
        self.bump();
        let inner = Span::new(span.file, span.start, span.end.saturating_sub(1));
        let value = self.number_value(inner);
        let unit = self.unit_word();
        let span = unit.as_ref().map_or(span, |u| span.to(u.span));
        Some(Expr {
            kind: match value {
                Some(value) => ExprKind::Quantity { value, unit },
                None => ExprKind::Error,
            },
            span,
        })
    }

    /// The unit word at the current token, in the file's language; a name that is no unit is E0012, with the
    /// unit it most likely means, and a unit word of the other language is E0057.
    fn unit_word(&mut self) -> Option<UnitWord> {
        let span = self.bump();
        let word = self.text_of(span);
        let known = match self.lang {
            Language::English => Unit::from_word(word),
            Language::Danish => danish::unit(word),
        };
        match known {
            Some((unit, plural)) => Some(UnitWord { unit, plural, span }),
            None if self.lang == Language::Danish
                && let Some(meant) = danish::unit_of_other_language(word, self.lang) =>
            {
                let diagnostic = self.other_language(span, &meant);
                self.report(diagnostic);
                None
            }
            None => {
                // `kr.`, `md.`: an abbreviation's point belongs to the word, not to the next statement.
                let span = self.eat_glued_dot(span);
                let written = self.text_of(span);
                self.report(unknown_unit(span, written, self.lang));
                None
            }
        }
    }

    /// The span of `word` with the `.` written right after it, consumed, if there is one.
    fn eat_glued_dot(&mut self, word: Span) -> Span {
        let dot = self.peek_span();
        if self.at(Token::Dot) && dot.start == word.end {
            self.bump();
            word.to(dot)
        } else {
            word
        }
    }

    /// Reports a number-like text that is not a CVL number (`22,500`, `1.234.567`, `01.03.2024`, `5.`) as what it
    /// most likely is, with the CVL spelling in the help line.
    fn misread_number(&mut self, span: Span) {
        let text = self.text_of(span);
        let diagnostic = match misread::read(text) {
            misread::Reading::Date(date) => Diagnostic::new(
                Code::E0004,
                span,
                text!("syntax-not-written-as-date", written = text),
            )
            .with_label(text!("syntax-date-label"))
            .with_help(misread::date_help_text(date)),
            misread::Reading::Number(help) => {
                let label = if text.contains(',') {
                    text!("syntax-comma-in-number")
                } else {
                    text!("syntax-point-in-number")
                };
                Diagnostic::new(
                    Code::E0004,
                    span,
                    text!("syntax-not-a-number", written = text),
                )
                .with_label(label)
                .with_help(help)
            }
        };
        self.last_error_at = Some(self.pos);
        self.report(diagnostic);
    }

    /// A date written in words, `1. marts 2024`, `1 March 2024` or `March 1, 2024`, at the current token: reported
    /// with its `YYYY-MM-DD` form and read as an error expression. `None` (nothing consumed) when the tokens here
    /// are not such a date.
    fn date_in_words(&mut self) -> Option<Expr> {
        let token = |i: usize| self.tokens.get(self.pos + i).map(|(t, s)| (*t, *s));
        let text = |span: Span| self.text_of(span);
        let day_of = |span: Span| -> Option<u64> {
            let digits = text(span).strip_suffix('.').unwrap_or(text(span));
            (digits.len() <= 2 && digits.chars().all(|c| c.is_ascii_digit()))
                .then(|| digits.parse().ok())
                .flatten()
        };
        let year_of = |span: Span| -> Option<u64> {
            let digits = text(span);
            (digits.len() == 4 && digits.chars().all(|c| c.is_ascii_digit()))
                .then(|| digits.parse().ok())
                .flatten()
        };
        // The month's word, with an abbreviation's point: the month and how many tokens it takes.
        let month_at = |i: usize| -> Option<(u64, usize)> {
            let (Token::Ident, span) = token(i)? else {
                return None;
            };
            let month = u64::from(misread::month_number(text(span))?);
            match token(i + 1) {
                Some((Token::Dot, dot)) if dot.start == span.end => Some((month, 2)),
                _ => Some((month, 1)),
            }
        };
        let (first, _) = token(0)?;
        let (day, month, year, count) = if first == Token::Number {
            // `1. marts 2024`, `1 March 2024`
            let day = day_of(token(0)?.1)?;
            let (month, taken) = month_at(1)?;
            let (Token::Number, year_span) = token(1 + taken)? else {
                return None;
            };
            (day, month, year_of(year_span)?, 2 + taken)
        } else {
            // `March 1, 2024`
            let (month, taken) = month_at(0)?;
            let (Token::Number, day_span) = token(taken)? else {
                return None;
            };
            let day = day_of(day_span)?;
            let comma = usize::from(matches!(token(taken + 1), Some((Token::Comma, _))));
            let (Token::Number, year_span) = token(taken + 1 + comma)? else {
                return None;
            };
            (day, month, year_of(year_span)?, taken + 2 + comma)
        };
        let start = self.peek_span();
        for _ in 0..count {
            self.bump();
        }
        let span = self.span_from(start);
        let written = self.text_of(span).to_string();
        self.last_error_at = Some(self.pos);
        self.report(
            Diagnostic::new(
                Code::E0004,
                span,
                text!("syntax-not-written-as-date", written = written),
            )
            .with_label(text!("syntax-date-label"))
            .with_help(misread::date_help_text(misread::calendar_day(
                year, month, day,
            ))),
        );
        Some(Expr {
            kind: ExprKind::Error,
            span,
        })
    }

    pub(super) fn expect_unit_after_per(&mut self) -> Option<UnitWord> {
        if !self.at(Token::Ident) {
            self.expected_with_help(
                text!("syntax-want-unit-after-per", lang = self.lang.code()),
                Some(text!("syntax-units-help", lang = self.lang.code())),
            );
            return None;
        }
        self.unit_word()
    }

    // -----------------------------------------------------------------------------------------------------------
    // Literals

    fn number_value(&mut self, span: Span) -> Option<Decimal> {
        let text = self.text_of(span);
        let digits: String = text.chars().filter(|&c| c != '_').collect();
        let significant = digits.bytes().filter(u8::is_ascii_digit).count();
        match Decimal::from_str_exact(&digits) {
            Ok(value) if significant <= MAX_DIGITS => Some(value),
            _ => {
                self.report(
                    Diagnostic::new(
                        Code::E0007,
                        span,
                        text!("syntax-too-many-digits", written = text),
                    )
                    .with_label(text!("syntax-too-many-digits-label"))
                    .with_help(text!("syntax-too-many-digits-help", max = MAX_DIGITS)),
                );
                None
            }
        }
    }

    fn date_value(&mut self, span: Span) -> Option<NaiveDate> {
        let text = self.text_of(span);
        // A day of the year 0000 is read, for the checker to refuse with E0017 (spec 7).
        if let Some(date) = crate::date::parse_written_day(text) {
            return Some(date);
        }
        let part =
            |range: std::ops::Range<usize>| text.get(range).and_then(|p| p.parse::<u32>().ok());
        let (year, month) = (part(0..4), part(5..7));
        let help = match (year, month) {
            (_, Some(month)) if !(1..=12).contains(&month) => text!("syntax-month-range-help"),
            (Some(year), Some(month)) => match last_day_of_month(year, month) {
                Some(last) => text!("syntax-month-days-help", days = last),
                None => text!("syntax-date-form-help"),
            },
            _ => text!("syntax-date-form-help"),
        };
        self.report(
            Diagnostic::new(
                Code::E0006,
                span,
                text!("syntax-not-in-calendar", written = text),
            )
            .with_label(text!("syntax-not-in-calendar-label"))
            .with_help(help),
        );
        None
    }

    /// The value of a string token with its escapes resolved; a bad escape or a missing closing quote is reported.
    pub(super) fn string_value(&mut self, span: Span) -> String {
        let text = self.text_of(span);
        let terminated = text.len() >= 2 && text.ends_with('"') && !ends_in_escaped_quote(text);
        if !terminated {
            self.report(
                Diagnostic::new(Code::E0002, span, text!("syntax-unterminated-string"))
                    .with_label(text!("syntax-unterminated-string-label"))
                    .with_help(text!("syntax-unterminated-string-help")),
            );
        }
        let body = text.strip_prefix('"').unwrap_or(text);
        let body = if terminated {
            body.strip_suffix('"').unwrap_or(body)
        } else {
            body
        };
        let mut value = String::with_capacity(body.len());
        let mut chars = body.char_indices();
        while let Some((i, c)) = chars.next() {
            if c != '\\' {
                value.push(c);
                continue;
            }
            let escaped = chars.next();
            match escaped.map(|(_, e)| e) {
                Some('"') => value.push('"'),
                Some('\\') => value.push('\\'),
                Some('n') => value.push('\n'),
                Some('t') => value.push('\t'),
                other => {
                    let start = span.start + 1 + u32::try_from(i).unwrap_or(0);
                    let len = 1 + other.map_or(0, |e| u32::try_from(e.len_utf8()).unwrap_or(1));
                    let shown = format!("\\{}", other.map(String::from).unwrap_or_default());
                    self.report(
                        Diagnostic::new(
                            Code::E0003,
                            Span::new(span.file, start, start + len),
                            text!("syntax-bad-escape", written = shown),
                        )
                        .with_label(text!("syntax-bad-escape-label"))
                        .with_help(text!("syntax-bad-escape-help")),
                    );
                }
            }
        }
        value
    }
}

/// Whether the closing `"` of `text` is really an escaped quote (an odd number of backslashes before it).
fn ends_in_escaped_quote(text: &str) -> bool {
    let without_quote = text.strip_suffix('"').unwrap_or(text);
    let backslashes = without_quote
        .chars()
        .rev()
        .take_while(|&c| c == '\\')
        .count();
    backslashes % 2 == 1
}

/// The number of days in a month, by chrono, as evaluation counts them.
fn last_day_of_month(year: u32, month: u32) -> Option<u32> {
    let first = NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, 1)?;
    Some(u32::from(first.num_days_in_month()))
}

/// E0012 for `word`; the help names the unit it most likely means (`måned` is `month`, `kr.` is `DKK`), or says
/// how a date is written when it is a month's name.
fn unknown_unit(span: Span, word: &str, lang: Language) -> Diagnostic {
    let meant = misread::unit_meant(word);
    if lang == Language::Danish {
        // A Danish file writes its units in Danish: the help names the Danish word.
        let help = match meant
            .as_deref()
            .and_then(|m| danish::unit_of_other_language(m, lang))
        {
            Some(meant) => text!("syntax-unit-meant-help", meant = meant),
            None => text!("syntax-units-help", lang = lang.code()),
        };
        return Diagnostic::new(Code::E0012, span, text!("syntax-not-a-unit", word = word))
            .with_label(text!("syntax-not-a-unit-label"))
            .with_help(help);
    }
    let help = match meant {
        Some(meant) if meant.chars().all(|c| c.is_ascii_uppercase()) => {
            text!("syntax-currency-meant-help", meant = meant)
        }
        Some(meant) => text!("syntax-unit-meant-english-help", meant = meant),
        None if misread::month_number(word).is_some() => text!("syntax-month-as-unit-help"),
        None => text!("syntax-units-help", lang = lang.code()),
    };
    Diagnostic::new(Code::E0012, span, text!("syntax-not-a-unit", word = word))
        .with_label(text!("syntax-not-a-unit-label"))
        .with_help(help)
}
